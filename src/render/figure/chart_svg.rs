//! Static SVG pictures of a chart and of the timeline overview: for course pages that strip
//! scripts and iframes, for pages read without JavaScript, for printing, and for the gallery.
//! Drawn here, so no browser or export tool is needed at build time.
//!
//! Each comes in two widths: [`WIDE`] for screens and print, [`NARROW`] laid out for a phone
//! (every label at least 14 px, so at least 11 px on a 328 px column). The layouts wrap long
//! labels, reserve room for every value label and keep the source line below everything else, so
//! nothing is clipped or overlaps; colours follow the reader's light or dark scheme.

use crate::model::charts::{Chart, ChartKind, Series};
use crate::model::numbers::{self, Locale, ValueAxis};
use crate::render::figure::picture::{text_width, wrap_px, Canvas, Ink, LINE};
use crate::render::figure::plots::colour;

pub use crate::render::figure::timeline_svg::{timeline_pictures, Lane};

/// Width of the picture for screens wider than a phone, and for print.
pub const WIDE: f64 = 800.0;
/// Width of the phone picture.
pub const NARROW: f64 = 400.0;
/// Where a page shows the narrow picture instead of the wide one (`<source media>`).
pub const NARROW_MEDIA: &str = "(max-width: 600px)";

/// One SVG picture and its size in pixels (for `<img width height>`, so nothing shifts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub svg: String,
    pub width: u32,
    pub height: u32,
}

/// The wide and the narrow picture of the same thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pictures {
    pub wide: Picture,
    pub narrow: Picture,
}

/// Type sizes and margins of one width.
pub(crate) struct Sizes {
    pub width: f64,
    pub pad: f64,
    pub title: f64,
    pub text: f64,
    pub value: f64,
    pub small: f64,
    pub narrow: bool,
}

impl Sizes {
    pub(crate) fn for_width(width: f64) -> Sizes {
        if width < WIDE {
            Sizes {
                width,
                pad: 14.0,
                title: 19.0,
                text: 14.0,
                value: 14.0,
                small: 14.0,
                narrow: true,
            }
        } else {
            Sizes {
                width,
                pad: 24.0,
                title: 22.0,
                text: 13.0,
                value: 14.0,
                small: 12.0,
                narrow: false,
            }
        }
    }

    /// Height of `lines` lines of text at `size`.
    pub(crate) fn block(lines: usize, size: f64) -> f64 {
        lines as f64 * size * LINE
    }
}

/// Words of `label` in lines of at most `width` characters; a longer word is cut.
pub fn wrap_lines(label: &str, width: usize) -> Vec<String> {
    crate::render::figure::picture::wrap_by(label, width.max(1) as f64, |s| {
        s.chars().count() as f64
    })
    .into_iter()
    .filter(|l| !l.is_empty())
    .collect()
}

/// Both pictures of a chart.
pub fn chart_pictures(chart: &Chart, source_line: &str, lang: &str) -> Pictures {
    let locale = Locale::for_lang(lang);
    Pictures {
        wide: chart_picture(chart, source_line, &locale, WIDE),
        narrow: chart_picture(chart, source_line, &locale, NARROW),
    }
}

/// How the values are drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Plan {
    /// Columns up from (or down from) zero, with or without value labels.
    Columns { values: bool },
    /// Bars across, one row per category.
    Rows,
    /// Points joined by lines.
    Lines { values: bool },
}

/// Value `i` of a series as its label: qualifier and derived marks included ("≈16", "71.6*").
fn value_label(series: &Series, i: usize, locale: &Locale) -> String {
    series.label(i, locale)
}

/// The picture of a chart at `width`.
pub fn chart_picture(chart: &Chart, source_line: &str, locale: &Locale, width: f64) -> Picture {
    let (canvas, height) = draw_chart(chart, source_line, locale, width);
    Picture {
        svg: canvas.render(height, &chart.title, &chart.caption),
        width: width as u32,
        height: height.ceil() as u32,
    }
}

/// Heights of the wide and the narrow picture, without writing them.
pub fn chart_picture_heights(chart: &Chart, source_line: &str, lang: &str) -> (u32, u32) {
    let locale = Locale::for_lang(lang);
    let height = |width| draw_chart(chart, source_line, &locale, width).1.ceil() as u32;
    (height(WIDE), height(NARROW))
}

