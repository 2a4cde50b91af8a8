//! Dated events (`timeline.toml`): loading, checking against the article, and the timeline page
//! (a zoomable plotly overview with one lane per theme, over an ordered list that works without
//! JavaScript).

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use askama::Template;
use plotly::common::{Marker, Mode};
use plotly::layout::{Axis, AxisRange, AxisType, DragMode, RangeSlider};
use plotly::Scatter;
use serde::Deserialize;

use crate::article::Article;
use crate::chart_svg::Lane;
use crate::dates::PartialDate;
use crate::diagnostics::{Assignments, Problems};
use crate::html::is_key;
use crate::load::TextFile;
use crate::plots::{base_config, base_layout, colour, plot_html, Figure};
use crate::render::{section_title, ArticleTab, Page};
use crate::toml_file::parse_toml;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventRecord {
    id: String,
    date: String,
    #[serde(default)]
    end: Option<String>,
    title: String,
    summary: String,
    theme: String,
    passage: String,
    #[serde(default)]
    notes: Vec<String>,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    editor_note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TimelineFile {
    #[serde(default)]
    themes: toml::Table,
    #[serde(default)]
    event: Vec<EventRecord>,
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub key: String,
    pub label: String,
    pub colour: &'static str,
}

#[derive(Debug, Clone)]
pub struct Event {
    pub id: String,
    pub date: PartialDate,
    pub end: Option<PartialDate>,
    pub title: String,
    pub summary: String,
    pub theme: String,
    pub passage: String,
    pub notes: Vec<String>,
    pub sources: Vec<String>,
    pub editor_note: Option<String>,
    line: usize,
}

impl Event {
    /// "4 February 2022", or "March 2023 – 22 March 2023" for a range.
    pub fn when(&self) -> String {
        match &self.end {
            Some(end) => format!("{} – {}", self.date, end),
            None => self.date.to_string(),
        }
    }
}

/// An article's timeline, parsed but not yet checked against the article's text.
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    pub path: PathBuf,
    pub themes: Vec<Theme>,
    pub events: Vec<Event>,
}

impl Timeline {
    pub fn theme(&self, key: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.key == key)
    }

    /// Paragraph id → events that discuss it (id, title), for links from the article.
    pub fn by_passage(&self) -> BTreeMap<String, Vec<(String, String)>> {
        let mut map: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
        for e in &self.events {
            map.entry(e.passage.clone())
                .or_default()
                .push((e.id.clone(), e.title.clone()));
        }
        map
    }
}

