//! The site's settings, the addresses of its pages and files, and its links.

use super::common::TestSite;
use super::{finds, refuses};
use medvirk::DiagnosticKind;
use medvirk::Severity;

const CONFIG: &str = "title = \"Brukerrådet\"
base_url = \"https://brukerrad.example.no\"
default_language = \"nb\"
";

#[test]
fn a_base_url_that_is_not_absolute() {
    let site = TestSite::minimal();
    site.write("config.toml", &CONFIG.replace("https://", ""));
    refuses(
        &site,
        DiagnosticKind::BaseUrlNotAbsolute,
        "config.toml",
        "the address the site is published at",
    );
}

#[test]
fn an_unknown_split_mode() {
    let site = TestSite::minimal();
    site.write(
        "config.toml",
        &format!("{CONFIG}\n[search]\nsplit = \"ofte\"\n"),
    );
    refuses(
        &site,
        DiagnosticKind::UnknownSplitMode,
        "config.toml:6:9",
        "\"auto\", \"always\" or \"never\"",
    );
}

#[test]
fn a_search_language_elasticlunr_does_not_know() {
    let site = TestSite::minimal();
    site.write("config.toml", &CONFIG.replace("\"nb\"", "\"se\""));
    refuses(
        &site,
        DiagnosticKind::SearchLanguage,
        "config.toml",
        "turn search off with `[search] index = false`",
    );
}

#[test]
fn two_pages_with_one_address() {
    let site = TestSite::minimal();
    site.write("content/om.md", "+++\ntitle = \"Om\"\n+++\n");
    site.write("content/om/_index.md", "+++\ntitle = \"Om oss\"\n+++\n");
    let d = refuses(
        &site,
        DiagnosticKind::AddressTwice,
        "content/om.md",
        "so that each page has an address of its own",
    );
    assert!(d.message.contains("and content/om/_index.md"), "{d}");
}

#[test]
fn a_page_whose_address_a_link_cannot_hold() {
    let site = TestSite::minimal();
    site.write("content/Om oss.md", "+++\ntitle = \"Om\"\n+++\n");
    refuses(
        &site,
        DiagnosticKind::AddressNotPlain,
        "content/Om oss.md",
        "so that the address is \"/om-oss/\"",
    );
}

#[test]
fn a_page_at_an_address_medvirk_keeps() {
    let site = TestSite::minimal();
    site.write("content/temaer.md", "+++\ntitle = \"Temaer\"\n+++\n");
    refuses(
        &site,
        DiagnosticKind::ReservedAddress,
        "content/temaer.md",
        "are medvirk's own",
    );
}

#[test]
fn a_static_file_where_the_feed_goes() {
    let site = TestSite::minimal();
    site.write("static/atom.xml", "<feed/>");
    refuses(
        &site,
        DiagnosticKind::CopyCollision,
        "static/atom.xml",
        "so that each file of the site has an address of its own",
    );
}

#[test]
fn a_broken_link_in_a_page() {
    let site = TestSite::minimal();
    site.append("content/tilgjengelighet.md", "\nSe [møtene](/motene/).\n");
    // An error to `check`; `build` warns (tests/links_in_build.rs).
    let d = finds(
        &site,
        DiagnosticKind::BrokenLink,
        "content/tilgjengelighet.md:6:13",
        "link to a page that exists",
    );
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.source_line.unwrap().text, "Se [møtene](/motene/).");
}

#[test]
fn a_missing_image_in_a_page() {
    let site = TestSite::minimal();
    site.append(
        "content/tilgjengelighet.md",
        "\nSe ![Kart over lokalet](kart.png).\n",
    );
    // A relative address is read from the page's: the file is beside the
    // page's Markdown, one folder up from its address.
    site.write("content/kart.png", "not really a png");
    let d = finds(
        &site,
        DiagnosticKind::MissingImage,
        "content/tilgjengelighet.md:6:25",
        "did you mean \"/kart.png\"? put the image file beside",
    );
    assert_eq!(d.severity, Severity::Error);
    assert_eq!(d.source_line.unwrap().width, "kart.png".len());
    let report = site.build().expect("build only warns of it");
    let warned = report
        .warnings
        .0
        .iter()
        .find(|w| w.kind == DiagnosticKind::MissingImage)
        .expect("build reports the image");
    assert_eq!(
        (warned.severity, warned.line, warned.column),
        (Severity::Warning, Some(6), Some(25))
    );
}

#[test]
fn a_missing_image_in_a_template() {
    let site = TestSite::minimal();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1>\
         <img src=\"/logo.png\" alt=\"Logo\">{{ content_html | safe }}{% endblock content %}",
    );
    let d = finds(
        &site,
        DiagnosticKind::MissingTemplateImage,
        "templates/page.html",
        "the link comes from the template page.html",
    );
    assert_eq!(d.severity, Severity::Error);
    assert!(d.message.contains("the image \"/logo.png\""), "{d}");
}

#[test]
fn a_broken_link_in_a_template() {
    let site = TestSite::minimal();
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<h1>{{ page.title }}</h1>\
         <p><a href=\"/finnes-ikke/\">Borte</a></p>{{ content_html | safe }}{% endblock content %}",
    );
    let d = finds(
        &site,
        DiagnosticKind::BrokenTemplateLink,
        "templates/page.html",
        "the link comes from the template page.html",
    );
    assert_eq!(d.severity, Severity::Error);
}
