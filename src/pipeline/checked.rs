//! The build's own link check: every file the pipeline emits passes through [`Checked`] on its
//! way to the real sink, which notes each page's ids and links, so `build` fails on exactly
//! what `check` fails on, without keeping the pages in memory.

use std::borrow::Cow;
use std::io;
use std::path::Path;
use std::sync::Mutex;

use crate::check::links::LinkIndex;
use crate::diag::Problems;
use crate::emit::Emit;

pub(super) struct Checked<'a> {
    inner: &'a dyn Emit,
    index: Mutex<LinkIndex>,
}

impl<'a> Checked<'a> {
    pub(super) fn new(inner: &'a dyn Emit) -> Self {
        Checked {
            inner,
            index: Mutex::new(LinkIndex::default()),
        }
    }

    /// Each broken internal link or anchor as an error at its page and line.
    pub(super) fn report(&self, problems: &mut Problems) {
        let index = self.index.lock().unwrap_or_else(|e| e.into_inner());
        for b in index.broken() {
            problems.error(
                Path::new(&b.page),
                (b.line, 1),
                format!("the built page links to `{}`: {}", b.link, b.why),
                "a link the content asks for would be reported above; this one is the \
                 tool's own: report it with the content that builds it",
            );
        }
    }
}

impl Emit for Checked<'_> {
    fn put(&self, path: &str, bytes: Cow<'static, [u8]>) -> io::Result<()> {
        // Read the page outside the lock: articles are emitted from every core at once.
        let mut seen = LinkIndex::default();
        seen.add(path, &bytes);
        self.index
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend(seen);
        self.inner.put(path, bytes)
    }

    fn reuse(&self, slug: &str, inputs: &str) -> Option<serde_json::Value> {
        let kept = self.inner.reuse(slug, inputs)?;
        self.index
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .add_reused(slug);
        Some(kept)
    }

    fn record(&self, slug: &str, inputs: &str, files: Vec<String>, extra: serde_json::Value) {
        self.inner.record(slug, inputs, files, extra);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::Memory;

    #[test]
    fn pages_pass_through_and_their_broken_links_become_errors() {
        let memory = Memory::default();
        let checked = Checked::new(&memory);
        let page = "<a href=\"other.html\">x</a>\n<a href=\"#gone\">y</a>";
        checked
            .put("a/index.html", page.as_bytes().to_vec().into())
            .unwrap();
        checked.put("a/other.html", b"".to_vec().into()).unwrap();
        let mut problems = Problems::default();
        checked.report(&mut problems);
        let errors: Vec<_> = problems.errors().collect();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].file, Path::new("a/index.html"));
        assert_eq!(errors[0].line, 2);
        assert!(errors[0].message.contains("`#gone`"));
        assert_eq!(memory.into_site().files.len(), 2);
    }
}
