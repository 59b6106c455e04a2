//! A small site in a temporary folder, built by the real `medvirk` binary,
//! and a snapshot of every file around it: hostile-input tests assert the
//! exit code, the message, and that nothing but the output folder changed.
#![allow(dead_code, unreachable_pub)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A site at `base/site`, so tests can put things beside it.
pub struct Site {
    pub tmp: tempfile::TempDir,
}

/// What a run of the binary gave.
#[derive(Debug)]
pub struct Run {
    /// The exit code; `None` when killed by a signal (a stack overflow aborts).
    pub code: Option<i32>,
    pub stderr: String,
}

impl Site {
    /// `medvirk init`'s site, with a file in `static/`, `templates/` and `theme/`.
    pub fn new() -> Site {
        let tmp = tempfile::tempdir().expect("tempdir");
        let site = Site { tmp };
        medvirk::init::minimal(&site.root()).expect("init");
        site.write("static/robots.txt", "User-agent: *\n");
        site.write("templates/LES-MEG.txt", "egne maler\n");
        site.write("theme/LES-MEG.txt", "eget tema\n");
        site
    }

    /// The folder that holds the site (and whatever tests put beside it).
    pub fn base(&self) -> PathBuf {
        fs::canonicalize(self.tmp.path()).unwrap()
    }

    pub fn root(&self) -> PathBuf {
        self.base().join("site")
    }

    /// Writes (or replaces) a file of the site.
    pub fn write(&self, rel: &str, text: &str) -> &Self {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Self {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
        self
    }

    /// Adds text to the end of a file of the site.
    pub fn append(&self, rel: &str, text: &str) -> &Self {
        let path = self.root().join(rel);
        let mut old = fs::read(&path).unwrap();
        old.extend_from_slice(text.as_bytes());
        fs::write(path, old).unwrap();
        self
    }

    /// Replaces text in a file of the site; panics if `from` is not there.
    pub fn replace(&self, rel: &str, from: &str, to: &str) -> &Self {
        let path = self.root().join(rel);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        fs::write(path, text.replacen(from, to, 1)).unwrap();
        self
    }

    /// The text of a file of the site.
    pub fn read_source(&self, rel: &str) -> String {
        fs::read_to_string(self.root().join(rel)).unwrap()
    }

    /// Runs the binary with `args` in the folder `cwd`.
    pub fn run_in(&self, cwd: &Path, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_medvirk"))
            .args(args)
            .current_dir(cwd)
            .output()
            .expect("run medvirk");
        Run {
            code: out.status.code(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// `medvirk -q build --root site` from the base folder.
    pub fn build(&self) -> Run {
        self.run_in(&self.base(), &["-q", "build", "--root", "site"])
    }

    /// `medvirk -q check --root site` from the base folder.
    pub fn check(&self) -> Run {
        self.run_in(&self.base(), &["-q", "check", "--root", "site"])
    }

    /// Everything under the base folder but the default output, what a
    /// build keeps beside it, and the anchor record, which a build writes by
    /// design when items are new (as cargo writes `Cargo.lock`).
    pub fn sources(&self) -> Snapshot {
        snapshot(&self.base(), &|rel: &Path| {
            rel == Path::new("site/data/ankre.toml")
                || rel.starts_with("site/public")
                || rel
                    .to_str()
                    .is_some_and(|r| r.starts_with("site/.public.medvirk-"))
        })
    }

    /// Builds, asserting that the build changed nothing but its output
    /// and did not crash; returns the run.
    pub fn build_keeping_sources(&self) -> Run {
        let before = self.sources();
        let run = self.build();
        assert_exit(&run);
        assert_same(&before, &self.sources());
        run
    }

    /// A file of the built site.
    pub fn read(&self, rel: &str) -> String {
        let path = self.root().join("public").join(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// Every file of the built site, relative, with its text.
    pub fn output(&self) -> BTreeMap<String, String> {
        let public = self.root().join("public");
        let mut out = BTreeMap::new();
        for entry in walkdir::WalkDir::new(&public) {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(&public).unwrap();
                let text = String::from_utf8_lossy(&fs::read(entry.path()).unwrap()).into_owned();
                out.insert(rel.to_string_lossy().into_owned(), text);
            }
        }
        out
    }
}

/// What is at one path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Folder,
    File(Vec<u8>),
    Link(PathBuf),
    Other,
}

/// Every path under a folder and what is there, bytes included.
pub type Snapshot = BTreeMap<PathBuf, Node>;

/// What is under `root`, links not followed, skipping what `skip` names
/// (paths relative to `root`).
pub fn snapshot(root: &Path, skip: &dyn Fn(&Path) -> bool) -> Snapshot {
    let mut out = BTreeMap::new();
    let mut walk = walkdir::WalkDir::new(root).into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(root).unwrap().to_path_buf();
        if skip(&rel) {
            if entry.file_type().is_dir() {
                walk.skip_current_dir();
            }
            continue;
        }
        let kind = entry.file_type();
        let node = if kind.is_symlink() {
            Node::Link(fs::read_link(entry.path()).unwrap())
        } else if kind.is_dir() {
            Node::Folder
        } else if kind.is_file() {
            Node::File(fs::read(entry.path()).unwrap())
        } else {
            Node::Other
        };
        out.insert(rel, node);
    }
    out
}

/// Asserts two snapshots equal, naming the first path that differs.
pub fn assert_same(before: &Snapshot, after: &Snapshot) {
    for (path, node) in before {
        match after.get(path) {
            None => panic!("{} is gone", path.display()),
            Some(now) if now != node => panic!("{} changed", path.display()),
            _ => {}
        }
    }
    for path in after.keys() {
        assert!(before.contains_key(path), "{} appeared", path.display());
    }
}

/// Asserts that medvirk ended normally (0 or 1), never by a panic (101) or a
/// signal (an aborted stack overflow), and that a failure said why.
pub fn assert_exit(run: &Run) {
    assert!(
        matches!(run.code, Some(0 | 1)),
        "exit {:?}:\n{}",
        run.code,
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    if run.code == Some(1) {
        assert!(run.stderr.contains("error"), "{}", run.stderr);
    }
}

/// Asserts a successful run.
pub fn assert_ok(run: &Run) {
    assert_eq!(run.code, Some(0), "{}", run.stderr);
}

/// Asserts a failed run whose message contains `message`.
pub fn assert_fails_with(run: &Run, message: &str) {
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(
        run.stderr.contains(message),
        "expected {message:?} in:\n{}",
        run.stderr
    );
}

/// The case file of the site `medvirk init` makes.
pub const CASE: &str = "content/moter/2026-1/sak-01-26.md";
/// The meeting file of that site.
pub const MEETING: &str = "content/moter/2026-1/_index.md";
