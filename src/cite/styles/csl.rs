//! Any CSL style (a `.csl` file a site or article names, or one of the styles bundled with
//! hayagriva), formatted by the CSL processor hayagriva.
//!
//! hayagriva costs about a millisecond per source and style, and tens of milliseconds to load
//! its locales, against microseconds for the built-in styles; so what it formats is cached, in
//! memory and on disk, by a hash of the style, the record and hayagriva's version. A warm
//! build never starts the processor.
//!
//! Two of hayagriva's deviations from the CSL specification are corrected around it, here and
//! in the tests that use it as an oracle: a family name with a particle ("Van de Sompel") is
//! passed with the particle apart, or hayagriva splits it as BibTeX would; and words that keep
//! capitals inside them ("FMs", "iPhone", "PLoS"), which hayagriva lowercases when it title-cases,
//! are restored as the record writes them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use hayagriva::archive::{locales, ArchivedStyle};
use hayagriva::citationberg::{json as csl_json, FontStyle, IndependentStyle, Locale, Style};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, ElemChild,
};
use serde_json::Value;

use crate::cite::rich::Rich;
use crate::diag::{Problems, SourceMap};
use crate::model::html::content_hash;
use crate::model::sources::Source;

/// A parsed CSL style.
#[derive(Debug)]
pub struct CslStyle {
    /// The style's own title (`<info><title>`).
    pub title: String,
    /// Identifies the style's text (for the cache).
    pub hash: String,
    style: IndependentStyle,
}

impl CslStyle {
    /// Parses a style file's XML. A dependent style (one that only points at another) is
    /// refused, since its parent would have to be fetched.
    pub fn parse(xml: &str) -> Result<CslStyle, String> {
        match Style::from_xml(xml) {
            Ok(Style::Independent(style)) => Ok(CslStyle {
                title: style.info.title.value.clone(),
                hash: content_hash(xml.as_bytes()),
                style,
            }),
            Ok(Style::Dependent(d)) => Err(format!(
                "this is a dependent CSL style: it only points at {}",
                d.parent_link.href
            )),
            Err(e) => Err(format!(
                "this is not a CSL 1.0 style explainer can read ({})",
                e.to_string()
                    .replace("Deserialization error occured at `.`: ", "")
            )),
        }
    }

    /// One of the styles bundled with hayagriva, by name ("ieee", "nature", "apa").
    pub fn archived(name: &str) -> Option<CslStyle> {
        let archived = ArchivedStyle::by_name(name)?;
        let Style::Independent(style) = archived.get() else {
            return None;
        };
        Some(CslStyle {
            title: style.info.title.value.clone(),
            hash: format!("archive-{name}"),
            style,
        })
    }

    /// Each source's bibliography entry in this style, formatted apart from the others (no
    /// "2020a" disambiguation: each entry is a citation to copy on its own).
    pub fn format_all(&self, sources: &[&Source]) -> Vec<Rich> {
        let keys: Vec<(String, Value)> = sources
            .iter()
            .map(|s| {
                let item = item(s);
                let key = format!(
                    "{}:{}:{}",
                    self.hash,
                    content_hash(item.to_string().as_bytes()),
                    HAYAGRIVA
                );
                (key, item)
            })
            .collect();
        let mut cache = cache().lock().unwrap_or_else(|e| e.into_inner());
        cache.load(&self.hash);
        let mut out = Vec::with_capacity(sources.len());
        let mut changed = false;
        for ((key, item), source) in keys.iter().zip(sources) {
            let rich = match cache.entries.get(key) {
                Some(r) => r.clone(),
                None => {
                    let r = restore_mixed_case(self.render(item), source);
                    cache.entries.insert(key.clone(), r.clone());
                    changed = true;
                    r
                }
            };
            out.push(rich);
        }
        if changed {
            cache.save(&self.hash);
        }
        out
    }

