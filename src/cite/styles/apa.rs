//! APA 7th edition, as the official CSL style "American Psychological Association 7th edition"
//! writes a reference-list entry: author. (date). title (identifiers) [description]. source.
//! DOI or URL. Titles keep the sentence case they are stored in.

use super::{
    is_numeric, is_plural, lang, leading_number, month, ordinal, pages, serial_like,
    title_cased_apa, with_translation, Inverted, NameStyle, PageRange,
};
use crate::cite::rich::Rich;
use crate::model::dates::Precision;
use crate::model::sources::{Name, Source, SourceType as T};

const AUTHORS: NameStyle = NameStyle {
    inverted: Inverted::All,
    sort_separator: ", ",
    initials: Some(". "),
    and: Some("&"),
    comma_before_and_always: true,
    et_al: Some((21, 19)),
    et_al_term: "et al.",
    et_al_use_last: true,
    demote_particle: false,
};

/// Names inside the entry ("In S. A. Barney (Ed.)", "J. E. Lewin, Trans."): not inverted.
const CONTRIBUTORS: NameStyle = NameStyle {
    inverted: Inverted::None,
    sort_separator: ", ",
    initials: Some(". "),
    and: Some("&"),
    comma_before_and_always: false,
    et_al: Some((21, 19)),
    et_al_term: "et al.",
    et_al_use_last: true,
    demote_particle: false,
};

fn legal(s: &Source) -> bool {
    matches!(
        s.kind,
        T::Bill | T::Hearing | T::LegalCase | T::Legislation | T::Regulation | T::Treaty
    )
}

/// The names with their label ("S. A. Barney (Ed.)"), or nothing when there are none.
fn labelled(names: &[Name], style: &NameStyle, single: &str, plural: &str) -> String {
    if names.is_empty() {
        return String::new();
    }
    let label = if names.len() > 1 { plural } else { single };
    format!("{}{label}", style.list(names))
}

fn title(s: &Source) -> Rich {
    let l = lang(s);
    let italic = match s.kind {
        T::Post | T::Webpage => true,
        _ if s.kind.is_serial()
            || (matches!(s.kind, T::Interview | T::PaperConference) && s.editors.is_empty()) =>
        {
            s.container_title.is_none()
        }
        _ => s.container_title.is_none(),
    };
    let r = if italic {
        Rich::italic(&s.title, l)
    } else {
        Rich::lang(&s.title, l)
    };
    with_translation(r, s)
}

fn label_number(s: &Source, n: &str) -> String {
    if s.kind == T::Standard {
        return n.to_string();
    }
    if is_numeric(n) || matches!(s.kind, T::Legislation | T::Patent | T::Regulation) {
        format!("No. {n}")
    } else {
        n.to_string()
    }
}

/// "Technical Report No. 42" (or "Publication No. …" for a thesis).
fn identifier_number(s: &Source) -> Rich {
    let Some(n) = &s.number else {
        return Rich::new();
    };
    let genre = if s.kind == T::Thesis && s.genre.is_some() {
        "Publication".to_string()
    } else {
        s.genre
            .as_deref()
            .map(|g| title_cased_apa(s, g))
            .unwrap_or_default()
    };
    Rich::join([Rich::plain(&genre), Rich::plain(&label_number(s, n))], " ")
}

/// Version, edition, series, volume and pages of a whole work: "2nd ed.", "pp. 192–205".
fn monographic_item(s: &Source) -> Rich {
    let version = s.version.as_deref().map(|v| format!("Version {v}"));
    let edition = s.edition.as_deref().map(|e| match leading_number(e) {
        Some(n) => format!("{} ed.", ordinal(n)),
        None => e.to_string(),
    });
    let series = matches!(s.kind, T::Document | T::Report | T::Standard)
        .then(|| {
            Rich::join(
                [
                    Rich::plain(
                        &s.collection_title
                            .as_deref()
                            .map(|c| title_cased_apa(s, c))
                            .unwrap_or_default(),
                    ),
                    Rich::plain(s.collection_number.as_deref().unwrap_or_default()),
                ],
                " ",
            )
        })
        .unwrap_or_default();
    let volume = s.volume.as_deref().filter(|v| is_numeric(v)).map(|v| {
        if is_plural(v) {
            format!("Vols. {v}")
        } else {
            format!("Vol. {v}")
        }
    });
    let issue = s.issue.as_deref().map(|i| format!("Issue {i}"));
    let page = s.page.as_deref().map(|p| {
        let label = if is_plural(p) { "pp." } else { "p." };
        format!("{label} {}", pages(p, PageRange::Expanded))
    });
    Rich::join(
        [
            Rich::plain(&version.unwrap_or_default()),
            Rich::plain(&edition.unwrap_or_default()),
            series,
            Rich::plain(&volume.unwrap_or_default()),
            Rich::plain(&issue.unwrap_or_default()),
            Rich::plain(&page.unwrap_or_default()),
        ],
        ", ",
    )
}

