//! An article's Markdown into HTML, in four steps:
//! 1. parse with pulldown-cmark (offsets kept), raw HTML turned into text, adjacent text merged;
//! 2. collect footnote definitions and references, number author notes by first reference, and
//!    report undefined, duplicate and unused notes;
//! 3. render the body: heading ids and the table of contents, paragraph anchors, note markers,
//!    editor's notes, `::: document` directives and `chart` blocks (left as placeholders);
//! 4. render each note, resolving `[@key]` citations through [`Links`].

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diagnostics::{LineIndex, Problems};
use crate::html::{escape, slugify};

/// Label prefix that marks a footnote as an editor's note.
pub const EDITOR_PREFIX: &str = "ed-";

/// What a citation `[@key]` points at.
pub struct CiteTarget {
    pub lang: String,
    pub title: String,
    /// The title's English translation, for a source in another language.
    pub translation: Option<String>,
    pub href: String,
    pub label: String,
}

/// What the article's Markdown needs to know about the rest of the site.
pub trait Links {
    /// The source a `[@key]` names, or `None` when there is no such source.
    fn cite(&self, key: &str) -> Option<CiteTarget>;
    /// Extra HTML placed at the end of a paragraph (e.g. links to timeline events).
    fn after_paragraph(&self, paragraph_id: &str) -> String;
}

#[derive(Debug, Clone)]
pub struct TocEntry {
    pub id: String,
    pub title: String,
    pub level: u8,
}

#[derive(Debug, Clone)]
pub struct Paragraph {
    pub id: String,
    pub section_id: String,
    pub text: String,
}

/// One place in the text that refers to a note.
#[derive(Debug, Clone)]
pub struct NoteRef {
    pub id: String,
    /// Anchor of the paragraph (or block, or note) that holds the marker.
    pub passage_id: String,
    pub section_id: String,
    /// The sentence the marker is attached to.
    pub quote: String,
}

/// An author's note.
#[derive(Debug, Clone)]
pub struct Note {
    pub number: usize,
    pub label: String,
    pub html: String,
    pub text: String,
    pub refs: Vec<NoteRef>,
    /// Source keys cited, in order (a key may repeat in one note).
    pub cites: Vec<String>,
    /// 1-based line of the definition.
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct EditorNote {
    pub number: usize,
    pub id: String,
    pub html: String,
    pub text: String,
    pub passage_id: String,
}

#[derive(Debug, Clone)]
pub struct ChartUse {
    pub id: String,
    pub passage_id: String,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, Default)]
pub struct RenderedMarkdown {
    /// Body HTML; charts are `<!--chart:ID-->` placeholders.
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub paragraphs: Vec<Paragraph>,
    pub notes: Vec<Note>,
    pub editor_notes: Vec<EditorNote>,
    pub charts: Vec<ChartUse>,
    /// Ids of every element the body and notes define.
    pub anchors: HashSet<String>,
}

/// The placeholder a chart block leaves in the body HTML.
pub fn chart_placeholder(id: &str) -> String {
    format!("<!--chart:{}-->", escape(id))
}

type Spanned<'a> = (Event<'a>, Range<usize>);

/// Footnote labels match without regard to case or runs of white space.
pub fn normalize_label(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn is_editor(label: &str) -> bool {
    label.starts_with(EDITOR_PREFIX)
}

fn parse(text: &str) -> Vec<Spanned<'_>> {
    let options = Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH;
    let mut events: Vec<Spanned> = Vec::new();
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let event = match event {
            // Raw HTML is never passed through: it is shown as text.
            Event::Html(s) | Event::InlineHtml(s) => Event::Text(s),
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => continue,
            other => other,
        };
        if let (Event::Text(new), Some((Event::Text(prev), prev_range))) =
            (&event, events.last_mut())
        {
            let joined = format!("{prev}{new}");
            *prev = CowStr::from(joined);
            prev_range.end = range.end;
            continue;
        }
        events.push((event, range));
    }
    events
}

/// A footnote definition: where it is and its events.
struct Definition<'a> {
    label: String,
    offset: usize,
    events: Vec<Spanned<'a>>,
}

