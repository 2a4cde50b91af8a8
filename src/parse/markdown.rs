//! Parse phase for an article's Markdown: pulldown-cmark events (offsets kept) into a typed tree.
//!
//! 1. Parse with pulldown-cmark; raw HTML becomes text, adjacent text is merged (in linear time).
//! 2. Split footnote definitions out of the body.
//! 3. Build the body's blocks: headings (shifted under the page title, attributes dropped),
//!    paragraphs, top-level containers (lists, quotes, tables), `::: document` directives and
//!    `chart` blocks.
//! 4. Inline content keeps only sanitised CommonMark events ([`Md`]) and our own nodes: note
//!    references and, inside notes, `[@key]` citations.
//!
//! Nothing here writes HTML and nothing here knows what a label or key refers to: numbering notes
//! and checking every reference is the resolve phase's work ([`crate::resolve`]).

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diag::{Problems, SourceMap};

/// A CommonMark event that is safe to serialise as it is: raw HTML turned into text, heading
/// attributes dropped, link and image URLs limited to safe schemes. Only this module makes one.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Md(Event<'static>);

impl Md {
    pub(crate) fn event(&self) -> &Event<'static> {
        &self.0
    }

    /// Text as it reads (for quotes, titles and search), or `None` for markup.
    pub(crate) fn as_text(&self) -> Option<&str> {
        match &self.0 {
            Event::Text(t) | Event::Code(t) => Some(t),
            Event::SoftBreak | Event::HardBreak => Some(" "),
            _ => None,
        }
    }

    /// Text that reads as it is written (plain text is always safe).
    pub(crate) fn text(text: String) -> Md {
        Md(Event::Text(CowStr::from(text)))
    }

    /// This text without trailing white space; `None` when it is not text.
    pub(crate) fn trimmed_end(&self) -> Option<Md> {
        match &self.0 {
            Event::Text(t) => Some(Md::text(t.trim_end().to_string())),
            _ => None,
        }
    }
}

/// Inline content of a block or a note.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Inline {
    Md(Md),
    /// `[^label]` (also where pulldown-cmark left it as text: undefined, or before a `[…]`).
    NoteRef {
        label: String,
        span: Range<usize>,
    },
    /// `[@key]` inside a note.
    Cite {
        key: String,
        span: Range<usize>,
    },
}

/// Plain text of inline content (citations and note markers left out).
pub(crate) fn plain_text(inlines: &[Inline]) -> String {
    let mut s = String::new();
    for i in inlines {
        if let Inline::Md(md) = i {
            if let Some(t) = md.as_text() {
                s.push_str(t);
            }
        }
    }
    s
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ContainerKind {
    OrderedList(u64),
    BulletList,
    Quote,
    Table,
    DefinitionList,
}

#[derive(Debug, Clone)]
pub(crate) struct Heading {
    /// 2 to 6: a `#` heading is shifted to `<h2>` under the page's title.
    pub level: u8,
    /// The author's `{#id}`, checked to be a plain identifier.
    pub custom_id: Option<(String, Range<usize>)>,
    pub inlines: Vec<Inline>,
}

#[derive(Debug, Clone)]
pub(crate) enum Block {
    Heading(Heading),
    Paragraph {
        inlines: Vec<Inline>,
    },
    /// A top-level list, quote, table or definition list: its events (nested blocks included).
    Container {
        kind: ContainerKind,
        inlines: Vec<Inline>,
    },
    /// `::: document Caption | line 2` … `:::`.
    Document {
        caption: Vec<String>,
        blocks: Vec<Block>,
    },
    /// A ```` ```chart ```` block naming a chart.
    Chart {
        id: String,
        span: Range<usize>,
    },
    /// Anything else at the top level (code blocks, rules, raw HTML shown as text).
    Other(Vec<Inline>),
}

/// A footnote definition `[^label]: …`.
#[derive(Debug, Clone)]
pub(crate) struct NoteDef {
    pub label: String,
    /// The `[^label]:` that opens the definition.
    pub span: Range<usize>,
    pub inlines: Vec<Inline>,
}

/// An article's text as a tree.
#[derive(Debug, Clone, Default)]
pub(crate) struct Doc {
    pub blocks: Vec<Block>,
    pub notes: Vec<NoteDef>,
}

/// Label prefix that marks a footnote as an editor's note.
pub(crate) const EDITOR_PREFIX: &str = "ed-";

/// Footnote labels match without regard to case or runs of white space.
pub(crate) fn normalize_label(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for word in label.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

pub(crate) fn is_editor_label(key: &str) -> bool {
    key.starts_with(EDITOR_PREFIX)
}

type Spanned<'a> = (Event<'a>, Range<usize>);

/// pulldown-cmark's events with adjacent text merged, offsets made absolute. Raw HTML stays an
/// `Html` event here (shown as text later, but never read for note references or citations).
/// Also gives the raw HTML blocks that run to the end of the text (a `<!--` never closed).
fn events(text: &str, base: usize) -> (Vec<Spanned<'_>>, Vec<Range<usize>>) {
    let mut runaway_html = Vec::new();
    let options = Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TABLES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH;
    let mut out: Vec<Spanned<'_>> = Vec::new();
    // Text being merged: built in one String, so a paragraph of many entities stays linear.
    let mut pending: Option<(String, Range<usize>)> = None;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let range = range.start + base..range.end + base;
        let event = match event {
            Event::Start(Tag::HtmlBlock) => {
                if text[range.start - base..].trim_end().len() <= range.end - base
                    && text[range.start - base..range.end - base].contains('\n')
                {
                    runaway_html.push(range.start..range.start + 4);
                }
                continue;
            }
            Event::End(TagEnd::HtmlBlock) => continue,
            other => other,
        };
        if let Event::Text(t) = &event {
            match &mut pending {
                Some((buf, r)) => {
                    buf.push_str(t);
                    r.end = range.end;
                }
                None => pending = Some((t.to_string(), range)),
            }
            continue;
        }
        if let Some((buf, r)) = pending.take() {
            out.push((Event::Text(CowStr::from(buf)), r));
        }
        out.push((event, range));
    }
    if let Some((buf, r)) = pending.take() {
        out.push((Event::Text(CowStr::from(buf)), r));
    }
    (out, runaway_html)
}

