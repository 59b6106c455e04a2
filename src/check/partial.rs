//! The links of a site that has errors: checked on what can be built of it.
//!
//! Every content file that holds an error is left out, and the site is
//! modelled again; what leaving a file out breaks elsewhere (a case whose
//! meeting is gone, an agenda naming a case left out) leaves that file out
//! too, until the rest models without an error. The rest is rendered and its
//! links checked. Those second-round errors are echoes, never reported; and
//! a link into a page that was left out is not reported either, since the
//! page's own error already is. An error in `config.toml` or `data/` leaves
//! nothing to leave out: the links are checked once it is fixed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::error::{Diagnostics, Error, Severity};
use crate::load::{self, Sources};
use crate::model;
use crate::pipeline::{render_sources, BuildOptions};

/// The error for a site whose check found `found`: those findings, and the
/// broken links of the site built without the files that hold errors.
pub(super) fn check_around(options: &BuildOptions, found: Diagnostics) -> Error {
    let Some((sources, left_out)) = without_errors(options, &found) else {
        return Error::Invalid(found);
    };
    let Ok(rendered) = render_sources(options, sources) else {
        return Error::Invalid(found);
    };
    let gone = left_out.iter().filter_map(|p| address(p)).collect();
    let mut all = found;
    // Only the links: the other findings of what is left are `found`'s.
    let links = super::links_of(rendered, gone);
    all.0.extend(
        links
            .0
            .into_iter()
            .filter(|d| d.severity == Severity::Error),
    );
    all.sort();
    Error::Invalid(all)
}

/// The sources less every content file with an error in `found` (and what
/// leaving them out breaks), with the paths left out; `None` when an
/// error lies outside `content/`, or the sources cannot be read again.
fn without_errors(
    options: &BuildOptions,
    found: &Diagnostics,
) -> Option<(Sources, BTreeSet<PathBuf>)> {
    let mut sources = load::load_partial(&options.root, &load::LoadCache::default()).ok()?;
    let mut left_out = errors_in(found);
    // What `load` could not read is left out already.
    sources.warnings.0.retain(|d| d.severity != Severity::Error);
    // Each round leaves out at least one more file, so there are at most as
    // many rounds as files.
    loop {
        if left_out.iter().any(|p| !p.starts_with("content")) {
            return None;
        }
        sources
            .entries
            .retain(|e| !left_out.contains(&e.file().path));
        sources
            .assets
            .retain(|rel, _| !left_out.contains(&Path::new("content").join(rel)));
        match model::build(&sources) {
            Ok(_) => return Some((sources, left_out)),
            Err(more) => {
                let before = left_out.len();
                left_out.extend(errors_in(&more));
                if left_out.len() == before {
                    return None;
                }
            }
        }
    }
}

/// The files `found` holds an error in.
fn errors_in(found: &Diagnostics) -> BTreeSet<PathBuf> {
    found
        .0
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.path.clone())
        .collect()
}

/// The address the content file at `path` (from the site root) would have
/// had: `content/moter/2024-2/_index.md` → `/moter/2024-2/`,
/// `content/om.md` → `/om/`; a file copied as it is keeps its name.
fn address(path: &Path) -> Option<String> {
    let rel = path.strip_prefix("content").ok()?;
    let name = rel.file_name()?.to_str()?;
    let mut out = String::from("/");
    for segment in rel.parent().into_iter().flat_map(Path::iter) {
        out.push_str(&segment.to_string_lossy());
        out.push('/');
    }
    Some(match name {
        "_index.md" => out,
        n => match n.strip_suffix(".md") {
            Some(stem) => format!("{out}{stem}/"),
            None => format!("{out}{n}"),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_content_file_has_the_address_of_its_page() {
        let at = |p: &str| address(Path::new(p));
        assert_eq!(at("content/_index.md").as_deref(), Some("/"));
        assert_eq!(
            at("content/moter/2024-2/_index.md").as_deref(),
            Some("/moter/2024-2/")
        );
        assert_eq!(
            at("content/moter/2024-2/sak-07-24.md").as_deref(),
            Some("/moter/2024-2/sak-07-24/")
        );
        assert_eq!(at("content/om.md").as_deref(), Some("/om/"));
        assert_eq!(
            at("content/moter/2024-2/vedlegg/a.pdf").as_deref(),
            Some("/moter/2024-2/vedlegg/a.pdf")
        );
        assert_eq!(at("data/people.toml"), None);
    }
}
