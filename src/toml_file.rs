//! Parsing TOML content files with errors that name file, line and column.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::diagnostics::{LineIndex, Problems};

/// Parses `text` as `T`; on failure records the problem at the error's position.
pub fn parse_toml<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    problems: &mut Problems,
) -> Option<T> {
    parse_toml_at(path, text, 0, problems)
}

/// As [`parse_toml`], for TOML that starts `line_offset` lines into its file (front matter).
pub fn parse_toml_at<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    line_offset: usize,
    problems: &mut Problems,
) -> Option<T> {
    match toml::from_str::<T>(text) {
        Ok(value) => Some(value),
        Err(e) => {
            let index = LineIndex::with_line_offset(text, line_offset);
            let at = e
                .span()
                .map_or((line_offset + 1, 1), |s| index.position(s.start));
            problems.error(
                path,
                at,
                format!("this TOML does not parse: {}", e.message().trim()),
                "see content/README.md for the fields this file takes",
            );
            None
        }
    }
}
