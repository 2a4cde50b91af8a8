//! A static SVG picture of a chart: for course pages that strip scripts and iframes, for pages
//! read without JavaScript, for printing, and for the gallery. Drawn here, so no browser or
//! export tool is needed at build time.

use crate::charts::{format_number, Chart, ChartKind};
use crate::html::escape;
use crate::plots::colour;

const WIDTH: f64 = 800.0;
const FONT: &str = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif";

/// Words of `label` in lines of at most about `width` characters.
pub fn wrap_lines(label: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in label.split_whitespace() {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

fn text(x: f64, y: f64, anchor: &str, size: u32, weight: u32, fill: &str, body: &str) -> String {
    format!(
        "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\" font-size=\"{size}\" font-weight=\"{weight}\" fill=\"{fill}\">{}</text>",
        escape(body)
    )
}

fn multiline(x: f64, y: f64, anchor: &str, lines: &[String], size: u32) -> String {
    let mut s = format!("<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"{anchor}\" font-size=\"{size}\" fill=\"#333\">");
    for (i, l) in lines.iter().enumerate() {
        let dy = if i == 0 { 0.0 } else { f64::from(size) * 1.2 };
        s.push_str(&format!(
            "<tspan x=\"{x:.1}\" dy=\"{dy:.1}\">{}</tspan>",
            escape(l)
        ));
    }
    s.push_str("</text>");
    s
}

/// A "nice" upper bound for the value axis and its tick step.
fn nice_scale(max: f64) -> (f64, f64) {
    if max <= 0.0 {
        return (1.0, 0.25);
    }
    let raw = max / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    ((max / step).ceil() * step, step)
}

/// The SVG of a chart, with its title, unit, legend and source line.
/// The picture's vertical layout: top of the plot area, its height, and the whole height.
fn frame(chart: &Chart) -> (f64, f64, f64) {
    let n = chart.categories.len().max(1);
    let series = chart.series.len().max(1);
    let top = 78.0 + if series > 1 { 28.0 } else { 0.0 };
    if chart.kind == ChartKind::Hbar {
        let h = (n * series) as f64 * 34.0 + n as f64 * 22.0;
        (top, h, top + h + 78.0)
    } else {
        (top, 300.0, top + 300.0 + 110.0)
    }
}

/// The picture's height at its width of 800, for `<img height>` (no layout shift).
pub fn chart_svg_height(chart: &Chart) -> u32 {
    frame(chart).2.round() as u32
}

/// Height of [`timeline_svg`]: the interactive overview's height, so swapping one for the other
/// does not move the page; lanes grow taller if there are many themes.
pub fn timeline_svg_height(lanes: usize) -> u32 {
    (64 + 64 * lanes as u32).max(crate::render::timeline_page::OVERVIEW_HEIGHT as u32)
}

pub fn chart_svg(chart: &Chart, source_line: &str) -> String {
    let horizontal = chart.kind == ChartKind::Hbar;
    let line_kind = chart.kind.draws_lines();
    let n = chart.categories.len().max(1);
    let series = chart.series.len().max(1);
    let legend_h = if series > 1 { 28.0 } else { 0.0 };
    let (top, plot_h, height) = frame(chart);
    let left = if horizontal { 250.0 } else { 64.0 };
    let right = WIDTH - if line_kind { 150.0 } else { 40.0 };
    let plot_w = right - left;
    let (max, step) = nice_scale(chart.max_value() * if line_kind { 1.1 } else { 1.0 });
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height:.0}\" width=\"{WIDTH}\" height=\"{height:.0}\" font-family=\"{FONT}\" role=\"img\" aria-labelledby=\"t d\">\n<title id=\"t\">{}</title>\n<desc id=\"d\">{}</desc>\n<defs><pattern id=\"derived\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#ffffff\"/><rect width=\"4\" height=\"8\" fill=\"#888888\"/></pattern></defs>\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n",
        escape(&chart.title),
        escape(&chart.caption)
    );
    svg.push_str(&text(24.0, 36.0, "start", 22, 700, "#111", &chart.title));
    svg.push('\n');
    svg.push_str(&text(24.0, 62.0, "start", 15, 400, "#444", &chart.unit));
    svg.push('\n');
    if series > 1 {
        let mut x = 24.0;
        for (i, s) in chart.series.iter().enumerate() {
            svg.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"14\" height=\"14\" fill=\"{}\"/>",
                top - legend_h - 2.0,
                colour(i)
            ));
            svg.push_str(&text(
                x + 20.0,
                top - legend_h + 10.0,
                "start",
                14,
                400,
                "#222",
                &s.name,
            ));
            x += 40.0 + s.name.chars().count() as f64 * 7.4;
        }
        svg.push('\n');
    }
    // Value gridlines.
    let mut v = 0.0;
    while v <= max + 1e-9 {
        if horizontal {
            let x = left + plot_w * v / max;
            svg.push_str(&format!("<line x1=\"{x:.1}\" y1=\"{top:.1}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#dddddd\"/>", top + plot_h));
            svg.push_str(&text(
                x,
                top + plot_h + 20.0,
                "middle",
                13,
                400,
                "#555",
                &format_number(v),
            ));
        } else {
            let y = top + plot_h - plot_h * v / max;
            svg.push_str(&format!("<line x1=\"{left:.1}\" y1=\"{y:.1}\" x2=\"{right:.1}\" y2=\"{y:.1}\" stroke=\"#dddddd\"/>"));
            svg.push_str(&text(
                left - 8.0,
                y + 4.0,
                "end",
                13,
                400,
                "#555",
                &format_number(v),
            ));
        }
        v += step;
    }
    svg.push('\n');
    let slot = if horizontal {
        plot_h / n as f64
    } else {
        plot_w / n as f64
    };
    for (ci, category) in chart.categories.iter().enumerate() {
        if horizontal {
            let y = top + slot * ci as f64 + slot / 2.0;
            let lines = wrap_lines(category, 30);
            let y0 = y - (lines.len() as f64 - 1.0) * 8.0 + 4.0;
            svg.push_str(&multiline(left - 10.0, y0, "end", &lines, 13));
        } else {
            let x = left + slot * ci as f64 + slot / 2.0;
            svg.push_str(&multiline(
                x,
                top + plot_h + 22.0,
                "middle",
                &wrap_lines(category, if n > 3 { 14 } else { 24 }),
                13,
            ));
        }
        svg.push('\n');
    }
    let mut any_derived = false;
    if line_kind {
        for (si, s) in chart.series.iter().enumerate() {
            let c = colour(si);
            let points: Vec<(f64, f64)> = s
                .values
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    (
                        left + slot * i as f64 + slot / 2.0,
                        top + plot_h - plot_h * v / max,
                    )
                })
                .collect();
            let path: Vec<String> = points
                .iter()
                .map(|(x, y)| format!("{x:.1},{y:.1}"))
                .collect();
            svg.push_str(&format!(
                "<polyline points=\"{}\" fill=\"none\" stroke=\"{c}\" stroke-width=\"3\"/>",
                path.join(" ")
            ));
            for ((x, y), (v, d)) in points.iter().zip(s.values.iter().zip(&s.derived)) {
                any_derived |= *d;
                svg.push_str(&format!(
                    "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\" fill=\"{c}\"/>"
                ));
                svg.push_str(&text(
                    *x,
                    y - 12.0,
                    "middle",
                    14,
                    700,
                    "#111",
                    &format!("{}{}", format_number(*v), if *d { "*" } else { "" }),
                ));
            }
            if let Some((x, y)) = points.last() {
                let lines = wrap_lines(&s.name, 20);
                svg.push_str(&multiline(x + 14.0, y + 4.0, "start", &lines, 12));
            }
            svg.push('\n');
        }
    } else {
        let band = slot * 0.7;
        let bar = band / series as f64;
        for (si, s) in chart.series.iter().enumerate() {
            let c = colour(si);
            for (ci, (v, d)) in s.values.iter().zip(&s.derived).enumerate() {
                any_derived |= *d;
                let fill = if *d { "url(#derived)" } else { c };
                let label = format!("{}{}", format_number(*v), if *d { "*" } else { "" });
                let len = (if horizontal { plot_w } else { plot_h }) * v / max;
                let offset = slot * ci as f64 + (slot - band) / 2.0 + bar * si as f64;
                if horizontal {
                    let y = top + offset;
                    svg.push_str(&format!("<rect x=\"{left:.1}\" y=\"{y:.1}\" width=\"{len:.1}\" height=\"{:.1}\" fill=\"{fill}\" stroke=\"{c}\" stroke-width=\"2\"/>", bar - 2.0));
                    svg.push_str(&text(
                        left + len + 6.0,
                        y + bar / 2.0 + 4.0,
                        "start",
                        14,
                        700,
                        "#111",
                        &label,
                    ));
                } else {
                    let x = left + offset;
                    let y = top + plot_h - len;
                    svg.push_str(&format!("<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{len:.1}\" fill=\"{fill}\" stroke=\"{c}\" stroke-width=\"2\"/>", bar - 2.0));
                    svg.push_str(&text(
                        x + bar / 2.0 - 1.0,
                        y - 8.0,
                        "middle",
                        14,
                        700,
                        "#111",
                        &label,
                    ));
                }
            }
            svg.push('\n');
        }
    }
    let mut foot = source_line.to_string();
    if any_derived {
        foot = format!("* derived value (see the chart's page). {foot}");
    }
    let lines = wrap_lines(&foot, 110);
    svg.push_str(&multiline(
        24.0,
        height - 14.0 - (lines.len() as f64 - 1.0) * 14.0,
        "start",
        &lines,
        12,
    ));
    svg.push_str("\n</svg>\n");
    svg
}

