//! What a finished build records about each article in `.explainer/manifest.json`: a hash of the
//! article's inputs and the files it produced. The next build by the same executable can keep an
//! article's files instead of rendering them again when its inputs hash is unchanged
//! ([`super::OutputDir::reuse_article`]).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::Xxh3;

/// The articles a finished build wrote, and which executable wrote them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The executable that wrote the files ([`tool_fingerprint`]); records of another are not reused.
    pub tool: String,
    /// Per article slug: its inputs and its files.
    pub articles: BTreeMap<String, ArticleRecord>,
}

/// One article's entry in the manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleRecord {
    /// [`InputsHash`] of everything the article's pages were made from.
    pub inputs: String,
    /// The output-relative paths of the files the article produced.
    pub files: Vec<String>,
    /// What the pipeline keeps of the article besides its files (its summary for the home page
    /// and the sitemap, its warnings), so a reused article need not even be parsed.
    #[serde(default)]
    pub extra: serde_json::Value,
}

impl Manifest {
    /// The manifest as stored; `None` when the text is not one (an older or damaged file is
    /// ignored: the next build renders everything and writes a fresh one).
    pub fn parse(text: &str) -> Option<Manifest> {
        serde_json::from_str(text).ok()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The record of `slug` when it was written by this executable from the same inputs.
    pub fn unchanged(&self, slug: &str, inputs: &str) -> Option<&ArticleRecord> {
        (self.tool == tool_fingerprint())
            .then(|| self.articles.get(slug))
            .flatten()
            .filter(|r| r.inputs == inputs)
    }
}

/// Identifies this executable: its version, size and modification time. Rebuilding the tool
/// (new templates, new code) changes it, so pages rendered by an older build are never reused.
pub fn tool_fingerprint() -> &'static str {
    static FINGERPRINT: OnceLock<String> = OnceLock::new();
    FINGERPRINT.get_or_init(|| {
        let exe = std::env::current_exe().and_then(std::fs::metadata);
        match exe.as_ref().map(|m| (m.len(), m.modified())) {
            Ok((len, Ok(modified))) => {
                let nanos = modified
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos());
                format!("{} {len} {nanos}", env!("CARGO_PKG_VERSION"))
            }
            // Unknown executable: a fingerprint no later build will match.
            _ => format!(
                "unknown {} {:?}",
                std::process::id(),
                std::time::SystemTime::now()
            ),
        }
    })
}

/// Hashes the inputs of an article: every file it is made of, and every setting its pages depend
/// on (site title, base URL, …). Each part is length-prefixed, so `["ab", "c"]` and `["a", "bc"]`
/// differ. xxh3 (128 bits): about 20 GB/s, so hashing 1,000 articles' sources costs milliseconds.
#[derive(Clone, Default)]
pub struct InputsHash(Xxh3);

impl InputsHash {
    pub fn new() -> InputsHash {
        InputsHash::default()
    }

    pub fn add(&mut self, part: &[u8]) -> &mut InputsHash {
        self.0.update(&(part.len() as u64).to_le_bytes());
        self.0.update(part);
        self
    }

    pub fn finish(&self) -> String {
        format!("{:032x}", self.0.digest128())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(parts: &[&str]) -> String {
        let mut h = InputsHash::new();
        for p in parts {
            h.add(p.as_bytes());
        }
        h.finish()
    }

    #[test]
    fn inputs_hash_tells_parts_apart() {
        assert_eq!(hash(&["ab", "c"]), hash(&["ab", "c"]));
        assert_ne!(hash(&["ab", "c"]), hash(&["a", "bc"]));
        assert_ne!(hash(&["ab", "c"]), hash(&["ab", "d"]));
        assert_ne!(hash(&[]), hash(&[""]));
        assert_eq!(hash(&["x"]).len(), 32);
    }

    #[test]
    fn a_record_is_reused_only_for_the_same_tool_and_inputs() {
        let mut m = Manifest {
            tool: tool_fingerprint().to_string(),
            ..Manifest::default()
        };
        m.articles.insert(
            "a".into(),
            ArticleRecord {
                inputs: "h1".into(),
                files: vec!["a/index.html".into()],
                extra: serde_json::Value::Null,
            },
        );
        let back = Manifest::parse(&m.to_json()).unwrap();
        assert_eq!(back, m);
        assert_eq!(back.unchanged("a", "h1").unwrap().files, ["a/index.html"]);
        assert!(back.unchanged("a", "h2").is_none());
        assert!(back.unchanged("b", "h1").is_none());
        let other_tool = Manifest {
            tool: "0.0.0 1 2".into(),
            ..back
        };
        assert!(other_tool.unchanged("a", "h1").is_none());
        assert!(Manifest::parse("{not json").is_none());
    }
}
