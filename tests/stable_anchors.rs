//! A link someone saved to an input item keeps naming that item when the
//! minutes are corrected (issue 17). The demo site's anchor record
//! (`data/ankre.toml`) holds what the demo published; each test makes one
//! correction to the demo's case 16/23 and builds it again.

mod common;

use common::{text_of, TestSite};
use medvirk::{DiagnosticKind, Error};

const CASE: &str = "content/moter/2023-4/sak-16-23.md";
const PAGE: &str = "moter/2023-4/sak-16-23/index.html";
const RECORD: &str = "data/ankre.toml";

/// The text of the item with `id`, up to its own links.
fn item_text(html: &str, id: &str) -> String {
    let start = html
        .find(&format!("id={id}>"))
        .or_else(|| html.find(&format!("id=\"{id}\">")))
        .unwrap_or_else(|| panic!("no item {id}"));
    let rest: String = html[start..].chars().take(1500).collect();
    text_of(&rest)
}

/// The markup of the item with `id` up to the end of its citation.
fn item_markup<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id={id}>"))
        .unwrap_or_else(|| panic!("no item {id}"));
    let rest = &html[start..];
    &rest[..rest.find("</details>").unwrap_or(rest.len())]
}

fn has_id(html: &str, id: &str) -> bool {
    html.contains(&format!("id={id}>")) || html.contains(&format!("id=\"{id}\">"))
}

/// How many top-level items the demo's case has.
const TOP_LEVEL: usize = 30;

fn demo() -> TestSite {
    let site = TestSite::demo();
    let report = site.build().expect("builds");
    assert_eq!(
        report.anchor_record, None,
        "the demo's record is up to date"
    );
    let html = site.read(PAGE);
    assert!(item_text(&html, "innspill-2").contains("Innspill 2 Tilgjengelighet er viktig"));
    assert!(has_id(&html, &format!("innspill-{TOP_LEVEL}")));
    assert!(!has_id(&html, &format!("innspill-{}", TOP_LEVEL + 1)));
    site
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
    // Its sub-items follow its anchor; the numbered ones keep their items.
    assert!(item_text(&html, "tilgjengelighet-1").contains("Særlig de sårbare"));
    assert!(item_text(&html, "innspill-1").contains("Innspill 2 Man er ikke opptatt"));
}

#[test]
fn an_item_inserted_before_gets_a_new_number_and_moves_no_anchor() {
    let site = demo();
    site.replace(
        CASE,
        "- Tilgjengelighet er viktig for pasientene\n",
        "- Et innspill som manglet i referatet\n- Tilgjengelighet er viktig for pasientene\n",
    );
    let report = site.build().expect("builds");
    let html = site.read(PAGE);
    let item = item_text(&html, "innspill-2");
    assert!(
        item.contains("Innspill 3 Tilgjengelighet er viktig"),
        "{item}"
    );
    assert!(item_text(&html, "innspill-2-1").contains("Innspill 3.1 Særlig de sårbare"));
    let new = item_text(&html, &format!("innspill-{}", TOP_LEVEL + 1));
    assert!(new.contains("Innspill 2 Et innspill som manglet"), "{new}");
    // The copy-link control and the citation name the stable anchor.
    let own = item_markup(&html, "innspill-2");
    assert!(own.contains("href=#innspill-2"), "{own}");
    assert!(own.contains("\"Kopier lenke til innspill 3\""), "{own}");
    assert!(
        own.contains(", innspill 3. Brukerrådet, møte 4/2023"),
        "{own}"
    );
    assert!(
        own.contains("/moter/2023-4/sak-16-23/#innspill-2</p>"),
        "{own}"
    );
    // The build recorded the new anchor and said so.
    let line = report.anchor_record.expect("the record was updated");
    assert!(line.contains("1 new anchor"), "{line}");
    let record = site.read_source(RECORD);
    assert!(record.contains(&format!(
        "{{ anchor = \"innspill-{}\", question = ",
        TOP_LEVEL + 1
    )));
    assert!(record.contains("text = \"Et innspill som manglet i referatet\""));
    // A second build finds the record up to date.
    assert_eq!(site.build().unwrap().anchor_record, None);
    assert!(medvirk::check(site.root()).unwrap().0.is_empty());
}

#[test]
fn an_item_removed_before_retires_its_anchor_for_good() {
    let site = demo();
    site.replace(
        CASE,
        "- Man er ikke opptatt av tittelen til personellet, men viktig at de har kompetansen til å gjøre oppgaven\n",
        "",
    );
    site.build().expect("builds");
    let html = site.read(PAGE);
    assert!(
        !has_id(&html, "innspill-1"),
        "a retired anchor names nothing"
    );
    assert!(item_text(&html, "innspill-2").contains("Innspill 1 Tilgjengelighet er viktig"));
    let record = site.read_source(RECORD);
    assert!(record.contains("{ anchor = \"innspill-1\", question = "));
    assert!(record.contains(", removed = true, text = \"Man er ikke opptatt"));

    // A new item later does not take the retired number.
    site.append(CASE, "- Et helt nytt innspill\n");
    site.build().expect("builds");
    let html = site.read(PAGE);
    assert!(!has_id(&html, "innspill-1"));
    assert!(
        item_text(&html, &format!("innspill-{}", TOP_LEVEL + 1)).contains("Et helt nytt innspill")
    );
}

