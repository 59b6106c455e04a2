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
use crate::output::anchor_record;
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
    let before = prepare(options, true, cache, defer.is_none())?;
    finish_in_memory(options, before, cached, progress)
}

/// Model → search → render into memory from `sources` already read (by
/// `check`, which leaves out the files that have errors).
pub(crate) fn render_sources(
    options: &BuildOptions,
    sources: load::Sources,
) -> Result<RenderedSite, Error> {
    let before = prepare_from(options, sources, true, None, true, Clock::start())?;
    finish_in_memory(options, before, None, &NoProgress)
}

/// What [`render_in_memory`] does after the model and the index.
fn finish_in_memory(
    options: &BuildOptions,
    mut before: Prepared,
    cached: Option<Cached<'_>>,
    progress: &dyn Progress,
) -> Result<RenderedSite, Error> {
    let cache = cached.map(|c| c.cache);
    let defer = cached.and_then(|c| c.defer_index.then(|| c.cache.index_place()).flatten());
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
    let mut site = before.site;
    let mut warnings = std::mem::take(&mut site.warnings);
    let sources = before.sources.expect("kept");
    warnings
        .0
        .extend(markdown_links_in_memory(&site, &files, &before.copies, &sources).0);
    warnings.sort();
    let mut clock = before.clock;
    clock.lap("render");
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
        sources,
        pages,
        minify_html: rendered.minify_pages,
        warnings,
        timings: clock.timings,
        index_deferred,
        site,
        anchor_record,
    })
}

/// The links and images written in the Markdown of a site rendered into
/// memory that lead nowhere, as warnings (see `render::links`).
fn markdown_links_in_memory(
    site: &model::Site,
    files: &[OutputFile],
    copies: &[CopiedFile],
    sources: &load::Sources,
) -> Diagnostics {
    let anchored = render::links::anchored_pages(site);
    let mut targets = render::links::Targets::new(
        files
            .iter()
            .map(|f| f.path.clone())
            .chain(copies.iter().map(|c| c.path.clone())),
    );
    for f in files.iter().filter(|f| anchored.contains(&f.path)) {
        let ids = render::links::ids(&String::from_utf8_lossy(&f.bytes));
        targets.add_ids(f.path.clone(), ids);
    }
    render::links::markdown_findings(site, &targets, &|path| source_of(sources, path))
}

/// The text file `path` (relative to the site root) among `sources`.
pub(crate) fn source_of(sources: &load::Sources, path: &Path) -> Option<load::SourceFile> {
    sources
        .entries
        .iter()
        .map(|e| e.file())
        .chain(
            sources
                .assets
                .values()
                .filter_map(|a| a.markdown.as_deref()),
        )
        .chain(sources.council.as_ref().map(|c| &c.file))
        .find(|f| f.path == path)
        .cloned()
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
    let sources = load::load_partial(&options.root, load_cache)?;
    if sources.warnings.has_errors() {
        // Every file's mistakes in one report: the model of what could be
        // read, less what the files left out explain.
        let mut found = model::findings_around(&sources);
        found.0.extend(sources.warnings.0);
        found.sort();
        return Err(Error::Invalid(found));
    }
    clock.lap("load");
    prepare_from(options, sources, keep_sources, cache, index, clock)
}

/// [`prepare`] after loading: model → search from `sources`.
fn prepare_from(
    options: &BuildOptions,
    mut sources: load::Sources,
    keep_sources: bool,
    cache: Option<&SiteCache>,
    index: bool,
    mut clock: Clock,
) -> Result<Prepared, Error> {
    if let Some(url) = &options.base_url {
        sources.config.value.base_url = url.clone();
    }

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
    build_as(options, progress, BuildMode::default())
}

/// How `build` writes the site, besides where ([`BuildOptions`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BuildMode {
    /// A copy to open from disk (see [`build_for_disk`]).
    pub for_disk: bool,
    /// Broken internal links and missing images are errors, as
    /// `strict = true` in `config.toml` makes them: nothing is written.
    pub strict: bool,
    /// An anchor record (`data/ankre.toml`) the input items no longer fit
    /// is an error instead of being updated (`medvirk build --locked`).
    pub locked: bool,
}

/// [`build_with`], in the given mode.
pub fn build_as(
    options: &BuildOptions,
    progress: &dyn Progress,
    mode: BuildMode,
) -> Result<BuildReport, Error> {
    let result = build_inner(options, progress, mode);
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
    let mode = BuildMode {
        for_disk: true,
        ..BuildMode::default()
    };
    build_as(options, progress, mode)
}

fn build_inner(
    options: &BuildOptions,
    progress: &dyn Progress,
    mode: BuildMode,
) -> Result<BuildReport, Error> {
    let output = options
        .output_dir
        .clone()
        .unwrap_or_else(|| options.root.join("public"));
    // Before anything is read: refusing late would waste the build.
    output::guard_output_dir(&options.root, &output)?;
    let mut before = prepare(options, false, None, true)?;
    before.site.config.for_disk = mode.for_disk;
    if mode.locked {
        if let Some(refused) = anchor_record::locked(&before.site.anchor_record) {
            return Err(Error::Invalid(Diagnostics(vec![refused])));
        }
    }
    let staging = output::Staging::begin(&output)?;
    // The index and assets go first, so their memory is free before the pages are made.
    let index_files = before.index.as_mut().map(|i| std::mem::take(&mut i.files));
    let index_files = index_files.unwrap_or_default();
    let (assets, theme_files) = render::theme_assets(before.index.as_ref());
    // What a link may lead to: every file, and the ids of the pages a
    // Markdown link's fragment names, read as they are made.
    let mut files: Vec<String> = (index_files.iter().chain(&theme_files))
        .map(|f| f.path.clone())
        .chain(before.copies.iter().map(|c| c.path.clone()))
        .collect();
    let anchored = render::links::anchored_pages(&before.site);
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
        let ids = anchored
            .contains(&file.path)
            .then(|| render::links::ids(&String::from_utf8_lossy(&file.bytes)));
        let path = file.path.clone();
        staging.write(file).map(|_| (html, path, ids))
    })?;
    let mut pages = 0;
    let mut page_ids = Vec::new();
    for (html, path, ids) in rendered.made {
        pages += usize::from(html);
        if let Some(ids) = ids {
            page_ids.push((path.clone(), ids));
        }
        files.push(path);
    }
    let mut clock = before.clock;
    clock.lap("render");
    let mut targets = render::links::Targets::new(files);
    for (path, ids) in page_ids {
        targets.add_ids(path, ids);
    }
    let root = &options.root;
    let mut links = render::links::markdown_findings(&before.site, &targets, &|path| {
        render::links::source_on_disk(root, path)
    });
    let mut warnings = before.site.warnings;
    if !links.0.is_empty() && (mode.strict || before.site.config.strict) {
        // Refused before the swap: the previous site stays as it was.
        for d in &mut links.0 {
            d.severity = crate::error::Severity::Error;
        }
        warnings.0.extend(links.0);
        warnings.sort();
        return Err(Error::Invalid(warnings));
    }
    warnings.0.extend(links.0);
    warnings.sort();
    clock.lap("links");

    let summary = staging.commit()?;
    clock.lap("swap");
    // Only a site that was published records its anchors.
    let anchor_record = match anchor_record::write(&options.root, &before.site.anchor_record) {
        Ok(line) => line,
        Err(warning) => {
            warnings.push(warning);
            None
        }
    };

    Ok(BuildReport {
        output,
        pages,
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
