//! One owner for every URL: slugs, the paths of pages, and the collisions
//! and empty slugs that would make two pages write the same file.

mod common;

use common::TestSite;

/// Every slug the demo site makes (themes, attachment texts, heading
/// anchors), pinned: a new transliteration must not move a published URL.
#[test]
fn every_slug_of_the_demo_is_unchanged() {
    let site = TestSite::demo();
    let sources = medvirk::load::load(site.root()).expect("the demo loads");
    let model = medvirk::model::build(&sources).expect("the demo is valid");
    let mut lines = Vec::new();
    for t in &model.themes {
        lines.push(format!("theme {:?} -> {}", t.name, t.slug));
    }
    let mut bodies: Vec<(String, &medvirk::model::Body)> = vec![("/".into(), &model.home.body)];
    for s in [&model.meetings_section, &model.papers_section]
        .into_iter()
        .flatten()
    {
        bodies.push((s.path.clone(), &s.body));
    }
    for p in &model.pages {
        bodies.push((p.path.clone(), &p.body));
    }
    for p in &model.papers {
        bodies.push((p.path.clone(), &p.body));
    }
    for (mi, m) in model.meetings.iter().enumerate() {
        bodies.push((m.path(), &m.body));
        for (ci, c) in m.cases.iter().enumerate() {
            let path = model.case_path(medvirk::model::CaseRef {
                meeting: mi,
                case: ci,
            });
            bodies.push((path.clone(), &c.body));
            for a in &c.attachments {
                if let Some((slug, body)) = &a.text {
                    lines.push(format!("attachment {:?} -> {path}{slug}/", a.title));
                    bodies.push((format!("{path}{slug}/"), body));
                }
            }
        }
    }
    for (path, body) in bodies {
        for s in body.sections.iter() {
            let groups = s.blocks.iter().filter_map(|b| match b {
                medvirk::model::Block::Group(h) => Some(h),
                _ => None,
            });
            for h in s.heading.iter().chain(groups) {
                lines.push(format!("heading {path} {:?} -> #{}", h.text, h.anchor));
            }
        }
    }
    insta::assert_snapshot!(lines.join("\n"));
}

const CASE: &str = "content/moter/2026-1/sak-01-26.md";

#[test]
fn a_page_at_the_address_of_the_themes_index_is_an_error_naming_both() {
    let site = TestSite::minimal();
    site.write(
        "content/temaer.md",
        "+++\ntitle = \"Temaer\"\n+++\nMine egne temaer.\n",
    );
    let report = site.build_err();
    assert!(
        common::reports(
            &report,
            "content/temaer.md: error: two pages have the address \"/temaer/\": this one and the themes index, which medvirk makes"
        ),
        "{report}"
    );
}

#[test]
fn two_files_with_one_address_are_an_error_naming_both() {
    let site = TestSite::minimal();
    site.write("content/om.md", "+++\ntitle = \"Om\"\n+++\nOm oss.\n");
    site.write(
        "content/om/_index.md",
        "+++\ntitle = \"Om oss\"\n+++\nOm oss.\n",
    );
    let report = site.build_err();
    assert!(
        report.contains("two pages have the address \"/om/\": this one and content/om"),
        "{report}"
    );
    assert_eq!(
        report.matches("two pages have the address").count(),
        1,
        "{report}"
    );
}

#[test]
fn a_page_under_a_segment_medvirk_keeps_is_an_error() {
    for (file, segment) in [
        ("content/sok/hjelp.md", "/sok"),
        ("content/organisasjoner/andre.md", "/organisasjoner"),
        ("content/search_index.nb.md", "/search_index.*"),
        ("content/atom.xml.md", "/atom.xml"),
    ] {
        let site = TestSite::minimal();
        site.write(file, "+++\ntitle = \"Side\"\n+++\nTekst.\n");
        let report = site.build_err();
        assert!(
            report.contains(&format!("is under {segment}, which medvirk keeps for")),
            "{file}: {report}"
        );
        assert!(report.contains(file), "{file}: {report}");
    }
}

