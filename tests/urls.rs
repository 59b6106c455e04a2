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
