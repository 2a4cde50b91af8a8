//! Moving a staged build into the output folder, and recovering from a build that died.
//!
//! The journal `.explainer/commit` is written once every changed file is staged and lists the
//! stale files to remove. While it exists the staged build is complete and is being moved in:
//! a build that finds it finishes the move ([`recover`]). Without it, a staging folder is the
//! debris of a build that never finished, and is deleted.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{check_rel_path, same_bytes, Fate, Manifest, LEGACY_MARKER, STATE_DIR};

/// Where explainer keeps its state inside an output folder.
pub(super) struct StatePaths {
    pub dir: PathBuf,
    pub lock: PathBuf,
    pub staging: PathBuf,
    pub manifest: PathBuf,
    manifest_new: PathBuf,
    journal: PathBuf,
    journal_new: PathBuf,
    /// Present while a build writes straight into a folder that held no site.
    direct: PathBuf,
}

impl StatePaths {
    pub(super) fn new(root: &Path) -> StatePaths {
        let dir = root.join(STATE_DIR);
        StatePaths {
            lock: dir.join("lock"),
            staging: dir.join("staging"),
            manifest: dir.join("manifest.json"),
            manifest_new: dir.join("manifest.json.new"),
            journal: dir.join("commit"),
            journal_new: dir.join("commit.new"),
            direct: dir.join("direct"),
            dir,
        }
    }
}

/// Commits the staged files (`staged`, relative paths) over the output folder; every path the
/// build produced is a key of `fates`. Returns how many stale files were removed.
pub(super) fn commit(
    root: &Path,
    paths: &StatePaths,
    staged: &[&str],
    fates: &HashMap<String, Fate>,
    manifest: &Manifest,
) -> io::Result<usize> {
    // A build written straight into an empty folder has nothing stale to look for.
    let stale: Vec<String> = if paths.direct.exists() {
        Vec::new()
    } else {
        site_files(root)?
            .into_iter()
            .filter(|p| !fates.contains_key(p))
            .collect()
    };
    let manifest_json = manifest.to_json();
    let manifest_changed = !same_bytes(&paths.manifest, manifest_json.as_bytes());
    if staged.is_empty() && stale.is_empty() && !manifest_changed {
        remove_if_there(&paths.staging, fs::remove_dir_all)?;
        remove_if_there(&paths.direct, fs::remove_file)?;
        return Ok(0);
    }
    if manifest_changed {
        fs::write(&paths.manifest_new, manifest_json)?;
    }
    // From here on the staged build is complete: write the journal atomically.
    fs::write(
        &paths.journal_new,
        serde_json::to_string(&stale).unwrap_or_default(),
    )?;
    fs::rename(&paths.journal_new, &paths.journal)?;
    move_in(root, paths, staged, &stale)?;
    Ok(stale.len())
}

/// Moves the staged files into place, removes the stale ones, installs the new manifest and
/// deletes the journal. Safe to run again after being interrupted at any point.
fn move_in<S: AsRef<str>>(
    root: &Path,
    paths: &StatePaths,
    staged: &[S],
    stale: &[String],
) -> io::Result<()> {
    let mut folders = HashSet::new();
    for (moved, rel) in staged.iter().enumerate() {
        if cfg!(test) && crash_now(moved) {
            return Err(io::Error::other("simulated crash while moving files in"));
        }
        let rel = rel.as_ref();
        if check_rel_path(rel).is_err() {
            continue;
        }
        if let Some((dir, _)) = rel.rsplit_once('/') {
            ensure_folder(root, dir, &mut folders)?;
        }
        let target = root.join(rel);
        // A folder where a file now goes holds only stale files.
        if fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
            fs::remove_dir_all(&target)?;
        }
        let staged = paths.staging.join(rel);
        match fs::rename(&staged, &target) {
            // Moved in by an earlier, interrupted run of this commit.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            // The target folder is on another device (a mount inside the output).
            Err(e) if e.kind() == io::ErrorKind::CrossesDevices => copy_in(&staged, &target)?,
            r => r?,
        }
    }
    for rel in stale {
        // A stale path may now be a folder of new files, or lie under a new file: leave those.
        // The journal may have been planted: only paths inside the site, reached through real
        // folders, are removed (never through a link, never outside the output).
        if !inside(root, rel) {
            continue;
        }
        let path = root.join(rel);
        if fs::symlink_metadata(&path).is_ok_and(|m| !m.is_dir()) {
            fs::remove_file(&path)?;
        }
    }
    remove_emptied_folders(root, stale);
    if paths.manifest_new.exists() {
        fs::rename(&paths.manifest_new, &paths.manifest)?;
    }
    remove_if_there(&paths.staging, fs::remove_dir_all)?;
    remove_if_there(&paths.direct, fs::remove_file)?;
    fs::remove_file(&paths.journal)
}

