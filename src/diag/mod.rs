//! Problems found in content: each names a file, a 1-based line and column, what is wrong and how
//! to fix it, and (where the parser gave a span) the source line with a caret under the place.
//! The build collects every problem and reports them all at once, the way rustc does:
//!
//! ```text
//! error: note [^x] is referenced but never defined
//!   --> content/articles/a/article.md:12:9
//!    |
//! 12 | The text[^x] goes on.
//!    |         ^^^^
//!    |
//!    = hint: add a line `[^x]: …` below the text, or fix the label
//! ```

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet as Excerpt};

/// How bad a problem is: errors fail the build, warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    Error,
    Warning,
}

/// The source line a problem points into, and the part of it to underline (bytes of the line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    pub line_text: String,
    pub underline: Range<usize>,
}

/// One problem in one place of one content file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub severity: Severity,
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub hint: String,
    pub snippet: Option<Snippet>,
}

/// Text that is safe to print on a terminal: control characters (escape sequences among them)
/// are shown as `\u{1b}` instead of being sent to the terminal.
pub(crate) fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// A character as a snippet shows it: control characters become U+FFFD.
fn shown(c: char) -> char {
    if c.is_control() && c != '\t' {
        '\u{fffd}'
    } else {
        c
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let message = printable(&self.message).replace('\n', " ");
        let path = printable(&self.file.display().to_string());
        let hint = printable(&self.hint).replace('\n', " ");
        let title = level.primary_title(&message);
        let body = match &self.snippet {
            Some(s) => {
                // The line as printed, control characters replaced; the underline moves with them.
                let line: String = s.line_text.chars().map(shown).collect();
                let mapped = |i: usize| -> usize {
                    s.line_text[..floor_boundary(&s.line_text, i.min(s.line_text.len()))]
                        .chars()
                        .map(|c| shown(c).len_utf8())
                        .sum()
                };
                let start = mapped(s.underline.start);
                let end = mapped(s.underline.end).max(start);
                Group::with_title(title).element(
                    Excerpt::source(line)
                        .line_start(self.line)
                        .path(path)
                        .annotation(AnnotationKind::Primary.span(start..end)),
                )
            }
            None => Group::with_title(title)
                .element(Origin::path(path).line(self.line).char_column(self.column)),
        };
        let mut report = vec![body];
        if !hint.is_empty() {
            report.push(Group::with_title(Level::HELP.secondary_title(hint)));
        }
        write!(f, "{}", Renderer::plain().render(&report))
    }
}

/// A content file's text and where its lines start: byte offsets to 1-based line and column
/// (in characters), and the text of a line for snippets. Built once per file.
pub struct SourceMap<'a> {
    path: &'a Path,
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> SourceMap<'a> {
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceMap { path, text, starts }
    }

    pub fn path(&self) -> &'a Path {
        self.path
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// 1-based line and column of a byte offset.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let offset = floor_boundary(self.text, offset.min(self.text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        (line + 1, self.text[start..offset].chars().count() + 1)
    }

    /// The problem's place and snippet for a byte span (clipped to its first line).
    fn locate(&self, span: &Range<usize>) -> ((usize, usize), Snippet) {
        let start = floor_boundary(self.text, span.start.min(self.text.len()));
        let line = self.line_of(start);
        let line_start = self.starts[line];
        let line_end = self
            .starts
            .get(line + 1)
            .map_or(self.text.len(), |&s| s - 1);
        let line_text = self.text[line_start..line_end].trim_end_matches('\r');
        // A span may start past the line's text (on its `\r`, or on the newline itself).
        let line_end = (line_start + line_text.len()).max(start);
        let end = floor_boundary(self.text, span.end.clamp(start, line_end));
        (
            self.position(start),
            Snippet {
                line_text: line_text.to_string(),
                underline: start - line_start..end - line_start,
            },
        )
    }
}

/// Byte offsets of a text to 1-based line and column, for readers that find positions themselves
/// (CSL-JSON, BibTeX).
pub(crate) struct LineIndex<'a>(SourceMap<'a>);

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        LineIndex(SourceMap::new(Path::new(""), text))
    }

    /// 1-based line and column of a byte offset.
    pub(crate) fn position(&self, offset: usize) -> (usize, usize) {
        self.0.position(offset)
    }
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Every problem of a build, in the order found.
#[derive(Debug, Default)]
pub struct Problems {
    pub list: Vec<Problem>,
}

