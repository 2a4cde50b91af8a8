//! Resolve phase: one parsed article folder into one [`Article`] whose every cross-reference is
//! checked, with the indexes its pages are rendered from.
//!
//! 1. Index sources and charts by key.
//! 2. Number the notes by first reference (the body in order, then inside notes), and report
//!    duplicate, undefined and unused notes.
//! 3. Walk the body: heading, paragraph and block ids (unique, never one the page uses itself),
//!    the table of contents, note markers with the sentence each is attached to, editor's notes
//!    placed after the block that first refers to them, chart blocks.
//! 4. Resolve the notes: `[@key]` citations, text in a source's own language, translations.
//! 5. Check the timeline and the charts against the article, and that every output path is
//!    unique.
//!
//! Every problem is reported with its span; problems that only follow from a file that did not
//! parse are not reported.

pub(crate) mod charts;
pub(crate) mod timeline;

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::diag::{Problems, SourceMap};
use crate::model::article::{
    Article, Block, Body, EditorNote, Index, Inline, Note, NoteRef, Paragraph, TocEntry,
};
use crate::model::html::slugify;
use crate::parse::markdown::{self, is_editor_label, normalize_label, Doc, Md, NoteDef};
use crate::parse::ParsedArticle;

/// Ids the article page uses itself; content may not take them.
const RESERVED_IDS: &[&str] = &["main", "intro", "notes", "toc-title", "notes-title"];
/// Id prefixes of the page's own elements (notes, markers, charts, citations).
const RESERVED_PREFIXES: &[&str] = &["fn-", "fnref-", "ed-", "edref-", "chart-", "plot-", "cite-"];

fn is_reserved(id: &str) -> bool {
    RESERVED_IDS.contains(&id) || RESERVED_PREFIXES.iter().any(|p| id.starts_with(p))
}

/// Element ids of the article page: each given out once.
#[derive(Default)]
struct Ids {
    used: HashSet<String>,
    /// Next suffix to try per base, so that thousands of equal headings stay linear.
    next: HashMap<String, usize>,
}

impl Ids {
    /// `base`, or `base-2`, `base-3`… if taken.
    fn unique(&mut self, base: String) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        let k = self.next.entry(base.clone()).or_insert(2);
        loop {
            let id = format!("{base}-{k}");
            *k += 1;
            if self.used.insert(id.clone()) {
                return id;
            }
        }
    }

    /// The author's own id: taken as it is, or `false` when it is already in use.
    fn claim(&mut self, id: &str) -> bool {
        self.used.insert(id.to_string())
    }
}

/// The text of the block being read, and where its sentences start, so the sentence a note
/// marker is attached to is found without rescanning the block (linear in the block's length).
#[derive(Default)]
struct SentenceTracker {
    text: String,
    /// Byte offsets of the spaces that follow a sentence's end.
    boundaries: Vec<usize>,
    scanned: usize,
}

impl SentenceTracker {
    fn clear(&mut self) {
        self.text.clear();
        self.boundaries.clear();
        self.scanned = 0;
    }

    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        let mut prev: Option<(usize, char)> = self.text[..self.scanned]
            .chars()
            .next_back()
            .map(|c| (self.scanned - c.len_utf8(), c));
        for (i, c) in self.text[self.scanned..].char_indices() {
            let i = i + self.scanned;
            if c == ' ' {
                if let Some((p, pc)) = prev {
                    if matches!(pc, '.' | '?' | '!') && !is_abbreviation(&self.text[..p]) {
                        self.boundaries.push(i);
                    }
                }
            }
            prev = Some((i, c));
        }
        self.scanned = self.text.len();
    }

    /// The sentence that ends where the text read so far ends (at most 240 characters).
    fn last_sentence(&self) -> String {
        let trimmed = self.text.trim_end();
        let body = trimmed.trim_end_matches(['.', ',', ';', ':', '”', '"', ')', ' ']);
        let start = match self.boundaries.partition_point(|&b| b < body.len()) {
            0 => 0,
            n => self.boundaries[n - 1],
        };
        let sentence = trimmed[start.min(trimmed.len())..].trim();
        match sentence.char_indices().rev().nth(239) {
            Some((cut, _)) => {
                let tail = &sentence[cut..];
                let cut = tail.find(' ').map_or(tail, |i| &tail[i + 1..]);
                format!("…{cut}")
            }
            None => sentence.to_string(),
        }
    }
}

