//! One module per kind of page: the article, its sources page and exports, its timeline, its
//! charts' pages, embeds and data, and the site-wide pages.

pub(crate) mod article;
pub(crate) mod figures;
pub(crate) mod site;
pub(crate) mod sources;
pub(crate) mod timeline;
