//! A case's `[[followup]]` entries: their status, the items they answer and
//! their source.
//!
//! The minimal site's case has its themes on line 6; the follow-up written
//! after them starts on line 7 and its fourth field is on line 11.

use super::common::TestSite;
use super::{refuses, CASE};
use medvirk::DiagnosticKind;

const THEMES: &str = "themes = [\"eksempel\"]\n";

/// The minimal site with one follow-up on its case, `last` as its fifth line.
fn with_followup(status: &str, last: &str) -> TestSite {
    let site = TestSite::minimal();
    site.replace(
        CASE,
        THEMES,
        &format!(
            "{THEMES}[[followup]]\ndate = 2026-03-01\nstatus = \"{status}\"\ntext = \"Svar\"\n{last}\n"
        ),
    );
    site
}

#[test]
fn an_unknown_followup_status_names_the_closest() {
    let site = with_followup("fulgt op", "");
    let d = refuses(
        &site,
        DiagnosticKind::UnknownFollowupStatus,
        "content/moter/2026-1/sak-01-26.md:9:10",
        "did you mean \"fulgt opp\"?",
    );
    assert!(d.message.contains("\"fulgt op\""), "{d}");
}

#[test]
fn a_followup_naming_an_item_the_case_lacks() {
    let site = with_followup("mottatt", "items = [\"innspil-1\"]");
    refuses(
        &site,
        DiagnosticKind::UnknownFollowupItem,
        "content/moter/2026-1/sak-01-26.md:11:10",
        "did you mean \"innspill-1\"?",
    );
}

#[test]
fn a_followup_source_that_is_no_address() {
    let site = with_followup("mottatt", "source = \"ftp.example.no\"");
    refuses(
        &site,
        DiagnosticKind::InvalidFollowupSource,
        "content/moter/2026-1/sak-01-26.md:11:10",
        "starting with /",
    );
}

#[test]
fn a_followup_with_known_status_items_and_source_builds() {
    let site = with_followup(
        "Delvis fulgt opp",
        "source = \"https://example.no/svar\"\nitems = [\"innspill-1\", \"#innspill-2\"]",
    );
    site.build().expect("a valid follow-up builds");
}
