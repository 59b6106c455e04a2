//! `medvirk serve`: build, serve on loopback, rebuild on change, reload pages.
//!
//! The site is rendered into memory ([`render_site_cached`]) and served from
//! there, so nothing under the output folder changes and a request can only
//! ever reach a file the build produced: there is no path to traverse. A
//! watcher rebuilds after a change settles; open pages hear about it over
//! server-sent events from a small script injected into HTML (in serve mode
//! only) and reload, or show the build error in an overlay while the last
//! good site stays served.
//!
//! A rebuild does again only what a change reaches ([`SiteCache`]):
//! the watcher's paths are the only files read, meetings whose files did not
//! change are taken whole from the last build, the whole site is validated
//! again (a change anywhere can break a link anywhere), and only the pages
//! that read a changed part of the site are rendered. The search index is
//! made when it is first asked for after a rebuild (`ensure_index`), from
//! the kept documents of unchanged meetings: at 10,000 cases it still costs
//! ten times the rest of a rebuild, and an author saving a page mostly
//! looks at the page.

mod cache;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tokio_stream::StreamExt;

use crate::error::Error;
use crate::pipeline::BuildOptions;
pub use cache::{render_site_cached, render_site_deferred, SiteCache};

/// Where and what to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The address to bind (loopback unless asked otherwise).
    pub interface: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// Print only errors.
    pub quiet: bool,
    /// Print the time of each stage of every rebuild.
    pub verbose: bool,
}

/// The live-reload client, injected into every HTML page served.
const LIVE_RELOAD_JS: &str = include_str!("../theme/static/livereload.js");
const LIVE_RELOAD_PATH: &str = "/__medvirk/livereload.js";
const EVENTS_PATH: &str = "/__medvirk/events";

/// What the server holds: the last good build, and the current error if the last build failed.
#[derive(Default)]
struct Snapshot {
    files: HashMap<String, Arc<Vec<u8>>>,
    copies: HashMap<String, PathBuf>,
    error: Option<String>,
    /// Counts good builds, so an index made for an older one is not installed.
    generation: u64,
    /// The search index of this build is not made yet: `files` lacks it.
    index_pending: bool,
}

#[derive(Clone)]
struct AppState {
    snapshot: Arc<RwLock<Snapshot>>,
    events: broadcast::Sender<Notice>,
    /// What the last render made, so a rebuild redoes only what changed.
    cache: Arc<SiteCache>,
    /// One search index is made at a time.
    indexing: Arc<tokio::sync::Mutex<()>>,
    /// One render at a time: the watcher's, or one for a new index.
    rendering: Arc<std::sync::Mutex<()>>,
    build: BuildOptions,
    options: ServeOptions,
}

/// What open pages are told.
#[derive(Debug, Clone)]
enum Notice {
    Reload,
    Failed(String),
}

/// Builds `options.root`, serves it and rebuilds on change until interrupted.
pub fn serve(options: &ServeOptions) -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Serve(format!("cannot start the server: {e}")))?;
    runtime.block_on(run(options.clone()))
}

async fn run(options: ServeOptions) -> Result<(), Error> {
    let listener = tokio::net::TcpListener::bind(SocketAddr::new(options.interface, options.port))
        .await
        .map_err(|e| {
            Error::Serve(format!(
                "cannot listen on {}:{}: {e}",
                options.interface, options.port
            ))
        })?;
    let address = listener
        .local_addr()
        .map_err(|e| Error::Serve(e.to_string()))?;
    let base_url = format!("http://{address}");
    let (notices, _) = broadcast::channel(16);
    let build = BuildOptions {
        root: options.root.clone(),
        output_dir: None,
        base_url: Some(base_url.clone()),
    };
    let state = AppState {
        snapshot: Arc::new(RwLock::new(Snapshot::default())),
        events: notices,
        cache: Arc::default(),
        indexing: Arc::default(),
        rendering: Arc::default(),
        build,
        options,
    };
    rebuild(&state, Index::Defer);
    // Printed on stdout, alone, so scripts and tests can find the port.
    println!("Serving {base_url}/");

    let watcher_state = state.clone();
    std::thread::spawn(move || watch(&watcher_state));

    let app = Router::new()
        .route(LIVE_RELOAD_PATH, get(live_reload_js))
        .route(EVENTS_PATH, get(events))
        .fallback(get(file))
        .with_state(state);
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| Error::Serve(e.to_string()))
}

