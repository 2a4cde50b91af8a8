//! `explainer serve`: builds the site into memory and serves it on 127.0.0.1 only, rebuilding
//! when content changes; open pages reload themselves (server-sent events). Nothing but the built
//! site is ever served: there is no path from a request to the file system.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, SystemTime};

use crate::output::SiteFiles;
use crate::{build, BuildOptions, Problems};

struct State {
    site: SiteFiles,
    version: u64,
}

type Shared = Arc<(Mutex<State>, Condvar)>;

const RELOAD: &str = "<script>(function(){var v=null;var s=new EventSource('/__explainer/reload');s.onmessage=function(e){if(v!==null&&e.data!==v)location.reload();v=e.data;};})();</script>";

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "csv" => "text/csv; charset=utf-8",
        "bib" | "ris" | "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The site path a request line asks for (`GET /a/b.html?x HTTP/1.1` → `a/b.html`), or `None`
/// for anything that could leave the site.
pub fn request_path(target: &str) -> Option<String> {
    let path = target.split(['?', '#']).next()?;
    let mut decoded = Vec::new();
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    let path = String::from_utf8(decoded).ok()?;
    let mut parts = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => return None,
            s if s.contains('\\') || s.contains('\0') => return None,
            s => parts.push(s),
        }
    }
    let mut joined = parts.join("/");
    if joined.is_empty() || path.ends_with('/') {
        if !joined.is_empty() {
            joined.push('/');
        }
        joined.push_str("index.html");
    }
    Some(joined)
}

fn respond(stream: &mut TcpStream, status: &str, kind: &str, body: &[u8]) {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
}

fn handle(mut stream: TcpStream, shared: Shared) {
    let mut line = String::new();
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    if reader.read_line(&mut line).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).map_or(true, |n| n == 0) || header.trim().is_empty() {
            break;
        }
    }
    let mut words = line.split_whitespace();
    let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or("/"));
    if method != "GET" && method != "HEAD" {
        respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"GET only\n",
        );
        return;
    }
    if target == "/__explainer/reload" {
        let _ = stream.write_all(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\r\n");
        let (lock, changed) = &*shared;
        let mut seen = u64::MAX;
        loop {
            let state = lock.lock().unwrap_or_else(|e| e.into_inner());
            let state = changed
                .wait_timeout_while(state, Duration::from_secs(20), |s| s.version == seen)
                .map(|(s, _)| s)
                .unwrap_or_else(|e| e.into_inner().0);
            seen = state.version;
            drop(state);
            if stream
                .write_all(format!("data: {seen}\n\n").as_bytes())
                .is_err()
            {
                return;
            }
        }
    }
    let Some(path) = request_path(target) else {
        respond(&mut stream, "400 Bad Request", "text/plain", b"bad path\n");
        return;
    };
    let state = shared.0.lock().unwrap_or_else(|e| e.into_inner());
    let (status, path, body) = match state.site.get(&path) {
        Some(b) => ("200 OK", path, b.to_vec()),
        None => (
            "404 Not Found",
            "404.html".to_string(),
            state.site.get("404.html").unwrap_or(b"not found").to_vec(),
        ),
    };
    drop(state);
    let body = if path.ends_with(".html") {
        String::from_utf8_lossy(&body)
            .replacen("</body>", &format!("{RELOAD}</body>"), 1)
            .into_bytes()
    } else {
        body
    };
    let body = if method == "HEAD" { Vec::new() } else { body };
    respond(&mut stream, status, content_type(&path), &body);
}

/// The newest modification time under a folder (a cheap change detector).
fn newest(dir: &Path) -> SystemTime {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok()?.modified().ok())
        .max()
        .unwrap_or(SystemTime::UNIX_EPOCH)
}

fn rebuild(content: &Path, options: &BuildOptions) -> Result<SiteFiles, Problems> {
    build(content, options).map(|(site, problems)| {
        for p in problems.warnings() {
            eprintln!("{p}");
        }
        site
    })
}

/// Serves until the process is stopped. Fails only if the port cannot be bound.
pub fn serve(content: PathBuf, options: BuildOptions, port: u16) -> std::io::Result<()> {
    let first = match rebuild(&content, &options) {
        Ok(site) => site,
        Err(problems) => {
            for p in problems.errors() {
                eprintln!("{p}");
            }
            eprintln!("the content has errors; serving the error page until they are fixed");
            let mut site = SiteFiles::default();
            site.add_text("index.html", "<!doctype html><title>Build failed</title><body><h1>Build failed</h1><p>See the terminal; this page reloads when the content is fixed.</p></body>".to_string());
            site
        }
    };
    let shared: Shared = Arc::new((
        Mutex::new(State {
            site: first,
            version: 1,
        }),
        Condvar::new(),
    ));
    // Taken before the address is announced, so an edit made as soon as the server answers
    // is never mistaken for the state the first build saw.
    let mut stamp = newest(&content);
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    println!(
        "serving http://{}/ (Ctrl-C to stop)",
        listener.local_addr()?
    );
    let watcher = Arc::clone(&shared);
    std::thread::spawn(move || loop {
        std::thread::sleep(Duration::from_millis(400));
        let now = newest(&content);
        if now == stamp {
            continue;
        }
        stamp = now;
        match rebuild(&content, &options) {
            Ok(site) => {
                let (lock, changed) = &*watcher;
                let mut state = lock.lock().unwrap_or_else(|e| e.into_inner());
                state.site = site;
                state.version += 1;
                changed.notify_all();
                println!("rebuilt (version {})", state.version);
            }
            Err(problems) => {
                for p in problems.errors() {
                    eprintln!("{p}");
                }
                eprintln!("not reloaded: fix the errors above");
            }
        }
    });
    for stream in listener.incoming().flatten() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || handle(stream, shared));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_stay_inside_the_site() {
        assert_eq!(request_path("/").as_deref(), Some("index.html"));
        assert_eq!(request_path("/a/").as_deref(), Some("a/index.html"));
        assert_eq!(request_path("/a/b.html?x=1").as_deref(), Some("a/b.html"));
        assert_eq!(request_path("/%D1%84.html").as_deref(), Some("ф.html"));
        assert_eq!(request_path("/../etc/passwd"), None);
        assert_eq!(request_path("/a/%2e%2e/%2e%2e/x"), None);
        assert_eq!(request_path("/a\\..\\b"), None);
    }
}
