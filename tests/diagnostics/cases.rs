//! A case's front matter: its number, kind, status, attachments and earlier
//! treatments.
//!
//! The minimal site's case has its number on line 2, its kind on line 3 and
//! its themes on line 6; front matter ends on line 7.

use std::fs;

use super::common::TestSite;
use super::{refuses, CASE};
use medvirk::DiagnosticKind;

const THEMES: &str = "themes = [\"eksempel\"]\n";

fn site() -> TestSite {
    let site = TestSite::minimal();
    let text = site.read_source(CASE);
    assert_eq!(
        text.lines().position(|l| l == THEMES.trim_end()),
        Some(5),
        "the fixture's case changed"
    );
    site
}

/// The minimal site with `fields` after the case's themes (from line 7 on).
fn with_fields(fields: &str) -> TestSite {
    let site = site();
    site.replace(CASE, THEMES, &format!("{THEMES}{fields}"));
    site
}

/// A second case in the minimal site's meeting.
const OTHER: &str = "content/moter/2026-1/sak-02-26.md";

#[test]
fn a_case_file_name_that_is_not_an_address() {
    let site = site();
    let text = site.read_source(CASE);
    fs::remove_file(site.root().join(CASE)).unwrap();
    site.write("content/moter/2026-1/Sak 01.md", &text);
    refuses(
        &site,
        DiagnosticKind::InvalidAddressName,
        "content/moter/2026-1/Sak 01.md",
        "rename the case file to \"sak-01.md\"",
    );
}

#[test]
fn a_case_in_a_folder_without_a_meeting() {
    let site = site();
    site.write(
        "content/moter/2026-3/sak-05-26.md",
        "+++\nnumber = \"05/26\"\ntitle = \"Sak\"\n+++\n",
    );
    refuses(
        &site,
        DiagnosticKind::CaseWithoutMeeting,
        "content/moter/2026-3/sak-05-26.md",
        "add _index.md with the meeting's number, date and attendance",
    );
}

#[test]
fn an_unknown_case_kind() {
    let site = site();
    site.replace(CASE, "kind = \"drøftingssak\"", "kind = \"sak\"");
    refuses(
        &site,
        DiagnosticKind::UnknownCaseKind,
        "content/moter/2026-1/sak-01-26.md:3:8",
        "use drøftingssak, oppfølgingssak",
    );
}

#[test]
fn a_misspelt_case_kind_gets_the_kind_it_misspells() {
    let site = site();
    site.replace(CASE, "kind = \"drøftingssak\"", "kind = \"drøftingsak\"");
    refuses(
        &site,
        DiagnosticKind::UnknownCaseKind,
        "content/moter/2026-1/sak-01-26.md:3:8",
        "did you mean \"drøftingssak\"? use drøftingssak",
    );
}

#[test]
fn a_misspelt_case_status_gets_the_status_it_misspells() {
    let site = with_fields("status = \"utsat\"\n");
    refuses(
        &site,
        DiagnosticKind::UnknownCaseStatus,
        "content/moter/2026-1/sak-01-26.md:7:10",
        "did you mean \"utsatt\"? ",
    );
}

#[test]
fn an_unknown_case_status() {
    let site = with_fields("status = \"ferdig\"\n");
    refuses(
        &site,
        DiagnosticKind::UnknownCaseStatus,
        "content/moter/2026-1/sak-01-26.md:7:10",
        "or leave it out when the minutes say nothing",
    );
}

#[test]
fn a_status_note_without_a_status() {
    let site = with_fields("status_note = \"Venter på svar\"\n");
    refuses(
        &site,
        DiagnosticKind::StatusNoteWithoutStatus,
        "content/moter/2026-1/sak-01-26.md:2:10",
        "beside the note",
    );
}

#[test]
fn an_empty_was() {
    let site = with_fields("was = \" \"\n");
    refuses(
        &site,
        DiagnosticKind::EmptyWas,
        "content/moter/2026-1/sak-01-26.md:7:7",
        "or leave `was` out",
    );
}

