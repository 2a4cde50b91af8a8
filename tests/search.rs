//! The site search, by effect in headless Chromium: a relevance set of queries over the seed and
//! the second article (tests/common/second-article) with the results each must find in its top
//! three (precision at 3 printed), typing and landing on the highlighted passage, the search in
//! the address across reload and Back, a strict Content-Security-Policy, an LMS iframe, a phone,
//! the keyboard alone, hostile text kept as text, and results from every article of the site.

mod common;
// The shared harness: this file uses part of it.
#[path = "common/browser.rs"]
#[allow(dead_code)]
mod harness;

use std::path::{Path, PathBuf};

use harness::*;

const SEED: &str = "russia-china-partnership/";

/// Each query with the results (address ends) that answer it; the first must be in the top 3.
fn relevance_set() -> Vec<(&'static str, Vec<String>)> {
    let seed = |ends: &[&str]| {
        ends.iter()
            .map(|e| format!("{SEED}{e}"))
            .collect::<Vec<_>>()
    };
    let second = |ends: &[&str]| {
        ends.iter()
            .map(|e| format!("second-article/{e}"))
            .collect::<Vec<_>>()
    };
    vec![
        (
            "xinhua",
            seed(&[
                "sources.html#src-xinhua-2022-fm-phone-call",
                "sources.html#src-xinhua-2022-wang-yi-five-points",
                "index.html#fn-4",
                "index.html#fn-5",
            ]),
        ),
        (
            "Синьхуа",
            seed(&[
                "sources.html#src-xinhua-2022-wang-yi-five-points",
                "index.html#fn-5",
            ]),
        ),
        (
            "синьхуа",
            seed(&[
                "sources.html#src-xinhua-2022-wang-yi-five-points",
                "index.html#fn-5",
            ]),
        ),
        (
            "Power of Siberia",
            seed(&[
                "index.html#prospects-p4",
                "index.html#chart-pipeline-vs-europe",
            ]),
        ),
        ("no limits", seed(&["index.html#ed-5"])),
        ("\"no limits\"", seed(&["index.html#ed-5"])),
        (
            "145",
            seed(&[
                "index.html#ed-12",
                "index.html#prospects-p4",
                "index.html#chart-pipeline-vs-europe",
            ]),
        ),
        (
            "Wang Yi",
            seed(&[
                "timeline.html#event-lavrov-wang-yi-call",
                "timeline.html#event-five-point-position",
                "sources.html#src-xinhua-2022-wang-yi-five-points",
                "index.html#political-position-p4",
            ]),
        ),
        (
            "grain",
            seed(&[
                "timeline.html#event-grain-contract-2023",
                "sources.html#src-tass-2023-grain-contract",
                "index.html#bilateral-partnership-p12",
                "index.html#intro-p2",
            ]),
        ),
        (
            "semiconductors",
            seed(&[
                "index.html#chart-microchips-2022",
                "sources.html#src-wsj-2023-microchips",
                "index.html#bilateral-partnership-p6",
                "timeline.html#event-equipment-and-microchips-2022",
                "index.html#fn-17",
            ]),
        ),
        (
            "胡锦涛",
            seed(&[
                "sources.html#src-hu-jintao-2012-congress-report",
                "index.html#fn-26",
            ]),
        ),
        (
            "报告",
            seed(&[
                "sources.html#src-hu-jintao-2012-congress-report",
                "index.html#fn-26",
            ]),
        ),
        (
            "Hu Jintao",
            seed(&[
                "timeline.html#event-hu-jintao-18th-congress-report",
                "sources.html#src-hu-jintao-2012-congress-report",
            ]),
        ),
        (
            "microchips",
            seed(&[
                "index.html#chart-microchips-2022",
                "sources.html#src-wsj-2023-microchips",
                "timeline.html#event-equipment-and-microchips-2022",
                "index.html#bilateral-partnership-p6",
            ]),
        ),
        (
            "Zhang Hanhui",
            seed(&[
                "timeline.html#event-zhang-hanhui-business-call",
                "sources.html#src-embassy-2023-ambassador-interview-nato",
                "index.html#political-position-p9",
            ]),
        ),
        (
            "Blinken",
            seed(&[
                "timeline.html#event-blinken-criticism",
                "index.html#political-position-p7",
            ]),
        ),
        (
            "Olympics",
            seed(&["timeline.html#event-putin-visit-beijing-2022"]),
        ),
        (
            "Belousov",
            seed(&[
                "timeline.html#event-belousov-chinese-investment",
                "index.html#ed-6",
                "index.html#bilateral-partnership-p3",
            ]),
        ),
        (
            "Akhmat",
            seed(&[
                "timeline.html#event-akhmat-chinese-armored-vehicles",
                "index.html#bilateral-partnership-p7",
            ]),
        ),
        (
            "Saudi Arabia",
            seed(&[
                "timeline.html#event-oil-shares-h1-2023",
                "index.html#chart-oil-import-shares",
                "index.html#bilateral-partnership-p11",
            ]),
        ),
        (
            "Global Civilization Initiative",
            seed(&[
                "timeline.html#event-global-civilization-initiative",
                "sources.html#src-prnewswire-2023-global-civilization-initiative",
                "index.html#fn-28",
                "index.html#political-engagement-p3",
            ]),
        ),
        (
            "Scholz",
            seed(&[
                "timeline.html#event-scholz-calls-on-china",
                "sources.html#src-ft-2023-scholz-pressure",
                "index.html#fn-14",
            ]),
        ),
        ("Fu Cong", seed(&["index.html#ed-4"])),
        (
            "Gazprom",
            seed(&["sources.html#src-kommersant-2021-gazprom-exports"]),
        ),
        (
            "Газпрома",
            seed(&[
                "sources.html#src-kommersant-2021-gazprom-exports",
                "index.html#fn-37",
            ]),
        ),
        (
            "Bishkek",
            seed(&[
                "timeline.html#event-sco-bishkek-2023",
                "index.html#bilateral-partnership-p14",
            ]),
        ),
        (
            "Mishustin",
            seed(&[
                "sources.html#src-government-2023-mishustin-li-qiang",
                "timeline.html#event-sco-bishkek-2023",
                "index.html#bilateral-partnership-p14",
            ]),
        ),
        (
            "Kommersant",
            seed(&[
                "sources.html#src-kommersant-2022-loaders-look-east",
                "sources.html#src-kommersant-2021-gazprom-exports",
            ]),
        ),
        (
            "oil discount",
            seed(&[
                "index.html#chart-oil-discounts",
                "sources.html#src-bdf-2023-oil-discounts",
            ]),
        ),
        (
            "partner",
            seed(&[
                "index.html#bilateral-partnership",
                "index.html#intro-p2",
                "index.html#political-position-p1",
            ]),
        ),
        ("Prospects", seed(&["index.html#prospects"])),
        (
            "Odessa",
            second(&["sources.html#src-herlihy-odessa", "index.html#intro-p1"]),
        ),
        ("Herlihy", second(&["sources.html#src-herlihy-odessa"])),
        ("Panamax", second(&["index.html#ships-p1"])),
        ("зернового", second(&["sources.html#src-cbr-grain-2022"])),
    ]
}