/// The shapes of a chart's picture, and its height.
fn draw_chart(chart: &Chart, source_line: &str, locale: &Locale, width: f64) -> (Canvas, f64) {
    let s = Sizes::for_width(width);
    let mut c = Canvas::new(&format!("chart-{}", chart.id), width);
    let mut y = header(&mut c, &s, &chart.title, &chart.unit);
    let lines = chart.kind.draws_lines();
    // Lines are named at their ends where there is room; a single series is named by the title.
    let end_names = lines && !s.narrow;
    let legend = chart.series.len() > 1 && !end_names;
    if legend {
        y = draw_legend(&mut c, &s, chart, y, !lines);
    }
    // Room for the top tick's label.
    y += 8.0 + s.text * 0.5;
    y = match plan(chart, &s, locale) {
        Plan::Rows => rows(&mut c, &s, chart, locale, y),
        Plan::Columns { values } => columns(&mut c, &s, chart, locale, y, values),
        Plan::Lines { values } => line_plot(&mut c, &s, chart, locale, y, values, end_names),
    };
    let mut foot = source_line.to_string();
    let key = chart.marks_key();
    if !key.is_empty() {
        let hatched = if chart.has_derived() && !lines {
            " (hatched)"
        } else {
            ""
        };
        foot = format!("{}{hatched}. {foot}", key.join("; "));
    }
    let height = footer(&mut c, &s, &foot, y + 16.0);
    (c, height)
}

/// Title and unit; returns the y below them.
pub(crate) fn header(c: &mut Canvas, s: &Sizes, title: &str, unit: &str) -> f64 {
    let room = s.width - 2.0 * s.pad;
    let title_lines = wrap_px(title, room, s.title, true);
    let mut y = 14.0;
    c.text(
        s.pad,
        y + s.title,
        "start",
        s.title,
        true,
        Ink::Text,
        title_lines.clone(),
    );
    y += Sizes::block(title_lines.len(), s.title) + 4.0;
    if !unit.trim().is_empty() {
        let unit_lines = wrap_px(unit, room, s.text + 1.0, false);
        c.text(
            s.pad,
            y + s.text + 1.0,
            "start",
            s.text + 1.0,
            false,
            Ink::Muted,
            unit_lines.clone(),
        );
        y += Sizes::block(unit_lines.len(), s.text + 1.0) + 4.0;
    }
    y
}

/// The source line (wrapped) at `y`; returns the picture's height.
pub(crate) fn footer(c: &mut Canvas, s: &Sizes, text: &str, y: f64) -> f64 {
    if text.trim().is_empty() {
        return y;
    }
    let lines = wrap_px(text, s.width - 2.0 * s.pad, s.small, false);
    c.text(
        s.pad,
        y + s.small,
        "start",
        s.small,
        false,
        Ink::Muted,
        lines.clone(),
    );
    y + Sizes::block(lines.len(), s.small) + 12.0
}

/// A swatch and name per series, flowing into rows; a series whose values are all derived has a
/// hatched swatch, like its bars.
fn draw_legend(c: &mut Canvas, s: &Sizes, chart: &Chart, top: f64, hatched: bool) -> f64 {
    let (left, right) = (s.pad, s.width - s.pad);
    let size = s.text;
    let (mut x, mut y, mut row_h) = (left, top + 4.0, 0.0f64);
    for (i, series) in chart.series.iter().enumerate() {
        let lines = wrap_px(&series.name, right - left - 22.0, size, false);
        let w = 22.0
            + lines
                .iter()
                .map(|l| text_width(l, size, false))
                .fold(0.0, f64::max);
        if x > left && x + w > right {
            x = left;
            y += row_h + 6.0;
            row_h = 0.0;
        }
        let all_derived = !series.derived.is_empty() && series.derived.iter().all(|&d| d);
        let fill = c.bar_fill(colour(i), hatched && all_derived);
        c.rect(x, y + 1.0, 14.0, 14.0, fill, Some(colour(i)));
        c.text(
            x + 20.0,
            y + size,
            "start",
            size,
            false,
            Ink::Text,
            lines.clone(),
        );
        row_h = row_h.max(Sizes::block(lines.len(), size));
        x += w + 18.0;
    }
    y + row_h + 4.0
}

