//! Site search: every passage, heading, note, source, event and chart of every article, indexed
//! at build time from the resolved articles ([`units`]), folded the way the reader's script
//! folds a query ([`fold`]) and written as sharded classic scripts ([`index`]) that
//! `static/search.js` loads on demand.

pub mod fold;
pub mod index;
pub mod units;

pub use index::build_index;
pub use units::{article_units, ArticleUnits};
