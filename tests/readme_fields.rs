//! The README's field reference is the code's: every field each kind of file
//! accepts is in the table, and the table names no field the code refuses.
//! The accepted fields are read from the decoders themselves (serde lists
//! them when it refuses an unknown one), so a field added or renamed in
//! `src/load/raw.rs` fails this test until the README says so.

use std::collections::{BTreeMap, BTreeSet};

use medvirk::load::*;
use serde::de::DeserializeOwned;

/// The fields `T` accepts, as its decoder lists them.
fn accepted<T: DeserializeOwned + std::fmt::Debug>() -> BTreeSet<String> {
    let err = toml::from_str::<T>("zz-not-a-field = 1").expect_err("an unknown field is refused");
    let message = err.message().to_string();
    let list = message
        .split_once("expected ")
        .map(|(_, l)| l)
        .unwrap_or_else(|| panic!("no list of fields in {message:?}"));
    list.split('`')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect()
}

/// Every table of every kind of file, as the README's reference names it.
fn code() -> BTreeMap<&'static str, BTreeSet<String>> {
    BTreeMap::from([
        ("config.toml", accepted::<RawConfig>()),
        ("config.toml [search]", accepted::<RawSearch>()),
        ("data/organisations.toml", accepted::<RawOrganisations>()),
        ("[[organisation]]", accepted::<RawOrganisation>()),
        ("[[organisation.names]]", accepted::<RawDatedName>()),
        ("[[organisation.parents]]", accepted::<RawDatedParent>()),
        ("data/people.toml", accepted::<RawPeople>()),
        ("[[person]]", accepted::<RawPerson>()),
        ("[[person.names]]", accepted::<RawDatedName>()),
        ("[[person.titles]]", accepted::<RawDatedTitle>()),
        ("data/council.toml", accepted::<RawCouncil>()),
        ("[[term]]", accepted::<RawTerm>()),
        ("[[seat]]", accepted::<RawSeat>()),
        ("[[seat.moved]]", accepted::<RawSeatMove>()),
        ("[[seat.holder]]", accepted::<RawHolder>()),
        ("[[committee]]", accepted::<RawCommittee>()),
        ("[[committee.member]]", accepted::<RawCommitteeMember>()),
        ("page or section", accepted::<RawPage>()),
        ("meeting", accepted::<RawMeeting>()),
        ("[[agenda]]", accepted::<RawAgendaItem>()),
        ("[[decisions]]", accepted::<RawDecision>()),
        (
            "[[attendance]], [[observers]]",
            accepted::<RawSeatAttendance>(),
        ),
        ("[[guests]]", accepted::<RawGuest>()),
        ("case", accepted::<RawCase>()),
        ("[[earlier]]", accepted::<RawEarlier>()),
        ("[[attachments]]", accepted::<RawAttachment>()),
        ("[[followup]]", accepted::<RawFollowup>()),
        ("paper", accepted::<RawPaper>()),
        ("data/ankre.toml", accepted::<RawAnchorRecord>()),
        ("data/ankre.toml [[case]]", accepted::<RawRecordedCase>()),
        ("data/ankre.toml items", accepted::<RawRecordedItem>()),
    ])
}

/// The rows of the README's "Field reference" table: (table, field).
fn readme() -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = text
        .find("## Field reference")
        .expect("a field reference in the README");
    let section = &text[start..];
    let end = section[3..].find("\n## ").map_or(section.len(), |i| i + 3);
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in section[..end].lines().filter(|l| l.starts_with("| ")) {
        let cells: Vec<&str> = line
            .split(" | ")
            .map(|c| c.trim_matches(|c| c == '|' || c == ' '))
            .collect();
        if cells.len() < 3 || cells[0] == "file or table" || cells[0].starts_with("---") {
            continue;
        }
        let field = cells[1].trim_matches('`');
        out.entry(cells[0].to_string())
            .or_default()
            .insert(field.to_string());
    }
    out
}

#[test]
fn the_readme_lists_every_field_the_code_accepts_and_no_other() {
    let code = code();
    let readme = readme();
    let tables: BTreeSet<&str> = code
        .keys()
        .copied()
        .chain(readme.keys().map(String::as_str))
        .collect();
    let mut problems = Vec::new();
    for table in tables {
        let empty = BTreeSet::new();
        let accepted = code.get(table).unwrap_or(&empty);
        let listed = readme.get(table).unwrap_or(&empty);
        for f in accepted.difference(listed) {
            problems.push(format!("{table}: `{f}` is accepted but not in the README"));
        }
        for f in listed.difference(accepted) {
            problems.push(format!("{table}: `{f}` is in the README but not accepted"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
