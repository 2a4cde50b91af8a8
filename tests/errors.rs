//! Broken content: every problem is reported with file and line, all at once, and nothing is
//! written. Each case is the real content with one file changed.

mod common;

use std::process::Command;

use common::*;

fn has(messages: &[String], file_line: &str, words: &str) {
    assert!(
        messages
            .iter()
            .any(|m| m.starts_with(file_line) && m.contains(words)),
        "expected `{file_line}… {words}` in {messages:#?}"
    );
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).expect(needle) + 1
}

#[test]
fn a_note_cites_an_unknown_source() {
    let dir = content_with("unknown-source", "article.md", |t| {
        t.replace("[@xinhua-2022-fm-phone-call]", "[@no-such-source]")
    });
    let text = std::fs::read_to_string(dir.join("articles").join(SLUG).join("article.md")).unwrap();
    let line = line_of(&text, "[@no-such-source]");
    has(
        &messages(&build_errors(&dir)),
        &format!("article.md:{line}:"),
        "cites an unknown source [@no-such-source]",
    );
}

#[test]
fn two_sources_share_a_key_and_an_uncited_source_warns() {
    let dir = content_with("duplicate-key", "sources.toml", |t| {
        let first = t.find("[[source]]").unwrap();
        let second = first + 10 + t[first + 10..].find("[[source]]").unwrap();
        let dup = t[first..second].to_string();
        format!("{t}\n{dup}\n[[source]]\nkey = \"never-cited\"\ntype = \"article-newspaper\"\ntitle = \"Uncited\"\ncontainer_title = \"Daily\"\nlang = \"en\"\n")
    });
    let problems = build_errors(&dir);
    let msgs = messages(&problems);
    has(
        &msgs,
        "sources.toml:",
        "two sources have the key `kremlin-2022-joint-statement-new-era` (the first on line",
    );
    assert!(problems
        .warnings()
        .any(|w| w.message.contains("`never-cited` is never cited")));
}

#[test]
fn footnote_problems_are_all_reported_with_positions() {
    let dir = content_with("notes", "article.md", |t| {
        t.replacen("allegations[^3]", "allegations[^99]", 1)
            .replacen("[^2]: ", "[^2]: first\n\n[^2]: ", 1)
    });
    let msgs = messages(&build_errors(&dir));
    let text = std::fs::read_to_string(dir.join("articles").join(SLUG).join("article.md")).unwrap();
    has(
        &msgs,
        &format!("article.md:{}:", line_of(&text, "allegations[^99]")),
        "note [^99] is referenced but never defined",
    );
    has(&msgs, "article.md:", "note [^2] is defined twice");
    has(
        &msgs,
        &format!("article.md:{}:", line_of(&text, "[^3]: ")),
        "note [^3] is defined but never referenced",
    );
}

#[test]
fn malformed_front_matter_names_the_line() {
    let dir = content_with("front-matter", "article.md", |t| {
        t.replacen("author = \"Vassily Kashin\"", "author = Vassily Kashin", 1)
    });
    let text = std::fs::read_to_string(dir.join("articles").join(SLUG).join("article.md")).unwrap();
    let line = line_of(&text, "author = Vassily Kashin");
    has(
        &messages(&build_errors(&dir)),
        &format!("article.md:{line}:"),
        "does not parse",
    );
}

#[test]
fn timeline_errors_name_the_event() {
    let dir = content_with("timeline", "timeline.toml", |t| {
        t.replacen("date = \"2022-02-26\"", "date = \"2022-02-30\"", 1)
            .replacen(
                "passage = \"political-position-p3\"",
                "passage = \"political-position-p99\"",
                1,
            )
            .replacen("theme = \"military\"", "theme = \"sports\"", 1)
    });
    let text =
        std::fs::read_to_string(dir.join("articles").join(SLUG).join("timeline.toml")).unwrap();
    let msgs = messages(&build_errors(&dir));
    has(
        &msgs,
        &format!("timeline.toml:{}:", line_of(&text, "2022-02-30")),
        "February 2022 has no day 30",
    );
    has(
        &msgs,
        &format!(
            "timeline.toml:{}:",
            line_of(&text, "political-position-p99")
        ),
        "which is not a paragraph of the article",
    );
    has(&msgs, "timeline.toml:", "unknown theme `sports`");
}

