//! The pages of an article's charts: the figure placed in the article, a page per chart (data,
//! downloads, citation, embed code), an embed page per chart for iframes, and the gallery.

use askama::Template;
use serde_json::json;

use crate::article::Article;
use crate::chart_svg::chart_svg;
use crate::charts::{format_number, plot, Chart};
use crate::config::SiteConfig;
use crate::html::escape;
use crate::output::SiteFiles;
use crate::plots::plot_html_json;
use crate::render::{self, ArticleTab, Page};

/// A note a chart rests on, with the sources that note cites.
pub struct ChartNote {
    pub number: usize,
    pub text: String,
    pub sources: Vec<(String, String, String)>,
}

fn chart_notes(chart: &Chart, article: &Article) -> Vec<ChartNote> {
    chart
        .notes
        .iter()
        .filter_map(|l| article.note_by_label(l))
        .map(|n| ChartNote {
            number: n.number,
            text: n.text.clone(),
            sources: n
                .cites
                .iter()
                .chain(chart.sources.iter())
                .filter_map(|k| article.source(k))
                .map(|s| (s.key.clone(), s.title.clone(), s.lang.clone()))
                .collect(),
        })
        .collect()
}

/// One line naming the chart's sources, for hover labels, pictures and embeds.
pub fn source_line(chart: &Chart, article: &Article) -> String {
    let mut parts: Vec<String> = Vec::new();
    for note in chart_notes(chart, article) {
        let mut outlets: Vec<String> = Vec::new();
        for (key, _, _) in &note.sources {
            if let Some(s) = article.source(key) {
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

fn data_table(chart: &Chart) -> String {
    let mut t = format!(
        "<table class=\"chart-table\"><caption>{} ({})</caption>\n<thead><tr><th scope=\"col\">Category</th>",
        escape(&chart.title),
        escape(&chart.unit)
    );
    for s in &chart.series {
        t.push_str(&format!("<th scope=\"col\">{}</th>", escape(&s.name)));
    }
    t.push_str("</tr></thead>\n<tbody>\n");
    for (i, c) in chart.categories.iter().enumerate() {
        t.push_str(&format!("<tr><th scope=\"row\">{}</th>", escape(c)));
        for s in &chart.series {
            let derived = s.derived.get(i).copied().unwrap_or(false);
            t.push_str(&format!(
                "<td>{}{}</td>",
                format_number(s.values[i]),
                if derived {
                    " <abbr title=\"derived value\">(derived)</abbr>"
                } else {
                    ""
                }
            ));
        }
        t.push_str("</tr>\n");
    }
    t.push_str("</tbody></table>");
    t
}

/// The chart's source line and plot JSON (ready for a page), computed once per chart.
fn rendered<'a>(chart: &'a Chart, article: &Article) -> (&'a str, &'a str) {
    let (line, json) = chart.rendered.get_or_init(|| {
        let line = source_line(chart, article);
        let json = crate::html::script_json(&plot(chart, &line).to_json());
        (line, json)
    });
    (line, json)
}

/// The `<figure>` of a chart; `prefix` leads from the page to the article's folder.
pub fn figure_html(
    chart: &Chart,
    article: &Article,
    prefix: &str,
    with_title: bool,
    plot_id: &str,
) -> String {
    let (_, json) = rendered(chart, article);
    let height = if chart.kind == "hbar" {
        120 + 70 * chart.categories.len()
    } else {
        380
    };
    let mut html = format!(
        "<figure class=\"chart-figure\" id=\"chart-{id}\" aria-labelledby=\"chart-{id}-title\">\n",
        id = escape(&chart.id)
    );
    let title_tag = if with_title { "p" } else { "span" };
    html.push_str(&format!(
        "<{title_tag} class=\"chart-title{}\" id=\"chart-{}-title\">{}</{title_tag}>\n",
        if with_title { "" } else { " visually-hidden" },
        escape(&chart.id),
        escape(&chart.title)
    ));
    html.push_str(&plot_html_json(
        plot_id,
        &format!(
            "Interactive chart: {}. The data table follows.",
            chart.title
        ),
        json,
        height,
    ));
    html.push_str(&format!(
        "<img class=\"chart-fallback\" src=\"{prefix}data/{id}.svg\" alt=\"{}: a picture of the chart; the data table follows.\" width=\"800\" height=\"{}\" loading=\"lazy\">\n",
        escape(&chart.title),
        crate::chart_svg::chart_svg_height(chart),
        id = escape(&chart.id)
    ));
    html.push_str(&format!(
        "<details class=\"chart-data\" open><summary>Data table</summary>\n{}\n</details>\n",
        data_table(chart)
    ));
    html.push_str(&format!("<figcaption><p>{}</p>\n", escape(&chart.caption)));
    if let Some(d) = &chart.derived_note {
        html.push_str(&format!(
            "<p class=\"derived-note\"><span class=\"label\">Derived values</span> {}</p>\n",
            escape(d)
        ));
    }
    let notes = chart_notes(chart, article);
    if notes.is_empty() {
        html.push_str(
            "<p class=\"chart-source\">Source: the article's text (the passage has no note).</p>\n",
        );
    } else {
        let mut links = Vec::new();
        for n in &notes {
            let srcs: Vec<String> = n
                .sources
                .iter()
                .map(|(k, t, l)| {
                    format!(
                        "<a href=\"{prefix}sources.html#src-{}\" lang=\"{}\">{}</a>",
                        escape(k),
                        escape(l),
                        escape(t)
                    )
                })
                .collect();
            links.push(format!(
                "note <a href=\"{prefix}index.html#fn-{0}\">{0}</a> ({1})",
                n.number,
                srcs.join("; ")
            ));
        }
        html.push_str(&format!(
            "<p class=\"chart-source\">Source: {}.</p>\n",
            links.join("; ")
        ));
    }
    html.push_str(&format!(
        "<p class=\"chart-links\"><a href=\"{prefix}figures/{id}.html\">Chart page: data, downloads and embed code</a></p>\n</figcaption>\n</figure>\n",
        id = escape(&chart.id)
    ));
    html
}

/// Replaces the chart placeholders in the article body with the figures.
pub fn place_charts(body: &str, article: &Article) -> String {
    let mut html = body.to_string();
    if let Some(charts) = &article.charts {
        for c in &charts.charts {
            let placeholder = crate::markdown::chart_placeholder(&c.id);
            if html.contains(&placeholder) {
                html = html.replacen(
                    &placeholder,
                    &figure_html(c, article, "", true, &format!("plot-{}", c.id)),
                    1,
                );
            }
        }
    }
    html
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
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
                format_number(s.values[i]),
                csv_field(&chart.unit),
                s.derived.get(i).copied().unwrap_or(false)
            ));
        }
    }
    out
}

