//! A drawing for a static SVG picture: shapes placed by the chart and timeline layouts, text
//! measured and wrapped without a font engine, and the SVG written by a template (auto-escaped)
//! with colours that follow the reader's light or dark scheme.

use std::fmt;

use askama::Template;

/// A coordinate or length, written with one decimal at most.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub(crate) struct N(pub f64);

impl fmt::Display for N {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = if self.0.is_finite() { self.0 } else { 0.0 };
        let r = (v * 10.0).round() / 10.0;
        if r == r.trunc() {
            write!(f, "{}", r as i64)
        } else {
            write!(f, "{r:.1}")
        }
    }
}

/// What colours a shape: a theme colour (a class the picture's style sheet sets for light and
/// dark) or a fixed fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ink {
    /// Titles and values.
    Text,
    /// Units, ticks, sources.
    Muted,
    /// Gridlines.
    Grid,
    /// Zero lines and axis lines.
    Axis,
}

impl Ink {
    pub(crate) fn class(self) -> &'static str {
        match self {
            Ink::Text => "fg",
            Ink::Muted => "muted",
            Ink::Grid => "grid",
            Ink::Axis => "axis",
        }
    }

    /// The light-scheme colour, as a presentation attribute for viewers without CSS.
    pub(crate) fn fallback(self) -> &'static str {
        match self {
            Ink::Text => "#1d1d1f",
            Ink::Muted => "#595959",
            Ink::Grid => "#e3dfd6",
            Ink::Axis => "#8a867e",
        }
    }
}

pub(crate) struct TextShape {
    pub x: N,
    pub y: N,
    pub anchor: &'static str,
    pub size: N,
    pub bold: bool,
    pub ink: Ink,
    pub lines: Vec<String>,
    pub line_height: N,
}

pub(crate) struct RectShape {
    pub x: N,
    pub y: N,
    pub w: N,
    pub h: N,
    pub fill: String,
    pub stroke: Option<&'static str>,
}

pub(crate) struct LineShape {
    pub x1: N,
    pub y1: N,
    pub x2: N,
    pub y2: N,
    pub ink: Ink,
    pub width: N,
    pub dashed: bool,
}

pub(crate) struct CircleShape {
    pub x: N,
    pub y: N,
    pub r: N,
    pub fill: &'static str,
}

pub(crate) struct PolylineShape {
    pub points: String,
    pub stroke: &'static str,
}

pub(crate) enum Shape {
    Text(TextShape),
    Rect(RectShape),
    Line(LineShape),
    Circle(CircleShape),
    Polyline(PolylineShape),
}

/// A hatch pattern for derived values: the series colour with stripes of the background.
pub(crate) struct Hatch {
    pub id: String,
    pub colour: &'static str,
}

/// Shapes in drawing order, and the hatches they use.
pub(crate) struct Canvas {
    /// Prefix of the ids inside the picture (unique if several pictures share a page).
    pub id: String,
    pub width: f64,
    pub shapes: Vec<Shape>,
    pub hatches: Vec<Hatch>,
}

#[derive(Template)]
#[template(path = "picture.svg")]
struct PictureTemplate<'a> {
    canvas: &'a Canvas,
    width: N,
    height: N,
    plain_top: N,
    plain_height: N,
    title: &'a str,
    description: &'a str,
}

/// Advance of a character in ems, regular and bold: those of DejaVu Sans (what Linux draws a
/// `sans-serif` with; wider than the system fonts of Windows, macOS, iOS and Android), rounded
/// up, so text measured here never runs wider in a browser.
fn advance(c: char, bold: bool) -> f64 {
    let (regular, heavy) = match c {
        ' ' => (0.32, 0.35),
        'i' | 'j' | 'l' | 'I' | 'J' | '\'' | '’' | ',' | '.' | ':' | ';' | '!' | '|' | '/'
        | '\\' => (0.34, 0.40),
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' | '"' | '*' | '–' | '_' => (0.52, 0.58),
        '⁰'..='⁹' | '¹' | '²' | '³' | '⁻' => (0.55, 0.55),
        '0'..='9' | '$' | '€' | '£' | '{' | '}' | '?' => (0.65, 0.71),
        'm' | 'w' | 'M' | 'W' | 'ж' | 'ш' | 'щ' | 'ю' | 'ф' | 'ы' | 'м' => (1.0, 1.12),
        'Ж' | 'Ш' | 'Щ' | 'Ю' | 'Ы' | 'Ф' | '—' | '…' | '@' => (1.1, 1.35),
        '<' | '>' | '&' | '#' | '+' | '=' | '~' | '^' | '×' | '−' | '%' => (0.96, 1.0),
        'a'..='z' | 'а'..='я' | 'à'..='ÿ' => (0.67, 0.75),
        'A'..='Z' | 'А'..='Я' | 'À'..='Þ' => (0.8, 0.95),
        '\u{1100}'..='\u{115f}'
        | '\u{2e80}'..='\u{a4cf}'
        | '\u{ac00}'..='\u{d7a3}'
        | '\u{f900}'..='\u{faff}'
        | '\u{fe30}'..='\u{fe4f}'
        | '\u{ff00}'..='\u{ff60}' => (1.0, 1.0),
        _ => (0.8, 0.9),
    };
    if bold {
        heavy
    } else {
        regular
    }
}

