//! Build-speed benchmark (`cargo bench`): the seed site, and N copies of the seed article; each
//! written into an empty folder (cold) and over its own previous output (warm: nothing changes,
//! nothing is written).
//! Prints medians of several runs; the machine is shared and noisy, so compare medians and ratios,
//! never single runs. `EXPLAINER_BENCH_ARTICLES=1000` sets the size of the large site.

use std::path::Path;
use std::time::{Duration, Instant};

use explainer::{build, output, BuildOptions};

mod common;
use common::{many_articles, peak_rss_kb};

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn time<F: FnMut()>(runs: usize, f: F) -> Duration {
    time_after(runs, || {}, f)
}

/// Median of `f`'s time, `setup` run (untimed) before each.
fn time_after<S: FnMut(), F: FnMut()>(runs: usize, mut setup: S, mut f: F) -> Duration {
    setup();
    f(); // warm-up
    median(
        (0..runs)
            .map(|_| {
                setup();
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect(),
    )
}

fn main() {
    // `cargo bench` passes --bench; a plain `cargo test --benches` run passes nothing: keep it short.
    let quick = !std::env::args().any(|a| a == "--bench");
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let options = BuildOptions::default();
    let runs = if quick { 3 } else { 21 };

    // Once per process: plotly.js copied out of the plotly crate and hashed for its file name.
    let start = Instant::now();
    explainer::assets::assets();
    println!("assets (once per process): {:.2?}", start.elapsed());
    let in_memory = time(runs, || {
        build(&seed, &options).unwrap();
    });
    let out = std::env::temp_dir().join("explainer-bench-out");
    let clear = || {
        let _ = std::fs::remove_dir_all(&out);
    };
    let cold = time_after(runs, clear, || {
        let (site, _) = build(&seed, &options).unwrap();
        output::write_site(&site, &out).unwrap();
    });
    let warm = time(runs, || {
        let (site, _) = build(&seed, &options).unwrap();
        output::write_site(&site, &out).unwrap();
    });
    println!(
        "seed site (median of {runs}): build in memory {in_memory:.2?}; build + write into an empty folder {cold:.2?}; rebuild over unchanged output {warm:.2?}"
    );

    let n: usize = std::env::var("EXPLAINER_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if quick { 10 } else { 1000 });
    let small = many_articles(&seed, n / 10);
    let large = many_articles(&seed, n);
    let t_small = time(if quick { 1 } else { 3 }, || {
        build(&small, &options).unwrap();
    });
    let rss_small = peak_rss_kb();
    let t_large = time(if quick { 1 } else { 3 }, || {
        build(&large, &options).unwrap();
    });
    let rss_large = peak_rss_kb();
    clear();
    let write_large = time_after(1, clear, || {
        let (site, _) = build(&large, &options).unwrap();
        output::write_site(&site, &out).unwrap();
    });
    let rewrite_large = time(1, || {
        let (site, _) = build(&large, &options).unwrap();
        output::write_site(&site, &out).unwrap();
    });
    println!(
        "{} articles: {t_small:.2?}; {n} articles: {t_large:.2?} in memory, {write_large:.2?} written into an empty folder, {rewrite_large:.2?} over unchanged output ({:.1}x the time for {}x the content)",
        n / 10,
        t_large.as_secs_f64() / t_small.as_secs_f64(),
        10
    );
    println!(
        "peak memory: {} MB after {} articles, {} MB after {n}",
        rss_small / 1024,
        n / 10,
        rss_large / 1024
    );
    let _ = std::fs::remove_dir_all(&out);
    let _ = std::fs::remove_dir_all(&small);
    let _ = std::fs::remove_dir_all(&large);
}
