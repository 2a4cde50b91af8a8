//! The built site in memory, and writing it to disk: into a fresh folder beside the output, then
//! swapped in, so a failed build never leaves a half-written or missing site.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// File written in every output folder, so the tool knows the folder is its own to replace.
pub const MARKER: &str = ".explainer-output";

/// The built site: output-relative paths (with `/`) to bytes.
#[derive(Default)]
pub struct SiteFiles {
    pub files: BTreeMap<String, Cow<'static, [u8]>>,
}

impl SiteFiles {
    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Cow<'static, [u8]>>) {
        self.files.insert(path.into(), bytes.into());
    }

    pub fn add_text(&mut self, path: impl Into<String>, text: String) {
        self.add(path, text.into_bytes());
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|b| b.as_ref())
    }

    pub fn text(&self, path: &str) -> Option<&str> {
        self.get(path).and_then(|b| std::str::from_utf8(b).ok())
    }

    pub fn total_bytes(&self) -> usize {
        self.files.values().map(|b| b.len()).sum()
    }
}

fn absolute(path: &Path) -> PathBuf {
    let abs = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    // Resolve what exists, keep the rest as written.
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        resolved.push(name);
    }
    resolved
}

/// Why an output folder may not be used; `None` when it may.
pub fn refuse_output(output: &Path, content: &Path) -> Option<String> {
    let out = absolute(output);
    let content = absolute(content);
    let cwd = absolute(Path::new("."));
    if out.parent().is_none() {
        return Some(format!("{} is the root of the file system", out.display()));
    }
    if out == content || content.starts_with(&out) {
        return Some(format!(
            "{} is (or holds) the content folder",
            out.display()
        ));
    }
    if out.starts_with(&content) {
        return Some(format!("{} is inside the content folder", out.display()));
    }
    if cwd.starts_with(&out) {
        return Some(format!(
            "{} is the current folder or one of its parents",
            out.display()
        ));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        if out == absolute(&home) {
            return Some(format!("{} is the home folder", out.display()));
        }
    }
    if out.exists() {
        if !out.is_dir() {
            return Some(format!("{} exists and is not a folder", out.display()));
        }
        let empty = fs::read_dir(&out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty && !out.join(MARKER).is_file() {
            return Some(format!(
                "{} is not empty and was not made by explainer (it has no {MARKER})",
                out.display()
            ));
        }
    }
    None
}

fn write_all(dir: &Path, site: &SiteFiles) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    fs::write(
        dir.join(MARKER),
        "Built by explainer; this folder is replaced on every build.\n",
    )?;
    let folders: std::collections::BTreeSet<&str> = site
        .files
        .keys()
        .filter_map(|p| p.rsplit_once('/').map(|(d, _)| d))
        .collect();
    for folder in folders {
        fs::create_dir_all(dir.join(folder))?;
    }
    // Files are independent: write them on every core.
    let files: Vec<(&String, &Cow<'static, [u8]>)> = site.files.iter().collect();
    let chunk = files.len().div_ceil(threads()).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .try_for_each(|(path, bytes)| fs::write(dir.join(path), bytes))
                })
            })
            .collect();
        handles
            .into_iter()
            .try_for_each(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    })
}

fn threads() -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
}

/// Removes a previous output folder, its top-level entries on every core.
fn remove_all(dir: &Path) -> io::Result<()> {
    let entries: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    let chunk = entries.len().div_ceil(threads()).max(1);
    std::thread::scope(|scope| {
        for part in entries.chunks(chunk) {
            scope.spawn(move || {
                for p in part {
                    let _ = if p.is_dir() {
                        fs::remove_dir_all(p)
                    } else {
                        fs::remove_file(p)
                    };
                }
            });
        }
    });
    fs::remove_dir_all(dir)
}

/// Writes the site to `output`, replacing what was there only once every file is written.
pub fn write_site(site: &SiteFiles, output: &Path) -> io::Result<()> {
    let output = absolute(output);
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    let parent = output.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let pid = std::process::id();
    let fresh = parent.join(format!(".{name}.new-{pid}"));
    let old = parent.join(format!(".{name}.old-{pid}"));
    let _ = fs::remove_dir_all(&fresh);
    if let Err(e) = write_all(&fresh, site) {
        let _ = fs::remove_dir_all(&fresh);
        return Err(e);
    }
    let had_old = output.exists();
    if had_old {
        fs::rename(&output, &old)?;
    }
    if let Err(e) = fs::rename(&fresh, &output) {
        if had_old {
            let _ = fs::rename(&old, &output);
        }
        let _ = fs::remove_dir_all(&fresh);
        return Err(e);
    }
    if had_old {
        let _ = remove_all(&old);
    }
    Ok(())
}
