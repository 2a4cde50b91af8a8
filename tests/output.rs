//! Writing the site: only changed files are written, stale ones removed, the output folder itself
//! is never replaced (so it may be a mount point), a failed or killed build never leaves a broken
//! or half-written site, and concurrent builds into one folder leave one whole site, no debris.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime};

use common::*;
use explainer::output::{write_site, InputsHash, OutputDir, STATE_DIR};
use explainer::SiteFiles;

fn small_site(files: &[(&str, &str)]) -> SiteFiles {
    let mut site = SiteFiles::default();
    for (path, text) in files {
        site.add_text(*path, text.to_string());
    }
    site
}

/// Every file under `dir` except explainer's state, with its bytes (none if there is no `dir`).
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    if !dir.exists() {
        return BTreeMap::new();
    }
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| e.depth() != 1 || e.file_name() != STATE_DIR)
        .map(|e| e.unwrap())
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_string_lossy();
            (rel.replace('\\', "/"), std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn expected(site: &SiteFiles) -> BTreeMap<String, Vec<u8>> {
    site.files
        .iter()
        .map(|(p, b)| (p.clone(), b.to_vec()))
        .collect()
}

fn folders(dir: &Path) -> Vec<String> {
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.path().strip_prefix(dir).unwrap().display().to_string())
        .collect()
}

fn mtime(path: &Path) -> SystemTime {
    std::fs::metadata(path).unwrap().modified().unwrap()
}

/// Sets every file's modification time to 2001, so a rewrite shows.
fn age(dir: &Path) -> SystemTime {
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    for e in walkdir::WalkDir::new(dir) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            std::fs::File::options()
                .write(true)
                .open(e.path())
                .unwrap()
                .set_modified(old)
                .unwrap();
        }
    }
    old
}

/// No staging folder, journal or swap folders left behind, beside or inside the output.
fn assert_no_debris(out: &Path) {
    let state: Vec<String> = std::fs::read_dir(out.join(STATE_DIR))
        .into_iter()
        .flatten()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    for name in &state {
        assert!(
            name == "lock" || name == "manifest.json",
            "debris in {STATE_DIR}: {state:?}"
        );
    }
    let name = out.file_name().unwrap().to_string_lossy().to_string();
    let beside: Vec<String> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with(&format!(".{name}.")))
        .collect();
    assert!(beside.is_empty(), "debris beside the output: {beside:?}");
}

#[test]
fn unchanged_files_keep_their_modification_time() {
    let out = temp_dir("mtime").join("public");
    let first = small_site(&[
        ("index.html", "home"),
        ("a/index.html", "article a"),
        ("a/data/x.csv", "1,2"),
        ("assets/big.js", &"x".repeat(3_000_000)),
    ]);
    let report = write_site(&first, &out).unwrap();
    assert_eq!((report.written, report.unchanged), (4, 0));
    let old = age(&out);

    let mut second = small_site(&[
        ("index.html", "home"),
        ("a/index.html", "article a, edited"),
        ("a/data/x.csv", "1,2"),
    ]);
    second.add("assets/big.js", "x".repeat(3_000_000).into_bytes());
    let report = write_site(&second, &out).unwrap();
    assert_eq!(
        (report.written, report.unchanged, report.removed),
        (1, 3, 0)
    );
    assert_eq!(tree(&out), expected(&second));
    assert_eq!(mtime(&out.join("index.html")), old);
    assert_eq!(mtime(&out.join("a/data/x.csv")), old);
    assert_eq!(mtime(&out.join("assets/big.js")), old);
    assert_ne!(
        mtime(&out.join("a/index.html")),
        old,
        "the edited page is rewritten"
    );
    assert_no_debris(&out);
}

#[test]
fn the_real_site_rebuilt_unchanged_writes_nothing() {
    let out = temp_dir("real-rebuild").join("public");
    write_site(site(), &out).unwrap();
    let old = age(&out);
    let report = write_site(site(), &out).unwrap();
    assert_eq!(report.written, 0);
    assert_eq!(report.unchanged, site().files.len());
    assert!(tree(&out).keys().all(|p| mtime(&out.join(p)) == old));
    assert_eq!(tree(&out), expected(site()));
}

