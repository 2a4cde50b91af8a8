//! Rich text for formatted citations: runs of plain and italic text, each with the language it
//! is in. Templates render it (auto-escaped: `<i>` for italics, `lang` where it differs from the
//! page); [`Rich::plain_text`] is the form that is copied.
//!
//! Joining pieces follows CSL's punctuation rules: a delimiter's full stop is not added after
//! one that is already there (or after `?` or `!`), and in American English a full stop or comma
//! after a closing quotation mark moves inside it.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Run {
    pub text: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub italic: bool,
    /// BCP 47 language of the run, where it is not the page's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The editors' translation of a title (shown set apart from the citation's own words).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub translation: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Rich {
    pub runs: Vec<Run>,
}

/// Punctuation that may end a piece and so absorbs a following full stop.
const ENDS_SENTENCE: [char; 3] = ['.', '?', '!'];
const CLOSING_QUOTES: [char; 2] = ['”', '’'];

impl Rich {
    pub fn new() -> Rich {
        Rich::default()
    }

    pub fn plain(text: &str) -> Rich {
        let mut r = Rich::new();
        r.push(text, false, None);
        r
    }

    pub fn italic(text: &str, lang: Option<&str>) -> Rich {
        let mut r = Rich::new();
        r.push(text, true, lang);
        r
    }

    /// Text in a language (not italic).
    pub fn lang(text: &str, lang: Option<&str>) -> Rich {
        let mut r = Rich::new();
        r.push(text, false, lang);
        r
    }

    pub fn is_empty(&self) -> bool {
        self.runs.iter().all(|r| r.text.is_empty())
    }

    /// Appends text, merging it into the last run when the style is the same.
    pub fn push(&mut self, text: &str, italic: bool, lang: Option<&str>) {
        if text.is_empty() {
            return;
        }
        if let Some(last) = self.runs.last_mut() {
            if last.italic == italic && last.lang.as_deref() == lang && !last.translation {
                last.text.push_str(text);
                return;
            }
        }
        self.runs.push(Run {
            text: text.to_string(),
            italic,
            lang: lang.map(str::to_string),
            translation: false,
        });
    }

    pub fn push_plain(&mut self, text: &str) {
        self.push(text, false, None);
    }

    /// Appends another piece as it is.
    pub fn append(&mut self, other: Rich) {
        for run in other.runs {
            if run.translation {
                self.runs.push(run);
            } else {
                self.push(&run.text, run.italic, run.lang.as_deref());
            }
        }
    }

    /// Appends the editors' translation of a title: " [translation]".
    pub fn translation(&mut self, text: &str) {
        self.runs.push(Run {
            text: format!(" [{text}]"),
            italic: false,
            lang: None,
            translation: true,
        });
    }

    /// The piece between typographic double quotation marks.
    pub fn quoted(self) -> Rich {
        if self.is_empty() {
            return self;
        }
        let mut r = Rich::plain("“");
        r.append(self);
        r.push_plain("”");
        r
    }

    /// The piece between `open` and `close` (brackets, parentheses).
    pub fn wrapped(self, open: &str, close: &str) -> Rich {
        if self.is_empty() {
            return self;
        }
        let mut r = Rich::plain(open);
        r.append(self);
        r.push_plain(close);
        r
    }

    fn last_char(&self) -> Option<char> {
        self.runs.iter().rev().find_map(|r| r.text.chars().last())
    }

    /// Adds punctuation (and what follows it, e.g. ". ") after the piece, by CSL's rules.
    pub fn punctuate(&mut self, text: &str) {
        let Some(p) = text.chars().next() else {
            return;
        };
        if !matches!(p, '.' | ',' | ':' | ';') {
            self.push_plain(text);
            return;
        }
        let rest = &text[p.len_utf8()..];
        match self.last_char() {
            Some(c) if p == '.' && ENDS_SENTENCE.contains(&c) => {
                // "Co." + "." → "Co.", with the stop in the style that follows (as CSL
                // processors do): the piece's own stop moves out of its italics.
                if c == '.' {
                    self.drop_last_char();
                    self.push_plain(".");
                }
                self.push_plain(rest);
            }
            Some(c) if c == p && matches!(p, ',' | ';' | ':') => self.push_plain(rest),
            Some(q) if CLOSING_QUOTES.contains(&q) && matches!(p, '.' | ',') => {
                self.drop_last_char();
                let before = self.last_char();
                if !(before.is_some_and(|b| ENDS_SENTENCE.contains(&b))) {
                    self.push_plain(&p.to_string());
                }
                self.push_plain(&q.to_string());
                self.push_plain(rest);
            }
            _ => self.push_plain(text),
        }
    }

    fn drop_last_char(&mut self) {
        while let Some(last) = self.runs.last_mut() {
            if last.text.pop().is_some() {
                if last.text.is_empty() {
                    self.runs.pop();
                }
                return;
            }
            self.runs.pop();
        }
    }

    /// The pieces that are not empty, joined with a delimiter.
    pub fn join(parts: impl IntoIterator<Item = Rich>, delimiter: &str) -> Rich {
        let mut out = Rich::new();
        for part in parts.into_iter().filter(|p| !p.is_empty()) {
            if !out.is_empty() {
                out.punctuate(delimiter);
            }
            out.append(part);
        }
        out
    }

    /// The piece with a suffix (". "), or nothing when it is empty.
    pub fn with_suffix(mut self, suffix: &str) -> Rich {
        if !self.is_empty() {
            self.punctuate(suffix);
        }
        self
    }

    /// The piece with a prefix, or nothing when it is empty.
    pub fn with_prefix(self, prefix: &str) -> Rich {
        if self.is_empty() {
            return self;
        }
        let mut r = Rich::plain(prefix);
        r.append(self);
        r
    }

    /// The text to copy.
    pub fn plain_text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// The runs without the editors' translations.
    pub fn without_translations(&self) -> Rich {
        let mut r = Rich::new();
        for run in self.runs.iter().filter(|r| !r.translation) {
            r.push(&run.text, run.italic, run.lang.as_deref());
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_stops_are_not_doubled_and_move_inside_quotes() {
        let mut r = Rich::plain("Example Co.");
        r.punctuate(". ");
        assert_eq!(r.plain_text(), "Example Co. ");
        let mut r = Rich::plain("Title").quoted();
        r.punctuate(", ");
        assert_eq!(r.plain_text(), "“Title,” ");
        let mut r = Rich::plain("What is it?").quoted();
        r.punctuate(". ");
        assert_eq!(r.plain_text(), "“What is it?” ");
        let mut r = Rich::plain("Why?");
        r.punctuate(". ");
        assert_eq!(r.plain_text(), "Why? ");
    }

    #[test]
    fn runs_keep_their_style_and_translations_stay_apart() {
        let mut r = Rich::italic("Seuils", Some("fr"));
        r.translation("Thresholds");
        r.punctuate(". ");
        r.push_plain("Seuil");
        assert_eq!(r.plain_text(), "Seuils [Thresholds]. Seuil");
        assert_eq!(r.runs.len(), 3);
        assert!(r.runs[0].italic && r.runs[1].translation && !r.runs[2].italic);
        assert_eq!(r.without_translations().plain_text(), "Seuils. Seuil");
    }
}
