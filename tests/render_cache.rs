//! `serve`'s rebuilds: a page whose inputs did not change is reused, not
//! rendered again, and the result is always what a fresh render makes,
//! whatever was edited, whether the cache was told which files changed or
//! had to look.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::TestSite;
use medvirk::{render_site, render_site_cached, BuildOptions, SiteCache};

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
        .map(|f| (f.path.clone(), f.bytes.to_vec()))
        .collect()
}

/// Renders with the cache and checks the result against a render without one.
fn cached(site: &TestSite, cache: &SiteCache) -> (usize, usize) {
    let with = render_site_cached(&options(site), cache).unwrap();
    let without = render_site(&options(site)).unwrap();
    assert!(
        files(&with) == files(&without),
        "a cached render differs from a fresh one"
    );
    cache.pages.counts()
}

#[test]
fn a_rebuild_renders_only_the_pages_an_edit_touches() {
    let site = TestSite::demo();
    let cache = SiteCache::default();
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
    let cache = SiteCache::default();
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

/// One edit of the sequence below: what it does, and the files it touched.
struct Edit {
    name: &'static str,
    apply: fn(&TestSite),
    touched: &'static [&'static str],
}

const NEW_CASE: &str = "content/moter/2024-2/sak-11-24.md";

#[test]
fn edits_of_every_kind_render_as_a_fresh_render_would() {
    edit_one_by_one(false);
}

/// The same with the search index in shards, which `serve` makes from the
/// documents of the meetings that changed and those it kept.
#[test]
fn edits_of_every_kind_index_as_a_fresh_build_would() {
    edit_one_by_one(true);
}

