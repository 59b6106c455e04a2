//! What a page read, and whether it changed: `serve`'s rebuilds render only
//! the pages whose inputs differ from the last render.
//!
//! While a page's context is built, every part of the site it reads is
//! noted as a [`Dep`] (by position, as the context functions find things;
//! matched between renders by id, see [`Changes`]).
//! A rebuild compares the new site with the last one part by part, once
//! ([`Changes`]), and a page is taken from the last render when its job is
//! the same and none of its parts changed: the context would be the same,
//! so the page is. Anything not noted would make a page go stale, so every
//! read of the site in `context` goes through a noting accessor, and
//! `tests/render_cache.rs` checks rebuilds against fresh renders.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use std::sync::Arc;

use super::renumber::Renumber;
use crate::model::body::Heading;
use crate::model::{Block, Case, CaseRef, Earlier, InputItem, Meeting, Section, SectionKind, Site};

use super::AssetPaths;

/// A part of the site a page's context read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum Dep {
    /// Settings, the council, the home page, sections, plain pages and the
    /// asset paths: what every page's frame shows.
    Global,
    /// Which meetings there are, in which order.
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
    /// Which themes there are, in which order.
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
    /// Which papers there are, in which order.
    Papers,
    /// One paper.
    Paper(usize),
    /// Every page's address, whether it is listed, and its date.
    SiteMap,
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

/// Which parts of the site differ between two renders.
///
/// Parts are matched by id, not position: a meeting by its address, a case
/// by its meeting and slug, a theme by its slug, a paper by its address. A
/// new meeting moves every older one down a place, and everything that
/// points at them by position (cases' earlier treatment, theme and
/// organisation lists) is renumbered before it is compared, so a page
/// that shows the same things is the same page. The flags are by position
/// in the new site; a kept page's parts are renumbered to match
/// ([`Changes::unchanged`]).
pub(super) struct Changes {
    renumber: Renumber,
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
    site_map: bool,
}

impl Changes {
    /// Compares `new` with `old`; a part only `new` has counts as changed.
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
        let renumber = Renumber::between(old, new);
        let back = Renumber::between(new, old);
        let r = &renumber;
        // The meeting at new position `i` last time, if it was there.
        let was = |i: usize| back.meetings[i].map(|o| &old.meetings[o]);
        // A meeting the model took from its cache is the same one: equal at a glance.
        let same = |i: usize| was(i).is_some_and(|o| std::sync::Arc::ptr_eq(o, &new.meetings[i]));
        let n = new.meetings.len();
        let differs = |i: usize, eq: &dyn Fn(&Meeting, &Meeting) -> bool| match was(i) {
            Some(o) => !same(i) && !eq(o, &new.meetings[i]),
            None => true,
        };
        let meeting_refs = (0..n).map(|i| differs(i, &meeting_ref_eq)).collect();
        let meeting = (0..n).map(|i| differs(i, &meeting_eq)).collect();
        let attendance = (0..n)
            .map(|i| differs(i, &|o, m| o.attendance == m.attendance))
            .collect();
        let cases = (0..n)
            .into_par_iter()
            .map(|i| {
                let m = &new.meetings[i];
                if same(i) && r.identity {
                    return vec![(false, false, false); m.cases.len()];
                }
                (0..m.cases.len())
                    .map(|c| {
                        let here = CaseRef {
                            meeting: i,
                            case: c,
                        };
                        let Some(o) = back.case(here).map(|o| old.case(o)) else {
                            return (true, true, true);
                        };
                        let n = &m.cases[c];
                        let head = case_head_eq(o, n, r);
                        let whole = head && o.body == n.body && o.attachments == n.attachments;
                        (!head, !whole, !items_eq(o, n))
                    })
                    .collect()
            })
            .collect();
        let later = if r.identity {
            differing(&old.later, &new.later)
        } else {
            new.all_cases()
                .filter(|here| {
                    let now = new.later.get(here);
                    let then = back
                        .case(*here)
                        .and_then(|o| old.later.get(&o))
                        .map(|list| r.all(list, |c| r.case(*c)));
                    match (now, then) {
                        (None, None) => false,
                        (Some(now), Some(Some(then))) => *now != then,
                        _ => true,
                    }
                })
                .collect()
        };
        let theme = (0..new.themes.len())
            .map(|i| {
                let Some(o) = back.themes[i].map(|o| &old.themes[o]) else {
                    return true;
                };
                let t = &new.themes[i];
                !(o.name == t.name
                    && o.slug == t.slug
                    && r.same_list(&o.cases, &t.cases, |c| r.case(*c))
                    && r.same_list(&o.papers, &t.papers, |p| r.papers[*p])
                    && r.same_list(&o.items, &t.items, |i| r.item(i)))
            })
            .collect();
        let paper = (0..new.papers.len())
            .map(|i| back.papers[i].map(|o| &old.papers[o]) != Some(&new.papers[i]))
            .collect();
        let organisation_links = changed_links(
            &old.organisation_links,
            &new.organisation_links,
            r,
            |o, n| {
                o.seats == n.seats
                    && o.members == n.members
                    && r.same_list(&o.attendance, &n.attendance, |a| r.attendance(a))
                    && r.same_list(&o.items, &n.items, |i| r.item(i))
                    && r.same_list(&o.papers, &n.papers, |p| r.papers[*p])
                    && r.same_list(&o.received, &n.received, |p| r.papers[*p])
                    && r.same_list(&o.cases, &n.cases, |c| r.case(*c))
            },
        );
        let person_links = changed_links(&old.person_links, &new.person_links, r, |o, n| {
            o.holdings == n.holdings
                && o.committees == n.committees
                && r.same_list(&o.attendance, &n.attendance, |a| r.attendance(a))
        });
        let site_map = old.site_map.len() != new.site_map.len()
            || old
                .site_map
                .iter()
                .zip(&new.site_map)
                .any(|(o, n)| o.path != n.path || o.listed != n.listed || o.date != n.date);
        Changes {
            global,
            meetings: !renumber.meetings_in_order,
            meeting_refs,
            meeting,
            attendance,
            cases,
            later,
            themes: !renumber.themes_in_order,
            theme,
            organisations: old.organisations != new.organisations,
            organisation_links,
            people: old.people != new.people,
            person_links,
            papers: !renumber.papers_in_order,
            paper,
            site_map,
            renumber,
        }
    }

    /// Whether `dep` (by position in the new site) differs.
    fn changed(&self, dep: &Dep) -> bool {
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
            Dep::SiteMap => self.site_map,
        }
    }

    /// The parts a page of the last render read, by position in the new
    /// site, if none of them changed (or went away).
    pub(super) fn unchanged(&self, deps: &Arc<[Dep]>) -> Option<Arc<[Dep]>> {
        if self.renumber.identity {
            return (!deps.iter().any(|d| self.changed(d))).then(|| Arc::clone(deps));
        }
        deps.iter()
            .map(|d| self.renumber.dep(d).filter(|d| !self.changed(d)))
            .collect()
    }

    /// Whether parts moved, so a kept page's parts must be renumbered.
    pub(super) fn renumbered(&self) -> bool {
        !self.renumber.identity
    }
}