/// Whether the word before a full stop looks like an abbreviation or an initial ("Mr", "M").
fn is_abbreviation(before: &str) -> bool {
    const ABBREVIATIONS: &[&str] = &[
        "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Prof", "Gen", "Col", "Lt", "No", "Vol", "vs",
        "etc", "cf", "e.g", "i.e",
    ];
    let start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(before.len(), |(i, _)| i);
    let word = &before[start..];
    (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || ABBREVIATIONS.contains(&word)
}

/// The numbering of notes: author notes and editor's notes each count from 1.
struct Numbering {
    /// Normalised label → index of its (first) definition.
    defs: HashMap<String, usize>,
    author: HashMap<String, usize>,
    editor: HashMap<String, usize>,
}

impl Numbering {
    /// (number, index of the definition) of the notes of one kind, in number order.
    fn in_order(&self, numbers: &HashMap<String, usize>) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = numbers
            .iter()
            .filter_map(|(k, &n)| self.defs.get(k).map(|&d| (n, d)))
            .collect();
        out.sort();
        out
    }
}

fn note_refs_in(
    inlines: &[markdown::Inline],
) -> impl Iterator<Item = (&String, &std::ops::Range<usize>)> {
    inlines.iter().filter_map(|i| match i {
        markdown::Inline::NoteRef { label, span } => Some((label, span)),
        _ => None,
    })
}

fn block_inlines<'a>(blocks: &'a [markdown::Block], out: &mut Vec<&'a [markdown::Inline]>) {
    for b in blocks {
        match b {
            markdown::Block::Heading(h) => out.push(&h.inlines),
            markdown::Block::Paragraph { inlines, .. }
            | markdown::Block::Container { inlines, .. }
            | markdown::Block::Other(inlines) => out.push(inlines),
            markdown::Block::Document { blocks, .. } => block_inlines(blocks, out),
            markdown::Block::Chart { .. } => {}
        }
    }
}

/// Numbers notes by first reference and reports duplicate, undefined and unused ones.
fn number_notes(doc: &Doc, src: &SourceMap<'_>, problems: &mut Problems) -> Numbering {
    let mut defs: HashMap<String, usize> = HashMap::new();
    for (i, def) in doc.notes.iter().enumerate() {
        let key = normalize_label(&def.label);
        if let Some(&first) = defs.get(&key) {
            let line = src.position(doc.notes[first].span.start).0;
            problems.error_at(
                src,
                def.span.clone(),
                format!(
                    "note [^{}] is defined twice (first on line {line})",
                    def.label
                ),
                "keep one definition and delete or rename the other",
            );
        } else {
            defs.insert(key, i);
        }
    }
    let mut order: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut visit =
        |inlines: &[markdown::Inline], order: &mut Vec<String>, problems: &mut Problems| {
            for (label, span) in note_refs_in(inlines) {
                let key = normalize_label(label);
                // Where CommonMark leaves `[^x]` as text (before another `[…]`, which it reads
                // as a link's label) but the note is defined, it is still the note's marker.
                if !defs.contains_key(&key) {
                    // CommonMark reads `[^x]:` with nothing after it as text, not as a note.
                    let empty = src.text().lines().any(|l| {
                        l.trim_end()
                            .strip_prefix(&format!("[^{label}]:"))
                            .is_some_and(|rest| rest.trim().is_empty())
                    });
                    let message = if empty {
                        format!("note [^{label}] is defined with no text, so it is not a note")
                    } else {
                        format!("note [^{label}] is referenced but never defined")
                    };
                    problems.error_at(
                        src,
                        span.clone(),
                        message,
                        format!("add a line `[^{label}]: …` below the text, or fix the label"),
                    );
                } else if seen.insert(key.clone()) {
                    order.push(key);
                }
            }
        };
    let mut body = Vec::new();
    block_inlines(&doc.blocks, &mut body);
    for inlines in body {
        visit(inlines, &mut order, problems);
    }
    // A note referenced only inside another note is numbered after the body's notes.
    let mut next = 0;
    while next < order.len() {
        let key = order[next].clone();
        next += 1;
        if let Some(&i) = defs.get(&key) {
            visit(&doc.notes[i].inlines, &mut order, problems);
        }
    }
    let mut unused: Vec<&usize> = defs
        .iter()
        .filter(|(k, _)| !seen.contains(*k))
        .map(|(_, i)| i)
        .collect();
    unused.sort();
    for &i in unused {
        let def = &doc.notes[i];
        problems.error_at(
            src,
            def.span.clone(),
            format!("note [^{}] is defined but never referenced", def.label),
            format!(
                "add [^{}] where the note belongs in the text, or delete the definition",
                def.label
            ),
        );
    }
    let mut author = HashMap::new();
    let mut editor = HashMap::new();
    for key in order {
        if is_editor_label(&key) {
            let n = editor.len() + 1;
            editor.insert(key, n);
        } else {
            let n = author.len() + 1;
            author.insert(key, n);
        }
    }
    Numbering {
        defs,
        author,
        editor,
    }
}

