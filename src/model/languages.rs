//! Languages of sources: BCP 47 tags, their English names, and the names BibLaTeX's `langid`
//! (babel/polyglossia) uses, so a language survives every format it passes through.

/// (BCP 47 primary tag, English name, babel/polyglossia name, ISO 639-2 code).
const LANGUAGES: &[(&str, &str, &str, &str)] = &[
    ("ar", "Arabic", "arabic", "ara"),
    ("be", "Belarusian", "belarusian", "bel"),
    ("bg", "Bulgarian", "bulgarian", "bul"),
    ("ca", "Catalan", "catalan", "cat"),
    ("cs", "Czech", "czech", "ces"),
    ("da", "Danish", "danish", "dan"),
    ("de", "German", "ngerman", "deu"),
    ("el", "Greek", "greek", "ell"),
    ("en", "English", "english", "eng"),
    ("es", "Spanish", "spanish", "spa"),
    ("et", "Estonian", "estonian", "est"),
    ("fa", "Persian", "persian", "fas"),
    ("fi", "Finnish", "finnish", "fin"),
    ("fr", "French", "french", "fra"),
    ("he", "Hebrew", "hebrew", "heb"),
    ("hi", "Hindi", "hindi", "hin"),
    ("hr", "Croatian", "croatian", "hrv"),
    ("hu", "Hungarian", "magyar", "hun"),
    ("hy", "Armenian", "armenian", "hye"),
    ("id", "Indonesian", "bahasai", "ind"),
    ("it", "Italian", "italian", "ita"),
    ("ja", "Japanese", "japanese", "jpn"),
    ("ka", "Georgian", "georgian", "kat"),
    ("kk", "Kazakh", "kazakh", "kaz"),
    ("ko", "Korean", "korean", "kor"),
    ("la", "Latin", "latin", "lat"),
    ("lt", "Lithuanian", "lithuanian", "lit"),
    ("lv", "Latvian", "latvian", "lav"),
    ("mn", "Mongolian", "mongolian", "mon"),
    ("nb", "Norwegian", "norsk", "nob"),
    ("nl", "Dutch", "dutch", "nld"),
    ("pl", "Polish", "polish", "pol"),
    ("pt", "Portuguese", "portuguese", "por"),
    ("ro", "Romanian", "romanian", "ron"),
    ("ru", "Russian", "russian", "rus"),
    ("sk", "Slovak", "slovak", "slk"),
    ("sl", "Slovenian", "slovenian", "slv"),
    ("sr", "Serbian", "serbian", "srp"),
    ("sv", "Swedish", "swedish", "swe"),
    ("th", "Thai", "thai", "tha"),
    ("tr", "Turkish", "turkish", "tur"),
    ("uk", "Ukrainian", "ukrainian", "ukr"),
    ("uz", "Uzbek", "uzbek", "uzb"),
    ("vi", "Vietnamese", "vietnamese", "vie"),
    ("zh", "Chinese", "chinese", "zho"),
];

/// Further names that mean a language above (babel dialects, other spellings).
const ALIASES: &[(&str, &str)] = &[
    ("american", "en-US"),
    ("british", "en-GB"),
    ("UKenglish", "en-GB"),
    ("USenglish", "en-US"),
    ("australian", "en-AU"),
    ("canadian", "en-CA"),
    ("german", "de"),
    ("austrian", "de-AT"),
    ("naustrian", "de-AT"),
    ("swissgerman", "de-CH"),
    ("brazil", "pt-BR"),
    ("brazilian", "pt-BR"),
    ("norwegian", "nb"),
    ("bokmal", "nb"),
    ("nynorsk", "nn"),
    ("ger", "de"),
    ("fre", "fr"),
    ("chi", "zh"),
    ("dut", "nl"),
    ("cze", "cs"),
    ("gre", "el"),
    ("per", "fa"),
    ("rum", "ro"),
    ("slo", "sk"),
    ("arm", "hy"),
    ("geo", "ka"),
    ("русский", "ru"),
    ("中文", "zh"),
    ("français", "fr"),
    ("deutsch", "de"),
    ("español", "es"),
];

fn primary(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}

/// Whether `tag` has the shape of a BCP 47 tag (`en`, `zh-Hans`, `pt-BR`).
pub fn is_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let first = parts.next().unwrap_or_default();
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// A language as reference managers write it ("en", "en_US", "English", "eng", "russian")
/// as a BCP 47 tag; `None` when it is not recognised.
pub fn normalize(text: &str) -> Option<String> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let lower = t.to_lowercase();
    if let Some((tag, ..)) = LANGUAGES.iter().find(|(tag, english, babel, iso)| {
        lower == *tag || lower == english.to_lowercase() || lower == *babel || lower == *iso
    }) {
        return Some(tag.to_string());
    }
    if let Some((_, tag)) = ALIASES
        .iter()
        .find(|(alias, _)| alias.to_lowercase() == lower)
    {
        return Some(tag.to_string());
    }
    let dashed = t.replace('_', "-");
    is_tag(&dashed).then_some(dashed)
}

/// Whether the language is English (`en`, `en-GB`, …).
pub fn is_english(tag: &str) -> bool {
    primary(tag).eq_ignore_ascii_case("en")
}

/// The English name of a language ("Russian"), or the tag itself when unknown.
pub fn english_name(tag: &str) -> String {
    let p = primary(tag).to_lowercase();
    LANGUAGES
        .iter()
        .find(|(t, ..)| *t == p)
        .map_or_else(|| tag.to_string(), |(_, name, ..)| name.to_string())
}

/// The name BibLaTeX's `langid` takes ("russian"), or `None` when the language has none.
pub fn babel_name(tag: &str) -> Option<&'static str> {
    match tag {
        "en-US" => return Some("american"),
        "en-GB" => return Some("british"),
        "pt-BR" => return Some("brazilian"),
        _ => {}
    }
    let p = primary(tag).to_lowercase();
    LANGUAGES
        .iter()
        .find(|(t, ..)| *t == p)
        .map(|(_, _, babel, _)| *babel)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_manager_spellings_become_tags() {
        assert_eq!(normalize("English").as_deref(), Some("en"));
        assert_eq!(normalize("en_US").as_deref(), Some("en-US"));
        assert_eq!(normalize("russian").as_deref(), Some("ru"));
        assert_eq!(normalize("eng").as_deref(), Some("en"));
        assert_eq!(normalize("ngerman").as_deref(), Some("de"));
        assert_eq!(normalize("zh-Hans").as_deref(), Some("zh-Hans"));
        assert_eq!(normalize("Klingon tongue"), None);
    }

    #[test]
    fn langid_names_are_real_babel_names() {
        assert_eq!(babel_name("ru"), Some("russian"));
        assert_eq!(babel_name("en"), Some("english"));
        assert_eq!(babel_name("zh-Hans"), Some("chinese"));
        assert_eq!(english_name("fr-CA"), "French");
    }
}
