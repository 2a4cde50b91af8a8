//! CSL-JSON (`sources.json`): reading what Zotero, Mendeley and Pandoc export, and writing each
//! record back as a CSL-JSON item for the exports.
//!
//! CSL has no field for the editors' translation of a title: following APA's advice, reference
//! managers keep it after the title in square brackets ("Seuils [Thresholds]"), and so do the
//! reader and the writer here. Fields CSL lacks (the English names of a container or publisher,
//! the index's category, the date as written) travel in the item's `custom` object.

use std::path::Path;

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{json, Map, Value};

use crate::diag::{LineIndex, Problems};
use crate::model::dates::{PartialDate, Precision};
use crate::model::languages;
use crate::model::sources::{parse_source_date, Name, Source, SourceType};
use crate::parse::sources::{Positions, ReadRecord};

/// A CSL name: a person in parts or a literal (institutional) name.
#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
struct CslName {
    family: Option<String>,
    given: Option<String>,
    non_dropping_particle: Option<String>,
    dropping_particle: Option<String>,
    suffix: Option<String>,
    literal: Option<String>,
}

/// A CSL date: date parts (numbers or strings), or a raw or literal date.
#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
struct CslDate {
    #[serde(default)]
    date_parts: Vec<Vec<Value>>,
    raw: Option<String>,
    literal: Option<String>,
}

/// The CSL variables the model keeps; every other field of an item is accepted and ignored.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Item {
    id: Value,
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    title_short: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    author: Vec<CslName>,
    #[serde(default)]
    editor: Vec<CslName>,
    #[serde(default)]
    translator: Vec<CslName>,
    #[serde(default)]
    container_title: Option<String>,
    #[serde(default)]
    collection_title: Option<String>,
    #[serde(default)]
    collection_number: Option<Value>,
    #[serde(default)]
    volume: Option<Value>,
    #[serde(default)]
    issue: Option<Value>,
    #[serde(default)]
    page: Option<Value>,
    #[serde(default)]
    number: Option<Value>,
    #[serde(default)]
    edition: Option<Value>,
    #[serde(default)]
    version: Option<Value>,
    #[serde(default)]
    genre: Option<String>,
    #[serde(default)]
    event_title: Option<String>,
    /// CSL 1.0.1's name for `event-title`.
    #[serde(default)]
    event: Option<String>,
    #[serde(default)]
    event_place: Option<String>,
    #[serde(default)]
    publisher: Option<String>,
    #[serde(default)]
    publisher_place: Option<String>,
    #[serde(default)]
    authority: Option<String>,
    #[serde(default)]
    issued: Option<CslDate>,
    #[serde(default)]
    accessed: Option<CslDate>,
    #[serde(default, rename = "DOI")]
    doi: Option<String>,
    #[serde(default, rename = "URL")]
    url: Option<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    custom: Option<Custom>,
}

/// The fields of our model that CSL lacks, as this tool writes them.
#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
struct Custom {
    container_title_en: Option<String>,
    publisher_en: Option<String>,
    category: Option<String>,
    date_as_written: Option<String>,
}

