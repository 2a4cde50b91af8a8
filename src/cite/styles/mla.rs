//! MLA Handbook, 9th edition, as the official CSL style "MLA Handbook 9th edition (in-text
//! citations)" writes a works-cited entry: the core elements (author. title. container,
//! contributors, version, number, publisher, date, location.) and the supplemental ones.

use super::{
    is_numeric, is_plural, lang, leading_number, month_short, ordinal, pages, title_cased,
    with_translation, Inverted, NameStyle, PageRange,
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
    et_al: Some((3, 1)),
    et_al_term: "et al.",
    et_al_use_last: false,
    demote_particle: false,
};

const CONTRIBUTORS: NameStyle = NameStyle {
    inverted: Inverted::None,
    sort_separator: ", ",
    initials: None,
    and: Some("and"),
    comma_before_and_always: false,
    et_al: Some((3, 1)),
    et_al_term: "et al.",
    et_al_use_last: false,
    demote_particle: false,
};

/// "12 July 2023", "July 2023", "2023".
fn date_text(d: &PartialDate, parts: Precision) -> String {
    let precision = d.precision.min(parts);
    match (precision, d.month, d.day) {
        (Precision::Day, Some(m), Some(day)) => format!("{day} {} {}", month_short(m), d.year),
        (Precision::Month | Precision::Day, Some(m), _) => format!("{} {}", month_short(m), d.year),
        _ => d.year.to_string(),
    }
}

/// The title element: quoted for a part of a larger work, italic for a whole one.
fn title(s: &Source) -> Rich {
    let l = lang(s);
    let cased = title_cased(s, &s.title);
    let r = match s.kind {
        T::Bill | T::Collection | T::Legislation | T::Regulation | T::Treaty => {
            Rich::lang(&cased, l)
        }
        T::LegalCase => Rich::italic(&s.title, l),
        T::Book | T::Classic | T::Graphic | T::Hearing | T::Map | T::Periodical => {
            Rich::italic(&cased, l)
        }
        T::Post => Rich::lang(&s.title, l).quoted(),
        _ if s.container_title.is_some() => Rich::lang(&cased, l).quoted(),
        T::Article
        | T::Dataset
        | T::Document
        | T::Interview
        | T::Manuscript
        | T::PaperConference
        | T::PersonalCommunication
        | T::Speech => Rich::lang(&cased, l).quoted(),
        _ => Rich::italic(&cased, l),
    };
    with_translation(r, s)
}

fn names_with_label(names: &[Name], single: &str, plural: &str) -> String {
    let label = if names.len() > 1 { plural } else { single };
    format!("{}, {label}", AUTHORS.list(names))
}

