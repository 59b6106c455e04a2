//! A meeting's front matter: times, agenda, decisions and attendance.
//!
//! The minimal site's meeting has its times on lines 4–5, the agenda's case
//! on line 16 and one attendance row on lines 18–20: "pasientforeningen"
//! (line 19), attended by Kari, the seat's member (line 20).

use super::common::TestSite;
use super::{refuses, MEETING};
use medvirk::DiagnosticKind;

const COUNCIL: &str = "data/council.toml";
const ROW: &str = "organisation = \"pasientforeningen\"\nperson = \"kari-nordmann\"\n+++";

fn site() -> TestSite {
    let site = TestSite::minimal();
    assert!(
        site.read_source(MEETING).contains(ROW),
        "the fixture's meeting changed"
    );
    site
}

/// The minimal site with its attendance row replaced by `row` (from line 19 on).
fn with_row(row: &str) -> TestSite {
    let site = site();
    site.replace(MEETING, ROW, &format!("{row}\n+++"));
    site
}

#[test]
fn a_meeting_that_ends_before_it_starts() {
    let site = site();
    site.replace(MEETING, "end = \"14:00\"", "end = \"09:00\"");
    refuses(
        &site,
        DiagnosticKind::MeetingEndsBeforeStart,
        "content/moter/2026-1/_index.md:5:7",
        "check `start` and `end`",
    );
}

#[test]
fn a_start_that_is_not_a_time() {
    let site = site();
    site.replace(MEETING, "start = \"10:00\"", "start = \"ti\"");
    refuses(
        &site,
        DiagnosticKind::NotATime,
        "content/moter/2026-1/_index.md:4:9",
        "write times as \"HH:MM\"",
    );
}

#[test]
fn a_date_with_a_time_of_day() {
    let site = site();
    site.replace(MEETING, "date = 2026-03-04", "date = 2026-03-04T10:00:00");
    refuses(
        &site,
        DiagnosticKind::NotADate,
        "content/moter/2026-1/_index.md:3:8",
        "without quotes or a time",
    );
}

#[test]
fn an_agenda_item_naming_a_case_that_is_not_there() {
    let site = site();
    site.replace(MEETING, "case = \"01/26\"", "case = \"02/26\"");
    refuses(
        &site,
        DiagnosticKind::AgendaCaseMissing,
        "content/moter/2026-1/_index.md:16:8",
        "did you mean \"01/26\"? add the case file to the meeting's folder",
    );
}

#[test]
fn a_decision_naming_a_case_that_is_not_there() {
    let site = with_row(&format!(
        "{}\n\n[[decisions]]\ntext = \"Vedtatt\"\ncase = \"09/26\"",
        ROW.trim_end_matches("\n+++")
    ));
    refuses(
        &site,
        DiagnosticKind::DecisionCaseMissing,
        "content/moter/2026-1/_index.md:24:8",
        "correct the number to a case of this meeting",
    );
}

#[test]
fn a_meeting_number_used_twice_in_a_year() {
    let site = site();
    site.write(
        "content/moter/2026-2/_index.md",
        "+++\nnumber = 1\ndate = 2026-06-03\n+++\n",
    );
    let d = refuses(
        &site,
        DiagnosticKind::MeetingNumberTwice,
        "content/moter/2026-2/_index.md:2",
        "each meeting has its own number within its year",
    );
    assert!(d.message.contains("content/moter/2026-1/_index.md"), "{d}");
}

#[test]
fn a_seat_listed_twice() {
    let site = with_row(&format!(
        "{}\n\n[[attendance]]\norganisation = \"pasientforeningen\"\nperson = \"ola-nordmann\"",
        ROW.trim_end_matches("\n+++")
    ));
    refuses(
        &site,
        DiagnosticKind::ListedTwice,
        "content/moter/2026-1/_index.md:23:16",
        "give one row per seat",
    );
}

/// The README: a seat attended by someone who does not hold the seat that
/// day is an error. Kari is a holder of the seat, but her holding ended
/// before the meeting.
#[test]
fn a_person_who_does_not_hold_the_seat_that_day() {
    let site = site();
    site.replace(
        COUNCIL,
        "role = \"member\"\n",
        "role = \"member\"\nto = 2026-02-28\n",
    );
    let d = refuses(
        &site,
        DiagnosticKind::NotTheSeatsHolder,
        "content/moter/2026-1/_index.md:20:10",
        "add the person as a [[seat.holder]] of the seat",
    );
    assert_eq!(
        d.message,
        "kari-nordmann does not hold pasientforeningen's seat on 2026-03-04"
    );
}

#[test]
fn an_observer_with_a_seat() {
    let site = with_row(&format!(
        "{}\n\n[[observers]]\norganisation = \"etaten\"\nseat = \"etaten\"\nperson = \"ola-nordmann\"",
        ROW.trim_end_matches("\n+++")
    ));
    refuses(
        &site,
        DiagnosticKind::ObserverWithSeat,
        "content/moter/2026-1/_index.md:24:8",
        "leave `seat` out of [[observers]]",
    );
}

#[test]
fn an_unknown_seat() {
    let site = with_row(
        "organisation = \"pasientforeningen\"\nseat = \"sete-9\"\nperson = \"kari-nordmann\"",
    );
    refuses(
        &site,
        DiagnosticKind::UnknownSeat,
        "content/moter/2026-1/_index.md:20:8",
        "\"pasientforeningen\"'s seats in that term are \"pasientforeningen\"",
    );
}

