//! The timeline page: a zoomable plotly overview with one lane per theme, over an ordered list
//! of events that works without JavaScript, and a static picture of the overview.

use std::collections::HashSet;

use askama::Template;
use plotly::common::DashType;
use plotly::common::{Anchor, TickMode};
use plotly::common::{Marker, Mode};
use plotly::configuration::ModeBarButtonName;
use plotly::layout::{
    Annotation, Axis, AxisRange, AxisType, DragMode, HAlign, RangeBreak, Shape, ShapeLine,
    ShapeType,
};
use plotly::Scatter;

use crate::model::article::Article;
use crate::model::html::{script_json, Html};
use crate::model::numbers::Locale;
use crate::model::timeline::{Event, Timeline};
use crate::render::assets::Script;
use crate::render::figure::chart_svg::Lane;
use crate::render::figure::plots::{base_config, base_layout, Figure};
use crate::render::figure::time_axis::{civil_date, date_ticks, day_number, segments, Segment};
use crate::render::pages::figures::{PlotView, StageView};
use crate::render::{ArticleTab, Page, SourceLink, ThemeCount};

pub(crate) struct EventView<'a> {
    pub event: &'a Event,
    pub theme_label: String,
    pub colour: &'static str,
    pub passage_href: String,
    /// First day the event covers, `YYYY-MM-DD`: the list's sort order.
    pub start: String,
    pub section: String,
    pub notes: Vec<usize>,
    pub sources: Vec<SourceLink<'a>>,
}

#[derive(Template)]
#[template(path = "timeline.html")]
pub(crate) struct TimelineTemplate<'a> {
    pub page: Page,
    pub article: &'a Article,
    pub events: Vec<EventView<'a>>,
    pub themes: Vec<ThemeCount>,
    pub overview: Html,
    pub span: String,
}

/// Height of the interactive overview in pixels, at least: room for five lanes with two-line
/// labels and the date axis.
pub(crate) const OVERVIEW_HEIGHT: usize = 420;

/// The day of an event on the time axis (the middle of its period).
fn event_day(e: &Event) -> i64 {
    let (y, m, d) = e.date.midpoint();
    day_number(y, m, d)
}

/// Events closer than this many days would overlap on a phone (a marker and a gap of 14 px on
/// a plot about 300 px wide, over the days the axis shows).
fn crowd_days(segments: &[Segment]) -> i64 {
    let shown: i64 = segments.iter().map(|s| s.to - s.from).sum();
    (shown * 14 / 300).max(1)
}

/// Vertical offsets (as shares of a lane's room for markers) that keep events of one lane
/// apart where they crowd: each event takes the first level no crowding neighbour has.
fn lane_offsets(events: &[&Event], crowd: i64) -> Vec<f64> {
    const LEVELS: [f64; 5] = [0.0, 0.24, -0.24, 0.44, -0.44];
    let days: Vec<i64> = events.iter().map(|e| event_day(e)).collect();
    let mut levels: Vec<usize> = Vec::with_capacity(events.len());
    for i in 0..events.len() {
        let taken: Vec<usize> = (0..i)
            .filter(|&j| (days[i] - days[j]).abs() < crowd)
            .map(|j| levels[j])
            .collect();
        let level = (0..LEVELS.len())
            .find(|l| !taken.contains(l))
            .unwrap_or(i % LEVELS.len());
        levels.push(level);
    }
    levels.into_iter().map(|l| LEVELS[l]).collect()
}

/// Characters per line of a lane's label, written over the lane across the plot's width.
const LANE_LABEL_WIDTH: usize = 36;

/// Pixels a lane's markers need (five levels of 11 px markers).
const LANE_MARKERS_PX: f64 = 58.0;

/// What the lane labels need, in pixels: their longest one's lines.
fn lane_label_px(timeline: &Timeline) -> f64 {
    let lines = timeline
        .themes
        .iter()
        .map(|t| crate::render::figure::chart_svg::wrap_lines(&t.label, LANE_LABEL_WIDTH).len())
        .max()
        .unwrap_or(1);
    crate::render::figure::chart_plot::row_label_px(lines)
}

/// The least height of the drawn overview: each lane's label and markers, and the date axis.
pub(crate) fn overview_min_height(timeline: &Timeline) -> u32 {
    let lane = lane_label_px(timeline) + LANE_MARKERS_PX;
    (lane * timeline.themes.len() as f64 + 80.0).ceil() as u32
}

