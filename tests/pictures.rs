//! The static chart and timeline pictures in a real browser (Debian's Chromium, with its fonts):
//! for every chart kind with 7-digit, negative and tiny values, 60+ character labels and a
//! 150-year timeline with a far-off event, no text runs out of the picture and no two texts
//! overlap, in the wide and the phone picture; in dark mode the picture turns dark.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chromiumoxide::browser::{Browser, BrowserConfig};
use chromiumoxide::cdp::browser_protocol::emulation::{MediaFeature, SetEmulatedMediaParams};
use futures::StreamExt;

use explainer::chart_svg::{chart_pictures, timeline_pictures, Lane};
use explainer::charts::{Chart, Series};

const CHROMIUM: &str = "/usr/bin/chromium";

const LONG: &str =
    "Machine tools, bearings and numerically controlled lathes imported through third countries";
const SOURCE: &str = "Source: General Administration of Customs of the People's Republic of China, 2023 (note 15); Reuters, 12 July 2023 (note 16). From “A long article title” by An Author.";

fn chart(id: &str, kind: &str, categories: &[&str], series: &[(&str, &[f64], &[bool])]) -> Chart {
    Chart {
        id: id.into(),
        title: format!("A {kind} chart with a title long enough to wrap on a phone screen"),
        caption: "Caption".into(),
        kind: explainer::charts::ChartKind::ALL
            .into_iter()
            .find(|k| k.name() == kind)
            .unwrap_or(explainer::charts::ChartKind::Bar),
        unit: "thousand tonnes of something measured".into(),
        categories: categories.iter().map(|c| c.to_string()).collect(),
        notes: Vec::new(),
        sources: Vec::new(),
        derived_note: None,
        series: series
            .iter()
            .map(|(name, values, derived)| Series {
                name: name.to_string(),
                values: values.to_vec(),
                derived: if derived.is_empty() {
                    vec![false; values.len()]
                } else {
                    derived.to_vec()
                },
                qualifiers: vec![None; values.len()],
            })
            .collect(),
        span: 0..0,
    }
}

/// Writes every fixture picture (wide and narrow) into a fresh folder; returns their paths.
fn pictures() -> Vec<PathBuf> {
    let years: Vec<String> = (1860..2016).map(|y| y.to_string()).collect();
    let years: Vec<&str> = years.iter().map(String::as_str).collect();
    let growth: Vec<f64> = (0..years.len())
        .map(|i| 102_000.0 + 30_000.0 * i as f64)
        .collect();
    let charts = [
        chart(
            "bar",
            "bar",
            &["2021", "2022", "2023"],
            &[(
                "Exports",
                &[4_801_237.0, 102_000.0, -35_000.0],
                &[false, false, true],
            )],
        ),
        chart(
            "grouped",
            "grouped-bar",
            &[LONG, "Chinese exports to Russia"],
            &[
                (
                    "First half of 2022 (derived)",
                    &[52.147, 29.357],
                    &[true, true],
                ),
                ("First half of 2023", &[62.263, -12.5], &[]),
            ],
        ),
        chart(
            "hbar",
            "hbar",
            &[LONG, "Russia, H1 2023", "Saudi Arabia, H1 2023", "Tiny"],
            &[(
                "Share",
                &[4_801_237.0, 18.2, -16.5, 0.00042],
                &[true, false, false, false],
            )],
        ),
        chart(
            "slope",
            "slope",
            &["2021", "2022"],
            &[
                (LONG, &[10.93, 43.25], &[]),
                (
                    "Another series with nearly the same values",
                    &[11.5, 42.0],
                    &[],
                ),
            ],
        ),
        chart("line", "line", &years, &[("Population", &growth, &[])]),
        chart(
            "tiny",
            "bar",
            &["a", "b"],
            &[("Tiny", &[1e-20, 3e-20], &[])],
        ),
    ];
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pictures");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut paths = Vec::new();
    let mut write = |name: String, svg: &str| {
        let path = dir.join(name);
        std::fs::write(&path, svg).unwrap();
        paths.push(path);
    };
    for c in &charts {
        for lang in ["en", "ru"] {
            let p = chart_pictures(c, SOURCE, lang);
            write(format!("{}-{lang}.svg", c.id), &p.wide.svg);
            write(format!("{}-{lang}-narrow.svg", c.id), &p.narrow.svg);
        }
    }
    let mut recent: Vec<(i32, u8, u8)> = (1..=12).map(|m| (2022, m, 4)).collect();
    recent.push((2012, 11, 15));
    let lanes = vec![
        Lane {
            label: "Diplomacy".into(),
            colour: "#0072B2",
            dates: (1860..=2015).step_by(3).map(|y| (y, 6, 1)).collect(),
        },
        Lane {
            label: "Neural analytics and the laboratory of long theme labels".into(),
            colour: "#E69F00",
            dates: vec![(1861, 1, 1), (1950, 3, 5), (2015, 12, 31)],
        },
    ];
    let p = timeline_pictures("Timeline", &lanes, "en", 0);
    write("timeline-150.svg".into(), &p.wide.svg);
    write("timeline-150-narrow.svg".into(), &p.narrow.svg);
    let outlier = vec![Lane {
        label: "Economy and trade".into(),
        colour: "#009E73",
        dates: recent,
    }];
    let p = timeline_pictures("Timeline", &outlier, "en", 0);
    write("timeline-outlier.svg".into(), &p.wide.svg);
    write("timeline-outlier-narrow.svg".into(), &p.narrow.svg);
    paths
}

