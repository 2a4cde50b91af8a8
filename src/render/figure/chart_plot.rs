//! The interactive figure of a chart, built with the plotly crate's typed traces and layout.

use plotly::common::{
    Anchor, ConstrainText, Marker, Mode, Orientation, Pattern, PatternFillMode, PatternShape,
    Position,
};
use plotly::configuration::DisplayModeBar;
use plotly::layout::{
    Annotation, Axis, AxisType, BarMode, CategoryOrder, HAlign, Legend, RangeMode,
};
use plotly::{Bar, Scatter};

use crate::model::charts::{Chart, ChartKind};
use crate::model::numbers::{with_unit, Locale};
use crate::render::figure::plots::{base_config, base_layout, colour, plotly_text, Figure};

/// Text broken into lines of about `width` characters (so it fits on a phone), each escaped for
/// plotly's label markup and joined with `<br>`.
pub(crate) fn wrap(label: &str, width: usize) -> String {
    crate::render::figure::chart_svg::wrap_lines(label, width)
        .iter()
        .map(|l| plotly_text(l))
        .collect::<Vec<_>>()
        .join("<br>")
}

/// Characters per line of a legend entry: a phone's width.
const LEGEND_WIDTH: usize = 34;

/// Characters per line of a category label under columns.
const CATEGORY_WIDTH: usize = 16;

/// Characters per line of a category label over horizontal bars (it has the plot's width).
pub(crate) const ROW_LABEL_WIDTH: usize = 36;

/// How one row of a horizontal bar chart is laid out, in the category axis's units (a row's
/// position is its category's number): the label over the bars, from the position up, and the
/// bars under it, from the position down; the rest of the unit parts the rows.
pub(crate) struct RowLayout {
    pub label: f64,
    pub bars: f64,
}

/// What a row's label and its bars need, in pixels: the widest label's lines and a bar per
/// series.
fn row_px(chart: &Chart) -> (f64, f64) {
    let lines = chart
        .categories
        .iter()
        .map(|c| crate::render::figure::chart_svg::wrap_lines(c, ROW_LABEL_WIDTH).len())
        .max()
        .unwrap_or(1);
    (
        row_label_px(lines),
        ROW_BAR_PX * chart.series.len().max(1) as f64,
    )
}

/// The height a row needs, in pixels, with its share of the gap between rows.
pub(crate) fn row_height_px(chart: &Chart) -> f64 {
    let (label, bars) = row_px(chart);
    (label + bars) / ROW_SHARE
}

/// The share of each row its label and its bars get, by their heights in pixels.
pub(crate) fn row_layout(chart: &Chart) -> RowLayout {
    let (label, bars) = row_px(chart);
    RowLayout {
        label: ROW_SHARE * label / (label + bars),
        bars: ROW_SHARE * bars / (label + bars),
    }
}

/// What a row label of `lines` lines needs, in pixels (13 px type).
pub(crate) fn row_label_px(lines: usize) -> f64 {
    lines as f64 * 17.0 + 6.0
}

/// What each bar of a row needs, in pixels.
pub(crate) const ROW_BAR_PX: f64 = 26.0;

/// The share of a row's unit that its label and bars fill; the rest keeps rows apart.
pub(crate) const ROW_SHARE: f64 = 0.84;