/// A footnote definition as events: its label, its span and its content.
type RawDefinition<'a> = (String, Range<usize>, Vec<Spanned<'a>>);

/// Splits footnote definitions out of the body (wherever they are).
fn split_definitions(events: Vec<Spanned<'_>>) -> (Vec<Spanned<'_>>, Vec<RawDefinition<'_>>) {
    let mut body = Vec::new();
    let mut defs = Vec::new();
    let mut open: Option<RawDefinition<'_>> = None;
    let mut depth = 0usize;
    for (event, range) in events {
        match (&event, open.as_mut()) {
            (Event::Start(Tag::FootnoteDefinition(label)), None) => {
                open = Some((label.to_string(), range, Vec::new()));
            }
            (Event::Start(Tag::FootnoteDefinition(_)), Some(def)) => {
                depth += 1;
                def.2.push((event, range));
            }
            (Event::End(TagEnd::FootnoteDefinition), Some(def)) => {
                if depth == 0 {
                    defs.extend(open.take());
                } else {
                    depth -= 1;
                    def.2.push((event, range));
                }
            }
            (_, Some(def)) => def.2.push((event, range)),
            (_, None) => body.push((event, range)),
        }
    }
    defs.extend(open);
    (body, defs)
}

/// Whether a URL may be written into `href`/`src`: anything but the schemes that run script or
/// carry a document (`javascript:`, `vbscript:`, `data:`). Browsers drop tabs, newlines and
/// control characters before they read a scheme, and so does this.
pub(crate) fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_ascii_control() && !c.is_whitespace())
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    !["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|scheme| cleaned.starts_with(scheme))
}

fn shift_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 | HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn level_of(n: u8) -> HeadingLevel {
    match n {
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// A tag made safe to serialise: a nested heading keeps its shifted level and nothing else (no
/// id, class or attribute); a link or image keeps only a URL that runs no script; an HTML block
/// becomes a paragraph of text. pulldown-cmark's own `into_static` makes it owned.
fn safe_tag<'a>(tag: Tag<'a>) -> Tag<'static> {
    let safe = |url: CowStr<'a>| -> CowStr<'a> {
        if is_safe_url(&url) {
            url
        } else {
            CowStr::from("#")
        }
    };
    match tag {
        Tag::Heading { level, .. } => Tag::Heading {
            level: level_of(shift_level(level)),
            id: None,
            classes: Vec::new(),
            attrs: Vec::new(),
        },
        Tag::HtmlBlock => Tag::Paragraph,
        Tag::Link {
            link_type,
            dest_url,
            title,
            ..
        } => Tag::Link {
            link_type,
            dest_url: safe(dest_url),
            title,
            id: CowStr::from(""),
        },
        Tag::Image {
            link_type,
            dest_url,
            title,
            ..
        } => Tag::Image {
            link_type,
            dest_url: safe(dest_url),
            title,
            id: CowStr::from(""),
        },
        other => other,
    }
    .into_static()
}

