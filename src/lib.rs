//! explainer: builds a static, interactive explainer site from `content/`.
//!
//! The pipeline, top to bottom: [`load`] reads the content folder; [`article`] parses each
//! article (front matter, [`markdown`], [`sources`]); [`timeline`] and [`charts`] load the dated
//! events and figures; [`site`] renders every page ([`render`], [`citations`]) with the
//! [`assets`]; [`output`] writes the result, or nothing when any content problem was found.

pub mod article;
pub mod assets;
pub mod bibtex;
pub mod chart_svg;
pub mod charts;
pub mod citations;
pub mod config;
pub mod csl_json;
pub mod dates;
pub mod diagnostics;
pub mod figures;
pub mod html;
pub mod languages;
pub mod links;
pub mod load;
pub mod markdown;
pub mod output;
pub mod plots;
pub mod render;
pub mod rich;
pub mod ris;
pub mod serve;
pub mod site;
pub mod sources;
pub mod sources_toml;
pub mod styles;
pub mod timeline;
pub mod toml_file;

use std::path::Path;

pub use diagnostics::{Problem, Problems, Severity};
pub use output::SiteFiles;

/// Settings given on the command line.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Overrides `base_url` of site.toml.
    pub base_url: Option<String>,
}

/// Builds the site in memory. Warnings come back with the files; any error fails the build.
pub fn build(content: &Path, options: &BuildOptions) -> Result<(SiteFiles, Problems), Problems> {
    let mut problems = Problems::default();
    let files = load::load_content(content, &mut problems);
    let mut config = match &files.site {
        Some(f) => toml_file::parse_toml(&f.path, &f.text, &mut problems).unwrap_or_default(),
        None => config::SiteConfig::default(),
    };
    if let Some(base) = &options.base_url {
        config.base_url = base.clone();
    }
    if let (Some(name), Some(f)) = (config.citation_style.clone(), &files.site) {
        let at = diagnostics::Assignments::new(&f.text).find("citation_style", &name);
        config.style = styles::resolve(&name, content, (&f.path, at), &mut problems);
    }
    let site = site::Site::load(config, &files, &mut problems);
    problems.sort();
    if problems.has_errors() {
        return Err(problems);
    }
    let out = site.render();
    Ok((out, problems))
}