/// Texts outside the picture or overlapping another, measured with the browser's font.
const CHECK: &str = r#"(() => {
  const vb = document.documentElement.viewBox.baseVal;
  const boxes = Array.from(document.querySelectorAll('text')).map(t => {
    const b = t.getBBox();
    return { t: t.textContent, x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
  });
  const out = [];
  for (const b of boxes)
    if (b.x0 < -0.5 || b.y0 < -0.5 || b.x1 > vb.width + 0.5 || b.y1 > vb.height + 0.5)
      out.push('outside: ' + b.t);
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 1 && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > 2)
        out.push('overlap: ' + a.t + ' / ' + b.t);
    }
  return JSON.stringify({ texts: boxes.length, problems: out,
    background: getComputedStyle(document.querySelector('rect.bg')).fill });
})()"#;

#[test]
fn pictures_fit_their_text_in_a_browser_light_and_dark() {
    assert!(
        Path::new(CHROMIUM).exists(),
        "this test needs Chromium at {CHROMIUM}: apt-get install -y chromium"
    );
    let files = pictures();
    let profile = Path::new(env!("CARGO_TARGET_TMPDIR")).join("pictures-profile");
    let _ = std::fs::remove_dir_all(&profile);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let failures = runtime.block_on(async {
        let config = BrowserConfig::builder()
            .chrome_executable(CHROMIUM)
            .new_headless_mode()
            .no_sandbox()
            .user_data_dir(&profile)
            .args([
                "disable-gpu",
                "disable-background-networking",
                "no-first-run",
            ])
            .build()
            .unwrap();
        let (mut browser, mut handler): (Browser, _) = Browser::launch(config).await.unwrap();
        let events = tokio::spawn(async move { while handler.next().await.is_some() {} });
        let page = browser.new_page("about:blank").await.unwrap();
        let mut failures = Vec::new();
        for scheme in ["light", "dark"] {
            page.execute(
                SetEmulatedMediaParams::builder()
                    .features(vec![MediaFeature::new("prefers-color-scheme", scheme)])
                    .build(),
            )
            .await
            .unwrap();
            for file in &files {
                page.goto(format!("file://{}", file.display()))
                    .await
                    .unwrap();
                let result: String =
                    tokio::time::timeout(Duration::from_secs(20), page.evaluate(CHECK))
                        .await
                        .expect("the check finishes")
                        .unwrap()
                        .into_value()
                        .unwrap();
                let v: serde_json::Value = serde_json::from_str(&result).unwrap();
                let name = file.file_name().unwrap().to_string_lossy();
                assert!(v["texts"].as_u64().unwrap() >= 3, "{name}: {v}");
                for p in v["problems"].as_array().unwrap() {
                    failures.push(format!("{name} ({scheme}): {p}"));
                }
                let expected = if scheme == "dark" {
                    "rgb(22, 24, 29)"
                } else {
                    "rgb(251, 250, 247)"
                };
                assert_eq!(v["background"], expected, "{name} in {scheme} mode");
            }
        }
        browser.close().await.unwrap();
        let _ = browser.wait().await;
        events.abort();
        failures
    });
    let _ = std::fs::remove_dir_all(&profile);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
