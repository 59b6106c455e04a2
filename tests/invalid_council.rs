//! The errors of a council that changes over time (issue 14): each test
//! breaks the minimal site one way and checks the message, its location and
//! a hint that names what is allowed.

mod common;

use common::TestSite;

const CASE: &str = "content/moter/2026-1/sak-01-26.md";

fn assert_error(site: &TestSite, expected: &[&str]) -> String {
    let report = site.build_err();
    for part in expected {
        assert!(
            common::reports(&report, part),
            "expected {part:?} in:\n{report}"
        );
    }
    assert!(
        report.contains("help:"),
        "every error carries a help:\n{report}"
    );
    assert!(!site.public().exists(), "nothing is written on error");
    report
}

#[test]
fn a_was_number_that_is_another_cases_number() {
    let site = TestSite::minimal();
    site.write(
        "content/moter/2026-1/sak-02-26.md",
        "+++\nnumber = \"02/26\"\nwas = \"01/26\"\ntitle = \"Omnummerert\"\n+++\n",
    );
    assert_error(
        &site,
        &[
            "sak-02-26.md:3: error: `was = \"01/26\"` is the number of another case in 2026",
            "help: `was` is the number this case had before the agenda was revised",
        ],
    );
}

#[test]
fn an_unknown_case_status_names_the_allowed_values() {
    let site = TestSite::minimal();
    site.replace(
        CASE,
        "title = \"Eksempelsak\"",
        "title = \"Eksempelsak\"\nstatus = \"drøftet\"",
    );
    assert_error(
        &site,
        &[
            "sak-01-26.md:5:10: error: unknown case status \"drøftet\"",
            "\"behandlet\", \"ikke behandlet\", \"utsatt\" or \"trukket\"",
        ],
    );
}

#[test]
fn a_status_note_without_a_status() {
    let site = TestSite::minimal();
    site.replace(
        CASE,
        "title = \"Eksempelsak\"",
        "title = \"Eksempelsak\"\nstatus_note = \"Ingen tid\"",
    );
    assert_error(
        &site,
        &["sak-01-26.md:2:10: error: `status_note` is given without a `status`"],
    );
}

#[test]
fn fra_names_neither_an_organisation_nor_a_person() {
    let site = TestSite::minimal();
    site.replace(CASE, "{fra=pasientforeningen}", "{fra=kari-nordman}");
    assert_error(
        &site,
        &[
            "sak-01-26.md:21:40: error: unknown organisation \"kari-nordman\" in fra=",
            "a person id from data/people.toml",
        ],
    );
}

#[test]
fn fra_takes_a_person() {
    let site = TestSite::minimal();
    site.replace(CASE, "{fra=pasientforeningen}", "{fra=kari-nordmann}");
    site.build().expect("a person may be named with fra=");
}

#[test]
fn an_id_that_is_both_a_person_and_an_organisation() {
    let site = TestSite::minimal();
    site.append(
        "data/organisations.toml",
        "\n[[organisation]]\nid = \"kari-nordmann\"\nname = \"Kari Nordmann AS\"\nkind = \"member\"\n",
    );
    assert_error(
        &site,
        &[
            "data/people.toml:2:6: error: \"kari-nordmann\" is both a person in data/people.toml and an organisation in data/organisations.toml",
        ],
    );
}

const COUNCIL: &str = "data/council.toml";
const MEETING: &str = "content/moter/2026-1/_index.md";

/// The minimal site with a second organisation, "annen-forening".
fn with_second_organisation() -> TestSite {
    let site = TestSite::minimal();
    site.append(
        "data/organisations.toml",
        "\n[[organisation]]\nid = \"annen-forening\"\nname = \"Annen forening\"\nkind = \"member\"\n",
    );
    site
}

