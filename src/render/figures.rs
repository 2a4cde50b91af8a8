//! The pages of an article's charts: the figure placed in the article, a page per chart (data,
//! downloads, citation, embed code), an embed page per chart for iframes, the gallery, and each
//! chart's data files.

use askama::Template;
use serde_json::json;

use crate::article::Article;
use crate::chart_plot::plot;
use crate::chart_svg::{chart_picture_heights, chart_pictures};
use crate::charts::{Chart, ChartKind};
use crate::config::SiteConfig;
use crate::html::{script_json, Html, ScriptJson};
use crate::numbers::{self, Locale};
use crate::output::SiteFiles;
use crate::paths;
use crate::render::body::{note_html, Ctx};
use crate::render::{self, ArticleTab, Page};

/// A source a chart's note cites.
pub struct SourceLink<'a> {
    pub key: &'a str,
    pub title: &'a str,
    pub lang: &'a str,
}

/// A note a chart rests on, with the sources that note (and the chart itself) cites.
pub struct ChartNote<'a> {
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
    let link = |s: &'a crate::sources::Source| SourceLink {
        key: &s.key,
        title: &s.title,
        lang: &s.lang,
    };
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
                .map(link)
                .collect(),
            sources: n
                .cites
                .iter()
                .map(String::as_str)
                .chain(chart.sources.iter().map(|k| k.get_ref().as_str()))
                .filter_map(|k| article.source(k))
                .map(|s| SourceLink {
                    key: &s.key,
                    title: &s.title,
                    lang: &s.lang,
                })
                .collect(),
        })
        .collect()
}

/// One line naming the chart's sources, for hover labels, pictures and embeds.
pub fn source_line(chart: &Chart, article: &Article) -> String {
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
        parts.push(format!("{} (note {})", outlets.join("; "), note.number));
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

/// A chart's source line and plot JSON (ready for a page): made once per build for the article,
/// the chart's page and its embed.
pub struct ChartRender {
    pub line: String,
    pub json: ScriptJson,
}

impl ChartRender {
    pub fn new(chart: &Chart, article: &Article) -> ChartRender {
        let line = source_line(chart, article);
        let json = script_json(&plot(chart, &article.lang).to_json());
        ChartRender { line, json }
    }
}

/// Height of the interactive plot in pixels.
pub fn plot_height(chart: &Chart) -> usize {
    if chart.kind == ChartKind::Hbar {
        120 + 70 * chart.categories.len()
    } else {
        380
    }
}

/// The `<div>` plotly.js draws into and the JSON it reads. The id is ours (plotly's default is
/// random), so builds are byte-identical.
#[derive(Template)]
#[template(path = "parts/plot.html")]
pub struct PlotView<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub json: &'a ScriptJson,
    pub height: usize,
}

pub struct Cell {
    pub value: String,
    pub derived: bool,
}

pub struct Row<'a> {
    pub category: &'a str,
    pub cells: Vec<Cell>,
}

#[derive(Template)]
#[template(path = "parts/figure.html")]
struct FigureView<'a> {
    chart: &'a Chart,
    plot: Html,
    picture_height: u32,
    rows: Vec<Row<'a>>,
    notes: Vec<ChartNote<'a>>,
    prefix: &'a str,
    with_title: bool,
}

