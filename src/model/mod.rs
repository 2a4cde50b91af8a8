//! Plain data the phases hand each other: the resolved article, sources, charts, the timeline,
//! dates, languages, output paths, site settings and the small types of ids and markup; and
//! the bounds every input is held to ([`limits`]).

pub mod article;
pub mod charts;
pub mod dates;
pub mod html;
pub mod languages;
pub mod limits;
pub mod numbers;
pub mod palette;
pub mod paths;
pub mod site;
pub mod sources;
pub mod timeline;