#[test]
fn timeline_event_with_unknown_source() {
    let dir = content_with("timeline-source", "timeline.toml", |t| {
        t.replacen(
            "notes = [\"4\"]",
            "notes = [\"4\"]\nsources = [\"nowhere\"]",
            1,
        )
    });
    has(
        &messages(&build_errors(&dir)),
        "timeline.toml:",
        "cites the unknown source `nowhere`",
    );
}

#[test]
fn chart_errors_name_the_chart() {
    let dir = content_with("charts", "charts.toml", |t| {
        t.replacen("values = [43.4, 12.8]", "values = [43.4, \"12.8%\"]", 1)
            .replacen("values = [10.93, 43.25]", "values = [10.93]", 1)
            .replacen("notes = [\"37\"]", "notes = [\"370\"]", 1)
    });
    let text =
        std::fs::read_to_string(dir.join("articles").join(SLUG).join("charts.toml")).unwrap();
    let msgs = messages(&build_errors(&dir));
    has(
        &msgs,
        "charts.toml:",
        "value 2 is `\"12.8%\"`, not a number",
    );
    has(&msgs, "charts.toml:", "has 1 values for 2 categories");
    has(
        &msgs,
        // The error points at the label itself, not at the chart's first line.
        &format!("charts.toml:{}:", line_of(&text, "notes = [\"370\"]")),
        "cites note 370",
    );
}

#[test]
fn a_chart_block_names_an_unknown_chart() {
    let dir = content_with("chart-block", "article.md", |t| {
        t.replacen("trade-growth-2022\n```", "no-such-chart\n```", 1)
    });
    let text = std::fs::read_to_string(dir.join("articles").join(SLUG).join("article.md")).unwrap();
    let line = line_of(&text, "no-such-chart") - 1;
    has(
        &messages(&build_errors(&dir)),
        &format!("article.md:{line}:"),
        "the chart `no-such-chart` is not defined",
    );
}

#[test]
fn text_from_content_is_escaped_everywhere() {
    let dir = content_with("escaping", "article.md", |t| {
        t.replacen(
            "title = \"",
            "title = \"<script>alert(1)</script> \\\"quoted\\\" ",
            1,
        )
        .replacen(
            "Greater political engagement {#political-engagement}",
            "Greater <b>political</b> engagement {#political-engagement}",
            1,
        )
        .replacen("[^1]: ", "[^1]: <img src=x onerror=alert(1)> ", 1)
    });
    let (site, _) = explainer::build(&dir, &Default::default()).expect("builds");
    // Data files (JSON, CSV, BibTeX) hold the text as data; pages and pictures must escape it.
    for (path, bytes) in site
        .files
        .iter()
        .filter(|(p, _)| p.ends_with(".html") || p.ends_with(".svg") || p.ends_with(".xml"))
    {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains("<script>alert(1)"),
            "{path} lets a script through"
        );
        assert!(!text.contains("<img src=x"), "{path} lets raw HTML through");
        assert!(
            !text.contains("<b>political</b>"),
            "{path} lets raw HTML through"
        );
    }
}

// ---------- The command line ----------

