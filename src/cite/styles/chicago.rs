//! The Chicago Manual of Style, 18th edition, notes and bibliography, as the official CSL style
//! "Chicago Manual of Style 18th edition (notes and bibliography)" writes a bibliography entry.
//! English titles are in title case; the first author's name is inverted.

use super::{
    is_numeric, lang, leading_number, month, ordinal, serial_like, title_cased, with_translation,
    Inverted, NameStyle,
};
use crate::cite::rich::Rich;
use crate::model::dates::{PartialDate, Precision};
use crate::model::sources::{Name, Source, SourceType as T};

const AUTHORS: NameStyle = NameStyle {
    inverted: Inverted::First,
    sort_separator: ", ",
    initials: None,
    and: Some("and"),
    comma_before_and_always: true,
    et_al: Some((7, 3)),
    et_al_term: "et al.",
    et_al_use_last: false,
    demote_particle: true,
};

const CONTRIBUTORS: NameStyle = NameStyle {
    inverted: Inverted::None,
    sort_separator: ", ",
    initials: None,
    and: Some("and"),
    comma_before_and_always: false,
    et_al: Some((7, 3)),
    et_al_term: "et al.",
    et_al_use_last: false,
    demote_particle: false,
};

/// Serial-like: periodicals, and conference papers and interviews not in an edited volume.
fn legal(s: &Source) -> bool {
    matches!(
        s.kind,
        T::Bill | T::Hearing | T::LegalCase | T::Legislation | T::Regulation | T::Treaty
    )
}

/// "July 12, 2023", "June 2020", "2023".
fn date_text(d: &PartialDate) -> String {
    match (d.precision, d.month, d.day) {
        (Precision::Day, Some(m), Some(day)) => format!("{} {day}, {}", month(m), d.year),
        (Precision::Month, Some(m), _) => format!("{} {}", month(m), d.year),
        _ => d.year.to_string(),
    }
}

/// The date of publication as the type wants it, or "n.d.".
fn issued(s: &Source) -> String {
    let Some(d) = &s.issued else {
        return match s.kind {
            T::Classic
            | T::Collection
            | T::Entry
            | T::EntryDictionary
            | T::EntryEncyclopedia
            | T::Webpage => String::new(),
            _ => "n.d.".into(),
        };
    };
    let full = matches!(
        s.kind,
        T::Article
            | T::Broadcast
            | T::Collection
            | T::Dataset
            | T::Document
            | T::Event
            | T::Graphic
            | T::Manuscript
            | T::Map
            | T::Patent
            | T::Performance
            | T::PersonalCommunication
            | T::Post
            | T::Software
            | T::Song
            | T::Speech
            | T::Standard
            | T::Webpage
    );
    if full {
        date_text(d)
    } else if s.kind == T::ArticleJournal {
        // CMOS 14.171: the year after a volume or issue, the full date without either.
        match s.volume.is_some() || s.issue.is_some() {
            true => d.year.to_string(),
            false => date_text(d),
        }
    } else if s.kind.is_serial()
        || (matches!(s.kind, T::Interview | T::PaperConference) && s.editors.is_empty())
    {
        date_text(d)
    } else {
        d.year.to_string()
    }
}

fn labelled(names: &[Name], single: &str, plural: &str) -> String {
    let label = if names.len() > 1 { plural } else { single };
    format!("{}{label}", AUTHORS.list(names))
}

