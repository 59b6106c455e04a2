//! Markdown texts: accessibility, nesting, links, and the options of input
//! items.
//!
//! The page `tilgjengelighet.md` is four lines; text added after a blank
//! line starts on line 6. The case's last input item is on line 21; an item
//! added right after it is line 22.

use super::common::TestSite;
use super::{refuses, warns, CASE};
use medvirk::DiagnosticKind;

const PAGE: &str = "content/tilgjengelighet.md";

/// The minimal site with `text` after a blank line at the end of the page.
fn page_with(text: &str) -> TestSite {
    let site = TestSite::minimal();
    assert_eq!(
        site.read_source(PAGE).lines().count(),
        4,
        "the fixture's page changed"
    );
    site.append(PAGE, &format!("\n{text}\n"));
    site
}

/// The minimal site with one more input item after the case's last.
fn item(text: &str) -> TestSite {
    let site = TestSite::minimal();
    assert_eq!(
        site.read_source(CASE).lines().count(),
        21,
        "the fixture's case changed"
    );
    site.append(CASE, &format!("{text}\n"));
    site
}

#[test]
fn a_heading_that_skips_a_level() {
    let site = page_with("#### Detaljer");
    warns(
        &site,
        DiagnosticKind::HeadingSkipsLevel,
        "content/tilgjengelighet.md:6:1",
        "use ## for the next level down",
    );
}

#[test]
fn an_image_without_alt_text() {
    let site = page_with("Se ![](kart.png).");
    site.write("content/kart.png", "png");
    refuses(
        &site,
        DiagnosticKind::ImageWithoutAlt,
        "content/tilgjengelighet.md:6:4",
        "describe the image between the brackets",
    );
}

#[test]
fn html_nested_too_deep() {
    let site = page_with(&format!("{}x", "<div>".repeat(1001)));
    refuses(
        &site,
        DiagnosticKind::HtmlTooDeep,
        "content/tilgjengelighet.md:6:4996",
        "nest less",
    );
}

#[test]
fn a_list_nested_too_deep() {
    let list: String = (0..101)
        .map(|level| format!("{}- punkt\n", "  ".repeat(level)))
        .collect();
    let site = page_with(&list);
    refuses(
        &site,
        DiagnosticKind::ListTooDeep,
        "content/tilgjengelighet.md:106:201",
        "flatten the list",
    );
}

#[test]
fn quotes_nested_too_deep() {
    let site = page_with(&format!("{}sitat", ">".repeat(1001)));
    refuses(
        &site,
        DiagnosticKind::MarkdownTooDeep,
        "content/tilgjengelighet.md:6:1001",
        "nest less",
    );
}

#[test]
fn a_link_that_runs_code() {
    let site = page_with("Se [her](javascript:alert(1)).");
    refuses(
        &site,
        DiagnosticKind::UnsafeLink,
        "content/tilgjengelighet.md:6:4",
        "link to an http(s), mailto or tel address",
    );
}

#[test]
fn an_anchor_used_twice() {
    let site = item("- Et til innspill {#innspill-1}");
    refuses(
        &site,
        DiagnosticKind::AnchorTwice,
        "content/moter/2026-1/sak-01-26.md:22:1",
        "give each item its own anchor with {#…}",
    );
}

#[test]
fn an_anchor_that_is_not_one() {
    let site = item("- Et til innspill {#ikke!gyldig}");
    refuses(
        &site,
        DiagnosticKind::InvalidAnchor,
        "content/moter/2026-1/sak-01-26.md:22:1",
        "for example {#tidlig-innsats}",
    );
}

#[test]
fn an_item_theme_without_a_letter() {
    let site = item("- Et til innspill {tema=!!!}");
    refuses(
        &site,
        DiagnosticKind::ItemThemeWithoutLetters,
        "content/moter/2026-1/sak-01-26.md:22:1",
        "its page is /temaer/<name>/",
    );
}

#[test]
fn an_unknown_item_option() {
    let site = item("- Et til innspill {fraa=pasientforeningen}");
    refuses(
        &site,
        DiagnosticKind::UnknownItemOption,
        "content/moter/2026-1/sak-01-26.md:22:1",
        "options are #anker, fra=id,id",
    );
}

#[test]
fn an_unknown_organisation_in_an_item() {
    let site = item("- Et til innspill {fra=ukjent}");
    refuses(
        &site,
        DiagnosticKind::UnknownItemOrganisation,
        "content/moter/2026-1/sak-01-26.md:22:24",
        "a person id from data/people.toml",
    );
}

#[test]
fn a_misspelt_organisation_in_an_item_gets_the_id_it_misspells() {
    let site = item("- Et til innspill {fra=pasientforeninga}");
    refuses(
        &site,
        DiagnosticKind::UnknownItemOrganisation,
        "content/moter/2026-1/sak-01-26.md:22:24",
        "did you mean \"pasientforeningen\"? ",
    );
}
