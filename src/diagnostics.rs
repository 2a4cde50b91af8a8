//! Problems found in content: each names a file, a 1-based line and column, what is wrong and how
//! to fix it. The build collects every problem and reports them all at once.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors fail the build, warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one place of one content file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{kind}: {}:{}:{}: {}",
            self.file.display(),
            self.line,
            self.column,
            self.message
        )?;
        if !self.hint.is_empty() {
            write!(f, "\n  hint: {}", self.hint)?;
        }
        Ok(())
    }
}

/// Maps byte offsets of one file to 1-based line and column (in characters).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// Lines of the file that come before `text` (front matter before a Markdown body).
    line_offset: usize,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        Self::with_line_offset(text, 0)
    }

    pub fn with_line_offset(text: &'a str, line_offset: usize) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            text,
            starts,
            line_offset,
        }
    }

    /// 1-based line and column of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let column = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        (line + 1 + self.line_offset, column)
    }
}

/// Every problem of a build, in the order found.
#[derive(Debug, Default)]
pub struct Problems {
    pub list: Vec<Problem>,
}

impl Problems {
    pub fn error(
        &mut self,
        file: &Path,
        at: (usize, usize),
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(Severity::Error, file, at, message.into(), hint.into());
    }

    pub fn warning(
        &mut self,
        file: &Path,
        at: (usize, usize),
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(Severity::Warning, file, at, message.into(), hint.into());
    }

    fn push(
        &mut self,
        severity: Severity,
        file: &Path,
        at: (usize, usize),
        message: String,
        hint: String,
    ) {
        self.list.push(Problem {
            severity,
            file: file.to_path_buf(),
            line: at.0,
            column: at.1,
            message,
            hint,
        });
    }

    pub fn has_errors(&self) -> bool {
        self.list.iter().any(|p| p.severity == Severity::Error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Problem> {
        self.list.iter().filter(|p| p.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Problem> {
        self.list.iter().filter(|p| p.severity == Severity::Warning)
    }

    /// Sorts by file, line and column so reports are stable.
    pub fn sort(&mut self) {
        self.list.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.severity).cmp(&(&b.file, b.line, b.column, b.severity))
        });
    }
}

/// Where each `key = value` line of a TOML file is, for pointing at records (TOML records
/// deserialised with serde carry no positions). Built once per file.
pub struct Assignments {
    entries: Vec<(String, String, usize, usize)>,
}

impl Assignments {
    pub fn new(text: &str) -> Assignments {
        let mut entries = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            let Some((key, value)) = trimmed.split_once('=') else {
                continue;
            };
            let key = key.trim();
            if key.is_empty() || key.starts_with(['#', '[']) {
                continue;
            }
            let value = value.trim();
            let unquoted = value.trim_matches('"').trim_matches('\'');
            let column = line.len() - trimmed.len() + 1;
            entries.push((key.to_string(), unquoted.to_string(), i + 1, column));
        }
        Assignments { entries }
    }

    /// Position of the first line that sets `key` to `value`; line 1 when there is none.
    pub fn find(&self, key: &str, value: &str) -> (usize, usize) {
        self.find_after(key, value, 0)
    }

    /// As [`Assignments::find`], from line `from` on (the value inside one record).
    pub fn find_after(&self, key: &str, value: &str, from: usize) -> (usize, usize) {
        self.entries
            .iter()
            .find(|(k, v, line, _)| *line >= from && k == key && v == value)
            .map_or((from.max(1), 1), |&(_, _, line, column)| (line, column))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based_and_count_characters() {
        let text = "ab\nцд x\n";
        let index = LineIndex::new(text);
        assert_eq!(index.position(0), (1, 1));
        assert_eq!(index.position(3), (2, 1));
        assert_eq!(index.position(text.find('x').unwrap()), (2, 4));
    }

    #[test]
    fn assignment_lookup_finds_the_line() {
        let text =
            "[[source]]\nkey = \"a\"\ndate = \"x\"\n[[source]]\nkey = \"b\"\n  date = \"x\"\n";
        let index = Assignments::new(text);
        assert_eq!(index.find("key", "b"), (5, 1));
        assert_eq!(index.find_after("date", "x", 5), (6, 3));
    }
}
