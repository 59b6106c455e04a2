//! An item that may be linked from outside keeps its anchor when the minutes
//! are corrected and an item is added before it (issue 17): the author gives
//! it a fixed anchor with `{#anker}`.

mod common;

use common::{text_of, TestSite};

const CASE: &str = "content/moter/2023-4/sak-16-23.md";
const PAGE: &str = "moter/2023-4/sak-16-23/index.html";

/// The text of the item with `id`, up to its own links.
fn item_text(html: &str, id: &str) -> String {
    let start = html
        .find(&format!("id={id}>"))
        .or_else(|| html.find(&format!("id=\"{id}\">")))
        .unwrap_or_else(|| panic!("no item {id}"));
    let rest: String = html[start..].chars().take(600).collect();
    text_of(&rest)
}

#[test]
fn a_fixed_anchor_stays_on_its_item_when_an_item_is_added_before_it() {
    let site = TestSite::demo();
    site.replace(
        CASE,
        "- Tilgjengelighet er viktig for pasientene\n",
        "- Tilgjengelighet er viktig for pasientene {#tilgjengelighet}\n",
    );
    site.build().expect("builds");
    let before = item_text(&site.read(PAGE), "tilgjengelighet");
    assert!(
        before.contains("Innspill 2 Tilgjengelighet er viktig"),
        "{before}"
    );

    site.replace(
        CASE,
        "- Man er ikke opptatt av tittelen",
        "- Et innspill som manglet i referatet\n- Man er ikke opptatt av tittelen",
    );
    site.build().expect("builds");
    let html = site.read(PAGE);
    let after = item_text(&html, "tilgjengelighet");
    assert!(
        after.contains("Innspill 3 Tilgjengelighet er viktig"),
        "{after}"
    );
    // The numbered anchor moved to the item now in that place.
    assert!(item_text(&html, "innspill-2").contains("Man er ikke opptatt"));
}
