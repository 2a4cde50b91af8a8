//! RIS export, per the RIS format specification (Research Information Systems, 2012): one
//! `TAG  - value` line each, `TY` first and `ER` last, CRLF line ends. A value never contains a
//! line break, so no field can end its record or forge another.

use crate::model::sources::{Name, Source, SourceType as T};

/// The RIS reference type of a record.
pub fn reference_type(kind: T) -> &'static str {
    match kind {
        T::ArticleJournal | T::Article => "JOUR",
        T::ArticleMagazine => "MGZN",
        T::ArticleNewspaper => "NEWS",
        T::Book | T::Classic | T::Collection => "BOOK",
        T::Chapter => "CHAP",
        T::Report => "RPRT",
        T::Thesis => "THES",
        T::PaperConference => "CPAPER",
        T::Dataset => "DATA",
        T::Webpage | T::Post => "ELEC",
        T::PostWeblog => "BLOG",
        T::Legislation | T::Regulation => "STAT",
        T::Bill => "BILL",
        T::LegalCase => "CASE",
        T::Hearing => "HEAR",
        T::Treaty => "LEGAL",
        T::Document => "GOVDOC",
        T::EntryDictionary => "DICT",
        T::EntryEncyclopedia | T::Entry => "ENCYC",
        T::Figure => "FIGURE",
        T::Graphic => "ART",
        T::Interview | T::PersonalCommunication => "PCOMM",
        T::Manuscript => "MANSCPT",
        T::Map => "MAP",
        T::MotionPicture | T::Broadcast => "MPCT",
        T::MusicalScore | T::Song => "MUSIC",
        T::Pamphlet => "PAMP",
        T::Patent => "PAT",
        T::Periodical => "JFULL",
        T::Software => "COMP",
        T::Standard => "STAND",
        T::Speech | T::Performance | T::Event => "GEN",
        T::Review | T::ReviewBook => "JOUR",
    }
}

/// Every tag this writer uses (the spec's two-character tags).
pub const TAGS: &[&str] = &[
    "TY", "ID", "AU", "A2", "A4", "TI", "TT", "T2", "T3", "PY", "DA", "Y2", "VL", "IS", "SP", "EP",
    "ET", "M1", "M3", "PB", "CY", "DO", "UR", "LA", "N1", "ER",
];

/// A value on one line: each run of line breaks and other control characters becomes a space.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_control())
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Family, Given" (RIS's name form); an institution as written.
fn name(n: &Name) -> String {
    if let Some(l) = &n.literal {
        return l.clone();
    }
    let mut out = n.family_part();
    if let Some(g) = n.given_part() {
        out.push_str(", ");
        out.push_str(&g);
    }
    if let Some(s) = n.suffix.as_deref().filter(|s| !s.is_empty()) {
        out.push_str(", ");
        out.push_str(s);
    }
    out
}

/// One RIS record.
pub fn record(s: &Source) -> String {
    let mut lines: Vec<(&str, String)> = vec![("TY", reference_type(s.kind).into())];
    lines.push(("ID", s.key.clone()));
    lines.extend(s.authors.iter().map(|n| ("AU", name(n))));
    lines.extend(s.editors.iter().map(|n| ("A2", name(n))));
    lines.extend(s.translators.iter().map(|n| ("A4", name(n))));
    lines.push(("TI", s.title.clone()));
    if let Some(t) = s.translation() {
        lines.push(("TT", t.to_string()));
    }
    fn opt(lines: &mut Vec<(&'static str, String)>, tag: &'static str, v: &Option<String>) {
        if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
            lines.push((tag, v.to_string()));
        }
    }
    opt(&mut lines, "T2", &s.container_title);
    opt(&mut lines, "T3", &s.collection_title);
    if let Some(d) = &s.issued {
        lines.push(("PY", format!("{:04}", d.year)));
        lines.push(("DA", ris_date(d)));
    }
    if let Some(d) = &s.accessed {
        lines.push(("Y2", ris_date(d)));
    }
    opt(&mut lines, "VL", &s.volume);
    opt(&mut lines, "IS", &s.issue);
    if let Some(p) = &s.page {
        let (start, end) = match p.split_once(['-', '–']) {
            Some((a, b)) => (
                a.trim().to_string(),
                Some(b.trim().trim_start_matches('-').to_string()),
            ),
            None => (p.clone(), None),
        };
        lines.push(("SP", start));
        if let Some(e) = end {
            lines.push(("EP", e));
        }
    }
    opt(&mut lines, "ET", &s.edition);
    opt(&mut lines, "M1", &s.number);
    opt(&mut lines, "M3", &s.genre);
    opt(&mut lines, "PB", &s.publisher);
    opt(&mut lines, "CY", &s.publisher_place);
    opt(&mut lines, "DO", &s.doi);
    if let Some(u) = s.link() {
        lines.push(("UR", u.to_string()));
    }
    lines.push(("LA", s.lang.clone()));
    opt(&mut lines, "N1", &s.note);
    let mut out = String::new();
    for (tag, value) in lines {
        out.push_str(tag);
        out.push_str("  - ");
        out.push_str(&one_line(&value));
        out.push_str("\r\n");
    }
    out.push_str("ER  - \r\n");
    out
}

/// `YYYY/MM/DD/` with the parts a date lacks left empty.
fn ris_date(d: &crate::model::dates::PartialDate) -> String {
    let m = d
        .month
        .filter(|_| d.precision >= crate::model::dates::Precision::Month)
        .map(|m| format!("{m:02}"))
        .unwrap_or_default();
    let day = d
        .day
        .filter(|_| d.precision == crate::model::dates::Precision::Day)
        .map(|x| format!("{x:02}"))
        .unwrap_or_default();
    format!("{:04}/{m}/{day}/", d.year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_break_cannot_forge_a_record() {
        let mut s = Source::new("k", T::Book);
        s.title = "Title\r\nER  - \r\nTY  - JOUR".into();
        let r = record(&s);
        assert_eq!(r.matches("\r\n").count(), r.lines().count());
        assert_eq!(r.lines().filter(|l| l.starts_with("TY  - ")).count(), 1);
        assert_eq!(r.lines().filter(|l| l.starts_with("ER  - ")).count(), 1);
        assert!(r
            .lines()
            .all(|l| TAGS.contains(&&l[..2]) && &l[2..6] == "  - "));
    }
}
