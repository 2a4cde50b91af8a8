//! Browser tests of the charts, the timeline overview and their embeds, on the seed and on a
//! fixture article of another kind (tests/fixtures/charts-article: a 150-year timeline, a
//! seven-digit bar chart with a negative value, labels of 60 characters and more, every
//! qualifier), built side by side. Each test checks what a reader or an educator would see: no
//! text leaves its chart or runs into another, an embed pasted into a page without scripts is
//! whole, nothing moves when a chart is drawn, a swipe on a chart scrolls the page, the PNG has
//! the page's background, print shows every picture and table. The harness is
//! tests/common/browser.rs.

mod common;
// The shared harness: this file uses part of it.
#[path = "common/browser.rs"]
#[allow(dead_code)]
mod harness;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use chromiumoxide::cdp::browser_protocol::input::{
    DispatchTouchEventParams, DispatchTouchEventType, TouchPoint,
};
use harness::*;
use serde_json::Value;

const SEED: &str = "russia-china-partnership";
const FIXTURE: &str = "charts-article";
/// A chapter of 1919: 21 events, 15 of them in 1918–19; a three-point line chart with an
/// approximate annual rate; four rows of horizontal bars; a chart sourced to a note that cites
/// nothing.
const CHAPTER: &str = "chapter-1919";

// ---------------------------------------------------------------------------------------------
// The sites
// ---------------------------------------------------------------------------------------------

/// The seed with the fixture article beside it, built into target/tmp/`name` (with `base_url`
/// when given).
fn build_site(name: &str, base_url: Option<&str>) -> PathBuf {
    let content = common::content_with(&format!("{name}-content"), "article.md", |t| t);
    for slug in [FIXTURE, CHAPTER] {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(slug);
        let into = content.join("articles").join(slug);
        std::fs::create_dir_all(&into).expect("create the fixture's folder");
        for entry in std::fs::read_dir(&fixture).expect("read the fixture") {
            let entry = entry.expect("a fixture file");
            std::fs::copy(entry.path(), into.join(entry.file_name())).expect("copy a fixture file");
        }
    }
    let options = explainer::BuildOptions {
        base_url: base_url.map(str::to_string),
    };
    let (site, _) = explainer::build(&content, &options)
        .unwrap_or_else(|p| panic!("the charts site does not build: {:#?}", p.list));
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    explainer::output::write_site(&site, &dir).expect("write the charts site");
    dir
}

/// The site without a base URL, built once per test binary.
fn site() -> &'static Path {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| build_site("charts-site", None))
}

fn file_url(rel: &str) -> String {
    format!("file://{}/{rel}", site().display())
}

/// The chart ids of an article, from its data folder.
fn chart_ids(slug: &str) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(site().join(slug).join("data"))
        .expect("the data folder")
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".csv").map(str::to_string)
        })
        .collect();
    ids.sort();
    ids
}

/// The size (width, height) an SVG picture declares.
fn svg_size(rel: &str) -> (f64, f64) {
    let svg = std::fs::read_to_string(site().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let view_box = svg
        .split("viewBox=\"")
        .nth(1)
        .and_then(|v| v.split('"').next())
        .unwrap_or_else(|| panic!("{rel} has no viewBox"));
    let n: Vec<f64> = view_box
        .split_whitespace()
        .map(|v| v.parse().expect("a number"))
        .collect();
    (n[2], n[3])
}

// ---------------------------------------------------------------------------------------------
// Gestures and observations the harness does not have
// ---------------------------------------------------------------------------------------------

/// A finger put down at (x, y), moved `dy` pixels in steps, and lifted.
async fn swipe(s: &Session, x: f64, y: f64, dy: f64) {
    let point = |y: f64| {
        TouchPoint::builder()
            .x(x)
            .y(y)
            .radius_x(4.0)
            .radius_y(4.0)
            .build()
            .expect("a touch point")
    };
    s.page
        .execute(DispatchTouchEventParams::new(
            DispatchTouchEventType::TouchStart,
            vec![point(y)],
        ))
        .await
        .expect("touch start");
    for i in 1..=10 {
        s.page
            .execute(DispatchTouchEventParams::new(
                DispatchTouchEventType::TouchMove,
                vec![point(y + dy * f64::from(i) / 10.0)],
            ))
            .await
            .expect("touch move");
        tokio::time::sleep(Duration::from_millis(16)).await;
    }
    s.page
        .execute(TouchEnd {
            kind: "touchEnd",
            touch_points: Vec::new(),
        })
        .await
        .expect("touch end");
    tokio::time::sleep(Duration::from_millis(300)).await;
}

/// `Input.dispatchTouchEvent` ending a touch: its list of points is required and empty, which
/// the generated type leaves out.
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

/// Loads every picture of the page now (they are lazy) and waits until they are in.
async fn load_every_picture(s: &Session) {
    s.eval(
        "document.querySelectorAll('img.chart-fallback').forEach(i => i.loading = 'eager'); true",
    )
    .await;
    s.wait_until(
        "every picture to load",
        "Array.from(document.querySelectorAll('img.chart-fallback')).every(i => i.complete && i.naturalWidth > 0)",
    )
    .await;
}

/// Scrolls each chart holder of the page into view in turn, moving the pointer (a reader's
/// move), and waits until plotly has drawn it.
async fn draw_every_chart(s: &Session) {
    let holders = s
        .eval_f64(
            "document.querySelectorAll('.chart-figure, .timeline-overview, main.embed').length",
        )
        .await as usize;
    for i in 0..holders {
        let holder = format!(
            "document.querySelectorAll('.chart-figure, .timeline-overview, main.embed')[{i}]"
        );
        s.eval(&format!(
            "{holder}.scrollIntoView({{ block: 'center' }}); true"
        ))
        .await;
        let (w, _) = s.viewport().await;
        s.move_mouse(w / 2.0 + i as f64, 4.0).await;
        s.wait_until_within(
            &format!("plotly to draw chart {i}"),
            &format!("{holder}.classList.contains('is-drawn')"),
            PLOTLY_WAIT,
        )
        .await;
    }
    s.settle().await;
}

/// JavaScript: the problems of every drawn chart's text. Each text must lie inside the chart's
/// box and the screen; value labels inside the plot area, apart from each other, from the
/// category labels and from the other bars; and every text must stand out from the page's
/// background.
const DRAWN_TEXT_PROBLEMS: &str = r#"(() => {
  const problems = [];
  const rgb = (c) => (c.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
  const lum = (c) => { const v = rgb(c).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); }); return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const bg = getComputedStyle(document.body).backgroundColor;
  const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  document.querySelectorAll('.chart-stage.is-drawn > .plot').forEach(div => {
    const box = div.getBoundingClientRect();
    const area = div.querySelector('.nsewdrag').getBoundingClientRect();
    const shown = (t) => t.textContent.trim() && !t.closest('.hoverlayer') && getComputedStyle(t).visibility !== 'hidden' && t.getBoundingClientRect().width > 0;
    const texts = Array.from(div.querySelectorAll('svg text')).filter(shown);
    if (!texts.length) problems.push(div.id + ': no text at all');
    const say = (t, what) => problems.push(div.id + ': "' + t.textContent.trim().slice(0, 40) + '" ' + what);
    texts.forEach(t => {
      const r = t.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) say(t, 'leaves the chart');
      if (r.left < -1 || r.right > innerWidth + 1) say(t, 'leaves the screen');
      const ratio = contrast(getComputedStyle(t).fill, bg);
      if (ratio < 3) say(t, 'has a contrast of ' + ratio.toFixed(1) + ' with the page');
    });
    const values = Array.from(div.querySelectorAll('text.bartext, .textpoint text')).filter(shown);
    const labels = Array.from(div.querySelectorAll('.xtick text, .ytick text, text.annotation-text, text.legendtext, text.xtitle, text.ytitle')).filter(shown);
    const bars = Array.from(div.querySelectorAll('.barlayer .point path'));
    values.forEach((v, i) => {
      const r = v.getBoundingClientRect();
      const own = v.closest('.point') && v.closest('.point').querySelector('path');
      bars.forEach(b => { if (b !== own && overlap(r, b.getBoundingClientRect())) say(v, 'lies on another bar'); });
      if (r.left < area.left - 1 || r.right > area.right + 1 || r.top < area.top - 1 || r.bottom > area.bottom + 1) say(v, 'is a value label outside the plot area');
      labels.forEach(l => { if (overlap(r, l.getBoundingClientRect())) say(v, 'runs into "' + l.textContent.trim().slice(0, 30) + '"'); });
      values.slice(i + 1).forEach(w => { if (overlap(r, w.getBoundingClientRect())) say(v, 'runs into the value "' + w.textContent + '"'); });
    });
    labels.forEach((l, i) => labels.slice(i + 1).forEach(m => {
      if (overlap(l.getBoundingClientRect(), m.getBoundingClientRect())) say(l, 'runs into "' + m.textContent.trim().slice(0, 30) + '"');
    }));
  });
  return problems;
})()"#;

