//! Citation styles. Four are built in and fast (Chicago notes and bibliography, APA 7, MLA 9,
//! GOST R 7.0.5-2008), each a function from a [`Source`] to its bibliography entry as
//! [`Rich`] text, written from the official CSL style and checked against the CSL processor
//! hayagriva in `tests/citations.rs`. Any other CSL style goes through hayagriva ([`csl`]).

pub mod case;
pub mod csl;
pub mod csl_check;

mod apa;
mod chicago;
mod gost;
mod mla;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::cite::rich::Rich;
use crate::diag::Problems;
use crate::model::sources::{Name, Source};
use csl::CslStyle;

/// The styles formatted without the CSL processor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BuiltIn {
    Chicago,
    Apa,
    Mla,
    Gost,
}

impl BuiltIn {
    pub const ALL: [BuiltIn; 4] = [BuiltIn::Chicago, BuiltIn::Apa, BuiltIn::Mla, BuiltIn::Gost];

    /// The name a site or article gives in `citation_style`.
    pub fn id(self) -> &'static str {
        match self {
            BuiltIn::Chicago => "chicago",
            BuiltIn::Apa => "apa",
            BuiltIn::Mla => "mla",
            BuiltIn::Gost => "gost",
        }
    }

    pub fn from_id(id: &str) -> Option<BuiltIn> {
        BuiltIn::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The style's name as readers know it.
    pub fn title(self) -> &'static str {
        match self {
            BuiltIn::Chicago => "Chicago (notes and bibliography, 18th ed.)",
            BuiltIn::Apa => "APA (7th ed.)",
            BuiltIn::Mla => "MLA (9th ed.)",
            BuiltIn::Gost => "GOST R 7.0.5-2008",
        }
    }

    /// The official CSL style this one follows (its name in hayagriva's archive).
    pub fn csl_name(self) -> &'static str {
        match self {
            BuiltIn::Chicago => "chicago-notes",
            BuiltIn::Apa => "apa",
            BuiltIn::Mla => "modern-language-association",
            BuiltIn::Gost => "gost-r-705-2008-numeric",
        }
    }

    /// The source's bibliography entry, for the types the style is written for
    /// ([`crate::model::sources::SourceType::BUILT_IN`]); empty when the style lists no entry for such
    /// a source (APA and Chicago cite personal communications and unpublished documents in the
    /// text or notes only).
    pub fn format(self, s: &Source) -> Rich {
        match self {
            BuiltIn::Chicago => chicago::entry(s),
            BuiltIn::Apa => apa::entry(s),
            BuiltIn::Mla => mla::entry(s),
            BuiltIn::Gost => gost::entry(s),
        }
    }

    /// The official CSL style, parsed once, for the types the built-in code does not cover.
    fn official(self) -> Option<&'static CslStyle> {
        static STYLES: [OnceLock<Option<CslStyle>>; 4] = [
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
            OnceLock::new(),
        ];
        let i = BuiltIn::ALL.iter().position(|b| *b == self).unwrap_or(0);
        STYLES[i]
            .get_or_init(|| CslStyle::archived(self.csl_name()))
            .as_ref()
    }
}

/// The style a site or article cites in.
#[derive(Debug, Clone)]
pub enum CitationStyle {
    BuiltIn(BuiltIn),
    Csl(Arc<CslStyle>),
}

impl CitationStyle {
    /// A short stable id, for element ids.
    pub fn id(&self) -> String {
        match self {
            CitationStyle::BuiltIn(b) => b.id().to_string(),
            CitationStyle::Csl(c) => format!("csl-{}", &c.hash[..c.hash.len().min(8)]),
        }
    }

    pub fn title(&self) -> String {
        match self {
            CitationStyle::BuiltIn(b) => b.title().to_string(),
            CitationStyle::Csl(c) => c.title.clone(),
        }
    }

