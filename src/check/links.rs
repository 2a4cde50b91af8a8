//! Checks that every internal link and anchor of a built site resolves.

use std::collections::{HashMap, HashSet};

use crate::emit::output::SiteFiles;

/// Values of an attribute (`href`, `src`, `id`) in an HTML page, unescaped for `&amp;`.
pub fn attribute_values(html: &str, attr: &str) -> Vec<String> {
    attribute_offsets(html, attr)
        .into_iter()
        .map(|(_, v)| v)
        .collect()
}

/// Each value of an attribute with the byte offset where it starts.
fn attribute_offsets(html: &str, attr: &str) -> Vec<(usize, String)> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = html[at..].find(&needle) {
        let start = at + i + needle.len();
        let Some(end) = html[start..].find('"') else {
            break;
        };
        out.push((start, html[start..start + end].replace("&amp;", "&")));
        at = start + end;
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

/// A link found on a page, with the 1-based line it is on.
struct Link {
    target: String,
    line: usize,
}

/// What the link check needs of a built site, gathered file by file as the build emits them:
/// every file's path, each page's ids and links. Articles reused from the previous build are
/// known by their folder (their pages were checked when they were built).
#[derive(Default)]
pub struct LinkIndex {
    files: HashSet<String>,
    ids: HashMap<String, HashSet<String>>,
    links: Vec<(String, Link)>,
    reused: Vec<String>,
}

/// A broken internal link: the page, the line it is on, the link and why.
pub struct BrokenLink {
    pub page: String,
    pub line: usize,
    pub link: String,
    pub why: String,
}

impl std::fmt::Display for BrokenLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} ({})", self.page, self.link, self.why)
    }
}

impl LinkIndex {
    /// Notes one built file; an HTML page's ids and links are read from it.
    pub fn add(&mut self, path: &str, bytes: &[u8]) {
        self.files.insert(path.to_string());
        if !path.ends_with(".html") {
            return;
        }
        let Ok(text) = std::str::from_utf8(bytes) else {
            return;
        };
        self.ids.insert(
            path.to_string(),
            attribute_values(text, "id").into_iter().collect(),
        );
        for attr in ["href", "src"] {
            for (offset, link) in attribute_offsets(text, attr) {
                if is_external(&link) {
                    // Links out (to a source's URL) are fine; nothing outside is ever loaded.
                    continue;
                }
                let line = 1 + text[..offset].bytes().filter(|&b| b == b'\n').count();
                self.links
                    .push((path.to_string(), Link { target: link, line }));
            }
        }
    }

    /// Notes an article folder kept from the previous build as it was.
    pub fn add_reused(&mut self, slug: &str) {
        self.reused.push(format!("{slug}/"));
    }

    /// Merges what another index gathered (each article's is gathered on its own thread).
    pub fn extend(&mut self, other: LinkIndex) {
        self.files.extend(other.files);
        self.ids.extend(other.ids);
        self.links.extend(other.links);
        self.reused.extend(other.reused);
    }

    fn exists(&self, target: &str) -> bool {
        self.files.contains(target) || self.reused.iter().any(|r| target.starts_with(r.as_str()))
    }

    /// Every internal link or anchor that does not resolve, in page order.
    pub fn broken(&self) -> Vec<BrokenLink> {
        let mut broken = Vec::new();
        for (page, link) in &self.links {
            let (path, anchor) = link
                .target
                .split_once('#')
                .map_or((link.target.as_str(), None), |(a, b)| (a, Some(b)));
            let path = path.split('?').next().unwrap_or("");
            let target = if path.is_empty() {
                Some(page.to_string())
            } else {
                resolve(page, path)
            };
            let why = match target {
                None => Some("leaves the site".to_string()),
                Some(t) if !self.exists(&t) => Some(format!("no file {t}")),
                Some(t) => anchor.filter(|a| !a.is_empty()).and_then(|a| {
                    let known = match self.ids.get(t.as_str()) {
                        Some(ids) => ids.contains(a),
                        // A page of a reused article, or a file that is not a page.
                        None => true,
                    };
                    (!known).then(|| format!("no id \"{a}\" in {t}"))
                }),
            };
            if let Some(why) = why {
                broken.push(BrokenLink {
                    page: page.clone(),
                    line: link.line,
                    link: link.target.clone(),
                    why,
                });
            }
        }
        broken.sort_by(|a, b| (&a.page, a.line).cmp(&(&b.page, b.line)));
        broken
    }
}

/// Every broken internal link or anchor of a site in memory, as "page: link (why)".
pub fn broken_links(site: &SiteFiles) -> Vec<String> {
    let mut index = LinkIndex::default();
    for (path, bytes) in &site.files {
        index.add(path, bytes);
    }
    index.broken().iter().map(ToString::to_string).collect()
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

    #[test]
    fn the_index_names_each_broken_link_with_its_line() {
        let mut index = LinkIndex::default();
        index.add(
            "a/index.html",
            b"<p id=\"x\">\n<a href=\"#x\">ok</a>\n<a href=\"#y\">no</a>",
        );
        index.add(
            "b/index.html",
            b"<a href=\"../a/index.html#x\"></a><a href=\"../c/p.html\"></a>",
        );
        index.add(
            "index.html",
            b"<a href=\"kept/index.html#any\"></a><a href=\"../out.html\"></a>",
        );
        index.add_reused("kept");
        let broken: Vec<String> = index
            .broken()
            .iter()
            .map(|b| format!("{}:{} {}", b.page, b.line, b.why))
            .collect();
        assert_eq!(
            broken,
            [
                "a/index.html:3 no id \"y\" in a/index.html",
                "b/index.html:1 no file c/p.html",
                "index.html:1 leaves the site",
            ]
        );
    }
}
