//! Built pages read the way a browser reads them (html5ever, through scraper): what in them could
//! run script, and whether their ids are unique.

use std::collections::HashSet;

use scraper::Html;

/// Every place in a page where markup could run script or steal focus: an `on…` attribute,
/// `autofocus`, a `javascript:`/`vbscript:`/`data:` URL in a link or source, a `<script>` that is
/// not one of the site's own (JSON data, the theme line, a hashed asset), an `<iframe>`,
/// `<object>` or `<embed>`, and every id used twice.
pub(crate) fn live_markup(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut found = Vec::new();
    let mut ids = HashSet::new();
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        let name = el.name();
        if matches!(name, "iframe" | "object" | "embed" | "base")
            || name == "meta" && el.attr("http-equiv").is_some()
        {
            found.push(format!("<{name}> element"));
        }
        if name == "script" {
            let own = el.attr("type") == Some("application/json")
                || el.attr("src").is_some_and(|s| s.contains("assets/"))
                || el.attr("src").is_none() && el.attr("type").is_none();
            if !own {
                found.push(format!("<script> {:?}", el.attrs().collect::<Vec<_>>()));
            }
        }
        for (attr, value) in el.attrs() {
            let attr_lower = attr.to_ascii_lowercase();
            if attr_lower.starts_with("on")
                || attr_lower == "autofocus"
                || attr_lower == "formaction"
            {
                found.push(format!("<{name} {attr}=\"{value}\">"));
            }
            if matches!(
                attr_lower.as_str(),
                "href" | "src" | "action" | "xlink:href" | "poster"
            ) {
                let cleaned: String = value
                    .chars()
                    .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if cleaned.starts_with("javascript:")
                    || cleaned.starts_with("vbscript:")
                    || cleaned.starts_with("data:text/html")
                {
                    found.push(format!("<{name} {attr}=\"{value}\">"));
                }
            }
            if attr_lower == "id" && !ids.insert(value.to_string()) {
                found.push(format!("duplicate id \"{value}\""));
            }
        }
    }
    found
}

/// The inline scripts of a page that are not data: their text (the site writes only a one-line
/// theme switch; content must never add to them).
pub(crate) fn inline_scripts(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let sel = scraper::Selector::parse("script:not([src]):not([type])").unwrap();
    doc.select(&sel).map(|e| e.text().collect()).collect()
}