/// Opens `page`, turns to the search box (which loads the search) and waits for it.
async fn ready(s: &Session, page: &str) {
    s.open(page).await;
    s.focus("#site-search-q").await;
    s.wait_until("the search to load", "!!window.explainerSearch")
        .await;
}

/// The addresses of a query's results, best first, relative to the site root.
async fn results(s: &Session, q: &str) -> Vec<String> {
    s.eval_strings(&format!(
        "explainerSearch.query({}).then(r => r.map(x => x.href.replace(/^(\\.\\.\\/)+/, '')))",
        js_str(q)
    ))
    .await
}

#[test]
fn the_relevance_set_finds_each_answer_in_the_top_three() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        ready(&s, ARTICLE).await;
        let set = relevance_set();
        assert!(set.len() >= 30);
        let (mut precision, mut failed) = (0.0, Vec::new());
        for (q, relevant) in &set {
            let got = results(&s, q).await;
            let top: Vec<&String> = got.iter().take(3).collect();
            let hits = top.iter().filter(|h| relevant.contains(h)).count();
            precision += hits as f64 / relevant.len().min(3) as f64;
            if hits == 0 {
                failed.push(format!("{q}: top 3 {top:?}, wanted one of {relevant:?}"));
            }
        }
        let p3 = precision / set.len() as f64;
        println!("search precision@3 over {} queries: {p3:.3}", set.len());
        assert!(
            failed.is_empty(),
            "queries without an answer in the top 3:\n{}",
            failed.join("\n")
        );
        assert!(p3 >= 0.6, "precision@3 {p3:.3}");
        s.finish().await;
    });
}