impl Problems {
    /// An error at a line and column, where no span is known.
    pub fn error(
        &mut self,
        file: &Path,
        at: (usize, usize),
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(Severity::Error, file, at, None, message.into(), hint.into());
    }

    pub fn warning(
        &mut self,
        file: &Path,
        at: (usize, usize),
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(
            Severity::Warning,
            file,
            at,
            None,
            message.into(),
            hint.into(),
        );
    }

    /// An error at a byte span of a file, shown with its source line.
    pub fn error_at(
        &mut self,
        src: &SourceMap<'_>,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push_at(Severity::Error, src, span, message.into(), hint.into());
    }

    pub fn warning_at(
        &mut self,
        src: &SourceMap<'_>,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push_at(Severity::Warning, src, span, message.into(), hint.into());
    }

    fn push_at(
        &mut self,
        severity: Severity,
        src: &SourceMap<'_>,
        span: Range<usize>,
        message: String,
        hint: String,
    ) {
        let (at, snippet) = src.locate(&span);
        self.push(severity, src.path, at, Some(snippet), message, hint);
    }

    fn push(
        &mut self,
        severity: Severity,
        file: &Path,
        at: (usize, usize),
        snippet: Option<Snippet>,
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
            snippet,
        });
    }

    pub fn has_errors(&self) -> bool {
        self.list.iter().any(|p| p.severity == Severity::Error)
    }

    /// Whether any error was reported in `file` (later phases skip checks that would only repeat
    /// it).
    pub fn has_errors_in(&self, file: &Path) -> bool {
        self.list
            .iter()
            .any(|p| p.severity == Severity::Error && p.file == file)
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
pub(crate) struct Assignments {
    entries: Vec<(String, String, usize, usize)>,
}
impl Assignments {
    pub(crate) fn new(text: &str) -> Assignments {
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
    pub(crate) fn find(&self, key: &str, value: &str) -> (usize, usize) {
        self.find_after(key, value, 0)
    }

    /// Where `key = value` is, or else the first `key = …` (a value written with escapes, which
    /// this line scanner does not read).
    pub(crate) fn find_key(&self, key: &str, value: &str) -> (usize, usize) {
        self.entries
            .iter()
            .find(|(k, v, ..)| k == key && v == value)
            .or_else(|| self.entries.iter().find(|(k, ..)| k == key))
            .map_or((1, 1), |&(_, _, line, column)| (line, column))
    }

    /// As [`Assignments::find`], from line `from` on (the value inside one record).
    pub(crate) fn find_after(&self, key: &str, value: &str, from: usize) -> (usize, usize) {
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
        let src = SourceMap::new(Path::new("a.md"), text);
        assert_eq!(src.position(0), (1, 1));
        assert_eq!(src.position(3), (2, 1));
        assert_eq!(src.position(text.find('x').unwrap()), (2, 4));
    }

    #[test]
    fn spans_at_a_line_end_are_located() {
        let text = "one\r\ntwo\n";
        let src = SourceMap::new(Path::new("a.md"), text);
        let mut problems = Problems::default();
        problems.error_at(&src, 3..9, "at the carriage return", "");
        problems.error_at(&src, 4..4, "at the line feed", "");
        problems.error_at(&src, 99..120, "past the end", "");
        assert_eq!(problems.list[0].line, 1);
        assert_eq!(problems.list[2].line, 3);
    }

    #[test]
    fn problems_print_like_rustc_without_terminal_escapes() {
        let text = "line one\nThe \u{1b}[31mtext[^x] goes on.\n";
        let src = SourceMap::new(Path::new("content/a.md"), text);
        let mut problems = Problems::default();
        let at = text.find("[^x]").unwrap();
        problems.error_at(
            &src,
            at..at + 4,
            "note [^x] \u{1b}]0;pwned\u{7} is undefined",
            "define it",
        );
        let shown = problems.list[0].to_string();
        assert!(shown.starts_with("error: note [^x]"), "{shown}");
        assert!(shown.contains("--> content/a.md:2:"), "{shown}");
        assert!(shown.contains("^^^^"), "{shown}");
        assert!(shown.contains("help: define it"), "{shown}");
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
            "{shown:?}"
        );
    }
}