#[test]
fn a_theme_without_a_letter_or_digit_is_a_located_error() {
    let site = TestSite::minimal();
    site.replace(
        CASE,
        "themes = [\"eksempel\"]",
        "themes = [\"eksempel\", \"★\"]",
    );
    let report = site.build_err();
    assert!(
        common::reports(
            &report,
            "sak-01-26.md:6:23: error: the theme \"★\" has no letter or digit to make its address from"
        ),
        "{report}"
    );

    let site = TestSite::minimal();
    site.replace(CASE, "- Et innspill\n", "- Et innspill {tema=★}\n");
    let report = site.build_err();
    assert!(
        report.contains("the theme \"★\" has no letter or digit"),
        "{report}"
    );
}

#[test]
fn a_text_rendition_without_a_letter_or_digit_is_a_located_error() {
    for stem in ["❤", "_", "---"] {
        let site = TestSite::minimal();
        site.write(
            &format!("content/moter/2026-1/vedlegg/{stem}.md"),
            "Vedlegget som tekst.\n",
        );
        site.replace(
            CASE,
            "themes = [\"eksempel\"]",
            &format!(
                "themes = [\"eksempel\"]\n\n[[attachments]]\ntitle = \"X\"\ntext = \"vedlegg/{stem}.md\""
            ),
        );
        let report = site.build_err();
        let expected = format!(
            "sak-01-26.md:10:8: error: the text rendition \"vedlegg/{stem}.md\" has no letter or digit in its file name to make its address from"
        );
        assert!(common::reports(&report, &expected), "{report}");
        assert!(report.contains("help: rename the file"), "{report}");
    }
}

#[test]
fn themes_in_any_script_get_pages_of_their_own() {
    let site = TestSite::minimal();
    site.replace(
        CASE,
        "themes = [\"eksempel\"]",
        "themes = [\"eksempel\", \"Čđŋ\", \"Здоровье\", \"Sámediggi\"]",
    );
    site.build().expect("the site builds");
    for (name, path) in [
        ("Čđŋ", "temaer/cdng/index.html"),
        ("Здоровье", "temaer/zdorov-e/index.html"),
        ("Sámediggi", "temaer/samediggi/index.html"),
    ] {
        assert!(site.read(path).contains(name), "{path}");
    }
    let index = site.read("temaer/index.html");
    assert!(
        index.contains("Čđŋ") && index.contains("eksempel"),
        "{index}"
    );
}

/// The pages written, the pages `sitemap.xml` lists and the site map are
/// one list: nothing is rendered that the site map lacks, and the sitemap
/// lists every listed page of it.
#[test]
fn the_site_map_is_what_is_rendered_and_listed() {
    let site = TestSite::demo();
    let sources = medvirk::load::load(site.root()).expect("the demo loads");
    let model = medvirk::model::build(&sources).expect("the demo is valid");
    let rendered = medvirk::render_site(&medvirk::BuildOptions {
        root: site.root().to_path_buf(),
        output_dir: None,
        base_url: None,
    })
    .expect("the demo renders");
    let mut pages: Vec<String> = rendered
        .files
        .iter()
        .map(|f| f.path.clone())
        .filter(|p| p.ends_with(".html") || p == "atom.xml" || p == "sitemap.xml")
        .collect();
    pages.sort();
    let mut mapped: Vec<String> = model
        .site_map
        .iter()
        .map(|p| medvirk::model::urls::file_path(&p.path))
        .collect();
    mapped.sort();
    assert_eq!(pages, mapped);

    let sitemap = rendered
        .files
        .iter()
        .find(|f| f.path == "sitemap.xml")
        .expect("a sitemap");
    let sitemap = String::from_utf8_lossy(&sitemap.bytes);
    let listed: Vec<String> = model
        .site_map
        .iter()
        .filter(|p| p.listed)
        .map(|p| format!("<loc>{}{}</loc>", model.config.base_url, p.path))
        .collect();
    assert_eq!(sitemap.matches("<loc>").count(), listed.len());
    for loc in &listed {
        assert!(
            sitemap.contains(loc.as_str()),
            "{loc} is not in the sitemap"
        );
    }
}

