//! Every page and file of one article: the article page, its sources page and exports, its
//! timeline, and its charts' pages, embeds and data.

use crate::emit::output::SiteFiles;
use crate::model::article::Article;
use crate::model::paths;
use crate::model::site::SiteConfig;
use crate::render::assets::assets;
use crate::render::assets::Script;
use crate::render::body::{body_html, note_html, Ctx};
use crate::render::pages::figures;
use crate::render::pages::sources;
use crate::render::pages::timeline::render_timeline;
use crate::render::{self, ArticleTab, ArticleTemplate, NoteView, Page, PrintCitation};

/// What the site-wide pages (home, sitemap) need to know of an article once it is written.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct ArticleSummary {
    pub slug: String,
    pub title: String,
    pub author: String,
    pub publisher: Option<String>,
    pub summary: String,
    pub source_count: usize,
    pub event_count: usize,
    pub chart_count: usize,
    /// Its pages, for the sitemap.
    pub pages: Vec<String>,
    /// Whether its pages load plotly.js.
    pub plots: bool,
}

/// Renders all of one article's files; returns them with the article's summary.
pub(crate) fn render_article(
    config: &SiteConfig,
    article: &Article,
) -> (SiteFiles, ArticleSummary) {
    let mut out = SiteFiles::default();
    let slug = &article.slug;
    let path = paths::article_page(slug);
    let mut page = Page::new(
        config,
        &path,
        format!("{} · {}", article.meta.title, config.title),
        render::meta_description(&article.meta.summary),
    )
    .with_article_nav(article, ArticleTab::Article, "")
    .with_script(Script::Article);
    page.og_type = "article";
    page.body_class = "page-article";
    if article.has_charts() {
        page.plotly = assets().plotly.path.clone();
    }
    // Each chart's source line and plot, made once for the article, its page and its embed.
    let charts: Vec<figures::ChartRender> = article
        .charts
        .iter()
        .map(|c| figures::ChartRender::new(c, article))
        .collect();
    let template = ArticleTemplate {
        page,
        article,
        toc: render::toc(article),
        body: body_html(article, &|i| {
            figures::figure_html(&article.charts[i], article, &charts[i], "", true)
        }),
        notes: article
            .body
            .notes
            .iter()
            .map(|n| NoteView {
                number: n.number,
                html: note_html(Ctx::article_page(article), n),
                refs: &n.refs,
                print: n
                    .cites
                    .iter()
                    .filter_map(|k| article.source(k))
                    .map(|s| PrintCitation {
                        text: sources::print_citation(article, config, s),
                        has_url: s.link().is_some(),
                    })
                    .collect(),
            })
            .collect(),
        cite_html: sources::cite_article_html(article, config),
    };
    out.add_text(path.clone(), render::render(&template));
    let mut pages = vec![path];
    pages.extend(sources::render_sources_page(config, article, &mut out));
    pages.extend(figures::render_figures(config, article, &charts, &mut out));
    if let Some(t) = &article.timeline {
        pages.push(render_timeline(config, article, t, &mut out));
    }
    let summary = ArticleSummary {
        slug: slug.clone(),
        title: article.meta.title.clone(),
        author: article.meta.author.clone(),
        publisher: article.meta.publisher.clone(),
        summary: article.meta.summary.clone(),
        source_count: article.sources.len(),
        event_count: article.timeline.as_ref().map_or(0, |t| t.events.len()),
        chart_count: article.charts.len(),
        pages,
        plots: article.timeline.is_some() || article.has_charts(),
    };
    (out, summary)
}
