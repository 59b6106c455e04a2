//! The organisations index and an organisation's page: its names and
//! parents over time, its seats and their holders, and what it took part
//! in (attendance, input items, papers, cases).

use super::frame::Frame;
use super::outcomes::FollowupCase;
use super::refs::{
    AttendanceEntry, CaseSummary, ItemSummary, MeetingSummary, OrganisationRef, PaperRef,
    SeatHolding,
};
use super::{iso, template_type, Contexts, Shared};
use crate::model::{urls, AttendanceStatus, CaseRef, OrganisationKind};
use crate::render::format::date_long;
use crate::render::incremental::{note, Dep};

template_type! {
    /// The context of `organisations.html`.
    struct OrganisationsContext {
        #[serde(flatten)]
        frame: Frame,
        /// By kind, each sorted by name.
        groups: Vec<OrganisationGroup>,
    }
}

template_type! {
    /// The organisations of one kind.
    struct OrganisationGroup {
        kind: OrganisationKind,
        /// "Medlemsorganisasjoner".
        label: &'static str,
        organisations: Vec<OrganisationListed>,
    }
}

template_type! {
    /// An organisation in the index.
    struct OrganisationListed {
        #[serde(flatten)]
        organisation: OrganisationRef,
        /// It has held a seat in some term.
        has_seat: bool,
        umbrella: Option<OrganisationRef>,
    }
}

template_type! {
    /// The context of `organisation.html`.
    struct OrganisationContext {
        #[serde(flatten)]
        frame: Frame,
        organisation: OrganisationDetail,
        seats: Vec<SeatContext>,
        attendance: Vec<AttendanceEntry>,
        /// Input items attributed to it.
        items: Vec<ItemSummary>,
        /// Papers it wrote.
        papers: Vec<PaperRef>,
        /// Papers addressed to it.
        received: Vec<PaperRef>,
        /// Cases it submitted.
        cases: Vec<Shared<CaseSummary>>,
        /// The cases of its attributed input, with what came of them.
        outcomes: Vec<FollowupCase>,
        /// When no input is attributed to it: the meetings its
        /// representatives attended, each with the cases that had input.
        meetings_attended: Vec<AttendedMeeting>,
    }
}

template_type! {
    /// A meeting the organisation's representative attended, with the
    /// cases the council gave input on there.
    struct AttendedMeeting {
        meeting: Shared<MeetingSummary>,
        cases: Vec<Shared<CaseSummary>>,
    }
}

template_type! {
    /// All of an organisation.
    struct OrganisationDetail {
        #[serde(flatten)]
        organisation: OrganisationRef,
        kind: OrganisationKind,
        kind_label: &'static str,
        umbrella: Option<OrganisationRef>,
        parent: Option<OrganisationRef>,
        former_names: Vec<String>,
        /// Every parent it had, with the days; empty when it never moved.
        parents: Vec<ParentSpan>,
        website: Option<String>,
        description: Option<String>,
        /// Organisations seated through it.
        members: Vec<OrganisationRef>,
    }
}

template_type! {
    /// A span of days under one parent.
    struct ParentSpan {
        organisation: Option<OrganisationRef>,
        from: Option<String>,
        from_iso: Option<String>,
        to: Option<String>,
        to_iso: Option<String>,
    }
}

template_type! {
    /// A seat the organisation held, with its history.
    struct SeatContext {
        id: String,
        /// The seat has a name of its own, not the organisation's id.
        named: bool,
        term: String,
        label: Option<String>,
        term_start: Option<String>,
        term_end: Option<String>,
        /// The day a seat created during the term began.
        created: Option<String>,
        created_iso: Option<String>,
        /// The day a seat ended during the term.
        ended: Option<String>,
        ended_iso: Option<String>,
        note: Option<String>,
        first_organisation: OrganisationRef,
        moves: Vec<SeatMoveContext>,
        holders: Vec<SeatHolding>,
    }
}

template_type! {
    /// The seat passed from one organisation to another.
    struct SeatMoveContext {
        organisation: OrganisationRef,
        from_organisation: OrganisationRef,
        from: String,
        from_iso: String,
        label: Option<String>,
        note: Option<String>,
    }
}

