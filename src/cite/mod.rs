//! Citations: formatted references as rich text in the built-in styles (or any CSL style through
//! hayagriva), and the export formats.

pub(crate) mod export;
pub mod rich;
pub mod styles;