/// Ticks for the overview's whole view, as if on a phone's axis (plotly's own ticks count the
/// years a break leaves out, and label almost nothing): per stretch of the axis, the finest step
/// whose labels fit its share of the width; a stretch too short for any is named by its year.
/// Zoomed in, the page's script hands the ticks back to plotly.
fn overview_ticks(segments: &[Segment], locale: &Locale) -> (Vec<f64>, Vec<String>) {
    const PHONE_AXIS: f64 = 300.0;
    let shown: i64 = segments.iter().map(|s| (s.to - s.from).max(1)).sum();
    let measure = |label: &str| crate::render::figure::picture::text_width(label, 13.0, false);
    let mut ticks: Vec<(i64, String)> = Vec::new();
    for s in segments {
        let width = PHONE_AXIS * (s.to - s.from).max(1) as f64 / shown as f64;
        let found = date_ticks(s.from, s.to, width, 12.0, &measure, locale);
        if found.is_empty() {
            let middle = (s.from + s.to) / 2;
            ticks.push((middle, civil_date(middle).0.to_string()));
        } else {
            ticks.extend(found.into_iter().map(|t| (t.day, t.label)));
        }
    }
    ticks
        .into_iter()
        // Plotly reads a date axis's numbers as milliseconds since 1970.
        .map(|(day, label)| {
            (
                day as f64 * 86_400_000.0,
                crate::render::figure::plots::plotly_text(&label),
            )
        })
        .unzip()
}

/// A day number as plotly's dates write it.
fn iso_day(day: i64) -> String {
    let (y, m, d) = civil_date(day);
    format!("{y:04}-{m:02}-{d:02}")
}

fn overview(timeline: &Timeline, locale: &Locale) -> Figure {
    let mut traces: Vec<Box<dyn plotly::Trace>> = Vec::new();
    let lanes = timeline.themes.len();
    let days: Vec<i64> = timeline.events.iter().map(event_day).collect();
    let segments = segments(&days);
    let crowd = crowd_days(&segments);
    // Each lane (a unit of the lane axis, the first theme on top) has its label at the top and
    // its markers under it.
    let label_px = lane_label_px(timeline);
    let label_share = label_px / (label_px + LANE_MARKERS_PX);
    let marker_room = 1.0 - label_share;
    for (lane, theme) in timeline.themes.iter().enumerate() {
        let events: Vec<&Event> = timeline
            .events
            .iter()
            .filter(|e| e.theme == theme.key)
            .collect();
        if events.is_empty() {
            continue;
        }
        let middle = (lanes - 1 - lane) as f64 - label_share / 2.0;
        let trace = Scatter::new(
            events.iter().map(|e| e.date.axis_date()).collect(),
            lane_offsets(&events, crowd)
                .into_iter()
                .map(|o| middle + o * marker_room)
                .collect(),
        )
        .name(crate::render::figure::plots::plotly_text(&theme.label))
        .legend_group(&theme.key)
        .mode(Mode::Markers)
        .ids(events.iter().map(|e| e.id.clone()).collect())
        .hover_text_array(
            events
                .iter()
                .map(|e| {
                    format!(
                        "{}<br><b>{}</b>",
                        crate::render::figure::plots::plotly_text(&e.when()),
                        crate::render::figure::chart_plot::wrap(&e.title, 32)
                    )
                })
                .collect(),
        )
        .hover_template("%{hovertext}<extra></extra>")
        .marker(
            Marker::new()
                .size(11)
                .color(theme.colour)
                .line(plotly::common::Line::new().width(1.5).color("#ffffff")),
        );
        traces.push(trace);
    }
    let lane_labels: Vec<Annotation> = timeline
        .themes
        .iter()
        .enumerate()
        .map(|(lane, t)| {
            Annotation::new()
                .name("category")
                .text(crate::render::figure::chart_plot::wrap(
                    &t.label,
                    LANE_LABEL_WIDTH,
                ))
                .x_ref("paper")
                .x(0.0)
                .x_anchor(Anchor::Left)
                .y_ref("y")
                .y((lanes - 1 - lane) as f64 + 0.5)
                .y_anchor(Anchor::Top)
                .align(HAlign::Left)
                .show_arrow(false)
        })
        .collect();
    let date = iso_day;
    // Far-off events get their own stretch of a broken axis (the empty years between are left
    // out, and a dashed line marks each break), so every event is in view and the rest are not
    // squeezed into a sliver.
    let breaks: Vec<RangeBreak> = segments
        .windows(2)
        .map(|w| RangeBreak::new().bounds(date(w[0].to), date(w[1].from)))
        .collect();
    let break_lines: Vec<Shape> = segments
        .windows(2)
        .map(|w| {
            Shape::new()
                .shape_type(ShapeType::Line)
                .x_ref("x")
                .y_ref("paper")
                .x0(date(w[0].to))
                .x1(date(w[0].to))
                .y0(0.0)
                .y1(1.0)
                .line(
                    ShapeLine::new()
                        .dash(DashType::Dash)
                        .width(1.5)
                        .color("#8a867e"),
                )
        })
        .collect();
    let (first, last) = (
        segments.first().map_or(0, |s| s.from),
        segments.last().map_or(365, |s| s.to),
    );
    let (tick_days, tick_labels) = overview_ticks(&segments, locale);
    let mut x_axis = Axis::new()
        .type_(AxisType::Date)
        .range(AxisRange::new(date(first), date(last)))
        .tick_mode(TickMode::Array)
        .tick_values(tick_days)
        .tick_text(tick_labels)
        .show_grid(true)
        .auto_margin(true);
    if !breaks.is_empty() {
        x_axis = x_axis.range_breaks(breaks);
    }
    let layout = base_layout(OVERVIEW_HEIGHT)
        .margin(
            plotly::layout::Margin::new()
                .left(12)
                .right(16)
                .top(36)
                .bottom(40)
                .auto_expand(true),
        )
        .show_legend(false)
        .drag_mode(DragMode::Pan)
        .shapes(break_lines)
        .annotations(lane_labels)
        .x_axis(x_axis)
        .y_axis(
            Axis::new()
                .fixed_range(true)
                .zero_line(false)
                .show_grid(false)
                .show_tick_labels(false)
                .range(AxisRange::new(-0.5, lanes as f64 - 0.5)),
        );
    // The wheel zooms only once the reader has chosen to explore (the page's script lets it
    // through to the page until then).
    // Its toolbar keeps what a phone needs to zoom and pan (no pinch): zoom in, out, pan, reset.
    let config = base_config()
        .scroll_zoom(true)
        .mode_bar_buttons_to_remove(vec![
            ModeBarButtonName::ToImage,
            ModeBarButtonName::Lasso2d,
            ModeBarButtonName::Select2d,
            ModeBarButtonName::Zoom2d,
            ModeBarButtonName::AutoScale2d,
        ]);
    let mut figure = Figure::new(layout, config);
    for t in traces {
        figure.add_trace(t);
    }
    figure
}

