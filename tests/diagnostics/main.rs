//! Every diagnostic the code can emit, triggered by a fixture site and
//! checked for its kind, its place (file, line, column) and its hint.
//!
//! One test per [`DiagnosticKind`], in the module of the stage that finds it;
//! `coverage` fails when a kind has no test here, when a kind is made at no
//! place in `src/`, or at more than one (a new message needs its own kind),
//! and when a variant of the importer's `ImportError` is named by no test.
//! `stops` triggers the errors that stop a command without a finding
//! (`Error::UnsafeOutput`, `Write`, `Template`, `Serve`).

#[path = "../common/mod.rs"]
mod common;

mod anchors;
mod cases;
mod council;
mod coverage;
mod files;
mod followups;
mod import;
mod markdown;
mod meetings;
mod registries;
mod site;
mod stops;

use common::TestSite;
use medvirk::{Diagnostic, DiagnosticKind, Error, Severity};

/// The minimal site's meeting and case.
const MEETING: &str = "content/moter/2026-1/_index.md";
const CASE: &str = "content/moter/2026-1/sak-01-26.md";

/// Everything `check` finds in `site`: its errors, or else its warnings.
fn findings(site: &TestSite) -> Vec<Diagnostic> {
    match medvirk::check(site.root()) {
        Ok(warnings) => warnings.0,
        Err(Error::Invalid(found)) => found.0,
        Err(other) => panic!("check stopped without findings: {other}"),
    }
}

/// Asserts that `site` has a finding of `kind` at `at` ("path", "path:line"
/// or "path:line:column") whose hint holds `hint`, and returns it.
#[track_caller]
fn finds(site: &TestSite, kind: DiagnosticKind, at: &str, hint: &str) -> Diagnostic {
    let found = findings(site);
    let listed = || {
        found
            .iter()
            .map(|d| format!("{:?} {}", d.kind, d))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let Some(d) = found.iter().find(|d| d.kind == kind) else {
        panic!("no {kind:?} among:\n{}", listed());
    };
    let mut parts = at.split(':');
    let path = parts.next().unwrap_or_default();
    let line = parts.next().map(|l| l.parse::<usize>().expect("a line"));
    let column = parts.next().map(|c| c.parse::<usize>().expect("a column"));
    assert_eq!(
        (d.path.to_string_lossy().as_ref(), d.line, d.column),
        (path, line, column),
        "the place of {kind:?}:\n{d}"
    );
    let shown = d
        .hint
        .as_deref()
        .unwrap_or_else(|| panic!("{kind:?} has no hint:\n{d}"));
    assert!(
        shown.contains(hint),
        "the hint of {kind:?} should hold {hint:?}:\n{d}"
    );
    d.clone()
}

/// As [`finds`], for a finding that is a warning: the site still builds.
#[track_caller]
fn warns(site: &TestSite, kind: DiagnosticKind, at: &str, hint: &str) -> Diagnostic {
    let d = finds(site, kind, at, hint);
    assert_eq!(d.severity, Severity::Warning, "{d}");
    site.build().expect("a warning does not stop the build");
    d
}

/// As [`finds`], for an error: the build stops and writes nothing.
#[track_caller]
fn refuses(site: &TestSite, kind: DiagnosticKind, at: &str, hint: &str) -> Diagnostic {
    let d = finds(site, kind, at, hint);
    assert_eq!(d.severity, Severity::Error, "{d}");
    assert!(
        matches!(site.build(), Err(Error::Invalid(_))),
        "an error stops the build"
    );
    assert!(!site.public().exists(), "nothing is written on error");
    d
}
