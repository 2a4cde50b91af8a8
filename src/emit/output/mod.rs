//! The built site in memory ([`SiteFiles`]), and writing it to disk ([`OutputDir`]).
//!
//! Writing only changes what changed, in place, so a deploy uploads only what changed and the
//! output folder may be a mount point:
//! 1. [`OutputDir::open`] takes a lock on the folder (a second build waits), cleans up after a
//!    build that crashed, and checks the folder is one explainer may write to.
//! 2. [`OutputDir::put`] (from any thread, as each page is ready) compares the bytes with the file
//!    already there: an unchanged file is left alone (its modification time kept); a changed one
//!    is written into a staging folder inside the output folder, `.explainer/staging/`.
//! 3. [`OutputDir::finish`] moves the staged files into place (a rename on the same file system)
//!    and then removes the files this build did not produce. [`OutputDir::abandon`] (or dropping
//!    it) deletes the staging folder: a failed build leaves the previous output byte-identical.
//!
//! Into a folder that holds no site yet, files are written straight into place (no staging, no
//! renames): abandoning that build empties the folder again.
//!
//! If the process dies while moving files in, the next build's `open` completes the move (a
//! journal says the staged build was complete), so the folder always ends up as one whole build.

mod commit;
pub mod manifest;

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

pub use manifest::{ArticleRecord, InputsHash, Manifest};

/// The folder inside every output folder that holds explainer's own state: its presence says the
/// output folder is explainer's to rewrite. Deploy with `rsync --exclude=.explainer`.
pub const STATE_DIR: &str = ".explainer";
/// What older versions left in their output folders instead of [`STATE_DIR`].
const LEGACY_MARKER: &str = ".explainer-output";

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
    refuse_folder(&out)
}

/// The checks that need only the output folder itself.
fn refuse_folder(out: &Path) -> Option<String> {
    if out.parent().is_none() {
        return Some(format!("{} is the root of the file system", out.display()));
    }
    match fs::symlink_metadata(out) {
        Err(_) => None,
        Ok(m) if !m.is_dir() && !fs::metadata(out).is_ok_and(|m| m.is_dir()) => {
            Some(format!("{} exists and is not a folder", out.display()))
        }
        Ok(_) => {
            let empty = fs::read_dir(out)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false);
            let ours = out.join(STATE_DIR).is_dir() || out.join(LEGACY_MARKER).is_file();
            (!empty && !ours).then(|| {
                format!(
                    "{} is not empty and was not made by explainer (it has no {STATE_DIR} folder)",
                    out.display()
                )
            })
        }
    }
}

/// What a finished write did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files written because they are new or their bytes changed.
    pub written: usize,
    /// Files given whose bytes were already on disk (left alone).
    pub unchanged: usize,
    /// Files kept from the previous build without being rendered ([`OutputDir::reuse_article`]).
    pub reused: usize,
    /// Files of the previous build that this one did not produce, removed.
    pub removed: usize,
    /// Bytes of the written files.
    pub bytes_written: u64,
}

/// What became of a path given to this build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// Staged: moved into place by `finish`.
    Staged(u64),
    /// Already on disk with the same bytes.
    Unchanged,
    /// Kept from the previous build by `reuse_article`.
    Reused,
}

/// An output folder being written by one build; see the module doc for the steps.
pub struct OutputDir {
    root: PathBuf,
    paths: commit::StatePaths,
    /// Held until the build is finished or abandoned; the OS releases it if the process dies.
    _lock: File,
    /// The folder held no site when opened: files are written straight into place (there is
    /// nothing to keep byte-identical but emptiness, which abandoning restores).
    direct: bool,
    previous: OnceLock<Manifest>,
    fates: Mutex<HashMap<String, Fate>>,
    articles: Mutex<BTreeMap<String, ArticleRecord>>,
    done: bool,
}