#[test]
fn stale_files_and_the_folders_they_leave_empty_are_removed() {
    let out = temp_dir("stale").join("public");
    write_site(
        &small_site(&[
            ("index.html", "home"),
            ("old/deep/page.html", "gone soon"),
            ("keep/a.html", "a"),
            ("keep/b.html", "b"),
            ("was-a-file", "file"),
            ("was-a-folder/x.html", "x"),
        ]),
        &out,
    )
    .unwrap();
    let next = small_site(&[
        ("index.html", "home"),
        ("keep/a.html", "a"),
        ("was-a-file/now-inside.html", "inside"),
        ("was-a-folder", "now a file"),
    ]);
    let report = write_site(&next, &out).unwrap();
    assert_eq!(tree(&out), expected(&next));
    assert_eq!(report.removed, 4, "{report:?}");
    let mut dirs = folders(&out);
    dirs.sort();
    assert_eq!(dirs, [STATE_DIR, "keep", "was-a-file"]);
    assert_no_debris(&out);
}

#[test]
fn a_failed_write_leaves_the_previous_output_byte_identical() {
    let out = temp_dir("failed-write").join("public");
    let first = small_site(&[("index.html", "home"), ("a/index.html", "a")]);
    write_site(&first, &out).unwrap();
    let old = age(&out);
    // The second build changes a page and adds one, then fails on a path outside the site.
    let bad = small_site(&[
        ("index.html", "home, edited"),
        ("b/index.html", "b"),
        ("../escape.html", "no"),
    ]);
    assert!(write_site(&bad, &out).is_err());
    assert_eq!(tree(&out), expected(&first));
    assert_eq!(mtime(&out.join("index.html")), old);
    assert!(!out.parent().unwrap().join("escape.html").exists());
    assert_no_debris(&out);

    // A build abandoned by its caller (content errors found while rendering) changes nothing.
    let dir = OutputDir::open(&out).unwrap();
    dir.put("index.html", b"half").unwrap();
    dir.put("c/new.html", b"new").unwrap();
    dir.abandon();
    assert_eq!(tree(&out), expected(&first));
    assert_no_debris(&out);
}

#[test]
fn an_abandoned_first_build_leaves_the_folder_empty() {
    let out = temp_dir("abandon-empty").join("public");
    let dir = OutputDir::open(&out).unwrap();
    dir.put("index.html", b"home").unwrap();
    dir.put("a/b/c.html", b"c").unwrap();
    drop(dir);
    assert!(tree(&out).is_empty());
    assert_eq!(folders(&out), [STATE_DIR]);
    assert_no_debris(&out);
}

#[test]
fn two_files_at_one_path_fail_naming_it() {
    let out = temp_dir("duplicate").join("public");
    let dir = OutputDir::open(&out).unwrap();
    dir.put("a/index.html", b"one").unwrap();
    let err = dir.put("a/index.html", b"two").unwrap_err();
    assert!(err.to_string().contains("a/index.html"), "{err}");
}

#[test]
fn a_folder_explainer_did_not_make_is_refused_and_left_alone() {
    let out = temp_dir("foreign");
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let err = OutputDir::open(&out).err().expect("refused");
    assert!(err.to_string().contains("not made by explainer"), "{err}");
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);
    // An output folder of an older version (marker file, no state folder) is ours.
    let legacy = temp_dir("legacy");
    std::fs::write(legacy.join(".explainer-output"), "Built by explainer").unwrap();
    std::fs::write(legacy.join("old.html"), "old").unwrap();
    let next = small_site(&[("index.html", "new")]);
    write_site(&next, &legacy).unwrap();
    assert_eq!(tree(&legacy), expected(&next));
}

