//! A council that changes over time (issue 14), built from the fixture site
//! in `tests/sites/council-over-time/`: cases that were not discussed, a
//! revised agenda, input attributed to people and written as prose; each
//! page is checked for what it must say before and after every change.

mod common;

use std::path::Path;

use common::{text_of, TestSite};

/// The fixture, copied into a temporary folder and built there.
fn built() -> TestSite {
    let site = fixture();
    site.build().expect("the fixture builds");
    site
}

fn fixture() -> TestSite {
    let dir = tempfile::tempdir().expect("tempdir");
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sites/council-over-time");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let target = dir.path().join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
    TestSite { dir }
}

/// The visible text of a page's `<main>`.
fn main_text(site: &TestSite, rel: &str) -> String {
    let html = site.read(rel);
    let start = html.find("<main").expect("a main");
    let end = html.find("</main>").expect("a main");
    text_of(&html[start..end])
}

#[test]
fn a_case_not_discussed_says_so_on_its_case_meeting_and_theme_pages() {
    let site = built();
    let case = main_text(&site, "moter/2025-1/sak-02-25/index.html");
    assert!(
        case.contains("Status Ikke behandlet. Det ble ikke tid til saken."),
        "{case}"
    );
    // No kind is printed, so none is shown: the heading names only the number.
    assert!(case.starts_with("Sak 02/25 Sak uten tid"), "{case}");
    for kind in [
        "Drøftingssak",
        "Oppfølgingssak",
        "Orienteringssak",
        "Løypemelding",
    ] {
        assert!(!case.contains(kind), "{kind} guessed in: {case}");
    }
    let meeting = main_text(&site, "moter/2025-1/index.html");
    assert!(
        meeting.contains("Sak 02/25 Sak uten tid Ikke behandlet"),
        "{meeting}"
    );
    let theme = main_text(&site, "temaer/tid/index.html");
    assert!(
        theme.contains("Sak 02/25 Sak uten tid Ikke behandlet · Møte 1/2025"),
        "{theme}"
    );
    // A case with no status says nothing about one.
    let other = main_text(&site, "moter/2024-1/sak-01-24/index.html");
    assert!(!other.contains("Status"), "{other}");
}

#[test]
fn a_revised_agenda_and_a_renumbered_case_are_explained_where_the_number_is_shown() {
    let site = built();
    let meeting = main_text(&site, "moter/2025-1/index.html");
    assert!(
        meeting.contains(
            "Dagsorden Revidert dagsorden. Sakene fikk nye numre da dagsordenen ble revidert."
        ),
        "{meeting}"
    );
    assert!(
        meeting.contains("Sak 13/24 Omnummerert sak (opprinnelig sak 01/25) Oppfølgingssak"),
        "{meeting}"
    );
    let case = main_text(&site, "moter/2025-1/sak-13-24/index.html");
    assert!(
        case.starts_with("Oppfølgingssak · Sak 13/24 (opprinnelig sak 01/25)"),
        "{case}"
    );
    assert!(case.contains("Nummer Saken hadde nummer 01/25 før dagsordenen ble revidert. Sakene fikk nye numre da dagsordenen ble revidert."), "{case}");
    let theme = main_text(&site, "temaer/tid/index.html");
    assert!(
        theme.contains("Sak 13/24 Omnummerert sak (opprinnelig sak 01/25)"),
        "{theme}"
    );
    // The meeting of 2024 was not revised and says nothing of it.
    let before = main_text(&site, "moter/2024-1/index.html");
    assert!(!before.contains("Revidert"), "{before}");
    assert!(!before.contains("opprinnelig"), "{before}");
}

#[test]
fn input_attributed_to_a_person_and_prose_input_are_items() {
    let site = built();
    let html = site.read("moter/2025-1/sak-13-24/index.html");
    assert!(
        html.contains("Fra <a href=/personer/kari-nordmann/>Kari Nordmann</a>"),
        "{html}"
    );
    // The paragraph marked {.innspill} is item 3, in the list, with its attribution.
    assert!(
        html.contains(
            "<li class=innspill id=innspill-3><p>Et innspill skrevet som tekst i referatet.</p>"
        ),
        "{html}"
    );
    assert!(!html.contains(".innspill"), "the mark is not shown: {html}");
    let person = main_text(&site, "personer/kari-nordmann/index.html");
    assert!(
        person.contains("Innspill tilskrevet Kari Nordmann Et innspill fra én person Innspill 2 i sak 13/24 Omnummerert sak"),
        "{person}"
    );
    let deputy = main_text(&site, "personer/ola-nordmann/index.html");
    assert!(
        deputy.contains("Et innspill skrevet som tekst i referatet. Innspill 3 i sak 13/24"),
        "{deputy}"
    );
    // A person is not an organisation: no organisation page lists the item.
    let org = main_text(&site, "organisasjoner/pasientforeningen/index.html");
    assert!(!org.contains("Et innspill fra én person"), "{org}");
}