/// Moves a staged file across devices: copied beside its target, then renamed over it (so the
/// target is never half-written), then the staged copy removed. Safe to run again.
fn copy_in(staged: &Path, target: &Path) -> io::Result<()> {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(".explainer-new");
    let beside = target.with_file_name(name);
    fs::copy(staged, &beside)?;
    fs::rename(&beside, target)?;
    fs::remove_file(staged)
}

/// Whether `rel` (read from the output's own state, so untrusted) names a path inside the site
/// reached through real folders only: relative, no `..`, not in the state folder, and no folder
/// on the way a link.
fn inside(root: &Path, rel: &str) -> bool {
    if check_rel_path(rel).is_err() {
        return false;
    }
    let mut dir = root.to_path_buf();
    let mut segments: Vec<&str> = rel.split('/').collect();
    segments.pop();
    segments.into_iter().all(|s| {
        dir.push(s);
        fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir())
    })
}

/// The journal's text when it is a regular file (not a link, pipe or device) of sane size.
fn read_journal(path: &Path) -> io::Result<String> {
    let meta = fs::symlink_metadata(path)?;
    if !meta.is_file() || meta.len() > crate::model::limits::MAX_FILE_BYTES {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "the journal is not a regular file",
        ));
    }
    fs::read_to_string(path)
}

thread_local! {
    /// Tests only: makes `move_in` fail after moving this many files, as if the process had
    /// died there.
    pub(super) static CRASH_AFTER_MOVES: std::cell::Cell<Option<usize>> =
        const { std::cell::Cell::new(None) };
}

fn crash_now(moved: usize) -> bool {
    CRASH_AFTER_MOVES.get() == Some(moved)
}

fn remove_if_there<'a>(path: &'a Path, remove: fn(&'a Path) -> io::Result<()>) -> io::Result<()> {
    match remove(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        r => r,
    }
}

