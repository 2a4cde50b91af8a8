//! Charts and the timeline overview as figures: the interactive plotly figure and the static
//! SVG pictures, with what they share (time axes, text measured and wrapped without a font engine,
//! the palette).

pub(crate) mod chart_plot;
pub mod chart_svg;
pub(crate) mod describe;
pub(crate) mod picture;
pub(crate) mod plots;
pub(crate) mod time_axis;
pub(crate) mod timeline_svg;