    fn render(&self, item: &Value) -> Rich {
        let Ok(item) = serde_json::from_value::<csl_json::Item>(item.clone()) else {
            return Rich::new();
        };
        let locales = all_locales();
        // hayagriva panics on a few inputs it does not support; a citation is not worth a
        // failed build.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut driver = BibliographyDriver::new();
            driver.citation(CitationRequest::from_items(
                vec![CitationItem::with_entry(&item)],
                &self.style,
                locales,
            ));
            let rendered = driver.finish(BibliographyRequest {
                style: &self.style,
                locale: None,
                locale_files: locales,
            });
            let mut rich = Rich::new();
            if let Some(b) = rendered.bibliography {
                for entry in b.items {
                    if let Some(first) = &entry.first_field {
                        walk(std::slice::from_ref(first), false, &mut rich);
                        rich.push_plain(" ");
                    }
                    walk(&entry.content.0, false, &mut rich);
                }
            }
            rich
        }))
        .unwrap_or_default()
    }
}

/// Part of every cache key: a new hayagriva, or a change to how records are given to it, makes
/// new keys.
const HAYAGRIVA: &str = "hayagriva-0.10.1/explainer-1";

fn all_locales() -> &'static [Locale] {
    static LOCALES: OnceLock<Vec<Locale>> = OnceLock::new();
    LOCALES.get_or_init(locales)
}

/// hayagriva's output as runs of plain and italic text.
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

/// The record as the CSL-JSON item hayagriva reads, with family names that carry a particle
/// passed with the particle apart.
pub fn item(s: &Source) -> Value {
    let mut item = crate::parse::sources::csl_json::item(s);
    if let Value::Object(map) = &mut item {
        // hayagriva's reader takes CSL variables only.
        map.remove("custom");
        if s.title_supplied {
            if let Some(Value::String(t)) = map.get_mut("title") {
                t.push_str(" [title supplied by the editors]");
            }
        }
        for field in ["author", "editor", "translator"] {
            if let Some(Value::Array(names)) = map.get_mut(field) {
                for name in names.iter_mut() {
                    split_particle(name);
                }
            }
        }
    }
    item
}

fn split_particle(name: &mut Value) {
    let Value::Object(n) = name else { return };
    if n.contains_key("non-dropping-particle") {
        return;
    }
    let Some(family) = n.get("family").and_then(Value::as_str).map(str::to_string) else {
        return;
    };
    let words: Vec<&str> = family.split(' ').collect();
    if words.len() > 1
        && words[..words.len() - 1]
            .iter()
            .any(|w| w.chars().next().is_some_and(char::is_lowercase))
    {
        let (last, rest) = words.split_last().unwrap_or((&"", &[]));
        n.insert("non-dropping-particle".into(), Value::from(rest.join(" ")));
        n.insert("family".into(), Value::from(*last));
    }
}

/// Puts back the words of the record that have capitals inside them ("FMs", "PLoS"), which
/// hayagriva's title case turns into "Fms", "Plos".
pub fn restore_mixed_case(mut rich: Rich, s: &Source) -> Rich {
    let mut words: Vec<&str> = Vec::new();
    for text in [
        Some(&s.title),
        s.container_title.as_ref(),
        s.collection_title.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        words.extend(
            text.split(|c: char| c.is_whitespace() || c == '-')
                .filter(|w| {
                    w.chars().skip(1).any(char::is_uppercase) && w.chars().any(char::is_lowercase)
                }),
        );
    }
    const SUPPLIED: &str = "[title supplied by the editors]";
    for run in &mut rich.runs {
        if let Some(i) = run.text.to_lowercase().find(SUPPLIED) {
            if run.text.is_char_boundary(i) && run.text.is_char_boundary(i + SUPPLIED.len()) {
                run.text.replace_range(i..i + SUPPLIED.len(), SUPPLIED);
            }
        }
        for word in &words {
            let mut chars = word.chars();
            let mangled: String = chars
                .next()
                .map(|c| {
                    c.to_uppercase()
                        .chain(chars.flat_map(char::to_lowercase))
                        .collect()
                })
                .unwrap_or_default();
            if mangled != *word && run.text.contains(&mangled) {
                run.text = run.text.replace(&mangled, word);
            }
        }
    }
    rich
}

