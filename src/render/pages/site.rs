//! The site-wide files: the home page, 404, sitemap, robots.txt, the favicon and the assets.

use askama::Template;

use crate::emit::output::SiteFiles;
use crate::model::site::SiteConfig;
use crate::render::assets::assets;
use crate::render::pages::article::ArticleSummary;
use crate::render::{self, HomeCard, HomeTemplate, NotFoundTemplate, Page};

const FAVICON: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/static/favicon.svg"));

#[derive(Template)]
#[template(path = "sitemap.xml")]
struct Sitemap<'a> {
    base: &'a str,
    locations: Vec<&'a str>,
}

/// Renders the files every site has, from the summaries of its articles.
pub(crate) fn render_site_pages(config: &SiteConfig, articles: &[ArticleSummary]) -> SiteFiles {
    let mut out = SiteFiles::default();
    let a = assets();
    out.add(a.css.path.clone(), a.css.bytes);
    for script in &a.scripts {
        out.add(script.path.clone(), script.bytes);
    }
    if articles.iter().any(|a| a.plots) {
        out.add(a.plotly.path.clone(), a.plotly.bytes);
    }
    out.add("favicon.svg", FAVICON.as_bytes());
    let page = Page::new(
        config,
        "index.html",
        config.title.clone(),
        config.description.clone(),
    );
    let cards = articles
        .iter()
        .map(|a| HomeCard {
            href: format!("{}/index.html", a.slug),
            title: a.title.clone(),
            author: a.author.clone(),
            publisher: a.publisher.clone().unwrap_or_default(),
            summary: a.summary.clone(),
            sources_href: format!("{}/sources.html", a.slug),
            source_count: a.source_count,
            timeline_href: format!("{}/timeline.html", a.slug),
            event_count: a.event_count,
            figures_href: format!("{}/figures/index.html", a.slug),
            chart_count: a.chart_count,
        })
        .collect();
    out.add_text(
        "index.html",
        render::render(&HomeTemplate {
            page,
            description: &config.description,
            articles: cards,
        }),
    );
    // A host serves 404.html for a missing address at any depth: with a base URL its links are
    // absolute; without one it carries its stylesheet and finds the home page itself.
    let base = config.base();
    let mut notfound = Page::new(
        config,
        "404.html",
        format!("Page not found · {}", config.title),
        "There is no page at this address.".into(),
    );
    notfound.root = base.clone();
    notfound.search.clear();
    let mut top_level: Vec<&str> = articles.iter().map(|a| a.slug.as_str()).collect();
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
    if !base.is_empty() {
        let mut locations = vec!["index.html"];
        locations.extend(
            articles
                .iter()
                .flat_map(|a| a.pages.iter().map(String::as_str)),
        );
        let locations = locations
            .into_iter()
            .map(|p| p.strip_suffix("index.html").unwrap_or(p))
            .collect();
        out.add_text(
            "sitemap.xml",
            render::render(&Sitemap {
                base: &base,
                locations,
            }),
        );
        robots.push_str(&format!("Sitemap: {base}sitemap.xml\n"));
    }
    out.add_text("robots.txt", robots);
    out
}