/// Reading state while the body and the notes are resolved.
struct Resolver<'a> {
    parsed: &'a ParsedArticle<'a>,
    src: &'a SourceMap<'a>,
    numbering: Numbering,
    source_by_key: HashMap<String, usize>,
    chart_by_id: HashMap<String, usize>,
    ids: Ids,
    /// Per section and kind (p, b, doc): how many anchors were given.
    counters: HashMap<(String, &'static str), usize>,
    section_id: String,
    block_id: String,
    tracker: SentenceTracker,
    refs: HashMap<usize, Vec<NoteRef>>,
    editor_seen: HashSet<usize>,
    editor_passages: HashMap<usize, String>,
    /// Editor's notes first referenced in the block being read.
    pending: Vec<usize>,
    /// Editor's notes first referenced inside each editor's note.
    followers: HashMap<usize, Vec<usize>>,
    toc: Vec<TocEntry>,
    paragraphs: Vec<Paragraph>,
    charts_placed: HashMap<usize, usize>,
}

impl<'a> Resolver<'a> {
    fn next_id(&mut self, kind: &'static str) -> String {
        let c = self
            .counters
            .entry((self.section_id.clone(), kind))
            .or_insert(0);
        *c += 1;
        let base = format!("{}-{kind}{c}", self.section_id);
        self.ids.unique(base)
    }

    fn marker(&mut self, label: &str) -> Inline {
        let key = normalize_label(label);
        if let Some(&n) = self.numbering.editor.get(&key) {
            let first = self.editor_seen.insert(n);
            if first {
                self.editor_passages.insert(n, self.block_id.clone());
                self.pending.push(n);
            }
            return Inline::Editor { number: n, first };
        }
        let Some(&n) = self.numbering.author.get(&key) else {
            // Reported while numbering; shown as written.
            return Inline::Md(markdown::Md::text(format!("[^{label}]")));
        };
        let refs = self.refs.entry(n).or_default();
        let k = refs.len() + 1;
        let id = if k == 1 {
            format!("fnref-{n}")
        } else {
            format!("fnref-{n}-{k}")
        };
        refs.push(NoteRef {
            id: id.clone(),
            section_id: self.section_id.clone(),
            quote: self.tracker.last_sentence(),
        });
        Inline::Note {
            number: n,
            ref_id: id,
        }
    }

    /// Body inline content (no citations here).
    fn inlines(&mut self, inlines: &[markdown::Inline]) -> Vec<Inline> {
        let mut out = Vec::with_capacity(inlines.len());
        for inline in inlines {
            match inline {
                markdown::Inline::Md(md) => {
                    match md.event() {
                        Event::Start(Tag::Item) => self.tracker.clear(),
                        Event::Text(t) | Event::Code(t) => self.tracker.push(t),
                        Event::SoftBreak => self.tracker.push(" "),
                        _ => {}
                    }
                    out.push(Inline::Md(md.clone()));
                }
                markdown::Inline::NoteRef { label, .. } => out.push(self.marker(label)),
                markdown::Inline::Cite { key, .. } => {
                    out.push(Inline::Md(markdown::Md::text(format!("[@{key}]"))));
                }
            }
        }
        out
    }

    fn take_pending(&mut self) -> Vec<usize> {
        std::mem::take(&mut self.pending)
    }

