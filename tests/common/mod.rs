//! Helpers shared by the integration tests: build the real content once, or a copy of it with
//! one file changed, and read pages the way a reader's browser would.
#![allow(dead_code)]

pub(crate) mod markup;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use explainer::{build, BuildOptions, Problems, SiteFiles};

pub(crate) const SLUG: &str = "russia-china-partnership";

pub(crate) fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("content")
}

/// The real site, built once per test binary.
pub(crate) fn site() -> &'static SiteFiles {
    static SITE: OnceLock<SiteFiles> = OnceLock::new();
    SITE.get_or_init(|| match build(&content_dir(), &BuildOptions::default()) {
        Ok((site, _)) => site,
        Err(p) => panic!("the real content does not build: {:#?}", p.list),
    })
}

pub(crate) fn page(path: &str) -> &'static str {
    site()
        .text(path)
        .unwrap_or_else(|| panic!("no page {path}"))
}

pub(crate) fn article_page() -> &'static str {
    page(&format!("{SLUG}/index.html"))
}

/// A fresh temporary folder for one test.
pub(crate) fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("explainer-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub(crate) fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A copy of the real content in a temp folder, with `edit` applied to one of the article's files.
pub(crate) fn content_with(name: &str, file: &str, edit: impl FnOnce(String) -> String) -> PathBuf {
    let dir = temp_dir(name).join("content");
    copy_tree(&content_dir(), &dir);
    let path = dir.join("articles").join(SLUG).join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    std::fs::write(&path, edit(text)).unwrap();
    dir
}

/// Builds content that must fail; returns its problems.
pub(crate) fn build_errors(content: &Path) -> Problems {
    match build(content, &BuildOptions::default()) {
        Ok((_, p)) => panic!("expected the build to fail; warnings: {:#?}", p.list),
        Err(p) => p,
    }
}

/// Error messages as "file-name:line: message".
pub(crate) fn messages(problems: &Problems) -> Vec<String> {
    problems
        .errors()
        .map(|p| {
            format!(
                "{}:{}: {}",
                p.file.file_name().unwrap().to_string_lossy(),
                p.line,
                p.message
            )
        })
        .collect()
}

/// The build's errors (as [`messages`]), asserting that one of them contains `words`.
pub(crate) fn has_error(dir: &Path, words: &str) -> Vec<String> {
    let msgs = messages(&build_errors(dir));
    assert!(
        msgs.iter().any(|m| m.contains(words)),
        "expected an error with `{words}` in {msgs:#?}"
    );
    msgs
}

/// Values of an attribute in HTML.
pub(crate) fn attrs(html: &str, attr: &str) -> Vec<String> {
    explainer::links::attribute_values(html, attr)
}

/// The elements' text between `start` and the next `end`, for each occurrence of `start`.
pub(crate) fn between<'a>(html: &'a str, start: &str, end: &str) -> Vec<&'a str> {
    html.split(start)
        .skip(1)
        .map(|s| &s[..s.find(end).unwrap_or(s.len())])
        .collect()
}

/// Text of HTML with tags removed and the common entities decoded.
pub(crate) fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}
