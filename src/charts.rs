//! Chart definitions (`charts.toml`): the model, parsed with positions, each record checked on
//! its own; notes and sources are checked against the article in the resolve phase.

use std::ops::Range;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::article::Article;
use crate::diagnostics::{Problems, RecordIds, SourceMap};
use crate::load::TextFile;
use crate::toml_file::parse_toml;

/// What a chart draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    /// Vertical bars, one series.
    Bar,
    /// Vertical bars, several series side by side.
    GroupedBar,
    /// Horizontal bars (long category labels).
    Hbar,
    /// Two points per series joined by a line (before → after).
    Slope,
    /// A line over the categories.
    Line,
}

impl ChartKind {
    /// Every kind, in the order content/README.md lists them.
    pub const ALL: [ChartKind; 5] = [
        ChartKind::Bar,
        ChartKind::GroupedBar,
        ChartKind::Hbar,
        ChartKind::Slope,
        ChartKind::Line,
    ];

    /// The kind as charts.toml writes it.
    pub fn name(self) -> &'static str {
        match self {
            ChartKind::Bar => "bar",
            ChartKind::GroupedBar => "grouped-bar",
            ChartKind::Hbar => "hbar",
            ChartKind::Slope => "slope",
            ChartKind::Line => "line",
        }
    }

    pub fn draws_lines(self) -> bool {
        matches!(self, ChartKind::Slope | ChartKind::Line)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeriesRecord {
    name: Spanned<String>,
    values: Spanned<Vec<Spanned<toml::Value>>>,
    #[serde(default)]
    derived: Option<Spanned<Vec<bool>>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChartRecord {
    id: Spanned<String>,
    title: String,
    caption: String,
    kind: ChartKind,
    unit: String,
    categories: Spanned<Vec<String>>,
    #[serde(default)]
    notes: Vec<Spanned<String>>,
    #[serde(default)]
    sources: Vec<Spanned<String>>,
    #[serde(default)]
    derived_note: Option<String>,
    #[serde(default)]
    series: Vec<SeriesRecord>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChartsFile {
    #[serde(default)]
    chart: Vec<ChartRecord>,
}

#[derive(Debug, Clone)]
pub struct Series {
    pub name: String,
    pub values: Vec<f64>,
    pub derived: Vec<bool>,
}

#[derive(Debug, Clone)]
pub struct Chart {
    pub id: String,
    pub title: String,
    pub caption: String,
    pub kind: ChartKind,
    pub unit: String,
    pub categories: Vec<String>,
    /// Labels of the notes that source the numbers.
    pub notes: Vec<Spanned<String>>,
    pub sources: Vec<Spanned<String>>,
    pub derived_note: Option<String>,
    pub series: Vec<Series>,
    /// Where the chart's `id` is in charts.toml.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct Charts {
    pub path: PathBuf,
    pub charts: Vec<Chart>,
    /// Ids of charts left out because their records have errors (already reported).
    pub rejected: Vec<String>,
}

impl Chart {
    pub fn has_derived(&self) -> bool {
        self.series.iter().any(|s| s.derived.iter().any(|&d| d))
    }
}

/// Checks one series; its values when they are all usable numbers.
fn series(
    chart: &str,
    s: SeriesRecord,
    categories: usize,
    src: &SourceMap,
    problems: &mut Problems,
) -> Option<Series> {
    let mut ok = true;
    let mut values = Vec::new();
    for (i, v) in s.values.get_ref().iter().enumerate() {
        let number = match v.get_ref() {
            toml::Value::Integer(n) => Some(*n as f64),
            toml::Value::Float(f) => Some(*f),
            _ => None,
        };
        match number.map(|f| (f, crate::numbers::check_drawable(f))) {
            Some((f, Ok(()))) => values.push(f),
            Some((_, Err(e))) => {
                ok = false;
                problems.error_at(
                    src,
                    v.span(),
                    format!("chart `{chart}`, series `{}`: value {}: {e}", s.name.get_ref(), i + 1),
                    "give the values in a larger or smaller unit (e.g. 4.8 with unit \"million people\")",
                );
            }
            None => {
                ok = false;
                problems.error_at(
                    src,
                    v.span(),
                    format!(
                        "chart `{chart}`, series `{}`: value {} is `{}`, not a number",
                        s.name.get_ref(),
                        i + 1,
                        v.get_ref()
                    ),
                    "write numbers only (no quotes, units or % signs); put the unit in `unit`",
                );
            }
        }
    }
    let count = s.values.get_ref().len();
    if count != categories {
        ok = false;
        problems.error_at(
            src,
            s.values.span(),
            format!(
                "chart `{chart}`, series `{}` has {count} values for {categories} categories",
                s.name.get_ref()
            ),
            "give one value per category, in the same order",
        );
    }
    let derived = match s.derived {
        Some(d) if d.get_ref().len() != count => {
            ok = false;
            problems.error_at(
                src,
                d.span(),
                format!(
                    "chart `{chart}`, series `{}`: `derived` has {} entries for {count} values",
                    s.name.get_ref(),
                    d.get_ref().len()
                ),
                "give one true/false per value, or leave `derived` out",
            );
            Vec::new()
        }
        Some(d) => d.into_inner(),
        None => vec![false; count],
    };
    ok.then(|| Series {
        name: s.name.into_inner(),
        values,
        derived,
    })
}

/// Parses and checks `charts.toml` on its own; `None` when it does not parse.
pub fn load_charts(file: &TextFile, problems: &mut Problems) -> Option<Charts> {
    let src = SourceMap::new(&file.path, &file.text);
    let parsed: ChartsFile = parse_toml(&file.path, &file.text, problems)?;
    let mut ids = RecordIds::default();
    let mut charts = Vec::new();
    let mut rejected = Vec::new();
    for r in parsed.chart {
        let id = r.id.get_ref().clone();
        let span = r.id.span();
        if !ids.claim("chart", &id, span.clone(), &src, problems) {
            continue;
        }
        let categories = r.categories.get_ref().len();
        let mut ok = true;
        if categories == 0 {
            ok = false;
            problems.error_at(
                &src,
                r.categories.span(),
                format!("chart `{id}` has no categories"),
                "list the labels of the values, e.g. categories = [\"2021\", \"2022\"]",
            );
        }
        if r.series.is_empty() {
            ok = false;
            problems.error_at(
                &src,
                span.clone(),
                format!("chart `{id}` has no [[chart.series]]"),
                "add a [[chart.series]] with a name and values",
            );
        }
        let mut all = Vec::new();
        for s in r.series {
            match series(&id, s, categories, &src, problems) {
                Some(s) => all.push(s),
                None => ok = false,
            }
        }
        let chart = Chart {
            id,
            title: r.title,
            caption: r.caption,
            kind: r.kind,
            unit: r.unit,
            categories: r.categories.into_inner(),
            notes: r.notes,
            sources: r.sources,
            derived_note: r.derived_note,
            series: all,
            span: span.clone(),
        };
        if chart.has_derived()
            && chart
                .derived_note
                .as_deref()
                .is_none_or(|n| n.trim().is_empty())
        {
            ok = false;
            problems.error_at(
                &src,
                span,
                format!(
                    "chart `{}` has derived values but no derived_note",
                    chart.id
                ),
                "explain in derived_note how the derived values were computed",
            );
        }
        if ok {
            charts.push(chart);
        } else {
            rejected.push(chart.id);
        }
    }
    Some(Charts {
        path: file.path.clone(),
        charts,
        rejected,
    })
}

/// Checks the notes and sources each chart cites, and warns about charts never placed.
pub fn check_against_article(article: &Article, src: &SourceMap, problems: &mut Problems) {
    let placed = article.placed_charts();
    for (i, c) in article.charts.iter().enumerate() {
        article.check_citations(
            src,
            &format!("chart `{}`", c.id),
            &c.notes,
            &c.sources,
            problems,
        );
        if !placed.contains(&i) {
            problems.warning_at(
                src,
                c.span.clone(),
                format!("chart `{}` is not placed in the article", c.id),
                format!(
                    "add a ```chart block with `{}` where the text discusses it",
                    c.id
                ),
            );
        }
    }
}
