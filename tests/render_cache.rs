//! `serve`'s rebuilds: a page whose inputs did not change is reused, not
//! rendered again, and the result is always what a fresh render makes.

mod common;

use std::collections::BTreeMap;

use common::TestSite;
use medvirk::render::RenderCache;
use medvirk::{render_site, render_site_cached, BuildOptions};

const CASE: &str = "content/moter/2024-2/sak-09-24.md";

fn options(site: &TestSite) -> BuildOptions {
    BuildOptions {
        root: site.root().to_path_buf(),
        output_dir: None,
        base_url: None,
    }
}

fn files(site: &medvirk::RenderedSite) -> BTreeMap<String, Vec<u8>> {
    site.files
        .iter()
        .map(|f| (f.path.clone(), f.bytes.clone()))
        .collect()
}

/// Renders with the cache and checks the result against a render without one.
fn cached(site: &TestSite, cache: &RenderCache) -> (usize, usize) {
    let with = render_site_cached(&options(site), cache).unwrap();
    let without = render_site(&options(site)).unwrap();
    assert!(
        files(&with) == files(&without),
        "a cached render differs from a fresh one"
    );
    cache.counts()
}

#[test]
fn a_rebuild_renders_only_the_pages_an_edit_touches() {
    let site = TestSite::demo();
    let cache = RenderCache::default();
    let (first, reused) = cached(&site, &cache);
    assert_eq!(reused, 0);
    assert!(first > 80, "every page is rendered the first time: {first}");

    let (rendered, reused) = cached(&site, &cache);
    assert_eq!((rendered, reused), (0, first), "nothing changed");

    site.replace(CASE, "samt når og hvordan", "samt når og hvordan (endret)");
    let (rendered, reused) = cached(&site, &cache);
    assert!(rendered > 0, "the edited case is rendered");
    assert!(
        rendered < first / 4,
        "one edited case re-renders {rendered} of {first} pages"
    );
    assert_eq!(rendered + reused, first);
}

#[test]
fn a_template_or_data_change_renders_everything_again() {
    let site = TestSite::demo();
    let cache = RenderCache::default();
    let (first, _) = cached(&site, &cache);

    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Borte</h1>{% endblock %}",
    );
    let (rendered, _) = cached(&site, &cache);
    assert_eq!(rendered, first, "templates can be shared by every page");

    site.replace(
        "data/tilgjengelighetstest.json",
        "\"failed\": 0,",
        "\"failed\": 0 ,",
    );
    let (rendered, _) = cached(&site, &cache);
    assert_eq!(rendered, first, "load_data() may read any data file");
}
