//! One article as the resolve phase leaves it: front matter, the text as a tree whose every
//! reference is resolved (notes numbered, citations pointing at sources, ids assigned), and the
//! indexes of notes, sources, passages, events and charts that the pages are rendered from.

use std::collections::HashMap;

use serde::Deserialize;

use crate::model::charts::Chart;
use crate::model::sources::Source;
use crate::model::timeline::Timeline;
use crate::parse::markdown::{normalize_label, ContainerKind, Md};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FrontMatter {
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

/// Inline content with every reference resolved.
#[derive(Debug, Clone)]
pub(crate) enum Inline {
    Md(Md),
    /// A marker of an author's note (`number` counts from 1).
    Note {
        number: usize,
        ref_id: String,
    },
    /// A marker of an editor's note; the first marker carries the id the note links back to.
    Editor {
        number: usize,
        first: bool,
    },
    /// A citation of `sources[source]`.
    Cite {
        source: usize,
    },
    /// Citation text in the source's own language.
    Lang {
        lang: String,
        inlines: Vec<Inline>,
    },
    /// The editors' English translation of a title.
    Translation(String),
    /// The editors' word that a citation's URL was not kept (after the author's "URL:").
    UrlNotKept,
    /// A source's URL, after the author's "URL:" where the note gives none.
    Url(String),
}

/// A block of the body with its anchor.
#[derive(Debug, Clone)]
pub(crate) enum Block {
    Heading {
        level: u8,
        id: String,
        title: String,
        inlines: Vec<Inline>,
    },
    Paragraph {
        id: String,
        inlines: Vec<Inline>,
        /// Editor's notes shown after it (numbers).
        after: Vec<usize>,
    },
    Container {
        /// `None` inside a document (the document is the anchor).
        id: Option<String>,
        kind: ContainerKind,
        inlines: Vec<Inline>,
        after: Vec<usize>,
    },
    Document {
        id: String,
        caption: Vec<String>,
        blocks: Vec<Block>,
        after: Vec<usize>,
    },
    Chart {
        chart: usize,
    },
    Other {
        inlines: Vec<Inline>,
        after: Vec<usize>,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct TocEntry {
    pub id: String,
    pub title: String,
    pub level: u8,
}

/// A paragraph's anchor and section (timeline passages point at these).
#[derive(Debug, Clone)]
pub(crate) struct Paragraph {
    pub id: String,
    pub section_id: String,
}

/// One place in the text that refers to a note.
#[derive(Debug, Clone)]
pub(crate) struct NoteRef {
    pub id: String,
    pub section_id: String,
    /// The sentence the marker is attached to.
    pub quote: String,
}

/// An author's note.
#[derive(Debug, Clone)]
pub(crate) struct Note {
    pub number: usize,
    pub label: String,
    pub inlines: Vec<Inline>,
    /// The note as plain text (without citation markup).
    pub text: String,
    pub refs: Vec<NoteRef>,
    /// Source keys cited, in order (a key may repeat in one note).
    pub cites: Vec<String>,
    /// Editor's notes first referenced inside this note, shown with it (numbers).
    pub after: Vec<usize>,
}

#[derive(Debug, Clone)]
pub(crate) struct EditorNote {
    pub inlines: Vec<Inline>,
    pub text: String,
    pub passage_id: String,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Body {
    pub blocks: Vec<Block>,
    pub toc: Vec<TocEntry>,
    pub paragraphs: Vec<Paragraph>,
    pub notes: Vec<Note>,
    pub editor_notes: Vec<EditorNote>,
}

/// The indexes built once by the resolve phase.
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    pub note_by_key: HashMap<String, usize>,
    pub source_by_key: HashMap<String, usize>,
    /// Paragraph id → indexes of the timeline events that discuss it.
    pub events_by_passage: HashMap<String, Vec<usize>>,
    pub paragraph_by_id: HashMap<String, usize>,
    /// Sources in order of first citation, each with the notes (indexes) citing it; then the
    /// uncited ones.
    pub citations: Vec<(usize, Vec<usize>)>,
}

#[derive(Debug, Clone)]
pub(crate) struct Article {
    pub slug: String,
    pub meta: FrontMatter,
    /// When the original was published (`published`, checked).
    pub published: Option<crate::model::dates::PartialDate>,
    pub lang: String,
    pub body: Body,
    pub sources: Vec<Source>,
    pub timeline: Option<Timeline>,
    pub charts: Vec<Chart>,
    /// `citation_style` of the front matter, resolved.
    pub citation_style: Option<crate::cite::styles::CitationStyle>,
    pub index: Index,
}

impl Article {
    /// The author's note with this label (labels match without regard to case).
    pub(crate) fn note_by_label(&self, label: &str) -> Option<&Note> {
        self.index
            .note_by_key
            .get(&normalize_label(label))
            .map(|&i| &self.body.notes[i])
    }

    /// Whether the article has any chart (and so chart pages and plotly.js).
    pub(crate) fn has_charts(&self) -> bool {
        !self.charts.is_empty()
    }

    pub(crate) fn source(&self, key: &str) -> Option<&Source> {
        self.index.source_by_key.get(key).map(|&i| &self.sources[i])
    }

    /// Sources in order of first citation, each with the notes that cite it; then uncited ones.
    pub(crate) fn citations(&self) -> Vec<(&Source, Vec<&Note>)> {
        self.index
            .citations
            .iter()
            .map(|(s, notes)| {
                (
                    &self.sources[*s],
                    notes.iter().map(|&n| &self.body.notes[n]).collect(),
                )
            })
            .collect()
    }

    /// The title of the section an anchor belongs to.
    pub(crate) fn section_title(&self, section_id: &str) -> String {
        match section_id {
            "intro" => "Introduction".into(),
            "notes" => "Notes".into(),
            _ => self
                .body
                .toc
                .iter()
                .find(|t| t.id == section_id)
                .map_or_else(|| section_id.to_string(), |t| t.title.clone()),
        }
    }

    /// Reports notes and source keys that `what` (e.g. "chart `x`") cites but the article lacks.
    pub(crate) fn check_citations(
        &self,
        src: &crate::diag::SourceMap<'_>,
        what: &str,
        notes: &[toml::Spanned<String>],
        sources: &[toml::Spanned<String>],
        problems: &mut crate::diag::Problems,
    ) {
        for label in notes
            .iter()
            .filter(|l| self.note_by_label(l.get_ref()).is_none())
        {
            problems.error_at(
                src,
                label.span(),
                format!(
                    "{what} cites note {}, which the article does not have",
                    label.get_ref()
                ),
                "list the labels of notes that exist, e.g. notes = [\"4\"]",
            );
        }
        for key in sources
            .iter()
            .filter(|k| self.source(k.get_ref()).is_none())
        {
            problems.error_at(
                src,
                key.span(),
                format!("{what} cites the unknown source `{}`", key.get_ref()),
                "use a key from the article's sources",
            );
        }
    }

    /// The charts placed in the text (indexes), in order.
    pub(crate) fn placed_charts(&self) -> Vec<usize> {
        fn walk(blocks: &[Block], out: &mut Vec<usize>) {
            for b in blocks {
                match b {
                    Block::Chart { chart } => out.push(*chart),
                    Block::Document { blocks, .. } => walk(blocks, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.body.blocks, &mut out);
        out
    }

    pub(crate) fn paragraph(&self, id: &str) -> Option<&Paragraph> {
        self.index
            .paragraph_by_id
            .get(id)
            .map(|&i| &self.body.paragraphs[i])
    }
}
