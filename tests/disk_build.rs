//! `medvirk build --for-disk`: a copy of the site that works opened as
//! `file://`, every internal link relative to its page and naming a file.

mod common;

use std::path::Path;
use std::process::Command;

use common::TestSite;
use medvirk::model::html::attributes;

/// The attributes whose value is a URL the browser follows or loads.
const URL_ATTRIBUTES: [&str; 5] = ["href", "src", "action", "data-sok-js", "data-indeks"];

fn build_for_disk(site: &TestSite) {
    let status = Command::new(env!("CARGO_BIN_EXE_medvirk"))
        .args(["-q", "build", "--for-disk", "--root"])
        .arg(site.root())
        .status()
        .unwrap();
    assert!(status.success());
}

/// `%C3%B8` and the like decoded, as the browser does before opening a file.
fn percent_decoded(path: &str) -> String {
    let bytes = path.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap()
}

/// Every URL of `html` that points into the site: not another site, not a
/// place on the same page.
fn internal_urls(html: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for a in attributes(html) {
        if URL_ATTRIBUTES.contains(&a.name.as_str()) {
            urls.push(a.value);
        } else if a.name == "srcset" {
            urls.extend(
                a.value
                    .split(',')
                    .filter_map(|c| c.split_whitespace().next().map(String::from)),
            );
        }
    }
    urls.retain(|u| {
        let external = u.starts_with("//")
            || u.split(['/', '?', '#'])
                .next()
                .is_some_and(|s| s.contains(':'));
        !(external || u.starts_with('#') || u.starts_with('?'))
    });
    urls
}

#[test]
fn every_internal_link_of_the_disk_build_opens_a_file_relative_to_its_page() {
    let site = TestSite::demo();
    build_for_disk(&site);
    let public = site.public();
    let mut pages = 0;
    let mut checked = 0;
    for (rel, bytes) in site.files() {
        if !rel.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes).unwrap();
        let dir = public.join(&rel);
        let dir = dir.parent().unwrap();
        for url in internal_urls(&html) {
            assert!(
                !url.starts_with('/'),
                "{rel}: {url} is written from the site's root"
            );
            let path = url.split(['?', '#']).next().unwrap();
            let target = dir.join(percent_decoded(path));
            assert!(
                target.is_file(),
                "{rel}: {url} does not name a file ({})",
                target.display()
            );
            checked += 1;
        }
    }
    // The demo's every page, and many links on each.
    assert!(pages > 80, "only {pages} pages");
    assert!(
        checked > pages * 20,
        "only {checked} links in {pages} pages"
    );
}

#[test]
fn the_disk_build_names_each_page_and_asset_from_the_page_it_is_on() {
    let site = TestSite::demo();
    build_for_disk(&site);
    let meeting = std::fs::read_to_string(site.public().join("moter/2024-2/index.html")).unwrap();
    let urls = internal_urls(&meeting);
    // The stylesheet, fingerprinted, two folders up.
    assert!(
        urls.iter()
            .any(|u| u.starts_with("../../style.") && u.ends_with(".css")),
        "{urls:?}"
    );
    assert!(urls.iter().any(|u| u == "../../index.html"), "{urls:?}");
    assert!(urls.iter().any(|u| u == "../../sok/index.html"), "{urls:?}");
    // The feed and the sitemap keep their addresses on the web.
    let base = site
        .read_source("config.toml")
        .lines()
        .find_map(|l| {
            l.strip_prefix("base_url = \"")
                .map(|v| v.trim_end_matches('"').to_string())
        })
        .unwrap();
    for file in ["atom.xml", "sitemap.xml"] {
        let text = std::fs::read_to_string(site.public().join(file)).unwrap();
        assert!(
            text.contains(&format!("{}/moter/2024-2/", base.trim_end_matches('/'))),
            "{file} lost its absolute links"
        );
    }
}

#[test]
fn the_web_build_keeps_links_from_the_site_root() {
    let site = TestSite::demo();
    site.build().unwrap();
    let home = std::fs::read_to_string(site.public().join("index.html")).unwrap();
    let urls = internal_urls(&home);
    assert!(urls.iter().any(|u| u == "/moter/"), "{urls:?}");
    assert!(!urls.iter().any(|u| u.ends_with("index.html")), "{urls:?}");
    assert!(Path::new(&site.public().join("moter/index.html")).is_file());
}
