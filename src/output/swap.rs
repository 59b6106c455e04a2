//! Stage 5, output: putting a new site where the old one was in one step,
//! keeping its `.git`, and clearing what an interrupted build left.

use std::fs;
use std::path::{Path, PathBuf};

use super::folders::{remove_files, remove_tree};
use crate::error::Error;

/// Where the previous site's folders wait for the next build, emptied of files.
///
/// A build makes one folder per page. Made anew and removed on every build,
/// 12,000 of them cost more than writing the pages: ext4 without a journal
/// skips recently freed inodes one by one when it allocates, so the cost grows
/// with the square of the site (mkdir was 38 % of all CPU samples of a
/// 10,000-case rebuild). The folders hold no files between builds, so no copy
/// of a page that has since been taken down lingers there.
pub(super) fn spare_path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.medvirk-spare"))
}

/// Moves the spare folders to `staging`, emptied of files; false (and
/// nothing moved) when there are none or they cannot be used.
pub(super) fn reuse_folders(spare: &Path, staging: &Path) -> bool {
    // A `.git` there would be the site's history, misplaced: never touched.
    if !spare.is_dir() || spare.join(".git").exists() {
        return false;
    }
    if fs::rename(spare, staging).is_err() {
        return false;
    }
    if remove_files(staging).is_err() {
        let _ = remove_tree(staging);
        return false;
    }
    true
}

/// Puts `staging` where `output` is, keeping a `.git` found in the old output.
///
/// On Linux the two folders are exchanged in one atomic step, so `output`
/// always holds a whole site, old or new, even if the process is killed. A
/// `.git` is moved across after that; if a kill lands in between, the next
/// build finds it in the leftover folder and puts it back ([`recover`]).
pub(super) fn swap(output: &Path, staging: &Path, parent: &Path, name: &str) -> Result<(), Error> {
    if !output.exists() {
        return fs::rename(staging, output).map_err(|e| Error::write(output, e));
    }
    match exchange(staging, output) {
        Ok(()) => {
            // `staging` now holds the previous site.
            let git = staging.join(".git");
            if git.exists() {
                let target = output.join(".git");
                fs::rename(&git, &target).map_err(|e| Error::write(&target, e))?;
            }
            let spare = spare_path(parent, name);
            let kept = !spare.exists()
                && remove_files(staging).is_ok()
                && fs::rename(staging, &spare).is_ok();
            if kept {
                return Ok(());
            }
            remove_tree(staging).map_err(|e| Error::write(staging, e))
        }
        Err(_) => swap_by_renames(output, staging, parent, name),
    }
}

/// The portable fallback: two renames, with a moment between them.
fn swap_by_renames(output: &Path, staging: &Path, parent: &Path, name: &str) -> Result<(), Error> {
    let git = output.join(".git");
    if git.exists() {
        let target = staging.join(".git");
        fs::rename(&git, &target).map_err(|e| Error::write(&target, e))?;
    }
    let old = parent.join(format!(".{name}.medvirk-old-{}", std::process::id()));
    if old.exists() {
        remove_tree(&old).map_err(|e| Error::write(&old, e))?;
    }
    fs::rename(output, &old).map_err(|e| Error::write(output, e))?;
    if let Err(e) = fs::rename(staging, output) {
        // Put the previous site back before reporting.
        let _ = fs::rename(&old, output);
        return Err(Error::write(output, e));
    }
    remove_tree(&old).map_err(|e| Error::write(&old, e))?;
    Ok(())
}

/// Swaps two paths atomically (`renameat2` with `RENAME_EXCHANGE`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths that outlive the call; the
    // call only reads them.
    let result = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Clears folders an interrupted build left beside `output`, first putting
/// back a `.git` that was on its way from the old site to the new one.
pub(super) fn recover(output: &Path, parent: &Path, name: &str) -> Result<(), Error> {
    let Ok(entries) = fs::read_dir(parent) else {
        return Ok(());
    };
    let prefixes = [
        format!(".{name}.medvirk-tmp-"),
        format!(".{name}.medvirk-old-"),
    ];
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        if !prefixes.iter().any(|p| file_name.starts_with(p.as_str())) {
            continue;
        }
        let leftover = entry.path();
        let git = leftover.join(".git");
        if git.exists() && output.is_dir() && !output.join(".git").exists() {
            let target = output.join(".git");
            fs::rename(&git, &target).map_err(|e| Error::write(&target, e))?;
        }
        remove_tree(&leftover).map_err(|e| Error::write(&leftover, e))?;
    }
    Ok(())
}
