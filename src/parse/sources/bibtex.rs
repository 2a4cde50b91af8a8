//! BibTeX and BibLaTeX (`sources.bib`): reading a reference manager's export, and writing each
//! record back as a BibLaTeX entry that Biber, BibTeX and Pandoc import without loss.
//!
//! English titles in `.bib` files are in Title Case with proper nouns braced; the model keeps
//! sentence case (as CSL does), so titles are converted both ways, the way Pandoc reads them.

use std::collections::HashMap;
use std::path::Path;

use biblatex::{Bibliography, Chunk, ChunksExt, Person, RawBibliography, Spanned};

use crate::cite::styles::case::{protected_words, sentence_case, title_case};
use crate::diag::{LineIndex, Problems, SourceMap};
use crate::model::dates::PartialDate;
use crate::model::languages;
use crate::model::sources::{Name, Source, SourceType};
use crate::parse::sources::csl_json::split_translation;
use crate::parse::sources::{Positions, ReadRecord};

/// Entry types (lowercase, as written after `@`) and the CSL type each reads as.
const ENTRY_TYPES: &[(&str, SourceType)] = &[
    ("article", SourceType::ArticleJournal),
    ("book", SourceType::Book),
    ("mvbook", SourceType::Book),
    ("collection", SourceType::Book),
    ("mvcollection", SourceType::Book),
    ("proceedings", SourceType::Book),
    ("mvproceedings", SourceType::Book),
    ("reference", SourceType::Book),
    ("mvreference", SourceType::Book),
    ("manual", SourceType::Book),
    ("inbook", SourceType::Chapter),
    ("bookinbook", SourceType::Chapter),
    ("suppbook", SourceType::Chapter),
    ("incollection", SourceType::Chapter),
    ("suppcollection", SourceType::Chapter),
    ("inproceedings", SourceType::PaperConference),
    ("conference", SourceType::PaperConference),
    ("inreference", SourceType::EntryEncyclopedia),
    ("report", SourceType::Report),
    ("techreport", SourceType::Report),
    ("thesis", SourceType::Thesis),
    ("phdthesis", SourceType::Thesis),
    ("mastersthesis", SourceType::Thesis),
    ("dataset", SourceType::Dataset),
    ("online", SourceType::Webpage),
    ("www", SourceType::Webpage),
    ("electronic", SourceType::Webpage),
    ("legislation", SourceType::Legislation),
    ("jurisdiction", SourceType::LegalCase),
    ("legal", SourceType::Treaty),
    ("booklet", SourceType::Pamphlet),
    ("unpublished", SourceType::Manuscript),
    ("patent", SourceType::Patent),
    ("periodical", SourceType::Periodical),
    ("software", SourceType::Software),
    ("letter", SourceType::PersonalCommunication),
    ("movie", SourceType::MotionPicture),
    ("video", SourceType::MotionPicture),
    ("music", SourceType::Song),
    ("audio", SourceType::Song),
    ("artwork", SourceType::Graphic),
    ("image", SourceType::Graphic),
    ("performance", SourceType::Speech),
    ("review", SourceType::Review),
    ("standard", SourceType::Standard),
    ("misc", SourceType::Document),
];

/// The `type` field of theses and reports, as biblatex's localisation keys.
const GENRES: &[(&str, &str)] = &[
    ("phdthesis", "PhD thesis"),
    ("mathesis", "Master's thesis"),
    ("mastersthesis", "Master's thesis"),
    ("candthesis", "Candidate thesis"),
    ("techreport", "Technical report"),
    ("resreport", "Research report"),
];

/// A field's text, with the parts that were braced (kept as written) marked.
fn parts(chunks: &[Spanned<Chunk>]) -> Vec<(String, bool)> {
    chunks
        .iter()
        .map(|c| match &c.v {
            Chunk::Normal(s) => (s.clone(), false),
            Chunk::Verbatim(s) => (s.clone(), true),
            Chunk::Math(s) => (format!("${s}$"), true),
        })
        .collect()
}