/// Splits definitions out of the body.
fn split_definitions(events: Vec<Spanned<'_>>) -> (Vec<Spanned<'_>>, Vec<Definition<'_>>) {
    let mut body = Vec::new();
    let mut defs: Vec<Definition> = Vec::new();
    let mut open: Option<Definition> = None;
    let mut depth = 0;
    for (event, range) in events {
        match (&event, open.as_mut()) {
            (Event::Start(Tag::FootnoteDefinition(label)), None) => {
                open = Some(Definition {
                    label: label.to_string(),
                    offset: range.start,
                    events: Vec::new(),
                });
            }
            (Event::Start(Tag::FootnoteDefinition(_)), Some(def)) => {
                depth += 1;
                def.events.push((event, range));
            }
            (Event::End(TagEnd::FootnoteDefinition), Some(def)) => {
                if depth == 0 {
                    defs.extend(open.take());
                } else {
                    depth -= 1;
                    def.events.push((event, range));
                }
            }
            (_, Some(def)) => def.events.push((event, range)),
            (_, None) => body.push((event, range)),
        }
    }
    defs.extend(open);
    (body, defs)
}

/// Finds `[^label]` left as text: pulldown-cmark emits no event for an undefined note.
fn undefined_refs(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut rest = text;
    let mut base = 0;
    while let Some(start) = rest.find("[^") {
        let after = &rest[start + 2..];
        match after.find(']') {
            Some(end) if end > 0 && !after[..end].contains(['[', '\n']) => {
                found.push((base + start, after[..end].to_string()));
                let consumed = start + 2 + end + 1;
                base += consumed;
                rest = &rest[consumed..];
            }
            _ => {
                base += start + 2;
                rest = after;
            }
        }
    }
    found
}

/// The sentence that ends at the end of `text` (where a note marker stands).
/// The attributes of the box a table scrolls sideways in (focusable, so keys scroll it too),
/// rather than widening a phone's page.
const TABLE_SCROLL: &str =
    "class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Table (scrolls sideways)\"";

fn last_sentence(text: &str) -> String {
    let trimmed = text.trim_end();
    let body = trimmed.trim_end_matches(['.', ',', ';', ':', '”', '"', ')', ' ']);
    let start = body
        .char_indices()
        .filter(|&(i, c)| {
            matches!(c, '.' | '?' | '!')
                && body[i + c.len_utf8()..].starts_with(' ')
                && !is_abbreviation(&body[..i])
        })
        .map(|(i, c)| i + c.len_utf8())
        .next_back()
        .unwrap_or(0);
    let sentence = trimmed[start..].trim();
    let chars: Vec<char> = sentence.chars().collect();
    if chars.len() > 240 {
        let tail: String = chars[chars.len() - 240..].iter().collect();
        let cut = tail.find(' ').map_or(tail.as_str(), |i| &tail[i + 1..]);
        format!("…{cut}")
    } else {
        sentence.to_string()
    }
}

/// Whether the word before a full stop looks like an abbreviation or an initial ("Mr", "M").
fn is_abbreviation(before: &str) -> bool {
    const ABBREVIATIONS: &[&str] = &[
        "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Prof", "Gen", "Col", "Lt", "No", "Vol", "vs",
        "etc", "cf", "e.g", "i.e",
    ];
    let mut word: Vec<char> = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect();
    word.reverse();
    let word: String = word.into_iter().collect();
    (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || ABBREVIATIONS.contains(&word.as_str())
}

fn plain_text(events: &[Spanned]) -> String {
    let mut s = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

fn to_html(events: Vec<Event>) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

fn safe_url(url: &str) -> CowStr<'static> {
    let lower: String = url
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    if ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        CowStr::from("#")
    } else {
        CowStr::from(url.to_string())
    }
}

struct NoteInfo {
    number: usize,
    refs: Vec<NoteRef>,
}

/// Rendering state shared by the body and the notes.
struct Renderer<'l> {
    links: &'l dyn Links,
    lang: String,
    notes: HashMap<String, NoteInfo>,
    editor_numbers: HashMap<String, usize>,
    editor_passages: HashMap<String, String>,
    editor_seen: HashSet<String>,
    /// Editor's notes whose box is due after the current block.
    pending_editor: Vec<String>,
    section_id: String,
    block_id: String,
    block_text: String,
}