#[test]
fn a_typo_fixed_in_an_item_keeps_its_anchor() {
    let site = demo();
    site.replace(
        CASE,
        "- Sårbare grupper trenger koordinering\n",
        "- Sårbare grupper trenger bedre koordinering\n",
    );
    let report = site.build().expect("builds");
    let html = site.read(PAGE);
    assert!(item_text(&html, "innspill-3")
        .contains("Innspill 3 Sårbare grupper trenger bedre koordinering"));
    assert!(item_text(&html, "innspill-3-1").contains("Lever med kompleks situasjon"));
    // The record keeps the corrected text for the next correction.
    assert!(report.anchor_record.is_some());
    assert!(site
        .read_source(RECORD)
        .contains("text = \"Sårbare grupper trenger bedre koordinering\""));
}

#[test]
fn two_items_swapped_keep_their_anchors() {
    let site = demo();
    site.replace(
        CASE,
        "- Man er ikke opptatt av tittelen til personellet, men viktig at de har kompetansen til å gjøre oppgaven\n- Tilgjengelighet er viktig for pasientene\n  - Særlig de sårbare som har behov for tjenester over tid\n  - Må hjelpe meg med det jeg trenger der og da – det må sikres\n",
        "- Tilgjengelighet er viktig for pasientene\n  - Særlig de sårbare som har behov for tjenester over tid\n  - Må hjelpe meg med det jeg trenger der og da – det må sikres\n- Man er ikke opptatt av tittelen til personellet, men viktig at de har kompetansen til å gjøre oppgaven\n",
    );
    site.build().expect("builds");
    let html = site.read(PAGE);
    assert!(item_text(&html, "innspill-2").contains("Innspill 1 Tilgjengelighet"));
    assert!(item_text(&html, "innspill-2-2").contains("Innspill 1.2 Må hjelpe meg"));
    assert!(item_text(&html, "innspill-1").contains("Innspill 2 Man er ikke opptatt"));
}

#[test]
fn a_sub_item_added_takes_the_next_number_under_its_item() {
    let site = demo();
    site.replace(
        CASE,
        "  - Særlig de sårbare som har behov for tjenester over tid\n",
        "  - Et underpunkt som manglet\n  - Særlig de sårbare som har behov for tjenester over tid\n",
    );
    site.build().expect("builds");
    let html = site.read(PAGE);
    assert!(item_text(&html, "innspill-2-3").contains("Innspill 2.1 Et underpunkt som manglet"));
    assert!(item_text(&html, "innspill-2-1").contains("Innspill 2.2 Særlig de sårbare"));
    assert!(item_text(&html, "innspill-2-2").contains("Innspill 2.3 Må hjelpe meg"));
}

#[test]
fn a_missing_record_is_written_by_the_first_build_in_the_order_of_the_minutes() {
    let site = TestSite::demo();
    let committed = site.read_source(RECORD);
    std::fs::remove_file(site.root().join(RECORD)).unwrap();
    // `check` writes nothing and does not ask for a record a site never had.
    let warnings = medvirk::check(site.root()).expect("valid");
    assert!(warnings.0.is_empty(), "{warnings}");
    assert!(!site.root().join(RECORD).exists());
    let report = site.build().expect("builds");
    let line = report
        .anchor_record
        .expect("the first build writes the record");
    assert!(line.starts_with("Updated data/ankre.toml ("), "{line}");
    assert_eq!(site.read_source(RECORD), committed);
}

#[test]
fn a_record_naming_a_case_the_site_no_longer_has_is_kept_with_a_warning() {
    let site = demo();
    let gone = "\n[[case]]\nfile = \"content/moter/2023-4/sak-99-23.md\"\nitems = [\n  { anchor = \"innspill-1\", text = \"Et innspill\" },\n]\n";
    site.append(RECORD, gone);
    let warnings = medvirk::check(site.root()).expect("a warning, not an error");
    let found: Vec<_> = warnings
        .0
        .iter()
        .filter(|d| d.kind == DiagnosticKind::AnchorRecordUnknownCase)
        .collect();
    assert_eq!(found.len(), 1, "{warnings}");
    let report = site.build().expect("builds");
    assert!(report
        .warnings
        .0
        .iter()
        .any(|d| d.kind == DiagnosticKind::AnchorRecordUnknownCase));
    // Nothing is lost: the entry stays, in case the file was moved by mistake.
    assert!(site
        .read_source(RECORD)
        .contains("file = \"content/moter/2023-4/sak-99-23.md\""));
    assert!(site.read_source(RECORD).contains("text = \"Et innspill\""));
}

#[test]
fn a_malformed_record_is_an_error_at_its_file_and_line() {
    let site = TestSite::demo();
    let text = site.read_source(RECORD);
    let line = text
        .lines()
        .position(|l| l.starts_with("  { anchor"))
        .unwrap()
        + 1;
    let broken = text.replacen("  { anchor", "  { anker", 1);
    site.write(RECORD, &broken);
    let Err(Error::Invalid(found)) = site.build() else {
        panic!("a malformed record stops the build")
    };
    let d = &found.0[0];
    assert_eq!(
        (d.path.to_string_lossy().as_ref(), d.line),
        (RECORD, Some(line)),
        "{d}"
    );
    assert!(!site.public().exists());
    // The build did not overwrite what it could not read.
    assert_eq!(site.read_source(RECORD), broken);
}
