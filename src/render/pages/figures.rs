//! The pages of an article's charts: the figure placed in the article, a page per chart (data,
//! downloads, citation, embed code), an embed page per chart for iframes, the gallery, and each
//! chart's data files.

use askama::Template;
use serde_json::json;

use crate::emit::output::SiteFiles;
use crate::model::article::Article;
use crate::model::charts::{Chart, Qualifier};
use crate::model::html::{script_json, Html, ScriptJson};
use crate::model::numbers::{self, Locale};
use crate::model::paths;
use crate::model::site::SiteConfig;
use crate::render::assets::Script;
use crate::render::body::{note_html, Ctx};
use crate::render::figure::chart_plot::{min_plot_height, plot};
use crate::render::figure::chart_svg::{chart_pictures, Pictures, NARROW_MEDIA};
use crate::render::figure::describe::describe;
use crate::render::{self, ArticleTab, Page, SourceLink};

/// A note a chart rests on, with the sources that note (and the chart itself) cites.
pub(crate) struct ChartNote<'a> {
    pub number: usize,
    /// The note as the article shows it, its links leading back to the article's pages.
    pub html: Html,
    /// The note's words, without citation markup (for data files).
    pub text: String,
    pub sources: Vec<SourceLink<'a>>,
    /// Sources the chart cites besides those of the note.
    pub extra: Vec<SourceLink<'a>>,
}

fn chart_notes<'a>(chart: &'a Chart, article: &'a Article) -> Vec<ChartNote<'a>> {
    chart
        .notes
        .iter()
        .filter_map(|l| article.note_by_label(l.get_ref()))
        .map(|n| ChartNote {
            number: n.number,
            html: note_html(Ctx::below(article), n),
            text: n.text.clone(),
            extra: chart
                .sources
                .iter()
                .filter(|k| !n.cites.contains(k.get_ref()))
                .filter_map(|k| article.source(k.get_ref()))
                .map(SourceLink::of)
                .collect(),
            sources: n
                .cites
                .iter()
                .map(String::as_str)
                .chain(chart.sources.iter().map(|k| k.get_ref().as_str()))
                .filter_map(|k| article.source(k))
                .map(SourceLink::of)
                .collect(),
        })
        .collect()
}

/// One line naming the chart's sources, for hover labels, pictures and embeds.
pub(crate) fn source_line(chart: &Chart, article: &Article) -> String {
    let mut parts: Vec<String> = Vec::new();
    for note in chart_notes(chart, article) {
        let mut outlets: Vec<String> = Vec::new();
        for link in &note.sources {
            if let Some(s) = article.source(link.key) {
                let name = s.short_name();
                let date = s
                    .issued_date()
                    .map(|d| format!(", {d}"))
                    .unwrap_or_default();
                outlets.push(format!("{name}{date}"));
            }
        }
        // A note that cites no source is named alone ("note 38"), not as "(note 38)".
        parts.push(if outlets.is_empty() {
            format!("note {}", note.number)
        } else {
            format!("{} (note {})", outlets.join("; "), note.number)
        });
    }
    let from = if parts.is_empty() {
        "the article's text".to_string()
    } else {
        parts.join("; ")
    };
    format!(
        "Source: {from}. From “{}” by {}.",
        article.meta.title, article.meta.author
    )
}

/// A chart's source line, plot JSON and pictures (ready for a page): made once per build for the
/// article, the chart's page and its embed.
pub(crate) struct ChartRender {
    pub line: String,
    pub json: ScriptJson,
    pub pictures: Pictures,
}

impl ChartRender {
    pub(crate) fn new(chart: &Chart, article: &Article) -> ChartRender {
        let line = source_line(chart, article);
        let json = script_json(&plot(chart, &article.lang).to_json());
        let pictures = chart_pictures(chart, &line, &article.lang);
        ChartRender {
            line,
            json,
            pictures,
        }
    }
}

/// The `<div>` plotly.js draws into and the JSON it reads. The id is ours (plotly's default is
/// random), so builds are byte-identical. It fills its [`StageView`].
#[derive(Template)]
#[template(path = "parts/plot.html")]
pub(crate) struct PlotView<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub json: &'a ScriptJson,
    /// The id of the chart's description in words (empty where the page has none).
    pub described_by: &'a str,
}

