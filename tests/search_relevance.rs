//! The search's relevance on the demo: the judged queries of
//! `tests/search/judged.json` run through the search client (with Node, as a
//! browser would run it) on the demo's index, in both layouts; precision at 5
//! and recall must not drop below `tests/search/figures.json`.
//! `node benches/search-relevance.mjs --site public --verbose` shows each query.

mod common;

use std::path::Path;
use std::process::Command;

use common::TestSite;

/// Runs the relevance script on `site`'s build, checking the committed figures.
fn check(site: &TestSite) -> String {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("node")
        .arg(repo.join("benches/search-relevance.mjs"))
        .arg("--site")
        .arg(site.public())
        .arg("--check")
        .arg(repo.join("tests/search/figures.json"))
        .output()
        .expect("node runs (the search tests need Node 20, see README)");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn the_judged_queries_meet_the_committed_figures_in_both_layouts() {
    let split = TestSite::demo();
    split.build().expect("demo builds");
    assert!(split
        .public()
        .join("search_index.nb/manifest.json")
        .is_file());
    let report = check(&split);
    assert!(report.contains("meets the committed figures"), "{report}");

    let single = TestSite::demo();
    single.append("config.toml", "\n[search]\nsplit = \"never\"\n");
    single.build().expect("demo builds");
    assert!(single.public().join("search_index.nb.json").is_file());
    // Both layouts meet the figures; their rankings differ only where the
    // split layout's weights, kept in hundredths, tie.
    let again = check(&single);
    assert!(again.contains("meets the committed figures"), "{again}");
}

#[test]
fn the_judged_set_has_thirty_queries_each_with_documents_the_demo_indexes() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let judged: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo.join("tests/search/judged.json")).unwrap(),
    )
    .unwrap();
    let queries = judged["queries"].as_array().unwrap();
    assert!(queries.len() >= 30, "{} queries", queries.len());
    let site = TestSite::demo();
    site.build().expect("demo builds");
    for q in queries {
        let relevant = q["relevant"].as_array().unwrap();
        assert!(!relevant.is_empty(), "{q}");
        for url in relevant {
            let url = url.as_str().unwrap();
            // Every judged document exists: its page, and its anchor on it.
            let (page, anchor) = url.split_once('#').unwrap_or((url, ""));
            let html = site.read(&format!("{}index.html", page.trim_start_matches('/')));
            if !anchor.is_empty() {
                assert!(
                    common::attr_values(&html, "id")
                        .iter()
                        .any(|id| id == anchor),
                    "{url} has no anchor"
                );
            }
        }
    }
}