fn edit_one_by_one(split: bool) {
    let edits = [
        Edit {
            name: "a paragraph of a case",
            apply: |s| {
                s.replace(CASE, "samt når og hvordan", "samt når og hvordan (endret)");
            },
            touched: &[CASE],
        },
        Edit {
            name: "an input item's text",
            apply: |s| {
                s.replace(
                    "content/moter/2024-2/sak-07-24.md",
                    "Levekårsutjevning – viktig",
                    "Levekårsutjevning – svært viktig",
                );
            },
            touched: &["content/moter/2024-2/sak-07-24.md"],
        },
        Edit {
            name: "an input item's theme",
            apply: |s| {
                s.replace(
                    "content/moter/2024-2/sak-07-24.md",
                    "bro fra tjenestene {tema=frivillighet}",
                    "bro fra tjenestene {tema=helsekompetanse}",
                );
            },
            touched: &["content/moter/2024-2/sak-07-24.md"],
        },
        Edit {
            name: "a case's title",
            apply: |s| {
                s.replace(
                    CASE,
                    "title = \"Retningslinjer for utsatt innsyn",
                    "title = \"Nye retningslinjer for utsatt innsyn",
                );
            },
            touched: &[CASE],
        },
        Edit {
            name: "a case's themes, one of them new",
            apply: |s| {
                s.replace(
                    CASE,
                    "themes = [\"digitalisering\", ",
                    "themes = [\"prøvesvar\", ",
                );
            },
            touched: &[CASE],
        },
        Edit {
            name: "a meeting's agenda",
            apply: |s| {
                s.replace(
                    "content/moter/2024-2/_index.md",
                    "Velkommen v/Tone P. Torgersen",
                    "Velkommen",
                );
            },
            touched: &["content/moter/2024-2/_index.md"],
        },
        Edit {
            name: "a meeting's attendance",
            apply: |s| {
                s.replace(
                    "content/moter/2024-2/_index.md",
                    "organisation = \"ffo\"\nperson = \"arnfinn-aarnes\"",
                    "organisation = \"ffo\"\nstatus = \"avbud\"",
                );
            },
            touched: &["content/moter/2024-2/_index.md"],
        },
        Edit {
            name: "a new case",
            apply: |s| {
                let text = s.read_source("content/moter/2024-2/sak-10-24.md");
                s.write(NEW_CASE, &text.replacen("10/24", "11/24", 1));
            },
            touched: &[NEW_CASE],
        },
        Edit {
            name: "an earlier treatment",
            apply: |s| {
                s.replace(
                    "content/moter/2023-4/sak-14-23.md",
                    "Møte 20. september 2023: innspill",
                    "Møte 20. september 2023: mange innspill",
                );
            },
            touched: &["content/moter/2023-4/sak-14-23.md"],
        },
        Edit {
            name: "a removed case",
            apply: |s| {
                std::fs::remove_file(s.root().join(NEW_CASE)).unwrap();
            },
            touched: &[NEW_CASE],
        },
        Edit {
            name: "a new meeting with attendance, before all others",
            apply: |s| {
                add_meeting(s);
                s.replace(
                    NEW_MEETING,
                    "+++\nVelkommen.",
                    "[[attendance]]\norganisation = \"ffo\"\nperson = \"arnfinn-aarnes\"\n+++\nVelkommen.",
                );
            },
            touched: &[NEW_MEETING, NEW_MEETING_CASE],
        },
        Edit {
            name: "a case of an older meeting, after the new one",
            apply: |s| {
                s.replace(
                    "content/moter/2023-4/sak-14-23.md",
                    "Møte 20. september 2023: mange innspill",
                    "Møte 20. september 2023: svært mange innspill",
                );
            },
            touched: &["content/moter/2023-4/sak-14-23.md"],
        },
        Edit {
            name: "the new meeting removed",
            apply: |s| {
                std::fs::remove_dir_all(s.root().join("content/moter/2024-3")).unwrap();
            },
            touched: &[NEW_MEETING, NEW_MEETING_CASE],
        },
        Edit {
            name: "a paper's themes",
            apply: |s| {
                s.replace(
                    "content/innspill/helsereformutvalget-regionale-brukerutvalg.md",
                    "themes = [\"helsereform\", ",
                    "themes = [\"helsereform\", \"prøvesvar\", ",
                );
            },
            touched: &["content/innspill/helsereformutvalget-regionale-brukerutvalg.md"],
        },
        Edit {
            name: "an organisation's name",
            apply: |s| {
                s.replace(
                    "data/organisations.toml",
                    "name = \"Divisjon digital transformasjon\"",
                    "name = \"Divisjon for digitalisering\"",
                );
            },
            touched: &["data/organisations.toml"],
        },
        Edit {
            name: "a plain page's title",
            apply: |s| {
                s.replace(
                    "content/tilgjengelighet.md",
                    "title = \"Tilgjengelighetserklæring\"",
                    "title = \"Erklæring om tilgjengelighet\"",
                );
            },
            touched: &["content/tilgjengelighet.md"],
        },
    ];
    let site = TestSite::demo();
    if split {
        site.append("config.toml", "\n[search]\nsplit = \"always\"\n");
    }
    let cache = SiteCache::default();
    let (first, _) = cached(&site, &cache);
    for (i, edit) in edits.iter().enumerate() {
        (edit.apply)(&site);
        // Every other edit is told, as `serve`'s watcher does; the rest are found by looking.
        if i % 2 == 0 {
            let paths: Vec<PathBuf> = edit.touched.iter().map(PathBuf::from).collect();
            cache.changed(Some(&paths));
        }
        // As `serve` does: the pages first, the index when it is asked for.
        let mut with = medvirk::render_site_deferred(&options(&site), &cache).unwrap();
        assert!(
            with.index_deferred,
            "after {}: the index was made",
            edit.name
        );
        with.files
            .extend(cache.search_index().expect("an index").files);
        let without = render_site(&options(&site)).unwrap();
        let (rendered, reused) = cache.pages.counts();
        let (a, b) = (files(&with), files(&without));
        let differing: Vec<&String> = a
            .keys()
            .chain(b.keys())
            .filter(|k| a.get(*k) != b.get(*k))
            .collect();
        assert!(
            differing.is_empty(),
            "after {}: the rebuild differs from a fresh render in {differing:?}",
            edit.name
        );
        assert!(rendered > 0, "after {}: nothing was rendered", edit.name);
        if i == 0 {
            // Its page, and the follow-up pages of every year and of its
            // year, which read the case whole (its reply, its tags).
            assert!(
                rendered <= 3 && reused + rendered >= first,
                "a paragraph re-renders only its case's page: {rendered}"
            );
        }
    }
}

