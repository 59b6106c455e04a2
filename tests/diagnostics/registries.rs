//! The registries of organisations and people, and references to them.

use super::common::TestSite;
use super::{refuses, CASE, MEETING};
use medvirk::DiagnosticKind;

const ORGANISATIONS: &str = "data/organisations.toml";
const PEOPLE: &str = "data/people.toml";

/// The minimal site's organisations (15 lines) with `more` after them.
fn organisations(site: &TestSite, more: &str) {
    let text = site.read_source(ORGANISATIONS);
    assert_eq!(text.lines().count(), 15, "the fixture's registry changed");
    site.append(ORGANISATIONS, more);
}

/// The minimal site's people (7 lines) with `more` after them.
fn people(site: &TestSite, more: &str) {
    let text = site.read_source(PEOPLE);
    assert_eq!(text.lines().count(), 7, "the fixture's registry changed");
    site.append(PEOPLE, more);
}

#[test]
fn an_organisation_id_that_is_not_an_id() {
    let site = TestSite::minimal();
    organisations(
        &site,
        "\n[[organisation]]\nid = \"Ny Forening\"\nname = \"Ny\"\nkind = \"member\"\n",
    );
    refuses(
        &site,
        DiagnosticKind::InvalidOrganisationId,
        "data/organisations.toml:18:6",
        "for example \"kreftforeningen\"",
    );
}

#[test]
fn an_unknown_organisation_kind() {
    let site = TestSite::minimal();
    site.replace(ORGANISATIONS, "kind = \"member\"", "kind = \"medlem\"");
    refuses(
        &site,
        DiagnosticKind::UnknownOrganisationKind,
        "data/organisations.toml:15:8",
        "use member, umbrella, appointing-body",
    );
}

#[test]
fn an_organisation_id_used_twice() {
    let site = TestSite::minimal();
    organisations(
        &site,
        "\n[[organisation]]\nid = \"etaten\"\nname = \"Etaten igjen\"\nkind = \"agency\"\n",
    );
    refuses(
        &site,
        DiagnosticKind::OrganisationIdTwice,
        "data/organisations.toml:18:6",
        "each organisation needs its own id",
    );
}

#[test]
fn a_website_that_runs_code() {
    let site = TestSite::minimal();
    organisations(&site, "website = \"javascript:alert(1)\"\n");
    refuses(
        &site,
        DiagnosticKind::UnsafeWebsite,
        "data/organisations.toml:16:12",
        "the organisation's http(s) address",
    );
}

#[test]
fn a_later_name_before_the_one_it_follows() {
    let site = TestSite::minimal();
    organisations(
        &site,
        "[[organisation.names]]\nname = \"Pasientforbundet\"\nfrom = 2026-01-01\n\
         [[organisation.names]]\nname = \"Pasientforeningen\"\nfrom = 2025-01-01\n",
    );
    let d = refuses(
        &site,
        DiagnosticKind::ChangeOutOfOrder,
        "data/organisations.toml:21:8",
        "list the changes oldest first",
    );
    assert!(d.message.contains("2025-01-01 is not after"), "{d}");
}

#[test]
fn a_person_id_that_is_not_an_id() {
    let site = TestSite::minimal();
    people(
        &site,
        "\n[[person]]\nid = \"Per Hansen\"\nname = \"Per Hansen\"\n",
    );
    refuses(
        &site,
        DiagnosticKind::InvalidPersonId,
        "data/people.toml:10:6",
        "for example \"stine-nissen\"",
    );
}

#[test]
fn a_person_id_used_twice() {
    let site = TestSite::minimal();
    people(
        &site,
        "\n[[person]]\nid = \"ola-nordmann\"\nname = \"Ola\"\n",
    );
    refuses(
        &site,
        DiagnosticKind::PersonIdTwice,
        "data/people.toml:10:6",
        "each person needs their own id",
    );
}

#[test]
fn a_person_with_an_organisations_id() {
    let site = TestSite::minimal();
    people(&site, "\n[[person]]\nid = \"etaten\"\nname = \"Etaten\"\n");
    refuses(
        &site,
        DiagnosticKind::PersonIsOrganisation,
        "data/people.toml:10:6",
        "give the person or the organisation another id",
    );
}

#[test]
fn a_title_that_ends_before_it_starts() {
    let site = TestSite::minimal();
    people(
        &site,
        "[[person.titles]]\ntitle = \"Leder\"\nfrom = 2026-06-01\nto = 2026-01-01\n",
    );
    refuses(
        &site,
        DiagnosticKind::TitleEndsBeforeStart,
        "data/people.toml:11:6",
        "swap them if they are reversed",
    );
}

#[test]
fn an_unknown_organisation() {
    let site = TestSite::minimal();
    site.replace(
        CASE,
        "submitted_by = \"divisjon-a\"",
        "submitted_by = \"divisjon-x\"",
    );
    refuses(
        &site,
        DiagnosticKind::UnknownOrganisation,
        "content/moter/2026-1/sak-01-26.md:5:16",
        "did you mean \"divisjon-a\"? use an id from data/organisations.toml",
    );
}

#[test]
fn a_misspelt_organisation_in_the_attendance_gets_the_id_it_misspells() {
    let site = TestSite::minimal();
    site.replace(
        MEETING,
        "organisation = \"pasientforeningen\"",
        "organisation = \"pasientforeninga\"",
    );
    // The caret stays on the id as written.
    refuses(
        &site,
        DiagnosticKind::UnknownOrganisation,
        "content/moter/2026-1/_index.md:19:16",
        "did you mean \"pasientforeningen\"? ",
    );
}

#[test]
fn a_misspelt_person_gets_the_id_it_misspells() {
    let site = TestSite::minimal();
    site.replace(
        MEETING,
        "chair = \"kari-nordmann\"",
        "chair = \"kari-nordman\"",
    );
    refuses(
        &site,
        DiagnosticKind::UnknownPerson,
        "content/moter/2026-1/_index.md:6:9",
        "did you mean \"kari-nordmann\"? use an id from data/people.toml",
    );
}

#[test]
fn a_misspelt_organisation_kind_gets_the_kind_it_misspells() {
    let site = TestSite::minimal();
    site.replace(ORGANISATIONS, "kind = \"member\"", "kind = \"membr\"");
    refuses(
        &site,
        DiagnosticKind::UnknownOrganisationKind,
        "data/organisations.toml:15:8",
        "did you mean \"member\"? use member, umbrella",
    );
}

#[test]
fn an_unknown_person() {
    let site = TestSite::minimal();
    site.replace(MEETING, "chair = \"kari-nordmann\"", "chair = \"kari\"");
    refuses(
        &site,
        DiagnosticKind::UnknownPerson,
        "content/moter/2026-1/_index.md:6:9",
        "use an id from data/people.toml",
    );
    let d = super::findings(&site);
    let hint = d[0].hint.as_deref().unwrap_or_default();
    assert!(
        !hint.contains("did you mean"),
        "no id is close to \"kari\": {hint}"
    );
}
