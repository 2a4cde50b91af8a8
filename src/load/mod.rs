//! Walks `content/` (sorted, so builds are deterministic) into the files each article is made of.
//!
//! Links inside `content/` are followed only while they stay inside it: a link (to an article
//! folder or a file) that leads out of the content folder is refused with an error, never
//! followed or silently skipped. A file or folder that cannot be read is reported with the
//! system's reason (permission denied, …), not as missing.

use std::io;
use std::path::{Path, PathBuf};

use crate::diag::Problems;
use crate::model::html::is_key;
use crate::model::limits;

/// A content file: where it is and what it says.
#[derive(Debug, Clone)]
pub(crate) struct TextFile {
    pub path: PathBuf,
    pub text: String,
}

/// The files of one article folder.
#[derive(Debug, Clone)]
pub(crate) struct ArticleFiles {
    pub slug: String,
    pub article: TextFile,
    pub sources: Option<TextFile>,
    pub timeline: Option<TextFile>,
    pub charts: Option<TextFile>,
}

/// What was found at a path, after following a link that stays inside the content folder.
enum Found {
    File,
    Folder,
    Missing,
    /// Reported already.
    Refused,
}

/// The content folder, resolved, so links can be checked against it.
struct Root(PathBuf);

impl Root {
    /// What `path` is; errors (a link out of the content folder, a dangling link, a permission
    /// problem) are reported against `path`.
    fn find(&self, path: &Path, problems: &mut Problems) -> Found {
        let meta = match std::fs::symlink_metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Found::Missing,
            Err(e) => {
                cannot_read(path, &e, problems);
                return Found::Refused;
            }
        };
        if meta.file_type().is_symlink() {
            let target = match std::fs::canonicalize(path) {
                Ok(t) => t,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    let to = std::fs::read_link(path).unwrap_or_default();
                    problems.error(
                        path,
                        (1, 1),
                        format!("this link points to {}, which does not exist", to.display()),
                        "fix or remove the link",
                    );
                    return Found::Refused;
                }
                Err(e) => {
                    cannot_read(path, &e, problems);
                    return Found::Refused;
                }
            };
            if !target.starts_with(&self.0) {
                problems.error(
                    path,
                    (1, 1),
                    format!(
                        "this link leads out of the content folder, to {}",
                        target.display()
                    ),
                    "move or copy what it points to into the content folder; links that leave it are refused",
                );
                return Found::Refused;
            }
            return match std::fs::metadata(&target) {
                Ok(m) if m.is_dir() => Found::Folder,
                Ok(_) => Found::File,
                Err(e) => {
                    cannot_read(path, &e, problems);
                    Found::Refused
                }
            };
        }
        if meta.is_dir() {
            Found::Folder
        } else {
            Found::File
        }
    }
}

fn cannot_read(path: &Path, e: &io::Error, problems: &mut Problems) {
    let hint = if e.kind() == io::ErrorKind::PermissionDenied {
        "permission denied: give the user running explainer read access (and, for a folder, search access: chmod a+rX)"
    } else {
        "check that it exists and is readable"
    };
    problems.error(path, (1, 1), format!("cannot read this: {e}"), hint);
}

fn read(path: &Path, problems: &mut Problems) -> Option<TextFile> {
    match limits::read_regular(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => {
                let text = text
                    .strip_prefix('\u{feff}')
                    .map(str::to_string)
                    .unwrap_or(text);
                if let Some((at, c)) = control_character(&text) {
                    let src = crate::diag::SourceMap::new(path, &text);
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
        Err(limits::ReadError::Io(e)) => {
            cannot_read(path, &e, problems);
            None
        }
        Err(e) => {
            let (message, hint) = e.explain();
            problems.error(path, (1, 1), message, hint);
            None
        }
    }
}

/// A file that may be absent; a folder in its place is an error.
fn optional(root: &Root, path: PathBuf, problems: &mut Problems) -> Option<TextFile> {
    match root.find(&path, problems) {
        Found::File => read(&path, problems),
        Found::Folder => {
            problems.error(
                &path,
                (1, 1),
                "this is a folder, not a file",
                "rename or remove it",
            );
            None
        }
        Found::Missing | Found::Refused => None,
    }
}

/// The entries of a folder, sorted by name; errors are reported.
fn list(dir: &Path, problems: &mut Problems) -> Vec<(String, PathBuf)> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            cannot_read(dir, &e, problems);
            return Vec::new();
        }
    };
    let mut found = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => found.push((
                entry.file_name().to_string_lossy().to_string(),
                entry.path(),
            )),
            Err(e) => cannot_read(dir, &e, problems),
        }
    }
    found.sort();
    found
}