/// The sanitised, owned form of an event that is not one of our nodes: raw HTML, math and
/// stray footnote references are text.
fn md(event: Event<'_>) -> Md {
    Md(match event {
        Event::Start(tag) => Event::Start(safe_tag(tag)),
        Event::End(TagEnd::HtmlBlock) => Event::End(TagEnd::Paragraph),
        Event::End(TagEnd::Heading(level)) => {
            Event::End(TagEnd::Heading(level_of(shift_level(level))))
        }
        Event::Html(t)
        | Event::InlineHtml(t)
        | Event::InlineMath(t)
        | Event::DisplayMath(t)
        | Event::FootnoteReference(t) => Event::Text(t.into_static()),
        other => other.into_static(),
    })
}

/// Finds `[^label]` in text: pulldown-cmark emits no event for a note that is not defined.
fn text_note_refs(text: &str) -> Vec<(Range<usize>, String)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("[^") {
        let start = from + i;
        let after = &text[start + 2..];
        match after.find([']', '[', '\n']) {
            Some(end) if end > 0 && after.as_bytes()[end] == b']' => {
                found.push((start..start + 2 + end + 1, after[..end].to_string()));
                from = start + 2 + end + 1;
            }
            _ => from = start + 2,
        }
    }
    found
}

/// Finds `[@key]` in text (a key has no white space).
fn text_cites(text: &str) -> Vec<(Range<usize>, String)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find("[@") {
        let start = from + i;
        let after = &text[start + 2..];
        match after.find([']', '[']) {
            Some(end) if after.as_bytes()[end] == b']' => {
                let key = after[..end].trim();
                if key.is_empty() || key.contains(char::is_whitespace) {
                    from = start + 2;
                    continue;
                }
                found.push((start..start + 2 + end + 1, key.to_string()));
                from = start + 2 + end + 1;
            }
            _ => from = start + 2,
        }
    }
    found
}

/// Where inline content sits: notes may cite sources; the body may not.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Context {
    Body,
    Note,
}

struct Builder<'s> {
    src: &'s SourceMap<'s>,
    problems: &'s mut Problems,
}