impl Renderer<'_> {
    fn note_ref(&mut self, label: &str, out: &mut Vec<Event<'static>>) {
        let key = normalize_label(label);
        if is_editor(&key) {
            let Some(&n) = self.editor_numbers.get(&key) else {
                return;
            };
            let first = self.editor_seen.insert(key.clone());
            let id = if first {
                format!("edref-{n}")
            } else {
                String::new()
            };
            if first {
                self.editor_passages
                    .insert(key.clone(), self.block_id.clone());
                self.pending_editor.push(key);
            }
            let id_attr = if id.is_empty() {
                String::new()
            } else {
                format!(" id=\"{id}\"")
            };
            out.push(Event::Html(CowStr::from(format!(
                "<a class=\"ednote-ref\"{id_attr} href=\"#ed-{n}\" role=\"doc-noteref\" aria-label=\"Ed.: editor's note {n}\">Ed.</a>"
            ))));
            return;
        }
        let Some(info) = self.notes.get_mut(&key) else {
            return;
        };
        let n = info.number;
        let k = info.refs.len() + 1;
        let id = if k == 1 {
            format!("fnref-{n}")
        } else {
            format!("fnref-{n}-{k}")
        };
        info.refs.push(NoteRef {
            id: id.clone(),
            passage_id: self.block_id.clone(),
            section_id: self.section_id.clone(),
            quote: last_sentence(&self.block_text),
        });
        out.push(Event::Html(CowStr::from(format!(
            "<sup class=\"fnref\"><a id=\"{id}\" href=\"#fn-{n}\" role=\"doc-noteref\" aria-label=\"Note {n}\">{n}</a></sup>"
        ))));
    }

    /// Inline events shared by body and notes: note markers, text kept for passage quotes, and
    /// everything else made owned (links and images with safe URLs).
    fn inline(&mut self, event: Event<'_>, out: &mut Vec<Event<'static>>) {
        match event {
            Event::FootnoteReference(label) => self.note_ref(&label, out),
            Event::Text(t) => {
                self.block_text.push_str(&t);
                out.push(Event::Text(CowStr::from(t.into_string())));
            }
            Event::Code(t) => {
                self.block_text.push_str(&t);
                out.push(Event::Code(CowStr::from(t.into_string())));
            }
            Event::SoftBreak => {
                self.block_text.push(' ');
                out.push(Event::SoftBreak);
            }
            // Links and images get their URLs made safe by `tag_static`.
            other => out.push(into_static(other)),
        }
    }

    fn flush_editor_notes(&mut self, out: &mut Vec<Event<'static>>) {
        for key in std::mem::take(&mut self.pending_editor) {
            out.push(Event::Html(CowStr::from(format!("<!--ednote:{key}-->"))));
        }
    }
}

