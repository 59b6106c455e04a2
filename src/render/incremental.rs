//! What a page read, and whether it changed: `serve`'s rebuilds render only
//! the pages whose inputs differ from the last render.
//!
//! While a page's context is built, every part of the site it reads is
//! noted as a [`Dep`] (by position, as the context functions find things).
//! A rebuild compares the new site with the last one part by part, once
//! ([`Changes`]), and a page is taken from the last render when its job is
//! the same and none of its parts changed: the context would be the same,
//! so the page is. Anything not noted would make a page go stale, so every
//! read of the site in `context` goes through a noting accessor, and
//! `tests/render_cache.rs` checks rebuilds against fresh renders.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Case, CaseRef, InputItem, Meeting, Site};

use super::AssetPaths;

/// A part of the site a page's context read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Dep {
    /// Settings, the council, the home page, sections, plain pages and the
    /// asset paths: what every page's frame shows.
    Global,
    /// How many meetings there are.
    Meetings,
    /// What a reference to a meeting shows: number, date, path, case count.
    MeetingRef(usize),
    /// All of a meeting but its cases and attendance.
    Meeting(usize),
    /// A meeting's attendance.
    Attendance(usize),
    /// All of a case but its texts: what lists and the sitemap show.
    CaseHead(CaseRef),
    /// All of a case.
    Case(CaseRef),
    /// A case's input items as references show them.
    Items(CaseRef),
    /// The cases that name a case as earlier treatment.
    Later(CaseRef),
    /// How many themes there are.
    Themes,
    /// One theme with its lists.
    Theme(usize),
    /// Every organisation (bodies name them, so one edit reaches far).
    Organisations,
    /// What points at one organisation.
    OrganisationLinks(String),
    /// Every person.
    People,
    /// What points at one person.
    PersonLinks(String),
    /// How many papers there are.
    Papers,
    /// One paper.
    Paper(usize),
}

thread_local! {
    /// The parts read by the context being built on this thread, when noted.
    static READ: RefCell<Option<Vec<Dep>>> = const { RefCell::new(None) };
}

/// Notes that the context being built read `dep` (nothing when not noting).
pub(super) fn note(dep: Dep) {
    READ.with(|read| {
        if let Some(list) = read.borrow_mut().as_mut() {
            list.push(dep);
        }
    });
}

/// Runs `build` and returns what it read, each part once.
pub(super) fn noting<T>(build: impl FnOnce() -> T) -> (T, Vec<Dep>) {
    READ.with(|read| *read.borrow_mut() = Some(Vec::new()));
    let value = build();
    let mut deps = READ
        .with(|read| read.borrow_mut().take())
        .unwrap_or_default();
    deps.sort_unstable();
    deps.dedup();
    (value, deps)
}

/// Which parts of the site differ between two renders, by position.
pub(super) struct Changes {
    global: bool,
    meetings: bool,
    meeting_refs: Vec<bool>,
    meeting: Vec<bool>,
    attendance: Vec<bool>,
    /// Per case: (head, whole, items).
    cases: Vec<Vec<(bool, bool, bool)>>,
    later: BTreeSet<CaseRef>,
    themes: bool,
    theme: Vec<bool>,
    organisations: bool,
    organisation_links: BTreeSet<String>,
    people: bool,
    person_links: BTreeSet<String>,
    papers: bool,
    paper: Vec<bool>,
}

impl Changes {
    /// Compares `new` with `old`; positions only `new` has count as changed.
    pub(super) fn between(
        old: &Site,
        old_assets: &AssetPaths,
        new: &Site,
        new_assets: &AssetPaths,
    ) -> Changes {
        use rayon::prelude::*;
        let global = old.config != new.config
            || old.council != new.council
            || old.home != new.home
            || old.meetings_section != new.meetings_section
            || old.papers_section != new.papers_section
            || old.pages != new.pages
            || old_assets != new_assets;
        // A meeting the model took from its cache is the same one: equal at a glance.
        let same = |i: usize| {
            old.meetings
                .get(i)
                .is_some_and(|o| std::sync::Arc::ptr_eq(o, &new.meetings[i]))
        };
        let n = new.meetings.len();
        let differs = |i: usize, eq: fn(&Meeting, &Meeting) -> bool| match old.meetings.get(i) {
            Some(o) => !same(i) && !eq(o, &new.meetings[i]),
            None => true,
        };
        let meeting_refs = (0..n).map(|i| differs(i, meeting_ref_eq)).collect();
        let meeting = (0..n).map(|i| differs(i, meeting_eq)).collect();
        let attendance = (0..n)
            .map(|i| differs(i, |o, m| o.attendance == m.attendance))
            .collect();
        let cases = (0..n)
            .into_par_iter()
            .map(|i| {
                let m = &new.meetings[i];
                if same(i) {
                    return vec![(false, false, false); m.cases.len()];
                }
                (0..m.cases.len())
                    .map(|c| {
                        let Some(o) = old.meetings.get(i).and_then(|o| o.cases.get(c)) else {
                            return (true, true, true);
                        };
                        let n = &m.cases[c];
                        (!case_head_eq(o, n), o != n, !items_eq(o, n))
                    })
                    .collect()
            })
            .collect();
        let later = differing(&old.later, &new.later);
        Changes {
            global,
            meetings: old.meetings.len() != n,
            meeting_refs,
            meeting,
            attendance,
            cases,
            later,
            themes: old.themes.len() != new.themes.len(),
            theme: (0..new.themes.len())
                .map(|i| old.themes.get(i) != Some(&new.themes[i]))
                .collect(),
            organisations: old.organisations != new.organisations,
            organisation_links: differing(&old.organisation_links, &new.organisation_links),
            people: old.people != new.people,
            person_links: differing(&old.person_links, &new.person_links),
            papers: old.papers.len() != new.papers.len(),
            paper: (0..new.papers.len())
                .map(|i| old.papers.get(i) != Some(&new.papers[i]))
                .collect(),
        }
    }

