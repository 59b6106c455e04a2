//! Reading the site's files: encodings, front matter, TOML, the folders and
//! what is not a plain file.

use std::fs;
use std::os::unix::fs::symlink;

use super::common::TestSite;
use super::{finds, refuses, warns};
use medvirk::DiagnosticKind;

const PAGE: &str = "content/tilgjengelighet.md";

fn write_bytes(site: &TestSite, rel: &str, bytes: &[u8]) {
    fs::write(site.root().join(rel), bytes).unwrap();
}

#[test]
fn a_utf16_file() {
    let site = TestSite::minimal();
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "+++\ntitle = \"Side\"\n+++\nTekst\n".encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    write_bytes(&site, PAGE, &bytes);
    let d = refuses(
        &site,
        DiagnosticKind::Utf16,
        "content/tilgjengelighet.md:1",
        "UTF-8 encoding",
    );
    assert!(
        d.message.contains("little-endian, with a byte-order mark"),
        "{d}"
    );
}

#[test]
fn a_latin1_file() {
    let site = TestSite::minimal();
    write_bytes(&site, PAGE, b"+++\ntitle = \"Side\"\n+++\nBl\xe5b\xe6r\n");
    refuses(
        &site,
        DiagnosticKind::NotUtf8,
        "content/tilgjengelighet.md:4",
        "Latin-1",
    );
}

#[test]
fn a_control_character() {
    let site = TestSite::minimal();
    site.write(PAGE, "+++\ntitle = \"Side\"\n+++\nab\u{1b}c\n");
    let d = refuses(
        &site,
        DiagnosticKind::ControlCharacter,
        "content/tilgjengelighet.md:4:3",
        "none but tabs and line ends",
    );
    assert!(d.message.contains("U+001B"), "{d}");
}

#[test]
fn a_page_without_front_matter() {
    let site = TestSite::minimal();
    site.write(PAGE, "Bare tekst.\n");
    refuses(
        &site,
        DiagnosticKind::NoFrontMatter,
        "content/tilgjengelighet.md:1:1",
        "begin the file with a line `+++`",
    );
}

#[test]
fn front_matter_that_is_never_closed() {
    let site = TestSite::minimal();
    site.write(PAGE, "+++\ntitle = \"Side\"\nTekst\n");
    refuses(
        &site,
        DiagnosticKind::FrontMatterNotClosed,
        "content/tilgjengelighet.md:3",
        "add a line `+++` after the last TOML field",
    );
}

#[test]
fn a_misspelt_field() {
    let site = TestSite::minimal();
    site.write(
        PAGE,
        "+++\ntitle = \"Side\"\ntitel = \"Side\"\n+++\nTekst\n",
    );
    refuses(
        &site,
        DiagnosticKind::InvalidToml,
        "content/tilgjengelighet.md:3:1",
        "did you mean `title`? `titel` is not a field here",
    );
}

#[test]
fn a_date_written_day_first() {
    let site = TestSite::minimal();
    site.replace(
        "content/moter/2026-1/_index.md",
        "date = 2026-03-04",
        "date = 4.3.2026",
    );
    let d = refuses(
        &site,
        DiagnosticKind::DayFirstDate,
        "content/moter/2026-1/_index.md:3:8",
        "dates are year-month-day without quotes: `date = 2026-03-04`",
    );
    assert!(d.message.ends_with("write dates as 2026-03-04"), "{d}");
}

#[test]
fn a_toml_syntax_error() {
    let site = TestSite::minimal();
    site.write("data/people.toml", "[[person]]\nid = kari-nordmann\n");
    refuses(
        &site,
        DiagnosticKind::InvalidToml,
        "data/people.toml:2:6",
        "text values need \"quotes\"",
    );
}

#[test]
fn config_toml_is_a_folder() {
    let site = TestSite::minimal();
    fs::remove_file(site.root().join("config.toml")).unwrap();
    fs::create_dir(site.root().join("config.toml")).unwrap();
    let d = refuses(
        &site,
        DiagnosticKind::ConfigNotAFile,
        "config.toml",
        "the site's settings, a TOML file",
    );
    assert!(d.message.contains("a folder"), "{d}");
}

#[test]
fn no_config_toml() {
    let site = TestSite::minimal();
    fs::remove_file(site.root().join("config.toml")).unwrap();
    refuses(
        &site,
        DiagnosticKind::NoConfig,
        "config.toml",
        "medvirk init",
    );
}

#[test]
fn an_unknown_section_kind() {
    let site = TestSite::minimal();
    site.replace(
        "content/moter/_index.md",
        "kind = \"meetings\"",
        "kind = \"møter\"",
    );
    refuses(
        &site,
        DiagnosticKind::UnknownSectionKind,
        "content/moter/_index.md",
        "use kind = \"meetings\", \"papers\" or \"pages\"",
    );
}

#[test]
fn the_home_page_as_the_meetings_section() {
    let site = TestSite::minimal();
    site.replace("content/_index.md", "+++\n", "+++\nkind = \"meetings\"\n");
    refuses(
        &site,
        DiagnosticKind::HomeIsMeetings,
        "content/_index.md",
        "such as content/moter/",
    );
}

#[test]
fn a_file_name_with_a_direction_changing_character() {
    let site = TestSite::minimal();
    site.write("content/side\u{202e}dm.md", "+++\ntitle = \"Side\"\n+++\n");
    let d = refuses(
        &site,
        DiagnosticKind::HiddenCharacterInPath,
        "content/side\u{202e}dm.md",
        "visible characters only",
    );
    assert!(d.message.contains("U+202E"), "{d}");
}

#[test]
fn a_registry_that_is_a_folder() {
    let site = TestSite::minimal();
    fs::remove_file(site.root().join("data/people.toml")).unwrap();
    fs::create_dir(site.root().join("data/people.toml")).unwrap();
    refuses(
        &site,
        DiagnosticKind::RegistryNotAFile,
        "data/people.toml",
        "a registry is a TOML file",
    );
}

#[test]
fn a_socket_among_the_content() {
    let site = TestSite::minimal();
    let _socket =
        std::os::unix::net::UnixListener::bind(site.root().join("content/sokkel")).unwrap();
    let d = warns(
        &site,
        DiagnosticKind::SpecialFileLeftOut,
        "content/sokkel",
        "a site's sources are files and folders",
    );
    assert!(d.message.contains("is a socket"), "{d}");
}

#[test]
fn a_link_to_a_file_outside_the_site() {
    let site = TestSite::minimal();
    let outside = tempfile::NamedTempFile::new().unwrap();
    symlink(outside.path(), site.root().join("content/hemmelig.md")).unwrap();
    warns(
        &site,
        DiagnosticKind::LinkOutsideLeftOut,
        "content/hemmelig.md",
        "copy the file into the site instead of linking to it",
    );
}

#[test]
fn a_link_to_a_file_inside_the_site() {
    let site = TestSite::minimal();
    symlink("tilgjengelighet.md", site.root().join("content/kopi.md")).unwrap();
    warns(
        &site,
        DiagnosticKind::LinkInsideLeftOut,
        "content/kopi.md",
        "copy the file into the site instead of linking to it",
    );
}

/// `finds` itself fails on a finding of another kind, place or hint: the
/// tests above cannot pass by accident.
#[test]
#[should_panic(expected = "the place of NoConfig")]
fn a_finding_at_another_place_fails_its_test() {
    let site = TestSite::minimal();
    fs::remove_file(site.root().join("config.toml")).unwrap();
    finds(
        &site,
        DiagnosticKind::NoConfig,
        "config.toml:1",
        "medvirk init",
    );
}