/// Columns or rows, lines with or without value labels: whatever shows every value unclipped.
fn plan(chart: &Chart, s: &Sizes, locale: &Locale) -> Plan {
    let n = chart.categories.len().max(1);
    let k = chart.series.len().max(1);
    let widest_value = widest_value(chart, s, locale);
    let (lo, hi) = extent(chart);
    let left = scale_left(s, &numbers::value_axis(lo, hi, 6), locale);
    let slot = (s.width - s.pad - left) / n as f64;
    let thin = thinning(&chart.categories, slot, s.text);
    match chart.kind {
        ChartKind::Hbar => Plan::Rows,
        ChartKind::Slope | ChartKind::Line => Plan::Lines {
            values: widest_value <= slot - 8.0,
        },
        _ if widest_value <= column_label_room(slot, k) && thin == 1 => {
            Plan::Columns { values: true }
        }
        _ if n * k <= 24 => Plan::Rows,
        _ => Plan::Columns { values: false },
    }
}

/// How wide a value label over a column may be, in a category's `slot` of `k` columns: the gap
/// between categories lets a single column's label overhang it; side by side, a label must fit
/// over its own column (it would run under its taller neighbour).
fn column_label_room(slot: f64, k: usize) -> f64 {
    if k > 1 {
        slot * COLUMN_BAND / k as f64 - 2.0
    } else {
        slot - 4.0
    }
}

/// The share of a category's slot its columns take.
const COLUMN_BAND: f64 = 0.72;

/// Width of the widest value label.
fn widest_value(chart: &Chart, s: &Sizes, locale: &Locale) -> f64 {
    chart
        .series
        .iter()
        .flat_map(|se| (0..se.values.len()).map(move |i| (se, i)))
        .map(|(se, i)| text_width(&value_label(se, i, locale), s.value, true))
        .fold(0.0, f64::max)
}

/// Label every `thin`-th category so each label fits its room in at most three lines, with no
/// word broken.
fn thinning(categories: &[String], slot: f64, size: f64) -> usize {
    let n = categories.len().max(1);
    let fits = |label: &str, room: f64| {
        label
            .split_whitespace()
            .all(|w| text_width(w, size, false) <= room)
            && wrap_px(label, room, size, false).len() <= 3
    };
    (1..=n)
        .find(|&m| {
            categories
                .iter()
                .step_by(m)
                .all(|l| fits(l, slot * m as f64 - 8.0))
        })
        .unwrap_or(n)
}

/// The smallest and largest value of a chart (0 when it has none).
fn extent(chart: &Chart) -> (f64, f64) {
    chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .filter(|v| v.is_finite())
        .fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)))
}

/// Maps values onto pixels between `p0` (the axis minimum) and `p1` (its maximum).
struct Scale {
    axis: ValueAxis,
    p0: f64,
    p1: f64,
}

impl Scale {
    fn at(&self, v: f64) -> f64 {
        let span = self.axis.max - self.axis.min;
        let t = if span > 0.0 {
            (v - self.axis.min) / span
        } else {
            0.0
        };
        self.p0 + (self.p1 - self.p0) * t.clamp(0.0, 1.0)
    }
}

fn tick_labels(axis: &ValueAxis, locale: &Locale) -> Vec<(f64, String)> {
    axis.ticks
        .iter()
        .map(|&t| (t, numbers::format_tick(t, axis.step, locale)))
        .collect()
}

/// Category labels under the plot, centred on their slots (every few, where they do not all
/// fit); returns the y below them.
fn category_labels(
    c: &mut Canvas,
    s: &Sizes,
    categories: &[String],
    (left, slot): (f64, f64),
    y: f64,
) -> f64 {
    let thin = thinning(categories, slot, s.text);
    let mut bottom = y;
    let mut right = f64::MIN;
    for (i, label) in categories.iter().enumerate().step_by(thin) {
        let room = slot * thin as f64 - 8.0;
        let lines = wrap_px(label, room, s.text, false);
        let half = lines
            .iter()
            .map(|l| text_width(l, s.text, false))
            .fold(0.0, f64::max)
            / 2.0;
        // Centred on its slot, but never past the picture's edge.
        let x = (left + slot * i as f64 + slot / 2.0)
            .min(s.width - s.pad - half)
            .max(s.pad + half);
        // A label pushed in from the edge must not run into its neighbour: leave it out.
        if x - half < right + 6.0 {
            continue;
        }
        right = x + half;
        bottom = bottom.max(y + Sizes::block(lines.len(), s.text));
        c.text(x, y + s.text, "middle", s.text, false, Ink::Text, lines);
    }
    bottom
}