/// Whether a rebuild makes the search index too.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Index {
    /// Only once there is none yet; later it is made when first asked for
    /// ([`ensure_index`]).
    Defer,
    /// Now.
    Build,
}

/// Renders the site into memory; on success replaces what is served, on
/// failure keeps it and reports the error.
fn rebuild(state: &AppState, index: Index) {
    let _one = state.rendering.lock().expect("lock");
    let start = Instant::now();
    let (build, options) = (&state.build, &state.options);
    let rendered = match index {
        Index::Defer => render_site_deferred(build, &state.cache),
        Index::Build => render_site_cached(build, &state.cache),
    };
    match rendered {
        Ok(site) => {
            let files = site.files.into_iter().map(|f| (f.path, f.bytes)).collect();
            let copies = site
                .copies
                .into_iter()
                .map(|c| (c.path, c.source))
                .collect();
            // The last build is let go of after the pages hear of the new one.
            let _last = {
                let mut snapshot = state.snapshot.write().expect("lock");
                let generation = snapshot.generation + 1;
                std::mem::replace(
                    &mut *snapshot,
                    Snapshot {
                        files,
                        copies,
                        error: None,
                        generation,
                        index_pending: site.index_deferred,
                    },
                )
            };
            for w in &site.warnings.0 {
                eprintln!("{w}");
            }
            match crate::output::anchor_record::write(&build.root, &site.anchor_record) {
                Ok(Some(line)) if !options.quiet => eprintln!("{line}"),
                Ok(_) => {}
                Err(warning) => eprintln!("{warning}"),
            }
            if !options.quiet {
                let (rendered, _) = state.cache.pages.counts();
                eprintln!(
                    "Built {} pages ({rendered} rendered again) in {} ms",
                    site.pages,
                    start.elapsed().as_millis()
                );
            }
            if options.verbose {
                for (stage, d) in &site.timings {
                    eprintln!("  {stage:<8} {:>6} ms", d.as_millis());
                }
            }
            let _ = state.events.send(Notice::Reload);
        }
        Err(err) => {
            let text = match &err {
                Error::Invalid(d) => d.to_string(),
                other => other.to_string(),
            };
            eprintln!("{text}\nerror: the site has errors; still serving the last good build");
            state.snapshot.write().expect("lock").error = Some(text.clone());
            let _ = state.events.send(Notice::Failed(text));
        }
    }
}

/// Makes the search index of the site being served, if it is pending, and
/// serves it from then on; false if a rebuild came in between. Requests for
/// index files wait for this, so a search never reads an index older than
/// the pages.
async fn ensure_index(state: &AppState) -> bool {
    let _one = state.indexing.lock().await;
    let generation = {
        let snapshot = state.snapshot.read().expect("lock");
        if !snapshot.index_pending {
            return true;
        }
        snapshot.generation
    };
    let worker = state.clone();
    let made = tokio::task::spawn_blocking(move || {
        let start = Instant::now();
        let assumed = worker.cache.index_place();
        let index = worker.cache.search_index();
        let place = index.as_ref().map(|i| (i.layout, i.url.clone()));
        if place != assumed {
            // The pages name another index (the site outgrew one file):
            // render them again with this one.
            rebuild(&worker, Index::Build);
            return None;
        }
        if worker.options.verbose {
            eprintln!(
                "  search   {:>6} ms (on request)",
                start.elapsed().as_millis()
            );
        }
        index
    })
    .await;
    let Ok(Some(index)) = made else {
        return false;
    };
    let mut snapshot = state.snapshot.write().expect("lock");
    // A rebuild in between left its own index pending.
    if snapshot.generation != generation {
        return false;
    }
    for file in index.files {
        snapshot.files.insert(file.path, file.bytes);
    }
    snapshot.index_pending = false;
    true
}