/// Waits for an option whose address ends with `end` and returns its id.
async fn option_for(s: &Session, end: &str) -> String {
    let find = format!(
        "(Array.from(document.querySelectorAll('#site-search-results [role=option]')).find(a => a.getAttribute('href').endsWith({})) || {{}}).id || ''",
        js_str(end)
    );
    s.wait_until(&format!("a result for {end}"), &format!("!!({find})"))
        .await;
    s.eval_str(&find).await
}

#[test]
fn typing_shows_marked_results_and_a_click_lands_on_the_highlighted_paragraph() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        ready(&s, ARTICLE).await;
        s.type_text("Power of Siberia").await;
        let id = option_for(&s, "index.html#prospects-p4").await;
        assert_eq!(
            s.eval_str("document.getElementById('site-search-q').getAttribute('aria-expanded')")
                .await,
            "true"
        );
        let marks = s
            .eval_strings(&format!(
                "Array.from(document.querySelectorAll('#{id} mark')).map(m => m.textContent)"
            ))
            .await;
        assert!(marks.iter().any(|m| m == "Siberia"), "marked: {marks:?}");
        assert!(s.text("#site-search-status").await.contains("result"));
        s.screenshot("search-results").await;
        s.click(&format!("#{id}")).await;
        s.wait_until(
            "the paragraph to be the target",
            "location.hash === '#prospects-p4'",
        )
        .await;
        assert!(
            s.eval_bool("document.querySelector('#prospects-p4').matches(':target') && getComputedStyle(document.querySelector('#prospects-p4')).animationName === 'highlight'").await,
            "the paragraph is not highlighted"
        );
        s.finish().await;
    });
}

#[test]
fn keyboard_alone_slash_arrows_enter_and_escape() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        s.open(TIMELINE).await;
        s.press("/").await;
        s.wait_until(
            "/ to focus the box",
            "document.activeElement.id === 'site-search-q'",
        )
        .await;
        s.wait_until("the search to load", "!!window.explainerSearch")
            .await;
        assert_eq!(
            s.eval_str("document.getElementById('site-search-q').value")
                .await,
            "",
            "/ was typed into the box"
        );
        s.type_text("Blinken").await;
        option_for(&s, "timeline.html#event-blinken-criticism").await;
        s.press("Escape").await;
        s.wait_until("Escape to clear", "document.getElementById('site-search-q').value === '' && document.getElementById('site-search-results').hidden").await;
        assert_eq!(
            s.eval_str("document.activeElement.id").await,
            "site-search-q"
        );
        s.type_text("Blinken criticises").await;
        option_for(&s, "timeline.html#event-blinken-criticism").await;
        s.press("ArrowDown").await;
        let active = s.eval_str("document.getElementById('site-search-q').getAttribute('aria-activedescendant') || ''").await;
        assert!(!active.is_empty());
        assert_eq!(
            s.eval_str(&format!(
                "document.getElementById('{active}').getAttribute('aria-selected')"
            ))
            .await,
            "true"
        );
        s.press("Enter").await;
        s.wait_for_page("timeline.html", "#event-blinken-criticism")
            .await;
        assert!(
            s.eval_bool("document.querySelector('#event-blinken-criticism').matches(':target')")
                .await
        );
        s.finish().await;
    });
}