/// Parses `timeline.toml`: dates, themes and ids are checked here; passages, notes and sources
/// once the article is rendered ([`check_against_article`]).
pub fn load_timeline(file: &TextFile, problems: &mut Problems) -> Option<Timeline> {
    let path = &file.path;
    let parsed: TimelineFile = parse_toml(path, &file.text, problems)?;
    let positions = Assignments::new(&file.text);
    let mut themes = Vec::new();
    for (i, (key, value)) in parsed.themes.iter().enumerate() {
        let at = positions.find(key, value.as_str().unwrap_or_default());
        match value.as_str() {
            Some(label) if is_key(key) => themes.push(Theme {
                key: key.clone(),
                label: label.to_string(),
                colour: colour(i),
            }),
            _ => problems.error(
                path,
                at,
                format!("theme `{key}` must be a key (a-z, 0-9, -) with a label string"),
                "write it as key = \"Label\" under [themes]",
            ),
        }
    }
    let mut seen: HashSet<String> = HashSet::new();
    let mut events = Vec::new();
    for r in parsed.event {
        let line = positions.find("id", &r.id).0;
        let at = (line, 1);
        if !is_key(&r.id) {
            problems.error(
                path,
                at,
                format!("event id `{}` is not a valid id", r.id),
                "use lowercase ASCII letters, digits and `-`",
            );
        }
        if !seen.insert(r.id.clone()) {
            problems.error(
                path,
                at,
                format!("two events have the id `{}`", r.id),
                "give each event its own id",
            );
            continue;
        }
        let date_at = positions.find_after("date", &r.date, line);
        let date = match PartialDate::parse(&r.date) {
            Ok(d) => d,
            Err(e) => {
                problems.error(
                    path,
                    date_at,
                    format!("event `{}`: the date {e}", r.id),
                    "write the date as YYYY, YYYY-Hn, YYYY-Qn, YYYY-MM or YYYY-MM-DD",
                );
                continue;
            }
        };
        let end = match r.end.as_deref().map(PartialDate::parse) {
            Some(Ok(end)) if end.end_key() >= date.sort_key() => Some(end),
            Some(Ok(_)) => {
                problems.error(
                    path,
                    at,
                    format!("event `{}` ends before it begins", r.id),
                    "make `end` later than `date`, or swap them",
                );
                None
            }
            Some(Err(e)) => {
                problems.error(
                    path,
                    at,
                    format!("event `{}`: the end date {e}", r.id),
                    "write the end date in the same forms as `date`",
                );
                None
            }
            None => None,
        };
        if !themes.iter().any(|t: &Theme| t.key == r.theme) {
            let keys: Vec<&str> = themes.iter().map(|t| t.key.as_str()).collect();
            problems.error(
                path,
                positions.find_after("theme", &r.theme, line),
                format!("event `{}` has the unknown theme `{}`", r.id, r.theme),
                format!("use one of the [themes]: {}", keys.join(", ")),
            );
        }
        for (field, value) in [("title", &r.title), ("summary", &r.summary)] {
            if value.trim().is_empty() {
                problems.error(
                    path,
                    at,
                    format!("event `{}` has an empty {field}", r.id),
                    format!("write the event's {field}"),
                );
            }
        }
        events.push(Event {
            id: r.id,
            date,
            end,
            title: r.title,
            summary: r.summary,
            theme: r.theme,
            passage: r.passage,
            notes: r.notes,
            sources: r.sources,
            editor_note: r.editor_note,
            line,
        });
    }
    // Stable sort: events of the same date keep the order they were written in.
    events.sort_by_key(|e| (e.date.sort_key(), e.end.map(|d| d.end_key())));
    Some(Timeline {
        path: path.clone(),
        themes,
        events,
    })
}

/// Checks that every passage anchor, note and source an event names exists in the article.
pub fn check_against_article(
    timeline: &Timeline,
    article: &Article,
    text: &str,
    problems: &mut Problems,
) {
    let path: &Path = &timeline.path;
    let positions = Assignments::new(text);
    for e in &timeline.events {
        if !article.body.paragraphs.iter().any(|p| p.id == e.passage) {
            problems.error(
                path,
                positions.find_after("passage", &e.passage, e.line),
                format!("event `{}` points at the passage `{}`, which is not a paragraph of the article", e.id, e.passage),
                "use a paragraph anchor such as `intro-p2` or `<section-id>-p3` (see content/README.md)",
            );
        }
        article.check_citations(
            (path, e.line),
            &format!("event `{}`", e.id),
            &e.notes,
            &e.sources,
            problems,
        );
    }
}

pub struct EventView<'a> {
    pub event: &'a Event,
    pub theme_label: String,
    pub colour: &'static str,
    pub passage_href: String,
    /// First day the event covers, `YYYY-MM-DD`: the list's sort order.
    pub start: String,
    pub section: String,
    pub notes: Vec<usize>,
    pub sources: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "timeline.html")]
pub struct TimelineTemplate<'a> {
    pub page: Page,
    pub article: &'a Article,
    pub events: Vec<EventView<'a>>,
    pub themes: Vec<(Theme, usize)>,
    pub overview: String,
    /// Height of the overview's wide picture.
    pub overview_height: u32,
    pub span: String,
}

/// The first view of the overview: where a few early events sit years before the rest, start at
/// the rest (the range slider still shows everything).
fn initial_range(timeline: &Timeline) -> Option<(String, String)> {
    let dates: Vec<(i32, u8, u8)> = timeline.events.iter().map(|e| e.date.sort_key()).collect();
    let months = |d: (i32, u8, u8)| d.0 * 12 + i32::from(d.1);
    let (gap_at, gap) = dates
        .windows(2)
        .enumerate()
        .map(|(i, w)| (i + 1, months(w[1]) - months(w[0])))
        .max_by_key(|&(_, g)| g)?;
    if gap < 24 || gap_at * 10 > dates.len() {
        return None;
    }
    let first = dates[gap_at];
    let last = timeline
        .events
        .iter()
        .map(|e| e.end.unwrap_or(e.date).end_key())
        .max()?;
    let from = months(first) - 2;
    let to = months(last) + 1;
    let ym = |m: i32| {
        format!(
            "{:04}-{:02}-01",
            (m - 1).div_euclid(12),
            (m - 1).rem_euclid(12) + 1
        )
    };
    Some((ym(from), ym(to)))
}