/// Watches the site's sources and rebuilds once a burst of changes settles.
fn watch(state: &AppState) {
    let build = &state.build;
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = std::sync::mpsc::channel();
    let mut watcher = match notify::recommended_watcher(tx) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch for changes: {e}");
            return;
        }
    };
    // Events carry absolute paths.
    let root = &build
        .root
        .canonicalize()
        .unwrap_or_else(|_| build.root.clone());
    // Not `theme/`: the default theme is compiled in, and nothing reads it.
    for name in ["config.toml", "content", "data", "templates", "static"] {
        let path = root.join(name);
        if path.exists() {
            if let Err(e) = watcher.watch(&path, RecursiveMode::Recursive) {
                eprintln!("error: cannot watch {}: {e}", path.display());
            }
        }
    }
    while let Ok(first) = rx.recv() {
        let mut changes = Changes::default();
        changes.add(root, &first);
        // Editors write a file in several steps; wait for the burst to end.
        while let Ok(next) = rx.recv_timeout(Duration::from_millis(60)) {
            changes.add(root, &next);
        }
        if changes.relevant {
            let paths = (!changes.lost).then_some(changes.paths.as_slice());
            state.cache.changed(paths);
            rebuild(state, Index::Defer);
        }
    }
}

/// What a burst of watcher events changed.
#[derive(Default)]
struct Changes {
    /// Paths relative to the site root.
    paths: Vec<PathBuf>,
    /// Whether any of it matters to the site.
    relevant: bool,
    /// The watcher lost events: anything may have changed.
    lost: bool,
}

impl Changes {
    fn add(&mut self, root: &Path, event: &notify::Result<notify::Event>) {
        let Ok(event) = event else {
            self.lost = true;
            self.relevant = true;
            return;
        };
        self.lost |= event.need_rescan();
        self.relevant |= is_relevant(root, event) || event.need_rescan();
        if !matches!(event.kind, notify::EventKind::Access(_)) {
            self.paths.extend(
                event
                    .paths
                    .iter()
                    .filter_map(|p| p.strip_prefix(root).ok())
                    .map(Path::to_path_buf),
            );
        }
    }
}

/// Skips editors' swap and backup files, and events that only read.
fn is_relevant(root: &Path, event: &notify::Event) -> bool {
    if matches!(event.kind, notify::EventKind::Access(_)) {
        return false;
    }
    event.paths.iter().any(|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        // The anchor record is written by the rebuild itself.
        let record = p.ends_with(crate::load::ANCHOR_RECORD)
            || name.ends_with(crate::output::TEMPORARY_SUFFIX);
        let temporary = record
            || name.starts_with(".#")
            || name.ends_with('~')
            || name.ends_with(".swp")
            || name.ends_with(".swx")
            || name.ends_with(".tmp");
        !temporary && p.starts_with(root)
    })
}

async fn live_reload_js() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        LIVE_RELOAD_JS,
    )
}

/// Server-sent events: "reload" after a good build, "failed" with the report after a bad one.
async fn events(
    State(state): State<AppState>,
) -> Sse<impl tokio_stream::Stream<Item = Result<Event, std::convert::Infallible>>> {
    let current = state.snapshot.read().expect("lock").error.clone();
    let first = tokio_stream::iter(current.map(|e| Ok(Event::default().event("failed").data(e))));
    let later = BroadcastStream::new(state.events.subscribe()).filter_map(|notice| {
        let event = match notice.ok()? {
            Notice::Reload => Event::default().event("reload").data("ok"),
            Notice::Failed(text) => Event::default().event("failed").data(text),
        };
        Some(Ok(event))
    });
    Sse::new(first.chain(later)).keep_alive(KeepAlive::default())
}

/// The file for a request path, from the last good build; 404 otherwise.
async fn file(State(state): State<AppState>, uri: Uri) -> Response {
    let Some(rel) = request_path(uri.path()) else {
        return not_found(&state);
    };
    if rel.starts_with("search_index") {
        for _ in 0..3 {
            if ensure_index(&state).await {
                break;
            }
        }
    }
    let (bytes, redirect, copy) = {
        let snapshot = state.snapshot.read().expect("lock");
        let index = if rel.is_empty() || rel.ends_with('/') {
            format!("{rel}index.html")
        } else {
            rel.clone()
        };
        let bytes = snapshot.files.get(&index).cloned();
        let redirect = bytes.is_none()
            && !rel.is_empty()
            && !rel.ends_with('/')
            && snapshot.files.contains_key(&format!("{rel}/index.html"));
        let copy = snapshot.copies.get(&rel).cloned();
        (bytes.map(|b| (index, b)), redirect, copy)
    };
    if let Some((name, bytes)) = bytes {
        return respond(StatusCode::OK, &name, &bytes);
    }
    if redirect {
        return Response::builder()
            .status(StatusCode::MOVED_PERMANENTLY)
            .header(header::LOCATION, format!("/{rel}/"))
            .body(Body::empty())
            .expect("response");
    }
    if let Some(source) = copy {
        if let Ok(bytes) = tokio::fs::read(&source).await {
            return respond(StatusCode::OK, &rel, &bytes);
        }
    }
    not_found(&state)
}

