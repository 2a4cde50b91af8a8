//! The static picture of the timeline overview: one lane per theme, a dot per event, on a time
//! axis whose ticks suit the span. Events far from the rest get their own stretch of a broken
//! axis, so every event is in the picture and the rest are not squeezed into a sliver.

use crate::model::numbers::Locale;
use crate::render::figure::chart_svg::{Picture, Pictures, Sizes, LEAST_BOX, NARROW, WIDE};
use crate::render::figure::picture::{text_width, wrap_px, Canvas, Ink};
use crate::render::figure::time_axis::{date_ticks, day_number, segments, Segment};

/// One lane of the timeline picture: a theme and the dates (year, month, day) of its events.
pub struct Lane {
    pub label: String,
    pub colour: &'static str,
    pub dates: Vec<(i32, u8, u8)>,
}

/// The height the wide picture keeps at least: the interactive overview's, so swapping one for
/// the other does not move the page.
pub(crate) const MIN_WIDE_HEIGHT: f64 = crate::render::pages::timeline::OVERVIEW_HEIGHT as f64;

/// Both pictures of the overview, each tall enough in the narrowest box it is shown in
/// ([`LEAST_BOX`]) for the interactive overview (`plot_height` pixels) drawn over it.
pub fn timeline_pictures(title: &str, lanes: &[Lane], lang: &str, plot_height: u32) -> Pictures {
    let locale = Locale::for_lang(lang);
    let picture = |width: f64| {
        let least = LEAST_BOX
            .iter()
            .find(|(w, _)| *w == width)
            .map_or(width, |(_, least)| *least);
        let needed = f64::from(plot_height) * width / least;
        timeline_picture(title, lanes, &locale, width, needed)
    };
    Pictures {
        wide: picture(WIDE),
        narrow: picture(NARROW),
    }
}

/// A stretch of the axis and where it is drawn.
struct Placed {
    segment: Segment,
    x0: f64,
    x1: f64,
}

impl Placed {
    fn x(&self, day: i64) -> f64 {
        let span = (self.segment.to - self.segment.from).max(1) as f64;
        self.x0 + (self.x1 - self.x0) * (day - self.segment.from) as f64 / span
    }
}

/// Gap between two stretches of a broken axis, in pixels.
const BREAK: f64 = 28.0;

/// Lays the segments side by side between `x0` and `x1`: each gets a minimum width, the rest is
/// shared by their spans.
fn place(segments: &[Segment], x0: f64, x1: f64, min_w: f64) -> Vec<Placed> {
    let n = segments.len().max(1) as f64;
    let room = (x1 - x0 - BREAK * (n - 1.0)).max(n);
    let min_w = min_w.min(room / n);
    let spans: Vec<f64> = segments
        .iter()
        .map(|s| (s.to - s.from).max(1) as f64)
        .collect();
    let total: f64 = spans.iter().sum();
    let mut x = x0;
    segments
        .iter()
        .zip(spans)
        .map(|(&segment, span)| {
            let w = min_w + (room - min_w * n) * span / total;
            let placed = Placed {
                segment,
                x0: x,
                x1: x + w,
            };
            x += w + BREAK;
            placed
        })
        .collect()
}

/// Radius of the dot that stands for several events.
const CLUSTER_R: f64 = 11.0;

