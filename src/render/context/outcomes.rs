//! What came of the council's advice: the outcome a case page states near
//! its top (the agency's reply in the minutes, or that there is none), and
//! its "Hva skjedde videre" timeline (this meeting, later treatment, the
//! recorded follow-ups).

use chrono::Datelike;

use super::frame::Frame;
use super::refs::{CaseSummary, OrganisationRef, ThemeRef};
use super::{iso, template_type, Contexts, Shared};
use crate::model::{urls, CaseRef, FollowupStatus, SectionKind};
use crate::render::format::date_long;
use crate::render::incremental::{note, Dep};

template_type! {
    /// What is known of a case's outcome.
    struct Outcome {
        /// The agency the council advises (`agency` in `council.toml`), as
        /// named on the meeting's day; null when the council names none.
        agency: Option<OrganisationRef>,
        /// The section of the minutes with the agency's reply or summary;
        /// null when the minutes have none.
        reply: Option<ReplyLink>,
        /// The newest follow-up's status; null when none is recorded.
        status: Option<FollowupStatus>,
        /// "Delvis fulgt opp".
        status_label: Option<&'static str>,
        /// This meeting, later treatment and the follow-ups, oldest first.
        timeline: Vec<TimelineEntry>,
        /// The page of every case's follow-up.
        followups_path: &'static str,
    }
}

template_type! {
    /// One step of what happened to a case.
    struct TimelineEntry {
        /// `meeting` (this case's), `later` (a later case) or `followup`.
        kind: &'static str,
        /// ISO 8601.
        date: String,
        /// "5. juni 2024".
        date_text: String,
        /// The later case, for `later`.
        case: Option<Shared<CaseSummary>>,
        /// For `followup`.
        status: Option<FollowupStatus>,
        status_label: Option<&'static str>,
        text: Option<String>,
        /// A web address or a site path.
        source: Option<String>,
        /// The items it answers: anchors and labels ("3.2") on the case page.
        items: Vec<ItemLink>,
    }
}

template_type! {
    /// An input item of the case, named by a follow-up.
    struct ItemLink {
        anchor: String,
        label: String,
    }
}

template_type! {
    /// A section of the case's text with the agency's reply.
    struct ReplyLink {
        /// Its heading: "Tilbakemelding fra Helsedirektoratet".
        title: String,
        /// The heading's `id`.
        anchor: String,
    }
}

impl Contexts<'_> {
    /// The outcome of the case at `r`, as the minutes record it.
    pub(super) fn outcome(&self, r: CaseRef) -> Outcome {
        note(Dep::Case(r));
        note(Dep::Global);
        let site = self.site;
        let date = site.meetings[r.meeting].date;
        let reply = site
            .case(r)
            .body
            .sections
            .iter()
            .filter(|s| s.kind == SectionKind::Reply)
            .find_map(|s| s.heading.as_ref())
            .map(|h| ReplyLink {
                title: h.text.clone(),
                anchor: h.anchor.clone(),
            });
        let case = site.case(r);
        let m = &site.meetings[r.meeting];
        let entry = |kind, date| TimelineEntry {
            kind,
            date: iso(date),
            date_text: date_long(date),
            case: None,
            status: None,
            status_label: None,
            text: None,
            source: None,
            items: Vec::new(),
        };
        let mut timeline = vec![entry("meeting", m.date)];
        note(Dep::Later(r));
        for later in site.later.get(&r).map(Vec::as_slice).unwrap_or_default() {
            note(Dep::MeetingRef(later.meeting));
            timeline.push(TimelineEntry {
                case: Some(self.case_ref(*later)),
                ..entry("later", site.meetings[later.meeting].date)
            });
        }
        for f in &case.followups {
            timeline.push(TimelineEntry {
                status: Some(f.status),
                status_label: Some(f.status.label()),
                text: Some(f.text.clone()),
                source: f.source.clone(),
                items: f
                    .items
                    .iter()
                    .filter_map(|a| case.body.item(a))
                    .map(|i| ItemLink {
                        anchor: i.anchor.clone(),
                        label: i.label.clone(),
                    })
                    .collect(),
                ..entry("followup", f.date)
            });
        }
        // Stable: on one day the meeting comes before what followed it.
        timeline.sort_by(|a, b| a.date.cmp(&b.date));
        let status = case.followups.last().map(|f| f.status);
        Outcome {
            status,
            status_label: status.map(FollowupStatus::label),
            timeline,
            followups_path: urls::FOLLOWUPS,
            agency: site
                .council
                .agency
                .as_deref()
                .map(|a| self.org_ref_at(a, date)),
            reply,
        }
    }
}