/// Horizontal gridlines and their labels for a vertical value axis; returns the plot's left edge.
fn value_grid_left(c: &mut Canvas, s: &Sizes, scale: &Scale, locale: &Locale, right: f64) {
    let left = scale_left(s, &scale.axis, locale);
    for (t, label) in tick_labels(&scale.axis, locale) {
        let y = scale.at(t);
        let ink = if t == 0.0 { Ink::Axis } else { Ink::Grid };
        c.line((left, y), (right, y), ink, if t == 0.0 { 1.5 } else { 1.0 });
        c.text(
            left - 8.0,
            y + s.text * 0.35,
            "end",
            s.text,
            false,
            Ink::Muted,
            vec![label],
        );
    }
}

fn scale_left(s: &Sizes, axis: &ValueAxis, locale: &Locale) -> f64 {
    let widest = tick_labels(axis, locale)
        .iter()
        .map(|(_, l)| text_width(l, s.text, false))
        .fold(0.0, f64::max);
    s.pad + widest + 10.0
}

/// Columns from zero, grouped by category; returns the y below the category labels.
fn columns(
    c: &mut Canvas,
    s: &Sizes,
    chart: &Chart,
    locale: &Locale,
    top: f64,
    values: bool,
) -> f64 {
    let (lo, hi) = extent(chart);
    let plot_h = if s.narrow { 240.0 } else { 280.0 };
    let label_room = if values { s.value * 1.5 } else { 0.0 };
    let axis = numbers::value_axis(lo, hi, (plot_h / 45.0) as usize);
    let top = top + if hi > 0.0 { label_room } else { 0.0 };
    let bottom = top + plot_h;
    let scale = Scale {
        p0: bottom,
        p1: top,
        axis,
    };
    let left = scale_left(s, &scale.axis, locale);
    let right = s.width - s.pad;
    value_grid_left(c, s, &scale, locale, right);
    let n = chart.categories.len().max(1);
    let k = chart.series.len().max(1);
    let slot = (right - left) / n as f64;
    let band = slot * COLUMN_BAND;
    let bar = band / k as f64;
    let zero = scale.at(0.0);
    // Value labels only where each fits over its own bar.
    let values = values && widest_value(chart, s, locale) <= column_label_room(slot, k);
    for (si, series) in chart.series.iter().enumerate() {
        for (ci, (&v, &d)) in series.values.iter().zip(&series.derived).enumerate() {
            let x = left + slot * ci as f64 + (slot - band) / 2.0 + bar * si as f64;
            let end = scale.at(v);
            let fill = c.bar_fill(colour(si), d);
            c.rect(
                x + 1.0,
                end.min(zero),
                bar - 2.0,
                (end - zero).abs(),
                fill,
                Some(colour(si)),
            );
            if values {
                let y = if v < 0.0 {
                    end + s.value * 1.1
                } else {
                    end - 6.0
                };
                c.text(
                    x + bar / 2.0,
                    y,
                    "middle",
                    s.value,
                    true,
                    Ink::Text,
                    vec![value_label(series, ci, locale)],
                );
            }
        }
    }
    let below = bottom + if lo < 0.0 { label_room } else { 0.0 } + 8.0;
    category_labels(c, s, &chart.categories, (left, slot), below)
}

