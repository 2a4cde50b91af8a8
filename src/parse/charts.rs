//! `charts.toml`: chart records parsed with their positions, each checked on its own (ids,
//! kinds, categories against values, qualifiers, drawable magnitudes).

use crate::diag::{Problems, SourceMap};
use crate::load::TextFile;
use crate::model::charts::*;
use crate::parse::record_ids::RecordIds;
use crate::parse::toml_file::parse_toml;
use serde::Deserialize;
use toml::Spanned;

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

/// Checks one series; its values when they are all usable numbers.
fn series(
    chart: &str,
    s: SeriesRecord,
    categories: usize,
    src: &SourceMap<'_>,
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
        match number.map(|f| (f, crate::model::numbers::check_drawable(f))) {
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
pub(crate) fn load_charts(file: &TextFile, problems: &mut Problems) -> Option<Charts> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

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
        let en = crate::model::numbers::Locale::ENGLISH;
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
        let ru = crate::model::numbers::Locale::for_lang("ru");
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
