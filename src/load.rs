//! Walks `content/` (sorted, so builds are deterministic) into the files each article is made of.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostics::Problems;
use crate::html::is_key;

/// A content file: where it is and what it says.
#[derive(Debug, Clone)]
pub struct TextFile {
    pub path: PathBuf,
    pub text: String,
}

/// The files of one article folder.
#[derive(Debug, Clone)]
pub struct ArticleFiles {
    pub slug: String,
    pub article: TextFile,
    pub sources: Option<TextFile>,
    pub timeline: Option<TextFile>,
    pub charts: Option<TextFile>,
}

fn read(path: &Path, problems: &mut Problems) -> Option<TextFile> {
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => {
                let text = text
                    .strip_prefix('\u{feff}')
                    .map(str::to_string)
                    .unwrap_or(text);
                if let Some((at, c)) = control_character(&text) {
                    let src = crate::diagnostics::SourceMap::new(path, &text);
                    problems.error_at(
                        &src,
                        at..at + c.len_utf8(),
                        format!("this file holds the control character U+{:04X}", u32::from(c)),
                        "delete it (it may come from a copy from a terminal or a file saved in the wrong encoding)",
                    );
                    return None;
                }
                Some(TextFile {
                    path: path.to_path_buf(),
                    text,
                })
            }
            Err(e) => {
                let at = e.utf8_error().valid_up_to();
                let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                problems.error(
                    path,
                    (line, 1),
                    "this file is not valid UTF-8",
                    "save it as UTF-8",
                );
                None
            }
        },
        Err(e) => {
            problems.error(
                path,
                (1, 1),
                format!("cannot read this file: {e}"),
                "check that it exists and is readable",
            );
            None
        }
    }
}

/// The first control character other than tab, line feed and carriage return: none of them has
/// a place in text, and escape sequences must never reach a page or a terminal.
fn control_character(text: &str) -> Option<(usize, char)> {
    text.char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

fn optional(path: PathBuf, problems: &mut Problems) -> Option<TextFile> {
    if path.is_file() {
        read(&path, problems)
    } else {
        None
    }
}

/// The article's sources: whichever of `sources.toml`, `sources.json` (CSL-JSON) and
/// `sources.bib` (BibTeX) the folder has; more than one is an error.
fn sources_file(dir: &Path, problems: &mut Problems) -> Option<TextFile> {
    let found: Vec<PathBuf> = ["sources.toml", "sources.json", "sources.bib"]
        .iter()
        .map(|name| dir.join(name))
        .filter(|p| p.is_file())
        .collect();
    if found.len() > 1 {
        let names: Vec<String> = found
            .iter()
            .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().to_string()))
            .collect();
        problems.error(
            &found[1],
            (1, 1),
            format!(
                "this article has {} sources files: {}",
                found.len(),
                names.join(", ")
            ),
            "keep one: sources.toml, sources.json (CSL-JSON) or sources.bib (BibTeX)",
        );
    }
    found.first().and_then(|p| read(p, problems))
}

/// An article's folder, found but not yet read.
#[derive(Debug, Clone)]
pub struct ArticleFolder {
    pub slug: String,
    pub dir: PathBuf,
}

/// `site.toml` and the article folders of a content folder.
#[derive(Debug, Default)]
pub struct ContentFolders {
    pub site: Option<TextFile>,
    pub articles: Vec<ArticleFolder>,
}

/// Reads `site.toml` and lists every `articles/<slug>/` folder (sorted, so builds are
/// deterministic); the articles themselves are read one by one ([`read_article`]).
pub fn find_content(content: &Path, problems: &mut Problems) -> ContentFolders {
    let site = optional(content.join("site.toml"), problems);
    let articles_dir = content.join("articles");
    let mut articles = Vec::new();
    if !articles_dir.is_dir() {
        problems.error(
            &articles_dir,
            (1, 1),
            "there is no articles folder",
            "put each article in content/articles/<slug>/article.md (see content/README.md)",
        );
        return ContentFolders { site, articles };
    }
    let dirs = WalkDir::new(&articles_dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir());
    let mut folders = 0;
    for entry in dirs {
        let dir = entry.path();
        let slug = entry.file_name().to_string_lossy().to_string();
        if slug.starts_with('.') {
            continue;
        }
        folders += 1;
        if !is_key(&slug) {
            problems.error(
                dir,
                (1, 1),
                format!("the article folder name `{slug}` is not a valid slug"),
                "rename it with lowercase ASCII letters, digits and `-`",
            );
            continue;
        }
        articles.push(ArticleFolder {
            slug,
            dir: dir.to_path_buf(),
        });
    }
    if folders == 0 {
        problems.error(
            &articles_dir,
            (1, 1),
            "there are no articles",
            "add a folder articles/<slug>/ with an article.md",
        );
    }
    ContentFolders { site, articles }
}

/// Reads one article folder's files.
pub fn read_article(folder: &ArticleFolder, problems: &mut Problems) -> Option<ArticleFiles> {
    let dir = &folder.dir;
    let article_path = dir.join("article.md");
    if !article_path.is_file() {
        problems.error(
            &article_path,
            (1, 1),
            "this article folder has no article.md",
            "add article.md with front matter and the text (see content/README.md)",
        );
        return None;
    }
    let article = read(&article_path, problems)?;
    Some(ArticleFiles {
        slug: folder.slug.clone(),
        article,
        sources: sources_file(dir, problems),
        timeline: optional(dir.join("timeline.toml"), problems),
        charts: optional(dir.join("charts.toml"), problems),
    })
}