/// JavaScript, run in an SVG picture opened on its own: texts that leave the picture's
/// viewBox, run into each other or into a bar, dot or swatch, or do not stand out from its
/// background.
const PICTURE_TEXT_PROBLEMS: &str = r#"(() => {
  const svg = document.documentElement;
  const vb = svg.viewBox.baseVal;
  const problems = [];
  const rgb = (c) => (c.match(/[\d.]+/g) || []).slice(0, 3).map(Number);
  const lum = (c) => { const v = rgb(c).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); }); return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const bg = getComputedStyle(svg.querySelector('rect.bg')).fill;
  const texts = Array.from(svg.querySelectorAll('text'));
  const boxes = texts.map(t => t.getBBox());
  const shapes = Array.from(svg.querySelectorAll('rect:not(.bg), circle')).filter(r => !r.closest('defs')).map(r => r.getBBox());
  texts.forEach((t, i) => {
    const b = boxes[i];
    const what = '"' + t.textContent.slice(0, 40) + '"';
    if (shapes.some(r => b.x < r.x + r.width - 1 && r.x < b.x + b.width - 1 && b.y < r.y + r.height - 1 && r.y < b.y + b.height - 1)) problems.push(what + ' lies on a bar, a dot or a swatch');
    if (b.x < vb.x - 0.5 || b.y < vb.y - 0.5 || b.x + b.width > vb.x + vb.width + 0.5 || b.y + b.height > vb.y + vb.height + 0.5) problems.push(what + ' leaves the picture');
    if (contrast(getComputedStyle(t).fill, bg) < 3) problems.push(what + ' does not stand out from the background');
    boxes.slice(i + 1).forEach((c, j) => {
      if (b.x < c.x + c.width - 1 && c.x < b.x + b.width - 1 && b.y < c.y + c.height - 1 && c.y < b.y + b.height - 1) problems.push(what + ' runs into "' + texts[i + 1 + j].textContent.slice(0, 40) + '"');
    });
  });
  return problems;
})()"#;

// ---------------------------------------------------------------------------------------------
// Text that fits, drawn and in pictures
// ---------------------------------------------------------------------------------------------

/// At 360 and 1280 px, light and dark, every chart of both articles, drawn, keeps its text
/// inside the chart and the screen, its value labels inside the plot and clear of every other
/// label, and every label readable against the page. The timeline overview of the fixture spans
/// 150 years and its theme names are long.
#[test]
fn drawn_charts_keep_every_label_whole_and_apart() {
    run(async {
        let s = Session::start(Device::SmallPhone).await;
        for device in [Device::SmallPhone, Device::Desktop] {
            s.set_device(device).await;
            for scheme in ["light", "dark"] {
                s.set_color_scheme(scheme).await;
                for page in [
                    format!("{FIXTURE}/index.html"),
                    format!("{FIXTURE}/timeline.html"),
                    format!("{SEED}/index.html"),
                ] {
                    s.open_url(&file_url(&page)).await;
                    draw_every_chart(&s).await;
                    s.assert_fits(&page, device.metrics().0 as f64).await;
                    let problems = s.eval_strings(DRAWN_TEXT_PROBLEMS).await;
                    assert!(
                        problems.is_empty(),
                        "{page} at {device:?}, {scheme}:\n{}",
                        problems.join("\n")
                    );
                }
            }
        }
        s.finish().await;
    });
}

/// JavaScript: per chart stage of the page, [stage height, height of the picture as drawn in
/// it (scaled to fit, `object-fit: contain`), height of the drawn plot (0 before plotly)].
const STAGE_HEIGHTS: &str = "Array.from(document.querySelectorAll('.chart-stage:not(.embed-stage)')).map(st => { \
    const box = st.getBoundingClientRect(); const img = st.querySelector('img.chart-fallback'); \
    const src = st.querySelector('source'); const narrow = matchMedia(src.media).matches; \
    const [w, h] = narrow ? [+src.getAttribute('width'), +src.getAttribute('height')] : [+img.getAttribute('width'), +img.getAttribute('height')]; \
    const scale = Math.min(box.width / w, box.height / h); \
    const plot = st.querySelector('.plot .main-svg'); \
    return [st.parentElement.id || st.closest('[id]').id, box.height, h * scale, plot ? plot.getBoundingClientRect().height : 0]; })";