#[test]
fn two_seats_of_one_organisation_need_ids_when_their_dates_overlap() {
    let site = TestSite::minimal();
    site.append(
        COUNCIL,
        "\n[[seat]]\norganisation = \"pasientforeningen\"\nterm = \"2026-2028\"\nfrom = 2027-01-01\n",
    );
    assert_error(
        &site,
        &[
            "data/council.toml:22:16: error: the seat \"pasientforeningen\" is declared twice in the term 2026-2028 for overlapping dates (2026-01-01–2028-12-31 and 2027-01-01–2028-12-31)",
            "give each of the organisation's seats its own `id = \"…\"`",
        ],
    );
}

#[test]
fn two_seats_with_ids_may_be_held_by_one_organisation() {
    let second_seat =
        "\n[[seat]]\nid = \"andre-sete\"\norganisation = \"pasientforeningen\"\nterm = \"2026-2028\"\n";
    // The row does not say which seat, but its person holds only one of them.
    let site = TestSite::minimal();
    site.append(COUNCIL, second_seat);
    let report = site.build().expect("builds");
    // The only warning: the second seat has no row in the attendance.
    assert!(
        report.warnings.0.iter().all(|d| d.kind
            == medvirk::DiagnosticKind::SeatsMissingFromAttendance
            && d.message
                .ends_with("missing: \"andre-sete\" (pasientforeningen)")),
        "{}",
        report.warnings
    );
    assert_eq!(report.warnings.0.len(), 1, "{}", report.warnings);
    // Without a person, the row must name its seat.
    let site = TestSite::minimal();
    site.append(COUNCIL, second_seat);
    site.replace(
        MEETING,
        "person = \"kari-nordmann\"\n+++",
        "status = \"avbud\"\n+++",
    );
    assert_error(
        &site,
        &[
            "_index.md:19:16: error: \"pasientforeningen\" has 2 seats on 2026-03-04; the row does not say which",
            "add seat = \"pasientforeningen\" or \"andre-sete\" to the row",
        ],
    );
}

#[test]
fn a_seat_declared_for_two_periods_is_named_by_the_one_of_the_day() {
    let site = TestSite::minimal();
    site.replace(
        COUNCIL,
        "term = \"2026-2028\"\n[[seat.holder]]",
        "id = \"sete-a\"\nterm = \"2026-2028\"\nto = 2026-01-31\n[[seat.holder]]",
    );
    site.append(
        COUNCIL,
        "\n[[seat]]\nid = \"sete-a\"\norganisation = \"pasientforeningen\"\nterm = \"2026-2028\"\nfrom = 2026-02-01\n[[seat.holder]]\nperson = \"kari-nordmann\"\nrole = \"member\"\n",
    );
    site.replace(
        MEETING,
        "person = \"kari-nordmann\"\n+++",
        "person = \"kari-nordmann\"\nseat = \"sete-a\"\n+++",
    );
    let report = site
        .build()
        .expect("the seat of the meeting's day is found");
    assert!(report.warnings.0.is_empty(), "{}", report.warnings);
}

#[test]
fn terms_that_overlap_or_share_an_id() {
    let site = TestSite::minimal();
    site.append(
        COUNCIL,
        "\n[[term]]\nid = \"2028-2030\"\nstart = 2028-06-01\nend = 2030-12-31\n",
    );
    assert_error(
        &site,
        &[
            "data/council.toml:23:9: error: the term \"2028-2030\" (2028-06-01–2030-12-31) overlaps the term \"2026-2028\" (2026-01-01–2028-12-31)",
            "a term starts after the one before it ends",
        ],
    );

    let site = TestSite::minimal();
    site.append(
        COUNCIL,
        "\n[[term]]\nid = \"2026-2028\"\nstart = 2029-01-01\nend = 2030-12-31\n",
    );
    assert_error(
        &site,
        &[
            "data/council.toml:22:6: error: the term id \"2026-2028\" is used twice",
            "each term needs its own id",
        ],
    );
}

#[test]
fn a_seat_that_ends_before_it_begins() {
    let site = with_second_organisation();
    site.append(
        COUNCIL,
        "\n[[seat]]\norganisation = \"annen-forening\"\nterm = \"2026-2028\"\nfrom = 2027-05-01\nto = 2027-04-30\n",
    );
    assert_error(
        &site,
        &[
            "data/council.toml:25:6: error: `to` (2027-04-30) is before `from` (2027-05-01)",
            "`to` is the last day and must be on or after `from`",
        ],
    );
}