/// The `<figure>` of a chart; `prefix` leads from the page to the article's folder.
pub fn figure_html(
    chart: &Chart,
    article: &Article,
    rendered: &ChartRender,
    prefix: &str,
    with_title: bool,
) -> Html {
    let plot_id = format!("plot-{}", chart.id);
    let label = format!(
        "Interactive chart: {}. The data table follows.",
        chart.title
    );
    let plot = render::html(&PlotView {
        id: &plot_id,
        label: &label,
        json: &rendered.json,
        height: plot_height(chart),
    });
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
                    value: numbers::format(s.values[i], &locale),
                    derived: s.derived.get(i).copied().unwrap_or(false),
                })
                .collect(),
        })
        .collect();
    render::html(&FigureView {
        chart,
        plot,
        picture_height: chart_picture_heights(chart, &rendered.line, &article.lang).0,
        rows,
        notes: chart_notes(chart, article),
        prefix,
        with_title,
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

/// The chart's data in long form: one row per value.
pub fn csv(chart: &Chart) -> String {
    let mut out = String::from("category,series,value,unit,derived\n");
    for s in &chart.series {
        for (i, c) in chart.categories.iter().enumerate() {
            out.push_str(&format!(
                "{},{},{},{},{}\n",
                csv_field(c),
                csv_field(&s.name),
                numbers::raw(s.values[i]),
                csv_field(&chart.unit),
                s.derived.get(i).copied().unwrap_or(false)
            ));
        }
    }
    out
}

pub fn data_json(chart: &Chart, article: &Article, rendered: &ChartRender) -> serde_json::Value {
    json!({
        "id": chart.id,
        "title": chart.title,
        "caption": chart.caption,
        "unit": chart.unit,
        "kind": chart.kind,
        "categories": chart.categories,
        "series": chart.series.iter().map(|s| json!({"name": s.name, "values": s.values, "derived": s.derived})).collect::<Vec<_>>(),
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
    title: &'a str,
    height: usize,
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
    title: &'a str,
}

#[derive(Template)]
#[template(path = "figure.html")]
pub struct FigureTemplate<'a> {
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
    pub citation: crate::citations::CiteBlock,
    pub height: usize,
    /// The chart's CSV, JSON and SVG for the page's script: from disk (file://) browsers
    /// ignore `download`, so the page saves the bytes itself.
    pub files: ScriptJson,
}

#[derive(Template)]
#[template(path = "embed.html")]
pub struct EmbedTemplate<'a> {
    pub page: Page,
    pub chart: &'a Chart,
    pub plot: Html,
    pub picture_height: u32,
    pub source: &'a str,
    pub back: String,
}

#[derive(Template)]
#[template(path = "gallery.html")]
pub struct GalleryTemplate<'a> {
    pub page: Page,
    pub article: &'a Article,
    pub charts: &'a [Chart],
    /// Height of each chart's wide picture.
    pub picture_heights: Vec<u32>,
    /// Each chart's CSV by file name, for the page's script (downloads from file://).
    pub files: ScriptJson,
}

fn embed_height(chart: &Chart) -> usize {
    plot_height(chart) + 150
}

/// Writes every chart page, embed page, data file and the gallery; returns the page paths.
pub fn render_figures(
    site: &SiteConfig,
    article: &Article,
    rendered: &[ChartRender],
    out: &mut SiteFiles,
) -> Vec<String> {
    if article.charts.is_empty() {
        return Vec::new();
    }
    let slug = &article.slug;
    let plotly = crate::assets::assets().plotly.path.clone();
    let mut pages = Vec::new();
    let mut picture_heights = Vec::new();
    let base = site.base();
    for (chart, rendered) in article.charts.iter().zip(rendered) {
        let id = &chart.id;
        let csv_text = csv(chart);
        let json_text = serde_json::to_string_pretty(&data_json(chart, article, rendered))
            .unwrap_or_default()
            + "\n";
        let pictures = chart_pictures(chart, &rendered.line, &article.lang);
        let picture_height = pictures.wide.height;
        picture_heights.push(picture_height);
        let files = script_json(&json!({
            "csv": &csv_text,
            "json": &json_text,
            "svg": &pictures.wide.svg,
        }));
        out.add_text(paths::chart_data(slug, id, "csv"), csv_text);
        out.add_text(paths::chart_data(slug, id, "json"), json_text);
        out.add_text(paths::chart_data(slug, id, "svg"), pictures.wide.svg);
        out.add_text(paths::chart_narrow_picture(slug, id), pictures.narrow.svg);

        let path = paths::chart_page(slug, id);
        let mut page = Page::new(
            site,
            &path,
            format!("{} · Chart · {}", chart.title, article.meta.title),
            chart.caption.clone(),
        )
        .with_article_nav(article, ArticleTab::Figures, "../");
        page.plotly = plotly.clone();
        page.body_class = "page-figure";
        // Absolute when the site's address is known; otherwise the page's script fills it in.
        let absolute = |p: String| format!("{base}{p}");
        let (embed_url, page_url, image_url) = if base.is_empty() {
            (
                format!("../embed/{id}.html"),
                format!("{id}.html"),
                format!("../data/{id}.svg"),
            )
        } else {
            (
                absolute(paths::embed_page(slug, id)),
                absolute(paths::chart_page(slug, id)),
                absolute(paths::chart_data(slug, id, "svg")),
            )
        };
        let height = embed_height(chart);
        let title = chart.title.as_str();
        let template = FigureTemplate {
            page,
            article,
            chart,
            figure: figure_html(chart, article, rendered, "../", false),
            notes: chart_notes(chart, article),
            embed_code: render::render(&EmbedCode {
                embed_url: &embed_url,
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
                title,
            }),
            citation: crate::citations::cite_chart(
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
        );
        page.plotly = plotly.clone();
        page.body_class = "page-embed";
        page.lang = article.lang.clone();
        let plot_id = format!("plot-{id}");
        let label = format!("Interactive chart: {}", chart.title);
        let embed = EmbedTemplate {
            page,
            chart,
            plot: render::html(&PlotView {
                id: &plot_id,
                label: &label,
                json: &rendered.json,
                height: plot_height(chart),
            }),
            picture_height,
            source: &rendered.line,
            back: format!("../figures/{id}.html"),
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
    .with_article_nav(article, ArticleTab::Figures, "../");
    page.body_class = "page-gallery";
    out.add_text(
        path.clone(),
        render::render(&GalleryTemplate {
            page,
            article,
            charts: &article.charts,
            picture_heights,
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
