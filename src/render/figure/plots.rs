//! What every plotly chart on the site shares: the colour palette, the base layout and config,
//! and the HTML that carries a chart's JSON into a page (plotly.js draws it when it scrolls near).

use plotly::common::Font;
use plotly::configuration::{DisplayModeBar, ModeBarButtonName};
use plotly::layout::{HoverMode, Margin};
use plotly::{Configuration, Layout, Trace, Traces};
use serde::Serialize;

pub(crate) use crate::model::palette::colour;

/// Text from content for plotly's labels, which read a small HTML-like markup (`<b>`, `<br>`,
/// `<a href>`…): `&`, `<` and `>` are written as entities, so content shows as written and is
/// never read as markup.
pub(crate) fn plotly_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The layout every chart starts from: transparent background (the page's colours show through,
/// light or dark), system font, no title (the page's heading is the title).
pub(crate) fn base_layout(height: usize) -> Layout {
    Layout::new()
        .height(height)
        .auto_size(true)
        .margin(
            Margin::new()
                .left(56)
                .right(16)
                .top(36)
                .bottom(48)
                .auto_expand(true),
        )
        .font(
            Font::new()
                .family("system-ui, -apple-system, Segoe UI, Roboto, Noto Sans, Arial, sans-serif")
                .size(13),
        )
        .paper_background_color("rgba(0,0,0,0)")
        .plot_background_color("rgba(0,0,0,0)")
        .hover_mode(HoverMode::Closest)
}

/// The config every chart shares: sized by its box, no plotly logo or link, and no toolbar
/// camera (its PNG is transparent and has no title: each figure has its own "Download PNG").
pub(crate) fn base_config() -> Configuration {
    Configuration::new()
        .responsive(true)
        .display_logo(false)
        .display_mode_bar(DisplayModeBar::Hover)
        .mode_bar_buttons_to_remove(vec![
            ModeBarButtonName::ToImage,
            ModeBarButtonName::Lasso2d,
            ModeBarButtonName::Select2d,
        ])
}

/// A chart as plotly.js takes it: typed traces, layout and config from the plotly crate,
/// serialised as they are. (Not `plotly::Plot`: every `Plot::new()` formats the whole embedded
/// plotly.js into a string, which made each chart cost milliseconds.)
#[derive(Serialize)]
pub(crate) struct Figure {
    data: Traces,
    layout: Layout,
    config: Configuration,
}

impl Figure {
    pub(crate) fn new(layout: Layout, config: Configuration) -> Figure {
        Figure {
            data: Traces::new(),
            layout,
            config,
        }
    }

    pub(crate) fn add_trace(&mut self, trace: Box<dyn Trace>) {
        self.data.push(trace);
    }

    /// The figure as JSON (`data`, `layout`, `config`).
    pub(crate) fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }
}
