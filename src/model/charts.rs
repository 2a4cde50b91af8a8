//! Charts: what each draws (kind, categories, series with their qualifiers), as `charts.toml`
//! defines them (`parse/charts.rs`) and the article cites them (`resolve/charts.rs`).

use std::ops::Range;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use toml::Spanned;

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

    pub fn parse(name: &str) -> Option<Option<Qualifier>> {
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
    pub fn label(&self, i: usize, locale: &crate::model::numbers::Locale) -> String {
        let number = crate::model::numbers::format(self.values[i], locale);
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
