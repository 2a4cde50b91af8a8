//! Emit phase: where a build's files go. The pipeline hands each article's files over as soon as
//! they are rendered, so a build never holds more than the articles being rendered at once.

pub mod output;

use std::borrow::Cow;
use std::io;
use std::sync::Mutex;

use crate::emit::output::{OutputDir, SiteFiles};

/// A place for built files: memory (tests, `check`, `serve`) or an output folder.
pub trait Emit: Sync {
    /// Adds one file at an output-relative path (`/`-separated); called from several threads,
    /// each path once.
    fn put(&self, path: &str, bytes: Cow<'static, [u8]>) -> io::Result<()>;

    /// Keeps what a previous build wrote for article `slug` from the same `inputs` hash, and
    /// gives back what was recorded with it; `None` when the article must be built.
    fn reuse(&self, _slug: &str, _inputs: &str) -> Option<serde_json::Value> {
        None
    }

    /// Records the files article `slug` produced from `inputs`, with `extra` to give back when
    /// a later build reuses them.
    fn record(&self, _slug: &str, _inputs: &str, _files: Vec<String>, _extra: serde_json::Value) {}
}

/// The output folder: files whose bytes did not change are left alone, and an article whose
/// inputs did not change is not built again.
impl Emit for OutputDir {
    fn put(&self, path: &str, bytes: Cow<'static, [u8]>) -> io::Result<()> {
        OutputDir::put(self, path, &bytes)
    }

    fn reuse(&self, slug: &str, inputs: &str) -> Option<serde_json::Value> {
        self.reuse_article(slug, inputs)
    }

    fn record(&self, slug: &str, inputs: &str, files: Vec<String>, extra: serde_json::Value) {
        self.record_article(slug, inputs, files, extra);
    }
}

/// Keeps every file in memory.
#[derive(Default)]
pub struct Memory(Mutex<SiteFiles>);

impl Memory {
    pub fn into_site(self) -> SiteFiles {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Emit for Memory {
    fn put(&self, path: &str, bytes: Cow<'static, [u8]>) -> io::Result<()> {
        let mut site = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if site.files.contains_key(path) {
            return Err(io::Error::other(format!("{path} was built twice")));
        }
        site.add(path, bytes);
        Ok(())
    }
}
