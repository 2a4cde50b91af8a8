//! `site.toml`: the site's settings (or the defaults), with the command line's overrides.

use crate::diag::Problems;
use crate::load::TextFile;
use crate::model::site::{is_web_address, SiteConfig};
use crate::parse::toml_file::parse_toml;

/// `site.toml` (or the defaults), with the command line's overrides; `base_url` checked.
pub fn load_site(
    file: Option<&TextFile>,
    base_url: Option<&str>,
    problems: &mut Problems,
) -> SiteConfig {
    let mut config: SiteConfig = match file {
        Some(f) => parse_toml(&f.path, &f.text, problems).unwrap_or_default(),
        None => SiteConfig::default(),
    };
    if let Some(base) = base_url {
        config.base_url = base.to_string();
    }
    if !config.base_url.trim().is_empty() && !is_web_address(config.base_url.trim()) {
        let path = file.map_or_else(
            || std::path::PathBuf::from("--base-url"),
            |f| f.path.clone(),
        );
        problems.error(
            &path,
            (1, 1),
            format!(
                "base_url `{}` is not an absolute http(s) address",
                config.base_url
            ),
            "write it as https://example.org/path/ (no spaces, quotes or angle brackets)",
        );
        config.base_url.clear();
    }
    config
}
