//! Source records: the one model that `sources.toml`, `sources.json` (CSL-JSON, as Zotero,
//! Mendeley and Pandoc export it) and `sources.bib` (BibTeX/BibLaTeX) are read into, and the
//! checks every record gets whatever file it came from.
//!
//! The model follows CSL: a [`SourceType`] from the CSL item types, structured [`Name`]s, and
//! the CSL variables a scholar uses. Two things CSL lacks are added: the editors' English
//! translation of a title in another language (`title_en`), and the date as the original
//! writes it (`date_as_written`).

use serde::{Deserialize, Serialize};

use crate::model::dates::{PartialDate, Precision};
use crate::model::languages;

/// The CSL 1.0.2 item types. The built-in styles format the [`SourceType::BUILT_IN`] ones; the
/// rest go through the CSL processor with the official style (see `styles`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceType {
    Article,
    ArticleJournal,
    ArticleMagazine,
    ArticleNewspaper,
    Bill,
    Book,
    Broadcast,
    Chapter,
    Classic,
    Collection,
    Dataset,
    Document,
    Entry,
    EntryDictionary,
    EntryEncyclopedia,
    Event,
    Figure,
    Graphic,
    Hearing,
    Interview,
    #[serde(rename = "legal_case")]
    LegalCase,
    Legislation,
    Manuscript,
    Map,
    #[serde(rename = "motion_picture")]
    MotionPicture,
    #[serde(rename = "musical_score")]
    MusicalScore,
    Pamphlet,
    PaperConference,
    Patent,
    Performance,
    Periodical,
    #[serde(rename = "personal_communication")]
    PersonalCommunication,
    Post,
    PostWeblog,
    Regulation,
    Report,
    Review,
    ReviewBook,
    Software,
    Song,
    Speech,
    Standard,
    Thesis,
    Treaty,
    Webpage,
}

use SourceType as T;

impl SourceType {
    /// Every type, each with its CSL name and the label the citation index shows.
    pub const ALL: &'static [(SourceType, &'static str, &'static str)] = &[
        (T::Article, "article", "Article"),
        (T::ArticleJournal, "article-journal", "Journal article"),
        (T::ArticleMagazine, "article-magazine", "Magazine article"),
        (
            T::ArticleNewspaper,
            "article-newspaper",
            "Newspaper article",
        ),
        (T::Bill, "bill", "Bill"),
        (T::Book, "book", "Book"),
        (T::Broadcast, "broadcast", "Broadcast"),
        (T::Chapter, "chapter", "Book chapter"),
        (T::Classic, "classic", "Classic work"),
        (T::Collection, "collection", "Collection"),
        (T::Dataset, "dataset", "Dataset"),
        (T::Document, "document", "Document"),
        (T::Entry, "entry", "Entry"),
        (T::EntryDictionary, "entry-dictionary", "Dictionary entry"),
        (
            T::EntryEncyclopedia,
            "entry-encyclopedia",
            "Encyclopedia entry",
        ),
        (T::Event, "event", "Event"),
        (T::Figure, "figure", "Figure"),
        (T::Graphic, "graphic", "Graphic"),
        (T::Hearing, "hearing", "Hearing"),
        (T::Interview, "interview", "Interview"),
        (T::LegalCase, "legal_case", "Legal case"),
        (T::Legislation, "legislation", "Legislation"),
        (T::Manuscript, "manuscript", "Manuscript"),
        (T::Map, "map", "Map"),
        (T::MotionPicture, "motion_picture", "Film"),
        (T::MusicalScore, "musical_score", "Musical score"),
        (T::Pamphlet, "pamphlet", "Pamphlet"),
        (T::PaperConference, "paper-conference", "Conference paper"),
        (T::Patent, "patent", "Patent"),
        (T::Performance, "performance", "Performance"),
        (T::Periodical, "periodical", "Periodical"),
        (
            T::PersonalCommunication,
            "personal_communication",
            "Personal communication",
        ),
        (T::Post, "post", "Post"),
        (T::PostWeblog, "post-weblog", "Blog post"),
        (T::Regulation, "regulation", "Regulation"),
        (T::Report, "report", "Report"),
        (T::Review, "review", "Review"),
        (T::ReviewBook, "review-book", "Book review"),
        (T::Software, "software", "Software"),
        (T::Song, "song", "Song"),
        (T::Speech, "speech", "Speech"),
        (T::Standard, "standard", "Standard"),
        (T::Thesis, "thesis", "Thesis"),
        (T::Treaty, "treaty", "Treaty"),
        (T::Webpage, "webpage", "Web page"),
    ];

    /// The types the built-in styles (Chicago, APA, MLA, GOST) format themselves.
    pub const BUILT_IN: &'static [SourceType] = &[
        T::ArticleJournal,
        T::ArticleMagazine,
        T::ArticleNewspaper,
        T::Book,
        T::Chapter,
        T::Dataset,
        T::Document,
        T::LegalCase,
        T::Legislation,
        T::PaperConference,
        T::PostWeblog,
        T::Report,
        T::Thesis,
        T::Webpage,
    ];

    fn entry(self) -> &'static (SourceType, &'static str, &'static str) {
        SourceType::ALL
            .iter()
            .find(|(t, _, _)| *t == self)
            .unwrap_or(&SourceType::ALL[0])
    }

    /// The CSL name (`article-journal`), also the value of `type` in every input format.
    pub fn csl_name(self) -> &'static str {
        self.entry().1
    }

    pub fn label(self) -> &'static str {
        self.entry().2
    }

    pub fn from_csl(name: &str) -> Option<SourceType> {
        SourceType::ALL
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(t, _, _)| *t)
    }

    pub fn is_built_in(self) -> bool {
        SourceType::BUILT_IN.contains(&self)
    }

    /// Newspapers, magazines and journals: a title inside a periodical.
    pub fn is_periodical(self) -> bool {
        matches!(
            self,
            T::ArticleJournal | T::ArticleMagazine | T::ArticleNewspaper
        )
    }

    /// A periodical's article or a blog post: a title inside a serial, which the styles quote
    /// and follow with the serial's name.
    pub fn is_serial(self) -> bool {
        self.is_periodical() || self == T::PostWeblog
    }
}