    fn blocks(
        &mut self,
        blocks: &[markdown::Block],
        in_document: bool,
        problems: &mut Problems,
    ) -> Vec<Block> {
        let mut out = Vec::with_capacity(blocks.len());
        for block in blocks {
            match block {
                markdown::Block::Heading(h) => {
                    let title = markdown::plain_text(&h.inlines).trim().to_string();
                    let id = match &h.custom_id {
                        Some((id, span)) => {
                            if is_reserved(id) {
                                problems.error_at(
                                    self.src,
                                    span.clone(),
                                    format!("the heading id `{id}` is one the page uses itself"),
                                    "choose another {#id}",
                                );
                                id.clone()
                            } else if !self.ids.claim(id) {
                                problems.error_at(
                                    self.src,
                                    span.clone(),
                                    format!("the heading id `{id}` is used twice"),
                                    "give each heading its own {#id}",
                                );
                                id.clone()
                            } else {
                                id.clone()
                            }
                        }
                        None => {
                            let mut base = slugify(&title);
                            if base.is_empty() {
                                base = "section".into();
                            }
                            if is_reserved(&base) {
                                base = format!("section-{base}");
                            }
                            self.ids.unique(base)
                        }
                    };
                    self.section_id = id.clone();
                    self.block_id = id.clone();
                    self.tracker.clear();
                    let inlines = self.inlines(&h.inlines);
                    self.tracker.clear();
                    if h.level <= 3 {
                        self.toc.push(TocEntry {
                            id: id.clone(),
                            title: title.clone(),
                            level: h.level,
                        });
                    }
                    out.push(Block::Heading {
                        level: h.level,
                        id,
                        title,
                        inlines,
                    });
                }
                markdown::Block::Paragraph { inlines, .. } => {
                    let id = self.next_id("p");
                    if !in_document {
                        self.block_id = id.clone();
                    }
                    self.tracker.clear();
                    let inlines = self.inlines(inlines);
                    self.paragraphs.push(Paragraph {
                        id: id.clone(),
                        section_id: self.section_id.clone(),
                    });
                    let after = if in_document {
                        Vec::new()
                    } else {
                        self.take_pending()
                    };
                    out.push(Block::Paragraph { id, inlines, after });
                }
                markdown::Block::Container { kind, inlines } => {
                    let id = if in_document {
                        None
                    } else {
                        let id = self.next_id("b");
                        self.block_id = id.clone();
                        Some(id)
                    };
                    self.tracker.clear();
                    let inlines = self.inlines(inlines);
                    let after = if in_document {
                        Vec::new()
                    } else {
                        self.take_pending()
                    };
                    out.push(Block::Container {
                        id,
                        kind: *kind,
                        inlines,
                        after,
                    });
                }
                markdown::Block::Document { caption, blocks } => {
                    let id = self.next_id("doc");
                    self.block_id = id.clone();
                    let inner = self.blocks(blocks, true, problems);
                    let after = self.take_pending();
                    out.push(Block::Document {
                        id,
                        caption: caption.clone(),
                        blocks: inner,
                        after,
                    });
                }
                markdown::Block::Chart { id, span } => match self.chart_by_id.get(id) {
                    Some(&chart) => {
                        if let Some(first) = self.charts_placed.insert(chart, span.start) {
                            let line = self.src.position(first).0;
                            problems.error_at(
                                self.src,
                                span.clone(),
                                format!("the chart `{id}` is placed twice (first on line {line})"),
                                "place each chart once; its page carries it everywhere else",
                            );
                        } else {
                            out.push(Block::Chart { chart });
                        }
                    }
                    None => {
                        if self.parsed.charts_ok && !self.parsed.charts_rejected.contains(id) {
                            problems.error_at(
                                self.src,
                                span.clone(),
                                format!("the chart `{id}` is not defined"),
                                "define it in charts.toml next to article.md, or fix the id",
                            );
                        }
                    }
                },
                markdown::Block::Other(inlines) => {
                    let inlines = self.inlines(inlines);
                    out.push(Block::Other {
                        inlines,
                        after: Vec::new(),
                    });
                }
            }
        }
        out
    }

