//! Static files: the stylesheet, the script and plotly.js, written once with content-hashed names
//! (`name-<8hex>.ext`) so that hosts may cache them forever.
//!
//! plotly.js is the basic bundle (bar, scatter and pie traces: all the site's charts draw with
//! them), vendored from npm under `static/vendor/` with its licence: a quarter of the size of the
//! full library the plotly crate can embed, which the site never needs.

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
    /// The site search: the few lines every page loads, and what they load when a reader turns to
    /// the search box.
    pub search_boot: Asset,
    pub search_js: Asset,
    pub search_css: Asset,
}

const CSS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/static/style.css"));
const JS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/static/app.js"));
const SEARCH_BOOT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/static/search-boot.js"
));
const SEARCH_JS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/static/search.js"));
const SEARCH_CSS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/static/search.css"));
/// `plotly.js-basic-dist-min`, the version the plotly crate serialises for (see the test below).
const PLOTLY: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/static/vendor/plotly-basic.min.js"
));

/// The asset under a name that changes with its bytes. xxh3 hashes plotly.js's 4.6 MB in about
/// 0.3 ms; a byte-at-a-time hash took 5 ms of every build.
fn hashed(name: &str, ext: &str, bytes: &'static [u8]) -> Asset {
    let hash = xxhash_rust::xxh3::xxh3_64(bytes) >> 32;
    Asset {
        path: format!("assets/{name}-{hash:08x}.{ext}"),
        bytes,
    }
}

pub fn assets() -> &'static Assets {
    static ASSETS: OnceLock<Assets> = OnceLock::new();
    ASSETS.get_or_init(|| Assets {
        css: hashed("style", "css", CSS.as_bytes()),
        js: hashed("app", "js", JS.as_bytes()),
        plotly: hashed("plotly", "js", PLOTLY),
        search_boot: hashed("search-boot", "js", SEARCH_BOOT.as_bytes()),
        search_js: hashed("search", "js", SEARCH_JS.as_bytes()),
        search_css: hashed("search", "css", SEARCH_CSS.as_bytes()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plotly.js version the crate writes its JSON for, from the CDN address it would use.
    fn crate_plotly_version() -> String {
        let tags = plotly::Plot::online_cdn_js();
        let start = tags.find("plotly-").expect("a plotly.js address") + "plotly-".len();
        let end = tags[start..].find(".min.js").expect("a .min.js file") + start;
        tags[start..end].to_string()
    }

    #[test]
    fn plotly_is_the_basic_bundle_of_the_crates_version() {
        let head = std::str::from_utf8(&PLOTLY[..200]).unwrap();
        let version = crate_plotly_version();
        assert!(version.starts_with("3."), "{version}");
        assert!(
            head.starts_with(&format!("/**\n* plotly.js (basic - minified) v{version}\n")),
            "static/vendor/plotly-basic.min.js is not plotly.js {version}: {head}"
        );
        let tail = std::str::from_utf8(&PLOTLY[PLOTLY.len() - 100..]).unwrap();
        assert!(tail.contains("window.Plotly = Plotly;"));
        // The bar, scatter and range-slider code the charts use; no MathJax.
        let js = std::str::from_utf8(PLOTLY).unwrap();
        for needle in ["rangeslider", "pattern", "scattermode"] {
            assert!(js.contains(needle), "{needle}");
        }
        assert!(!js.contains("MathJax = "));
        assert!(PLOTLY.len() < 1_200_000);
        assert!(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("static/vendor/plotly.js-LICENSE")
            .exists());
    }
}