impl OutputDir {
    /// Opens (creating it if needed) the output folder and locks it; waits while another build
    /// holds the lock. Fails when the folder is not explainer's to write (see [`refuse_output`]).
    pub fn open(path: &Path) -> io::Result<OutputDir> {
        let root = absolute(path);
        if let Some(why) = refuse_folder(&root) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, why));
        }
        fs::create_dir_all(&root)?;
        let paths = commit::StatePaths::new(&root);
        fs::create_dir_all(&paths.dir)?;
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&paths.lock)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                eprintln!(
                    "waiting for another build into {} to finish",
                    root.display()
                );
                lock.lock()?;
            }
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
        commit::recover(&root, &paths)?;
        commit::remove_legacy_debris(&root);
        let direct = commit::holds_no_site(&root)?;
        if direct {
            commit::mark_direct(&paths)?;
        } else {
            fs::create_dir(&paths.staging)?;
        }
        Ok(OutputDir {
            root,
            paths,
            _lock: lock,
            direct,
            previous: OnceLock::new(),
            fates: Mutex::new(HashMap::new()),
            articles: Mutex::new(BTreeMap::new()),
            done: false,
        })
    }

    /// The output folder (absolute).
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Adds a file of the site at `rel_path` (relative, with `/`). Each path may be given once;
    /// a second time is an error naming it. Safe to call from many threads at once.
    pub fn put(&self, rel_path: &str, bytes: &[u8]) -> io::Result<()> {
        check_rel_path(rel_path)?;
        let target = self.root.join(rel_path);
        let fate = if !self.direct && same_bytes(&target, bytes) {
            Fate::Unchanged
        } else {
            Fate::Staged(bytes.len() as u64)
        };
        self.claim(rel_path, fate)?;
        if fate != Fate::Unchanged {
            let staged = if self.direct {
                target
            } else {
                self.paths.staging.join(rel_path)
            };
            if let Err(e) = fs::write(&staged, bytes) {
                if e.kind() != io::ErrorKind::NotFound {
                    return Err(e);
                }
                if let Some(parent) = staged.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::write(&staged, bytes)?;
            }
        }
        Ok(())
    }

    fn claim(&self, rel_path: &str, fate: Fate) -> io::Result<()> {
        let mut fates = self.fates.lock().unwrap_or_else(|e| e.into_inner());
        match fates.entry(rel_path.to_string()) {
            Entry::Occupied(_) => Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("two files of the site would be written to {rel_path}"),
            )),
            Entry::Vacant(v) => {
                v.insert(fate);
                Ok(())
            }
        }
    }

    /// The manifest the previous finished build left (empty when there is none), read once.
    pub fn previous(&self) -> &Manifest {
        self.previous.get_or_init(|| {
            fs::symlink_metadata(&self.paths.manifest)
                .is_ok_and(|m| m.is_file() && m.len() <= crate::model::limits::MAX_FILE_BYTES)
                .then(|| fs::read_to_string(&self.paths.manifest).ok())
                .flatten()
                .and_then(|t| Manifest::parse(&t))
                .unwrap_or_default()
        })
    }

    /// Keeps the files the previous build made for article `slug` when that build was made by
    /// this executable from the same `inputs` ([`InputsHash`]) and its files are all still there.
    /// Returns what was recorded with the article when it did (the caller need not render the
    /// article), `None` when it did not.
    pub fn reuse_article(&self, slug: &str, inputs: &str) -> Option<serde_json::Value> {
        let record = self.previous().unchanged(slug, inputs)?;
        let present = record.files.iter().all(|f| {
            check_rel_path(f).is_ok()
                && fs::symlink_metadata(self.root.join(f)).is_ok_and(|m| m.is_file())
        });
        if !present {
            return None;
        }
        {
            let mut fates = self.fates.lock().unwrap_or_else(|e| e.into_inner());
            if record.files.iter().any(|f| fates.contains_key(f)) {
                return None;
            }
            for f in &record.files {
                fates.insert(f.clone(), Fate::Reused);
            }
        }
        self.record_article(slug, inputs, record.files.clone(), record.extra.clone());
        Some(record.extra.clone())
    }

    /// Records in the manifest which files article `slug` produced from `inputs`, so the next
    /// build can reuse them. Every file must also have been given to [`OutputDir::put`].
    pub fn record_article(
        &self,
        slug: &str,
        inputs: &str,
        files: Vec<String>,
        extra: serde_json::Value,
    ) {
        let record = ArticleRecord {
            inputs: inputs.to_string(),
            files,
            extra,
        };
        self.articles
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(slug.to_string(), record);
    }

    /// Moves the changed files into place, then removes the files this build did not produce.
    pub fn finish(mut self) -> io::Result<WriteReport> {
        self.done = true;
        let fates = std::mem::take(self.fates.get_mut().unwrap_or_else(|e| e.into_inner()));
        let mut articles =
            std::mem::take(self.articles.get_mut().unwrap_or_else(|e| e.into_inner()));
        // A record naming a file the build did not produce would make the next build keep
        // a file that is gone: keep only whole records.
        articles.retain(|_, r| r.files.iter().all(|f| fates.contains_key(f)));
        let manifest = Manifest {
            tool: manifest::tool_fingerprint().to_string(),
            articles,
        };
        let mut report = WriteReport::default();
        let mut staged = Vec::new();
        for (path, fate) in &fates {
            match fate {
                Fate::Staged(len) => {
                    report.written += 1;
                    report.bytes_written += len;
                    staged.push(path.as_str());
                }
                Fate::Unchanged => report.unchanged += 1,
                Fate::Reused => report.reused += 1,
            }
        }
        if self.direct {
            staged.clear();
        }
        let result = commit::commit(&self.root, &self.paths, &staged, &fates, &manifest);
        match result {
            Ok(removed) => {
                report.removed = removed;
                Ok(report)
            }
            Err(e) => {
                commit::discard_uncommitted(&self.root, &self.paths);
                Err(e)
            }
        }
    }

    /// Gives up on this build: the output folder is left exactly as it was.
    pub fn abandon(self) {}
}