    /// A note's content: markers, and citations with the text in the source's language marked.
    fn note_inlines(
        &mut self,
        def: &NoteDef,
        problems: &mut Problems,
    ) -> (Vec<Inline>, Vec<String>) {
        let article_lang = self.parsed.lang.as_str();
        let mut out: Vec<Inline> = Vec::with_capacity(def.inlines.len());
        let mut cites = Vec::new();
        let mut segment_start = 0usize;
        let mut segment_text = String::new();
        for inline in &def.inlines {
            match inline {
                markdown::Inline::Md(md) => {
                    match md.event() {
                        Event::Start(Tag::Paragraph) => {
                            out.push(Inline::Md(md.clone()));
                            segment_start = out.len();
                            segment_text.clear();
                            continue;
                        }
                        Event::Text(t) => {
                            segment_text.push_str(t);
                            self.tracker.push(t);
                        }
                        Event::Code(t) => self.tracker.push(t),
                        Event::SoftBreak => self.tracker.push(" "),
                        _ => {}
                    }
                    out.push(Inline::Md(md.clone()));
                }
                markdown::Inline::NoteRef { label, .. } => out.push(self.marker(label)),
                markdown::Inline::Cite { key, span } => {
                    // The citation text ends where the key begins: no space before the link.
                    if let Some(Inline::Md(md)) = out.last_mut() {
                        if let Some(trimmed) = md.trimmed_end() {
                            *md = trimmed;
                        }
                    }
                    let trimmed_len = segment_text.trim_end().len();
                    segment_text.truncate(trimmed_len);
                    match self.source_by_key.get(key) {
                        Some(&i) => {
                            let s = &self.parsed.sources[i];
                            // Where the author wrote "URL:" and the address was not kept, the
                            // editors say so; where the record has the address, it is linked.
                            let url = segment_text.ends_with("URL:").then(|| match s.link() {
                                Some(u) => Inline::Url(u.to_string()),
                                None => Inline::UrlNotKept,
                            });
                            let title = collapse_ws(&s.title);
                            if s.lang != article_lang
                                && !title.is_empty()
                                && collapse_ws(&segment_text).contains(&title)
                                && is_inline_run(&out[segment_start..])
                            {
                                let segment: Vec<Inline> = out.drain(segment_start..).collect();
                                let translation =
                                    s.title_en.as_ref().filter(|_| !s.is_english()).cloned();
                                out.extend(mark_language(segment, &s.title, &s.lang, translation));
                            }
                            out.extend(url);
                            out.push(Inline::Cite { source: i });
                            cites.push(key.clone());
                        }
                        None => {
                            if self.parsed.sources_ok {
                                problems.error_at(
                                    self.src,
                                    span.clone(),
                                    format!("note [^{}] cites an unknown source [@{key}]", def.label),
                                    "add a record with this key to the article's sources, or fix the key",
                                );
                            }
                        }
                    }
                    segment_start = out.len();
                    segment_text.clear();
                }
            }
        }
        (out, cites)
    }
}

/// Citation text in a source's language: wrapped in its `lang`, with the editors' translation
/// right after the title it translates (or after the citation when the title cannot be found in
/// one piece of text).
fn mark_language(
    segment: Vec<Inline>,
    title: &str,
    lang: &str,
    translation: Option<String>,
) -> Vec<Inline> {
    let wrap = |inlines: Vec<Inline>| Inline::Lang {
        lang: lang.to_string(),
        inlines,
    };
    let Some(translation) = translation else {
        return vec![wrap(segment)];
    };
    let found = segment.iter().enumerate().find_map(|(i, n)| match n {
        Inline::Md(md) => md
            .as_text()
            .and_then(|t| find_collapsed(t, title))
            .map(|r| (i, r.end)),
        _ => None,
    });
    let Some((at, end)) = found else {
        return vec![wrap(segment), Inline::Translation(translation)];
    };
    let mut before = segment;
    let mut after = before.split_off(at + 1);
    let Some(Inline::Md(md)) = before.pop() else {
        unreachable!("the title was found in a text node")
    };
    let text = md.as_text().unwrap_or_default();
    let (head, tail) = text.split_at(end);
    before.push(Inline::Md(Md::text(head.to_string())));
    if !tail.is_empty() {
        after.insert(0, Inline::Md(Md::text(tail.to_string())));
    }
    let mut out = vec![wrap(before), Inline::Translation(translation)];
    if !after.is_empty() {
        out.push(wrap(after));
    }
    out
}