#[test]
fn an_empty_case_number() {
    let site = site();
    site.replace(CASE, "number = \"01/26\"", "number = \"\"");
    refuses(
        &site,
        DiagnosticKind::EmptyCaseNumber,
        "content/moter/2026-1/sak-01-26.md:2:10",
        "for example \"07/24\"",
    );
}

#[test]
fn a_case_number_used_twice_in_a_year() {
    let site = site();
    site.write(OTHER, "+++\nnumber = \"01/26\"\ntitle = \"Sak\"\n+++\n");
    let d = refuses(
        &site,
        DiagnosticKind::CaseNumberTwice,
        "content/moter/2026-1/sak-02-26.md:2",
        "keep the printed number on one case and correct the other",
    );
    assert!(
        d.message
            .contains("also by content/moter/2026-1/sak-01-26.md"),
        "{d}"
    );
}

#[test]
fn a_former_number_that_is_another_cases() {
    let site = site();
    site.write(
        OTHER,
        "+++\nnumber = \"02/26\"\nwas = \"01/26\"\ntitle = \"Sak\"\n+++\n",
    );
    refuses(
        &site,
        DiagnosticKind::WasIsAnotherCase,
        "content/moter/2026-1/sak-02-26.md:3",
        "`was` is the number this case had before the agenda was revised",
    );
}

#[test]
fn an_attachment_file_that_does_not_exist() {
    let site = with_fields("[[attachments]]\ntitle = \"Notat\"\nfile = \"notat.pdf\"\n");
    refuses(
        &site,
        DiagnosticKind::AttachmentFileMissing,
        "content/moter/2026-1/sak-01-26.md:9:8",
        "put the file in content/moter/2026-1",
    );
}

#[test]
fn a_text_rendition_without_a_letter_in_its_name() {
    let site = with_fields("[[attachments]]\ntitle = \"Notat\"\ntext = \"vedlegg/---.md\"\n");
    site.write("content/moter/2026-1/vedlegg/---.md", "Notatet.\n");
    refuses(
        &site,
        DiagnosticKind::RenditionNameWithoutLetters,
        "content/moter/2026-1/sak-01-26.md:9:8",
        "for example vedlegg/referat.md",
    );
}

#[test]
fn a_text_rendition_that_does_not_exist() {
    let site = with_fields("[[attachments]]\ntitle = \"Notat\"\ntext = \"vedlegg/notat.md\"\n");
    refuses(
        &site,
        DiagnosticKind::RenditionMissing,
        "content/moter/2026-1/sak-01-26.md:9:8",
        "relative to the meeting's folder",
    );
}

/// The attachment's title is not located (it is plain text in the raw
/// front matter), so the finding points at the front matter's start.
#[test]
fn an_attachment_with_neither_file_nor_text() {
    let site = with_fields("[[attachments]]\ntitle = \"Notat\"\n");
    let d = refuses(
        &site,
        DiagnosticKind::AttachmentWithoutFileOrText,
        "content/moter/2026-1/sak-01-26.md:2:1",
        "give the file, a Markdown text rendition, or both",
    );
    assert!(d.message.contains("\"Notat\""), "{d}");
}

#[test]
fn an_earlier_case_without_a_year() {
    let site = with_fields("[[earlier]]\ncase = \"16/23\"\n");
    refuses(
        &site,
        DiagnosticKind::EarlierIncomplete,
        "content/moter/2026-1/sak-01-26.md:8:8",
        "case = \"16/23\", year = 2023 for a case on this site",
    );
}

#[test]
fn an_earlier_case_that_is_not_on_the_site() {
    let site = with_fields("[[earlier]]\ncase = \"16/23\"\nyear = 2023\n");
    refuses(
        &site,
        DiagnosticKind::EarlierCaseMissing,
        "content/moter/2026-1/sak-01-26.md:2",
        "describe it with text = \"…\" and date instead",
    );
}

#[test]
fn a_theme_without_a_letter() {
    let site = site();
    site.replace(CASE, THEMES, "themes = [\"!!!\"]\n");
    refuses(
        &site,
        DiagnosticKind::ThemeWithoutLetters,
        "content/moter/2026-1/sak-01-26.md:6:11",
        "its page is /temaer/<name>/",
    );
}
