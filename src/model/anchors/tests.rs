use std::path::PathBuf;
use std::sync::Arc;

use super::record::{entries, fits};
use super::*;
use crate::load::SourceFile;

const FILE: &str = "content/moter/2024-2/sak-07-24.md";

/// The case's items after [`stabilise`] against `record`: (anchor, label,
/// text), and the findings.
fn anchored(text: &str, record: &AnchorRecord) -> (Body, Vec<(String, String, String)>, Checker) {
    let file = SourceFile::markdown(PathBuf::from(FILE), format!("+++\n+++\n{text}")).unwrap();
    let mut check = Checker {
        anchors: Arc::new(record.clone()),
        ..Checker::default()
    };
    let (body, problems) = Body::parse(file.body_text());
    assert!(problems.is_empty(), "{problems:?}");
    let body = stabilise(body, &file, &mut check);
    let items = body
        .items()
        .iter()
        .map(|i| (i.anchor.clone(), i.label.clone(), i.text.clone()))
        .collect();
    (body, items, check)
}

/// The record a build of `text` after `record` writes.
fn recorded(text: &str, record: &AnchorRecord) -> AnchorRecord {
    let (body, _, _) = anchored(text, record);
    let before = record.cases.get(FILE).map_or(&[][..], Vec::as_slice);
    let mut next = record.clone();
    next.cases.insert(FILE.into(), entries(&body, before).0);
    next
}

fn anchor_of(items: &[(String, String, String)], text: &str) -> String {
    items
        .iter()
        .find(|(_, _, t)| t == text)
        .map(|(a, _, _)| a.clone())
        .unwrap_or_else(|| panic!("no item {text:?} in {items:?}"))
}

const FIRST: &str = "\
## Innspill fra Brukerrådet

- Pårørende må tas med fra starten
- Tilgjengelighet er viktig for pasientene
  - Også for dem uten BankID
- Digitale løsninger må være enkle
";

#[test]
fn without_a_record_anchors_follow_the_order() {
    let (_, items, _) = anchored(FIRST, &AnchorRecord::default());
    let anchors: Vec<&str> = items.iter().map(|(a, _, _)| a.as_str()).collect();
    assert_eq!(
        anchors,
        ["innspill-1", "innspill-2", "innspill-2-1", "innspill-3"]
    );
}

#[test]
fn an_item_inserted_before_takes_the_next_number_and_moves_nothing() {
    let record = recorded(FIRST, &AnchorRecord::default());
    let text = FIRST.replace(
        "- Tilgjengelighet",
        "- Et innspill som manglet\n- Tilgjengelighet",
    );
    let (_, items, check) = anchored(&text, &record);
    assert!(check.diagnostics.0.is_empty());
    assert_eq!(
        anchor_of(&items, "Tilgjengelighet er viktig for pasientene"),
        "innspill-2"
    );
    assert_eq!(
        anchor_of(&items, "Også for dem uten BankID"),
        "innspill-2-1"
    );
    assert_eq!(anchor_of(&items, "Et innspill som manglet"), "innspill-4");
    // The visible numbers still follow the order.
    let labels: Vec<&str> = items.iter().map(|(_, l, _)| l.as_str()).collect();
    assert_eq!(labels, ["1", "2", "3", "3.1", "4"]);
}

#[test]
fn a_removed_item_is_retired_and_its_number_never_given_again() {
    let record = recorded(FIRST, &AnchorRecord::default());
    let text = FIRST.replace("- Pårørende må tas med fra starten\n", "");
    let record = recorded(&text, &record);
    let retired = &record.cases[FILE];
    assert!(retired
        .iter()
        .any(|r| r.anchor == "innspill-1" && r.removed));
    let (_, items, _) = anchored(&format!("{text}- Nytt innspill\n"), &record);
    assert_eq!(
        anchor_of(&items, "Digitale løsninger må være enkle"),
        "innspill-3"
    );
    assert_eq!(anchor_of(&items, "Nytt innspill"), "innspill-4");
}

#[test]
fn a_corrected_item_keeps_its_anchor_and_two_swapped_items_keep_theirs() {
    let record = recorded(FIRST, &AnchorRecord::default());
    let typo = FIRST.replace("Digitale løsninger", "Digital løsninger");
    let (_, items, _) = anchored(&typo, &record);
    assert_eq!(
        anchor_of(&items, "Digital løsninger må være enkle"),
        "innspill-3"
    );
    let swapped = FIRST.replace(
        "- Pårørende må tas med fra starten\n- Tilgjengelighet er viktig for pasientene\n  - Også for dem uten BankID\n",
        "- Tilgjengelighet er viktig for pasientene\n  - Også for dem uten BankID\n- Pårørende må tas med fra starten\n",
    );
    let (_, items, _) = anchored(&swapped, &record);
    assert_eq!(items[0].0, "innspill-2");
    assert_eq!(items[0].1, "1");
    assert_eq!(
        anchor_of(&items, "Pårørende må tas med fra starten"),
        "innspill-1"
    );
}

