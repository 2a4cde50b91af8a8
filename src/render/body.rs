//! The resolved article text as HTML: CommonMark events are serialised by pulldown-cmark, and
//! our own nodes (note markers, citations, editor's notes, documents, anchors) by the templates
//! in `templates/body/`, all in one stream so the serialiser's line breaks stay as CommonMark's.

use askama::Template;
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::model::article::{Article, Block, Inline, Note};
use crate::model::html::Html;
use crate::parse::markdown::ContainerKind;

/// Where the text is shown: on the article page (markers carry the ids notes link back to) or
/// on another page of the article (links lead back to the article and its sources).
#[derive(Clone, Copy)]
pub(crate) struct Ctx<'a> {
    pub article: &'a Article,
    /// The article page as seen from here: "" on the page itself.
    pub to_article: &'a str,
    pub to_sources: &'a str,
    pub anchors: bool,
}

impl<'a> Ctx<'a> {
    /// The article page itself.
    pub(crate) fn article_page(article: &'a Article) -> Ctx<'a> {
        Ctx {
            article,
            to_article: "",
            to_sources: "sources.html",
            anchors: true,
        }
    }

    /// A page one folder below the article's (a chart's page).
    pub(crate) fn below(article: &'a Article) -> Ctx<'a> {
        Ctx {
            article,
            to_article: "../index.html",
            to_sources: "../sources.html",
            anchors: false,
        }
    }
}

#[derive(Template)]
#[template(path = "body/note_marker.html")]
struct NoteMarker<'a> {
    ctx: Ctx<'a>,
    number: usize,
    ref_id: &'a str,
}

#[derive(Template)]
#[template(path = "body/editor_marker.html")]
struct EditorMarker<'a> {
    ctx: Ctx<'a>,
    number: usize,
    first: bool,
}

#[derive(Template)]
#[template(path = "body/cite_link.html")]
struct CiteLink<'a> {
    ctx: Ctx<'a>,
    key: &'a str,
}

#[derive(Template)]
#[template(path = "body/url_not_kept.html")]
struct UrlNotKept;

#[derive(Template)]
#[template(path = "body/url.html")]
struct Url<'a> {
    url: &'a str,
}

#[derive(Template)]
#[template(path = "body/lang.html")]
struct Lang<'a> {
    lang: &'a str,
    inner: Html,
}

#[derive(Template)]
#[template(path = "body/translation.html")]
struct Translation<'a> {
    text: &'a str,
}

#[derive(Template)]
#[template(path = "body/heading.html")]
struct Heading<'a> {
    level: u8,
    id: &'a str,
    title: &'a str,
    title_html: Html,
}

/// A link from a paragraph to a timeline event that discusses it.
pub(crate) struct EventChip<'a> {
    pub id: &'a str,
    pub title: &'a str,
}

#[derive(Template)]
#[template(path = "body/paragraph.html")]
struct Paragraph<'a> {
    id: &'a str,
    inner: Html,
    events: Vec<EventChip<'a>>,
}

#[derive(Template)]
#[template(path = "body/container_open.html")]
struct ContainerOpen<'a> {
    id: &'a str,
    kind: ContainerKind,
}

/// The box a table scrolls sideways in (focusable, so keys scroll it too), rather than widening
/// a phone's page.
#[derive(Template)]
#[template(path = "body/table_scroll_open.html")]
struct TableScrollOpen;

#[derive(Template)]
#[template(path = "body/table_scroll_close.html")]
struct TableScrollClose;

#[derive(Template)]
#[template(path = "body/container_close.html")]
struct ContainerClose {
    kind: ContainerKind,
}

#[derive(Template)]
#[template(path = "body/document_open.html")]
struct DocumentOpen<'a> {
    id: &'a str,
}

#[derive(Template)]
#[template(path = "body/document_close.html")]
struct DocumentClose<'a> {
    caption: &'a [String],
}

#[derive(Template)]
#[template(path = "body/editor_note.html")]
struct EditorNoteBox<'a> {
    ctx: Ctx<'a>,
    number: usize,
    inner: Html,
}

fn html_event(template: &impl Template) -> Event<'static> {
    Event::Html(CowStr::from(crate::render::render(template)))
}

/// Serialises events; raw HTML never reaches them (the parse phase turned it into text), so
/// every `Event::Html` here comes from a template.
fn serialise(events: Vec<Event<'static>>) -> Html {
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    Html::from_renderer(out)
}

