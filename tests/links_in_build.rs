//! Broken internal links and missing images: `build` (and `serve`'s
//! renders) warn of them where they were written, `build --strict` and
//! `strict = true` refuse them and leave the published site as it was, and
//! `check` finds them even in a site whose model has errors, without
//! reporting a link into a page that failed for its own error.

mod common;

use std::process::{Command, Output};

use common::TestSite;
use medvirk::{DiagnosticKind, Error, Severity};

const CASE: &str = "content/moter/2026-1/sak-01-26.md";
const PAGE: &str = "content/tilgjengelighet.md";

/// The minimal site with a link to a meeting that does not exist (line 6)
/// and an image whose file is not there (line 8) on its page.
fn broken() -> TestSite {
    let site = TestSite::minimal();
    site.append(
        PAGE,
        "\nSe [møte 3](/moter/2026-3/).\n\n![Kart over lokalet](/kart.png)\n",
    );
    site
}

fn medvirk(args: &[&str], site: &TestSite) -> Output {
    Command::new(env!("CARGO_BIN_EXE_medvirk"))
        .args(args)
        .arg("--root")
        .arg(site.root())
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn build_warns_of_a_broken_link_and_a_missing_image_and_publishes() {
    let site = broken();
    let report = site.build().expect("warnings do not stop the build");
    let found: Vec<_> = report
        .warnings
        .0
        .iter()
        .filter(|d| {
            matches!(
                d.kind,
                DiagnosticKind::BrokenLink | DiagnosticKind::MissingImage
            )
        })
        .map(|d| (d.kind, d.severity, d.line, d.column))
        .collect();
    assert_eq!(
        found,
        [
            (
                DiagnosticKind::BrokenLink,
                Severity::Warning,
                Some(6),
                Some(13)
            ),
            (
                DiagnosticKind::MissingImage,
                Severity::Warning,
                Some(8),
                Some(22)
            ),
        ]
    );
    assert!(site.public().join("index.html").is_file());

    let site = broken();
    let out = medvirk(&["build"], &site);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        common::reports(
            &err,
            "tilgjengelighet.md:6:13: warning: the link \"/moter/2026-3/\" does not resolve: there is no page \"/moter/2026-3/\""
        ),
        "{err}"
    );
    assert!(
        common::reports(
            &err,
            "tilgjengelighet.md:8:22: warning: the image \"/kart.png\" is not in the site: there is no file \"/kart.png\""
        ),
        "{err}"
    );
    assert!(err.contains("8 | ![Kart over lokalet](/kart.png)"), "{err}");
    assert!(
        err.contains(&format!("  | {}^^^^^^^^^", " ".repeat(21))),
        "a caret under the image's address:\n{err}"
    );
}

/// Builds `site` while it is clean, breaks it, and returns what public/
/// held before.
fn published_then_broken() -> (TestSite, Vec<(String, Vec<u8>)>) {
    let site = TestSite::minimal();
    site.build().expect("the clean site builds");
    let before = site.files();
    assert!(!before.is_empty());
    site.append(
        PAGE,
        "\nSe [møte 3](/moter/2026-3/).\n\n![Kart over lokalet](/kart.png)\n",
    );
    (site, before)
}

#[test]
fn build_strict_refuses_and_leaves_the_published_site_as_it_was() {
    let (site, before) = published_then_broken();
    let out = medvirk(&["build", "--strict"], &site);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        common::reports(
            &err,
            "tilgjengelighet.md:6:13: error: the link \"/moter/2026-3/\""
        ),
        "{err}"
    );
    assert!(
        common::reports(
            &err,
            "tilgjengelighet.md:8:22: error: the image \"/kart.png\""
        ),
        "{err}"
    );
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(site.files(), before, "public/ is byte for byte as it was");
    let left: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("medvirk-tmp"))
        .collect();
    assert!(left.is_empty(), "no staging folder is left: {left:?}");
}

#[test]
fn strict_in_config_toml_refuses_as_the_flag_does() {
    let (site, before) = published_then_broken();
    site.append("config.toml", "strict = true\n");
    match site.build() {
        Err(Error::Invalid(found)) => {
            let kinds: Vec<_> = found.0.iter().map(|d| (d.kind, d.severity)).collect();
            assert!(
                kinds.contains(&(DiagnosticKind::BrokenLink, Severity::Error))
                    && kinds.contains(&(DiagnosticKind::MissingImage, Severity::Error)),
                "{found}"
            );
        }
        other => panic!("strict = true refuses the build: {other:?}"),
    }
    assert_eq!(site.files(), before, "public/ is byte for byte as it was");
    // Fixed, the site builds again.
    site.replace(PAGE, "[møte 3](/moter/2026-3/)", "[møte 1](/moter/2026-1/)");
    site.write("static/kart.png", "not really a png");
    site.build().expect("a site with its links fixed builds");
}

