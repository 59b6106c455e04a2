//! `medvirk init` makes an example that shows what a council's site holds,
//! and `medvirk new` writes skeletons that build as they are and never
//! replace a file.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::text_of;

fn medvirk(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_medvirk"))
        .args(args)
        .output()
        .expect("runs")
}

fn example() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let out = medvirk(&["init", site.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

fn build(site: &Path) -> String {
    let out = medvirk(&["build", "--root", site.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    stderr
}

fn page(site: &Path, rel: &str) -> String {
    text_of(&fs::read_to_string(site.join("public").join(rel)).unwrap())
}

#[test]
fn the_example_shows_deputies_regrets_observers_a_guest_input_an_attachment_and_a_paper() {
    let dir = example();
    let site = dir.path().join("site");
    let stderr = build(&site);
    assert!(
        !stderr.contains("warning"),
        "the example builds clean: {stderr}"
    );
    let meeting = page(&site, "moter/2026-1/index.html");
    for shown in [
        "Anne Berg",
        "Avbud",
        "Kommuneforbundet",
        "Nils Moe",
        "Gjest fra Pasientforeningen",
        "2 av 3 seter var representert.",
    ] {
        assert!(meeting.contains(shown), "{shown} in {meeting}");
    }
    let case = page(&site, "moter/2026-1/sak-01-26/index.html");
    for shown in [
        "Notat om saken",
        "Tilbakemelding fra etaten",
        "Brukerforbundet",
    ] {
        assert!(case.contains(shown), "{shown} in {case}");
    }
    assert!(page(&site, "moter/2026-1/sak-01-26/notat/index.html")
        .contains("Et vedlegg skrevet som tekst"));
    assert!(page(&site, "innspill/eksempel-uttalelse/index.html").contains("Det første punktet"));
    // The guest's name and note never reach the site.
    for entry in walkdir::WalkDir::new(site.join("public")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let text = String::from_utf8_lossy(&fs::read(entry.path()).unwrap()).into_owned();
            assert!(!text.contains("Eva Eksempel"), "{}", entry.path().display());
            assert!(!text.contains("16 år"), "{}", entry.path().display());
        }
    }
}

#[test]
fn a_new_meeting_and_case_build_as_they_are_with_a_row_per_seat() {
    let dir = example();
    let site = dir.path().join("site");
    let root = site.to_str().unwrap();
    let out = medvirk(&[
        "new",
        "meeting",
        "2026-2",
        "--date",
        "2026-06-10",
        "--root",
        root,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = medvirk(&[
        "new",
        "case",
        "2026-2",
        "03/26",
        "--kind",
        "drøftingssak",
        "--root",
        root,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meeting = fs::read_to_string(site.join("content/moter/2026-2/_index.md")).unwrap();
    assert!(meeting.contains("number = 2 "), "{meeting}");
    assert!(meeting.contains("date = 2026-06-10 "), "{meeting}");
    for seat in [
        "pasientforeningen",
        "brukerforbundet",
        "parorendeforeningen",
    ] {
        assert!(
            meeting.contains(&format!(
                "[[attendance]]\norganisation = \"{seat}\"\nperson = "
            )),
            "{seat}: {meeting}"
        );
    }
    let case = fs::read_to_string(site.join("content/moter/2026-2/sak-03-26.md")).unwrap();
    assert!(case.contains("number = \"03/26\""), "{case}");
    assert!(case.contains("kind = \"drøftingssak\""), "{case}");
    let stderr = build(&site);
    assert!(!stderr.contains("warning"), "{stderr}");
    let meeting = page(&site, "moter/2026-2/index.html");
    assert!(
        meeting.contains("3 av 3 seter var representert."),
        "{meeting}"
    );
    assert!(page(&site, "moter/2026-2/sak-03-26/index.html").contains("Ny sak"));
}

#[test]
fn new_refuses_what_it_cannot_make_and_leaves_every_file_as_it_was() {
    let dir = example();
    let site = dir.path().join("site");
    let root = site.to_str().unwrap();
    let case = site.join("content/moter/2026-1/sak-01-26.md");
    let before = fs::read(&case).unwrap();
    for (args, message) in [
        (
            vec!["new", "case", "2026-1", "01/26"],
            "error: content/moter/2026-1/sak-01-26.md already exists; new never replaces a file",
        ),
        (
            vec!["new", "meeting", "2026-1"],
            "error: content/moter/2026-1/_index.md already exists",
        ),
        (
            vec!["new", "case", "2026-7", "01/26"],
            "error: there is no meeting 2026-7 (content/moter/2026-7/_index.md is missing); make it first with `medvirk new meeting 2026-7`",
        ),
        (
            vec!["new", "case", "2026-1", "02/26", "--kind", "sak"],
            "error: \"sak\" is not a kind of case",
        ),
        (
            vec!["new", "meeting", "juni"],
            "error: \"juni\" is not a meeting: a meeting is named YEAR-NUMBER",
        ),
        (
            vec!["new", "meeting", "2026-3", "--date", "2025-06-10"],
            "error: the meeting 2026-3 is in 2026, but its date 2025-06-10 is not",
        ),
    ] {
        let mut args = args.clone();
        args.extend(["--root", root]);
        let out = medvirk(&args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
    assert_eq!(fs::read(&case).unwrap(), before);
    assert!(!site.join("content/moter/2026-7").exists());
    assert!(!site.join("content/moter/2026-3").exists());
    assert!(!site.join("content/moter/2026-1/sak-02-26.md").exists());
}

#[test]
fn the_minimal_site_is_what_the_tests_start_from() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let out = medvirk(&["init", "--minimal", site.to_str().unwrap()]);
    assert!(out.status.success());
    assert!(!site.join("content/innspill").exists());
    build(&site);
    assert!(page(&site, "moter/2026-1/index.html").contains("1 av 1 sete var representert."));
}