fn into_static(event: Event<'_>) -> Event<'static> {
    match event {
        Event::Start(tag) => Event::Start(tag_static(tag)),
        Event::End(t) => Event::End(t),
        Event::Text(t) => Event::Text(CowStr::from(t.into_string())),
        Event::Code(t) => Event::Code(CowStr::from(t.into_string())),
        Event::InlineMath(t) => Event::Text(CowStr::from(t.into_string())),
        Event::DisplayMath(t) => Event::Text(CowStr::from(t.into_string())),
        Event::Html(t) | Event::InlineHtml(t) => Event::Text(CowStr::from(t.into_string())),
        Event::FootnoteReference(t) => Event::Text(CowStr::from(t.into_string())),
        Event::SoftBreak => Event::SoftBreak,
        Event::HardBreak => Event::HardBreak,
        Event::Rule => Event::Rule,
        Event::TaskListMarker(b) => Event::TaskListMarker(b),
    }
}

fn tag_static(tag: Tag<'_>) -> Tag<'static> {
    let s = |c: CowStr<'_>| CowStr::from(c.into_string());
    match tag {
        Tag::Paragraph => Tag::Paragraph,
        Tag::Heading {
            level,
            id,
            classes,
            attrs,
        } => Tag::Heading {
            level,
            id: id.map(s),
            classes: classes.into_iter().map(s).collect(),
            attrs: attrs.into_iter().map(|(k, v)| (s(k), v.map(s))).collect(),
        },
        Tag::BlockQuote(k) => Tag::BlockQuote(k),
        Tag::CodeBlock(CodeBlockKind::Fenced(info)) => {
            Tag::CodeBlock(CodeBlockKind::Fenced(s(info)))
        }
        Tag::CodeBlock(CodeBlockKind::Indented) => Tag::CodeBlock(CodeBlockKind::Indented),
        Tag::HtmlBlock => Tag::HtmlBlock,
        Tag::List(n) => Tag::List(n),
        Tag::Item => Tag::Item,
        Tag::FootnoteDefinition(l) => Tag::FootnoteDefinition(s(l)),
        Tag::DefinitionList => Tag::DefinitionList,
        Tag::DefinitionListTitle => Tag::DefinitionListTitle,
        Tag::DefinitionListDefinition => Tag::DefinitionListDefinition,
        Tag::Table(a) => Tag::Table(a),
        Tag::TableHead => Tag::TableHead,
        Tag::TableRow => Tag::TableRow,
        Tag::TableCell => Tag::TableCell,
        Tag::Emphasis => Tag::Emphasis,
        Tag::Strong => Tag::Strong,
        Tag::Strikethrough => Tag::Strikethrough,
        Tag::Superscript => Tag::Superscript,
        Tag::Subscript => Tag::Subscript,
        Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Link {
            link_type,
            dest_url: safe_url(&dest_url),
            title: s(title),
            id: s(id),
        },
        Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        } => Tag::Image {
            link_type,
            dest_url: safe_url(&dest_url),
            title: s(title),
            id: s(id),
        },
        Tag::MetadataBlock(k) => Tag::MetadataBlock(k),
    }
}

/// Renders an article body. `line_offset` is the number of lines before `text` in `file`.
pub fn render(
    text: &str,
    file: &Path,
    line_offset: usize,
    lang: &str,
    links: &dyn Links,
    problems: &mut Problems,
) -> RenderedMarkdown {
    let index = LineIndex::with_line_offset(text, line_offset);
    let events = parse(text);
    let (body, defs) = split_definitions(events);

    // Step 2: definitions, references and numbering.
    let mut by_label: HashMap<String, usize> = HashMap::new();
    for (i, def) in defs.iter().enumerate() {
        let key = normalize_label(&def.label);
        if let Some(&first) = by_label.get(&key) {
            let (line, _) = index.position(defs[first].offset);
            problems.error(
                file,
                index.position(def.offset),
                format!(
                    "note [^{}] is defined twice (first on line {line})",
                    def.label
                ),
                "keep one definition and delete or rename the other",
            );
        } else {
            by_label.insert(key, i);
        }
    }
    let mut order: Vec<String> = Vec::new();
    let mut referenced: HashSet<String> = HashSet::new();
    {
        let mut check = |events: &[Spanned], order: &mut Vec<String>, problems: &mut Problems| {
            for (event, range) in events {
                match event {
                    Event::FootnoteReference(label) => {
                        let key = normalize_label(label);
                        if !by_label.contains_key(&key) {
                            problems.error(
                                file,
                                index.position(range.start),
                                format!("note [^{label}] is referenced but never defined"),
                                format!(
                                    "add a line `[^{label}]: …` below the text, or fix the label"
                                ),
                            );
                        } else if referenced.insert(key.clone()) {
                            order.push(key);
                        }
                    }
                    Event::Text(t) => {
                        for (at, label) in undefined_refs(t) {
                            problems.error(
                                file,
                                index.position(range.start + at),
                                format!("note [^{label}] is referenced but never defined"),
                                format!(
                                    "add a line `[^{label}]: …` below the text, or fix the label"
                                ),
                            );
                        }
                    }
                    _ => {}
                }
            }
        };
        check(&body, &mut order, problems);
        // A note referenced only inside another note is numbered after the body's notes.
        let mut seen_defs = 0;
        while seen_defs < order.len() {
            let key = order[seen_defs].clone();
            seen_defs += 1;
            if let Some(&i) = by_label.get(&key) {
                check(&defs[i].events, &mut order, problems);
            }
        }
    }
    for (key, &i) in &by_label {
        if !referenced.contains(key) {
            problems.error(
                file,
                index.position(defs[i].offset),
                format!("note [^{}] is defined but never referenced", defs[i].label),
                format!(
                    "add [^{}] where the note belongs in the text, or delete the definition",
                    defs[i].label
                ),
            );
        }
    }
    let mut notes = HashMap::new();
    let mut editor_numbers = HashMap::new();
    for key in &order {
        if is_editor(key) {
            let n = editor_numbers.len() + 1;
            editor_numbers.insert(key.clone(), n);
        } else {
            let n = notes.len() + 1;
            notes.insert(
                key.clone(),
                NoteInfo {
                    number: n,
                    refs: Vec::new(),
                },
            );
        }
    }

    let mut r = Renderer {
        links,
        lang: lang.to_string(),
        notes,
        editor_numbers,
        editor_passages: HashMap::new(),
        editor_seen: HashSet::new(),
        pending_editor: Vec::new(),
        section_id: "intro".to_string(),
        block_id: "intro".to_string(),
        block_text: String::new(),
    };
    let mut out = RenderedMarkdown::default();

    // Step 3: the body.
    let html_events = render_body(body, &mut r, &index, file, problems, &mut out);

    // Step 4: the notes, in number order; then editor's notes.
    let mut numbered: Vec<(usize, &Definition)> = Vec::new();
    let mut editors: Vec<(usize, &Definition)> = Vec::new();
    for def in &defs {
        let key = normalize_label(&def.label);
        if by_label.get(&key).map(|&i| std::ptr::eq(&defs[i], def)) != Some(true) {
            continue;
        }
        if let Some(&n) = r.editor_numbers.get(&key) {
            editors.push((n, def));
        } else if let Some(info) = r.notes.get(&key) {
            numbered.push((info.number, def));
        }
    }
    numbered.sort_by_key(|(n, _)| *n);
    editors.sort_by_key(|(n, _)| *n);
    let mut note_html: Vec<(usize, String, String, Vec<String>, usize, String)> = Vec::new();
    for (n, def) in &numbered {
        r.section_id = "notes".into();
        r.block_id = format!("fn-{n}");
        r.block_text.clear();
        let (html, cites) = render_note(def, &mut r, &index, file, problems);
        let mut html = html;
        // Editor's notes referenced inside a note are shown inside it.
        for key in std::mem::take(&mut r.pending_editor) {
            html.push_str(&format!("<!--ednote:{key}-->"));
        }
        let key = normalize_label(&def.label);
        note_html.push((
            *n,
            html,
            plain_text(&def.events),
            cites,
            index.position(def.offset).0,
            key,
        ));
    }
    let mut editor_html: HashMap<String, String> = HashMap::new();
    for (n, def) in &editors {
        r.block_id = format!("ed-{n}");
        r.block_text.clear();
        let (html, _) = render_note(def, &mut r, &index, file, problems);
        let key = normalize_label(&def.label);
        let passage_id = r.editor_passages.get(&key).cloned().unwrap_or_default();
        let aside = format!(
            "<aside class=\"editor-note\" id=\"ed-{n}\" role=\"note\" aria-label=\"Editor's note {n}\"><p class=\"editor-note-label\"><a href=\"#edref-{n}\">Editor's note</a></p>{html}</aside>\n"
        );
        editor_html.insert(key, aside);
        out.editor_notes.push(EditorNote {
            number: *n,
            id: format!("ed-{n}"),
            html,
            text: plain_text(&def.events),
            passage_id,
        });
        out.anchors.insert(format!("ed-{n}"));
        out.anchors.insert(format!("edref-{n}"));
    }
    let fill = |html: String| -> String {
        let mut html = html;
        for (key, aside) in &editor_html {
            html = html.replace(&format!("<!--ednote:{key}-->"), aside);
        }
        html
    };
    out.html = fill(to_html(html_events));
    for (n, html, text, cites, line, key) in note_html {
        let info = &r.notes[&key];
        for rf in &info.refs {
            out.anchors.insert(rf.id.clone());
        }
        out.anchors.insert(format!("fn-{n}"));
        out.notes.push(Note {
            number: n,
            label: defs[by_label[&key]].label.clone(),
            html: fill(html),
            text,
            refs: info.refs.clone(),
            cites,
            line,
        });
    }
    out
}

/// Renders the body events; records headings, paragraphs and charts in `out`.
fn render_body(
    body: Vec<Spanned<'_>>,
    r: &mut Renderer,
    index: &LineIndex,
    file: &Path,
    problems: &mut Problems,
    out: &mut RenderedMarkdown,
) -> Vec<Event<'static>> {
    let mut html: Vec<Event<'static>> = Vec::new();
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut counters: BTreeMap<String, usize> = BTreeMap::new();
    let mut depth = 0usize;
    let mut open_directive: Option<(String, usize)> = None;
    let mut last_paragraph = "intro".to_string();
    let mut events = body.into_iter().peekable();
    let unique = |base: String, used: &mut HashSet<String>| -> String {
        let mut id = base.clone();
        let mut k = 2;
        while !used.insert(id.clone()) {
            id = format!("{base}-{k}");
            k += 1;
        }
        id
    };
    let next_id = |section: &str, kind: &str, counters: &mut BTreeMap<String, usize>| -> String {
        let c = counters.entry(format!("{section}/{kind}")).or_insert(0);
        *c += 1;
        format!("{section}-{kind}{c}")
    };
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) if depth == 0 => {
                let mut inner = Vec::new();
                for (e, rg) in events.by_ref() {
                    if matches!(e, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                    inner.push((e, rg));
                }
                let title = plain_text(&inner).trim().to_string();
                let base = match id {
                    Some(id) if !id.trim().is_empty() => id.trim().to_string(),
                    _ => {
                        let s = slugify(&title);
                        if s.is_empty() {
                            "section".to_string()
                        } else {
                            s
                        }
                    }
                };
                let id = unique(base, &mut used_ids);
                let level = match level {
                    HeadingLevel::H1 | HeadingLevel::H2 => 2u8,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                };
                let mut inner_html = Vec::new();
                for (e, _) in inner {
                    r.inline(e, &mut inner_html);
                }
                r.block_text.clear();
                let title_html = to_html(inner_html);
                html.push(Event::Html(CowStr::from(format!(
                    "<h{level} id=\"{id}\">{title_html}<a class=\"permalink\" href=\"#{id}\" aria-label=\"Link to this section: {}\">#</a></h{level}>\n",
                    escape(&title)
                ))));
                if level <= 3 {
                    out.toc.push(TocEntry {
                        id: id.clone(),
                        title,
                        level,
                    });
                }
                out.anchors.insert(id.clone());
                r.section_id = id.clone();
                r.block_id = id.clone();
                last_paragraph = id;
            }
            Event::Start(Tag::Paragraph) if depth == 0 => {
                let mut inner = Vec::new();
                for (e, rg) in events.by_ref() {
                    if matches!(e, Event::End(TagEnd::Paragraph)) {
                        break;
                    }
                    inner.push((e, rg));
                }
                let text = plain_text(&inner);
                let is_plain = inner
                    .iter()
                    .all(|(e, _)| matches!(e, Event::Text(_) | Event::SoftBreak));
                if is_plain && text.trim_start().starts_with(":::") {
                    let directive = text.trim_start().trim_start_matches(':').trim().to_string();
                    let at = index.position(range.start);
                    match (
                        directive
                            .split_once(' ')
                            .map_or((directive.as_str(), ""), |(a, b)| (a, b)),
                        &open_directive,
                    ) {
                        (("", _), Some((caption, _))) => {
                            let caption_html = caption
                                .split('|')
                                .map(|l| format!("<span>{}</span>", escape(l.trim())))
                                .collect::<Vec<_>>()
                                .join("<br>");
                            html.push(Event::Html(CowStr::from(format!(
                                "</div><figcaption>{caption_html}</figcaption></figure>\n"
                            ))));
                            open_directive = None;
                            r.block_id = last_paragraph.clone();
                        }
                        (("", _), None) => problems.error(
                            file,
                            at,
                            "`:::` closes a directive, but none is open",
                            "delete this line, or open the block with `::: document Caption`",
                        ),
                        (("document", caption), None) => {
                            let id =
                                unique(next_id(&r.section_id, "doc", &mut counters), &mut used_ids);
                            html.push(Event::Html(CowStr::from(format!(
                                "<figure class=\"document\" id=\"{id}\"><div class=\"document-body\">\n"
                            ))));
                            out.anchors.insert(id.clone());
                            r.block_id = id;
                            open_directive = Some((caption.to_string(), at.0));
                        }
                        ((_, _), Some((_, line))) => problems.error(
                            file,
                            at,
                            format!(
                                "a directive opens inside the `::: document` opened on line {line}"
                            ),
                            "close the first one with a line `:::` (blank lines around it)",
                        ),
                        ((name, _), None) => problems.error(
                            file,
                            at,
                            format!("unknown directive `::: {name}`"),
                            "the directives are `::: document Caption | line 2` … `:::`",
                        ),
                    }
                    continue;
                }
                let id = unique(next_id(&r.section_id, "p", &mut counters), &mut used_ids);
                r.block_text.clear();
                if open_directive.is_none() {
                    r.block_id = id.clone();
                }
                let mut inner_html = Vec::new();
                for (e, _) in inner {
                    r.inline(e, &mut inner_html);
                }
                let extra = r.links.after_paragraph(&id);
                html.push(Event::Html(CowStr::from(format!("<p id=\"{id}\">"))));
                html.extend(inner_html);
                html.push(Event::Html(CowStr::from(format!(
                    "{extra}<a class=\"pilcrow\" href=\"#{id}\" aria-label=\"Link to this paragraph\">¶</a></p>\n"
                ))));
                out.anchors.insert(id.clone());
                out.paragraphs.push(Paragraph {
                    id: id.clone(),
                    section_id: r.section_id.clone(),
                    text: std::mem::take(&mut r.block_text).trim().to_string(),
                });
                last_paragraph = id;
                if open_directive.is_none() {
                    r.flush_editor_notes(&mut html);
                }
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if info.trim() == "chart" => {
                let mut body = String::new();
                for (e, _) in events.by_ref() {
                    match e {
                        Event::End(TagEnd::CodeBlock) => break,
                        Event::Text(t) => body.push_str(&t),
                        _ => {}
                    }
                }
                let at = index.position(range.start);
                let id = body.trim().to_string();
                if id.is_empty() || id.contains(char::is_whitespace) {
                    problems.error(
                        file,
                        at,
                        "a `chart` block must hold exactly one chart id",
                        "write the id of a chart from charts.toml on its own line inside the block",
                    );
                    continue;
                }
                html.push(Event::Html(CowStr::from(chart_placeholder(&id) + "\n")));
                out.charts.push(ChartUse {
                    id,
                    passage_id: last_paragraph.clone(),
                    line: at.0,
                    column: at.1,
                });
            }
            Event::Start(
                tag @ (Tag::List(_) | Tag::BlockQuote(_) | Tag::Table(_) | Tag::DefinitionList),
            ) => {
                if depth == 0 && open_directive.is_none() {
                    let id = unique(next_id(&r.section_id, "b", &mut counters), &mut used_ids);
                    out.anchors.insert(id.clone());
                    r.block_id = id.clone();
                    r.block_text.clear();
                    let open = match &tag {
                        Tag::List(Some(1)) => format!("<ol id=\"{id}\">\n"),
                        Tag::List(Some(n)) => format!("<ol id=\"{id}\" start=\"{n}\">\n"),
                        Tag::List(None) => format!("<ul id=\"{id}\">\n"),
                        Tag::Table(_) => format!("<div id=\"{id}\" {TABLE_SCROLL}>"),
                        _ => format!("<div id=\"{id}\">"),
                    };
                    html.push(Event::Html(CowStr::from(open)));
                    if !matches!(tag, Tag::List(_)) {
                        html.push(Event::Start(tag_static(tag)));
                    }
                } else {
                    if matches!(tag, Tag::Table(_)) {
                        html.push(Event::Html(CowStr::from(format!("<div {TABLE_SCROLL}>"))));
                    }
                    html.push(Event::Start(tag_static(tag)));
                }
                depth += 1;
            }
            Event::End(
                end @ (TagEnd::List(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::Table
                | TagEnd::DefinitionList),
            ) => {
                depth = depth.saturating_sub(1);
                if depth == 0 && open_directive.is_none() {
                    match end {
                        TagEnd::List(true) => html.push(Event::Html(CowStr::from("</ol>\n"))),
                        TagEnd::List(false) => html.push(Event::Html(CowStr::from("</ul>\n"))),
                        other => {
                            html.push(Event::End(other));
                            html.push(Event::Html(CowStr::from("</div>\n")));
                        }
                    }
                    r.block_id = last_paragraph.clone();
                    r.flush_editor_notes(&mut html);
                } else {
                    let table = matches!(end, TagEnd::Table);
                    html.push(Event::End(end));
                    if table {
                        html.push(Event::Html(CowStr::from("</div>\n")));
                    }
                }
            }
            Event::Start(Tag::Item) => {
                r.block_text.clear();
                html.push(Event::Start(Tag::Item));
            }
            other => r.inline(other, &mut html),
        }
    }
    if let Some((_, line)) = open_directive {
        problems.error(
            file,
            (line, 1),
            "this `::: document` is never closed",
            "add a line `:::` after the document's text, with blank lines around it",
        );
        html.push(Event::Html(CowStr::from("</div></figure>\n")));
    }
    r.flush_editor_notes(&mut html);
    html
}