/// A personal or institutional name. A person has `family` (and usually `given`); an
/// institution is `literal`, kept whole and never inverted or abbreviated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Name {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
    /// A particle printed with the family name: "van" in "van Gogh, Vincent".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub particle: Option<String>,
    /// A particle printed with the given name: "van" in "Beethoven, Ludwig van".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dropping_particle: Option<String>,
    /// "Jr.", "III".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
    /// An institution, or a name that must be printed exactly as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub literal: Option<String>,
}

impl Name {
    pub fn literal(name: &str) -> Name {
        Name {
            literal: Some(name.to_string()),
            ..Name::default()
        }
    }

    pub fn person(family: &str, given: &str) -> Name {
        Name {
            family: Some(family.to_string()),
            given: (!given.is_empty()).then(|| given.to_string()),
            ..Name::default()
        }
    }

    /// The family name with its particle ("van Gogh"); an institution's whole name.
    pub fn family_part(&self) -> String {
        if let Some(l) = &self.literal {
            return l.clone();
        }
        let family = self.family.as_deref().unwrap_or_default();
        match &self.particle {
            Some(p) if !p.is_empty() => {
                if p.ends_with(['\'', '’', '-']) {
                    format!("{p}{family}")
                } else {
                    format!("{p} {family}")
                }
            }
            _ => family.to_string(),
        }
    }

    /// The given name with a dropping particle after it ("Ludwig van").
    pub fn given_part(&self) -> Option<String> {
        if self.literal.is_some() {
            return None;
        }
        let given = self.given.as_deref().filter(|g| !g.is_empty());
        match (given, self.dropping_particle.as_deref()) {
            (Some(g), Some(p)) if !p.is_empty() => Some(format!("{g} {p}")),
            (Some(g), _) => Some(g.to_string()),
            (None, Some(p)) if !p.is_empty() => Some(p.to_string()),
            _ => None,
        }
    }

    pub fn is_institution(&self) -> bool {
        self.literal.is_some()
    }