#[test]
fn the_output_folder_itself_is_never_replaced() {
    use std::os::unix::fs::MetadataExt;
    let out = temp_dir("inode").join("public");
    write_site(&small_site(&[("index.html", "one")]), &out).unwrap();
    let inode = std::fs::metadata(&out).unwrap().ino();
    write_site(&small_site(&[("index.html", "two"), ("a.html", "a")]), &out).unwrap();
    write_site(&small_site(&[("b.html", "b")]), &out).unwrap();
    assert_eq!(std::fs::metadata(&out).unwrap().ino(), inode);
    assert_eq!(tree(&out), expected(&small_site(&[("b.html", "b")])));
}

fn explainer(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_explainer"))
        .args(args)
        .output()
        .unwrap()
}

fn build_into(content: &Path, out: &Path) -> std::process::Output {
    explainer(&[
        "build",
        "--content",
        content.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ])
}

/// Whether user and mount namespaces can be made here (for the tests that mount a tmpfs).
fn namespaces_available() -> bool {
    let ok = Command::new("unshare")
        .args(["-rm", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("skipped: user and mount namespaces are not available here");
    }
    ok
}

/// The output folder is a real mount point (a tmpfs in a private mount namespace): it cannot be
/// renamed, so a build that swapped folders failed there with "Device or resource busy".
#[test]
fn a_mount_point_can_be_the_output_folder() {
    if !namespaces_available() {
        return;
    }
    let base = temp_dir("mount");
    let out = base.join("public");
    std::fs::create_dir_all(&out).unwrap();
    let edited = content_with("mount-edited", "article.md", |t| {
        t.replacen("title = \"", "title = \"Edited: ", 1)
    });
    let script = format!(
        "set -e; mount -t tmpfs none '{out}'; \
         '{bin}' build --content '{seed}' --output '{out}'; \
         '{bin}' build --content '{edited}' --output '{out}'; \
         mountpoint -q '{out}' && echo mounted=yes; \
         echo edited=$(grep -c 'Edited: ' '{out}/{SLUG}/index.html'); \
         echo state=$(ls -A '{out}/{STATE_DIR}')",
        out = out.display(),
        bin = env!("CARGO_BIN_EXE_explainer"),
        seed = content_dir().display(),
        edited = edited.display(),
    );
    let run = Command::new("unshare")
        .args(["-rm", "sh", "-c", &script])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let value = |key: &str| {
        stdout
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .unwrap_or_else(|| panic!("no {key} in {stdout}"))
            .to_string()
    };
    assert_eq!(value("mounted="), "yes");
    assert_ne!(value("edited="), "0", "the edit reached the mounted output");
    assert_eq!(value("state="), "lock manifest.json");
    // Nothing was written to the folder under the mount.
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 0);
}

#[test]
fn concurrent_builds_in_one_process_leave_one_whole_site() {
    let out = temp_dir("concurrent-threads").join("public");
    let sites: Vec<SiteFiles> = (0..4)
        .map(|i| {
            let mut s = SiteFiles::default();
            for f in 0..30 {
                s.add_text(
                    format!("d{}/f{f}.html", (f + i) % 5),
                    format!("site {i} file {f}"),
                );
            }
            s.add_text(format!("only-{i}.html"), "x".into());
            s
        })
        .collect();
    std::thread::scope(|scope| {
        for s in &sites {
            let out = &out;
            scope.spawn(move || {
                for _ in 0..5 {
                    write_site(s, out).unwrap();
                }
            });
        }
    });
    let found = tree(&out);
    assert!(
        sites.iter().any(|s| expected(s) == found),
        "the folder is not one whole site: {:?}",
        found.keys().collect::<Vec<_>>()
    );
    assert_no_debris(&out);
}