/// The overview chart: a marker per event on a date axis, one lane per theme.
/// Height of the overview in pixels: room for five lanes with two-line labels, and the slider.
pub const OVERVIEW_HEIGHT: usize = 420;

/// Vertical offsets (in lanes) that keep events of one lane on nearly the same day apart.
fn lane_offsets(events: &[&Event]) -> Vec<f64> {
    const STEPS: [f64; 5] = [0.0, 0.24, -0.24, 0.44, -0.44];
    let day = |e: &Event| {
        let (y, m, d) = e.date.midpoint();
        i64::from(y) * 372 + i64::from(m) * 31 + i64::from(d)
    };
    let days: Vec<i64> = events.iter().map(|e| day(e)).collect();
    (0..events.len())
        .map(|i| {
            let crowd = (0..i).filter(|&j| (days[i] - days[j]).abs() < 21).count();
            STEPS[crowd.min(STEPS.len() - 1)]
        })
        .collect()
}

/// A theme's label broken into lines of about 12 characters, for the overview's narrow margin.
fn lane_label(label: &str) -> String {
    crate::chart_svg::wrap_lines(label, 12).join("<br>")
}

fn overview(timeline: &Timeline) -> Figure {
    let mut traces: Vec<Box<dyn plotly::Trace>> = Vec::new();
    let lanes = timeline.themes.len();
    for (lane, theme) in timeline.themes.iter().enumerate() {
        let events: Vec<&Event> = timeline
            .events
            .iter()
            .filter(|e| e.theme == theme.key)
            .collect();
        if events.is_empty() {
            continue;
        }
        let y = (lanes - 1 - lane) as f64;
        let trace = Scatter::new(
            events.iter().map(|e| e.date.axis_date()).collect(),
            lane_offsets(&events).into_iter().map(|o| y + o).collect(),
        )
        .name(&theme.label)
        .legend_group(&theme.key)
        .mode(Mode::Markers)
        .ids(events.iter().map(|e| e.id.clone()).collect())
        .hover_text_array(
            events
                .iter()
                .map(|e| format!("{}<br><b>{}</b>", e.when(), e.title))
                .collect(),
        )
        .hover_template("%{hovertext}<extra></extra>")
        .marker(
            Marker::new()
                .size(13)
                .color(theme.colour)
                .line(plotly::common::Line::new().width(1.5).color("#ffffff")),
        );
        traces.push(trace);
    }
    let mut x_axis = Axis::new()
        .type_(AxisType::Date)
        .range_slider(RangeSlider::new().visible(true).thickness(0.12))
        .show_grid(true);
    if let Some((from, to)) = initial_range(timeline) {
        x_axis = x_axis.range(AxisRange::new(from, to));
    }
    let layout = base_layout(OVERVIEW_HEIGHT)
        .margin(
            plotly::layout::Margin::new()
                .left(56)
                .right(16)
                .top(40)
                .bottom(40)
                .auto_expand(true),
        )
        .show_legend(false)
        .drag_mode(DragMode::Pan)
        .x_axis(x_axis)
        .y_axis(
            Axis::new()
                .fixed_range(true)
                .auto_margin(true)
                .zero_line(false)
                .show_grid(false)
                .range(AxisRange::new(-0.6, lanes as f64 - 0.4))
                .tick_values((0..lanes).map(|i| i as f64).collect())
                .tick_text(
                    timeline
                        .themes
                        .iter()
                        .rev()
                        .map(|t| lane_label(&t.label))
                        .collect(),
                ),
        );
    let mut figure = Figure::new(layout, base_config("timeline").scroll_zoom(true));
    for t in traces {
        figure.add_trace(t);
    }
    figure
}

