//! The pipeline, article by article on every core, each phase timed for `--verbose`:
//! load → parse → resolve → render → emit, then the site-wide pages.

mod checked;
pub(crate) mod parallel;

use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::diag::{Problem, Problems};
use crate::emit::output::{self, SiteFiles};
use crate::emit::{self, Emit};
use crate::model::html;
use crate::model::site::SiteConfig;
use crate::pipeline::parallel::parallel_map;
use crate::render::pages::article::{render_article, ArticleSummary};
use crate::render::search;
use crate::{cite::styles, diag, load, parse, render, resolve};

/// Settings given on the command line.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Overrides `base_url` of site.toml.
    pub base_url: Option<String>,
}

/// The phases of a build, in order.
/// `search` is the site search's units and index (part of rendering, timed on its own).
pub const PHASES: [&str; 7] = [
    "load", "parse", "resolve", "render", "emit", "check", "search",
];

/// How long each phase took (summed over the articles, which run in parallel), for `--verbose`.
#[derive(Debug, Default)]
pub struct Timings {
    nanos: [AtomicU64; 7],
}

impl Timings {
    fn time<T>(&self, phase: usize, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        let took = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.nanos[phase].fetch_add(took, Ordering::Relaxed);
        out
    }

    /// Each phase with its time.
    pub fn phases(&self) -> Vec<(&'static str, Duration)> {
        PHASES
            .iter()
            .zip(&self.nanos)
            .map(|(p, n)| (*p, Duration::from_nanos(n.load(Ordering::Relaxed))))
            .collect()
    }
}

const LOAD: usize = 0;
const PARSE: usize = 1;
const RESOLVE: usize = 2;
const RENDER: usize = 3;
const EMIT: usize = 4;
const CHECK: usize = 5;
const SEARCH: usize = 6;

/// Why a build did not finish.
#[derive(Debug)]
pub enum BuildError {
    /// The content has errors (each with its file and line); nothing should be kept.
    Content(Problems),
    /// A built file could not be written.
    Write(std::io::Error),
}

/// Builds the site in memory. Warnings come back with the files; any error fails the build.
pub fn build(content: &Path, options: &BuildOptions) -> Result<(SiteFiles, Problems), Problems> {
    let memory = emit::Memory::default();
    match build_into(content, options, &memory, &Timings::default()) {
        Ok(problems) => Ok((memory.into_site(), problems)),
        Err(BuildError::Content(problems)) => Err(problems),
        Err(BuildError::Write(e)) => {
            let mut problems = Problems::default();
            problems.error(
                content,
                (1, 1),
                format!("the site could not be built: {e}"),
                "",
            );
            Err(problems)
        }
    }
}

/// The pipeline, article by article on every core: load → parse → resolve → render → emit;
/// then the site-wide pages. An article's files go to `emit` as soon as they are rendered, and
/// nothing more is rendered once any content error is found: on `Err`, the caller discards what
/// was emitted.
pub fn build_into(
    content: &Path,
    options: &BuildOptions,
    emit: &dyn Emit,
    timings: &Timings,
) -> Result<Problems, BuildError> {
    let emit = &checked::Checked::new(emit);
    let mut problems = Problems::default();
    let folders = timings.time(LOAD, || load::find_content(content, &mut problems));
    let mut config = parse::site::load_site(
        folders.site.as_ref(),
        options.base_url.as_deref(),
        &mut problems,
    );
    if let (Some(name), Some(f)) = (config.citation_style.clone(), &folders.site) {
        let at = diag::Assignments::new(&f.text).find("citation_style", &name);
        config.style = styles::resolve(&name, content, content, (&f.path, at), &mut problems);
    }
    let failed = AtomicBool::new(problems.has_errors());
    let site_inputs = site_inputs(content, folders.site.as_ref(), &config);
    let results = parallel_map(&folders.articles, |folder| {
        let mut found = Problems::default();
        let summary = build_article(
            folder,
            &config,
            &site_inputs,
            &failed,
            emit,
            timings,
            &mut found,
        );
        (found, summary)
    });
    let (mut summaries, mut units) = (Vec::with_capacity(results.len()), Vec::new());
    for (found, built) in results {
        problems.list.extend(found.list);
        if let Some((summary, u)) = built.transpose().map_err(BuildError::Write)? {
            summaries.push(summary);
            units.push(u);
        }
    }
    problems.sort();
    if problems.has_errors() {
        return Err(BuildError::Content(problems));
    }
    let mut site = timings.time(RENDER, || {
        render::pages::site::render_site_pages(&config, &summaries)
    });
    if template_failed(content, &mut problems) {
        return Err(BuildError::Content(problems));
    }
    let index = timings.time(SEARCH, || {
        search::build_index(&units.iter().collect::<Vec<_>>())
    });
    site.files.extend(index.files);
    timings
        .time(EMIT, || emit_all(emit, site))
        .map_err(BuildError::Write)?;
    timings.time(CHECK, || emit.report(&mut problems));
    if problems.has_errors() {
        return Err(BuildError::Content(problems));
    }
    Ok(problems)
}

