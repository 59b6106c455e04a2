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
fn a_revised_note_is_shown_on_a_meeting_without_an_agenda() {
    let site = fixture();
    let rel = "content/moter/2025-1/_index.md";
    let text = site.read_source(rel);
    let start = text.find("[[agenda]]").unwrap();
    let end = text.find("[[attendance]]").unwrap();
    site.write(rel, &format!("{}{}", &text[..start], &text[end..]));
    site.build().expect("builds without an agenda");
    let meeting = main_text(&site, "moter/2025-1/index.html");
    assert!(!meeting.contains("Dagsorden"), "{meeting}");
    assert!(
        meeting.contains("Revidert dagsorden. Sakene fikk nye numre da dagsordenen ble revidert."),
        "{meeting}"
    );
}

#[test]
fn an_undated_title_is_shown_beside_dated_ones() {
    let site = TestSite::minimal();
    site.replace(
        "data/people.toml",
        "name = \"Kari Nordmann\"\n",
        "name = \"Kari Nordmann\"\ntitle = \"fagdirektør\"\n[[person.titles]]\ntitle = \"direktør\"\nfrom = 2025-01-01\n",
    );
    site.build().expect("builds");
    let person = main_text(&site, "personer/kari-nordmann/index.html");
    assert!(
        person.contains("Direktør, fra 1. januar 2025 Fagdirektør, utenom perioden over"),
        "{person}"
    );
}

