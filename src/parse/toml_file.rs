//! Parsing TOML content files with errors that name file, line and column.

use std::ops::Range;
use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diag::{Problems, SourceMap};

/// Parses a whole file as `T`; on failure records the problem at the error's position.
pub(crate) fn parse_toml<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    problems: &mut Problems,
) -> Option<T> {
    let src = SourceMap::new(path, text);
    parse_toml_in(&src, 0..text.len(), problems)
}

/// Parses the TOML in `range` of a file (front matter) as `T`.
pub(crate) fn parse_toml_in<T: DeserializeOwned>(
    src: &SourceMap<'_>,
    range: Range<usize>,
    problems: &mut Problems,
) -> Option<T> {
    let text = src.text().get(range.clone()).unwrap_or("");
    match toml::from_str::<T>(text) {
        Ok(value) => Some(value),
        Err(e) => {
            let span = e.span().map_or(range.start..range.start, |s| {
                s.start + range.start..s.end + range.start
            });
            problems.error_at(
                src,
                span,
                format!("this TOML does not parse: {}", e.message().trim()),
                "see content/README.md for the fields this file takes",
            );
            None
        }
    }
}
