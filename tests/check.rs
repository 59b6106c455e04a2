//! `medvirk check`: links and anchors resolved against the rendered site,
//! headings and images checked in Markdown, each finding reported like a
//! compiler (file:line:col, the line, a caret, a hint).

mod common;

use common::TestSite;

const CASE: &str = "content/moter/2026-1/sak-01-26.md";

fn check(site: &TestSite) -> Result<String, String> {
    match medvirk::check(site.root()) {
        Ok(warnings) => Ok(warnings.to_string()),
        Err(medvirk::Error::Invalid(d)) => Err(d.to_string()),
        Err(other) => Err(other.to_string()),
    }
}

#[test]
fn links_to_input_items_and_pages_that_exist_pass() {
    let site = TestSite::minimal();
    site.replace(
        CASE,
        "Hva saken gjelder.",
        "Hva saken gjelder. Se [innspill 1](#innspill-1), [møtet](/moter/2026-1/) og [temaet](/temaer/eksempel/).",
    );
    check(&site).expect("every link resolves");
}

#[test]
fn a_link_to_a_missing_input_item_is_located_with_its_line() {
    let site = TestSite::minimal();
    site.replace(
        CASE,
        "Hva saken gjelder.",
        "Hva saken gjelder. Se [innspill 9](/moter/2026-1/sak-01-26/#innspill-9).",
    );
    let report = check(&site).unwrap_err();
    assert!(
        common::reports(&report, "sak-01-26.md:10:36: error: the link \"/moter/2026-1/sak-01-26/#innspill-9\" does not resolve: \"/moter/2026-1/sak-01-26/\" has no element with id \"innspill-9\""),
        "{report}"
    );
    assert!(
        report.contains(
            "10 | Hva saken gjelder. Se [innspill 9](/moter/2026-1/sak-01-26/#innspill-9)."
        ),
        "{report}"
    );
    assert!(
        report.contains(&format!("   | {}^^^^", " ".repeat(35))),
        "a caret under the link:\n{report}"
    );
    assert!(
        report.contains("help: link to a page that exists"),
        "{report}"
    );
}

#[test]
fn a_link_to_a_missing_page_is_an_error_and_the_cli_exits_1() {
    let site = TestSite::minimal();
    site.replace(CASE, "Hva saken gjelder.", "Se [møte 3](/moter/2026-3/).");
    let report = check(&site).unwrap_err();
    assert!(
        report.contains("there is no page \"/moter/2026-3/\""),
        "{report}"
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_medvirk"))
        .args(["check", "--root"])
        .arg(site.root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!site.public().exists(), "check writes nothing");
}

#[test]
fn a_heading_that_skips_a_level_is_a_warning() {
    let site = TestSite::minimal();
    site.replace(CASE, "## Bakgrunn\n", "## Bakgrunn\n\n#### Detaljer\n");
    let report = check(&site).expect("warnings do not fail the check");
    assert!(
        common::reports(
            &report,
            "sak-01-26.md:10:1: warning: a level-4 heading follows level 2"
        ),
        "{report}"
    );
    assert!(
        report.contains("help: use ### for the next level down"),
        "{report}"
    );
}

#[test]
fn an_image_without_alt_text_is_an_error() {
    let site = TestSite::minimal();
    site.write("content/moter/2026-1/bilde.png", "not really a png");
    site.replace(
        CASE,
        "Hva saken gjelder.",
        "Hva saken gjelder.\n\n![](bilde.png)",
    );
    let report = check(&site).unwrap_err();
    assert!(
        common::reports(
            &report,
            "sak-01-26.md:12:1: error: the image has no alt text"
        ),
        "{report}"
    );
}

/// The council's description (Markdown in `data/council.toml`, shown on the
/// home page) goes through the checks a page's text does, placed in the
/// TOML string.
#[test]
fn the_council_description_is_checked_like_any_text() {
    let site = TestSite::minimal();
    site.replace(
        "data/council.toml",
        "description = \"Brukerrådet gir råd til etaten.\"",
        "description = \"\"\"\nBrukerrådet gir råd til etaten.\n\n#### Mandat\n\n![](/bilde.png)\n\"\"\"",
    );
    site.write("static/bilde.png", "not really a png");
    let report = check(&site).unwrap_err();
    assert!(
        common::reports(
            &report,
            "data/council.toml:7:1: warning: a level-4 heading follows level 1"
        ),
        "{report}"
    );
    assert!(
        common::reports(
            &report,
            "data/council.toml:9:1: error: the image has no alt text"
        ),
        "{report}"
    );
    assert!(
        site.build_err().contains("the image has no alt text"),
        "build refuses it too"
    );
}

/// Where a TOML string has escapes its bytes are not the text's: findings
/// point at the string.
#[test]
fn findings_in_an_escaped_description_point_at_the_string() {
    let site = TestSite::minimal();
    site.replace(
        "data/council.toml",
        "description = \"Brukerrådet gir råd til etaten.\"",
        "description = \"Brukerr\\u00e5det gir r\\u00e5d.\\n\\n![](/bilde.png)\"",
    );
    site.write("static/bilde.png", "not really a png");
    let report = check(&site).unwrap_err();
    assert!(
        common::reports(
            &report,
            "data/council.toml:4:16: error: the image has no alt text"
        ),
        "{report}"
    );
}