/// Where `needle` occurs in `haystack` when runs of white space count as one space (byte range
/// in `haystack`). Linear: both are collapsed once and positions mapped back.
fn find_collapsed(haystack: &str, needle: &str) -> Option<std::ops::Range<usize>> {
    let needle = collapse_ws(needle);
    if needle.is_empty() {
        return None;
    }
    let mut collapsed = String::with_capacity(haystack.len());
    // Byte offset in `haystack` of each byte of `collapsed`, and of its end.
    let mut origin: Vec<usize> = Vec::with_capacity(haystack.len() + 1);
    let mut in_space = true;
    for (i, c) in haystack.char_indices() {
        if c.is_whitespace() {
            if !in_space {
                collapsed.push(' ');
                origin.push(i);
            }
            in_space = true;
        } else {
            collapsed.push(c);
            origin.extend(std::iter::repeat_n(i, c.len_utf8()));
            in_space = false;
        }
    }
    origin.push(haystack.len());
    let start = collapsed.find(&needle)?;
    let end = start + needle.len();
    let last = origin[end - 1];
    let last_len = haystack[last..].chars().next().map_or(0, char::len_utf8);
    Some(origin[start]..last + last_len)
}

/// Text with runs of white space made single spaces.
fn collapse_ws(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether inline nodes open and close every tag they hold, and hold no block-level tag (so they
/// can be wrapped in a `<span>`).
fn is_inline_run(nodes: &[Inline]) -> bool {
    let mut depth = 0i32;
    for n in nodes {
        if let Inline::Md(md) = n {
            match md.event() {
                Event::Start(
                    Tag::Emphasis
                    | Tag::Strong
                    | Tag::Strikethrough
                    | Tag::Link { .. }
                    | Tag::Superscript
                    | Tag::Subscript,
                ) => depth += 1,
                Event::End(
                    TagEnd::Emphasis
                    | TagEnd::Strong
                    | TagEnd::Strikethrough
                    | TagEnd::Link
                    | TagEnd::Superscript
                    | TagEnd::Subscript,
                ) => {
                    depth -= 1;
                    if depth < 0 {
                        return false;
                    }
                }
                Event::Start(_) | Event::End(_) | Event::Rule | Event::TaskListMarker(_) => {
                    return false
                }
                _ => {}
            }
        }
    }
    depth == 0
}

/// An editor's note number followed by the notes first referenced inside it, recursively.
fn expand(
    list: &[usize],
    followers: &HashMap<usize, Vec<usize>>,
    seen: &mut HashSet<usize>,
) -> Vec<usize> {
    let mut out = Vec::new();
    for &n in list {
        if seen.insert(n) {
            out.push(n);
            if let Some(f) = followers.get(&n) {
                out.extend(expand(f, followers, seen));
            }
        }
    }
    out
}

fn expand_blocks(
    blocks: &mut [Block],
    followers: &HashMap<usize, Vec<usize>>,
    seen: &mut HashSet<usize>,
) {
    for b in blocks {
        match b {
            Block::Paragraph { after, .. }
            | Block::Container { after, .. }
            | Block::Other { after, .. } => {
                *after = expand(after, followers, seen);
            }
            Block::Document { blocks, after, .. } => {
                expand_blocks(blocks, followers, seen);
                *after = expand(after, followers, seen);
            }
            Block::Heading { .. } | Block::Chart { .. } => {}
        }
    }
}

/// Resolves one parsed article; `None` only when nothing usable could be built.
pub(crate) fn resolve(parsed: &ParsedArticle<'_>, problems: &mut Problems) -> Article {
    let files = parsed.files;
    let src = SourceMap::new(&files.article.path, &files.article.text);
    let source_by_key: HashMap<String, usize> = parsed
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| (s.key.clone(), i))
        .collect();
    let chart_by_id: HashMap<String, usize> = parsed
        .charts
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i))
        .collect();
    let numbering = number_notes(&parsed.doc, &src, problems);
    let mut ids = Ids::default();
    for id in RESERVED_IDS {
        ids.claim(id);
    }
    let mut r = Resolver {
        parsed,
        src: &src,
        numbering,
        source_by_key,
        chart_by_id,
        ids,
        counters: HashMap::new(),
        section_id: "intro".into(),
        block_id: "intro".into(),
        tracker: SentenceTracker::default(),
        refs: HashMap::new(),
        editor_seen: HashSet::new(),
        editor_passages: HashMap::new(),
        pending: Vec::new(),
        followers: HashMap::new(),
        toc: Vec::new(),
        paragraphs: Vec::new(),
        charts_placed: HashMap::new(),
    };
    let mut blocks = r.blocks(&parsed.doc.blocks, false, problems);
    let leftover = r.take_pending();
    if !leftover.is_empty() {
        blocks.push(Block::Other {
            inlines: Vec::new(),
            after: leftover,
        });
    }

    // Author's notes in number order, then editor's notes.
    let by_number = r.numbering.in_order(&r.numbering.author);
    let mut notes = Vec::with_capacity(by_number.len());
    for (n, d) in by_number {
        let def = &parsed.doc.notes[d];
        r.section_id = "notes".into();
        r.block_id = format!("fn-{n}");
        r.tracker.clear();
        let (inlines, cites) = r.note_inlines(def, problems);
        let after = r.take_pending();
        notes.push(Note {
            number: n,
            label: def.label.clone(),
            inlines,
            text: markdown::plain_text(&def.inlines),
            refs: Vec::new(),
            cites,
            after,
        });
    }
    let editor_order = r.numbering.in_order(&r.numbering.editor);
    let mut editor_notes = Vec::with_capacity(editor_order.len());
    for (n, d) in editor_order {
        let def = &parsed.doc.notes[d];
        r.block_id = format!("ed-{n}");
        r.tracker.clear();
        let (inlines, _) = r.note_inlines(def, problems);
        let inner = r.take_pending();
        if !inner.is_empty() {
            r.followers.insert(n, inner);
        }
        editor_notes.push(EditorNote {
            inlines,
            text: markdown::plain_text(&def.inlines),
            passage_id: r.editor_passages.get(&n).cloned().unwrap_or_default(),
        });
    }
    // Each editor's note is shown once, where it is first referenced, followed by the editor's
    // notes first referenced inside it.
    let mut seen = HashSet::new();
    expand_blocks(&mut blocks, &r.followers, &mut seen);
    for note in &mut notes {
        note.after = expand(&note.after, &r.followers, &mut seen);
    }
    for note in &mut notes {
        note.refs = r.refs.remove(&note.number).unwrap_or_default();
    }

    let note_by_key: HashMap<String, usize> = notes
        .iter()
        .enumerate()
        .map(|(i, n)| (normalize_label(&n.label), i))
        .collect();
    let paragraph_by_id: HashMap<String, usize> = r
        .paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
    let citations = citations(&notes, &r.source_by_key, parsed.sources.len());
    let mut events_by_passage: HashMap<String, Vec<usize>> = HashMap::new();
    if let Some(t) = &parsed.timeline {
        for (i, e) in t.events.iter().enumerate() {
            events_by_passage
                .entry(e.passage.clone())
                .or_default()
                .push(i);
        }
    }
    let article = Article {
        slug: files.slug.clone(),
        meta: parsed.meta.clone(),
        published: parsed.published,
        lang: parsed.lang.clone(),
        body: Body {
            blocks,
            toc: r.toc,
            paragraphs: r.paragraphs,
            notes,
            editor_notes,
        },
        sources: parsed.sources.clone(),
        timeline: parsed.timeline.clone(),
        charts: parsed.charts.clone(),
        citation_style: parsed.citation_style.clone(),
        index: Index {
            note_by_key,
            source_by_key: r.source_by_key,
            events_by_passage,
            paragraph_by_id,
            citations,
        },
    };
    check_uncited_sources(&article, parsed, problems);
    check_output_paths(&article, parsed, problems);
    if let Some(f) = &files.charts {
        let src = SourceMap::new(&f.path, &f.text);
        crate::resolve::charts::check_against_article(&article, &src, problems);
    }
    if let (Some(t), Some(f)) = (&article.timeline, &files.timeline) {
        let src = SourceMap::new(&f.path, &f.text);
        crate::resolve::timeline::check_against_article(t, &article, &src, problems);
    }
    article
}

