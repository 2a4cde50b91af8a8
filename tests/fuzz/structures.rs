//! The fuzzer's hostile structures (issue 23): what a grammar of strings never reaches. Each
//! generator draws a random shape of one class: nesting depth, recursion and cycles, expansion,
//! special files, and crafted output state.

use std::path::Path;

use super::Rng;

/// A random directed graph on `n` nodes: each node refers to 0–3 others (cycles, self-loops
/// and doubling chains all arise), or, half the time, to the previous node twice (expansion).
fn graph(rng: &mut Rng, n: usize) -> Vec<Vec<usize>> {
    let doubling = rng.chance(30);
    (0..n)
        .map(|i| {
            if doubling && i > 0 {
                vec![i - 1, i - 1]
            } else {
                (0..rng.below(4)).map(|_| rng.below(n)).collect()
            }
        })
        .collect()
}

/// A `.bib` whose `@string`s, `crossref`s and `xdata`s form a random graph, with titles
/// nested in braces up to 100,000 deep.
pub(crate) fn bibtex(rng: &mut Rng) -> String {
    let n = 1 + rng.below(40);
    let mut bib = String::new();
    for (i, refs) in graph(rng, n).iter().enumerate() {
        let mut value = String::from("\"x\"");
        for r in refs {
            value.push_str(&format!(" # s{r}"));
        }
        bib.push_str(&format!("@string{{s{i} = {value}}}\n"));
    }
    let links = graph(rng, n);
    for (i, refs) in links.iter().enumerate() {
        let key = if i == 0 {
            "a".to_string()
        } else {
            format!("e{i}")
        };
        let name = |r: usize| {
            if r == 0 {
                "a".to_string()
            } else {
                format!("e{r}")
            }
        };
        let depth = [1, 3, 60, 70, 5_000, 100_000][rng.below(6)];
        let mut entry = format!(
            "@book{{{key}, title = {}T{}, note = s{}",
            "{".repeat(depth),
            "}".repeat(depth),
            rng.below(n)
        );
        if let Some(r) = refs.first() {
            entry.push_str(&format!(", crossref = {{{}}}", name(*r)));
        }
        if refs.len() > 1 {
            let xs: Vec<String> = refs[1..].iter().map(|r| name(*r)).collect();
            entry.push_str(&format!(", xdata = {{{}}}", xs.join(", ")));
        }
        entry.push_str("}\n");
        bib.push_str(&entry);
    }
    bib
}

/// A CSL style whose macros form a random graph, some nested deeply.
pub(crate) fn csl_style(rng: &mut Rng) -> String {
    let n = 1 + rng.below(40);
    let mut macros = String::new();
    for (i, refs) in graph(rng, n).iter().enumerate() {
        let depth = [0, 2, 150, 250, 10_000][rng.below(5)];
        let calls: String = refs
            .iter()
            .map(|r| format!("<text macro=\"m{r}\"/>"))
            .collect();
        macros.push_str(&format!(
            "<macro name=\"m{i}\">{}<text variable=\"title\"/>{calls}{}</macro>\n",
            "<group>".repeat(depth),
            "</group>".repeat(depth)
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<style xmlns=\"http://purl.org/net/xbiblio/csl\" \
         class=\"note\" version=\"1.0\">\n<info><title>F</title><id>f</id>\
         <updated>2024-01-01T00:00:00+00:00</updated></info>\n{macros}<citation><layout>\
         <text macro=\"m0\"/></layout></citation>\n<bibliography><layout><text macro=\"m{}\"/>\
         </layout></bibliography>\n</style>\n",
        rng.below(n)
    )
}

/// Replaces one of the article's files with a named pipe, a link to an endless device, or
/// (where allowed) a device node.
pub(crate) fn special_file(rng: &mut Rng, article: &Path) {
    let name = ["charts.toml", "timeline.toml", "sources.toml", "article.md"][rng.below(4)];
    let path = article.join(name);
    let _ = std::fs::remove_file(&path);
    match rng.below(3) {
        0 => {
            let _ = std::process::Command::new("mkfifo").arg(&path).status();
        }
        // A link to a device leads out of the content folder.
        1 => {
            let _ = std::os::unix::fs::symlink("/dev/zero", &path);
        }
        _ => {
            let _ = std::process::Command::new("mknod")
                .arg(&path)
                .args(["c", "1", "5"])
                .status();
        }
    }
}

/// Deeply nested Markdown: quotes and lists up to thousands deep.
pub(crate) fn deep_markdown(rng: &mut Rng) -> String {
    let depth = [10, 500, 5_000][rng.below(3)];
    match rng.below(3) {
        0 => format!("{} deep\n", ">".repeat(depth)),
        1 => (0..depth.min(2_000))
            .map(|i| format!("{}- item\n", "  ".repeat(i)))
            .collect(),
        _ => format!("{}x{}\n", "*".repeat(depth), "*".repeat(depth)),
    }
}

/// Writes a small site into `out`, plants hostile state in its `.explainer/` (a journal naming
/// paths outside, links, special files, a damaged manifest), builds again, and returns what
/// went wrong: a file outside the output deleted or changed, or a build that cannot recover.
pub(crate) fn crafted_output_state(rng: &mut Rng, base: &Path) -> Vec<String> {
    use explainer::output::{write_site, STATE_DIR};
    let out = base.join("out");
    let canary = base.join("canary");
    std::fs::create_dir_all(&canary).unwrap();
    std::fs::write(canary.join("keep.txt"), "keep").unwrap();
    let mut site = explainer::SiteFiles::default();
    site.add_text("index.html", "home".to_string());
    site.add_text("a/b.html", "page".to_string());
    if let Err(e) = write_site(&site, &out) {
        return vec![format!("first write: {e}")];
    }
    let state = out.join(STATE_DIR);
    let outside = canary.join("keep.txt").display().to_string();
    let names = [
        "../canary/keep.txt".to_string(),
        outside,
        "link/keep.txt".to_string(),
        "a/../../canary/keep.txt".to_string(),
        format!("{STATE_DIR}/lock"),
        "a/b.html".to_string(),
    ];
    let _ = std::os::unix::fs::symlink(&canary, out.join("link"));
    let picked: Vec<&String> = (0..1 + rng.below(4))
        .map(|_| &names[rng.below(names.len())])
        .collect();
    let journal = serde_json::to_string(&picked).unwrap();
    match rng.below(4) {
        0 => std::fs::write(state.join("commit"), journal).unwrap(),
        1 => {
            let _ = std::os::unix::fs::symlink("/dev/zero", state.join("commit"));
        }
        2 => {
            std::fs::write(state.join("commit"), journal).unwrap();
            let staging = state.join("staging");
            std::fs::create_dir_all(&staging).unwrap();
            let _ = std::os::unix::fs::symlink(&canary, staging.join("link"));
            let _ = std::os::unix::fs::symlink(canary.join("keep.txt"), staging.join("x.html"));
        }
        _ => std::fs::write(
            state.join("manifest.json"),
            format!("{{\"tool\":\"x\",\"articles\":{{\"t\":{{\"inputs\":\"i\",\"files\":{journal}}}}}}}"),
        )
        .unwrap(),
    }
    let mut wrong = Vec::new();
    for attempt in 0..2 {
        if let Err(e) = write_site(&site, &out) {
            wrong.push(format!("build {attempt} after planted state: {e}"));
        }
    }
    if std::fs::read_to_string(canary.join("keep.txt"))
        .ok()
        .as_deref()
        != Some("keep")
    {
        wrong.push("a file outside the output was deleted or changed".to_string());
    }
    wrong
}