impl Drop for OutputDir {
    fn drop(&mut self) {
        if !self.done {
            commit::discard_uncommitted(&self.root, &self.paths);
        }
    }
}

/// A path inside the site: relative, `/`-separated, no `.`/`..`/empty segments, no control
/// characters or backslashes, and not inside [`STATE_DIR`].
fn check_rel_path(rel: &str) -> io::Result<()> {
    let bad = rel.is_empty()
        || rel
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == "..")
        || rel.chars().any(|c| c.is_control() || c == '\\')
        || rel.split('/').next() == Some(STATE_DIR);
    if bad {
        Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{rel:?} is not a path inside the site"),
        ))
    } else {
        Ok(())
    }
}

/// Whether `path` is a regular file holding exactly `bytes` (a size check first, then the bytes).
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    let Ok(mut file) = File::open(path) else {
        return false;
    };
    let fits = file
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64);
    if !fits {
        return false;
    }
    let mut chunk = vec![0u8; bytes.len().clamp(1, 1 << 20)];
    let mut rest = bytes;
    loop {
        let want = rest.len().min(chunk.len());
        match file.read(&mut chunk[..want.max(1)]) {
            Ok(0) => return rest.is_empty(),
            Ok(n) if n <= rest.len() && chunk[..n] == rest[..n] => rest = &rest[n..],
            _ => return false,
        }
    }
}