/// The box a chart lives in: its picture (the phone picture on narrow screens) until plotly.js
/// has drawn the plot over it in the same box, so nothing moves at the swap. The box keeps the
/// wide or the narrow picture's proportions (at least `min_height` tall); in an embed it fills
/// what the frame leaves.
#[derive(Template)]
#[template(path = "parts/stage.html")]
pub(crate) struct StageView<'a> {
    pub wide_src: String,
    pub narrow_src: String,
    pub pictures: &'a Pictures,
    /// The heights the box shows of the wide and the narrow picture (without their titles
    /// where the page shows the title).
    pub wide_h: u32,
    pub narrow_h: u32,
    pub alt: &'a str,
    /// The id of the chart's description in words (empty where the page has none).
    pub described_by: &'a str,
    pub min_height: u32,
    pub lazy: bool,
    pub embed: bool,
    pub narrow_media: &'static str,
    pub plot: Html,
}

pub(crate) struct Cell {
    pub number: String,
    pub qualifier: Option<Qualifier>,
    pub derived: bool,
}

pub(crate) struct Row<'a> {
    pub category: &'a str,
    pub cells: Vec<Cell>,
}

#[derive(Template)]
#[template(path = "parts/figure.html")]
struct FigureView<'a> {
    chart: &'a Chart,
    stage: Html,
    rows: Vec<Row<'a>>,
    /// What the value labels' marks mean ("≈ approximate").
    key: Vec<String>,
    notes: Vec<ChartNote<'a>>,
    prefix: &'a str,
    with_title: bool,
    /// The chart in words (kind, what it compares, largest and smallest, trend, rough values).
    description: String,
    /// The PNG's width in pixels (before the device scale).
    png_width: u32,
    /// The PNG's height: the wide picture's proportions.
    png_height: u32,
    /// The line under the PNG, as under the picture: the marks' key and the source.
    png_foot: String,
}

/// Width of a downloaded PNG in CSS pixels; it is drawn at twice that.
pub(crate) const PNG_WIDTH: u32 = 1200;

/// The stage of a chart for a page whose way to the article's folder is `prefix`.
fn chart_stage<'a>(
    chart: &'a Chart,
    rendered: &'a ChartRender,
    ids: &'a (String, String, String),
    prefix: &str,
    embed: bool,
) -> StageView<'a> {
    let described_by = if embed { "" } else { ids.2.as_str() };
    // A page shows the chart's title itself: its picture is shown from below the title. An
    // embed shows the whole picture (without scripts its title is the picture's).
    let (view, wide_h, narrow_h) = if embed {
        (
            String::new(),
            rendered.pictures.wide.height,
            rendered.pictures.narrow.height,
        )
    } else {
        (
            format!("#chart-{}-plain", chart.id),
            rendered.pictures.wide.plain_height(),
            rendered.pictures.narrow.plain_height(),
        )
    };
    StageView {
        wide_src: format!("{prefix}data/{}.svg{view}", chart.id),
        narrow_src: format!("{prefix}data/{}-narrow.svg{view}", chart.id),
        pictures: &rendered.pictures,
        wide_h,
        narrow_h,
        described_by,
        alt: &ids.1,
        min_height: min_plot_height(chart),
        lazy: !embed,
        embed,
        narrow_media: NARROW_MEDIA,
        plot: render::html(&PlotView {
            id: &ids.0,
            label: &ids.1,
            json: &rendered.json,
            described_by,
        }),
    }
}

/// The `<figure>` of a chart; `prefix` leads from the page to the article's folder.
pub(crate) fn figure_html(
    chart: &Chart,
    article: &Article,
    rendered: &ChartRender,
    prefix: &str,
    with_title: bool,
) -> Html {
    let ids = (
        format!("plot-{}", chart.id),
        format!("{}: chart; the data table follows.", chart.title),
        format!("chart-{}-desc", chart.id),
    );
    let stage = render::html(&chart_stage(chart, rendered, &ids, prefix, false));
    let locale = Locale::for_lang(&article.lang);
    let rows = chart
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| Row {
            category: c,
            cells: chart
                .series
                .iter()
                .map(|s| Cell {
                    number: numbers::format(s.values[i], &locale),
                    qualifier: s.qualifier(i),
                    derived: s.is_derived(i),
                })
                .collect(),
        })
        .collect();
    let wide = &rendered.pictures.wide;
    let key = chart.marks_key();
    let png_foot = if key.is_empty() {
        rendered.line.clone()
    } else {
        format!("{}. {}", key.join("; "), rendered.line)
    };
    render::html(&FigureView {
        chart,
        description: describe(chart, &locale),
        stage,
        rows,
        key,
        png_foot,
        notes: chart_notes(chart, article),
        prefix,
        with_title,
        png_width: PNG_WIDTH,
        png_height: (f64::from(wide.height) * f64::from(PNG_WIDTH) / f64::from(wide.width)).round()
            as u32,
    })
}

