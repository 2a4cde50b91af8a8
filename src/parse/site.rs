//! `site.toml`: the site's settings (or the defaults), with the command line's overrides.

use crate::diag::Problems;
use crate::load::TextFile;
use crate::model::site::{is_web_address, SiteConfig};
use crate::parse::toml_file::parse_toml;

/// `site.toml` (or the defaults), with the command line's overrides; `base_url` checked.
pub(crate) fn load_site(
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
        let at = file.map_or((1, 1), |f| {
            crate::diag::Assignments::new(&f.text).find_key("base_url", config.base_url.trim())
        });
        problems.error(
            &path,
            at,
            format!(
                "base_url `{}` is not an absolute http(s) address",
                config.base_url
            ),
            "write it as https://example.org/path/ (no spaces, quotes or angle brackets)",
        );
        config.base_url.clear();
    }
    if let Some(f) = file {
        check_language(&config.language, f, problems);
        if !crate::model::languages::is_tag(&config.language) {
            config.language = "en".to_string();
        }
    }
    config
}

/// `language` (of `site.toml` or the front matter) must be a BCP 47 tag (`en`, `ru`,
/// `zh-Hans`): it is written into every page's `lang`.
pub(crate) fn check_language(language: &str, file: &TextFile, problems: &mut Problems) {
    if crate::model::languages::is_tag(language) {
        return;
    }
    problems.error(
        &file.path,
        crate::diag::Assignments::new(&file.text).find_key("language", language),
        format!(
            "language `{}` is not a BCP 47 language tag",
            crate::diag::printable(language)
        ),
        "write a tag such as en, ru, de-CH or zh-Hans",
    );
}