    /// Whether `dep` differs; a position the new site lacks counts as changed.
    pub(super) fn changed(&self, dep: &Dep) -> bool {
        let case = |r: &CaseRef| {
            self.cases
                .get(r.meeting)
                .and_then(|m| m.get(r.case))
                .copied()
                .unwrap_or((true, true, true))
        };
        let at = |list: &Vec<bool>, i: usize| list.get(i).copied().unwrap_or(true);
        match dep {
            Dep::Global => self.global,
            Dep::Meetings => self.meetings,
            Dep::MeetingRef(i) => at(&self.meeting_refs, *i),
            Dep::Meeting(i) => at(&self.meeting, *i),
            Dep::Attendance(i) => at(&self.attendance, *i),
            Dep::CaseHead(r) => case(r).0,
            Dep::Case(r) => case(r).1,
            Dep::Items(r) => case(r).2,
            Dep::Later(r) => self.later.contains(r),
            Dep::Themes => self.themes,
            Dep::Theme(i) => at(&self.theme, *i),
            Dep::Organisations => self.organisations,
            Dep::OrganisationLinks(id) => self.organisation_links.contains(id),
            Dep::People => self.people,
            Dep::PersonLinks(id) => self.person_links.contains(id),
            Dep::Papers => self.papers,
            Dep::Paper(i) => at(&self.paper, *i),
        }
    }
}

/// The keys whose values differ between `a` and `b`, or that only one has.
fn differing<K: Ord + Clone, V: PartialEq>(a: &BTreeMap<K, V>, b: &BTreeMap<K, V>) -> BTreeSet<K> {
    a.keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}

/// What [`Dep::MeetingRef`] covers.
fn meeting_ref_eq(a: &Meeting, b: &Meeting) -> bool {
    a.slug == b.slug
        && a.section == b.section
        && a.number == b.number
        && a.date == b.date
        && a.revised == b.revised
        && a.cases.len() == b.cases.len()
}

/// What [`Dep::Meeting`] covers: every field but the cases, the attendance
/// and the source line (which no page shows).
fn meeting_eq(a: &Meeting, b: &Meeting) -> bool {
    let Meeting {
        slug,
        section,
        number,
        date,
        start,
        end,
        place,
        chair,
        minute_takers,
        agenda,
        revised,
        decisions,
        body,
        cases,
        attendance: _,
        source: _,
    } = a;
    *slug == b.slug
        && *section == b.section
        && *number == b.number
        && *date == b.date
        && *start == b.start
        && *end == b.end
        && *place == b.place
        && *chair == b.chair
        && *minute_takers == b.minute_takers
        && *agenda == b.agenda
        && *revised == b.revised
        && *decisions == b.decisions
        && *body == b.body
        && cases.len() == b.cases.len()
}

/// What [`Dep::CaseHead`] covers: every field but the texts and the source line.
fn case_head_eq(a: &Case, b: &Case) -> bool {
    let Case {
        slug,
        number,
        was,
        kind,
        status,
        status_note,
        title,
        description,
        submitted_by,
        themes,
        body,
        attachments,
        earlier,
        source: _,
    } = a;
    fn attachment_heads(case: &Case) -> Vec<AttachmentHead<'_>> {
        case.attachments
            .iter()
            .map(|x| {
                (
                    &x.title,
                    &x.kind,
                    &x.file,
                    x.text.as_ref().map(|(slug, _)| slug),
                )
            })
            .collect()
    }
    *slug == b.slug
        && *number == b.number
        && *was == b.was
        && *kind == b.kind
        && *status == b.status
        && *status_note == b.status_note
        && *title == b.title
        && *description == b.description
        && *submitted_by == b.submitted_by
        && *themes == b.themes
        && *earlier == b.earlier
        && attachments.len() == b.attachments.len()
        && attachment_heads(a) == attachment_heads(b)
        && (*body == b.body || body.item_count() == b.body.item_count())
}

type AttachmentHead<'a> = (
    &'a String,
    &'a Option<String>,
    &'a Option<(String, u64)>,
    Option<&'a String>,
);

type ItemShown<'a> = (
    &'a String,
    &'a String,
    &'a String,
    &'a Option<String>,
    bool,
    &'a Vec<String>,
    &'a Vec<String>,
);

/// What [`Dep::Items`] covers: each item as a reference to it shows it.
fn items_eq(a: &Case, b: &Case) -> bool {
    if a.body == b.body {
        return true;
    }
    fn shown(item: &InputItem) -> ItemShown<'_> {
        (
            &item.anchor,
            &item.label,
            &item.text,
            &item.group,
            item.raised_by_many,
            &item.organisations,
            &item.themes,
        )
    }
    let a: Vec<_> = a.body.items().into_iter().map(shown).collect();
    let b: Vec<_> = b.body.items().into_iter().map(shown).collect();
    a == b
}