/// The picture and the plot agree on one height before anything loads, for every chart kind and
/// the timeline, at 360, 860 and 1280 px, with and without scripts: no blank band under the
/// picture while plotly loads (or for good, without scripts), nothing moves when it draws.
#[test]
fn picture_and_plot_agree_on_one_height() {
    run(async {
        let s = Session::start(Device::SmallPhone).await;
        let pages: Vec<String> = [SEED, FIXTURE, CHAPTER]
            .iter()
            .flat_map(|a| [format!("{a}/index.html"), format!("{a}/timeline.html")])
            .collect();
        let check = |page: &str, width: i64, when: &str, rows: &Value, plot: bool| {
            let rows = rows.as_array().expect("a list");
            assert!(!rows.is_empty(), "{page}: no chart stage");
            for r in rows {
                let (id, stage, picture, drawn) = (
                    r[0].as_str().unwrap_or_default().to_string(),
                    r[1].as_f64().unwrap(),
                    r[2].as_f64().unwrap(),
                    r[3].as_f64().unwrap(),
                );
                assert!(
                    (stage - picture).abs() <= 1.5,
                    "{page} at {width} px {when}: {id}'s box is {stage:.0} px, its picture {picture:.0} px"
                );
                if plot {
                    assert!(
                        (stage - drawn).abs() <= 1.5,
                        "{page} at {width} px {when}: {id}'s box is {stage:.0} px, its plot {drawn:.0} px"
                    );
                }
            }
        };
        for width in [360, 860, 1280] {
            s.set_screen(width, 900, 1.0, width < 600).await;
            for page in &pages {
                s.open_url(&file_url(page)).await;
                let before = s.eval(STAGE_HEIGHTS).await;
                check(page, width, "before plotly", &before, false);
                draw_every_chart(&s).await;
                let after = s.eval(STAGE_HEIGHTS).await;
                check(page, width, "drawn", &after, true);
            }
        }
        s.finish().await;
        let s = Session::start(Device::SmallPhone).await;
        s.scripts_off().await;
        for width in [360, 860, 1280] {
            s.set_screen(width, 900, 1.0, width < 600).await;
            for page in &pages {
                s.open_url(&file_url(page)).await;
                let rows = s.eval(STAGE_HEIGHTS).await;
                check(page, width, "without scripts", &rows, false);
            }
        }
        s.finish().await;
    });
}

/// On a phone and a laptop the drawn horizontal bars use most of the plot: the longest bar is
/// at least 60 % of the value axis (it used to run to ~2.3× the largest value on a phone).
#[test]
fn drawn_bars_use_most_of_the_plot() {
    run(async {
        let s = Session::start(Device::SmallPhone).await;
        for device in [Device::SmallPhone, Device::Desktop] {
            s.set_device(device).await;
            for page in [
                format!("{CHAPTER}/index.html"),
                format!("{SEED}/index.html"),
            ] {
                s.open_url(&file_url(&page)).await;
                draw_every_chart(&s).await;
                let shares = s
                    .eval(
                        "Array.from(document.querySelectorAll('.plot')).filter(d => d.data && d.data.some(t => t.orientation === 'h')).map(d => { \
                         const area = d.querySelector('.nsewdrag').getBoundingClientRect(); \
                         const longest = Math.max(...Array.from(d.querySelectorAll('.barlayer .point path')).map(p => p.getBoundingClientRect().width)); \
                         return [d.id, longest / area.width]; })",
                    )
                    .await;
                let shares = shares.as_array().expect("a list");
                assert!(!shares.is_empty(), "{page}: no horizontal bars");
                for r in shares {
                    let share = r[1].as_f64().unwrap();
                    assert!(
                        share >= 0.6,
                        "{page} at {device:?}: {}'s longest bar takes {:.0} % of the plot",
                        r[0],
                        share * 100.0
                    );
                }
            }
        }
        s.finish().await;
    });
}

/// A page shows each chart's title once: in its heading, not again in the picture under it (the
/// picture is shown through its view without the title, filling the box).
#[test]
fn a_page_shows_each_chart_title_once() {
    run(async {
        let s = Session::start(Device::SmallPhone).await;
        s.scripts_off().await;
        for device in [Device::SmallPhone, Device::Desktop] {
            s.set_device(device).await;
            for slug in [SEED, FIXTURE, CHAPTER] {
                for page in [format!("{slug}/index.html")].into_iter().chain(
                    chart_ids(slug)
                        .into_iter()
                        .map(|id| format!("{slug}/figures/{id}.html")),
                ) {
                    s.open_url(&file_url(&page)).await;
                    load_every_picture(&s).await;
                    let shown = s
                        .eval(
                            "Array.from(document.querySelectorAll('.chart-figure')).map(f => { const i = f.querySelector('img.chart-fallback'); \
                             return [f.id, i.currentSrc.split('/').pop(), getComputedStyle(i).objectFit]; })",
                        )
                        .await;
                    for f in shown.as_array().expect("a list") {
                        let (id, src, fit) = (
                            f[0].as_str().unwrap(),
                            f[1].as_str().unwrap(),
                            f[2].as_str().unwrap(),
                        );
                        assert!(
                            src.ends_with(&format!("#{id}-plain")),
                            "{page} at {device:?}: {id} shows {src}"
                        );
                        assert_eq!(fit, "fill", "{page}: {id}");
                    }
                }
            }
        }
        s.finish().await;
    });
}

/// Each chart of an article is told in words under it, from its data, and that text is the
/// accessible description of its picture and its plot: the largest and smallest values it
/// names are the data's.
#[test]
fn every_chart_is_described_from_its_data() {
    for slug in [SEED, FIXTURE, CHAPTER] {
        let page = std::fs::read_to_string(site().join(slug).join("index.html")).expect("the page");
        for id in chart_ids(slug) {
            let desc = format!("chart-{id}-desc");
            assert_eq!(
                page.matches(&format!("aria-describedby=\"{desc}\""))
                    .count(),
                2,
                "{slug}/{id}: the picture and the plot are described by the text"
            );
            let text = page
                .split(&format!("id=\"{desc}\">"))
                .nth(1)
                .and_then(|t| t.split("</p>").next())
                .unwrap_or_else(|| panic!("{slug}/{id}: no description"));
            let text = text
                .replace("&#62;", ">")
                .replace("&#60;", "<")
                .replace("&#39;", "'");
            let data: Value = serde_json::from_str(
                &std::fs::read_to_string(site().join(slug).join(format!("data/{id}.json")))
                    .unwrap(),
            )
            .unwrap();
            let values: Vec<f64> = data["series"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|s| {
                    s["values"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|v| v.as_f64().unwrap())
                })
                .collect();
            let number = |after: &str| -> f64 {
                let t = text
                    .split(after)
                    .nth(1)
                    .unwrap_or_else(|| panic!("{slug}/{id}: no `{after}` in {text}"));
                let digits: String = t
                    .trim_start_matches(|c: char| !(c.is_ascii_digit() || c == '\u{2212}'))
                    .chars()
                    .take_while(|c| {
                        c.is_ascii_digit() || *c == ',' || *c == '.' || *c == '\u{2212}'
                    })
                    .collect();
                digits
                    .trim_end_matches(['.', ','])
                    .replace(',', "")
                    .replace('\u{2212}', "-")
                    .parse()
                    .unwrap_or_else(|_| panic!("{slug}/{id}: `{digits}` in {text}"))
            };
            let max = values.iter().copied().fold(f64::MIN, f64::max);
            let min = values.iter().copied().fold(f64::MAX, f64::min);
            assert_eq!(number("Largest: "), max, "{slug}/{id}: {text}");
            assert_eq!(number("smallest: "), min, "{slug}/{id}: {text}");
        }
    }
}

