//! One run reports every mistake of every file, and no mistake twice: a
//! file that cannot be read does not hide another file's mistakes, and a
//! wrong value does not echo as errors elsewhere (issue 16, "Checking").

mod common;

use common::TestSite;
use medvirk::{Diagnostic, DiagnosticKind, Error};

const MEETING: &str = "content/moter/2026-1/_index.md";
const CASE: &str = "content/moter/2026-1/sak-01-26.md";

/// The errors `check` finds, and the same report from `build`.
fn errors(site: &TestSite) -> Vec<Diagnostic> {
    let found = match medvirk::check(site.root()) {
        Err(Error::Invalid(found)) => found,
        Ok(_) => panic!("check should have found errors"),
        Err(other) => panic!("check stopped without findings: {other}"),
    };
    assert_eq!(
        site.build_err(),
        found.to_string(),
        "build reports the same"
    );
    found.0
}

/// The kind and place ("path:line:column") of each finding.
fn places(found: &[Diagnostic]) -> Vec<(DiagnosticKind, String)> {
    found
        .iter()
        .map(|d| {
            let at = format!(
                "{}:{}:{}",
                d.path.display(),
                d.line.unwrap_or(0),
                d.column.unwrap_or(0)
            );
            (d.kind, at)
        })
        .collect()
}

#[test]
fn a_bad_date_in_one_meeting_does_not_hide_a_misspelt_organisation_in_another() {
    let site = TestSite::minimal();
    let second = site
        .read_source(MEETING)
        .replace("number = 1", "number = 2")
        .replace("date = 2026-03-04", "date = 2026-13-04")
        .replace("case = \"01/26\"\n", "");
    site.write("content/moter/2026-2/_index.md", &second);
    site.replace(
        MEETING,
        "organisation = \"pasientforeningen\"",
        "organisation = \"pasientforeningn\"",
    );
    assert_eq!(
        places(&errors(&site)),
        vec![
            (
                DiagnosticKind::UnknownOrganisation,
                format!("{MEETING}:19:16")
            ),
            (
                DiagnosticKind::InvalidToml,
                "content/moter/2026-2/_index.md:3:8".to_string()
            ),
        ]
    );
}

#[test]
fn a_meeting_that_cannot_be_read_does_not_make_its_case_homeless() {
    let site = TestSite::minimal();
    site.replace(MEETING, "date = 2026-03-04", "date = 2026-03-44");
    site.replace(
        CASE,
        "submitted_by = \"divisjon-a\"",
        "submitted_by = \"divisjon-b\"",
    );
    // The case's own mistake is found; "no _index.md" is not claimed.
    assert_eq!(
        places(&errors(&site)),
        vec![
            (DiagnosticKind::InvalidToml, format!("{MEETING}:3:8")),
            (DiagnosticKind::UnknownOrganisation, format!("{CASE}:5:16")),
        ]
    );
}

#[test]
fn a_case_that_cannot_be_read_is_not_also_missing_from_the_agenda() {
    let site = TestSite::minimal();
    site.replace(CASE, "title = \"Eksempelsak\"", "title = Eksempelsak");
    site.replace(
        MEETING,
        "chair = \"kari-nordmann\"",
        "chair = \"kari-nordman\"",
    );
    assert_eq!(
        places(&errors(&site)),
        vec![
            (DiagnosticKind::UnknownPerson, format!("{MEETING}:6:9")),
            (DiagnosticKind::InvalidToml, format!("{CASE}:4:9")),
        ]
    );
}

#[test]
fn a_misspelt_organisation_kind_is_one_error_at_the_kind() {
    let site = TestSite::minimal();
    site.replace(
        "data/organisations.toml",
        "kind = \"member\"",
        "kind = \"membr\"",
    );
    let found = errors(&site);
    assert_eq!(
        places(&found),
        vec![(
            DiagnosticKind::UnknownOrganisationKind,
            "data/organisations.toml:15:8".to_string()
        )]
    );
    assert!(found[0]
        .hint
        .as_deref()
        .unwrap_or_default()
        .contains("did you mean \"member\"?"));
}

#[test]
fn a_misspelt_case_kind_is_one_error_at_the_kind() {
    let site = TestSite::minimal();
    site.replace(CASE, "kind = \"drøftingssak\"", "kind = \"drøftingsak\"");
    assert_eq!(
        places(&errors(&site)),
        vec![(DiagnosticKind::UnknownCaseKind, format!("{CASE}:3:8"))]
    );
}
