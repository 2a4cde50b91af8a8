//! Chart definitions (`charts.toml`): loading, checking, and the plotly figure of each chart,
//! built with the plotly crate's typed API.

use std::collections::HashSet;
use std::path::PathBuf;

use plotly::common::{
    Anchor, Marker, Mode, Orientation, Pattern, PatternFillMode, PatternShape, Position,
};
use plotly::layout::{Axis, AxisType, BarMode, CategoryOrder, Legend, RangeMode};
use plotly::{Bar, Scatter};
use serde::Deserialize;

use crate::article::Article;
use crate::diagnostics::{Assignments, Problems};
use crate::html::is_key;
use crate::load::TextFile;
use crate::plots::{base_config, base_layout, colour, Figure};
use crate::toml_file::parse_toml;

/// The kinds of chart, and what each draws.
pub const KINDS: &[&str] = &["bar", "grouped-bar", "hbar", "slope", "line"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeriesRecord {
    name: String,
    values: Vec<toml::Value>,
    #[serde(default)]
    derived: Vec<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChartRecord {
    id: String,
    title: String,
    caption: String,
    kind: String,
    unit: String,
    categories: Vec<String>,
    #[serde(default)]
    notes: Vec<String>,
    #[serde(default)]
    sources: Vec<String>,
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
    pub kind: String,
    pub unit: String,
    pub categories: Vec<String>,
    pub notes: Vec<String>,
    pub sources: Vec<String>,
    pub derived_note: Option<String>,
    pub series: Vec<Series>,
    pub line: usize,
    /// The source line and the plot's JSON, computed once and shared by the article, the
    /// chart's page and its embed.
    pub rendered: std::sync::OnceLock<(String, String)>,
}

#[derive(Debug, Clone, Default)]
pub struct Charts {
    pub path: PathBuf,
    pub text: String,
    pub charts: Vec<Chart>,
}

impl Chart {
    pub fn has_derived(&self) -> bool {
        self.series.iter().any(|s| s.derived.iter().any(|&d| d))
    }

    /// Largest value, for scaling.
    pub fn max_value(&self) -> f64 {
        self.series
            .iter()
            .flat_map(|s| s.values.iter().copied())
            .fold(0.0, f64::max)
    }
}

/// A number as the article would print it: no trailing zeros, no exponent.
pub fn format_number(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.to_string()
    }
}

/// Parses and checks `charts.toml` on its own; notes and sources are checked against the article
/// by [`check_against_article`].
pub fn load_charts(file: &TextFile, problems: &mut Problems) -> Option<Charts> {
    let path = &file.path;
    let text = &file.text;
    let parsed: ChartsFile = parse_toml(path, text, problems)?;
    let positions = Assignments::new(text);
    let mut seen = HashSet::new();
    let mut charts = Vec::new();
    for r in parsed.chart {
        let at = positions.find("id", &r.id);
        if !is_key(&r.id) {
            problems.error(
                path,
                at,
                format!("chart id `{}` is not a valid id", r.id),
                "use lowercase ASCII letters, digits and `-`",
            );
        }
        if !seen.insert(r.id.clone()) {
            problems.error(
                path,
                at,
                format!("two charts have the id `{}`", r.id),
                "give each chart its own id",
            );
            continue;
        }
        if !KINDS.contains(&r.kind.as_str()) {
            problems.error(
                path,
                positions.find_after("kind", &r.kind, at.0),
                format!("chart `{}` has the unknown kind `{}`", r.id, r.kind),
                format!("use one of: {}", KINDS.join(", ")),
            );
        }
        if r.categories.is_empty() {
            problems.error(
                path,
                at,
                format!("chart `{}` has no categories", r.id),
                "list the labels of the values, e.g. categories = [\"2021\", \"2022\"]",
            );
        }
        if r.series.is_empty() {
            problems.error(
                path,
                at,
                format!("chart `{}` has no [[chart.series]]", r.id),
                "add a [[chart.series]] with a name and values",
            );
        }
        let mut series = Vec::new();
        let mut ok = true;
        for s in r.series {
            let s_at = positions.find_after("name", &s.name, at.0);
            let mut values = Vec::new();
            for (i, v) in s.values.iter().enumerate() {
                let number = match v {
                    toml::Value::Integer(n) => Some(*n as f64),
                    toml::Value::Float(f) => Some(*f),
                    _ => None,
                };
                match number.map(|f| (f, crate::numbers::check_drawable(f))) {
                    Some((f, Ok(()))) => values.push(f),
                    Some((_, Err(e))) => {
                        ok = false;
                        problems.error(path, s_at, format!("chart `{}`, series `{}`: value {}: {e}", r.id, s.name, i + 1), "give the values in a larger or smaller unit (e.g. 4.8 with unit \"million people\")");
                    }
                    None => {
                        ok = false;
                        problems.error(path, s_at, format!("chart `{}`, series `{}`: value {} is `{v}`, not a number", r.id, s.name, i + 1), "write numbers only (no quotes, units or % signs); put the unit in `unit`");
                    }
                }
            }
            if s.values.len() != r.categories.len() {
                ok = false;
                problems.error(
                    path,
                    s_at,
                    format!(
                        "chart `{}`, series `{}` has {} values for {} categories",
                        r.id,
                        s.name,
                        s.values.len(),
                        r.categories.len()
                    ),
                    "give one value per category, in the same order",
                );
            }
            if !s.derived.is_empty() && s.derived.len() != s.values.len() {
                ok = false;
                problems.error(
                    path,
                    s_at,
                    format!(
                        "chart `{}`, series `{}`: `derived` has {} entries for {} values",
                        r.id,
                        s.name,
                        s.derived.len(),
                        s.values.len()
                    ),
                    "give one true/false per value, or leave `derived` out",
                );
            }
            let derived = if s.derived.is_empty() {
                vec![false; values.len()]
            } else {
                s.derived
            };
            series.push(Series {
                name: s.name,
                values,
                derived,
            });
        }
        let chart = Chart {
            line: at.0,
            id: r.id,
            title: r.title,
            caption: r.caption,
            kind: r.kind,
            unit: r.unit,
            categories: r.categories,
            notes: r.notes,
            sources: r.sources,
            derived_note: r.derived_note,
            series,
            rendered: std::sync::OnceLock::new(),
        };
        if chart.has_derived()
            && chart
                .derived_note
                .as_deref()
                .is_none_or(|n| n.trim().is_empty())
        {
            problems.error(
                path,
                at,
                format!(
                    "chart `{}` has derived values but no derived_note",
                    chart.id
                ),
                "explain in derived_note how the derived values were computed",
            );
        }
        if ok {
            charts.push(chart);
        }
    }
    Some(Charts {
        path: path.clone(),
        text: text.clone(),
        charts,
    })
}

/// Checks notes and sources against the article, and that every chart block names a chart.
pub fn check_against_article(
    charts: Option<&Charts>,
    article: &Article,
    article_path: &std::path::Path,
    problems: &mut Problems,
) {
    if let Some(charts) = charts {
        for c in &charts.charts {
            article.check_citations(
                (&charts.path, c.line),
                &format!("chart `{}`", c.id),
                &c.notes,
                &c.sources,
                problems,
            );
            if !article.body.charts.iter().any(|u| u.id == c.id) {
                problems.warning(
                    &charts.path,
                    (c.line, 1),
                    format!("chart `{}` is not placed in the article", c.id),
                    format!(
                        "add a ```chart block with `{}` where the text discusses it",
                        c.id
                    ),
                );
            }
        }
    }
    for u in &article.body.charts {
        if !charts.is_some_and(|c| c.charts.iter().any(|c| c.id == u.id)) {
            problems.error(
                article_path,
                (u.line, u.column),
                format!("the chart `{}` is not defined", u.id),
                "define it in charts.toml next to article.md, or fix the id",
            );
        }
    }
}

/// Category labels broken into lines of about `width` characters, so they fit on a phone.
fn wrap(label: &str, width: usize) -> String {
    crate::chart_svg::wrap_lines(label, width).join("<br>")
}

/// The interactive figure, built with plotly's typed traces and layout.
pub fn plot(chart: &Chart, source_line: &str) -> Figure {
    let mut traces: Vec<Box<dyn plotly::Trace>> = Vec::new();
    let horizontal = chart.kind == "hbar";
    let labels: Vec<String> = chart
        .categories
        .iter()
        .map(|c| wrap(c, if horizontal { 22 } else { 16 }))
        .collect();
    let unit = &chart.unit;
    for (i, s) in chart.series.iter().enumerate() {
        let hover: Vec<String> = s
            .values
            .iter()
            .zip(&s.derived)
            .zip(&chart.categories)
            .map(|((v, d), c)| {
                format!(
                    "<b>{c}</b><br>{}: {} {unit}{}<br>{source_line}",
                    s.name,
                    format_number(*v),
                    if *d { " (derived)" } else { "" }
                )
            })
            .collect();
        let text: Vec<String> = s
            .values
            .iter()
            .zip(&s.derived)
            .map(|(v, d)| format!("{}{}", format_number(*v), if *d { "*" } else { "" }))
            .collect();
        let colour = colour(i);
        let derived_any = s.derived.iter().any(|&d| d);
        match chart.kind.as_str() {
            "slope" | "line" => {
                let trace = Scatter::new(labels.clone(), s.values.clone())
                    .name(&s.name)
                    .mode(Mode::LinesMarkersText)
                    .text_array(text)
                    .text_position(Position::TopCenter)
                    .hover_text_array(hover)
                    .hover_template("%{hovertext}<extra></extra>")
                    .marker(Marker::new().size(11).color(colour))
                    .line(plotly::common::Line::new().width(3.0).color(colour));
                traces.push(trace);
            }
            _ => {
                // Derived values are hatched (full colour underneath, so they keep their contrast).
                let hatch: Vec<PatternShape> = s
                    .derived
                    .iter()
                    .map(|&d| {
                        if d {
                            PatternShape::RightDiagonalLine
                        } else {
                            PatternShape::None
                        }
                    })
                    .collect();
                let mut marker = Marker::new()
                    .color(colour)
                    .line(plotly::common::Line::new().color(colour).width(1.5));
                if derived_any {
                    marker = marker.pattern(
                        Pattern::new()
                            .shape_array(hatch)
                            .fill_mode(PatternFillMode::Overlay)
                            .foreground_color("#ffffff")
                            .size(7.0)
                            .solidity(0.35),
                    );
                }
                let values: Vec<serde_json::Value> = s.values.iter().map(|&v| v.into()).collect();
                let names: Vec<serde_json::Value> =
                    labels.iter().map(|l| l.as_str().into()).collect();
                let (x, y, orientation) = if horizontal {
                    (values, names, Orientation::Horizontal)
                } else {
                    (names, values, Orientation::Vertical)
                };
                let trace = Bar::new(x, y)
                    .orientation(orientation)
                    .name(&s.name)
                    .text_array(text)
                    .text_position(plotly::common::TextPosition::Outside)
                    .hover_text_array(hover)
                    .hover_template("%{hovertext}<extra></extra>")
                    .marker(marker)
                    .clip_on_axis(false);
                traces.push(trace);
            }
        }
    }
    let many_series = chart.series.len() > 1;
    let height = if horizontal {
        120 + 70 * chart.categories.len()
    } else {
        380
    };
    let mut layout = base_layout(height)
        .show_legend(many_series)
        .legend(
            Legend::new()
                .orientation(plotly::common::Orientation::Horizontal)
                .x(0.0)
                .y(1.02)
                .y_anchor(Anchor::Bottom),
        )
        .bar_mode(BarMode::Group);
    let value_axis = Axis::new()
        .title(unit.as_str())
        .range_mode(RangeMode::ToZero)
        .fixed_range(true)
        .auto_margin(true);
    // Always categories: labels such as "2021" or "2023" must not become a number or date axis.
    let category_axis = Axis::new()
        .type_(AxisType::Category)
        .fixed_range(true)
        .auto_margin(true)
        .show_grid(false);
    if horizontal {
        // Plotly lists horizontal categories bottom to top: give them in reverse to read downwards.
        let order: Vec<String> = labels.iter().rev().cloned().collect();
        layout = layout.x_axis(value_axis).y_axis(
            category_axis
                .category_order(CategoryOrder::Array)
                .category_array(order),
        );
    } else {
        layout = layout.x_axis(category_axis).y_axis(value_axis);
    }
    let mut figure = Figure::new(layout, base_config(&chart.id));
    for t in traces {
        figure.add_trace(t);
    }
    figure
}