/// Dots along a lane at `xs` (radius `r`), merged where two would come closer than their size:
/// each merged run is one dot at its mean position with the number of its events, which takes
/// `count_w(n)` pixels on its right. No dot, and no count, is left touching another.
pub(crate) fn clusters(
    mut xs: Vec<f64>,
    r: f64,
    count_w: impl Fn(usize) -> f64,
) -> Vec<(f64, usize)> {
    xs.sort_by(f64::total_cmp);
    let mut runs: Vec<Vec<f64>> = Vec::new();
    for x in xs {
        match runs.last_mut() {
            Some(run) if x - run[run.len() - 1] < 2.0 * r + 2.0 => run.push(x),
            _ => runs.push(vec![x]),
        }
    }
    let mut dots: Vec<(f64, usize)> = runs
        .iter()
        .map(|run| (run.iter().sum::<f64>() / run.len() as f64, run.len()))
        .collect();
    // A cluster's larger dot may reach a neighbour: merge until every pair has room.
    loop {
        let gap = |a: &(f64, usize), b: &(f64, usize)| {
            let ra = if a.1 > 1 { CLUSTER_R + count_w(a.1) } else { r };
            let rb = if b.1 > 1 { CLUSTER_R } else { r };
            b.0 - a.0 >= ra + rb + 2.0
        };
        let Some(i) = dots.windows(2).position(|w| !gap(&w[0], &w[1])) else {
            break;
        };
        let (a, b) = (dots[i], dots[i + 1]);
        let n = a.1 + b.1;
        dots[i] = ((a.0 * a.1 as f64 + b.0 * b.1 as f64) / n as f64, n);
        dots.remove(i + 1);
    }
    dots
}

