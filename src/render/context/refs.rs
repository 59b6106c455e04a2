//! References: the small objects lists are made of (an organisation, a
//! person, a theme, a meeting, a case, an input item, a paper, an
//! attendance row, a seat holding).
//!
//! Each is made by one constructor on [`Contexts`], which notes the parts of
//! the site the reference shows; the fields are private to this module, so
//! a page cannot show one without its note.

use super::{iso, template_type, Contexts, Shared};
use crate::model::{
    urls, AttendanceRef, AttendanceStatus, CaseKind, CaseRef, CaseStatus, Holding, ItemRef, Seat,
    SeatAttendance, SeatRole,
};
use crate::render::format::{date_long, file_size, file_type};
use crate::render::incremental::{note, Dep};

template_type! {
    /// An organisation, as named at the time the page is about.
    struct OrganisationRef {
        id: String,
        name: String,
        /// Left out for an organisation the registry does not know.
        #[serde(skip_serializing_if = "Option::is_none")]
        short_name: Option<Option<String>>,
        /// Null for an organisation the registry does not know.
        path: Option<String>,
    }
}

template_type! {
    /// A person, as named (and with the position held) at the time the
    /// page is about.
    struct PersonRef {
        id: String,
        name: String,
        title: Option<String>,
        /// Null for someone without a page of their own.
        path: Option<String>,
    }
}

impl PersonRef {
    /// The person's name, to sort by.
    pub(super) fn name(&self) -> &str {
        &self.name
    }
}

template_type! {
    /// A theme.
    struct ThemeRef {
        name: String,
        slug: String,
        path: String,
    }
}

template_type! {
    /// A meeting, as lists show it.
    struct MeetingSummary {
        /// "2/2024".
        code: String,
        number: u32,
        year: i32,
        /// ISO 8601.
        date: String,
        /// "5. juni 2024".
        date_text: String,
        path: String,
        /// "Møte 2/2024".
        title: String,
        case_count: usize,
        /// What the revised agenda says, when it was revised.
        revised: Option<String>,
    }
}

template_type! {
    /// A case, as lists show it.
    struct CaseSummary {
        /// As printed: "07/24".
        number: String,
        title: String,
        kind: Option<CaseKind>,
        kind_label: Option<&'static str>,
        /// The number it had on the agenda first, when renumbered.
        was: Option<String>,
        status: Option<CaseStatus>,
        status_label: Option<&'static str>,
        status_note: Option<String>,
        path: String,
        description: String,
        meeting: Shared<MeetingSummary>,
        themes: Vec<ThemeRef>,
        item_count: usize,
    }
}

template_type! {
    /// One input item of the council's, with its case.
    struct ItemSummary {
        /// The id on the case page: "innspill-3-2".
        anchor: String,
        /// "3.2"; null if the item is gone.
        label: Option<String>,
        text: Option<String>,
        /// The question it answers.
        group: Option<String>,
        raised_by_many: bool,
        path: String,
        case: Shared<CaseSummary>,
    }
}

template_type! {
    /// A position paper, as lists show it.
    struct PaperRef {
        title: String,
        path: String,
        description: String,
        date: Option<String>,
        date_text: Option<String>,
        authors: Vec<OrganisationRef>,
        recipient: Option<OrganisationRef>,
    }
}

template_type! {
    /// A row of a meeting's attendance list.
    struct AttendanceRow {
        organisation: OrganisationRef,
        status: AttendanceStatus,
        status_label: &'static str,
        person: Option<PersonRef>,
        role: Option<SeatRole>,
        role_label: Option<&'static str>,
        /// The seat's label as the meeting printed it.
        label: Option<String>,
        /// The seat's id.
        seat: Option<String>,
    }
}

template_type! {
    /// A row of an attendance list, with its meeting: what an
    /// organisation's or a person's page lists.
    struct AttendanceEntry {
        #[serde(flatten)]
        row: AttendanceRow,
        meeting: Shared<MeetingSummary>,
        /// An observer's row, not a seat's.
        observer: bool,
        /// Show the seat's label: the organisation has several seats in the
        /// term, or the meeting printed another label.
        show_label: bool,
    }
}

template_type! {
    /// Someone holding a seat, as organisation and person pages show it: a
    /// start or end that is not known has no date.
    struct SeatHolding {
        person: PersonRef,
        organisation: OrganisationRef,
        term: String,
        role: SeatRole,
        role_label: &'static str,
        from: Option<String>,
        to: Option<String>,
        from_iso: Option<String>,
        to_iso: Option<String>,
        note: Option<String>,
        /// The seat changed organisation while they held it.
        moves: Vec<HoldingMove>,
    }
}

template_type! {
    /// The seat passed to another organisation.
    struct HoldingMove {
        organisation: OrganisationRef,
        from: String,
        from_iso: String,
    }
}

