//! Checks our citation formats against a CSL processor (hayagriva, a test-only dependency).
//!
//! hayagriva formats correctly, but formatting the seed's 34 sources in three styles cost about
//! 1.7 G instructions (callgrind), some 170 ms a build against 4 ms for all the rest; the build
//! budget rules it out of the build. So `citations` formats by hand, and this test proves that
//! the hand-written APA equals the CSL APA 7 style's output for every seed source.

use std::collections::HashMap;

use hayagriva::archive::{locales, ArchivedStyle};
use hayagriva::citationberg::Style;
use hayagriva::{BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest};
use serde_json::{json, Value};

use crate::sources::Source;

/// A string hayagriva must print as written (no re-casing of "FMs").
fn verbatim(text: &str) -> Value {
    json!({ "value": text, "verbatim": true, "title-case": text, "sentence-case": text })
}

/// The record as a hayagriva entry (its YAML form, written as JSON); a non-English title is
/// followed by its translation in brackets, as APA asks.
fn entry_json(s: &Source) -> Value {
    let periodical = matches!(
        s.kind.as_str(),
        "newspaper" | "news-agency" | "magazine" | "journal" | "business-media" | "industry-media"
    );
    let report = matches!(s.kind.as_str(), "think-tank" | "central-bank" | "report");
    let title = match (&s.title_en, s.is_english()) {
        (Some(t), false) => format!("{} [{t}]", s.title),
        _ => s.title.clone(),
    };
    let kind = if periodical {
        "article"
    } else if report {
        "report"
    } else {
        "web"
    };
    let mut entry = json!({ "type": kind, "title": verbatim(&title), "language": s.lang });
    if !s.authors.is_empty() {
        entry["author"] = json!(s.authors);
    }
    if let Some(d) = s.issued_date() {
        entry["date"] = json!(d.iso());
    }
    if let Some(outlet) = &s.outlet {
        if report {
            entry["publisher"] = json!({ "name": verbatim(outlet) });
        } else {
            let parent = match (periodical, s.kind.as_str()) {
                (true, "journal") => "periodical",
                (true, _) => "newspaper",
                (false, _) => "web",
            };
            entry["parent"] = json!({ "type": parent, "title": verbatim(outlet) });
        }
    }
    entry
}

/// Each source's APA 7 reference-list entry, by key, from the CSL style.
fn csl_apa(sources: &[Source]) -> HashMap<String, String> {
    let mut doc = serde_json::Map::new();
    for s in sources {
        doc.insert(s.key.clone(), entry_json(s));
    }
    let library =
        hayagriva::io::from_yaml_str(&Value::Object(doc).to_string()).expect("entries parse");
    let Style::Independent(style) = ArchivedStyle::AmericanPsychologicalAssociation.get() else {
        panic!("APA is an independent style");
    };
    let locales = locales();
    let mut driver = BibliographyDriver::new();
    for entry in library.iter() {
        driver.citation(CitationRequest::from_items(
            vec![CitationItem::with_entry(entry)],
            &style,
            &locales,
        ));
    }
    let rendered = driver.finish(BibliographyRequest {
        style: &style,
        locale: None,
        locale_files: &locales,
    });
    rendered
        .bibliography
        .map(|b| b.items)
        .unwrap_or_default()
        .into_iter()
        .map(|item| {
            (
                item.key.clone(),
                format!("{:#}", item.content).trim().to_string(),
            )
        })
        .collect()
}

#[test]
fn our_apa_matches_the_csl_apa_style_for_every_seed_source() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/content/articles/russia-china-partnership/sources.toml"
    ))
    .unwrap();
    let mut problems = crate::Problems::default();
    let sources =
        crate::sources::load_sources(std::path::Path::new("sources.toml"), &text, &mut problems);
    let reference = csl_apa(&sources);
    let mut differ = Vec::new();
    for s in &sources {
        let ours = crate::citations::apa(s);
        if reference.get(&s.key) != Some(&ours) {
            differ.push(format!(
                "{}\n  ours: {ours}\n  CSL:  {:?}",
                s.key,
                reference.get(&s.key)
            ));
        }
    }
    assert_eq!(sources.len(), 34);
    assert!(
        differ.is_empty(),
        "{} of {} differ:\n{}",
        differ.len(),
        sources.len(),
        differ.join("\n")
    );
}