/// Sources in order of first citation with the notes citing them; then the uncited ones.
fn citations(
    notes: &[Note],
    source_by_key: &HashMap<String, usize>,
    count: usize,
) -> Vec<(usize, Vec<usize>)> {
    let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut slot: HashMap<usize, usize> = HashMap::new();
    for (ni, note) in notes.iter().enumerate() {
        for key in &note.cites {
            let Some(&s) = source_by_key.get(key) else {
                continue;
            };
            let at = *slot.entry(s).or_insert_with(|| {
                out.push((s, Vec::new()));
                out.len() - 1
            });
            if !out[at].1.contains(&ni) {
                out[at].1.push(ni);
            }
        }
    }
    for s in 0..count {
        if !slot.contains_key(&s) {
            out.push((s, Vec::new()));
        }
    }
    out
}

/// Every output path is unique, or the build fails naming both outputs.
fn check_output_paths(article: &Article, parsed: &ParsedArticle<'_>, problems: &mut Problems) {
    let planned = crate::model::paths::planned(article);
    for (first, second) in crate::model::paths::collisions(&planned) {
        let chart = second.chart.or(first.chart).map(|i| &article.charts[i]);
        let message = format!(
            "{} and {} would both be written to {}",
            first.what, second.what, second.path
        );
        let hint = "give the chart another id";
        match (chart, &parsed.files.charts) {
            (Some(c), Some(f)) => {
                let src = SourceMap::new(&f.path, &f.text);
                problems.error_at(&src, c.span.clone(), message, hint);
            }
            _ => problems.error(&parsed.files.article.path, (1, 1), message, hint),
        }
    }
}