    /// Each source's bibliography entry. Built-in styles format the types they are written
    /// for themselves, and the rest through the official CSL style.
    pub fn format(&self, sources: &[&Source]) -> Vec<Rich> {
        match self {
            CitationStyle::Csl(c) => c.format_all(sources),
            CitationStyle::BuiltIn(b) => {
                let others: Vec<&Source> = sources
                    .iter()
                    .copied()
                    .filter(|s| !s.kind.is_built_in())
                    .collect();
                let formatted = match others.is_empty() {
                    true => Vec::new(),
                    false => b
                        .official()
                        .map(|official| official.format_all(&others))
                        .unwrap_or_default(),
                };
                let mut others = formatted.into_iter();
                sources
                    .iter()
                    .map(|s| {
                        if s.kind.is_built_in() {
                            b.format(s)
                        } else {
                            others.next().unwrap_or_default()
                        }
                    })
                    .collect()
            }
        }
    }
}

/// The style `citation_style` names: a built-in id (`chicago`, `apa`, `mla`, `gost`), a path to a
/// `.csl` file relative to `dir` and inside the content folder `root`, or the name of a style
/// bundled with hayagriva (`ieee`). Problems are reported at `at`.
pub fn resolve(
    value: &str,
    dir: &Path,
    root: &Path,
    at: (&Path, (usize, usize)),
    problems: &mut Problems,
) -> Option<CitationStyle> {
    let (file, pos) = at;
    let value = value.trim();
    if let Some(b) = BuiltIn::from_id(value) {
        return Some(CitationStyle::BuiltIn(b));
    }
    if value.ends_with(".csl") {
        return csl::load(value, dir, root, at, problems)
            .map(|style| CitationStyle::Csl(Arc::new(style)));
    }
    match CslStyle::archived(value) {
        Some(style) => Some(CitationStyle::Csl(Arc::new(style))),
        None => {
            problems.error(
                file,
                pos,
                format!("`{value}` is not a citation style explainer knows"),
                "write chicago, apa, mla or gost, the path of a .csl file, or the name of a \
                 style bundled with hayagriva (ieee, nature, vancouver, …)",
            );
            None
        }
    }
}

// ---------- What the styles share ----------

/// A title the styles treat as inside a serial: a periodical's article or a blog post, or an
/// interview or conference paper published without editors.
fn serial_like(s: &Source) -> bool {
    s.kind.is_serial()
        || (matches!(
            s.kind,
            crate::model::sources::SourceType::Interview
                | crate::model::sources::SourceType::PaperConference
        ) && s.editors.is_empty())
}

/// The language of a source's own words, for the `lang` of their runs (none for English).
fn lang(s: &Source) -> Option<&str> {
    (!s.is_english()).then_some(s.lang.as_str())
}

/// A title in title case when the source is English (CSL re-cases English titles only).
fn title_cased(s: &Source, text: &str) -> String {
    if s.is_english() {
        case::title_case(text)
    } else {
        text.to_string()
    }
}

/// The title with the editors' translation (or their remark that they supplied the title)
/// after it.
fn with_translation(mut title: Rich, s: &Source) -> Rich {
    if title.is_empty() {
        return title;
    }
    if let Some(t) = s.translation() {
        title.translation(t);
    }
    if s.title_supplied {
        title.push_plain(" [title supplied by the editors]");
    }
    title
}

/// Initials of given names: "Jane E." → "J. E.", "Jean-Paul" → "J.-P.".
fn initials(given: &str, with: &str) -> String {
    let mut out = String::new();
    for word in given.split_whitespace() {
        let parts: Vec<String> = word
            .split('-')
            .filter_map(|p| p.chars().next())
            .map(|c| format!("{}{}", c.to_uppercase(), with.trim_end()))
            .collect();
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&parts.join("-"));
    }
    out
}

