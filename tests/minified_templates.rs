//! Templates minified once give the pages that minifying every page gives.
//!
//! `minify_html = true` minifies the templates as they are loaded and leaves
//! the pages as rendered; these tests render a site both ways and compare
//! the pages after minifying both, so a template the minifier misreads (and
//! the page it would break) shows up as a difference.

mod common;

use common::TestSite;
use medvirk::BuildOptions;

fn options(site: &TestSite) -> BuildOptions {
    BuildOptions {
        root: site.root().to_path_buf(),
        output_dir: None,
        base_url: None,
    }
}

/// Every HTML page of `site`, rendered with minified templates and with the
/// templates as written, each minified afterwards: (path, via minified
/// templates, via raw templates).
fn both_ways(site: &TestSite) -> Vec<(String, Vec<u8>, Vec<u8>)> {
    let options = options(site);
    let small = medvirk::render_site(&options).expect("renders with minified templates");
    assert!(
        !small.minify_html,
        "the theme's templates are minified, so the pages need not be"
    );
    // First, so that it cannot land in a table at the end of the file.
    let config = std::fs::read_to_string(site.root().join("config.toml")).expect("config");
    site.write("config.toml", &format!("minify_html = false\n{config}"));
    let raw = medvirk::render_site(&options).expect("renders with raw templates");
    assert!(!raw.minify_html);
    let mut pages = Vec::new();
    for file in small.files.iter().filter(|f| f.path.ends_with(".html")) {
        let other = raw
            .files
            .iter()
            .find(|f| f.path == file.path)
            .unwrap_or_else(|| panic!("{} rendered both ways", file.path));
        assert_ne!(
            file.bytes, other.bytes,
            "{} differs before minifying",
            file.path
        );
        pages.push((
            file.path.clone(),
            medvirk::render::minify(&file.bytes),
            medvirk::render::minify(&other.bytes),
        ));
    }
    pages
}

#[test]
fn demo_pages_are_the_same_as_when_every_page_is_minified() {
    let pages = both_ways(&TestSite::demo());
    assert!(pages.len() > 50, "{} pages", pages.len());
    for (path, small, raw) in pages {
        assert!(small == raw, "{path} differs once minified");
    }
}

#[test]
fn a_site_template_the_minifier_would_misread_makes_every_page_minified() {
    let site = TestSite::minimal();
    site.write(
        "templates/case.html",
        "{% extends \"base.html\" %}{% block content %}<h1 {% if case.title %}class=\"t\"{% endif %}>{{ case.title }}</h1>{% endblock content %}",
    );
    let options = options(&site);
    let rendered = medvirk::render_site(&options).expect("renders");
    assert!(rendered.minify_html, "pages are minified one by one");
    let report = site.build().expect("builds");
    let case = site
        .files()
        .into_iter()
        .find(|(path, _)| path.starts_with("moter/") && path.matches('/').count() == 3)
        .map(|(_, bytes)| String::from_utf8(bytes).unwrap())
        .expect("a case page");
    assert!(case.contains("<h1 class=t>"), "{case}");
    assert!(!case.contains("\n<"), "the page was minified: {case}");
    assert!(report.pages > 0);
}

#[test]
fn serve_gives_the_bytes_build_writes_when_pages_are_minified_one_by_one() {
    let site = TestSite::minimal();
    site.write(
        "templates/case.html",
        "{% extends \"base.html\" %}{% block content %}<h1 {% if case.title %}class=\"t\"{% endif %}>{{ case.title }}</h1>{% endblock content %}",
    );
    site.build().expect("builds");
    let written = site.files();
    let cache = medvirk::SiteCache::default();
    let served = medvirk::render_site_cached(&options(&site), &cache).expect("renders");
    assert!(served.minify_html, "the case template cannot be minified");
    let pages: Vec<_> = served
        .files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .collect();
    assert!(pages.len() > 3, "{} pages", pages.len());
    for file in pages {
        let on_disk = written
            .iter()
            .find(|(path, _)| *path == file.path)
            .unwrap_or_else(|| panic!("{} was written", file.path));
        assert!(
            on_disk.1 == *file.bytes,
            "{} differs between build and serve",
            file.path
        );
    }
}