/// The first control character other than tab, line feed and carriage return: none of them has
/// a place in text, and escape sequences must never reach a page or a terminal.
fn control_character(text: &str) -> Option<(usize, char)> {
    text.char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// The article's sources: whichever of `sources.toml`, `sources.json` (CSL-JSON) and
/// `sources.bib` (BibTeX) the folder has; more than one is an error.
fn sources_file(root: &Root, dir: &Path, problems: &mut Problems) -> Option<TextFile> {
    let mut found: Vec<TextFile> = ["sources.toml", "sources.json", "sources.bib"]
        .iter()
        .filter_map(|name| optional(root, dir.join(name), problems))
        .collect();
    if found.len() > 1 {
        let names: Vec<String> = found
            .iter()
            .filter_map(|f| f.path.file_name().map(|n| n.to_string_lossy().to_string()))
            .collect();
        problems.error(
            &found[1].path,
            (1, 1),
            format!(
                "this article has {} sources files: {}",
                found.len(),
                names.join(", ")
            ),
            "keep one: sources.toml, sources.json (CSL-JSON) or sources.bib (BibTeX)",
        );
    }
    (!found.is_empty()).then(|| found.remove(0))
}

/// An article's folder, found but not yet read.
#[derive(Debug, Clone)]
pub(crate) struct ArticleFolder {
    pub slug: String,
    pub dir: PathBuf,
    /// The content folder, resolved (links may not leave it).
    root: PathBuf,
}

/// `site.toml` and the article folders of a content folder.
#[derive(Debug, Default)]
pub(crate) struct ContentFolders {
    pub site: Option<TextFile>,
    pub articles: Vec<ArticleFolder>,
}

/// Reads `site.toml` and lists every `articles/<slug>/` folder (sorted, so builds are
/// deterministic; links followed where they stay inside the content folder); the articles
/// themselves are read one by one ([`read_article`]).
pub(crate) fn find_content(content: &Path, problems: &mut Problems) -> ContentFolders {
    let root = Root(std::fs::canonicalize(content).unwrap_or_else(|_| content.to_path_buf()));
    let site = optional(&root, content.join("site.toml"), problems);
    let articles_dir = content.join("articles");
    let mut articles = Vec::new();
    match root.find(&articles_dir, problems) {
        Found::Folder => {}
        Found::Refused => return ContentFolders { site, articles },
        Found::File | Found::Missing => {
            problems.error(
                &articles_dir,
                (1, 1),
                "there is no articles folder",
                "put each article in content/articles/<slug>/article.md (see content/README.md)",
            );
            return ContentFolders { site, articles };
        }
    }
    let errors_before = problems.errors().count();
    for (slug, dir) in list(&articles_dir, problems) {
        if slug.starts_with('.') {
            continue;
        }
        match root.find(&dir, problems) {
            Found::Folder => {}
            Found::File | Found::Missing | Found::Refused => continue,
        }
        if !is_key(&slug) {
            problems.error(
                &dir,
                (1, 1),
                format!("the article folder name `{slug}` is not a valid slug"),
                "rename it with lowercase ASCII letters, digits and `-`",
            );
            continue;
        }
        articles.push(ArticleFolder {
            slug,
            dir,
            root: root.0.clone(),
        });
    }
    // Say there are no articles only when no other problem explains it.
    if articles.is_empty() && problems.errors().count() == errors_before {
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
pub(crate) fn read_article(
    folder: &ArticleFolder,
    problems: &mut Problems,
) -> Option<ArticleFiles> {
    let root = Root(folder.root.clone());
    let dir = folder.dir.as_path();
    let article_path = dir.join("article.md");
    match root.find(&article_path, problems) {
        Found::File => {}
        Found::Refused => return None,
        Found::Folder | Found::Missing => {
            problems.error(
                &article_path,
                (1, 1),
                "this article folder has no article.md",
                "add article.md with front matter and the text (see content/README.md)",
            );
            return None;
        }
    }
    let article = read(&article_path, problems)?;
    Some(ArticleFiles {
        slug: folder.slug.clone(),
        article,
        sources: sources_file(&root, dir, problems),
        timeline: optional(&root, dir.join("timeline.toml"), problems),
        charts: optional(&root, dir.join("charts.toml"), problems),
    })
}
