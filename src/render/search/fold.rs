//! How text becomes index terms, the same way `static/search.js` folds a query: lower case,
//! accents dropped (é = e, ё = е: decomposed, marks dropped; Hangul syllables kept whole), words of letters and digits in
//! any script, and runs of Chinese, Japanese or Korean characters cut into overlapping bigrams
//! (no dictionary needed).

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Lower case without accents. Character by character (ASCII at once): what NFD, marks
/// dropped, then NFC give for text in composed form, which is what content is written in.
pub(crate) fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
            out.push(c);
        } else {
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    out.extend(d.to_lowercase());
                }
            });
        }
    }
    out
}

/// Characters written without spaces between words: Han, kana, Hangul.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(u32::from(c),
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x20000..=0x2FFFF)
}

/// The terms of a text, in order (a term may repeat).
pub(crate) fn terms(text: &str) -> Vec<String> {
    let folded = fold(text);
    let mut out = Vec::new();
    let mut word = String::new();
    let mut cjk: Vec<char> = Vec::new();
    let flush_cjk = |cjk: &mut Vec<char>, out: &mut Vec<String>| {
        match cjk.len() {
            0 => {}
            1 => out.push(cjk[0].to_string()),
            _ => out.extend(cjk.windows(2).map(|w| w.iter().collect::<String>())),
        }
        cjk.clear();
    };
    for c in folded.chars() {
        if is_cjk(c) {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            cjk.push(c);
        } else if c.is_alphanumeric() {
            flush_cjk(&mut cjk, &mut out);
            word.push(c);
        } else {
            flush_cjk(&mut cjk, &mut out);
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
        }
    }
    flush_cjk(&mut cjk, &mut out);
    if !word.is_empty() {
        out.push(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_accents_in_every_script() {
        assert_eq!(fold("Élysée"), "elysee");
        assert_eq!(fold("Ёлка ЁЖ"), "елка еж");
        assert_eq!(terms("Синьхуа, Xinhua!"), ["синьхуа", "xinhua"]);
        assert_eq!(terms("US$145 billion"), ["us", "145", "billion"]);
    }

    #[test]
    fn cuts_cjk_runs_into_bigrams() {
        assert_eq!(terms("中俄关系"), ["中俄", "俄关", "关系"]);
        assert_eq!(terms("中 Russia"), ["中", "russia"]);
        assert_eq!(terms("新华社Xinhua"), ["新华", "华社", "xinhua"]);
        assert_eq!(terms("한국어"), ["한국", "국어"]);
    }
}
