//! The importer's errors that `tests/import.rs` does not reach: a registry
//! it cannot parse, and a meeting folder it cannot write. Each names the file.

use std::fs;
use std::path::Path;

use super::common::TestSite;
use medvirk::import::{import, ImportError, ImportOptions};

/// Real minutes the minimal site imports as content/moter/2024-2/.
fn minutes() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/seeds/000_64397a43475a5424.txt"
    ))
}

fn options(site: &TestSite) -> ImportOptions {
    ImportOptions {
        source: minutes().to_path_buf(),
        root: site.root().to_path_buf(),
        meeting: None,
        dry_run: false,
        force: false,
        write_registry: false,
    }
}

#[test]
fn the_minutes_import_into_the_minimal_site() {
    let site = TestSite::minimal();
    let outcome = import(&options(&site)).expect("imports");
    assert_eq!(outcome.dir, Path::new("content/moter/2024-2"));
}

#[test]
fn a_registry_that_does_not_parse() {
    let site = TestSite::minimal();
    site.write("data/people.toml", "[[person]\nid = \"kari\"\n");
    let err = import(&options(&site)).expect_err("the registry is broken");
    let ImportError::Registry { path, .. } = &err else {
        panic!("expected ImportError::Registry, got {err}");
    };
    assert_eq!(path, &site.root().join("data/people.toml"));
    assert!(
        err.to_string()
            .starts_with(&format!("{}: ", path.display())),
        "{err}"
    );
    assert!(!site.root().join("content/moter/2024-2").exists());
}

/// The meeting is written beside its place first: a file where that
/// working folder goes makes the write fail (whatever the user's rights),
/// and nothing is left half-done.
#[test]
fn a_meeting_folder_that_cannot_be_written() {
    let site = TestSite::minimal();
    let blocker = site.root().join(format!(
        "content/moter/.2024-2.import-{}",
        std::process::id()
    ));
    fs::write(&blocker, "ikke en mappe").unwrap();
    let err = import(&options(&site)).expect_err("the working folder is blocked");
    let ImportError::Write { path, .. } = &err else {
        panic!("expected ImportError::Write, got {err}");
    };
    assert_eq!(path, &blocker);
    assert!(
        err.to_string()
            .starts_with(&format!("cannot write {}", blocker.display())),
        "{err}"
    );
    assert!(!site.root().join("content/moter/2024-2").exists());
}