#[test]
fn a_different_item_in_the_same_place_does_not_take_the_old_anchor() {
    let record = recorded(FIRST, &AnchorRecord::default());
    let text = FIRST.replace(
        "- Pårørende må tas med fra starten",
        "- Fastlegen bør få bedre tid",
    );
    let (_, items, _) = anchored(&text, &record);
    assert_eq!(
        anchor_of(&items, "Fastlegen bør få bedre tid"),
        "innspill-4"
    );
}

#[test]
fn items_are_matched_only_under_the_same_question() {
    let grouped =
        "## Innspill fra Brukerrådet\n\n### Hvem?\n\n- Pårørende\n\n### Hvordan?\n\n- Enkelt\n";
    let record = recorded(grouped, &AnchorRecord::default());
    let moved =
        "## Innspill fra Brukerrådet\n\n### Hvem?\n\n- Enkelt\n\n### Hvordan?\n\n- Pårørende\n";
    let (_, items, _) = anchored(moved, &record);
    assert_eq!(anchor_of(&items, "Enkelt"), "innspill-3");
    assert_eq!(anchor_of(&items, "Pårørende"), "innspill-4");
    // A typo fixed in a question keeps its items.
    let fixed = grouped.replace("### Hvordan?", "### Hvordann?");
    let (_, items, _) = anchored(&fixed, &record);
    assert_eq!(anchor_of(&items, "Enkelt"), "innspill-2");
}

#[test]
fn a_sub_item_added_takes_the_next_number_under_its_parent() {
    let record = recorded(FIRST, &AnchorRecord::default());
    let text = FIRST.replace(
        "  - Også for dem uten BankID\n",
        "  - Nytt underpunkt\n  - Også for dem uten BankID\n",
    );
    let (_, items, _) = anchored(&text, &record);
    assert_eq!(anchor_of(&items, "Nytt underpunkt"), "innspill-2-2");
    assert_eq!(
        anchor_of(&items, "Også for dem uten BankID"),
        "innspill-2-1"
    );
}

#[test]
fn an_author_anchor_wins_but_may_not_take_another_items_anchor() {
    let record = recorded(FIRST, &AnchorRecord::default());
    let text = FIRST.replace("fra starten", "fra starten {#parorende}");
    let (_, items, check) = anchored(&text, &record);
    assert!(check.diagnostics.0.is_empty());
    assert_eq!(
        anchor_of(&items, "Pårørende må tas med fra starten"),
        "parorende"
    );
    // innspill-4 was published for an item since removed.
    let record = recorded(&format!("{FIRST}- Fjerde\n"), &record);
    let text = FIRST.replace("fra starten", "fra starten {#innspill-4}");
    let (_, _, check) = anchored(&text, &record);
    let found = &check.diagnostics.0;
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].kind, DiagnosticKind::AnchorTakenByAnotherItem);
    assert_eq!(found[0].line, Some(5));
}

#[test]
fn the_record_reads_back_what_it_writes() {
    let record = recorded(FIRST, &AnchorRecord::default());
    let text = record.to_toml();
    let raw: crate::load::RawAnchorRecord = toml::from_str(&text).unwrap();
    let file = SourceFile::data("data/ankre.toml".into(), text.clone());
    let back = AnchorRecord::from_raw(Some(&crate::load::Parsed { file, value: raw }));
    assert_eq!(back, record);
    assert!(text.contains(
        "  { anchor = \"innspill-2-1\", parent = \"innspill-2\", text = \"Også for dem uten BankID\" },\n"
    ));
}

#[test]
fn normalising_ignores_case_punctuation_and_spacing() {
    assert_eq!(
        normalise("  Pårørende, og   BRUKERE! "),
        "pårørende og brukere"
    );
}

#[test]
fn a_record_fits_exactly_the_items_it_was_made_from() {
    let empty = AnchorRecord::default();
    let record = recorded(FIRST, &empty);
    let (body, _, _) = anchored(FIRST, &record);
    assert!(fits(&body, &record.cases[FILE]));
    for changed in [
        FIRST.replace("enkle", "enkle å bruke"),
        FIRST.replace("  - Også for dem uten BankID\n", ""),
        format!("{FIRST}- Nytt\n"),
    ] {
        let (body, _, _) = anchored(&changed, &record);
        assert!(!fits(&body, &record.cases[FILE]), "{changed}");
        // What the build writes then fits, retired anchors and all.
        let next = recorded(&changed, &record);
        let (body, _, _) = anchored(&changed, &next);
        assert!(fits(&body, &next.cases[FILE]), "{changed}");
    }
}