/// Writes a whole site held in memory to `output`, on every core.
pub fn write_site(site: &SiteFiles, output: &Path) -> io::Result<WriteReport> {
    let out = OutputDir::open(output)?;
    let files: Vec<(&String, &Cow<'static, [u8]>)> = site.files.iter().collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let chunk = files.len().div_ceil(threads).max(1);
    let written = std::thread::scope(|scope| {
        let handles: Vec<_> = files
            .chunks(chunk)
            .map(|part| {
                let out = &out;
                scope.spawn(move || {
                    part.iter()
                        .try_for_each(|(path, bytes)| out.put(path, bytes))
                })
            })
            .collect();
        handles
            .into_iter()
            .try_for_each(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    });
    match written {
        Ok(()) => out.finish(),
        Err(e) => {
            out.abandon();
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_stay_inside_the_site() {
        for good in [
            "index.html",
            "a/b/c.json",
            "assets/plotly-1a2b.js",
            "ф.html",
        ] {
            assert!(check_rel_path(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "a//b",
            "a/./b",
            "../x",
            "a/..",
            "a\\b",
            "a\nb",
            ".explainer/manifest.json",
            "dir/",
        ] {
            assert!(check_rel_path(bad).is_err(), "{bad:?}");
        }
    }

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("explainer-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    fn files(dir: &Path) -> Vec<(String, String)> {
        let mut found: Vec<_> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .filter_entry(|e| e.file_name() != STATE_DIR)
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
                (rel, fs::read_to_string(e.path()).unwrap())
            })
            .collect();
        found.sort();
        found
    }

    fn site(files: &[(&str, &str)]) -> SiteFiles {
        let mut site = SiteFiles::default();
        for (p, t) in files {
            site.add_text(*p, t.to_string());
        }
        site
    }

    /// The process dies while moving the staged files in: the next build's `open` finishes the
    /// move, so the folder holds the whole new site, not a mix.
    #[test]
    fn a_commit_cut_short_is_completed_by_the_next_open() {
        let out = temp("cut-short");
        write_site(
            &site(&[("a.html", "a1"), ("b/c.html", "c1"), ("old.html", "o")]),
            &out,
        )
        .unwrap();
        let next = site(&[("a.html", "a2"), ("b/c.html", "c2"), ("d/e.html", "e")]);
        commit::CRASH_AFTER_MOVES.set(Some(1));
        assert!(write_site(&next, &out).is_err());
        commit::CRASH_AFTER_MOVES.set(None);
        let mixed = files(&out);
        assert!(
            mixed.contains(&("old.html".into(), "o".into())),
            "{mixed:?}"
        );
        assert!(out.join(STATE_DIR).join("commit").is_file());
        OutputDir::open(&out).unwrap().abandon();
        let whole: Vec<(String, String)> = next
            .files
            .iter()
            .map(|(p, b)| (p.clone(), String::from_utf8(b.to_vec()).unwrap()))
            .collect();
        assert_eq!(files(&out), whole);
        let state: Vec<_> = fs::read_dir(out.join(STATE_DIR))
            .unwrap()
            .flatten()
            .collect();
        assert_eq!(state.len(), 2, "only the lock and the manifest remain");
        fs::remove_dir_all(&out).unwrap();
    }

    /// Debris of builds that died before committing: a staging folder, a half-written manifest,
    /// and files written straight into a folder that held no site.
    #[test]
    fn uncommitted_debris_is_removed_and_the_output_kept() {
        let out = temp("debris");
        write_site(&site(&[("a.html", "a")]), &out).unwrap();
        let state = out.join(STATE_DIR);
        fs::create_dir_all(state.join("staging/x")).unwrap();
        fs::write(state.join("staging/x/y.html"), "half").unwrap();
        fs::write(state.join("manifest.json.new"), "{").unwrap();
        OutputDir::open(&out).unwrap().abandon();
        assert_eq!(files(&out), [("a.html".to_string(), "a".to_string())]);
        assert!(!state.join("staging").exists() && !state.join("manifest.json.new").exists());

        let empty = temp("debris-direct");
        fs::create_dir_all(empty.join(STATE_DIR)).unwrap();
        fs::write(empty.join(STATE_DIR).join("direct"), "").unwrap();
        fs::create_dir_all(empty.join("half/done")).unwrap();
        fs::write(empty.join("half/done/page.html"), "half").unwrap();
        let dir = OutputDir::open(&empty).unwrap();
        assert!(dir.direct, "the folder holds no site again");
        drop(dir);
        assert!(files(&empty).is_empty());
        fs::remove_dir_all(&out).unwrap();
        fs::remove_dir_all(&empty).unwrap();
    }

    #[test]
    fn same_bytes_compares_size_and_content() {
        let dir = std::env::temp_dir().join(format!("explainer-same-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let f = dir.join("f");
        let big: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
        fs::write(&f, &big).unwrap();
        assert!(same_bytes(&f, &big));
        let mut other = big.clone();
        other[2_999_999] ^= 1;
        assert!(!same_bytes(&f, &other));
        assert!(!same_bytes(&f, &big[1..]));
        fs::write(&f, b"").unwrap();
        assert!(same_bytes(&f, b""));
        assert!(!same_bytes(&dir.join("missing"), b""));
        assert!(!same_bytes(&dir, b""), "a folder is not an empty file");
        fs::remove_dir_all(&dir).unwrap();
    }
}
