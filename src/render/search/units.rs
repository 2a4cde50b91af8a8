//! An article's search units, from the resolved article (never from its HTML): every paragraph
//! with its section, every other block of text, heading, note and editor's note, source, event
//! and chart, each with the address (relative to the article's folder) that lands on it.

use serde::{Deserialize, Serialize};

use crate::model::article::{Article, Block, Inline};

/// What a unit is; results are grouped by it, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Kind {
    Passage,
    Heading,
    Note,
    Source,
    Event,
    Chart,
}

impl Kind {
    pub(crate) const ALL: [Kind; 6] = [
        Kind::Passage,
        Kind::Heading,
        Kind::Note,
        Kind::Source,
        Kind::Event,
        Kind::Chart,
    ];

    pub(crate) fn number(self) -> usize {
        self as usize
    }
}

/// One thing a reader can land on. `title` weighs most, then `meta`, then `text`; `label` is
/// shown (the section, the note's number, the date) but not searched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Unit {
    pub kind: Kind,
    pub href: String,
    pub label: String,
    pub title: String,
    pub text: String,
    pub meta: String,
}

/// An article's units, kept with it in the output folder's manifest so that a build reusing
/// the article still indexes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct ArticleUnits {
    pub slug: String,
    pub title: String,
    pub units: Vec<Unit>,
}

fn unit(kind: Kind, href: String, label: String, title: String, text: String) -> Unit {
    Unit {
        kind,
        href,
        label,
        title,
        text,
        meta: String::new(),
    }
}

/// The text of resolved inlines as a reader sees it (note markers and citations left out).
fn inline_text(inlines: &[Inline], out: &mut String) {
    for i in inlines {
        match i {
            Inline::Md(md) => {
                if let Some(t) = md.as_text() {
                    out.push_str(t);
                } else if out.chars().last().is_some_and(|c| !c.is_whitespace()) {
                    out.push(' ');
                }
            }
            Inline::Lang { inlines, .. } => inline_text(inlines, out),
            Inline::Translation(t) => {
                out.push_str(" [");
                out.push_str(t);
                out.push(']');
            }
            _ => {}
        }
    }
}

fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every unit of an article, in reading order: the text, the notes, the sources, the events,
/// the charts.
pub(crate) fn article_units(article: &Article) -> ArticleUnits {
    let mut units = Vec::new();
    let placed = article.placed_charts();
    text_units(article, &article.body.blocks, &mut units);
    for note in &article.body.notes {
        units.push(unit(
            Kind::Note,
            format!("index.html#fn-{}", note.number),
            format!("Note {}", note.label),
            String::new(),
            squash(&note.text),
        ));
    }
    for (i, ed) in article.body.editor_notes.iter().enumerate() {
        units.push(unit(
            Kind::Note,
            format!("index.html#ed-{}", i + 1),
            format!("Editor's note {}", i + 1),
            String::new(),
            squash(&ed.text),
        ));
    }
    for s in &article.sources {
        let authors: Vec<String> = s.authors.iter().map(|n| n.display()).collect();
        let year = s.issued.map(|d| d.year.to_string()).unwrap_or_default();
        let outlet = [s.container_display(), s.publisher_display()]
            .into_iter()
            .filter(|o| !o.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        let label = [authors.join(", "), outlet.clone(), year.clone()]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        let mut title = s.title.clone();
        if let Some(en) = s.title_en.as_deref().filter(|t| !t.is_empty()) {
            title = format!("{title} [{en}]");
        }
        let mut u = unit(
            Kind::Source,
            format!("sources.html#src-{}", s.key),
            label,
            title,
            s.note.clone().unwrap_or_default(),
        );
        u.meta = squash(&format!("{} {outlet} {year}", authors.join(" ")));
        units.push(u);
    }
    for e in article.timeline.iter().flat_map(|t| &t.events) {
        let mut u = unit(
            Kind::Event,
            format!("timeline.html#event-{}", e.id),
            e.when(),
            e.title.clone(),
            squash(&e.summary),
        );
        u.meta = e.when();
        units.push(u);
    }
    for (i, c) in article.charts.iter().enumerate() {
        let href = if placed.contains(&i) {
            format!("index.html#chart-{}", c.id)
        } else {
            format!("figures/{}.html", c.id)
        };
        let mut u = unit(
            Kind::Chart,
            href,
            "Chart".into(),
            c.title.clone(),
            squash(&c.caption),
        );
        let series: Vec<&str> = c.series.iter().map(|s| s.name.as_str()).collect();
        u.meta = squash(&format!("{} {}", c.categories.join(" "), series.join(" ")));
        units.push(u);
    }
    ArticleUnits {
        slug: article.slug.clone(),
        title: article.meta.title.clone(),
        units,
    }
}

fn text_units(article: &Article, blocks: &[Block], units: &mut Vec<Unit>) {
    for b in blocks {
        match b {
            Block::Heading { id, title, .. } => units.push(unit(
                Kind::Heading,
                format!("index.html#{id}"),
                "Section".into(),
                title.clone(),
                String::new(),
            )),
            Block::Paragraph { id, inlines, .. } => {
                let mut text = String::new();
                inline_text(inlines, &mut text);
                let text = squash(&text);
                if let Some(p) = article.paragraph(id).filter(|_| !text.is_empty()) {
                    units.push(unit(
                        Kind::Passage,
                        format!("index.html#{id}"),
                        article.section_title(&p.section_id),
                        String::new(),
                        text,
                    ));
                }
            }
            Block::Container {
                id: Some(id),
                inlines,
                ..
            } => {
                let mut text = String::new();
                inline_text(inlines, &mut text);
                let text = squash(&text);
                if !text.is_empty() {
                    let section = section_of(article, units);
                    units.push(unit(
                        Kind::Passage,
                        format!("index.html#{id}"),
                        section,
                        String::new(),
                        text,
                    ));
                }
            }
            Block::Document { blocks, .. } => text_units(article, blocks, units),
            _ => {}
        }
    }
}

/// The section of the text units so far end in (the last heading's title).
fn section_of(article: &Article, units: &[Unit]) -> String {
    units
        .iter()
        .rev()
        .find_map(|u| match u.kind {
            Kind::Heading => Some(u.title.clone()),
            Kind::Passage => Some(u.label.clone()),
            _ => None,
        })
        .unwrap_or_else(|| article.section_title("intro"))
}
