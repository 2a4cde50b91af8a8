//! `sources.toml`: one `[[source]]` table per source, with the field names of [`Source`].

use std::path::Path;

use serde::{Deserialize, Deserializer};

use crate::diag::{Assignments, LineIndex, Problems};
use crate::model::sources::{parse_source_date, Name, Source, SourceType};
use crate::parse::sources::{Positions, ReadRecord};
use crate::parse::toml_file::parse_toml;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    #[serde(default)]
    source: Vec<toml::Spanned<Record>>,
}

/// A `[[source]]` table. Its fields are the documented list (content/README.md); a test checks
/// that the two agree.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Record {
    key: String,
    #[serde(rename = "type")]
    kind: SourceType,
    #[serde(default)]
    category: Option<String>,
    title: String,
    #[serde(default)]
    title_en: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    authors: Vec<Name>,
    #[serde(default)]
    editors: Vec<Name>,
    #[serde(default)]
    translators: Vec<Name>,
    #[serde(default)]
    container_title: Option<String>,
    #[serde(default)]
    container_title_en: Option<String>,
    #[serde(default)]
    collection_title: Option<String>,
    #[serde(default, deserialize_with = "text_or_number")]
    collection_number: Option<String>,
    #[serde(default, deserialize_with = "text_or_number")]
    volume: Option<String>,
    #[serde(default, deserialize_with = "text_or_number")]
    issue: Option<String>,
    #[serde(default, deserialize_with = "text_or_number")]
    page: Option<String>,
    #[serde(default, deserialize_with = "text_or_number")]
    number: Option<String>,
    #[serde(default, deserialize_with = "text_or_number")]
    edition: Option<String>,
    #[serde(default, deserialize_with = "text_or_number")]
    version: Option<String>,
    #[serde(default)]
    genre: Option<String>,
    #[serde(default)]
    event_title: Option<String>,
    #[serde(default)]
    event_place: Option<String>,
    #[serde(default)]
    publisher: Option<String>,
    #[serde(default)]
    publisher_en: Option<String>,
    #[serde(default)]
    publisher_place: Option<String>,
    #[serde(default)]
    authority: Option<String>,
    #[serde(default)]
    issued: Option<String>,
    #[serde(default)]
    accessed: Option<String>,
    #[serde(default)]
    date_as_written: Option<String>,
    #[serde(default)]
    doi: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

/// Numbers such as `volume = 9` may be written bare or quoted.
fn text_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum TextOrNumber {
        Text(String),
        Number(i64),
    }
    Ok(Option::<TextOrNumber>::deserialize(d)?.map(|v| match v {
        TextOrNumber::Text(t) => t,
        TextOrNumber::Number(n) => n.to_string(),
    }))
}

/// The fields that carry a date, checked here because TOML has no partial dates.
const DATE_FIELDS: [&str; 2] = ["issued", "accessed"];

/// The file as tables, for salvaging the good records of a file with a bad one.
#[derive(Deserialize)]
struct LooseFile {
    #[serde(default)]
    source: Vec<toml::Spanned<toml::Table>>,
}

/// After a record failed to read (the error is reported), the records that do read, and a
/// stand-in for each one that does not, so that notes citing it report nothing more.
fn salvage(text: &str) -> Vec<toml::Spanned<Record>> {
    let Ok(file) = toml::from_str::<LooseFile>(text) else {
        return Vec::new();
    };
    file.source
        .into_iter()
        .filter_map(|t| {
            let span = t.span();
            let table = t.into_inner();
            let record = Record::deserialize(toml::Value::Table(table.clone()))
                .ok()
                .or_else(|| {
                    let key = table.get("key")?.as_str()?.to_string();
                    let mut stand_in = toml::Table::new();
                    stand_in.insert("key".into(), key.clone().into());
                    stand_in.insert("type".into(), "document".into());
                    stand_in.insert("title".into(), key.into());
                    Record::deserialize(toml::Value::Table(stand_in)).ok()
                })?;
            Some(toml::Spanned::new(span, record))
        })
        .collect()
}

pub(crate) fn read(path: &Path, text: &str, problems: &mut Problems) -> Vec<ReadRecord> {
    let records = match parse_toml::<SourcesFile>(path, text, problems) {
        Some(file) => file.source,
        None => salvage(text),
    };
    let index = LineIndex::new(text);
    let assignments = Assignments::new(text);
    records
        .into_iter()
        .map(|spanned| {
            let line = index.position(spanned.span().start).0;
            let r = spanned.into_inner();
            let mut at = Positions::at(assignments.find_after("key", &r.key, line).0);
            let find = |field: &str, value: &Option<String>| {
                value
                    .as_deref()
                    .map(|v| assignments.find_after(field, v, line))
            };
            for (field, value) in [
                ("title", &Some(r.title.clone())),
                ("lang", &r.lang),
                ("url", &r.url),
                ("doi", &r.doi),
                ("issued", &r.issued),
                ("accessed", &r.accessed),
            ] {
                if let Some(pos) = find(field, value) {
                    at.fields.insert(field, pos);
                }
            }
            at.fields.insert("key", at.record);
            let mut s = Source::new(&r.key, r.kind);
            let mut date = |field: &'static str, value: &Option<String>| {
                value.as_deref().and_then(|v| match parse_source_date(v) {
                    Ok(d) => Some(d),
                    Err(e) => {
                        problems.error(
                            path,
                            at.field(field),
                            format!("source `{}`: {field} date {e}", r.key),
                            format!("write {field} as YYYY, YYYY-MM or YYYY-MM-DD"),
                        );
                        None
                    }
                })
            };
            s.issued = date(DATE_FIELDS[0], &r.issued);
            s.accessed = date(DATE_FIELDS[1], &r.accessed);
            if let Some(lang) = &r.lang {
                s.lang = lang.clone();
            }
            s.category = r.category;
            s.title = r.title;
            s.title_en = r.title_en;
            s.authors = r.authors;
            s.editors = r.editors;
            s.translators = r.translators;
            s.container_title = r.container_title;
            s.container_title_en = r.container_title_en;
            s.collection_title = r.collection_title;
            s.collection_number = r.collection_number;
            s.volume = r.volume;
            s.issue = r.issue;
            s.page = r.page;
            s.number = r.number;
            s.edition = r.edition;
            s.version = r.version;
            s.genre = r.genre;
            s.event_title = r.event_title;
            s.event_place = r.event_place;
            s.publisher = r.publisher;
            s.publisher_en = r.publisher_en;
            s.publisher_place = r.publisher_place;
            s.authority = r.authority;
            s.date_as_written = r.date_as_written;
            s.doi = r.doi;
            s.url = r.url;
            s.note = r.note;
            ReadRecord { source: s, at }
        })
        .collect()
}
