//! Site settings (`content/site.toml`) and their defaults.

use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SiteConfig {
    #[serde(default = "default_title")]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_language")]
    pub language: String,
    /// Absolute URL of the site's root, for sitemap.xml and social tags; empty for none.
    #[serde(default)]
    pub base_url: String,
    /// The citation style of every article (unless an article names its own): chicago, apa,
    /// mla, gost, a `.csl` file relative to the content folder, or a style bundled with
    /// hayagriva.
    #[serde(default)]
    pub citation_style: Option<String>,
    /// `citation_style`, resolved when the site is loaded.
    #[serde(skip)]
    pub style: Option<crate::cite::styles::CitationStyle>,
}

fn default_title() -> String {
    "Explainers".into()
}

fn default_language() -> String {
    "en".into()
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: default_title(),
            description: String::new(),
            language: default_language(),
            base_url: String::new(),
            citation_style: None,
            style: None,
        }
    }
}

impl SiteConfig {
    /// The base URL with exactly one trailing slash, or empty.
    pub(crate) fn base(&self) -> String {
        let b = self.base_url.trim().trim_end_matches('/');
        if b.is_empty() {
            String::new()
        } else {
            format!("{b}/")
        }
    }
}

/// Whether `url` is an absolute http(s) address that can be written into an attribute or a
/// copy-paste code as it is: a host, and no character that would need escaping.
pub fn is_web_address(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let Some(rest) = rest else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && !host.starts_with(['.', '-', ':', '@'])
        && url.chars().all(|c| {
            c.is_ascii_graphic()
                && !matches!(
                    c,
                    '"' | '\'' | '<' | '>' | '`' | '\\' | '{' | '}' | '|' | '^'
                )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_plain_web_addresses() {
        assert!(is_web_address("https://example.org/explainers/"));
        assert!(is_web_address("http://localhost:8000/"));
        for bad in [
            "javascript:alert(1)",
            "https://",
            "https://x/\"onload=alert(1)",
            "https://x/<script>",
            "https://x y/",
            "//x.org/",
            "ftp://x.org/",
        ] {
            assert!(!is_web_address(bad), "{bad}");
        }
    }
}
