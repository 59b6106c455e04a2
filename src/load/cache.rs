//! Stage 1, load: what `serve` keeps of one load for the next, so a
//! rebuild reads only the files that changed.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use rustc_hash::FxHashMap;
use walkdir::WalkDir;

use super::{Class, Loaded};
use crate::error::Error;

/// The content files an earlier [`load_cached`](super::load_cached) parsed, for `serve`'s
/// rebuilds: a file whose size and modification time are what they were is
/// neither read nor parsed again, and its entry is the same [`Arc`](std::sync::Arc), so later
/// stages can tell at a glance that it did not change.
#[derive(Debug, Default)]
pub struct LoadCache {
    pub(super) files: Mutex<FxHashMap<PathBuf, (Stamp, Class, Loaded)>>,
    pub(super) kinds: Mutex<FxHashMap<PathBuf, (Stamp, Option<String>)>>,
    /// The files under `content/` at the last load.
    walked: Mutex<Option<BTreeMap<PathBuf, Stamp>>>,
    /// The symbolic links (and pipes, sockets, devices) under `content/` at
    /// the last walk, relative to it: left out, with a warning.
    pub(super) links: Mutex<BTreeSet<PathBuf>>,
    /// What is known of changes since the last load.
    pending: Mutex<Pending>,
}

/// What a [`LoadCache`] knows of the changes since the last load.
#[derive(Debug, Default)]
enum Pending {
    /// Nothing was said: the next load walks, as a plain one does.
    #[default]
    Unknown,
    /// Only these paths (relative to the site root) changed.
    Paths(BTreeSet<PathBuf>),
    /// Something was missed: walk.
    Lost,
}

impl LoadCache {
    /// Tells the cache which paths (relative to the site root) changed since
    /// the last load, so the next one looks only at those instead of walking
    /// `content/`; `None` when that is not known (the watcher lost events).
    /// A load nobody told anything walks.
    pub fn changed(&self, paths: Option<&[PathBuf]>) {
        let mut pending = self.pending.lock().expect("lock");
        *pending = match (std::mem::take(&mut *pending), paths) {
            (Pending::Lost, _) | (_, None) => Pending::Lost,
            (Pending::Unknown, Some(paths)) => Pending::Paths(paths.iter().cloned().collect()),
            (Pending::Paths(mut set), Some(paths)) => {
                set.extend(paths.iter().cloned());
                Pending::Paths(set)
            }
        };
    }
}

/// The files under `content/` with their stamps: the last list with only
/// the changed paths looked at again, when the cache was told which changed
/// ([`LoadCache::changed`]); otherwise a walk of the whole folder.
pub(super) fn content_files(
    content: &Path,
    cache: &LoadCache,
) -> Result<Vec<(PathBuf, Stamp)>, Error> {
    let pending = std::mem::take(&mut *cache.pending.lock().expect("lock"));
    let mut walked = cache.walked.lock().expect("lock");
    let mut links = cache.links.lock().expect("lock");
    if let (Some(files), Pending::Paths(paths)) = (walked.as_mut(), pending) {
        if update(content, files, &mut links, &paths) {
            return Ok(files.iter().map(|(p, s)| (p.clone(), *s)).collect());
        }
    }
    let mut files = BTreeMap::new();
    links.clear();
    if content.is_dir() {
        for item in WalkDir::new(content).sort_by_file_name() {
            let item = item.map_err(|e| {
                let path = e.path().unwrap_or(content).to_path_buf();
                Error::read(&path, e.into())
            })?;
            let kind = item.file_type();
            let special = !(kind.is_file() || kind.is_dir());
            if item.depth() > 0 && special {
                let rel = item.path().strip_prefix(content).unwrap_or(item.path());
                if is_content_name(rel) {
                    links.insert(rel.to_path_buf());
                }
                continue;
            }
            if item.file_type().is_file() {
                let rel = item.path().strip_prefix(content).unwrap_or(item.path());
                if !is_content_name(rel) {
                    continue;
                }
                let meta = item
                    .metadata()
                    .map_err(|e| Error::read(item.path(), std::io::Error::other(e.to_string())))?;
                files.insert(rel.to_path_buf(), Stamp::of(&meta));
            }
        }
    }
    let list = files.iter().map(|(p, s)| (p.clone(), *s)).collect();
    *walked = Some(files);
    Ok(list)
}

/// Editors' backup and lock files are not content.
fn is_content_name(rel: &Path) -> bool {
    let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
    !(name.starts_with('.') || name.ends_with('~'))
}

/// Brings `files` up to date for `paths` (relative to the site root); false
/// when that takes a walk: a folder appeared, or a path could not be read.
fn update(
    content: &Path,
    files: &mut BTreeMap<PathBuf, Stamp>,
    links: &mut BTreeSet<PathBuf>,
    paths: &BTreeSet<PathBuf>,
) -> bool {
    let Some(site) = content.parent() else {
        return false;
    };
    for path in paths {
        let Ok(rel) = path.strip_prefix("content") else {
            continue;
        };
        if rel.as_os_str().is_empty() {
            return false;
        }
        match fs::symlink_metadata(site.join(path)) {
            Ok(meta) if meta.is_file() => {
                if is_content_name(rel) {
                    files.insert(rel.to_path_buf(), Stamp::of(&meta));
                }
            }
            Ok(_) => return false,
            // Gone, and if it was a folder, so is everything in it.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                files.remove(rel);
                files.retain(|p, _| !p.starts_with(rel));
                links.retain(|p| !p.starts_with(rel));
            }
            Err(_) => return false,
        }
    }
    true
}

/// What tells a changed file from an unchanged one without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    pub(super) fn of(meta: &fs::Metadata) -> Stamp {
        Stamp {
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}
