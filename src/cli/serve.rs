//! `explainer serve`: builds the site into memory and serves it on 127.0.0.1 only, rebuilding
//! when content changes (file-system events); open pages whose bytes changed reload themselves
//! (server-sent events), the others stay as they are. Nothing but the built site is ever served:
//! there is no path from a request to the file system, and a request must name this machine
//! in its `Host` (no DNS rebinding).
//!
//! HTTP is hyper's, on one thread (tokio's current-thread runtime), so a client that misbehaves
//! costs a task, never a thread: request heads are capped at [`MAX_HEAD`] bytes and must arrive
//! within [`HEAD_TIMEOUT`]; at most [`MAX_CONNECTIONS`] connections are served at once (more
//! wait to be accepted); no connection lives longer than [`CONNECTION_LIFETIME`] (a page's
//! reload stream reconnects by itself).

use std::collections::HashMap;
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use askama::Template;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Empty, Full};
use hyper::body::{Bytes, Frame};
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::{mpsc, watch, Semaphore};

use crate::diag::{Problem, Problems};
use crate::emit::output::SiteFiles;
use crate::pipeline::{build, BuildOptions};

/// Largest request line plus headers accepted (larger gets 431).
pub const MAX_HEAD: usize = 16 * 1024;
/// Time a client has to send a request's head.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections served at once.
pub const MAX_CONNECTIONS: usize = 256;
/// Longest a connection is kept, whatever it does.
pub const CONNECTION_LIFETIME: Duration = Duration::from_secs(300);
/// The path of the reload stream.
const RELOAD_PATH: &str = "/__explainer/reload";

type Body = BoxBody<Bytes, Infallible>;

/// A file of the served site, and the site version in which its bytes last changed.
struct Served {
    bytes: Bytes,
    changed_in: u64,
}

/// One build of the site as served.
struct SiteState {
    version: u64,
    files: HashMap<String, Served>,
}

impl SiteState {
    /// The site `site` as version `version`: files whose bytes are the same as in `before`
    /// keep the version they last changed in.
    fn next(before: Option<&SiteState>, site: SiteFiles, version: u64) -> SiteState {
        let files = site
            .files
            .into_iter()
            .map(|(path, bytes)| {
                let bytes = match bytes {
                    std::borrow::Cow::Borrowed(b) => Bytes::from_static(b),
                    std::borrow::Cow::Owned(b) => Bytes::from(b),
                };
                let changed_in = before
                    .and_then(|b| b.files.get(&path))
                    .filter(|old| old.bytes == bytes)
                    .map_or(version, |old| old.changed_in);
                (path, Served { bytes, changed_in })
            })
            .collect();
        SiteState { version, files }
    }

    /// Which served pages changed from `before` to this version.
    fn changed_since(&self, before: &SiteState) -> usize {
        let removed = before
            .files
            .keys()
            .filter(|p| !self.files.contains_key(*p))
            .count();
        removed
            + self
                .files
                .values()
                .filter(|f| f.changed_in == self.version)
                .count()
    }
}

/// The script put into every served page: it listens for a reload of this page.
#[derive(Template)]
#[template(path = "serve_reload.html")]
struct ReloadScript<'a> {
    page: &'a str,
    version: u64,
}

/// The page served while the content does not build.
#[derive(Template)]
#[template(path = "serve_failed.html")]
struct FailedPage<'a> {
    problems: Vec<&'a Problem>,
}

fn failed_site(problems: &Problems) -> SiteFiles {
    let page = FailedPage {
        problems: problems.errors().collect(),
    }
    .render()
    .unwrap_or_default();
    let mut site = SiteFiles::default();
    site.add_text("index.html", page.clone());
    site.add_text("404.html", page);
    site
}

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

/// The site path a request target asks for (`/a/b.html?x` → `a/b.html`), or `None` for
/// anything that could leave the site.
pub fn request_path(target: &str) -> Option<String> {
    let path = target.split(['?', '#']).next()?;
    let path = percent_decode(path)?;
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

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            // A `%` not followed by two hex digits is refused, not guessed at.
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

/// A query parameter's decoded value.
fn query_param(query: &str, name: &str) -> Option<String> {
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == name)
        .and_then(|(_, v)| percent_decode(&v.replace('+', " ")))
}

