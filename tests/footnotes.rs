//! Footnote edge cases: each folder in tests/fixtures/footnotes holds an article.md and what it
//! must produce: `expected.html` (the article body and notes) or `expected.txt` (the errors).
//! Re-bless after an intended change with `SNAPSHOTS=overwrite cargo test --test footnotes`.

mod common;

use std::path::Path;

use common::temp_dir;

fn build_fixture(name: &str) -> Result<String, String> {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/footnotes")
        .join(name);
    let content = temp_dir(&format!("fixture-{name}")).join("content");
    let article = content.join("articles/fixture");
    std::fs::create_dir_all(&article).unwrap();
    std::fs::copy(fixture.join("article.md"), article.join("article.md")).unwrap();
    match explainer::build(&content, &Default::default()) {
        Ok((site, _)) => {
            let page = site.text("fixture/index.html").unwrap();
            let start = page.find("<div class=\"article-body\"").unwrap();
            let end = page.find("<section class=\"cite-article\"").unwrap();
            Ok(page[start..end].to_string())
        }
        Err(problems) => Ok(problems
            .errors()
            .map(|p| format!("{}:{}: {}\n", p.line, p.column, p.message))
            .collect::<String>())
        .and_then(Err),
    }
}

fn check(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/footnotes")
        .join(name);
    let (file, actual) = match build_fixture(name) {
        Ok(html) => ("expected.html", html),
        Err(errors) => ("expected.txt", errors),
    };
    let path = dir.join(file);
    if std::env::var("SNAPSHOTS").as_deref() == Ok("overwrite")
        || !path.exists() && std::env::var("CI").is_err()
    {
        std::fs::write(&path, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{name}: no {file}; run with SNAPSHOTS=overwrite"));
    assert_eq!(actual, expected, "{name}: output differs from {file}");
}

#[test]
fn labels_match_without_regard_to_case() {
    check("case-insensitive");
    let html = build_fixture("case-insensitive").unwrap();
    assert_eq!(
        html.matches("role=\"doc-backlink\"").count(),
        2,
        "one note, two back-links"
    );
    assert!(html.contains("id=\"fnref-1\"") && html.contains("id=\"fnref-1-2\""));
}

#[test]
fn a_note_referenced_twice_has_a_back_link_to_each_place() {
    check("referenced-twice");
    let html = build_fixture("referenced-twice").unwrap();
    assert!(
        html.contains("href=\"#fnref-1\" role=\"doc-backlink\"")
            && html.contains("href=\"#fnref-1-2\" role=\"doc-backlink\"")
    );
}

#[test]
fn a_note_inside_a_note_is_numbered_after_it() {
    check("note-inside-note");
    let html = build_fixture("note-inside-note").unwrap();
    assert!(html.contains("<li id=\"fn-2\"") && html.contains("id=\"fnref-2\" href=\"#fn-2\""));
}

#[test]
fn an_undefined_note_is_an_error_with_its_position() {
    check("undefined");
    assert_eq!(
        build_fixture("undefined").unwrap_err(),
        "7:28: note [^missing] is referenced but never defined\n"
    );
}

#[test]
fn odd_labels_never_reach_ids_or_links() {
    check("odd-labels");
    let html = build_fixture("odd-labels").unwrap();
    assert!(!html.contains("<script>") && !html.contains("a\"b"));
    for n in 1..=3 {
        assert!(html.contains(&format!("<li id=\"fn-{n}\"")));
    }
}

#[test]
fn an_editors_note_is_boxed_and_not_numbered() {
    check("editor-note");
    let html = build_fixture("editor-note").unwrap();
    assert!(html.contains("<aside class=\"editor-note\" id=\"ed-1\""));
    assert!(!html.contains("id=\"fn-2\""));
}

#[test]
fn duplicate_and_unused_definitions_are_errors() {
    check("unused-and-duplicate");
    let errors = build_fixture("unused-and-duplicate").unwrap_err();
    assert!(
        errors.contains("note [^a] is defined twice (first on line 9)"),
        "{errors}"
    );
    assert!(
        errors.contains("note [^unused] is defined but never referenced"),
        "{errors}"
    );
}
