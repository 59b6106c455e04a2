//! The anchor record, `data/ankre.toml`: an author's anchor that names
//! another item, a record out of date or naming a case that is gone, and a
//! record that cannot be written or may not be.
//!
//! `medvirk init` writes the minimal site's record; its case's last input
//! item, "Et innspill fra én organisasjon", is `innspill-3` on line 21.

use std::fs;

use super::common::TestSite;
use super::{refuses, warns, CASE};
use medvirk::{BuildOptions, DiagnosticKind, Error, Severity};

const RECORD: &str = "data/ankre.toml";
const LAST_ITEM: &str = "- Et innspill fra én organisasjon {fra=pasientforeningen}\n";

/// The minimal site with its first item's text changed, so the record no
/// longer fits.
fn corrected() -> TestSite {
    let site = TestSite::minimal();
    assert!(site.read_source(RECORD).contains("\"innspill-3\""));
    site.replace(CASE, "- Et innspill\n", "- Ett innspill\n");
    site
}

#[test]
fn an_author_anchor_that_the_record_gives_another_item() {
    let site = TestSite::minimal();
    assert_eq!(
        site.read_source(CASE).lines().nth(20),
        Some(LAST_ITEM.trim_end()),
        "the fixture's case changed"
    );
    site.replace(CASE, LAST_ITEM, "- Noe helt annet {#innspill-3}\n");
    let d = refuses(
        &site,
        DiagnosticKind::AnchorTakenByAnotherItem,
        &format!("{CASE}:21:1"),
        "choose another {#anker}",
    );
    assert!(d
        .message
        .contains("\"innspill-3\" was published for another item"));
}

#[test]
fn a_record_out_of_date_in_check() {
    let site = corrected();
    let d = warns(
        &site,
        DiagnosticKind::AnchorRecordOutdated,
        RECORD,
        "`medvirk build` updates it",
    );
    assert_eq!(
        d.message,
        "data/ankre.toml is out of date: items changed their text"
    );
    // `warns` built the site, which brought the record up to date.
    assert!(site.read_source(RECORD).contains("text = \"Ett innspill\""));
    let warnings = medvirk::check(site.root()).unwrap();
    assert!(warnings.0.is_empty(), "{warnings}");
}

#[test]
fn a_record_naming_a_case_that_is_gone() {
    let site = TestSite::minimal();
    let line = site.read_source(RECORD).lines().count() + 3;
    site.append(
        RECORD,
        "\n[[case]]\nfile = \"content/moter/2026-1/sak-09-26.md\"\nitems = []\n",
    );
    warns(
        &site,
        DiagnosticKind::AnchorRecordUnknownCase,
        &format!("{RECORD}:{line}:8"),
        "its anchors are kept",
    );
}

#[test]
fn a_record_that_cannot_be_written() {
    let site = corrected();
    // What the record is written to first, then renamed from, is taken.
    fs::create_dir_all(site.root().join("data/.ankre.toml.medvirk-tmp/x")).unwrap();
    let report = site.build().expect("the site is still built");
    let d = report
        .warnings
        .0
        .iter()
        .find(|d| d.kind == DiagnosticKind::AnchorRecordNotWritten)
        .unwrap_or_else(|| panic!("no warning among {}", report.warnings));
    assert_eq!(d.severity, Severity::Warning);
    assert!(
        d.message.starts_with("could not write data/ankre.toml: "),
        "{d}"
    );
    assert!(d.hint.as_deref().unwrap().contains("make data/ writable"));
    assert_eq!(report.anchor_record, None);
    assert!(!site.read_source(RECORD).contains("Ett innspill"));
    assert!(site.public().join("index.html").is_file());
}

#[test]
fn a_locked_build_whose_record_would_change() {
    let site = corrected();
    let before = site.read_source(RECORD);
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        output_dir: None,
        base_url: None,
    };
    let progress = medvirk::progress::NoProgress;
    let Err(Error::Invalid(found)) = medvirk::build_as(&options, &progress, LOCKED) else {
        panic!("--locked refuses to update the record")
    };
    let d = &found.0[0];
    assert_eq!(d.kind, DiagnosticKind::AnchorRecordLocked);
    assert_eq!(d.path.to_string_lossy(), RECORD);
    assert!(d.hint.as_deref().unwrap().contains("without --locked"));
    assert_eq!(site.read_source(RECORD), before);
    assert!(!site.public().exists());
    // Up to date, a locked build goes through.
    let site = TestSite::minimal();
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        ..options
    };
    medvirk::build_as(&options, &progress, LOCKED).expect("an up-to-date record builds");
}

/// `medvirk build --locked`.
const LOCKED: medvirk::BuildMode = medvirk::BuildMode {
    for_disk: false,
    strict: false,
    locked: true,
};
