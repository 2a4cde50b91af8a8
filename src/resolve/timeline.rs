//! Events against the article: each event's passage, notes and sources.

use crate::diag::{Problems, SourceMap};
use crate::model::article::Article;
use crate::model::timeline::*;

/// Checks that every passage anchor, note and source an event names exists in the article.
pub(crate) fn check_against_article(
    timeline: &Timeline,
    article: &Article,
    src: &SourceMap<'_>,
    problems: &mut Problems,
) {
    for e in &timeline.events {
        if article.paragraph(&e.passage).is_none() {
            problems.error_at(
                src,
                e.passage_span.clone(),
                format!(
                    "event `{}` points at the passage `{}`, which is not a paragraph of the article",
                    e.id, e.passage
                ),
                "use a paragraph anchor such as `intro-p2` or `<section-id>-p3` (see content/README.md)",
            );
        }
        article.check_citations(
            src,
            &format!("event `{}`", e.id),
            &e.notes,
            &e.sources,
            problems,
        );
    }
}