impl Contexts<'_> {
    pub(super) fn organisations(&self) -> OrganisationsContext {
        let site = self.site;
        let frame = self.frame(
            "Organisasjoner",
            "Organisasjonene i brukerrådet og andre aktører",
            urls::ORGANISATIONS,
            Vec::new(),
        );
        note(Dep::Organisations);
        let mut groups: Vec<OrganisationGroup> = Vec::new();
        let mut orgs: Vec<_> = site.organisations.values().collect();
        orgs.sort_by_key(|o| (o.kind, o.name.to_lowercase()));
        for o in orgs {
            let v = OrganisationListed {
                organisation: self.org_ref(&o.id),
                has_seat: site.council.has_any_seat(&o.id),
                umbrella: o.umbrella.as_deref().map(|u| self.org_ref(u)),
            };
            match groups.last_mut() {
                Some(g) if g.kind == o.kind => g.organisations.push(v),
                _ => groups.push(OrganisationGroup {
                    kind: o.kind,
                    label: kind_plural(o.kind),
                    organisations: vec![v],
                }),
            }
        }
        OrganisationsContext { frame, groups }
    }

    pub(super) fn organisation(&self, id: &str) -> OrganisationContext {
        note(Dep::Organisations);
        note(Dep::OrganisationLinks(id.to_string()));
        let site = self.site;
        let o = &site.organisations[id];
        let links = &site.organisation_links[id];
        let path = urls::organisation(id);
        let frame = self.frame(
            &o.name,
            o.description.as_deref().unwrap_or(""),
            &path,
            vec![("Organisasjoner".into(), urls::ORGANISATIONS.into())],
        );
        // Every parent it had, with the days: a unit that moved says where it was.
        let mut parents = Vec::new();
        if !o.parents.changes.is_empty() {
            let mut from = None;
            let mut parent = o.parents.first.as_deref();
            for change in &o.parents.changes {
                let to = change.from.pred_opt();
                parents.push(ParentSpan {
                    organisation: parent.map(|p| self.org_ref_at(p, to.unwrap_or(change.from))),
                    from: from.map(date_long),
                    from_iso: from.map(iso),
                    to: to.map(date_long),
                    to_iso: to.map(iso),
                });
                from = Some(change.from);
                parent = change.value.as_deref();
            }
            parents.push(ParentSpan {
                organisation: parent.map(|p| self.org_ref(p)),
                from: from.map(date_long),
                from_iso: from.map(iso),
                to: None,
                to_iso: None,
            });
        }
        let organisation = OrganisationDetail {
            organisation: self.org_ref(id),
            kind: o.kind,
            kind_label: o.kind.label(),
            umbrella: o.umbrella.as_deref().map(|u| self.org_ref(u)),
            parent: o.parent.as_deref().map(|u| self.org_ref(u)),
            former_names: o.names.earlier().into_iter().cloned().collect(),
            parents,
            website: o.website.clone(),
            description: o.description.clone(),
            members: links.members.iter().map(|m| self.org_ref(m)).collect(),
        };
        let seats = links
            .seats
            .iter()
            .map(|si| {
                let s = &site.council.seats[*si];
                let term = site.council.terms.iter().find(|t| t.id == s.term);
                SeatContext {
                    id: s.id.clone(),
                    named: s.id != s.organisation,
                    term: s.term.clone(),
                    label: s.label.clone(),
                    term_start: term.map(|t| date_long(t.start)),
                    term_end: term.map(|t| date_long(t.end)),
                    created: s.created.then(|| date_long(s.from)),
                    created_iso: s.created.then(|| iso(s.from)),
                    ended: s.ended.then(|| date_long(s.to)),
                    ended_iso: s.ended.then(|| iso(s.to)),
                    note: s.note.clone(),
                    first_organisation: self.org_ref(&s.organisation),
                    moves: s
                        .moves
                        .iter()
                        .enumerate()
                        .map(|(i, m)| SeatMoveContext {
                            organisation: self.org_ref(&m.organisation),
                            from_organisation: self.org_ref(if i == 0 {
                                &s.organisation
                            } else {
                                &s.moves[i - 1].organisation
                            }),
                            from: date_long(m.from),
                            from_iso: iso(m.from),
                            label: m.label.clone(),
                            note: m.note.clone(),
                        })
                        .collect(),
                    holders: s.holders.iter().map(|h| self.holding(s, h)).collect(),
                }
            })
            .collect();
        let mut outcome_cases: Vec<CaseRef> = links.items.iter().map(|i| i.case).collect();
        outcome_cases.dedup();
        let mut attended: Vec<usize> = Vec::new();
        if links.items.is_empty() {
            for a in &links.attendance {
                note(Dep::Attendance(a.meeting));
                let m = &site.meetings[a.meeting];
                let row = if a.observer {
                    &m.attendance.observers[a.row]
                } else {
                    &m.attendance.seats[a.row]
                };
                if row.status == AttendanceStatus::Present && !attended.contains(&a.meeting) {
                    attended.push(a.meeting);
                }
            }
        }
        let meetings_attended = attended
            .into_iter()
            .map(|mi| AttendedMeeting {
                meeting: self.meeting_ref(mi),
                cases: (0..site.meetings[mi].cases.len())
                    .map(|ci| CaseRef {
                        meeting: mi,
                        case: ci,
                    })
                    .filter(|r| site.case(*r).body.item_count() > 0)
                    .map(|r| self.case_ref(r))
                    .collect(),
            })
            .collect();
        OrganisationContext {
            outcomes: outcome_cases
                .into_iter()
                .map(|r| self.followup_case(r))
                .collect(),
            meetings_attended,
            frame,
            organisation,
            seats,
            attendance: links
                .attendance
                .iter()
                .map(|r| self.attendance_ref(r))
                .collect(),
            items: links.items.iter().map(|r| self.item_ref(r)).collect(),
            papers: links.papers.iter().map(|p| self.paper_ref(*p)).collect(),
            received: links.received.iter().map(|p| self.paper_ref(*p)).collect(),
            cases: links.cases.iter().map(|r| self.case_ref(*r)).collect(),
        }
    }
}

fn kind_plural(kind: OrganisationKind) -> &'static str {
    use OrganisationKind::*;
    match kind {
        Member => "Medlemsorganisasjoner",
        Umbrella => "Paraplyorganisasjoner",
        AppointingBody => "Oppnevnende instanser",
        Agency => "Etaten",
        AgencyUnit => "Enheter i etaten",
        Observer => "Observatører",
        External => "Andre organer",
    }
}

#[cfg(test)]
pub(super) fn documented() -> Vec<super::TypeDoc> {
    super::documented![
        OrganisationsContext,
        OrganisationGroup,
        OrganisationListed,
        OrganisationContext,
        OrganisationDetail,
        ParentSpan,
        SeatContext,
        SeatMoveContext,
        AttendedMeeting,
    ]
}
