//! Every diagnostic has a test, and every test here is of a diagnostic.
//!
//! A finding cannot be made without a [`DiagnosticKind`], so the kinds are
//! every message there is. Two scans of the source keep the list honest:
//! each kind is made at exactly one place in `src/` (a new message gets a
//! kind of its own rather than borrowing one), and each kind is named by a
//! test in this folder, whose `finds` asserts that the site really earns it.
//!
//! The importer stops with an `ImportError` instead (it has no site's file
//! to point into yet): each of its variants is matched by a test under
//! `tests/`.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use medvirk::DiagnosticKind;

/// The names after `DiagnosticKind::` in `text`, each with its count.
fn kinds_named(text: &str, into: &mut BTreeMap<String, usize>) {
    for (at, _) in text.match_indices("DiagnosticKind::") {
        let name: String = text[at + "DiagnosticKind::".len()..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if name != "ALL" && !name.is_empty() {
            *into.entry(name).or_default() += 1;
        }
    }
}

/// `text` without its unit tests (a `#[cfg(test)]` module ends each file).
fn without_tests(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |at| &text[..at])
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Where each kind is made in `src/`, outside its declaration.
fn made_in_src() -> BTreeMap<String, usize> {
    let mut made = BTreeMap::new();
    for entry in walkdir::WalkDir::new(repo().join("src")).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        // A module's unit tests in a file of their own (`x/tests.rs`, declared
        // `#[cfg(test)] mod tests;`) make no findings of the site's.
        if path.extension() != Some("rs".as_ref())
            || path.ends_with("error/kind.rs")
            || path.file_name() == Some("tests.rs".as_ref())
        {
            continue;
        }
        kinds_named(without_tests(&fs::read_to_string(path).unwrap()), &mut made);
    }
    made
}

/// The kinds the tests of this folder name, and the files that name none.
fn named_by_tests() -> BTreeMap<String, usize> {
    let mut named = BTreeMap::new();
    let folder = repo().join("tests/diagnostics");
    for entry in fs::read_dir(&folder).unwrap() {
        let path = entry.unwrap().path();
        if path
            .file_name()
            .is_some_and(|n| n == "coverage.rs" || n == "main.rs")
        {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        assert!(
            !text.contains("#[ignore"),
            "{}: a test that does not run proves nothing",
            path.display()
        );
        kinds_named(&text, &mut named);
    }
    named
}

fn names(kinds: &[DiagnosticKind]) -> Vec<&'static str> {
    kinds.iter().map(|k| k.name()).collect()
}

#[test]
fn every_diagnostic_is_triggered_by_a_test() {
    let named = named_by_tests();
    let untested: Vec<&str> = names(DiagnosticKind::ALL)
        .into_iter()
        .filter(|k| !named.contains_key(*k))
        .collect();
    assert!(
        untested.is_empty(),
        "no test in tests/diagnostics/ triggers {untested:?}: add one that builds a site \
         earning it and checks its place and hint with `finds`"
    );
}

#[test]
fn every_diagnostic_is_made_at_exactly_one_place() {
    let made = made_in_src();
    let wrong: Vec<String> = names(DiagnosticKind::ALL)
        .into_iter()
        .filter_map(|k| match made.get(k).copied().unwrap_or(0) {
            1 => None,
            0 => Some(format!(
                "{k} is made nowhere in src/ (remove it if it is dead)"
            )),
            n => Some(format!(
                "{k} is made at {n} places (give each message its own kind)"
            )),
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The scans read the source as it is written: a sanity check that they
/// find what is plainly there.
#[test]
fn the_scans_find_the_kinds_where_they_are_written() {
    let mut found = BTreeMap::new();
    kinds_named(
        "file.error_at(DiagnosticKind::UnknownPerson, span, m)\n\
         #[cfg(test)]\nDiagnosticKind::NoSeat",
        &mut found,
    );
    assert_eq!(found.len(), 2);
    let mut outside_tests = BTreeMap::new();
    kinds_named(
        without_tests("DiagnosticKind::UnknownPerson\n#[cfg(test)]\nDiagnosticKind::NoSeat"),
        &mut outside_tests,
    );
    assert_eq!(
        outside_tests.into_iter().collect::<Vec<_>>(),
        [("UnknownPerson".to_string(), 1)]
    );
    assert!(made_in_src().len() > 50, "the source scan found too little");
}

/// The variants of `pub enum ImportError`, read from `src/import/`.
fn import_error_variants() -> Vec<String> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(repo().join("src/import")).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let text = fs::read_to_string(entry.path()).unwrap();
        let Some(start) = text.find("pub enum ImportError {") else {
            continue;
        };
        // Variants are the lines at the enum's own indentation, up to its end.
        for line in text[start..].lines().skip(1) {
            if line.starts_with('}') {
                break;
            }
            let Some(rest) = line.strip_prefix("    ") else {
                continue;
            };
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if name.starts_with(|c: char| c.is_ascii_uppercase()) {
                out.push(name);
            }
        }
    }
    out
}

#[test]
fn every_import_error_is_matched_by_a_test() {
    let variants = import_error_variants();
    assert!(
        variants.len() >= 10 && variants.iter().any(|v| v == "NoDate"),
        "the scan of ImportError found {variants:?}"
    );
    let mut tests = String::new();
    for entry in walkdir::WalkDir::new(repo().join("tests")) {
        let entry = entry.unwrap();
        if entry.path().extension() == Some("rs".as_ref()) && !entry.path().ends_with("coverage.rs")
        {
            tests.push_str(&fs::read_to_string(entry.path()).unwrap());
        }
    }
    let untested: Vec<&String> = variants
        .iter()
        .filter(|v| !tests.contains(&format!("ImportError::{v} ")))
        .collect();
    assert!(
        untested.is_empty(),
        "no test matches ImportError::{untested:?}: add one that makes `import` fail that way"
    );
}