pub fn data_json(chart: &Chart, article: &Article) -> serde_json::Value {
    json!({
        "id": chart.id,
        "title": chart.title,
        "caption": chart.caption,
        "unit": chart.unit,
        "kind": chart.kind,
        "categories": chart.categories,
        "series": chart.series.iter().map(|s| json!({"name": s.name, "values": s.values, "derived": s.derived})).collect::<Vec<_>>(),
        "derived_note": chart.derived_note,
        "notes": chart_notes(chart, article).iter().map(|n| json!({"number": n.number, "text": n.text, "sources": n.sources.iter().map(|s| &s.0).collect::<Vec<_>>()})).collect::<Vec<_>>(),
        "source": rendered(chart, article).0,
        "article": {"title": article.meta.title, "author": article.meta.author, "publisher": article.meta.publisher},
    })
}

#[derive(Template)]
#[template(path = "figure.html")]
pub struct FigureTemplate<'a> {
    pub page: Page,
    pub article: &'a Article,
    pub chart: &'a Chart,
    pub figure: String,
    pub notes: Vec<ChartNote>,
    pub embed_url: String,
    pub embed_code: String,
    pub link_code: String,
    pub image_code: String,
    pub citation: String,
    pub height: usize,
}

#[derive(Template)]
#[template(path = "embed.html")]
pub struct EmbedTemplate<'a> {
    pub page: Page,
    pub chart: &'a Chart,
    pub plot: String,
    pub source: String,
    pub back: String,
}

#[derive(Template)]
#[template(path = "gallery.html")]
pub struct GalleryTemplate<'a> {
    pub page: Page,
    pub article: &'a Article,
    pub charts: &'a [Chart],
}

fn embed_height(chart: &Chart) -> usize {
    (if chart.kind == "hbar" {
        120 + 70 * chart.categories.len()
    } else {
        380
    }) + 150
}