fn clean(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("---", "—")
        .replace("--", "–")
}

fn person(p: &Person) -> Name {
    if p.given_name.trim().is_empty() && p.prefix.trim().is_empty() {
        return Name::literal(&clean(&p.name));
    }
    Name {
        family: Some(clean(&p.name)),
        given: Some(clean(&p.given_name)).filter(|g| !g.is_empty()),
        particle: Some(clean(&p.prefix)).filter(|g| !g.is_empty()),
        dropping_particle: None,
        suffix: Some(clean(&p.suffix)).filter(|g| !g.is_empty()),
        literal: None,
    }
}

pub fn read(path: &Path, text: &str, problems: &mut Problems) -> Vec<ReadRecord> {
    let index = LineIndex::new(text);
    let src = SourceMap::new(path, text);
    if !super::bibtex_check::check_braces(&src, problems) {
        return Vec::new();
    }
    let raw = match RawBibliography::parse(text) {
        Ok(raw) => raw,
        Err(e) => {
            problems.error(
                path,
                index.position(e.span.start),
                format!("this BibTeX does not parse: {}", e.kind),
                "check the braces and commas of the entry around this line",
            );
            return Vec::new();
        }
    };
    if !super::bibtex_check::check_links(&raw, &src, problems) {
        return Vec::new();
    }
    // Where each entry, and each field of it, is.
    let mut places: HashMap<String, (String, usize, HashMap<String, usize>)> = HashMap::new();
    for e in &raw.entries {
        let fields =
            e.v.fields
                .iter()
                .map(|p| (p.key.v.to_lowercase(), p.key.span.start))
                .collect();
        places.insert(
            e.v.key.v.to_string(),
            (e.v.kind.v.to_lowercase(), e.v.key.span.start, fields),
        );
    }
    let bibliography = match Bibliography::parse(text) {
        Ok(b) => b,
        Err(e) => {
            problems.error(
                path,
                index.position(e.span.start),
                format!("this BibTeX does not parse: {}", e.kind),
                "check the entry around this line",
            );
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for entry in bibliography.iter() {
        let Some((kind_name, key_at, field_offsets)) = places.get(&entry.key) else {
            continue;
        };
        let mut at = Positions::at(index.position(*key_at).0);
        at.fields.insert("key", index.position(*key_at));
        for (ours, theirs) in [
            ("title", "title"),
            ("lang", "langid"),
            ("url", "url"),
            ("doi", "doi"),
            ("issued", "date"),
            ("accessed", "urldate"),
        ] {
            if let Some(o) = field_offsets.get(theirs) {
                at.fields.insert(ours, index.position(*o));
            }
        }
        let subtype = entry
            .get("entrysubtype")
            .map(|c| c.format_verbatim().to_lowercase());
        let kind = match (kind_name.as_str(), subtype.as_deref()) {
            ("article", Some("newspaper")) => SourceType::ArticleNewspaper,
            ("article", Some("magazine")) => SourceType::ArticleMagazine,
            ("online", Some("blog")) => SourceType::PostWeblog,
            (name, _) => match ENTRY_TYPES.iter().find(|(n, _)| *n == name) {
                Some((_, t)) => *t,
                None => {
                    problems.warning(
                        path,
                        at.record,
                        format!("entry `{}` has the type @{name}, which is read as a document", entry.key),
                        "use a standard BibLaTeX type (article, book, incollection, report, online, …)",
                    );
                    SourceType::Document
                }
            },
        };
        let mut s = Source::new(&entry.key, kind);
        let field = |name: &str| -> Option<String> {
            entry
                .get(name)
                .map(|c| clean(&c.format_verbatim()))
                .filter(|t| !t.is_empty())
        };
        if let Some(lang) = field("langid").or_else(|| field("language")) {
            s.lang = languages::normalize(&lang).unwrap_or(lang);
        }
        let english = s.is_english();
        let titled = |name: &str| -> Option<String> {
            let chunks = entry.get(name)?;
            let text = if english {
                sentence_case(&parts(chunks))
            } else {
                chunks.format_verbatim()
            };
            Some(clean(&text)).filter(|t| !t.is_empty())
        };
        let title = titled("title").unwrap_or_default();
        let addon = field("titleaddon");
        if english {
            s.title = title;
        } else {
            let (t, tr) = split_translation(&title, None);
            s.title = t;
            s.title_en = tr.or_else(|| {
                addon.as_deref().map(|a| {
                    a.trim()
                        .trim_start_matches('[')
                        .trim_end_matches(']')
                        .to_string()
                })
            });
        }
        let names = |name: &str| -> Vec<Name> {
            entry
                .get_as::<Vec<Person>>(name)
                .map(|list| list.iter().map(person).collect())
                .unwrap_or_default()
        };
        s.authors = names("author");
        s.editors = names("editor");
        s.translators = names("translator");
        s.container_title = match kind {
            SourceType::Chapter | SourceType::PaperConference | SourceType::EntryEncyclopedia => {
                titled("booktitle")
            }
            SourceType::Webpage | SourceType::PostWeblog => {
                field("journaltitle").or_else(|| field("organization"))
            }
            _ => field("journaltitle").or_else(|| field("journal")),
        };
        s.collection_title = titled("series");
        s.volume = field("volume");
        s.page = field("pages");
        let number = field("number");
        if kind.is_periodical() {
            s.issue = match (number, field("issue")) {
                (Some(n), Some(i)) => Some(format!("{n}, {i}")),
                (n, i) => n.or(i),
            };
        } else {
            s.number = number;
        }
        s.edition = field("edition");
        s.version = field("version");
        s.genre = field("type")
            .map(|t| {
                GENRES
                    .iter()
                    .find(|(k, _)| *k == t.to_lowercase())
                    .map_or(t.clone(), |(_, g)| g.to_string())
            })
            .or_else(|| match kind_name.as_str() {
                "phdthesis" => Some("PhD thesis".into()),
                "mastersthesis" => Some("Master's thesis".into()),
                _ => None,
            });
        s.event_title = field("eventtitle");
        s.event_place = field("venue");
        if kind == SourceType::LegalCase {
            s.authority = field("institution");
        }
        s.publisher = field("publisher")
            .or_else(|| field("institution").filter(|_| kind != SourceType::LegalCase))
            .or_else(|| field("school"))
            .or_else(|| match kind {
                SourceType::Webpage | SourceType::PostWeblog => None,
                _ => field("organization"),
            });
        s.publisher_place = field("location").or_else(|| field("address"));
        s.issued = date(entry.get("date")).or_else(|| year_month(field("year"), field("month")));
        s.accessed = date(entry.get("urldate"));
        s.doi = field("doi");
        s.url = field("url");
        s.note = field("note");
        out.push(ReadRecord { source: s, at });
    }
    out
}

/// An ISO date field (`2023-02-25`, `2023-02`, `2023`; a range keeps its start).
fn date(chunks: Option<&[Spanned<Chunk>]>) -> Option<PartialDate> {
    let text = chunks?.format_verbatim();
    let start = text.split('/').next()?.trim();
    crate::model::sources::parse_source_date(start).ok()
}

/// The old `year` and `month` fields (`month = feb` or `month = 2`).
fn year_month(year: Option<String>, month: Option<String>) -> Option<PartialDate> {
    let year: i32 = year?.trim().parse().ok()?;
    let month = month.and_then(|m| {
        let m = m.trim().to_lowercase();
        m.parse::<u8>()
            .ok()
            .filter(|n| (1..=12).contains(n))
            .or_else(|| {
                [
                    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                    "dec",
                ]
                .iter()
                .position(|p| m.starts_with(p))
                .map(|i| i as u8 + 1)
            })
    });
    let iso = match month {
        Some(m) => format!("{year:04}-{m:02}"),
        None => format!("{year:04}"),
    };
    crate::model::sources::parse_source_date(&iso).ok()
}

// ---------- Writing ----------

/// Escapes text for a braced BibLaTeX field; line breaks become spaces, so no field can end
/// its entry or start another.
fn escape(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\r' | '\n' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A URL or DOI for biblatex's verbatim fields: kept as written, with the characters that
/// would unbalance the field percent-encoded.
fn verbatim(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '{' => "%7B".to_string(),
            '}' => "%7D".to_string(),
            '\\' => "%5C".to_string(),
            c if c.is_whitespace() => "%20".to_string(),
            c => c.to_string(),
        })
        .collect()
}

/// An English title in Title Case with its proper nouns braced, so that styles which
/// re-case titles keep them ("How Microchips Migrate from {China} to {Russia}").
fn protected_title(text: &str, english: bool) -> String {
    if !english {
        return escape(text);
    }
    let keep = protected_words(text);
    let cased = title_case(text);
    let mut out = String::new();
    for (i, piece) in cased.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let core: &str = piece.trim_end_matches([':', ',', ';', '.', '?', '!']);
        if i > 0
            && keep
                .iter()
                .any(|k| k.trim_end_matches([':', ',', ';', '.', '?', '!']) == core)
            && !core.is_empty()
        {
            out.push('{');
            out.push_str(&escape(core));
            out.push('}');
            out.push_str(&escape(&piece[core.len()..]));
        } else {
            out.push_str(&escape(piece));
        }
    }
    out
}