/// One lane of the timeline picture: a theme and the dates (year, month, day) of its events.
pub struct Lane {
    pub label: String,
    pub colour: &'static str,
    pub dates: Vec<(i32, u8, u8)>,
    /// Vertical offset of each event, in lanes, so events on nearly the same day stay apart.
    pub offsets: Vec<f64>,
}

/// A static picture of a timeline's overview: one lane per theme, a dot per event.
pub fn timeline_svg(title: &str, lanes: &[Lane], from: (i32, u8), to: (i32, u8)) -> String {
    let lane_h = (f64::from(timeline_svg_height(lanes.len())) - 64.0) / lanes.len().max(1) as f64;
    let top = 20.0;
    let left = 190.0;
    let right = WIDTH - 24.0;
    let height = f64::from(timeline_svg_height(lanes.len()));
    let months = |y: i32, m: u8| f64::from(y * 12 + i32::from(m) - 1);
    let (start, end) = (
        months(from.0, from.1),
        months(to.0, to.1).max(months(from.0, from.1) + 1.0),
    );
    let x = |y: i32, m: u8, d: u8| {
        left + (right - left) * ((months(y, m) + f64::from(d - 1) / 31.0) - start) / (end - start)
    };
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height:.0}\" width=\"{WIDTH}\" height=\"{height:.0}\" font-family=\"{FONT}\" role=\"img\" aria-label=\"{}\">\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n",
        escape(title)
    );
    let bottom = top + lane_h * lanes.len() as f64;
    for year in from.0..=to.0 {
        for (m, label) in [(1u8, year.to_string()), (7u8, String::new())] {
            let xm = x(year, m, 1);
            if xm < left - 0.5 || xm > right + 0.5 {
                continue;
            }
            let stroke = if label.is_empty() {
                "#eeeeee"
            } else {
                "#cccccc"
            };
            svg.push_str(&format!("<line x1=\"{xm:.1}\" y1=\"{top:.1}\" x2=\"{xm:.1}\" y2=\"{bottom:.1}\" stroke=\"{stroke}\"/>"));
            if !label.is_empty() {
                svg.push_str(&text(xm, bottom + 20.0, "middle", 13, 400, "#444", &label));
            }
        }
    }
    svg.push('\n');
    for (
        i,
        Lane {
            label,
            colour,
            dates,
            offsets,
        },
    ) in lanes.iter().enumerate()
    {
        let y = top + lane_h * i as f64 + lane_h / 2.0;
        svg.push_str(&format!("<line x1=\"{left:.1}\" y1=\"{y:.1}\" x2=\"{right:.1}\" y2=\"{y:.1}\" stroke=\"#e4e4e4\"/>"));
        svg.push_str(&text(left - 12.0, y + 5.0, "end", 14, 400, "#222", label));
        for (&(yy, m, d), off) in dates
            .iter()
            .zip(offsets.iter().chain(std::iter::repeat(&0.0)))
        {
            let cx = x(yy, m, d);
            let cy = y - off * lane_h;
            if cx >= left - 1.0 && cx <= right + 1.0 {
                svg.push_str(&format!("<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"7\" fill=\"{colour}\" stroke=\"#ffffff\" stroke-width=\"1.5\"/>"));
            }
        }
        svg.push('\n');
    }
    svg.push_str("</svg>\n");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_are_round() {
        assert_eq!(nice_scale(62.263), (80.0, 20.0));
        assert_eq!(nice_scale(43.25), (60.0, 20.0));
    }
}
