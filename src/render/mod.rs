//! Render phase: pure functions from resolved articles to pages. One askama template per page
//! kind, and the chrome every page shares.

pub mod assets;
pub(crate) mod body;
pub(crate) mod figure;
pub(crate) mod pages;
pub(crate) mod search;

use askama::Template;

use crate::model::article::Article;
use crate::model::site::SiteConfig;
use crate::model::sources::Source;
use crate::model::timeline::Theme;
use crate::render::assets::{assets, Script};

/// A link in the page's navigation bar.
pub(crate) struct NavItem {
    pub href: String,
    pub label: String,
    pub current: bool,
}

/// What every page's `<head>`, header and footer need.
pub(crate) struct Page {
    pub title: String,
    pub description: String,
    /// Relative path from the page to the site root ("" or "../"): links work under any sub-path
    /// and from file://.
    pub root: String,
    pub lang: String,
    pub canonical: String,
    pub css: String,
    /// The page's script (see [`Script`]); empty on pages without one.
    pub js: String,
    /// plotly.js, only on pages with charts (loaded when a chart is about to be seen).
    pub plotly: String,
    /// The search box's loader (empty: no search box, as on the 404 page, whose depth is unknown).
    pub search: String,
    pub search_js: String,
    pub search_css: String,
    pub site_title: String,
    pub nav: Vec<NavItem>,
    pub og_type: &'static str,
    pub body_class: &'static str,
    pub footer: String,
}

/// The article pages an article has, for the navigation bar.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum ArticleTab {
    Article,
    Sources,
    Timeline,
    Figures,
}

impl Page {
    /// A page at `path` (relative to the output root, `/`-separated).
    pub(crate) fn new(site: &SiteConfig, path: &str, title: String, description: String) -> Page {
        let depth = path.matches('/').count();
        let a = assets();
        let canonical = if site.base().is_empty() {
            String::new()
        } else {
            format!(
                "{}{}",
                site.base(),
                path.strip_suffix("index.html").unwrap_or(path)
            )
        };
        Page {
            title,
            description,
            root: "../".repeat(depth),
            lang: site.language.clone(),
            canonical,
            css: a.css.path.clone(),
            js: String::new(),
            plotly: String::new(),
            search: a.search_boot.path.clone(),
            search_js: a.search_js.path.clone(),
            search_css: a.search_css.path.clone(),
            site_title: site.title.clone(),
            nav: Vec::new(),
            og_type: "website",
            body_class: "",
            footer: format!("{} · built with explainer", site.title),
        }
    }

    /// The script this kind of page runs.
    pub(crate) fn with_script(mut self, script: Script) -> Page {
        self.js = assets().script(script).path.clone();
        self
    }

    /// Adds the article's tabs (pages of the same folder) to the navigation bar.
    pub(crate) fn with_article_nav(
        mut self,
        article: &Article,
        current: ArticleTab,
        prefix: &str,
    ) -> Page {
        let has_timeline = article.timeline.is_some();
        let has_figures = article.has_charts();
        let mut tabs = vec![
            (ArticleTab::Article, "index.html", "Article"),
            (ArticleTab::Sources, "sources.html", "Sources"),
        ];
        if has_timeline {
            tabs.push((ArticleTab::Timeline, "timeline.html", "Timeline"));
        }
        if has_figures {
            tabs.push((ArticleTab::Figures, "figures/index.html", "Charts"));
        }
        self.nav = tabs
            .into_iter()
            .map(|(tab, href, label)| NavItem {
                href: format!("{prefix}{href}"),
                label: label.to_string(),
                current: tab == current,
            })
            .collect();
        self.footer = match &article.meta.publisher {
            Some(p) => format!("“{}” by {}, first published by {p}. Explainer edition with notes, sources, timeline and charts.", article.meta.title, article.meta.author),
            None => format!("“{}” by {}.", article.meta.title, article.meta.author),
        };
        self.lang = article.lang.clone();
        self
    }
}

pub(crate) struct HomeCard {
    pub href: String,
    pub title: String,
    pub author: String,
    pub publisher: String,
    pub summary: String,
    pub sources_href: String,
    pub source_count: usize,
    pub timeline_href: String,
    pub event_count: usize,
    pub figures_href: String,
    pub chart_count: usize,
}

#[derive(Template)]
#[template(path = "home.html")]
pub(crate) struct HomeTemplate<'a> {
    pub page: Page,
    pub description: &'a str,
    pub articles: Vec<HomeCard>,
}

#[derive(Template)]
#[template(path = "notfound.html")]
pub(crate) struct NotFoundTemplate {
    pub page: Page,
    /// The stylesheet, inlined when the page's root is unknown (no base URL): a host serves
    /// 404.html for a missing address at any depth, where relative links would miss.
    pub css: &'static str,
    /// The names at the top of the site (article folders, `assets`), space-separated: the
    /// page's script finds the site's folder in a missing address by them.
    pub top_level: String,
}

