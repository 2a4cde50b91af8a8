//! Reading the content folder: links that leave it are refused with a clear error, links that
//! stay inside are followed, and unreadable files are reported as such (not as missing).

mod common;

use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;
use std::process::Command;

use common::*;

fn errors_of(content: &Path) -> Vec<String> {
    build_errors(content)
        .errors()
        .map(|p| format!("{}: {}", p.file.display(), p.message))
        .collect()
}

#[test]
fn a_linked_article_folder_outside_the_content_is_refused() {
    let content = content_with("link-out", "article.md", |t| t);
    let outside = temp_dir("link-out-target");
    std::fs::write(
        outside.join("article.md"),
        "+++\ntitle = \"T\"\nauthor = \"A\"\nsummary = \"S\"\n+++\n\nText.\n",
    )
    .unwrap();
    let link = content.join("articles").join("elsewhere");
    symlink(&outside, &link).unwrap();
    let errors = errors_of(&content);
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].starts_with(&link.display().to_string())
            && errors[0].contains("leads out of the content folder")
            && errors[0].contains(&outside.display().to_string()),
        "{errors:#?}"
    );
}

#[test]
fn a_linked_file_outside_the_content_is_refused() {
    let content = content_with("file-link-out", "article.md", |t| t);
    let outside = temp_dir("file-link-out-target").join("sources.toml");
    std::fs::copy(
        content.join("articles").join(SLUG).join("sources.toml"),
        &outside,
    )
    .unwrap();
    let sources = content.join("articles").join(SLUG).join("sources.toml");
    std::fs::remove_file(&sources).unwrap();
    symlink(&outside, &sources).unwrap();
    let errors = errors_of(&content);
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with(&sources.display().to_string())
                && e.contains("leads out of the content folder")),
        "{errors:#?}"
    );
}

#[test]
fn a_linked_article_folder_inside_the_content_is_followed() {
    let content = content_with("link-in", "article.md", |t| t);
    let drafts = content.join("drafts").join("second");
    std::fs::create_dir_all(&drafts).unwrap();
    std::fs::write(
        drafts.join("article.md"),
        "+++\ntitle = \"Linked article\"\nauthor = \"A\"\nsummary = \"S\"\n+++\n\nText.\n",
    )
    .unwrap();
    symlink(&drafts, content.join("articles").join("second")).unwrap();
    // A relative link too, as `ln -s ../drafts/second third` makes.
    symlink("../drafts/second", content.join("articles").join("third")).unwrap();
    let (site, _) = explainer::build(&content, &Default::default()).expect("builds");
    for slug in ["second", "third"] {
        let page = site
            .text(&format!("{slug}/index.html"))
            .unwrap_or_else(|| panic!("{slug} was skipped"));
        assert!(page.contains("Linked article"));
    }
}

#[test]
fn a_dangling_link_is_reported() {
    let content = content_with("dangling", "article.md", |t| t);
    let link = content.join("articles").join("gone");
    symlink(content.join("nowhere"), &link).unwrap();
    let errors = errors_of(&content);
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with(&link.display().to_string()) && e.contains("does not exist")),
        "{errors:#?}"
    );
}

/// Runs `explainer check` as an unprivileged user when the tests run as root (root reads
/// everything, whatever the permissions say).
fn check_as_user(content: &Path) -> String {
    let bin = env!("CARGO_BIN_EXE_explainer");
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let mut cmd = if is_root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", bin]);
        c
    } else {
        Command::new(bin)
    };
    let run = cmd
        .args(["check", "--content", content.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1), "the check fails");
    String::from_utf8_lossy(&run.stderr).to_string()
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// Every folder on the way readable by others (the temporary folder is made by the tests' user).
fn open_up(content: &Path) {
    for dir in content.ancestors().take(2) {
        chmod(dir, 0o755);
    }
}

#[test]
fn an_unreadable_articles_folder_is_a_permission_error() {
    let content = content_with("perm-articles", "article.md", |t| t);
    open_up(&content);
    chmod(&content.join("articles"), 0o000);
    let stderr = check_as_user(&content);
    chmod(&content.join("articles"), 0o755);
    assert!(stderr.contains("Permission denied"), "{stderr}");
    assert!(
        stderr.contains("permission denied: give the user"),
        "{stderr}"
    );
    assert!(!stderr.contains("there is no articles folder"), "{stderr}");
    assert!(!stderr.contains("there are no articles"), "{stderr}");
}

#[test]
fn an_unreadable_article_folder_or_file_is_a_permission_error() {
    let content = content_with("perm-article", "article.md", |t| t);
    open_up(&content);
    let article = content.join("articles").join(SLUG);
    chmod(&article, 0o000);
    let stderr = check_as_user(&content);
    chmod(&article, 0o755);
    assert!(
        stderr.contains(&format!("{SLUG}/article.md")) && stderr.contains("Permission denied"),
        "{stderr}"
    );
    assert!(!stderr.contains("has no article.md"), "{stderr}");

    chmod(&article.join("sources.toml"), 0o000);
    let stderr = check_as_user(&content);
    chmod(&article.join("sources.toml"), 0o644);
    assert!(
        stderr.contains("sources.toml") && stderr.contains("Permission denied"),
        "{stderr}"
    );
}