/// The ids whose links differ, comparing renumbered old links with `eq`.
fn changed_links<V: PartialEq>(
    old: &BTreeMap<String, V>,
    new: &BTreeMap<String, V>,
    renumber: &Renumber,
    eq: impl Fn(&V, &V) -> bool,
) -> BTreeSet<String> {
    if renumber.identity {
        return differing(old, new);
    }
    old.keys()
        .chain(new.keys())
        .filter(|k| match (old.get(*k), new.get(*k)) {
            (Some(o), Some(n)) => !eq(o, n),
            (None, None) => false,
            _ => true,
        })
        .cloned()
        .collect()
}

/// The keys whose values differ between `a` and `b`, or that only one has.
fn differing<K: Ord + Clone, V: PartialEq>(a: &BTreeMap<K, V>, b: &BTreeMap<K, V>) -> BTreeSet<K> {
    a.keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect()
}

/// What [`Dep::MeetingRef`] covers: what a reference shows, and which
/// cases it has in which order (lists show its cases in that order).
fn meeting_ref_eq(a: &Meeting, b: &Meeting) -> bool {
    a.slug == b.slug
        && a.section == b.section
        && a.number == b.number
        && a.date == b.date
        && a.revised == b.revised
        && a.cases.len() == b.cases.len()
        && a.cases.iter().zip(&b.cases).all(|(x, y)| x.slug == y.slug)
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

/// What [`Dep::CaseHead`] covers: every field but the texts and the source
/// line; earlier treatments on this site compared after renumbering.
fn case_head_eq(a: &Case, b: &Case, r: &Renumber) -> bool {
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
        followups,
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
        && earlier_eq(earlier, &b.earlier, r)
        && *followups == b.followups
        && attachments.len() == b.attachments.len()
        && attachment_heads(a) == attachment_heads(b)
        && (*body == b.body || body.item_count() == b.body.item_count())
}

/// Whether the old earlier treatments `a`, renumbered, are `b`.
fn earlier_eq(a: &[Earlier], b: &[Earlier], r: &Renumber) -> bool {
    if r.identity {
        return a == b;
    }
    let renumbered = |e: &Earlier| match e {
        Earlier::Case {
            year,
            number,
            target,
            missing,
        } => Earlier::Case {
            year: *year,
            number: number.clone(),
            missing: missing.clone(),
            target: target.and_then(|(m, c)| {
                r.case(CaseRef {
                    meeting: m,
                    case: c,
                })
                .map(|t| (t.meeting, t.case))
            }),
        },
        other => other.clone(),
    };
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| renumbered(x) == *y)
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

/// What [`Dep::Items`] covers: each item as a reference to it shows it,
/// and where it sits (the section headings, the questions asked).
fn items_eq(a: &Case, b: &Case) -> bool {
    if a.body == b.body {
        return true;
    }
    fn place(s: &Section) -> (Option<&Heading>, SectionKind, Option<&Vec<Block>>) {
        let questions = (s.kind == SectionKind::Questions).then_some(&s.blocks);
        (s.heading.as_ref(), s.kind, questions)
    }
    if !a
        .body
        .sections
        .iter()
        .map(place)
        .eq(b.body.sections.iter().map(place))
    {
        return false;
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
