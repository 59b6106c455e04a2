//! The template API pinned: the context of one page of each kind, of the
//! demo site and of the council-over-time fixture, as JSON snapshots.
//!
//! A template reads exactly this JSON, so a change here changes what site
//! authors program against; review it with `cargo insta review`.

use std::path::Path;

use super::Contexts;
use crate::model::urls::{PageKind, SitePage};
use crate::model::Site;
use crate::render::{AssetPaths, SearchAssets};
use crate::search::Layout;

/// The validated site at `root` (relative to the repository).
fn site(root: &str) -> Site {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(root);
    let sources = crate::load::load(&root).expect("the site loads");
    crate::model::build(&sources).expect("the site is valid")
}

/// Asset paths that do not follow the theme's files, so a change to the
/// stylesheet or the search client does not touch these snapshots.
fn assets() -> AssetPaths {
    AssetPaths {
        css: "/style.css".into(),
        items: "/innspill.js".into(),
        background: "/bakgrunn.js".into(),
        search: Some(SearchAssets {
            client: "/sok.js".into(),
            field: "/sokefelt.js".into(),
            index: "/search_index.nb.json".into(),
            layout: Layout::Single,
        }),
    }
}

/// The kind's name, for the snapshot's.
fn kind_name(kind: &PageKind) -> &'static str {
    match kind {
        PageKind::Home => "home",
        PageKind::Meetings => "meetings",
        PageKind::Meeting(_) => "meeting",
        PageKind::Case(_) => "case",
        PageKind::Attachment(..) => "attachment",
        PageKind::Papers => "papers",
        PageKind::Paper(_) => "paper",
        PageKind::Page(_) => "page",
        PageKind::Themes => "themes",
        PageKind::Theme(_) => "theme",
        PageKind::Organisations => "organisations",
        PageKind::Organisation(_) => "organisation",
        PageKind::People => "people",
        PageKind::Person(_) => "person",
        PageKind::Followups => "followups",
        PageKind::FollowupsYear(_) => "followups_year",
        PageKind::Advice => "advice",
        PageKind::NotFound => "not_found",
        PageKind::Search => "search",
        PageKind::Feed => "feed",
        PageKind::Sitemap => "sitemap",
    }
}

/// The context of `page` as the templates get it.
fn context(ctx: &Contexts<'_>, page: &SitePage) -> serde_json::Value {
    crate::render::page_context(&page.kind, ctx).into_json()
}

/// Pins the context of the page at each of `paths` of the site at `root`.
fn pin(root: &str, prefix: &str, paths: &[&str]) {
    let site = site(root);
    let assets = assets();
    let ctx = Contexts::new(&site, &assets);
    let mut names: Vec<String> = Vec::new();
    for path in paths {
        let page = site
            .site_map
            .iter()
            .find(|p| p.path == *path)
            .unwrap_or_else(|| panic!("{root} has no page {path}"));
        let json = serde_json::to_string_pretty(&context(&ctx, page)).expect("serialises");
        let kind = format!("{prefix}_{}", kind_name(&page.kind));
        let n = names.iter().filter(|k| **k == kind).count();
        names.push(kind.clone());
        let name = match n {
            0 => kind,
            n => format!("{kind}_{}", n + 1),
        };
        insta::with_settings!({ description => *path, omit_expression => true }, {
            insta::assert_snapshot!(name, json);
        });
    }
}

#[test]
fn every_kind_of_page_of_the_demo_has_its_context() {
    let site = site(".");
    let paths = PINNED_DEMO;
    // One page of every kind the demo has, so no kind goes unpinned.
    let mut pinned: Vec<&str> = paths
        .iter()
        .map(|p| {
            let page = site.site_map.iter().find(|s| s.path == *p);
            kind_name(&page.unwrap_or_else(|| panic!("no page {p}")).kind)
        })
        .collect();
    pinned.sort_unstable();
    pinned.dedup();
    let mut kinds: Vec<&str> = site.site_map.iter().map(|p| kind_name(&p.kind)).collect();
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(pinned, kinds, "pin a page of every kind");
    pin(".", "demo", PINNED_DEMO);
}

/// A page of each kind of the demo, the fullest of its kind where they differ.
const PINNED_DEMO: &[&str] = &[
    "/",
    "/moter/",
    "/moter/2023-4/",
    "/moter/2023-4/sak-14-23/",
    "/moter/2024-2/sak-10-24/",
    "/moter/2024-2/sak-10-24/omradeplan-aktiv-innbygger/",
    "/innspill/",
    "/innspill/helsereformutvalget-regionale-brukerutvalg/",
    "/tilgjengelighet/",
    "/temaer/",
    "/oppfolging/",
    "/oppfolging/2024/",
    "/rad/",
    "/temaer/digitalisering/",
    "/organisasjoner/",
    "/organisasjoner/ffo/",
    "/organisasjoner/lin/",
    "/personer/",
    "/personer/tone-poulsson-torgersen/",
    "/404.html",
    "/sok/",
    "/atom.xml",
    "/sitemap.xml",
];

#[test]
fn pages_of_a_council_over_time_have_their_context() {
    pin(
        "tests/sites/council-over-time",
        "over_time",
        PINNED_OVER_TIME,
    );
}

/// Seats moved, ended and created, renamed people and units, a case not
/// discussed, a revised agenda.
const PINNED_OVER_TIME: &[&str] = &[
    "/moter/2025-1/",
    "/moter/2025-1/sak-13-24/",
    "/moter/2024-1/sak-01-24/",
    "/organisasjoner/",
    "/organisasjoner/avdeling-x/",
    "/organisasjoner/funksjonsforeningen/",
    "/organisasjoner/pasientforeningen/",
    "/personer/",
    "/personer/eva-strand/",
    "/personer/ola-nordmann/",
];
