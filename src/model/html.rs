//! Small helpers for text that lands in HTML: the type of finished markup, ids, and hashing.

use std::fmt;

/// Markup made by our renderers (askama templates, pulldown-cmark's serialiser over sanitised
/// events): templates insert it as it is. Content never becomes `Html` without passing through
/// one of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Html(String);

impl Html {
    /// Wraps the output of a renderer; only renderers call this.
    pub(crate) fn from_renderer(html: String) -> Html {
        Html(html)
    }

    pub(crate) fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Html {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl askama::filters::HtmlSafe for Html {}

/// A readable id from text: lowercase letters and digits, apostrophes dropped, other runs made `-`.
pub(crate) fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.chars() {
        if c == '\'' || c == '’' {
            continue;
        }
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.extend(c.to_lowercase());
        } else {
            dash = true;
        }
    }
    out
}

/// Whether a key is made of lowercase ASCII letters, digits and `-` (slugs, source keys, ids).
pub(crate) fn is_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// JSON that can stand inside a `<script type="application/json">`: `<`, `>` and `&` are
/// written as `\u003c`…, so no text in it can close the script or open a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScriptJson(String);

impl fmt::Display for ScriptJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl askama::filters::HtmlSafe for ScriptJson {}

/// A value as [`ScriptJson`].
pub(crate) fn script_json(value: &serde_json::Value) -> ScriptJson {
    ScriptJson(
        serde_json::to_string(value)
            .unwrap_or_else(|_| "null".into())
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026"),
    )
}

/// FNV-1a, 64 bit: a stable content hash for asset names (same bytes, same name, every build).
pub(crate) fn content_hash(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:08x}", hash >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable() {
        assert_eq!(
            slugify("China’s political position: between Russia and the West"),
            "chinas-political-position-between-russia-and-the-west"
        );
        assert_eq!(slugify("  --  "), "");
    }

    #[test]
    fn script_json_cannot_close_a_script() {
        let v = serde_json::json!({"t": "</script><!--"});
        assert!(!script_json(&v).to_string().contains("</"));
    }
}
