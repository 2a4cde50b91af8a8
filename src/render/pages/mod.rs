//! One module per kind of page: the article, its sources page and exports, its timeline, its
//! charts' pages, embeds and data, and the site-wide pages.

pub mod article;
pub mod figures;
pub mod site;
pub mod sources;
pub mod timeline;