#[test]
fn input_attributed_to_a_person_and_prose_input_are_items() {
    let site = built();
    let html = site.read("moter/2025-1/sak-13-24/index.html");
    // (Named as she was on the meeting's day; see the test of renamed people.)
    assert!(
        html.contains("Fra <a href=/personer/kari-nordmann/>Kari Berg</a>"),
        "{html}"
    );
    // The paragraph marked {.innspill} is item 3, in the list, with its attribution.
    let item = html
        .find("<li class=innspill id=innspill-3>")
        .map(|i| &html[i..])
        .and_then(|rest| rest.split("</li>").next())
        .unwrap_or_default();
    assert!(
        item.contains("<p>Et innspill skrevet som tekst i referatet.</p>"),
        "{html}"
    );
    assert!(!html.contains(".innspill"), "the mark is not shown: {html}");
    let person = main_text(&site, "personer/kari-nordmann/index.html");
    assert!(
        person.contains("Innspill tilskrevet Kari Berg Et innspill fra én person Innspill 2 i sak 13/24 Omnummerert sak"),
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

#[test]
fn seat_counts_use_the_seats_that_exist_on_the_meetings_date() {
    let site = built();
    // 1 March 2024: the old seat still exists, the new one not yet.
    let before = main_text(&site, "moter/2024-1/index.html");
    assert!(
        before.contains("4 av 5 seter var representert."),
        "{before}"
    );
    assert!(
        before.contains("Gammel forening Til stede Per Hansen Medlem"),
        "{before}"
    );
    assert!(!before.contains("Ny forening"), "{before}");
    // 1 February 2025: the old seat has ended and the new one exists.
    let after = main_text(&site, "moter/2025-1/index.html");
    assert!(after.contains("4 av 5 seter var representert."), "{after}");
    assert!(!after.contains("Gammel forening"), "{after}");
    assert!(
        after.contains("Ny forening Til stede Lise Berg Rolle ikke oppgitt"),
        "{after}"
    );
}

#[test]
fn an_ended_and_a_created_seat_are_dated_on_their_organisations_pages() {
    let site = built();
    let old = main_text(&site, "organisasjoner/gammel-forening/index.html");
    assert!(
        old.contains("Setet ble avviklet; siste dag var 30. juni 2024 . Setet ble avviklet etter vedtak i etaten."),
        "{old}"
    );
    assert!(
        old.contains("Per Hansen Medlem 1. januar 2024 30. juni 2024"),
        "{old}"
    );
    let new = main_text(&site, "organisasjoner/ny-forening/index.html");
    assert!(new.contains("Setet ble opprettet 1. juli 2024 ."), "{new}");
    // The holder's start is not known: no date is made up for it.
    assert!(
        new.contains("Lise Berg Rolle ikke oppgitt Ukjent dato 31. desember 2025"),
        "{new}"
    );
    assert!(!new.contains("1. januar 2024"), "{new}");
    let person = main_text(&site, "personer/lise-berg/index.html");
    assert!(
        person.contains("Representant for Ny forening (rolle ikke oppgitt), fra ukjent dato til 31. desember 2025"),
        "{person}"
    );
    assert!(
        person.contains("til stede for Ny forening (rolle ikke oppgitt)"),
        "{person}"
    );
}

#[test]
fn an_organisation_with_two_seats_has_one_page_with_both() {
    let site = built();
    let org = main_text(&site, "organisasjoner/funksjonsforeningen/index.html");
    assert!(
        org.contains("Periode 2024-2025 (FFO/Funksjonsforeningen) Representant Rolle Fra Til Anne Lund Medlem"),
        "{org}"
    );
    assert!(
        org.contains("Periode 2024-2025 (BrukerRoP/Funksjonsforeningen) Representant Rolle Fra Til Bjørn Dahl Medlem"),
        "{org}"
    );
    // Every row of both seats, each naming its seat.
    assert!(
        org.contains("Møte 1/2025 , 1. februar 2025 (FFO/Funksjonsforeningen) Til stede Anne Lund"),
        "{org}"
    );
    assert!(
        org.contains("Møte 1/2024 , 1. mars 2024 (FFO/Funksjonsforeningen) Til stede Anne Lund"),
        "{org}"
    );
    assert!(
        org.contains("Møte 1/2024 , 1. mars 2024 (BrukerRoP/Funksjonsforeningen) Avbud"),
        "{org}"
    );
    let meeting = main_text(&site, "moter/2024-1/index.html");
    assert!(meeting.contains("FFO/Funksjonsforeningen Til stede Anne Lund Medlem BrukerRoP/Funksjonsforeningen Avbud"), "{meeting}");
}

#[test]
fn a_moved_seat_belongs_to_each_organisation_for_its_own_dates() {
    let site = built();
    let before = main_text(&site, "moter/2024-1/index.html");
    // The label printed in that meeting is kept for it.
    assert!(
        before.contains("Utvalget for forening A Til stede Eva Strand Medlem"),
        "{before}"
    );
    assert!(before.contains("Observatør fra NAV : Avbud"), "{before}");
    let after = main_text(&site, "moter/2025-1/index.html");
    assert!(
        after.contains("Forening B (overført sete) Til stede Eva Strand Medlem"),
        "{after}"
    );
    for org in ["forening-a", "forening-b"] {
        let page = main_text(&site, &format!("organisasjoner/{org}/index.html"));
        assert!(
            page.contains("Setet ble overført fra Forening A til Forening B 1. september 2024 (meldt i møte 1/2025)."),
            "{page}"
        );
    }
    let a = main_text(&site, "organisasjoner/forening-a/index.html");
    assert!(
        a.contains("Møte 1/2024 , 1. mars 2024 (Utvalget for forening A) Til stede Eva Strand"),
        "{a}"
    );
    assert!(!a.contains("Møte 1/2025"), "{a}");
    let b = main_text(&site, "organisasjoner/forening-b/index.html");
    assert!(
        b.contains("Møte 1/2025 , 1. februar 2025 Til stede Eva Strand"),
        "{b}"
    );
    assert!(!b.contains("Møte 1/2024"), "{b}");
    let person = main_text(&site, "personer/eva-strand/index.html");
    assert!(
        person.contains("Medlem for Forening A , fra 1. september 2024 for Forening B , 1. januar 2024–31. desember 2025"),
        "{person}"
    );
}

#[test]
fn a_renamed_person_keeps_the_name_each_meeting_printed() {
    let site = built();
    // Before the change of name.
    let before = main_text(&site, "moter/2024-1/index.html");
    assert!(
        before.contains("Pasientforeningen Til stede Kari Nordmann Medlem"),
        "{before}"
    );
    // After it: her remark in 2025 is attributed to the new name.
    let after = site.read("moter/2025-1/sak-13-24/index.html");
    assert!(
        after.contains("Fra <a href=/personer/kari-nordmann/>Kari Berg</a>"),
        "{after}"
    );
    let person = main_text(&site, "personer/kari-nordmann/index.html");
    assert!(
        person.starts_with("Representant i Brukerrådet Kari Berg Tidligere Kari Nordmann Seter"),
        "{person}"
    );
    let html = site.read("personer/kari-nordmann/index.html");
    assert!(html.contains("<title>Kari Berg –"), "{html}");
}

#[test]
fn a_title_is_the_one_held_on_the_meetings_day() {
    let site = built();
    let before = main_text(&site, "moter/2024-1/index.html");
    assert!(
        before.contains("Ledelsen i etaten Dina Dahl, direktør Erik Eng, fagdirektør"),
        "{before}"
    );
    let after = main_text(&site, "moter/2025-1/index.html");
    assert!(
        after.contains("Ledelsen i etaten Erik Eng, direktør"),
        "{after}"
    );
}

#[test]
fn a_unit_is_shown_where_it_was_and_by_the_name_it_had_on_the_meetings_day() {
    let site = built();
    // 2024: the department is under division A, by its first name.
    let before = site.read("moter/2024-1/sak-01-24/index.html");
    assert!(
        before.contains("<dt>Fremmet av</dt><dd><a href=/organisasjoner/etaten/>Etaten</a>, <a href=/organisasjoner/divisjon-a/>Divisjon A</a>, <a href=/organisasjoner/avdeling-x/>Avdeling X</a>"),
        "{before}"
    );
    // 2025: it has moved to division B, and division A has been renamed.
    let after = site.read("moter/2025-1/sak-13-24/index.html");
    assert!(
        after.contains("<dt>Fremmet av</dt><dd><a href=/organisasjoner/etaten/>Etaten</a>, <a href=/organisasjoner/divisjon-b/>Divisjon B</a>, <a href=/organisasjoner/avdeling-x/>Avdeling X</a>"),
        "{after}"
    );
    let renamed = main_text(&site, "moter/2025-1/sak-02-25/index.html");
    assert!(
        renamed.contains("Fremmet av Etaten , Divisjon for analyse"),
        "{renamed}"
    );
    let unit = main_text(&site, "organisasjoner/avdeling-x/index.html");
    assert!(
        unit.contains(
            "Del av Divisjon for analyse til 31. august 2024 Divisjon B fra 1. september 2024"
        ),
        "{unit}"
    );
    let division = main_text(&site, "organisasjoner/divisjon-a/index.html");
    assert!(
        division.starts_with(
            "Enhet i etaten Divisjon for analyse Del av Etaten Tidligere navn Divisjon A"
        ),
        "{division}"
    );
}

/// The demo migrated only where the minutes say so (tests/seeds/001…, 000…).
#[test]
fn the_demo_keeps_what_its_minutes_print_and_no_date_they_do_not() {
    let site = TestSite::demo();
    let report = site.build().expect("the demo builds");
    assert!(report.warnings.0.is_empty(), "{}", report.warnings);
    let m2023 = main_text(&site, "moter/2023-4/index.html");
    // DELTAKERLISTE 29/11-23 prints "Nasjonalforeningen" and "LIN (likestilling-inkludering-mangfold)".
    assert!(
        m2023.contains("Nasjonalforeningen Til stede Tone Poulsson Torgersen"),
        "{m2023}"
    );
    assert!(
        m2023.contains("LIN (likestilling-inkludering-mangfold) Avbud"),
        "{m2023}"
    );
    assert!(m2023.contains("Observatør fra NAV : Avbud"), "{m2023}");
    let m2024 = main_text(&site, "moter/2024-2/index.html");
    assert!(
        m2024.contains("Nasjonalforeningen for folkehelsen Til stede"),
        "{m2024}"
    );
    assert!(m2024.contains("SaFo Avbud"), "{m2024}");
    // "LIN har endret sin representant" is reported in 4/2023, undated.
    let ingvild = main_text(&site, "personer/ingvild-kallevik/index.html");
    assert!(
        ingvild.contains("fra ukjent dato til 31. desember 2025"),
        "{ingvild}"
    );
    let rabia = main_text(&site, "personer/rabia-musavi/index.html");
    assert!(
        rabia.contains("fra 1. februar 2023 til ukjent dato"),
        "{rabia}"
    );
    assert!(!rabia.contains("28. november 2023"), "{rabia}");
    // "Fremmet av Helsedirektoratet, divisjon digital transformasjon" (000, sak 09/24).
    let case = main_text(&site, "moter/2024-2/sak-09-24/index.html");
    assert!(
        case.contains("Fremmet av Helsedirektoratet , Divisjon digital transformasjon"),
        "{case}"
    );
}

#[test]
fn one_seat_is_counted_in_the_singular() {
    let site = TestSite::minimal();
    site.build().expect("builds");
    let meeting = common::text_of(&site.read("moter/2026-1/index.html"));
    assert!(
        meeting.contains("1 av 1 sete var representert."),
        "{meeting}"
    );
}