/// Renders one note; `[@key]` citations become links to source entries.
fn render_note(
    def: &Definition<'_>,
    r: &mut Renderer,
    index: &LineIndex,
    file: &Path,
    problems: &mut Problems,
) -> (String, Vec<String>) {
    let mut html: Vec<Event<'static>> = Vec::new();
    let mut cites = Vec::new();
    let mut segment_start = 0usize;
    let mut segment_text = String::new();
    for (event, range) in def.events.iter().cloned() {
        match event {
            Event::Start(Tag::Paragraph) => {
                html.push(Event::Start(Tag::Paragraph));
                segment_start = html.len();
                segment_text.clear();
            }
            Event::Text(t) => {
                let mut rest: &str = &t;
                let mut consumed = 0;
                while let Some(start) = rest.find("[@") {
                    let after = &rest[start + 2..];
                    let Some(end) = after.find(']') else { break };
                    let key = after[..end].trim();
                    if key.is_empty() || key.contains(char::is_whitespace) {
                        break;
                    }
                    let before = &rest[..start];
                    let before_trim = before.trim_end();
                    r.inline(
                        Event::Text(CowStr::from(before_trim.to_string())),
                        &mut html,
                    );
                    segment_text.push_str(before_trim);
                    let at = index.position(range.start + consumed + start);
                    match r.links.cite(key) {
                        Some(target) => {
                            let title = target
                                .title
                                .split_whitespace()
                                .collect::<Vec<_>>()
                                .join(" ");
                            let seg = segment_text
                                .split_whitespace()
                                .collect::<Vec<_>>()
                                .join(" ");
                            if target.lang != r.lang && !title.is_empty() && seg.contains(&title) {
                                html.insert(
                                    segment_start,
                                    Event::Html(CowStr::from(format!(
                                        "<span lang=\"{}\">",
                                        escape(&target.lang)
                                    ))),
                                );
                                html.push(Event::Html(CowStr::from("</span>")));
                                // The editors' translation, set apart from the author's citation.
                                if let Some(t) = &target.translation {
                                    html.push(Event::Html(CowStr::from(format!(
                                        " <span class=\"note-translation\">[{}]</span>",
                                        escape(t)
                                    ))));
                                }
                            }
                            html.push(Event::Html(CowStr::from(format!(
                                " <a class=\"cite-link\" href=\"{}\" data-source=\"{}\">{}</a>",
                                escape(&target.href),
                                escape(key),
                                escape(&target.label)
                            ))));
                            cites.push(key.to_string());
                        }
                        None => problems.error(
                            file,
                            at,
                            format!("note [^{}] cites an unknown source [@{key}]", def.label),
                            "add a [[source]] with this key to sources.toml, or fix the key",
                        ),
                    }
                    let skip = start + 2 + end + 1;
                    consumed += skip;
                    rest = &rest[skip..];
                    segment_start = html.len();
                    segment_text.clear();
                }
                segment_text.push_str(rest);
                r.inline(Event::Text(CowStr::from(rest.to_string())), &mut html);
            }
            other => r.inline(other, &mut html),
        }
    }
    (to_html(html), cites)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undefined_refs_are_found_in_text() {
        assert_eq!(
            undefined_refs("a [^x] b [^y z] [^]"),
            vec![(2, "x".into()), (9, "y z".into())]
        );
    }

    #[test]
    fn last_sentence_stops_at_the_previous_full_stop() {
        assert_eq!(last_sentence("One. Two three."), "Two three.");
        assert_eq!(last_sentence("Mr. X said so"), "Mr. X said so");
    }
}