/// What an article keeps in the output folder's manifest besides its files: enough for the
/// site-wide pages and the report when a later build reuses it without parsing it.
#[derive(serde::Serialize, serde::Deserialize)]
struct Reused {
    summary: ArticleSummary,
    warnings: Vec<Problem>,
    search: search::ArticleUnits,
}

/// A hash of everything every article's pages depend on besides its own files: `site.toml`,
/// the command line's base URL, and a CSL style file the site names.
fn site_inputs(content: &Path, site: Option<&load::TextFile>, config: &SiteConfig) -> String {
    let mut h = output::manifest::InputsHash::new();
    h.add(site.map_or(&b""[..], |f| f.text.as_bytes()));
    h.add(config.base_url.as_bytes());
    if let Some(style) = config
        .citation_style
        .as_deref()
        .filter(|s| s.ends_with(".csl"))
    {
        h.add(&crate::model::limits::read_regular(&content.join(style)).unwrap_or_default());
    }
    h.finish()
}

/// A hash of an article's inputs: the site's, and each of its files (a CSL style file its front
/// matter names included).
fn article_inputs(files: &load::ArticleFiles, site_inputs: &str, content: &Path) -> String {
    let mut h = output::manifest::InputsHash::new();
    h.add(site_inputs.as_bytes()).add(files.slug.as_bytes());
    for f in [
        Some(&files.article),
        files.sources.as_ref(),
        files.timeline.as_ref(),
        files.charts.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        h.add(
            f.path
                .file_name()
                .map_or(&b""[..], |n| n.as_encoded_bytes()),
        );
        h.add(f.text.as_bytes());
    }
    let style = files.article.text.lines().find_map(|l| {
        let value = l
            .trim()
            .strip_prefix("citation_style")?
            .trim()
            .strip_prefix('=')?;
        Some(value.trim().trim_matches('"').to_string())
    });
    if let Some(style) = style.filter(|s| s.ends_with(".csl")) {
        h.add(&crate::model::limits::read_regular(&content.join(style)).unwrap_or_default());
    }
    h.finish()
}

/// One article through every phase; its summary once its files are emitted. An article whose
/// inputs are those of the previous build's is reused as it is (where the sink can).
fn build_article(
    folder: &load::ArticleFolder,
    config: &SiteConfig,
    site_inputs: &str,
    failed: &AtomicBool,
    emit: &dyn Emit,
    timings: &Timings,
    problems: &mut Problems,
) -> Option<std::io::Result<(ArticleSummary, search::ArticleUnits)>> {
    let files = timings.time(LOAD, || load::read_article(folder, problems));
    let inputs = files.as_ref().map(|f| {
        let root = folder
            .dir
            .parent()
            .and_then(Path::parent)
            .unwrap_or(Path::new("."));
        article_inputs(f, site_inputs, root)
    });
    if let Some(inputs) = &inputs {
        if let Some(extra) = emit.reuse(&folder.slug, inputs) {
            return Some(match serde_json::from_value::<Reused>(extra) {
                Ok(reused) => {
                    problems.list.extend(reused.warnings);
                    Ok((reused.summary, reused.search))
                }
                Err(e) => Err(std::io::Error::other(format!(
                    "the output folder's record of `{}` is damaged ({e}): delete its .explainer folder",
                    folder.slug
                ))),
            });
        }
    }
    let parsed = files.as_ref().and_then(|f| {
        timings.time(PARSE, || {
            parse::parse_article(f, &config.language, problems)
        })
    });
    let article = parsed.map(|p| timings.time(RESOLVE, || resolve::resolve(&p, problems)));
    if problems.has_errors() || files.is_none() {
        failed.store(true, Ordering::Relaxed);
    }
    let article = article.filter(|_| !failed.load(Ordering::Relaxed))?;
    let (out, summary) = timings.time(RENDER, || render_article(config, &article));
    if template_failed(&folder.dir, problems) {
        failed.store(true, Ordering::Relaxed);
        return None;
    }
    let units = timings.time(SEARCH, || search::article_units(&article));
    drop(article);
    let paths: Vec<String> = out.files.keys().cloned().collect();
    let emitted = timings.time(EMIT, || emit_all(emit, out));
    Some(emitted.map(|()| {
        if let Some(inputs) = inputs {
            let reused = Reused {
                summary: summary.clone(),
                warnings: problems.warnings().cloned().collect(),
                search: units.clone(),
            };
            emit.record(
                &folder.slug,
                &inputs,
                paths,
                serde_json::to_value(&reused).unwrap_or_default(),
            );
        }
        (summary, units)
    }))
}

/// Whether a template failed while rendering on this thread (each failure an error at `place`).
fn template_failed(place: &Path, problems: &mut Problems) -> bool {
    let errors = render::take_template_errors();
    for e in &errors {
        problems.error(
            place,
            (1, 1),
            format!("a page could not be rendered: {e}"),
            "this is the tool's fault, not the content's: report it with the content",
        );
    }
    !errors.is_empty()
}

fn emit_all(emit: &dyn Emit, site: SiteFiles) -> std::io::Result<()> {
    for (path, bytes) in site.files {
        emit.put(&path, bytes)?;
    }
    Ok(())
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
