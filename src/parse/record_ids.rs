//! Ids of the records of one file (charts, events), each given once.

use std::ops::Range;

use crate::diag::{Problems, SourceMap};
use crate::model::html::is_key;

/// Ids of records in one file (charts, events): each given once. The first place of each id,
/// so a second is reported where it is, naming the line of the first.
#[derive(Default)]
pub(crate) struct RecordIds(std::collections::HashMap<String, usize>);

impl RecordIds {
    /// Checks a record's `id` (a key: lowercase ASCII letters, digits and `-`) at `span`; `false`
    /// when another record already has it (the record is then to be left out).
    pub(crate) fn claim(
        &mut self,
        what: &str,
        id: &str,
        span: Range<usize>,
        src: &SourceMap<'_>,
        problems: &mut Problems,
    ) -> bool {
        if !is_key(id) {
            problems.error_at(
                src,
                span.clone(),
                format!("{what} id `{id}` is not a valid id"),
                "use lowercase ASCII letters, digits and `-`",
            );
        }
        if let Some(&first) = self.0.get(id) {
            problems.error_at(
                src,
                span,
                format!(
                    "two {what}s have the id `{id}` (the first on line {})",
                    src.position(first).0
                ),
                format!("give each {what} its own id"),
            );
            return false;
        }
        self.0.insert(id.to_string(), span.start);
        true
    }
}
