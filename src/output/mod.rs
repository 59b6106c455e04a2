//! Stage 5: write the site, whole or not at all.
//!
//! Files are written as `render` and `search` made them (this stage only
//! writes bytes) to a temporary folder beside the output, then swapped into place with renames, so a failed or killed build leaves
//! the previous site as it was. The output folder carries a marker file; a
//! folder without it that is not empty is refused, never wiped, and a `.git`
//! inside the output is carried over untouched. Whatever its marker, a
//! folder that holds the site's sources is never an output folder
//! ([`guard_output_dir`]).

pub mod anchor_record;
mod folders;
mod guard;
mod swap;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::error::Error;
use crate::output_file::OutputFile;
use crate::progress::Progress;
use folders::{create, remove_empty_folders};
pub use folders::{remove_tree, replace_file, TEMPORARY_SUFFIX};
pub use guard::{canonical, guard_output_dir, SOURCE_FOLDERS};
use swap::{recover, reuse_folders, spare_path, swap};

/// The marker that says a folder is medvirk's output and may be replaced.
pub const MARKER: &str = ".medvirk-output";

/// A file to copy as it is (an attachment, a static file).
#[derive(Debug, Clone)]
pub struct CopiedFile {
    /// Destination relative to the output folder.
    pub path: String,
    /// Source on disk.
    pub source: PathBuf,
}

/// What was written.
#[derive(Debug, Clone, Default)]
pub struct WriteSummary {
    /// Number of files.
    pub files: usize,
    /// Total bytes.
    pub bytes: u64,
}

/// Refuses an output folder that is not ours: it exists, is not empty and has no marker.
pub fn check_output_dir(output: &Path) -> Result<(), Error> {
    if !output.exists() {
        return Ok(());
    }
    if !output.is_dir() {
        return Err(Error::UnsafeOutput {
            path: output.to_path_buf(),
            reason: "it is a file, not a folder".into(),
        });
    }
    if output.join(MARKER).is_file() {
        return Ok(());
    }
    let mut entries = fs::read_dir(output).map_err(|e| Error::read(output, e))?;
    let foreign = entries.any(|e| e.map(|e| e.file_name() != ".git").unwrap_or(true));
    if foreign {
        return Err(Error::UnsafeOutput {
            path: output.to_path_buf(),
            reason: format!(
                "it is not empty and was not written by medvirk (no {MARKER} file); \
                 choose another --output-dir, or empty the folder yourself"
            ),
        });
    }
    Ok(())
}

/// Writes `files` and `copies` as the new content of `output`, atomically.
pub fn write_site(
    output: &Path,
    files: Vec<OutputFile>,
    copies: &[CopiedFile],
    progress: &dyn Progress,
) -> Result<WriteSummary, Error> {
    let staging = Staging::begin(output)?;
    progress.stage("write", (files.len() + copies.len()) as u64);
    files
        .into_par_iter()
        .try_for_each(|file| staging.write(file).map(|_| progress.step()))?;
    copies
        .par_iter()
        .try_for_each(|copy| staging.copy(copy).map(|_| progress.step()))?;
    staging.commit()
}

/// A new site being written beside the output, file by file, from any thread.
///
/// Nothing the reader sees changes until [`Staging::commit`] swaps it into
/// place; dropped without a commit (an error, a panic), it is removed.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    parent: PathBuf,
    name: String,
    files: AtomicUsize,
    bytes: AtomicU64,
    /// Whether the folders came from the previous site (some may be unused).
    reused: bool,
    committed: bool,
}

