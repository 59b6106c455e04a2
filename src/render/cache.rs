//! Stage 3, render: the pages of the last render, kept for `serve`, and
//! which of them a new render can take again.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;

use super::incremental::{Changes, Dep};
use super::AssetPaths;
use crate::model::urls::{PageKind, SitePage};
use crate::model::Site;
use crate::output_file::OutputFile;

/// Pages an earlier render made, for `serve`'s rebuilds: a page whose job
/// is the same and none of whose inputs changed is taken from here instead
/// of being rendered again.
///
/// A page is a function of its template context, the templates and the
/// data files templates may read (`load_data`). While a context is built,
/// the parts of the site it reads are noted; a rebuild
/// compares the new site with the last one part by part and renders the
/// pages that read a part that changed. [`RenderCache::begin`] forgets
/// everything when the templates or data files change.
#[derive(Debug, Default)]
pub struct RenderCache {
    inputs: Mutex<u64>,
    last: Mutex<Option<Arc<LastRender>>>,
    /// Pages rendered by the render under way, and those reused with
    /// their parts renumbered, by address.
    pub(super) fresh: Mutex<FxHashMap<String, Kept>>,
    /// The addresses of the pages rendered (not reused) by the last render.
    pub(super) rendered_pages: Mutex<Vec<String>>,
    pub(super) rendered: AtomicUsize,
    pub(super) reused: AtomicUsize,
}

/// A render to compare the next one with.
#[derive(Debug)]
pub(super) struct LastRender {
    site: Site,
    assets: AssetPaths,
    /// By address: an address is made of ids, so a page keeps it when
    /// other meetings come and go and its position changes.
    pages: FxHashMap<String, Kept>,
}

/// A page and the parts of the site it read.
#[derive(Debug, Clone)]
pub(super) struct Kept {
    /// What it showed, by position in its render's site.
    pub(super) kind: PageKind,
    /// What it read, by position in its render's site.
    pub(super) deps: Arc<[Dep]>,
    pub(super) file: OutputFile,
}

impl LastRender {
    /// The page at `job`'s address last time, if it showed the same kind of
    /// thing and nothing it read has changed; its parts renumbered for
    /// this render's site.
    pub(super) fn reuse(&self, job: &SitePage, changes: &Changes) -> Option<Kept> {
        let kept = self.pages.get(&job.path)?;
        if std::mem::discriminant(&kept.kind) != std::mem::discriminant(&job.kind) {
            return None;
        }
        let deps = changes.unchanged(&kept.deps)?;
        Some(Kept {
            kind: job.kind.clone(),
            deps,
            file: kept.file.clone(),
        })
    }
}

impl RenderCache {
    /// Starts a render of the site at `root`; forgets all pages when its
    /// templates or data files changed since the last one.
    pub fn begin(&self, root: &Path) {
        let inputs = template_inputs(root);
        let mut last = self.inputs.lock().expect("lock");
        if *last != inputs {
            *last = inputs;
            *self.last.lock().expect("lock") = None;
        }
        // Pages of a render that failed are not the last render's.
        self.fresh.lock().expect("lock").clear();
        self.rendered_pages.lock().expect("lock").clear();
        self.rendered.store(0, Ordering::Relaxed);
        self.reused.store(0, Ordering::Relaxed);
    }

    /// Keeps the rendered `site` to compare the next render with.
    pub fn finish(&self, site: Site, assets: &AssetPaths) {
        let fresh = std::mem::take(&mut *self.fresh.lock().expect("lock"));
        let mut last = self.last.lock().expect("lock");
        // The last render's pages are moved on, not copied, unless someone
        // still reads them; pages this site does not have are dropped.
        let mut pages = match last.take().map(Arc::try_unwrap) {
            Some(Ok(last)) => last.pages,
            Some(Err(shared)) => shared.pages.clone(),
            None => FxHashMap::default(),
        };
        let wanted: rustc_hash::FxHashSet<&str> =
            site.site_map.iter().map(|p| p.path.as_str()).collect();
        pages.retain(|path, _| wanted.contains(path.as_str()));
        pages.extend(fresh);
        *last = Some(Arc::new(LastRender {
            site,
            assets: assets.clone(),
            pages,
        }));
    }

    /// The fingerprint of the templates and data files that
    /// [`RenderCache::begin`] took.
    pub fn inputs(&self) -> u64 {
        *self.inputs.lock().expect("lock")
    }

    /// `f` of the last rendered site, if there is one.
    pub fn with_last_site<T>(&self, f: impl FnOnce(&Site) -> T) -> Option<T> {
        let last = self.last.lock().expect("lock").clone()?;
        Some(f(&last.site))
    }

    /// Pages rendered and pages reused since [`RenderCache::begin`].
    pub fn counts(&self) -> (usize, usize) {
        (
            self.rendered.load(Ordering::Relaxed),
            self.reused.load(Ordering::Relaxed),
        )
    }

    /// The addresses of the pages rendered (not reused) since
    /// [`RenderCache::begin`], sorted.
    pub fn rendered_pages(&self) -> Vec<String> {
        let mut pages = self.rendered_pages.lock().expect("lock").clone();
        pages.sort();
        pages
    }

    /// The last render and what changed since, if there is one to go by.
    pub(super) fn plan(
        &self,
        site: &Site,
        assets: &AssetPaths,
    ) -> Option<(Arc<LastRender>, Changes)> {
        let last = self.last.lock().expect("lock").clone()?;
        let changes = Changes::between(&last.site, &last.assets, site, assets);
        Some((last, changes))
    }

    pub(super) fn keep(&self, job: &SitePage, kept: Kept) {
        self.fresh
            .lock()
            .expect("lock")
            .insert(job.path.clone(), kept);
    }
}

/// A fingerprint of the files a page may depend on besides its context:
/// the site's templates and data (paths, sizes and modification times).
/// The default theme is compiled in, so a `theme/` folder beside them is
/// never read and does not count.
fn template_inputs(root: &Path) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for dir in ["templates", "data"] {
        for entry in walkdir::WalkDir::new(root.join(dir))
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            let Ok(meta) = entry.metadata() else { continue };
            entry.path().hash(&mut hasher);
            meta.len().hash(&mut hasher);
            meta.modified().ok().hash(&mut hasher);
        }
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inputs_are_the_sites_templates_and_data_not_a_theme_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        for dir in ["templates", "data", "theme/templates"] {
            std::fs::create_dir_all(root.join(dir)).unwrap();
        }
        let before = template_inputs(root);
        std::fs::write(root.join("theme/templates/page.html"), "ny").unwrap();
        assert_eq!(template_inputs(root), before, "theme/ is not read");
        std::fs::write(root.join("templates/page.html"), "ny").unwrap();
        let with_template = template_inputs(root);
        assert_ne!(with_template, before);
        std::fs::write(root.join("data/x.toml"), "a = 1").unwrap();
        assert_ne!(template_inputs(root), with_template);
    }
}