/// How a style writes a list of names.
#[derive(Clone, Copy)]
struct NameStyle {
    /// Invert every name ("Family, Given"), the first only, or none.
    inverted: Inverted,
    /// Between family and given name when inverted: ", " or " ".
    sort_separator: &'static str,
    /// Initials instead of given names, with this after each initial (". ").
    initials: Option<&'static str>,
    /// "and", "&" or nothing before the last name.
    and: Option<&'static str>,
    /// A comma before "and" even with two names.
    comma_before_and_always: bool,
    /// (more than this many names, show this many) then "et al.".
    et_al: Option<(usize, usize)>,
    et_al_term: &'static str,
    /// APA's "A, B, … Z" for long lists: the first names, an ellipsis, the last.
    et_al_use_last: bool,
    /// Particles such as "van" go after the given name when inverted ("Gogh, Vincent van").
    demote_particle: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Inverted {
    All,
    First,
    None,
}

impl NameStyle {
    fn one(&self, n: &Name, inverted: bool) -> String {
        if n.is_institution() {
            return n.family_part();
        }
        let given = n.given_part().map(|g| match self.initials {
            Some(with) => initials(&g, with),
            None => g,
        });
        let family = n.family.clone().unwrap_or_default();
        let particle = n.particle.clone().filter(|p| !p.is_empty());
        let mut out = if inverted {
            let (family, given) = match (&particle, self.demote_particle) {
                (Some(p), true) => (
                    family,
                    Some(match &given {
                        Some(g) => format!("{g} {p}"),
                        None => p.clone(),
                    }),
                ),
                _ => (n.family_part(), given),
            };
            match given {
                Some(g) => format!("{family}{}{g}", self.sort_separator),
                None => family,
            }
        } else {
            match given {
                Some(g) => format!("{g} {}", n.family_part()),
                None => n.family_part(),
            }
        };
        if let Some(s) = n.suffix.as_deref().filter(|s| !s.is_empty()) {
            out.push_str(", ");
            out.push_str(s);
        }
        out
    }

    fn list(&self, names: &[Name]) -> String {
        let shown: Vec<String> = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let inverted = match self.inverted {
                    Inverted::All => true,
                    Inverted::First => i == 0,
                    Inverted::None => false,
                };
                self.one(n, inverted)
            })
            .collect();
        if let Some((min, first)) = self.et_al {
            if shown.len() >= min {
                if self.et_al_use_last {
                    let last = shown.last().cloned().unwrap_or_default();
                    return format!("{}, … {last}", shown[..first].join(", "));
                }
                let head = shown[..first].join(", ");
                return if first > 1
                    || self.inverted != Inverted::None && self.comma_before_and_always
                {
                    format!("{head}, {}", self.et_al_term)
                } else {
                    format!("{head} {}", self.et_al_term)
                };
            }
        }
        match (shown.len(), self.and) {
            (0, _) => String::new(),
            (1, _) => shown[0].clone(),
            (2, Some(and)) => {
                let comma = self.comma_before_and_always;
                format!(
                    "{}{} {and} {}",
                    shown[0],
                    if comma { "," } else { "" },
                    shown[1]
                )
            }
            (_, Some(and)) => {
                let (last, rest) = shown.split_last().unwrap_or((&shown[0], &[]));
                format!("{}, {and} {last}", rest.join(", "))
            }
            (_, None) => shown.join(", "),
        }
    }
}

/// Short month names of CSL's en-US locale.
const MONTHS_SHORT: [&str; 12] = [
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
];

fn month(m: u8) -> &'static str {
    crate::model::dates::MONTHS[usize::from(m.clamp(1, 12)) - 1]
}

fn month_short(m: u8) -> &'static str {
    MONTHS_SHORT[usize::from(m.clamp(1, 12)) - 1]
}

