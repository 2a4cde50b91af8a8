//! Parse phase of one article folder: front matter, the Markdown tree and the records of
//! `sources`, `timeline.toml` and `charts.toml`, each checked on its own. Whether each file
//! parsed cleanly is kept, so the resolve phase does not report errors that only follow from a
//! file that did not parse.

pub(crate) mod charts;
pub(crate) mod markdown;
pub(crate) mod record_ids;
pub(crate) mod site;
pub(crate) mod sources;
pub(crate) mod timeline;
pub(crate) mod toml_file;

use std::ops::Range;

use crate::model::article::FrontMatter;
use toml::Spanned;

use crate::diag::{Problems, SourceMap};
use crate::load::ArticleFiles;
use crate::model::charts::Chart;
use crate::model::dates::PartialDate;
use crate::model::sources::Source;
use crate::model::timeline::Timeline;
use crate::parse::charts::load_charts;
use crate::parse::markdown::Doc;
use crate::parse::sources::load_sources;
use crate::parse::timeline::load_timeline;
use crate::parse::toml_file::parse_toml_in;

/// An article folder, parsed but not yet resolved.
pub(crate) struct ParsedArticle<'a> {
    pub files: &'a ArticleFiles,
    pub meta: FrontMatter,
    /// `published`, checked.
    pub published: Option<PartialDate>,
    /// `citation_style`, resolved.
    pub citation_style: Option<crate::cite::styles::CitationStyle>,
    pub lang: String,
    pub doc: Doc,
    pub sources: Vec<Source>,
    /// False when the sources file had errors (unknown keys are then not reported).
    pub sources_ok: bool,
    pub timeline: Option<Timeline>,
    pub charts: Vec<Chart>,
    /// False when charts.toml did not parse (undefined charts are then not reported).
    pub charts_ok: bool,
    /// Charts whose records had errors: a chart block naming one is not reported again.
    pub charts_rejected: Vec<String>,
}

/// Where the `+++` front matter's TOML is and where the Markdown body starts (byte offsets).
fn split_front_matter(text: &str) -> Option<(Range<usize>, usize)> {
    let rest = text.strip_prefix("+++")?;
    let newline = if rest.starts_with("\r\n") {
        2
    } else if rest.starts_with('\n') {
        1
    } else {
        return None;
    };
    let front_start = 3 + newline;
    let mut offset = front_start;
    for line in text[front_start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Some((front_start..offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

/// The front matter's checked fields, with their places.
#[derive(serde::Deserialize)]
struct FrontSpans {
    #[serde(default)]
    published: Option<Spanned<String>>,
    #[serde(default)]
    publisher_url: Option<Spanned<String>>,
}

/// Checks `published` (a date) and `publisher_url` (a web address); returns the date.
fn check_front_matter(
    src: &SourceMap<'_>,
    front: Range<usize>,
    problems: &mut Problems,
) -> Option<PartialDate> {
    let text = src.text().get(front.clone())?;
    let spans: FrontSpans = toml::from_str(text).ok()?;
    let at = |s: &Spanned<String>| s.span().start + front.start..s.span().end + front.start;
    if let Some(url) = &spans.publisher_url {
        if !crate::model::site::is_web_address(url.get_ref()) {
            problems.error_at(
                src,
                at(url),
                format!(
                    "publisher_url `{}` is not an absolute http(s) address",
                    url.get_ref()
                ),
                "write the address of the original publication, starting with https://",
            );
        }
    }
    let published = spans.published.as_ref()?;
    match PartialDate::parse(published.get_ref()) {
        Ok(d) => Some(d),
        Err(e) => {
            problems.error_at(
                src,
                at(published),
                format!("published: the date {e}"),
                "write it as YYYY, YYYY-MM or YYYY-MM-DD",
            );
            None
        }
    }
}

/// Parses one article folder; `None` when its front matter is missing or broken.
pub(crate) fn parse_article<'a>(
    files: &'a ArticleFiles,
    site_lang: &str,
    problems: &mut Problems,
) -> Option<ParsedArticle<'a>> {
    let file = &files.article;
    let src = SourceMap::new(&file.path, &file.text);
    let Some((front, body_start)) = split_front_matter(&file.text) else {
        problems.error_at(
            &src,
            0..0,
            "article.md must start with TOML front matter between `+++` lines",
            "begin the file with +++, then title = \"…\", author = \"…\", summary = \"…\", then +++",
        );
        return None;
    };
    let meta: FrontMatter = parse_toml_in(&src, front.clone(), problems)?;
    let published = check_front_matter(&src, front.clone(), problems);
    let citation_style = crate::render::pages::sources::check_front_matter(
        &meta,
        &file.path,
        &file.text[front],
        problems,
    );
    let doc = markdown::parse(&src, body_start, problems);
    if let Some(language) = &meta.language {
        crate::parse::site::check_language(language, file, problems);
    }
    let lang = meta
        .language
        .clone()
        .filter(|l| crate::model::languages::is_tag(l))
        .unwrap_or_else(|| site_lang.to_string());
    let (sources, sources_ok) = match &files.sources {
        Some(f) => {
            let before = problems.list.len();
            let sources = load_sources(&f.path, &f.text, problems);
            // A file that did not parse gives no records and an error: its keys are unknown.
            let failed = sources.is_empty()
                && problems.list[before..]
                    .iter()
                    .any(|p| p.severity == crate::diag::Severity::Error);
            (sources, !failed)
        }
        None => (Vec::new(), true),
    };
    let timeline = files
        .timeline
        .as_ref()
        .and_then(|f| load_timeline(f, problems));
    let (charts, charts_ok, charts_rejected) = match &files.charts {
        Some(f) => match load_charts(f, problems) {
            Some(c) => (c.charts, true, c.rejected),
            None => (Vec::new(), false, Vec::new()),
        },
        None => (Vec::new(), true, Vec::new()),
    };
    Some(ParsedArticle {
        files,
        meta,
        published,
        citation_style,
        lang,
        doc,
        sources,
        sources_ok,
        timeline,
        charts,
        charts_ok,
        charts_rejected,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_at_byte_offsets() {
        let text = "+++\ntitle = \"x\"\n+++\nBody\n";
        let (front, body) = split_front_matter(text).unwrap();
        assert_eq!(&text[front], "title = \"x\"\n");
        assert_eq!(&text[body..], "Body\n");
    }
}
