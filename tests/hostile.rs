//! Hostile content: whatever an author writes, nothing becomes live markup, no id is given twice,
//! no output overwrites another, and what cannot be built fails with a clear error.

mod common;

use std::path::{Path, PathBuf};

use common::markup::{inline_scripts, live_markup};
use common::{content_with, has_error, messages, temp_dir};
use explainer::{build, BuildOptions, SiteFiles};

const FRONT: &str = "+++\ntitle = \"T\"\nauthor = \"A\"\nsummary = \"S.\"\n+++\n\n";

/// A content folder with one article `t` made of `files` (name, text).
fn content(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = temp_dir(name).join("content");
    let article = dir.join("articles/t");
    std::fs::create_dir_all(&article).unwrap();
    for (file, text) in files {
        std::fs::write(article.join(file), text).unwrap();
    }
    dir
}

fn built(dir: &Path) -> SiteFiles {
    match build(dir, &BuildOptions::default()) {
        Ok((site, _)) => site,
        Err(p) => panic!("expected a build: {:#?}", messages(&p)),
    }
}

/// Every template's text: the only place an inline script may come from.
fn templates() -> &'static str {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        walkdir_templates(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/templates")))
    })
}

fn walkdir_templates(dir: &Path) -> String {
    let mut all = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            all.push_str(&walkdir_templates(&path));
        } else {
            all.push_str(&std::fs::read_to_string(&path).unwrap_or_default());
        }
    }
    all
}