    /// "Given Family" (for display in the citation index).
    pub fn display(&self) -> String {
        let mut out = match self.given_part() {
            Some(g) => format!("{g} {}", self.family_part()),
            None => self.family_part(),
        };
        if let Some(s) = self.suffix.as_deref().filter(|s| !s.is_empty()) {
            out.push_str(", ");
            out.push_str(s);
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.literal.as_deref().is_none_or(str::is_empty)
            && self.family.as_deref().is_none_or(str::is_empty)
    }
}

/// One source, whatever file it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// What notes cite with `[@key]`.
    pub key: String,
    pub kind: SourceType,
    /// The group the citation index files it under ("News agency"); the type's label if empty.
    pub category: Option<String>,
    /// The title in its original language and script.
    pub title: String,
    /// The editors' English translation of a title in another language.
    pub title_en: Option<String>,
    /// BCP 47 language of the title (and the item).
    pub lang: String,
    pub authors: Vec<Name>,
    pub editors: Vec<Name>,
    pub translators: Vec<Name>,
    /// The journal, newspaper, magazine, website, book (of a chapter) or proceedings.
    pub container_title: Option<String>,
    pub container_title_en: Option<String>,
    /// A series.
    pub collection_title: Option<String>,
    pub collection_number: Option<String>,
    pub volume: Option<String>,
    pub issue: Option<String>,
    /// Pages or a page range ("55–61"), or an article number ("e115253").
    pub page: Option<String>,
    /// A report's, document's or law's number.
    pub number: Option<String>,
    pub edition: Option<String>,
    pub version: Option<String>,
    /// Kind of work where the type is not enough: "PhD dissertation", "Press release".
    pub genre: Option<String>,
    /// A conference's name and place.
    pub event_title: Option<String>,
    pub event_place: Option<String>,
    pub publisher: Option<String>,
    pub publisher_en: Option<String>,
    pub publisher_place: Option<String>,
    /// A court or legislative body.
    pub authority: Option<String>,
    pub issued: Option<PartialDate>,
    pub accessed: Option<PartialDate>,
    /// The date as the original writes it, in its own words.
    pub date_as_written: Option<String>,
    pub doi: Option<String>,
    pub url: Option<String>,
    /// The editors' remark on the record.
    pub note: Option<String>,
    /// 1-based line of the record in its file, for messages.
    pub line: usize,
    /// The title is the editors', not the work's (for citations of this site's own pages).
    pub title_supplied: bool,
}

impl Source {
    /// An empty record of a type; readers fill it in.
    pub fn new(key: &str, kind: SourceType) -> Source {
        Source {
            key: key.to_string(),
            kind,
            category: None,
            title: String::new(),
            title_en: None,
            lang: "en".into(),
            authors: Vec::new(),
            editors: Vec::new(),
            translators: Vec::new(),
            container_title: None,
            container_title_en: None,
            collection_title: None,
            collection_number: None,
            volume: None,
            issue: None,
            page: None,
            number: None,
            edition: None,
            version: None,
            genre: None,
            event_title: None,
            event_place: None,
            publisher: None,
            publisher_en: None,
            publisher_place: None,
            authority: None,
            issued: None,
            accessed: None,
            date_as_written: None,
            doi: None,
            url: None,
            note: None,
            line: 1,
            title_supplied: false,
        }
    }

    pub fn issued_date(&self) -> Option<PartialDate> {
        self.issued
    }

    /// The title in English: the translation, or the title itself when it is English.
    pub fn english_title(&self) -> &str {
        self.title_en.as_deref().unwrap_or(&self.title)
    }

    pub fn is_english(&self) -> bool {
        languages::is_english(&self.lang)
    }

    /// The translation of the title, when the title is not English.
    pub fn translation(&self) -> Option<&str> {
        self.title_en.as_deref().filter(|_| !self.is_english())
    }

    /// The label the citation index files the record under.
    pub fn category_label(&self) -> &str {
        self.category.as_deref().unwrap_or(self.kind.label())
    }

    /// Where the work appeared, as written, with its English name after it where one is given.
    pub fn container_display(&self) -> String {
        with_english(
            self.container_title.as_deref(),
            self.container_title_en.as_deref(),
        )
    }

    pub fn publisher_display(&self) -> String {
        with_english(self.publisher.as_deref(), self.publisher_en.as_deref())
    }

    /// A short English name of where the source appeared, for one-line source credits:
    /// the container's or publisher's English name, or the English title.
    pub fn short_name(&self) -> String {
        self.container_title_en
            .clone()
            .or_else(|| self.container_title.clone())
            .or_else(|| self.publisher_en.clone())
            .or_else(|| self.publisher.clone())
            .unwrap_or_else(|| self.english_title().to_string())
    }

