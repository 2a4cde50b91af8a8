//! Checks that every internal link and anchor of a built site resolves.

use std::collections::{HashMap, HashSet};

use crate::emit::output::SiteFiles;

/// Values of an attribute (`href`, `src`, `id`) in an HTML page, unescaped for `&amp;`.
pub fn attribute_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        let after = &rest[i + needle.len()..];
        let Some(end) = after.find('"') else { break };
        out.push(after[..end].replace("&amp;", "&"));
        rest = &after[end..];
    }
    out
}

/// Joins a relative link to the folder of the page it is on; `None` when it leaves the site.
pub fn resolve(page: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

fn is_external(link: &str) -> bool {
    link.contains("://")
        || link.starts_with("//")
        || link.starts_with("mailto:")
        || link.starts_with("data:")
}

/// What a page would load from outside the site (scripts, styles, images, frames, fonts), as
/// "page: address". The site must load nothing from outside.
pub fn external_loads(site: &SiteFiles) -> Vec<String> {
    let mut out = Vec::new();
    for (page, bytes) in &site.files {
        let Ok(text) = std::str::from_utf8(bytes) else {
            continue;
        };
        if !(page.ends_with(".html") || page.ends_with(".css") || page.ends_with(".svg")) {
            continue;
        }
        let mut loads = attribute_values(text, "src");
        for tag in text.split("<link ").skip(1) {
            let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
            loads.extend(attribute_values(&format!(" {tag}"), "href"));
        }
        for part in text.split("url(").skip(1) {
            loads.push(
                part[..part.find(')').unwrap_or(part.len())]
                    .trim_matches(['"', '\'', ' '])
                    .to_string(),
            );
        }
        for l in loads {
            if is_external(&l) && !l.starts_with("data:") {
                out.push(format!("{page}: {l}"));
            }
        }
    }
    out
}

/// Every broken internal link or anchor, as "page: link (why)".
pub fn broken_links(site: &SiteFiles) -> Vec<String> {
    let pages: Vec<(&String, &str)> = site
        .files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .filter_map(|(p, b)| std::str::from_utf8(b).ok().map(|t| (p, t)))
        .collect();
    let ids: HashMap<&str, HashSet<String>> = pages
        .iter()
        .map(|(p, t)| (p.as_str(), attribute_values(t, "id").into_iter().collect()))
        .collect();
    let mut broken = Vec::new();
    for (page, text) in &pages {
        let links = attribute_values(text, "href")
            .into_iter()
            .chain(attribute_values(text, "src"));
        for link in links {
            if is_external(&link) {
                // Links out (to a source's URL) are fine; nothing outside is ever loaded.
                continue;
            }
            let (path, anchor) = link
                .split_once('#')
                .map_or((link.as_str(), None), |(a, b)| (a, Some(b)));
            let path = path.split('?').next().unwrap_or("");
            let target = if path.is_empty() {
                Some(page.to_string())
            } else {
                resolve(page, path)
            };
            let Some(target) = target else {
                broken.push(format!("{page}: {link} (leaves the site)"));
                continue;
            };
            if !site.files.contains_key(&target) {
                broken.push(format!("{page}: {link} (no file {target})"));
                continue;
            }
            if let Some(anchor) = anchor.filter(|a| !a.is_empty()) {
                if target.ends_with(".html")
                    && !ids.get(target.as_str()).is_some_and(|s| s.contains(anchor))
                {
                    broken.push(format!("{page}: {link} (no id \"{anchor}\" in {target})"));
                }
            }
        }
    }
    broken
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_links() {
        assert_eq!(
            resolve("a/b/c.html", "../d.html").as_deref(),
            Some("a/d.html")
        );
        assert_eq!(
            resolve("index.html", "a/index.html").as_deref(),
            Some("a/index.html")
        );
        assert_eq!(resolve("index.html", "../x.html"), None);
    }
}
