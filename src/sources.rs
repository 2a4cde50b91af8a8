//! Source records (`sources.toml`): loading, checking, and what the citation index shows.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::dates::PartialDate;
use crate::diagnostics::{Assignments, Problems};
use crate::html::is_key;
use crate::toml_file::parse_toml;

/// Kinds of source, with the label the citation index shows.
pub const KINDS: &[(&str, &str)] = &[
    ("official-document", "Official document"),
    ("news-agency", "News agency"),
    ("newspaper", "Newspaper"),
    ("magazine", "Magazine"),
    ("journal", "Journal article"),
    ("think-tank", "Think tank"),
    ("central-bank", "Central bank"),
    ("business-media", "Business media"),
    ("industry-media", "Industry media"),
    ("party-document", "Party document"),
    ("press-release", "Press release"),
    ("book", "Book"),
    ("report", "Report"),
    ("web-page", "Web page"),
];

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub key: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub lang: String,
    #[serde(default)]
    pub title_en: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub outlet: Option<String>,
    #[serde(default)]
    pub outlet_en: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub issued: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    /// 1-based line of the record's `key`, for messages.
    #[serde(skip)]
    pub line: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    #[serde(default)]
    source: Vec<Source>,
}

impl Source {
    pub fn kind_label(&self) -> &'static str {
        KINDS
            .iter()
            .find(|(k, _)| *k == self.kind)
            .map_or("Source", |(_, label)| label)
    }

    pub fn issued_date(&self) -> Option<PartialDate> {
        self.issued
            .as_deref()
            .and_then(|d| PartialDate::parse(d).ok())
    }

    /// The title in English: the translation, or the title itself when it is English.
    pub fn english_title(&self) -> &str {
        self.title_en.as_deref().unwrap_or(&self.title)
    }

    pub fn is_english(&self) -> bool {
        self.lang == "en" || self.lang.starts_with("en-")
    }

    /// The outlet as written, with its English name after it where one is given.
    pub fn outlet_display(&self) -> String {
        match (&self.outlet, &self.outlet_en) {
            (Some(o), Some(e)) if o != e => format!("{o} ({e})"),
            (Some(o), _) => o.clone(),
            (None, Some(e)) => e.clone(),
            (None, None) => String::new(),
        }
    }

    /// The URL when it is a web address; anything else is never linked.
    pub fn link(&self) -> Option<&str> {
        self.url
            .as_deref()
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
    }
}

/// Loads and checks a sources file. Records with problems are still returned where usable.
pub fn load_sources(path: &Path, text: &str, problems: &mut Problems) -> Vec<Source> {
    let Some(file) = parse_toml::<SourcesFile>(path, text, problems) else {
        return Vec::new();
    };
    let positions = Assignments::new(text);
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for mut source in file.source {
        source.line = positions.find("key", &source.key).0;
        let at = (source.line, 1);
        if !is_key(&source.key) {
            problems.error(
                path,
                at,
                format!("source key `{}` is not a valid key", source.key),
                "use lowercase ASCII letters, digits and `-`",
            );
        }
        if let Some(first) = seen.get(&source.key) {
            problems.error(
                path,
                at,
                format!(
                    "two sources have the key `{}` (the first on line {first})",
                    source.key
                ),
                "give each source its own key, or merge the two records",
            );
            continue;
        }
        seen.insert(source.key.clone(), source.line);
        if !KINDS.iter().any(|(k, _)| *k == source.kind) {
            let kinds: Vec<&str> = KINDS.iter().map(|(k, _)| *k).collect();
            problems.error(
                path,
                at,
                format!(
                    "source `{}` has the unknown type `{}`",
                    source.key, source.kind
                ),
                format!("use one of: {}", kinds.join(", ")),
            );
        }
        if source.title.trim().is_empty() {
            problems.error(
                path,
                at,
                format!("source `{}` has an empty title", source.key),
                "write the title as it appears in the original",
            );
        }
        if !source.is_english()
            && source
                .title_en
                .as_deref()
                .is_none_or(|t| t.trim().is_empty())
        {
            problems.error(
                path,
                at,
                format!(
                    "source `{}` is in `{}` but has no English translation of its title",
                    source.key, source.lang
                ),
                "add title_en = \"…\" with a translation of the title",
            );
        }
        if let Some(issued) = &source.issued {
            if let Err(e) = PartialDate::parse(issued) {
                problems.error(
                    path,
                    at,
                    format!("source `{}`: issued date {e}", source.key),
                    "write issued as YYYY, YYYY-MM or YYYY-MM-DD",
                );
            }
        }
        if let Some(url) = &source.url {
            if source.link().is_none() {
                problems.error(
                    path,
                    at,
                    format!(
                        "source `{}` has a url that is not an http(s) address: `{url}`",
                        source.key
                    ),
                    "write the full address starting with https://, or leave url out",
                );
            }
        }
        out.push(source);
    }
    out
}