/// The keyboard explores a chart by effect: Tab reaches its box, the arrow keys announce each
/// value (category, series, value with its mark and unit, the mark in words) in a live region,
/// Home and End the first and last, T opens the data table and moves there; on the picture
/// and on the drawn plot alike.
#[test]
fn the_keyboard_explores_a_chart_and_each_value_is_announced() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        let announced = "document.querySelector('#chart-cloth-output .chart-announce').textContent";
        for drawn in [false, true] {
            s.open_url(&file_url(&format!("{CHAPTER}/index.html")))
                .await;
            if drawn {
                draw_every_chart(&s).await;
            }
            let stage = "#chart-cloth-output .chart-stage";
            assert_eq!(
                s.eval_str(&format!(
                    "document.querySelector('{stage}').getAttribute('aria-roledescription')"
                ))
                .await,
                "chart"
            );
            assert_eq!(
                s.eval_str("document.querySelector('#chart-cloth-output .chart-announce').getAttribute('aria-live')").await,
                "polite"
            );
            s.focus(stage).await;
            s.press("ArrowRight").await;
            assert_eq!(s.eval_str(announced).await, "1913: 1,240,000 yards a year.");
            s.press("ArrowRight").await;
            assert_eq!(s.eval_str(announced).await, "1918: 655,000 yards a year.");
            s.press("End").await;
            assert_eq!(
                s.eval_str(announced).await,
                "1919 (first half, annual rate): ≈410,000 yards a year (approximate)."
            );
            s.press("ArrowRight").await;
            assert!(
                s.eval_str(announced).await.starts_with("1919 (first half"),
                "End stays at the end"
            );
            s.press("Home").await;
            assert_eq!(s.eval_str(announced).await, "1913: 1,240,000 yards a year.");
            if drawn {
                assert!(
                    s.eval_bool(
                        "!!document.querySelector('#plot-cloth-output .hoverlayer .hovertext')"
                    )
                    .await,
                    "the drawn chart shows the value's hover label"
                );
            }
            s.press("t").await;
            assert!(
                s.eval_bool(
                    "document.querySelector('#chart-cloth-output details.chart-data').open"
                )
                .await
            );
            assert!(
                s.eval_bool("document.activeElement === document.querySelector('#chart-cloth-output .table-scroll')").await,
                "T moves to the table: {}",
                s.focused().await
            );
        }
        // Several series: up and down move across them.
        s.open_url(&file_url(&format!("{FIXTURE}/index.html")))
            .await;
        s.focus("#chart-lock-gates .chart-stage").await;
        s.press("ArrowRight").await;
        s.press("ArrowRight").await;
        s.press("ArrowDown").await;
        assert_eq!(
            s.eval_str("document.querySelector('#chart-lock-gates .chart-announce').textContent").await,
            "Sector gates, Gates in 1915, after the oak mitre gates were replaced with steel: ≈6 gates (approximate)."
        );
        s.finish().await;
    });
}

/// A chart whose note cites no source names the note alone, under the chart and in its
/// picture: never "note 4 ()" or "(note 4)".
#[test]
fn a_note_without_a_citation_is_named_alone() {
    let page = std::fs::read_to_string(site().join(CHAPTER).join("index.html")).expect("the page");
    let figure = page
        .split("id=\"chart-workers\"")
        .nth(1)
        .and_then(|f| f.split("</figure>").next())
        .expect("the workers chart");
    assert!(figure.contains(">4</a>.</p>"), "{figure}");
    assert!(!figure.contains("()"), "{figure}");
    for picture in ["workers.svg", "workers-narrow.svg"] {
        let svg = std::fs::read_to_string(site().join(CHAPTER).join("data").join(picture))
            .expect("the picture");
        assert!(svg.contains("Source: note 4."), "{picture}");
        assert!(!svg.contains("(note 4)"), "{picture}");
    }
}

/// The pictures a phone and a laptop get (the narrow one at 360 px, the wide one at 1280 px)
/// keep their text inside and apart, light and dark, and a phone's labels are at least 11 px
/// on the screen.
#[test]
fn pictures_fit_their_screen_and_keep_text_apart() {
    run(async {
        let s = Session::start(Device::SmallPhone).await;
        s.scripts_off().await;
        for (device, narrow) in [(Device::SmallPhone, true), (Device::Desktop, false)] {
            s.set_device(device).await;
            let mut pictures = Vec::new();
            for page in [
                format!("{FIXTURE}/index.html"),
                format!("{FIXTURE}/timeline.html"),
            ] {
                s.open_url(&file_url(&page)).await;
                load_every_picture(&s).await;
                let shown = s
                    .eval(
                        "Array.from(document.querySelectorAll('img.chart-fallback')).map(i => \
                         [i.currentSrc.split('#')[0], i.getBoundingClientRect().width])",
                    )
                    .await;
                for p in shown.as_array().expect("a list") {
                    let src = p[0].as_str().expect("an address").to_string();
                    let width = p[1].as_f64().expect("a width");
                    assert_eq!(
                        src.ends_with("-narrow.svg"),
                        narrow,
                        "{page} at {device:?} shows {src}"
                    );
                    let rel = src
                        .split(&format!("{}/", site().display()))
                        .nth(1)
                        .expect("a picture of the site")
                        .to_string();
                    let (w, _) = svg_size(&rel);
                    if narrow {
                        // The phone picture's smallest type is 14 px of its 400.
                        let px = 14.0 * width / w;
                        assert!(px >= 11.0, "{rel}: labels of {px:.1} px on a phone");
                    }
                    pictures.push(src);
                }
            }
            assert!(pictures.len() >= 7, "{pictures:?}");
            for scheme in ["light", "dark"] {
                s.set_color_scheme(scheme).await;
                for src in &pictures {
                    s.open_url(src).await;
                    let problems = s.eval_strings(PICTURE_TEXT_PROBLEMS).await;
                    assert!(
                        problems.is_empty(),
                        "{src}, {scheme}:\n{}",
                        problems.join("\n")
                    );
                }
            }
        }
        s.finish().await;
    });
}

/// A tap on a bar of a phone shows its hover label inside the screen, with the whole value and
/// its qualifier in words, however long the category.
#[test]
fn hover_labels_fit_a_phone() {
    run(async {
        let s = Session::start(Device::SmallPhone).await;
        for (page, chart, wanted) in [
            (FIXTURE, "tolls-2015", "4,801,237"),
            (SEED, "trade-h1-2023", "approximate"),
            (FIXTURE, "balance", "more than"),
        ] {
            s.open_url(&file_url(&format!("{page}/figures/{chart}.html")))
                .await;
            s.tap_at(180.0, 10.0).await;
            s.wait_for_chart(&format!("#chart-{chart}")).await;
            // Each bar in turn, until the one whose label names the wanted value.
            let bars = s
                .eval_f64(&format!(
                    "document.querySelectorAll('#plot-{chart} .barlayer path').length"
                ))
                .await as usize;
            let mut seen = Vec::new();
            for i in 0..bars {
                s.eval(&format!(
                    "window.Plotly.Fx.unhover(document.getElementById('plot-{chart}')); true"
                ))
                .await;
                let at = s
                    .eval(&format!(
                        "(() => {{ const r = document.querySelectorAll('#plot-{chart} .barlayer path')[{i}].getBoundingClientRect(); \
                         return [r.left + Math.min(r.width / 2, 20), r.top + r.height / 2]; }})()"
                    ))
                    .await;
                s.tap_at(at[0].as_f64().unwrap(), at[1].as_f64().unwrap())
                    .await;
                s.wait_until(
                    "a hover label",
                    &format!("!!document.querySelector('#plot-{chart} .hoverlayer .hovertext')"),
                )
                .await;
                let label = s
                    .eval(&format!(
                        "(() => {{ const h = document.querySelector('#plot-{chart} .hoverlayer .hovertext'); \
                         const r = h.getBoundingClientRect(); return [h.textContent, r.left, r.right]; }})()"
                    ))
                    .await;
                let text = label[0].as_str().unwrap_or_default().to_string();
                let (left, right) = (label[1].as_f64().unwrap(), label[2].as_f64().unwrap());
                assert!(
                    left >= 0.0 && right <= 360.0,
                    "{chart}: the hover label {text:?} spans {left:.0}..{right:.0} of a 360 px screen"
                );
                seen.push(text);
            }
            assert!(
                seen.iter().any(|t| t.contains(wanted)),
                "{chart}: no hover label says {wanted:?}: {seen:?}"
            );
        }
        s.finish().await;
    });
}