/// The overview picture at `width`, at least `least_height` tall (its lanes share the rest).
pub(crate) fn timeline_picture(
    title: &str,
    lanes: &[Lane],
    locale: &Locale,
    width: f64,
    least_height: f64,
) -> Picture {
    let s = Sizes::for_width(width);
    let mut c = Canvas::new("timeline-overview", width);
    let size = if s.narrow { s.text } else { 14.0 };
    let label_col = if s.narrow { 0.0 } else { 170.0 };
    let (x0, x1) = (s.pad + label_col, s.width - s.pad);
    let days: Vec<i64> = lanes
        .iter()
        .flat_map(|l| l.dates.iter().map(|&(y, m, d)| day_number(y, m, d)))
        .collect();
    let placed = place(&segments(&days), x0, x1, if s.narrow { 64.0 } else { 80.0 });
    // Lane heights: room for the wrapped label and the dots.
    let labels: Vec<Vec<String>> = lanes
        .iter()
        .map(|l| {
            wrap_px(
                &l.label,
                if s.narrow {
                    x1 - x0 - 18.0
                } else {
                    label_col - 14.0
                },
                size,
                false,
            )
        })
        .collect();
    let band = if s.narrow { 44.0 } else { 56.0 };
    let mut heights: Vec<f64> = labels
        .iter()
        .map(|l| {
            let text = Sizes::block(l.len(), size);
            if s.narrow {
                text + band + 6.0
            } else {
                band.max(text + 12.0)
            }
        })
        .collect();
    let top = 12.0;
    let axis_h = size * 2.2 + 12.0;
    let least_height = if s.narrow {
        least_height
    } else {
        least_height.max(MIN_WIDE_HEIGHT)
    };
    let natural: f64 = heights.iter().sum::<f64>() + top + axis_h;
    if natural < least_height && !heights.is_empty() {
        let extra = (least_height - natural) / heights.len() as f64;
        heights.iter_mut().for_each(|h| *h += extra);
    }
    let bottom = top + heights.iter().sum::<f64>();
    // Gridlines and tick labels first, under the dots.
    let mut last_right = f64::MIN;
    for p in &placed {
        let measure = |label: &str| text_width(label, size, false);
        let ticks = date_ticks(
            p.segment.from,
            p.segment.to,
            p.x1 - p.x0,
            size,
            &measure,
            locale,
        );
        let mut labelled = false;
        for t in &ticks {
            let x = p.x(t.day);
            c.line((x, top), (x, bottom), Ink::Grid, 1.0);
            let w = text_width(&t.label, size, false);
            let cx = x.clamp(p.x0 + w / 2.0, (p.x1 - w / 2.0).max(p.x0 + w / 2.0));
            if cx - w / 2.0 > last_right + 6.0 {
                c.text(
                    cx,
                    bottom + size + 8.0,
                    "middle",
                    size,
                    false,
                    Ink::Muted,
                    vec![t.label.clone()],
                );
                last_right = cx + w / 2.0;
                labelled = true;
            }
        }
        if !labelled {
            // Too narrow for a tick: name the year(s) the stretch covers.
            let (y0, _, _) =
                crate::render::figure::time_axis::civil_date((p.segment.from + p.segment.to) / 2);
            let label = y0.to_string();
            let w = text_width(&label, size, false);
            let cx = (p.x0 + p.x1) / 2.0;
            c.text(
                cx,
                bottom + size + 8.0,
                "middle",
                size,
                false,
                Ink::Muted,
                vec![label],
            );
            last_right = cx + w / 2.0;
        }
        c.line((p.x0, bottom), (p.x1, bottom), Ink::Axis, 1.5);
    }
    // The breaks: dashed edges through the lanes' dots (on a phone, not through the labels over
    // them) and a double slash on the axis.
    let mut dot_bands: Vec<(f64, f64)> = Vec::new();
    let mut band_top = top;
    for (lines, h) in labels.iter().zip(&heights) {
        if s.narrow {
            let text_h = Sizes::block(lines.len(), size);
            dot_bands.push((band_top + text_h + 4.0, band_top + h));
        }
        band_top += h;
    }
    if !s.narrow {
        dot_bands.push((top, bottom));
    }
    for pair in placed.windows(2) {
        let (a, b) = (pair[0].x1, pair[1].x0);
        for &(from, to) in &dot_bands {
            c.dashed((a, from), (a, to), Ink::Axis);
            c.dashed((b, from), (b, to), Ink::Axis);
        }
        for dx in [0.35, 0.65] {
            let x = a + (b - a) * dx;
            c.line(
                (x - 4.0, bottom + 6.0),
                (x + 4.0, bottom - 6.0),
                Ink::Axis,
                1.5,
            );
        }
    }
    let mut y = top;
    for ((lane, lines), h) in lanes.iter().zip(&labels).zip(&heights) {
        let centre = if s.narrow {
            let text_h = Sizes::block(lines.len(), size);
            c.circle(x0 + 6.0, y + size * 0.65, 5.0, lane.colour);
            c.text(
                x0 + 18.0,
                y + size,
                "start",
                size,
                false,
                Ink::Text,
                lines.clone(),
            );
            y + text_h + 4.0 + (h - text_h - 4.0) / 2.0
        } else {
            let text_h = Sizes::block(lines.len(), size);
            c.text(
                x0 - 14.0,
                y + (h - text_h) / 2.0 + size,
                "end",
                size,
                false,
                Ink::Text,
                lines.clone(),
            );
            y + h / 2.0
        };
        for p in &placed {
            c.line((p.x0, centre), (p.x1, centre), Ink::Grid, 1.0);
        }
        let xs: Vec<f64> = lane
            .dates
            .iter()
            .filter_map(|&(yy, m, d)| {
                let day = day_number(yy, m, d);
                let p = placed
                    .iter()
                    .find(|p| (p.segment.from..=p.segment.to).contains(&day))?;
                Some(p.x(day))
            })
            .collect();
        let r = if s.narrow { 6.5 } else { 7.0 };
        let count_w = |n: usize| text_width(&n.to_string(), size, true) + 4.0;
        for (x, count) in clusters(xs, r, count_w) {
            if count == 1 {
                c.circle(x, centre, r, lane.colour);
            } else {
                // Events too close to tell apart: one larger dot, their number beside it (on
                // its left at the picture's right edge).
                c.circle(x, centre, CLUSTER_R, lane.colour);
                let right = x + CLUSTER_R + count_w(count) <= s.width - s.pad;
                c.text(
                    if right {
                        x + CLUSTER_R + 3.0
                    } else {
                        x - CLUSTER_R - 3.0
                    },
                    centre + size * 0.36,
                    if right { "start" } else { "end" },
                    size,
                    true,
                    Ink::Text,
                    vec![count.to_string()],
                );
            }
        }
        y += h;
    }
    let height = bottom + axis_h;
    Picture {
        svg: c.render(
            height,
            0.0,
            title,
            "One lane per theme, a dot per event; the events are listed below.",
        ),
        width: width as u32,
        height: height.ceil() as u32,
        title_h: 0,
    }
}
