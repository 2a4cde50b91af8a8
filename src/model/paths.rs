//! Where every output file of an article goes, relative to the output root. The render phase
//! writes to exactly these paths, and the resolve phase checks that no two of them are the same
//! (a chart called `index` would otherwise overwrite the gallery).

use std::collections::HashMap;

use crate::model::article::Article;

pub(crate) fn article_page(slug: &str) -> String {
    format!("{slug}/index.html")
}

pub(crate) fn sources_page(slug: &str) -> String {
    format!("{slug}/sources.html")
}

pub(crate) fn timeline_page(slug: &str) -> String {
    format!("{slug}/timeline.html")
}

/// The timeline's picture: 800 px wide, or the 400 px variant for phones.
pub(crate) fn timeline_picture(slug: &str, narrow: bool) -> String {
    let suffix = if narrow { "-narrow" } else { "" };
    format!("{slug}/data/timeline-overview{suffix}.svg")
}

pub(crate) fn gallery(slug: &str) -> String {
    format!("{slug}/figures/index.html")
}

pub(crate) fn chart_page(slug: &str, id: &str) -> String {
    format!("{slug}/figures/{id}.html")
}

pub(crate) fn embed_page(slug: &str, id: &str) -> String {
    format!("{slug}/embed/{id}.html")
}

/// A chart's data file: `ext` is `csv`, `json` or `svg`.
pub(crate) fn chart_data(slug: &str, id: &str, ext: &str) -> String {
    format!("{slug}/data/{id}.{ext}")
}

/// A chart's picture laid out for a phone (400 px wide).
pub(crate) fn chart_narrow_picture(slug: &str, id: &str) -> String {
    format!("{slug}/data/{id}-narrow.svg")
}

/// Every source's exports, for the sources page's script.
pub(crate) fn exports_script(slug: &str) -> String {
    format!("{slug}/cite/exports.js")
}

/// The whole bibliography: `ext` is `bib`, `ris` or `json`.
pub(crate) fn bibliography(slug: &str, ext: &str) -> String {
    format!("{slug}/cite/bibliography.{ext}")
}

/// An output file and what it holds.
pub(crate) struct Planned {
    pub path: String,
    pub what: String,
    /// The chart it belongs to (index), whose id chose the path.
    pub chart: Option<usize>,
}

/// Every file the article's pages will be written to.
pub(crate) fn planned(article: &Article) -> Vec<Planned> {
    let slug = &article.slug;
    let fixed = |path: String, what: &str| Planned {
        path,
        what: what.to_string(),
        chart: None,
    };
    let mut out = vec![
        fixed(article_page(slug), "the article page"),
        fixed(sources_page(slug), "the sources page"),
    ];
    for ext in ["bib", "ris", "json"] {
        out.push(fixed(bibliography(slug, ext), "the bibliography"));
    }
    out.push(fixed(exports_script(slug), "the sources' exports"));
    if article.timeline.is_some() {
        out.push(fixed(timeline_page(slug), "the timeline page"));
        out.push(fixed(
            timeline_picture(slug, false),
            "the timeline's picture",
        ));
        out.push(fixed(
            timeline_picture(slug, true),
            "the timeline's phone picture",
        ));
    }
    if article.has_charts() {
        out.push(fixed(gallery(slug), "the gallery of charts"));
    }
    for (i, c) in article.charts.iter().enumerate() {
        let mut add = |path: String, what: &str| {
            out.push(Planned {
                path,
                what: format!("{what} of chart `{}`", c.id),
                chart: Some(i),
            })
        };
        add(chart_page(slug, &c.id), "the page");
        add(embed_page(slug, &c.id), "the embed page");
        add(chart_data(slug, &c.id, "csv"), "the CSV");
        add(chart_data(slug, &c.id, "json"), "the JSON");
        add(chart_data(slug, &c.id, "svg"), "the picture");
        add(chart_narrow_picture(slug, &c.id), "the phone picture");
    }
    out
}

/// Outputs that would be written to a path an earlier one already has: (earlier, later).
pub(crate) fn collisions(planned: &[Planned]) -> Vec<(&Planned, &Planned)> {
    let mut seen: HashMap<&str, &Planned> = HashMap::new();
    let mut out = Vec::new();
    for p in planned {
        if let Some(first) = seen.insert(&p.path, p) {
            out.push((first, p));
        }
    }
    out
}