impl Staging {
    /// Checks that `output` may be replaced, clears what an interrupted build
    /// left and makes the staging folder.
    pub fn begin(output: &Path) -> Result<Staging, Error> {
        check_output_dir(output)?;
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent).map_err(|e| Error::write(&parent, e))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        recover(output, &parent, &name)?;
        let dir = parent.join(format!(".{name}.medvirk-tmp-{}", std::process::id()));
        let reused = reuse_folders(&spare_path(&parent, &name), &dir);
        if !reused {
            fs::create_dir_all(&dir).map_err(|e| Error::write(&dir, e))?;
        }
        Ok(Staging {
            dir,
            output: output.to_path_buf(),
            parent,
            name,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            reused,
            committed: false,
        })
    }

    /// Writes one file; returns its size.
    pub fn write(&self, file: OutputFile) -> Result<u64, Error> {
        let bytes = file.bytes.as_slice();
        let path = self.place(&file.path)?;
        if !self.link_unchanged(&file.path, bytes, &path) {
            create(&path, |p| fs::write(p, bytes)).map_err(|e| Error::write(&path, e))?;
        }
        Ok(self.count(bytes.len() as u64))
    }

    /// Hard-links the previous site's copy of `rel` to `path` when its bytes
    /// are `bytes`; false when there is none, it differs or linking fails.
    ///
    /// A rebuild mostly rewrites what was there: a link makes no new inode
    /// and leaves none to free when the old site goes, which on ext4 costs
    /// more than the bytes; and unchanged files keep their modification
    /// time, so a deploy by `rsync` sends only what changed.
    fn link_unchanged(&self, rel: &str, bytes: &[u8], path: &Path) -> bool {
        let old = self.output.join(rel);
        let same = match fs::symlink_metadata(&old) {
            Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
                fs::read(&old).is_ok_and(|previous| previous == bytes)
            }
            _ => false,
        };
        same && fs::hard_link(&old, path).is_ok()
    }

    /// Copies one file as it is; returns its size.
    pub fn copy(&self, copy: &CopiedFile) -> Result<u64, Error> {
        let path = self.place(&copy.path)?;
        let size =
            create(&path, |p| fs::copy(&copy.source, p)).map_err(|e| Error::write(&path, e))?;
        Ok(self.count(size))
    }

    /// Marks the folder as ours and puts it where the output is; the previous
    /// site's files are removed and its folders kept for the next build.
    pub fn commit(mut self) -> Result<WriteSummary, Error> {
        let marker = self.dir.join(MARKER);
        fs::write(
            &marker,
            "This folder is written by medvirk and replaced on every build.\n",
        )
        .map_err(|e| Error::write(&marker, e))?;
        if self.reused {
            // After the marker: the folder itself is never empty.
            remove_empty_folders(&self.dir).map_err(|e| Error::write(&self.dir, e))?;
        }
        self.committed = true;
        swap(&self.output, &self.dir, &self.parent, &self.name)?;
        Ok(WriteSummary {
            files: self.files.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
        })
    }

    /// The staging path of `rel`, its folder made.
    fn place(&self, rel: &str) -> Result<PathBuf, Error> {
        let path = self.dir.join(rel);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| Error::write(dir, e))?;
        }
        Ok(path)
    }

    fn count(&self, bytes: u64) -> u64 {
        self.files.fetch_add(1, Ordering::Relaxed);
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
        bytes
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_tree(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::NoProgress;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec().into(),
        }
    }

    #[test]
    fn replaces_its_own_output_and_keeps_git() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        write_site(
            &out,
            vec![file("index.html", "<p>en</p>"), file("a/b.txt", "x")],
            &[],
            &NoProgress,
        )
        .unwrap();
        fs::create_dir(out.join(".git")).unwrap();
        fs::write(out.join(".git/HEAD"), "ref").unwrap();
        write_site(
            &out,
            vec![file("index.html", "<p>to</p>")],
            &[],
            &NoProgress,
        )
        .unwrap();
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap(),
            "<p>to</p>"
        );
        assert!(!out.join("a/b.txt").exists(), "stale files are gone");
        assert!(!out.join("a").exists(), "and so are their folders");
        assert_eq!(fs::read_to_string(out.join(".git/HEAD")).unwrap(), "ref");
        let mut leftovers: Vec<_> = fs::read_dir(tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        leftovers.sort();
        assert_eq!(leftovers, [".public.medvirk-spare", "public"]);
        let spare = tmp.path().join(".public.medvirk-spare");
        assert!(
            files_under(&spare).is_empty(),
            "the spare folders hold no files"
        );
    }

    /// Files (not folders) under `root`, relative, sorted.
    fn files_under(root: &Path) -> Vec<String> {
        if !root.exists() {
            return Vec::new();
        }
        let mut files: Vec<String> = walkdir::WalkDir::new(root)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| !e.file_type().is_dir())
            .map(|e| {
                let rel = e.path().strip_prefix(root).unwrap();
                rel.to_string_lossy().replace('\\', "/")
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn the_previous_sites_folders_are_reused_never_its_files() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let spare = tmp.path().join(".public.medvirk-spare");
        let build = |files: &[(&str, &str)]| {
            let files = files.iter().map(|(p, t)| file(p, t)).collect();
            write_site(&out, files, &[], &NoProgress).unwrap();
            assert!(files_under(&spare).is_empty(), "no file waits in the spare");
        };
        build(&[
            ("index.html", "1"),
            ("a/index.html", "a1"),
            ("c/d/e.txt", "e"),
        ]);
        build(&[
            ("index.html", "2"),
            ("a/index.html", "a1"),
            ("p/index.html", "p"),
        ]);
        assert!(spare.join("c/d").is_dir(), "the first site's folders wait");
        let folder = fs::metadata(spare.join("a")).unwrap();
        // Reuses the first site's folders: `a` again, `c/d` now stale; `p` of
        // the second site was a folder and is now a file.
        build(&[
            ("index.html", "3"),
            ("a/index.html", "a3"),
            ("p", "p is a file"),
        ]);
        assert_eq!(
            files_under(&out),
            [MARKER, "a/index.html", "index.html", "p"]
        );
        assert!(!out.join("c").exists(), "stale folders are removed");
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "a3");
        assert_eq!(fs::read_to_string(out.join("p")).unwrap(), "p is a file");
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let reused = fs::metadata(out.join("a")).unwrap();
            assert_eq!(reused.ino(), folder.ino(), "the folder was reused");
        }
        let _ = folder;
        // A build that fails leaves the site as it was (the folders it took
        // from the spare go with it; the next build makes new ones).
        let before = files_under(&out);
        let staging = Staging::begin(&out).unwrap();
        staging.write(file("index.html", "4")).unwrap();
        drop(staging);
        assert_eq!(files_under(&out), before);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "3");
    }

    #[test]
    fn refuses_a_folder_that_is_not_ours() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("viktig.txt"), "ikke slett").unwrap();
        let err =
            write_site(tmp.path(), vec![file("index.html", "x")], &[], &NoProgress).unwrap_err();
        assert!(err.to_string().contains("not written by medvirk"), "{err}");
        assert_eq!(
            fs::read_to_string(tmp.path().join("viktig.txt")).unwrap(),
            "ikke slett"
        );
    }

    #[test]
    fn unchanged_files_keep_their_inode_and_changed_ones_are_new() {
        use std::os::unix::fs::MetadataExt;
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let site = |second: &str| {
            vec![
                file("same/index.html", "<p>lik</p>"),
                file("other/index.html", second),
            ]
        };
        write_site(&out, site("<p>før</p>"), &[], &NoProgress).unwrap();
        let inode = |rel: &str| fs::metadata(out.join(rel)).unwrap().ino();
        let (same, other) = (inode("same/index.html"), inode("other/index.html"));
        write_site(&out, site("<p>etter</p>"), &[], &NoProgress).unwrap();
        assert_eq!(inode("same/index.html"), same, "linked from the old site");
        assert_ne!(inode("other/index.html"), other, "written anew");
        assert_eq!(
            fs::read_to_string(out.join("other/index.html")).unwrap(),
            "<p>etter</p>"
        );
        assert_eq!(
            fs::metadata(out.join("same/index.html")).unwrap().nlink(),
            1,
            "the old site's name for it is gone"
        );
    }
}