const NEW_MEETING: &str = "content/moter/2024-3/_index.md";
const NEW_MEETING_CASE: &str = "content/moter/2024-3/sak-12-24.md";

/// A meeting newer than every other, with one case that names an earlier
/// one and carries a theme the site has.
fn add_meeting(site: &TestSite) {
    site.write(
        NEW_MEETING,
        "+++\nnumber = 3\ndate = 2024-10-01\n\n[[agenda]]\ntime = \"10:00\"\ntext = \"Sak 12/24\"\ncase = \"12/24\"\n+++\nVelkommen.\n",
    );
    site.write(
        NEW_MEETING_CASE,
        "+++\nnumber = \"12/24\"\nkind = \"oppfølgingssak\"\ntitle = \"Forebygging, igjen\"\nthemes = [\"pårørende\"]\n\n[[earlier]]\ncase = \"07/24\"\nyear = 2024\n+++\n## Bakgrunn\n\nTekst.\n",
    );
}

/// The pages besides its own that show a meeting newer than all others
/// with a case like [`add_meeting`]'s: the lists of meetings (home, the
/// meetings page, the feed, the sitemap, the search page's years, the
/// follow-up pages that list every case and the years, the list of advice,
/// which reads every meeting), the
/// theme it carries and the list of themes with their counts, and the case
/// it names as earlier treatment; and the pages of the people who hold a seat
/// on its day, which say whether its attendance list names them.
const SHOWING_THE_NEWEST_MEETING: &[&str] = &[
    "/",
    "/atom.xml",
    "/moter/",
    "/moter/2024-2/sak-07-24/",
    "/oppfolging/",
    "/oppfolging/2023/",
    "/oppfolging/2024/",
    "/personer/anne-grethe-terjesen/",
    "/personer/annette-drangsholt/",
    "/personer/arnfinn-aarnes/",
    "/personer/asgeir-fagerli-langberg/",
    "/personer/bernt-aksel-jensen/",
    "/personer/haakon-steen/",
    "/personer/ingvild-kallevik/",
    "/personer/janne-skei/",
    "/personer/jannicke-bruvik/",
    "/personer/jon-kirkenes/",
    "/personer/marius-sjomaeling/",
    "/personer/marte-yri-evensen/",
    "/personer/ola-johan-basmo/",
    "/personer/rabia-musavi/",
    "/personer/sadia-jabeen-iqbal/",
    "/personer/signe-horn/",
    "/personer/sissel-karin-haavaag/",
    "/personer/stine-nissen/",
    "/personer/tone-poulsson-torgersen/",
    "/rad/",
    "/sitemap.xml",
    "/sok/",
    "/temaer/",
    "/temaer/parorende/",
];

#[test]
fn a_new_meeting_renders_its_own_pages_and_the_lists_that_show_it() {
    let site = TestSite::demo();
    let cache = SiteCache::default();
    let (first, _) = cached(&site, &cache);

    add_meeting(&site);
    let (rendered, reused) = cached(&site, &cache);
    let mut expected: Vec<&str> = SHOWING_THE_NEWEST_MEETING.to_vec();
    expected.extend(["/moter/2024-3/", "/moter/2024-3/sak-12-24/"]);
    expected.sort();
    assert_eq!(cache.pages.rendered_pages(), expected);
    let shown = SHOWING_THE_NEWEST_MEETING.len();
    assert_eq!((rendered, reused), (expected.len(), first - shown));
}

#[test]
fn a_meeting_removed_renders_only_the_lists_that_showed_it() {
    let site = TestSite::demo();
    add_meeting(&site);
    let cache = SiteCache::default();
    let (first, _) = cached(&site, &cache);

    std::fs::remove_dir_all(site.root().join("content/moter/2024-3")).unwrap();
    let (rendered, reused) = cached(&site, &cache);
    assert_eq!(cache.pages.rendered_pages(), SHOWING_THE_NEWEST_MEETING);
    // Its own two pages are gone; the rest but the lists are reused.
    let shown = SHOWING_THE_NEWEST_MEETING.len();
    assert_eq!((rendered, reused), (shown, first - 2 - shown));
}