fn names(list: &[Name]) -> String {
    list.iter()
        .map(|n| {
            if let Some(l) = &n.literal {
                return format!("{{{}}}", escape(l));
            }
            let family = escape(&n.family_part());
            let family = if family.contains(' ') || family.contains(',') {
                format!("{{{family}}}")
            } else {
                family
            };
            match (&n.given_part(), &n.suffix) {
                (Some(g), Some(s)) => format!("{family}, {}, {}", escape(s), escape(g)),
                (Some(g), None) => format!("{family}, {}", escape(g)),
                (None, _) => family,
            }
        })
        .collect::<Vec<_>>()
        .join(" and ")
}

/// The BibLaTeX entry type, and `entrysubtype`, of a record.
fn entry_type(kind: SourceType) -> (&'static str, Option<&'static str>) {
    use SourceType as T;
    match kind {
        T::ArticleJournal | T::Article => ("article", None),
        T::ArticleMagazine => ("article", Some("magazine")),
        T::ArticleNewspaper => ("article", Some("newspaper")),
        T::Book | T::Classic => ("book", None),
        T::Collection => ("collection", None),
        T::Chapter => ("incollection", None),
        T::EntryDictionary | T::EntryEncyclopedia | T::Entry => ("inreference", None),
        T::PaperConference => ("inproceedings", None),
        T::Report => ("report", None),
        T::Thesis => ("thesis", None),
        T::Dataset => ("dataset", None),
        T::Webpage | T::Post => ("online", None),
        T::PostWeblog => ("online", Some("blog")),
        T::Legislation | T::Bill | T::Regulation => ("legislation", None),
        T::LegalCase => ("jurisdiction", None),
        T::Treaty => ("legal", None),
        T::Pamphlet => ("booklet", None),
        T::Manuscript => ("unpublished", None),
        T::Patent => ("patent", None),
        T::Periodical => ("periodical", None),
        T::Software => ("software", None),
        T::PersonalCommunication => ("letter", None),
        T::MotionPicture | T::Broadcast => ("movie", None),
        T::Song => ("music", None),
        T::Graphic | T::Figure | T::Map => ("image", None),
        T::Performance | T::Speech => ("performance", None),
        T::Review | T::ReviewBook => ("review", None),
        T::Standard => ("standard", None),
        _ => ("misc", None),
    }
}

