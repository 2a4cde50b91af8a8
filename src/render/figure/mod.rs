//! Charts and the timeline overview as figures: the interactive plotly figure and the static
//! SVG pictures, with what they share (time axes, text measured and wrapped without a font engine,
//! the palette).

pub mod chart_plot;
pub mod chart_svg;
pub mod picture;
pub mod plots;
pub mod time_axis;
pub mod timeline_svg;