/// A CSV cell (RFC 4180) that no spreadsheet runs as a formula: text starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return gets a leading `'` (OWASP's advice on CSV injection), and any
/// cell with a comma, quote or line break is quoted.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The chart's data in long form: one row per value, with its qualifier's name (empty for a
/// value stated as it is).
pub(crate) fn csv(chart: &Chart) -> String {
    let mut out = String::from("category,series,value,unit,derived,qualifier\n");
    for s in &chart.series {
        for (i, c) in chart.categories.iter().enumerate() {
            out.push_str(&format!(
                "{},{},{},{},{},{}\n",
                csv_field(c),
                csv_field(&s.name),
                numbers::raw(s.values[i]),
                csv_field(&chart.unit),
                s.is_derived(i),
                s.qualifier(i).map_or("", Qualifier::name)
            ));
        }
    }
    out
}

pub(crate) fn data_json(
    chart: &Chart,
    article: &Article,
    rendered: &ChartRender,
) -> serde_json::Value {
    json!({
        "id": chart.id,
        "title": chart.title,
        "caption": chart.caption,
        "unit": chart.unit,
        "kind": chart.kind,
        "categories": chart.categories,
        "series": chart.series.iter().map(|s| json!({
            "name": s.name,
            "values": s.values,
            "derived": s.derived,
            "qualifiers": (0..s.values.len()).map(|i| s.qualifier(i).map_or("", Qualifier::name)).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "qualifier_meanings": chart.qualifiers_used().iter().map(|q| (q.name().to_string(), q.meaning().into())).collect::<serde_json::Map<_, _>>(),
        "derived_note": chart.derived_note,
        "notes": chart_notes(chart, article).iter().map(|n| json!({"number": n.number, "text": n.text.trim(), "sources": n.sources.iter().map(|s| s.key).collect::<Vec<_>>()})).collect::<Vec<_>>(),
        "source": rendered.line,
        "article": {"title": article.meta.title, "author": article.meta.author, "publisher": article.meta.publisher},
    })
}

#[derive(Template)]
#[template(path = "code/embed.html")]
struct EmbedCode<'a> {
    embed_url: &'a str,
    page_url: &'a str,
    title: &'a str,
    height: u32,
}

#[derive(Template)]
#[template(path = "code/link.html")]
struct LinkCode<'a> {
    page_url: &'a str,
    title: &'a str,
}

#[derive(Template)]
#[template(path = "code/image.html")]
struct ImageCode<'a> {
    page_url: &'a str,
    image_url: &'a str,
    narrow_url: &'a str,
    narrow_media: &'static str,
    title: &'a str,
}

#[derive(Template)]
#[template(path = "figure.html")]
pub(crate) struct FigureTemplate<'a> {
    pub page: Page,
    pub article: &'a Article,
    pub chart: &'a Chart,
    pub figure: Html,
    pub notes: Vec<ChartNote<'a>>,
    pub embed_url: String,
    /// Copy-paste codes: HTML shown as text, for a course page's editor.
    pub embed_code: String,
    pub link_code: String,
    pub image_code: String,
    /// The codes' addresses are relative (the site has no base URL): the page says so beside
    /// them.
    pub relative: bool,
    pub citation: crate::render::pages::sources::CiteBlock,
    pub height: u32,
    /// The chart's CSV, JSON and SVG for the page's script: from disk (file://) browsers
    /// ignore `download`, so the page saves the bytes itself.
    pub files: ScriptJson,
}

#[derive(Template)]
#[template(path = "embed.html")]
pub(crate) struct EmbedTemplate<'a> {
    pub page: Page,
    pub chart: &'a Chart,
    pub stage: Html,
    pub source: &'a str,
    pub back: String,
    /// The chart page's absolute address, shown beside the link (so a reader whose frame
    /// cannot open it can type it); empty without a base URL.
    pub address: String,
}

#[derive(Template)]
#[template(path = "gallery.html")]
pub(crate) struct GalleryTemplate<'a> {
    pub page: Page,
    pub article: &'a Article,
    pub charts: &'a [Chart],
    /// Height of each chart's narrow picture (a card is about as wide as a phone).
    pub picture_heights: Vec<u32>,
    /// Whether each chart is placed in the article (only then does the card link to its place).
    pub placed: Vec<bool>,
    /// Each chart's CSV by file name, for the page's script (downloads from file://).
    pub files: ScriptJson,
}

