//! A fuzz harness over whole article builds: generated Markdown and TOML (notes, citations,
//! directives, charts, events, hostile strings, extreme numbers and dates) go in; every build
//! must end (no panic, no hang) with a site or with problems that name a place, and no page or
//! picture may carry markup that could run script. Beside the grammar, `fuzz/structures.rs`
//! draws hostile shapes: braces and Markdown nested thousands deep, `@string`, crossref, xdata
//! and CSL macro graphs with cycles and doubling chains, named pipes and devices in place of
//! content files, and crafted `.explainer/` state in an output folder (issue 23).
//!
//! `cargo test` runs a small budget. A long run:
//! `FUZZ_SECONDS=1800 cargo test --release --test fuzz_build -- --nocapture`
//! (`FUZZ_SEED` picks the sequence; a failure prints the seed of its case and keeps its folder).

mod common;

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use common::markup::{inline_scripts, live_markup};
use explainer::{build, BuildOptions};

/// xorshift64*: a small, seedable generator (the cases must be reproducible from a seed).
#[path = "fuzz/structures.rs"]
mod structures;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Text an attacker or a careless conversion might put anywhere.
const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
    "</script><script>alert(1)</script>",
    "<!--",
    "-->",
    "]]>",
    "{{x}}",
    "{% if %}",
    "&amp;&lt;&#x3C;&#60;",
    "\u{202e}reversed",
    "\u{200b}",
    "中文标题",
    "Заглавие «в кавычках»",
    "العربية",
    "emoji 🙂👍🏽",
    "a\\b",
    "=HYPERLINK(\"x\")",
    "@SUM(1)",
    "\r\nER  - ",
    "a very long label that goes on and on to test wrapping and clipping everywhere it lands",
];

/// Markdown fragments that make a build fail (unknown ids, broken directives, bad labels).
const MARKDOWN_ERRORS: &[&str] = &[
    "## H {#a\"b}",
    "## H {#main}",
    "```chart\nnope\n```\n",
    "```chart\n\n```\n",
    ":::\n\n",
    "::: other\n\n",
    "::: document Cap | line 2\n\n",
    "[^",
    "[^undefined]",
];

/// Markdown for strict cases: inline pieces, and blocks that go on lines of their own.
const STRICT: &[&str] = &[
    "Text. ",
    "Mr. Smith said so. ",
    "*emphasis* ",
    "**strong** ",
    "[link](https://example.org/?a=1&b=2) ",
    "[link](javascript:alert(1)) ",
    "![img](data:text/html,x) ",
    "<https://example.org> ",
    "`code` ",
    "&#x3C;script&#x3E; ",
    "<b onclick=x>raw</b> ",
    "....?! ",
    "\n\n## Heading\n\n",
    "\n\n### Sub\n\n",
    "\n\n- item[^1]\n- another\n\n",
    "\n\n> quote[^2]\n\n",
    "\n\n> # quoted heading\n\n",
    "\n\n| a | b[^3] |\n|---|---|\n| 1 | 2 |\n\n",
    "\n\n```\ncode <b>\n```\n\n",
    "\n\n::: document Cap | line 2\n\n- inside[^4]\n\n:::\n\n",
    "\n\n<div onclick=x>raw block</div>\n\n",
    "\n\n",
];

/// Markdown fragments with the syntax the renderer treats specially, all of them buildable.
const MARKDOWN: &[&str] = &[
    "\n\n",
    "\n",
    " ",
    "Text. ",
    "Mr. Smith said so. ",
    "## Heading ",
    "# Top ",
    "### Sub {#sub}",
    "## H {onfocus=alert(1) autofocus}",
    "- item ",
    "1. one ",
    "> quote ",
    "> # quoted heading",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "```\ncode <b>\n```\n",
    "```chart\nc1\n```\n",
    "[link](javascript:alert(1))",
    "[link](https://example.org/)",
    "![img](data:text/html,x)",
    "<https://example.org>",
    "https://bare.example.org ",
    "*open emphasis ",
    "^sup^ ",
    "[span]{.smallcaps} ",
    "[@s1]",
    "\n\n::: document Cap | line 2\n\n- inside[^1]\n\n:::\n\n",
    "`code [^1]`",
    "&#x3C;script&#x3E;",
    "\\*escaped\\* ",
    "<div onclick=x>raw</div>",
    "....",
    "?! ",
    "]",
    "[@",
];

