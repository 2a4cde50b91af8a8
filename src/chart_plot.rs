//! The interactive figure of a chart, built with the plotly crate's typed traces and layout.

use plotly::common::{
    Anchor, Marker, Mode, Orientation, Pattern, PatternFillMode, PatternShape, Position,
};
use plotly::layout::{Axis, AxisType, BarMode, CategoryOrder, Legend, RangeMode};
use plotly::{Bar, Scatter};

use crate::charts::{Chart, ChartKind};
use crate::numbers::{self, Locale};
use crate::plots::{base_config, base_layout, colour, plotly_text, Figure};

/// Text broken into lines of about `width` characters (so it fits on a phone), each escaped for
/// plotly's label markup and joined with `<br>`.
pub fn wrap(label: &str, width: usize) -> String {
    crate::chart_svg::wrap_lines(label, width)
        .iter()
        .map(|l| plotly_text(l))
        .collect::<Vec<_>>()
        .join("<br>")
}

/// The value axis's range: zero and every value, with room beyond the ends for the value
/// labels drawn outside the bars and points (so "102,000" is never cut to "10200").
fn value_range(chart: &Chart, room: f64) -> (f64, f64) {
    let values = chart.series.iter().flat_map(|s| s.values.iter().copied());
    let (lo, hi) = values.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let span = (hi - lo).max(f64::MIN_POSITIVE);
    let pad = span * room;
    (
        if lo < 0.0 { lo - pad } else { 0.0 },
        if hi > 0.0 || lo == 0.0 { hi + pad } else { 0.0 },
    )
}

/// The interactive figure, built with plotly's typed traces and layout. Hover labels hold the
/// category, the series and the value only (the source is printed under the chart), wrapped to
/// fit a phone.
pub fn plot(chart: &Chart, lang: &str) -> Figure {
    let locale = Locale::for_lang(lang);
    let mut traces: Vec<Box<dyn plotly::Trace>> = Vec::new();
    let horizontal = chart.kind == ChartKind::Hbar;
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
                    "<b>{}</b><br>{}<br>{}{}",
                    wrap(c, 32),
                    wrap(&s.name, 32),
                    plotly_text(&numbers::with_unit(*v, unit, &locale)),
                    if *d { " (derived)" } else { "" }
                )
            })
            .collect();
        let text: Vec<String> = s
            .values
            .iter()
            .zip(&s.derived)
            .map(|(v, d)| {
                format!(
                    "{}{}",
                    numbers::format(*v, &locale),
                    if *d { "*" } else { "" }
                )
            })
            .collect();
        let colour = colour(i);
        let derived_any = s.derived.iter().any(|&d| d);
        match chart.kind {
            ChartKind::Slope | ChartKind::Line => {
                let trace = Scatter::new(labels.clone(), s.values.clone())
                    .name(plotly_text(&s.name))
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
                    .name(plotly_text(&s.name))
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
        .separators(format!("{}{}", locale.decimal, locale.group))
        .show_legend(many_series)
        .legend(
            Legend::new()
                .orientation(plotly::common::Orientation::Horizontal)
                .x(0.0)
                .y(1.02)
                .y_anchor(Anchor::Bottom),
        )
        .bar_mode(BarMode::Group);
    let (lo, hi) = value_range(chart, if horizontal { 0.3 } else { 0.15 });
    let value_axis = Axis::new()
        .title(wrap(unit, 28).as_str())
        .range(plotly::layout::AxisRange::new(lo, hi))
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