#[test]
fn the_search_lives_in_the_address_across_reload_and_back_over_http() {
    run(async {
        let host = Host::start(site_dir(), "/sub/path/");
        let s = Session::start(Device::Desktop).await;
        s.open_url(&host.url(SOURCES)).await;
        s.focus("#site-search-q").await;
        s.type_text("grain").await;
        let id = option_for(&s, "timeline.html#event-grain-contract-2023").await;
        s.wait_until(
            "the address to carry the search",
            "location.search === '?search=grain'",
        )
        .await;
        s.eval("setTimeout(() => location.reload(), 0); true").await;
        s.settle().await;
        s.wait_until(
            "the page to reload",
            "document.readyState === 'complete' && !!window.explainerSearch",
        )
        .await;
        option_for(&s, "timeline.html#event-grain-contract-2023").await;
        assert_eq!(
            s.eval_str("document.getElementById('site-search-q').value")
                .await,
            "grain"
        );
        s.click(&format!("#{id}")).await;
        s.wait_for_page("timeline.html", "#event-grain-contract-2023")
            .await;
        s.back().await;
        s.wait_for_page("sources.html", "").await;
        option_for(&s, "timeline.html#event-grain-contract-2023").await;
        assert_eq!(
            s.eval_str("document.getElementById('site-search-q').value")
                .await,
            "grain"
        );
        s.finish().await;
    });
}

/// A copy of the built site with extra pages, for one test.
fn site_copy(name: &str) -> PathBuf {
    let dir = common::temp_dir(name);
    common::copy_tree(site_dir(), &dir);
    dir
}

#[test]
fn works_under_a_csp_that_forbids_fetch_and_inside_an_iframe() {
    run(async {
        let dir = site_copy("search-csp");
        let article = std::fs::read_to_string(dir.join(ARTICLE)).unwrap();
        let strict = article.replacen(
            "<meta charset=\"utf-8\">",
            "<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'none'\">",
            1,
        );
        std::fs::write(dir.join(SEED).join("strict.html"), strict).unwrap();
        std::fs::write(
            dir.join("lms.html"),
            "<!doctype html><html lang=\"en\"><title>LMS</title><link rel=\"icon\" href=\"data:,\"><h1>Course</h1><iframe title=\"Explainer\" src=\"russia-china-partnership/index.html\" style=\"width:100%;height:600px\"></iframe>",
        )
        .unwrap();
        let host = Host::start(&dir, "/");
        let s = Session::start(Device::Desktop).await;
        s.open_url(&host.url(&format!("{SEED}strict.html"))).await;
        // The policy is in force (a fetch would be refused, and the harness fails on the report).
        assert!(
            s.eval_bool("!!document.querySelector('meta[http-equiv=Content-Security-Policy]')")
                .await
        );
        s.focus("#site-search-q").await;
        s.type_text("xinhua").await;
        option_for(&s, "sources.html#src-xinhua-2022-fm-phone-call").await;
        s.open_url(&host.url("lms.html")).await;
        let frame = host.url(ARTICLE);
        in_frame(&s, &frame, "!!document.getElementById('site-search-q')").await;
        s.try_eval_in_frame(
            &frame,
            "document.getElementById('site-search-q').focus(), 1",
        )
        .await
        .unwrap();
        in_frame(&s, &frame, "!!window.explainerSearch").await;
        let got = s
            .try_eval_in_frame(
                &frame,
                "explainerSearch.query('Wang Yi').then(r => r.length)",
            )
            .await
            .unwrap();
        assert!(got.as_f64().unwrap_or(0.0) > 0.0, "{got}");
        s.finish().await;
    });
}