fn note_label(rng: &mut Rng, strict: bool) -> String {
    if strict {
        return match rng.below(4) {
            0 => "ed-a".into(),
            1 => "ed-a-->b".into(),
            _ => (1 + rng.below(6)).to_string(),
        };
    }
    match rng.below(8) {
        0 => "ed-a".into(),
        1 => "ed-a-->b".into(),
        2 => "ED-A".into(),
        3 => "x y".into(),
        4 => "<script>".into(),
        _ => (1 + rng.below(6)).to_string(),
    }
}

fn hostile(rng: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..1 + rng.below(3) {
        s.push_str(rng.pick(HOSTILE));
        s.push(' ');
    }
    s
}

/// A TOML basic string holding `text`.
fn toml_str(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn article_md(rng: &mut Rng, strict: bool) -> String {
    let mut md = String::from("+++\n");
    md.push_str(&format!("title = {}\n", toml_str(&hostile(rng))));
    md.push_str(&format!("author = {}\n", toml_str(&hostile(rng))));
    md.push_str(&format!("summary = {}\n", toml_str(&hostile(rng))));
    if rng.chance(30) {
        md.push_str(&format!("publisher = {}\n", toml_str(&hostile(rng))));
    }
    if rng.chance(20) {
        let url = if strict {
            "https://example.org/a?b=1&c=2"
        } else {
            rng.pick(&["https://example.org/", "javascript:x", "https://x/\"<"])
        };
        md.push_str(&format!("publisher_url = {}\n", toml_str(url)));
    }
    if rng.chance(20) {
        let date = if strict {
            rng.pick(&["2023", "0000", "9999-12-31", "1860-02"])
        } else {
            rng.pick(&["2023", "2023-02-30", "0000", "9999-12-31", "2023-H257"])
        };
        md.push_str(&format!("published = {}\n", toml_str(date)));
    }
    if rng.chance(20) {
        md.push_str(&format!("editor_note = {}\n", toml_str(&hostile(rng))));
    }
    md.push_str("+++\n\nAn opening paragraph.[^1]\n\n");
    let mut labels = vec!["1".to_string()];
    for _ in 0..rng.below(40) {
        match rng.below(12) {
            0 | 1 => {
                let label = note_label(rng, strict);
                md.push_str(&format!("[^{label}]"));
                labels.push(label);
            }
            // Mid-line in strict cases: at a line's start `<!--` opens raw HTML to the end.
            2 if strict => md.push_str(&format!("Text {}", hostile(rng))),
            2 => md.push_str(&hostile(rng)),
            3 if !strict => md.push_str(rng.pick(MARKDOWN_ERRORS)),
            _ if strict => md.push_str(rng.pick(STRICT)),
            _ => md.push_str(rng.pick(MARKDOWN)),
        }
    }
    md.push_str("\n\n");
    // Every label a note may refer to is defined (in strict cases), so notes inside notes resolve.
    for n in 1..=6 {
        labels.push(n.to_string());
    }
    labels.push("ed-a".into());
    labels.push("ed-a-->b".into());
    labels.sort();
    labels.dedup();
    let mut used = std::collections::HashSet::new();
    for label in &labels {
        if strict || rng.chance(90) {
            md.push_str(&format!("[^{label}]: Note text. "));
            for _ in 0..rng.below(6) {
                match rng.below(6) {
                    0 => md.push_str(&format!("[@s{}]", rng.below(if strict { 1 } else { 4 }))),
                    1 => {
                        let inner = note_label(rng, strict);
                        used.insert(inner.clone());
                        md.push_str(&format!("[^{inner}]"));
                    }
                    2 => md.push_str(&hostile(rng)),
                    3 => md.push_str("Заглавие источника // Издание, 2023. URL: "),
                    _ if strict => {
                        let piece = rng.pick(STRICT);
                        if !piece.contains('\n') {
                            md.push_str(piece);
                        }
                    }
                    _ => md.push_str(rng.pick(MARKDOWN)),
                }
            }
            md.push_str("\n\n");
        }
    }
    if strict {
        // Every defined note must be referenced: refer to each from a last paragraph.
        md.push_str("Last paragraph.");
        for label in &labels {
            md.push_str(&format!("[^{label}]"));
        }
        md.push('\n');
    } else if rng.chance(10) {
        md.push_str("[^unused]: never referenced\n");
    }
    let _ = used;
    md
}

fn sources_toml(rng: &mut Rng, strict: bool) -> String {
    let mut t = String::new();
    let count = if strict { 2 } else { rng.below(5) };
    for i in 0..count {
        let lang = if strict {
            rng.pick(&["en", "ru", "zh"])
        } else {
            rng.pick(&["en", "ru", "zh", "x-\"evil"])
        };
        t.push_str("[[source]]\n");
        t.push_str(&format!("key = \"s{i}\"\n"));
        let types: &[&str] = if strict {
            &[
                "article-newspaper",
                "report",
                "book",
                "webpage",
                "chapter",
                "article-journal",
                "thesis",
                "legislation",
            ]
        } else {
            &[
                "article-newspaper",
                "report",
                "book",
                "webpage",
                "unknown",
                "newspaper",
            ]
        };
        t.push_str(&format!("type = {}\n", toml_str(rng.pick(types))));
        t.push_str(&format!(
            "title = {}\n",
            toml_str(&format!("Заглавие источника {}", hostile(rng)))
        ));
        t.push_str(&format!("lang = {}\n", toml_str(lang)));
        if strict || rng.chance(80) {
            t.push_str(&format!("title_en = {}\n", toml_str(&hostile(rng))));
        }
        if rng.chance(50) {
            t.push_str(&format!("container_title = {}\n", toml_str(&hostile(rng))));
        }
        if rng.chance(40) {
            t.push_str(&format!("publisher = {}\n", toml_str(&hostile(rng))));
        }
        if rng.chance(30) {
            t.push_str(&format!("category = {}\n", toml_str(&hostile(rng))));
        }
        if rng.chance(20) {
            t.push_str("doi = \"10.1000/xyz<123>\"\n");
        }
        if rng.chance(50) {
            let dates: &[&str] = if strict {
                &["2023", "2022-02-24", "1860-01"]
            } else {
                &["2023", "2023-02-30", "2022-02-24", "x"]
            };
            t.push_str(&format!("issued = {}\n", toml_str(rng.pick(dates))));
        }
        if rng.chance(30) {
            let urls: &[&str] = if strict {
                &["https://example.org/a?b=1&c=2"]
            } else {
                &[
                    "https://example.org/a?b=1&c=2",
                    "javascript:alert(1)",
                    "https://x/\"><script>",
                ]
            };
            t.push_str(&format!("url = {}\n", toml_str(rng.pick(urls))));
        }
        if rng.chance(30) {
            let name = if rng.chance(50) {
                format!("{{ literal = {} }}", toml_str(&hostile(rng)))
            } else {
                format!(
                    "{{ family = {}, given = {} }}",
                    toml_str(&hostile(rng)),
                    toml_str(&hostile(rng))
                )
            };
            if strict || rng.chance(80) {
                t.push_str(&format!("authors = [{name}]\n"));
            } else {
                t.push_str(&format!("authors = [{}]\n", toml_str(&hostile(rng))));
            }
        }
    }
    t
}

fn charts_toml(rng: &mut Rng, strict: bool) -> String {
    let mut t = String::new();
    for i in 0..rng.below(3) {
        let id = if !strict && rng.chance(10) {
            "index".to_string()
        } else {
            format!("c{i}")
        };
        let categories = 1 + rng.below(4);
        t.push_str("[[chart]]\n");
        t.push_str(&format!("id = {}\n", toml_str(&id)));
        t.push_str(&format!("title = {}\n", toml_str(&hostile(rng))));
        t.push_str(&format!("caption = {}\n", toml_str(&hostile(rng))));
        let kinds: &[&str] = if strict {
            &["bar", "grouped-bar", "hbar", "slope", "line"]
        } else {
            &["bar", "grouped-bar", "hbar", "slope", "line", "pie"]
        };
        t.push_str(&format!("kind = {}\n", toml_str(rng.pick(kinds))));
        t.push_str(&format!("unit = {}\n", toml_str(&hostile(rng))));
        let cats: Vec<String> = (0..categories).map(|_| toml_str(&hostile(rng))).collect();
        t.push_str(&format!("categories = [{}]\n", cats.join(", ")));
        if rng.chance(50) {
            t.push_str("notes = [\"1\"]\n");
        }
        for _ in 0..1 + rng.below(2) {
            t.push_str("[[chart.series]]\n");
            t.push_str(&format!("name = {}\n", toml_str(&hostile(rng))));
            let n = if strict || rng.chance(90) {
                categories
            } else {
                categories + 1
            };
            let pool: &[&str] = if strict {
                &[
                    "1", "0", "-5", "1.7e308", "-1.7e308", "1e-20", "4801237", "102000", "0.5",
                ]
            } else {
                &[
                    "1", "0", "-5", "1.7e308", "-1.7e308", "1e-20", "4801237", "102000", "0.5",
                    "nan", "inf", "\"12%\"",
                ]
            };
            let values: Vec<&str> = (0..n).map(|_| rng.pick(pool)).collect();
            t.push_str(&format!("values = [{}]\n", values.join(", ")));
        }
    }
    t
}

fn timeline_toml(rng: &mut Rng, strict: bool) -> String {
    let mut t = String::from("[themes]\n");
    let themes = 1 + rng.below(3);
    for i in 0..themes {
        t.push_str(&format!("t{i} = {}\n", toml_str(&hostile(rng))));
    }
    for i in 0..rng.below(6) {
        t.push_str("[[event]]\n");
        t.push_str(&format!("id = \"e{i}\"\n"));
        let dates: &[&str] = if strict {
            &[
                "2022-02-24",
                "1860",
                "0000",
                "9999-12-31",
                "2023-H1",
                "2023-Q4",
                "2015-06",
            ]
        } else {
            &[
                "2022-02-24",
                "1860",
                "0000",
                "9999-12-31",
                "2023-H1",
                "2023-Q4",
                "2023-H257",
                "2023-02-30",
                "2015-06",
            ]
        };
        let date = rng.pick(dates);
        t.push_str(&format!("date = {}\n", toml_str(date)));
        if rng.chance(20) && (!strict || date != "9999-12-31") {
            let ends: &[&str] = if strict {
                &["9999"]
            } else {
                &["2024", "1800", "9999"]
            };
            t.push_str(&format!("end = {}\n", toml_str(rng.pick(ends))));
        }
        t.push_str(&format!("title = {}\n", toml_str(&hostile(rng))));
        t.push_str(&format!("summary = {}\n", toml_str(&hostile(rng))));
        t.push_str(&format!(
            "theme = \"t{}\"\n",
            rng.below(if strict { themes } else { themes + 1 })
        ));
        let passages: &[&str] = if strict {
            &["intro-p1"]
        } else {
            &["intro-p1", "intro-p2", "heading-p1", "nope"]
        };
        t.push_str(&format!("passage = {}\n", toml_str(rng.pick(passages))));
        if rng.chance(30) {
            t.push_str(&format!("editor_note = {}\n", toml_str(&hostile(rng))));
        }
    }
    t
}

/// One generated case, written as a content folder.
/// Half the cases are "strict": everything they refer to exists, so they build and every page
/// kind is rendered from hostile text and extreme values; the others mix in errors.
fn write_case(dir: &Path, rng: &mut Rng) -> bool {
    let strict = rng.chance(50);
    let article = dir.join("articles/fuzz");
    std::fs::create_dir_all(&article).unwrap();
    std::fs::write(article.join("article.md"), article_md(rng, strict)).unwrap();
    if strict || rng.chance(80) {
        std::fs::write(article.join("sources.toml"), sources_toml(rng, strict)).unwrap();
    }
    if rng.chance(50) {
        let charts = charts_toml(rng, strict);
        std::fs::write(article.join("charts.toml"), &charts).unwrap();
        if strict {
            // Place every chart, so none is left unplaced.
            let md = article.join("article.md");
            let mut text = std::fs::read_to_string(&md).unwrap();
            for i in 0..charts.matches("[[chart]]").count() {
                text.push_str(&format!("\n```chart\nc{i}\n```\n"));
            }
            std::fs::write(md, text).unwrap();
        }
    }
    if rng.chance(50) {
        std::fs::write(article.join("timeline.toml"), timeline_toml(rng, strict)).unwrap();
    }
    if !strict && rng.chance(40) {
        hostile_structure(dir, &article, rng);
    }
    strict
}

/// One of the structures of [`structures`] in place of, or beside, the article's files.
fn hostile_structure(dir: &Path, article: &Path, rng: &mut Rng) {
    match rng.below(4) {
        0 => {
            let _ = std::fs::remove_file(article.join("sources.toml"));
            std::fs::write(article.join("sources.bib"), structures::bibtex(rng)).unwrap();
        }
        1 => {
            std::fs::write(dir.join("style.csl"), structures::csl_style(rng)).unwrap();
            std::fs::write(dir.join("site.toml"), "citation_style = \"style.csl\"\n").unwrap();
        }
        2 => structures::special_file(rng, article),
        _ => {
            let md = article.join("article.md");
            let mut text = std::fs::read_to_string(&md).unwrap_or_default();
            text.push_str(&structures::deep_markdown(rng));
            std::fs::write(md, text).unwrap();
        }
    }
}

/// Every template's text: the only place an inline script may come from.
fn templates() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        let mut all = String::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/templates"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    all.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
                }
            }
        }
        all
    })
}

