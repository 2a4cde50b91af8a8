//! The layout rules, checked by reading each file's `crate::` paths: which phase folder may
//! name which. Dependencies point one way, down the pipeline: `model` holds plain data and
//! depends on nothing but `diag`; `parse` never sees `resolve`, `render` or `cite`; `render`
//! sees only `model`, `cite` and the built site's file type, so it cannot parse or resolve again.
//!
//! `DEBT` lists the imports that still break a rule, each to be removed by moving the code to
//! its phase. The test fails on a new one and on an entry that no longer exists, so the list
//! can only shrink.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// What each folder of `src/` may name besides itself.
const ALLOWED: &[(&str, &[&str])] = &[
    ("diag", &[]),
    ("model", &["diag"]),
    ("load", &["diag", "model"]),
    ("parse", &["diag", "model", "load"]),
    ("resolve", &["diag", "model", "load", "parse"]),
    ("cite", &["diag", "model"]),
    ("render", &["model", "cite", "emit::output::SiteFiles"]),
    ("emit", &["diag", "model"]),
    ("check", &["diag", "model", "emit"]),
    (
        "pipeline",
        &[
            "diag", "model", "load", "parse", "resolve", "cite", "render", "emit", "check",
        ],
    ),
    (
        "cli",
        &[
            "diag", "model", "load", "parse", "resolve", "cite", "render", "emit", "check",
            "pipeline",
        ],
    ),
];

/// Imports against the rules that are still there (file, the path it names).
const DEBT: &[(&str, &str)] = &[
    // the CSL-JSON writer belongs in cite/export/
    ("cite/styles/csl.rs", "parse::sources::csl_json::item"),
    // the tree types and the style the article cites in, to become model data
    ("model/article.rs", "cite::styles::CitationStyle"),
    ("model/article.rs", "parse::markdown"),
    // the site's style, to become a style reference that cite resolves
    ("model/site.rs", "cite::styles::CitationStyle"),
    // style resolution belongs in resolve/
    ("parse/mod.rs", "cite::styles::CitationStyle"),
    ("parse/mod.rs", "render::pages::sources::check_front_matter"),
    // title case is shared text handling, not a citation style
    ("parse/sources/bibtex.rs", "cite::styles::case"),
    // the tree types, to become model data
    ("render/body.rs", "parse::markdown::ContainerKind"),
    // front-matter checks belong in parse/, the BibTeX and CSL-JSON writers in cite/export/
    ("render/pages/sources.rs", "diag::Assignments::new"),
    ("render/pages/sources.rs", "diag::Problems"),
    ("render/pages/sources.rs", "parse::sources::bibtex"),
    ("render/pages/sources.rs", "parse::sources::csl_json"),
];

/// The phase a file belongs to: its folder under `src/` (`None` for lib.rs, main.rs and this).
fn phase_of(rel: &str) -> Option<&str> {
    rel.split_once('/').map(|(first, _)| first)
}

/// Every `crate::a::b…` path a file names outside comments, as written (each top-level name
/// of a `use crate::{…}` group on its own).
fn crate_paths(text: &str) -> BTreeSet<String> {
    let code: String = text
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(i) = rest.find("crate::") {
        let after = &rest[i + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            for item in top_level_items(group) {
                out.insert(path_prefix(item.trim()));
            }
        } else {
            out.insert(path_prefix(after));
        }
        rest = after;
    }
    out
}

/// The comma-separated items of a `{…}` group up to its closing brace, nested groups kept whole.
fn top_level_items(group: &str) -> Vec<&str> {
    let (mut depth, mut start, mut items) = (0usize, 0, Vec::new());
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(&group[start..i]);
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.retain(|s| !s.trim().is_empty());
    items
}

fn path_prefix(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
        .collect::<String>()
        .trim_end_matches(':')
        .to_string()
}

/// Whether `path` (after `crate::`) is one the phase may name.
fn allowed(phase: &str, path: &str) -> bool {
    let first = path.split("::").next().unwrap_or("");
    if first == phase {
        return true;
    }
    let rules = ALLOWED
        .iter()
        .find(|(p, _)| *p == phase)
        .map_or(&[][..], |(_, r)| *r);
    rules.iter().any(|r| {
        if r.contains("::") {
            path == *r || path.starts_with(&format!("{r}::"))
        } else {
            first == *r
        }
    })
}