/// Waits until `expr` is true in the frame at `frame`.
async fn in_frame(s: &Session, frame: &str, expr: &str) {
    let start = std::time::Instant::now();
    while s.try_eval_in_frame(frame, expr).await != Ok(serde_json::Value::Bool(true)) {
        assert!(start.elapsed() < WAIT, "{expr} in the frame {frame}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[test]
fn on_a_phone_the_box_and_results_fit_the_screen() {
    run(async {
        let s = Session::start(Device::Phone).await;
        ready(&s, ARTICLE).await;
        s.type_text("oil").await;
        option_for(&s, "index.html#chart-oil-import-shares").await;
        let (w, _) = s.viewport().await;
        let r = s.rect("#site-search-results").await;
        assert!(
            r.left >= 0.0 && r.right <= w + 0.5,
            "results {r:?} in a {w} px screen"
        );
        s.screenshot("search-phone").await;
        s.assert_fits(ARTICLE, w).await;
        s.finish().await;
    });
}

#[test]
fn results_come_from_every_article() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        ready(&s, "index.html").await;
        let got = results(&s, "grain").await;
        assert!(got.iter().any(|h| h.starts_with(SEED)), "{got:?}");
        assert!(
            got.iter().any(|h| h.starts_with("second-article/")),
            "{got:?}"
        );
        s.type_text("grain").await;
        option_for(&s, "second-article/index.html#intro-p1").await;
        let groups = s.eval_strings("Array.from(document.querySelectorAll('#site-search-results [role=group]')).map(g => g.getAttribute('aria-label'))").await;
        assert!(groups.iter().any(|g| g.contains("Black Sea")), "{groups:?}");
        assert!(groups.iter().any(|g| g.contains("Russia")), "{groups:?}");
        s.finish().await;
    });
}

#[test]
fn without_scripts_there_is_no_box() {
    run(async {
        let s = Session::start(Device::Desktop).await;
        s.scripts_off().await;
        s.open(ARTICLE).await;
        assert!(!s.shown(".site-search").await);
        s.finish().await;
    });
}

#[test]
fn hostile_text_stays_text_in_results() {
    run(async {
        let hostile = "<img src=x onerror=\"window.pwned=1\"> <script>window.pwned=2</script> \"><b>zebrafish</b>";
        let content = common::content_with("search-hostile", "article.md", |t| {
            t.replacen("\n## ", &format!("\n{hostile} zebrafish.\n\n## "), 1)
        });
        let (site, _) = explainer::build(&content, &explainer::BuildOptions::default())
            .unwrap_or_else(|p| panic!("{:#?}", p.list));
        let dir = content.parent().unwrap().join("site");
        explainer::output::write_site(&site, &dir).unwrap();
        let s = Session::start(Device::Desktop).await;
        s.open_url(&format!("file://{}/{ARTICLE}", dir.display()))
            .await;
        s.focus("#site-search-q").await;
        s.type_text("zebrafish").await;
        s.wait_until(
            "a result",
            "!!document.querySelector('#site-search-results [role=option]')",
        )
        .await;
        let text = s.text("#site-search-results [role=option]").await;
        assert!(text.contains("<img src=x"), "{text}");
        assert!(
            s.eval_bool("!document.querySelector('#site-search-results img, #site-search-results script, #site-search-results b') && !window.pwned").await,
            "hostile text became markup"
        );
        s.finish().await;
    });
}

#[test]
fn a_reused_article_keeps_its_part_of_the_index_and_unchanged_shards_are_not_rewritten() {
    let out = common::temp_dir("search-reuse").join("site");
    let build = || {
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_explainer"))
            .args(["build", "--content"])
            .arg(common::content_dir())
            .arg("--output")
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    };
    let index = |dir: &Path| {
        walkdir::WalkDir::new(dir.join("search"))
            .into_iter()
            .map(Result::unwrap)
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let m = e.metadata().unwrap().modified().unwrap();
                (e.path().to_path_buf(), std::fs::read(e.path()).unwrap(), m)
            })
            .collect::<Vec<_>>()
    };
    build();
    let first = index(&out);
    assert!(first.len() > 5);
    build();
    let second = index(&out);
    assert_eq!(
        first, second,
        "the second build (the article reused) changed the index"
    );
}