/// Checks one case; returns what is wrong with its output, and the first problem of a build
/// that was refused.
fn check_case(dir: &Path) -> (Vec<String>, Option<String>) {
    let mut wrong = Vec::new();
    let mut refused = None;
    match build(dir, &BuildOptions::default()) {
        Ok((site, _)) => {
            for (path, bytes) in &site.files {
                if !(path.ends_with(".html") || path.ends_with(".svg")) {
                    continue;
                }
                let text = String::from_utf8_lossy(bytes);
                for f in live_markup(&text) {
                    wrong.push(format!("{path}: {f}"));
                }
                for script in inline_scripts(&text) {
                    if !templates().contains(script.trim()) {
                        wrong.push(format!("{path}: inline script {script}"));
                    }
                }
                if path.ends_with(".svg") && !text.trim_start().starts_with("<svg") {
                    wrong.push(format!("{path}: not an SVG picture"));
                }
            }
        }
        Err(problems) => {
            refused = problems.errors().next().map(|p| {
                let m: String = p.message.chars().take(48).collect();
                m
            });
            for p in &problems.list {
                if p.line == 0 || p.column == 0 || p.message.is_empty() {
                    wrong.push(format!("a problem without a place: {p:?}"));
                }
            }
        }
    }
    (wrong, refused)
}