#[test]
fn a_seat_named_for_another_organisation() {
    let site = with_row(
        "organisation = \"divisjon-a\"\nseat = \"pasientforeningen\"\nperson = \"kari-nordmann\"",
    );
    refuses(
        &site,
        DiagnosticKind::SeatOfAnotherOrganisation,
        "content/moter/2026-1/_index.md:19:16",
        "correct `organisation` to the one holding the seat that day",
    );
}

#[test]
fn a_row_for_an_organisation_whose_seat_has_moved() {
    let site = site();
    site.append(
        COUNCIL,
        "[[seat.moved]]\nfrom = 2026-02-01\norganisation = \"divisjon-a\"\n",
    );
    refuses(
        &site,
        DiagnosticKind::SeatMovedAway,
        "content/moter/2026-1/_index.md:19:16",
        "correct the [[seat.moved]] date",
    );
}

#[test]
fn a_row_for_an_organisation_without_a_seat() {
    let site = with_row("organisation = \"etaten\"\nperson = \"kari-nordmann\"");
    refuses(
        &site,
        DiagnosticKind::NoSeat,
        "content/moter/2026-1/_index.md:19:16",
        "or list it under [[observers]]",
    );
}

#[test]
fn a_row_that_does_not_say_which_of_two_seats() {
    let site = with_row("organisation = \"pasientforeningen\"\nstatus = \"avbud\"");
    site.append(
        COUNCIL,
        "\n[[seat]]\nid = \"pasientforeningen-2\"\norganisation = \"pasientforeningen\"\nterm = \"2026-2028\"\n",
    );
    refuses(
        &site,
        DiagnosticKind::WhichSeat,
        "content/moter/2026-1/_index.md:19:16",
        "add seat = \"pasientforeningen\" or \"pasientforeningen-2\" to the row",
    );
}

#[test]
fn a_row_for_a_seat_that_has_ended() {
    let site = site();
    site.replace(
        COUNCIL,
        "term = \"2026-2028\"\n",
        "term = \"2026-2028\"\nto = 2026-02-01\n",
    );
    refuses(
        &site,
        DiagnosticKind::SeatEnded,
        "content/moter/2026-1/_index.md:19:16",
        "remove the row, or correct the seat's `from`/`to`",
    );
}

#[test]
fn a_row_for_a_seat_that_has_not_begun() {
    let site = site();
    site.replace(
        COUNCIL,
        "term = \"2026-2028\"\n",
        "term = \"2026-2028\"\nfrom = 2026-06-01\n",
    );
    refuses(
        &site,
        DiagnosticKind::SeatNotBegun,
        "content/moter/2026-1/_index.md:19:16",
        "remove the row, or correct the seat's `from`/`to`",
    );
}

#[test]
fn a_row_with_neither_person_nor_status() {
    let site = with_row("organisation = \"pasientforeningen\"");
    refuses(
        &site,
        DiagnosticKind::NeitherPersonNorStatus,
        "content/moter/2026-1/_index.md:19:16",
        "or status = \"avbud\" for regrets",
    );
}

#[test]
fn an_unknown_attendance_status() {
    let site = with_row("organisation = \"pasientforeningen\"\nstatus = \"borte\"");
    refuses(
        &site,
        DiagnosticKind::UnknownAttendanceStatus,
        "content/moter/2026-1/_index.md:20:10",
        "use status = \"avbud\" (regrets), \"ikke-møtt\" (absent without notice) or \"til-stede\" (present)",
    );
}

#[test]
fn a_misspelt_attendance_status_gets_the_status_it_misspells() {
    let site = with_row("organisation = \"pasientforeningen\"\nstatus = \"avbudd\"");
    refuses(
        &site,
        DiagnosticKind::UnknownAttendanceStatus,
        "content/moter/2026-1/_index.md:20:10",
        "did you mean \"avbud\"? use status",
    );
}

#[test]
fn a_misspelt_seat_gets_the_seat_it_misspells() {
    let site = with_row(
        "organisation = \"pasientforeningen\"\nseat = \"pasientforeninga\"\nperson = \"kari-nordmann\"",
    );
    refuses(
        &site,
        DiagnosticKind::UnknownSeat,
        "content/moter/2026-1/_index.md:20:8",
        "did you mean \"pasientforeningen\"? ",
    );
}

#[test]
fn an_attendance_without_every_seat() {
    let site = site();
    site.append(
        COUNCIL,
        "\n[[seat]]\norganisation = \"etaten\"\nterm = \"2026-2028\"\n",
    );
    let d = super::warns(
        &site,
        DiagnosticKind::SeatsMissingFromAttendance,
        "content/moter/2026-1/_index.md:3:8",
        "add an [[attendance]] row for each seat",
    );
    assert_eq!(
        d.message,
        "the attendance lists 1 of the 2 seats the council has on 2026-03-04; missing: \"etaten\""
    );
}

#[test]
fn an_attendance_in_error_does_not_also_miss_its_seat() {
    let site = with_row("organisation = \"pasientforeninga\"\nperson = \"kari-nordmann\"");
    let kinds: Vec<DiagnosticKind> = super::findings(&site).iter().map(|d| d.kind).collect();
    assert_eq!(kinds, vec![DiagnosticKind::UnknownOrganisation]);
}