// ---------------------------------------------------------------------------------------------
// Embeds in pages without scripts
// ---------------------------------------------------------------------------------------------

/// Each chart's embed code pasted into course pages without scripts, at 360 and 860 px: one that
/// strips the code's optional script (the frame's own script still runs), one whose frame may
/// run none (`sandbox="allow-same-origin"`), and one with `sandbox=""`. The frame's document fits
/// the height the code gives it, the link to the full chart is inside the frame's view, the
/// picture is whole, and a phone gets the phone picture with labels of at least 11 px; a
/// `sandbox=""` frame (a process of its own, out of the test's reach) shows, pixel for pixel,
/// what the script-less frame shows. The plain link under the frame is there.
#[test]
fn embed_codes_fit_script_free_course_pages() {
    run(async {
        let host_dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("charts-course-pages");
        std::fs::create_dir_all(&host_dir).expect("the course pages' folder");
        let site_host = Host::start(site(), "/site/");
        let course = Host::start(&host_dir, "/");
        let s = Session::start(Device::Desktop).await;
        let mut checked = 0;
        for slug in [SEED, FIXTURE] {
            for id in chart_ids(slug) {
                s.set_device(Device::Desktop).await;
                s.open_url(&site_host.url(&format!("{slug}/figures/{id}.html")))
                    .await;
                let code = s
                    .eval_str("document.getElementById('embed-code').value")
                    .await;
                let height: f64 = code
                    .split("height=\"")
                    .nth(1)
                    .and_then(|h| h.split('"').next())
                    .and_then(|h| h.parse().ok())
                    .unwrap_or_else(|| panic!("{id}: no height in {code}"));
                assert!(code.contains("<script>"), "{id}: the code lost its script");
                // Served over http the page gives the codes its own address.
                assert!(
                    code.contains(&site_host.url(&format!("{slug}/embed/{id}.html"))),
                    "{code}"
                );
                let pasted = code
                    .split("<script>")
                    .next()
                    .expect("the code before its script")
                    .to_string();
                for width in [360, 860] {
                    let mut script_less = Vec::new();
                    for sandbox in ["", " sandbox=\"allow-same-origin\"", " sandbox=\"\""] {
                        let frame = pasted
                            .replace(
                                "style=\"border:0;width:100%;",
                                &format!("style=\"border:0;width:{width}px;"),
                            )
                            .replace("<iframe ", &format!("<iframe{sandbox} "));
                        let name = format!("{id}-{width}-{}.html", sandbox.len());
                        std::fs::write(
                            host_dir.join(&name),
                            format!(
                                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
                                 <meta name=\"viewport\" content=\"width=device-width\"><title>Course page</title>\
                                 <link rel=\"icon\" href=\"data:,\"></head>\
                                 <body style=\"margin:8px\"><h1>Week 3</h1>\n{frame}\n<p>After the chart.</p></body></html>"
                            ),
                        )
                        .expect("write the course page");
                        s.set_screen(width + 16, 900, 1.0, false).await;
                        s.open_url(&course.url(&name)).await;
                        let what = format!("{id} at {width} px, iframe{sandbox}");
                        assert!(
                            s.eval_bool(&format!(
                                "Array.from(document.querySelectorAll('body > p > a')).some(a => a.href.endsWith('/figures/{id}.html'))"
                            ))
                            .await,
                            "{what}: no plain link under the frame"
                        );
                        if sandbox == " sandbox=\"\"" {
                            let mut same = false;
                            for _ in 0..60 {
                                if frame_pixels(&s).await == script_less {
                                    same = true;
                                    break;
                                }
                                tokio::time::sleep(Duration::from_millis(50)).await;
                            }
                            assert!(
                                same,
                                "{what}: the frame differs from one that runs no script"
                            );
                            checked += 1;
                            continue;
                        }
                        let m = embed_measures(&s, &format!("/embed/{id}.html")).await;
                        let (scroll, inner) = (m[0].as_f64().unwrap(), m[1].as_f64().unwrap());
                        assert!(
                            (inner - height).abs() < 1.0,
                            "{what}: the frame is {inner} px, the code says {height}"
                        );
                        assert!(
                            scroll <= height,
                            "{what}: the embed needs {scroll} px, the code gives {height}"
                        );
                        let (top, bottom) = (m[2].as_f64().unwrap(), m[3].as_f64().unwrap());
                        assert!(
                            top >= 0.0 && bottom <= height,
                            "{what}: the link is at {top:.0}..{bottom:.0} of {height}"
                        );
                        let drawn_width = m[5].as_f64().unwrap();
                        let src = m[6].as_str().unwrap_or_default();
                        if width == 360 {
                            assert!(src.ends_with("-narrow.svg"), "{what}: a phone gets {src}");
                            let px = 14.0 * drawn_width / 400.0;
                            assert!(px >= 11.0, "{what}: labels of {px:.1} px");
                        } else {
                            assert!(
                                !src.ends_with("-narrow.svg"),
                                "{what}: a wide page gets {src}"
                            );
                            assert!(
                                drawn_width >= 0.9 * (width - 40) as f64,
                                "{what}: the picture is {drawn_width:.0} px wide"
                            );
                        }
                        // The frame's own script shows the title above the chart; without it,
                        // the picture (which carries the title) stands alone over the link.
                        assert_eq!(m[7], Value::Bool(sandbox.is_empty()), "{what}: title shown");
                        if !sandbox.is_empty() {
                            script_less = frame_pixels(&s).await;
                        }
                        checked += 1;
                    }
                }
            }
        }
        assert_eq!(
            checked,
            6 * (chart_ids(SEED).len() + chart_ids(FIXTURE).len())
        );
        // The frames that may run no script report, as an error, that they ran none: expected.
        {
            let mut errors = s.errors.lock().unwrap();
            let blocked = errors.len();
            errors.retain(|e| {
                !(e.contains("Blocked script execution in")
                    && e.contains("/embed/")
                    && e.contains("the document's frame is sandboxed"))
            });
            assert!(blocked > errors.len(), "a sandboxed frame ran its scripts");
        }
        s.finish().await;
    });
}

