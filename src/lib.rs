//! explainer: builds a static, interactive explainer site from `content/`.
//!
//! The pipeline, top to bottom: [`load`] reads the content folder; [`article`] parses each
//! article (front matter, [`markdown`], [`sources`]); [`timeline`] and [`charts`] load the dated
//! events and figures; [`site`] renders every page ([`render`], [`citations`]) with the
//! [`assets`]; [`output`] writes the result, or nothing when any content problem was found.

pub mod article;
pub mod assets;
pub mod chart_plot;
pub mod chart_svg;
pub mod charts;
pub mod citations;
#[cfg(test)]
mod cite_check;
pub mod config;
pub mod dates;
pub mod diagnostics;
pub mod html;
pub mod links;
pub mod load;
pub mod markdown;
pub mod output;
pub mod parse;
pub mod paths;
pub mod plots;
pub mod render;
pub mod resolve;
pub mod serve;
pub mod site;
pub mod sources;
pub mod timeline;
pub mod toml_file;

use std::path::Path;
use std::time::{Duration, Instant};

pub use diagnostics::{Problem, Problems, Severity};
pub use output::SiteFiles;

/// Settings given on the command line.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Overrides `base_url` of site.toml.
    pub base_url: Option<String>,
}

/// How long each phase of a build took, in the order they ran (for `--verbose`).
#[derive(Debug, Default, Clone)]
pub struct Timings {
    pub phases: Vec<(&'static str, Duration)>,
}

impl Timings {
    fn time<T>(&mut self, phase: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.phases.push((phase, start.elapsed()));
        out
    }
}

/// Builds the site in memory. Warnings come back with the files; any error fails the build.
pub fn build(content: &Path, options: &BuildOptions) -> Result<(SiteFiles, Problems), Problems> {
    build_timed(content, options, &mut Timings::default())
}

/// The pipeline: load → parse → resolve → render (each article in parallel, in order). Nothing
/// is rendered when any phase found an error.
pub fn build_timed(
    content: &Path,
    options: &BuildOptions,
    timings: &mut Timings,
) -> Result<(SiteFiles, Problems), Problems> {
    let mut problems = Problems::default();
    let files = timings.time("load", || load::load_content(content, &mut problems));
    let config = config::SiteConfig::load(files.site.as_ref(), options, &mut problems);
    let language = config.language.clone();
    let parsed = timings.time("parse", || {
        site::parallel_map(&files.articles, |f| {
            let mut found = Problems::default();
            (parse::parse_article(f, &language, &mut found), found)
        })
    });
    let parsed: Vec<_> = parsed
        .into_iter()
        .filter_map(|(article, found)| {
            problems.list.extend(found.list);
            article
        })
        .collect();
    let articles = timings.time("resolve", || {
        site::parallel_map(&parsed, |p| {
            let mut found = Problems::default();
            (resolve::resolve(p, &mut found), found)
        })
    });
    let articles: Vec<_> = articles
        .into_iter()
        .map(|(article, found)| {
            problems.list.extend(found.list);
            article
        })
        .collect();
    problems.sort();
    if problems.has_errors() {
        return Err(problems);
    }
    let site = site::Site { config, articles };
    let out = timings.time("render", || site.render());
    Ok((out, problems))
}

/// A Markdown text rendered as an article page's body would show it (for conformance tests and
/// fuzzing): the same parse, resolve and render phases, on one article without sources, charts
/// or timeline. Problems come back when the text would not build.
pub fn render_markdown(text: &str) -> Result<String, Problems> {
    let files = load::ArticleFiles {
        slug: "fragment".into(),
        article: load::TextFile {
            path: "fragment.md".into(),
            text: format!("+++\ntitle = \"T\"\nauthor = \"A\"\nsummary = \"S\"\n+++\n{text}"),
        },
        sources: None,
        timeline: None,
        charts: None,
    };
    let mut problems = Problems::default();
    let Some(parsed) = parse::parse_article(&files, "en", &mut problems) else {
        return Err(problems);
    };
    let article = resolve::resolve(&parsed, &mut problems);
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(render::body::body_html(&article, &|_| html::Html::default()).into_string())
}