/// Width of `text` in pixels at `size`, erring on the wide side (no font engine here).
pub(crate) fn text_width(text: &str, size: f64, bold: bool) -> f64 {
    text.chars().map(|c| advance(c, bold)).sum::<f64>() * size
}

/// Words of `text` in lines no wider than `max_px`; a word too long for a line is broken.
pub(crate) fn wrap_px(text: &str, max_px: f64, size: f64, bold: bool) -> Vec<String> {
    wrap_by(text, max_px, |s| text_width(s, size, bold))
}

/// Words of `text` in lines whose `measure` is at most `max`, broken only at spaces and after
/// the hyphen of a compound ("metalworking-" / "machine"). Only a part wider than a whole line
/// is cut into pieces that fit (at least one character each).
pub(crate) fn wrap_by(text: &str, max: f64, measure: impl Fn(&str) -> f64) -> Vec<String> {
    let fits = |s: &str| measure(s) <= max;
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        for (i, part) in hyphen_parts(word).into_iter().enumerate() {
            if let Some(line) = lines.last_mut() {
                let joined = if i == 0 {
                    format!("{line} {part}")
                } else {
                    format!("{line}{part}")
                };
                if fits(&joined) {
                    *line = joined;
                    continue;
                }
            }
            let mut piece = String::new();
            for c in part.chars() {
                piece.push(c);
                if !fits(&piece) && piece.chars().count() > 1 {
                    piece.pop();
                    lines.push(std::mem::take(&mut piece));
                    piece.push(c);
                }
            }
            lines.push(piece);
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// A word in the parts a line may end after: each ends with a hyphen that joins two letters
/// ("metalworking-", "machine"); a minus sign or a dash at either end stays with its word.
fn hyphen_parts(word: &str) -> Vec<&str> {
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    let mut parts = Vec::new();
    let mut start = 0;
    for w in chars.windows(3) {
        let ((_, a), (_, b), (next, c)) = (w[0], w[1], w[2]);
        if b == '-' && a.is_alphabetic() && c.is_alphabetic() {
            parts.push(&word[start..next]);
            start = next;
        }
    }
    parts.push(&word[start..]);
    parts
}

impl Canvas {
    pub(crate) fn new(id: &str, width: f64) -> Canvas {
        Canvas {
            id: id.to_string(),
            width,
            shapes: Vec::new(),
            hatches: Vec::new(),
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn text(
        &mut self,
        x: f64,
        y: f64,
        anchor: &'static str,
        size: f64,
        bold: bool,
        ink: Ink,
        lines: Vec<String>,
    ) {
        self.shapes.push(Shape::Text(TextShape {
            x: N(x),
            y: N(y),
            anchor,
            size: N(size),
            bold,
            ink,
            lines,
            line_height: N(size * LINE),
        }));
    }

    pub(crate) fn rect(
        &mut self,
        x: f64,
        y: f64,
        w: f64,
        h: f64,
        fill: String,
        stroke: Option<&'static str>,
    ) {
        self.shapes.push(Shape::Rect(RectShape {
            x: N(x),
            y: N(y),
            w: N(w.max(0.0)),
            h: N(h.max(0.0)),
            fill,
            stroke,
        }));
    }

    pub(crate) fn line(
        &mut self,
        (x1, y1): (f64, f64),
        (x2, y2): (f64, f64),
        ink: Ink,
        width: f64,
    ) {
        self.shapes.push(Shape::Line(LineShape {
            x1: N(x1),
            y1: N(y1),
            x2: N(x2),
            y2: N(y2),
            ink,
            width: N(width),
            dashed: false,
        }));
    }

    pub(crate) fn dashed(&mut self, from: (f64, f64), to: (f64, f64), ink: Ink) {
        self.line(from, to, ink, 1.0);
        if let Some(Shape::Line(l)) = self.shapes.last_mut() {
            l.dashed = true;
        }
    }

    pub(crate) fn circle(&mut self, x: f64, y: f64, r: f64, fill: &'static str) {
        self.shapes.push(Shape::Circle(CircleShape {
            x: N(x),
            y: N(y),
            r: N(r),
            fill,
        }));
    }

    pub(crate) fn polyline(&mut self, points: &[(f64, f64)], stroke: &'static str) {
        let points: Vec<String> = points
            .iter()
            .map(|&(x, y)| format!("{},{}", N(x), N(y)))
            .collect();
        self.shapes.push(Shape::Polyline(PolylineShape {
            points: points.join(" "),
            stroke,
        }));
    }

    /// The fill of a bar in `colour`: hatched where its value is derived, solid otherwise.
    pub(crate) fn bar_fill(&mut self, colour: &'static str, derived: bool) -> String {
        if derived {
            self.hatch(colour)
        } else {
            colour.to_string()
        }
    }

    /// The fill of a hatched shape in `colour` (the pattern is defined once).
    pub(crate) fn hatch(&mut self, colour: &'static str) -> String {
        let index = match self.hatches.iter().position(|h| h.colour == colour) {
            Some(i) => i,
            None => {
                self.hatches.push(Hatch {
                    id: format!("{}-hatch-{}", self.id, self.hatches.len()),
                    colour,
                });
                self.hatches.len() - 1
            }
        };
        format!("url(#{})", self.hatches[index].id)
    }

    /// The SVG document, `height` pixels tall; below `plain_top` (when not 0) it has a view
    /// without what is above it (`#plain`).
    pub(crate) fn render(
        &self,
        height: f64,
        plain_top: f64,
        title: &str,
        description: &str,
    ) -> String {
        PictureTemplate {
            canvas: self,
            width: N(self.width),
            height: N(height.ceil()),
            plain_top: N(plain_top),
            plain_height: N(height.ceil() - plain_top),
            title,
            description,
        }
        .render()
        .unwrap_or_default()
    }
}

/// Line height, in ems.
pub(crate) const LINE: f64 = 1.25;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_words_are_broken_to_fit() {
        let word = "x".repeat(80);
        let lines = wrap_px(&word, 100.0, 10.0, false);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| text_width(l, 10.0, false) <= 100.0));
        assert_eq!(lines.concat(), word);
        let lines = wrap_px("Russia incl. Malaysian transit", 120.0, 13.0, false);
        assert_eq!(lines.join(" "), "Russia incl. Malaysian transit");
        assert!(lines.len() >= 2 && lines.iter().all(|l| text_width(l, 13.0, false) <= 120.0));
    }

    #[test]
    fn words_break_only_at_spaces_and_hyphens() {
        // The seed's "metalworking-machine imports" used to break as "metalworking-mach" / "ine".
        for max in [120.0, 140.0, 180.0, 230.0, 300.0] {
            let lines = wrap_px("Russian metalworking-machine imports", max, 13.0, false);
            for l in &lines {
                assert!(
                    ["Russian", "metalworking-", "machine", "imports"]
                        .iter()
                        .any(|w| l.starts_with(w)),
                    "{max}: {lines:?} breaks inside a word"
                );
            }
            assert_eq!(
                lines.join(" ").replace("- ", "-"),
                "Russian metalworking-machine imports"
            );
        }
        assert_eq!(hyphen_parts("-35"), ["-35"]);
        assert_eq!(hyphen_parts("a-b-c"), ["a-", "b-", "c"]);
    }

    #[test]
    fn text_is_escaped() {
        let mut c = Canvas::new("t", 100.0);
        c.text(
            0.0,
            10.0,
            "start",
            12.0,
            false,
            Ink::Text,
            vec!["<script>&".into()],
        );
        let svg = c.render(20.0, 0.0, "a \"title\"", "d");
        assert!(svg.contains("&#60;script&#62;&#38;"));
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("a &#34;title&#34;"));
    }

    #[test]
    fn coordinates_are_short() {
        assert_eq!(N(12.0).to_string(), "12");
        assert_eq!(N(12.345).to_string(), "12.3");
        assert_eq!(N(f64::NAN).to_string(), "0");
    }
}
