//! Charts against the article: the notes and sources each chart cites, and whether it is placed.

use crate::diag::{Problems, SourceMap};
use crate::model::article::Article;

/// Checks the notes and sources each chart cites, and warns about charts never placed.
pub(crate) fn check_against_article(
    article: &Article,
    src: &SourceMap<'_>,
    problems: &mut Problems,
) {
    let placed = article.placed_charts();
    for (i, c) in article.charts.iter().enumerate() {
        article.check_citations(
            src,
            &format!("chart `{}`", c.id),
            &c.notes,
            &c.sources,
            problems,
        );
        if !placed.contains(&i) {
            problems.warning_at(
                src,
                c.span.clone(),
                format!("chart `{}` is not placed in the article", c.id),
                format!(
                    "add a ```chart block with `{}` where the text discusses it",
                    c.id
                ),
            );
        }
    }
}