fn title(s: &Source) -> Rich {
    let l = lang(s);
    let cased = title_cased(s, &s.title);
    let r = match s.kind {
        T::Bill | T::Collection | T::Legislation | T::Regulation | T::Treaty => {
            Rich::lang(&cased, l)
        }
        T::LegalCase => Rich::italic(&s.title, l),
        T::Book | T::Classic | T::Graphic | T::Hearing | T::Map => Rich::italic(&cased, l),
        T::Post => Rich::lang(&s.title, l).quoted(),
        _ if s.container_title.is_some() => Rich::lang(&cased, l).quoted(),
        T::Article
        | T::Dataset
        | T::Document
        | T::Interview
        | T::Manuscript
        | T::PaperConference
        | T::PersonalCommunication
        | T::Speech
        | T::Thesis
        | T::Webpage => Rich::lang(&cased, l).quoted(),
        _ => Rich::italic(&cased, l),
    };
    with_translation(r, s)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Used {
    Authors,
    Editors,
    Translators,
    Publisher,
    Container,
    Title,
    Nothing,
}

fn author(s: &Source) -> (Rich, Used) {
    if !s.authors.is_empty() {
        return (Rich::plain(&AUTHORS.list(&s.authors)), Used::Authors);
    }
    if !s.editors.is_empty() && s.kind != T::Standard {
        return (
            Rich::plain(&labelled(&s.editors, ", ed.", ", eds.")),
            Used::Editors,
        );
    }
    if !s.translators.is_empty() && s.kind != T::Standard {
        return (
            Rich::plain(&labelled(&s.translators, ", trans.", ", trans.")),
            Used::Translators,
        );
    }
    if matches!(s.kind, T::Software | T::Webpage) {
        if let Some(p) = &s.publisher {
            return (Rich::lang(p, lang(s)), Used::Publisher);
        }
    }
    if let Some(c) = &s.container_title {
        match s.kind {
            T::ArticleMagazine | T::ArticleNewspaper => {
                return (serial_name(s, c), Used::Container);
            }
            T::Webpage => return (Rich::lang(&title_cased(s, c), lang(s)), Used::Container),
            _ => {}
        }
    }
    if !s.title.is_empty() {
        return (title(s), Used::Title);
    }
    (Rich::new(), Used::Nothing)
}

/// "*The Wall Street Journal*", with the place of a newspaper after it in parentheses (not for
/// proceedings of an event with a place of its own: the style gives that place instead).
fn serial_name(s: &Source, container: &str) -> Rich {
    let place = match s.kind == T::PaperConference && s.event_place.is_some() {
        true => None,
        false => s.publisher_place.as_deref(),
    };
    Rich::join(
        [
            Rich::italic(&title_cased(s, container), lang(s)),
            Rich::plain(place.unwrap_or_default()).wrapped("(", ")"),
        ],
        " ",
    )
}

fn capitalize_first(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn edition(s: &Source) -> Rich {
    match s.edition.as_deref() {
        Some(e) => match leading_number(e) {
            Some(n) => Rich::plain(&format!("{} ed.", ordinal(n))),
            None => Rich::plain(&capitalize_first(e)),
        },
        None => Rich::new(),
    }
}

fn version(s: &Source) -> Rich {
    Rich::plain(
        &s.version
            .as_deref()
            .map(|v| format!("Version {v}"))
            .unwrap_or_default(),
    )
}

/// "Technical Report No. 42", "No. 13-01".
fn number(s: &Source) -> Rich {
    let Some(n) = &s.number else {
        return Rich::new();
    };
    if s.kind == T::Thesis {
        return Rich::new();
    }
    let label = if s.kind != T::Standard
        && (is_numeric(n) || matches!(s.kind, T::Legislation | T::Regulation))
    {
        format!("No. {n}")
    } else {
        capitalize_first(n)
    };
    Rich::join(
        [
            Rich::plain(
                &s.genre
                    .as_deref()
                    .map(|g| title_cased(s, g))
                    .unwrap_or_default(),
            ),
            Rich::plain(&label),
        ],
        " ",
    )
}

/// "Edited by X. Translated by Y." (names not used as the author).
fn contributors(s: &Source, used: Used) -> Rich {
    let mut parts = Vec::new();
    if serial_like(s) {
        if used != Used::Translators && !s.translators.is_empty() {
            parts.push(format!(
                "Translated by {}",
                CONTRIBUTORS.list(&s.translators)
            ));
        }
    } else if s.container_title.is_none() || matches!(s.kind, T::Post | T::Webpage) {
        if used != Used::Editors && !s.editors.is_empty() {
            parts.push(format!("Edited by {}", CONTRIBUTORS.list(&s.editors)));
        }
        if used != Used::Translators && !s.translators.is_empty() {
            parts.push(format!(
                "Translated by {}",
                CONTRIBUTORS.list(&s.translators)
            ));
        }
    }
    Rich::join(parts.iter().map(|p| Rich::plain(p)), ". ")
}

/// "Vol. 2" of a multivolume work, else the contributors.
fn contributors_and_volume(s: &Source, used: Used) -> Rich {
    match &s.volume {
        Some(v) if !serial_like(s) => {
            let label = if is_numeric(v) { "Vol. " } else { "" };
            Rich::join(
                [
                    Rich::plain(&format!("{label}{}", capitalize_first(v))),
                    contributors(s, used),
                ],
                ", ",
            )
        }
        _ => contributors(s, used),
    }
}

fn identifier(s: &Source, used: Used) -> Rich {
    let parts = match s.kind {
        T::Report if s.container_title.is_some() => vec![contributors(s, used)],
        T::Report => vec![
            number(s),
            version(s),
            edition(s),
            contributors_and_volume(s, used),
        ],
        T::Post | T::Webpage => vec![number(s), version(s), edition(s), contributors(s, used)],
        _ if s.container_title.is_some() => vec![contributors(s, used)],
        _ => vec![
            number(s),
            version(s),
            edition(s),
            contributors_and_volume(s, used),
        ],
    };
    Rich::join(parts, ". ")
}

/// A genre ("Press release") where the type is not enough.
fn description(s: &Source) -> Rich {
    let format = || match (&s.genre, &s.number) {
        (Some(g), None) => Rich::plain(&capitalize_first(g)),
        _ => Rich::new(),
    };
    match s.kind {
        T::Thesis => Rich::new(),
        _ if s.kind.is_serial() => format(),
        T::PaperConference if s.editors.is_empty() => Rich::join([format(), event(s)], ". "),
        T::PaperConference => format(),
        _ if s.container_title.is_none() => format(),
        T::Document | T::Report | T::Software | T::Standard => Rich::new(),
        _ => format(),
    }
}

/// A conference's name and place, for a paper not published in proceedings.
fn event(s: &Source) -> Rich {
    if s.kind == T::PaperConference
        && !(s.editors.is_empty() && s.issue.is_none() && s.page.is_none() && s.volume.is_none())
    {
        return Rich::new();
    }
    let Some(title) = &s.event_title else {
        return Rich::new();
    };
    Rich::join(
        [
            Rich::plain(&format!("Paper presented at {title}")),
            Rich::plain(s.event_place.as_deref().unwrap_or_default()),
        ],
        ", ",
    )
}

/// "*PLoS ONE* 9, no. 12 (2014): e115253", "*Foreign Policy*, July 12, 2023".
fn source_serial(s: &Source, used: Used) -> Rich {
    let name = match (&s.container_title, used) {
        (Some(c), u) if u != Used::Container => serial_name(s, c),
        _ => Rich::new(),
    };
    let date = issued(s);
    let page = if matches!(s.kind, T::ArticleMagazine | T::ArticleNewspaper) {
        Rich::new()
    } else {
        Rich::plain(
            &s.page
                .as_deref()
                .map(|p| super::pages(p, super::PageRange::Chicago16))
                .unwrap_or_default(),
        )
    };
    if matches!(s.kind, T::ArticleMagazine | T::ArticleNewspaper) {
        let identifier = Rich::join(
            [
                Rich::join(
                    [
                        Rich::plain(s.collection_title.as_deref().unwrap_or_default()),
                        Rich::plain(&date),
                    ],
                    ", ",
                ),
                edition(s),
            ],
            ". ",
        );
        return Rich::join([name, identifier], ", ");
    }
    if s.volume.is_some() || s.issue.is_some() {
        let volume = Rich::join(
            [
                Rich::plain(s.volume.as_deref().unwrap_or_default()),
                Rich::plain(
                    &s.issue
                        .as_deref()
                        .map(|i| format!("no. {i}"))
                        .unwrap_or_default(),
                ),
            ],
            ", ",
        );
        let with_date = Rich::join(
            [
                Rich::join(
                    [
                        Rich::plain(s.collection_title.as_deref().unwrap_or_default()),
                        volume,
                    ],
                    ", ",
                ),
                Rich::plain(&date).wrapped("(", ")"),
            ],
            " ",
        );
        let identifier = Rich::join([with_date, page], ": ");
        let delimiter = if s.volume.is_some() && s.collection_title.is_none() {
            " "
        } else {
            ", "
        };
        return Rich::join([name, identifier], delimiter);
    }
    let identifier = Rich::join(
        [
            Rich::plain(s.collection_title.as_deref().unwrap_or_default()),
            Rich::lang(
                s.publisher
                    .as_deref()
                    .filter(|_| matches!(s.kind, T::Interview | T::PostWeblog))
                    .unwrap_or_default(),
                lang(s),
            ),
            Rich::plain(&date),
            page,
        ],
        ", ",
    );
    Rich::join([name, identifier], ", ")
}

/// "In *Book Title*, edited by X", then the series.
fn source_monographic(s: &Source, used: Used) -> Rich {
    let within = match &s.container_title {
        Some(c) => {
            let head = Rich::italic(&title_cased(s, c), lang(s)).with_prefix("In ");
            let mut contributors = Vec::new();
            if used != Used::Editors && !s.editors.is_empty() {
                contributors.push(format!("edited by {}", CONTRIBUTORS.list(&s.editors)));
            }
            if used != Used::Translators && !s.translators.is_empty() {
                contributors.push(format!(
                    "translated by {}",
                    CONTRIBUTORS.list(&s.translators)
                ));
            }
            let identifier = Rich::join(
                [
                    number(s),
                    Rich::plain(
                        &s.version
                            .as_deref()
                            .map(|v| format!("version {v}"))
                            .unwrap_or_default(),
                    ),
                    edition(s),
                    Rich::join(contributors.iter().map(|c| Rich::plain(c)), ", "),
                ],
                ", ",
            );
            Rich::join([head, identifier], ", ")
        }
        None => Rich::new(),
    };
    let series = Rich::join(
        [
            Rich::plain(
                &s.collection_title
                    .as_deref()
                    .map(|c| title_cased(s, c))
                    .unwrap_or_default(),
            ),
            Rich::plain(s.collection_number.as_deref().unwrap_or_default()),
        ],
        if s.collection_number.as_deref().is_some_and(is_numeric) {
            " "
        } else {
            ", "
        },
    );
    Rich::join([within, series], ". ")
}

/// "Harvard University Press, 1997", "PhD dissertation, University of Example, 2019".
fn publication(s: &Source, used: Used) -> Rich {
    if s.kind.is_serial()
        || s.kind == T::Patent
        || (matches!(s.kind, T::Interview | T::PaperConference) && s.editors.is_empty())
    {
        return Rich::new();
    }
    let l = lang(s);
    let website = match (s.kind, &s.container_title, used) {
        (T::Post | T::Webpage, Some(c), u) if u != Used::Container => {
            Rich::lang(&title_cased(s, c), l)
        }
        _ => Rich::new(),
    };
    let description = match s.kind {
        T::Thesis => Rich::plain(&capitalize_first(s.genre.as_deref().unwrap_or_default())),
        T::Article if s.genre.is_none() => Rich::plain("Preprint"),
        _ => Rich::new(),
    };
    let publisher = match (&s.publisher, used) {
        (Some(_), Used::Publisher) => Rich::new(),
        (Some(p), _) => Rich::lang(&capitalize_first(p), l),
        (None, _) if s.event_title.is_none() => {
            Rich::plain(s.publisher_place.as_deref().unwrap_or_default())
        }
        _ => Rich::new(),
    };
    Rich::join(
        [website, description, publisher, Rich::plain(&issued(s))],
        ", ",
    )
}

fn accessed_doi_url(s: &Source) -> Rich {
    let accessed = match (&s.doi, &s.issued, &s.accessed, s.link()) {
        (None, None, Some(d), Some(_)) => Rich::plain(&format!("Accessed {}", date_text(d))),
        _ => Rich::new(),
    };
    let link = match (&s.doi, s.link()) {
        (Some(doi), _) => Rich::plain(&format!("https://doi.org/{doi}")),
        (None, Some(url)) => Rich::plain(url),
        _ => Rich::new(),
    };
    Rich::join([accessed, link], ". ")
}

/// Whether the style lists the source in a bibliography at all (unpublished documents and
/// personal communications are cited in notes only).
fn listed(s: &Source) -> bool {
    let published = s.container_title.is_some()
        || s.doi.is_some()
        || s.number.is_some()
        || s.publisher.is_some()
        || s.url.is_some();
    match s.kind {
        T::Post => false,
        T::Interview
        | T::PersonalCommunication
        | T::Document
        | T::Manuscript
        | T::PaperConference
        | T::Speech => published,
        _ => true,
    }
}

pub(super) fn entry(s: &Source) -> Rich {
    if !listed(s) {
        return Rich::new();
    }
    if legal(s) {
        let reference = super::apa::legal_reference(s);
        return Rich::join([reference, accessed_doi_url(s)], ". ").with_suffix(".");
    }
    let (author, used) = author(s);
    let titles = Rich::join(
        [
            if used == Used::Title {
                Rich::new()
            } else {
                title(s)
            },
            description(s),
            identifier(s, used),
        ],
        ". ",
    );
    let source = match s.kind {
        T::Patent | T::Post | T::Webpage => Rich::new(),
        _ if serial_like(s) => source_serial(s, used),
        _ => source_monographic(s, used),
    };
    let body = Rich::join(
        [titles, source, publication(s, used), accessed_doi_url(s)],
        ". ",
    );
    Rich::join([author, body], ". ").with_suffix(".")
}