/// Every HTML page and picture of a site, checked as a browser would read it.
fn assert_no_live_markup(site: &SiteFiles) {
    for (path, bytes) in &site.files {
        if !(path.ends_with(".html") || path.ends_with(".svg")) {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        let found = live_markup(&text);
        assert!(found.is_empty(), "{path}: {found:#?}");
        for script in inline_scripts(&text) {
            assert!(
                templates().contains(script.trim()),
                "{path}: an inline script the templates did not write: {script}"
            );
        }
    }
}

#[test]
fn headings_in_lists_and_quotes_keep_no_attributes_and_are_shifted() {
    let md = format!(
        "{FRONT}Intro.\n\n- # Listed {{onfocus=alert(1) autofocus .x}}\n\n> # Quoted {{#evil onclick=alert(2)}}\n\n1. item\n\n   ## Deep {{onmouseover=x}}\n"
    );
    let dir = content("nested-headings", &[("article.md", &md)]);
    let site = built(&dir);
    assert_no_live_markup(&site);
    let page = site.text("t/index.html").unwrap();
    assert_eq!(page.matches("<h1").count(), 1, "only the title is an <h1>");
    assert!(page.contains("<h2>Listed</h2>"), "{page}");
    assert!(page.contains("<h2>Quoted</h2>"));
    assert!(!page.contains("evil"));
}

#[test]
fn a_heading_id_with_quotes_is_refused() {
    let md = format!("{FRONT}## Head {{#a\"b onmouseover=alert(1)}}\n\nText.\n");
    let dir = content("quoted-id", &[("article.md", &md)]);
    let msgs = has_error(&dir, "may only hold letters, digits");
    assert!(msgs[0].starts_with("article.md:7:"), "{msgs:?}");
}

#[test]
fn content_ids_never_take_the_pages_own() {
    // Author ids the page uses itself are refused…
    for id in [
        "main",
        "notes-title",
        "fn-1",
        "chart-x",
        "plot-x-json",
        "intro",
    ] {
        let md = format!("{FRONT}## Head {{#{id}}}\n\nText.\n");
        let dir = content(&format!("reserved-{id}"), &[("article.md", &md)]);
        has_error(&dir, "one the page uses itself");
    }
    // …and ids made from heading text are renamed, never duplicated.
    let md = format!(
        "{FRONT}Intro.[^1]\n\n## Main\n\nA.\n\n## Intro\n\nB.\n\n## Fn 1\n\nC.\n\n## Notes title\n\nD.\n\n## Chart x\n\nE.\n\n## Main\n\nF.\n\n[^1]: N.\n"
    );
    let dir = content("renamed-ids", &[("article.md", &md)]);
    let site = built(&dir);
    assert_no_live_markup(&site);
    let page = site.text("t/index.html").unwrap();
    for id in [
        "section-main",
        "section-main-2",
        "section-intro",
        "section-fn-1",
        "section-chart-x",
    ] {
        assert!(page.contains(&format!("id=\"{id}\"")), "{id}");
    }
}

#[test]
fn editor_note_labels_that_prefix_each_other_stay_apart_and_builds_are_deterministic() {
    let md = format!(
        "{FRONT}One.[^ed-x] Two.[^ed-x-->y] Three.[^ed-x-->y-->z]\n\n[^ed-x]: First <b>note</b>.\n\n[^ed-x-->y]: Second.\n\n[^ed-x-->y-->z]: Third.\n"
    );
    let dir = content("editor-prefixes", &[("article.md", &md)]);
    // The old renderer replaced `<!--ednote:KEY-->` placeholders in hash-map order: a label whose
    // placeholder is a prefix of another's broke the other, differently from build to build.
    let first = built(&dir);
    for _ in 0..8 {
        let other = built(&dir);
        let differ: Vec<&String> = first
            .files
            .keys()
            .filter(|k| first.files.get(*k) != other.files.get(*k))
            .collect();
        assert!(differ.is_empty(), "builds differ in {differ:?}");
    }
    assert_no_live_markup(&first);
    let page = first.text("t/index.html").unwrap();
    for (n, text) in [
        (1, "First &lt;b&gt;note&lt;/b&gt;."),
        (2, "Second."),
        (3, "Third."),
    ] {
        let aside = format!("id=\"ed-{n}\"");
        assert_eq!(page.matches(&aside).count(), 1, "{aside}");
        let at = page.find(&aside).unwrap();
        assert!(page[at..].contains(text), "ed-{n} holds {text}");
    }
    assert!(!page.contains("<!--"), "no placeholder is left");
}

#[test]
fn an_editor_note_referenced_only_inside_another_is_shown() {
    let md = format!(
        "{FRONT}Text.[^ed-a] More.[^1]\n\n[^ed-a]: Outer, which has its own.[^ed-b]\n\n[^ed-b]: Inner note.\n\n[^1]: A note with one too.[^ed-c]\n\n[^ed-c]: In a note.\n"
    );
    let dir = content("nested-editor-notes", &[("article.md", &md)]);
    let page = built(&dir).text("t/index.html").unwrap().to_string();
    for text in ["Outer, which", "Inner note.", "In a note."] {
        assert_eq!(page.matches(text).count(), 1, "{text} shown once");
    }
    let outer = page.find("Outer, which").unwrap();
    let inner = page.find("Inner note.").unwrap();
    assert!(
        inner > outer,
        "the inner note follows the one that refers to it"
    );
}

#[test]
fn links_never_carry_script() {
    let md = format!(
        "{FRONT}[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](java&#x09;script:alert(1)) [d](&#x01;javascript:x) ![e](data:text/html,<script>x</script>) [f](vbscript:x) <javascript:alert(1)> [ok](https://example.org/)\n"
    );
    let dir = content("links", &[("article.md", &md)]);
    let site = built(&dir);
    assert_no_live_markup(&site);
    assert!(site
        .text("t/index.html")
        .unwrap()
        .contains("href=\"https://example.org/\""));
}

#[test]
fn chart_ids_that_name_generated_files_fail_naming_both() {
    let charts = "[[chart]]\nid = \"index\"\ntitle = \"T\"\ncaption = \"C\"\nkind = \"bar\"\nunit = \"u\"\ncategories = [\"a\"]\n[[chart.series]]\nname = \"s\"\nvalues = [1]\n";
    let md = format!("{FRONT}Text.\n\n```chart\nindex\n```\n");
    let dir = content(
        "chart-index",
        &[("article.md", &md), ("charts.toml", charts)],
    );
    let msgs = has_error(&dir, "would both be written to t/figures/index.html");
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("charts.toml:2:") && m.contains("the gallery of charts")),
        "{msgs:?}"
    );
}

