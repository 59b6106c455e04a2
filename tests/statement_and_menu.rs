//! The accessibility statement's ways to report a problem, the menu's names,
//! the breadcrumb separator and the meeting page's landmarks (issue 17).

mod common;

use common::{attr_values, text_of, TestSite};

fn demo() -> &'static TestSite {
    TestSite::built_demo()
}

#[test]
fn the_statement_gives_an_address_and_the_supervisory_authority() {
    let html = demo().read("tilgjengelighet/index.html");
    let hrefs = attr_values(&html, "href");
    assert!(
        hrefs.iter().any(|h| h == "mailto:brukerradet@example.no"),
        "{hrefs:?}"
    );
    assert!(
        hrefs.iter().any(|h| h == "https://www.uutilsynet.no/"),
        "{hrefs:?}"
    );
    assert!(text_of(&html).contains("Tilsynet for universell utforming av IKT"));
    // The heading keeps the anchor it had when it was written in Markdown.
    assert!(attr_values(&html, "id").contains(&"meld-fra-om-feil".to_string()));
    // The demo has no uustatus.no statement, so no link to one.
    assert!(
        !hrefs.iter().any(|h| h.contains("uustatus.no")),
        "{hrefs:?}"
    );
}

#[test]
fn a_configured_uustatus_statement_is_linked() {
    let site = TestSite::demo();
    site.replace(
        "config.toml",
        "# accessibility_uustatus = \"https://uustatus.no/nb/erklaringer/publisert/…\"",
        "accessibility_uustatus = \"https://uustatus.no/nb/erklaringer/publisert/abc\"",
    );
    site.build().expect("builds");
    let hrefs = attr_values(&site.read("tilgjengelighet/index.html"), "href");
    assert!(
        hrefs
            .iter()
            .any(|h| h == "https://uustatus.no/nb/erklaringer/publisert/abc"),
        "{hrefs:?}"
    );
}

#[test]
fn the_menu_names_the_position_papers_for_what_they_are() {
    let html = demo().read("index.html");
    let start = html.find("Hovedmeny").expect("menu");
    let end = start + html[start..].find("</nav>").expect("menu end");
    let menu = text_of(&html[start..end]);
    assert!(menu.contains("Uttalelser"), "{menu}");
    assert!(!menu.contains("Innspill"), "{menu}");
}

#[test]
fn the_meeting_page_names_few_regions() {
    let html = demo().read("moter/2024-2/index.html");
    let named_sections = html.matches("<section aria-labelledby").count();
    assert_eq!(
        named_sections, 0,
        "sections without a name are no landmarks"
    );
    let regions = html.matches("role=region").count() + html.matches("role=\"region\"").count();
    assert!(regions <= 1, "{regions}");
}

#[test]
fn the_breadcrumb_separator_is_not_read() {
    let css = medvirk::render::THEME_CSS;
    assert!(css.contains(".smuler li + li::before { content: \"›\"; content: \"›\" / \"\";"));
}