pub fn read(path: &Path, text: &str, problems: &mut Problems) -> Vec<ReadRecord> {
    let index = LineIndex::new(text);
    let raw: Vec<&RawValue> = match serde_json::from_str(text) {
        Ok(items) => items,
        Err(e) => {
            problems.error(
                path,
                (e.line().max(1), e.column().max(1)),
                format!("this CSL-JSON does not parse: {e}"),
                "export the sources from Zotero as CSL JSON (a list of items [ … ])",
            );
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for raw in raw {
        let offset = raw.get().as_ptr() as usize - text.as_ptr() as usize;
        let field_at = |name: &str| {
            raw.get()
                .find(&format!("\"{name}\""))
                .map(|i| index.position(offset + i))
        };
        let record_at = index.position(offset);
        let item: Item = match serde_json::from_str(raw.get()) {
            Ok(item) => item,
            Err(e) => {
                let message = e.to_string();
                let message = message
                    .rfind(" at line ")
                    .map_or(message.as_str(), |i| &message[..i]);
                // A missing field has no place of its own: point at the item.
                let at = if message.starts_with("missing field") {
                    record_at
                } else if e.line() <= 1 {
                    (record_at.0, record_at.1 + e.column().saturating_sub(1))
                } else {
                    (record_at.0 + e.line() - 1, e.column().max(1))
                };
                problems.error(
                    path,
                    at,
                    format!("this CSL-JSON item does not fit the CSL schema: {message}"),
                    "each item needs an \"id\" and a \"type\"; names are lists of \
                     {\"family\", \"given\"} or {\"literal\"}",
                );
                out.extend(stand_in(raw.get(), record_at.0));
                continue;
            }
        };
        let mut at = Positions::at(record_at.0);
        for (ours, theirs) in [
            ("key", "id"),
            ("type", "type"),
            ("title", "title"),
            ("lang", "language"),
            ("url", "URL"),
            ("doi", "DOI"),
            ("issued", "issued"),
            ("accessed", "accessed"),
        ] {
            if let Some(pos) = field_at(theirs) {
                at.fields.insert(ours, pos);
            }
        }
        let key = match &item.id {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => String::new(),
        };
        let kind = match SourceType::from_csl(&item.kind) {
            Some(k) => k,
            None => {
                problems.error(
                    path,
                    at.field("type"),
                    format!("source `{key}` has the unknown CSL type `{}`", item.kind),
                    format!(
                        "use a CSL type: {}",
                        SourceType::ALL
                            .iter()
                            .map(|(_, n, _)| *n)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
                out.extend(stand_in(raw.get(), record_at.0));
                continue;
            }
        };
        out.push(ReadRecord {
            source: to_source(key, kind, item, path, &at, problems),
            at,
        });
    }
    out
}

/// A record that stands in for an item that could not be read (its error is reported), so
/// that notes citing it report nothing more.
fn stand_in(raw: &str, line: usize) -> Option<ReadRecord> {
    #[derive(Deserialize)]
    struct Id {
        id: Value,
    }
    let key = match serde_json::from_str::<Id>(raw).ok()?.id {
        Value::String(s) => s,
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let mut source = Source::new(&key, SourceType::Document);
    source.title = key;
    Some(ReadRecord {
        source,
        at: Positions::at(line),
    })
}

fn to_source(
    key: String,
    kind: SourceType,
    item: Item,
    path: &Path,
    at: &Positions,
    problems: &mut Problems,
) -> Source {
    let mut s = Source::new(&key, kind);
    if let Some(lang) = item.language.as_deref().filter(|l| !l.trim().is_empty()) {
        s.lang = languages::normalize(lang).unwrap_or_else(|| lang.to_string());
    }
    let title = item.title.as_deref().map(plain).unwrap_or_default();
    if s.is_english() {
        s.title = title;
    } else {
        (s.title, s.title_en) = split_translation(&title, item.title_short.as_deref());
    }
    s.authors = names(item.author);
    s.editors = names(item.editor);
    s.translators = names(item.translator);
    s.container_title = item.container_title.as_deref().map(plain);
    s.collection_title = item.collection_title.as_deref().map(plain);
    s.collection_number = item.collection_number.as_ref().and_then(text);
    s.volume = item.volume.as_ref().and_then(text);
    s.issue = item.issue.as_ref().and_then(text);
    s.page = item.page.as_ref().and_then(text);
    s.number = item.number.as_ref().and_then(text);
    s.edition = item.edition.as_ref().and_then(text);
    s.version = item.version.as_ref().and_then(text);
    s.genre = item.genre.as_deref().map(plain);
    s.event_title = item.event_title.or(item.event).as_deref().map(plain);
    // Zotero copies every item's place into event-place; it is a conference's place only when
    // there is a conference.
    s.event_place = item
        .event_place
        .as_deref()
        .map(plain)
        .filter(|_| s.event_title.is_some());
    s.publisher = item.publisher.as_deref().map(plain);
    s.publisher_place = item.publisher_place.as_deref().map(plain);
    s.authority = item.authority.as_deref().map(plain);
    let custom = item.custom.unwrap_or_default();
    s.container_title_en = custom.container_title_en;
    s.publisher_en = custom.publisher_en;
    s.category = custom.category;
    s.date_as_written = custom.date_as_written;
    let mut date = |field: &'static str, d: Option<CslDate>| -> Option<PartialDate> {
        let d = d?;
        match date_of(&d) {
            Ok(Some(date)) => Some(date),
            Ok(None) => {
                if s.date_as_written.is_none() {
                    s.date_as_written = d.literal.or(d.raw);
                }
                None
            }
            Err(e) => {
                problems.error(
                    path,
                    at.field(field),
                    format!("source `{key}`: {field} {e}"),
                    "give the date as {\"date-parts\": [[year, month, day]]}",
                );
                None
            }
        }
    };
    s.issued = date("issued", item.issued);
    s.accessed = date("accessed", item.accessed);
    s.doi = item.doi.filter(|d| !d.trim().is_empty());
    s.url = item.url.filter(|u| !u.trim().is_empty());
    s.note = item.note.filter(|n| !n.trim().is_empty());
    s
}

/// "Titre [Title]" (APA's way, and Zotero users') or Pandoc's "Titre. [Title]" with
/// `title-short` = "Titre": the title and its translation.
pub fn split_translation(title: &str, short: Option<&str>) -> (String, Option<String>) {
    let t = title.trim();
    if let Some(inner) = t.strip_suffix(']') {
        if let Some(open) = inner.rfind('[') {
            let original = inner[..open].trim_end();
            let original = match short {
                Some(s) if original.trim_end_matches('.') == s.trim() => s.trim(),
                _ => original,
            };
            if !original.is_empty() && !inner[open + 1..].trim().is_empty() {
                return (
                    original.to_string(),
                    Some(inner[open + 1..].trim().to_string()),
                );
            }
        }
    }
    (t.to_string(), None)
}

fn names(list: Vec<CslName>) -> Vec<Name> {
    list.into_iter()
        .map(|n| Name {
            family: n.family.as_deref().map(plain),
            given: n.given.as_deref().map(plain),
            particle: n.non_dropping_particle,
            dropping_particle: n.dropping_particle,
            suffix: n.suffix,
            literal: n.literal.as_deref().map(plain),
        })
        .collect()
}

fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(plain(s)),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A date's first date parts (a range keeps its start); `None` for a literal date.
fn date_of(d: &CslDate) -> Result<Option<PartialDate>, String> {
    if let Some(first) = d.date_parts.first() {
        let part = |i: usize| -> Result<Option<u32>, String> {
            match first.get(i) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::Number(n)) => n
                    .as_u64()
                    .map(|n| Some(n as u32))
                    .ok_or_else(|| format!("has a date part that is not a number: {n}")),
                Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
                Some(Value::String(s)) => s
                    .trim()
                    .parse::<u32>()
                    .map(Some)
                    .map_err(|_| format!("has a date part that is not a number: `{s}`")),
                Some(other) => Err(format!("has a date part that is not a number: {other}")),
            }
        };
        let Some(year) = part(0)? else {
            return Ok(None);
        };
        let iso = match (part(1)?, part(2)?) {
            (Some(m), Some(day)) => format!("{year:04}-{m:02}-{day:02}"),
            (Some(m), None) => format!("{year:04}-{m:02}"),
            _ => format!("{year:04}"),
        };
        return parse_source_date(&iso).map(Some);
    }
    if let Some(raw) = &d.raw {
        return Ok(parse_source_date(raw).ok());
    }
    Ok(None)
}

/// CSL-JSON strings may carry a little HTML (`<i>`, `<span class="nocase">`): the model keeps
/// the text.
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        match rest[i..].find('>') {
            Some(j) if is_markup(&rest[i..i + j + 1]) => rest = &rest[i + j + 1..],
            _ => {
                out.push('<');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#38;", "&")
        .replace("&amp;", "&")
        .trim()
        .to_string()
}

fn is_markup(tag: &str) -> bool {
    let name = tag
        .trim_start_matches('<')
        .trim_start_matches('/')
        .split(|c: char| !c.is_ascii_alphanumeric())
        .next()
        .unwrap_or_default();
    matches!(name, "i" | "b" | "sup" | "sub" | "span" | "sc")
}

// ---------- Writing ----------

fn csl_name(n: &Name) -> Value {
    if let Some(l) = &n.literal {
        return json!({ "literal": l });
    }
    let mut m = Map::new();
    if let Some(f) = &n.family {
        m.insert("family".into(), json!(f));
    }
    if let Some(g) = &n.given {
        m.insert("given".into(), json!(g));
    }
    if let Some(p) = &n.particle {
        m.insert("non-dropping-particle".into(), json!(p));
    }
    if let Some(p) = &n.dropping_particle {
        m.insert("dropping-particle".into(), json!(p));
    }
    if let Some(s) = &n.suffix {
        m.insert("suffix".into(), json!(s));
    }
    Value::Object(m)
}

/// A date as CSL date parts.
pub fn date_parts(d: &PartialDate) -> Value {
    let mut parts = vec![json!(d.year)];
    if d.precision >= Precision::Month {
        if let Some(m) = d.month {
            parts.push(json!(m));
            if let (Some(day), Precision::Day) = (d.day, d.precision) {
                parts.push(json!(day));
            }
        }
    }
    json!({ "date-parts": [parts] })
}

/// The title as CSL carries it: the translation of a non-English title after it in brackets.
pub fn title_with_translation(s: &Source) -> String {
    match s.translation() {
        Some(t) => format!("{} [{t}]", s.title),
        None => s.title.clone(),
    }
}

/// One record as a CSL-JSON item.
pub fn item(s: &Source) -> Value {
    let mut m = Map::new();
    let mut put = |k: &str, v: Option<&String>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            m.insert(k.to_string(), json!(v));
        }
    };
    put("id", Some(&s.key));
    put("type", Some(&s.kind.csl_name().to_string()));
    put("title", Some(&title_with_translation(s)));
    if s.translation().is_some() {
        put("title-short", Some(&s.title));
    }
    put("language", Some(&s.lang));
    put("container-title", s.container_title.as_ref());
    put("collection-title", s.collection_title.as_ref());
    put("collection-number", s.collection_number.as_ref());
    put("volume", s.volume.as_ref());
    put("issue", s.issue.as_ref());
    put("page", s.page.as_ref());
    put("number", s.number.as_ref());
    put("edition", s.edition.as_ref());
    put("version", s.version.as_ref());
    put("genre", s.genre.as_ref());
    put("event-title", s.event_title.as_ref());
    put("event-place", s.event_place.as_ref());
    put("publisher", s.publisher.as_ref());
    put("publisher-place", s.publisher_place.as_ref());
    put("authority", s.authority.as_ref());
    put("DOI", s.doi.as_ref());
    put("URL", s.link().map(str::to_string).as_ref());
    put("note", s.note.as_ref());
    for (field, names) in [
        ("author", &s.authors),
        ("editor", &s.editors),
        ("translator", &s.translators),
    ] {
        if !names.is_empty() {
            m.insert(field.into(), names.iter().map(csl_name).collect());
        }
    }
    if let Some(d) = &s.issued {
        m.insert("issued".into(), date_parts(d));
    }
    if let Some(d) = &s.accessed {
        m.insert("accessed".into(), date_parts(d));
    }
    let mut custom = Map::new();
    for (k, v) in [
        ("container-title-en", &s.container_title_en),
        ("publisher-en", &s.publisher_en),
        ("category", &s.category),
        ("date-as-written", &s.date_as_written),
    ] {
        if let Some(v) = v {
            custom.insert(k.into(), json!(v));
        }
    }
    if !custom.is_empty() {
        m.insert("custom".into(), Value::Object(custom));
    }
    Value::Object(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translations_are_split_from_the_title() {
        assert_eq!(
            split_translation("Seuils [Thresholds]", None),
            ("Seuils".into(), Some("Thresholds".into()))
        );
        assert_eq!(
            split_translation("Seuils. [Thresholds]", Some("Seuils")),
            ("Seuils".into(), Some("Thresholds".into()))
        );
        assert_eq!(
            split_translation("No brackets", None),
            ("No brackets".into(), None)
        );
    }

    #[test]
    fn markup_is_dropped_and_other_angle_brackets_kept() {
        assert_eq!(
            plain("The <i>Beagle</i> and <span class=\"nocase\">DNA</span> &amp; a<b"),
            "The Beagle and DNA & a<b"
        );
    }

    #[test]
    fn zotero_items_read_with_string_years_and_positions() {
        let text = "[\n  {\n    \"id\": \"genette1987\",\n    \"type\": \"book\",\n    \"title\": \"Seuils [Thresholds]\",\n    \"language\": \"fr\",\n    \"author\": [{\"family\": \"Genette\", \"given\": \"Gérard\"}],\n    \"issued\": {\"date-parts\": [[\"1987\"]]},\n    \"abstract\": \"ignored\"\n  }\n]";
        let mut problems = Problems::default();
        let records = read(Path::new("sources.json"), text, &mut problems);
        assert!(problems.list.is_empty(), "{:?}", problems.list);
        let s = &records[0].source;
        assert_eq!(s.title, "Seuils");
        assert_eq!(s.title_en.as_deref(), Some("Thresholds"));
        assert_eq!(s.issued.unwrap().year, 1987);
        assert_eq!(records[0].at.record.0, 2);
        assert_eq!(records[0].at.field("lang").0, 6);
    }
}
