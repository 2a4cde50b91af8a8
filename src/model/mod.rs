//! Plain data the phases hand each other: the resolved article, sources, charts, the timeline,
//! dates, languages, output paths, site settings and the small types of ids and markup; and
//! the bounds every input is held to ([`limits`]).

pub(crate) mod article;
pub mod charts;
pub(crate) mod dates;
pub(crate) mod html;
pub mod languages;
pub(crate) mod limits;
pub(crate) mod numbers;
pub(crate) mod palette;
pub(crate) mod paths;
pub(crate) mod site;
pub mod sources;
pub(crate) mod timeline;
