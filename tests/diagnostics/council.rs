//! `data/council.toml`: terms, seats, their holders and committees.
//!
//! The minimal site's council is 19 lines: the term on lines 6–9, the seat
//! of "pasientforeningen" on lines 11–13, Kari as its member (lines 14–16)
//! and Ola as its deputy (lines 17–19).

use super::common::TestSite;
use super::{refuses, warns};
use medvirk::DiagnosticKind;

const COUNCIL: &str = "data/council.toml";

fn site() -> TestSite {
    let site = TestSite::minimal();
    let text = site.read_source(COUNCIL);
    assert_eq!(text.lines().count(), 19, "the fixture's council changed");
    site
}

/// The minimal site with `text` put after the line holding `after`.
fn with(after: &str, text: &str) -> TestSite {
    let site = site();
    site.replace(COUNCIL, &format!("{after}\n"), &format!("{after}\n{text}"));
    site
}

#[test]
fn a_term_that_ends_before_it_starts() {
    let site = site();
    site.replace(COUNCIL, "end = 2028-12-31", "end = 2025-12-31");
    refuses(
        &site,
        DiagnosticKind::TermEndsBeforeStart,
        "data/council.toml:9:7",
        "`end` must be on or after `start`",
    );
}

#[test]
fn a_term_id_used_twice() {
    let site = with(
        "end = 2028-12-31",
        "\n[[term]]\nid = \"2026-2028\"\nstart = 2029-01-01\nend = 2030-12-31\n",
    );
    refuses(
        &site,
        DiagnosticKind::TermIdTwice,
        "data/council.toml:12:6",
        "each term needs its own id",
    );
}

#[test]
fn terms_that_overlap() {
    let site = with(
        "end = 2028-12-31",
        "\n[[term]]\nid = \"2028-2030\"\nstart = 2028-01-01\nend = 2030-12-31\n",
    );
    let d = refuses(
        &site,
        DiagnosticKind::TermsOverlap,
        "data/council.toml:13:9",
        "a term starts after the one before it ends",
    );
    assert!(d.message.contains("overlaps the term \"2026-2028\""), "{d}");
}

#[test]
fn a_committee_of_an_unknown_term() {
    let site = site();
    site.append(
        COUNCIL,
        "\n[[committee]]\nname = \"Arbeidsutvalget\"\nterm = \"2030\"\n",
    );
    refuses(
        &site,
        DiagnosticKind::UnknownCommitteeTerm,
        "data/council.toml:23:8",
        "declare the term with [[term]]",
    );
}

#[test]
fn a_seat_of_an_unknown_term() {
    let site = site();
    site.replace(COUNCIL, "term = \"2026-2028\"", "term = \"2030\"");
    refuses(
        &site,
        DiagnosticKind::UnknownSeatTerm,
        "data/council.toml:13:8",
        "declare the term with [[term]]",
    );
}

#[test]
fn a_seat_id_that_is_not_an_id() {
    let site = with("organisation = \"pasientforeningen\"", "id = \"Sete 1\"\n");
    refuses(
        &site,
        DiagnosticKind::InvalidSeatId,
        "data/council.toml:13:6",
        "for example \"ffo-2\"",
    );
}

#[test]
fn a_seat_that_ends_before_it_starts() {
    let site = with(
        "term = \"2026-2028\"",
        "from = 2027-01-01\nto = 2026-06-01\n",
    );
    refuses(
        &site,
        DiagnosticKind::SeatEndsBeforeStart,
        "data/council.toml:15:6",
        "swap them if they are reversed",
    );
}

#[test]
fn a_seat_date_outside_its_term() {
    let site = with("term = \"2026-2028\"", "from = 2025-01-01\n");
    refuses(
        &site,
        DiagnosticKind::SeatDateOutsideTerm,
        "data/council.toml:14:8",
        "give the next term's seat a [[seat]] of its own",
    );
}

#[test]
fn a_seat_that_moves_before_it_exists() {
    let site = site();
    site.append(
        COUNCIL,
        "[[seat.moved]]\nfrom = 2025-01-01\norganisation = \"divisjon-a\"\n",
    );
    refuses(
        &site,
        DiagnosticKind::SeatMoveOutOfOrder,
        "data/council.toml:21:8",
        "list [[seat.moved]] in date order",
    );
}

#[test]
fn an_unknown_seat_role() {
    let site = site();
    site.replace(COUNCIL, "role = \"deputy\"", "role = \"leder\"");
    refuses(
        &site,
        DiagnosticKind::UnknownSeatRole,
        "data/council.toml:19:8",
        "use role = \"member\", \"deputy\" or \"unknown\"",
    );
}

#[test]
fn a_misspelt_seat_role_gets_the_role_it_misspells() {
    let site = site();
    site.replace(COUNCIL, "role = \"deputy\"", "role = \"deptuy\"");
    refuses(
        &site,
        DiagnosticKind::UnknownSeatRole,
        "data/council.toml:19:8",
        "did you mean \"deputy\"? use role",
    );
}

#[test]
fn a_seat_of_a_misspelt_term_gets_the_term_it_misspells() {
    let site = site();
    site.replace(COUNCIL, "term = \"2026-2028\"", "term = \"2026-2029\"");
    refuses(
        &site,
        DiagnosticKind::UnknownSeatTerm,
        "data/council.toml:13:8",
        "did you mean \"2026-2028\"? declare the term",
    );
}

#[test]
fn a_holders_day_that_is_neither_a_date_nor_unknown() {
    let site = site();
    site.append(COUNCIL, "from = 5\n");
    refuses(
        &site,
        DiagnosticKind::HolderDateNotADate,
        "data/council.toml:20:8",
        "or \"unknown\" when the minutes do not say",
    );
}

#[test]
fn a_holding_that_starts_before_the_term() {
    let site = site();
    site.append(COUNCIL, "from = 2025-06-01\n");
    let d = refuses(
        &site,
        DiagnosticKind::HoldingOutsideSeat,
        "data/council.toml:20:8",
        "put the holder under the right term's seat",
    );
    assert!(d.message.contains("not within the term 2026-2028"), "{d}");
}

#[test]
fn a_seat_declared_twice_for_the_same_days() {
    let site = site();
    site.append(
        COUNCIL,
        "\n[[seat]]\norganisation = \"pasientforeningen\"\nterm = \"2026-2028\"\n",
    );
    refuses(
        &site,
        DiagnosticKind::SeatDeclaredTwice,
        "data/council.toml:22:16",
        "give each of the organisation's seats its own `id = \"…\"`",
    );
}

#[test]
fn two_members_of_one_seat_at_once() {
    let site = site();
    site.replace(COUNCIL, "role = \"deputy\"", "role = \"member\"");
    warns(
        &site,
        DiagnosticKind::TwoMembersAtOnce,
        "data/council.toml:18:10",
        "make one of them role = \"deputy\"",
    );
}

#[test]
fn one_person_in_two_seats_at_once() {
    let site = site();
    site.append(
        COUNCIL,
        "\n[[seat]]\norganisation = \"divisjon-a\"\nterm = \"2026-2028\"\n\
         [[seat.holder]]\nperson = \"kari-nordmann\"\nrole = \"member\"\n",
    );
    refuses(
        &site,
        DiagnosticKind::TwoSeatsAtOnce,
        "data/council.toml:25:10",
        "end the first holding with `to` before the second starts",
    );
}
