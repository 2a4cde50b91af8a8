//! Static files: the stylesheet, the script and plotly.js, written once with content-hashed names
//! (`name-<8hex>.ext`) so that hosts may cache them forever.

use std::sync::OnceLock;

/// One asset: its hashed path under the output root, and its bytes.
pub struct Asset {
    pub path: String,
    pub bytes: &'static [u8],
}

pub struct Assets {
    pub css: Asset,
    pub js: Asset,
    pub plotly: Asset,
}

const CSS: &str = include_str!("../static/style.css");
const JS: &str = include_str!("../static/app.js");

/// The asset under a name that changes with its bytes. xxh3 hashes plotly.js's 4.6 MB in about
/// 0.3 ms; a byte-at-a-time hash took 5 ms of every build.
fn hashed(name: &str, ext: &str, bytes: &'static [u8]) -> Asset {
    let hash = xxhash_rust::xxh3::xxh3_64(bytes) >> 32;
    Asset {
        path: format!("assets/{name}-{hash:08x}.{ext}"),
        bytes,
    }
}

/// plotly.js as the plotly crate embeds it (feature `plotly_embed_js`).
fn plotly_js() -> &'static str {
    static PLOTLY: OnceLock<String> = OnceLock::new();
    PLOTLY.get_or_init(|| {
        let tags = plotly::Plot::offline_js_sources();
        let open = "<script type=\"text/javascript\">";
        let start = tags.find(open).map_or(0, |i| i + open.len());
        // The first script is plotly.js; the second (MathJax) is not needed.
        let end = tags[start..]
            .find("</script>\n")
            .map_or(tags.len(), |i| start + i);
        tags[start..end].to_string()
    })
}

pub fn assets() -> &'static Assets {
    static ASSETS: OnceLock<Assets> = OnceLock::new();
    ASSETS.get_or_init(|| Assets {
        css: hashed("style", "css", CSS.as_bytes()),
        js: hashed("app", "js", JS.as_bytes()),
        plotly: hashed("plotly", "js", plotly_js().as_bytes()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plotly_is_the_whole_library() {
        let js = plotly_js();
        assert!(js.starts_with("/**\n* plotly.js v"));
        assert!(js.len() > 1_000_000);
        assert!(!js.contains("MathJax = "));
    }
}