/// One row per category, bars across from zero; on a phone the category's label sits above its
/// bars, otherwise in a column on the left. Returns the y below the value axis labels.
fn rows(c: &mut Canvas, s: &Sizes, chart: &Chart, locale: &Locale, top: f64) -> f64 {
    let (lo, hi) = extent(chart);
    let k = chart.series.len().max(1);
    let bar_h = if s.narrow { 22.0 } else { 24.0 };
    let label_col = if s.narrow {
        0.0
    } else {
        let widest = chart
            .categories
            .iter()
            .map(|l| text_width(l, s.text, false))
            .fold(0.0, f64::max);
        (widest + 12.0).min(s.width * 0.36)
    };
    let widest_of = |positive: bool| {
        chart
            .series
            .iter()
            .flat_map(|se| (0..se.values.len()).map(move |i| (se, i)))
            .filter(|(se, i)| (se.values[*i] >= 0.0) == positive)
            .map(|(se, i)| text_width(&value_label(se, i, locale), s.value, true) + 8.0)
            .fold(0.0, f64::max)
    };
    let (x0, x1) = (s.pad + label_col, s.width - s.pad);
    let provisional = numbers::value_axis(lo, hi, 6);
    let tick_w = tick_labels(&provisional, locale)
        .iter()
        .map(|(_, l)| text_width(l, s.text, false))
        .fold(0.0, f64::max);
    // Value labels beside the bar ends have their room kept free of the plot, where that leaves
    // the bars most of the width; otherwise the labels are left out (the table has them).
    let values = widest_of(false) + widest_of(true) <= (x1 - x0) * 0.6;
    let (room_lo, room_hi) = if values {
        (widest_of(false), widest_of(true))
    } else {
        (0.0, 0.0)
    };
    let p0 = x0 + room_lo.max(tick_w / 2.0);
    let p1 = x1 - room_hi.max(tick_w / 2.0);
    let ticks = ((p1 - p0) / (tick_w + 28.0)).floor().max(2.0) as usize;
    let scale = Scale {
        axis: numbers::value_axis(lo, hi, ticks),
        p0,
        p1,
    };
    let zero = scale.at(0.0);
    let first_shape = c.shapes.len();
    let mut y = top;
    for (ci, category) in chart.categories.iter().enumerate() {
        let lines = wrap_px(
            category,
            if s.narrow { x1 - x0 } else { label_col - 12.0 },
            s.text,
            false,
        );
        let text_h = Sizes::block(lines.len(), s.text);
        let bars_h = k as f64 * bar_h;
        let (bars_top, group_h) = if s.narrow {
            c.text(x0, y + s.text, "start", s.text, false, Ink::Text, lines);
            (y + text_h + 4.0, text_h + 4.0 + bars_h)
        } else {
            let h = bars_h.max(text_h);
            let ty = y + (h - text_h) / 2.0 + s.text;
            c.text(x0 - 12.0, ty, "end", s.text, false, Ink::Text, lines);
            (y + (h - bars_h) / 2.0, h)
        };
        for (si, series) in chart.series.iter().enumerate() {
            let (v, d) = (
                series.values[ci],
                series.derived.get(ci).copied().unwrap_or(false),
            );
            let by = bars_top + bar_h * si as f64;
            let end = scale.at(v);
            let fill = c.bar_fill(colour(si), d);
            c.rect(
                end.min(zero),
                by + 1.0,
                (end - zero).abs(),
                bar_h - 2.0,
                fill,
                Some(colour(si)),
            );
            let (x, anchor) = if v < 0.0 {
                (end - 6.0, "end")
            } else {
                (end + 6.0, "start")
            };
            if !values {
                continue;
            }
            c.text(
                x,
                by + bar_h / 2.0 + s.value * 0.35,
                anchor,
                s.value,
                true,
                Ink::Text,
                vec![value_label(series, ci, locale)],
            );
        }
        y += group_h + if s.narrow { 14.0 } else { 10.0 };
    }
    let bottom = y - 4.0;
    let grid_start = c.shapes.len();
    let mut right = f64::MIN;
    for (t, label) in tick_labels(&scale.axis, locale) {
        let x = scale.at(t);
        let ink = if t == 0.0 { Ink::Axis } else { Ink::Grid };
        c.line(
            (x, top - 4.0),
            (x, bottom),
            ink,
            if t == 0.0 { 1.5 } else { 1.0 },
        );
        // A label that would touch the one before it is left out (its gridline stays).
        let half = text_width(&label, s.text, false) / 2.0;
        let x = x.clamp(s.pad + half, s.width - s.pad - half);
        if x - half >= right + 8.0 {
            right = x + half;
            c.text(
                x,
                bottom + s.text + 4.0,
                "middle",
                s.text,
                false,
                Ink::Muted,
                vec![label],
            );
        }
    }
    // Gridlines go under the bars: move them before the rows in the drawing order.
    let grid = c.shapes.split_off(grid_start);
    c.shapes.splice(first_shape..first_shape, grid);
    bottom + Sizes::block(1, s.text) + 4.0
}

