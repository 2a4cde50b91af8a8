//! The readers of source files: `sources.toml`, CSL-JSON (`sources.json`) and BibTeX/BibLaTeX
//! (`sources.bib`), each into the one source model with its positions.

pub mod bibtex;
pub(crate) mod bibtex_check;
pub mod csl_json;
pub(crate) mod toml;

use crate::diag::Problems;
use crate::model::languages;
use crate::model::sources::*;
use std::collections::HashMap;
use std::path::Path;
use SourceType as T;

/// Where a record and its fields are in their file, for messages.
#[derive(Debug, Default, Clone)]
pub struct Positions {
    pub record: (usize, usize),
    /// Canonical field name (as in `sources.toml`) → position of its value.
    pub fields: HashMap<&'static str, (usize, usize)>,
}

impl Positions {
    pub fn at(line: usize) -> Positions {
        Positions {
            record: (line, 1),
            fields: HashMap::new(),
        }
    }

    pub fn field(&self, name: &str) -> (usize, usize) {
        self.fields.get(name).copied().unwrap_or(self.record)
    }
}

/// A record as a reader made it, with where it came from.
pub struct ReadRecord {
    pub source: Source,
    pub at: Positions,
}

/// Loads and checks a sources file, in the format its name says (`.toml`, `.json`, `.bib`).
/// Records with problems are still returned where usable.
pub fn load_sources(path: &Path, text: &str, problems: &mut Problems) -> Vec<Source> {
    let (records, hand_written) = match path.extension().and_then(|e| e.to_str()) {
        Some("json") => (
            crate::parse::sources::csl_json::read(path, text, problems),
            false,
        ),
        Some("bib") => (
            crate::parse::sources::bibtex::read(path, text, problems),
            false,
        ),
        _ => (
            crate::parse::sources::toml::read(path, text, problems),
            true,
        ),
    };
    check_records(path, records, hand_written, problems)
}

/// The checks every record gets, whatever its format.
/// A missing translation is an error in a hand-written `sources.toml`, and a warning in an export
/// from a reference manager (which the editors may not be able to edit).
fn check_records(
    path: &Path,
    records: Vec<ReadRecord>,
    hand_written: bool,
    problems: &mut Problems,
) -> Vec<Source> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for ReadRecord { mut source, at } in records {
        source.line = at.record.0;
        let key = source.key.clone();
        if !is_citation_key(&key) {
            problems.error(
                path,
                at.field("key"),
                format!("source key `{key}` is not a valid citation key"),
                "start with a letter, digit or `_`; use letters, digits, `_` and `: . - + ? & $ ~ /`",
            );
        }
        if let Some(first) = seen.get(&key) {
            problems.error(
                path,
                at.field("key"),
                format!("two sources have the key `{key}` (the first on line {first})"),
                "give each source its own key, or merge the two records",
            );
            continue;
        }
        seen.insert(key.clone(), source.line);
        check_record(path, &mut source, &at, hand_written, problems);
        out.push(source);
    }
    out
}

fn check_record(
    path: &Path,
    s: &mut Source,
    at: &Positions,
    hand_written: bool,
    problems: &mut Problems,
) {
    let key = s.key.clone();
    if s.title.trim().is_empty() {
        problems.error(
            path,
            at.field("title"),
            format!("source `{key}` has an empty title"),
            "write the title as it appears in the original",
        );
    }
    if !languages::is_tag(&s.lang) {
        problems.error(
            path,
            at.field("lang"),
            format!(
                "source `{key}`: `{}` is not a language tag or a language's name",
                s.lang
            ),
            "write a BCP 47 tag such as en, ru, zh-Hans, or a name such as English",
        );
    }
    if !s.is_english() && s.title_en.as_deref().is_none_or(|t| t.trim().is_empty()) {
        let report = if hand_written {
            Problems::error
        } else {
            Problems::warning
        };
        report(
            problems,
            path,
            at.field("title"),
            format!(
                "source `{key}` is in `{}` but has no English translation of its title",
                s.lang
            ),
            "add the translation: title_en = \"…\" in sources.toml, or after the title in \
             square brackets in Zotero or BibTeX (\"Titre [Title]\")",
        );
    }
    for (names, field) in [
        (&s.authors, "authors"),
        (&s.editors, "editors"),
        (&s.translators, "translators"),
    ] {
        if names.iter().any(Name::is_empty) {
            problems.error(
                path,
                at.field(field),
                format!("source `{key}` has a name with neither family nor literal in {field}"),
                "write a person as { family = \"…\", given = \"…\" } and an institution as \
                 { literal = \"…\" }",
            );
        }
    }
    if let Some(url) = &s.url {
        if !is_web_address(url) {
            problems.error(
                path,
                at.field("url"),
                format!("source `{key}` has a url that is not an http(s) address: `{url}`"),
                "write the full address starting with https://, or leave url out",
            );
        }
    }
    if let Some(doi) = s.doi.clone() {
        match normalize_doi(&doi) {
            Some(d) => s.doi = Some(d),
            None => problems.error(
                path,
                at.field("doi"),
                format!("source `{key}`: `{doi}` is not a DOI"),
                "write the DOI as 10.xxxx/…, with or without https://doi.org/",
            ),
        }
    }
    if s.accessed.is_some() && s.url.is_none() {
        problems.warning(
            path,
            at.field("accessed"),
            format!("source `{key}` has an access date but no url"),
            "add the url that was accessed, or leave accessed out",
        );
    }
    if s.kind.is_periodical() && s.container_title.is_none() {
        problems.warning(
            path,
            at.field("type"),
            format!(
                "source `{key}` is a {} but names no {}",
                s.kind.label().to_lowercase(),
                match s.kind {
                    T::ArticleJournal => "journal",
                    T::ArticleMagazine => "magazine",
                    _ => "newspaper",
                }
            ),
            "add container_title (the periodical's name)",
        );
    }
    if s.kind == T::Chapter && s.container_title.is_none() {
        problems.warning(
            path,
            at.field("type"),
            format!("source `{key}` is a book chapter but names no book"),
            "add container_title (the book's title)",
        );
    }
}