#[test]
fn a_holding_that_ends_before_it_begins() {
    let site = TestSite::minimal();
    site.replace(
        COUNCIL,
        "role = \"deputy\"",
        "role = \"deputy\"\nfrom = 2027-05-01\nto = 2026-04-30",
    );
    assert_error(
        &site,
        &["data/council.toml:21:6: error: `to` (2026-04-30) is before `from` (2027-05-01)"],
    );
}

#[test]
fn attendance_for_a_seat_that_has_ended() {
    let site = TestSite::minimal();
    site.replace(
        COUNCIL,
        "term = \"2026-2028\"\n[[seat.holder]]",
        "term = \"2026-2028\"\nto = 2026-02-28\n[[seat.holder]]",
    );
    assert_error(
        &site,
        &[
            "_index.md:19:16: error: the seat \"pasientforeningen\" ended on 2026-02-28, before the meeting on 2026-03-04",
            "remove the row, or correct the seat's `from`/`to` in data/council.toml",
        ],
    );
}

#[test]
fn an_unknown_role_names_the_allowed_values() {
    let site = TestSite::minimal();
    site.replace(COUNCIL, "role = \"deputy\"", "role = \"vararepresentant\"");
    assert_error(
        &site,
        &[
            "data/council.toml:19:8: error: unknown seat role \"vararepresentant\"",
            "use role = \"member\", \"deputy\" or \"unknown\"",
        ],
    );
}

#[test]
fn a_holder_date_that_is_neither_a_date_nor_unknown() {
    let site = TestSite::minimal();
    site.replace(
        COUNCIL,
        "role = \"deputy\"",
        "role = \"deputy\"\nfrom = \"i fjor\"",
    );
    assert_error(
        &site,
        &[
            "data/council.toml:20:8: error: \"i fjor\" is neither a date nor \"unknown\"",
            "or \"unknown\" when the minutes do not say",
        ],
    );
}

#[test]
fn two_members_of_one_seat_at_once_is_a_warning() {
    let site = with_second_organisation();
    site.replace(
        COUNCIL,
        "role = \"deputy\"",
        "role = \"member\"\nfrom = 2027-01-01",
    );
    let report = site.build().expect("a warning does not stop the build");
    let warnings = report.warnings.to_string();
    assert!(
        common::reports(&warnings, "data/council.toml:18:10: warning: the seat \"pasientforeningen\" has two members at once: kari-nordmann and ola-nordmann overlap from 2027-01-01 to 2028-12-31"),
        "{warnings}"
    );
    assert!(warnings.contains("role = \"deputy\""), "{warnings}");
}

#[test]
fn a_later_name_dated_before_the_one_it_follows() {
    let site = TestSite::minimal();
    site.replace(
        "data/people.toml",
        "name = \"Kari Nordmann\"\n",
        "name = \"Kari Nordmann\"\n[[person.names]]\nname = \"Kari Berg\"\nfrom = 2026-05-01\n[[person.names]]\nname = \"Kari Dahl\"\nfrom = 2026-04-01\n",
    );
    assert_error(
        &site,
        &[
            "data/people.toml:9:8: error: 2026-04-01 is not after the change before it (2026-05-01)",
            "list the changes oldest first",
        ],
    );
}

#[test]
fn a_later_parent_that_is_not_an_organisation() {
    let site = TestSite::minimal();
    site.replace(
        "data/organisations.toml",
        "parent = \"etaten\"\n",
        "parent = \"etaten\"\n[[organisation.parents]]\nparent = \"divisjon-x\"\nfrom = 2026-05-01\n",
    );
    assert_error(
        &site,
        &["data/organisations.toml:12:10: error: unknown organisation \"divisjon-x\""],
    );
}