template_type! {
    /// A published file: an attachment as it was handed in.
    struct FileRef {
        path: String,
        /// "PDF", "Word", …
        r#type: String,
        /// "1,2 MB".
        size: String,
    }
}

impl FileRef {
    pub(super) fn new(path: &str, size: u64) -> FileRef {
        FileRef {
            path: urls::file(path),
            r#type: file_type(path),
            size: file_size(size),
        }
    }
}

impl Contexts<'_> {
    pub(super) fn org_ref(&self, id: &str) -> OrganisationRef {
        note(Dep::Organisations);
        match self.site.organisations.get(id) {
            Some(o) => OrganisationRef {
                id: o.id.clone(),
                name: o.name.clone(),
                short_name: Some(o.short_name.clone()),
                path: Some(urls::organisation(&o.id)),
            },
            None => OrganisationRef {
                id: id.into(),
                name: id.into(),
                short_name: None,
                path: None,
            },
        }
    }

    /// An organisation as it was named on `date`.
    pub(super) fn org_ref_at(&self, id: &str, date: chrono::NaiveDate) -> OrganisationRef {
        let mut v = self.org_ref(id);
        if let Some(o) = self.site.organisations.get(id) {
            v.name = o.name_at(date).into();
        }
        v
    }

    /// A person as named, and with the position held, on `date`.
    pub(super) fn person_ref_at(&self, id: &str, date: chrono::NaiveDate) -> PersonRef {
        let mut v = self.person_ref(id);
        if let Some(p) = self.site.people.get(id) {
            v.name = p.name_at(date).into();
            v.title = p.title_at(date).map(String::from);
        }
        v
    }

    /// An agency unit with the bodies above it on `date`, the top first:
    /// Helsedirektoratet, a division, a department.
    pub(super) fn unit_path_at(&self, id: &str, date: chrono::NaiveDate) -> Vec<OrganisationRef> {
        let mut ids = vec![id];
        while let Some(parent) = self
            .site
            .organisations
            .get(*ids.last().unwrap_or(&id))
            .and_then(|o| o.parent_at(date))
        {
            // A parent named twice is a loop in the data: stop there.
            if ids.contains(&parent) {
                break;
            }
            ids.push(parent);
        }
        ids.iter().rev().map(|o| self.org_ref_at(o, date)).collect()
    }

    pub(super) fn person_ref(&self, id: &str) -> PersonRef {
        note(Dep::People);
        note(Dep::PersonLinks(id.to_string()));
        let person = self.site.people.get(id);
        PersonRef {
            id: id.into(),
            name: person.map_or(id, |p| p.name.as_str()).into(),
            title: person.and_then(|p| p.title.clone()),
            path: self.site.has_person_page(id).then(|| urls::person(id)),
        }
    }

    pub(super) fn theme_ref(&self, name: &str) -> ThemeRef {
        let slug = crate::model::slug::slugify(name);
        ThemeRef {
            name: name.into(),
            path: urls::theme(&slug),
            slug,
        }
    }

    pub(super) fn meeting_ref(&self, i: usize) -> Shared<MeetingSummary> {
        note(Dep::MeetingRef(i));
        self.meeting_refs[i]
            .get_or_init(|| {
                let m = &self.site.meetings[i];
                Shared::new(MeetingSummary {
                    code: m.code(),
                    number: m.number,
                    year: chrono::Datelike::year(&m.date),
                    date: iso(m.date),
                    date_text: date_long(m.date),
                    path: m.path(),
                    title: format!("Møte {}", m.code()),
                    case_count: m.cases.len(),
                    revised: m.revised.clone(),
                })
            })
            .clone()
    }

    pub(super) fn case_ref(&self, r: CaseRef) -> Shared<CaseSummary> {
        // Noted here, not where the value is made: that happens once per build.
        note(Dep::CaseHead(r));
        note(Dep::MeetingRef(r.meeting));
        self.case_refs[r.meeting][r.case]
            .get_or_init(|| {
                let c = self.site.case(r);
                Shared::new(CaseSummary {
                    number: c.number.clone(),
                    title: c.title.clone(),
                    kind: c.kind,
                    kind_label: c.kind.map(|k| k.label()),
                    was: c.was.as_ref().map(|(was, _)| was.clone()),
                    status: c.status,
                    status_label: c.status.map(|s| s.label()),
                    status_note: c.status_note.clone(),
                    path: self.site.case_path(r),
                    description: c.description.clone(),
                    meeting: self.meeting_ref(r.meeting),
                    themes: c.themes.iter().map(|t| self.theme_ref(t)).collect(),
                    item_count: c.body.item_count(),
                })
            })
            .clone()
    }

    pub(super) fn item_ref(&self, r: &ItemRef) -> ItemSummary {
        note(Dep::Items(r.case));
        let case = self.site.case(r.case);
        let item = case.body.item(&r.anchor);
        ItemSummary {
            anchor: r.anchor.clone(),
            label: item.map(|i| i.label.clone()),
            text: item.map(|i| i.text.clone()),
            group: item.and_then(|i| i.group.clone()),
            raised_by_many: item.is_some_and(|i| i.raised_by_many),
            path: format!("{}#{}", self.site.case_path(r.case), r.anchor),
            case: self.case_ref(r.case),
        }
    }

    pub(super) fn paper_ref(&self, i: usize) -> PaperRef {
        note(Dep::Paper(i));
        let p = &self.site.papers[i];
        PaperRef {
            title: p.title.clone(),
            path: p.path.clone(),
            description: p.description.clone(),
            date: p.date.map(iso),
            date_text: p.date.map(date_long),
            authors: p.authors.iter().map(|a| self.org_ref(a)).collect(),
            recipient: p.recipient.as_deref().map(|r| self.org_ref(r)),
        }
    }

    pub(super) fn attendance_row(
        &self,
        row: &SeatAttendance,
        date: chrono::NaiveDate,
    ) -> AttendanceRow {
        AttendanceRow {
            organisation: self.org_ref_at(&row.organisation, date),
            status: row.status,
            status_label: row.status.label(),
            person: row.person.as_deref().map(|p| self.person_ref_at(p, date)),
            role: row.role,
            role_label: row.role.map(|r| r.label()),
            label: row.label.clone(),
            seat: row.seat.clone(),
        }
    }

    /// A seat holder as the organisation and person pages show one.
    pub(super) fn holding(&self, s: &Seat, h: &Holding) -> SeatHolding {
        SeatHolding {
            person: self.person_ref(&h.person),
            organisation: self.org_ref(s.organisation_at(h.from)),
            term: s.term.clone(),
            role: h.role,
            role_label: h.role.label(),
            from: h.from_known.then(|| date_long(h.from)),
            to: h.to_known.then(|| date_long(h.to)),
            from_iso: h.from_known.then(|| iso(h.from)),
            to_iso: h.to_known.then(|| iso(h.to)),
            note: h.note.clone(),
            moves: s
                .moves
                .iter()
                .filter(|m| h.from < m.from && m.from <= h.to)
                .map(|m| HoldingMove {
                    organisation: self.org_ref(&m.organisation),
                    from: date_long(m.from),
                    from_iso: iso(m.from),
                })
                .collect(),
        }
    }

    pub(super) fn attendance_ref(&self, r: &AttendanceRef) -> AttendanceEntry {
        note(Dep::Attendance(r.meeting));
        let m = &self.site.meetings[r.meeting];
        let row = if r.observer {
            &m.attendance.observers[r.row]
        } else {
            &m.attendance.seats[r.row]
        };
        // Lists of one organisation's rows name the seat when it has several,
        // and keep a label the meeting printed.
        let seat = row.seat.as_deref().and_then(|id| {
            self.site
                .council
                .seats
                .iter()
                .find(|s| s.id == id && s.exists_on(m.date))
        });
        note(Dep::OrganisationLinks(row.organisation.clone()));
        let several = seat.is_some_and(|seat| {
            self.site
                .organisation_links
                .get(&row.organisation)
                .is_some_and(|l| {
                    l.seats
                        .iter()
                        .filter(|si| self.site.council.seats[**si].term == seat.term)
                        .count()
                        > 1
                })
        });
        let printed =
            row.label.is_some() && row.label.as_deref() != seat.and_then(|s| s.label_at(m.date));
        AttendanceEntry {
            row: self.attendance_row(row, m.date),
            meeting: self.meeting_ref(r.meeting),
            observer: r.observer,
            show_label: row.label.is_some() && (several || printed),
        }
    }
}

impl<T> Shared<T> {
    fn new(value: T) -> Self {
        Shared(std::sync::Arc::new(value))
    }
}

// Read by the follow-up page, which gathers its filters from its cases.
impl OrganisationRef {
    /// The organisation's id.
    pub(super) fn id(&self) -> &str {
        &self.id
    }

    /// Its name, to sort by.
    pub(super) fn name(&self) -> &str {
        &self.name
    }
}

impl ThemeRef {
    /// The theme's URL segment.
    pub(super) fn slug(&self) -> &str {
        &self.slug
    }

    /// Its name, to sort by.
    pub(super) fn name(&self) -> &str {
        &self.name
    }
}

impl CaseSummary {
    /// The case's themes.
    pub(super) fn themes(&self) -> &[ThemeRef] {
        &self.themes
    }
}

#[cfg(test)]
pub(super) fn documented() -> Vec<super::TypeDoc> {
    super::documented![
        OrganisationRef,
        PersonRef,
        ThemeRef,
        MeetingSummary,
        CaseSummary,
        ItemSummary,
        PaperRef,
        AttendanceRow,
        AttendanceEntry,
        SeatHolding,
        HoldingMove,
        FileRef,
    ]
}
