//! A person's page states attendance per meeting as facts, including the
//! meetings of their seat-holding days whose lists do not name them (issue 17).

mod common;

use std::path::Path;

use common::{text_of, TestSite};

fn over_time() -> TestSite {
    let dir = tempfile::tempdir().expect("tempdir");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/council-over-time");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.expect("walk");
        let rel = entry.path().strip_prefix(&from).expect("under the fixture");
        let target = dir.path().join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
    let site = TestSite { dir };
    site.build().expect("the fixture builds");
    site
}

#[test]
fn a_meeting_that_does_not_list_a_seat_holder_says_so() {
    let site = over_time();
    let text = text_of(&site.read("personer/ola-nordmann/index.html"));
    assert!(
        text.contains("Møte 1/2024 , 1. mars 2024 : ikke oppført i deltakerlisten"),
        "{text}"
    );
    // The meeting that lists him is stated as it was, once.
    assert!(text.contains("Møte 1/2025"), "{text}");
    assert_eq!(text.matches("Møte 1/2025").count(), 1, "{text}");
    // Facts, not rates.
    assert!(!text.contains('%'), "{text}");
}
