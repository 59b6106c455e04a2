//! Which folders a build may replace, decided by what a folder is, not how
//! its path is spelled.
//!
//! A build swaps the output folder away, so an output folder that holds the
//! site's sources would delete them. The rule is checked on canonical paths
//! (symbolic links and `..` resolved; for a folder that does not exist yet,
//! its nearest existing ancestor resolved and the rest appended), so `.`,
//! `../site/`, an absolute path and a link to the site all mean the same
//! folder. The marker file ([`super::MARKER`]) says a folder is medvirk's
//! output; it never makes a source folder one.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::error::Error;

/// The folders of a site that hold its sources.
pub const SOURCE_FOLDERS: [&str; 5] = ["content", "data", "static", "templates", "theme"];

/// Refuses an output folder that is the site's folder, holds it, holds a
/// `config.toml`, or lies in (or holds) one of its source folders
/// ([`SOURCE_FOLDERS`]), wherever a symbolic link puts them.
pub fn guard_output_dir(root: &Path, output: &Path) -> Result<(), Error> {
    let refuse = |reason: String| Error::UnsafeOutput {
        path: output.to_path_buf(),
        reason,
    };
    // No site there, nothing to protect: loading it reports what is missing.
    let Ok(site) = fs::canonicalize(root) else {
        return Ok(());
    };
    let out = canonical(output).map_err(|e| {
        refuse(format!(
            "its path cannot be resolved ({e}); choose an output folder outside the site's sources"
        ))
    })?;
    let shown = |place: &Path| match place == output {
        true => String::new(),
        false => format!(" (`{}`)", place.display()),
    };
    let advice = "choose an output folder outside the site's sources, such as the default \
                  `public` in the site folder, or a folder beside the site";
    if out == site {
        return Err(refuse(format!(
            "it is the site's own folder{}; a build replaces its output folder and would \
             delete the site's sources: {advice}",
            shown(&out)
        )));
    }
    if site.starts_with(&out) {
        return Err(refuse(format!(
            "it holds the site's folder `{}`; a build replaces its output folder and would \
             delete the site's sources: {advice}",
            site.display()
        )));
    }
    for name in SOURCE_FOLDERS {
        let folder = site.join(name);
        // A source folder may itself be a link to somewhere else.
        let places = [Some(folder.clone()), fs::canonicalize(&folder).ok()];
        for place in places.into_iter().flatten() {
            if out.starts_with(&place) {
                return Err(refuse(format!(
                    "it is inside the site's `{name}/` folder{}; what a build writes there \
                     would be read back as sources, and replacing it would delete them: {advice}",
                    shown(&out)
                )));
            }
            if place.starts_with(&out) {
                return Err(refuse(format!(
                    "it holds the site's `{name}/` folder `{}`; a build replaces its output \
                     folder and would delete the site's sources: {advice}",
                    place.display()
                )));
            }
        }
    }
    if out.join("config.toml").exists() {
        return Err(refuse(format!(
            "it holds a `config.toml`{}, so it looks like a site's folder, which a build would \
             delete: {advice}",
            shown(&out)
        )));
    }
    Ok(())
}

/// `path` made absolute with every symbolic link and `..` resolved, also
/// when it does not exist (yet): the part that exists is resolved by the
/// file system, the rest appended.
pub fn canonical(path: &Path) -> std::io::Result<PathBuf> {
    let mut resolved = match path.is_absolute() {
        true => PathBuf::new(),
        false => fs::canonicalize(std::env::current_dir()?)?,
    };
    // Once a part does not exist, nothing after it can be a link.
    let mut exists = true;
    for component in path.components() {
        match component {
            Component::Prefix(p) => resolved.push(p.as_os_str()),
            Component::RootDir => resolved.push(Component::RootDir.as_os_str()),
            Component::CurDir => {}
            // `resolved` holds no links, so going up is going to its parent.
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                let next = resolved.join(name);
                if exists && fs::symlink_metadata(&next).is_ok() {
                    resolved = fs::canonicalize(&next)?;
                } else {
                    exists = false;
                    resolved = next;
                }
            }
        }
    }
    Ok(resolved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_paths_resolve_links_and_dots_past_what_exists() {
        let tmp = tempfile::tempdir().unwrap();
        let base = fs::canonicalize(tmp.path()).unwrap();
        fs::create_dir_all(base.join("site/content")).unwrap();
        std::os::unix::fs::symlink(base.join("site"), base.join("link")).unwrap();
        assert_eq!(
            canonical(&base.join("link/content/")).unwrap(),
            base.join("site/content")
        );
        assert_eq!(
            canonical(&base.join("link/new/deeper/../../content/x")).unwrap(),
            base.join("site/content/x")
        );
        assert_eq!(
            canonical(&base.join("site/nope/../content")).unwrap(),
            base.join("site/content")
        );
    }

    #[test]
    fn a_dangling_link_cannot_be_resolved() {
        let tmp = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(tmp.path().join("nowhere"), tmp.path().join("dangling"))
            .unwrap();
        assert!(canonical(&tmp.path().join("dangling")).is_err());
    }
}
