//! The citation index of an article (`sources.html`): one entry per source with every passage
//! that cites it, formatted citations to copy, and exports (BibTeX, RIS, CSL-JSON); and the
//! citations of the article itself and of its charts.

use askama::Template;
use serde_json::Value;

use crate::cite::rich::Rich;
use crate::cite::styles::{BuiltIn, CitationStyle};
use crate::emit::output::SiteFiles;
use crate::model::article::Article;
use crate::model::dates::PartialDate;
use crate::model::site::SiteConfig;
use crate::model::sources::{Name, Source, SourceType};
use crate::render::assets::Script;
use crate::render::{self, section_title, ArticleTab, Page};
use crate::{
    cite::export::ris, model::languages, parse::sources::bibtex, parse::sources::csl_json,
};

/// A passage of the article that cites a source.
pub(crate) struct Passage {
    pub note: usize,
    pub href: String,
    pub section: String,
    pub quote: String,
    /// Editor's notes on the citing note (a caveat on what the note cites).
    pub remarks: Vec<String>,
}

/// A formatted citation of a source in one style.
pub(crate) struct Formatted {
    /// For element ids: `cite-<key>-<id>`.
    pub id: String,
    pub label: String,
    pub text: Rich,
}

pub(crate) struct Entry<'a> {
    pub source: &'a Source,
    pub anchor: String,
    pub order: usize,
    pub issued: String,
    pub issued_display: String,
    pub accessed_display: String,
    pub notes: Vec<usize>,
    pub passages: Vec<Passage>,
    pub citations: Vec<Formatted>,
    pub category: String,
    pub category_label: String,
}

#[derive(Template)]
#[template(path = "sources.html")]
pub(crate) struct SourcesTemplate<'a> {
    pub page: Page,
    pub article: &'a Article,
    pub entries: Vec<Entry<'a>>,
    pub lede: String,
    pub languages: Vec<FilterOption>,
    pub kinds: Vec<FilterOption>,
}

/// The style the article is cited in: the article's `citation_style`, the site's, or Chicago.
pub(crate) fn primary_style(article: &Article, site: &SiteConfig) -> CitationStyle {
    article
        .citation_style
        .clone()
        .or_else(|| site.style.clone())
        .unwrap_or(CitationStyle::BuiltIn(BuiltIn::Chicago))
}

/// A source's full citation as plain text (printed under its notes): the first of the
/// citation index's styles that has an entry for it (Chicago lists no unsigned newspaper article
/// in a bibliography, for one).
pub(crate) fn print_citation(article: &Article, site: &SiteConfig, source: &Source) -> String {
    styles_for(article, site)
        .into_iter()
        .filter_map(|(style, _, _)| style.format(&[source]).into_iter().next())
        .map(|r| r.plain_text())
        .find(|t| !t.trim().is_empty())
        .unwrap_or_default()
}

/// The styles every entry is shown in: the primary style first, then Chicago, APA and MLA,
/// then the style of the original's notes where the article names one.
fn styles_for(article: &Article, site: &SiteConfig) -> Vec<(CitationStyle, String, String)> {
    let mut out: Vec<(CitationStyle, String, String)> = Vec::new();
    let mut add = |style: CitationStyle, label: String| {
        let id = style.id();
        if !out.iter().any(|(_, i, _)| *i == id) {
            out.push((style, id, label));
        }
    };
    let primary = primary_style(article, site);
    add(primary.clone(), primary.title());
    for b in [BuiltIn::Chicago, BuiltIn::Apa, BuiltIn::Mla] {
        add(CitationStyle::BuiltIn(b), b.title().to_string());
    }
    if let Some(original) = article
        .meta
        .original_notes_style
        .as_deref()
        .and_then(BuiltIn::from_id)
    {
        let style = CitationStyle::BuiltIn(original);
        let id = style.id();
        match out.iter_mut().find(|(_, i, _)| *i == id) {
            Some((_, _, label)) => label.push_str(", the style of the original's notes"),
            None => out.push((
                style,
                id,
                format!("{}, the style of the original's notes", original.title()),
            )),
        }
    }
    out
}