fn inline_events(ctx: Ctx<'_>, inlines: &[Inline], out: &mut Vec<Event<'static>>) {
    for inline in inlines {
        match inline {
            Inline::Md(md) => match md.event() {
                Event::Start(Tag::Table(_)) => {
                    out.push(html_event(&TableScrollOpen));
                    out.push(md.event().clone());
                }
                Event::End(TagEnd::Table) => {
                    out.push(md.event().clone());
                    out.push(html_event(&TableScrollClose));
                }
                event => out.push(event.clone()),
            },
            Inline::Note { number, ref_id } => out.push(html_event(&NoteMarker {
                ctx,
                number: *number,
                ref_id,
            })),
            Inline::Editor { number, first } => out.push(html_event(&EditorMarker {
                ctx,
                number: *number,
                first: *first,
            })),
            Inline::Cite { source } => out.push(html_event(&CiteLink {
                ctx,
                key: &ctx.article.sources[*source].key,
            })),
            Inline::Lang { lang, inlines } => out.push(html_event(&Lang {
                lang,
                inner: inline_html(ctx, inlines),
            })),
            Inline::Translation(text) => out.push(html_event(&Translation { text })),
            Inline::UrlNotKept => out.push(html_event(&UrlNotKept)),
            Inline::Url(url) => out.push(html_event(&Url { url })),
        }
    }
}

/// Inline content (or a note's paragraphs) as HTML.
pub(crate) fn inline_html(ctx: Ctx<'_>, inlines: &[Inline]) -> Html {
    let mut events = Vec::with_capacity(inlines.len());
    inline_events(ctx, inlines, &mut events);
    serialise(events)
}

fn editor_notes(ctx: Ctx<'_>, numbers: &[usize], out: &mut Vec<Event<'static>>) {
    for &n in numbers {
        let note = &ctx.article.body.editor_notes[n - 1];
        out.push(html_event(&EditorNoteBox {
            ctx,
            number: n,
            inner: inline_html(ctx, &note.inlines),
        }));
    }
}

fn event_chips<'a>(article: &'a Article, paragraph_id: &str) -> Vec<EventChip<'a>> {
    let (Some(timeline), Some(events)) = (
        &article.timeline,
        article.index.events_by_passage.get(paragraph_id),
    ) else {
        return Vec::new();
    };
    events
        .iter()
        .map(|&i| EventChip {
            id: &timeline.events[i].id,
            title: &timeline.events[i].title,
        })
        .collect()
}

fn block_events(
    ctx: Ctx<'_>,
    block: &Block,
    charts: &dyn Fn(usize) -> Html,
    out: &mut Vec<Event<'static>>,
) {
    let article = ctx.article;
    match block {
        Block::Heading {
            level,
            id,
            title,
            inlines,
        } => out.push(html_event(&Heading {
            level: *level,
            id,
            title,
            title_html: inline_html(ctx, inlines),
        })),
        Block::Paragraph { id, inlines, after } => {
            out.push(html_event(&Paragraph {
                id,
                inner: inline_html(ctx, inlines),
                events: event_chips(article, id),
            }));
            editor_notes(ctx, after, out);
        }
        Block::Container {
            id,
            kind,
            inlines,
            after,
        } => match id {
            Some(id) => {
                out.push(html_event(&ContainerOpen { id, kind: *kind }));
                let is_list = matches!(
                    kind,
                    ContainerKind::OrderedList(_) | ContainerKind::BulletList
                );
                // A list's own tags are written by the template (with the id).
                let inner = if is_list && inlines.len() >= 2 {
                    &inlines[1..inlines.len() - 1]
                } else {
                    &inlines[..]
                };
                inline_events(ctx, inner, out);
                out.push(html_event(&ContainerClose { kind: *kind }));
                editor_notes(ctx, after, out);
            }
            None => {
                inline_events(ctx, inlines, out);
                editor_notes(ctx, after, out);
            }
        },
        Block::Document {
            id,
            caption,
            blocks,
            after,
        } => {
            out.push(html_event(&DocumentOpen { id }));
            for b in blocks {
                block_events(ctx, b, charts, out);
            }
            out.push(html_event(&DocumentClose { caption }));
            editor_notes(ctx, after, out);
        }
        Block::Chart { chart } => {
            out.push(Event::Html(CowStr::from(charts(*chart).into_string())));
            out.push(Event::Html(CowStr::from("\n")));
        }
        Block::Other { inlines, after } => {
            inline_events(ctx, inlines, out);
            editor_notes(ctx, after, out);
        }
    }
}

/// The article's body; `charts` gives the figure of each chart placed in it.
pub(crate) fn body_html(article: &Article, charts: &dyn Fn(usize) -> Html) -> Html {
    let ctx = Ctx::article_page(article);
    let mut events = Vec::new();
    for block in &article.body.blocks {
        block_events(ctx, block, charts, &mut events);
    }
    serialise(events)
}

/// A note's text followed by the editor's notes first referenced inside it.
pub(crate) fn note_html(ctx: Ctx<'_>, note: &Note) -> Html {
    let mut events = Vec::new();
    inline_events(ctx, &note.inlines, &mut events);
    editor_notes(ctx, &note.after, &mut events);
    serialise(events)
}
