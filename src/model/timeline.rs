//! Dated events and their themes, as `timeline.toml` defines them (`parse/timeline.rs`) and the
//! article discusses them (`resolve/timeline.rs`).

use std::ops::Range;

use toml::Spanned;

use crate::model::dates::PartialDate;

#[derive(Debug, Clone)]
pub(crate) struct Theme {
    pub key: String,
    pub label: String,
    pub colour: &'static str,
}

#[derive(Debug, Clone)]
pub(crate) struct Event {
    pub id: String,
    pub date: PartialDate,
    pub end: Option<PartialDate>,
    pub title: String,
    pub summary: String,
    pub theme: String,
    /// The paragraph anchor that discusses the event.
    pub passage: String,
    pub notes: Vec<Spanned<String>>,
    pub sources: Vec<Spanned<String>>,
    pub editor_note: Option<String>,
    /// Where the event's `passage` is in timeline.toml.
    pub passage_span: Range<usize>,
}

impl Event {
    /// "4 February 2022", or "March 2023 – 22 March 2023" for a range.
    pub(crate) fn when(&self) -> String {
        match &self.end {
            Some(end) => format!("{} – {}", self.date, end),
            None => self.date.to_string(),
        }
    }
}

/// An article's timeline, parsed but not yet checked against the article's text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Timeline {
    pub themes: Vec<Theme>,
    pub events: Vec<Event>,
}

impl Timeline {
    pub(crate) fn theme(&self, key: &str) -> Option<&Theme> {
        self.themes.iter().find(|t| t.key == key)
    }
}
