//! The colours of series and themes, shared by the plotly figures, the pictures and the
//! timeline's themes.

/// Okabe–Ito colours: distinguishable with the common kinds of colour blindness, and readable on
/// both the light and the dark background.
pub(crate) const PALETTE: &[&str] = &[
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#999999",
];

pub(crate) fn colour(i: usize) -> &'static str {
    PALETTE[i % PALETTE.len()]
}
