//! explainer: builds a static, interactive explainer site from `content/`.
//!
//! The folders are the phases of [`build_into`] ([`pipeline`]), which runs them article by
//! article on every core, each timed for `--verbose`:
//!
//! 1. **load** (`load/`): `site.toml` and the article folders; each folder's files read as text
//!    (UTF-8, no control characters), links out of `content/` refused.
//! 2. **parse** (`parse/`): front matter; the Markdown into a typed tree (`parse/markdown.rs`:
//!    sanitised CommonMark events plus note references, `[@key]` citations, `::: document`
//!    directives, chart blocks); sources (`parse/sources/`: TOML, CSL-JSON, BibTeX), the
//!    timeline and the charts as records with their positions.
//! 3. **resolve** (`resolve/`): one `model::article::Article` with every cross-reference checked
//!    (notes numbered, citations, ids, passages, editor's notes placed, events and charts against
//!    the text, unique output paths), and its indexes.
//! 4. **render** (`render/`): pure functions from the article to askama templates: the body, the
//!    pages (`render/pages/`: article, sources, timeline, figures, site-wide), the figures
//!    (`render/figure/`: plotly and SVG pictures, numbers, axes), the assets; formatted
//!    citations and exports come from `cite/`.
//! 5. **emit** (`emit/`): each article's files handed to memory or to the output folder
//!    (`emit/output/`) as soon as they are rendered; nothing is kept when any content error was
//!    found.
//!
//! Beside the phases: `model/` holds the plain data they hand each other, `diag/` the problems
//! and their printing, `check/` the checks of a built site's links, `cli/` the preview server.

mod check;
mod cite;
mod cli;
mod diag;
mod emit;
mod load;
mod model;
mod parse;
mod pipeline;
mod render;
mod resolve;

#[cfg(test)]
mod layout;

pub use check::links;
pub use cite::{export::ris, rich, styles};
pub use cli::serve;
pub use diag::{Problem, Problems, Severity};
pub use emit::output::{self, SiteFiles};
pub use emit::{Emit, Memory};
pub use model::site::is_web_address;
pub use model::{charts, languages, sources};
pub use parse::sources::{bibtex, csl_json, load_sources};
pub use pipeline::{build, build_into, render_markdown, BuildError, BuildOptions, Timings, PHASES};
pub use render::{assets, figure::chart_svg};