/// Inside the embed frame at …`embed`, once its picture has loaded: [the document's
/// scrollHeight, the frame's height, the link's top and bottom, the picture loaded, the width
/// the picture is drawn at, the picture chosen, whether the title is shown].
async fn embed_measures(s: &Session, embed: &str) -> Value {
    let measure = "(() => { const i = document.querySelector('img.chart-fallback'); \
        const r = i.getBoundingClientRect(); const a = document.querySelector('a.embed-link').getBoundingClientRect(); \
        const w = i.naturalWidth, h = i.naturalHeight; const scale = Math.min(r.width / w, r.height / h); \
        const t = document.querySelector('.embed-title').getBoundingClientRect(); \
        return [document.documentElement.scrollHeight, innerHeight, a.top, a.bottom, \
        i.complete && w > 0, scale * w, i.currentSrc, t.width > 1 && t.height > 1]; })()";
    let mut m = Value::Null;
    for _ in 0..100 {
        m = s
            .try_eval_in_frame(embed, measure)
            .await
            .unwrap_or_default();
        if m[4] == Value::Bool(true) {
            return m;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the embed {embed} never showed its picture: {m}");
}

/// The pixels of the page's iframe, as a PNG.
async fn frame_pixels(s: &Session) -> Vec<u8> {
    use chromiumoxide::cdp::browser_protocol::page::{CaptureScreenshotFormat, Viewport};
    let r = s.rect("iframe").await;
    s.page
        .screenshot(
            chromiumoxide::page::ScreenshotParams::builder()
                .format(CaptureScreenshotFormat::Png)
                .clip(Viewport {
                    x: r.left,
                    y: r.top,
                    width: r.right - r.left,
                    height: r.bottom - r.top,
                    scale: 1.0,
                })
                .build(),
        )
        .await
        .expect("a screenshot of the frame")
}

// ---------------------------------------------------------------------------------------------
// Nothing moves, nothing traps
// ---------------------------------------------------------------------------------------------

/// Records every layout shift from the page's start.
const RECORD_SHIFTS: &str = "window.__shifts = []; new PerformanceObserver(l => l.getEntries().forEach(e => \
    window.__shifts.push({ value: e.value, time: e.startTime }))).observe({ type: 'layout-shift', buffered: true });";

/// The page's cumulative layout shift: the largest session window of shifts (gaps under 1 s,
/// at most 5 s long), as the metric is defined.
const CLS: &str = "(() => { let best = 0, sum = 0, start = -1e9, last = -1e9; \
    for (const s of window.__shifts) { if (s.time - last > 1000 || s.time - start > 5000) { sum = 0; start = s.time; } \
    sum += s.value; last = s.time; best = Math.max(best, sum); } return best; })()";

/// On every page kind with a chart (article, chart page, embed, timeline), on a phone and a
/// laptop, scrolling each chart into view and letting plotly draw it shifts the layout by less
/// than 0.05 (measured after the swap, which audits never trigger).
#[test]
fn drawing_the_charts_moves_nothing() {
    run(async {
        let s = Session::start(Device::Phone).await;
        s.page
            .evaluate_on_new_document(RECORD_SHIFTS)
            .await
            .expect("record layout shifts");
        let mut report = Vec::new();
        for device in [Device::Phone, Device::Desktop] {
            s.set_device(device).await;
            for page in [
                format!("{SEED}/index.html"),
                format!("{SEED}/figures/trade-h1-2023.html"),
                format!("{SEED}/figures/oil-import-shares.html"),
                format!("{SEED}/embed/trade-h1-2023.html"),
                format!("{SEED}/timeline.html"),
                format!("{FIXTURE}/index.html"),
                format!("{FIXTURE}/timeline.html"),
            ] {
                s.open_url(&file_url(&page)).await;
                draw_every_chart(&s).await;
                tokio::time::sleep(Duration::from_millis(300)).await;
                let drawn = s
                    .eval_f64("document.querySelectorAll('.chart-stage.is-drawn').length")
                    .await;
                assert!(drawn > 0.0, "{page}: nothing was drawn");
                let cls = s.eval_f64(CLS).await;
                report.push(format!("{page} {device:?}: {cls:.4}"));
                assert!(
                    cls < 0.05,
                    "{page} on {device:?}: CLS {cls:.3} after the swap"
                );
            }
        }
        println!("CLS after the swap:\n{}", report.join("\n"));
        s.finish().await;
    });
}

/// On a phone a vertical swipe that starts on a drawn chart scrolls the page (a chart and the
/// timeline); once the reader explores the timeline, the same swipe pans it instead.
#[test]
fn a_swipe_on_a_chart_scrolls_the_page() {
    run(async {
        let s = Session::start(Device::Phone).await;
        for (page, holder, plot) in [
            (
                format!("{SEED}/figures/trade-h1-2023.html"),
                "#chart-trade-h1-2023",
                "#plot-trade-h1-2023",
            ),
            (
                format!("{FIXTURE}/figures/tolls-2015.html"),
                "#chart-tolls-2015",
                "#plot-tolls-2015",
            ),
            (
                format!("{SEED}/timeline.html"),
                ".timeline-overview",
                "#timeline-overview",
            ),
        ] {
            s.open_url(&file_url(&page)).await;
            s.tap_at(195.0, 5.0).await;
            s.wait_for_chart(holder).await;
            s.eval(&format!(
                "document.querySelector('{holder}').scrollIntoView({{ block: 'start' }}); true"
            ))
            .await;
            s.settle().await;
            let r = s.rect(plot).await;
            let (x, y) = r.center();
            let before = s.scroll_y().await;
            swipe(&s, x, y, -200.0).await;
            let moved = s.scroll_y().await - before;
            assert!(
                moved > 100.0,
                "{page}: a swipe up on the chart scrolled the page {moved} px"
            );
            if holder == ".timeline-overview" {
                s.eval(&format!(
                    "document.querySelector('{holder}').scrollIntoView({{ block: 'start' }}); true"
                ))
                .await;
                s.settle().await;
                s.tap(".timeline-overview button.explore").await;
                assert_eq!(
                    s.eval_str(
                        "document.querySelector('button.explore').getAttribute('aria-pressed')"
                    )
                    .await,
                    "true"
                );
                let range = "JSON.stringify(document.getElementById('timeline-overview').layout.xaxis.range)";
                let (before, view) = (s.scroll_y().await, s.eval_str(range).await);
                let r = s.rect(plot).await;
                swipe(&s, r.center().0, r.center().1, -150.0).await;
                assert_eq!(
                    s.scroll_y().await,
                    before,
                    "exploring, a swipe still scrolled the page"
                );
                // A sideways drag pans the overview.
                let x0 = r.center().0 - 80.0;
                let point = |x: f64| {
                    TouchPoint::builder()
                        .x(x)
                        .y(r.center().1)
                        .build()
                        .expect("a point")
                };
                s.page
                    .execute(DispatchTouchEventParams::new(
                        DispatchTouchEventType::TouchStart,
                        vec![point(x0)],
                    ))
                    .await
                    .expect("touch");
                for i in 1..=10 {
                    s.page
                        .execute(DispatchTouchEventParams::new(
                            DispatchTouchEventType::TouchMove,
                            vec![point(x0 + 16.0 * f64::from(i))],
                        ))
                        .await
                        .expect("move");
                    tokio::time::sleep(Duration::from_millis(16)).await;
                }
                s.page
                    .execute(TouchEnd {
                        kind: "touchEnd",
                        touch_points: Vec::new(),
                    })
                    .await
                    .expect("end");
                s.wait_until(
                    "the drag to pan the overview",
                    &format!("{range} !== {}", js_str(&view)),
                )
                .await;
            }
        }
        s.finish().await;
    });
}

/// On a laptop the wheel over the timeline scrolls the page until the reader presses
/// "Explore"; then it zooms the overview and leaves the page still; Esc ends it.
#[test]
fn the_wheel_scrolls_past_the_timeline_until_the_reader_explores_it() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        s.open_url(&file_url(&format!("{SEED}/timeline.html")))
            .await;
        s.move_mouse(640.0, 10.0).await;
        s.wait_for_chart(".timeline-overview").await;
        let range =
            "JSON.stringify(document.getElementById('timeline-overview').layout.xaxis.range)";
        let view = s.eval_str(range).await;
        let (x, y) = s.rect("#timeline-overview").await.center();
        let before = s.scroll_y().await;
        s.wheel(x, y, 200.0).await;
        s.wait_until(
            "the wheel to scroll the page",
            &format!("scrollY > {before} + 50"),
        )
        .await;
        assert_eq!(
            s.eval_str(range).await,
            view,
            "the wheel zoomed the overview"
        );
        // Explore, by keyboard.
        s.eval("window.scrollTo(0, 0); true").await;
        s.focus(".timeline-overview button.explore").await;
        s.press("Enter").await;
        s.wait_until(
            "the overview to be explored",
            "document.getElementById('timeline-overview').hasAttribute('data-exploring')",
        )
        .await;
        let (x, y) = s.rect("#timeline-overview").await.center();
        s.move_mouse(x, y).await;
        let before = s.scroll_y().await;
        s.wheel(x, y, -300.0).await;
        s.wait_until(
            "the wheel to zoom the overview",
            &format!("{range} !== {}", js_str(&view)),
        )
        .await;
        assert_eq!(
            s.scroll_y().await,
            before,
            "exploring, the wheel scrolled the page"
        );
        s.press("Escape").await;
        assert!(
            !s.eval_bool(
                "document.getElementById('timeline-overview').hasAttribute('data-exploring')"
            )
            .await,
            "Esc did not end exploring"
        );
        let zoomed = s.eval_str(range).await;
        s.wheel(x, y, 200.0).await;
        s.wait_until(
            "the wheel to scroll the page again",
            &format!("scrollY > {before} + 50"),
        )
        .await;
        assert_eq!(s.eval_str(range).await, zoomed);
        s.finish().await;
    });
}