/// A source a chart or an event cites, linked to its entry on the sources page.
pub(crate) struct SourceLink<'a> {
    pub key: &'a str,
    pub title: &'a str,
    pub lang: &'a str,
}

impl<'a> SourceLink<'a> {
    pub(crate) fn of(source: &'a Source) -> SourceLink<'a> {
        SourceLink {
            key: &source.key,
            title: &source.title,
            lang: &source.lang,
        }
    }
}

/// A theme of the timeline with the number of its events (the filter's label).
pub(crate) struct ThemeCount {
    pub theme: Theme,
    pub count: usize,
}

pub(crate) struct TocLink {
    pub id: String,
    pub title: String,
    pub level: u8,
}

/// A source's citation as printed under a note.
pub(crate) struct PrintCitation {
    pub text: String,
    pub has_url: bool,
}

/// A note in the notes list.
pub(crate) struct NoteView<'a> {
    pub number: usize,
    pub html: crate::model::html::Html,
    pub refs: &'a [crate::model::article::NoteRef],
    /// The full citation of each source it cites (shown in print).
    pub print: Vec<PrintCitation>,
}

#[derive(Template)]
#[template(path = "article.html")]
pub(crate) struct ArticleTemplate<'a> {
    pub page: Page,
    pub article: &'a Article,
    pub toc: Vec<TocLink>,
    pub body: crate::model::html::Html,
    pub notes: Vec<NoteView<'a>>,
    pub cite_html: crate::model::html::Html,
}

/// The table of contents: "Introduction" for text before the first heading, then the headings.
pub(crate) fn toc(article: &Article) -> Vec<TocLink> {
    let mut out = Vec::new();
    if article
        .body
        .paragraphs
        .first()
        .is_some_and(|p| p.section_id == "intro")
    {
        out.push(TocLink {
            id: "intro".into(),
            title: "Introduction".into(),
            level: 2,
        });
    }
    out.extend(article.body.toc.iter().map(|t| TocLink {
        id: t.id.clone(),
        title: t.title.clone(),
        level: t.level,
    }));
    out
}

/// The title of the section an anchor belongs to.
pub(crate) fn section_title(article: &Article, section_id: &str) -> String {
    article.section_title(section_id)
}

/// Renders a template into markup for another template.
pub(crate) fn html<T: Template>(template: &T) -> crate::model::html::Html {
    crate::model::html::Html::from_renderer(render(template))
}

/// A page's meta description: the first sentence of `summary`, cut at a word to at most 160
/// characters (what search results and link previews show).
pub(crate) fn meta_description(summary: &str) -> String {
    const MAX: usize = 160;
    let text = summary.split_whitespace().collect::<Vec<_>>().join(" ");
    let end = text
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '?' | '!') && text[i + 1..].starts_with(' '))
        .map_or(text.len(), |(i, _)| i + 1);
    let sentence = &text[..end];
    if sentence.chars().count() <= MAX {
        return sentence.to_string();
    }
    let cut: String = sentence.chars().take(MAX - 1).collect();
    let cut = cut.rfind(' ').map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

thread_local! {
    /// Templates that failed on this thread since [`take_template_errors`] last looked.
    static TEMPLATE_ERRORS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Renders a template. askama fails only when a value's formatting fails; the failure is kept
/// for [`take_template_errors`], which fails the build, and the page is left empty.
pub(crate) fn render<T: Template>(template: &T) -> String {
    template.render().unwrap_or_else(|e| {
        let name = std::any::type_name::<T>().rsplit("::").next().unwrap_or("");
        TEMPLATE_ERRORS.with(|t| t.borrow_mut().push(format!("{name}: {e}")));
        String::new()
    })
}

/// The templates that failed on this thread since the last call (each article renders on one
/// thread, so the pipeline asks after each).
pub(crate) fn take_template_errors() -> Vec<String> {
    TEMPLATE_ERRORS.with(|t| std::mem::take(&mut *t.borrow_mut()))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Failing;

    impl std::fmt::Display for Failing {
        fn fmt(&self, _: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            Err(std::fmt::Error)
        }
    }

    #[derive(Template)]
    #[template(source = "<p>{{ value }}</p>", ext = "html")]
    struct Page {
        value: Failing,
    }

    #[test]
    fn a_failing_template_is_kept_for_the_build_to_report() {
        assert!(take_template_errors().is_empty());
        assert_eq!(render(&Page { value: Failing }), "");
        let errors = take_template_errors();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with("Page: "), "{errors:?}");
        assert!(take_template_errors().is_empty());
    }
}