/// One record as a BibLaTeX entry.
pub fn entry(s: &Source) -> String {
    use SourceType as T;
    let (kind, subtype) = entry_type(s.kind);
    let english = s.is_english();
    let mut fields: Vec<(&str, String)> = Vec::new();
    let mut add = |name: &'static str, value: Option<String>| {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            fields.push((name, v));
        }
    };
    let text = |v: &Option<String>| v.as_deref().map(escape);
    add("author", (!s.authors.is_empty()).then(|| names(&s.authors)));
    add("editor", (!s.editors.is_empty()).then(|| names(&s.editors)));
    add(
        "translator",
        (!s.translators.is_empty()).then(|| names(&s.translators)),
    );
    add("title", Some(protected_title(&s.title, english)));
    let addon = match (s.translation(), s.title_supplied) {
        (Some(t), _) => Some(format!("[{}]", escape(t))),
        (None, true) => Some("[title supplied by the editors]".to_string()),
        _ => None,
    };
    add("titleaddon", addon);
    let container = s
        .container_title
        .as_deref()
        .map(|c| protected_title(c, english));
    match s.kind {
        T::Chapter | T::PaperConference | T::EntryEncyclopedia | T::EntryDictionary => {
            add("booktitle", container)
        }
        T::Webpage | T::PostWeblog | T::Post => add("organization", text(&s.container_title)),
        _ => add("journaltitle", text(&s.container_title)),
    }
    add("entrysubtype", subtype.map(str::to_string));
    add(
        "series",
        s.collection_title
            .as_deref()
            .map(|c| protected_title(c, english)),
    );
    add("volume", text(&s.volume));
    if s.kind.is_periodical() {
        add("number", text(&s.issue));
    } else {
        add("number", text(&s.number));
        add("issue", text(&s.issue));
    }
    add(
        "pages",
        s.page.as_deref().map(|p| escape(&p.replace('–', "--"))),
    );
    add("edition", text(&s.edition));
    add("version", text(&s.version));
    add("type", text(&s.genre));
    add("eventtitle", text(&s.event_title));
    add("venue", text(&s.event_place));
    match s.kind {
        T::Report | T::Thesis => add("institution", text(&s.publisher)),
        T::Document | T::Webpage | T::PostWeblog => add("organization", text(&s.publisher)),
        _ => add("publisher", text(&s.publisher)),
    }
    add("location", text(&s.publisher_place));
    add(
        "institution",
        text(&s.authority).filter(|_| s.kind == T::LegalCase),
    );
    if let Some(d) = &s.issued {
        add("date", Some(d.iso()));
    }
    if let Some(d) = &s.accessed {
        add("urldate", Some(d.iso()));
    }
    add("doi", s.doi.as_deref().map(verbatim));
    add("url", s.link().map(verbatim));
    add("langid", languages::babel_name(&s.lang).map(str::to_string));
    add("note", text(&s.note));
    let body: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("  {k} = {{{v}}}"))
        .collect();
    format!("@{kind}{{{},\n{}\n}}\n", s.key, body.join(",\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_cannot_end_their_entry() {
        assert_eq!(escape("a}\n@misc{x,"), "a\\} @misc\\{x,");
        assert_eq!(
            verbatim("https://x.org/a{b}?c=1&d=%20"),
            "https://x.org/a%7Bb%7D?c=1&d=%20"
        );
    }

    #[test]
    fn english_titles_are_title_cased_with_proper_nouns_braced() {
        assert_eq!(
            protected_title("How microchips migrate from China to Russia", true),
            "How Microchips Migrate from {China} to {Russia}"
        );
        assert_eq!(
            protected_title("Scholarly context not found: One in five", true),
            "Scholarly Context Not Found: {One} in Five"
        );
        assert_eq!(
            protected_title("Экспорт «Газпрома»", false),
            "Экспорт «Газпрома»"
        );
    }
}