#[cfg(test)]
pub(super) fn documented() -> Vec<super::TypeDoc> {
    super::documented![
        Outcome,
        ReplyLink,
        TimelineEntry,
        ItemLink,
        FollowupsContext,
        FollowupGroup,
        FollowupCase,
        YearFilter,
    ]
}

template_type! {
    /// The context of `followups.html`: every case by its follow-up status
    /// (`/oppfolging/`), or the cases of one year's meetings (`/oppfolging/2024/`).
    struct FollowupsContext {
        #[serde(flatten)]
        frame: Frame,
        /// The year the page is limited to; null on the page of every year.
        year: Option<i32>,
        /// The number of cases the page lists.
        count: usize,
        /// The year filter: every year first, then each year, newest first;
        /// each a page of its own, so it works without JavaScript.
        years: Vec<YearFilter>,
        /// One group per status in [`FollowupStatus::ALL`]'s order, then the
        /// cases with none ("Ingen oppfølging registrert"); empty groups left out.
        groups: Vec<FollowupGroup>,
        /// Themes of the cases listed, whose pages list their cases (`#saker`).
        themes: Vec<ThemeRef>,
        /// Organisations input to the cases listed is attributed to, whose
        /// pages list the outcomes of their input (`#utfall`).
        organisations: Vec<OrganisationRef>,
    }
}

template_type! {
    /// One choice of the follow-up page's year filter.
    struct YearFilter {
        /// "Alle år", or "2024".
        title: String,
        /// Null for every year.
        year: Option<i32>,
        path: String,
        /// The cases it lists.
        count: usize,
        /// It is the page being rendered.
        current: bool,
    }
}

template_type! {
    /// The cases of one follow-up status.
    struct FollowupGroup {
        /// `mottatt`, …, or `ingen` for the cases without follow-up.
        key: &'static str,
        /// "Delvis fulgt opp", or "Ingen oppfølging registrert".
        label: &'static str,
        cases: Vec<FollowupCase>,
    }
}

template_type! {
    /// A case with what is known of its outcome, as lists show it.
    struct FollowupCase {
        #[serde(flatten)]
        case: Shared<CaseSummary>,
        /// The year of its meeting.
        year: i32,
        /// The organisations its input items are attributed to.
        organisations: Vec<OrganisationRef>,
        /// The minutes hold the agency's reply.
        has_reply: bool,
        /// The newest follow-up's status; null when none is recorded.
        followup_status: Option<FollowupStatus>,
        followup_status_label: Option<&'static str>,
        /// The newest follow-up's date, ISO 8601 and "5. juni 2024".
        followup_date: Option<String>,
        followup_date_text: Option<String>,
    }
}

impl FollowupCase {
    /// The key of its group on the follow-up page.
    fn group(&self) -> &'static str {
        self.followup_status.map_or(NONE, FollowupStatus::key)
    }
}

/// The key of the group of cases without follow-up.
const NONE: &str = "ingen";

