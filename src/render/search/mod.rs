//! Site search: every passage, heading, note, source, event and chart of every article, indexed
//! at build time from the resolved articles ([`units`]), folded the way the reader's script
//! folds a query ([`fold`]) and written as sharded classic scripts ([`index`]) that
//! `static/search.js` loads on demand.

pub(crate) mod fold;
pub(crate) mod index;
pub(crate) mod units;

pub(crate) use index::build_index;
pub(crate) use units::{article_units, ArticleUnits};
