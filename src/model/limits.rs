//! The bounds every input is held to, so that hostile content ends in a located error in
//! bounded time and memory: only regular files are read, none larger than [`MAX_FILE_BYTES`];
//! BibTeX `@string` expansion and CSL macro expansion are bounded (see `parse::sources::bibtex_check` and
//! `cite::styles::csl_check`).

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// The largest content file read (article, sources, timeline, charts, `site.toml`, a CSL
/// style): 50 MB, far beyond any real one.
pub(crate) const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// Why a content file was not read.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// The system's reason (not found, permission denied, …).
    Io(io::Error),
    /// A named pipe, device, socket or folder: never read, since it may never end.
    NotRegular(&'static str),
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge,
}

impl ReadError {
    /// The message and the hint for it.
    pub(crate) fn explain(&self) -> (String, String) {
        match self {
            ReadError::Io(e) => (
                format!("cannot read this: {e}"),
                if e.kind() == io::ErrorKind::PermissionDenied {
                    "permission denied: give the user running explainer read access (and, for a \
                     folder, search access: chmod a+rX)"
                } else {
                    "check that it exists and is readable"
                }
                .to_string(),
            ),
            ReadError::NotRegular(kind) => (
                format!("this is {kind}, not a regular file"),
                "content files must be plain files; replace it with the file itself".to_string(),
            ),
            ReadError::TooLarge => (
                format!(
                    "this file is larger than {} MB, the most explainer reads",
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
                "split it, or check that it is the file you meant".to_string(),
            ),
        }
    }
}

/// What kind of not-regular file `meta` describes, in words.
fn kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_file() {
        None
    } else if t.is_dir() {
        Some("a folder")
    } else if t.is_fifo() {
        Some("a named pipe")
    } else if t.is_char_device() || t.is_block_device() {
        Some("a device")
    } else if t.is_socket() {
        Some("a socket")
    } else {
        Some("a special file")
    }
}

/// Reads a regular file (following links) of at most [`MAX_FILE_BYTES`]. A named pipe is
/// refused before it is opened (opening one waits for a writer); the opened file is checked
/// again, so one swapped in between is refused too.
pub(crate) fn read_regular(path: &Path) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if let Some(k) = kind(&meta) {
        return Err(ReadError::NotRegular(k));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge);
    }
    let file = File::open(path).map_err(ReadError::Io)?;
    let meta = file.metadata().map_err(ReadError::Io)?;
    if let Some(k) = kind(&meta) {
        return Err(ReadError::NotRegular(k));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge);
    }
    Ok(bytes)
}

/// [`read_regular`], as UTF-8 text.
pub(crate) fn read_regular_text(path: &Path) -> Result<String, String> {
    let bytes = read_regular(path).map_err(|e| e.explain().0)?;
    String::from_utf8(bytes).map_err(|_| "this file is not valid UTF-8".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_and_folders_are_refused_before_reading() {
        assert!(matches!(
            read_regular(Path::new("/dev/zero")),
            Err(ReadError::NotRegular("a device"))
        ));
        assert!(matches!(
            read_regular(Path::new("/")),
            Err(ReadError::NotRegular("a folder"))
        ));
    }
}
