//! The site's search index, written as classic scripts so that it loads from `file://`, from any
//! host and under a Content-Security-Policy that forbids `fetch`: each file calls
//! `(window.__explainerSearch ||= []).push([...])`.
//!
//! - `search/root.js`: the articles' slugs, the number of units, the shards' keys and a build id
//!   (appended as `?v=` to every other file, so a host's cache never mixes two builds);
//! - `search/t/<hex of key>.js`: the postings of every term starting with the key (keys are
//!   prefixes, split until no shard holds more than [`SHARD_BYTES`]): for each term, triples
//!   (article delta, unit, score), the unit absolute when the article changes;
//! - `search/d/<slug>.<n>.js`: the units [`CHUNK_UNITS`]`·n` onward of an article, for results
//!   and snippets: kind, address, label, title and text.
//!
//! A unit's score for a term sums the weights of its occurrences: title 8, meta 3, text 1.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use super::fold::terms;
use super::units::{ArticleUnits, Kind};
use crate::emit::output::SiteFiles;

/// The most bytes of postings one shard holds (before gzip, which takes digits to about a third).
pub(crate) const SHARD_BYTES: usize = 48 * 1024;
/// Units per snippet chunk.
pub(crate) const CHUNK_UNITS: usize = 16;
/// Text kept per unit for snippets.
const TEXT_CHARS: usize = 2000;

const WEIGHT_TITLE: u32 = 8;
const WEIGHT_META: u32 = 3;

/// One term's postings, encoded as they are added (articles and units come in order).
#[derive(Default)]
struct Postings {
    json: String,
    article: usize,
    unit: usize,
    started: bool,
}

impl Postings {
    fn push(&mut self, article: usize, unit: usize, score: u32) {
        if self.started {
            self.json.push(',');
        }
        let da = article - if self.started { self.article } else { 0 };
        let u = if da == 0 && self.started {
            unit - self.unit
        } else {
            unit
        };
        let _ = write!(self.json, "{da},{u},{}", score.min(255));
        self.started = true;
        self.article = article;
        self.unit = unit;
    }
}

fn script(payload: &serde_json::Value) -> String {
    format!("(window.__explainerSearch=window.__explainerSearch||[]).push({payload});\n")
}

fn hex(key: &str) -> String {
    key.bytes().map(|b| format!("{b:02x}")).collect()
}

/// The index files of a site of these articles (in the order of `root.js`'s list).
pub(crate) fn build_index(articles: &[&ArticleUnits]) -> SiteFiles {
    let mut postings: HashMap<String, Postings> = HashMap::new();
    let mut files = SiteFiles::default();
    let mut total = 0usize;
    let mut scores: HashMap<String, u32> = HashMap::new();
    for (a, article) in articles.iter().enumerate() {
        for (u, unit) in article.units.iter().enumerate() {
            scores.clear();
            for (text, weight) in [
                (&unit.title, WEIGHT_TITLE),
                (&unit.meta, WEIGHT_META),
                (&unit.text, 1),
            ] {
                for t in terms(text) {
                    *scores.entry(t).or_default() += weight;
                }
            }
            for (t, s) in scores.drain() {
                postings.entry(t).or_default().push(a, u, s);
            }
        }
        total += article.units.len();
        for (n, chunk) in article.units.chunks(CHUNK_UNITS).enumerate() {
            let units: Vec<serde_json::Value> = chunk
                .iter()
                .map(|u| {
                    let text: String = u.text.chars().take(TEXT_CHARS).collect();
                    serde_json::json!([u.kind.number(), u.href, u.label, u.title, text])
                })
                .collect();
            let payload = serde_json::json!(["d", article.slug, n, article.title, units]);
            files.add_text(
                format!("search/d/{}.{n}.js", article.slug),
                script(&payload),
            );
        }
    }
    let mut sorted: Vec<(String, Postings)> = postings.into_iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut shards = Vec::new();
    split(&sorted, 1, &mut shards);
    let mut keys = Vec::with_capacity(shards.len());
    let mut build_id = xxhash_rust::xxh3::Xxh3::new();
    for (key, range) in shards {
        let mut body = String::from("{");
        for (i, (term, p)) in sorted[range].iter().enumerate() {
            if i > 0 {
                body.push(',');
            }
            let _ = write!(
                body,
                "{}:[{}]",
                serde_json::Value::from(term.as_str()),
                p.json
            );
        }
        body.push('}');
        let text = format!(
            "(window.__explainerSearch=window.__explainerSearch||[]).push([\"t\",{},{body}]);\n",
            serde_json::Value::from(key.as_str())
        );
        build_id.update(text.as_bytes());
        files.add_text(format!("search/t/{}.js", hex(&key)), text);
        keys.push(key);
    }
    for f in files
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("search/d/"))
    {
        build_id.update(f.1);
    }
    let slugs: Vec<&str> = articles.iter().map(|a| a.slug.as_str()).collect();
    let kinds: Vec<String> = Kind::ALL
        .iter()
        .map(|k| format!("{k:?}").to_lowercase())
        .collect();
    let root = serde_json::json!(["root", {
        "v": format!("{:012x}", build_id.digest() >> 16),
        "n": total,
        "chunk": CHUNK_UNITS,
        "kinds": kinds,
        "articles": slugs,
        "shards": keys,
    }]);
    files.add_text("search/root.js", script(&root));
    let a = crate::render::assets::assets();
    for asset in [&a.search_boot, &a.search_js, &a.search_css] {
        files.add(asset.path.clone(), asset.bytes);
    }
    files
}