/// Up to this many uncited sources are warned about one by one; more are folded into one
/// warning with their count and the first few keys.
const UNCITED_ONE_BY_ONE: usize = 5;

fn check_uncited_sources(article: &Article, parsed: &ParsedArticle<'_>, problems: &mut Problems) {
    let Some(f) = &parsed.files.sources else {
        return;
    };
    let cited: std::collections::HashSet<&str> = article
        .body
        .notes
        .iter()
        .flat_map(|n| n.cites.iter().map(String::as_str))
        .collect();
    let uncited: Vec<_> = article
        .sources
        .iter()
        .filter(|s| !cited.contains(s.key.as_str()))
        .collect();
    if uncited.len() <= UNCITED_ONE_BY_ONE {
        for s in uncited {
            problems.warning(
                &f.path,
                (s.line, 1),
                format!("source `{}` is never cited", s.key),
                format!("cite it in a note with [@{}], or delete the record", s.key),
            );
        }
        return;
    }
    let first: Vec<String> = uncited[..UNCITED_ONE_BY_ONE]
        .iter()
        .map(|s| format!("`{}`", s.key))
        .collect();
    problems.warning(
        &f.path,
        (uncited[0].line, 1),
        format!(
            "{} sources are never cited: {}, and {} more",
            uncited.len(),
            first.join(", "),
            uncited.len() - UNCITED_ONE_BY_ONE
        ),
        "cite each in a note with [@key], or delete the records",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(text: &str) -> String {
        let mut t = SentenceTracker::default();
        for part in text.split_inclusive(' ') {
            t.push(part);
        }
        t.last_sentence()
    }

    #[test]
    fn last_sentence_stops_at_the_previous_full_stop() {
        assert_eq!(sentence("One. Two three."), "Two three.");
        assert_eq!(sentence("Mr. X said so"), "Mr. X said so");
        assert_eq!(sentence("One. Two three. "), "Two three.");
    }

    #[test]
    fn long_sentences_are_cut_from_the_front() {
        let long = "word ".repeat(100);
        let s = sentence(&long);
        assert!(s.starts_with('…') && s.chars().count() <= 241, "{s}");
    }

    #[test]
    fn titles_are_found_across_runs_of_white_space() {
        let text = "Ван И  изложил\nпять пунктов // СИНЬХУА";
        let r = find_collapsed(text, "Ван И изложил пять пунктов").unwrap();
        assert_eq!(&text[r], "Ван И  изложил\nпять пунктов");
        assert_eq!(find_collapsed("abc", "x"), None);
    }

    #[test]
    fn equal_headings_get_numbered_ids_in_linear_time() {
        let mut ids = Ids::default();
        let got: Vec<String> = (0..4).map(|_| ids.unique("a".into())).collect();
        assert_eq!(got, ["a", "a-2", "a-3", "a-4"]);
    }
}