/// The least height the drawn plot needs, in pixels: a row per category of horizontal bars
/// (its label over its bars, as [`row_layout`] shares it out) and the value
/// axis and legend; other kinds fit any picture's box.
pub(crate) fn min_plot_height(chart: &Chart) -> u32 {
    if chart.kind != ChartKind::Hbar {
        return 240;
    }
    let row = row_height_px(chart);
    let legend = if chart.series.len() > 1 {
        24.0 * chart.series.len() as f64
    } else {
        0.0
    };
    (row * chart.categories.len() as f64 + 90.0 + legend).ceil() as u32
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
pub(crate) fn plot(chart: &Chart, lang: &str) -> Figure {
    let locale = Locale::for_lang(lang);
    let mut traces: Vec<Box<dyn plotly::Trace>> = Vec::new();
    let horizontal = chart.kind == ChartKind::Hbar;
    let labels: Vec<String> = chart
        .categories
        .iter()
        .map(|c| {
            wrap(
                c,
                if horizontal {
                    ROW_LABEL_WIDTH
                } else {
                    CATEGORY_WIDTH
                },
            )
        })
        .collect();
    let rows = row_layout(chart);
    let slot = rows.bars / chart.series.len().max(1) as f64;
    let unit = &chart.unit;
    for (i, s) in chart.series.iter().enumerate() {
        let hover: Vec<String> = (0..s.values.len())
            .map(|v| {
                let remark = s.remark(v);
                format!(
                    "<b>{}</b><br>{}<br>{}{}",
                    wrap(&chart.categories[v], 32),
                    wrap(&s.name, 32),
                    plotly_text(&with_unit(&s.label(v, &locale), unit, &locale)),
                    if remark.is_empty() {
                        String::new()
                    } else {
                        format!("<br><i>{}</i>", wrap(&remark, 32))
                    }
                )
            })
            .collect();
        let text: Vec<String> = (0..s.values.len())
            .map(|v| plotly_text(&s.label(v, &locale)))
            .collect();
        let colour = colour(i);
        let derived_any = s.derived.iter().any(|&d| d);
        match chart.kind {
            ChartKind::Slope | ChartKind::Line => {
                let trace = Scatter::new(labels.clone(), s.values.clone())
                    .name(wrap(&s.name, LEGEND_WIDTH))
                    .clip_on_axis(false)
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
                // Beyond the bar's end (the value axis keeps room for it there, and the page's
                // script widens it where a phone needs more); never shrunk, never turned.
                let mut trace = Bar::new(x, y)
                    .orientation(orientation)
                    .name(wrap(&s.name, LEGEND_WIDTH))
                    .text_array(text)
                    .text_position(plotly::common::TextPosition::Outside)
                    .constrain_text(ConstrainText::None)
                    .text_angle(0.0)
                    .hover_text_array(hover)
                    .hover_template("%{hovertext}<extra></extra>")
                    .marker(marker)
                    .clip_on_axis(false);
                if horizontal {
                    // Each series' bar in its place under the row's label, the first on top.
                    trace = trace
                        .width(slot * 0.88)
                        .offset(-(i as f64 + 1.0) * slot + slot * 0.06);
                }
                traces.push(trace);
            }
        }
    }
    let many_series = chart.series.len() > 1;
    let height = min_plot_height(chart) as usize;
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
        .separate_thousands(true)
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
        // Plotly lists horizontal categories bottom to top: give them in reverse to read
        // downwards. Each row's label is written over its bars, across the plot's width (a
        // label column beside the bars would leave them no room on a phone).
        let n = labels.len();
        let order: Vec<String> = labels.iter().rev().cloned().collect();
        let row_labels: Vec<Annotation> = labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                Annotation::new()
                    .name("category")
                    .text(l)
                    .x_ref("paper")
                    .x(0.0)
                    .x_anchor(Anchor::Left)
                    .y_ref("y")
                    .y((n - 1 - i) as f64)
                    .y_anchor(Anchor::Bottom)
                    .y_shift(1.0)
                    .align(HAlign::Left)
                    .show_arrow(false)
            })
            .collect();
        layout = layout
            .margin(
                plotly::layout::Margin::new()
                    .left(12)
                    .right(16)
                    .top(24)
                    .bottom(48)
                    .auto_expand(true),
            )
            .annotations(row_labels)
            .x_axis(value_axis)
            .y_axis(
                category_axis
                    .category_order(CategoryOrder::Array)
                    .category_array(order)
                    .show_tick_labels(false)
                    .range(plotly::layout::AxisRange::new(
                        -rows.bars - 0.1,
                        n as f64 - 1.0 + rows.label + 0.1,
                    )),
            );
    } else {
        // Half a category's room on either side, as bars have it: the first and last labels
        // (and points) stay clear of the value axis and the edge.
        let n = labels.len() as f64;
        layout = layout
            .x_axis(category_axis.range(plotly::layout::AxisRange::new(-0.5, n - 0.5)))
            .y_axis(value_axis);
    }
    // A chart has nothing to zoom or pan: no toolbar.
    let mut figure = Figure::new(
        layout,
        base_config().display_mode_bar(DisplayModeBar::False),
    );
    for t in traces {
        figure.add_trace(t);
    }
    figure
}
