//! The whole site: every article loaded, then every page rendered.

use crate::article::{load_article, Article};
use crate::assets::assets;
use crate::charts::{self, load_charts};
use crate::citations;
use crate::config::SiteConfig;
use crate::diagnostics::Problems;
use crate::figures;
use crate::load::{ArticleFiles, ContentFiles};
use crate::output::SiteFiles;
use crate::render::{
    self, ArticleTab, ArticleTemplate, HomeCard, HomeTemplate, NotFoundTemplate, Page,
};
use crate::timeline::{check_against_article, load_timeline, render_timeline};

pub struct Site {
    pub config: SiteConfig,
    pub articles: Vec<Article>,
}

const FAVICON: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 32 32\"><rect width=\"32\" height=\"32\" rx=\"6\" fill=\"#1f4e79\"/><path d=\"M9 8h14v3H13v4h9v3h-9v4h10v3H9z\" fill=\"#fff\"/></svg>\n";

impl Site {
    /// Loads and checks every article (in parallel); problems are collected, not returned early,
    /// and reported in article order.
    pub fn load(config: SiteConfig, files: &ContentFiles, problems: &mut Problems) -> Site {
        let loaded = parallel_map(&files.articles, |files| {
            let mut found = Problems::default();
            let article = load_one(files, &config.language, &mut found);
            (article, found)
        });
        let mut articles = Vec::new();
        for (article, found) in loaded {
            problems.list.extend(found.list);
            articles.extend(article);
        }
        Site { config, articles }
    }

    /// Renders every page and asset.
    pub fn render(&self) -> SiteFiles {
        let mut out = SiteFiles::default();
        let a = assets();
        out.add(a.css.path.clone(), a.css.bytes);
        out.add(a.js.path.clone(), a.js.bytes);
        if self
            .articles
            .iter()
            .any(|a| a.timeline.is_some() || a.has_charts())
        {
            out.add(a.plotly.path.clone(), a.plotly.bytes);
        }
        out.add_text("favicon.svg", FAVICON.to_string());
        let mut pages = vec!["index.html".to_string()];
        let rendered = parallel_map(&self.articles, |article| {
            let mut files = SiteFiles::default();
            let pages = self.render_article(article, &mut files);
            (files, pages)
        });
        for (files, article_pages) in rendered {
            out.files.extend(files.files);
            pages.extend(article_pages);
        }
        self.render_home(&mut out);
        // A host serves 404.html for a missing address at any depth: with a base URL its links
        // are absolute; without one it carries its stylesheet and finds the home page itself.
        let mut notfound = Page::new(
            &self.config,
            "404.html",
            format!("Page not found · {}", self.config.title),
            "There is no page at this address.".into(),
        );
        notfound.root = self.config.base();
        let mut top_level: Vec<&str> = self.articles.iter().map(|a| a.slug.as_str()).collect();
        top_level.push("assets");
        out.add_text(
            "404.html",
            render::render(&NotFoundTemplate {
                page: notfound,
                css: std::str::from_utf8(a.css.bytes).unwrap_or_default(),
                top_level: top_level.join(" "),
            }),
        );
        // A sitemap needs absolute addresses: it is written only when the base URL is known.
        let mut robots = "User-agent: *\nAllow: /\n".to_string();
        if !self.config.base().is_empty() {
            out.add_text("sitemap.xml", render::sitemap(&self.config, &pages));
            robots.push_str(&format!("Sitemap: {}sitemap.xml\n", self.config.base()));
        }
        out.add_text("robots.txt", robots);
        out
    }

    fn render_home(&self, out: &mut SiteFiles) {
        let page = Page::new(
            &self.config,
            "index.html",
            self.config.title.clone(),
            self.config.description.clone(),
        );
        let articles = self
            .articles
            .iter()
            .map(|a| HomeCard {
                href: format!("{}/index.html", a.slug),
                title: a.meta.title.clone(),
                author: a.meta.author.clone(),
                publisher: a.meta.publisher.clone().unwrap_or_default(),
                summary: a.meta.summary.clone(),
                sources_href: format!("{}/sources.html", a.slug),
                source_count: a.sources.len(),
                timeline_href: format!("{}/timeline.html", a.slug),
                event_count: a.timeline.as_ref().map_or(0, |t| t.events.len()),
                figures_href: format!("{}/figures/index.html", a.slug),
                chart_count: a.charts.as_ref().map_or(0, |c| c.charts.len()),
            })
            .collect();
        let home = HomeTemplate {
            page,
            description: &self.config.description,
            articles,
        };
        out.add_text("index.html", render::render(&home));
    }

    /// Writes the article's pages; returns their paths for the sitemap.
    fn render_article(&self, article: &Article, out: &mut SiteFiles) -> Vec<String> {
        let slug = &article.slug;
        let path = format!("{slug}/index.html");
        let mut page = Page::new(
            &self.config,
            &path,
            format!("{} · {}", article.meta.title, self.config.title),
            render::meta_description(&article.meta.summary),
        )
        .with_article_nav(article, ArticleTab::Article, "");
        page.og_type = "article";
        page.body_class = "page-article";
        if article.has_charts() {
            page.plotly = assets().plotly.path.clone();
        }
        let template = ArticleTemplate {
            page,
            article,
            toc: render::toc(article),
            body: figures::place_charts(&article.body.html, article),
            cite_html: citations::cite_article_html(article, &self.config),
        };
        out.add_text(path.clone(), render::render(&template));
        let mut pages = vec![path];
        pages.extend(citations::render_sources_page(self, article, out));
        pages.extend(figures::render_figures(&self.config, article, out));
        if let Some(t) = &article.timeline {
            pages.push(render_timeline(&self.config, article, t, out));
        }
        pages
    }
}

fn load_one(files: &ArticleFiles, language: &str, problems: &mut Problems) -> Option<Article> {
    let timeline = files
        .timeline
        .as_ref()
        .and_then(|f| load_timeline(f, problems));
    let charts = files.charts.as_ref().and_then(|f| load_charts(f, problems));
    let article = load_article(files, language, timeline, charts, problems)?;
    charts::check_against_article(
        article.charts.as_ref(),
        &article,
        &files.article.path,
        problems,
    );
    if let (Some(t), Some(f)) = (&article.timeline, &files.timeline) {
        check_against_article(t, &article, &f.text, problems);
    }
    Some(article)
}

/// Maps `items` on every core, keeping their order (so builds stay deterministic).
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(|| part.iter().map(&f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}
