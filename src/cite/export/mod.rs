//! Writers of citation export formats.

pub mod ris;