impl Contexts<'_> {
    /// A case as the follow-up page and an organisation's outcomes list it.
    pub(super) fn followup_case(&self, r: CaseRef) -> FollowupCase {
        note(Dep::Case(r));
        let site = self.site;
        let case = site.case(r);
        let m = &site.meetings[r.meeting];
        let mut organisations: Vec<&str> = case
            .body
            .tags
            .organisations
            .iter()
            .map(|(o, _)| o.as_str())
            .filter(|o| site.organisations.contains_key(*o))
            .collect();
        organisations.sort_unstable();
        organisations.dedup();
        let latest = case.followups.last();
        FollowupCase {
            case: self.case_ref(r),
            year: m.date.year(),
            organisations: organisations
                .into_iter()
                .map(|o| self.org_ref_at(o, m.date))
                .collect(),
            has_reply: case
                .body
                .sections
                .iter()
                .any(|s| s.kind == SectionKind::Reply),
            followup_status: latest.map(|f| f.status),
            followup_status_label: latest.map(|f| f.status.label()),
            followup_date: latest.map(|f| iso(f.date)),
            followup_date_text: latest.map(|f| date_long(f.date)),
        }
    }

    /// The follow-up page of every case (`year` null) or of one year's.
    pub(super) fn followups(&self, year: Option<i32>) -> FollowupsContext {
        let site = self.site;
        note(Dep::Meetings);
        (0..site.meetings.len()).for_each(|i| note(Dep::MeetingRef(i)));
        let title = "Saker og oppfølging";
        let frame = match year {
            None => self.frame(
                title,
                "Hva som kom ut av rådene: sakene etter status for oppfølging",
                urls::FOLLOWUPS,
                Vec::new(),
            ),
            Some(y) => self.frame(
                &format!("{title} {y}"),
                &format!(
                    "Hva som kom ut av rådene: sakene fra møtene i {y} etter status for oppfølging"
                ),
                &urls::followups_year(y),
                vec![(title.to_string(), urls::FOLLOWUPS.to_string())],
            ),
        };
        let in_year =
            |r: &CaseRef| year.map_or(true, |y| site.meetings[r.meeting].date.year() == y);
        let cases: Vec<FollowupCase> = site
            .all_cases()
            .filter(in_year)
            .map(|r| self.followup_case(r))
            .collect();
        let count_in = |y: Option<i32>| {
            site.meetings
                .iter()
                .filter(|m| y.map_or(true, |y| m.date.year() == y))
                .map(|m| m.cases.len())
                .sum()
        };
        let years = std::iter::once(None)
            .chain(site.meeting_years().into_iter().map(Some))
            .map(|y| YearFilter {
                title: y.map_or_else(|| "Alle år".to_string(), |y| y.to_string()),
                year: y,
                path: y.map_or_else(|| urls::FOLLOWUPS.to_string(), urls::followups_year),
                count: count_in(y),
                current: y == year,
            })
            .collect();
        let keys = FollowupStatus::ALL
            .iter()
            .map(|s| (s.key(), s.label()))
            .chain(std::iter::once((NONE, "Ingen oppfølging registrert")));
        let groups = keys
            .map(|(key, label)| FollowupGroup {
                key,
                label,
                cases: cases.iter().filter(|c| c.group() == key).cloned().collect(),
            })
            .filter(|g| !g.cases.is_empty())
            .collect();
        let mut themes: Vec<ThemeRef> = Vec::new();
        let mut organisations: Vec<OrganisationRef> = Vec::new();
        for c in &cases {
            for t in c.case.0.themes() {
                if !themes.iter().any(|x| x.slug() == t.slug()) {
                    themes.push(t.clone());
                }
            }
            for o in &c.organisations {
                if !organisations.iter().any(|x| x.id() == o.id()) {
                    organisations.push(o.clone());
                }
            }
        }
        themes.sort_by_key(|t| t.name().to_lowercase());
        organisations.sort_by_key(|o| o.name().to_lowercase());
        FollowupsContext {
            frame,
            year,
            count: cases.len(),
            years,
            groups,
            themes,
            organisations,
        }
    }
}
