//! The citation index of an article: one entry per source with every passage that cites it,
//! formatted citations to copy, and exports (BibTeX, RIS, CSL-JSON).
//!
//! The formatters are written here rather than taken from a citation library because every record
//! carries two titles (original script + English translation) and a date "as written"; the
//! libraries looked at (hayagriva, citationberg) have no field for a title translation, so the
//! translation would have been lost from every export.

use askama::Template;
use serde_json::{json, Value};

use crate::article::Article;
use crate::config::SiteConfig;
use crate::dates::PartialDate;
use crate::html::escape;
use crate::output::SiteFiles;
use crate::render::{self, section_title, ArticleTab, Page};
use crate::sources::Source;

/// A passage of the article that cites a source.
pub struct Passage {
    pub note: usize,
    pub href: String,
    pub section: String,
    pub quote: String,
}

pub struct Entry<'a> {
    pub source: &'a Source,
    pub order: usize,
    pub issued: String,
    pub issued_display: String,
    pub notes: Vec<usize>,
    pub passages: Vec<Passage>,
    pub chicago: String,
    pub apa: String,
    pub gost: String,
    /// The source's own exports, shown in the page (copy, or download through the script).
    pub bibtex: String,
    pub ris: String,
    pub csl: String,
}

#[derive(Template)]
#[template(path = "sources.html")]
pub struct SourcesTemplate<'a> {
    pub page: Page,
    pub article: &'a Article,
    pub entries: Vec<Entry<'a>>,
    pub languages: Vec<(String, usize)>,
    pub kinds: Vec<(String, String, usize)>,
}

fn year(s: &Source) -> Option<i32> {
    s.issued_date().map(|d| d.year)
}

fn authors_list(s: &Source) -> String {
    s.authors.join(", ")
}

fn english_bracket(s: &Source) -> String {
    match &s.title_en {
        Some(t) if !s.is_english() => format!(" [{t}]"),
        _ => String::new(),
    }
}

/// A notes-style citation (Chicago, full note).
pub fn chicago(s: &Source) -> String {
    let mut out = String::new();
    if !s.authors.is_empty() {
        out.push_str(&format!("{}, ", authors_list(s)));
    }
    out.push_str(&format!("“{}”{}", s.title, english_bracket(s)));
    if let Some(o) = &s.outlet {
        out.push_str(&format!(", {o}"));
    }
    match s.issued_date() {
        Some(d) => out.push_str(&format!(", {d}")),
        None => out.push_str(", n.d."),
    }
    end_sentence(&mut out);
    if let Some(u) = s.link() {
        out.push_str(&format!(" {u}."));
    }
    out
}

/// Ends a citation with a full stop, unless it already ends with one ("г.", "n.d.").
fn end_sentence(text: &mut String) {
    if !text.ends_with('.') {
        text.push('.');
    }
}

/// An author-date reference-list entry in APA 7 style (checked against the CSL APA style in
/// `cite_check`).
pub fn apa(s: &Source) -> String {
    // Reports are dated by year alone; periodicals and web documents by the full date.
    let year_only = matches!(
        s.kind.as_str(),
        "think-tank" | "central-bank" | "report" | "book"
    );
    let date = match s.issued_date() {
        Some(d) if year_only => d.year.to_string(),
        Some(d) => match (d.month, d.day, d.precision) {
            (Some(m), Some(day), crate::dates::Precision::Day) => {
                format!("{}, {} {day}", d.year, month_name(m))
            }
            (Some(m), _, crate::dates::Precision::Month) => {
                format!("{}, {}", d.year, month_name(m))
            }
            _ => d.year.to_string(),
        },
        None => "n.d.".to_string(),
    };
    let title = format!("{}{}", s.title, english_bracket(s));
    let mut out = if s.authors.is_empty() {
        format!("{title}. ({date}).")
    } else {
        format!("{} ({date}). {title}.", apa_authors(&s.authors))
    };
    if let Some(o) = &s.outlet {
        out.push_str(&format!(" {o}."));
    }
    if let Some(u) = s.link() {
        out.push_str(&format!(" {u}"));
    }
    out
}

