//! The citation layer, tested against outside tools: the built-in styles against the CSL
//! processor hayagriva with the official CSL styles, the exports against Pandoc and the RIS
//! specification, the source formats (CSL-JSON from Zotero, BibTeX) end to end, and a second,
//! different article built beside the seed with nothing of the seed on its pages.

mod common;

use std::path::{Path, PathBuf};

use hayagriva::archive::{locales, ArchivedStyle};
use hayagriva::citationberg::{json as csl_json, FontStyle, Locale, Style};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, ElemChild,
};

use explainer::load_sources;
use explainer::rich::Rich;
use explainer::sources::Source;
use explainer::styles::{csl, BuiltIn};
use explainer::Problems;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sources_of(path: &Path) -> Vec<Source> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut problems = Problems::default();
    let sources = load_sources(path, &text, &mut problems);
    assert!(
        !problems.has_errors(),
        "{}: {:#?}",
        path.display(),
        problems.list
    );
    sources
}

/// Every record the styles are checked on: one of each type, both articles' sources.
fn fixture_set() -> Vec<(String, Source)> {
    let mut out = Vec::new();
    for (name, path) in [
        (
            "types",
            manifest().join("tests/fixtures/citations/types.toml"),
        ),
        (
            "seed",
            manifest().join("content/articles/russia-china-partnership/sources.toml"),
        ),
        (
            "essay",
            manifest().join("tests/fixtures/essay/articles/footnotes-and-links/sources.json"),
        ),
    ] {
        for s in sources_of(&path) {
            out.push((format!("{name}/{}", s.key), s));
        }
    }
    out
}

// ---------- The CSL oracle ----------

fn all_locales() -> &'static [Locale] {
    static L: std::sync::OnceLock<Vec<Locale>> = std::sync::OnceLock::new();
    L.get_or_init(locales)
}

fn walk(children: &[ElemChild], italic: bool, out: &mut Rich) {
    for child in children {
        match child {
            ElemChild::Text(t) => out.push(
                &t.text,
                italic || t.formatting.font_style == FontStyle::Italic,
                None,
            ),
            ElemChild::Elem(e) => walk(&e.children.0, italic, out),
            ElemChild::Link { text, .. } => out.push(
                &text.text,
                italic || text.formatting.font_style == FontStyle::Italic,
                None,
            ),
            ElemChild::Markup(m) => out.push(m, italic, None),
            ElemChild::Transparent { .. } => {}
        }
    }
}

/// The entry hayagriva writes for the record with the official CSL style.
fn oracle(style: BuiltIn, s: &Source) -> Rich {
    let Style::Independent(csl_style) = ArchivedStyle::by_name(style.csl_name()).unwrap().get()
    else {
        panic!("independent style");
    };
    let item: csl_json::Item = serde_json::from_value(csl::item(s)).unwrap();
    let mut driver = BibliographyDriver::new();
    driver.citation(CitationRequest::from_items(
        vec![CitationItem::with_entry(&item)],
        &csl_style,
        all_locales(),
    ));
    let rendered = driver.finish(BibliographyRequest {
        style: &csl_style,
        locale: None,
        locale_files: all_locales(),
    });
    let mut rich = Rich::new();
    for entry in rendered.bibliography.map(|b| b.items).unwrap_or_default() {
        walk(&entry.content.0, false, &mut rich);
    }
    csl::restore_mixed_case(rich, s)
}

/// Rich text written with `_…_` around italics, for messages and comparisons.
fn marked(r: &Rich) -> String {
    let mut out = String::new();
    for run in &r.runs {
        if run.italic && !run.text.trim().is_empty() {
            let lead = &run.text[..run.text.len() - run.text.trim_start().len()];
            let trail = &run.text[run.text.trim_end().len()..];
            out.push_str(&format!("{lead}_{}_{trail}", run.text.trim()));
        } else {
            out.push_str(&run.text);
        }
    }
    out.trim().to_string()
}

/// Where hayagriva departs from the CSL specification or from its own style: our entry, with
/// the departure applied, must be exactly hayagriva's. Each rule names what hayagriva does.
fn with_known_faults(style: BuiltIn, s: &Source, ours: &str) -> String {
    use explainer::sources::SourceType as T;
    // A report's number with a hyphen ("13-01") is one number, printed as written. hayagriva
    // reads it as a range: it writes the plural label and re-formats it ("Nos. 13–1").
    if let Some(n) = s.number.as_deref().filter(|n| n.contains('-')) {
        let range: Vec<String> = n
            .split('-')
            .map(|p| p.trim_start_matches('0').to_string())
            .collect();
        let theirs = range.join("–");
        let ours = ours
            .replace(&format!("No. {n}"), &format!("Nos. {theirs}"))
            .replace(&format!("no. {n}"), &format!("nos. {theirs}"))
            .replace(&format!(": {n}."), &format!(": {theirs}."));
        return ours;
    }
    match style {
        // GOST's page label is `plural="never"`: "С. 192–205". hayagriva ignores the
        // attribute and writes the plural term "Сс." for a range.
        BuiltIn::Gost if s.page.as_deref().is_some_and(|p| p.contains(['-', '–'])) => {
            ours.replacen(". С. ", ". Сс. ", 1)
        }
        // An unsigned newspaper or magazine article: the periodical stands in for the author,
        // and the style's title rule ("title in quotation marks when there is a container")
        // still applies (CMOS 14.89). hayagriva treats the substituted container as absent
        // in the condition, and the title falls to the style's default, italics.
        BuiltIn::Chicago
            if s.authors.is_empty()
                && s.editors.is_empty()
                && matches!(s.kind, T::ArticleNewspaper | T::ArticleMagazine) =>
        {
            match (ours.find('“'), ours.find(".”")) {
                (Some(open), Some(close)) if open < close => format!(
                    "{}_{}_.{}",
                    &ours[..open],
                    &ours[open + '“'.len_utf8()..close],
                    &ours[close + ".”".len()..]
                ),
                _ => ours.to_string(),
            }
        }
        // An edited book: the editors stand in for the author, with the author's name form
        // and label ("Barney, Stephen A., ed."). hayagriva drops both when the substitute
        // sits inside a `cs:choose`, and writes "S. A. Barney".
        BuiltIn::Chicago if s.authors.is_empty() && !s.editors.is_empty() => {
            let inverted = format!(
                "{}, {}, ed.",
                s.editors[0].family_part(),
                s.editors[0].given_part().unwrap_or_default()
            );
            let initials: String = s.editors[0]
                .given_part()
                .unwrap_or_default()
                .split_whitespace()
                .map(|g| format!("{}. ", g.chars().next().unwrap_or(' ')))
                .collect();
            ours.replacen(
                &inverted,
                &format!("{initials}{}.", s.editors[0].family_part()),
                1,
            )
        }
        _ => ours.to_string(),
    }
}

