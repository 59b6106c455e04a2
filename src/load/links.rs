//! Symbolic links among a site's sources, which a build does not follow
//! (and pipes, sockets and devices, which it does not read).
//!
//! Links under `content/` and `static/` are never followed, so a link to a
//! file outside the site cannot publish it; a registry file in `data/` that
//! links outside the site is not read either. Left out in silence, a link
//! looks like a bug, so each one is a warning that names it.

use std::fs;
use std::path::Path;

use crate::error::{Diagnostic, DiagnosticKind};

/// Where a link found under a site's root leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// Into the site's own folder.
    Inside,
    /// Out of the site, or nowhere (the target cannot be resolved).
    Outside,
}

/// Where the link at `path` leads, judged against the site at `root`.
pub fn link_target(root: &Path, path: &Path) -> LinkTarget {
    match (fs::canonicalize(root), fs::canonicalize(path)) {
        (Ok(site), Ok(target)) if target.starts_with(&site) => LinkTarget::Inside,
        _ => LinkTarget::Outside,
    }
}

/// What a path that is neither a file, a folder nor a link is, in words.
pub fn kind_of(meta: &fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_dir() {
        "a folder"
    } else if kind.is_fifo() {
        "a named pipe (FIFO)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else {
        "not a regular file"
    }
}

/// The warning for a link, or a pipe, socket or device, at `rel` (relative
/// to the site root) that the build leaves out.
pub fn skipped_link(root: &Path, rel: &Path) -> Diagnostic {
    let path = root.join(rel);
    match fs::symlink_metadata(&path) {
        Ok(meta) if !meta.file_type().is_symlink() => {
            return Diagnostic::warning(
                DiagnosticKind::SpecialFileLeftOut,
                rel,
                format!(
                    "`{}` is {}, not a file: it is left out",
                    rel.display(),
                    kind_of(&meta)
                ),
            )
            .hint("a site's sources are files and folders; remove it");
        }
        _ => {}
    }
    let to = fs::read_link(&path)
        .map(|t| format!(" to `{}`", t.display()))
        .unwrap_or_default();
    let (kind, message) = match link_target(root, &path) {
        LinkTarget::Outside => (
            DiagnosticKind::LinkOutsideLeftOut,
            format!(
                "`{}` is a symbolic link{to}, which leads outside the site: it is left out, so \
                 nothing outside the site is published",
                rel.display()
            ),
        ),
        LinkTarget::Inside => (
            DiagnosticKind::LinkInsideLeftOut,
            format!(
                "`{}` is a symbolic link{to}: links among the sources are not followed, so it is \
                 left out",
                rel.display()
            ),
        ),
    };
    Diagnostic::warning(kind, rel, message)
        .hint("copy the file into the site instead of linking to it, or remove the link")
}

/// Warnings for the links (and pipes, sockets, devices) under
/// `root/folder`, in path order.
pub fn links_under(root: &Path, folder: &str) -> Vec<Diagnostic> {
    let top = root.join(folder);
    if !top.is_dir() {
        return Vec::new();
    }
    walkdir::WalkDir::new(&top)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            let kind = e.file_type();
            e.depth() > 0 && !(kind.is_file() || kind.is_dir()) && !is_lock_file(e.path())
        })
        .filter_map(|e| {
            let rel = e.path().strip_prefix(root).ok()?;
            Some(skipped_link(root, rel))
        })
        .collect()
}

/// Emacs marks a file it edits with a dangling link named `.#file`.
pub fn is_lock_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with(".#"))
}
