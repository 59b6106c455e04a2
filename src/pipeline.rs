//! The pipeline: load → model → search → render → output, in order, timed.
//!
//! Every front-end runs the stages through here: `build` writes the files as
//! they are made ([`build`]); `check` keeps them in memory
//! ([`render_site`]); `serve` keeps them in memory and hands a cache along
//! (`serve::SiteCache`), so a rebuild redoes only what changed. The stages
//! before rendering are the same for all (`prepare`), and so is rendering
//! (`render`); what differs is where the files go.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::error::{Diagnostics, Error};
use crate::output::anchor_record::{self, AnchorPolicy};
use crate::output::CopiedFile;
use crate::output_file::OutputFile;
use crate::progress::{NoProgress, Progress};
use crate::serve::SiteCache;
use crate::{load, model, output, render, search};

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
    /// The line to print when the build updated `data/ankre.toml`.
    pub anchor_record: Option<String>,
}

/// A site rendered in memory: what [`build`] writes and `serve` serves.
#[derive(Debug)]
pub struct RenderedSite {
    /// Rendered files (pages, feeds, theme assets, search index).
    pub files: Vec<OutputFile>,
    /// Files copied as they are (attachments, `static/`).
    pub copies: Vec<CopiedFile>,
    /// HTML pages among `files`.
    pub pages: usize,
    /// Whether render minified each page after rendering it: `config.toml`
    /// asks for minified HTML and the templates could not be minified.
    pub minify_html: bool,
    /// Warnings that did not stop the build.
    pub warnings: Diagnostics,
    /// Each stage's name and duration, in order.
    pub timings: Vec<(&'static str, Duration)>,
    /// What was read, for front-ends that point back into the sources (`check`).
    pub sources: load::Sources,
    /// The search index was left out (`serve`'s deferred index).
    pub index_deferred: bool,
    /// The validated site the files were made from; `None` when `serve`'s
    /// cache keeps it instead.
    pub site: Option<model::Site>,
    /// The anchor record the site's anchors need (`serve` writes it).
    pub anchor_record: model::anchors::AnchorRecordState,
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
    render_in_memory(options, None, progress)
}

/// How a render for `serve` uses its cache.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cached<'a> {
    /// What the last render left.
    pub cache: &'a SiteCache,
    /// Leave the search index out and name the last one's place.
    pub defer_index: bool,
}