/// Who the entry is by: the authors, or else the editors or translators, or nothing (then the
/// title leads).
fn author(s: &Source) -> (Rich, Substituted) {
    if !s.authors.is_empty() {
        return (Rich::plain(&AUTHORS.list(&s.authors)), Substituted::None);
    }
    if !s.editors.is_empty() {
        let label = names_with_label(&s.editors, "editor", "editors");
        return (Rich::plain(&label), Substituted::Editors);
    }
    if !s.translators.is_empty() {
        let label = names_with_label(&s.translators, "translator", "translators");
        return (Rich::plain(&label), Substituted::Translators);
    }
    (Rich::new(), Substituted::None)
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Substituted {
    None,
    Editors,
    Translators,
}

fn contributors(s: &Source, used: Substituted) -> Rich {
    let in_container = s.container_title.is_some();
    let mut parts = Vec::new();
    if used != Substituted::Editors && !s.editors.is_empty() {
        let verb = if in_container {
            "edited by"
        } else {
            "Edited by"
        };
        parts.push(Rich::plain(&format!(
            "{verb} {}",
            CONTRIBUTORS.list(&s.editors)
        )));
    }
    if used != Substituted::Translators && !s.translators.is_empty() {
        let verb = if in_container || !parts.is_empty() {
            "translated by"
        } else {
            "Translated by"
        };
        parts.push(Rich::plain(&format!(
            "{verb} {}",
            CONTRIBUTORS.list(&s.translators)
        )));
    }
    Rich::join(parts, ", ")
}

fn container_title(s: &Source) -> Rich {
    let Some(c) = &s.container_title else {
        return Rich::new();
    };
    let title = Rich::italic(&title_cased(s, c), lang(s));
    if s.kind.is_serial() || matches!(s.kind, T::Interview | T::PaperConference) {
        let place = Rich::plain(s.publisher_place.as_deref().unwrap_or_default()).wrapped("[", "]");
        Rich::join([title, place], " ")
    } else {
        title
    }
}

fn version(s: &Source) -> Rich {
    let edition = match s.edition.as_deref() {
        Some(e) => match leading_number(e) {
            Some(n) => Rich::plain(&format!("{} ed.", ordinal(n))),
            None => Rich::plain(&capitalize_first(e)),
        },
        None => Rich::new(),
    };
    let version = match s.version.as_deref() {
        Some(v) if s.edition.is_some() => Rich::plain(&format!("version {v}")),
        Some(v) => Rich::plain(&format!("Version {v}")),
        None => Rich::new(),
    };
    Rich::join([edition, version], ", ")
}

fn capitalize_first(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn number(s: &Source) -> Rich {
    let mut parts = Vec::new();
    if s.kind.is_serial() || matches!(s.kind, T::Interview | T::PaperConference) {
        parts.push(Rich::plain(
            s.collection_title.as_deref().unwrap_or_default(),
        ));
    }
    if let Some(v) = &s.volume {
        let label = if is_numeric(v) {
            if is_plural(v) {
                "vols. "
            } else {
                "vol. "
            }
        } else {
            ""
        };
        let capital = !(s.kind.is_serial()
            || !s.editors.is_empty()
            || matches!(s.kind, T::Interview | T::PaperConference)
            || s.edition.is_some()
            || s.container_title.is_some()
            || !s.authors.is_empty() && !s.translators.is_empty());
        let text = format!("{label}{v}");
        parts.push(Rich::plain(&if capital {
            capitalize_first(&text)
        } else {
            text
        }));
    }
    if let Some(i) = &s.issue {
        let label = if is_plural(i) { "nos." } else { "no." };
        parts.push(Rich::plain(&format!("{label} {i}")));
    }
    if let Some(n) = &s.number {
        // A report's or law's number names one item even when it has a hyphen ("13-01").
        let label = if s.kind == T::Standard || !is_numeric(n) {
            ""
        } else {
            "no. "
        };
        parts.push(Rich::join(
            [
                Rich::plain(s.genre.as_deref().unwrap_or_default()),
                Rich::plain(&format!("{label}{n}")),
            ],
            " ",
        ));
    }
    Rich::join(parts, ", ")
}

fn publisher(s: &Source) -> Rich {
    let interview_or_paper = matches!(s.kind, T::Interview | T::PaperConference);
    if s.kind == T::Thesis || s.kind.is_serial() || (interview_or_paper && s.editors.is_empty()) {
        return Rich::new();
    }
    match (&s.publisher, &s.publisher_place) {
        (Some(p), _) => Rich::lang(p, lang(s)),
        (None, Some(place)) => Rich::plain(place),
        _ => Rich::new(),
    }
}

fn publication_date(s: &Source) -> Rich {
    let Some(d) = &s.issued else {
        return Rich::new();
    };
    let text = match s.kind {
        T::Book | T::Chapter | T::MotionPicture | T::PaperConference | T::Thesis => {
            d.year.to_string()
        }
        T::ArticleJournal => date_text(d, Precision::Month),
        T::Speech => String::new(),
        _ => date_text(d, Precision::Day),
    };
    Rich::plain(&text)
}

fn location(s: &Source) -> Rich {
    let mut parts = Vec::new();
    let event = !s.kind.is_serial()
        && s.kind != T::PersonalCommunication
        && (s.kind != T::PaperConference
            || (s.editors.is_empty()
                && s.issue.is_none()
                && s.page.is_none()
                && s.volume.is_none()));
    if event && s.event_title.is_some() {
        parts.push(Rich::join(
            [
                Rich::plain(&capitalize_first(
                    s.event_title.as_deref().unwrap_or_default(),
                )),
                Rich::plain(s.event_place.as_deref().unwrap_or_default()),
            ],
            ", ",
        ));
    }
    if let Some(p) = &s.page {
        let label = if is_plural(p) { "pp." } else { "p." };
        parts.push(Rich::plain(&format!(
            "{label} {}",
            pages(p, PageRange::MinimalTwo)
        )));
    }
    match (&s.doi, s.link()) {
        (Some(doi), _) => parts.push(Rich::plain(&format!("https://doi.org/{doi}"))),
        (None, Some(url)) => parts.push(Rich::plain(url)),
        _ => {}
    }
    Rich::join(parts, ", ")
}

fn supplemental_end(s: &Source) -> Rich {
    let mut parts = Vec::new();
    if s.issued.is_none() {
        if let Some(d) = &s.accessed {
            parts.push(Rich::plain(&format!(
                "Accessed {}",
                date_text(d, Precision::Day)
            )));
        }
    }
    let movable = if s.kind.is_serial()
        || (matches!(s.kind, T::Interview | T::PaperConference) && s.editors.is_empty())
    {
        Vec::new()
    } else {
        let mut m = Vec::new();
        if s.kind == T::Thesis {
            m.push(Rich::join(
                [
                    Rich::lang(s.publisher.as_deref().unwrap_or_default(), lang(s)),
                    Rich::plain(s.genre.as_deref().unwrap_or_default()),
                ],
                ", ",
            ));
        }
        if let Some(series) = &s.collection_title {
            m.push(Rich::join(
                [
                    Rich::plain(&title_cased(s, series)),
                    Rich::plain(s.collection_number.as_deref().unwrap_or_default()),
                ],
                if s.collection_number.as_deref().is_some_and(is_numeric) {
                    " "
                } else {
                    ", "
                },
            ));
        }
        m
    };
    parts.extend(movable);
    Rich::join(parts, ", ")
}

pub(super) fn entry(s: &Source) -> Rich {
    let (author, used) = author(s);
    let title = title(s);
    let after_title = match s.kind {
        T::Thesis => Rich::new(),
        _ if s.number.is_some() => Rich::new(),
        _ => Rich::plain(&capitalize_first(s.genre.as_deref().unwrap_or_default())),
    };
    let container = Rich::join(
        [
            container_title(s),
            contributors(s, used),
            version(s),
            number(s),
            publisher(s),
            publication_date(s),
            location(s),
        ],
        ", ",
    );
    Rich::join(
        [author, title, after_title, container, supplemental_end(s)],
        ". ",
    )
    .with_suffix(".")
}