/// "2nd", "21st", "13th".
fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The number at the start of a value such as "2" or "2nd", when the value is one (CSL's
/// is-numeric).
fn leading_number(text: &str) -> Option<u32> {
    let t = text.trim();
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = &t[digits.len()..];
    let suffix_ok = rest.is_empty() || ["st", "nd", "rd", "th"].contains(&rest);
    if digits.is_empty() || !suffix_ok {
        return None;
    }
    digits.parse().ok()
}

/// CSL's is-numeric: numbers, optionally with a prefix or suffix letter, joined by `-`, `,`
/// or `&` ("12", "2a", "13-01", "1, 3").
fn is_numeric(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.split(['-', '–', ',', '&']).all(|part| {
            let p = part.trim();
            !p.is_empty()
                && p.chars().any(|c| c.is_ascii_digit())
                && p.chars().all(|c| c.is_ascii_alphanumeric())
                && p.chars().filter(|c| c.is_ascii_alphabetic()).count() <= 1
        })
}

/// Whether a number or page value names several ("55-61", "1, 3", "2 & 4").
fn is_plural(text: &str) -> bool {
    is_numeric(text) && text.contains(['-', '–', ',', '&'])
}

#[derive(Clone, Copy)]
enum PageRange {
    Expanded,
    MinimalTwo,
    Chicago16,
}

/// A page range with an en dash, in the style's range format.
fn pages(text: &str, format: PageRange) -> String {
    let t = text.trim();
    let Some((a, b)) = t
        .split_once(['-', '–'])
        .map(|(a, b)| (a.trim(), b.trim_start_matches('-').trim()))
    else {
        return t.to_string();
    };
    let (Ok(first), Ok(_)) = (a.parse::<u64>(), b.parse::<u64>()) else {
        return format!("{a}–{b}");
    };
    // The second number in full ("192–5" means 192–195).
    let full = if b.len() < a.len() {
        format!("{}{b}", &a[..a.len() - b.len()])
    } else {
        b.to_string()
    };
    let second = match format {
        PageRange::Expanded => full,
        PageRange::MinimalTwo => minimal(a, &full, 2),
        PageRange::Chicago16 => {
            if first < 100 || first % 100 == 0 || a.len() != full.len() {
                full
            } else if first % 100 < 10 {
                minimal(a, &full, 1)
            } else {
                minimal(a, &full, 2)
            }
        }
    };
    format!("{a}–{second}")
}

/// The second number of a range with the leading digits it shares with the first dropped,
/// keeping at least `keep` digits.
fn minimal(first: &str, second: &str, keep: usize) -> String {
    if first.len() != second.len() {
        return second.to_string();
    }
    let same = first
        .chars()
        .zip(second.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let drop = same.min(second.len().saturating_sub(keep));
    second[drop..].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_and_ordinals() {
        assert_eq!(initials("Jane E.", ". "), "J. E.");
        assert_eq!(initials("Jean-Paul", ". "), "J.-P.");
        assert_eq!(initials("N.", ". "), "N.");
        assert_eq!(ordinal(2), "2nd");
        assert_eq!(ordinal(13), "13th");
        assert_eq!(ordinal(21), "21st");
    }

    #[test]
    fn page_ranges_follow_the_formats() {
        assert_eq!(pages("192-205", PageRange::Expanded), "192–205");
        assert_eq!(pages("321-28", PageRange::Expanded), "321–328");
        assert_eq!(pages("321-328", PageRange::MinimalTwo), "321–28");
        assert_eq!(pages("55-61", PageRange::MinimalTwo), "55–61");
        assert_eq!(pages("e115253", PageRange::MinimalTwo), "e115253");
        assert_eq!(pages("1536-1538", PageRange::Chicago16), "1536–38");
        assert_eq!(pages("100-104", PageRange::Chicago16), "100–104");
        assert_eq!(pages("101-108", PageRange::Chicago16), "101–8");
    }

    #[test]
    fn numbers_are_numeric_the_csl_way() {
        assert!(is_numeric("13-01") && is_plural("13-01"));
        assert!(is_numeric("12") && !is_plural("12"));
        assert!(!is_numeric("c. 48"));
    }
}