/// Translators (and editors of a work with authors): "J. E. Lewin, Trans.".
fn contributors(s: &Source, editors_used: bool) -> Rich {
    let translators = Rich::plain(&labelled(
        &s.translators,
        &CONTRIBUTORS,
        ", Trans.",
        ", Trans.",
    ));
    if serial_like(s) {
        return translators;
    }
    if s.container_title.is_some() && !matches!(s.kind, T::Post | T::Webpage) {
        return translators;
    }
    let editors = if editors_used {
        Rich::new()
    } else {
        Rich::plain(&labelled(&s.editors, &CONTRIBUTORS, ", Ed.", ", Eds."))
    };
    Rich::join([editors, translators], "; ")
}

/// The parenthesised identifiers after the title: "(J. E. Lewin, Trans.; 2nd ed.)".
fn identifier(s: &Source, editors_used: bool) -> Rich {
    let contributors = contributors(s, editors_used);
    let parts = match s.kind {
        T::Post | T::Webpage => vec![contributors, identifier_number(s)],
        T::Report if s.container_title.is_some() => vec![contributors],
        T::Report => vec![contributors, identifier_number(s), monographic_item(s)],
        _ if s.container_title.is_some() => vec![contributors],
        _ => {
            let item = if s.kind.is_serial()
                || matches!(s.kind, T::Interview | T::PaperConference) && s.editors.is_empty()
                || matches!(
                    s.kind,
                    T::Broadcast
                        | T::Event
                        | T::Patent
                        | T::Performance
                        | T::Periodical
                        | T::Speech
                ) {
                Rich::new()
            } else {
                monographic_item(s)
            };
            vec![contributors, identifier_number(s), item]
        }
    };
    Rich::join(parts, "; ").wrapped("(", ")")
}

fn description_format(s: &Source) -> Rich {
    if let Some(g) = &s.genre {
        if s.number.is_none() {
            return Rich::plain(&capitalize_first(g));
        }
        return Rich::new();
    }
    let term = match s.kind {
        T::Broadcast => "Broadcast",
        T::Collection => "Collection",
        T::Dataset => "Dataset",
        T::Figure => "Figure",
        T::Graphic => "Graphic",
        T::Map => "Map",
        T::MotionPicture => "Film",
        T::Song => "Song",
        T::Software => "Computer software",
        T::Post => "Online post",
        _ => "",
    };
    Rich::plain(term)
}

