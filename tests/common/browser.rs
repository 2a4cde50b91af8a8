//! The browser-test harness: the built site on disk (and, where a test needs a host, behind a
//! tiny HTTP server), one headless Chromium per test, and the reader's gestures (click, tap,
//! keys, Back) and observations (what is shown, where, what was copied or downloaded) as
//! one-line calls, so that a journey reads like what a reader does.
//!
//! Every session fails its test on a console error, an uncaught exception or a failed load.
//! Needs Debian's Chromium at /usr/bin/chromium (`apt-get install -y chromium`).

use std::future::Future;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use chromiumoxide::browser::{Browser, BrowserConfig};
use chromiumoxide::cdp::browser_protocol::browser::{
    PermissionDescriptor, PermissionSetting, SetDownloadBehaviorBehavior,
    SetDownloadBehaviorParams, SetPermissionParams,
};
use chromiumoxide::cdp::browser_protocol::emulation::{
    MediaFeature, SetDeviceMetricsOverrideParams, SetEmulatedMediaParams,
    SetScriptExecutionDisabledParams, SetTouchEmulationEnabledParams,
};
use chromiumoxide::cdp::browser_protocol::input::{
    DispatchKeyEventParams, DispatchKeyEventType, DispatchMouseEventParams, DispatchMouseEventType,
    DispatchTouchEventParams, DispatchTouchEventType, InsertTextParams, TouchPoint,
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

pub(crate) const CHROMIUM: &str = "/usr/bin/chromium";
pub(crate) const ARTICLE: &str = "russia-china-partnership/index.html";
pub(crate) const SOURCES: &str = "russia-china-partnership/sources.html";
pub(crate) const TIMELINE: &str = "russia-china-partnership/timeline.html";
pub(crate) const GALLERY: &str = "russia-china-partnership/figures/index.html";
/// The chart page of one chart, and the chart's id.
pub(crate) const CHART_PAGE: &str = "russia-china-partnership/figures/trade-h1-2023.html";
pub(crate) const CHART: &str = "trade-h1-2023";
/// The second article (tests/common/second-article), built beside the seed.
pub(crate) const SECOND: &str = "second-article/index.html";
pub(crate) const SECOND_SOURCES: &str = "second-article/sources.html";
/// How long one wait for the page may take before the test fails.
pub(crate) const WAIT: Duration = Duration::from_secs(10);
/// How long plotly.js (4.5 MB, loaded on demand) may take to load and draw a chart.
pub(crate) const PLOTLY_WAIT: Duration = Duration::from_secs(20);
/// How long one whole test may take.
const TEST_LIMIT: Duration = Duration::from_secs(120);

// ---------------------------------------------------------------------------------------------
// The sites
// ---------------------------------------------------------------------------------------------

/// The real content plus a second article of another kind (tests/common/second-article).
fn content() -> &'static Path {
    static CONTENT: OnceLock<PathBuf> = OnceLock::new();
    CONTENT.get_or_init(|| {
        let dir = crate::common::content_with("browser-content", "article.md", |t| t);
        let second = dir.join("articles").join("second-article");
        std::fs::create_dir_all(&second).expect("create the second article's folder");
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/common/second-article");
        for name in ["article.md", "sources.toml"] {
            std::fs::copy(fixture.join(name), second.join(name))
                .unwrap_or_else(|e| panic!("copy the second article's {name}: {e}"));
        }
        dir
    })
}

/// Builds the test content into target/tmp/`name` (replaced on every run).
fn build_into(name: &str, base_url: Option<&str>) -> PathBuf {
    let options = explainer::BuildOptions {
        base_url: base_url.map(str::to_string),
    };
    let (site, _warnings) = match explainer::build(content(), &options) {
        Ok(built) => built,
        Err(problems) => panic!("the test site does not build: {:#?}", problems.list),
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    explainer::output::write_site(&site, &dir).expect("write the built site");
    dir
}

/// The site without a base URL, built once per test binary: what a USB stick or an LMS gets.
pub(crate) fn site_dir() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| build_into("browser-site", None))
}

