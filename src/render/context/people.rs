//! The people index and a person's page: names and positions over time,
//! seats held, committees, attendance and attributed input.

use super::frame::Frame;
use super::refs::{
    AttendanceEntry, ItemSummary, MeetingSummary, OrganisationRef, PersonRef, SeatHolding,
};
use super::{iso, template_type, Contexts, Shared};
use crate::model::{urls, SeatRole};
use crate::render::format::date_long;
use crate::render::incremental::{note, Dep};

template_type! {
    /// The context of `people.html`.
    struct PeopleContext {
        #[serde(flatten)]
        frame: Frame,
        /// Everyone with a page of their own, by name.
        people: Vec<PersonListed>,
    }
}

template_type! {
    /// A person in the index.
    struct PersonListed {
        #[serde(flatten)]
        person: PersonRef,
        seats: Vec<SeatHeld>,
    }
}

template_type! {
    /// A seat someone held, in short.
    struct SeatHeld {
        organisation: OrganisationRef,
        role: SeatRole,
        role_label: &'static str,
        term: String,
    }
}

template_type! {
    /// The context of `person.html`.
    struct PersonContext {
        #[serde(flatten)]
        frame: Frame,
        person: PersonDetail,
        holdings: Vec<SeatHolding>,
        committees: Vec<CommitteeSeat>,
        attendance: Vec<AttendanceEntry>,
        /// Meetings held while they held a seat whose attendance list does not name them ("Ikke oppført").
        not_listed: Vec<Shared<MeetingSummary>>,
        /// Input items attributed to them.
        items: Vec<ItemSummary>,
    }
}

template_type! {
    /// All of a person.
    struct PersonDetail {
        #[serde(flatten)]
        person: PersonRef,
        former_names: Vec<String>,
        titles: Vec<TitleSpan>,
        /// A position without dates.
        undated_title: Option<String>,
    }
}

template_type! {
    /// A position held for a span of days.
    struct TitleSpan {
        title: String,
        from: Option<String>,
        from_iso: Option<String>,
        to: Option<String>,
        to_iso: Option<String>,
    }
}

template_type! {
    /// A place on a committee.
    struct CommitteeSeat {
        name: String,
        short_name: Option<String>,
        term: String,
        /// "leder".
        role: Option<String>,
    }
}

impl Contexts<'_> {
    pub(super) fn people(&self) -> PeopleContext {
        let site = self.site;
        let frame = self.frame(
            "Representanter",
            "Medlemmer og varamedlemmer i brukerrådet",
            urls::PEOPLE,
            Vec::new(),
        );
        note(Dep::People);
        let mut people: Vec<PersonListed> = site
            .people
            .values()
            .filter(|p| {
                note(Dep::PersonLinks(p.id.clone()));
                site.has_person_page(&p.id)
            })
            .map(|p| PersonListed {
                person: self.person_ref(&p.id),
                seats: site.person_links[&p.id]
                    .holdings
                    .iter()
                    .map(|(si, hi)| {
                        let s = &site.council.seats[*si];
                        let h = &s.holders[*hi];
                        SeatHeld {
                            organisation: self.org_ref(s.organisation_at(h.from)),
                            role: h.role,
                            role_label: h.role.label(),
                            term: s.term.clone(),
                        }
                    })
                    .collect(),
            })
            .collect();
        people.sort_by(|a, b| a.person.name().cmp(b.person.name()));
        PeopleContext { frame, people }
    }

    pub(super) fn person(&self, id: &str) -> PersonContext {
        note(Dep::People);
        note(Dep::PersonLinks(id.to_string()));
        let site = self.site;
        let p = &site.people[id];
        let links = &site.person_links[id];
        let path = urls::person(id);
        let frame = self.frame(
            &p.name,
            "",
            &path,
            vec![("Representanter".into(), urls::PEOPLE.into())],
        );
        let person = PersonDetail {
            person: self.person_ref(id),
            former_names: p.names.earlier().into_iter().cloned().collect(),
            titles: p
                .titles
                .iter()
                .map(|t| TitleSpan {
                    title: t.title.clone(),
                    from: t.from.map(date_long),
                    from_iso: t.from.map(iso),
                    to: t.to.map(date_long),
                    to_iso: t.to.map(iso),
                })
                .collect(),
            undated_title: p.undated_title.clone(),
        };
        PersonContext {
            frame,
            person,
            holdings: links
                .holdings
                .iter()
                .map(|(si, hi)| {
                    let s = &site.council.seats[*si];
                    self.holding(s, &s.holders[*hi])
                })
                .collect(),
            committees: links
                .committees
                .iter()
                .map(|(ci, mi)| {
                    let c = &site.council.committees[*ci];
                    CommitteeSeat {
                        name: c.name.clone(),
                        short_name: c.short_name.clone(),
                        term: c.term.clone(),
                        role: c.members[*mi].role.clone(),
                    }
                })
                .collect(),
            attendance: links
                .attendance
                .iter()
                .map(|r| self.attendance_ref(r))
                .collect(),
            not_listed: self.not_listed(links),
            items: links.items.iter().map(|r| self.item_ref(r)).collect(),
        }
    }

    /// The meetings of a person's seat-holding days that list them nowhere:
    /// a fact to show beside the rows that do, never a rate.
    fn not_listed(&self, links: &crate::model::PersonLinks) -> Vec<Shared<MeetingSummary>> {
        let site = self.site;
        note(Dep::Meetings);
        (0..site.meetings.len())
            .filter(|&mi| {
                let date = site.meetings[mi].date;
                let held = links.holdings.iter().any(|(si, hi)| {
                    let seat = &site.council.seats[*si];
                    seat.exists_on(date) && seat.holders[*hi].holds_on(date)
                });
                held && !links.attendance.iter().any(|r| r.meeting == mi)
            })
            .map(|mi| {
                note(Dep::Attendance(mi));
                self.meeting_ref(mi)
            })
            .collect()
    }
}

#[cfg(test)]
pub(super) fn documented() -> Vec<super::TypeDoc> {
    super::documented![
        PeopleContext,
        PersonListed,
        SeatHeld,
        PersonContext,
        PersonDetail,
        TitleSpan,
        CommitteeSeat,
    ]
}
