//! Reading a case and one of its items (issue 17): the summary's jump to the
//! input, visible item numbers, a copy-link control with a fallback link, a
//! citation, and the context a deep link lands in.

mod common;

use common::{attr_values, text_of, TestSite};

fn demo() -> &'static TestSite {
    TestSite::built_demo()
}

fn case_16_23() -> String {
    demo().read("moter/2023-4/sak-16-23/index.html")
}

#[test]
fn the_summary_jumps_to_the_input_section_not_to_item_1() {
    let html = case_16_23();
    let text = text_of(&html);
    assert!(text.contains("Gå til innspillene"), "{text}");
    let hrefs = attr_values(&html, "href");
    assert!(
        hrefs.iter().any(|h| h == "#innspill-fra-brukerradet"),
        "{hrefs:?}"
    );
    assert!(attr_values(&html, "id").contains(&"innspill-fra-brukerradet".to_string()));
    // The summary comes before the first section of the body.
    let jump = text.find("Gå til innspillene").expect("jump");
    let background = text.find("Bakgrunn for saken").expect("background");
    assert!(jump < background);
}

#[test]
fn every_item_shows_its_number() {
    let html = case_16_23();
    let items = attr_values(&html, "id")
        .into_iter()
        .filter(|id| {
            id.starts_with("innspill-") && id[9..].starts_with(|c: char| c.is_ascii_digit())
        })
        .count();
    assert!(items > 10);
    assert_eq!(html.matches("innspill-nr").count(), items);
    let text = text_of(&html);
    assert!(text.contains("Innspill 2.1 Særlig de sårbare"), "{text}");
}

#[test]
fn every_item_has_a_copy_label_and_a_fallback_link() {
    let html = case_16_23();
    let labels = attr_values(&html, "data-kopier");
    assert!(
        labels.iter().any(|l| l == "Kopier lenke til innspill 2.1"),
        "{labels:?}"
    );
    assert!(text_of(&html).contains("Lenke til innspill 2.1"));
    let scripts = attr_values(&html, "src");
    assert!(
        scripts
            .iter()
            .any(|s| s.starts_with("/innspill.") && s.ends_with(".js")),
        "{scripts:?}"
    );
    // Only case pages load it.
    let home = attr_values(&demo().read("index.html"), "src");
    assert!(
        !home.iter().any(|s| s.starts_with("/innspill.")),
        "{home:?}"
    );
}

#[test]
fn an_item_can_be_cited() {
    let text = text_of(&case_16_23());
    assert!(text.contains("Sitér innspill 2.1"), "{text}");
    assert!(
        text.contains(
            "Sak 16/23 Oppfølging av Ekspertutvalgets rapport for gjennomgang av \
             allmennlegetjenesten, innspill 2.1. Brukerrådet, møte 4/2023, 29. november 2023. \
             https://brukerrad.example.no/moter/2023-4/sak-16-23/#innspill-2-1"
        ),
        "{text}"
    );
}

#[test]
fn a_deep_linked_item_carries_its_case_question_and_parent() {
    let html = case_16_23();
    let start = html
        .find("id=innspill-2-1")
        .or_else(|| html.find("id=\"innspill-2-1\""))
        .expect("item");
    let item: String = html[start..].chars().take(2000).collect();
    let item = text_of(&item);
    assert!(
        item.contains("Sak 16/23 Oppfølging av Ekspertutvalgets rapport"),
        "{item}"
    );
    assert!(
        item.contains("Spørsmål: Hvilke helsepersonellgrupper"),
        "{item}"
    );
    assert!(
        item.contains("Underpunkt til innspill 2 : Tilgjengelighet er viktig"),
        "{item}"
    );
}