/// Load → model → search → render into memory; with `cached`, what did not
/// change since the last render is taken from its cache.
pub(crate) fn render_in_memory(
    options: &BuildOptions,
    cached: Option<Cached<'_>>,
    progress: &dyn Progress,
) -> Result<RenderedSite, Error> {
    let cache = cached.map(|c| c.cache);
    let defer = cached.and_then(|c| c.defer_index.then(|| c.cache.index_place()).flatten());
    let mut before = prepare(options, true, cache, defer.is_none())?;
    let index_deferred = defer.is_some() && before.site.config.search.is_some();
    if let (Some((layout, url)), true) = (defer, index_deferred) {
        before.index = Some(search::SearchIndex {
            layout,
            url,
            files: Vec::new(),
            documents: 0,
        });
    }
    if let (Some(cache), Some(index), false) = (cache, &before.index, index_deferred) {
        cache.set_index_place(index.layout, index.url.clone());
    }
    let index_files = before.index.as_mut().map(|i| std::mem::take(&mut i.files));
    let (assets, theme_files) = render::theme_assets(before.index.as_ref());
    let rendered = render(options, &before, &assets, cache, progress, Ok)?;
    let pages = rendered
        .made
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .count();
    let mut files = rendered.made;
    files.extend(theme_files);
    files.extend(index_files.unwrap_or_default());
    let mut clock = before.clock;
    clock.lap("render");
    let mut site = before.site;
    let warnings = std::mem::take(&mut site.warnings);
    let anchor_record = site.anchor_record.clone();
    let site = match cache {
        Some(cache) => {
            cache.pages.finish(site, &assets);
            None
        }
        None => Some(site),
    };

    Ok(RenderedSite {
        files,
        copies: before.copies,
        sources: before.sources.expect("kept"),
        pages,
        minify_html: rendered.minify_pages,
        warnings,
        timings: clock.timings,
        index_deferred,
        site,
        anchor_record,
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
    let fresh = load::LoadCache::default();
    let load_cache = cache.map_or(&fresh, |c| &c.load);
    let mut sources = load::load_partial(&options.root, load_cache)?;
    if sources.warnings.has_errors() {
        // Every file's mistakes in one report: the model of what could be
        // read, less what the files left out explain.
        let mut found = model::findings_around(&sources);
        found.0.extend(sources.warnings.0);
        found.sort();
        return Err(Error::Invalid(found));
    }
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

/// What the render stage made.
struct Rendered<T> {
    /// What `sink` returned for each page, in page order.
    made: Vec<T>,
    /// Whether each page was minified after rendering.
    minify_pages: bool,
}

/// The render stage: the templates (from `cache` when it has them), and
/// every page handed to `sink` as it is made.
fn render<T: Send>(
    options: &BuildOptions,
    before: &Prepared,
    assets: &render::AssetPaths,
    cache: Option<&SiteCache>,
    progress: &dyn Progress,
    sink: impl Fn(OutputFile) -> Result<T, Error> + Sync,
) -> Result<Rendered<T>, Error> {
    let minify = before.site.config.minify_html;
    let templates = match cache {
        Some(cache) => cache.templates(&options.root, minify)?,
        None => Arc::new(render::templates(&options.root, minify)?),
    };
    let pages = cache.map(|c| &c.pages);
    let made = render::render_with(&before.site, &templates, assets, pages, progress, sink)?;
    Ok(Rendered {
        made,
        minify_pages: minify && !templates.minified,
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
    let result = build_inner(options, progress, false, AnchorPolicy::Update);
    progress.finish();
    result
}

/// [`build_with`] for a copy of the site opened from disk (`file://`, a USB
/// stick): every internal link of every page is relative to the page and
/// names its `index.html` (see `render::disk`). The feed and the sitemap keep
/// their absolute addresses.
pub fn build_for_disk(
    options: &BuildOptions,
    progress: &dyn Progress,
) -> Result<BuildReport, Error> {
    let result = build_inner(options, progress, true, AnchorPolicy::Update);
    progress.finish();
    result
}

/// [`build_with`] or [`build_for_disk`] (`for_disk`), with `policy` for an
/// anchor record the items no longer fit: `medvirk build --locked` stops
/// instead of updating `data/ankre.toml`.
pub fn build_with_policy(
    options: &BuildOptions,
    progress: &dyn Progress,
    for_disk: bool,
    policy: AnchorPolicy,
) -> Result<BuildReport, Error> {
    let result = build_inner(options, progress, for_disk, policy);
    progress.finish();
    result
}

fn build_inner(
    options: &BuildOptions,
    progress: &dyn Progress,
    for_disk: bool,
    policy: AnchorPolicy,
) -> Result<BuildReport, Error> {
    let output = options
        .output_dir
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    // Before anything is read: refusing late would waste the build.
    output::guard_output_dir(&options.root, &output)?;
    let mut before = prepare(options, false, None, true)?;
    before.site.config.for_disk = for_disk;
    if policy == AnchorPolicy::Locked {
        if let Some(refused) = anchor_record::locked(&before.site.anchor_record) {
            return Err(Error::Invalid(Diagnostics(vec![refused])));
        }
    }
    let staging = output::Staging::begin(&output)?;
    // The index and assets go first, so their memory is free before the pages are made.
    let index_files = before.index.as_mut().map(|i| std::mem::take(&mut i.files));
    let index_files = index_files.unwrap_or_default();
    let (assets, theme_files) = render::theme_assets(before.index.as_ref());
    progress.stage(
        "write",
        (index_files.len() + theme_files.len() + before.copies.len()) as u64,
    );
    index_files
        .into_par_iter()
        .chain(theme_files)
        .try_for_each(|file| staging.write(file).map(|_| progress.step()))?;
    before
        .copies
        .par_iter()
        .try_for_each(|copy| staging.copy(copy).map(|_| progress.step()))?;
    before.clock.lap("write");

    let rendered = render(options, &before, &assets, None, progress, |file| {
        let html = file.path.ends_with(".html");
        staging.write(file).map(|_| html)
    })?;
    let mut clock = before.clock;
    clock.lap("render");

    let summary = staging.commit()?;
    clock.lap("swap");
    // Only a site that was published records its anchors.
    let mut warnings = before.site.warnings;
    let anchor_record = match anchor_record::write(&options.root, &before.site.anchor_record) {
        Ok(line) => line,
        Err(warning) => {
            warnings.push(warning);
            None
        }
    };

    Ok(BuildReport {
        output,
        pages: rendered.made.into_iter().filter(|h| *h).count(),
        files: summary.files,
        bytes: summary.bytes,
        warnings,
        timings: clock.timings,
        anchor_record,
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