fn not_found(state: &AppState) -> Response {
    let page = state
        .snapshot
        .read()
        .expect("lock")
        .files
        .get("404.html")
        .cloned();
    match page {
        Some(bytes) => respond(StatusCode::NOT_FOUND, "404.html", &bytes),
        None => (StatusCode::NOT_FOUND, "Fant ikke siden").into_response(),
    }
}

/// The relative file path of a request, or `None` for anything that tries
/// to leave the site: `..`, encoded or not, backslashes, NUL.
fn request_path(raw: &str) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?
        .into_owned();
    if decoded.contains('\0') || decoded.contains('\\') {
        return None;
    }
    let rel = decoded.trim_start_matches('/');
    if rel.split('/').any(|s| s == ".." || s == ".") {
        return None;
    }
    Some(rel.to_string())
}

fn respond(status: StatusCode, name: &str, bytes: &[u8]) -> Response {
    let kind = content_type(name);
    let body = if kind.starts_with("text/html") {
        inject_live_reload(bytes)
    } else {
        bytes.to_vec()
    };
    Response::builder()
        .status(status)
        .header(
            header::CONTENT_TYPE,
            HeaderValue::from_str(&kind)
                .unwrap_or(HeaderValue::from_static("application/octet-stream")),
        )
        .header(header::CACHE_CONTROL, "no-store")
        .body(Body::from(body))
        .expect("response")
}

/// Adds the live-reload script to a page, before `</head>` (or at the end).
fn inject_live_reload(html: &[u8]) -> Vec<u8> {
    let tag = format!(r#"<script src="{LIVE_RELOAD_PATH}" defer></script>"#);
    let text = String::from_utf8_lossy(html);
    match text.find("</head>") {
        Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

/// The media type of a file by its extension; text is always UTF-8 here
/// (pages, feeds, styles and scripts are written so, and `static/` text is
/// read so by the browser test).
fn content_type(name: &str) -> String {
    let guess = mime_guess::from_path(name).first_or_octet_stream();
    match guess.type_() {
        mime_guess::mime::TEXT => format!("{}; charset=utf-8", guess.essence_str()),
        _ => guess.essence_str().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_that_leave_the_site_are_refused() {
        for bad in [
            "/../etc/passwd",
            "/moter/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fx",
            "/a/%2e%2e%2f%2e%2e/x",
            "/a%5c..%5cx",
            "/a%00",
            "/./x",
        ] {
            assert_eq!(request_path(bad), None, "{bad}");
        }
        assert_eq!(
            request_path("/moter/2024-2/").as_deref(),
            Some("moter/2024-2/")
        );
        assert_eq!(request_path("/s%C3%B8k/").as_deref(), Some("søk/"));
    }

    #[test]
    fn files_are_served_with_their_media_type() {
        for (name, kind) in [
            ("index.html", "text/html; charset=utf-8"),
            ("style.0123abcd.css", "text/css; charset=utf-8"),
            ("sok.0123abcd.js", "text/javascript; charset=utf-8"),
            ("search_index.nb.json", "application/json"),
            ("vedlegg/bilde.gif", "image/gif"),
            ("vedlegg/bilde.webp", "image/webp"),
            ("vedlegg/bilde.PNG", "image/png"),
            ("vedlegg/notat.pdf", "application/pdf"),
            (
                "vedlegg/notat.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
            (
                "vedlegg/lysark.pptx",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            ),
            ("vedlegg/uten-type", "application/octet-stream"),
        ] {
            assert_eq!(content_type(name), kind, "{name}");
        }
    }

    #[test]
    fn the_reload_script_goes_into_the_head() {
        let html = inject_live_reload(b"<html><head><title>x</title></head><body></body></html>");
        let html = String::from_utf8(html).unwrap();
        assert!(html.contains(r#"<script src="/__medvirk/livereload.js" defer></script></head>"#));
    }
}