#[test]
fn every_built_in_style_matches_the_csl_processor() {
    let mut differ = Vec::new();
    let mut compared = 0;
    for (name, source) in fixture_set() {
        if !source.kind.is_built_in() {
            continue;
        }
        let mut bare = source.clone();
        bare.title_en = None;
        for style in BuiltIn::ALL {
            let ours = marked(&style.format(&bare));
            let theirs = marked(&oracle(style, &bare));
            compared += 1;
            let expected = with_known_faults(style, &bare, &ours);
            if expected != theirs {
                differ.push(format!(
                    "{name} ({}):\n  ours: {ours}\n  as hayagriva would: {expected}\n  CSL:  {theirs}",
                    style.id()
                ));
            }
        }
    }
    assert!(compared > 250, "only {compared} entries compared");
    assert!(
        differ.is_empty(),
        "{} of {compared} differ:\n{}",
        differ.len(),
        differ.join("\n")
    );
}

// ---------- A second article of another kind ----------

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The essay fixture with the seed article beside it.
fn essay_and_seed(name: &str) -> PathBuf {
    let dir = common::temp_dir(name).join("content");
    copy_tree(&manifest().join("tests/fixtures/essay"), &dir);
    copy_tree(
        &manifest().join("content/articles").join(common::SLUG),
        &dir.join("articles").join(common::SLUG),
    );
    dir
}

const ESSAY: &str = "footnotes-and-links";

#[test]
fn an_essay_from_zotero_builds_beside_the_seed_with_nothing_of_the_seed() {
    let dir = essay_and_seed("essay");
    let (site, problems) = explainer::build(&dir, &Default::default()).expect("both build");
    assert!(problems.list.is_empty(), "{:#?}", problems.list);
    let pages: Vec<&str> = site
        .files
        .keys()
        .filter(|p| p.starts_with(&format!("{ESSAY}/")) && p.ends_with(".html"))
        .map(|p| site.text(p).unwrap())
        .collect();
    assert!(
        pages.len() >= 2,
        "the essay has an article and a sources page"
    );
    // Nothing of the seed: its words, its publisher, its styles and settings.
    for page in &pages {
        for seed in [
            "Kashin",
            "Russia",
            "PIR Center",
            "GOST",
            "style of the original",
            "title supplied by the editors",
            "first published by",
            "The original's links",
            "in the original",
            "Timeline",
            "Charts",
        ] {
            assert!(!page.contains(seed), "the essay's pages say {seed:?}");
        }
    }
    let sources = site.text(&format!("{ESSAY}/sources.html")).unwrap();
    // The lede is written from the data.
    assert!(sources.contains("7 sources cited in 8 notes. 2 have a URL"));
    // The essay cites in APA (its front matter), so APA comes first in each entry.
    let grafton = &sources[sources
        .find("id=\"src-graftonFootnoteCuriousHistory1997\"")
        .unwrap()..];
    let first_style = &grafton[grafton.find("<p class=\"cite-style\">").unwrap()..];
    assert!(
        first_style.starts_with("<p class=\"cite-style\"><span class=\"label\">APA (7th ed.)</span> <span id=\"cite-graftonFootnoteCuriousHistory1997-apa\">Grafton, A. (1997). <i>The footnote: A curious history</i>. Harvard University Press.</span>"),
        "{}",
        &first_style[..300]
    );
    // The French title keeps its language and the translation after it.
    assert!(sources.contains("<span lang=\"fr\">Seuils</span>"));
    assert!(sources.contains(
        "<i lang=\"fr\">Seuils</i><span class=\"cite-translation\"> [Thresholds]</span>"
    ));
    // A Zotero item key (an item URI) works like any other.
    let article = site.text(&format!("{ESSAY}/index.html")).unwrap();
    assert!(article.contains(
        "href=\"sources.html#src-http://zotero.org/users/local/kTDLeUpr/items/WG7U3FF3\""
    ));
    assert!(sources.contains("id=\"src-http://zotero.org/users/local/kTDLeUpr/items/WG7U3FF3\""));
    // Links in notes are kept; a DOI and an access date are shown on the entry.
    assert!(article.contains("<a href=\"https://web.archive.org/\">web.archive.org</a>"));
    assert!(sources.contains(
        "<a href=\"https://doi.org/10.1371/journal.pone.0115253\" rel=\"noopener\">10.1371/journal.pone.0115253</a>"
    ));
    assert!(sources.contains("(accessed 1 March 2024)"));
    // "Cite this article" in the essay's style, with its date.
    assert!(article.contains("Vermeer, I. (2024, March 1). <i>Footnotes that outlive their links</i>. Notes on Scholarship."));
    // The seed, beside it, keeps its own settings: the style of its original notes.
    let seed = site
        .text(&format!("{}/sources.html", common::SLUG))
        .unwrap();
    assert!(seed.contains("GOST R 7.0.5-2008, the style of the original&#39;s notes"));
    assert!(explainer::links::broken_links(&site).is_empty());
}

// ---------- Exports, read back by Pandoc ----------