/// Whether a request's `Host` names this machine. A page on another site can make a browser
/// send requests here under a name that resolves to 127.0.0.1 (DNS rebinding); its `Host` then
/// carries that name, and it gets nothing.
fn local_host(host: Option<&HeaderValue>) -> bool {
    let Some(host) = host else {
        return true; // HTTP/1.0 clients; a browser always sends the name.
    };
    let Ok(host) = host.to_str() else {
        return false;
    };
    let name = match host.rsplit_once(':') {
        Some((name, port)) if !name.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    };
    matches!(
        name.to_ascii_lowercase().as_str(),
        "127.0.0.1" | "localhost" | "[::1]"
    )
}

fn respond(status: StatusCode, kind: &str, body: Body) -> Response<Body> {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let headers = response.headers_mut();
    if let Ok(kind) = HeaderValue::from_str(kind) {
        headers.insert(header::CONTENT_TYPE, kind);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn text(status: StatusCode, message: &'static str) -> Response<Body> {
    respond(
        status,
        "text/plain; charset=utf-8",
        Full::new(Bytes::from_static(message.as_bytes())).boxed(),
    )
}

/// Answers one request from the current site.
fn answer(
    request: &Request<hyper::body::Incoming>,
    site: &watch::Receiver<Arc<SiteState>>,
) -> Response<Body> {
    let method = request.method();
    if method != Method::GET && method != Method::HEAD {
        let mut response = text(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    // One Host at most, and a target in absolute form (`GET http://name/ HTTP/1.1`) names this
    // machine too: a second Host or the target's authority could otherwise carry another name.
    let hosts: Vec<&HeaderValue> = request.headers().get_all(header::HOST).iter().collect();
    let authority = request
        .uri()
        .authority()
        .and_then(|a| HeaderValue::from_str(a.as_str()).ok());
    if hosts.len() > 1
        || !local_host(hosts.first().copied())
        || authority.is_some_and(|a| !local_host(Some(&a)))
    {
        return text(
            StatusCode::FORBIDDEN,
            "this server answers only to 127.0.0.1 and localhost\n",
        );
    }
    let uri = request.uri();
    if uri.path() == RELOAD_PATH {
        return reload_stream(uri.query().unwrap_or(""), site.clone());
    }
    let Some(path) = request_path(uri.path()) else {
        return text(StatusCode::BAD_REQUEST, "bad path\n");
    };
    let state = Arc::clone(&site.borrow());
    let (status, path, file) = match state.files.get(&path) {
        Some(f) => (StatusCode::OK, path, Some(f)),
        None => (
            StatusCode::NOT_FOUND,
            "404.html".to_string(),
            state.files.get("404.html"),
        ),
    };
    let Some(file) = file else {
        return text(StatusCode::NOT_FOUND, "not found\n");
    };
    let bytes = if path.ends_with(".html") {
        with_reload_script(&file.bytes, &path, file.changed_in)
    } else {
        file.bytes.clone()
    };
    let length = bytes.len();
    let body = if method == Method::HEAD {
        Empty::new().boxed()
    } else {
        Full::new(bytes).boxed()
    };
    let mut response = respond(status, content_type(&path), body);
    response
        .headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    response
}

/// The page with the reload script before `</body>` (or at the end).
fn with_reload_script(page: &Bytes, path: &str, version: u64) -> Bytes {
    let script = ReloadScript {
        page: path,
        version,
    }
    .render()
    .unwrap_or_default();
    let text = String::from_utf8_lossy(page);
    let at = text.rfind("</body>").unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + script.len());
    out.push_str(&text[..at]);
    out.push_str(&script);
    out.push_str(&text[at..]);
    Bytes::from(out)
}

/// A body fed by a channel: the reload stream's events.
struct Events(mpsc::Receiver<Bytes>);

impl hyper::body::Body for Events {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.0.poll_recv(cx).map(|b| b.map(|b| Ok(Frame::data(b))))
    }
}

/// Server-sent events for one open page (`?page=PATH&v=VERSION`, the version its bytes were
/// served at): `ready` once, then per rebuild `reload` if the page's bytes changed (or it is
/// gone) or `unchanged` if not.
fn reload_stream(query: &str, mut site: watch::Receiver<Arc<SiteState>>) -> Response<Body> {
    let page = query_param(query, "page").unwrap_or_default();
    let served_at: u64 = query_param(query, "v")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let (events, stream) = mpsc::channel::<Bytes>(4);
    tokio::spawn(async move {
        let mut version = site.borrow_and_update().version;
        let ready = format!("retry: 1000\nevent: ready\ndata: {version}\n\n");
        if events.send(Bytes::from(ready)).await.is_err() {
            return;
        }
        loop {
            let changed_in = {
                let state = site.borrow_and_update();
                version = state.version;
                state.files.get(&page).map(|f| f.changed_in)
            };
            if changed_in != Some(served_at) {
                let _ = events
                    .send(Bytes::from(format!("event: reload\ndata: {version}\n\n")))
                    .await;
                return;
            }
            let next = tokio::time::timeout(Duration::from_secs(15), site.changed()).await;
            let message = match next {
                Ok(Err(_)) => return,
                // Keeps the connection alive and finds closed ones.
                Err(_) => Bytes::from_static(b": ping\n\n"),
                Ok(Ok(())) => {
                    let state = site.borrow();
                    let same = state.files.get(&page).map(|f| f.changed_in) == Some(served_at);
                    if !same {
                        continue;
                    }
                    Bytes::from(format!("event: unchanged\ndata: {}\n\n", state.version))
                }
            };
            if events.send(message).await.is_err() {
                return;
            }
        }
    });
    respond(
        StatusCode::OK,
        "text/event-stream",
        BodyExt::boxed(Events(stream)),
    )
}

fn rebuild(content: &Path, options: &BuildOptions) -> Result<SiteFiles, Problems> {
    build(content, options).map(|(site, problems)| {
        for p in problems.warnings() {
            eprintln!("{p}");
        }
        site
    })
}

/// Rebuilds after each burst of changes under `content` and publishes the new site.
type Changes = std::sync::mpsc::Receiver<notify::Result<notify::Event>>;
type Watching = (Box<dyn notify::Watcher + Send>, Changes);

/// Starts watching `content` (file-system events, or polling where there are none); `None`
/// when it cannot be watched at all.
fn watch(content: &Path) -> Option<Watching> {
    use notify::{RecursiveMode, Watcher};
    let (tx, changes) = std::sync::mpsc::channel();
    let mut watcher: Box<dyn Watcher + Send> = match notify::recommended_watcher(tx.clone()) {
        Ok(w) => Box::new(w),
        Err(e) => {
            eprintln!("file-system events are unavailable ({e}); checking for changes every 0.5 s");
            let config = notify::Config::default().with_poll_interval(Duration::from_millis(500));
            match notify::PollWatcher::new(tx, config) {
                Ok(w) => Box::new(w),
                Err(e) => {
                    eprintln!(
                        "cannot watch {}: {e}; live reload is off",
                        content.display()
                    );
                    return None;
                }
            }
        }
    };
    if let Err(e) = watcher.watch(content, RecursiveMode::Recursive) {
        eprintln!(
            "cannot watch {}: {e}; live reload is off",
            content.display()
        );
        return None;
    }
    Some((watcher, changes))
}

/// What the content's files are, as far as a change matters: every path with its size and
/// modification time. Reading a file can raise an event too (its access time changes, and
/// inotify reports that like a `chmod`); the stamp does not move then, so nothing is rebuilt.
fn content_stamp(content: &Path) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for entry in walkdir::WalkDir::new(content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        entry.path().hash(&mut hasher);
        if let Ok(meta) = entry.metadata() {
            // The permissions' debug form holds the whole mode on Unix: a `chmod` that makes
            // a file readable again is a change.
            let permissions = format!("{:?}", meta.permissions());
            (meta.len(), meta.modified().ok(), permissions).hash(&mut hasher);
        }
    }
    hasher.finish()
}

/// Rebuilds after each burst of changes and publishes the new site (the watcher lives as long).
/// `built` is the stamp of the content the published site was built from.
fn rebuild_on_change(
    (_watcher, changes): Watching,
    content: PathBuf,
    options: BuildOptions,
    publish: watch::Sender<Arc<SiteState>>,
    mut built: u64,
) {
    use notify::EventKind;
    // Reading the content (our own builds included) is not a change.
    let is_change = |event: &notify::Result<notify::Event>| !matches!(event, Ok(e) if matches!(e.kind, EventKind::Access(_)));
    while let Ok(event) = changes.recv() {
        if !is_change(&event) {
            continue;
        }
        // Wait for the burst (an editor's save, a `git checkout`) to settle.
        while changes.recv_timeout(Duration::from_millis(100)).is_ok() {}
        // The stamp, not the events, says whether to build: an edit made while a build runs is
        // built next, and events that change nothing (our own reading) build nothing.
        loop {
            let stamp = content_stamp(&content);
            if stamp == built {
                break;
            }
            built = stamp;
            match rebuild(&content, &options) {
                Ok(site) => {
                    let before = Arc::clone(&publish.borrow());
                    let next = SiteState::next(Some(&before), site, before.version + 1);
                    let (changed, version) = (next.changed_since(&before), next.version);
                    // Published before it is announced: whoever reads the line gets the new site.
                    publish.send_replace(Arc::new(next));
                    println!("rebuilt: {changed} file(s) changed (version {version})");
                }
                Err(problems) => {
                    for p in problems.errors() {
                        eprintln!("{p}");
                    }
                    eprintln!("not reloaded: fix the errors above");
                }
            }
            while changes.try_recv().is_ok() {}
        }
    }
}

/// Serves until the process is stopped. Fails only if the port cannot be bound.
pub fn serve(content: PathBuf, options: BuildOptions, port: u16) -> std::io::Result<()> {
    // Watch before the first build, so no edit made while it runs is missed.
    let watching = watch(&content);
    let stamp = content_stamp(&content);
    let first = rebuild(&content, &options).unwrap_or_else(|problems| {
        for p in problems.errors() {
            eprintln!("{p}");
        }
        eprintln!("the content has errors; serving the error page until they are fixed");
        failed_site(&problems)
    });
    let (publish, site) = watch::channel(Arc::new(SiteState::next(None, first, 1)));
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))?;
    listener.set_nonblocking(true)?;
    println!(
        "serving http://{}/ (Ctrl-C to stop)",
        listener.local_addr()?
    );
    if let Some(watching) = watching {
        let started = std::thread::Builder::new()
            .name("rebuild".into())
            .spawn(move || rebuild_on_change(watching, content, options, publish, stamp));
        if let Err(e) = started {
            eprintln!("cannot start rebuilding on changes ({e}); live reload is off");
        }
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(accept_loop(listener, site))
}