#[test]
fn a_chart_placed_twice_is_an_error() {
    let charts = "[[chart]]\nid = \"c\"\ntitle = \"T\"\ncaption = \"C\"\nkind = \"bar\"\nunit = \"u\"\ncategories = [\"a\"]\n[[chart.series]]\nname = \"s\"\nvalues = [1]\n";
    let md = format!("{FRONT}Text.\n\n```chart\nc\n```\n\nMore.\n\n```chart\nc\n```\n");
    let dir = content(
        "chart-twice",
        &[("article.md", &md), ("charts.toml", charts)],
    );
    has_error(&dir, "is placed twice (first on line 9)");
}

/// A CSV parser after RFC 4180, enough to count records and read cells back.
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => record.push(std::mem::take(&mut cell)),
            ('\n', false) => {
                record.push(std::mem::take(&mut cell));
                records.push(std::mem::take(&mut record));
            }
            ('\r', false) => {}
            (c, _) => cell.push(c),
        }
    }
    records
}

#[test]
fn csv_cells_never_forge_a_row_or_a_formula() {
    let charts = "[[chart]]\nid = \"c\"\ntitle = \"T\"\ncaption = \"C\"\nkind = \"bar\"\nunit = \"@SUM(A1)\"\ncategories = [\"=HYPERLINK(\\\"http://evil\\\")\", \"two\\nlines,\\r\\nx,y,z\"]\n[[chart.series]]\nname = \"+cmd|' /C calc'!A0\"\nvalues = [1, -2]\n";
    let md = format!("{FRONT}Text.\n\n```chart\nc\n```\n");
    let dir = content("csv", &[("article.md", &md), ("charts.toml", charts)]);
    let site = built(&dir);
    let csv = site.text("t/data/c.csv").unwrap();
    let records = csv_records(csv);
    assert_eq!(records.len(), 3, "a header and one row per value: {csv}");
    for record in &records[1..] {
        assert_eq!(record.len(), 6, "{record:?}");
        for cell in [&record[0], &record[1], &record[3]] {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell a spreadsheet would run: {cell:?}"
            );
        }
    }
    assert_eq!(records[1][0], "'=HYPERLINK(\"http://evil\")");
    assert_eq!(records[2][2], "-2", "numbers stay numbers");
}

#[test]
fn ris_fields_never_forge_a_record() {
    let dir = content_with("ris", "sources.toml", |t| {
        t.replacen(
            "title = \"",
            "title = \"Evil\\r\\nER  - \\r\\nTY  - JOUR\\r\\nTI  - Forged\\nx ",
            1,
        )
    });
    let (site, _) = build(&dir, &BuildOptions::default()).expect("builds");
    let ris = site
        .text(&format!("{}/cite/bibliography.ris", common::SLUG))
        .unwrap();
    let starts = ris.lines().filter(|l| l.starts_with("TY  - ")).count();
    let ends = ris.lines().filter(|l| l.starts_with("ER  - ")).count();
    assert_eq!(starts, ends);
    assert!(!ris.lines().any(|l| l.starts_with("TI  - Forged")), "{ris}");
}

#[test]
fn base_urls_must_be_web_addresses() {
    for bad in [
        "javascript:alert(1)//",
        "https://x.org/\"><script>",
        "https://x org/",
    ] {
        let dir = content_with("base-url", "article.md", |t| t);
        std::fs::write(dir.join("site.toml"), format!("base_url = {bad:?}\n")).unwrap();
        has_error(&dir, "is not an absolute http(s) address");
        let options = BuildOptions {
            base_url: Some(bad.to_string()),
        };
        assert!(
            build(&common::content_dir(), &options).is_err(),
            "--base-url {bad}"
        );
    }
}

