//! Browser tests: the built site, opened from disk (file:// URLs) in headless Chromium.
//!
//! The site is built once per test binary into target/tmp/browser-site. Each test starts its own
//! Chromium with a fresh profile; the tests take turns (one browser at a time), since the
//! machines this runs on have few cores. Every test fails on a console error, an uncaught
//! exception or a failed load reported by the page.
//!
//! Needs Debian's Chromium at /usr/bin/chromium (`apt-get install -y chromium`). Screenshots are
//! written to target/screenshots/.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use chromiumoxide::browser::{Browser, BrowserConfig};
use chromiumoxide::cdp::browser_protocol::emulation::{
    MediaFeature, SetDeviceMetricsOverrideParams, SetEmulatedMediaParams,
    SetScriptExecutionDisabledParams,
};
use chromiumoxide::cdp::browser_protocol::input::{
    DispatchMouseEventParams, DispatchMouseEventType,
};
use chromiumoxide::cdp::browser_protocol::log::{EventEntryAdded, LogEntryLevel};
use chromiumoxide::cdp::browser_protocol::network::EventRequestWillBeSent;
use chromiumoxide::cdp::browser_protocol::page::CaptureScreenshotFormat;
use chromiumoxide::cdp::js_protocol::runtime::{
    ConsoleApiCalledType, EvaluateParams, EventConsoleApiCalled, EventExceptionThrown,
};
use chromiumoxide::handler::viewport::Viewport;
use chromiumoxide::layout::Point;
use chromiumoxide::page::ScreenshotParams;
use chromiumoxide::Page;
use futures::StreamExt;
use serde_json::Value;

const CHROMIUM: &str = "/usr/bin/chromium";
const ARTICLE: &str = "russia-china-partnership/index.html";
const SOURCES: &str = "russia-china-partnership/sources.html";
const TIMELINE: &str = "russia-china-partnership/timeline.html";
const GALLERY: &str = "russia-china-partnership/figures/index.html";
/// The chart page of one chart, and the chart's id.
const CHART_PAGE: &str = "russia-china-partnership/figures/trade-h1-2023.html";
const CHART: &str = "trade-h1-2023";
/// How long one wait for the page may take before the test fails.
const WAIT: Duration = Duration::from_secs(10);
/// How long plotly.js (4.5 MB, loaded on demand) may take to load and draw a chart.
const PLOTLY_WAIT: Duration = Duration::from_secs(20);
/// How long one whole test may take.
const TEST_LIMIT: Duration = Duration::from_secs(90);

// ---------------------------------------------------------------------------------------------
// Harness
// ---------------------------------------------------------------------------------------------

/// The site, built once per test binary.
fn site_dir() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let (site, _warnings) = match explainer::build(&content, &Default::default()) {
            Ok(built) => built,
            Err(problems) => panic!("the site does not build: {problems:?}"),
        };
        // Cargo's temporary folder for integration tests (target/tmp); replaced on every run.
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-site");
        explainer::output::write_site(&site, &dir).expect("write the built site");
        dir
    })
}

/// The file:// URL of a page of the built site (`rel` may end in `#fragment`).
fn url(rel: &str) -> String {
    format!("file://{}/{rel}", site_dir().display())
}

/// Runs one browser test: one at a time, on its own runtime, within [`TEST_LIMIT`].
fn run(test: impl Future<Output = ()>) {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    site_dir();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("tokio runtime");
    runtime.block_on(async {
        if tokio::time::timeout(TEST_LIMIT, test).await.is_err() {
            panic!("the test took longer than {TEST_LIMIT:?}");
        }
    });
}

/// A Chromium profile folder, removed when the test ends (however it ends).
struct Profile(PathBuf);