#[test]
fn five_missing_roles_are_five_located_errors() {
    let site = TestSite::minimal();
    let people: String = (1..=5)
        .map(|i| format!("\n[[person]]\nid = \"person-{i}\"\nname = \"Person {i}\"\n"))
        .collect();
    site.append("data/people.toml", &people);
    let holders: String = (1..=5)
        .map(|i| format!("[[seat.holder]]\nperson = \"person-{i}\"\n"))
        .collect();
    site.append(
        "data/organisations.toml",
        "\n[[organisation]]\nid = \"annen-forening\"\nname = \"Annen forening\"\nkind = \"member\"\n",
    );
    site.append(
        COUNCIL,
        &format!("\n[[seat]]\norganisation = \"annen-forening\"\nterm = \"2026-2028\"\n{holders}"),
    );
    let report = assert_error(&site, &[]);
    for line in [24, 26, 28, 30, 32] {
        assert!(
            common::reports(
                &report,
                &format!("data/council.toml:{line}:1: error: invalid TOML: missing field `role`")
            ),
            "line {line} in:\n{report}"
        );
    }
    assert_eq!(
        report.matches("missing field `role`").count(),
        5,
        "{report}"
    );
    assert!(
        report.contains("help: add `role = …` to this table"),
        "{report}"
    );
}

#[test]
fn a_bad_value_is_not_reported_again_as_missing() {
    let site = TestSite::minimal();
    site.replace(COUNCIL, "role = \"deputy\"", "role = 2");
    site.replace(COUNCIL, "role = \"member\"", "rolle = \"member\"");
    let report = assert_error(
        &site,
        &[
            "data/council.toml:19:8: error: invalid TOML: invalid type: integer `2`, expected a string",
            "data/council.toml:16:1: error: invalid TOML: unknown field `rolle`, expected one of `person`, `role`, `from`, `to`, `note`",
            "did you mean `role`? `rolle` is not a field here; the fields are one of `person`, `role`, `from`, `to`, `note`",
        ],
    );
    // The holder whose `role` was a number lacks no field: one error for it.
    // The one with `rolle` also lacks `role`, a second mistake of its own.
    assert_eq!(
        report.matches("missing field `role`").count(),
        1,
        "{report}"
    );
    assert_eq!(report.matches("error:").count(), 3, "{report}");
}

/// Errors that would only follow from an earlier one are not reported.
#[test]
fn a_mistake_raises_one_error_not_its_follow_ons() {
    let cases: [(&str, &str, &str, &str); 4] = [
        (
            "data/organisations.toml",
            "kind = \"member\"",
            "kind = \"medlem\"",
            "unknown organisation kind \"medlem\"",
        ),
        (
            CASE,
            "kind = \"drøftingssak\"",
            "kind = \"diskusjon\"",
            "unknown case kind \"diskusjon\"",
        ),
        (
            COUNCIL,
            "role = \"member\"",
            "role = \"leder\"",
            "unknown seat role \"leder\"",
        ),
        (
            COUNCIL,
            "role = \"member\"",
            "role = \"member\"\nfrom = 2026-06-01\nto = 2026-01-31",
            "`to` (2026-01-31) is before `from` (2026-06-01)",
        ),
    ];
    for (file, from, to, message) in cases {
        let site = TestSite::minimal();
        site.replace(file, from, to);
        let report = assert_error(&site, &[message]);
        assert_eq!(report.matches("error:").count(), 1, "{report}");
    }
}

#[test]
fn an_observer_row_that_names_a_seat() {
    let site = TestSite::minimal();
    site.append(
        "data/organisations.toml",
        "\n[[organisation]]\nid = \"nav\"\nname = \"NAV\"\nkind = \"observer\"\n",
    );
    site.replace(
        MEETING,
        "+++\n## Velkommen",
        "\n[[observers]]\norganisation = \"nav\"\nseat = \"nav\"\nstatus = \"avbud\"\n+++\n## Velkommen",
    );
    assert_error(
        &site,
        &[
            "_index.md:24:8: error: an observer has no seat",
            "leave `seat` out of [[observers]]",
        ],
    );
}