#[test]
fn a_static_file_that_would_replace_a_page_is_an_error_naming_both() {
    let site = TestSite::minimal();
    site.write("static/sitemap.xml", "<urlset/>");
    site.write(
        "static/moter/2026-1/sak-01-26/index.html",
        "<p>Min egen</p>",
    );
    let report = site.build_err();
    for expected in [
        "static/sitemap.xml: error: the file would be written to \"/sitemap.xml\", as is the page \"/sitemap.xml\" (the sitemap, which medvirk makes)",
        "static/moter/2026-1/sak-01-26/index.html: error: the file would be written to \"/moter/2026-1/sak-01-26/index.html\", as is the page \"/moter/2026-1/sak-01-26/\" (content/moter/2026-1/sak-01-26.md)",
    ] {
        assert!(common::reports(&report, expected), "{expected}\n{report}");
    }
}

#[test]
fn a_page_whose_file_name_a_link_cannot_hold_is_an_error_with_a_new_name() {
    for (file, address, suggested) in [
        ("content/Om rådet.md", "/Om rådet/", "/om-radet/"),
        (
            "content/hjelp/Spørsmål?/_index.md",
            "/hjelp/Spørsmål?/",
            "/hjelp/sporsmal/",
        ),
    ] {
        let site = TestSite::minimal();
        site.write(file, "+++\ntitle = \"Side\"\n+++\nTekst.\n");
        let report = site.build_err();
        let expected = format!(
            "{file}: error: the address \"{address}\" holds characters a link cannot hold as they are"
        );
        assert!(common::reports(&report, &expected), "{expected}\n{report}");
        assert!(
            report.contains(&format!("so that the address is \"{suggested}\"")),
            "{report}"
        );
    }
}

#[test]
fn an_attachment_keeps_its_file_name_and_is_linked_percent_encoded() {
    let site = TestSite::minimal();
    site.write("content/moter/2026-1/vedlegg/Vedlegg 1 æ.pdf", "%PDF");
    site.replace(
        "content/moter/2026-1/sak-01-26.md",
        "themes = [\"eksempel\"]\n",
        "themes = [\"eksempel\"]\n\n[[attachments]]\ntitle = \"Vedlegg\"\nfile = \"vedlegg/Vedlegg 1 æ.pdf\"\n",
    );
    site.build().expect("builds");
    let page = site.read("moter/2026-1/sak-01-26/index.html");
    let hrefs = common::attr_values(&page, "href");
    assert!(
        hrefs.contains(&"/moter/2026-1/vedlegg/Vedlegg%201%20%C3%A6.pdf".to_string()),
        "{hrefs:?}"
    );
    assert_eq!(site.read("moter/2026-1/vedlegg/Vedlegg 1 æ.pdf"), "%PDF");
}

#[test]
fn a_page_at_the_address_of_a_years_follow_up_page_is_an_error_naming_both() {
    let site = TestSite::minimal();
    site.write(
        "content/oppfolging/2026.md",
        "+++\ntitle = \"Oppfølging 2026\"\n+++\nVår egen oversikt.\n",
    );
    let report = site.build_err();
    assert!(
        common::reports(
            &report,
            "content/oppfolging/2026.md: error: two pages have the address \"/oppfolging/2026/\": this one and the follow-up page of 2026, which medvirk makes"
        ),
        "{report}"
    );
    assert!(
        report.contains("is under /oppfolging, which medvirk keeps for the follow-up of the cases"),
        "{report}"
    );
}

#[test]
fn a_page_at_the_address_of_the_advice_list_is_an_error_naming_both() {
    let site = TestSite::minimal();
    site.write(
        "content/rad.md",
        "+++\ntitle = \"Råd\"\n+++\nVår egen oversikt.\n",
    );
    let report = site.build_err();
    assert!(
        common::reports(
            &report,
            "content/rad.md: error: two pages have the address \"/rad/\": this one and the list of the council's advice, which medvirk makes"
        ),
        "{report}"
    );
    std::fs::remove_file(site.root().join("content/rad.md")).unwrap();
    site.write(
        "content/rad/eget.md",
        "+++\ntitle = \"Eget\"\n+++\nTekst.\n",
    );
    let report = site.build_err();
    assert!(
        report.contains("is under /rad, which medvirk keeps for the list of the council's advice"),
        "{report}"
    );
}