impl Builder<'_> {
    /// A text event's offset of byte `i`, when the text is the source's own bytes (no entities).
    fn text_span(&self, text: &str, range: &Range<usize>, inner: &Range<usize>) -> Range<usize> {
        let source = self.src.text().get(range.clone()).unwrap_or("");
        if source == text {
            range.start + inner.start..range.start + inner.end
        } else {
            range.clone()
        }
    }

    /// Inline content: our nodes split out of the events, everything else sanitised.
    fn inlines(&mut self, events: Vec<Spanned<'_>>, context: Context) -> Vec<Inline> {
        let mut out = Vec::with_capacity(events.len());
        for (event, range) in events {
            match event {
                Event::FootnoteReference(label) => out.push(Inline::NoteRef {
                    label: label.to_string(),
                    span: range,
                }),
                Event::Text(text) => self.text(&text, &range, context, &mut out),
                // Raw HTML is never passed through: it is shown as text, as written.
                Event::Html(html) | Event::InlineHtml(html) => {
                    if context == Context::Body && !html.trim().is_empty() {
                        self.problems.warning_at(
                            self.src,
                            range.clone(),
                            "raw HTML is shown as text",
                            "write it in Markdown (emphasis, links, lists, tables), or delete it",
                        );
                    }
                    out.push(Inline::Md(Md::text(html.to_string())));
                }
                other => out.push(Inline::Md(md(other))),
            }
        }
        out
    }

    fn text(&mut self, text: &str, range: &Range<usize>, context: Context, out: &mut Vec<Inline>) {
        let mut nodes: Vec<(Range<usize>, Inline)> = text_note_refs(text)
            .into_iter()
            .map(|(r, label)| {
                let span = self.text_span(text, range, &r);
                (r, Inline::NoteRef { label, span })
            })
            .collect();
        let cites = text_cites(text);
        if context == Context::Note {
            for (r, key) in cites {
                if nodes
                    .iter()
                    .any(|(n, _)| n.start < r.end && r.start < n.end)
                {
                    continue;
                }
                let span = self.text_span(text, range, &r);
                nodes.push((r, Inline::Cite { key, span }));
            }
            nodes.sort_by_key(|(r, _)| r.start);
        } else {
            self.lint_body_text(text, range, &cites);
        }
        let mut at = 0;
        for (r, node) in nodes {
            if r.start > at {
                out.push(Inline::Md(Md::text(text[at..r.start].to_string())));
            }
            out.push(node);
            at = r.end;
        }
        if at < text.len() || text.is_empty() {
            out.push(Inline::Md(Md::text(text[at..].to_string())));
        }
    }

    /// Warns about what a Pandoc or Word conversion leaves behind in the body's text.
    fn lint_body_text(
        &mut self,
        text: &str,
        range: &Range<usize>,
        cites: &[(Range<usize>, String)],
    ) {
        for (r, key) in cites {
            let span = self.text_span(text, range, r);
            self.problems.warning_at(
                self.src,
                span,
                format!("`[@{key}]` outside a note is shown as text"),
                "citations belong inside a footnote: put `[@key]` after the citation text in `[^n]: …`",
            );
        }
        if let Some(i) = text.find("]{") {
            let span = self.text_span(text, range, &(i..i + 2));
            self.problems.warning_at(
                self.src,
                span,
                "`[text]{…}` looks like a Pandoc span; it is shown as text",
                "remove the braces (attributes on text are not supported)",
            );
        }
        if let Some(r) = superscript(text) {
            let span = self.text_span(text, range, &r);
            self.problems.warning_at(
                self.src,
                span,
                "`^x^` looks like a Pandoc superscript; it is shown as text",
                "write the text without carets",
            );
        }
        for scheme in ["https://", "http://"] {
            if let Some(i) = text.find(scheme) {
                let end = text[i..]
                    .find(char::is_whitespace)
                    .map_or(text.len(), |e| i + e);
                let span = self.text_span(text, range, &(i..end));
                self.problems.warning_at(
                    self.src,
                    span,
                    "a bare URL is not a link",
                    "write it as <https://…> or [text](https://…)",
                );
                break;
            }
        }
        let source = self.src.text().get(range.clone()).unwrap_or("");
        if source == text {
            if let Some(i) = unclosed_emphasis(text) {
                let span = self.text_span(text, range, &(i..i + 1));
                self.problems.warning_at(
                    self.src,
                    span,
                    "an emphasis marker is never closed; it is shown as text",
                    "close it (`*text*`), or write `\\*` for a literal asterisk",
                );
            }
        }
    }
}

/// `^word^` in text.
fn superscript(text: &str) -> Option<Range<usize>> {
    let mut from = 0;
    while let Some(i) = text[from..].find('^') {
        let start = from + i;
        let rest = &text[start + 1..];
        if let Some(end) = rest.find('^') {
            if end > 0 && !rest[..end].contains(char::is_whitespace) {
                return Some(start..start + 1 + end + 1);
            }
        }
        from = start + 1;
    }
    None
}

/// An `*` or `_` that opens emphasis next to a word but was left as text (never closed).
fn unclosed_emphasis(text: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if c != '*' && c != '_' {
            continue;
        }
        let before = k.checked_sub(1).map(|j| chars[j].1);
        let after = chars.get(k + 1).map(|x| x.1);
        let opens = after.is_some_and(|a| a.is_alphanumeric())
            && before.is_none_or(|b| b.is_whitespace() || "([\"“".contains(b));
        if opens {
            return Some(i);
        }
    }
    None
}

/// Collects the events up to the end of the block that `start` opened (its end not included).
fn take_block<'a>(
    iter: &mut std::iter::Peekable<std::vec::IntoIter<Spanned<'a>>>,
) -> Vec<Spanned<'a>> {
    let mut depth = 0usize;
    let mut inner = Vec::new();
    for (event, range) in iter.by_ref() {
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => break,
            Event::End(_) => depth -= 1,
            _ => {}
        }
        inner.push((event, range));
    }
    inner
}

