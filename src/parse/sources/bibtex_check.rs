//! Checks a `.bib` file before the BibTeX reader expands it: that reader resolves `@string`
//! abbreviations and `crossref`/`xdata` links by recursion and copies, so a file whose strings
//! refer to each other overflows the stack, and one whose strings double at each step grows
//! without end. Here, with explicit stacks and saturating sizes:
//! - braces nest at most [`MAX_BRACE_DEPTH`] deep and a field holds at most [`MAX_FIELD_BRACES`];
//! - no `@string` refers to itself, directly or through others (the chain is named), chains are
//!   at most [`MAX_CHAIN`] long, and no field expands to more than [`MAX_EXPANDED_BYTES`]
//!   (all fields together to [`MAX_TOTAL_EXPANDED_BYTES`]), like XML parsers' entity limits;
//! - no entry reaches itself through `crossref`/`xdata`, and resolving an entry's links copies at
//!   most [`MAX_LINKED_COPIES`] entries.

use std::collections::HashMap;
use std::ops::Range;

use biblatex::{RawBibliography, RawChunk};

use crate::diag::{Problems, SourceMap};

pub(crate) const MAX_BRACE_DEPTH: usize = 64;
pub(crate) const MAX_FIELD_BRACES: usize = 4_000;
pub(crate) const MAX_CHAIN: usize = 64;
pub(crate) const MAX_EXPANDED_BYTES: u64 = 1 << 20;
pub(crate) const MAX_TOTAL_EXPANDED_BYTES: u64 = 64 << 20;
pub(crate) const MAX_LINKED_COPIES: u64 = 1_000;

/// The braces of the text, before it is parsed: `false` (reported) when they nest too deep or
/// a field holds too many.
pub(crate) fn check_braces(src: &SourceMap<'_>, problems: &mut Problems) -> bool {
    let text = src.text().as_bytes();
    let mut depth = 0usize;
    let mut in_field = 0usize;
    let mut escaped = false;
    for (i, &b) in text.iter().enumerate() {
        if escaped {
            escaped = false;
            continue;
        }
        match b {
            b'\\' => escaped = true,
            b'{' => {
                depth += 1;
                if depth > 1 {
                    in_field += 1;
                }
                if depth > MAX_BRACE_DEPTH {
                    problems.error_at(
                        src,
                        i..i + 1,
                        format!("braces nest more than {MAX_BRACE_DEPTH} deep here"),
                        "a title needs a few levels at most; check the braces of this entry",
                    );
                    return false;
                }
                if in_field > MAX_FIELD_BRACES {
                    problems.error_at(
                        src,
                        i..i + 1,
                        format!("this field holds more than {MAX_FIELD_BRACES} braces"),
                        "check the braces of this entry",
                    );
                    return false;
                }
            }
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth <= 1 {
                    in_field = 0;
                }
            }
            _ => {}
        }
    }
    true
}

/// What one value is made of: its literal bytes and the abbreviations it names.
fn parts<'s>(field: &[biblatex::Spanned<RawChunk<'s>>]) -> (u64, Vec<(&'s str, Range<usize>)>) {
    let mut bytes = 0u64;
    let mut refs = Vec::new();
    for chunk in field {
        match chunk.v {
            RawChunk::Normal(s) => bytes += s.len() as u64,
            RawChunk::Abbreviation(a) => refs.push((a, chunk.span.clone())),
        }
    }
    (bytes, refs)
}

fn chain(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(" → ")
}

/// A directed graph of named nodes, each with its weight and its edges (target, place).
#[derive(Default)]
struct Graph<'a> {
    weight: HashMap<&'a str, u64>,
    edges: HashMap<&'a str, Vec<(&'a str, Range<usize>)>>,
    order: Vec<&'a str>,
}

