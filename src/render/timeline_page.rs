//! The timeline page: a zoomable plotly overview with one lane per theme, over an ordered list
//! of events that works without JavaScript, and a static picture of the overview.

use std::collections::HashSet;

use askama::Template;
use plotly::common::{Marker, Mode};
use plotly::layout::{Axis, AxisRange, AxisType, DragMode, RangeSlider};
use plotly::Scatter;

use crate::article::Article;
use crate::chart_svg::Lane;
use crate::html::{script_json, Html};
use crate::plots::{base_config, base_layout, Figure};
use crate::render::figures::PlotView;
use crate::render::{ArticleTab, Page};
use crate::timeline::{Event, Theme, Timeline};

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
    pub overview: Html,
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
    crate::chart_plot::wrap(label, 12)
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
        .name(crate::plots::plotly_text(&theme.label))
        .legend_group(&theme.key)
        .mode(Mode::Markers)
        .ids(events.iter().map(|e| e.id.clone()).collect())
        .hover_text_array(
            events
                .iter()
                .map(|e| {
                    format!(
                        "{}<br><b>{}</b>",
                        crate::plots::plotly_text(&e.when()),
                        crate::chart_plot::wrap(&e.title, 32)
                    )
                })
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
                .filter_map(|l| article.note_by_label(l.get_ref()))
                .map(|n| n.number)
                .collect();
            let mut keys: Vec<String> = Vec::new();
            for l in &e.notes {
                if let Some(n) = article.note_by_label(l.get_ref()) {
                    keys.extend(n.cites.iter().cloned());
                }
            }
            keys.extend(e.sources.iter().map(|k| k.get_ref().clone()));
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
                .map(|p| article.section_title(&p.section_id))
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
        overview: crate::render::html(&PlotView {
            id: "timeline-overview",
            label: "Overview of the events on a time axis, one lane per theme. The same events are listed below.",
            json: &script_json(&overview(timeline).to_json()),
            height: OVERVIEW_HEIGHT,
        }),
        overview_height: pictures.wide.height,
        span,
    };
    out.add_text(path.clone(), crate::render::render(&template));
    out.add_text(
        crate::paths::timeline_picture(&article.slug, false),
        pictures.wide.svg,
    );
    out.add_text(
        crate::paths::timeline_picture(&article.slug, true),
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