fn capitalize_first(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The bracketed description: "[PhD dissertation]", "[Dataset]", "[Press release]".
fn description(s: &Source) -> Rich {
    let d = match s.kind {
        T::Thesis => Rich::join(
            [
                Rich::plain(&capitalize_first(s.genre.as_deref().unwrap_or_default())),
                Rich::lang(
                    s.publisher
                        .as_deref()
                        .filter(|_| s.doi.is_some() || s.link().is_some())
                        .unwrap_or_default(),
                    lang(s),
                ),
            ],
            ", ",
        ),
        _ if s.kind.is_serial() => description_format(s),
        _ if s.container_title.is_none() => description_format(s),
        T::Document | T::Report | T::Software | T::Standard => Rich::new(),
        T::Event | T::PaperConference | T::Performance | T::Speech => {
            if !s.editors.is_empty() || s.issue.is_some() || s.page.is_some() || s.volume.is_some()
            {
                description_format(s)
            } else {
                Rich::new()
            }
        }
        _ => description_format(s),
    };
    d.wrapped("[", "]")
}

/// "(2023, July 12)", "(2013)", "(n.d.)".
fn date(s: &Source) -> Rich {
    let Some(d) = &s.issued else {
        return Rich::plain("(n.d.)");
    };
    let month_day = matches!(
        s.kind,
        T::ArticleMagazine
            | T::ArticleNewspaper
            | T::Broadcast
            | T::Collection
            | T::Document
            | T::Event
            | T::MotionPicture
            | T::Pamphlet
            | T::Performance
            | T::PersonalCommunication
            | T::Post
            | T::PostWeblog
            | T::Song
            | T::Speech
            | T::Webpage
    ) || (s.editors.is_empty()
        && s.issue.is_none()
        && s.page.is_none()
        && s.volume.is_none()
        && matches!(s.kind, T::Interview | T::PaperConference));
    let md = match (month_day, d.precision, d.month, d.day) {
        (true, Precision::Day, Some(m), Some(day)) => format!(", {} {day}", month(m)),
        (true, Precision::Month | Precision::Day, Some(m), _) => format!(", {}", month(m)),
        _ => String::new(),
    };
    Rich::plain(&format!("({}{md})", d.year))
}

/// Who the entry is by: authors, editors, a web page's publisher, or else its title.
fn author(s: &Source) -> (Rich, bool, bool) {
    if !s.authors.is_empty() {
        return (Rich::plain(&AUTHORS.list(&s.authors)), false, false);
    }
    if !s.editors.is_empty() {
        let names = labelled(&s.editors, &AUTHORS, " (Ed.)", " (Eds.)");
        return (Rich::plain(&names), false, true);
    }
    if matches!(s.kind, T::Software | T::Webpage) {
        if let Some(p) = &s.publisher {
            return (Rich::lang(p, lang(s)), false, false);
        }
    }
    let with_id = Rich::join([title(s), identifier(s, false)], " ");
    (with_id, true, false)
}

fn source_serial(s: &Source) -> Rich {
    let l = lang(s);
    let names = Rich::join(
        [
            Rich::italic(
                &s.container_title
                    .as_deref()
                    .map(|c| title_cased_apa(s, c))
                    .unwrap_or_default(),
                l,
            ),
            Rich::italic(
                &s.collection_title
                    .as_deref()
                    .map(|c| title_cased_apa(s, c))
                    .unwrap_or_default(),
                l,
            ),
        ],
        ", ",
    );
    let mut volume = Rich::italic(s.volume.as_deref().unwrap_or_default(), None);
    volume.append(Rich::plain(s.issue.as_deref().unwrap_or_default()).wrapped("(", ")"));
    let locator = match &s.number {
        Some(n) => Rich::plain(&format!("Article {n}")),
        None => Rich::plain(
            &s.page
                .as_deref()
                .map(|p| pages(p, PageRange::Expanded))
                .unwrap_or_default(),
        ),
    };
    Rich::join([names, volume, locator], ", ")
}

fn source_monographic(s: &Source) -> Rich {
    let Some(c) = &s.container_title else {
        return Rich::new();
    };
    let editors = Rich::plain(&labelled(&s.editors, &CONTRIBUTORS, " (Ed.)", " (Eds.)"));
    let head = Rich::join([editors, Rich::italic(c, lang(s))], ", ").with_prefix("In ");
    let identifier = {
        let number = if matches!(
            s.kind,
            T::Broadcast | T::Graphic | T::Map | T::MotionPicture
        ) {
            Rich::new()
        } else {
            identifier_number(s)
        };
        Rich::join([number, monographic_item(s)], "; ").wrapped("(", ")")
    };
    let description = match s.kind {
        T::Document | T::Report | T::Software | T::Standard => description_format(s),
        _ if !s.editors.is_empty()
            || s.issue.is_some()
            || s.page.is_some()
            || s.volume.is_some() =>
        {
            Rich::new()
        }
        T::Event | T::PaperConference | T::Performance | T::Speech => description_format(s),
        _ => Rich::new(),
    }
    .wrapped("[", "]");
    Rich::join([head, identifier, description], " ")
}

fn source(s: &Source) -> Rich {
    let main = match s.kind {
        T::Post | T::Webpage => Rich::new(),
        _ if s.kind.is_serial() => source_serial(s),
        _ if !s.editors.is_empty() => source_monographic(s),
        T::Interview | T::PaperConference => source_serial(s),
        _ => source_monographic(s),
    };
    let l = lang(s);
    let publisher = match s.kind {
        T::Thesis if s.doi.is_none() && s.link().is_none() => {
            Rich::lang(s.publisher.as_deref().unwrap_or_default(), l)
        }
        T::Thesis => Rich::new(),
        _ if s.kind.is_serial() => Rich::new(),
        T::PaperConference if s.editors.is_empty() => Rich::new(),
        _ => Rich::lang(s.publisher.as_deref().unwrap_or_default(), l),
    };
    let event = match (&s.event_title, s.kind) {
        (Some(e), T::PaperConference)
            if s.editors.is_empty()
                && s.issue.is_none()
                && s.page.is_none()
                && s.volume.is_none() =>
        {
            Rich::join(
                [
                    Rich::plain(&capitalize_first(e)),
                    Rich::plain(s.event_place.as_deref().unwrap_or_default()),
                ],
                ", ",
            )
        }
        (Some(e), k) if k != T::PaperConference => Rich::join(
            [
                Rich::plain(&capitalize_first(e)),
                Rich::plain(s.event_place.as_deref().unwrap_or_default()),
            ],
            ", ",
        ),
        _ => Rich::new(),
    };
    let website = match s.kind {
        T::Post | T::Webpage => Rich::lang(
            &s.container_title
                .as_deref()
                .map(|c| title_cased_apa(s, c))
                .unwrap_or_default(),
            l,
        ),
        _ => Rich::new(),
    };
    Rich::join([main, publisher, event, website], ". ")
}

fn doi_or_url(s: &Source) -> Rich {
    if let Some(doi) = &s.doi {
        return Rich::plain(&format!("https://doi.org/{doi}"));
    }
    let Some(url) = s.link() else {
        return Rich::new();
    };
    if s.issued.is_some() {
        return Rich::plain(url);
    }
    let retrieved = match &s.accessed {
        Some(d) => format!("Retrieved {}, from", long_date(d)),
        None => "Retrieved".to_string(),
    };
    Rich::plain(&format!("{retrieved} {url}"))
}

/// "March 1, 2024".
fn long_date(d: &crate::model::dates::PartialDate) -> String {
    match (d.precision, d.month, d.day) {
        (Precision::Day, Some(m), Some(day)) => format!("{} {day}, {}", month(m), d.year),
        (Precision::Month, Some(m), _) => format!("{} {}", month(m), d.year),
        _ => d.year.to_string(),
    }
}

/// Cases and laws: "Title, 499 U.S. 340 (Court 1991)."
pub(super) fn legal_reference(s: &Source) -> Rich {
    let title = with_translation(Rich::lang(&title_cased_apa(s, &s.title), lang(s)), s);
    let source = match s.kind {
        T::LegalCase => match &s.container_title {
            Some(c) => Rich::plain(
                &[
                    s.volume.clone().unwrap_or_default(),
                    c.clone(),
                    s.page
                        .as_deref()
                        .map(|p| p.split(['-', '–']).next().unwrap_or(p).to_string())
                        .unwrap_or_else(|| "___".into()),
                ]
                .iter()
                .filter(|x| !x.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" "),
            ),
            None => Rich::plain(
                &s.number
                    .as_deref()
                    .map(|n| label_number(s, n))
                    .unwrap_or_default(),
            ),
        },
        _ => {
            let base = Rich::plain(
                &[
                    s.volume.clone().unwrap_or_default(),
                    s.container_title.clone().unwrap_or_default(),
                    s.page
                        .as_deref()
                        .map(|p| p.split(['-', '–']).next().unwrap_or(p).to_string())
                        .unwrap_or_default(),
                ]
                .iter()
                .filter(|x| !x.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" "),
            );
            match &s.number {
                Some(n) => Rich::join(
                    [
                        Rich::plain(&format!(
                            "{} {}",
                            s.genre
                                .as_deref()
                                .map(capitalize_first)
                                .unwrap_or_else(|| "Pub. L.".into()),
                            label_number(s, n)
                        )),
                        base,
                    ],
                    ", ",
                ),
                None => base,
            }
        }
    };
    let date = match s.kind {
        T::LegalCase => {
            let when = match (&s.container_title, &s.issued) {
                (Some(_), Some(d)) => d.year.to_string(),
                (None, Some(d)) => long_date(d),
                _ => String::new(),
            };
            Rich::join(
                [
                    Rich::plain(s.authority.as_deref().unwrap_or_default()),
                    Rich::plain(&when),
                ],
                " ",
            )
            .wrapped("(", ")")
        }
        _ => {
            Rich::plain(&s.issued.map(|d| d.year.to_string()).unwrap_or_default()).wrapped("(", ")")
        }
    };
    Rich::join([Rich::join([title, source], ", "), date], " ")
}

pub(super) fn entry(s: &Source) -> Rich {
    if legal(s) {
        let main = legal_reference(s).with_suffix(".");
        return Rich::join([main, doi_or_url(s)], " ");
    }
    if matches!(s.kind, T::Interview | T::PersonalCommunication)
        && s.container_title.is_none()
        && s.doi.is_none()
        && s.number.is_none()
        && s.publisher.is_none()
        && s.url.is_none()
    {
        return Rich::new();
    }
    let (author, title_used, editors_used) = author(s);
    let rest = if title_used {
        description(s)
    } else {
        Rich::join([title(s), identifier(s, editors_used), description(s)], " ")
    };
    let main = Rich::join([author, date(s), rest, source(s)], ". ").with_suffix(".");
    Rich::join([main, doi_or_url(s)], " ")
}