/// Writes `timeline.html`; returns its path.
pub fn render_timeline(
    site_config: &crate::config::SiteConfig,
    article: &Article,
    timeline: &Timeline,
    out: &mut crate::output::SiteFiles,
) -> String {
    let path = format!("{}/timeline.html", article.slug);
    let events: Vec<EventView> = timeline
        .events
        .iter()
        .map(|e| {
            let theme = timeline.theme(&e.theme);
            let notes: Vec<usize> = e
                .notes
                .iter()
                .filter_map(|l| article.note_by_label(l))
                .map(|n| n.number)
                .collect();
            let mut keys: Vec<String> = Vec::new();
            for l in &e.notes {
                if let Some(n) = article.note_by_label(l) {
                    keys.extend(n.cites.iter().cloned());
                }
            }
            keys.extend(e.sources.iter().cloned());
            let mut seen = HashSet::new();
            keys.retain(|k| seen.insert(k.clone()));
            let sources = keys
                .iter()
                .filter_map(|k| article.source(k))
                .map(|s| {
                    (
                        format!("sources.html#src-{}", s.key),
                        s.title.clone(),
                        s.lang.clone(),
                    )
                })
                .collect();
            let section = article
                .body
                .paragraphs
                .iter()
                .find(|p| p.id == e.passage)
                .map(|p| section_title(article, &p.section_id))
                .unwrap_or_default();
            EventView {
                event: e,
                theme_label: theme.map(|t| t.label.clone()).unwrap_or_default(),
                colour: theme.map_or("#999999", |t| t.colour),
                passage_href: format!("index.html#{}", e.passage),
                start: {
                    let (y, m, d) = e.date.sort_key();
                    format!("{y:04}-{m:02}-{d:02}")
                },
                section,
                notes,
                sources,
            }
        })
        .collect();
    let themes = timeline
        .themes
        .iter()
        .map(|t| {
            (
                t.clone(),
                timeline.events.iter().filter(|e| e.theme == t.key).count(),
            )
        })
        .collect();
    let span = match (timeline.events.first(), timeline.events.last()) {
        (Some(a), Some(b)) => format!("{} to {}", a.date.year, b.end.unwrap_or(b.date).year),
        _ => String::new(),
    };
    let mut page = Page::new(
        site_config,
        &path,
        format!("Timeline · {}", article.meta.title),
        format!(
            "{} dated events discussed in “{}”, each linked to its passage and sources.",
            timeline.events.len(),
            article.meta.title
        ),
    )
    .with_article_nav(article, ArticleTab::Timeline, "");
    page.body_class = "page-timeline";
    page.plotly = crate::assets::assets().plotly.path.clone();
    let pictures = overview_pictures(article, timeline);
    let template = TimelineTemplate {
        page,
        article,
        events,
        themes,
        overview: plot_html("timeline-overview", "Overview of the events on a time axis, one lane per theme. The same events are listed below.", &overview(timeline), OVERVIEW_HEIGHT),
        overview_height: pictures.wide.height,
        span,
    };
    out.add_text(path.clone(), crate::render::render(&template));
    out.add_text(
        format!("{}/data/timeline-overview.svg", article.slug),
        pictures.wide.svg,
    );
    out.add_text(
        format!("{}/data/timeline-overview-narrow.svg", article.slug),
        pictures.narrow.svg,
    );
    path
}

/// The overview as static pictures: every event, on a broken axis where a few lie far apart.
fn overview_pictures(article: &Article, timeline: &Timeline) -> crate::chart_svg::Pictures {
    let lanes: Vec<Lane> = timeline
        .themes
        .iter()
        .map(|t| {
            let events: Vec<&Event> = timeline
                .events
                .iter()
                .filter(|e| e.theme == t.key)
                .collect();
            let offsets = lane_offsets(&events);
            let dates = events.iter().map(|e| e.date.midpoint());
            Lane {
                label: t.label.clone(),
                colour: t.colour,
                dates: dates.collect(),
                offsets,
            }
        })
        .collect();
    crate::chart_svg::timeline_pictures(
        &format!("Overview of the events in “{}”", article.meta.title),
        &lanes,
        &article.lang,
    )
}
