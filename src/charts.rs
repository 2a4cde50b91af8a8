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

/// How exactly the article states a value. Shown wherever the value is: the data table, hover
/// labels, the plot's and the picture's value labels (as [`Qualifier::mark`]), and the CSV and
/// JSON downloads (as [`Qualifier::name`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    /// "some 18", "closer to 23": about this much.
    Approx,
    /// "less than 16": the value is at most this.
    UpperBound,
    /// "more than 30": the value is at least this.
    LowerBound,
    /// The editors' reading of what the text states ("145 cubic meters" read as 145 billion).
    EditorsReading,
}

impl Qualifier {
    pub const ALL: [Qualifier; 4] = [
        Qualifier::Approx,
        Qualifier::UpperBound,
        Qualifier::LowerBound,
        Qualifier::EditorsReading,
    ];

    /// The qualifier as charts.toml, the CSV and the JSON write it.
    pub fn name(self) -> &'static str {
        match self {
            Qualifier::Approx => "approx",
            Qualifier::UpperBound => "upper-bound",
            Qualifier::LowerBound => "lower-bound",
            Qualifier::EditorsReading => "editors-reading",
        }
    }

    fn parse(name: &str) -> Option<Option<Qualifier>> {
        if name.is_empty() {
            return Some(None);
        }
        Qualifier::ALL
            .into_iter()
            .find(|q| q.name() == name)
            .map(Some)
    }

    /// The sign written with the value: before it ("≈16", "<16", ">30") or, for the editors'
    /// reading, after it ("145†").
    pub fn mark(self) -> &'static str {
        match self {
            Qualifier::Approx => "≈",
            Qualifier::UpperBound => "<",
            Qualifier::LowerBound => ">",
            Qualifier::EditorsReading => "†",
        }
    }

    /// What the mark means, for keys and hover labels.
    pub fn meaning(self) -> &'static str {
        match self {
            Qualifier::Approx => "approximate",
            Qualifier::UpperBound => "less than (an upper bound)",
            Qualifier::LowerBound => "more than (a lower bound)",
            Qualifier::EditorsReading => "the editors' reading of the text",
        }
    }

    /// Whether the mark follows the number ("145†") rather than leading it ("≈16").
    pub fn mark_follows(self) -> bool {
        self == Qualifier::EditorsReading
    }

    /// The value with its mark, e.g. "≈52.1" or "145†".
    pub fn apply(q: Option<Qualifier>, number: &str) -> String {
        match q {
            None => number.to_string(),
            Some(q) if q.mark_follows() => format!("{number}{}", q.mark()),
            Some(q) => format!("{}{number}", q.mark()),
        }
    }
}

/// The mark of derived values, written after the value ("52.147*").
pub const DERIVED_MARK: &str = "*";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeriesRecord {
    name: Spanned<String>,
    values: Spanned<Vec<Spanned<toml::Value>>>,
    #[serde(default)]
    derived: Option<Spanned<Vec<bool>>>,
    #[serde(default)]
    qualifiers: Option<Spanned<Vec<Spanned<String>>>>,
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
    /// One per value: computed by the editors, not stated.
    pub derived: Vec<bool>,
    /// One per value: how exactly the article states it.
    pub qualifiers: Vec<Option<Qualifier>>,
}

impl Series {
    /// Value `i` as a label: the number in the article's language with its qualifier's mark
    /// and, when derived, [`DERIVED_MARK`] ("≈52.147*").
    pub fn label(&self, i: usize, locale: &crate::numbers::Locale) -> String {
        let number = crate::numbers::format(self.values[i], locale);
        let marked = Qualifier::apply(self.qualifier(i), &number);
        if self.is_derived(i) {
            format!("{marked}{DERIVED_MARK}")
        } else {
            marked
        }
    }

    pub fn is_derived(&self, i: usize) -> bool {
        self.derived.get(i).copied().unwrap_or(false)
    }

    pub fn qualifier(&self, i: usize) -> Option<Qualifier> {
        self.qualifiers.get(i).copied().flatten()
    }

    /// What the value's marks mean, in words ("approximate, derived"); empty for a plain value.
    pub fn remark(&self, i: usize) -> String {
        let mut words: Vec<&str> = self
            .qualifier(i)
            .map(Qualifier::meaning)
            .into_iter()
            .collect();
        if self.is_derived(i) {
            words.push("derived");
        }
        words.join("; ")
    }
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

    /// The qualifiers the chart's values use, in [`Qualifier::ALL`]'s order.
    pub fn qualifiers_used(&self) -> Vec<Qualifier> {
        Qualifier::ALL
            .into_iter()
            .filter(|q| self.series.iter().any(|s| s.qualifiers.contains(&Some(*q))))
            .collect()
    }

