//! Hostile content that used to crash or hang the build (issue 23): recursion and cycles in
//! BibTeX strings, crossref/xdata and CSL macros, exponential expansion, special and endless
//! files. Each must end, quickly, in an error at the right file and line.

mod common;

use std::path::PathBuf;

use common::{has_error, messages, temp_dir};

const ARTICLE: &str =
    "+++\ntitle = \"T\"\nauthor = \"A\"\nsummary = \"S.\"\n+++\n\nText.[^1]\n\n[^1]: See [@a].\n";

/// A content folder with one article `t` made of `files` (name, text).
fn content(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = temp_dir(name).join("content");
    let article = dir.join("articles/t");
    std::fs::create_dir_all(&article).unwrap();
    std::fs::write(article.join("article.md"), ARTICLE).unwrap();
    for (file, text) in files {
        std::fs::write(article.join(file), text).unwrap();
    }
    dir
}

#[test]
fn bibtex_strings_that_refer_to_themselves_are_an_error_naming_the_chain() {
    let dir = content(
        "bib-self",
        &[("sources.bib", "@string{s = s}\n@misc{a, title = s}\n")],
    );
    has_error(
        &dir,
        "sources.bib:1: these @strings refer to each other in a circle: `s` → `s`",
    );
    let dir = content(
        "bib-mutual",
        &[(
            "sources.bib",
            "@string{p = \"x\" # q}\n@string{q = p}\n@misc{a, title = p}\n",
        )],
    );
    has_error(&dir, "`p` → `q` → `p`");
}

#[test]
fn crossref_and_xdata_cycles_are_an_error_naming_the_chain() {
    let dir = content(
        "bib-crossref",
        &[("sources.bib", "@book{a, title = {A}, crossref = {a}}\n")],
    );
    has_error(
        &dir,
        "sources.bib:1: these entries refer to each other in a circle",
    );
    let dir = content(
        "bib-crossref-cycle",
        &[(
            "sources.bib",
            "@book{a, title = {A}, crossref = {b}}\n@book{b, title = {B}, crossref = {a}}\n",
        )],
    );
    has_error(&dir, "`a` → `b` → `a`");
    let dir = content(
        "bib-xdata",
        &[(
            "sources.bib",
            "@book{a, title = {A}, xdata = {x}}\n@xdata{x, xdata = {y}}\n@xdata{y, xdata = {x}}\n",
        )],
    );
    has_error(&dir, "`x` → `y` → `x`");
}

#[test]
fn doubling_bibtex_strings_are_bounded_and_located() {
    let mut bib = String::from("@string{s0 = \"abcdefghijklmnop\"}\n");
    for i in 1..40 {
        bib.push_str(&format!("@string{{s{i} = s{p} # s{p}}}\n", p = i - 1));
    }
    bib.push_str("@misc{a, title = s39}\n");
    let dir = content("bib-doubling", &[("sources.bib", &bib)]);
    let msgs = has_error(&dir, "expands to more than");
    assert!(
        msgs.iter().all(|m| m.starts_with("sources.bib:")),
        "{msgs:#?}"
    );
}

#[test]
fn deeply_nested_bibtex_braces_are_refused() {
    let bib = format!(
        "@misc{{a, title = {}T{}}}\n",
        "{".repeat(64_000),
        "}".repeat(64_000)
    );
    let dir = content("bib-braces", &[("sources.bib", &bib)]);
    has_error(&dir, "sources.bib:1: braces nest more than 64 deep");
}

const STYLE_HEAD: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<style xmlns=\"http://purl.org/net/xbiblio/csl\" class=\"note\" version=\"1.0\">\n<info><title>T</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>\n";
const STYLE_TAIL: &str = "<citation><layout><text macro=\"m\"/></layout></citation>\n<bibliography><layout><text macro=\"m\"/></layout></bibliography>\n</style>\n";

fn with_style(name: &str, macros: &str) -> PathBuf {
    let dir = content(
        name,
        &[("sources.toml", "[[source]]\nkey = \"a\"\ntype = \"webpage\"\ntitle = \"A\"\nurl = \"https://example.org/\"\n")],
    );
    std::fs::write(
        dir.join("style.csl"),
        format!("{STYLE_HEAD}{macros}\n{STYLE_TAIL}"),
    )
    .unwrap();
    std::fs::write(dir.join("site.toml"), "citation_style = \"style.csl\"\n").unwrap();
    dir
}

