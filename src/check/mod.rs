//! Checks of a built site: every internal link and anchor resolves, nothing loads from outside.

pub mod links;
