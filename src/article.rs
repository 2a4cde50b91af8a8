//! One article: front matter, its text rendered, and everything that hangs off it.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;

use crate::charts::Charts;
use crate::diagnostics::Problems;
use crate::load::ArticleFiles;
use crate::markdown::{self, CiteTarget, Links, RenderedMarkdown};
use crate::sources::{load_sources, Source};
use crate::timeline::Timeline;
use crate::toml_file::parse_toml_at;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    pub author: String,
    #[serde(default)]
    pub affiliation: Option<String>,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub publisher_url: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    pub summary: String,
    #[serde(default)]
    pub language: Option<String>,
    /// An editor's remark on the article as a whole (shown under the title).
    #[serde(default)]
    pub editor_note: Option<String>,
    /// The title is the editors' (the original has none): citations mark it so.
    #[serde(default)]
    pub title_supplied: bool,
    /// The date of this edition (YYYY-MM-DD), carried by citations of the article and its charts.
    #[serde(default)]
    pub edition_date: Option<String>,
    /// The style the article and its sources are cited in (overrides site.toml's).
    #[serde(default)]
    pub citation_style: Option<String>,
    /// The style the original's notes follow (e.g. "gost"): the citation index also shows each
    /// source in it. Off when absent.
    #[serde(default)]
    pub original_notes_style: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Article {
    pub slug: String,
    pub meta: FrontMatter,
    pub lang: String,
    pub body: RenderedMarkdown,
    pub sources: Vec<Source>,
    pub timeline: Option<Timeline>,
    pub charts: Option<Charts>,
    /// `citation_style` of the front matter, resolved.
    pub citation_style: Option<crate::styles::CitationStyle>,
}

impl Article {
    /// The author's note with this label (labels match without regard to case).
    pub fn note_by_label(&self, label: &str) -> Option<&markdown::Note> {
        let want = markdown::normalize_label(label);
        self.body
            .notes
            .iter()
            .find(|n| markdown::normalize_label(&n.label) == want)
    }

    /// Whether the article has any chart (and so chart pages and plotly.js).
    pub fn has_charts(&self) -> bool {
        self.charts.as_ref().is_some_and(|c| !c.charts.is_empty())
    }

    /// Reports notes and source keys that `what` (e.g. "chart `x`") cites but the article lacks.
    pub fn check_citations(
        &self,
        at: (&std::path::Path, usize),
        what: &str,
        notes: &[String],
        sources: &[String],
        problems: &mut Problems,
    ) {
        let (path, line) = at;
        for label in notes.iter().filter(|l| self.note_by_label(l).is_none()) {
            problems.error(
                path,
                (line, 1),
                format!("{what} cites note {label}, which the article does not have"),
                "list the labels of notes that exist, e.g. notes = [\"4\"]",
            );
        }
        for key in sources.iter().filter(|k| self.source(k).is_none()) {
            problems.error(
                path,
                (line, 1),
                format!("{what} cites the unknown source `{key}`"),
                "use a key from sources.toml",
            );
        }
    }

    pub fn source(&self, key: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.key == key)
    }

    /// Sources in order of first citation, each with the notes that cite it; then uncited ones.
    pub fn citations(&self) -> Vec<(&Source, Vec<&markdown::Note>)> {
        let mut order: Vec<&str> = Vec::new();
        let mut by_key: HashMap<&str, Vec<&markdown::Note>> = HashMap::new();
        for note in &self.body.notes {
            for key in &note.cites {
                let list = by_key.entry(key.as_str()).or_default();
                if list.is_empty() {
                    order.push(key);
                }
                if !list.iter().any(|n| n.number == note.number) {
                    list.push(note);
                }
            }
        }
        let mut out: Vec<(&Source, Vec<&markdown::Note>)> = order
            .iter()
            .filter_map(|k| {
                self.source(k)
                    .map(|s| (s, by_key.remove(k).unwrap_or_default()))
            })
            .collect();
        for s in &self.sources {
            if !out.iter().any(|(o, _)| o.key == s.key) {
                out.push((s, Vec::new()));
            }
        }
        out
    }
}