// ---------- Loading a style file ----------

/// The `.csl` file `value` names (relative to `dir`), which must lie inside the content folder
/// `root`, be a regular file of bounded size, and pass [`super::csl_check`]. Problems with the
/// setting are reported at `at`; problems inside the file at their line of it.
pub fn load(
    value: &str,
    dir: &Path,
    root: &Path,
    at: (&Path, (usize, usize)),
    problems: &mut Problems,
) -> Option<CslStyle> {
    let (file, pos) = at;
    let path = dir.join(value);
    let shown = crate::diag::printable(&path.display().to_string());
    let inside = match (std::fs::canonicalize(&path), std::fs::canonicalize(root)) {
        (Ok(p), Ok(r)) => p.starts_with(r),
        (Err(e), _) | (_, Err(e)) => {
            problems.error(
                file,
                pos,
                format!("cannot read the citation style `{shown}`: {e}"),
                "give the path of a .csl file relative to this file's folder",
            );
            return None;
        }
    };
    if Path::new(value).is_absolute() || !inside {
        problems.error(
            file,
            pos,
            format!("the citation style `{shown}` lies outside the content folder"),
            "copy the .csl file into the content folder and name it by a path inside it; \
             the build reads nothing outside the content folder",
        );
        return None;
    }
    let xml = match crate::model::limits::read_regular_text(&path) {
        Ok(x) => x,
        Err(e) => {
            problems.error(
                file,
                pos,
                format!("cannot read the citation style `{shown}`: {e}"),
                "give the path of a .csl file relative to this file's folder",
            );
            return None;
        }
    };
    if let Err(p) = super::csl_check::check(&xml) {
        let src = SourceMap::new(&path, &xml);
        problems.error_at(&src, p.offset..p.offset + 1, p.message, p.hint);
        return None;
    }
    match CslStyle::parse(&xml) {
        Ok(style) => Some(style),
        Err(e) => {
            problems.error(
                file,
                pos,
                format!("`{value}`: {e}"),
                "use an independent CSL 1.0 style, e.g. from https://www.zotero.org/styles",
            );
            None
        }
    }
}

// ---------- The cache ----------

/// Formatted entries by key, loaded from and saved to one file per style.
#[derive(Default)]
struct Cache {
    entries: HashMap<String, Rich>,
    loaded: Vec<String>,
}

fn cache() -> &'static Mutex<Cache> {
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    CACHE.get_or_init(Mutex::default)
}

/// Where the cache lives: `$EXPLAINER_CACHE_DIR`, or the user's cache folder.
fn cache_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("EXPLAINER_CACHE_DIR") {
        return Some(PathBuf::from(dir));
    }
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("explainer"))
}

impl Cache {
    fn file(style_hash: &str) -> Option<PathBuf> {
        cache_dir().map(|d| d.join(format!("csl-{style_hash}.json")))
    }

    fn load(&mut self, style_hash: &str) {
        if self.loaded.iter().any(|h| h == style_hash) {
            return;
        }
        self.loaded.push(style_hash.to_string());
        let Some(text) = Self::file(style_hash).and_then(|f| std::fs::read_to_string(f).ok())
        else {
            return;
        };
        if let Ok(entries) = serde_json::from_str::<HashMap<String, Rich>>(&text) {
            self.entries.extend(entries);
        }
    }

    /// Writes the style's entries; a cache that cannot be written is only slower.
    fn save(&self, style_hash: &str) {
        let Some(file) = Self::file(style_hash) else {
            return;
        };
        let mine: HashMap<&String, &Rich> = self
            .entries
            .iter()
            .filter(|(k, _)| k.starts_with(&format!("{style_hash}:")))
            .collect();
        if let (Some(dir), Ok(text)) = (file.parent(), serde_json::to_string(&mine)) {
            let _ = std::fs::create_dir_all(dir);
            let tmp = file.with_extension(format!("tmp{}", std::process::id()));
            if std::fs::write(&tmp, text).is_ok() {
                let _ = std::fs::rename(&tmp, &file);
            }
        }
    }
}