/// The embed page's layout in CSS pixels (at the default 16 px root size), as style.css sets it
/// for `main.embed`: the padding, the title's and the source line's type, and the gaps.
mod embed_layout {
    pub(super) const PAD_X: f64 = 12.0;
    pub(super) const PAD_Y: f64 = 8.0;
    pub(super) const TITLE_SIZE: f64 = 17.6;
    pub(super) const TITLE_LINE: f64 = 1.3;
    pub(super) const TITLE_MARGINS: f64 = 3.2 + 8.0;
    pub(super) const SOURCE_SIZE: f64 = 12.8;
    pub(super) const SOURCE_LINE: f64 = 1.4;
    pub(super) const SOURCE_GAP: f64 = 6.4;
    /// Rounding, and a line's descent that the browser adds to the last line.
    pub(super) const SLACK: f64 = 6.0;
}

/// The widths of the course-page columns an embed code is made for: a phone's, and the widest
/// the code lets the frame be.
pub(crate) const EMBED_WIDTHS: [f64; 2] = [360.0, 860.0];

/// What the embed's link line says after its source.
pub(crate) const EMBED_LINK: &str = "Full chart, data and sources";

/// The height an embed code promises: at each of [`EMBED_WIDTHS`], with the page's script (title,
/// chart, source line and link) and without it (the picture, which carries the title and the
/// source, and the link), whichever needs more. The embed is laid out to fill the height it is
/// given, so the chart takes what the text leaves; text is measured as DejaVu Sans, wider than
/// the common system fonts, so the promise holds with them.
pub(crate) fn embed_height(chart: &Chart, rendered: &ChartRender, address: &str) -> u32 {
    use crate::render::figure::picture::wrap_px;
    use embed_layout::*;
    let lines = |text: &str, width: f64, size: f64, bold: bool| {
        wrap_px(text, width, size, bold).len() as f64
    };
    let link = if address.is_empty() {
        EMBED_LINK.to_string()
    } else {
        format!("{EMBED_LINK}: {address}")
    };
    let p = &rendered.pictures;
    EMBED_WIDTHS
        .iter()
        .map(|&width| {
            let inner = width - 2.0 * PAD_X;
            let picture = if width <= NARROW_WIDTH_LIMIT {
                f64::from(p.narrow.height) * inner / f64::from(p.narrow.width)
            } else {
                f64::from(p.wide.height) * inner / f64::from(p.wide.width)
            };
            let source_text = format!("{} {link}", rendered.line);
            let with_script = TITLE_MARGINS
                + lines(&chart.title, inner, TITLE_SIZE, true) * TITLE_SIZE * TITLE_LINE
                + picture.max(f64::from(min_plot_height(chart)))
                + SOURCE_GAP
                + lines(&source_text, inner, SOURCE_SIZE, false) * SOURCE_SIZE * SOURCE_LINE;
            let without = picture
                + SOURCE_GAP
                + lines(&link, inner, SOURCE_SIZE, false) * SOURCE_SIZE * SOURCE_LINE;
            2.0 * PAD_Y + with_script.max(without) + SLACK
        })
        .fold(0.0, f64::max)
        .ceil() as u32
}

/// The widest screen that gets the narrow pictures: the number in [`NARROW_MEDIA`].
const NARROW_WIDTH_LIMIT: f64 = 600.0;