#[test]
fn concurrent_command_line_builds_leave_one_whole_site_and_no_debris() {
    let out = temp_dir("concurrent-cli").join("public");
    let edited = content_with("concurrent-edited", "article.md", |t| {
        t.replacen("title = \"", "title = \"Edited: ", 1)
    });
    let contents = [content_dir(), edited.clone()];
    let children: Vec<_> = (0..4)
        .map(|i| {
            Command::new(env!("CARGO_BIN_EXE_explainer"))
                .args(["build", "--content"])
                .arg(&contents[i % 2])
                .arg("--output")
                .arg(&out)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let done = child.wait_with_output().unwrap();
        assert!(
            done.status.success(),
            "{}",
            String::from_utf8_lossy(&done.stderr)
        );
    }
    let found = tree(&out);
    let seed = expected(site());
    let (edited_site, _) = explainer::build(&edited, &Default::default()).unwrap();
    assert!(found == seed || found == expected(&edited_site));
    assert_no_debris(&out);
}

/// A content folder with `n` copies of the seed article, so a build takes long enough to be
/// killed while it writes.
fn many_articles(name: &str, n: usize, title: &str) -> PathBuf {
    let dir = content_with(name, "article.md", |t| {
        t.replacen("title = \"", &format!("title = \"{title}"), 1)
    });
    let seed = dir.join("articles").join(SLUG);
    for i in 1..n {
        let copy = dir.join("articles").join(format!("copy-{i}"));
        std::fs::create_dir_all(&copy).unwrap();
        for f in std::fs::read_dir(&seed).unwrap() {
            let f = f.unwrap();
            std::fs::copy(f.path(), copy.join(f.file_name())).unwrap();
        }
    }
    dir
}

#[test]
fn a_killed_build_is_cleaned_up_by_the_next_one() {
    let base = temp_dir("killed");
    let out = base.join("public");
    let a = many_articles("killed-a", 6, "A: ");
    let b = many_articles("killed-b", 6, "B: ");
    // Debris an older version left beside the output when it died.
    let legacy = base.join(".public.new-999999999");
    std::fs::create_dir_all(legacy.join("x")).unwrap();
    std::fs::write(legacy.join(".explainer-output"), "").unwrap();

    let site_a = expected(&explainer::build(&a, &Default::default()).unwrap().0);
    let site_b = expected(&explainer::build(&b, &Default::default()).unwrap().0);
    let started = std::time::Instant::now();
    assert!(build_into(&a, &out).status.success());
    let full = started.elapsed();
    let mut before = site_a.clone();
    let mut kills = 0;
    for round in 0..8u32 {
        let (content, site) = if round % 2 == 0 {
            (&b, &site_b)
        } else {
            (&a, &site_a)
        };
        if round == 4 {
            // A cold build killed too: the folder held no site yet.
            std::fs::remove_dir_all(&out).unwrap();
            before.clear();
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_explainer"))
            .args(["build", "--content"])
            .arg(content)
            .arg("--output")
            .arg(&out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // Spread the kills over the whole build, writing included.
        std::thread::sleep(full * (round % 4 + 1) / 5);
        if child.try_wait().unwrap().is_none() {
            kills += 1;
        }
        child.kill().unwrap();
        child.wait().unwrap();
        // What a reader finds once the next build has opened the folder (and then failed, say):
        // the site from before the killed build, or the killed build's whole site.
        if out.exists() {
            OutputDir::open(&out).unwrap().abandon();
        }
        let found = tree(&out);
        assert!(
            found == before || found == *site,
            "round {round}: the output is neither the previous site nor the new one"
        );
        assert_no_debris(&out);
        before = found;
    }
    assert!(kills > 0, "no build was killed while running");
    assert!(build_into(&a, &out).status.success());
    assert_eq!(tree(&out), site_a);
    assert_no_debris(&out);
}

#[test]
fn an_unchanged_article_is_reused_from_the_manifest() {
    let out = temp_dir("manifest").join("public");
    let inputs = |text: &str| InputsHash::new().add(text.as_bytes()).finish();
    let pages = ["a/index.html".to_string(), "a/sources.html".to_string()];

    let dir = OutputDir::open(&out).unwrap();
    assert!(
        dir.reuse_article("a", &inputs("v1")).is_none(),
        "nothing to reuse yet"
    );
    for p in &pages {
        dir.put(p, p.as_bytes()).unwrap();
    }
    dir.record_article(
        "a",
        &inputs("v1"),
        pages.to_vec(),
        serde_json::json!({"n": 1}),
    );
    dir.put("index.html", b"home").unwrap();
    dir.finish().unwrap();
    let old = age(&out);

    // Same inputs: the article's files are kept without being given again.
    let dir = OutputDir::open(&out).unwrap();
    assert!(
        dir.reuse_article("a", &inputs("v2")).is_none(),
        "changed inputs"
    );
    assert!(
        dir.reuse_article("b", &inputs("v1")).is_none(),
        "unknown article"
    );
    assert_eq!(
        dir.reuse_article("a", &inputs("v1")),
        Some(serde_json::json!({"n": 1}))
    );
    dir.put("index.html", b"home").unwrap();
    let report = dir.finish().unwrap();
    assert_eq!((report.reused, report.written, report.removed), (2, 0, 0));
    assert_eq!(tree(&out).len(), 3);
    assert!(pages.iter().all(|p| mtime(&out.join(p)) == old));

    // A file of the article deleted by hand: not reused, so it is rendered again.
    std::fs::remove_file(out.join("a/sources.html")).unwrap();
    let dir = OutputDir::open(&out).unwrap();
    assert!(dir.reuse_article("a", &inputs("v1")).is_none());
    dir.put("index.html", b"home").unwrap();
    dir.finish().unwrap();
    // Not reused and not rendered (the article was removed): its files are stale.
    assert_eq!(tree(&out).keys().collect::<Vec<_>>(), ["index.html"]);
    let dir = OutputDir::open(&out).unwrap();
    assert!(
        dir.reuse_article("a", &inputs("v1")).is_none(),
        "its record is gone too"
    );
}

/// The modification time of every file of an output folder.
fn mtimes(dir: &Path) -> BTreeMap<String, SystemTime> {
    tree(dir)
        .into_keys()
        .map(|rel| {
            let t = mtime(&dir.join(&rel));
            (rel, t)
        })
        .collect()
}

#[test]
fn a_rebuild_renders_only_the_articles_whose_inputs_changed() {
    // The seed and a second article; the second is edited between builds.
    let content = content_with("incremental", "article.md", |t| t);
    let second = content.join("articles").join("second-article");
    std::fs::create_dir_all(&second).unwrap();
    std::fs::write(
        second.join("article.md"),
        "+++\ntitle = \"A second article\"\nauthor = \"Someone Else\"\nsummary = \"Short.\"\n+++\n\nIntro.[^a]\n\n[^a]: A note.\n",
    )
    .unwrap();
    let out = temp_dir("incremental-out").join("public");
    let first = build_into(&content, &out);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let before = mtimes(&out);
    std::thread::sleep(Duration::from_millis(20));

    // Nothing changed: every article is reused, nothing is written.
    let again = build_into(&content, &out);
    let stdout = String::from_utf8_lossy(&again.stdout);
    assert!(stdout.contains(": 0 written"), "{stdout}");
    assert_eq!(mtimes(&out), before);

    // Reused means not rendered at all: a mark left in a page of the unchanged seed (which a
    // render would overwrite) survives a rebuild.
    let seed_page = out.join(SLUG).join("sources.html");
    let mut marked = std::fs::read(&seed_page).unwrap();
    marked.extend_from_slice(b"<!-- mark -->");
    std::fs::write(&seed_page, &marked).unwrap();
    assert!(build_into(&content, &out).status.success());
    assert_eq!(
        std::fs::read(&seed_page).unwrap(),
        marked,
        "the seed was rendered again"
    );
    std::fs::write(&seed_page, &marked[..marked.len() - 13]).unwrap();
    let before = mtimes(&out);
    std::thread::sleep(Duration::from_millis(20));

    // One article changed: only its pages (and the home page, which lists it) are written, and
    // of the search index its snippets, the term shards and the root; the seed's files (its
    // snippets among them) keep their times, and the site is what a fresh build makes.
    std::fs::write(
        second.join("article.md"),
        "+++\ntitle = \"A second article, revised\"\nauthor = \"Someone Else\"\nsummary = \"Short.\"\n+++\n\nIntro, revised.[^a]\n\n[^a]: A note.\n",
    )
    .unwrap();
    let edited = build_into(&content, &out);
    assert!(
        edited.status.success(),
        "{}",
        String::from_utf8_lossy(&edited.stderr)
    );
    let after = mtimes(&out);
    let changed: Vec<&String> = after.keys().filter(|k| after[*k] != before[*k]).collect();
    assert!(!changed.is_empty());
    for path in &changed {
        assert!(
            path.starts_with("second-article/")
                || path.starts_with("search/d/second-article.")
                || path.starts_with("search/t/")
                || path.as_str() == "search/root.js"
                || path.as_str() == "index.html",
            "{path} was rewritten although its article did not change"
        );
    }
    let fresh = temp_dir("incremental-fresh").join("public");
    assert!(build_into(&content, &fresh).status.success());
    assert_eq!(
        tree(&out),
        tree(&fresh),
        "a reused build equals a fresh one"
    );
}

/// The output's own state is untrusted: a planted journal naming paths outside the output (by
/// `..`, absolutely, or through a link) makes the next build delete nothing there.
#[test]
fn a_planted_journal_deletes_nothing_outside_the_output() {
    let base = temp_dir("planted-journal");
    let out = base.join("public");
    let site = small_site(&[("index.html", "home")]);
    write_site(&site, &out).unwrap();
    let outside = base.join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    for name in ["victim.txt", "inner.txt"] {
        std::fs::write(outside.join(name), "keep me").unwrap();
    }
    std::os::unix::fs::symlink(&outside, out.join("link")).unwrap();
    let journal = serde_json::json!([
        "../outside/victim.txt",
        outside.join("victim.txt").display().to_string(),
        "link/inner.txt",
        "a/../../outside/victim.txt",
        format!("{STATE_DIR}/lock"),
    ]);
    std::fs::write(out.join(STATE_DIR).join("commit"), journal.to_string()).unwrap();
    write_site(&site, &out).unwrap();
    for name in ["victim.txt", "inner.txt"] {
        assert!(outside.join(name).exists(), "{name} was deleted");
    }
    assert_eq!(tree(&out), expected(&site));
    assert_no_debris(&out);
    // A journal that is a link to an endless device is not read.
    std::os::unix::fs::symlink("/dev/zero", out.join(STATE_DIR).join("commit")).unwrap();
    write_site(&site, &out).unwrap();
    assert_no_debris(&out);
}

/// A subfolder of the output on another device (a tmpfs mounted there): files staged in
/// `.explainer/` cannot be renamed into it, so they are copied, and the build completes.
#[test]
fn a_subfolder_on_another_device_is_written_by_copying() {
    if !namespaces_available() {
        return;
    }
    let base = temp_dir("cross-device");
    let out = base.join("public");
    let edited = content_with("cross-device-edited", "article.md", |t| {
        t.replacen("title = \"", "title = \"Edited: ", 1)
    });
    let script = format!(
        "set -e; '{bin}' build --content '{seed}' --output '{out}' >/dev/null 2>&1; \
         mount -t tmpfs none '{out}/{SLUG}'; \
         '{bin}' build --content '{seed}' --output '{out}'; \
         '{bin}' build --content '{edited}' --output '{out}'; \
         echo edited=$(grep -c 'Edited: ' '{out}/{SLUG}/index.html'); \
         echo state=$(ls -A '{out}/{STATE_DIR}')",
        out = out.display(),
        bin = env!("CARGO_BIN_EXE_explainer"),
        seed = content_dir().display(),
        edited = edited.display(),
    );
    let run = Command::new("unshare")
        .args(["-rm", "sh", "-c", &script])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(stdout.contains("state=lock manifest.json\n"), "{stdout}");
    assert!(!stdout.contains("edited=0"), "{stdout}");
}
