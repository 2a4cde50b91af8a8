//! Inputs that used to take quadratic time (`cargo bench --bench pathological`): each is built
//! as a whole article, in memory, and the median of several runs printed with its size. Each
//! must stay well under a second; doubling an input should roughly double its time (the
//! ratio printed beside it).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use explainer::{build, BuildOptions};

const FRONT: &str = "+++\ntitle = \"T\"\nauthor = \"A\"\nsummary = \"S.\"\n+++\n\n";

fn content(name: &str, body: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("explainer-pathological-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("articles/a")).unwrap();
    std::fs::write(dir.join("articles/a/article.md"), format!("{FRONT}{body}")).unwrap();
    dir
}

fn median_build(dir: &Path, runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            let result = build(dir, &BuildOptions::default());
            let took = start.elapsed();
            if let Err(p) = result {
                panic!("{}: {:?}", dir.display(), p.list.first());
            }
            took
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// Identical headings: every id after the first is probed for a free number.
fn headings(n: usize) -> String {
    "## Same heading\n\nText.\n\n".repeat(n)
}

/// One paragraph of entities: each is its own text event, merged into one text.
fn entities(bytes: usize) -> String {
    format!("{}\n", "&amp;".repeat(bytes / 5))
}

/// Editor's notes, each boxed after its paragraph.
fn editor_notes(n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&format!("Paragraph {i}.[^ed-{i}]\n\n"));
    }
    for i in 0..n {
        s.push_str(&format!("[^ed-{i}]: Editor's note {i}.\n\n"));
    }
    s
}

/// Note references in one paragraph: each takes the sentence it is attached to.
fn references(n: usize) -> String {
    let mut s = String::new();
    for _ in 0..n {
        s.push_str("Some words here[^1] ");
    }
    s.push_str("\n\n[^1]: The note.\n");
    s
}

/// A name, the input of size n, and the size the issue names.
type Case = (&'static str, fn(usize) -> String, usize);

fn main() {
    let quick = !std::env::args().any(|a| a == "--bench");
    let runs = if quick { 1 } else { 5 };
    let cases: [Case; 4] = [
        ("identical headings", headings, 40_000),
        ("bytes of one paragraph of entities", entities, 2_000_000),
        ("editor's notes", editor_notes, 10_000),
        ("references in one paragraph", references, 20_000),
    ];
    println!(
        "{:<40} {:>10} {:>12} {:>16}",
        "input", "size", "median", "time(2n)/time(n)"
    );
    for (name, make, n) in cases {
        let n = if quick { n / 10 } else { n };
        let half = median_build(&content("half", &make(n / 2)), runs);
        let full = median_build(&content("full", &make(n)), runs);
        println!(
            "{name:<40} {n:>10} {:>9.1} ms {:>16.2}",
            full.as_secs_f64() * 1e3,
            full.as_secs_f64() / half.as_secs_f64()
        );
        assert!(full < Duration::from_secs(5), "{name}: {full:?}");
    }
}