/// Writes every chart page, embed page, data file and the gallery; returns the page paths.
pub(crate) fn render_figures(
    site: &SiteConfig,
    article: &Article,
    rendered: &[ChartRender],
    out: &mut SiteFiles,
) -> Vec<String> {
    if article.charts.is_empty() {
        return Vec::new();
    }
    let slug = &article.slug;
    let plotly = crate::render::assets::assets().plotly.path.clone();
    let mut pages = Vec::new();
    let base = site.base();
    for (chart, rendered) in article.charts.iter().zip(rendered) {
        let id = &chart.id;
        let csv_text = csv(chart);
        let json_text = serde_json::to_string_pretty(&data_json(chart, article, rendered))
            .unwrap_or_default()
            + "\n";
        let pictures = &rendered.pictures;
        let files = script_json(&json!({
            "csv": &csv_text,
            "json": &json_text,
            "svg": &pictures.wide.svg,
        }));
        out.add_text(paths::chart_data(slug, id, "csv"), csv_text);
        out.add_text(paths::chart_data(slug, id, "json"), json_text);
        out.add_text(
            paths::chart_data(slug, id, "svg"),
            pictures.wide.svg.clone(),
        );
        out.add_text(
            paths::chart_narrow_picture(slug, id),
            pictures.narrow.svg.clone(),
        );

        let path = paths::chart_page(slug, id);
        let mut page = Page::new(
            site,
            &path,
            format!("{} · Chart · {}", chart.title, article.meta.title),
            chart.caption.clone(),
        )
        .with_article_nav(article, ArticleTab::Figures, "../")
        .with_script(Script::Figure);
        page.plotly = plotly.clone();
        page.body_class = "page-figure";
        // Absolute when the site's address is known; otherwise relative, and the page says so
        // (its script fills in the page's own address when it is served over http).
        let absolute = |p: String| format!("{base}{p}");
        let (embed_url, page_url, image_url, narrow_url) = if base.is_empty() {
            (
                format!("../embed/{id}.html"),
                format!("{id}.html"),
                format!("../data/{id}.svg"),
                format!("../data/{id}-narrow.svg"),
            )
        } else {
            (
                absolute(paths::embed_page(slug, id)),
                absolute(paths::chart_page(slug, id)),
                absolute(paths::chart_data(slug, id, "svg")),
                absolute(paths::chart_narrow_picture(slug, id)),
            )
        };
        let address = if base.is_empty() {
            String::new()
        } else {
            page_url.clone()
        };
        let height = embed_height(chart, rendered, &address);
        let title = chart.title.as_str();
        let template = FigureTemplate {
            page,
            article,
            chart,
            figure: figure_html(chart, article, rendered, "../", false),
            notes: chart_notes(chart, article),
            embed_code: render::render(&EmbedCode {
                embed_url: &embed_url,
                page_url: &page_url,
                title,
                height,
            }),
            link_code: render::render(&LinkCode {
                page_url: &page_url,
                title,
            }),
            image_code: render::render(&ImageCode {
                page_url: &page_url,
                image_url: &image_url,
                narrow_url: &narrow_url,
                narrow_media: NARROW_MEDIA,
                title,
            }),
            relative: base.is_empty(),
            citation: crate::render::pages::sources::cite_chart(
                article,
                site,
                &chart.title,
                &paths::chart_page(slug, id),
            ),
            embed_url,
            height,
            files,
        };
        out.add_text(path.clone(), render::render(&template));
        pages.push(path);

        let embed_path = paths::embed_page(slug, id);
        let mut page = Page::new(
            site,
            &embed_path,
            format!("{} · {}", chart.title, article.meta.title),
            chart.caption.clone(),
        )
        .with_script(Script::Embed);
        page.plotly = plotly.clone();
        page.body_class = "page-embed";
        page.lang = article.lang.clone();
        let ids = (
            format!("plot-{id}"),
            format!("{}: chart", chart.title),
            String::new(),
        );
        let embed = EmbedTemplate {
            page,
            chart,
            stage: render::html(&chart_stage(chart, rendered, &ids, "../", true)),
            source: &rendered.line,
            back: format!("../figures/{id}.html"),
            address,
        };
        out.add_text(embed_path, render::render(&embed));
    }
    let path = paths::gallery(slug);
    let mut page = Page::new(
        site,
        &path,
        format!("Charts · {}", article.meta.title),
        format!(
            "{} charts built from the figures quoted in “{}”.",
            article.charts.len(),
            article.meta.title
        ),
    )
    .with_article_nav(article, ArticleTab::Figures, "../")
    .with_script(Script::Gallery);
    page.body_class = "page-gallery";
    out.add_text(
        path.clone(),
        render::render(&GalleryTemplate {
            page,
            article,
            charts: &article.charts,
            picture_heights: rendered.iter().map(|r| r.pictures.narrow.height).collect(),
            placed: {
                let placed = article.placed_charts();
                (0..article.charts.len())
                    .map(|i| placed.contains(&i))
                    .collect()
            },
            files: script_json(&serde_json::Value::Object(
                article
                    .charts
                    .iter()
                    .map(|c| (format!("{}.csv", c.id), csv(c).into()))
                    .collect(),
            )),
        }),
    );
    pages.push(path);
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The pages' stylesheet switches the stage to the narrow picture's proportions where the
    /// `<source media>` switches the picture: the two must agree, or the swap would move.
    #[test]
    fn narrow_media_agrees_with_the_stylesheet() {
        let css = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/static/style.css"));
        assert!(
            css.contains(&format!("@media {NARROW_MEDIA}")),
            "style.css has no `@media {NARROW_MEDIA}` rule for the chart stage"
        );
        assert_eq!(NARROW_MEDIA, format!("(max-width: {NARROW_WIDTH_LIMIT}px)"));
    }

    #[test]
    fn csv_cells_are_never_formulas() {
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("-5"), "'-5");
    }
}
