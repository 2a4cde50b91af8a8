//! CommonMark conformance: every example of the spec (as pulldown-cmark 0.13 ships it in
//! `tests/suite/spec.rs`, kept in tests/fixtures/commonmark/spec.json) renders as the spec says,
//! except by design: raw HTML is shown as text, a `#` heading becomes `<h2>` under the page's
//! title, and the page adds its anchors (ids, ¶ and # permalinks, a wrapper with the id of a
//! quote or table).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde::Deserialize;

#[derive(Deserialize)]
struct Example {
    example: usize,
    markdown: String,
    html: String,
}

fn options() -> Options {
    Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// pulldown-cmark's rendering with raw HTML turned into text: what the spec says, by design.
fn reference(markdown: &str) -> (String, bool) {
    let mut raw = false;
    let events = Parser::new_ext(markdown, options()).filter_map(|e| match e {
        Event::Html(t) | Event::InlineHtml(t) => {
            raw = true;
            Some(Event::Text(t))
        }
        Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => None,
        other => Some(other),
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    (html, raw)
}

/// Line breaks between tags and the forms of void tags do not matter (as in pulldown-cmark's own
/// suite); `<h1>` is `<h2>` on our pages.
fn standardize(html: &str) -> String {
    html.replace("<br>", "<br />")
        .replace("<br/>", "<br />")
        .replace("<hr>", "<hr />")
        .replace("<hr/>", "<hr />")
        .replace("<h1>", "<h2>")
        .replace("</h1>", "</h2>")
        .replace(">\n\n<", "><")
        .replace(">\n<", "><")
        .trim()
        .to_string()
}

/// Our page's own additions taken away: ids, permalinks, the wrappers that carry an id.
fn without_anchors(html: &str) -> String {
    let mut out = html.to_string();
    for (open, close) in [
        ("<a class=\"pilcrow\"", "</a>"),
        ("<a class=\"permalink\"", "</a>"),
        ("<div id=\"", ">"),
    ] {
        while let Some(i) = out.find(open) {
            let end = out[i..]
                .find(close)
                .map_or(out.len(), |e| i + e + close.len());
            out.replace_range(i..end, "");
        }
    }
    out = out.replace("</div>\n", "").replace("</div>", "");
    // ` id="…"` on the page's own tags (p, h2–h6, ol, ul); text never holds a raw `<`.
    for tag in ["<p", "<h2", "<h3", "<h4", "<h5", "<h6", "<ol", "<ul"] {
        let open = format!("{tag} id=\"");
        while let Some(i) = out.find(&open) {
            let from = i + open.len();
            let end = out[from..].find('"').map_or(out.len(), |e| from + e + 1);
            out.replace_range(i + tag.len()..end, "");
        }
    }
    out
}

#[test]
fn every_spec_example_renders_as_the_spec_says_but_by_design() {
    let examples: Vec<Example> = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/commonmark/spec.json"
        ))
        .unwrap(),
    )
    .unwrap();
    assert_eq!(examples.len(), 652);
    let mut failures = Vec::new();
    let mut by_design = 0;
    for ex in &examples {
        let (reference, raw) = reference(&ex.markdown);
        if raw {
            by_design += 1;
        } else {
            // With our options, pulldown-cmark itself still says what the spec says.
            assert_eq!(
                standardize(&reference),
                standardize(&ex.html),
                "example {}: our Markdown options change the spec's output",
                ex.example
            );
        }
        match explainer::render_markdown(&ex.markdown) {
            Ok(ours) => {
                let ours = standardize(&without_anchors(&ours));
                let expected = standardize(&reference);
                if ours != expected {
                    failures.push(format!(
                        "example {}:\n  markdown: {:?}\n  expected: {expected:?}\n  ours:     {ours:?}",
                        ex.example, ex.markdown
                    ));
                }
            }
            Err(problems) => failures.push(format!(
                "example {}: refused: {:?}",
                ex.example,
                problems.errors().map(|p| &p.message).collect::<Vec<_>>()
            )),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of 652 examples differ ({by_design} have raw HTML, shown as text by design):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
