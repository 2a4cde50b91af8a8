//! What the benchmarks share: sites of many copies of the seed article, and peak memory.

use std::path::{Path, PathBuf};

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A content folder with `n` copies of every seed article.
pub(crate) fn many_articles(seed: &Path, n: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("explainer-bench-{n}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    std::fs::copy(seed.join("site.toml"), dir.join("site.toml")).unwrap();
    let articles: Vec<PathBuf> = std::fs::read_dir(seed.join("articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for i in 0..n {
        for a in &articles {
            copy_tree(
                a,
                &dir.join("articles").join(format!(
                    "{}-{i:04}",
                    a.file_name().unwrap().to_string_lossy()
                )),
            );
        }
    }
    dir
}

pub(crate) fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}
