//! A case's front matter: its number, kind, status, attachments and earlier
//! treatments.
//!
//! The minimal site's case has its number on line 2, its kind on line 3 and
//! its themes on line 6; front matter ends on line 7.

use std::fs;

use super::common::TestSite;
use super::{refuses, warns, CASE};
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
    // The caret is on the number written: `case = ` is seven characters.
    let d = refuses(
        &site,
        DiagnosticKind::EarlierCaseMissing,
        "content/moter/2026-1/sak-01-26.md:8:8",
        "describe it with text = \"…\" and date instead",
    );
    assert_eq!(d.source_line.unwrap().width, "\"16/23\"".len());
    assert!(
        !d.hint.unwrap().contains("did you mean"),
        "nothing is close"
    );
}

#[test]
fn an_earlier_case_number_misspelt_gets_the_closest_of_its_year() {
    let site = with_fields("[[earlier]]\ncase = \"01/62\"\nyear = 2026\n");
    refuses(
        &site,
        DiagnosticKind::EarlierCaseMissing,
        "content/moter/2026-1/sak-01-26.md:8:8",
        "did you mean case \"01/26\" of 2026? describe it",
    );
}

#[test]
fn an_earlier_case_of_another_year_gets_its_year() {
    let site = with_fields("[[earlier]]\ncase = \"01/26\"\nyear = 2025\n");
    refuses(
        &site,
        DiagnosticKind::EarlierCaseMissing,
        "content/moter/2026-1/sak-01-26.md:8:8",
        "did you mean `year = 2026`? case 01/26 is of 2026",
    );
}

#[test]
fn a_theme_written_once_and_spelt_nearly_as_another() {
    let site = site();
    site.replace(CASE, THEMES, "themes = [\"pårørende\"]\n");
    site.replace(CASE, "- Et innspill\n", "- Et innspill {tema=pårørende}\n");
    site.append(
        CASE,
        "- Et innspill om pårørende {tema=pårørnde,eksempel}\n",
    );
    // The item added is line 22; the name follows `tema=` at column 34.
    let d = warns(
        &site,
        DiagnosticKind::ThemeLooksMisspelt,
        "content/moter/2026-1/sak-01-26.md:22:34",
        "did you mean \"pårørende\"?",
    );
    assert_eq!(d.source_line.unwrap().width, "pårørnde".chars().count());
    // A theme used as often as the other is no misspelling of it.
    let site = site_with_two_themes();
    let found = super::findings(&site);
    assert!(
        found
            .iter()
            .all(|d| d.kind != DiagnosticKind::ThemeLooksMisspelt),
        "{found:?}"
    );
}

/// The case tagged with two themes a letter apart, each once.
fn site_with_two_themes() -> TestSite {
    let site = site();
    site.replace(CASE, THEMES, "themes = [\"helse\", \"helsa\"]\n");
    site
}

#[test]
fn a_theme_of_a_case_written_once_is_placed_in_themes() {
    let site = site();
    site.replace(CASE, THEMES, "themes = [\"eksempel\", \"eksempl\"]\n");
    site.replace(CASE, "- Et innspill\n", "- Et innspill {tema=eksempel}\n");
    warns(
        &site,
        DiagnosticKind::ThemeLooksMisspelt,
        "content/moter/2026-1/sak-01-26.md:6:23",
        "did you mean \"eksempel\"?",
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