// ---------------------------------------------------------------------------------------------
// PNG, print, codes
// ---------------------------------------------------------------------------------------------

/// The figure's own "Download PNG", reached by keyboard in the dark: a PNG at twice the wide
/// picture's proportions at 1200 px, its corners the page's dark background (opaque), with the
/// title drawn above the chart and the source below it.
#[test]
fn download_png_is_opaque_titled_and_sourced() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        s.set_color_scheme("dark").await;
        for (slug, id) in [(SEED, "trade-h1-2023"), (FIXTURE, "tolls-2015")] {
            s.open_url(&file_url(&format!("{slug}/figures/{id}.html")))
                .await;
            let button = format!("#chart-{id} button.png-download");
            // Reached with Tab like any button.
            s.eval(&format!(
                "(() => {{ const e = document.querySelector('#chart-{id} .chart-stage'); e.tabIndex = -1; e.focus(); return true; }})()"
            ))
            .await;
            let mut reached = false;
            for _ in 0..6 {
                s.tab().await;
                if s.eval_bool(&format!(
                    "document.activeElement === document.querySelector('{button}')"
                ))
                .await
                {
                    reached = true;
                    break;
                }
            }
            assert!(reached, "{id}: Tab never reached the PNG button");
            s.press("Enter").await;
            let png = s.downloaded(&format!("{id}.png")).await;
            let (w, h) = svg_size(&format!("{slug}/data/{id}.svg"));
            let height = (h * 1200.0 / w).round() as u32;
            assert_png(Path::new(&format!("{id}.png")), &png, 2400, 2 * height);
            // Decode it in the page and look at its pixels.
            let data = base64(&png);
            let pixels = s
                .eval(&format!(
                    "(async () => {{ const img = new Image(); img.src = 'data:image/png;base64,{data}'; await img.decode(); \
                     const c = document.createElement('canvas'); c.width = img.width; c.height = img.height; \
                     const g = c.getContext('2d'); g.drawImage(img, 0, 0); \
                     const at = (x, y) => Array.from(g.getImageData(x, y, 1, 1).data); \
                     const inked = (y0, y1) => {{ const d = g.getImageData(0, y0, c.width, y1 - y0).data; let n = 0; \
                       for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - d[0]) + Math.abs(d[i + 1] - d[1]) + Math.abs(d[i + 2] - d[2]) > 150) n++; return n; }}; \
                     return {{ corners: [at(2, 2), at(c.width - 3, c.height - 3)], top: inked(0, 90), bottom: inked(c.height - 90, c.height) }}; }})()"
                ))
                .await;
            let page_bg = rgb_sum(
                &s.eval_str("getComputedStyle(document.body).backgroundColor")
                    .await,
            );
            for corner in pixels["corners"].as_array().unwrap() {
                let c: Vec<f64> = corner
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_f64().unwrap())
                    .collect();
                assert_eq!(c[3], 255.0, "{id}: a transparent corner");
                assert!(
                    (c[0] + c[1] + c[2] - page_bg.0).abs() < 6.0,
                    "{id}: the corner {c:?} is not the page's background ({page_bg:?})"
                );
            }
            assert!(
                pixels["top"].as_f64().unwrap() > 500.0,
                "{id}: no title at the top: {pixels}"
            );
            assert!(
                pixels["bottom"].as_f64().unwrap() > 500.0,
                "{id}: no source at the bottom: {pixels}"
            );
        }
        s.finish().await;
    });
}