#[test]
fn csl_macros_that_call_themselves_are_an_error_at_the_style_line() {
    let dir = with_style("csl-self", "<macro name=\"m\"><text macro=\"m\"/></macro>");
    has_error(
        &dir,
        "style.csl:4: the macros of this CSL style call each other in a circle: `m` → `m`",
    );
    let dir = with_style(
        "csl-mutual",
        "<macro name=\"m\"><text macro=\"n\"/></macro>\n<macro name=\"n\"><text macro=\"m\"/></macro>",
    );
    has_error(
        &dir,
        "style.csl:5: the macros of this CSL style call each other in a circle: `m` → `n` → `m`",
    );
}

#[test]
fn doubling_csl_macros_are_bounded() {
    let mut macros = String::from("<macro name=\"m0\"><text value=\"x\"/></macro>\n");
    for i in 1..31 {
        macros.push_str(&format!(
            "<macro name=\"m{i}\"><text macro=\"m{p}\"/><text macro=\"m{p}\"/></macro>\n",
            p = i - 1
        ));
    }
    macros.push_str("<macro name=\"m\"><text macro=\"m30\"/></macro>");
    let dir = with_style("csl-doubling", &macros);
    has_error(&dir, "expands to more than");
}

#[test]
fn a_citation_style_outside_the_content_folder_is_refused() {
    let dir = with_style(
        "csl-outside",
        "<macro name=\"m\"><text value=\"x\"/></macro>",
    );
    let outside = dir.parent().unwrap().join("outside.csl");
    std::fs::rename(dir.join("style.csl"), &outside).unwrap();
    for named in ["../outside.csl".to_string(), outside.display().to_string()] {
        std::fs::write(
            dir.join("site.toml"),
            format!("citation_style = \"{named}\"\n"),
        )
        .unwrap();
        has_error(&dir, "lies outside the content folder");
    }
    std::os::unix::fs::symlink(&outside, dir.join("style.csl")).unwrap();
    std::fs::write(dir.join("site.toml"), "citation_style = \"style.csl\"\n").unwrap();
    has_error(&dir, "site.toml:1: the citation style");
}

#[test]
fn a_named_pipe_is_refused_without_waiting_for_a_writer() {
    let dir = content("fifo", &[]);
    let article = dir.join("articles/t/article.md");
    std::fs::remove_file(&article).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&article).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    has_error(
        &dir,
        "article.md:1: this is a named pipe, not a regular file",
    );
}

#[test]
fn an_endless_device_is_refused_by_name() {
    let dir = content("device", &[("sources.toml", "")]);
    let charts = dir.join("articles/t/charts.toml");
    // A character device inside the content folder needs root to make; skip where it cannot.
    let made = std::process::Command::new("mknod")
        .args([charts.to_str().unwrap(), "c", "1", "5"])
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: cannot make a device here");
        return;
    }
    has_error(&dir, "charts.toml:1: this is a device, not a regular file");
}

#[test]
fn many_uncited_sources_are_folded_into_one_warning() {
    let items: Vec<serde_json::Value> = (0..3000)
        .map(|i| {
            let key = if i == 0 { "a".to_string() } else { format!("s{i}") };
            serde_json::json!({"id": key, "type": "webpage", "title": format!("T{i}"), "URL": "https://example.org/"})
        })
        .collect();
    let dir = content(
        "uncited",
        &[("sources.json", &serde_json::Value::from(items).to_string())],
    );
    let (_, problems) = explainer::build(&dir, &explainer::BuildOptions::default())
        .unwrap_or_else(|p| panic!("{:#?}", messages(&p)));
    let uncited: Vec<&str> = problems
        .warnings()
        .filter(|w| w.message.contains("never cited"))
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(uncited.len(), 1, "{:?}", &uncited[..uncited.len().min(3)]);
    assert!(
        uncited[0].starts_with(
            "2999 sources are never cited: `s1`, `s2`, `s3`, `s4`, `s5`, and 2994 more"
        ),
        "{}",
        uncited[0]
    );
}
