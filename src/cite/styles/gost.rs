//! GOST R 7.0.5-2008, as the official CSL style "Russian GOST R 7.0.5-2008 (numeric)" writes a
//! bibliography entry (without the number the style puts before it): initials after family
//! names, `//` before the container, and the terms in the language of the record (GOST
//! R 7.0.5-2008, 4.8; the official style's own comment asks for it): Russian for a Russian
//! record, English ("Vol.", "P.", "ed.") for any other.

use super::{lang, pages, with_translation, Inverted, NameStyle, PageRange};
use crate::cite::rich::Rich;
use crate::model::sources::{Source, SourceType};

/// The words the entry prints around the record's own.
struct Terms {
    et_al: &'static str,
    electronic: &'static str,
    editor: &'static str,
    translator: &'static str,
    volume: &'static str,
    page: &'static str,
    accessed: &'static str,
}

const RUSSIAN: Terms = Terms {
    et_al: "и др.",
    electronic: "Электронный ресурс",
    editor: "под ред.",
    translator: "пер.",
    volume: "Т.",
    page: "С.",
    accessed: "дата обращения:",
};

const ENGLISH: Terms = Terms {
    et_al: "et al.",
    electronic: "Electronic resource",
    editor: "ed.",
    translator: "trans.",
    volume: "Vol.",
    page: "P.",
    accessed: "accessed:",
};

fn terms(s: &Source) -> &'static Terms {
    match s.lang.starts_with("ru") {
        true => &RUSSIAN,
        false => &ENGLISH,
    }
}

/// An edition number as the language writes it: "2-е изд.", "2nd ed.".
fn edition_term(s: &Source, n: u32) -> String {
    match s.lang.starts_with("ru") {
        true => format!("{n}-е изд."),
        false => format!("{} ed.", super::ordinal(n)),
    }
}

const NAMES: NameStyle = NameStyle {
    inverted: Inverted::All,
    sort_separator: " ",
    initials: Some(". "),
    and: None,
    comma_before_and_always: false,
    et_al: Some((4, 1)),
    et_al_term: "и др.",
    et_al_use_last: false,
    demote_particle: false,
};

fn is_web(s: &Source) -> bool {
    matches!(s.kind, SourceType::Webpage | SourceType::PostWeblog)
}

pub(super) fn entry(s: &Source) -> Rich {
    let l = lang(s);
    let t = terms(s);
    let names = NameStyle {
        et_al_term: t.et_al,
        ..NAMES
    };
    let author = Rich::plain(&names.list(&s.authors));
    let mut title = with_translation(Rich::lang(&s.title, l), s);
    if is_web(s) {
        title.push_plain(&format!(" [{}]", t.electronic));
    }
    let type_number = Rich::join(
        [
            Rich::plain(s.genre.as_deref().unwrap_or_default()),
            Rich::plain(s.number.as_deref().unwrap_or_default()),
        ],
        " ",
    );
    let container = Rich::lang(s.container_title.as_deref().unwrap_or_default(), l);
    let edition = match s.edition.as_deref() {
        Some(e) => match super::leading_number(e) {
            Some(n) => Rich::plain(&edition_term(s, n)),
            None => Rich::plain(e),
        },
        None => Rich::new(),
    };
    let contributors = Rich::join(
        [(t.editor, &s.editors), (t.translator, &s.translators)]
            .into_iter()
            .filter(|(_, list)| !list.is_empty())
            .map(|(label, list)| Rich::plain(&format!("{label} {}", names.list(list)))),
        "; ",
    );
    let mut head = Rich::join([author, title], ". ");
    head.append(type_number.with_prefix(": "));
    head.append(container.with_prefix(" // "));
    head.append(edition.with_prefix(". "));
    head.append(contributors.with_prefix(" / "));

    let publisher = Rich::join(
        [
            Rich::lang(s.publisher_place.as_deref().unwrap_or_default(), l),
            Rich::lang(s.publisher.as_deref().unwrap_or_default(), l),
        ],
        ": ",
    );
    let year = Rich::plain(&s.issued.map(|d| d.year.to_string()).unwrap_or_default());
    let locators = Rich::join(
        [
            Rich::plain(
                &s.volume
                    .as_deref()
                    .map(|v| format!("{} {v}", t.volume))
                    .unwrap_or_default(),
            ),
            Rich::plain(
                &s.issue
                    .as_deref()
                    .map(|i| format!("№ {i}"))
                    .unwrap_or_default(),
            ),
        ],
        ", ",
    );
    let page = Rich::plain(
        &s.page
            .as_deref()
            .map(|p| format!("{} {}", t.page, pages(p, PageRange::Expanded)))
            .unwrap_or_default(),
    );
    let access = match s.link().filter(|_| is_web(s)) {
        Some(url) => {
            let mut a = Rich::plain(&format!("URL: {url}"));
            if let Some(d) = s.accessed {
                let day = d.day.map(|x| format!("{x:02}.")).unwrap_or_default();
                let month = d.month.map(|x| format!("{x:02}.")).unwrap_or_default();
                a.push_plain(&format!(" ({} {day}{month}{})", t.accessed, d.year));
            }
            a
        }
        None => Rich::new(),
    };
    Rich::join(
        [
            head,
            Rich::join([publisher, year], ", "),
            locators,
            page,
            access,
        ],
        ". ",
    )
    .with_suffix(".")
}