fn is_identifier(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// An open `::: document`.
struct OpenDocument {
    caption: Vec<String>,
    span: Range<usize>,
    blocks: Vec<Block>,
}

/// Parses an article body that starts `base` bytes into its file.
pub(crate) fn parse(src: &SourceMap<'_>, base: usize, problems: &mut Problems) -> Doc {
    let body_text = src.text().get(base..).unwrap_or("");
    let (events, runaway_html) = events(body_text, base);
    let (body, defs) = split_definitions(events);
    let mut b = Builder { src, problems };
    for span in runaway_html {
        b.problems.warning_at(
            src,
            span,
            "raw HTML starting here runs to the end of the file: everything after it is shown as text",
            "delete it, or close it (a `<!--` needs its `-->`)",
        );
    }
    let mut blocks: Vec<Block> = Vec::new();
    let mut open: Option<OpenDocument> = None;
    let mut iter = body.into_iter().peekable();
    while let Some((event, range)) = iter.next() {
        let block = match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let inner = take_block(&mut iter);
                if !classes.is_empty() || !attrs.is_empty() {
                    b.problems.warning_at(
                        src,
                        range.clone(),
                        "heading attributes other than `{#id}` are ignored",
                        "keep only `{#id}` after the heading text",
                    );
                }
                let custom_id = match id {
                    Some(id) if is_identifier(id.trim()) => {
                        Some((id.trim().to_string(), range.clone()))
                    }
                    Some(id) if id.trim().is_empty() => None,
                    Some(id) => {
                        b.problems.error_at(
                            src,
                            range.clone(),
                            format!(
                                "the heading id `{id}` may only hold letters, digits, `-` and `_`"
                            ),
                            "write it as {#short-id}",
                        );
                        None
                    }
                    None => None,
                };
                Block::Heading(Heading {
                    level: shift_level(level),
                    custom_id,
                    inlines: b.inlines(inner, Context::Body),
                })
            }
            Event::Start(Tag::Paragraph) => {
                let inner = take_block(&mut iter);
                // Raw HTML counts as the text it is shown as.
                let is_plain = inner.iter().all(|(e, _)| {
                    matches!(e, Event::Text(_) | Event::InlineHtml(_) | Event::SoftBreak)
                });
                let text: String = inner
                    .iter()
                    .filter_map(|(e, _)| match e {
                        Event::Text(t) | Event::InlineHtml(t) => Some(t.as_ref()),
                        Event::SoftBreak => Some(" "),
                        _ => None,
                    })
                    .collect();
                if is_plain && text.trim_start().starts_with(":::") {
                    directive(&mut b, &text, range, &mut open, &mut blocks);
                    continue;
                }
                Block::Paragraph {
                    inlines: b.inlines(inner, Context::Body),
                }
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) if info.trim() == "chart" => {
                let inner = take_block(&mut iter);
                let id: String = inner
                    .iter()
                    .filter_map(|(e, _)| match e {
                        Event::Text(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect::<String>()
                    .trim()
                    .to_string();
                if id.is_empty() || id.contains(char::is_whitespace) {
                    b.problems.error_at(
                        src,
                        range,
                        "a `chart` block must hold exactly one chart id",
                        "write the id of a chart from charts.toml on its own line inside the block",
                    );
                    continue;
                }
                Block::Chart { id, span: range }
            }
            Event::Start(
                tag @ (Tag::List(_) | Tag::BlockQuote(_) | Tag::Table(_) | Tag::DefinitionList),
            ) => {
                let kind = match &tag {
                    Tag::List(Some(n)) => ContainerKind::OrderedList(*n),
                    Tag::List(None) => ContainerKind::BulletList,
                    Tag::BlockQuote(_) => ContainerKind::Quote,
                    Tag::Table(_) => ContainerKind::Table,
                    _ => ContainerKind::DefinitionList,
                };
                let mut inner = vec![(Event::Start(tag), range.clone())];
                let body = take_block(&mut iter);
                let end = match kind {
                    ContainerKind::OrderedList(_) => TagEnd::List(true),
                    ContainerKind::BulletList => TagEnd::List(false),
                    ContainerKind::Quote => match &inner[0].0 {
                        Event::Start(Tag::BlockQuote(k)) => TagEnd::BlockQuote(*k),
                        _ => TagEnd::BlockQuote(None),
                    },
                    ContainerKind::Table => TagEnd::Table,
                    ContainerKind::DefinitionList => TagEnd::DefinitionList,
                };
                inner.extend(body);
                inner.push((Event::End(end), range));
                Block::Container {
                    kind,
                    inlines: b.inlines(inner, Context::Body),
                }
            }
            Event::Start(tag) => {
                if let Tag::CodeBlock(CodeBlockKind::Fenced(_)) = &tag {
                    let source = src.text().get(range.clone()).unwrap_or("").trim_end();
                    if !source.ends_with("```") && !source.ends_with("~~~") {
                        b.problems.warning_at(
                            src,
                            range.start..range.start + 3,
                            "this code block is never closed: everything after it is code",
                            "close it with a line of ``` (or remove the fence)",
                        );
                    }
                }
                let mut inner = vec![(Event::Start(tag), range.clone())];
                let body = take_block(&mut iter);
                let end = match &inner[0].0 {
                    Event::Start(t) => t.to_end(),
                    _ => TagEnd::Paragraph,
                };
                inner.extend(body);
                inner.push((Event::End(end), range));
                Block::Other(b.inlines(inner, Context::Body))
            }
            other => Block::Other(b.inlines(vec![(other, range)], Context::Body)),
        };
        match open.as_mut() {
            Some(doc) => doc.blocks.push(block),
            None => blocks.push(block),
        }
    }
    if let Some(doc) = open.take() {
        b.problems.error_at(
            src,
            doc.span,
            "this `::: document` is never closed",
            "add a line `:::` after the document's text, with blank lines around it",
        );
        blocks.push(Block::Document {
            caption: doc.caption,
            blocks: doc.blocks,
        });
    }
    let notes = defs
        .into_iter()
        .map(|(label, span, events)| NoteDef {
            span: span.start..(span.start + label.len() + 4).min(span.end),
            label,
            inlines: b.inlines(events, Context::Note),
        })
        .collect();
    Doc { blocks, notes }
}

/// A `:::` line: opens or closes a document.
fn directive(
    b: &mut Builder<'_>,
    text: &str,
    span: Range<usize>,
    open: &mut Option<OpenDocument>,
    blocks: &mut Vec<Block>,
) {
    let directive = text.trim_start().trim_start_matches(':').trim();
    let (name, rest) = directive.split_once(' ').unwrap_or((directive, ""));
    match (name, open.take()) {
        ("", Some(doc)) => blocks.push(Block::Document {
            caption: doc.caption,
            blocks: doc.blocks,
        }),
        ("", None) => b.problems.error_at(
            b.src,
            span,
            "`:::` closes a directive, but none is open",
            "delete this line, or open the block with `::: document Caption`",
        ),
        (_, Some(doc)) => {
            let line = b.src.position(doc.span.start).0;
            b.problems.error_at(
                b.src,
                span,
                format!("a directive opens inside the `::: document` opened on line {line}"),
                "close the first one with a line `:::` (blank lines around it)",
            );
            *open = Some(doc);
        }
        ("document", None) => {
            *open = Some(OpenDocument {
                caption: rest.split('|').map(|l| l.trim().to_string()).collect(),
                span,
                blocks: Vec::new(),
            });
        }
        (name, None) => b.problems.error_at(
            b.src,
            span,
            format!("unknown directive `::: {name}`"),
            "the directives are `::: document Caption | line 2` … `:::`",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undefined_refs_are_found_in_text() {
        let found: Vec<String> = text_note_refs("a [^x] b [^y z] [^]")
            .into_iter()
            .map(|(_, l)| l)
            .collect();
        assert_eq!(found, vec!["x", "y z"]);
    }

    #[test]
    fn script_schemes_are_never_linked() {
        for bad in [
            "javascript:alert(1)",
            " JaVaScRiPt:x",
            "java\tscript:x",
            "\u{1}javascript:x",
            "data:text/html,x",
            "vbscript:x",
        ] {
            assert!(!is_safe_url(bad), "{bad:?}");
        }
        for good in [
            "https://a.b/c",
            "http://x",
            "mailto:a@b",
            "#x",
            "a/b.html",
            "./x:y",
            "?q=a:b",
            // CommonMark's own examples link other schemes; they run nothing.
            "irc://foo.bar:2233/baz",
            "a+b+c:d",
        ] {
            assert!(is_safe_url(good), "{good:?}");
        }
    }
}