    /// The URL when it is a web address; anything else is never linked.
    pub fn link(&self) -> Option<&str> {
        self.url.as_deref().filter(|u| is_web_address(u))
    }

    /// The DOI as a link (`https://doi.org/…`).
    pub fn doi_link(&self) -> Option<String> {
        self.doi.as_deref().map(|d| format!("https://doi.org/{d}"))
    }
}

fn with_english(original: Option<&str>, english: Option<&str>) -> String {
    match (original, english) {
        (Some(o), Some(e)) if o != e => format!("{o} ({e})"),
        (Some(o), _) => o.to_string(),
        (None, Some(e)) => e.to_string(),
        (None, None) => String::new(),
    }
}

pub(crate) fn is_web_address(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Whether a citation key is one Pandoc accepts (`[@key]`): it starts with a letter, digit or
/// `_`, and continues with those and the punctuation `: . - + ? & $ ~ /` (not at its end).
/// `#`, `%`, `<` and `>`, which Pandoc also allows, are refused: they break links to the entry.
pub fn is_citation_key(key: &str) -> bool {
    const INNER: &[char] = &[':', '.', '-', '+', '?', '&', '$', '~', '/'];
    let word = |c: char| c.is_alphanumeric() || c == '_';
    key.chars().next().is_some_and(word)
        && key.chars().last().is_some_and(word)
        && key.chars().all(|c| word(c) || INNER.contains(&c))
}

/// Parses a date of a source: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn parse_source_date(text: &str) -> Result<PartialDate, String> {
    let date = PartialDate::parse(text)?;
    match date.precision {
        Precision::Year | Precision::Month | Precision::Day => Ok(date),
        _ => Err(format!(
            "`{}`: a source's date is a year, a month or a day",
            text.trim()
        )),
    }
}

/// `10.1371/journal.pone.0115253` from a DOI written bare, as `doi:` or as a doi.org link.
pub fn normalize_doi(text: &str) -> Option<String> {
    let t = text.trim();
    let bare = [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "doi:",
    ]
    .iter()
    .find_map(|p| t.strip_prefix(p))
    .unwrap_or(t);
    let ok = bare.starts_with("10.")
        && bare.contains('/')
        && !bare.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then(|| bare.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citation_keys_follow_pandoc() {
        for ok in [
            "grafton1997",
            "smithTitle2020",
            "kremlin-2022-statement",
            "http://zotero.org/users/1/items/ABC",
            "a_b:c.d",
        ] {
            assert!(is_citation_key(ok), "{ok}");
        }
        for bad in ["", "-a", "a-", "a b", "a#b", "a%b", "<a>", "a\"b"] {
            assert!(!is_citation_key(bad), "{bad}");
        }
    }

    #[test]
    fn every_type_has_one_entry_and_round_trips_through_its_name() {
        for (t, name, _) in SourceType::ALL {
            assert_eq!(SourceType::from_csl(name), Some(*t));
            assert_eq!(t.csl_name(), *name);
            let json = serde_json::to_string(t).unwrap();
            assert_eq!(json, format!("\"{name}\""), "serde name of {t:?}");
        }
        assert_eq!(SourceType::ALL.len(), 45);
    }

    #[test]
    fn dois_are_normalised_or_refused() {
        assert_eq!(
            normalize_doi("https://doi.org/10.1629/uksg.237").as_deref(),
            Some("10.1629/uksg.237")
        );
        assert_eq!(normalize_doi("doi:10.1/x").as_deref(), Some("10.1/x"));
        assert_eq!(normalize_doi("11.1/x"), None);
        assert_eq!(normalize_doi("10.1/a b"), None);
    }

    #[test]
    fn names_keep_particles_and_institutions_whole() {
        let n = Name {
            family: Some("Gogh".into()),
            given: Some("Vincent".into()),
            particle: Some("van".into()),
            ..Name::default()
        };
        assert_eq!(n.family_part(), "van Gogh");
        assert_eq!(n.display(), "Vincent van Gogh");
        assert_eq!(
            Name::literal("Banque de France").display(),
            "Banque de France"
        );
    }
}
