//! A chart told in words, from its data: its kind, what it compares, its largest and smallest
//! values, the trend of each series along its categories and the values the text states only
//! roughly. Shown under the chart for every reader and used as the accessible description of its
//! picture and its plot.

use crate::model::charts::{Chart, ChartKind, Series};
use crate::model::numbers::{with_unit, Locale};

/// The description of `chart`, in sentences.
pub(crate) fn describe(chart: &Chart, locale: &Locale) -> String {
    let n = chart.categories.len();
    let kind = match chart.kind {
        ChartKind::Bar => "Column chart",
        ChartKind::GroupedBar => "Grouped column chart",
        ChartKind::Hbar => "Horizontal bar chart",
        ChartKind::Slope => "Slope chart",
        ChartKind::Line => "Line chart",
    };
    let series: Vec<&str> = chart.series.iter().map(|s| s.name.as_str()).collect();
    let mut out = vec![format!(
        "{kind} of {} ({}) for {n} {}: {}.",
        list(&series),
        chart.unit.trim(),
        if n == 1 { "category" } else { "categories" },
        list(
            &chart
                .categories
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
        )
    )];
    let value = |s: &Series, i: usize| with_unit(&s.label(i, locale), &chart.unit, locale);
    let points: Vec<(&Series, usize)> = chart
        .series
        .iter()
        .flat_map(|s| (0..s.values.len()).map(move |i| (s, i)))
        .filter(|(s, i)| s.values[*i].is_finite())
        .collect();
    let at = |(s, i): (&Series, usize)| {
        if chart.series.len() > 1 {
            format!("{} for {} ({})", value(s, i), chart.categories[i], s.name)
        } else {
            format!("{} for {}", value(s, i), chart.categories[i])
        }
    };
    let largest = points
        .iter()
        .copied()
        .max_by(|a, b| a.0.values[a.1].total_cmp(&b.0.values[b.1]));
    let smallest = points
        .iter()
        .copied()
        .min_by(|a, b| a.0.values[a.1].total_cmp(&b.0.values[b.1]));
    if let (Some(hi), Some(lo)) = (largest, smallest) {
        if points.len() > 1 {
            out.push(format!("Largest: {}; smallest: {}.", at(hi), at(lo)));
        }
    }
    // Along the categories (years, or the order the article gives), each series' trend.
    if n > 1
        && matches!(
            chart.kind,
            ChartKind::Line | ChartKind::Slope | ChartKind::Bar
        )
    {
        for s in &chart.series {
            let (first, last) = (s.values[0], s.values[n - 1]);
            let verb = if last > first {
                "rises"
            } else if last < first {
                "falls"
            } else {
                "ends where it began"
            };
            let who = if chart.series.len() > 1 {
                s.name.as_str()
            } else {
                "It"
            };
            out.push(format!(
                "{who} {verb}, from {} for {} to {} for {}.",
                value(s, 0),
                chart.categories[0],
                value(s, n - 1),
                chart.categories[n - 1]
            ));
        }
    }
    let rough: Vec<String> = points
        .iter()
        .filter(|(s, i)| !s.remark(*i).is_empty())
        .map(|&(s, i)| format!("{} ({})", at((s, i)), s.remark(i)))
        .collect();
    if !rough.is_empty() {
        out.push(format!(
            "Stated only roughly or derived: {}.",
            rough.join("; ")
        ));
    }
    out.join(" ")
}

/// "a", "a and b", "a, b and c".
fn list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::charts::{Qualifier, Series};

    fn chart(kind: ChartKind, categories: &[&str], values: &[f64]) -> Chart {
        Chart {
            id: "c".into(),
            title: "T".into(),
            caption: "C".into(),
            kind,
            unit: "yards a year".into(),
            categories: categories.iter().map(|c| c.to_string()).collect(),
            notes: Vec::new(),
            sources: Vec::new(),
            derived_note: None,
            series: vec![Series {
                name: "Cloth woven".into(),
                values: values.to_vec(),
                derived: vec![false; values.len()],
                qualifiers: vec![None; values.len()],
            }],
            span: 0..0,
        }
    }

    /// The numbers of a text, as written ("1,240,000" → 1240000).
    fn numbers(text: &str) -> Vec<f64> {
        text.split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .map(|w| w.trim_matches(|c| c == ',' || c == '.').replace(',', ""))
            .filter(|w| !w.is_empty())
            .filter_map(|w| w.parse().ok())
            .collect()
    }

    #[test]
    fn the_description_states_the_data() {
        let mut c = chart(
            ChartKind::Line,
            &["1913", "1918", "1919 (first half, annual rate)"],
            &[1_240_000.0, 655_000.0, 410_000.0],
        );
        c.series[0].qualifiers[2] = Some(Qualifier::Approx);
        let text = describe(&c, &Locale::ENGLISH);
        assert!(text.starts_with("Line chart of Cloth woven (yards a year) for 3 categories: 1913, 1918 and 1919 (first half, annual rate)."), "{text}");
        let largest = text.split("Largest: ").nth(1).unwrap();
        let smallest = largest.split("smallest: ").nth(1).unwrap();
        assert_eq!(numbers(largest)[0], 1_240_000.0, "{text}");
        assert_eq!(numbers(largest)[1], 1913.0);
        assert_eq!(numbers(smallest)[0], 410_000.0, "{text}");
        assert!(smallest.starts_with("≈410,000"), "{text}");
        assert!(text.contains("It falls, from 1,240,000\u{a0}yards a year for 1913 to ≈410,000\u{a0}yards a year for 1919 (first half, annual rate)."), "{text}");
        assert!(text.contains("Stated only roughly or derived: ≈410,000\u{a0}yards a year for 1919 (first half, annual rate) (approximate)."), "{text}");
        // Every value the text names is one of the chart's, or a category's year.
        for v in numbers(&text) {
            assert!(
                c.series[0].values.contains(&v) || [1913.0, 1918.0, 1919.0, 3.0].contains(&v),
                "{v} in {text}"
            );
        }
    }

    #[test]
    fn categories_without_order_get_no_trend() {
        let c = chart(
            ChartKind::Hbar,
            &["Cotton", "Coal", "Dyes"],
            &[102_000.0, 64_500.0, 3_150.0],
        );
        let text = describe(&c, &Locale::ENGLISH);
        assert!(text.contains("Largest: 102,000\u{a0}yards a year for Cotton; smallest: 3,150\u{a0}yards a year for Dyes."), "{text}");
        assert!(!text.contains("falls") && !text.contains("rises"), "{text}");
    }
}
