//! Soft hyphens in headings, and nowhere else (issue 17, "Reading order"):
//! the demo built end to end, and a fixture case with a long title and a
//! Markdown table.

mod common;

use common::{text_of, TestSite};

const SHY: char = '\u{AD}';

fn demo() -> &'static TestSite {
    TestSite::built_demo()
}

/// The text between `open` and `close`, for each place `open` occurs.
fn all_between<'a>(html: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    html.split(open)
        .skip(1)
        .map(|rest| rest.split(close).next().unwrap_or(rest))
        .collect()
}

#[test]
fn the_kreftforeningen_heading_carries_soft_hyphens_and_its_title_none() {
    let html = demo().read("organisasjoner/kreftforeningen/index.html");
    let h1 = all_between(&html, "<h1", "</h1>");
    assert_eq!(h1.len(), 1, "one h1");
    assert!(h1[0].contains(&format!("Kreft{SHY}")), "{}", h1[0]);
    assert_eq!(h1[0].replace(SHY, "").matches("Kreftforeningen").count(), 1);
    let title = all_between(&html, "<title>", "</title>");
    assert!(title[0].contains("Kreftforeningen"), "{}", title[0]);
    // The page reads the same without its soft hyphens.
    assert!(text_of(&html).contains("Kreftforeningen"));
}

#[test]
fn no_soft_hyphen_in_titles_attributes_feed_sitemap_or_search_index() {
    let mut hyphenated = 0;
    let mut index_files = 0;
    for (path, bytes) in demo().files() {
        index_files += usize::from(path.contains("search_index"));
        let text = String::from_utf8_lossy(&bytes);
        if !text.contains(SHY) {
            continue;
        }
        assert!(
            path.ends_with(".html"),
            "{path} holds a soft hyphen (only pages may)"
        );
        hyphenated += 1;
        for title in all_between(&text, "<title>", "</title>") {
            assert!(!title.contains(SHY), "{path}: <title>{title}</title>");
        }
        // Everything inside a tag: names and attribute values.
        for tag in text
            .split('<')
            .skip(1)
            .map(|t| t.split('>').next().unwrap_or(t))
        {
            assert!(!tag.contains(SHY), "{path}: <{tag}>");
        }
        // Running text is not hyphenated, only headings and titles.
        for paragraph in all_between(&text, "<p>", "</p>") {
            assert!(!paragraph.contains(SHY), "{path}: <p>{paragraph}</p>");
        }
    }
    assert!(hyphenated > 20, "{hyphenated} pages with soft hyphens");
    assert!(index_files > 0, "the demo has a search index");
}

#[test]
fn a_long_case_title_is_hyphenated_and_a_markdown_table_scrolls_in_a_region() {
    let site = TestSite::minimal();
    let case = "content/moter/2026-1/sak-01-26.md";
    site.replace(
        case,
        "title = \"Eksempelsak\"",
        "title = \"Pårørendeorganisasjonenes tilbakemelding\"",
    );
    site.append(
        case,
        "\n\n| Tiltak | Ansvarlig virksomhet |\n|---|---|\n| Brukermedvirkning | Helsedirektoratet |\n",
    );
    site.build().expect("builds");
    let html = site.read("moter/2026-1/sak-01-26/index.html");
    let h1 = all_between(&html, "<h1", "</h1>")[0];
    assert!(h1.contains(SHY), "{h1}");
    assert!(h1
        .replace(SHY, "")
        .contains("Pårørendeorganisasjonenes tilbakemelding"));
    let title = all_between(&html, "<title>", "</title>")[0];
    assert!(
        title.contains("Pårørendeorganisasjonenes tilbakemelding"),
        "{title}"
    );
    // The table scrolls in a focusable region named by its headers; its
    // data cells are not hyphenated (only headings and header cells are).
    let before_table = &html[..html.find("<table>").expect("a table")];
    let wrapper = &before_table[before_table.rfind("<div").expect("in a div")..];
    for attribute in [
        "aria-label=\"Tabell: Tiltak, Ansvarlig virksomhet\"",
        "class=tabell-ramme",
        "role=region",
        "tabindex=0",
    ] {
        let quoted = attribute.replace('=', "=\"") + "\"";
        assert!(
            wrapper.contains(attribute) || wrapper.contains(&quoted),
            "{attribute} in {wrapper}"
        );
    }
    assert!(html.contains("<td>Brukermedvirkning"), "{html}");
}