/// Standard base64 of `bytes` (for a data: URL).
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Printed straight after opening (nothing scrolled, no chart drawn) or after drawing them,
/// every chart shows its picture, loaded, and its data table open; no plot box is printed, and
/// the timeline prints its picture.
#[test]
fn print_shows_every_picture_and_every_table() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        for (page, drawn) in [
            (format!("{SEED}/index.html"), false),
            (format!("{FIXTURE}/index.html"), false),
            (format!("{FIXTURE}/index.html"), true),
            (format!("{SEED}/timeline.html"), false),
        ] {
            s.set_media("").await;
            s.open_url(&file_url(&page)).await;
            if drawn {
                draw_every_chart(&s).await;
                s.eval("window.scrollTo(0, 0); true").await;
            }
            let lazy = s
                .eval_f64("Array.from(document.querySelectorAll('img.chart-fallback')).filter(i => !i.complete || !i.naturalWidth).length")
                .await;
            if !drawn && page.ends_with("index.html") {
                assert!(
                    lazy > 0.0,
                    "{page}: every picture loaded without printing (nothing to prove)"
                );
            }
            s.eval("window.dispatchEvent(new Event('beforeprint')); true")
                .await;
            s.set_media("print").await;
            s.wait_until(
                "every picture to load for print",
                "Array.from(document.querySelectorAll('img.chart-fallback')).every(i => i.complete && i.naturalWidth > 0)",
            )
            .await;
            let problems = s
                .eval_strings(
                    "(() => { const p = []; const seen = (e) => { const r = e.getBoundingClientRect(); \
                     return r.width > 50 && r.height > 20 && getComputedStyle(e).visibility !== 'hidden'; }; \
                     document.querySelectorAll('img.chart-fallback').forEach(i => { if (!seen(i)) p.push('picture ' + i.src + ' not shown'); }); \
                     document.querySelectorAll('.chart-stage > .plot').forEach(d => { if (d.getClientRects().length) p.push('plot box ' + d.id + ' printed'); }); \
                     document.querySelectorAll('table.chart-table').forEach(t => { if (!seen(t)) p.push('table of ' + t.closest('figure').id + ' not shown'); }); \
                     return p; })()",
                )
                .await;
            assert!(
                problems.is_empty(),
                "{page} (drawn: {drawn}):\n{}",
                problems.join("\n")
            );
            let pictures = s
                .eval_f64("document.querySelectorAll('img.chart-fallback').length")
                .await;
            assert!(pictures >= 1.0, "{page}: no picture");
            s.eval("window.dispatchEvent(new Event('afterprint')); true")
                .await;
        }
        s.set_media("").await;
        s.finish().await;
    });
}

/// Without a base URL, the copy codes opened from disk are relative and say so beside them;
/// built with `--base-url`, every address in every code is absolute and there is no warning.
#[test]
fn codes_are_absolute_with_a_base_url_and_say_when_they_are_not() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        s.open_url(&file_url(&format!("{SEED}/figures/trade-h1-2023.html")))
            .await;
        assert!(
            s.shown("#code-warning").await,
            "no warning beside relative codes"
        );
        let warning = s.rect("#code-warning").await;
        let code = s.rect("#embed-code").await;
        assert!(
            code.top - warning.bottom < 80.0 && code.top > warning.bottom,
            "the warning is not next to the code"
        );
        assert!(s.text("#code-warning").await.contains("--base-url"));
        let relative = s
            .eval_str("document.getElementById('embed-code').value")
            .await;
        assert!(
            relative.contains("src=\"../embed/trade-h1-2023.html\""),
            "{relative}"
        );
        s.finish().await;

        let base = "https://example.org/explainers/";
        let dir = build_site("charts-site-base", Some(base));
        for slug in [SEED, FIXTURE] {
            for id in chart_ids(slug) {
                let page = std::fs::read_to_string(dir.join(format!("{slug}/figures/{id}.html")))
                    .expect("a chart page");
                assert!(
                    !page.contains("id=\"code-warning\""),
                    "{id}: a warning with a base URL"
                );
                let document = scraper::Html::parse_document(&page);
                for code in ["embed-code", "image-code", "link-code"] {
                    let selector = scraper::Selector::parse(&format!("#{code}")).unwrap();
                    let text: String = document
                        .select(&selector)
                        .next()
                        .unwrap_or_else(|| panic!("{id}: no #{code}"))
                        .text()
                        .collect();
                    let pasted = scraper::Html::parse_fragment(&text);
                    let any = scraper::Selector::parse("[href], [src], [srcset]").unwrap();
                    let mut addresses = 0;
                    for el in pasted.select(&any) {
                        for attr in ["href", "src", "srcset"] {
                            if let Some(v) = el.value().attr(attr) {
                                addresses += 1;
                                assert!(
                                    v.starts_with(base),
                                    "{id} {code}: {attr}=\"{v}\" is not absolute"
                                );
                            }
                        }
                    }
                    assert!(addresses >= 1, "{id} {code}: no address in {text}");
                }
            }
        }
    });
}

// ---------------------------------------------------------------------------------------------
// Screenshots to look at
// ---------------------------------------------------------------------------------------------

/// Screenshots (target/screenshots/charts-*.png) of every chart of the three articles at 360 and
/// 1280 px, light and dark, every kind among them (bar, grouped bar, horizontal bars, slope,
/// line), as a picture and drawn, and of the timelines drawn (the fixture's 150 years and the
/// 1919 chapter's crowded 1918–19).
#[test]
fn screenshots_of_every_chart_at_360_and_1280_light_and_dark() {
    run(async {
        let s = Session::start(Device::SmallPhone).await;
        let mut kinds = std::collections::BTreeSet::new();
        for (device, screen) in [(Device::SmallPhone, "phone"), (Device::Desktop, "desktop")] {
            s.set_device(device).await;
            let (w, _) = s.viewport().await;
            for scheme in ["light", "dark"] {
                s.set_color_scheme(scheme).await;
                let at = format!("{screen}-{scheme}");
                for slug in [SEED, FIXTURE, CHAPTER] {
                    for id in chart_ids(slug) {
                        s.open_url(&file_url(&format!("{slug}/figures/{id}.html")))
                            .await;
                        let holder = format!("#chart-{id}");
                        s.eval(&format!(
                            "document.querySelector('{holder}').scrollIntoView({{ block: 'start' }}); true"
                        ))
                        .await;
                        s.wait_until(
                            "the picture",
                            &format!(
                                "document.querySelector('{holder} img.chart-fallback').complete"
                            ),
                        )
                        .await;
                        s.screenshot(&format!("charts-{id}-picture-{at}")).await;
                        if device == Device::SmallPhone {
                            s.tap_at(w / 2.0, 5.0).await;
                        } else {
                            s.move_mouse(w / 2.0, 5.0).await;
                        }
                        s.wait_for_chart(&holder).await;
                        s.screenshot(&format!("charts-{id}-{at}")).await;
                        let kind = s
                            .eval_str(&format!(
                                "(() => {{ const t = document.getElementById('plot-{id}').data; \
                                 return t[0].type + (t[0].orientation === 'h' ? '-h' : '') + '/' + t.length; }})()"
                            ))
                            .await;
                        kinds.insert(kind);
                    }
                    s.open_url(&file_url(&format!("{slug}/timeline.html")))
                        .await;
                    s.eval("document.querySelector('.timeline-overview').scrollIntoView({ block: 'start' }); true")
                        .await;
                    s.settle().await;
                    s.screenshot(&format!("charts-{slug}-timeline-picture-{at}"))
                        .await;
                    if device == Device::SmallPhone {
                        s.tap_at(w / 2.0, 5.0).await;
                    } else {
                        s.move_mouse(w / 2.0, 5.0).await;
                    }
                    s.wait_for_chart(".timeline-overview").await;
                    s.settle().await;
                    s.screenshot(&format!("charts-{slug}-timeline-{at}")).await;
                }
            }
        }
        // Bars up and across, grouped, and lines.
        for kind in ["bar/1", "bar/2", "bar-h/1", "scatter/1", "scatter/2"] {
            assert!(kinds.contains(kind), "no {kind} chart among {kinds:?}");
        }
        s.finish().await;
    });
}
