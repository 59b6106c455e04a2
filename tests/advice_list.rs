//! The list of the council's advice (`/rad/`): every input item of the site,
//! once, linked to its anchor on its case page.

mod common;

use common::{attr_values, text_of, TestSite};

/// Every item of `data/ankre.toml`: (its case page, its anchor, its text).
fn recorded_items(site: &TestSite) -> Vec<(String, String, String)> {
    let record: toml::Value =
        toml::from_str(&site.read_source("data/ankre.toml")).expect("the anchor record parses");
    let mut out = Vec::new();
    for case in record["case"].as_array().expect("cases") {
        let file = case["file"].as_str().expect("a file");
        let page = format!(
            "/{}/",
            file.trim_start_matches("content/").trim_end_matches(".md")
        );
        for item in case["items"].as_array().expect("items") {
            out.push((
                page.clone(),
                item["anchor"].as_str().expect("an anchor").to_string(),
                item["text"].as_str().expect("a text").to_string(),
            ));
        }
    }
    out
}

#[test]
fn every_input_item_of_the_demo_is_listed_once_and_linked_to_its_anchor() {
    let site = TestSite::demo();
    site.build().expect("the demo builds");
    let items = recorded_items(&site);
    assert_eq!(items.len(), 216, "the demo's items");
    let html = site.read("rad/index.html");
    let text = text_of(&html);
    let links = attr_values(&html, "href");
    // An item's number is its link; the case's "N innspill" links its section.
    assert_eq!(
        html.matches("rad-nr").count(),
        items.len(),
        "one number per item, no more"
    );
    for (page, anchor, item_text) in &items {
        let target = format!("{page}#{anchor}");
        assert_eq!(
            links.iter().filter(|h| **h == target).count(),
            1,
            "{target} is linked once"
        );
        let case = site.read(&format!("{}index.html", page.trim_start_matches('/')));
        assert!(
            attr_values(&case, "id").iter().any(|id| id == anchor),
            "{page} has the anchor {anchor}"
        );
        assert!(
            text.contains(&text_of(item_text)),
            "the text of {target} is shown: {item_text}"
        );
    }
    // One h1; each meeting an h2, each case an h3 linked to its page.
    assert_eq!(html.matches("<h1").count(), 1);
    assert_eq!(html.matches("<h2").count(), 2, "the demo's two meetings");
    assert!(text.contains("Sak 07/24 Dreining mot en mer forebyggende"));
    assert!(links.iter().any(|h| h == "/moter/2024-2/sak-07-24/"));
    // Newest meeting first.
    let newest = html.find("5. juni 2024").expect("meeting 2/2024");
    let older = html.find("Møte 4/2023").expect("meeting 4/2023");
    assert!(newest < older, "newest meeting first");
    // In the menu and the sitemap, not in the search index.
    let home = site.read("index.html");
    assert!(attr_values(&home, "href").iter().any(|h| h == "/rad/"));
    assert!(site.read("sitemap.xml").contains("/rad/"));
    let index: Vec<(String, Vec<u8>)> = site
        .files()
        .into_iter()
        .filter(|(path, _)| path.starts_with("search_index."))
        .collect();
    assert!(
        index
            .iter()
            .any(|(_, b)| String::from_utf8_lossy(b).contains("/moter/")),
        "the demo's index names its pages"
    );
    for (path, bytes) in &index {
        assert!(
            !String::from_utf8_lossy(bytes).contains("/rad/"),
            "{path}: the index holds no list page"
        );
    }
}

#[test]
fn a_new_item_of_a_case_is_listed_after_a_rebuild() {
    let site = TestSite::minimal();
    site.build().expect("the site builds");
    let before = text_of(&site.read("rad/index.html"));
    assert!(!before.contains("Et helt nytt råd om ventetid"), "{before}");
    site.append(
        "content/moter/2026-1/sak-01-26.md",
        "\n## Innspill fra Brukerrådet (tillegg)\n\n- Et helt nytt råd om ventetid\n",
    );
    site.build().expect("the site builds again");
    let html = site.read("rad/index.html");
    let at = html
        .find("Et helt nytt råd om ventetid")
        .expect("the new item is listed");
    let link = attr_values(&html[..at], "href")
        .pop()
        .expect("a link before it");
    let (page, anchor) = link.split_once('#').expect("a link to an anchor");
    assert_eq!(page, "/moter/2026-1/sak-01-26/");
    let case = site.read("moter/2026-1/sak-01-26/index.html");
    assert!(
        attr_values(&case, "id").iter().any(|id| id == anchor),
        "the case page has {anchor}"
    );
    assert!(site
        .read_source("data/ankre.toml")
        .contains(&format!("anchor = \"{anchor}\"")));
}
