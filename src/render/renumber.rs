//! Where each part of one site is in another: `serve` compares a rebuild
//! with the last render by id, and what points at a part by position (a
//! case's earlier treatment, a theme's cases, a page's noted parts) is
//! renumbered before it is compared or kept.

use rustc_hash::FxHashMap;

use super::incremental::Dep;
use crate::model::{AttendanceRef, CaseRef, ItemRef, Meeting, Site};

/// Where each part of one site is in another, matched by id; `None` where
/// the other site lacks it.
pub(super) struct Renumber {
    /// Every part is where it was: nothing needs renumbering.
    pub(super) identity: bool,
    /// The same meetings in the same order.
    pub(super) meetings_in_order: bool,
    /// The same themes in the same order.
    pub(super) themes_in_order: bool,
    /// The same papers in the same order.
    pub(super) papers_in_order: bool,
    pub(super) meetings: Vec<Option<usize>>,
    /// By meeting and case: the case's position in the other site.
    pub(super) cases: Vec<Vec<Option<CaseRef>>>,
    pub(super) themes: Vec<Option<usize>>,
    pub(super) papers: Vec<Option<usize>>,
}

impl Renumber {
    /// Where each part of `from` is in `to`.
    pub(super) fn between(from: &Site, to: &Site) -> Renumber {
        // Ids borrowed, not copied: this runs on every rebuild of `serve`.
        fn meeting_ids(s: &Site) -> Vec<(&str, &str)> {
            s.meetings
                .iter()
                .map(|m| (m.section.as_str(), m.slug.as_str()))
                .collect()
        }
        fn case_slugs(m: &Meeting) -> Vec<&str> {
            m.cases.iter().map(|c| c.slug.as_str()).collect()
        }
        fn theme_slugs(s: &Site) -> Vec<&str> {
            s.themes.iter().map(|t| t.slug.as_str()).collect()
        }
        fn paper_paths(s: &Site) -> Vec<&str> {
            s.papers.iter().map(|p| p.path.as_str()).collect()
        }
        let meetings = positions(&meeting_ids(from), &meeting_ids(to));
        let cases: Vec<Vec<Option<CaseRef>>> = from
            .meetings
            .iter()
            .zip(&meetings)
            .map(|(m, there)| match there {
                Some(t) => positions(&case_slugs(m), &case_slugs(&to.meetings[*t]))
                    .into_iter()
                    .map(|c| c.map(|case| CaseRef { meeting: *t, case }))
                    .collect(),
                None => vec![None; m.cases.len()],
            })
            .collect();
        let themes = positions(&theme_slugs(from), &theme_slugs(to));
        let papers = positions(&paper_paths(from), &paper_paths(to));
        let in_place = |list: &[Option<usize>], len: usize| {
            list.len() == len && list.iter().enumerate().all(|(i, t)| *t == Some(i))
        };
        let meetings_in_order = in_place(&meetings, to.meetings.len());
        let themes_in_order = in_place(&themes, to.themes.len());
        let papers_in_order = in_place(&papers, to.papers.len());
        let cases_in_place = cases.iter().enumerate().all(|(mi, list)| {
            list.len() == to.meetings.get(mi).map_or(0, |m| m.cases.len())
                && list.iter().enumerate().all(|(ci, t)| {
                    *t == Some(CaseRef {
                        meeting: mi,
                        case: ci,
                    })
                })
        });
        Renumber {
            identity: meetings_in_order && cases_in_place && themes_in_order && papers_in_order,
            meetings_in_order,
            themes_in_order,
            papers_in_order,
            meetings,
            cases,
            themes,
            papers,
        }
    }

    pub(super) fn case(&self, r: CaseRef) -> Option<CaseRef> {
        *self.cases.get(r.meeting)?.get(r.case)?
    }

    pub(super) fn item(&self, r: &ItemRef) -> Option<ItemRef> {
        Some(ItemRef {
            case: self.case(r.case)?,
            anchor: r.anchor.clone(),
        })
    }

    pub(super) fn attendance(&self, r: &AttendanceRef) -> Option<AttendanceRef> {
        Some(AttendanceRef {
            meeting: (*self.meetings.get(r.meeting)?)?,
            ..*r
        })
    }

    /// Every element of `list` renumbered, or `None` if one is gone.
    pub(super) fn all<T>(&self, list: &[T], f: impl Fn(&T) -> Option<T>) -> Option<Vec<T>> {
        list.iter().map(f).collect()
    }

    /// Whether `old`, renumbered with `f`, is `new`.
    pub(super) fn same_list<T: PartialEq>(
        &self,
        old: &[T],
        new: &[T],
        f: impl Fn(&T) -> Option<T>,
    ) -> bool {
        if self.identity {
            return old == new;
        }
        old.len() == new.len() && old.iter().zip(new).all(|(o, n)| f(o).as_ref() == Some(n))
    }

    /// `dep` renumbered, or `None` if what it names is gone.
    pub(super) fn dep(&self, dep: &Dep) -> Option<Dep> {
        let meeting = |i: &usize| *self.meetings.get(*i)?;
        Some(match dep {
            Dep::MeetingRef(i) => Dep::MeetingRef(meeting(i)?),
            Dep::Meeting(i) => Dep::Meeting(meeting(i)?),
            Dep::Attendance(i) => Dep::Attendance(meeting(i)?),
            Dep::CaseHead(r) => Dep::CaseHead(self.case(*r)?),
            Dep::Case(r) => Dep::Case(self.case(*r)?),
            Dep::Items(r) => Dep::Items(self.case(*r)?),
            Dep::Later(r) => Dep::Later(self.case(*r)?),
            Dep::Theme(i) => Dep::Theme((*self.themes.get(*i)?)?),
            Dep::Paper(i) => Dep::Paper((*self.papers.get(*i)?)?),
            other => other.clone(),
        })
    }
}

/// Where each of `from` is in `to`.
fn positions<K: Eq + std::hash::Hash + Copy>(from: &[K], to: &[K]) -> Vec<Option<usize>> {
    if from == to {
        return (0..from.len()).map(Some).collect();
    }
    let at: FxHashMap<K, usize> = to.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    from.iter().map(|k| at.get(k).copied()).collect()
}