/// Writes every chart page, embed page, data file and the gallery; returns the page paths.
pub fn render_figures(site: &SiteConfig, article: &Article, out: &mut SiteFiles) -> Vec<String> {
    let Some(charts) = article.charts.as_ref().filter(|c| !c.charts.is_empty()) else {
        return Vec::new();
    };
    let slug = &article.slug;
    let plotly = crate::assets::assets().plotly.path.clone();
    let mut pages = Vec::new();
    let base = site.base();
    for chart in &charts.charts {
        let (line, json) = rendered(chart, article);
        let line = line.to_string();
        out.add_text(format!("{slug}/data/{}.csv", chart.id), csv(chart));
        out.add_text(
            format!("{slug}/data/{}.json", chart.id),
            serde_json::to_string_pretty(&data_json(chart, article)).unwrap_or_default() + "\n",
        );
        out.add_text(
            format!("{slug}/data/{}.svg", chart.id),
            chart_svg(chart, &line),
        );

        let path = format!("{slug}/figures/{}.html", chart.id);
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
        let rel_embed = format!("../embed/{}.html", chart.id);
        let embed_url = if base.is_empty() {
            rel_embed.clone()
        } else {
            format!("{base}{slug}/embed/{}.html", chart.id)
        };
        let page_url = if base.is_empty() {
            format!("{}.html", chart.id)
        } else {
            format!("{base}{slug}/figures/{}.html", chart.id)
        };
        let image_url = if base.is_empty() {
            format!("../data/{}.svg", chart.id)
        } else {
            format!("{base}{slug}/data/{}.svg", chart.id)
        };
        let height = embed_height(chart);
        let embed_code = format!(
            "<iframe src=\"{embed_url}\" title=\"{title}\" width=\"100%\" height=\"{height}\" style=\"border:0;width:100%;max-width:860px;\" loading=\"lazy\"></iframe>\n<script>\n/* Lets the chart set its own height (optional: without it the chart keeps {height}px). */\nwindow.addEventListener(\"message\", function (e) {{\n  var d = e.data;\n  if (!d || d.type !== \"explainer:embed-height\") return;\n  document.querySelectorAll(\"iframe\").forEach(function (f) {{\n    if (f.contentWindow === e.source) f.style.height = Math.ceil(d.height) + \"px\";\n  }});\n}});\n</script>",
            title = escape(&chart.title).replace("&#39;", "'")
        );
        let link_code = format!(
            "<a href=\"{page_url}\">{} (interactive chart and data)</a>",
            escape(&chart.title)
        );
        let image_code = format!("<a href=\"{page_url}\"><img src=\"{image_url}\" alt=\"{}\" width=\"800\" style=\"max-width:100%;height:auto;\"></a>", escape(&chart.title));
        let url_text = if base.is_empty() {
            String::new()
        } else {
            format!(" {page_url}")
        };
        let citation = format!(
            "“{}.” Chart from the explainer edition of {}, “{}”{}. Data: {}{}",
            chart.title,
            article.meta.author,
            article.meta.title,
            article
                .meta
                .publisher
                .as_ref()
                .map(|p| format!(" (first published by {p})"))
                .unwrap_or_default(),
            line.trim_start_matches("Source: ")
                .split(". From")
                .next()
                .unwrap_or_default(),
            if url_text.is_empty() {
                ".".to_string()
            } else {
                format!(".{url_text}")
            }
        );
        let template = FigureTemplate {
            page,
            article,
            chart,
            figure: figure_html(chart, article, "../", false, &format!("plot-{}", chart.id)),
            notes: chart_notes(chart, article),
            embed_url,
            embed_code,
            link_code,
            image_code,
            citation,
            height,
        };
        out.add_text(path.clone(), render::render(&template));
        pages.push(path);

        let embed_path = format!("{slug}/embed/{}.html", chart.id);
        let mut page = Page::new(
            site,
            &embed_path,
            format!("{} · {}", chart.title, article.meta.title),
            chart.caption.clone(),
        );
        page.plotly = plotly.clone();
        page.body_class = "page-embed";
        page.lang = article.lang.clone();
        let embed = EmbedTemplate {
            page,
            chart,
            plot: plot_html_json(
                &format!("plot-{}", chart.id),
                &format!("Interactive chart: {}", chart.title),
                json,
                embed_height(chart) - 150,
            ),
            source: line,
            back: format!("../figures/{}.html", chart.id),
        };
        out.add_text(embed_path, render::render(&embed));
    }
    let path = format!("{slug}/figures/index.html");
    let mut page = Page::new(
        site,
        &path,
        format!("Charts · {}", article.meta.title),
        format!(
            "{} charts built from the figures quoted in “{}”.",
            charts.charts.len(),
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
            charts: &charts.charts,
        }),
    );
    pages.push(path);
    pages
}