/// APA's list of authors: "A, B, & C" (and "A, & B").
fn apa_authors(authors: &[String]) -> String {
    match authors {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{}, & {last}", rest.join(", ")),
    }
}

/// A citation in the style of GOST R 7.0.5 (as the original's notes are written).
pub fn gost(s: &Source) -> String {
    let mut out = String::new();
    if !s.authors.is_empty() {
        out.push_str(&format!("{} ", authors_list(s)));
    }
    out.push_str(&s.title);
    if let Some(o) = &s.outlet {
        out.push_str(&format!(" // {o}"));
    }
    if let Some(d) = &s.date {
        out.push_str(&format!(", {d}"));
    } else if let Some(y) = year(s) {
        out.push_str(&format!(", {y}"));
    }
    end_sentence(&mut out);
    if let Some(u) = s.link() {
        out.push_str(&format!(" URL: {u}"));
    }
    out
}

fn month_name(m: u8) -> &'static str {
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ][usize::from(m.clamp(1, 12)) - 1]
}

fn bibtex_escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c => out.push(c),
        }
    }
    out
}

fn language_name(lang: &str) -> &str {
    match lang.split('-').next().unwrap_or(lang) {
        "en" => "english",
        "ru" => "russian",
        "zh" => "chinese",
        "fr" => "french",
        "de" => "german",
        other => other,
    }
}

/// One BibTeX (biblatex-compatible) entry.
pub fn bibtex(s: &Source) -> String {
    let kind = match s.kind.as_str() {
        "journal" | "magazine" | "newspaper" | "news-agency" | "business-media"
        | "industry-media" => "article",
        "report" | "think-tank" | "central-bank" => "report",
        "book" => "book",
        _ => "misc",
    };
    let mut fields: Vec<(&str, String)> = Vec::new();
    if !s.authors.is_empty() {
        fields.push(("author", s.authors.join(" and ")));
    }
    fields.push(("title", s.title.clone()));
    if let Some(t) = &s.title_en {
        if !s.is_english() {
            fields.push(("titleaddon", format!("[{t}]")));
        }
    }
    if let Some(o) = &s.outlet {
        let field = match kind {
            "article" => "journaltitle",
            "report" => "institution",
            _ => "howpublished",
        };
        fields.push((field, o.clone()));
        if kind == "article" {
            fields.push(("journal", o.clone()));
        }
    }
    if let Some(d) = s.issued_date() {
        fields.push(("date", d.iso()));
        fields.push(("year", d.year.to_string()));
        if let Some(m) = d
            .month
            .filter(|_| d.precision >= crate::dates::Precision::Month)
        {
            fields.push(("month", m.to_string()));
        }
    }
    fields.push(("langid", language_name(&s.lang).to_string()));
    if let Some(u) = s.link() {
        fields.push(("url", u.to_string()));
    }
    let mut note = Vec::new();
    if s.link().is_none() {
        note.push("No URL in the original".to_string());
    }
    if let Some(n) = &s.note {
        note.push(n.clone());
    }
    if !note.is_empty() {
        fields.push(("note", note.join(". ")));
    }
    let body: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("  {k} = {{{}}}", bibtex_escape(v)))
        .collect();
    format!("@{kind}{{{},\n{}\n}}\n", s.key, body.join(",\n"))
}

