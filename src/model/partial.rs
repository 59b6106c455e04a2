//! The model of a site some of whose content files could not be read:
//! what the other files get wrong, without what the missing ones explain.
//!
//! A meeting whose `_index.md` is not valid TOML is left out by `load`;
//! its cases would then claim to have no meeting, and an agenda would name
//! a case whose file was left out. Those findings are dropped here, so a
//! report lists every real mistake of every file and no echo of one.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::kind::Echo;
use crate::error::{Diagnostics, Severity};
use crate::load::Sources;

/// The findings of the model built from `sources`, whose `warnings` hold
/// the errors of the files `load` left out, less those the left-out files
/// explain.
pub fn findings_around(sources: &Sources) -> Diagnostics {
    let left_out: BTreeSet<&Path> = sources
        .warnings
        .0
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.path.as_path())
        .collect();
    let found = match super::build(sources) {
        Ok(site) => site.warnings,
        Err(found) => found,
    };
    let folders: BTreeSet<PathBuf> = left_out
        .iter()
        .filter_map(|p| p.parent().map(Path::to_path_buf))
        .collect();
    let in_folder_of_left_out = |path: &Path| path.parent().is_some_and(|p| folders.contains(p));
    Diagnostics(
        found
            .0
            .into_iter()
            .filter(|d| !left_out.contains(d.path.as_path()))
            .filter(|d| match d.kind.echo() {
                Some(Echo::SameFolder) => !in_folder_of_left_out(&d.path),
                Some(Echo::Anywhere) => false,
                None => true,
            })
            .collect(),
    )
}