#[test]
fn an_anchor_written_in_markdown_is_resolved_by_build_too() {
    let site = TestSite::minimal();
    site.append(
        PAGE,
        "\nSe [innspill 1](/moter/2026-1/sak-01-26/#innspill-1) og [innspill 9](/moter/2026-1/sak-01-26/#innspill-9).\n",
    );
    let report = site.build().expect("warnings only");
    let broken: Vec<_> = report
        .warnings
        .0
        .iter()
        .filter(|d| d.kind == DiagnosticKind::BrokenLink)
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(
        broken,
        ["the link \"/moter/2026-1/sak-01-26/#innspill-9\" does not resolve: \"/moter/2026-1/sak-01-26/\" has no element with id \"innspill-9\""]
    );
}

#[test]
fn a_render_in_memory_as_serve_makes_warns_of_them_too() {
    let site = broken();
    let rendered = medvirk::render_site(&medvirk::BuildOptions {
        root: site.root().to_path_buf(),
        output_dir: None,
        base_url: None,
    })
    .expect("warnings only");
    let kinds: Vec<_> = rendered.warnings.0.iter().map(|d| d.kind).collect();
    assert!(
        kinds.contains(&DiagnosticKind::BrokenLink)
            && kinds.contains(&DiagnosticKind::MissingImage),
        "{}",
        rendered.warnings
    );
}

fn check(site: &TestSite) -> String {
    match medvirk::check(site.root()) {
        Err(Error::Invalid(found)) => found.to_string(),
        other => panic!("check should find errors: {other:?}"),
    }
}

#[test]
fn check_reports_a_model_error_and_a_broken_link_together() {
    let site = broken();
    // A case kind misspelt: an error of the model, in another file.
    site.replace(CASE, "kind = \"drøftingssak\"", "kind = \"drøftingsak\"");
    let report = check(&site);
    assert!(
        common::reports(
            &report,
            "sak-01-26.md:3:8: error: unknown case kind \"drøftingsak\""
        ),
        "{report}"
    );
    assert!(
        common::reports(
            &report,
            "tilgjengelighet.md:6:13: error: the link \"/moter/2026-3/\""
        ),
        "{report}"
    );
    assert!(
        common::reports(
            &report,
            "tilgjengelighet.md:8:22: error: the image \"/kart.png\""
        ),
        "{report}"
    );
}

#[test]
fn check_reports_a_broken_link_beside_a_file_that_cannot_be_read() {
    let site = broken();
    // Not TOML: the page is left out by load, the rest is still checked.
    site.write("content/om.md", "+++\ntitle = \n+++\nOm rådet.\n");
    let report = check(&site);
    assert!(common::reports(&report, "om.md:2:"), "{report}");
    assert!(
        common::reports(
            &report,
            "tilgjengelighet.md:6:13: error: the link \"/moter/2026-3/\""
        ),
        "{report}"
    );
}

#[test]
fn a_link_into_a_page_left_out_for_its_error_is_not_reported() {
    let site = TestSite::minimal();
    site.append(
        PAGE,
        "\nSe [saken](/moter/2026-1/sak-01-26/#innspill-1), [møtet](/moter/2026-1/) og [om](/om/).\n",
    );
    // The case has an error of its own; the meeting names it on its agenda.
    site.replace(
        CASE,
        "submitted_by = \"divisjon-a\"",
        "submitted_by = \"divisjon-x\"",
    );
    // A page that cannot be read at all.
    site.write("content/om.md", "+++\ntitle = \n+++\nOm rådet.\n");
    let found = match medvirk::check(site.root()) {
        Err(Error::Invalid(found)) => found,
        other => panic!("check should find errors: {other:?}"),
    };
    let kinds: Vec<_> = found.0.iter().map(|d| d.kind).collect();
    assert!(
        kinds.contains(&DiagnosticKind::UnknownOrganisation),
        "{found}"
    );
    assert!(
        !kinds.contains(&DiagnosticKind::BrokenLink),
        "a link into a page left out is the echo of its error:\n{found}"
    );
    assert!(
        !kinds.contains(&DiagnosticKind::AgendaCaseMissing),
        "leaving the case out is no error of the meeting's:\n{found}"
    );
}

#[test]
fn a_link_into_a_page_left_out_still_needs_a_page_that_would_exist() {
    let site = TestSite::minimal();
    site.append(PAGE, "\nSe [møte 3](/moter/2026-3/).\n");
    site.replace(
        CASE,
        "submitted_by = \"divisjon-a\"",
        "submitted_by = \"divisjon-x\"",
    );
    let report = check(&site);
    assert!(
        common::reports(
            &report,
            "tilgjengelighet.md:6:13: error: the link \"/moter/2026-3/\""
        ),
        "{report}"
    );
}
