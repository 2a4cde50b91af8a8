//! `timeline.toml`: events parsed with their positions; dates, themes and ids checked here.

use crate::diag::{Problems, SourceMap};
use crate::load::TextFile;
use crate::model::dates::PartialDate;
use crate::model::html::is_key;
use crate::model::palette::colour;
use crate::model::timeline::*;
use crate::parse::record_ids::RecordIds;
use crate::parse::toml_file::parse_toml;
use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventRecord {
    id: Spanned<String>,
    date: Spanned<String>,
    #[serde(default)]
    end: Option<Spanned<String>>,
    title: Spanned<String>,
    summary: Spanned<String>,
    theme: Spanned<String>,
    passage: Spanned<String>,
    #[serde(default)]
    notes: Vec<Spanned<String>>,
    #[serde(default)]
    sources: Vec<Spanned<String>>,
    #[serde(default)]
    editor_note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TimelineFile {
    #[serde(default)]
    themes: IndexMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    event: Vec<EventRecord>,
}

const DATE_FORMS: &str = "write the date as YYYY, YYYY-Hn, YYYY-Qn, YYYY-MM or YYYY-MM-DD";

/// Parses and checks `timeline.toml` on its own; `None` when it does not parse.
pub(crate) fn load_timeline(file: &TextFile, problems: &mut Problems) -> Option<Timeline> {
    let src = SourceMap::new(&file.path, &file.text);
    let parsed: TimelineFile = parse_toml(&file.path, &file.text, problems)?;
    let mut themes = Vec::new();
    for (i, (key, label)) in parsed.themes.iter().enumerate() {
        if is_key(key.get_ref()) {
            themes.push(Theme {
                key: key.get_ref().clone(),
                label: label.get_ref().clone(),
                colour: colour(i),
            });
        } else {
            problems.error_at(
                &src,
                key.span(),
                format!("theme `{}` must be a key (a-z, 0-9, -)", key.get_ref()),
                "write it as key = \"Label\" under [themes]",
            );
        }
    }
    let mut ids = RecordIds::default();
    let mut events = Vec::new();
    for r in parsed.event {
        let id = r.id.get_ref().clone();
        let span = r.id.span();
        if !ids.claim("event", &id, span.clone(), &src, problems) {
            continue;
        }
        let date = match PartialDate::parse(r.date.get_ref()) {
            Ok(d) => d,
            Err(e) => {
                problems.error_at(
                    &src,
                    r.date.span(),
                    format!("event `{id}`: the date {e}"),
                    DATE_FORMS,
                );
                continue;
            }
        };
        let end = match &r.end {
            None => None,
            Some(end) => match PartialDate::parse(end.get_ref()) {
                Ok(d) if d.end_key() >= date.sort_key() => Some(d),
                Ok(_) => {
                    problems.error_at(
                        &src,
                        end.span(),
                        format!("event `{id}` ends before it begins"),
                        "make `end` later than `date`, or swap them",
                    );
                    None
                }
                Err(e) => {
                    problems.error_at(
                        &src,
                        end.span(),
                        format!("event `{id}`: the end date {e}"),
                        DATE_FORMS,
                    );
                    None
                }
            },
        };
        if !themes.iter().any(|t: &Theme| t.key == *r.theme.get_ref()) {
            let keys: Vec<&str> = themes.iter().map(|t| t.key.as_str()).collect();
            problems.error_at(
                &src,
                r.theme.span(),
                format!("event `{id}` has the unknown theme `{}`", r.theme.get_ref()),
                format!("use one of the [themes]: {}", keys.join(", ")),
            );
        }
        for (field, value) in [("title", &r.title), ("summary", &r.summary)] {
            if value.get_ref().trim().is_empty() {
                problems.error_at(
                    &src,
                    value.span(),
                    format!("event `{id}` has an empty {field}"),
                    format!("write the event's {field}"),
                );
            }
        }
        events.push(Event {
            id,
            date,
            end,
            title: r.title.into_inner(),
            summary: r.summary.into_inner(),
            theme: r.theme.into_inner(),
            passage_span: r.passage.span(),
            passage: r.passage.into_inner(),
            notes: r.notes,
            sources: r.sources,
            editor_note: r.editor_note,
        });
    }
    // Stable sort: events of the same date keep the order they were written in.
    events.sort_by_key(|e| (e.date.sort_key(), e.end.map(|d| d.end_key())));
    Some(Timeline { themes, events })
}