/// Points joined by lines, one line per series; names at the line ends (or in the legend).
#[allow(clippy::too_many_arguments)]
fn line_plot(
    c: &mut Canvas,
    s: &Sizes,
    chart: &Chart,
    locale: &Locale,
    top: f64,
    values: bool,
    end_names: bool,
) -> f64 {
    let (lo, hi) = extent(chart);
    let plot_h = if s.narrow { 230.0 } else { 270.0 };
    let name_w = if end_names {
        chart
            .series
            .iter()
            .map(|se| {
                wrap_px(&se.name, 150.0, s.text, false)
                    .iter()
                    .map(|l| text_width(l, s.text, false))
                    .fold(0.0, f64::max)
            })
            .fold(0.0, f64::max)
            + 16.0
    } else {
        0.0
    };
    let area_top = top;
    let top = top + if values { s.value * 1.5 } else { 0.0 };
    let bottom = top + plot_h;
    let axis = numbers::value_axis(lo, hi, (plot_h / 45.0) as usize);
    let scale = Scale {
        p0: bottom,
        p1: top,
        axis,
    };
    let left = scale_left(s, &scale.axis, locale);
    let right = s.width - s.pad - name_w;
    value_grid_left(c, s, &scale, locale, right);
    let n = chart.categories.len().max(1);
    let slot = (right - left) / n as f64;
    let x_of = |i: usize| left + slot * i as f64 + slot / 2.0;
    let values = values && widest_value(chart, s, locale) <= slot - 8.0;
    let mut ends = Vec::new();
    for (si, series) in chart.series.iter().enumerate() {
        let points: Vec<(f64, f64)> = series
            .values
            .iter()
            .enumerate()
            .map(|(i, &v)| (x_of(i), scale.at(v)))
            .collect();
        c.polyline(&points, colour(si));
        // Dots where they stay apart; a dense line is its own mark.
        let r = (slot * 0.3).min(6.0);
        if r >= 2.5 {
            for &(x, y) in &points {
                c.circle(x, y, r, colour(si));
            }
        }
        if let Some(&last) = points.last() {
            ends.push((last.1, si));
        }
    }
    if values {
        for ci in 0..n {
            // Per category: the highest point's label above it, a close point below its own.
            let mut at: Vec<(f64, String)> = chart
                .series
                .iter()
                .filter_map(|se| Some((scale.at(*se.values.get(ci)?), value_label(se, ci, locale))))
                .collect();
            at.sort_by(|a, b| a.0.total_cmp(&b.0));
            // Each label above its point, or below it if that is taken, or left out (the data
            // table has every value); never over another label.
            let mut taken: Vec<(f64, f64)> = Vec::new();
            for (y, label) in at {
                let above = (y - 10.0 - s.value, y - 8.0);
                let below = (y + 8.0, y + 10.0 + s.value);
                let free = |(a, b): (f64, f64)| taken.iter().all(|&(t, u)| b <= t || a >= u);
                let Some(spot) = [above, below].into_iter().find(|&r| free(r)) else {
                    continue;
                };
                taken.push(spot);
                c.text(
                    x_of(ci),
                    spot.1 - 2.0 - s.value * 0.2,
                    "middle",
                    s.value,
                    true,
                    Ink::Text,
                    vec![label],
                );
            }
        }
    }
    // Room for the labels put below the lowest points.
    let below = bottom + 10.0 + if values { s.value * 1.5 } else { 0.0 };
    if end_names {
        // Names beside the last points, pushed apart so they never overlap.
        ends.sort_by(|a, b| a.0.total_cmp(&b.0));
        // Below the header, and apart from each other.
        let mut next_free = area_top;
        let mut names_bottom = bottom;
        for (y, si) in ends {
            let lines = wrap_px(&chart.series[si].name, 150.0, s.text, false);
            let h = Sizes::block(lines.len(), s.text);
            let ty = (y - h / 2.0).max(next_free);
            c.text(
                right + 14.0,
                ty + s.text,
                "start",
                s.text,
                false,
                Ink::Text,
                lines,
            );
            next_free = ty + h + 4.0;
            names_bottom = names_bottom.max(ty + h);
        }
        let labels = category_labels(c, s, &chart.categories, (left, slot), below);
        return labels.max(names_bottom);
    }
    category_labels(c, s, &chart.categories, (left, slot), below)
}

#[cfg(test)]
mod tests;