/// A value for an `id` or a URL fragment: the key, percent-encoding what a fragment may not
/// hold (keys are checked to be free of `#`, `%`, `<` and `>`, so this is rarely needed).
fn url_component(key: &str) -> String {
    let mut out = String::new();
    for b in key.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~:/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The opening sentence of the index, from the data: how many sources, notes and URLs.
fn lede(article: &Article, entries: &[Entry<'_>]) -> String {
    let sources = entries.len();
    let notes = article.body.notes.len();
    let with_url = entries.iter().filter(|e| e.source.link().is_some()).count();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let urls = match (with_url, sources) {
        (_, 0) => String::new(),
        (0, 1) => " It has no URL.".into(),
        (0, _) => " None of them has a URL.".into(),
        (n, s) if n == s && s == 1 => " It links to its URL.".into(),
        (n, s) if n == s => " Each links to its URL.".into(),
        (n, _) => format!(
            " {} a URL; the others say that none is given.",
            if n == 1 {
                "One has".to_string()
            } else {
                format!("{n} have")
            }
        ),
    };
    format!(
        "{} cited in {}.{urls}",
        plural(sources, "source", "sources"),
        plural(notes, "note", "notes"),
    )
}

/// A choice of the sources page's language and type filters, with how many sources it shows.
pub(crate) struct FilterOption {
    pub value: String,
    pub label: String,
    pub count: usize,
}

impl FilterOption {
    /// Counts one more source with `value` (adding the option, labelled, the first time).
    fn count(options: &mut Vec<FilterOption>, value: &str, label: impl FnOnce() -> String) {
        match options.iter_mut().find(|o| o.value == value) {
            Some(o) => o.count += 1,
            None => options.push(FilterOption {
                value: value.to_string(),
                label: label(),
                count: 1,
            }),
        }
    }
}

/// `cite/exports.js`: every source's BibTeX, RIS and CSL-JSON, loaded by the sources page's
/// script when a reader opens "Cite this source" (a script file, so it loads from file:// too).
#[derive(Template)]
#[template(path = "exports.js", escape = "none")]
struct ExportsScript {
    json: crate::model::html::ScriptJson,
}

/// Writes `sources.html` and the exports; returns the page paths.
pub(crate) fn render_sources_page(
    config: &SiteConfig,
    article: &Article,
    out: &mut SiteFiles,
) -> Vec<String> {
    let slug = &article.slug;
    let citations = article.citations();
    let styles = styles_for(article, config);
    let sources: Vec<&Source> = citations.iter().map(|(s, _)| *s).collect();
    let formatted: Vec<Vec<Rich>> = styles.iter().map(|(s, _, _)| s.format(&sources)).collect();
    let mut entries = Vec::new();
    let mut all_bib = String::new();
    let mut all_ris = String::new();
    let mut all_csl = Vec::new();
    // Each source's exports, for the page's script to load when a reader asks for one (they are
    // not needed to read the page, so they are not in it).
    let mut exports = serde_json::Map::new();
    for (order, (source, notes)) in citations.iter().enumerate() {
        let anchor = format!("src-{}", source.key);
        let mut passages = Vec::new();
        for note in notes {
            let remarks: Vec<String> = article
                .body
                .editor_notes
                .iter()
                .filter(|e| e.passage_id == format!("fn-{}", note.number))
                .map(|e| e.text.clone())
                .collect();
            for r in &note.refs {
                passages.push(Passage {
                    note: note.number,
                    // Lands on the marker (the article highlights its sentence); `from` lets the
                    // article offer a way back to this entry.
                    href: format!("index.html?from={}#{}", url_component(&source.key), r.id),
                    section: section_title(article, &r.section_id),
                    quote: r.quote.clone(),
                    remarks: remarks.clone(),
                });
            }
        }
        let bib = bibtex::entry(source);
        let ris_text = ris::record(source);
        let item = csl_json::item(source);
        all_bib.push_str(&bib);
        all_bib.push('\n');
        all_ris.push_str(&ris_text);
        let csl_text =
            serde_json::to_string_pretty(&Value::Array(vec![item.clone()])).unwrap_or_default();
        all_csl.push(item);
        exports.insert(
            source.key.clone(),
            serde_json::json!({"bib": bib, "ris": ris_text, "csl": csl_text}),
        );
        let citations = styles
            .iter()
            .zip(&formatted)
            .map(|((_, id, label), texts)| Formatted {
                id: id.clone(),
                label: label.clone(),
                text: texts[order].clone(),
            })
            .collect();
        let issued = source.issued_date();
        entries.push(Entry {
            source,
            anchor,
            order: order + 1,
            issued: issued.map(|d| d.iso()).unwrap_or_default(),
            issued_display: issued
                .map(|d: PartialDate| d.to_string())
                .unwrap_or_default(),
            accessed_display: source.accessed.map(|d| d.to_string()).unwrap_or_default(),
            notes: notes.iter().map(|n| n.number).collect(),
            passages,
            citations,
            category: crate::model::html::slugify(source.category_label()),
            category_label: source.category_label().to_string(),
        });
    }
    out.add_text(
        crate::model::paths::exports_script(slug),
        render::render(&ExportsScript {
            json: crate::model::html::script_json(&Value::Object(exports)),
        }),
    );
    out.add_text(format!("{slug}/cite/bibliography.bib"), all_bib);
    out.add_text(format!("{slug}/cite/bibliography.ris"), all_ris);
    out.add_text(
        format!("{slug}/cite/bibliography.json"),
        serde_json::to_string_pretty(&Value::Array(all_csl)).unwrap_or_default() + "\n",
    );

    let mut languages: Vec<FilterOption> = Vec::new();
    let mut kinds: Vec<FilterOption> = Vec::new();
    for e in &entries {
        FilterOption::count(&mut languages, &e.source.lang, || {
            languages::english_name(&e.source.lang)
        });
        FilterOption::count(&mut kinds, &e.category, || e.category_label.clone());
    }
    languages.sort_by(|a, b| a.value.cmp(&b.value));
    kinds.sort_by(|a, b| a.value.cmp(&b.value));
    let path = format!("{slug}/sources.html");
    let mut page = Page::new(
        config,
        &path,
        format!("Sources · {}", article.meta.title),
        format!("Every source cited in “{}”, with every passage that cites it and citations to copy or export.", article.meta.title),
    )
    .with_article_nav(article, ArticleTab::Sources, "")
    .with_script(Script::Sources);
    page.body_class = "page-sources";
    let template = SourcesTemplate {
        page,
        article,
        lede: lede(article, &entries),
        entries,
        languages,
        kinds,
    };
    out.add_text(path.clone(), render::render(&template));
    vec![path]
}

// ---------- Citing the article and its charts ----------

/// The URL of a page of the site when `base_url` is set.
fn absolute(site: &SiteConfig, path: &str) -> Option<String> {
    let base = site.base();
    (!base.is_empty()).then(|| format!("{base}{path}"))
}

/// "Vassily Kashin" as a name: "Family, Given" when written with a comma, else the last word
/// is the family name.
fn author_name(author: &str) -> Name {
    if let Some((family, given)) = author.split_once(',') {
        return Name::person(family.trim(), given.trim());
    }
    match author.trim().rsplit_once(' ') {
        Some((given, family)) => Name::person(family, given),
        None => Name::literal(author.trim()),
    }
}

/// The date the edition is cited with: `edition_date`, else `published`.
fn edition_date(article: &Article) -> Option<PartialDate> {
    article
        .meta
        .edition_date
        .as_deref()
        .or(article.meta.published.as_deref())
        .and_then(|d| crate::model::sources::parse_source_date(d).ok())
}

/// The article as a record: a web page of the site, with the original publisher named.
fn article_record(article: &Article, site: &SiteConfig) -> Source {
    let mut s = Source::new(&article.slug, SourceType::Webpage);
    s.title = article.meta.title.clone();
    s.title_supplied = article.meta.title_supplied;
    s.lang = article.lang.clone();
    s.authors = vec![author_name(&article.meta.author)];
    s.container_title = Some(site.title.clone());
    s.genre = article
        .meta
        .publisher
        .as_ref()
        .map(|p| format!("Explainer edition of an article first published by {p}"));
    s.issued = edition_date(article);
    s.url = absolute(site, &format!("{}/", article.slug));
    s
}

/// A citation ready for a page: the formatted text and its BibTeX.
pub(crate) struct CiteBlock {
    pub style: String,
    pub text: Rich,
    pub bibtex: String,
}

fn cite(article: &Article, site: &SiteConfig, record: &Source) -> CiteBlock {
    let style = primary_style(article, site);
    let text = style.format(&[record]).pop().unwrap_or_default();
    CiteBlock {
        style: style.title(),
        text,
        bibtex: bibtex::entry(record),
    }
}

#[derive(Template)]
#[template(path = "cite_article.html")]
struct CiteArticleTemplate {
    cite: CiteBlock,
}

/// "Cite this article": the formatted citation (in the article's style) and BibTeX.
pub(crate) fn cite_article_html(article: &Article, site: &SiteConfig) -> crate::model::html::Html {
    let record = article_record(article, site);
    render::html(&CiteArticleTemplate {
        cite: cite(article, site, &record),
    })
}

/// "Cite this chart": a chart of the article as a web page of the site, in the article's
/// style. `page` is the chart page's path from the site root (`<slug>/figures/<id>.html`).
pub(crate) fn cite_chart(
    article: &Article,
    site: &SiteConfig,
    title: &str,
    page: &str,
) -> CiteBlock {
    let mut record = article_record(article, site);
    record.key = format!("{}-{}", article.slug, crate::model::html::slugify(title));
    record.title = title.to_string();
    record.title_supplied = false;
    record.authors = Vec::new();
    record.genre = Some(format!(
        "Chart of figures in {}, “{}”{}",
        article.meta.author,
        article.meta.title,
        if article.meta.title_supplied {
            " [title supplied by the editors]"
        } else {
            ""
        }
    ));
    record.url = absolute(site, page);
    cite(article, site, &record)
}

/// Checks the front-matter fields about citations and resolves the article's citation style.
/// `front` is the front matter's text, which starts on line 2 of `path`.
pub(crate) fn check_front_matter(
    meta: &crate::model::article::FrontMatter,
    path: &std::path::Path,
    front: &str,
    problems: &mut crate::diag::Problems,
) -> Option<CitationStyle> {
    let positions = crate::diag::Assignments::new(front);
    let at = |field: &str, value: &str| {
        let (line, column) = positions.find(field, value);
        (line + 1, column)
    };
    if let Some(d) = &meta.edition_date {
        if let Err(e) = crate::model::sources::parse_source_date(d) {
            problems.error(
                path,
                at("edition_date", d),
                format!("edition_date {e}"),
                "write the date of this edition as YYYY-MM-DD",
            );
        }
    }
    if let Some(o) = &meta.original_notes_style {
        if BuiltIn::from_id(o).is_none() {
            problems.error(
                path,
                at("original_notes_style", o),
                format!("`{o}` is not one of the built-in styles"),
                "write chicago, apa, mla or gost",
            );
        }
    }
    let name = meta.citation_style.as_deref()?;
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    // The article is content/articles/<slug>/article.md: the content folder is three up.
    let root = path.ancestors().nth(3).unwrap_or(dir);
    crate::cite::styles::resolve(
        name,
        dir,
        root,
        (path, at("citation_style", name)),
        problems,
    )
}