#[test]
fn control_characters_in_content_are_refused_and_never_printed() {
    let md = format!("{FRONT}Text with a NUL \u{0} and an escape \u{1b}[2J here.\n");
    let dir = content("control", &[("article.md", &md)]);
    let msgs = has_error(&dir, "control character U+0000");
    assert!(msgs[0].starts_with("article.md:7:"), "{msgs:?}");
    // A folder name with an escape sequence is reported without sending it to the terminal.
    let dir = content("escape-name", &[("article.md", &format!("{FRONT}Text.\n"))]);
    std::fs::create_dir_all(dir.join("articles/bad\u{1b}]0;pwned\u{7}")).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_explainer"))
        .args(["check", "--content", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("\\u{1b}"), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\u{7}'),
        "{stderr:?}"
    );
}

#[test]
fn impossible_period_dates_are_refused() {
    let timeline = "[themes]\na = \"A\"\n[[event]]\nid = \"e\"\ndate = \"2023-H257\"\ntitle = \"T\"\nsummary = \"S\"\ntheme = \"a\"\npassage = \"intro-p1\"\n";
    let dir = content(
        "h257",
        &[
            ("article.md", &format!("{FRONT}Text.\n")),
            ("timeline.toml", timeline),
        ],
    );
    let msgs = has_error(&dir, "halves are H1–H2");
    assert!(msgs[0].starts_with("timeline.toml:5:"), "{msgs:?}");
}

/// The payload appended to every piece of text an author controls.
const PAYLOAD: &str = "\\\"'><img src=x onerror=alert(1)><script>alert(2)</script>{{x}}";

/// Appends the payload to every free-text value of a TOML file (keys, ids, dates and other
/// checked fields keep their values so the build still succeeds).
fn poison_toml(text: &str) -> String {
    const CHECKED: &[&str] = &[
        "id",
        "key",
        "type",
        "lang",
        "date",
        "end",
        "issued",
        "accessed",
        "theme",
        "passage",
        "kind",
        "url",
        "doi",
        "notes",
        "sources",
        "values",
        "derived",
        "language",
        "base_url",
        "publisher_url",
        "published",
        "edition_date",
        "citation_style",
        "original_notes_style",
    ];
    text.lines()
        .map(|line| {
            let Some((key, value)) = line.split_once(" = ") else {
                return line.to_string();
            };
            let key = key.trim();
            if CHECKED.contains(&key) || key.starts_with('[') || !value.starts_with('"') {
                return line.to_string();
            }
            if value.starts_with("\"\"\"") {
                return line.replacen("\"\"\"", &format!("\"\"\"{PAYLOAD}"), 1);
            }
            match value.rfind('"') {
                Some(end) if end > 0 => {
                    let at = line.len() - value.len() + end;
                    format!("{}{PAYLOAD}{}", &line[..at], &line[at..])
                }
                _ => line.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn no_text_from_content_becomes_markup_anywhere() {
    let dir = content_with("poison", "article.md", |t| {
        let (front, body) = t[3..].split_once("+++").unwrap();
        let body = body
            .lines()
            .map(|l| {
                if l.starts_with("## ") {
                    // Heading text (before its {#id}).
                    match l.find(" {#") {
                        Some(i) => format!("{}{PAYLOAD}{}", &l[..i], &l[i..]),
                        None => format!("{l}{PAYLOAD}"),
                    }
                } else if l.starts_with("[^") || l.starts_with("::: document") {
                    format!("{l} {PAYLOAD}")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        format!("+++{}\n+++{body}\n", poison_toml(front))
    });
    let article = dir.join("articles").join(common::SLUG);
    for file in ["sources.toml", "timeline.toml", "charts.toml"] {
        let path = article.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, poison_toml(&text)).unwrap();
    }
    std::fs::write(
        dir.join("site.toml"),
        poison_toml("title = \"Site\"\ndescription = \"D\"\n"),
    )
    .unwrap();
    let site = built(&dir);
    assert_no_live_markup(&site);
    // The payload is there, as text, on every page kind.
    for page in [
        "index.html",
        "sources.html",
        "timeline.html",
        "figures/index.html",
    ] {
        let text = site.text(&format!("{}/{page}", common::SLUG)).unwrap();
        assert!(text.contains("onerror=alert(1)"), "{page} shows the text");
    }
}

#[test]
fn front_matter_dates_and_addresses_are_checked_and_shown_in_words() {
    let bad = "+++\ntitle = \"T\"\nauthor = \"A\"\nsummary = \"S.\"\npublisher = \"P\"\npublisher_url = \"javascript:alert(1)\"\npublished = \"2024-13\"\n+++\n\nText.\n";
    let dir = content("front-bad", &[("article.md", bad)]);
    let msgs = has_error(
        &dir,
        "publisher_url `javascript:alert(1)` is not an absolute",
    );
    assert!(
        msgs.iter().any(|m| m.starts_with("article.md:6:")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.starts_with("article.md:7:") && m.contains("there is no month 13")),
        "{msgs:?}"
    );
    let good = "+++\ntitle = \"T\"\nauthor = \"A\"\nsummary = \"S.\"\npublisher = \"P\"\npublisher_url = \"https://example.org/a\"\npublished = \"2023-05-04\"\n+++\n\nText.\n";
    let dir = content("front-good", &[("article.md", good)]);
    let site = built(&dir);
    let page = site.text("t/index.html").unwrap();
    assert!(
        page.contains("First published by <a href=\"https://example.org/a\" rel=\"noopener\">P</a>, <time datetime=\"2023-05-04\">4 May 2023</time>."),
        "{page}"
    );
}

/// Every string in a JSON value.
fn json_strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| json_strings(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| json_strings(v, out)),
        _ => {}
    }
}

#[test]
fn chart_labels_reach_plotly_as_text_not_markup() {
    // plotly.js reads a small HTML-like markup in labels (<a href>, <b>, <br>): text from
    // content must reach it escaped.
    let evil = "<a href=\\\"javascript:alert(1)\\\">x</a><img src=x onerror=alert(1)>";
    let charts = format!(
        "[[chart]]\nid = \"c\"\ntitle = \"{evil}\"\ncaption = \"C\"\nkind = \"bar\"\nunit = \"{evil}\"\ncategories = [\"{evil}\"]\n[[chart.series]]\nname = \"{evil}\"\nvalues = [1]\n"
    );
    let timeline = format!(
        "[themes]\na = \"{evil}\"\n[[event]]\nid = \"e\"\ndate = \"2020\"\ntitle = \"{evil}\"\nsummary = \"S\"\ntheme = \"a\"\npassage = \"intro-p1\"\n"
    );
    let md = format!("{FRONT}Text.\n\n```chart\nc\n```\n");
    let dir = content(
        "plotly-text",
        &[
            ("article.md", &md),
            ("charts.toml", &charts),
            ("timeline.toml", &timeline),
        ],
    );
    let site = built(&dir);
    for page in [
        "t/index.html",
        "t/figures/c.html",
        "t/embed/c.html",
        "t/timeline.html",
    ] {
        let html = site.text(page).unwrap();
        // The plots' JSON (`<script type="application/json" id="…-json">`), not the page's
        // data files, which hold the text as data.
        let json: Vec<&str> = common::between(html, "type=\"application/json\" id=\"", "</script>")
            .into_iter()
            .filter(|j| j.split('"').next().is_some_and(|id| id.ends_with("-json")))
            .collect();
        assert!(!json.is_empty(), "{page} has a plot");
        for j in json {
            let j = &j[j.find('>').unwrap() + 1..];
            let value: serde_json::Value = serde_json::from_str(j).unwrap();
            let mut strings = Vec::new();
            json_strings(&value, &mut strings);
            for s in strings {
                for tag in ["<a", "<img", "<script"] {
                    assert!(!s.contains(tag), "{page}: {s}");
                }
            }
        }
    }
}

#[test]
fn languages_must_be_bcp47_tags() {
    let bad = "en\\\" onmouseover=\\\"alert(1)";
    let dir = content(
        "bad-lang-front",
        &[(
            "article.md",
            &format!("+++\ntitle = \"T\"\nauthor = \"A\"\nsummary = \"S.\"\nlanguage = \"{bad}\"\n+++\n\nText.\n"),
        )],
    );
    let msgs = has_error(&dir, "is not a BCP 47 language tag");
    assert!(
        msgs.iter().any(|m| m.starts_with("article.md:5:")),
        "{msgs:#?}"
    );
    let dir = content(
        "bad-lang-site",
        &[("article.md", &format!("{FRONT}Text.\n"))],
    );
    std::fs::write(
        dir.join("site.toml"),
        format!("title = \"S\"\nlanguage = \"{bad}\"\n"),
    )
    .unwrap();
    let msgs = has_error(&dir, "is not a BCP 47 language tag");
    assert!(
        msgs.iter().any(|m| m.starts_with("site.toml:2:")),
        "{msgs:#?}"
    );
}