/// The first `n` characters of a term.
fn prefix(term: &str, n: usize) -> &str {
    term.char_indices().nth(n).map_or(term, |(i, _)| &term[..i])
}

/// Cuts sorted terms into shards keyed by their first `depth` characters, cutting a shard that
/// is too big by one more character (a term as long as the key stays in the key's own shard).
fn split(
    terms: &[(String, Postings)],
    depth: usize,
    out: &mut Vec<(String, std::ops::Range<usize>)>,
) {
    let mut groups: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for (i, (t, p)) in terms.iter().enumerate() {
        let g = groups.entry(prefix(t, depth)).or_insert((i, i, 0));
        g.1 = i + 1;
        g.2 += t.len() + p.json.len() + 4;
    }
    for (key, (start, end, bytes)) in groups {
        let group = &terms[start..end];
        if bytes <= SHARD_BYTES || group.len() == 1 {
            out.push((key.to_string(), start..end));
            continue;
        }
        let own = group
            .iter()
            .take_while(|(t, _)| t.chars().count() <= depth)
            .count();
        if own > 0 {
            out.push((key.to_string(), start..start + own));
        }
        let mut deeper = Vec::new();
        split(&group[own..], depth + 1, &mut deeper);
        out.extend(
            deeper
                .into_iter()
                .map(|(k, r)| (k, r.start + start + own..r.end + start + own)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::search::units::Unit;

    fn article(slug: &str, texts: &[&str]) -> ArticleUnits {
        ArticleUnits {
            slug: slug.into(),
            title: slug.to_uppercase(),
            units: texts
                .iter()
                .enumerate()
                .map(|(i, t)| Unit {
                    kind: Kind::Passage,
                    href: format!("index.html#p-{i}"),
                    label: "Intro".into(),
                    title: String::new(),
                    text: t.to_string(),
                    meta: String::new(),
                })
                .collect(),
        }
    }

    #[test]
    fn postings_are_deltas_of_article_and_unit() {
        let a = article("a", &["grain deal", "grain grain"]);
        let b = article("b", &["no grain"]);
        let files = build_index(&[&a, &b]);
        let shard = std::str::from_utf8(files.get("search/t/67.js").unwrap()).unwrap();
        assert!(shard.contains(r#""grain":[0,0,1,0,1,2,1,0,1]"#), "{shard}");
        let root = std::str::from_utf8(files.get("search/root.js").unwrap()).unwrap();
        assert!(root.contains(r#""articles":["a","b"]"#), "{root}");
        assert!(files.get("search/d/b.0.js").is_some());
    }

    #[test]
    fn big_shards_split_by_longer_prefixes() {
        let words: Vec<String> = (0..6000).map(|i| format!("s{i}x")).collect();
        let texts: Vec<&str> = words.iter().map(String::as_str).collect();
        let files = build_index(&[&article("a", &texts)]);
        let shards: Vec<&String> = files
            .files
            .keys()
            .filter(|p| p.starts_with("search/t/"))
            .collect();
        assert!(shards.len() > 3, "{shards:?}");
        for s in shards {
            assert!(files.get(s).unwrap().len() < SHARD_BYTES + 1024, "{s}");
        }
    }
}
