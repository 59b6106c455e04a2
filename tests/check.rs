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
        report.contains(
            "help: did you mean \"/moter/2026-1/sak-01-26/#innspill-1\"? link to a page that exists"
        ),
        "the closest id of that page is offered:\n{report}"
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

/// A site whose pages are made from minified templates (the default), or
/// from templates as written.
fn with_minify(minify: bool) -> TestSite {
    let site = TestSite::minimal();
    let config = site.read_source("config.toml");
    site.write("config.toml", &format!("minify_html = {minify}\n{config}"));
    site
}

/// Minified pages drop the quotes around `id=dagsorden`: the id is found
/// either way.
#[test]
fn a_content_link_to_an_id_of_a_template_resolves() {
    for minify in [true, false] {
        let site = with_minify(minify);
        site.replace(
            CASE,
            "Hva saken gjelder.",
            "Se [dagsordenen](/moter/2026-1/#dagsorden) og [innholdet](#hovedinnhold).",
        );
        let result = check(&site);
        assert!(result.is_ok(), "minify_html = {minify}: {result:?}");
    }
}

/// A link a site's own template writes is checked, quoted or not, and
/// reported against the template.
#[test]
fn a_broken_link_in_a_template_is_reported_against_it() {
    for minify in [true, false] {
        let site = with_minify(minify);
        site.write(
            "templates/page.html",
            "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1>\
             <p><a href=/finnes-ikke/>Borte</a> <a href=\"/moter/2026-1/#ingen-slik\">Møtet</a></p>\
             {{ content_html | safe }}{% endblock content %}",
        );
        let report = check(&site).unwrap_err();
        for message in [
            "the link \"/finnes-ikke/\" does not resolve: there is no page \"/finnes-ikke/\"",
            "the link \"/moter/2026-1/#ingen-slik\" does not resolve: \"/moter/2026-1/\" has no element with id \"ingen-slik\"",
        ] {
            assert!(
                common::reports(&report, &format!("templates/page.html: error: {message}")),
                "minify_html = {minify}: {report}"
            );
        }
        assert!(
            report.contains("the link comes from the template page.html"),
            "{report}"
        );
    }
}

/// Links are taken from the Markdown as written: a reference link, raw
/// HTML and an image are each reported where they are written.
#[test]
fn links_of_every_kind_are_reported_where_they_are_written() {
    let site = TestSite::minimal();
    site.replace(
        CASE,
        "Hva saken gjelder.",
        "Se [saken][s] og <a href=/borte/>dette</a>.\n\n![Et kart](/kart.png)\n\n[s]: /moter/2026-1/sak-99/",
    );
    let report = check(&site).unwrap_err();
    for expected in [
        "sak-01-26.md:10:4: error: the link \"/moter/2026-1/sak-99/\" does not resolve",
        "sak-01-26.md:10:26: error: the link \"/borte/\" does not resolve",
        "sak-01-26.md:12:12: error: the image \"/kart.png\" is not in the site: there is no file \"/kart.png\"",
    ] {
        assert!(common::reports(&report, expected), "{expected}\n{report}");
    }
    assert_eq!(report.matches("does not resolve").count(), 2, "{report}");
    assert_eq!(report.matches("is not in the site").count(), 1, "{report}");
}