fn explainer(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_explainer"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let out = temp_dir("cli-keep").join("public");
    let good = content_dir();
    let run = explainer(&[
        "build",
        "--content",
        good.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let before = std::fs::read(out.join(SLUG).join("index.html")).unwrap();
    let bad = content_with("cli-bad", "article.md", |t| {
        t.replacen("[^1]:", "[^one]:", 1)
    });
    let run = explainer(&[
        "build",
        "--content",
        bad.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("article.md:") && stderr.contains("nothing was written"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(out.join(SLUG).join("index.html")).unwrap(),
        before
    );
}

#[test]
fn the_build_refuses_folders_it_must_not_replace() {
    let content = content_dir();
    let run = explainer(&[
        "build",
        "--content",
        content.to_str().unwrap(),
        "--output",
        content.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    let precious = temp_dir("cli-precious");
    std::fs::write(precious.join("notes.txt"), "mine").unwrap();
    let run = explainer(&[
        "build",
        "--content",
        content.to_str().unwrap(),
        "--output",
        precious.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("not empty and was not made by explainer")
    );
    assert_eq!(
        std::fs::read_to_string(precious.join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    assert_eq!(explainer(&["frobnicate"]).status.code(), Some(2));
    // A base URL that is no web address is a usage error, refused before anything is read.
    for bad in ["javascript:x", "//evil.example/", "https://x/\"onload=1"] {
        let run = explainer(&["check", "--base-url", bad]);
        assert_eq!(run.status.code(), Some(2), "--base-url {bad}");
        assert!(String::from_utf8_lossy(&run.stderr).contains("absolute http(s) address"));
    }
    let help = explainer(&["build", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8_lossy(&help.stdout);
    for flag in ["--content", "--output", "--base-url"] {
        assert!(text.contains(flag), "{flag} in --help");
    }
}

#[test]
fn check_reports_content_errors_with_exit_1() {
    let bad = content_with("cli-check", "article.md", |t| {
        t.replacen("[^1]:", "[^one]:", 1)
    });
    let run = explainer(&["check", "--content", bad.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(1));
    let good = explainer(&["check", "--content", content_dir().to_str().unwrap()]);
    assert!(
        good.status.success(),
        "{}",
        String::from_utf8_lossy(&good.stderr)
    );
}

#[test]
fn a_second_article_beside_the_first_builds() {
    let dir = content_with("second-article", "article.md", |t| t);
    let second = dir.join("articles").join("second-article");
    std::fs::create_dir_all(&second).unwrap();
    std::fs::write(
        second.join("article.md"),
        "+++\ntitle = \"A second article\"\nauthor = \"Someone Else\"\nsummary = \"Short.\"\n+++\n\nIntro.[^a]\n\n## Part {#part}\n\nText.\n\n[^a]: A book. [@book]\n",
    )
    .unwrap();
    std::fs::write(
        second.join("sources.toml"),
        "[[source]]\nkey = \"book\"\ntype = \"book\"\ntitle = \"A Book\"\nlang = \"en\"\nissued = \"2020\"\n",
    )
    .unwrap();
    let (site, problems) =
        explainer::build(&dir, &Default::default()).expect("both articles build");
    assert!(problems.list.is_empty(), "{:#?}", problems.list);
    let home = site.text("index.html").unwrap();
    assert!(
        home.contains("href=\"second-article/index.html\"")
            && home.contains(&format!("href=\"{SLUG}/index.html\""))
    );
    let page = site.text("second-article/index.html").unwrap();
    assert!(page.contains("<h2 id=\"part\">") && page.contains("id=\"fn-1\""));
    assert!(
        !page.contains("timeline.html"),
        "no timeline tab without events"
    );
    assert!(site
        .text("second-article/sources.html")
        .unwrap()
        .contains("id=\"src-book\""));
    assert!(explainer::links::broken_links(&site).is_empty());
}

#[test]
fn a_chart_not_placed_builds_with_a_warning_and_no_link_to_its_place() {
    let dir = content_with("unplaced-chart", "article.md", |t| {
        t.replacen("```chart\ntrade-growth-2022\n```\n", "", 1)
    });
    let (site, problems) =
        explainer::build(&dir, &explainer::BuildOptions::default()).expect("it builds");
    assert!(problems.warnings().any(|w| w
        .message
        .contains("chart `trade-growth-2022` is not placed")));
    let gallery = site.text(&format!("{SLUG}/figures/index.html")).unwrap();
    assert!(!gallery.contains("#chart-trade-growth-2022"), "{gallery}");
    assert!(gallery.contains("trade-growth-2022.html"));
    // `build` checks every link as `check` does: both agree that this site is whole.
    assert!(explainer::links::broken_links(&site).is_empty());
}
