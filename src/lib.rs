//! medvirk: a static-site generator for a user council's minutes, attendance
//! and position papers.
//!
//! One pipeline, one module per stage, data flowing one way:
//! [`load`] (read files, parse front matter) → [`model`] (validate, link) →
//! [`search`] (the client-side index) → [`render`] (Markdown and Tera
//! templates) → [`output`] (minify, write atomically). The index comes
//! before the pages because the search page names its layout.
//!
//! [`build()`] runs all of it; [`check()`] renders in memory and checks
//! links, writing nothing; [`serve`] serves the site from memory and
//! rebuilds on change.

#![warn(missing_docs)]

pub mod check;
pub mod error;
pub mod import;
pub mod init;
pub mod load;
pub mod model;
pub mod output;
pub mod render;
pub mod search;
pub mod serve;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

pub use error::{Diagnostic, DiagnosticKind, Diagnostics, Error, Severity};
use output::CopiedFile;

/// What to build, and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder (with `config.toml`).
    pub root: PathBuf,
    /// Where to write; `<root>/public` by default.
    pub output_dir: Option<PathBuf>,
    /// Overrides `base_url` from `config.toml` (for previews).
    pub base_url: Option<String>,
}

/// Told how far a long build has come; the CLI draws a progress bar with it.
/// Methods are called from worker threads.
pub trait Progress: Sync {
    /// A stage of `total` steps begins ("render": pages, "write": files).
    fn stage(&self, _name: &'static str, _total: u64) {}
    /// One step of the current stage is done.
    fn step(&self) {}
    /// The build is over, for good or not.
    fn finish(&self) {}
}

/// Progress that goes nowhere, for builds nobody watches.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}

/// What a build did, with the time of each stage.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// The output folder.
    pub output: PathBuf,
    /// Pages rendered.
    pub pages: usize,
    /// Files written (pages, assets, feeds).
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Warnings that did not stop the build.
    pub warnings: Diagnostics,
    /// Each stage's name and duration, in order.
    pub timings: Vec<(&'static str, Duration)>,
}

/// Loads, validates and renders a site in memory, and checks its links;
/// writes nothing. See [`check::check`].
pub fn check(root: &Path) -> Result<Diagnostics, Error> {
    check::check(root)
}

/// A site rendered in memory: what [`build`] writes and `serve` serves.
#[derive(Debug)]
pub struct RenderedSite {
    /// Rendered files (pages, feeds, theme assets, search index).
    pub files: Vec<render::OutputFile>,
    /// Files copied as they are (attachments, `static/`).
    pub copies: Vec<CopiedFile>,
    /// HTML pages among `files`.
    pub pages: usize,
    /// Whether the pages still need minifying when written: `config.toml`
    /// asks for minified HTML and the templates could not be minified.
    pub minify_html: bool,
    /// Warnings that did not stop the build.
    pub warnings: Diagnostics,
    /// Each stage's name and duration, in order.
    pub timings: Vec<(&'static str, Duration)>,
    /// What was read, for front-ends that point back into the sources (`check`).
    pub sources: load::Sources,
    /// The search index was left out ([`render_site_deferred`]).
    pub index_deferred: bool,
    /// The validated site the files were made from; `None` when `serve`'s
    /// cache keeps it instead.
    pub site: Option<model::Site>,
}

/// Runs every stage but the last: load → model → search → render.
pub fn render_site(options: &BuildOptions) -> Result<RenderedSite, Error> {
    render_site_with(options, &NoProgress)
}

/// [`render_site`], telling `progress` how rendering goes.
pub fn render_site_with(
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<RenderedSite, Error> {
    render_site_inner(options, None, progress)
}

/// What `serve` keeps from one render of a site to the next, so that a
/// rebuild reads, parses and renders only what changed: files by size and
/// modification time ([`load::LoadCache`]), cases by file
/// ([`model::ModelCache`]), pages by what they read ([`render::RenderCache`]).
#[derive(Debug, Default)]
pub struct SiteCache {
    load: load::LoadCache,
    model: model::ModelCache,
    /// The pages of the last render.
    pub pages: render::RenderCache,
    /// Each meeting's documents and their weights in the last index.
    search: search::SearchCache,
    /// Where the last search index was, when one was built.
    index_place: std::sync::Mutex<Option<(search::Layout, String)>>,
    /// The templates, parsed, with the fingerprint of the files they were
    /// made from and whether they are minified.
    templates: std::sync::Mutex<Option<(u64, bool, std::sync::Arc<render::Templates>)>>,
}

impl SiteCache {
    /// Tells the cache which paths (relative to the site root) changed since
    /// the last render, so the next one reads only those; `None` when that
    /// is not known. Without it, a render looks at every file.
    pub fn changed(&self, paths: Option<&[PathBuf]>) {
        self.load.changed(paths);
    }

    /// The search index of the last render's site, built now, for a render
    /// made by [`render_site_deferred`]; `None` when the site has no search
    /// or nothing was rendered yet.
    pub fn search_index(&self) -> Option<search::SearchIndex> {
        let index = self
            .pages
            .with_last_site(|site| search::build_cached(site, &self.search))??;
        *self.index_place.lock().expect("lock") = Some((index.layout, index.url.clone()));
        Some(index)
    }

    /// The site's templates: the last render's while no template, theme or
    /// data file changed ([`render::RenderCache::begin`] looked).
    fn templates(
        &self,
        root: &Path,
        minify: bool,
    ) -> Result<std::sync::Arc<render::Templates>, Error> {
        let inputs = self.pages.inputs();
        let mut kept = self.templates.lock().expect("lock");
        if let Some((was, small, templates)) = kept.as_ref() {
            if *was == inputs && *small == minify {
                return Ok(templates.clone());
            }
        }
        let templates = std::sync::Arc::new(render::templates(root, minify)?);
        *kept = Some((inputs, minify, templates.clone()));
        Ok(templates)
    }

    /// Where the pages of the last render look for the search index.
    pub fn index_place(&self) -> Option<(search::Layout, String)> {
        self.index_place.lock().expect("lock").clone()
    }
}

/// [`render_site`] for repeated renders of one site (`serve`): what did not
/// change since the last render is taken from `cache`.
pub fn render_site_cached(
    options: &BuildOptions,
    cache: &SiteCache,
) -> Result<RenderedSite, Error> {
    cache.pages.begin(&options.root);
    render_site_inner(options, Some((cache, false)), &NoProgress)
}

/// [`render_site_cached`] without the search index once there has been one:
/// the pages name where the last index was, and [`SiteCache::search_index`]
/// builds the new one when it is wanted. At 10,000 cases the index takes
/// ten times as long as the rest of a rebuild, and `serve` is mostly asked
/// for pages. [`RenderedSite::index_deferred`] tells whether it was left out.
pub fn render_site_deferred(
    options: &BuildOptions,
    cache: &SiteCache,
) -> Result<RenderedSite, Error> {
    cache.pages.begin(&options.root);
    render_site_inner(options, Some((cache, true)), &NoProgress)
}

fn render_site_inner(
    options: &BuildOptions,
    cache: Option<(&SiteCache, bool)>,
    progress: &dyn Progress,
) -> Result<RenderedSite, Error> {
    let defer = cache.and_then(|(c, defer)| defer.then(|| c.index_place()).flatten());
    let mut before = prepare(options, true, cache.map(|(c, _)| c), defer.is_none())?;
    let index_deferred = defer.is_some() && before.site.config.search.is_some();
    if let (Some((layout, url)), true) = (defer, index_deferred) {
        before.index = Some(search::SearchIndex {
            layout,
            url,
            files: Vec::new(),
            documents: 0,
        });
    }
    let cache = cache.map(|(c, _)| c);
    if let (Some(cache), Some(index), false) = (cache, &before.index, index_deferred) {
        *cache.index_place.lock().expect("lock") = Some((index.layout, index.url.clone()));
    }
    let minify = before.site.config.minify_html;
    let templates = match cache {
        Some(cache) => cache.templates(&options.root, minify)?,
        None => std::sync::Arc::new(render::templates(&options.root, minify)?),
    };
    let (assets, theme_files) = render::theme_assets(before.index.as_ref());
    let pages_cache = cache.map(|c| &c.pages);
    let mut files = render::render_with(
        &before.site,
        &templates.tera,
        &assets,
        pages_cache,
        progress,
        Ok,
    )?;
    let pages = files.iter().filter(|f| f.path.ends_with(".html")).count();
    files.extend(theme_files);
    if let Some(index) = before.index {
        files.extend(index.files);
    }
    before.clock.lap("render");
    let warnings = std::mem::take(&mut before.site.warnings);
    let site = match pages_cache {
        Some(cache) => {
            cache.finish(before.site, &assets);
            None
        }
        None => Some(before.site),
    };

    Ok(RenderedSite {
        files,
        copies: before.copies,
        sources: before.sources.expect("kept"),
        pages,
        minify_html: minify && !templates.minified,
        warnings,
        timings: before.clock.timings,
        index_deferred,
        site,
    })
}

/// What the stages before rendering made.
struct Prepared {
    /// What was read, when the caller asked to keep it.
    sources: Option<load::Sources>,
    copies: Vec<CopiedFile>,
    site: model::Site,
    index: Option<search::SearchIndex>,
    clock: Clock,
}

/// Load → model → search, timed. The sources are dropped after the model
/// unless `keep_sources`: the site owns all it needs, and the raw text of a
/// large archive is memory the search stage can use.
fn prepare(
    options: &BuildOptions,
    keep_sources: bool,
    cache: Option<&SiteCache>,
    index: bool,
) -> Result<Prepared, Error> {
    let mut clock = Clock::start();
    let mut sources = match cache {
        Some(cache) => load::load_cached(&options.root, &cache.load)?,
        None => load::load(&options.root)?,
    };
    if let Some(url) = &options.base_url {
        sources.config.value.base_url = url.clone();
    }
    clock.lap("load");

    let mut site = match cache {
        Some(cache) => model::build_cached(&sources, &cache.model),
        None => model::build(&sources),
    }
    .map_err(|mut found| {
        // A registry file left out explains the errors it causes.
        found.0.extend(sources.warnings.0.iter().cloned());
        found.sort();
        Error::Invalid(found)
    })?;
    let copies = copies(&options.root, &sources)?;
    let clashes = model::urls::copy_collisions(
        &site,
        copies.iter().map(|c| {
            let source = c.source.strip_prefix(&options.root).unwrap_or(&c.source);
            (c.path.as_str(), source)
        }),
    );
    if clashes.has_errors() {
        return Err(Error::Invalid(clashes));
    }
    // What loading left out, and links in `static/`, which are not copied.
    site.warnings.0.extend(sources.warnings.0.iter().cloned());
    site.warnings
        .0
        .extend(load::links::links_under(&options.root, "static"));
    site.warnings.sort();
    let sources = keep_sources.then_some(sources);
    clock.lap("model");

    let index = if index {
        let index = match cache {
            Some(cache) => search::build_cached(&site, &cache.search),
            None => search::build(&site),
        };
        clock.lap("search");
        index
    } else {
        None
    };
    Ok(Prepared {
        sources,
        copies,
        site,
        index,
        clock,
    })
}

/// Each stage's duration, in order.
struct Clock {
    timings: Vec<(&'static str, Duration)>,
    since: Instant,
}

impl Clock {
    fn start() -> Clock {
        Clock {
            timings: Vec::new(),
            since: Instant::now(),
        }
    }

    fn lap(&mut self, name: &'static str) {
        self.timings.push((name, self.since.elapsed()));
        self.since = Instant::now();
    }
}

/// Builds the site: load → model → search → render → write.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Error> {
    build_with(options, &NoProgress)
}

/// [`build`], telling `progress` how rendering and writing go.
pub fn build_with(options: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport, Error> {
    let result = build_inner(options, progress);
    progress.finish();
    result
}

fn build_inner(options: &BuildOptions, progress: &dyn Progress) -> Result<BuildReport, Error> {
    let output = options
        .output_dir
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    // Before anything is read: refusing late would waste the build.
    output::guard_output_dir(&options.root, &output)?;
    let before = prepare(options, false, None, true)?;
    let mut clock = before.clock;
    let minify = before.site.config.minify_html;
    let templates = render::templates(&options.root, minify)?;
    let copies = before.copies;
    let (assets, theme_files) = render::theme_assets(before.index.as_ref());
    let index_files = before.index.map(|i| i.files).unwrap_or_default();

    // Pages made from minified templates are not minified again.
    let staging = output::Staging::begin(&output, minify && !templates.minified)?;
    // The index and assets go first, so their memory is free before the pages are made.
    progress.stage(
        "write",
        (index_files.len() + theme_files.len() + copies.len()) as u64,
    );
    index_files
        .into_par_iter()
        .chain(theme_files)
        .try_for_each(|file| staging.write(file).map(|_| progress.step()))?;
    copies
        .par_iter()
        .try_for_each(|copy| staging.copy(copy).map(|_| progress.step()))?;
    clock.lap("write");

    let html = render::render_with(
        &before.site,
        &templates.tera,
        &assets,
        None,
        progress,
        |file| {
            let html = file.path.ends_with(".html");
            staging.write(file).map(|_| html)
        },
    )?;
    clock.lap("render");

    let summary = staging.commit()?;
    clock.lap("swap");

    Ok(BuildReport {
        output,
        pages: html.into_iter().filter(|h| *h).count(),
        files: summary.files,
        bytes: summary.bytes,
        warnings: before.site.warnings,
        timings: clock.timings,
    })
}

/// Attachments and images from `content/`, and everything in `static/`.
fn copies(root: &Path, sources: &load::Sources) -> Result<Vec<CopiedFile>, Error> {
    let mut out: Vec<CopiedFile> = sources
        .assets
        .iter()
        .filter(|(_, a)| a.markdown.is_none())
        .map(|(rel, a)| CopiedFile {
            path: rel.to_string_lossy().replace('\\', "/"),
            source: a.source.clone(),
        })
        .collect();
    let statics = root.join("static");
    if statics.is_dir() {
        for entry in walkdir::WalkDir::new(&statics).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::read(&statics, e.into()))?;
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(&statics).unwrap_or(entry.path());
                out.push(CopiedFile {
                    path: rel.to_string_lossy().replace('\\', "/"),
                    source: entry.path().to_path_buf(),
                });
            }
        }
    }
    Ok(out)
}
