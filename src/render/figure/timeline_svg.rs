//! The static picture of the timeline overview: one lane per theme, a dot per event, on a time
//! axis whose ticks suit the span. Events far from the rest get their own stretch of a broken
//! axis, so every event is in the picture and the rest are not squeezed into a sliver.

use crate::model::numbers::Locale;
use crate::render::figure::chart_svg::{Picture, Pictures, Sizes, NARROW, WIDE};
use crate::render::figure::picture::{text_width, wrap_px, Canvas, Ink};
use crate::render::figure::time_axis::{date_ticks, day_number, segments, Segment};

/// One lane of the timeline picture: a theme and the dates (year, month, day) of its events.
pub struct Lane {
    pub label: String,
    pub colour: &'static str,
    pub dates: Vec<(i32, u8, u8)>,
    /// Vertical offset of each event, in lanes, so events on nearly the same day stay apart.
    pub offsets: Vec<f64>,
}

/// The height the wide picture keeps at least: the interactive overview's, so swapping one for
/// the other does not move the page.
pub const MIN_WIDE_HEIGHT: f64 = crate::render::pages::timeline::OVERVIEW_HEIGHT as f64;

/// Both pictures of the overview.
pub fn timeline_pictures(title: &str, lanes: &[Lane], lang: &str) -> Pictures {
    let locale = Locale::for_lang(lang);
    Pictures {
        wide: timeline_picture(title, lanes, &locale, WIDE),
        narrow: timeline_picture(title, lanes, &locale, NARROW),
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

/// The overview picture at `width`.
pub fn timeline_picture(title: &str, lanes: &[Lane], locale: &Locale, width: f64) -> Picture {
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
    if !s.narrow {
        let natural: f64 = heights.iter().sum::<f64>() + top + axis_h;
        if natural < MIN_WIDE_HEIGHT && !heights.is_empty() {
            let extra = (MIN_WIDE_HEIGHT - natural) / heights.len() as f64;
            heights.iter_mut().for_each(|h| *h += extra);
        }
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
    // The breaks: dashed edges through the lanes and a double slash on the axis.
    for pair in placed.windows(2) {
        let (a, b) = (pair[0].x1, pair[1].x0);
        c.dashed((a, top), (a, bottom), Ink::Axis);
        c.dashed((b, top), (b, bottom), Ink::Axis);
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
            y + text_h + 4.0 + band / 2.0
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
        for (&(yy, m, d), off) in lane
            .dates
            .iter()
            .zip(lane.offsets.iter().chain(std::iter::repeat(&0.0)))
        {
            let day = day_number(yy, m, d);
            if let Some(p) = placed
                .iter()
                .find(|p| (p.segment.from..=p.segment.to).contains(&day))
            {
                let cy = centre - off.clamp(-0.45, 0.45) * band * 0.9;
                c.circle(p.x(day), cy, if s.narrow { 6.5 } else { 7.0 }, lane.colour);
            }
        }
        y += h;
    }
    let height = bottom + axis_h;
    Picture {
        svg: c.render(
            height,
            title,
            "One lane per theme, a dot per event; the events are listed below.",
        ),
        width: width as u32,
        height: height.ceil() as u32,
    }
}