#[cfg(test)]
mod robustness {
    use super::*;

    struct NoLinks;
    impl Links for NoLinks {
        fn cite(&self, key: &str) -> Option<CiteTarget> {
            (key == "known").then(|| CiteTarget {
                lang: "ru".into(),
                title: "Заглавие".into(),
                translation: Some("Title".into()),
                href: "sources.html#src-known".into(),
                label: "Source entry".into(),
            })
        }
        fn after_paragraph(&self, _: &str) -> String {
            String::new()
        }
    }

    /// Thousands of documents stitched from the syntax this renderer treats specially; none may
    /// panic, and every one must come back as HTML or as problems.
    #[test]
    fn generated_documents_never_panic() {
        const PIECES: &[&str] = &[
            "[^1]",
            "[^1]: note",
            "[^ed-x]",
            "[^ed-x]: ed",
            "[^A b]",
            "[^a B]: x",
            "[@known]",
            "[@unknown]",
            "[@",
            "[^",
            "]",
            "::: document Cap | line",
            ":::",
            "::: other",
            "```chart\nid\n```",
            "```chart\n\n```",
            "## Head {#h}",
            "## Жёлтый",
            "<script>x</script>",
            "&amp;",
            "Mr. Smith.",
            "é",
            "中文",
            "\n\n",
            "\n",
            " ",
            "- item",
            "> quote",
            "| a | b |\n|---|---|\n| 1 | 2 |",
            "[link](javascript:alert(1))",
            "`code [^1]`",
            "\u{200b}",
            "....",
            "?!",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3000 {
            let mut doc = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let len = (seed % 24) as usize;
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                doc.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
            }
            let mut problems = Problems::default();
            let out = render(&doc, Path::new("fuzz.md"), 0, "en", &NoLinks, &mut problems);
            assert!(
                !out.html.contains("<script>"),
                "raw HTML passed through for {doc:?}"
            );
            for p in &problems.list {
                assert!(p.line >= 1 && p.column >= 1, "bad position for {doc:?}");
            }
        }
    }
}