fn pandoc(from: &str, input: &str) -> Vec<serde_json::Value> {
    use std::io::Write;
    let mut child = std::process::Command::new("pandoc")
        .args(["-f", from, "-t", "csljson"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("pandoc is needed for this test (apt-get install pandoc)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "pandoc -f {from}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A CSL string without Pandoc's case-protection markup.
fn text_of(v: &serde_json::Value) -> String {
    let s = match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        _ => return String::new(),
    };
    s.replace("<span class=\"nocase\">", "")
        .replace("</span>", "")
        .replace('’', "'")
}

fn names_of(v: Option<&serde_json::Value>) -> Vec<String> {
    v.and_then(|v| v.as_array())
        .map(|list| {
            list.iter()
                .map(|n| {
                    let part = |k: &str| n.get(k).map(text_of).unwrap_or_default();
                    let family = [part("non-dropping-particle"), part("family")]
                        .iter()
                        .filter(|p| !p.is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" ");
                    format!("{}|{}|{}", family, part("given"), part("literal"))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The CSL type Pandoc gives each BibLaTeX entry type we write, where it is not the record's
/// own: biblatex has no type for these.
fn pandoc_type(ours: &str) -> &str {
    match ours {
        // @misc: Pandoc 2 gives no type, Pandoc 3 "document".
        "document" => "",
        // @online with entrysubtype blog.
        "post-weblog" => "webpage",
        other => other,
    }
}

/// Compares Pandoc's reading of our export with our own CSL-JSON, field by field.
fn compare(ours: &[serde_json::Value], theirs: &[serde_json::Value], via: &str) -> Vec<String> {
    let mut differ = Vec::new();
    assert_eq!(ours.len(), theirs.len(), "{via}: item count");
    for (a, b) in ours.iter().zip(theirs) {
        let id = text_of(&a["id"]);
        assert_eq!(id, text_of(&b["id"]), "{via}: order of items");
        let mut check = |field: &str, x: String, y: String| {
            if x != y {
                differ.push(format!("{via} {id} {field}: ours {x:?}, Pandoc {y:?}"));
            }
        };
        let ty = text_of(&a["type"]);
        let their_ty = text_of(&b["type"]);
        if via == "biblatex" {
            let expected = pandoc_type(&ty);
            if !(their_ty == expected || (expected.is_empty() && their_ty == ty)) {
                check("type", expected.to_string(), their_ty);
            }
        } else {
            check("type", ty.clone(), their_ty);
        }
        // Pandoc appends biblatex's titleaddon to the title (". [Translation]") and keeps
        // the title alone as title-short.
        let their_title = text_of(&b["title"]).replace(". [", " [");
        check(
            "title",
            text_of(&a["title"]).replace(". [", " ["),
            their_title,
        );
        for field in ["author", "editor", "translator"] {
            check(
                field,
                names_of(a.get(field)).join("; "),
                names_of(b.get(field)).join("; "),
            );
        }
        // A web page's site is biblatex's organization, which Pandoc reads as its publisher.
        let web = via == "biblatex" && matches!(ty.as_str(), "webpage" | "post-weblog");
        let their_container = if web { "publisher" } else { "container-title" };
        check(
            "container-title",
            a.get("container-title").map(text_of).unwrap_or_default(),
            b.get(their_container).map(text_of).unwrap_or_default(),
        );
        // biblatex has no field for a court: it is the institution, read as the publisher.
        let court = via == "biblatex" && ty == "legal_case";
        if !web {
            check(
                "publisher",
                a.get(if court { "authority" } else { "publisher" })
                    .map(text_of)
                    .unwrap_or_default(),
                b.get("publisher").map(text_of).unwrap_or_default(),
            );
        }
        for field in [
            "collection-title",
            "volume",
            "issue",
            "number",
            "edition",
            "genre",
            "DOI",
            "URL",
            "publisher-place",
        ] {
            check(
                field,
                a.get(field).map(text_of).unwrap_or_default(),
                b.get(field).map(text_of).unwrap_or_default(),
            );
        }
        check(
            "page",
            a.get("page")
                .map(text_of)
                .unwrap_or_default()
                .replace('–', "-"),
            b.get("page")
                .map(text_of)
                .unwrap_or_default()
                .replace('–', "-"),
        );
        for field in ["issued", "accessed"] {
            check(
                field,
                a.get(field)
                    .map(|d| d["date-parts"].to_string())
                    .unwrap_or_default(),
                b.get(field)
                    .map(|d| d["date-parts"].to_string())
                    .unwrap_or_default(),
            );
        }
        // Pandoc maps most langid names to tags ("russian" → ru-RU) but not all ("chinese").
        let lang = |v: &serde_json::Value| {
            let l = text_of(&v["language"]);
            explainer::languages::normalize(&l)
                .unwrap_or(l)
                .split('-')
                .next()
                .unwrap_or_default()
                .to_string()
        };
        check("language", lang(a), lang(b));
    }
    differ
}

#[test]
fn exports_survive_pandoc_without_losing_names_case_types_or_publishers() {
    let records: Vec<Source> = fixture_set().into_iter().map(|(_, s)| s).collect();
    let csl: Vec<serde_json::Value> = records.iter().map(explainer::csl_json::item).collect();
    let bib: String = records.iter().map(explainer::bibtex::entry).collect();
    let mut differ = compare(&csl, &pandoc("biblatex", &bib), "biblatex");
    let json = serde_json::to_string(&csl).unwrap();
    differ.extend(compare(&csl, &pandoc("csljson", &json), "csljson"));
    assert!(differ.is_empty(), "{}", differ.join("\n"));
}

/// Reads `text` as a sources file named `name`.
fn read_as(name: &str, text: &str) -> (Vec<Source>, Problems) {
    let mut problems = Problems::default();
    let sources = load_sources(Path::new(name), text, &mut problems);
    (sources, problems)
}

#[test]
fn our_csl_json_and_bibtex_exports_read_back_into_the_same_records() {
    let records: Vec<Source> = fixture_set().into_iter().map(|(_, s)| s).collect();
    let json = serde_json::to_string_pretty(
        &records
            .iter()
            .map(explainer::csl_json::item)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let (from_json, problems) = read_as("sources.json", &json);
    assert!(!problems.has_errors(), "{:#?}", problems.list);
    assert_eq!(from_json.len(), records.len());
    for (a, b) in records.iter().zip(&from_json) {
        let mut b = b.clone();
        b.line = a.line;
        assert_eq!(*a, b, "CSL-JSON changed {}", a.key);
    }
    let bib: String = records.iter().map(explainer::bibtex::entry).collect();
    let (from_bib, problems) = read_as("sources.bib", &bib);
    assert!(!problems.has_errors(), "{:#?}", problems.list);
    assert_eq!(from_bib.len(), records.len());
    for (a, b) in records.iter().zip(&from_bib) {
        // BibTeX has no place for the index's category, the English names of a container
        // or publisher, or the date as written; everything a citation uses survives.
        let fields = |s: &Source| {
            (
                s.key.clone(),
                s.title.clone(),
                s.title_en.clone(),
                explainer::languages::normalize(&s.lang),
                s.authors.clone(),
                s.editors.clone(),
                s.translators.clone(),
                (
                    s.issued,
                    s.accessed,
                    s.doi.clone(),
                    s.link().map(str::to_string),
                ),
                (
                    s.volume.clone(),
                    s.issue.clone(),
                    s.page.clone(),
                    s.number.clone(),
                ),
                (
                    s.publisher.clone(),
                    s.publisher_place.clone(),
                    s.edition.clone(),
                ),
            )
        };
        assert_eq!(fields(a), fields(b), "BibTeX changed {}", a.key);
        if a.kind != explainer::sources::SourceType::PostWeblog {
            assert_eq!(a.kind, b.kind, "BibTeX changed the type of {}", a.key);
        }
        assert_eq!(
            a.container_title, b.container_title,
            "BibTeX changed the container of {}",
            a.key
        );
    }
}

// ---------- RIS, against the specification ----------

/// The tags of the RIS specification (RIS Format Specifications, Research Information Systems).
const RIS_TAGS: &[&str] = &[
    "TY", "A1", "A2", "A3", "A4", "AB", "AD", "AN", "AU", "AV", "BT", "C1", "C2", "C3", "C4", "C5",
    "C6", "C7", "C8", "CA", "CN", "CP", "CT", "CY", "DA", "DB", "DO", "DP", "ED", "EP", "ET", "ID",
    "IS", "J1", "J2", "JA", "JF", "JO", "KW", "L1", "L2", "L3", "L4", "LA", "LB", "LK", "M1", "M2",
    "M3", "N1", "N2", "NV", "OP", "PB", "PP", "PY", "RI", "RN", "RP", "SE", "SN", "SP", "ST", "T1",
    "T2", "T3", "TA", "TI", "TT", "U1", "U2", "U3", "U4", "U5", "UR", "VL", "VO", "Y1", "Y2", "ER",
];

/// The reference types of the RIS specification.
const RIS_TYPES: &[&str] = &[
    "ABST", "ADVS", "AGGR", "ANCIENT", "ART", "BILL", "BLOG", "BOOK", "CASE", "CHAP", "CHART",
    "CLSWK", "COMP", "CONF", "CPAPER", "CTLG", "DATA", "DBASE", "DICT", "EBOOK", "ECHAP", "EDBOOK",
    "EJOUR", "ELEC", "ENCYC", "EQUA", "FIGURE", "GEN", "GOVDOC", "GRANT", "HEAR", "ICOMM", "INPR",
    "JFULL", "JOUR", "LEGAL", "MANSCPT", "MAP", "MGZN", "MPCT", "MULTI", "MUSIC", "NEWS", "PAMP",
    "PAT", "PCOMM", "RPRT", "SER", "SLIDE", "SOUND", "STAND", "STAT", "THES", "UNBILL", "UNPB",
    "VIDEO",
];

#[test]
fn ris_follows_the_specification_and_cannot_be_forged() {
    let mut records: Vec<Source> = fixture_set().into_iter().map(|(_, s)| s).collect();
    // A title and an author with line breaks that try to end the record and start another.
    let mut forged = records[0].clone();
    forged.key = "forged".into();
    forged.title = "Title\r\nER  - \r\n\r\nTY  - JOUR\r\nTI  - Injected".into();
    forged.authors[0].family = Some("Name\nAU  - Injected".into());
    records.push(forged);
    let ris: String = records.iter().map(explainer::ris::record).collect();
    assert!(!ris.contains("\n\n") && !ris.replace("\r\n", "").contains('\n'));
    let lines: Vec<&str> = ris.split("\r\n").filter(|l| !l.is_empty()).collect();
    let mut count = 0;
    let mut open = false;
    for line in &lines {
        let (tag, rest) = line.split_at(2);
        assert!(RIS_TAGS.contains(&tag), "unknown tag in {line:?}");
        assert!(rest.starts_with("  - "), "malformed line {line:?}");
        let value = &rest[4..];
        match tag {
            "TY" => {
                assert!(!open, "TY inside a record");
                assert!(RIS_TYPES.contains(&value), "unknown type {value}");
                open = true;
                count += 1;
            }
            "ER" => {
                assert!(open && value.is_empty(), "{line:?}");
                open = false;
            }
            _ => assert!(open, "{tag} outside a record"),
        }
        if tag == "PY" {
            assert!(
                value.len() == 4 && value.chars().all(|c| c.is_ascii_digit()),
                "{line}"
            );
        }
        if matches!(tag, "DA" | "Y2") {
            let parts: Vec<&str> = value.split('/').collect();
            assert!(
                parts.len() == 4 && parts[0].len() == 4 && parts[3].is_empty(),
                "{line}"
            );
        }
        if tag == "AU" {
            assert!(
                value.contains(", ")
                    || !value.contains(' ')
                    || records.iter().any(|r| r
                        .authors
                        .iter()
                        .any(|n| n.literal.as_deref() == Some(value))),
                "a person is written Family, Given: {value}"
            );
        }
    }
    assert!(!open);
    assert_eq!(count, records.len(), "one record per source, none forged");
    assert!(ris.contains("TI  - Title ER  - TY  - JOUR TI  - Injected"));
}

// ---------- Source files as reference managers write them ----------

/// The essay's sources as a BibLaTeX file would have them (Better BibTeX's habits: LaTeX
/// accents, braced proper nouns, `month = mar`, a corporate author in braces).
const ESSAY_BIB: &str = r#"@string{hup = "Harvard University Press"}

@book{graftonFootnoteCuriousHistory1997,
  title = {The Footnote: {{A}} Curious History},
  author = {Grafton, Anthony},
  year = {1997},
  publisher = hup,
  location = {{Cambridge, MA}},
  langid = {english}
}

@book{genetteSeuils1987,
  title = {Seuils},
  titleaddon = {[Thresholds]},
  author = {Genette, G{\'e}rard},
  date = {1987},
  publisher = {{\'E}ditions du Seuil},
  location = {Paris},
  series = {Po{\'e}tique},
  langid = {french}
}

@incollection{http://zotero.org/users/local/kTDLeUpr/items/WG7U3FF3,
  title = {This Is Not an Oral Footnote},
  booktitle = {Annotation and Its Texts},
  author = {Derrida, Jacques},
  editor = {Barney, Stephen A.},
  date = {1991},
  publisher = {Oxford University Press},
  location = {New York},
  langid = {english}
}

@article{kleinScholarlyContextNot2014,
  title = {Scholarly Context Not Found: {{One}} in Five Articles Suffers from Reference Rot},
  author = {Klein, Martin and Van de Sompel, Herbert and Sanderson, Robert and Shankar, Harihar and Balakireva, Lyudmila and Zhou, Ke and Tobin, Richard},
  date = {2014-12-26},
  journaltitle = {{PLoS} {ONE}},
  volume = {9},
  number = {12},
  pages = {e115253},
  doi = {10.1371/journal.pone.0115253},
  langid = {english}
}

@article{zittrainPermaScopingAddressing2014,
  title = {Perma: {{Scoping}} and Addressing the Problem of Link and Reference Rot in Legal Citations},
  author = {Zittrain, Jonathan and Albert, Kendra and Lessig, Lawrence},
  year = {2014},
  month = jun,
  journal = {Legal Information Management},
  volume = {14},
  number = {2},
  pages = {88--99},
  doi = {10.1017/S1472669614000255}
}

@online{internetArchiveWaybackMachine,
  title = {Wayback {{Machine}}},
  author = {{Internet Archive}},
  organization = {{Internet Archive}},
  url = {https://web.archive.org/},
  urldate = {2024-03-01},
  langid = {english}
}

@report{pennockWebarchiving2013,
  title = {Web-Archiving},
  author = {Pennock, Maureen},
  date = {2013-03},
  institution = {{Digital Preservation Coalition}},
  number = {13-01},
  series = {{DPC} Technology Watch Report},
  doi = {10.7207/twr13-01},
  langid = {english}
}
"#;

#[test]
fn a_bibtex_file_builds_unchanged_and_reads_like_the_zotero_export() {
    let (from_bib, problems) = read_as("sources.bib", ESSAY_BIB);
    assert!(problems.list.is_empty(), "{:#?}", problems.list);
    let from_json = sources_of(&manifest().join(format!(
        "tests/fixtures/essay/articles/{ESSAY}/sources.json"
    )));
    assert_eq!(from_bib.len(), from_json.len());
    for (b, j) in from_bib.iter().zip(&from_json) {
        assert_eq!(b.key, j.key);
        assert_eq!(b.kind, j.kind, "{}", b.key);
        assert_eq!(b.title, j.title, "{}", b.key);
        assert_eq!(b.title_en, j.title_en, "{}", b.key);
        // BibTeX's "von" rules put "Van de" apart as a particle; the name reads the same.
        let names = |list: &[explainer::sources::Name]| -> Vec<(String, Option<String>, bool)> {
            list.iter()
                .map(|n| (n.family_part(), n.given_part(), n.is_institution()))
                .collect()
        };
        assert_eq!(names(&b.authors), names(&j.authors), "{}", b.key);
        assert_eq!(names(&b.editors), names(&j.editors), "{}", b.key);
        assert_eq!(b.issued, j.issued, "{}", b.key);
        assert_eq!(b.publisher, j.publisher, "{}", b.key);
        assert_eq!(b.doi, j.doi, "{}", b.key);
        for style in BuiltIn::ALL {
            assert_eq!(
                marked(&style.format(b)),
                marked(&style.format(j)),
                "{} in {}",
                b.key,
                style.id()
            );
        }
    }
    // And the essay builds with it in place of its CSL-JSON.
    let dir = common::temp_dir("essay-bib").join("content");
    copy_tree(&manifest().join("tests/fixtures/essay"), &dir);
    let folder = dir.join("articles").join(ESSAY);
    std::fs::remove_file(folder.join("sources.json")).unwrap();
    std::fs::write(folder.join("sources.bib"), ESSAY_BIB).unwrap();
    let (site, problems) = explainer::build(&dir, &Default::default()).expect("builds");
    assert!(problems.list.is_empty(), "{:#?}", problems.list);
    let sources = site.text(&format!("{ESSAY}/sources.html")).unwrap();
    assert!(sources.contains("Genette, G. (1987). <i lang=\"fr\">Seuils</i><span class=\"cite-translation\"> [Thresholds]</span>. <span lang=\"fr\">Éditions du Seuil</span>."));
}

// ---------- Errors that name file and line ----------

/// The essay with its sources file replaced by `file` holding `text`; the build's problems.
fn essay_with_sources(name: &str, file: &str, text: &str) -> Problems {
    let dir = common::temp_dir(name).join("content");
    copy_tree(&manifest().join("tests/fixtures/essay"), &dir);
    let folder = dir.join("articles").join(ESSAY);
    std::fs::remove_file(folder.join("sources.json")).unwrap();
    std::fs::write(folder.join(file), text).unwrap();
    match explainer::build(&dir, &Default::default()) {
        Ok((_, p)) | Err(p) => p,
    }
}

/// "file:line: message" of each error and warning.
fn reported(problems: &Problems) -> Vec<String> {
    problems
        .list
        .iter()
        .map(|p| {
            format!(
                "{}:{}: {}",
                p.file.file_name().unwrap().to_string_lossy(),
                p.line,
                p.message
            )
        })
        .collect()
}

fn reports(problems: &Problems, expected: &str) {
    let all = reported(problems);
    assert!(
        all.iter().any(|m| m.starts_with(expected)),
        "expected {expected:?} in {all:#?}"
    );
}

fn essay_json() -> String {
    std::fs::read_to_string(manifest().join(format!(
        "tests/fixtures/essay/articles/{ESSAY}/sources.json"
    )))
    .unwrap()
}

fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

#[test]
fn csl_json_problems_name_the_line_of_the_record_or_field() {
    let json = essay_json();
    // A syntax error: the parser's own position.
    let broken = json.replacen("\"type\": \"book\",", "\"type\": \"book\"", 1);
    let p = essay_with_sources("json-syntax", "sources.json", &broken);
    reports(
        &p,
        &format!(
            "sources.json:{}: this CSL-JSON does not parse",
            line_of(&broken, "\"type\": \"book\"") + 1
        ),
    );
    // An unknown type, a bad date, a bad DOI: the field's line.
    let bad = json
        .replacen("\"type\": \"chapter\"", "\"type\": \"chapitre\"", 1)
        .replacen(
            "\"2013\",\n\t\t\t\t\t3",
            "\"2013\",\n\t\t\t\t\t\"March\"",
            1,
        )
        .replacen("10.1017/S1472669614000255", "S1472669614000255", 1);
    let p = essay_with_sources("json-fields", "sources.json", &bad);
    reports(
        &p,
        &format!(
            "sources.json:{}: source `http://zotero.org/users/local/kTDLeUpr/items/WG7U3FF3` has the unknown CSL type `chapitre`",
            line_of(&bad, "\"chapitre\"")
        ),
    );
    reports(
        &p,
        &format!(
            "sources.json:{}: source `pennockWebarchiving2013`: issued has a date part that is not a number",
            line_of(&bad, "\"issued\": {\n\t\t\t\"date-parts\": [\n\t\t\t\t[\n\t\t\t\t\t\"2013\",\n\t\t\t\t\t\"March\"")
        ),
    );
    reports(
        &p,
        &format!(
            "sources.json:{}: source `zittrainPermaScopingAddressing2014`: `S1472669614000255` is not a DOI",
            line_of(&bad, "\"DOI\": \"S1472669614000255\"")
        ),
    );
    // An item without a type: the item's line.
    let untyped = json.replacen("\t\t\"type\": \"webpage\",\n", "", 1);
    let p = essay_with_sources("json-untyped", "sources.json", &untyped);
    assert_eq!(
        p.errors().count(),
        1,
        "no errors that only follow: {:#?}",
        p.list
    );
    let item = untyped[..untyped.find("\"internetArchiveWaybackMachine\"").unwrap()]
        .rfind('{')
        .unwrap();
    reports(
        &p,
        &format!(
            "sources.json:{}: this CSL-JSON item does not fit the CSL schema: missing field `type`",
            untyped[..item].matches('\n').count() + 1
        ),
    );
    // A title in French without a translation: a warning (an export may not be editable).
    let untranslated = json.replacen("Seuils [Thresholds]", "Seuils", 1);
    let p = essay_with_sources("json-untranslated", "sources.json", &untranslated);
    assert!(!p.has_errors(), "{:#?}", p.list);
    assert!(p.warnings().any(|w| w.message
        == "source `genetteSeuils1987` is in `fr` but has no English translation of its title"));
}

#[test]
fn bibtex_and_toml_problems_name_their_line() {
    let broken = ESSAY_BIB.replacen("  langid = {french}\n}", "  langid = {french}\n", 1);
    let p = essay_with_sources("bib-syntax", "sources.bib", &broken);
    assert!(
        reported(&p)
            .iter()
            .any(|m| m.starts_with("sources.bib:") && m.contains("this BibTeX does not parse")),
        "{:#?}",
        reported(&p)
    );
    let bad_date = ESSAY_BIB.replacen("date = {1991}", "date = {1991-13}", 1);
    let (records, _) = read_as("sources.bib", &bad_date);
    assert!(
        records
            .iter()
            .any(|r| r.key.ends_with("WG7U3FF3") && r.issued.is_none()),
        "an impossible date is not guessed"
    );
    let toml = "[[source]]\nkey = \"grafton\"\ntype = \"book\"\ntitle = \"The footnote\"\nissued = \"1997-02-30\"\n\n[[source]]\nkey = \"genette\"\ntype = \"monograph\"\ntitle = \"Seuils\"\n";
    let (_, p) = read_as("sources.toml", toml);
    let all = reported(&p);
    assert!(
        all.iter().any(|m| m
            .starts_with("sources.toml:9: this TOML does not parse: unknown variant `monograph`")),
        "{all:#?}"
    );
    assert!(
        all.contains(&"sources.toml:5: source `grafton`: issued date `1997-02-30`: February 1997 has no day 30".to_string()),
        "the other records are still checked: {all:#?}"
    );
    let toml =
        "[[source]]\nkey = \"a\"\ntype = \"book\"\ntitle = \"A\"\npublisher_city = \"Paris\"\n";
    let (_, p) = read_as("sources.toml", toml);
    assert!(reported(&p)[0]
        .starts_with("sources.toml:5: this TOML does not parse: unknown field `publisher_city`"));
}

#[test]
fn an_article_with_two_sources_files_is_refused() {
    let dir = common::temp_dir("two-sources").join("content");
    copy_tree(&manifest().join("tests/fixtures/essay"), &dir);
    std::fs::write(
        dir.join("articles").join(ESSAY).join("sources.bib"),
        ESSAY_BIB,
    )
    .unwrap();
    let p = match explainer::build(&dir, &Default::default()) {
        Ok((_, p)) | Err(p) => p,
    };
    reports(
        &p,
        "sources.bib:1: this article has 2 sources files: sources.json, sources.bib",
    );
}

// ---------- The documentation and the accepted values ----------

/// The first column's backticked values of the Markdown table under `heading`.
fn documented(heading: &str) -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(manifest().join("content/README.md")).unwrap();
    let start = readme
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading}"));
    readme[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .filter_map(|row| {
            let cells: Vec<&str> = row.split('|').map(str::trim).collect();
            let name = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            Some((name.to_string(), cells[2..].join("|")))
        })
        .collect()
}

/// The values serde says it expects, from its message for an unknown one.
fn expected_by_serde(file: &str, text: &str) -> Vec<String> {
    let (_, problems) = read_as(file, text);
    let message = &problems.list.first().expect("an error").message;
    let list = &message[message.find("expected one of").expect(message)..];
    list.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn the_documented_fields_types_and_names_are_the_accepted_ones() {
    let fields: Vec<String> = documented("### Fields").into_iter().map(|r| r.0).collect();
    let mut accepted = expected_by_serde(
        "sources.toml",
        "[[source]]\nkey = \"a\"\ntype = \"book\"\ntitle = \"A\"\nno_such_field = 1\n",
    );
    let mut sorted = fields.clone();
    sorted.sort();
    accepted.sort();
    assert_eq!(sorted, accepted, "content/README.md ### Fields");

    let names: Vec<String> = documented("| name field |")
        .into_iter()
        .map(|r| r.0)
        .collect();
    let mut accepted = expected_by_serde(
        "sources.toml",
        "[[source]]\nkey = \"a\"\ntype = \"book\"\ntitle = \"A\"\nauthors = [{ surname = \"B\" }]\n",
    );
    let mut names_sorted = names.clone();
    names_sorted.sort();
    accepted.sort();
    assert_eq!(names_sorted, accepted, "content/README.md name fields");

    let types = documented("### Types");
    let accepted = expected_by_serde(
        "sources.toml",
        "[[source]]\nkey = \"a\"\ntype = \"no-such-type\"\ntitle = \"A\"\n",
    );
    assert_eq!(
        types.iter().map(|t| t.0.clone()).collect::<Vec<_>>(),
        accepted,
        "content/README.md ### Types, in CSL's order"
    );
    for (name, rest) in &types {
        let t = explainer::sources::SourceType::from_csl(name).unwrap();
        assert!(rest.starts_with(t.label()), "label of {name}: {rest}");
        let built_in = rest.trim_end_matches('|').ends_with("built in");
        assert_eq!(built_in, t.is_built_in(), "is {name} built in? {rest}");
    }
}

// ---------- Translations, and titles the editors supplied ----------

#[test]
fn the_translation_follows_the_title_outside_its_quotes_and_italics() {
    let set = fixture_set();
    let get = |name: &str| set.iter().find(|(n, _)| n == name).unwrap().1.clone();
    let news = get("types/newspaper-russian");
    let book = get("types/book-french");
    let expect = [
        (BuiltIn::Chicago, &news, "_Коммерсантъ_. “Экспорт «Газпрома» прирастает Китаем” [Gazprom's exports grow with China]. December 12, 2021."),
        (BuiltIn::Apa, &news, "Экспорт «Газпрома» прирастает Китаем [Gazprom's exports grow with China]. (2021, December 12). _Коммерсантъ_."),
        (BuiltIn::Mla, &news, "“Экспорт «Газпрома» прирастает Китаем” [Gazprom's exports grow with China]. _Коммерсантъ_, 12 Dec. 2021."),
        (BuiltIn::Gost, &news, "Экспорт «Газпрома» прирастает Китаем [Gazprom's exports grow with China] // Коммерсантъ. 2021."),
        (BuiltIn::Chicago, &book, "Genette, Gérard. _Seuils_ [Thresholds]. Éditions du Seuil, 1987."),
        (BuiltIn::Apa, &book, "Genette, G. (1987). _Seuils_ [Thresholds]. Éditions du Seuil."),
        (BuiltIn::Mla, &book, "Genette, Gérard. _Seuils_ [Thresholds]. Éditions du Seuil, 1987."),
        (BuiltIn::Gost, &book, "Genette G. Seuils [Thresholds]. Paris: Éditions du Seuil, 1987."),
    ];
    for (style, source, text) in expect {
        let rich = style.format(source);
        assert_eq!(marked(&rich), text, "{}", style.id());
        // The translation is its own run, set apart, never italic.
        let t: Vec<_> = rich.runs.iter().filter(|r| r.translation).collect();
        assert_eq!(t.len(), 1);
        assert!(!t[0].italic && t[0].text.starts_with(" ["));
        // The original's words carry their language.
        assert!(rich
            .runs
            .iter()
            .any(|r| r.lang.as_deref() == Some(source.lang.as_str())));
    }
}

#[test]
fn citing_the_article_and_a_chart_marks_a_supplied_title_and_gives_date_and_url() {
    let options = explainer::BuildOptions {
        base_url: Some("https://example.org/explainers".into()),
    };
    let (site, _) = explainer::build(&common::content_dir(), &options).unwrap();
    let article = site.text(&format!("{}/index.html", common::SLUG)).unwrap();
    assert!(article.contains(
        "Kashin, Vassily. “Russia and China in the Ukraine Crisis: From Partnership to Interdependence” [title supplied by the editors]. Explainer edition of an article first published by PIR Center. Explainers, November 29, 2026. https://example.org/explainers/russia-china-partnership/."
    ));
    assert!(article.contains("  titleaddon = {[title supplied by the editors]},"));
    assert!(article.contains("  url = {https://example.org/explainers/russia-china-partnership/},"));
    // Without base_url there is no address to give.
    assert!(!common::article_page().contains("https://example.org"));

    // "Cite this chart", on the chart's page.
    let page = site
        .text(&format!("{}/figures/trade-h1-2023.html", common::SLUG))
        .unwrap();
    let citation =
        common::strip_tags(common::between(page, "<span id=\"chart-citation\">", "</p>")[0]);
    assert_eq!(
        citation.trim_end_matches("</span>").trim(),
        "Explainers. “Russia-China Trade, First Half of 2022 and 2023.” Chart of figures in Vassily Kashin, “Russia and China in the Ukraine crisis: from partnership to interdependence” [title supplied by the editors]. November 29, 2026. https://example.org/explainers/russia-china-partnership/figures/trade-h1-2023.html."
    );
}

// ---------- Any CSL style ----------

#[test]
fn a_site_may_name_any_csl_style_file_and_its_entries_are_cached() {
    let cache = common::temp_dir("csl-cache");
    // SAFETY of the test: no other test of this binary formats through the CSL path.
    std::env::set_var("EXPLAINER_CACHE_DIR", &cache);
    let dir = common::temp_dir("csl-style").join("content");
    copy_tree(&manifest().join("tests/fixtures/essay"), &dir);
    copy_tree(
        &manifest().join("tests/fixtures/styles"),
        &dir.join("styles"),
    );
    let site_toml = dir.join("site.toml");
    let text = std::fs::read_to_string(&site_toml).unwrap();
    std::fs::write(
        &site_toml,
        format!("{text}citation_style = \"styles/house.csl\"\n"),
    )
    .unwrap();
    // The essay's own front matter names APA; remove it so the site's style applies.
    let article = dir.join("articles").join(ESSAY).join("article.md");
    let a = std::fs::read_to_string(&article).unwrap();
    std::fs::write(&article, a.replace("citation_style = \"apa\"\n", "")).unwrap();

    let (site, problems) = explainer::build(&dir, &Default::default()).expect("builds");
    assert!(problems.list.is_empty(), "{:#?}", problems.list);
    let sources = site.text(&format!("{ESSAY}/sources.html")).unwrap();
    let expected = "<span class=\"label\">Example University house style</span> <span id=\"cite-kleinScholarlyContextNot2014-csl-";
    assert!(sources.contains(expected), "the house style comes first");
    assert!(sources.contains(">Zittrain, J.; Albert, K.; Lessig, L. — 2014 — <i>Perma: Scoping and addressing the problem of link and reference rot in legal citations</i> — Legal Information Management — doi:10.1017/S1472669614000255.</span>"));
    // "Cite this article" is in the site's style too.
    let article = site.text(&format!("{ESSAY}/index.html")).unwrap();
    assert!(article.contains("<span class=\"label\">Example University house style</span> <span id=\"cite-article-text\">Vermeer, I. — 2024 — <i>Footnotes that outlive their links</i> — Notes on Scholarship.</span>"));
    // And the built-in styles are still offered.
    assert!(sources.contains("<span class=\"label\">APA (7th ed.)</span>"));
    let cached: Vec<_> = std::fs::read_dir(&cache).unwrap().collect();
    assert_eq!(cached.len(), 1, "one cache file for the style");

    // A style that is not there, or not CSL, is an error at its line in site.toml.
    std::fs::write(
        &site_toml,
        format!("{text}\ncitation_style = \"styles/missing.csl\"\n"),
    )
    .unwrap();
    let p = common::build_errors(&dir);
    reports(&p, "site.toml:5: cannot read the citation style");
    std::fs::write(dir.join("styles/bad.csl"), "<style>not csl</style>").unwrap();
    std::fs::write(
        &site_toml,
        format!("{text}\ncitation_style = \"styles/bad.csl\"\n"),
    )
    .unwrap();
    let p = common::build_errors(&dir);
    reports(
        &p,
        "site.toml:5: `styles/bad.csl`: this CSL style does not parse",
    );
}

#[test]
fn the_faults_the_issue_found_are_gone() {
    let set = fixture_set();
    let get = |name: &str| set.iter().find(|(n, _)| n == name).unwrap().1.clone();
    // Chicago: commas and full stops inside the quotation marks, the container in italics,
    // the first author's name inverted.
    let chicago = marked(&BuiltIn::Chicago.format(&get("types/magazine")));
    assert!(chicago.starts_with("Miles, Steven, and Gabriel Collins. “China’s Big Gas Bet Raises Questions About Complicity with Russia.” _Foreign Policy_, July 12, 2023."), "{chicago}");
    // APA: "Taplin, N.", sentence case, italics, the full date of a newspaper article.
    let apa = marked(&BuiltIn::Apa.format(&get("seed/wsj-2023-microchips")));
    assert_eq!(apa, "Taplin, N. (2023, February 25). How microchips migrate from China to Russia. _The Wall Street Journal_.");
    // A publisher that ends in a full stop is not followed by another.
    let mut book = get("types/book");
    book.publisher = Some("Harper & Brothers Co.".into());
    assert_eq!(
        marked(&BuiltIn::Apa.format(&book)),
        "Grafton, A. (1997). _The footnote: A curious history_. Harper & Brothers Co."
    );
    // GOST R 7.0.5-2008: initials after the family name, "//" before the container, Russian
    // terms, an electronic resource with its URL and access date.
    let gost = marked(&BuiltIn::Gost.format(&get("essay/internetArchiveWaybackMachine")));
    assert_eq!(gost, "Internet Archive. Wayback Machine [Электронный ресурс] // Internet Archive. URL: https://web.archive.org/ (дата обращения: 01.03.2024).");
}

#[test]
fn an_editors_note_on_a_citing_note_is_shown_with_that_passage_in_the_index() {
    // Note 27 ("Ibid.") formally points to Hu Jintao's report but quotes the 2022 statement;
    // the editor's note inside it is shown where the index lists note 27, and only there.
    let html = common::page(&format!("{}/sources.html", common::SLUG));
    let entry = &html[html
        .find("id=\"src-hu-jintao-2012-congress-report\"")
        .unwrap()..];
    let entry = &entry[..entry.find("</details>").unwrap()];
    let note_27 = &entry[entry
        .find("<span class=\"passage-note\">Note 27</span>")
        .unwrap()..];
    assert!(note_27.starts_with("<span class=\"passage-note\">Note 27</span>"));
    assert!(note_27.contains("<p class=\"editor-remark\"><span class=\"label\">Editor's note on note 27:</span> &#34;Ibid.&#34; formally points to the source of note 26"));
    let note_26 = &entry[entry.find("Note 26").unwrap()..entry.find("Note 27").unwrap()];
    assert!(
        !note_26.contains("editor-remark"),
        "note 26 has no such caveat"
    );
    // Notes 3, 8, 27 and 35 hold editor's notes (issue 11 added those on 3 and 35).
    for n in [3, 8, 27, 35] {
        assert!(
            html.contains(&format!("Editor's note on note {n}:")),
            "note {n}"
        );
    }
    assert_eq!(html.matches("Editor's note on note").count(), 4);
}