/// What a walk of a [`Graph`] found wrong.
enum Walk<'a> {
    Cycle(Vec<&'a str>, Range<usize>),
    TooLong(&'a str, Range<usize>),
    TooLarge(&'a str, Range<usize>),
}

impl<'a> Graph<'a> {
    fn add(&mut self, node: &'a str, weight: u64, edges: Vec<(&'a str, Range<usize>)>) {
        self.weight.insert(node, weight);
        self.edges.insert(node, edges);
        self.order.push(node);
    }

    /// Each node's total weight (its own plus every node it reaches, counted once per path),
    /// saturating; `Err` at the first cycle, chain longer than [`MAX_CHAIN`], or total over `cap`.
    fn totals(&self, cap: u64) -> Result<HashMap<&'a str, u64>, Walk<'a>> {
        let mut state: HashMap<&str, u8> = HashMap::new();
        let mut total: HashMap<&'a str, u64> = HashMap::new();
        let none = Vec::new();
        for &start in &self.order {
            if state.contains_key(start) {
                continue;
            }
            let mut path: Vec<(&'a str, usize)> = vec![(start, 0)];
            state.insert(start, 1);
            while let Some(&(node, next)) = path.last() {
                let edges = self.edges.get(node).unwrap_or(&none);
                if let Some((to, at)) = edges.get(next) {
                    if let Some(top) = path.last_mut() {
                        top.1 += 1;
                    }
                    if !self.weight.contains_key(to) {
                        continue;
                    }
                    match state.get(to) {
                        None => {
                            if path.len() >= MAX_CHAIN {
                                return Err(Walk::TooLong(start, at.clone()));
                            }
                            state.insert(to, 1);
                            path.push((to, 0));
                        }
                        Some(1) => {
                            let from = path.iter().position(|(n, _)| n == to).unwrap_or(0);
                            let mut names: Vec<&str> = path[from..].iter().map(|p| p.0).collect();
                            names.push(to);
                            return Err(Walk::Cycle(names, at.clone()));
                        }
                        _ => {}
                    }
                } else {
                    let sum = edges.iter().fold(self.weight[node], |acc, (to, _)| {
                        acc.saturating_add(total.get(to).copied().unwrap_or(0))
                    });
                    if sum > cap {
                        let at = edges.first().map_or(0..0, |e| e.1.clone());
                        return Err(Walk::TooLarge(node, at));
                    }
                    total.insert(node, sum);
                    state.insert(node, 2);
                    path.pop();
                }
            }
        }
        Ok(total)
    }
}

/// The `@string`s and `crossref`/`xdata` links of a parsed file: `false` (reported) when
/// expanding them would not end, or not end in bounded memory.
pub(crate) fn check_links(
    raw: &RawBibliography<'_>,
    src: &SourceMap<'_>,
    problems: &mut Problems,
) -> bool {
    strings_expand_boundedly(raw, src, problems) && links_resolve_boundedly(raw, src, problems)
}

fn strings_expand_boundedly(
    raw: &RawBibliography<'_>,
    src: &SourceMap<'_>,
    problems: &mut Problems,
) -> bool {
    let mut graph = Graph::default();
    for p in &raw.abbreviations {
        let (bytes, refs) = parts(&p.value.v);
        graph.add(p.key.v, bytes, refs);
    }
    let totals = match graph.totals(MAX_EXPANDED_BYTES) {
        Ok(t) => t,
        Err(walk) => {
            let (span, message, hint) = match walk {
                Walk::Cycle(names, at) => (
                    at,
                    format!(
                        "these @strings refer to each other in a circle: {}",
                        chain(&names)
                    ),
                    "an @string may not use itself, directly or through others; remove one of \
                     these references",
                ),
                Walk::TooLong(name, at) => (
                    at,
                    format!(
                        "the @string `{name}` starts a chain of more than {MAX_CHAIN} @strings"
                    ),
                    "write the text out instead of chaining so many @strings",
                ),
                Walk::TooLarge(name, at) => (
                    at,
                    format!(
                        "the @string `{name}` expands to more than {} bytes",
                        MAX_EXPANDED_BYTES
                    ),
                    "its parts repeat others many times over; write the text out instead",
                ),
            };
            problems.error_at(src, span, message, hint);
            return false;
        }
    };
    let mut all = 0u64;
    for entry in &raw.entries {
        for field in &entry.v.fields {
            let (bytes, refs) = parts(&field.value.v);
            let size = refs.iter().fold(bytes, |acc, (r, _)| {
                acc.saturating_add(totals.get(r).copied().unwrap_or(0))
            });
            all = all.saturating_add(size);
            if size > MAX_EXPANDED_BYTES || all > MAX_TOTAL_EXPANDED_BYTES {
                problems.error_at(
                    src,
                    field.key.span.clone(),
                    format!(
                        "the field `{}` of entry `{}` expands to more text than explainer reads \
                         (over {} bytes, or over {} MB for the whole file)",
                        field.key.v,
                        entry.v.key.v,
                        MAX_EXPANDED_BYTES,
                        MAX_TOTAL_EXPANDED_BYTES >> 20
                    ),
                    "its @strings repeat others many times over; write the text out instead",
                );
                return false;
            }
        }
    }
    true
}

fn links_resolve_boundedly(
    raw: &RawBibliography<'_>,
    src: &SourceMap<'_>,
    problems: &mut Problems,
) -> bool {
    let mut graph = Graph::default();
    for entry in &raw.entries {
        let key = entry.v.key.v;
        let mut links = Vec::new();
        for field in &entry.v.fields {
            let name = field.key.v.to_ascii_lowercase();
            if name != "crossref" && name != "xdata" {
                continue;
            }
            for chunk in &field.value.v {
                if let RawChunk::Normal(s) = chunk.v {
                    let targets: Vec<&str> = if name == "xdata" {
                        s.split(',').map(str::trim).collect()
                    } else {
                        vec![s.trim()]
                    };
                    links.extend(targets.into_iter().map(|t| (t, field.key.span.clone())));
                }
            }
        }
        graph.add(key, 1, links);
    }
    let Err(walk) = graph.totals(MAX_LINKED_COPIES) else {
        return true;
    };
    let (span, message, hint) = match walk {
        Walk::Cycle(names, at) => (
            at,
            format!(
                "these entries refer to each other in a circle through crossref or xdata: {}",
                chain(&names)
            ),
            "an entry may not inherit from itself, directly or through others; remove one of \
             these links",
        ),
        Walk::TooLong(name, at) => (
            at,
            format!(
                "the entry `{name}` starts a chain of more than {MAX_CHAIN} crossref/xdata links"
            ),
            "link each entry to its parent directly",
        ),
        Walk::TooLarge(name, at) => (
            at,
            format!(
                "resolving the crossref/xdata links of entry `{name}` copies more than \
                 {MAX_LINKED_COPIES} entries"
            ),
            "its links reach the same entries many times over; link fewer entries",
        ),
    };
    problems.error_at(src, span, message, hint);
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn problems_of(text: &str) -> Vec<String> {
        let src = SourceMap::new(Path::new("sources.bib"), text);
        let mut problems = Problems::default();
        if check_braces(&src, &mut problems) {
            let raw = RawBibliography::parse(text).expect("parses");
            check_links(&raw, &src, &mut problems);
        }
        problems
            .errors()
            .map(|p| format!("{}: {}", p.line, p.message))
            .collect()
    }

    #[test]
    fn strings_referring_to_each_other_are_named() {
        let found = problems_of("@string{a = b}\n@string{b = a}\n@misc{x, title = a}\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("`a` → `b` → `a`"), "{found:?}");
        let found = problems_of("@string{a = \"x\" # a}\n@misc{x, title = a}\n");
        assert!(found[0].contains("`a` → `a`"), "{found:?}");
    }

    #[test]
    fn doubling_strings_are_bounded() {
        let mut bib = String::from("@string{s0 = \"xxxxxxxx\"}\n");
        for i in 1..40 {
            bib.push_str(&format!("@string{{s{i} = s{p} # s{p}}}\n", p = i - 1));
        }
        bib.push_str("@misc{x, title = s39}\n");
        let found = problems_of(&bib);
        assert!(found[0].contains("expands to more than"), "{found:?}");
    }

    #[test]
    fn crossref_and_xdata_cycles_are_named() {
        let found = problems_of("@misc{a, crossref = {a}}\n");
        assert!(found[0].contains("`a` → `a`"), "{found:?}");
        let found = problems_of(
            "@misc{a, crossref = {b}}\n@misc{b, xdata = {c, a}}\n@xdata{c, note = {n}}\n",
        );
        assert!(found[0].contains("`a` → `b` → `a`"), "{found:?}");
    }

    #[test]
    fn deep_braces_are_refused_before_parsing() {
        let deep = format!(
            "@misc{{x, title = {}{}}}\n",
            "{".repeat(70_000),
            "}".repeat(70_000)
        );
        let found = problems_of(&deep);
        assert!(found[0].contains("nest more than"), "{found:?}");
        assert!(problems_of("@misc{x, title = {The {USSR} and {\\{}}}\n").is_empty());
    }
}
