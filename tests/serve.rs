//! `explainer serve`: loopback only, the built site only, correct HTTP for GET/HEAD and other
//! methods, robust against clients that misbehave, and live reload of exactly the pages whose
//! bytes changed.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

use common::*;

/// A running `explainer serve`, stopped when dropped (even when an assertion fails).
struct Server {
    child: Child,
    addr: String,
    /// The server's output lines after the first.
    lines: Receiver<String>,
}

impl Server {
    fn start(content: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_explainer"))
            .args(["serve", "--port", "0", "--content"])
            .arg(content)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|s| s.split('/').next())
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        Server { child, addr, lines }
    }

    fn connect(&self) -> TcpStream {
        let s = TcpStream::connect(&self.addr).unwrap();
        // A hang fails the test instead of stalling it.
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        s
    }

    /// Sends `raw` and reads the whole answer (the request asks to close the connection).
    fn raw(&self, raw: &[u8]) -> Answer {
        let mut s = self.connect();
        s.write_all(raw).unwrap();
        let mut bytes = Vec::new();
        s.read_to_end(&mut bytes).unwrap();
        Answer::parse(&bytes)
    }

    fn request(&self, method: &str, path: &str) -> Answer {
        self.raw(
            format!("{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
    }

    fn get(&self, path: &str) -> Answer {
        self.request("GET", path)
    }

    /// Waits for the server to say it rebuilt (a failed rebuild fails the test, not hangs it).
    fn rebuilt(&mut self) -> String {
        loop {
            let line = self
                .lines
                .recv_timeout(Duration::from_secs(60))
                .expect("the server did not rebuild");
            if line.starts_with("rebuilt") {
                return line;
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Answer {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Answer {
    fn parse(bytes: &[u8]) -> Answer {
        let end = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("no head in {:?}", String::from_utf8_lossy(bytes)));
        let head = String::from_utf8_lossy(&bytes[..end]).to_lowercase();
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        Answer {
            status,
            head,
            body: bytes[end + 4..].to_vec(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.head
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{name}: ")))
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).to_string()
    }
}

#[test]
fn serves_the_built_site_on_loopback_only_and_rebuilds_on_change() {
    let content = content_with("serve", "article.md", |t| t);
    let mut server = Server::start(&content);
    assert!(server.addr.starts_with("127.0.0.1:"), "{}", server.addr);
    let page = server.get(&format!("/{SLUG}/index.html"));
    assert_eq!(page.status, 200);
    assert!(page.text().contains("doc-endnotes") && page.text().contains("/__explainer/reload"));
    let missing = server.get("/nothing-here.html");
    assert_eq!(missing.status, 404);
    assert!(
        missing.text().contains("Page not found"),
        "the site's 404 page"
    );
    for escape in [
        "/../Cargo.toml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/a/..%2f..%2fCargo.toml",
        "/%5c..%5cCargo.toml",
        "/index.html%00.css",
        "/50%",
    ] {
        assert_eq!(server.get(escape).status, 400, "{escape}");
    }

    // An edit is picked up: the page changes without restarting.
    let article = content.join("articles").join(SLUG).join("article.md");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(
        &article,
        text.replacen("title = \"", "title = \"Edited: ", 1),
    )
    .unwrap();
    server.rebuilt();
    assert!(server
        .get(&format!("/{SLUG}/index.html"))
        .text()
        .contains("Edited: "));
}

#[test]
fn requests_under_another_name_get_nothing() {
    // DNS rebinding: a page elsewhere makes the browser ask this port under its own name.
    let content = content_with("serve-host", "article.md", |t| t);
    let server = Server::start(&content);
    let page = format!("/{SLUG}/index.html");
    let port = server.addr.rsplit(':').next().unwrap().to_string();
    let ask = |host: &str| {
        server.raw(
            format!("GET {page} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
    };
    // Two Hosts, the local one first; an absolute-form target naming another authority.
    for raw in [
        format!("GET {page} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nHost: attacker.example\r\nConnection: close\r\n\r\n"),
        format!("GET http://attacker.example{page} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"),
    ] {
        let answer = server.raw(raw.as_bytes());
        assert!(matches!(answer.status, 400 | 403), "{raw}: {}", answer.status);
        assert!(!answer.text().contains("doc-endnotes"), "{raw}: the page leaked");
    }
    for host in [
        format!("attacker.example:{port}"),
        "attacker.example".to_string(),
        format!("127.0.0.1.attacker.example:{port}"),
        format!("localhost:{port}@attacker.example"),
    ] {
        let answer = ask(&host);
        assert_eq!(answer.status, 403, "{host}");
        assert!(
            !answer.text().contains("doc-endnotes"),
            "{host}: the page leaked"
        );
    }
    for host in [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("LOCALHOST:{port}"),
    ] {
        let answer = ask(&host);
        assert_eq!(answer.status, 200, "{host}");
        assert!(answer.text().contains("doc-endnotes"), "{host}");
    }
}

#[test]
fn head_has_no_body_and_other_methods_get_405_with_allow() {
    let content = content_with("serve-methods", "article.md", |t| t);
    let server = Server::start(&content);
    let path = format!("/{SLUG}/index.html");
    let get = server.get(&path);
    let head = server.request("HEAD", &path);
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty(), "HEAD sent {} bytes", head.body.len());
    assert_eq!(
        head.header("content-length"),
        Some(get.body.len().to_string().as_str())
    );
    assert_eq!(head.header("content-type"), get.header("content-type"));
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"] {
        let answer = server.request(method, &path);
        assert_eq!(answer.status, 405, "{method}");
        assert_eq!(answer.header("allow"), Some("get, head"), "{method}");
    }
}

#[test]
fn oversized_request_lines_and_headers_are_rejected() {
    let content = content_with("serve-big", "article.md", |t| t);
    let server = Server::start(&content);
    let big_header = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
        "a".repeat(64 * 1024)
    );
    assert_eq!(server.raw(big_header.as_bytes()).status, 431);
    let many_headers: String = (0..2000).map(|i| format!("X-{i}: v\r\n")).collect();
    let many =
        format!("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n{many_headers}Connection: close\r\n\r\n");
    assert_eq!(server.raw(many.as_bytes()).status, 431);
    let long_line = format!(
        "GET /{} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
        "a".repeat(64 * 1024)
    );
    let status = server.raw(long_line.as_bytes()).status;
    assert!(status == 414 || status == 431, "{status}");
    assert_eq!(server.get("/").status, 200, "the server still serves");
}

#[test]
fn slow_clients_do_not_block_others_and_are_cut_off() {
    let content = content_with("serve-slow", "article.md", |t| t);
    let server = Server::start(&content);
    // Slowloris: many connections that send part of a head and then nothing.
    let slow: Vec<TcpStream> = (0..50)
        .map(|_| {
            let mut s = server.connect();
            s.write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                .unwrap();
            s
        })
        .collect();
    // And one that connects and sends nothing at all.
    let silent = server.connect();
    for _ in 0..10 {
        assert_eq!(server.get(&format!("/{SLUG}/index.html")).status, 200);
    }
    // The server gives up on them (within its head timeout, 10 s), freeing their slots.
    for mut s in slow.into_iter().chain([silent]) {
        let mut rest = Vec::new();
        let started = Instant::now();
        let _ = s.read_to_end(&mut rest);
        assert!(
            started.elapsed() < Duration::from_secs(25),
            "a slow client was kept"
        );
        let text = String::from_utf8_lossy(&rest);
        assert!(
            rest.is_empty() || text.starts_with("HTTP/1.1 408"),
            "{text}"
        );
    }
}

#[test]
fn many_concurrent_connections_are_all_served() {
    let content = content_with("serve-many", "article.md", |t| t);
    let server = Server::start(&content);
    // More than the server serves at once (256): the rest wait to be accepted (the kernel queues
    // 128 more), none is lost.
    let mut open: Vec<TcpStream> = (0..300).map(|_| server.connect()).collect();
    for (i, s) in open.iter_mut().enumerate() {
        let path = if i % 2 == 0 { "/" } else { "/404-me.html" };
        s.write_all(
            format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
        .unwrap();
    }
    for (i, mut s) in open.into_iter().enumerate() {
        let mut bytes = Vec::new();
        s.read_to_end(&mut bytes).unwrap();
        let answer = Answer::parse(&bytes);
        assert_eq!(
            answer.status,
            if i % 2 == 0 { 200 } else { 404 },
            "connection {i}"
        );
    }
}

/// Opens the reload stream a served page opens, and reads its events.
struct Events(BufReader<TcpStream>);

impl Events {
    fn open(server: &Server, page: &str) -> Events {
        let html = server.get(&format!("/{page}")).text();
        let version = html
            .split("data-version=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap_or_else(|| panic!("no reload script in {page}"));
        let mut s = server.connect();
        write!(
            s,
            "GET /__explainer/reload?page={page}&v={version} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        )
        .unwrap();
        let mut events = Events(BufReader::new(s));
        assert_eq!(events.next(), "ready");
        events
    }

    /// The next event's name.
    fn next(&mut self) -> String {
        let mut line = String::new();
        loop {
            line.clear();
            assert!(self.0.read_line(&mut line).unwrap() > 0, "stream ended");
            if let Some(name) = line.trim_end().strip_prefix("event: ") {
                return name.to_string();
            }
        }
    }
}

#[test]
fn an_edit_reloads_only_the_pages_whose_bytes_changed() {
    let content = content_with("serve-reload", "article.md", |t| t);
    let mut server = Server::start(&content);
    let article = format!("{SLUG}/index.html");
    let gallery = format!("{SLUG}/figures/index.html");
    let mut article_events = Events::open(&server, &article);
    let mut gallery_events = Events::open(&server, &gallery);
    let mut home_events = Events::open(&server, "index.html");

    // A sentence added to the body changes the article page only.
    let path = content.join("articles").join(SLUG).join("article.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text
        .find("\n\nIt is impossible not to mention")
        .expect("a paragraph");
    let end = start + 2 + text[start + 2..].find("\n\n").unwrap();
    let edited = format!("{} Edited sentence.{}", &text[..end], &text[end..]);
    std::fs::write(&path, edited).unwrap();
    // The article page changes, and with it the search index's files that hold its text (its
    // snippets, the shards of the new words, the root): nothing else.
    let rebuilt = server.rebuilt();
    let count: usize = rebuilt
        .strip_prefix("rebuilt: ")
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{rebuilt}"));
    assert!((1..=6).contains(&count), "{rebuilt}");
    assert_eq!(article_events.next(), "reload");
    assert_eq!(gallery_events.next(), "unchanged");
    assert_eq!(home_events.next(), "unchanged");
    assert!(server
        .get(&format!("/{article}"))
        .text()
        .contains("Edited sentence."));

    // A page reopened after the change is current: it is not told to reload again.
    let mut reopened = Events::open(&server, &article);
    std::fs::write(&path, text).unwrap();
    server.rebuilt();
    assert_eq!(reopened.next(), "reload");
    assert_eq!(gallery_events.next(), "unchanged");
}

#[test]
fn broken_content_shows_its_errors_until_fixed() {
    let content = content_with("serve-broken", "article.md", |t| {
        t.replacen("[^1]:", "[^one]:", 1)
    });
    let mut server = Server::start(&content);
    let page = server.get("/");
    assert!(page.text().contains("The build failed"), "{}", page.text());
    assert!(page.text().contains("article.md:"), "the error is listed");
    let mut events = Events::open(&server, "index.html");
    let path = content.join("articles").join(SLUG).join("article.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("[^one]:", "[^1]:", 1)).unwrap();
    server.rebuilt();
    assert_eq!(events.next(), "reload");
    assert!(server
        .get("/")
        .text()
        .contains(&format!("{SLUG}/index.html")));
}
