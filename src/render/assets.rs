//! Static files: the stylesheet, each kind of page's script and plotly.js, written once with content-hashed names
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
    pub plotly: Asset,
    /// One script per [`Script`], in its order.
    pub scripts: Vec<Asset>,
    /// The site search: the few lines every page loads, and what they load when a reader turns to
    /// the search box.
    pub search_boot: Asset,
    pub search_js: Asset,
    pub search_css: Asset,
}

impl Assets {
    pub fn script(&self, script: Script) -> &Asset {
        &self.scripts[script as usize]
    }
}

/// The script of each kind of page: the shared helpers (`static/js/lib.js`) and the features
/// that kind of page uses, one file each in `static/js/`, concatenated into one classic script
/// (so `file://` works) and hashed. Pages without a feature (home, 404) load no script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Article,
    Sources,
    Timeline,
    Figure,
    Gallery,
    Embed,
}

impl Script {
    pub const ALL: [Script; 6] = [
        Script::Article,
        Script::Sources,
        Script::Timeline,
        Script::Figure,
        Script::Gallery,
        Script::Embed,
    ];

    fn name(self) -> &'static str {
        match self {
            Script::Article => "article",
            Script::Sources => "sources",
            Script::Timeline => "timeline",
            Script::Figure => "figure",
            Script::Gallery => "gallery",
            Script::Embed => "embed",
        }
    }

    /// The features, in the order they run.
    fn features(self) -> &'static [&'static str] {
        match self {
            Script::Article => &[
                POPOVERS, SIDENOTES, ARRIVAL, TOC, COPY, CHARTS, CHART_KEYS, PRINT,
            ],
            Script::Sources => &[COPY, DOWNLOADS, SOURCES],
            Script::Timeline => &[CHARTS, PRINT, TIMELINE, OVERVIEW],
            Script::Figure => &[COPY, DOWNLOADS, CHARTS, CHART_KEYS, PRINT, CODES],
            Script::Gallery => &[DOWNLOADS, PRINT],
            Script::Embed => &[CHARTS, EMBED],
        }
    }

    /// The script's text: the features in one function scope that shares `doc` and `lib`.
    fn text(self) -> String {
        let mut text = String::from(SCRIPT_START);
        for part in std::iter::once(&LIB).chain(self.features()) {
            text.push_str(part);
            text.push('\n');
        }
        text.push_str("})();\n");
        text
    }
}

const SCRIPT_START: &str = "/* explainer: progressive enhancement. Every page works without this file.\n   \
    Built from static/js/: the helpers of lib.js and the features this kind of page uses, each in\n   \
    its own function scope. No dependencies; works from file:// and under any sub-path. */\n\
    (function () {\n\"use strict\";\nvar doc = document;\n\n";

macro_rules! feature {
    ($name:ident, $file:literal) => {
        const $name: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/static/js/", $file));
    };
}
feature!(LIB, "lib.js");
feature!(POPOVERS, "popovers.js");
feature!(SIDENOTES, "sidenotes.js");
feature!(ARRIVAL, "arrival.js");
feature!(CHART_KEYS, "chart-keys.js");
feature!(TOC, "toc.js");
feature!(COPY, "copy.js");
feature!(DOWNLOADS, "downloads.js");
feature!(SOURCES, "sources.js");
feature!(CHARTS, "charts.js");
feature!(PRINT, "print.js");
feature!(TIMELINE, "timeline.js");
feature!(OVERVIEW, "overview.js");
feature!(CODES, "codes.js");
feature!(EMBED, "embed.js");

const CSS: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/static/style.css"));
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
        plotly: hashed("plotly", "js", PLOTLY),
        search_boot: hashed("search-boot", "js", SEARCH_BOOT.as_bytes()),
        search_js: hashed("search", "js", SEARCH_JS.as_bytes()),
        search_css: hashed("search", "css", SEARCH_CSS.as_bytes()),
        // Made once per process and kept for its life, like the included files.
        scripts: Script::ALL
            .iter()
            .map(|s| hashed(s.name(), "js", s.text().leak().as_bytes()))
            .collect(),
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
