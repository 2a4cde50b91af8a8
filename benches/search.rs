//! Site-search benchmark (`cargo bench --bench search`): sites of N copies of the seed article
//! (`EXPLAINER_SEARCH_BENCH="1000 10000"`, default 1000), built in memory. Prints, per size: the
//! whole index gzipped (each file on its own, as a host serves it), the bytes a first query
//! transfers (root, the shards its words need and the snippet chunks of its best 40 results,
//! gzipped; for `xinhua` and `power of siberia`), the build time the search phase adds (its own
//! timer in the pipeline, summed over threads) and the peak memory of the process.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use explainer::{build_into, BuildOptions, Memory, SiteFiles, Timings};

mod common;
use common::{many_articles, peak_rss_kb};

fn gzip_len(bytes: &[u8]) -> usize {
    let mut child = Command::new("gzip")
        .arg("-6c")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("gzip");
    let mut stdin = child.stdin.take().unwrap();
    let data = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&data));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out.stdout.len()
}

fn text(site: &SiteFiles, path: &str) -> String {
    String::from_utf8_lossy(site.get(path).unwrap_or_default()).into_owned()
}

fn hex(key: &str) -> String {
    key.bytes().map(|b| format!("{b:02x}")).collect()
}

/// The payload of a `push([...])` script.
fn payload(script: &str) -> serde_json::Value {
    let start = script.find(".push(").unwrap() + ".push(".len();
    let end = script.rfind(");").unwrap();
    serde_json::from_str(&script[start..end]).unwrap()
}

/// The files a first query loads, as static/search.js picks them (exact and prefix terms;
/// the best 40 units, ties in site order; words of one or two letters left to the phrase).
fn first_query(site: &SiteFiles, words: &[&str]) -> BTreeSet<String> {
    let root = payload(&text(site, "search/root.js"));
    let keys: Vec<String> = root[1]["shards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap().to_string())
        .collect();
    let articles: Vec<String> = root[1]["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap().to_string())
        .collect();
    let chunk = root[1]["chunk"].as_u64().unwrap() as usize;
    let mut files = BTreeSet::from(["search/root.js".to_string()]);
    let mut found: Option<BTreeSet<(usize, usize)>> = None;
    for w in words {
        let best = keys
            .iter()
            .filter(|k| w.starts_with(k.as_str()))
            .max_by_key(|k| k.len());
        let more = keys
            .iter()
            .filter(|k| k.len() > w.len() && k.starts_with(w));
        let mut units = BTreeSet::new();
        for k in best.into_iter().chain(more) {
            let path = format!("search/t/{}.js", hex(k));
            let shard = payload(&text(site, &path));
            for (term, p) in shard[2].as_object().unwrap() {
                if !term.starts_with(w) {
                    continue;
                }
                let p: Vec<usize> = p
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|n| n.as_u64().unwrap() as usize)
                    .collect();
                let (mut a, mut u) = (0, 0);
                for (i, t) in p.chunks(3).enumerate() {
                    if i == 0 || t[0] > 0 {
                        a += t[0];
                        u = t[1];
                    } else {
                        u += t[1];
                    }
                    units.insert((a, u));
                }
            }
            files.insert(path);
        }
        found = Some(match found {
            None => units,
            Some(f) => f.intersection(&units).copied().collect(),
        });
    }
    for (a, u) in found.unwrap_or_default().into_iter().take(40) {
        files.insert(format!("search/d/{}.{}.js", articles[a], u / chunk));
    }
    files
}

fn main() {
    let sizes = std::env::var("EXPLAINER_SEARCH_BENCH").unwrap_or_else(|_| "1000".into());
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    println!("| articles | index files | whole index (gzip) | per article | first query `xinhua` (gzip) | first query `power of siberia` | search phase | whole build | peak RSS |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for n in sizes
        .split_whitespace()
        .map(|s| s.parse::<usize>().unwrap())
    {
        let content = many_articles(&seed, n);
        let memory = Memory::default();
        let timings = Timings::default();
        let start = Instant::now();
        build_into(&content, &BuildOptions::default(), &memory, &timings).expect("the site builds");
        let whole = start.elapsed();
        let rss = peak_rss_kb();
        let site = memory.into_site();
        let search = timings
            .phases()
            .into_iter()
            .find(|(p, _)| *p == "search")
            .unwrap()
            .1;
        let index: Vec<(&String, &[u8])> = site
            .files
            .iter()
            .filter(|(p, _)| p.starts_with("search/"))
            .map(|(p, b)| (p, b.as_ref()))
            .collect();
        let total: usize = index.iter().map(|(_, b)| gzip_len(b)).sum();
        let query = |words: &[&str]| -> usize {
            first_query(&site, words)
                .iter()
                .map(|p| gzip_len(site.get(p).unwrap()))
                .sum()
        };
        let (q1, q2) = (query(&["xinhua"]), query(&["power", "siberia"]));
        println!(
            "| {n} | {} | {:.2} MB | {:.1} KB | {:.1} KB | {:.1} KB | {search:.2?} | {whole:.2?} | {} MB |",
            index.len(),
            total as f64 / 1e6,
            total as f64 / n as f64 / 1e3,
            q1 as f64 / 1e3,
            q2 as f64 / 1e3,
            rss / 1024
        );
        let _ = std::fs::remove_dir_all(&content);
    }
}