/// Writes `timeline.html`; returns its path.
pub(crate) fn render_timeline(
    site_config: &crate::model::site::SiteConfig,
    article: &Article,
    timeline: &Timeline,
    out: &mut crate::emit::output::SiteFiles,
) -> String {
    let path = format!("{}/timeline.html", article.slug);
    let events: Vec<EventView<'_>> = timeline
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
                .map(SourceLink::of)
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
        .map(|t| ThemeCount {
            theme: t.clone(),
            count: timeline.events.iter().filter(|e| e.theme == t.key).count(),
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
    .with_article_nav(article, ArticleTab::Timeline, "")
    .with_script(Script::Timeline);
    page.body_class = "page-timeline";
    page.plotly = crate::render::assets::assets().plotly.path.clone();
    let pictures = overview_pictures(article, timeline);
    // The pictures' paths from the timeline page, beside them.
    let from_page = |narrow| {
        let p = crate::model::paths::timeline_picture(&article.slug, narrow);
        p.strip_prefix(&format!("{}/", article.slug))
            .unwrap_or(&p)
            .to_string()
    };
    let template = TimelineTemplate {
        page,
        article,
        events,
        themes,
        overview: crate::render::html(&StageView {
            wide_src: from_page(false),
            narrow_src: from_page(true),
            pictures: &pictures,
            described_by: "",
            wide_h: pictures.wide.height,
            narrow_h: pictures.narrow.height,
            alt: "Overview of the events on a time axis, one lane per theme; the events are listed below.",
            min_height: overview_min_height(timeline),
            lazy: false,
            embed: false,
            narrow_media: crate::render::figure::chart_svg::NARROW_MEDIA,
            plot: crate::render::html(&PlotView {
                id: "timeline-overview",
                label: "Overview of the events on a time axis, one lane per theme. The same events are listed below.",
                json: &script_json(&overview(timeline, &Locale::for_lang(&article.lang)).to_json()),
                described_by: "",
            }),
        }),
        span,
    };
    out.add_text(path.clone(), crate::render::render(&template));
    out.add_text(
        crate::model::paths::timeline_picture(&article.slug, false),
        pictures.wide.svg,
    );
    out.add_text(
        crate::model::paths::timeline_picture(&article.slug, true),
        pictures.narrow.svg,
    );
    path
}

/// The overview as static pictures: every event, on a broken axis where a few lie far apart.
fn overview_pictures(
    article: &Article,
    timeline: &Timeline,
) -> crate::render::figure::chart_svg::Pictures {
    let lanes: Vec<Lane> = timeline
        .themes
        .iter()
        .map(|t| {
            let events: Vec<&Event> = timeline
                .events
                .iter()
                .filter(|e| e.theme == t.key)
                .collect();
            let dates = events.iter().map(|e| e.date.midpoint());
            Lane {
                label: t.label.clone(),
                colour: t.colour,
                dates: dates.collect(),
            }
        })
        .collect();
    crate::render::figure::chart_svg::timeline_pictures(
        &format!("Overview of the events in “{}”", article.meta.title),
        &lanes,
        &article.lang,
        overview_min_height(timeline),
    )
}