async fn accept_loop(
    listener: std::net::TcpListener,
    site: watch::Receiver<Arc<SiteState>>,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
            return Ok(());
        };
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(e) => {
                // Out of file descriptors, say: wait and go on serving.
                eprintln!("cannot accept a connection: {e}");
                tokio::time::sleep(Duration::from_millis(100)).await;
                continue;
            }
        };
        let site = site.clone();
        tokio::spawn(async move {
            let service = hyper::service::service_fn(move |request| {
                let response = answer(&request, &site);
                async move { Ok::<_, Infallible>(response) }
            });
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT)
                .max_buf_size(MAX_HEAD)
                .serve_connection(TokioIo::new(stream), service);
            let _ = tokio::time::timeout(CONNECTION_LIFETIME, connection).await;
            drop(slot);
        });
    }
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
        assert_eq!(request_path("/a%00b"), None);
        assert_eq!(request_path("/50%"), None);
        assert_eq!(request_path("/%zz"), None);
    }

    #[test]
    fn a_rebuild_marks_only_the_pages_whose_bytes_changed() {
        let mut one = SiteFiles::default();
        one.add_text("a.html", "a".into());
        one.add_text("b.html", "b".into());
        one.add_text("gone.html", "g".into());
        let first = SiteState::next(None, one, 1);
        let mut two = SiteFiles::default();
        two.add_text("a.html", "a".into());
        two.add_text("b.html", "b, edited".into());
        two.add_text("new.html", "n".into());
        let second = SiteState::next(Some(&first), two, 2);
        assert_eq!(second.files["a.html"].changed_in, 1);
        assert_eq!(second.files["b.html"].changed_in, 2);
        assert_eq!(second.files["new.html"].changed_in, 2);
        assert_eq!(second.changed_since(&first), 3, "b, new, and gone");
    }

    #[test]
    fn the_reload_script_goes_before_the_end_of_the_body_and_escapes_the_path() {
        let page = Bytes::from_static(b"<html><body><p>x</p></body></html>");
        let out = with_reload_script(&page, "a\"b/index.html", 7);
        let out = String::from_utf8(out.to_vec()).unwrap();
        assert!(
            out.starts_with(
                "<html><body><p>x</p><script data-page=\"a&#34;b/index.html\" data-version=\"7\">"
            ) || out.starts_with(
                "<html><body><p>x</p><script data-page=\"a&quot;b/index.html\" data-version=\"7\">"
            ),
            "{out}"
        );
        assert!(out.ends_with("</script></body></html>"), "{out}");
        let bare = with_reload_script(&Bytes::from_static(b"plain"), "p.html", 1);
        assert!(bare.starts_with(b"plain<script"));
    }

    #[test]
    fn query_parameters_are_decoded() {
        assert_eq!(
            query_param("page=a%2Fb.html&v=3", "page").as_deref(),
            Some("a/b.html")
        );
        assert_eq!(query_param("page=a&v=3", "v").as_deref(), Some("3"));
        assert_eq!(query_param("page=a", "v"), None);
    }
}