#[test]
fn generated_articles_build_or_fail_cleanly_and_never_carry_live_markup() {
    let seconds: u64 = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let cases: u64 = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(150);
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed);
    let root = common::temp_dir("fuzz");
    // The watchdog: a case that runs for more than 20 s is a hang.
    static CURRENT: AtomicU64 = AtomicU64::new(u64::MAX);
    static STARTED: AtomicU64 = AtomicU64::new(0);
    let clock = Instant::now();
    let watchdog_clock = clock;
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_secs(1));
        let started = STARTED.load(Ordering::SeqCst);
        let now = watchdog_clock.elapsed().as_secs();
        let case = CURRENT.load(Ordering::SeqCst);
        if case != u64::MAX && now.saturating_sub(started) > 20 {
            eprintln!(
                "case with seed {case} has run for over 20 s: a hang (FUZZ_ONLY={case} keeps it)"
            );
            std::process::exit(101);
        }
    });
    let deadline = (seconds > 0).then(|| clock + Duration::from_secs(seconds));
    let mut n = 0u64;
    let mut built = 0u64;
    let mut slowest = (Duration::ZERO, 0u64);
    let mut reasons: std::collections::BTreeMap<String, usize> = Default::default();
    loop {
        match deadline {
            Some(d) if Instant::now() >= d => break,
            None if n >= cases => break,
            _ => {}
        }
        let case_seed = match std::env::var("FUZZ_ONLY").ok().and_then(|s| s.parse().ok()) {
            Some(only) if n == 0 => only,
            Some(_) => break,
            None => seed.wrapping_add(n.wrapping_mul(0x9e37_79b9_7f4a_7c15)) | 1,
        };
        let mut rng = Rng(case_seed);
        let dir = root.join(format!("case-{n}"));
        let strict = write_case(&dir, &mut rng);
        STARTED.store(clock.elapsed().as_secs(), Ordering::SeqCst);
        CURRENT.store(case_seed, Ordering::SeqCst);
        let started = Instant::now();
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let (mut wrong, refused) = check_case(&dir);
            if rng.chance(15) {
                wrong.extend(structures::crafted_output_state(&mut rng, &dir));
            }
            (wrong, refused)
        }));
        let took = started.elapsed();
        CURRENT.store(u64::MAX, Ordering::SeqCst);
        if took > slowest.0 {
            slowest = (took, case_seed);
        }
        match result {
            Ok((wrong, refused)) if wrong.is_empty() => {
                match refused {
                    None => built += 1,
                    Some(reason) => {
                        if strict && std::env::var("FUZZ_DUMP").is_ok() {
                            eprintln!("strict case refused ({reason}): {}", dir.display());
                            n += 1;
                            continue;
                        }
                        *reasons.entry(reason).or_default() += 1
                    }
                }
                let _ = std::fs::remove_dir_all(&dir);
            }
            Ok((wrong, _)) => panic!(
                "case {n} (seed {case_seed}, kept in {}):\n{}",
                dir.display(),
                wrong.join("\n")
            ),
            Err(_) => panic!(
                "case {n} (seed {case_seed}, kept in {}) panicked",
                dir.display()
            ),
        }
        n += 1;
    }
    eprintln!(
        "fuzz: {n} cases in {:.1} s, {built} built, the rest refused with problems; slowest {:.0} ms (seed {})",
        clock.elapsed().as_secs_f64(),
        slowest.0.as_secs_f64() * 1e3,
        slowest.1
    );
    let mut reasons: Vec<(usize, String)> = reasons.into_iter().map(|(r, n)| (n, r)).collect();
    reasons.sort_by(|a, b| b.cmp(a));
    for (count, reason) in reasons.iter().take(8) {
        eprintln!("  {count:>6} refused first with: {reason}");
    }
    assert!(n > 0);
}
