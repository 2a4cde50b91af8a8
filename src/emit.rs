//! Emit phase: where a build's files go. The pipeline hands each article's files over as soon as
//! they are rendered, so a build never holds more than the articles being rendered at once.

use std::borrow::Cow;
use std::io;
use std::sync::Mutex;

use crate::output::SiteFiles;

/// A place for built files: memory (tests, `check`, `serve`) or an output folder.
pub trait Emit: Sync {
    /// Adds one file at an output-relative path (`/`-separated); called from several threads,
    /// each path once.
    fn put(&self, path: &str, bytes: Cow<'static, [u8]>) -> io::Result<()>;
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
