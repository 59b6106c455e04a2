//! `serve`'s cache: what one render of a site keeps for the next, and the
//! policy of leaving the search index for later.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::error::Error;
use crate::pipeline::{render_in_memory, BuildOptions, Cached, RenderedSite};
use crate::progress::NoProgress;
use crate::{load, model, render, search};

/// What `serve` keeps from one render of a site to the next, so that a
/// rebuild reads, parses and renders only what changed: files by size and
/// modification time ([`load::LoadCache`]), cases by file
/// ([`model::ModelCache`]), pages by what they read ([`render::RenderCache`]).
#[derive(Debug, Default)]
pub struct SiteCache {
    pub(crate) load: load::LoadCache,
    pub(crate) model: model::ModelCache,
    /// The pages of the last render.
    pub pages: render::RenderCache,
    /// Each meeting's documents and their weights in the last index.
    pub(crate) search: search::SearchCache,
    /// Where the last search index was, when one was built.
    index_place: Mutex<Option<(search::Layout, String)>>,
    /// The templates, parsed, with the fingerprint of the files they were
    /// made from and whether they are minified.
    templates: Mutex<Option<(u64, bool, Arc<render::Templates>)>>,
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
        self.set_index_place(index.layout, index.url.clone());
        Some(index)
    }

    /// The site's templates: the last render's while no template or data
    /// file changed ([`render::RenderCache::begin`] looked).
    pub(crate) fn templates(
        &self,
        root: &Path,
        minify: bool,
    ) -> Result<Arc<render::Templates>, Error> {
        let inputs = self.pages.inputs();
        let mut kept = self.templates.lock().expect("lock");
        if let Some((was, small, templates)) = kept.as_ref() {
            if *was == inputs && *small == minify {
                return Ok(templates.clone());
            }
        }
        let templates = Arc::new(render::templates(root, minify)?);
        *kept = Some((inputs, minify, templates.clone()));
        Ok(templates)
    }

    /// Where the pages of the last render look for the search index.
    pub fn index_place(&self) -> Option<(search::Layout, String)> {
        self.index_place.lock().expect("lock").clone()
    }

    /// Notes where the pages now look for the search index.
    pub(crate) fn set_index_place(&self, layout: search::Layout, url: String) {
        *self.index_place.lock().expect("lock") = Some((layout, url));
    }
}

/// [`crate::render_site`] for repeated renders of one site (`serve`): what
/// did not change since the last render is taken from `cache`.
pub fn render_site_cached(
    options: &BuildOptions,
    cache: &SiteCache,
) -> Result<RenderedSite, Error> {
    render_with_cache(options, cache, false)
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
    render_with_cache(options, cache, true)
}

fn render_with_cache(
    options: &BuildOptions,
    cache: &SiteCache,
    defer_index: bool,
) -> Result<RenderedSite, Error> {
    cache.pages.begin(&options.root);
    let cached = Cached { cache, defer_index };
    render_in_memory(options, Some(cached), &NoProgress)
}