/// Splits `+++` TOML front matter from the Markdown body; returns the body's first line number.
fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let rest = text.strip_prefix("+++")?;
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let lines_before = 2 + front.matches('\n').count();
            return Some((front, body, lines_before));
        }
        offset += line.len();
    }
    None
}

/// Where the citation index and timeline of an article live, relative to the article page.
pub struct ArticleLinks<'a> {
    pub sources: &'a [Source],
    pub sources_page: &'a str,
    /// Paragraph id → (event id, event title) on the timeline.
    pub events_by_passage: &'a BTreeMap<String, Vec<(String, String)>>,
    pub timeline_page: &'a str,
}

impl Links for ArticleLinks<'_> {
    fn cite(&self, key: &str) -> Option<CiteTarget> {
        let s = self.sources.iter().find(|s| s.key == key)?;
        Some(CiteTarget {
            lang: s.lang.clone(),
            title: s.title.clone(),
            translation: s.title_en.clone().filter(|_| !s.is_english()),
            href: format!("{}#src-{}", self.sources_page, s.key),
            label: "Source entry".into(),
        })
    }

    fn after_paragraph(&self, paragraph_id: &str) -> String {
        let Some(events) = self.events_by_passage.get(paragraph_id) else {
            return String::new();
        };
        let links: Vec<String> = events
            .iter()
            .map(|(id, title)| {
                format!(
                    "<a class=\"event-link\" href=\"{}#event-{}\" title=\"On the timeline: {}\">{}</a>",
                    self.timeline_page,
                    crate::html::escape(id),
                    crate::html::escape(title),
                    "<svg aria-hidden=\"true\" width=\"12\" height=\"12\" viewBox=\"0 0 12 12\"><circle cx=\"6\" cy=\"6\" r=\"4\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\"/></svg><span class=\"visually-hidden\">On the timeline: </span>".to_string() + &crate::html::escape(title)
                )
            })
            .collect();
        format!(" <span class=\"event-links\">{}</span>", links.join(" "))
    }
}

/// Loads one article's front matter and sources and renders its text.
pub fn load_article(
    files: &ArticleFiles,
    site_lang: &str,
    timeline: Option<Timeline>,
    charts: Option<Charts>,
    problems: &mut Problems,
) -> Option<Article> {
    let events_by_passage = timeline
        .as_ref()
        .map(Timeline::by_passage)
        .unwrap_or_default();
    let path = &files.article.path;
    let text = &files.article.text;
    let Some((front, body, body_line)) = split_front_matter(text) else {
        problems.error(
            path,
            (1, 1),
            "article.md must start with TOML front matter between `+++` lines",
            "begin the file with +++, then title = \"…\", author = \"…\", summary = \"…\", then +++",
        );
        return None;
    };
    let meta: FrontMatter = parse_toml_at(path, front, 1, problems)?;
    let citation_style = crate::citations::check_front_matter(&meta, path, front, problems);
    let sources = files
        .sources
        .as_ref()
        .map(|f| load_sources(&f.path, &f.text, problems))
        .unwrap_or_default();
    let lang = meta
        .language
        .clone()
        .unwrap_or_else(|| site_lang.to_string());
    let links = ArticleLinks {
        sources: &sources,
        sources_page: "sources.html",
        events_by_passage: &events_by_passage,
        timeline_page: "timeline.html",
    };
    let rendered = markdown::render(body, path, body_line, &lang, &links, problems);
    if let Some(f) = &files.sources {
        for s in &sources {
            if !rendered.notes.iter().any(|n| n.cites.contains(&s.key)) {
                problems.warning(
                    &f.path,
                    (s.line, 1),
                    format!("source `{}` is never cited", s.key),
                    format!("cite it in a note with [@{}], or delete the record", s.key),
                );
            }
        }
    }
    Some(Article {
        slug: files.slug.clone(),
        meta,
        lang,
        body: rendered,
        sources,
        timeline,
        charts,
        citation_style,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_with_line_numbers() {
        let (front, body, line) = split_front_matter("+++\ntitle = \"x\"\n+++\nBody\n").unwrap();
        assert_eq!(front, "title = \"x\"\n");
        assert_eq!(body, "Body\n");
        assert_eq!(line, 3);
    }
}