    /// The key to the marks the chart's value labels use, one entry per mark ("≈ approximate",
    /// "* derived value"); empty when every value is plain.
    pub fn marks_key(&self) -> Vec<String> {
        let mut key: Vec<String> = self
            .qualifiers_used()
            .into_iter()
            .map(|q| format!("{} {}", q.mark(), q.meaning()))
            .collect();
        if self.has_derived() {
            key.push(format!("{DERIVED_MARK} derived value"));
        }
        key
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
    let qualifiers = match s.qualifiers {
        Some(q) if q.get_ref().len() != count => {
            ok = false;
            problems.error_at(
                src,
                q.span(),
                format!(
                    "chart `{chart}`, series `{}`: `qualifiers` has {} entries for {count} values",
                    s.name.get_ref(),
                    q.get_ref().len()
                ),
                "give one qualifier per value (\"\" for a plain value), or leave `qualifiers` out",
            );
            Vec::new()
        }
        Some(q) => {
            q.into_inner()
                .into_iter()
                .enumerate()
                .map(|(i, q)| {
                    Qualifier::parse(q.get_ref()).unwrap_or_else(|| {
                        ok = false;
                        problems.error_at(
                        src,
                        q.span(),
                        format!(
                            "chart `{chart}`, series `{}`: value {} has the qualifier `{}`, which \
                             is not one of \"\", {}",
                            s.name.get_ref(),
                            i + 1,
                            q.get_ref(),
                            Qualifier::ALL.map(|q| format!("\"{}\"", q.name())).join(", ")
                        ),
                        "write \"approx\" (about), \"upper-bound\" (less than), \"lower-bound\" \
                         (more than), \"editors-reading\" or \"\" (as stated)",
                    );
                        None
                    })
                })
                .collect()
        }
        None => vec![None; count],
    };
    ok.then(|| Series {
        name: s.name.into_inner(),
        values,
        derived,
        qualifiers,
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

#[cfg(test)]
mod tests {
    use super::*;

    const CHART: &str = r#"
[[chart]]
id = "c"
title = "T"
caption = "C"
kind = "bar"
unit = "%"
categories = ["a", "b", "c"]
derived_note = "How."

[[chart.series]]
name = "S"
values = [16, 18.2, 30]
"#;

    fn load(qualifiers: &str) -> (Option<Charts>, Problems) {
        let file = TextFile {
            path: PathBuf::from("charts.toml"),
            text: format!("{CHART}{qualifiers}\n"),
        };
        let mut problems = Problems::default();
        let charts = load_charts(&file, &mut problems);
        (charts, problems)
    }

    #[test]
    fn qualifiers_mark_each_value() {
        let (charts, problems) = load(r#"qualifiers = ["upper-bound", "", "lower-bound"]"#);
        assert!(problems.list.is_empty(), "{:?}", problems.list);
        let chart = &charts.unwrap().charts[0];
        let s = &chart.series[0];
        let en = crate::numbers::Locale::ENGLISH;
        assert_eq!(
            (0..3).map(|i| s.label(i, &en)).collect::<Vec<_>>(),
            ["<16", "18.2", ">30"]
        );
        assert_eq!(s.remark(0), "less than (an upper bound)");
        assert_eq!(s.remark(1), "");
        assert_eq!(
            chart.marks_key(),
            [
                "< less than (an upper bound)",
                "> more than (a lower bound)"
            ]
        );
        // Without qualifiers every value is plain.
        let (charts, _) = load("");
        let chart = &charts.unwrap().charts[0];
        assert_eq!(chart.series[0].qualifier(2), None);
        assert!(chart.marks_key().is_empty());
    }

    #[test]
    fn the_editors_reading_follows_the_number_and_derived_comes_last() {
        let (charts, problems) = load(
            "qualifiers = [\"editors-reading\", \"approx\", \"\"]\nderived = [false, true, true]",
        );
        assert!(problems.list.is_empty(), "{:?}", problems.list);
        let s = &charts.unwrap().charts[0].series[0];
        let ru = crate::numbers::Locale::for_lang("ru");
        assert_eq!(s.label(0, &ru), "16†");
        assert_eq!(s.label(1, &ru), "≈18,2*");
        assert_eq!(s.label(2, &ru), "30*");
        assert_eq!(s.remark(1), "approximate; derived");
    }

    #[test]
    fn a_wrong_qualifier_or_count_is_an_error_at_its_place() {
        let (charts, problems) = load(r#"qualifiers = ["", "about", ""]"#);
        assert!(charts.unwrap().charts.is_empty(), "the chart is left out");
        let p = &problems.list[0];
        assert_eq!(p.line, 14);
        assert!(
            p.message.contains("value 2 has the qualifier `about`"),
            "{}",
            p.message
        );
        assert!(p.hint.contains("\"approx\""), "{}", p.hint);
        // The column points at the bad entry, not at the list.
        assert_eq!(p.column, 19);

        let (charts, problems) = load(r#"qualifiers = ["approx"]"#);
        assert!(charts.unwrap().charts.is_empty());
        assert_eq!(problems.list.len(), 1);
        assert!(
            problems.list[0]
                .message
                .contains("`qualifiers` has 1 entries for 3 values"),
            "{}",
            problems.list[0].message
        );
    }
}