impl Drop for Profile {
    fn drop(&mut self) {
        // Chromium's helper processes may still write into it for a moment after it quits.
        for _ in 0..20 {
            if std::fs::remove_dir_all(&self.0).is_ok() || !self.0.exists() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

/// One browser with one page, and what the page reported.
struct Session {
    browser: Browser,
    handler: tokio::task::JoinHandle<()>,
    page: Page,
    /// Console errors, uncaught exceptions and error log entries (failed loads).
    errors: Arc<Mutex<Vec<String>>>,
    /// The URL of every request the page made.
    requests: Arc<Mutex<Vec<String>>>,
    _profile: Profile,
}

impl Session {
    /// Starts Chromium with a desktop viewport (1280 × 900) and an empty page.
    async fn start() -> Session {
        assert!(
            Path::new(CHROMIUM).exists(),
            "the browser tests need Chromium at {CHROMIUM}: install it with \
             `apt-get install -y chromium`"
        );
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let profile = Profile(std::env::temp_dir().join(format!(
            "explainer-browser-tests-profile-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::SeqCst)
        )));
        let _ = std::fs::remove_dir_all(&profile.0);
        std::fs::create_dir_all(&profile.0).expect("create the Chromium profile folder");
        let config = BrowserConfig::builder()
            .chrome_executable(CHROMIUM)
            .new_headless_mode()
            .no_sandbox()
            .user_data_dir(&profile.0)
            .viewport(Viewport {
                width: 1280,
                height: 900,
                device_scale_factor: Some(1.0),
                emulating_mobile: false,
                is_landscape: true,
                has_touch: false,
            })
            .args([
                "disable-gpu",
                "disable-background-networking",
                "disable-component-update",
                "no-first-run",
            ])
            .build()
            .expect("Chromium configuration");
        let (browser, mut handler) = Browser::launch(config)
            .await
            .unwrap_or_else(|e| panic!("could not start {CHROMIUM}: {e}"));
        let handler = tokio::spawn(async move { while handler.next().await.is_some() {} });
        let page = browser.new_page("about:blank").await.expect("open a page");
        page.enable_runtime().await.expect("enable Runtime");
        page.enable_log().await.expect("enable Log");

        let errors = Arc::new(Mutex::new(Vec::new()));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let mut console = page
            .event_listener::<EventConsoleApiCalled>()
            .await
            .expect("listen to the console");
        let sink = errors.clone();
        tokio::spawn(async move {
            while let Some(event) = console.next().await {
                if event.r#type == ConsoleApiCalledType::Error {
                    let text: Vec<String> = event
                        .args
                        .iter()
                        .map(|a| match (&a.value, &a.description) {
                            (Some(v), _) => v.to_string(),
                            (None, Some(d)) => d.clone(),
                            (None, None) => format!("{:?}", a.r#type),
                        })
                        .collect();
                    sink.lock()
                        .unwrap()
                        .push(format!("console.error: {}", text.join(" ")));
                }
            }
        });
        let mut exceptions = page
            .event_listener::<EventExceptionThrown>()
            .await
            .expect("listen to exceptions");
        let sink = errors.clone();
        tokio::spawn(async move {
            while let Some(event) = exceptions.next().await {
                let d = &event.exception_details;
                let detail = d
                    .exception
                    .as_ref()
                    .and_then(|e| e.description.clone())
                    .unwrap_or_default();
                sink.lock().unwrap().push(format!(
                    "uncaught exception: {} {detail} at {}:{}:{}",
                    d.text,
                    d.url.clone().unwrap_or_default(),
                    d.line_number,
                    d.column_number
                ));
            }
        });
        let mut log = page
            .event_listener::<EventEntryAdded>()
            .await
            .expect("listen to the log");
        let sink = errors.clone();
        tokio::spawn(async move {
            while let Some(event) = log.next().await {
                if event.entry.level == LogEntryLevel::Error {
                    sink.lock().unwrap().push(format!(
                        "log error ({:?}): {} {}",
                        event.entry.source,
                        event.entry.text,
                        event.entry.url.clone().unwrap_or_default()
                    ));
                }
            }
        });
        let mut sent = page
            .event_listener::<EventRequestWillBeSent>()
            .await
            .expect("listen to requests");
        let sink = requests.clone();
        tokio::spawn(async move {
            while let Some(event) = sent.next().await {
                sink.lock().unwrap().push(event.request.url.clone());
            }
        });

        Session {
            browser,
            handler,
            page,
            errors,
            requests,
            _profile: profile,
        }
    }

    /// Asserts that the page reported no error, then closes the browser.
    async fn finish(mut self) {
        // Let late events (a failing deferred script, a late load) arrive.
        tokio::time::sleep(Duration::from_millis(150)).await;
        let errors = self.errors.lock().unwrap().clone();
        self.browser.close().await.expect("close Chromium");
        let _ = self.browser.wait().await;
        let _ = (&mut self.handler).await;
        assert!(
            errors.is_empty(),
            "the pages reported errors:\n{}",
            errors.join("\n")
        );
    }

    /// Opens a page of the built site and waits until it has loaded and its script has run.
    async fn open(&self, rel: &str) {
        self.open_url(&url(rel)).await;
    }

    /// Opens any URL (`file://…`, `http://…`) and waits until the page has loaded.
    async fn open_url(&self, address: &str) {
        self.page
            .goto(address)
            .await
            .unwrap_or_else(|e| panic!("open {address}: {e}"));
        let without_fragment = address.split('#').next().unwrap_or(address);
        let file = without_fragment
            .rsplit('/')
            .next()
            .unwrap_or(without_fragment);
        self.wait_until(
            &format!("{address} to load"),
            &format!(
                "document.readyState === 'complete' && location.pathname.endsWith({})",
                js_str(&format!("/{file}"))
            ),
        )
        .await;
    }

    /// Evaluates an expression in the page (awaiting a promise) and returns its value.
    async fn try_eval(&self, expr: &str) -> Result<Value, String> {
        let params = EvaluateParams::builder()
            .expression(expr)
            .return_by_value(true)
            .await_promise(true)
            .build()
            .map_err(|e| e.to_string())?;
        let result = self
            .page
            .evaluate_expression(params)
            .await
            .map_err(|e| e.to_string())?;
        Ok(result.value().cloned().unwrap_or(Value::Null))
    }

    /// Evaluates an expression in the (i)frame whose URL ends with `frame_url`.
    async fn try_eval_in_frame(&self, frame_url: &str, expr: &str) -> Result<Value, String> {
        let mut context = None;
        for frame in self.page.frames().await.map_err(|e| e.to_string())? {
            let address = self
                .page
                .frame_url(frame.clone())
                .await
                .map_err(|e| e.to_string())?;
            if address.is_some_and(|a| a.ends_with(frame_url)) {
                context = self
                    .page
                    .frame_execution_context(frame)
                    .await
                    .map_err(|e| e.to_string())?;
            }
        }
        let context = context.ok_or_else(|| format!("no frame at …{frame_url} (yet)"))?;
        let params = EvaluateParams::builder()
            .expression(expr)
            .context_id(context)
            .return_by_value(true)
            .await_promise(true)
            .build()
            .map_err(|e| e.to_string())?;
        let result = self
            .page
            .evaluate_expression(params)
            .await
            .map_err(|e| e.to_string())?;
        Ok(result.value().cloned().unwrap_or(Value::Null))
    }

    async fn eval(&self, expr: &str) -> Value {
        self.try_eval(expr)
            .await
            .unwrap_or_else(|e| panic!("evaluating `{expr}` failed: {e}"))
    }

    async fn eval_bool(&self, expr: &str) -> bool {
        match self.eval(expr).await {
            Value::Bool(b) => b,
            other => panic!("`{expr}` gave {other}, not a boolean"),
        }
    }

    async fn eval_str(&self, expr: &str) -> String {
        match self.eval(expr).await {
            Value::String(s) => s,
            other => panic!("`{expr}` gave {other}, not a string"),
        }
    }

    async fn eval_f64(&self, expr: &str) -> f64 {
        self.eval(expr)
            .await
            .as_f64()
            .unwrap_or_else(|| panic!("`{expr}` did not give a number"))
    }

    /// Polls `expr` until it is true (navigation in between is fine); fails after [`WAIT`].
    async fn wait_until(&self, what: &str, expr: &str) {
        self.wait_until_within(what, expr, WAIT).await;
    }

    /// Polls `expr` until it is true; fails after `limit`.
    async fn wait_until_within(&self, what: &str, expr: &str, limit: Duration) {
        let start = Instant::now();
        let mut last = String::new();
        while start.elapsed() < limit {
            match self.try_eval(expr).await {
                Ok(Value::Bool(true)) => return,
                Ok(v) => last = v.to_string(),
                Err(e) => last = e,
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let state = self
            .try_eval("location.href + ' | ' + document.title")
            .await
            .unwrap_or_default();
        panic!("waited {limit:?} for {what} (`{expr}`), last result: {last}; page: {state}");
    }

    /// Moves the mouse to a point of the viewport, as a reader's first move would. Two
    /// moves, so that a pointer already at the point still moves.
    async fn move_mouse(&self, x: f64, y: f64) {
        for point in [Point::new(x + 3.0, y + 3.0), Point::new(x, y)] {
            self.page
                .move_mouse(point)
                .await
                .unwrap_or_else(|e| panic!("could not move the mouse to {x}, {y}: {e}"));
        }
    }

    /// Turns the mouse wheel over a point of the viewport.
    async fn wheel(&self, x: f64, y: f64, delta_y: f64) {
        let params = DispatchMouseEventParams::builder()
            .r#type(DispatchMouseEventType::MouseWheel)
            .x(x)
            .y(y)
            .delta_x(0.0)
            .delta_y(delta_y)
            .build()
            .expect("a wheel event");
        self.page.execute(params).await.expect("turn the wheel");
    }

    /// The requests for plotly.js made so far.
    fn plotly_requests(&self) -> Vec<String> {
        self.requests
            .lock()
            .unwrap()
            .iter()
            .filter(|u| u.contains("/plotly-"))
            .cloned()
            .collect()
    }

    /// Waits until plotly has drawn the chart of `holder` (a `.chart-figure`, the
    /// `.timeline-overview` or an embed's `main`): it has its class and plotly's SVG.
    async fn wait_for_chart(&self, holder: &str) {
        self.wait_until_within(
            &format!("plotly to draw the chart of `{holder}`"),
            &format!(
                "(() => {{ const h = document.querySelector({}); return !!h && \
                 h.classList.contains('is-drawn') && !!h.querySelector('div.plot svg.main-svg'); }})()",
                js_str(holder)
            ),
            PLOTLY_WAIT,
        )
        .await;
    }

    /// Fails unless the page fits `width` CSS pixels (no sideways scrolling), naming the
    /// elements that stick out if it does not.
    async fn assert_fits(&self, page: &str, width: f64) {
        let scroll_width = self.eval_f64("document.documentElement.scrollWidth").await;
        // On a phone, content wider than the screen also widens the layout viewport (the
        // page is zoomed out), so innerWidth is checked too.
        let viewport = self.eval_f64("innerWidth").await;
        if scroll_width > width || viewport > width {
            let wide = self
                .eval(&format!(
                    "(() => {{ const over = (e) => e.getBoundingClientRect().right > {width} + 0.5; \
                     return Array.from(document.querySelectorAll('body *')).filter(e => \
                     over(e) && !Array.from(e.children).some(over)).slice(0, 8).map(e => \
                     e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + \
                     (e.className && typeof e.className === 'string' ? '.' + e.className.replace(/ /g, '.') : '') + \
                     ' right=' + Math.round(e.getBoundingClientRect().right)); }})()"
                ))
                .await;
            panic!(
                "{page} is wider than a {width} px screen: scrollWidth {scroll_width}, innerWidth \
                 {viewport}; too wide: {wide}"
            );
        }
    }

    /// Saves a screenshot of the viewport and checks it is a PNG of `width` × `height` pixels.
    async fn screenshot(&self, path: &Path, width: u32, height: u32) {
        let png = self
            .page
            .save_screenshot(
                ScreenshotParams::builder()
                    .format(CaptureScreenshotFormat::Png)
                    .build(),
                path,
            )
            .await
            .unwrap_or_else(|e| panic!("screenshot {}: {e}", path.display()));
        assert_png(path, &png, width, height);
    }

    /// Clicks an element the way a person would (scrolled into view, mouse at its centre).
    async fn click(&self, selector: &str) {
        let element = self
            .page
            .find_element(selector)
            .await
            .unwrap_or_else(|e| panic!("no element `{selector}`: {e}"));
        element
            .click()
            .await
            .unwrap_or_else(|e| panic!("could not click `{selector}`: {e}"));
    }

    /// Presses a key, sent to whatever has the focus.
    async fn press(&self, key: &str) {
        let body = self.page.find_element("body").await.expect("body");
        body.press_key(key)
            .await
            .unwrap_or_else(|e| panic!("could not press {key}: {e}"));
    }

    /// Emulates a screen: `mobile` makes the page's viewport meta tag count, as on a phone.
    async fn set_screen(&self, width: i64, height: i64, scale: f64, mobile: bool) {
        self.page
            .execute(SetDeviceMetricsOverrideParams::new(
                width, height, scale, mobile,
            ))
            .await
            .expect("set device metrics");
    }

    async fn set_color_scheme(&self, scheme: &str) {
        self.page
            .execute(
                SetEmulatedMediaParams::builder()
                    .features(vec![MediaFeature::new("prefers-color-scheme", scheme)])
                    .build(),
            )
            .await
            .expect("emulate prefers-color-scheme");
    }
}

impl Drop for Session {
    /// When a test fails before [`Session::finish`], stops Chromium at once, so that no browser
    /// outlives the test and its profile folder can be removed.
    fn drop(&mut self) {
        if let Some(child) = self.browser.get_mut_child() {
            let child = child.as_mut_inner();
            if let Ok(None) = child.try_wait() {
                let _ = child.start_kill();
                let deadline = Instant::now() + Duration::from_secs(5);
                while Instant::now() < deadline && matches!(child.try_wait(), Ok(None)) {
                    std::thread::sleep(Duration::from_millis(20));
                }
            }
        }
    }
}

/// A JavaScript string literal.
fn js_str(s: &str) -> String {
    Value::String(s.to_string()).to_string()
}

/// JavaScript for "the note popover is in the document and shown".
const POPOVER_VISIBLE: &str = "(() => { const p = document.querySelector('.note-popover'); \
    if (!p) return false; const r = p.getBoundingClientRect(); const s = getComputedStyle(p); \
    return r.width > 0 && r.height > 0 && s.display !== 'none' && s.visibility !== 'hidden' \
    && Number(s.opacity) > 0; })()";

/// Parses `rgb(r, g, b)` / `rgba(r, g, b, a)` into (r + g + b, alpha).
fn rgb_sum(css: &str) -> (f64, f64) {
    let inner = css
        .trim()
        .trim_start_matches("rgba(")
        .trim_start_matches("rgb(")
        .trim_end_matches(')');
    let parts: Vec<f64> = inner
        .split([',', ' ', '/'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.parse()
                .unwrap_or_else(|_| panic!("not an rgb() colour: {css}"))
        })
        .collect();
    assert!(parts.len() >= 3, "not an rgb() colour: {css}");
    (
        parts[0] + parts[1] + parts[2],
        parts.get(3).copied().unwrap_or(1.0),
    )
}

/// Checks that `bytes` is a PNG of the given pixel size.
fn assert_png(path: &Path, bytes: &[u8], width: u32, height: u32) {
    assert!(
        bytes.len() > 1000,
        "{} is too small for a screenshot ({} bytes)",
        path.display(),
        bytes.len()
    );
    assert_eq!(
        &bytes[..8],
        b"\x89PNG\r\n\x1a\n",
        "{} is not a PNG",
        path.display()
    );
    assert_eq!(&bytes[12..16], b"IHDR", "{} has no IHDR", path.display());
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    assert_eq!(
        (w, h),
        (width, height),
        "{} has the wrong size",
        path.display()
    );
}

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

#[test]
fn note_opens_on_click_and_closes_on_escape() {
    run(async {
        let s = Session::start().await;
        s.open(ARTICLE).await;
        assert!(
            !s.eval_bool("!!document.querySelector('.note-popover')")
                .await,
            "a popover is open before any click"
        );
        s.click("#fnref-1").await;
        s.wait_until("the popover of note 1 to open", POPOVER_VISIBLE)
            .await;
        let note = s
            .eval_str("document.querySelector('#fn-1 .note-text').textContent.replace(/\\s+/g, ' ').trim()")
            .await;
        assert!(note.contains("Совместное заявление"), "note 1 is: {note}");
        let shown = s
            .eval_str("document.querySelector('.note-popover').textContent.replace(/\\s+/g, ' ')")
            .await;
        assert!(
            shown.contains(&note),
            "the popover does not show note 1.\npopover: {shown}\nnote: {note}"
        );
        assert_eq!(
            s.eval("document.querySelectorAll('.note-popover').length")
                .await,
            1
        );
        assert_eq!(
            s.eval_str("document.getElementById('fnref-1').getAttribute('aria-expanded')")
                .await,
            "true"
        );
        assert!(
            s.eval_bool(
                "(() => { const p = document.querySelector('.note-popover'); \
                 return p.getAttribute('role') === 'dialog' && p.contains(document.activeElement); })()"
            )
            .await,
            "focus did not move into the popover (active element: {})",
            s.eval("document.activeElement.outerHTML.slice(0, 120)").await
        );
        // The popover is inside the viewport.
        assert!(
            s.eval_bool(
                "(() => { const r = document.querySelector('.note-popover').getBoundingClientRect(); \
                 return r.left >= 0 && r.right <= document.documentElement.clientWidth \
                 && r.top >= 0 && r.top < innerHeight; })()"
            )
            .await,
            "the popover is outside the viewport: {}",
            s.eval("JSON.stringify(document.querySelector('.note-popover').getBoundingClientRect())")
                .await
        );

        s.press("Escape").await;
        s.wait_until(
            "the popover to close on Escape",
            "!document.querySelector('.note-popover')",
        )
        .await;
        assert_eq!(s.eval_str("document.activeElement.id").await, "fnref-1");
        assert_eq!(
            s.eval_str("document.getElementById('fnref-1').getAttribute('aria-expanded')")
                .await,
            "false"
        );
        assert_eq!(
            s.eval_str("location.hash").await,
            "",
            "opening the popover navigated to the note"
        );
        s.finish().await;
    });
}

#[test]
fn note_opens_with_keyboard() {
    run(async {
        let s = Session::start().await;
        s.open(ARTICLE).await;
        s.eval("document.getElementById('fnref-5').focus()").await;
        assert_eq!(s.eval_str("document.activeElement.id").await, "fnref-5");
        s.press("Enter").await;
        s.wait_until("Enter on marker 5 to open its popover", POPOVER_VISIBLE)
            .await;
        let shown = s
            .eval_str("document.querySelector('.note-popover').textContent")
            .await;
        assert!(
            shown.contains("Ван И изложил пять пунктов"),
            "the popover does not show note 5: {shown}"
        );
        assert!(
            s.eval_bool("document.querySelector('.note-popover').contains(document.activeElement)")
                .await,
            "focus did not move into the popover"
        );
        s.press("Escape").await;
        s.wait_until(
            "the popover to close on Escape",
            "!document.querySelector('.note-popover')",
        )
        .await;
        assert_eq!(s.eval_str("document.activeElement.id").await, "fnref-5");

        // Open it again; a click elsewhere (on the title) closes it.
        s.press("Enter").await;
        s.wait_until("Enter to open the popover again", POPOVER_VISIBLE)
            .await;
        s.click("article h1").await;
        s.wait_until(
            "a click on the title to close the popover",
            "!document.querySelector('.note-popover')",
        )
        .await;
        assert_eq!(
            s.eval_str("document.getElementById('fnref-5').getAttribute('aria-expanded')")
                .await,
            "false"
        );
        s.finish().await;
    });
}

#[test]
fn note_to_source_and_back() {
    run(async {
        let s = Session::start().await;
        s.open(ARTICLE).await;
        s.click("#fnref-4").await;
        s.wait_until("the popover of note 4 to open", POPOVER_VISIBLE)
            .await;
        assert_eq!(
            s.eval_str("document.querySelector('.note-popover a.cite-link').getAttribute('href')")
                .await,
            "sources.html#src-xinhua-2022-fm-phone-call"
        );
        s.click(".note-popover a.cite-link").await;
        s.wait_until(
            "the source entry of note 4",
            "document.readyState === 'complete' && location.pathname.endsWith('/sources.html') \
             && location.hash === '#src-xinhua-2022-fm-phone-call'",
        )
        .await;
        assert!(
            s.eval_bool("!!document.querySelector('[role=doc-bibliography] > ol > li.source#src-xinhua-2022-fm-phone-call')")
                .await,
            "the sources page has no entry src-xinhua-2022-fm-phone-call"
        );
        assert!(
            s.eval_bool("document.querySelector(':target') === document.getElementById('src-xinhua-2022-fm-phone-call')")
                .await,
            "the source entry is not the :target"
        );
        s.wait_until(
            "the source entry to be scrolled into view",
            "(() => { const r = document.getElementById('src-xinhua-2022-fm-phone-call')\
             .getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight / 2; })()",
        )
        .await;
        let passage = "#src-xinhua-2022-fm-phone-call a.passage-link[href='index.html?from=xinhua-2022-fm-phone-call#political-position-p4']";
        assert!(
            s.eval_bool(&format!("!!document.querySelector({})", js_str(passage)))
                .await,
            "the source entry lists no passage link to index.html#political-position-p4"
        );
        s.click(passage).await;
        s.wait_until(
            "the cited passage in the article",
            "document.readyState === 'complete' && location.pathname.endsWith('/russia-china-partnership/index.html') \
             && location.hash === '#political-position-p4'",
        )
        .await;
        assert!(
            s.eval_bool("!!document.querySelector('#political-position-p4 sup.fnref a#fnref-4')")
                .await,
            "paragraph political-position-p4 does not hold marker 4"
        );
        s.wait_until(
            "the cited paragraph to be scrolled into view",
            "(() => { const r = document.getElementById('political-position-p4')\
             .getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight / 2; })()",
        )
        .await;
        // The passage offers the way back to the entry it was reached from.
        let back = "#political-position-p4 a.back-to-source";
        s.wait_until(
            "a link back to the source entry",
            &format!("!!document.querySelector({})", js_str(back)),
        )
        .await;
        s.click(back).await;
        s.wait_until(
            "the source entry again",
            "location.pathname.endsWith('/sources.html') && location.hash === '#src-xinhua-2022-fm-phone-call'",
        )
        .await;
        s.finish().await;
    });
}

#[test]
fn copy_citation() {
    run(async {
        let s = Session::start().await;
        s.open(SOURCES).await;
        // Record what the page copies, by either of its ways to copy.
        s.eval(
            "window.__copied = []; \
             if (navigator.clipboard) { navigator.clipboard.writeText = (t) => { \
               window.__copied.push(String(t)); return Promise.resolve(); }; } \
             document.execCommand = (cmd) => { if (cmd === 'copy') { \
               const a = document.activeElement; \
               window.__copied.push(a && 'value' in a ? a.value : String(getSelection())); } \
               return true; }; true",
        )
        .await;
        let entry = "#src-kremlin-2022-joint-statement-new-era";
        // The buttons sit in a closed "Cite this source" box: open it as a reader would.
        s.click(&format!("{entry} details.cite-box > summary"))
            .await;
        s.wait_until(
            "the cite box to open",
            &format!(
                "document.querySelector({}).open",
                js_str(&format!("{entry} details.cite-box"))
            ),
        )
        .await;
        let button = format!("{entry} button.copy");
        let target = s
            .eval_str(&format!(
                "document.querySelector({}).dataset.copy",
                js_str(&button)
            ))
            .await;
        assert_eq!(target, "cite-kremlin-2022-joint-statement-new-era-chicago");
        s.click(&button).await;
        s.wait_until("the citation to be copied", "window.__copied.length > 0")
            .await;
        let copied = s.eval_str("window.__copied[0]").await;
        assert!(
            copied.contains("Совместное заявление"),
            "the copied citation lacks the Russian title: {copied}"
        );
        let expected = s
            .eval_str(&format!(
                "document.getElementById({}).textContent.trim()",
                js_str(&target)
            ))
            .await;
        assert_eq!(
            copied, expected,
            "what was copied is not the citation shown"
        );
        s.wait_until(
            "the button to say it copied",
            &format!(
                "document.querySelector({}).textContent === 'Copied'",
                js_str(&button)
            ),
        )
        .await;
        s.finish().await;
    });
}

#[test]
fn no_horizontal_scroll_on_phone() {
    run(async {
        let s = Session::start().await;
        s.set_screen(360, 800, 2.0, true).await;
        for page in ["index.html", ARTICLE, SOURCES] {
            s.open(page).await;
            s.assert_fits(page, 360.0).await;
        }
        // An open note fits the phone's screen too.
        s.open(ARTICLE).await;
        s.click("#fnref-1").await;
        s.wait_until("the popover to open on the phone", POPOVER_VISIBLE)
            .await;
        let rect = s
            .eval("(() => { const r = document.querySelector('.note-popover').getBoundingClientRect(); \
                   return [r.left, r.right, r.top, r.bottom]; })()")
            .await;
        let r: Vec<f64> = rect
            .as_array()
            .expect("rect")
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        assert!(
            r[0] >= 0.0 && r[1] <= 360.0 && r[2] >= 0.0 && r[3] <= 800.0,
            "the open note does not fit a 360 × 800 phone screen: {r:?}"
        );
        let width = s.eval_f64("document.documentElement.scrollWidth").await;
        assert!(
            width <= 360.0,
            "with a note open, the article scrolls sideways: {width}"
        );
        s.finish().await;
    });
}

#[test]
fn no_console_errors() {
    run(async {
        let s = Session::start().await;
        for page in ["index.html", ARTICLE, SOURCES] {
            s.open(page).await;
            // Give late scripts and loads a moment.
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        let requests = s.requests.lock().unwrap().clone();
        assert!(
            requests.iter().any(|u| u.ends_with(".css"))
                && requests.iter().any(|u| u.ends_with(".js")),
            "no stylesheet or script request was seen: {requests:?}"
        );
        let outside: Vec<&String> = requests
            .iter()
            .filter(|u| !u.starts_with("file://") && !u.starts_with("data:"))
            .collect();
        assert!(
            outside.is_empty(),
            "the pages made requests that are not to files on disk: {outside:?}"
        );
        s.finish().await;
    });
}

#[test]
fn dark_mode() {
    run(async {
        let s = Session::start().await;
        let background = "getComputedStyle(document.body).backgroundColor";
        let text = "getComputedStyle(document.body).color";
        s.open(ARTICLE).await;
        let light = s.eval_str(background).await;
        let (sum, alpha) = rgb_sum(&light);
        assert!(
            alpha > 0.99 && sum > 600.0,
            "the light background is not light: {light}"
        );
        s.set_color_scheme("dark").await;
        for page in ["index.html", ARTICLE, SOURCES] {
            s.open(page).await;
            assert!(
                s.eval_bool("matchMedia('(prefers-color-scheme: dark)').matches")
                    .await,
                "dark mode emulation did not take"
            );
            let bg = s.eval_str(background).await;
            let (sum, alpha) = rgb_sum(&bg);
            assert!(
                alpha > 0.99 && sum < 200.0,
                "{page}: the dark background is not dark: {bg}"
            );
            let fg = s.eval_str(text).await;
            let (sum, _) = rgb_sum(&fg);
            assert!(sum > 450.0, "{page}: the dark-mode text is not light: {fg}");
        }
        s.finish().await;
    });
}

#[test]
fn screenshots() {
    run(async {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .parent()
            .expect("target folder")
            .join("screenshots");
        std::fs::create_dir_all(&dir).expect("create target/screenshots");
        let s = Session::start().await;
        // (name, width, height, scale, mobile)
        let screens = [
            ("phone", 360, 800, 2.0, true),
            ("desktop", 1366, 900, 1.0, false),
        ];
        for (screen, width, height, scale, mobile) in screens {
            for scheme in ["light", "dark"] {
                s.set_screen(width, height, scale, mobile).await;
                s.set_color_scheme(scheme).await;
                s.open(ARTICLE).await;
                s.eval("document.fonts.ready.then(() => true)").await;
                let path = dir.join(format!("article-{screen}-{scheme}.png"));
                let png = s
                    .page
                    .save_screenshot(
                        ScreenshotParams::builder()
                            .format(CaptureScreenshotFormat::Png)
                            .build(),
                        &path,
                    )
                    .await
                    .unwrap_or_else(|e| panic!("screenshot {}: {e}", path.display()));
                let on_disk = std::fs::read(&path).expect("read the screenshot back");
                assert_eq!(on_disk, png);
                let px = |n: i64| (n as f64 * scale) as u32;
                assert_png(&path, &on_disk, px(width), px(height));
            }
        }
        // A note open on the phone, and the sources page on the phone, to look at.
        s.set_screen(360, 800, 2.0, true).await;
        s.set_color_scheme("light").await;
        s.open(ARTICLE).await;
        s.click("#fnref-1").await;
        s.wait_until("the popover to open", POPOVER_VISIBLE).await;
        let path = dir.join("article-phone-light-note.png");
        let png = s
            .page
            .save_screenshot(ScreenshotParams::builder().build(), &path)
            .await
            .expect("screenshot");
        assert_png(&path, &png, 720, 1600);
        s.open(&format!(
            "{SOURCES}#src-kremlin-2022-joint-statement-new-era"
        ))
        .await;
        let path = dir.join("sources-phone-light.png");
        let png = s
            .page
            .save_screenshot(ScreenshotParams::builder().build(), &path)
            .await
            .expect("screenshot");
        assert_png(&path, &png, 720, 1600);
        s.finish().await;
    });
}

/// The error collection itself works, so that a quiet run means a quiet page.
#[test]
fn harness_reports_page_errors() {
    run(async {
        let s = Session::start().await;
        s.open("index.html").await;
        s.eval(
            "console.error('harness check: console'); \
             setTimeout(() => { throw new Error('harness check: exception'); }, 0); true",
        )
        .await;
        let start = Instant::now();
        loop {
            let errors = s.errors.lock().unwrap().clone();
            let console = errors.iter().any(|e| e.contains("harness check: console"));
            let exception = errors
                .iter()
                .any(|e| e.contains("harness check: exception"));
            if console && exception {
                break;
            }
            assert!(
                start.elapsed() < WAIT,
                "the harness did not report a console error and an exception: {errors:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        s.errors.lock().unwrap().clear();
        s.finish().await;
    });
}

// ---------------------------------------------------------------------------------------------
// Charts, embeds and the timeline
// ---------------------------------------------------------------------------------------------

/// JavaScript for "the element `id` is on screen, its top in the upper half of the viewport".
fn in_view(id: &str) -> String {
    format!(
        "(() => {{ const e = document.getElementById({}); if (!e) return false; \
         const r = e.getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight / 2; }})()",
        js_str(id)
    )
}

/// JavaScript for "the element matched by `selector` takes up room on the page".
fn shown(selector: &str) -> String {
    format!(
        "(() => {{ const e = document.querySelector({}); if (!e) return false; \
         const r = e.getBoundingClientRect(); return getComputedStyle(e).display !== 'none' \
         && r.width > 0 && r.height > 0; }})()",
        js_str(selector)
    )
}

/// The folder for screenshots, target/screenshots.
fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target folder")
        .join("screenshots");
    std::fs::create_dir_all(&dir).expect("create target/screenshots");
    dir
}

#[test]
fn chart_draws_only_when_scrolled_to() {
    run(async {
        let s = Session::start().await;
        s.open(ARTICLE).await;
        let holder = format!("#chart-{CHART}");
        assert!(
            s.eval_bool(&format!(
                "(() => {{ const r = document.querySelector({}).getBoundingClientRect(); \
                 return r.top > innerHeight + 300; }})()",
                js_str(&holder)
            ))
            .await,
            "the chart {CHART} is not far enough down the article for this test"
        );
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert!(
            s.plotly_requests().is_empty(),
            "plotly.js was requested before any chart was scrolled to: {:?}",
            s.plotly_requests()
        );
        assert!(
            !s.eval_bool("!!document.querySelector('div.plot[data-drawn], svg.main-svg')")
                .await,
            "a chart was drawn before any was scrolled to"
        );

        s.eval(&format!(
            "document.querySelector({}).scrollIntoView({{ block: 'center' }}); true",
            js_str(&holder)
        ))
        .await;
        s.wheel(640.0, 450.0, 5.0).await;
        s.wait_for_chart(&holder).await;
        assert!(
            s.eval_bool(&format!(
                "!!document.querySelector('#plot-{CHART} svg.main-svg')"
            ))
            .await
        );
        let requests = s.plotly_requests();
        assert_eq!(
            requests.len(),
            1,
            "plotly.js was not requested exactly once: {requests:?}"
        );
        let expected = s
            .eval_str("new URL(document.body.dataset.plotly, location.href).href")
            .await;
        assert_eq!(requests[0], expected, "plotly.js came from elsewhere");
        // Charts that were never near the screen stay pictures.
        let far_drawn = s
            .eval(
                "Array.from(document.querySelectorAll('div.plot[data-plot]')).filter(d => { \
                 const r = d.closest('.chart-figure').getBoundingClientRect(); \
                 return (r.bottom < -300 - innerHeight || r.top > 2 * innerHeight + 300) \
                 && d.hasAttribute('data-drawn'); }).map(d => d.id)",
            )
            .await;
        assert_eq!(
            far_drawn,
            Value::Array(vec![]),
            "charts far from the screen were drawn"
        );
        s.finish().await;
    });
}

#[test]
fn chart_in_view_waits_for_first_move() {
    run(async {
        let s = Session::start().await;
        s.open(CHART_PAGE).await;
        let fallback = format!("#chart-{CHART} img.chart-fallback");
        s.wait_until(
            "the chart's picture to load",
            &format!(
                "(() => {{ const i = document.querySelector({}); return !!i && i.complete \
                 && i.naturalWidth > 0; }})()",
                js_str(&fallback)
            ),
        )
        .await;
        assert!(
            s.eval_bool(&shown(&fallback)).await,
            "the chart's picture is not shown"
        );
        assert!(
            s.eval_bool(&format!(
                "(() => {{ const r = document.querySelector({}).getBoundingClientRect(); \
                 return r.top < innerHeight && r.bottom > 0; }})()",
                js_str(&fallback)
            ))
            .await,
            "the chart is not in view when the page opens"
        );
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert!(
            s.plotly_requests().is_empty(),
            "plotly.js was requested before the reader moved: {:?}",
            s.plotly_requests()
        );
        assert!(
            !s.eval_bool(&format!(
                "!!document.querySelector('#plot-{CHART} svg.main-svg')"
            ))
            .await,
            "the chart was drawn before the reader moved"
        );

        s.move_mouse(400.0, 300.0).await;
        s.wait_for_chart(&format!("#chart-{CHART}")).await;
        assert_eq!(s.plotly_requests().len(), 1);
        s.wait_until(
            "the picture to be hidden once the chart is drawn",
            &format!(
                "getComputedStyle(document.querySelector({})).display === 'none'",
                js_str(&fallback)
            ),
        )
        .await;
        assert!(
            s.eval_bool(&shown(&format!("#plot-{CHART}"))).await,
            "the drawn chart is not shown"
        );
        s.finish().await;
    });
}

#[test]
fn embed_posts_its_height() {
    run(async {
        let s = Session::start().await;
        // The embed code, as a reader copies it from the chart page.
        s.open(CHART_PAGE).await;
        let code = s
            .eval_str("document.getElementById('embed-code').value")
            .await;
        let relative = s
            .eval_str("document.getElementById('embed-code').dataset.embedUrl")
            .await;
        assert_eq!(relative, format!("../embed/{CHART}.html"));
        let relative_src = format!("src=\"{relative}\"");
        assert!(
            code.contains(&relative_src) && code.contains("<script>"),
            "the embed code has no iframe with {relative_src} and no script:\n{code}"
        );
        let embed_url = url(&format!("russia-china-partnership/embed/{CHART}.html"));
        let code = code.replace(&relative_src, &format!("src=\"{embed_url}\""));

        // A host page somewhere else on disk, that records the messages it receives.
        let host_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-embed-host");
        std::fs::create_dir_all(&host_dir).expect("create the host page's folder");
        let host = host_dir.join("host.html");
        std::fs::write(
            &host,
            format!(
                "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
                 <title>Embed host</title>\n<script>\nwindow.__heights = [];\n\
                 window.addEventListener(\"message\", function (e) {{\n  \
                 if (e.data && e.data.type === \"explainer:embed-height\") \
                 window.__heights.push({{ id: e.data.id, height: e.data.height }});\n}});\n\
                 </script></head>\n<body style=\"margin:1rem;max-width:900px\">\n\
                 <h1>A course page</h1>\n{code}\n<p>Text after the chart.</p>\n</body></html>\n"
            ),
        )
        .expect("write the host page");
        s.open_url(&format!("file://{}", host.display())).await;

        let arrived = format!(
            "window.__heights.some(h => h.id === {} && h.height > 100)",
            js_str(CHART)
        );
        s.wait_until("the embed to post its height", &arrived).await;
        let latest = format!(
            "Math.ceil(window.__heights.filter(h => h.id === {}).pop().height) + 'px'",
            js_str(CHART)
        );
        s.wait_until(
            "the host's script to set the iframe's height",
            &format!("document.querySelector('iframe').style.height === {latest}"),
        )
        .await;
        let first = s
            .eval_str("document.querySelector('iframe').style.height")
            .await;
        let inner = s
            .eval_f64("document.querySelector('iframe').getBoundingClientRect().height")
            .await;
        assert!(
            (inner - first.trim_end_matches("px").parse::<f64>().unwrap()).abs() < 1.0,
            "the iframe is {inner} px tall, not the {first} it was given"
        );

        // The height the embed posted is its own.
        let frame = format!("/embed/{CHART}.html");
        let own_height =
            "Math.ceil(document.documentElement.getBoundingClientRect().height) + 'px'";
        let own = s
            .try_eval_in_frame(&frame, own_height)
            .await
            .unwrap_or_else(|e| panic!("could not look into the embed: {e}"));
        assert_eq!(
            Value::String(first.clone()),
            own,
            "the iframe's height is not the embed's"
        );

        // The chart in the iframe draws on the reader's first move there; the height follows.
        let (x, y) = {
            let r = s
                .eval(
                    "(() => { const r = document.querySelector('iframe').getBoundingClientRect(); \
                     return [r.left + r.width / 2, r.top + 100]; })()",
                )
                .await;
            let r = r.as_array().expect("a point").clone();
            (r[0].as_f64().unwrap(), r[1].as_f64().unwrap())
        };
        s.move_mouse(x, y).await;
        let start = Instant::now();
        let drawn = "document.querySelector('main.embed').classList.contains('is-drawn') \
                     && !!document.querySelector('main.embed div.plot svg.main-svg')";
        loop {
            if s.try_eval_in_frame(&frame, drawn).await == Ok(Value::Bool(true)) {
                break;
            }
            assert!(
                start.elapsed() < PLOTLY_WAIT,
                "plotly did not draw the embedded chart within {PLOTLY_WAIT:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // Drawn, the embed has a new height, and the host's iframe takes it.
        let start = Instant::now();
        let (mut own, mut given) = (Value::Null, Value::Null);
        while start.elapsed() < WAIT {
            own = s
                .try_eval_in_frame(&frame, own_height)
                .await
                .unwrap_or_default();
            given = s
                .eval("document.querySelector('iframe').style.height")
                .await;
            if own == given {
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(
            own, given,
            "the iframe did not take the drawn embed's height"
        );
        // The chart is drawn at its picture's height, so the page does not jump: the height the
        // host was first told still holds.
        assert_eq!(
            given,
            Value::String(first.clone()),
            "drawing the chart changed the embed's height"
        );
        assert!(
            s.plotly_requests().iter().any(|u| u.starts_with("file://")),
            "the embed did not load plotly.js: {:?}",
            s.plotly_requests()
        );
        s.finish().await;
    });
}

#[test]
fn timeline_filter_counts() {
    run(async {
        let s = Session::start().await;
        s.open(TIMELINE).await;
        let total = s
            .eval_f64("document.querySelectorAll('#timeline-list li.event').length")
            .await as usize;
        let theme = "military";
        let of_theme = s
            .eval_f64(&format!(
                "document.querySelectorAll('#timeline-list li.event[data-theme={theme}]').length"
            ))
            .await as usize;
        assert!(
            total > of_theme && of_theme > 0,
            "{total} events, {of_theme} {theme}"
        );
        let label = s
            .eval_str(&format!(
                "document.querySelector('fieldset.theme-filter input[value={theme}]')\
                 .closest('label').querySelector('.count').textContent"
            ))
            .await;
        assert_eq!(
            label,
            format!("({of_theme})"),
            "the {theme} box counts wrong"
        );
        assert!(
            s.eval_bool(&shown("fieldset.theme-filter")).await,
            "the theme filter is not shown"
        );
        let visible = "Array.from(document.querySelectorAll('#timeline-list li.event'))\
                       .filter(li => li.getClientRects().length > 0)";
        let count = "document.querySelector('fieldset.theme-filter .event-count').textContent";
        assert_eq!(
            s.eval_str(count).await,
            format!("Showing {total} of {total} events")
        );
        assert_eq!(
            s.eval_f64(&format!("{visible}.length")).await as usize,
            total
        );

        // The reader's pointer arrives first; it is also their first move, which draws the
        // overview. Clicking before the overview is drawn can miss the box: see
        // `first_move_keeps_the_layout_still`.
        s.move_mouse(640.0, 120.0).await;
        s.wait_for_chart(".timeline-overview").await;

        let box_ = format!("fieldset.theme-filter input[type=checkbox][value={theme}]");
        s.click(&box_).await;
        s.wait_until(
            &format!("the {theme} events to be hidden"),
            &format!("{visible}.length === {}", total - of_theme),
        )
        .await;
        assert!(
            !s.eval_bool(&format!(
                "document.querySelector({}).checked",
                js_str(&box_)
            ))
            .await
        );
        assert!(
            !s.eval_bool(&format!(
                "{visible}.some(li => li.dataset.theme === '{theme}')"
            ))
            .await,
            "a {theme} event is still shown"
        );
        assert_eq!(
            s.eval_str(count).await,
            format!("Showing {} of {total} events", total - of_theme)
        );

        // The drawn overview follows the filter.
        s.wait_until(
            &format!("the overview to hide the {theme} markers"),
            &format!(
                "document.getElementById('timeline-overview').data.every(t => \
                 (t.legendgroup === '{theme}') === (t.visible === 'legendonly'))"
            ),
        )
        .await;

        s.click(&box_).await;
        s.wait_until(
            "every event to be shown again",
            &format!("{visible}.length === {total}"),
        )
        .await;
        assert_eq!(
            s.eval_str(count).await,
            format!("Showing {total} of {total} events")
        );
        s.wait_until(
            "the overview to show every marker again",
            "document.getElementById('timeline-overview').data.every(t => t.visible === true)",
        )
        .await;
        s.finish().await;
    });
}

#[test]
fn timeline_deep_link_and_click_through() {
    run(async {
        let s = Session::start().await;
        let event = "event-lavrov-wang-yi-call";
        s.open(&format!("{TIMELINE}#{event}")).await;
        assert!(
            s.eval_bool(&format!(
                "document.querySelector(':target') === document.getElementById('{event}')"
            ))
            .await,
            "{event} is not the :target"
        );
        s.wait_until(
            &format!("{event} to be scrolled into view"),
            &in_view(event),
        )
        .await;

        let passage = format!("#{event} .event-links-row a");
        assert_eq!(
            s.eval_str(&format!(
                "document.querySelector({}).textContent",
                js_str(&passage)
            ))
            .await,
            "Read the passage"
        );
        assert_eq!(
            s.eval_str(&format!(
                "document.querySelector({}).getAttribute('href')",
                js_str(&passage)
            ))
            .await,
            "index.html#political-position-p4"
        );
        s.click(&passage).await;
        s.wait_until(
            "the passage in the article",
            "document.readyState === 'complete' \
             && location.pathname.endsWith('/russia-china-partnership/index.html') \
             && location.hash === '#political-position-p4'",
        )
        .await;
        s.wait_until(
            "the passage to be scrolled into view",
            &in_view("political-position-p4"),
        )
        .await;

        let back = format!("#political-position-p4 a.event-link[href$='#{event}']");
        assert!(
            s.eval_bool(&format!("!!document.querySelector({})", js_str(&back)))
                .await,
            "paragraph political-position-p4 has no link back to {event}"
        );
        s.click(&back).await;
        s.wait_until(
            "the event on the timeline",
            &format!(
                "document.readyState === 'complete' \
                 && location.pathname.endsWith('/russia-china-partnership/timeline.html') \
                 && location.hash === '#{event}'"
            ),
        )
        .await;
        s.wait_until(
            &format!("{event} to be the :target in view"),
            &format!(
                "document.querySelector(':target') === document.getElementById('{event}') && {}",
                in_view(event)
            ),
        )
        .await;
        s.finish().await;
    });
}

#[test]
fn overview_marker_jumps_to_event() {
    run(async {
        let s = Session::start().await;
        s.open(TIMELINE).await;
        s.move_mouse(640.0, 120.0).await;
        s.wait_for_chart(".timeline-overview").await;
        // A marker on screen that no other marker crowds (several events share a day, and so a
        // place), found from plotly's own drawing of the traces: [id, x, y].
        let found = s
            .eval(
                "(() => { const gd = document.getElementById('timeline-overview'); \
                 const box = gd.querySelector('.nsewdrag').getBoundingClientRect(); \
                 const all = []; gd.data.forEach((t, k) => { \
                   const pts = gd.querySelectorAll('.scatterlayer .trace')[k].querySelectorAll('path.point'); \
                   t.ids.forEach((id, i) => { const r = pts[i].getBoundingClientRect(); \
                     all.push([id, r.left + r.width / 2, r.top + r.height / 2]); }); }); \
                 return all.find(([id, x, y]) => x > box.left + 10 && x < box.right - 10 \
                   && y > box.top && y < box.bottom && all.every(([o, ox, oy]) => o === id \
                   || Math.hypot(ox - x, oy - y) > 24)) || null; })()",
            )
            .await;
        let found = found
            .as_array()
            .unwrap_or_else(|| panic!("no marker of the overview stands alone: {found}"));
        let id = found[0].as_str().expect("an event id").to_string();
        let (x, y) = (found[1].as_f64().unwrap(), found[2].as_f64().unwrap());
        s.move_mouse(x, y).await;
        // Plotly finds the point under the pointer on hover, then acts on the click.
        s.wait_until(
            "plotly to show the marker's hover label",
            "!!document.querySelector('#timeline-overview .hoverlayer .hovertext')",
        )
        .await;
        s.page
            .click(Point::new(x, y))
            .await
            .expect("click the marker");
        s.wait_until(
            &format!("a click on the marker of {id} to jump to its event"),
            &format!("location.hash === '#event-{id}'"),
        )
        .await;
        s.wait_until(
            &format!("event-{id} to be the :target in view"),
            &format!(
                "document.querySelector(':target') === document.getElementById('event-{id}') && {}",
                in_view(&format!("event-{id}"))
            ),
        )
        .await;
        s.finish().await;
    });
}

/// While plotly.js loads, the chart is drawn out of sight over its picture, at the picture's
/// height: nothing below it moves, so a reader's first tap lands where they aimed.
#[test]
fn first_move_keeps_the_layout_still() {
    run(async {
        let s = Session::start().await;
        for (page, holder) in [
            (TIMELINE, ".timeline-overview".to_string()),
            (CHART_PAGE, format!("#chart-{CHART}")),
        ] {
            s.open(page).await;
            // Record the holder's tallest height in every frame until the chart is drawn.
            s.eval(&format!(
                "(() => {{ const h = document.querySelector({}); \
                 window.__heights = [h.getBoundingClientRect().height]; \
                 const frame = () => {{ window.__heights.push(h.getBoundingClientRect().height); \
                 if (!h.classList.contains('is-drawn')) requestAnimationFrame(frame); }}; \
                 requestAnimationFrame(frame); return true; }})()",
                js_str(&holder)
            ))
            .await;
            s.move_mouse(640.0, 120.0).await;
            s.wait_for_chart(&holder).await;
            let (before, tallest) = (
                s.eval_f64("window.__heights[0]").await,
                s.eval_f64("Math.max(...window.__heights)").await,
            );
            assert!(
                tallest - before < 60.0,
                "{page}: while plotly loaded, the chart grew from {before} px to {tallest} px \
                 (the empty plot and the picture were both shown)"
            );
        }
        s.finish().await;
    });
}

#[test]
fn chart_pages_fit_a_phone() {
    run(async {
        let s = Session::start().await;
        s.set_screen(360, 800, 2.0, true).await;
        for page in [TIMELINE, GALLERY, CHART_PAGE] {
            s.open(page).await;
            s.assert_fits(page, 360.0).await;
        }
        // Drawn by plotly, the charts still fit.
        for (page, holder) in [
            (TIMELINE, ".timeline-overview".to_string()),
            (CHART_PAGE, format!("#chart-{CHART}")),
        ] {
            s.open(page).await;
            s.move_mouse(180.0, 300.0).await;
            s.wait_for_chart(&holder).await;
            s.assert_fits(&format!("{page} (chart drawn)"), 360.0).await;
        }
        s.finish().await;
    });
}

#[test]
fn chart_screenshots() {
    run(async {
        let dir = screenshot_dir();
        let s = Session::start().await;
        // (name, width, height, scale, mobile)
        let screens = [
            ("phone", 360, 800, 2.0, true),
            ("desktop", 1366, 900, 1.0, false),
        ];
        let pages = [
            ("timeline", TIMELINE, ".timeline-overview".to_string()),
            ("chart", CHART_PAGE, format!("#chart-{CHART}")),
        ];
        for (screen, width, height, scale, mobile) in screens {
            for scheme in ["light", "dark"] {
                s.set_screen(width, height, scale, mobile).await;
                s.set_color_scheme(scheme).await;
                for (name, page, holder) in &pages {
                    s.open(page).await;
                    s.move_mouse(width as f64 / 2.0, 200.0).await;
                    s.wait_for_chart(holder).await;
                    // Move the pointer off the chart, so that no hover label covers it.
                    s.move_mouse(2.0, 2.0).await;
                    s.eval(
                        "document.fonts.ready.then(() => new Promise(r => \
                         requestAnimationFrame(() => requestAnimationFrame(() => r(true)))))",
                    )
                    .await;
                    let path = dir.join(format!("{name}-{screen}-{scheme}.png"));
                    let px = |n: i64| (n as f64 * scale) as u32;
                    s.screenshot(&path, px(width), px(height)).await;
                }
            }
        }
        // Every chart, drawn, on a phone in the dark (the hardest case for labels and colours).
        s.set_screen(360, 800, 2.0, true).await;
        s.set_color_scheme("dark").await;
        let charts: Vec<String> =
            std::fs::read_dir(site_dir().join("russia-china-partnership/data"))
                .expect("data folder")
                .filter_map(|e| {
                    e.ok()?
                        .file_name()
                        .to_str()?
                        .strip_suffix(".csv")
                        .map(str::to_string)
                })
                .collect();
        assert!(charts.len() >= 6, "{charts:?}");
        for id in charts {
            s.open(&format!("russia-china-partnership/embed/{id}.html"))
                .await;
            s.move_mouse(180.0, 200.0).await;
            s.wait_for_chart("main").await;
            s.move_mouse(2.0, 2.0).await;
            s.screenshot(&dir.join(format!("embed-{id}-phone-dark.png")), 720, 1600)
                .await;
        }
        s.finish().await;
    });
}

/// With a mouse, resting on a marker previews the note without taking the focus; moving away
/// closes the preview; a click keeps it open and moves the focus into it.
#[test]
fn resting_the_mouse_on_a_marker_previews_the_note() {
    run(async {
        let s = Session::start().await;
        s.open(ARTICLE).await;
        s.eval("document.getElementById('fnref-7').scrollIntoView({block: 'center'})")
            .await;
        let x = s
            .eval_f64("(r => r.left + r.width / 2)(document.getElementById('fnref-7').getBoundingClientRect())")
            .await;
        let y = s
            .eval_f64("(r => r.top + r.height / 2)(document.getElementById('fnref-7').getBoundingClientRect())")
            .await;
        s.move_mouse(x, y).await;
        s.wait_until("resting on marker 7 to preview its note", POPOVER_VISIBLE)
            .await;
        assert!(
            s.eval_str("document.querySelector('.note-popover').textContent")
                .await
                .contains("China’s Position on the Political Settlement"),
            "the preview does not show note 7"
        );
        assert_ne!(
            s.eval_str("document.activeElement.className").await,
            "note-popover",
            "a preview must not take the focus"
        );
        // Away from the marker, the preview closes.
        s.move_mouse(5.0, 5.0).await;
        s.wait_until(
            "moving away to close the preview",
            "!document.querySelector('.note-popover')",
        )
        .await;
        // Back on the marker, then a click: the note stays open with the focus in it.
        s.move_mouse(x, y).await;
        s.wait_until("the preview to come back", POPOVER_VISIBLE)
            .await;
        s.click("#fnref-7").await;
        s.wait_until(
            "a click to move the focus into the note",
            "document.querySelector('.note-popover') && document.querySelector('.note-popover').contains(document.activeElement)",
        )
        .await;
        s.move_mouse(5.0, 5.0).await;
        tokio::time::sleep(Duration::from_millis(700)).await;
        assert!(
            s.eval_bool(POPOVER_VISIBLE).await,
            "a clicked note closed when the mouse left"
        );
        s.press("Escape").await;
        s.wait_until(
            "Escape to close it",
            "!document.querySelector('.note-popover')",
        )
        .await;
        assert_eq!(s.eval_str("document.activeElement.id").await, "fnref-7");
        s.finish().await;
    });
}

/// With JavaScript off the site still works: notes are links, charts are pictures and tables,
/// the timeline is a list, and controls that need the script are not shown.
#[test]
fn works_with_javascript_off() {
    run(async {
        let s = Session::start().await;
        s.page
            .execute(SetScriptExecutionDisabledParams::new(true))
            .await
            .expect("turn scripts off");
        s.open(ARTICLE).await;
        assert!(
            !s.eval_bool("document.documentElement.classList.contains('js')")
                .await,
            "the page's own scripts still ran"
        );
        assert_eq!(
            s.eval_str("document.getElementById('fnref-1').getAttribute('href')")
                .await,
            "#fn-1"
        );
        assert!(
            s.eval_bool(&shown(&format!("#chart-{CHART} img.chart-fallback")))
                .await,
            "the chart's picture is not shown"
        );
        assert!(
            s.eval_bool(&shown(&format!("#chart-{CHART} table.chart-table")))
                .await,
            "the chart's table is not shown"
        );
        assert!(
            !s.eval_bool(&shown(&format!("#plot-{CHART}"))).await,
            "an empty plot box is shown"
        );
        s.open(TIMELINE).await;
        assert!(s.eval_bool(&shown("#timeline-list li.event")).await);
        assert!(
            !s.eval_bool(&shown(".theme-filter")).await,
            "the theme filter shows but cannot work"
        );
        s.open(SOURCES).await;
        assert!(
            !s.eval_bool(&shown(".source-controls")).await,
            "sort controls show but cannot work"
        );
        assert_eq!(
            s.eval_f64(
                "document.querySelectorAll('#bibliography > li.source:not([hidden])').length"
            )
            .await,
            34.0
        );
        s.finish().await;
    });
}
