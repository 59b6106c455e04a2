//! The search index on whole fixture sites: what is indexed, both layouts,
//! the config switches and their errors. The client and the browser side are
//! tested in `tests/browser/search.mjs`.

mod common;

use std::collections::BTreeSet;

use common::TestSite;
use serde_json::Value;

fn json(site: &TestSite, rel: &str) -> Value {
    serde_json::from_str(&site.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn every_case_item_meeting_paper_and_organisation_is_a_document() {
    let site = TestSite::demo();
    site.append("config.toml", "\n[search]\nsplit = \"never\"\n");
    site.build().expect("demo builds");
    let index = json(&site, "search_index.nb.json");
    assert_eq!(
        index["pipeline"],
        serde_json::json!(["trimmer-no", "stopWordFilter-no", "stemmer-no"]),
        "nb maps to elasticlunr's Norwegian"
    );
    let docs = index["documentStore"]["docs"].as_object().expect("docs");
    let urls: BTreeSet<&str> = docs.values().map(|d| d["u"].as_str().unwrap()).collect();

    // Every input item on every case page is its own document, at its anchor.
    let mut items = 0;
    for (path, bytes) in site.files() {
        if !path.starts_with("moter/") || !path.ends_with("index.html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let page = format!("/{}", path.trim_end_matches("index.html"));
        for id in common::attr_values(&html, "id") {
            let is_item = id.strip_prefix("innspill-").is_some_and(|n| {
                !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '-')
            });
            if is_item {
                items += 1;
                let url = format!("{page}#{id}");
                assert!(urls.contains(url.as_str()), "{url} is not indexed");
            }
        }
    }
    assert!(items > 200, "the demo has {items} items");
    for url in [
        "/moter/2024-2/",
        "/moter/2024-2/sak-10-24/",
        "/moter/2024-2/sak-10-24/omradeplan-aktiv-innbygger/",
        "/innspill/helsereformutvalget-regionale-brukerutvalg/",
        "/organisasjoner/ffo/",
        "/tilgjengelighet/",
    ] {
        assert!(urls.contains(url), "{url} is not indexed");
    }

    // The store holds what a result shows, not the indexed text.
    let doc = docs.values().find(|d| d["k"] == "sak").expect("a case");
    let keys: BTreeSet<&str> = doc
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        BTreeSet::from(["t", "u", "k", "d", "c", "e", "th", "o", "x"])
    );
    assert!(doc["e"].as_str().unwrap().chars().count() <= 221);
    // "x", the text an excerpt is cut from around a match, only where the
    // excerpt is not already all of it.
    assert!(doc["x"].as_str().unwrap().chars().count() <= 3001);
    assert!(docs
        .values()
        .filter_map(|d| d.get("x"))
        .all(|x| x.as_str().unwrap().chars().count() > 220));
    assert_eq!(index["words"], "/search_index.nb.ord.json");
}

#[test]
fn an_item_indexes_its_own_text_and_inherits_its_case_weakly() {
    let site = TestSite::demo();
    site.append("config.toml", "\n[search]\nsplit = \"never\"\n");
    site.build().expect("demo builds");
    let index = json(&site, "search_index.nb.json");
    assert_eq!(
        index["fields"],
        serde_json::json!(["title", "body", "themes", "organisations", "context"])
    );
    let docs = index["documentStore"]["docs"].as_object().expect("docs");
    let doc_of = |url: &str| {
        docs.iter()
            .find(|(_, d)| d["u"] == url)
            .map(|(r, _)| r.clone())
            .unwrap_or_else(|| panic!("{url} is not indexed"))
    };
    // The term's postings in one field, by following the trie.
    let postings = |field: &str, term: &str| -> BTreeSet<String> {
        let mut node = &index["index"][field]["root"];
        for c in term.chars() {
            node = &node[c.to_string()];
        }
        node["docs"]
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    };
    // Item 1 of 07/24 says "helsekompetanse"; its case's title
    // ("Dreining mot en mer forebyggende …") is context, not title or body.
    let item = doc_of("/moter/2024-2/sak-07-24/#innspill-1");
    assert!(postings("body", "helsekompetans").contains(&item));
    assert!(postings("context", "forebygg").contains(&item));
    assert!(!postings("title", "forebygg").contains(&item));
    assert!(!postings("body", "forebygg").contains(&item));
    // The case's themes that the item is not tagged with are context too;
    // its own tag is a theme.
    assert!(postings("themes", "helsekompetans").contains(&item));
    assert!(postings("context", "frivil").contains(&item));
    assert!(!postings("themes", "frivil").contains(&item));
}

#[test]
fn the_word_list_offers_one_spelling_per_term() {
    let site = TestSite::demo();
    site.build().expect("demo builds");
    let words: Vec<String> =
        serde_json::from_value(json(&site, "search_index.nb.ord.json")).expect("a list of words");
    assert!(words.len() > 1000, "{} words", words.len());
    assert!(words.iter().any(|w| w == "pårørende"));
    assert!(
        !words.iter().any(|w| w == "pårørendes"),
        "one spelling per term"
    );
    assert!(!words.iter().any(|w| w == "ikke"), "no stop words");
    assert!(words.iter().all(|w| w.chars().all(char::is_alphabetic)));
}

#[test]
fn the_search_page_names_the_index_and_header_forms_lead_to_it() {
    let site = TestSite::demo();
    site.build().expect("demo builds");
    let page = site.read("sok/index.html");
    // The demo's index is past the single file's limit: split.
    assert_eq!(
        common::attr_values(&page, "data-indeks"),
        ["/search_index.nb/manifest.json"]
    );
    assert!(page.contains("Søket trenger JavaScript"));
    assert!(
        !page.contains(r#"id="topp-sok""#),
        "the search page has one search field"
    );
    let home = site.read("index.html");
    assert_eq!(common::attr_values(&home, "action"), ["/sok/"]);
    assert!(common::attr_values(&home, "name").contains(&"q".to_string()));
    let scripts = common::attr_values(&home, "src");
    assert!(
        scripts.iter().all(|s| s.starts_with("/sokefelt.")),
        "other pages load only the small loader: {scripts:?}"
    );
}

#[test]
fn split_layout_writes_a_manifest_shards_chunks_and_facets() {
    let site = TestSite::demo();
    site.append("config.toml", "\n[search]\nsplit = \"always\"\n");
    site.build().expect("builds");
    assert!(!site.public().join("search_index.nb.json").exists());
    let manifest = json(&site, "search_index.nb/manifest.json");
    let n = manifest["documents"].as_u64().unwrap() as usize;
    assert!(n > 250, "{n} documents");
    let chunk = manifest["chunk"].as_u64().unwrap() as usize;

    // Every shard the manifest names exists, and its terms start with its key.
    let mut terms = 0;
    for key in manifest["shards"].as_array().unwrap() {
        let key = key.as_str().unwrap();
        let hex: String = key.bytes().map(|b| format!("{b:02x}")).collect();
        let shard = json(&site, &format!("search_index.nb/t-{hex}.json"));
        for (term, postings) in shard.as_object().unwrap() {
            assert!(term.starts_with(key), "{term} in shard {key}");
            let list = postings.as_array().unwrap();
            assert_eq!(list.len() % 2, 1, "df, then gap/weight pairs");
            let docs: u64 = list[1..]
                .iter()
                .step_by(2)
                .map(|g| g.as_u64().unwrap())
                .sum();
            assert!((docs as usize) < n, "{term} points past the last document");
            terms += 1;
        }
    }
    assert!(terms > 1000, "{terms} terms");

    // Result data for every document, and the groups cover all of them in order.
    let chunks = n.div_ceil(chunk);
    for c in 0..chunks {
        let rows = json(&site, &format!("search_index.nb/d-{c}.json"));
        let expected = if c + 1 == chunks {
            n - c * chunk
        } else {
            chunk
        };
        assert_eq!(rows.as_array().unwrap().len(), expected);
        // A row says whether the document has an excerpt text, in its own file.
        for (i, row) in rows.as_array().unwrap().iter().enumerate() {
            let n = c * chunk + i;
            let text = site.public().join(format!("search_index.nb/x-{n}.json"));
            assert_eq!(row[6] == 1, text.is_file(), "document {n}");
            if row[6] == 1 {
                let texts = json(&site, &format!("search_index.nb/x-{n}.json"));
                assert!(texts[0].as_str().unwrap().chars().count() > 220);
            }
        }
    }
    let mut next = 0;
    for g in manifest["groups"].as_array().unwrap() {
        assert_eq!(g[2].as_u64().unwrap() as usize, next);
        next = g[3].as_u64().unwrap() as usize;
    }
    assert_eq!(next, n);
    assert!(site
        .public()
        .join("search_index.nb/f-t-parorende.json")
        .is_file());
    assert!(site.public().join("search_index.nb/f-o-ffo.json").is_file());
    assert_eq!(
        common::attr_values(&site.read("sok/index.html"), "data-indeks"),
        ["/search_index.nb/manifest.json"]
    );
}

#[test]
fn search_can_be_turned_off() {
    let site = TestSite::minimal();
    site.append("config.toml", "\n[search]\nindex = false\n");
    site.build().expect("builds");
    let files: Vec<String> = site.files().into_iter().map(|(p, _)| p).collect();
    assert!(
        !files
            .iter()
            .any(|f| f.starts_with("sok") || f.starts_with("search_index")),
        "{files:?}"
    );
    assert!(!site.read("index.html").contains("<script"));
}

#[test]
fn an_unknown_split_mode_is_located() {
    let site = TestSite::minimal();
    site.append("config.toml", "\n[search]\nsplit = \"sometimes\"\n");
    let report = site.build_err();
    assert!(
        common::reports(
            &report,
            "config.toml:7:9: error: unknown split mode \"sometimes\""
        ),
        "{report}"
    );
    assert!(report.contains("help: write \"auto\", \"always\" or \"never\""));
}

#[test]
fn a_language_search_cannot_stem_is_refused_with_a_way_out() {
    let site = TestSite::minimal();
    site.replace(
        "config.toml",
        "default_language = \"nb\"",
        "default_language = \"se\"",
    );
    let report = site.build_err();
    assert!(
        report.contains("search does not support the language \"se\""),
        "{report}"
    );
    assert!(report.contains("`[search] index = false`"));
    site.append("config.toml", "\n[search]\nindex = false\n");
    site.build().expect("builds without search");
}