/// Whether the output folder holds nothing but explainer's state.
pub(super) fn holds_no_site(root: &Path) -> io::Result<bool> {
    for entry in fs::read_dir(root)? {
        if entry?.file_name() != STATE_DIR {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Notes that this build writes straight into the (empty) output folder, so that if it dies the
/// next build empties the folder again.
pub(super) fn mark_direct(paths: &StatePaths) -> io::Result<()> {
    fs::write(&paths.direct, "")
}

/// Makes `root/dir` a real folder, removing a stale file (or link) standing where a folder goes.
fn ensure_folder(root: &Path, dir: &str, made: &mut HashSet<String>) -> io::Result<()> {
    let mut end = 0;
    for segment in dir.split('/') {
        end += segment.len();
        let prefix = &dir[..end];
        end += 1;
        if made.contains(prefix) {
            continue;
        }
        let path = root.join(prefix);
        match fs::symlink_metadata(&path) {
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                fs::remove_file(&path)?;
                fs::create_dir(&path)?;
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => fs::create_dir(&path)?,
            Err(e) => return Err(e),
        }
        made.insert(prefix.to_string());
    }
    Ok(())
}

/// Removes the folders that held stale files and are now empty, deepest first.
fn remove_emptied_folders(root: &Path, stale: &[String]) {
    let mut folders: Vec<&str> = stale
        .iter()
        .filter_map(|p| p.rsplit_once('/').map(|(d, _)| d))
        .collect();
    folders.sort_by_key(|d| std::cmp::Reverse(d.matches('/').count()));
    folders.dedup();
    let mut tried = HashSet::new();
    for dir in folders {
        let mut dir = Some(dir);
        while let Some(d) = dir.filter(|d| tried.insert(d.to_string())) {
            if fs::remove_dir(root.join(d)).is_err() {
                break;
            }
            dir = d.rsplit_once('/').map(|(parent, _)| parent);
        }
    }
}

/// Every file (not folder) under `root` except explainer's state, as relative `/` paths.
fn site_files(root: &Path) -> io::Result<Vec<String>> {
    files_under(root, |e| e.depth() != 1 || e.file_name() != STATE_DIR)
}

fn files_under(
    dir: &Path,
    keep: impl FnMut(&walkdir::DirEntry) -> bool,
) -> io::Result<Vec<String>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_entry(keep)
    {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).map_err(io::Error::other)?;
        let rel: Vec<_> = rel.iter().map(|s| s.to_string_lossy()).collect();
        files.push(rel.join("/"));
    }
    Ok(files)
}

/// Cleans up after a build that died: finishes moving in a complete staged build, or deletes an
/// incomplete one. Runs under the lock, before anything else.
pub(super) fn recover(root: &Path, paths: &StatePaths) -> io::Result<()> {
    match read_journal(&paths.journal) {
        Ok(text) => {
            let stale: Vec<String> = serde_json::from_str(&text).unwrap_or_default();
            let staged = if paths.staging.exists() {
                files_under(&paths.staging, |e| !e.path_is_symlink())?
            } else {
                Vec::new()
            };
            move_in(root, paths, &staged, &stale)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            discard_uncommitted(root, paths);
            Ok(())
        }
        // Not a journal explainer wrote: the staged build cannot be trusted either.
        Err(e) if e.kind() == io::ErrorKind::InvalidData => {
            fs::remove_file(&paths.journal)?;
            discard_uncommitted(root, paths);
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// Deletes a build that was not committed (no journal): its staging folder, or, when it wrote
/// straight into a folder that held no site, everything it wrote. The output is as before.
pub(super) fn discard_uncommitted(root: &Path, paths: &StatePaths) {
    if paths.journal.exists() {
        return;
    }
    if paths.direct.exists() {
        for entry in fs::read_dir(root).into_iter().flatten().flatten() {
            if entry.file_name() != STATE_DIR {
                let path = entry.path();
                let _ = match entry.file_type() {
                    Ok(t) if t.is_dir() => fs::remove_dir_all(&path),
                    _ => fs::remove_file(&path),
                };
            }
        }
        let _ = fs::remove_file(&paths.direct);
    }
    let _ = fs::remove_dir_all(&paths.staging);
    let _ = fs::remove_file(&paths.manifest_new);
    let _ = fs::remove_file(&paths.journal_new);
}

/// Older versions built into `.NAME.new-PID` beside the output and swapped folders; a build that
/// died left those behind. Removes the ones whose process is gone.
pub(super) fn remove_legacy_debris(root: &Path) {
    let (Some(parent), Some(name)) = (root.parent(), root.file_name()) else {
        return;
    };
    let name = name.to_string_lossy();
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let pid = [".new-", ".old-"].iter().find_map(|kind| {
            file_name
                .strip_prefix('.')?
                .strip_prefix(name.as_ref())?
                .strip_prefix(kind)
        });
        let dead = pid.is_some_and(|pid| {
            pid.bytes().all(|b| b.is_ascii_digit()) && !Path::new("/proc").join(pid).exists()
        });
        if dead && entry.path().join(LEGACY_MARKER).is_file() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}