/// A file's code without its unit tests (which may build fixtures with any phase).
fn outside_tests<'a>(rel: &str, text: &'a str) -> &'a str {
    if rel.ends_with("/tests.rs") {
        return "";
    }
    text.find("#[cfg(test)]\nmod tests")
        .map_or(text, |i| &text[..i])
}

/// Each file of a phase folder with the `crate::` paths its code names: (file relative to
/// `src/`, its phase, the paths).
fn named_paths(src: &Path) -> Vec<(String, String, BTreeSet<String>)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(src).sort_by_file_name() {
        let entry = entry.expect("src/ is readable");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path
            .strip_prefix(src)
            .expect("below src/")
            .to_string_lossy()
            .replace('\\', "/");
        let Some(phase) = phase_of(&rel).map(str::to_string) else {
            continue;
        };
        let text = std::fs::read_to_string(path).expect("a source file is UTF-8");
        let paths = crate_paths(outside_tests(&rel, &text));
        out.push((rel, phase, paths));
    }
    out
}

/// Every import against the rules: (file relative to `src/`, path).
fn violations(src: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (rel, phase, paths) in named_paths(src) {
        for p in paths {
            if !allowed(&phase, &p) {
                out.push((rel.clone(), p));
            }
        }
    }
    out
}

/// The phase-level graph's cycles: pairs of folders that name each other.
fn phase_cycles(src: &Path) -> Vec<(String, String)> {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (_, phase, paths) in named_paths(src) {
        for p in paths {
            let to = p.split("::").next().unwrap_or("").to_string();
            if to != phase {
                edges.entry(phase.clone()).or_default().insert(to);
            }
        }
    }
    let mut cycles = Vec::new();
    for (from, tos) in &edges {
        for to in tos {
            if from < to && edges.get(to).is_some_and(|back| back.contains(from)) {
                cycles.push((from.clone(), to.clone()));
            }
        }
    }
    cycles
}

#[test]
fn imports_follow_the_phases() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = violations(&src);
    let debt: BTreeSet<(String, String)> = DEBT
        .iter()
        .map(|(f, p)| (f.to_string(), p.to_string()))
        .collect();
    let new: Vec<_> = found.iter().filter(|v| !debt.contains(*v)).collect();
    let found: BTreeSet<_> = found.iter().cloned().collect();
    let paid: Vec<_> = debt.iter().filter(|d| !found.contains(*d)).collect();
    assert!(
        new.is_empty(),
        "imports against the layout rules (src/layout.rs): {new:#?}"
    );
    assert!(
        paid.is_empty(),
        "no longer there, remove from DEBT in src/layout.rs: {paid:#?}"
    );
}

#[test]
fn no_two_phases_name_each_other() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let allowed_cycles: BTreeSet<(String, String)> = CYCLE_DEBT
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    let cycles: BTreeSet<_> = phase_cycles(&src).into_iter().collect();
    assert_eq!(
        cycles, allowed_cycles,
        "cycles between phase folders (src/layout.rs CYCLE_DEBT lists the known ones)"
    );
}

/// Pairs of phase folders that still name each other.
const CYCLE_DEBT: &[(&str, &str)] = &[
    ("cite", "model"),
    ("cite", "parse"),
    ("model", "parse"),
    ("parse", "render"),
];

#[test]
fn the_checker_sees_grouped_and_inline_paths() {
    let text = "use crate::{diag::Problems, model::charts};\n\
                let x = crate::model::numbers::format(1.0); // crate::emit\n";
    let paths = crate_paths(text);
    assert!(paths.contains("diag::Problems"));
    assert!(paths.contains("model::charts"));
    assert!(paths.contains("model::numbers::format"));
    assert!(!paths.iter().any(|p| p.starts_with("emit")));
    assert!(allowed("render", "emit::output::SiteFiles"));
    assert!(!allowed("render", "emit::output::write_site"));
    assert!(!allowed("model", "parse::markdown"));
    assert!(allowed("model", "model::dates"));
}