fn ris_escape(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

/// One RIS record.
pub fn ris(s: &Source) -> String {
    let ty = match s.kind.as_str() {
        "newspaper" | "news-agency" | "business-media" | "industry-media" => "NEWS",
        "magazine" => "MGZN",
        "journal" => "JOUR",
        "official-document" | "party-document" => "GOVDOC",
        "report" | "think-tank" | "central-bank" => "RPRT",
        "press-release" => "PRESS",
        "book" => "BOOK",
        _ => "ELEC",
    };
    let mut lines = vec![format!("TY  - {ty}"), format!("ID  - {}", s.key)];
    for a in &s.authors {
        lines.push(format!("AU  - {}", ris_escape(a)));
    }
    lines.push(format!("TI  - {}", ris_escape(&s.title)));
    if let (Some(t), false) = (&s.title_en, s.is_english()) {
        lines.push(format!("TT  - {}", ris_escape(t)));
    }
    if let Some(o) = &s.outlet {
        lines.push(format!("T2  - {}", ris_escape(o)));
    }
    if let Some(d) = s.issued_date() {
        lines.push(format!("PY  - {}", d.year));
        let m = d
            .month
            .filter(|_| d.precision >= crate::dates::Precision::Month)
            .map(|m| format!("{m:02}"))
            .unwrap_or_default();
        let day = d.day.map(|x| format!("{x:02}")).unwrap_or_default();
        lines.push(format!("DA  - {}/{m}/{day}/", d.year));
    }
    lines.push(format!("LA  - {}", s.lang));
    match s.link() {
        Some(u) => lines.push(format!("UR  - {u}")),
        None => lines.push("N1  - No URL in the original".into()),
    }
    if let Some(n) = &s.note {
        lines.push(format!("N1  - {}", ris_escape(n)));
    }
    lines.push("ER  - ".into());
    lines.join("\r\n") + "\r\n"
}

/// One CSL-JSON item.
pub fn csl(s: &Source) -> Value {
    let ty = match s.kind.as_str() {
        "newspaper" | "news-agency" | "business-media" | "industry-media" => "article-newspaper",
        "magazine" => "article-magazine",
        "journal" => "article-journal",
        "report" | "think-tank" | "central-bank" => "report",
        "book" => "book",
        "official-document" | "party-document" => "document",
        _ => "webpage",
    };
    let mut item = json!({
        "id": s.key,
        "type": ty,
        "title": s.title,
        "language": s.lang,
    });
    if !s.authors.is_empty() {
        item["author"] = Value::Array(s.authors.iter().map(|a| json!({ "literal": a })).collect());
    }
    if let Some(o) = &s.outlet {
        item["container-title"] = json!(o);
    }
    if let Some(d) = s.issued_date() {
        let mut parts = vec![json!(d.year)];
        if let Some(m) = d
            .month
            .filter(|_| d.precision >= crate::dates::Precision::Month)
        {
            parts.push(json!(m));
            if let Some(day) = d.day {
                parts.push(json!(day));
            }
        }
        item["issued"] = json!({ "date-parts": [parts] });
    }
    let mut notes = Vec::new();
    if let (Some(t), false) = (&s.title_en, s.is_english()) {
        notes.push(format!("English title: {t}"));
    }
    match s.link() {
        Some(u) => item["URL"] = json!(u),
        None => notes.push("No URL in the original".into()),
    }
    if let Some(n) = &s.note {
        notes.push(n.clone());
    }
    if !notes.is_empty() {
        item["note"] = json!(notes.join("\n"));
    }
    item
}

fn article_url(article: &Article, site: &SiteConfig) -> String {
    if site.base().is_empty() {
        String::new()
    } else {
        format!("{}{}/", site.base(), article.slug)
    }
}

/// "Cite this article": formatted citation and BibTeX for the explainer edition.
pub fn cite_article_html(article: &Article, site: &SiteConfig) -> String {
    let url = article_url(article, site);
    let publisher = article.meta.publisher.clone().unwrap_or_default();
    let mut formatted = format!("{}. “{}.”", article.meta.author, article.meta.title);
    if !publisher.is_empty() {
        formatted.push_str(&format!(" First published by {publisher}."));
    }
    formatted.push_str(&format!(" Explainer edition, {}.", site.title));
    if !url.is_empty() {
        formatted.push_str(&format!(" {url}."));
    }
    let mut fields = vec![
        ("author", article.meta.author.clone()),
        ("title", article.meta.title.clone()),
    ];
    if !publisher.is_empty() {
        fields.push(("organization", publisher));
    }
    if let Some(p) = &article.meta.published {
        fields.push(("date", p.clone()));
    }
    fields.push(("howpublished", format!("Explainer edition, {}", site.title)));
    if !url.is_empty() {
        fields.push(("url", url));
    }
    let bib = format!(
        "@online{{{},\n{}\n}}",
        article.slug,
        fields
            .iter()
            .map(|(k, v)| format!("  {k} = {{{}}}", bibtex_escape(v)))
            .collect::<Vec<_>>()
            .join(",\n")
    );
    format!(
        "<p class=\"cite-formatted\" id=\"cite-article-text\">{}</p>\n<p><button type=\"button\" class=\"copy\" data-copy=\"cite-article-text\">Copy citation</button> <button type=\"button\" class=\"copy\" data-copy=\"cite-article-bib\">Copy BibTeX</button></p>\n<pre class=\"cite-bibtex\"><code id=\"cite-article-bib\">{}</code></pre>",
        escape(&formatted),
        escape(&bib)
    )
}

/// Writes `sources.html` and the exports; returns the page paths.
pub fn render_sources_page(
    config: &SiteConfig,
    article: &Article,
    out: &mut SiteFiles,
) -> Vec<String> {
    let slug = &article.slug;
    let mut entries = Vec::new();
    let mut all_bib = String::new();
    let mut all_ris = String::new();
    let mut all_csl = Vec::new();
    for (order, (source, notes)) in article.citations().into_iter().enumerate() {
        let mut passages = Vec::new();
        for note in &notes {
            for r in &note.refs {
                passages.push(Passage {
                    note: note.number,
                    // Lands on the marker (the article highlights its sentence); `from` lets the
                    // article offer a way back to this entry.
                    href: format!("index.html?from={}#{}", source.key, r.id),
                    section: section_title(article, &r.section_id),
                    quote: r.quote.clone(),
                });
            }
        }
        let bib = bibtex(source);
        let ris_text = ris(source);
        let csl_item = csl(source);
        all_bib.push_str(&bib);
        all_bib.push('\n');
        all_ris.push_str(&ris_text);
        let csl_text = serde_json::to_string_pretty(&json!([csl_item])).unwrap_or_default();
        all_csl.push(csl_item);
        let issued = source.issued_date();
        entries.push(Entry {
            source,
            order: order + 1,
            issued: issued.map(|d| d.iso()).unwrap_or_default(),
            issued_display: issued
                .map(|d: PartialDate| d.to_string())
                .unwrap_or_default(),
            notes: notes.iter().map(|n| n.number).collect(),
            passages,
            chicago: chicago(source),
            apa: apa(source),
            gost: gost(source),
            bibtex: bib,
            ris: ris_text,
            csl: csl_text,
        });
    }
    out.add_text(format!("{slug}/cite/bibliography.bib"), all_bib);
    out.add_text(format!("{slug}/cite/bibliography.ris"), all_ris);
    out.add_text(
        format!("{slug}/cite/bibliography.json"),
        serde_json::to_string_pretty(&Value::Array(all_csl)).unwrap_or_default() + "\n",
    );

    let mut languages: Vec<(String, usize)> = Vec::new();
    let mut kinds: Vec<(String, String, usize)> = Vec::new();
    for e in &entries {
        match languages.iter_mut().find(|(l, _)| *l == e.source.lang) {
            Some((_, n)) => *n += 1,
            None => languages.push((e.source.lang.clone(), 1)),
        }
        match kinds.iter_mut().find(|(k, _, _)| *k == e.source.kind) {
            Some((_, _, n)) => *n += 1,
            None => kinds.push((e.source.kind.clone(), e.source.kind_label().to_string(), 1)),
        }
    }
    languages.sort();
    kinds.sort();
    let path = format!("{slug}/sources.html");
    let mut page = Page::new(
        config,
        &path,
        format!("Sources · {}", article.meta.title),
        format!("Every source cited in “{}”, with every passage that cites it and citations to copy or export.", article.meta.title),
    )
    .with_article_nav(article, ArticleTab::Sources, "");
    page.body_class = "page-sources";
    let template = SourcesTemplate {
        page,
        article,
        entries,
        languages,
        kinds,
    };
    out.add_text(path.clone(), render::render(&template));
    vec![path]
}

/// Language names for the filter.
pub fn language_label(lang: &str) -> String {
    match lang {
        "en" => "English".into(),
        "ru" => "Russian".into(),
        "zh" => "Chinese".into(),
        "fr" => "French".into(),
        "de" => "German".into(),
        other => other.to_string(),
    }
}