/// The site built with `base_url` (for a host that serves it under that address).
pub(crate) fn site_dir_with_base(base_url: &str) -> PathBuf {
    let name: String = base_url
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    build_into(&format!("browser-site-{name}"), Some(base_url))
}

/// The file:// URL of a page of the built site (`rel` may end in `?query` or `#fragment`).
pub(crate) fn url(rel: &str) -> String {
    format!("file://{}/{rel}", site_dir().display())
}

/// The bytes of a built file.
pub(crate) fn built(rel: &str) -> Vec<u8> {
    std::fs::read(site_dir().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

/// The folder for screenshots, target/screenshots.
pub(crate) fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target folder")
        .join("screenshots");
    std::fs::create_dir_all(&dir).expect("create target/screenshots");
    dir
}

// ---------------------------------------------------------------------------------------------
// A static host
// ---------------------------------------------------------------------------------------------

/// A static host on 127.0.0.1 serving a folder under `prefix` ("/" or "/sub/path/"), and
/// answering a missing path with the site's 404.html and status 404, as hosts do.
pub(crate) struct Host {
    pub origin: String,
    prefix: String,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Host {
    pub(crate) fn start(dir: &Path, prefix: &str) -> Host {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a port on 127.0.0.1");
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let origin = format!("http://{}", listener.local_addr().unwrap());
        let stop = Arc::new(AtomicBool::new(false));
        let (dir, prefix_owned, flag) = (dir.to_path_buf(), prefix.to_string(), stop.clone());
        let thread = std::thread::spawn(move || {
            while !flag.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (dir, prefix) = (dir.clone(), prefix_owned.clone());
                        std::thread::spawn(move || serve_one(stream, &dir, &prefix));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Host {
            origin,
            prefix: prefix.to_string(),
            stop,
            thread: Some(thread),
        }
    }

    /// The address of `rel` under the host's prefix.
    pub(crate) fn url(&self, rel: &str) -> String {
        format!("{}{}{rel}", self.origin, self.prefix)
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve_one(stream: TcpStream, dir: &Path, prefix: &str) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(&stream);
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    // Read (and ignore) the headers.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let file = path
        .strip_prefix(prefix)
        .filter(|rel| !rel.split('/').any(|part| part == ".."))
        .map(|rel| {
            let rel = if rel.is_empty() || rel.ends_with('/') {
                format!("{rel}index.html")
            } else {
                rel.to_string()
            };
            dir.join(rel)
        })
        .filter(|f| f.is_file());
    let (status, body, file) = match file {
        Some(f) => ("200 OK", std::fs::read(&f).unwrap_or_default(), f),
        None => (
            "404 Not Found",
            std::fs::read(dir.join("404.html")).unwrap_or_default(),
            dir.join("404.html"),
        ),
    };
    let kind = match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css",
        "js" => "text/javascript",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "csv" => "text/csv",
        "xml" => "application/xml",
        _ => "application/octet-stream",
    };
    let mut out = &stream;
    let _ = write!(
        out,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = out.write_all(&body);
}

// ---------------------------------------------------------------------------------------------
// Running a test
// ---------------------------------------------------------------------------------------------

/// Runs one browser test: one at a time (the machines have few cores), on its own runtime,
/// within [`TEST_LIMIT`].
pub(crate) fn run(test: impl Future<Output = ()>) {
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

/// The screens the tests read on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Device {
    /// A laptop: 1280 × 900, mouse.
    Desktop,
    /// A wide screen with sidenotes: 1400 × 900, mouse.
    Wide,
    /// A phone: 390 × 844 at 3×, touch.
    Phone,
    /// A small phone: 360 × 800 at 2×, touch.
    SmallPhone,
}

impl Device {
    /// (width, height, scale, mobile)
    pub(crate) fn metrics(self) -> (i64, i64, f64, bool) {
        match self {
            Device::Desktop => (1280, 900, 1.0, false),
            Device::Wide => (1400, 900, 1.0, false),
            Device::Phone => (390, 844, 3.0, true),
            Device::SmallPhone => (360, 800, 2.0, true),
        }
    }
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

/// A rectangle in viewport coordinates (CSS pixels).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Rect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Rect {
    fn from_value(v: &Value) -> Option<Rect> {
        let n = |k: &str| v.get(k).and_then(Value::as_f64);
        Some(Rect {
            left: n("left")?,
            top: n("top")?,
            right: n("right")?,
            bottom: n("bottom")?,
        })
    }

    pub(crate) fn center(&self) -> (f64, f64) {
        (
            (self.left + self.right) / 2.0,
            (self.top + self.bottom) / 2.0,
        )
    }

    /// Whether the two overlap by more than a pixel each way.
    pub(crate) fn overlaps(&self, other: &Rect) -> bool {
        self.left < other.right - 1.0
            && other.left < self.right - 1.0
            && self.top < other.bottom - 1.0
            && other.top < self.bottom - 1.0
    }
}

/// One browser with one page, and what the page reported.
pub(crate) struct Session {
    browser: Browser,
    handler: tokio::task::JoinHandle<()>,
    pub page: Page,
    pub device: Device,
    /// Console errors, uncaught exceptions and error log entries (failed loads).
    pub errors: Arc<Mutex<Vec<String>>>,
    /// The URL of every request the page made.
    pub requests: Arc<Mutex<Vec<String>>>,
    downloads: PathBuf,
    _profile: Profile,
}

impl Session {
    /// Starts Chromium on `device` with an empty page.
    pub(crate) async fn start(device: Device) -> Session {
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
        let downloads = profile.0.join("downloads");
        std::fs::create_dir_all(&downloads).expect("create the downloads folder");
        let config = BrowserConfig::builder()
            .chrome_executable(CHROMIUM)
            .new_headless_mode()
            .no_sandbox()
            .user_data_dir(profile.0.join("chromium"))
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
        browser
            .execute(
                SetDownloadBehaviorParams::builder()
                    .behavior(SetDownloadBehaviorBehavior::Allow)
                    .download_path(downloads.display().to_string())
                    .build()
                    .expect("download behaviour"),
            )
            .await
            .expect("allow downloads");
        for name in ["clipboard-read", "clipboard-write"] {
            // Best effort: where it is refused, `copied()` still sees what the page wrote.
            let _ = browser
                .execute(SetPermissionParams::new(
                    PermissionDescriptor::new(name),
                    PermissionSetting::Granted,
                ))
                .await;
        }

        let errors = Arc::new(Mutex::new(Vec::new()));
        let requests = Arc::new(Mutex::new(Vec::new()));
        listen_for_errors(&page, &errors).await;
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

        let session = Session {
            browser,
            handler,
            page,
            device,
            errors,
            requests,
            downloads,
            _profile: profile,
        };
        session.set_device(device).await;
        session
    }

    /// Asserts that the page reported no error, then closes the browser.
    pub(crate) async fn finish(mut self) {
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

    // --- Screens and media -------------------------------------------------------------------

    /// Emulates `device`'s screen; phones get touch and their viewport meta tag counts.
    pub(crate) async fn set_device(&self, device: Device) {
        let (w, h, scale, mobile) = device.metrics();
        self.set_screen(w, h, scale, mobile).await;
        self.page
            .execute(
                SetTouchEmulationEnabledParams::builder()
                    .enabled(mobile)
                    .max_touch_points(5)
                    .build()
                    .expect("touch emulation"),
            )
            .await
            .expect("set touch emulation");
    }

    /// Emulates a screen: `mobile` makes the page's viewport meta tag count, as on a phone.
    pub(crate) async fn set_screen(&self, width: i64, height: i64, scale: f64, mobile: bool) {
        self.page
            .execute(SetDeviceMetricsOverrideParams::new(
                width, height, scale, mobile,
            ))
            .await
            .expect("set device metrics");
    }

    pub(crate) async fn set_color_scheme(&self, scheme: &str) {
        self.page
            .execute(
                SetEmulatedMediaParams::builder()
                    .features(vec![MediaFeature::new("prefers-color-scheme", scheme)])
                    .build(),
            )
            .await
            .expect("emulate prefers-color-scheme");
    }

    /// Lays the page out for print ("print") or for the screen ("").
    pub(crate) async fn set_media(&self, media: &str) {
        self.page
            .execute(SetEmulatedMediaParams::builder().media(media).build())
            .await
            .expect("emulate the media type");
    }

    pub(crate) async fn scripts_off(&self) {
        self.page
            .execute(SetScriptExecutionDisabledParams::new(true))
            .await
            .expect("turn scripts off");
    }

    // --- Going places ------------------------------------------------------------------------

    /// Opens a page of the built site and waits until it has loaded and its script has run.
    pub(crate) async fn open(&self, rel: &str) {
        self.open_url(&url(rel)).await;
    }

    /// Opens any URL (`file://…`, `http://…`) and waits until the page has loaded.
    pub(crate) async fn open_url(&self, address: &str) {
        // Only the fragment differs: a same-document navigation has no load to wait for, so
        // leave the page first.
        let here = self.try_eval("location.href").await.unwrap_or_default();
        let strip = |a: &str| a.split('#').next().unwrap_or(a).to_string();
        if here.as_str().map(strip) == Some(strip(address)) {
            self.page.goto("about:blank").await.expect("leave the page");
        }
        self.page
            .goto(address)
            .await
            .unwrap_or_else(|e| panic!("open {address}: {e}"));
        let path = address.split(['?', '#']).next().unwrap_or(address);
        let file = path.rsplit('/').next().unwrap_or(path);
        self.wait_until(
            &format!("{address} to load"),
            &format!(
                "document.readyState === 'complete' && location.pathname.endsWith({})",
                js_str(&format!("/{file}"))
            ),
        )
        .await;
    }

    /// Waits for the page at a path ending in `path_end` (and `hash`, when not empty) to have
    /// loaded, after a click or a key that navigates.
    pub(crate) async fn wait_for_page(&self, path_end: &str, hash: &str) {
        self.wait_until(
            &format!("the page …{path_end}{hash}"),
            &format!(
                "document.readyState === 'complete' && location.pathname.endsWith({}) \
                 && (!{hash} || location.hash === {hash})",
                js_str(path_end),
                hash = js_str(hash)
            ),
        )
        .await;
        // Let the page's deferred work (scrolling to a passage, restoring state) settle.
        self.settle().await;
    }

    /// The browser's Back button; waits until the previous page is shown and settled.
    pub(crate) async fn back(&self) {
        self.history("back").await;
    }

    /// The browser's Forward button.
    pub(crate) async fn forward(&self) {
        self.history("forward").await;
    }

    async fn history(&self, way: &str) {
        let before = self.eval_str("location.href").await;
        self.eval(&format!("setTimeout(() => history.{way}(), 0); true"))
            .await;
        self.wait_until(
            &format!("history.{way}() to leave {before}"),
            &format!(
                "location.href !== {} && document.readyState === 'complete'",
                js_str(&before)
            ),
        )
        .await;
        self.settle().await;
    }

    /// Two animation frames and a moment: scroll restoration and deferred scripts are done.
    pub(crate) async fn settle(&self) {
        tokio::time::sleep(Duration::from_millis(150)).await;
        let _ = self
            .try_eval(
                "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))",
            )
            .await;
    }

    // --- Gestures ----------------------------------------------------------------------------

    /// Clicks an element the way a person with a mouse would (scrolled into view, mouse at
    /// its centre).
    pub(crate) async fn click(&self, selector: &str) {
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

    /// Taps an element with a finger, where it is on the screen (scrolled into the middle of
    /// the screen first if it is not on it).
    pub(crate) async fn tap(&self, selector: &str) {
        let on_screen = self
            .eval_bool(&format!(
                "(() => {{ const r = document.querySelector({0}).getBoundingClientRect(); \
                 return r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth; }})()",
                js_str(selector)
            ))
            .await;
        if !on_screen {
            self.eval(&format!(
                "document.querySelector({}).scrollIntoView({{ block: 'center' }}); true",
                js_str(selector)
            ))
            .await;
            self.settle().await;
        }
        let rect = self.rect(selector).await;
        let (x, y) = rect.center();
        self.tap_at(x, y).await;
    }

    /// Taps a point of the viewport.
    pub(crate) async fn tap_at(&self, x: f64, y: f64) {
        let point = TouchPoint::builder()
            .x(x)
            .y(y)
            .radius_x(4.0)
            .radius_y(4.0)
            .build()
            .expect("a touch point");
        self.page
            .execute(DispatchTouchEventParams::new(
                DispatchTouchEventType::TouchStart,
                vec![point],
            ))
            .await
            .expect("touch start");
        // TouchEnd carries an empty list of points, which the generated type leaves out.
        self.page
            .execute(TouchEnd {
                kind: "touchEnd",
                touch_points: Vec::new(),
            })
            .await
            .expect("touch end");
    }

    /// Presses a key (with Shift when `shift`), sent to whatever has the focus, as a keyboard
    /// would: default actions (Tab moves the focus, Enter follows a link) happen.
    pub(crate) async fn key(&self, key: &str, shift: bool) {
        let (code, vk, text) = match key {
            "Tab" => ("Tab", 9, None),
            "Enter" => ("Enter", 13, Some("\r")),
            "Escape" => ("Escape", 27, None),
            " " => ("Space", 32, Some(" ")),
            "/" => ("Slash", 191, Some("/")),
            "ArrowDown" => ("ArrowDown", 40, None),
            "ArrowUp" => ("ArrowUp", 38, None),
            "ArrowRight" => ("ArrowRight", 39, None),
            "ArrowLeft" => ("ArrowLeft", 37, None),
            "Home" => ("Home", 36, None),
            "End" => ("End", 35, None),
            "t" => ("KeyT", 84, Some("t")),
            other => panic!("the harness does not know the key {other:?}"),
        };
        for kind in [DispatchKeyEventType::KeyDown, DispatchKeyEventType::KeyUp] {
            let mut params = DispatchKeyEventParams::builder()
                .r#type(kind.clone())
                .key(key)
                .code(code)
                .windows_virtual_key_code(vk)
                .native_virtual_key_code(vk)
                .modifiers(if shift { 8 } else { 0 });
            if let (Some(t), DispatchKeyEventType::KeyDown) = (text, &kind) {
                params = params.text(t);
            }
            self.page
                .execute(params.build().expect("a key event"))
                .await
                .unwrap_or_else(|e| panic!("could not press {key}: {e}"));
        }
    }

    pub(crate) async fn press(&self, key: &str) {
        self.key(key, false).await;
    }

    pub(crate) async fn tab(&self) {
        self.key("Tab", false).await;
    }

    pub(crate) async fn shift_tab(&self) {
        self.key("Tab", true).await;
    }

    /// Types text into whatever has the focus (fires `input` events, as typing does).
    pub(crate) async fn type_text(&self, text: &str) {
        self.page
            .execute(InsertTextParams::new(text))
            .await
            .expect("type text");
    }

    /// Focuses an element (a keyboard user's Tab presses, skipped).
    pub(crate) async fn focus(&self, selector: &str) {
        self.eval(&format!(
            "document.querySelector({}).focus(); true",
            js_str(selector)
        ))
        .await;
    }

    /// Chooses an option of a `<select>` (by value) as a reader would, firing `change`.
    pub(crate) async fn choose(&self, selector: &str, value: &str) {
        let ok = self
            .eval_bool(&format!(
                "(() => {{ const s = document.querySelector({0}); \
                 if (!Array.from(s.options).some(o => o.value === {1})) return false; \
                 s.focus(); s.value = {1}; \
                 s.dispatchEvent(new Event('input', {{ bubbles: true }})); \
                 s.dispatchEvent(new Event('change', {{ bubbles: true }})); return true; }})()",
                js_str(selector),
                js_str(value)
            ))
            .await;
        assert!(ok, "`{selector}` has no option {value:?}");
    }

    /// Moves the mouse to a point of the viewport, as a reader's first move would. Two
    /// moves, so that a pointer already at the point still moves.
    pub(crate) async fn move_mouse(&self, x: f64, y: f64) {
        for point in [Point::new(x + 3.0, y + 3.0), Point::new(x, y)] {
            self.page
                .move_mouse(point)
                .await
                .unwrap_or_else(|e| panic!("could not move the mouse to {x}, {y}: {e}"));
        }
    }

    /// Turns the mouse wheel over a point of the viewport.
    pub(crate) async fn wheel(&self, x: f64, y: f64, delta_y: f64) {
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

    /// Scrolls the window so that the element's top is at `fraction` of the viewport's height.
    pub(crate) async fn scroll_to(&self, selector: &str, fraction: f64) {
        self.eval(&format!(
            "(() => {{ const r = document.querySelector({}).getBoundingClientRect(); \
             scrollBy(0, r.top - innerHeight * {fraction}); return true; }})()",
            js_str(selector)
        ))
        .await;
        self.settle().await;
    }

    // --- Looking -----------------------------------------------------------------------------

    /// Evaluates an expression in the page (awaiting a promise) and returns its value.
    pub(crate) async fn try_eval(&self, expr: &str) -> Result<Value, String> {
        let params = EvaluateParams::builder()
            .expression(expr)
            .return_by_value(true)
            .await_promise(true)
            .user_gesture(true)
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
    pub(crate) async fn try_eval_in_frame(
        &self,
        frame_url: &str,
        expr: &str,
    ) -> Result<Value, String> {
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

    pub(crate) async fn eval(&self, expr: &str) -> Value {
        self.try_eval(expr)
            .await
            .unwrap_or_else(|e| panic!("evaluating `{expr}` failed: {e}"))
    }

    pub(crate) async fn eval_bool(&self, expr: &str) -> bool {
        match self.eval(expr).await {
            Value::Bool(b) => b,
            other => panic!("`{expr}` gave {other}, not a boolean"),
        }
    }

    pub(crate) async fn eval_str(&self, expr: &str) -> String {
        match self.eval(expr).await {
            Value::String(s) => s,
            other => panic!("`{expr}` gave {other}, not a string"),
        }
    }

    pub(crate) async fn eval_f64(&self, expr: &str) -> f64 {
        self.eval(expr)
            .await
            .as_f64()
            .unwrap_or_else(|| panic!("`{expr}` did not give a number"))
    }

    pub(crate) async fn eval_strings(&self, expr: &str) -> Vec<String> {
        match self.eval(expr).await {
            Value::Array(items) => items
                .into_iter()
                .map(|v| match v {
                    Value::String(s) => s,
                    other => other.to_string(),
                })
                .collect(),
            other => panic!("`{expr}` gave {other}, not a list"),
        }
    }

    /// Polls `expr` until it is true (navigation in between is fine); fails after [`WAIT`].
    pub(crate) async fn wait_until(&self, what: &str, expr: &str) {
        self.wait_until_within(what, expr, WAIT).await;
    }

    /// Polls `expr` until it is true; fails after `limit`.
    pub(crate) async fn wait_until_within(&self, what: &str, expr: &str, limit: Duration) {
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

    /// Whether an element matches `selector`.
    pub(crate) async fn exists(&self, selector: &str) -> bool {
        self.eval_bool(&format!("!!document.querySelector({})", js_str(selector)))
            .await
    }

    /// The element's rectangle in the viewport.
    pub(crate) async fn rect(&self, selector: &str) -> Rect {
        let v = self
            .eval(&format!(
                "(() => {{ const e = document.querySelector({}); \
                 return e && e.getBoundingClientRect().toJSON(); }})()",
                js_str(selector)
            ))
            .await;
        Rect::from_value(&v).unwrap_or_else(|| panic!("no element `{selector}` to measure"))
    }

    /// The rectangles (one per line) of whatever `expr` evaluates to: an element or a Range.
    pub(crate) async fn line_rects(&self, expr: &str) -> Vec<Rect> {
        let v = self
            .eval(&format!(
                "Array.from(({expr}).getClientRects()).filter(r => r.width > 0).map(r => r.toJSON())"
            ))
            .await;
        v.as_array()
            .unwrap_or_else(|| panic!("`{expr}` has no client rects: {v}"))
            .iter()
            .filter_map(Rect::from_value)
            .collect()
    }

    /// The viewport's size.
    pub(crate) async fn viewport(&self) -> (f64, f64) {
        let v = self.eval("[innerWidth, innerHeight]").await;
        (v[0].as_f64().unwrap(), v[1].as_f64().unwrap())
    }

    pub(crate) async fn scroll_y(&self) -> f64 {
        self.eval_f64("scrollY").await
    }

    /// Whether the element is shown (takes up room, not display:none or visibility:hidden).
    pub(crate) async fn shown(&self, selector: &str) -> bool {
        self.eval_bool(&shown(selector)).await
    }

    /// Whether the whole element is inside the viewport.
    pub(crate) async fn on_screen(&self, selector: &str) -> bool {
        let r = self.rect(selector).await;
        let (w, h) = self.viewport().await;
        r.top >= -1.0 && r.bottom <= h + 1.0 && r.left >= -1.0 && r.right <= w + 1.0
    }

    /// The ids of the elements matching `selector` that are shown, in document order.
    pub(crate) async fn shown_ids(&self, selector: &str) -> Vec<String> {
        self.eval_strings(&format!(
            "Array.from(document.querySelectorAll({})).filter(e => e.getClientRects().length > 0)\
             .map(e => e.id)",
            js_str(selector)
        ))
        .await
    }

    /// The element's text as shown (innerText, whitespace collapsed).
    pub(crate) async fn text(&self, selector: &str) -> String {
        self.eval_str(&format!(
            "document.querySelector({}).innerText.replace(/\\s+/g, ' ').trim()",
            js_str(selector)
        ))
        .await
    }

    /// The focused element, described: `tag#id.class "text"`.
    pub(crate) async fn focused(&self) -> String {
        self.eval_str(
            "(() => { const a = document.activeElement; if (!a) return 'nothing'; \
             return a.tagName.toLowerCase() + (a.id ? '#' + a.id : '') + \
             (typeof a.className === 'string' && a.className ? '.' + a.className.trim().replace(/ +/g, '.') : '') + \
             ' \"' + (a.getAttribute('aria-label') || a.textContent || '').trim().slice(0, 40) + '\"'; })()",
        )
        .await
    }

    /// Fails unless the page fits `width` CSS pixels (no sideways scrolling), naming the
    /// elements that stick out if it does not.
    pub(crate) async fn assert_fits(&self, page: &str, width: f64) {
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

    // --- What the page gave the reader -------------------------------------------------------

    /// The text on the system clipboard.
    pub(crate) async fn clipboard(&self) -> String {
        self.page
            .bring_to_front()
            .await
            .expect("bring the page to front");
        self.eval_str("navigator.clipboard.readText()").await
    }

    /// Waits for a download named `name` to finish; returns its bytes (and removes it, so the
    /// same name can be downloaded again).
    pub(crate) async fn downloaded(&self, name: &str) -> Vec<u8> {
        let path = self.downloads.join(name);
        let start = Instant::now();
        loop {
            let partial = std::fs::read_dir(&self.downloads)
                .map(|d| {
                    d.filter_map(Result::ok)
                        .any(|e| e.file_name().to_string_lossy().ends_with(".crdownload"))
                })
                .unwrap_or(false);
            if path.is_file() && !partial {
                let bytes = std::fs::read(&path).expect("read the download");
                let _ = std::fs::remove_file(&path);
                return bytes;
            }
            if start.elapsed() > WAIT {
                let seen: Vec<String> = std::fs::read_dir(&self.downloads)
                    .map(|d| {
                        d.filter_map(Result::ok)
                            .map(|e| e.file_name().to_string_lossy().into_owned())
                            .collect()
                    })
                    .unwrap_or_default();
                let at = self.try_eval("location.href").await.unwrap_or_default();
                panic!("no download {name} within {WAIT:?}; downloaded: {seen:?}; page: {at}");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// The requests for plotly.js made so far.
    pub(crate) fn plotly_requests(&self) -> Vec<String> {
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
    pub(crate) async fn wait_for_chart(&self, holder: &str) {
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

    /// Saves a screenshot of the viewport to target/screenshots/`name`.png and checks it is a
    /// PNG of the device's pixel size.
    pub(crate) async fn screenshot(&self, name: &str) -> PathBuf {
        let path = screenshot_dir().join(format!("{name}.png"));
        let png = self
            .page
            .save_screenshot(
                ScreenshotParams::builder()
                    .format(CaptureScreenshotFormat::Png)
                    .build(),
                &path,
            )
            .await
            .unwrap_or_else(|e| panic!("screenshot {}: {e}", path.display()));
        let (w, h) = self.viewport().await;
        let scale = self.eval_f64("devicePixelRatio").await;
        assert_png(
            &path,
            &png,
            (w * scale).round() as u32,
            (h * scale).round() as u32,
        );
        path
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

/// `Input.dispatchTouchEvent` for the end of a touch, with its (required, empty) list of points.
#[derive(serde::Serialize, Debug)]
struct TouchEnd {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "touchPoints")]
    touch_points: Vec<TouchPoint>,
}

impl chromiumoxide::Method for TouchEnd {
    fn identifier(&self) -> chromiumoxide::types::MethodId {
        "Input.dispatchTouchEvent".into()
    }
}

impl chromiumoxide::Command for TouchEnd {
    type Response = Value;
}

/// Collects console errors, uncaught exceptions and error log entries into `errors`.
async fn listen_for_errors(page: &Page, errors: &Arc<Mutex<Vec<String>>>) {
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
}

// ---------------------------------------------------------------------------------------------
// JavaScript snippets
// ---------------------------------------------------------------------------------------------

/// A JavaScript string literal.
pub(crate) fn js_str(s: &str) -> String {
    Value::String(s.to_string()).to_string()
}

/// JavaScript for "the note popover is in the document and shown".
pub(crate) const POPOVER_VISIBLE: &str =
    "(() => { const p = document.querySelector('.note-popover'); \
    if (!p) return false; const r = p.getBoundingClientRect(); const s = getComputedStyle(p); \
    return r.width > 0 && r.height > 0 && s.display !== 'none' && s.visibility !== 'hidden' \
    && Number(s.opacity) > 0; })()";

/// JavaScript for "no note popover is open".
pub(crate) const POPOVER_CLOSED: &str = "!document.querySelector('.note-popover')";

/// JavaScript for "the element `id` is on screen, its top in the upper half of the viewport".
pub(crate) fn in_view(id: &str) -> String {
    format!(
        "(() => {{ const e = document.getElementById({}); if (!e) return false; \
         const r = e.getBoundingClientRect(); return r.top >= -1 && r.top < innerHeight / 2; }})()",
        js_str(id)
    )
}

/// JavaScript for "the element matched by `selector` takes up room on the page".
pub(crate) fn shown(selector: &str) -> String {
    format!(
        "(() => {{ const e = document.querySelector({}); if (!e) return false; \
         const r = e.getBoundingClientRect(); const s = getComputedStyle(e); \
         return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0; }})()",
        js_str(selector)
    )
}

/// Parses `rgb(r, g, b)` / `rgba(r, g, b, a)` into (r + g + b, alpha).
pub(crate) fn rgb_sum(css: &str) -> (f64, f64) {
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
pub(crate) fn assert_png(path: &Path, bytes: &[u8], width: u32, height: u32) {
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
