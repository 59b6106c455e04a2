//! The meetings list and a meeting's page: times, chair, agenda, decisions,
//! the meeting's own text, its cases and its attendance.

use super::frame::Frame;
use super::home::MeetingWithCases;
use super::refs::{AttendanceRow, CaseSummary, MeetingSummary, OrganisationRef, PersonRef};
use super::{template_type, Contexts, Shared};
use crate::model::{AttendanceStatus, CaseRef};
use crate::render::format::date_long;
use crate::render::incremental::{note, Dep};

template_type! {
    /// The context of `meetings.html`.
    struct MeetingsContext {
        #[serde(flatten)]
        frame: Frame,
        /// The section's own text (`content/moter/_index.md`).
        intro_html: String,
        /// The meetings by year, the newest first.
        years: Vec<MeetingYear>,
    }
}

template_type! {
    /// One year's meetings.
    struct MeetingYear {
        year: i32,
        meetings: Vec<MeetingWithCases>,
    }
}

template_type! {
    /// The context of `meeting.html`.
    struct MeetingContext {
        #[serde(flatten)]
        frame: Frame,
        meeting: MeetingDetail,
    }
}

template_type! {
    /// All of a meeting.
    struct MeetingDetail {
        #[serde(flatten)]
        summary: Shared<MeetingSummary>,
        /// "10:00".
        start: Option<String>,
        end: Option<String>,
        place: Option<String>,
        /// Named as they were on the day, like everyone below.
        chair: Option<PersonRef>,
        minute_takers: Vec<PersonRef>,
        agenda: Vec<AgendaLine>,
        decisions: Vec<DecisionContext>,
        /// The meeting's own text, its headings under the page's `<h2>`.
        body_html: String,
        cases: Vec<Shared<CaseSummary>>,
        attendance: AttendanceList,
    }
}

template_type! {
    /// A line of the agenda.
    struct AgendaLine {
        time: String,
        text: String,
        /// The case the line is about.
        case_path: Option<String>,
    }
}

template_type! {
    /// A decision of the council.
    struct DecisionContext {
        text: String,
        case: Option<Shared<CaseSummary>>,
    }
}

template_type! {
    /// Who was there.
    struct AttendanceList {
        seats: Vec<AttendanceRow>,
        observers: Vec<AttendanceRow>,
        guests: Vec<GuestContext>,
        leadership: Vec<PersonRef>,
        secretariat: Vec<PersonRef>,
        /// Seats present.
        present: usize,
        /// Seats that sent regrets.
        regrets: usize,
        seat_count: usize,
    }
}

template_type! {
    /// A guest; the name only when it may be published.
    struct GuestContext {
        organisation: Option<OrganisationRef>,
        name: Option<String>,
    }
}

impl Contexts<'_> {
    pub(super) fn meetings(&self) -> MeetingsContext {
        let site = self.site;
        let section = site.meetings_section.as_ref().expect("checked");
        let frame = self.frame(
            &section.title,
            &section.description,
            &section.path,
            Vec::new(),
        );
        let mut years: Vec<MeetingYear> = Vec::new();
        note(Dep::Meetings);
        for (i, m) in site.meetings.iter().enumerate() {
            note(Dep::MeetingRef(i));
            let year = chrono::Datelike::year(&m.date);
            let v = self.meeting_with_cases(i);
            match years.last_mut() {
                Some(y) if y.year == year => y.meetings.push(v),
                _ => years.push(MeetingYear {
                    year,
                    meetings: vec![v],
                }),
            }
        }
        MeetingsContext {
            frame,
            intro_html: self.html(&section.body),
            years,
        }
    }

    pub(super) fn meeting(&self, i: usize) -> MeetingContext {
        note(Dep::Meeting(i));
        note(Dep::Attendance(i));
        let site = self.site;
        let m = &site.meetings[i];
        let title = format!("Møte {}", m.code());
        let frame = self.frame(
            &title,
            &format!(
                "Referat fra {} i {}, {}",
                title.to_lowercase(),
                site.council.short_name,
                date_long(m.date)
            ),
            &m.path(),
            self.meetings_crumb(),
        );
        let case = |c: usize| CaseRef {
            meeting: i,
            case: c,
        };
        let case_path = |c: usize| {
            note(Dep::CaseHead(case(c)));
            site.case_path(case(c))
        };
        let time = |t: chrono::NaiveTime| t.format("%H:%M").to_string();
        let a = &m.attendance;
        let people = |list: &[String]| {
            list.iter()
                .map(|p| self.person_ref_at(p, m.date))
                .collect::<Vec<_>>()
        };
        let rows = |list: &[crate::model::SeatAttendance]| {
            list.iter()
                .map(|r| self.attendance_row(r, m.date))
                .collect::<Vec<_>>()
        };
        let count = |status| a.seats.iter().filter(|r| r.status == status).count();
        let meeting = MeetingDetail {
            summary: self.meeting_ref(i),
            start: m.start.map(time),
            end: m.end.map(time),
            place: m.place.clone(),
            chair: m.chair.as_deref().map(|p| self.person_ref_at(p, m.date)),
            minute_takers: people(&m.minute_takers),
            agenda: m
                .agenda
                .iter()
                .map(|a| AgendaLine {
                    time: time(a.time),
                    text: a.text.clone(),
                    case_path: a.case.map(case_path),
                })
                .collect(),
            decisions: m
                .decisions
                .iter()
                .map(|d| DecisionContext {
                    text: d.text.clone(),
                    case: d.case.map(|c| self.case_ref(case(c))),
                })
                .collect(),
            body_html: self.html_shifted(&m.body, 1, Some(m.date)),
            cases: (0..m.cases.len()).map(|c| self.case_ref(case(c))).collect(),
            attendance: AttendanceList {
                seats: rows(&a.seats),
                observers: rows(&a.observers),
                guests: a
                    .guests
                    .iter()
                    .map(|g| GuestContext {
                        organisation: g
                            .organisation
                            .as_deref()
                            .map(|o| self.org_ref_at(o, m.date)),
                        name: g.published_name.clone(),
                    })
                    .collect(),
                leadership: people(&a.leadership),
                secretariat: people(&a.secretariat),
                present: count(AttendanceStatus::Present),
                regrets: count(AttendanceStatus::Regrets),
                seat_count: a.seat_count,
            },
        };
        MeetingContext { frame, meeting }
    }
}

#[cfg(test)]
pub(super) fn documented() -> Vec<super::TypeDoc> {
    super::documented![
        MeetingsContext,
        MeetingYear,
        MeetingContext,
        MeetingDetail,
        AgendaLine,
        DecisionContext,
        AttendanceList,
        GuestContext,
    ]
}
