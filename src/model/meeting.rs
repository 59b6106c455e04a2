//! Meetings and their cases: agenda, decisions, attendance, and each case's
//! sections, input items, attachments and earlier treatment.

use std::path::Path;

use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::Serialize;

use super::body::Body;
use super::check::Checker;
use super::registry::{Council, SeatRole};
use super::slug::slugify;
use crate::load::{Parsed, RawCase, RawMeeting, SourceFile};

/// What kind of case it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CaseKind {
    /// Drøftingssak: for discussion.
    Discussion,
    /// Oppfølgingssak: follow-up.
    FollowUp,
    /// Orienteringssak: for information.
    Information,
    /// Løypemelding: progress report.
    ProgressReport,
}

impl CaseKind {
    fn parse(s: &str) -> Option<Self> {
        Some(match s.to_lowercase().as_str() {
            "drøftingssak" | "droftingssak" => Self::Discussion,
            "oppfølgingssak" | "oppfolgingssak" => Self::FollowUp,
            "orienteringssak" => Self::Information,
            "løypemelding" | "loypemelding" => Self::ProgressReport,
            _ => return None,
        })
    }

    /// The Norwegian name.
    pub fn label(self) -> &'static str {
        match self {
            Self::Discussion => "Drøftingssak",
            Self::FollowUp => "Oppfølgingssak",
            Self::Information => "Orienteringssak",
            Self::ProgressReport => "Løypemelding",
        }
    }
}

/// A meeting of the council.
#[derive(Debug, Clone, PartialEq)]
pub struct Meeting {
    /// Folder name under the meetings section; its URL segment.
    pub slug: String,
    /// The meetings section's folder (URL prefix).
    pub section: String,
    /// Number in the year.
    pub number: u32,
    /// Date.
    pub date: NaiveDate,
    /// Start time.
    pub start: Option<NaiveTime>,
    /// End time.
    pub end: Option<NaiveTime>,
    /// Place.
    pub place: Option<String>,
    /// Chair, by person id.
    pub chair: Option<String>,
    /// Minute-takers, by person id.
    pub minute_takers: Vec<String>,
    /// Agenda.
    pub agenda: Vec<AgendaItem>,
    /// Decisions.
    pub decisions: Vec<Decision>,
    /// Opening, news and closing text.
    pub body: Body,
    /// Cases, in agenda order.
    pub cases: Vec<Case>,
    /// Who was there.
    pub attendance: Attendance,
    /// Source file and the line of its `number`, for findings.
    pub source: (std::path::PathBuf, usize),
}

impl Meeting {
    /// "2/2024".
    pub fn code(&self) -> String {
        format!("{}/{}", self.number, self.date.year())
    }

    /// The site path, "/moter/2024-2/".
    pub fn path(&self) -> String {
        super::urls::meeting(&self.section, &self.slug)
    }
}

/// One agenda line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgendaItem {
    /// Start time.
    pub time: NaiveTime,
    /// The item as printed.
    pub text: String,
    /// Index of the case it presents, in [`Meeting::cases`].
    pub case: Option<usize>,
}

/// A decision of the council.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decision {
    /// As recorded.
    pub text: String,
    /// Index of the case it belongs to.
    pub case: Option<usize>,
}

/// Present or sent regrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttendanceStatus {
    /// Til stede.
    Present,
    /// Avbud: sent regrets; the seat was empty.
    Regrets,
}

impl AttendanceStatus {
    /// The Norwegian word.
    pub fn label(self) -> &'static str {
        match self {
            Self::Present => "Til stede",
            Self::Regrets => "Avbud",
        }
    }
}

/// One row of the attendance list: an organisation's seat, or an observer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeatAttendance {
    /// The organisation, by id.
    pub organisation: String,
    /// Present or regrets.
    pub status: AttendanceStatus,
    /// Who came, by person id.
    pub person: Option<String>,
    /// As member or deputy (none for observers).
    pub role: Option<SeatRole>,
    /// How the seat is labelled in the term of the meeting, if not by the organisation's name.
    pub label: Option<String>,
}

/// A guest. The name is kept only when it may be published.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Guest {
    /// The organisation that brought the guest.
    pub organisation: Option<String>,
    /// The name and note, only with `publish_name = true`.
    pub published_name: Option<String>,
}

/// Who attended a meeting.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attendance {
    /// Seats, in the order of the list.
    pub seats: Vec<SeatAttendance>,
    /// Observers.
    pub observers: Vec<SeatAttendance>,
    /// Guests.
    pub guests: Vec<Guest>,
    /// The agency's leadership present, by person id.
    pub leadership: Vec<String>,
    /// The secretariat, by person id.
    pub secretariat: Vec<String>,
}

/// A case put to the council.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// File stem; URL segment under the meeting.
    pub slug: String,
    /// Number as printed ("07/24").
    pub number: String,
    /// Kind.
    pub kind: CaseKind,
    /// Title.
    pub title: String,
    /// One sentence for listings.
    pub description: String,
    /// Submitting unit, by organisation id.
    pub submitted_by: Option<String>,
    /// Themes as written; their slugs name the theme pages.
    pub themes: Vec<String>,
    /// Sections and input items.
    pub body: Body,
    /// Attachments.
    pub attachments: Vec<Attachment>,
    /// Earlier treatment.
    pub earlier: Vec<Earlier>,
    /// Source file and the line of its `number`, for findings.
    pub source: (std::path::PathBuf, usize),
}

/// An attachment: a file and/or a text rendition.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    /// Title.
    pub title: String,
    /// What it is ("Presentasjon").
    pub kind: Option<String>,
    /// The file, as a path relative to `content/`, with its size.
    pub file: Option<(String, u64)>,
    /// The text rendition's slug and body.
    pub text: Option<(String, Body)>,
}

/// Earlier treatment of the same matter.
#[derive(Debug, Clone, PartialEq)]
pub enum Earlier {
    /// A case on this site, resolved to (meeting index, case index) after loading.
    Case {
        /// Meeting year.
        year: i32,
        /// Printed number.
        number: String,
        /// Where it is, once resolved.
        target: Option<(usize, usize)>,
    },
    /// A treatment described in words.
    Text {
        /// When.
        date: Option<NaiveDate>,
        /// What.
        text: String,
    },
}

/// Builds a meeting (without its cases) from its front matter.
pub(crate) fn meeting(
    section: &str,
    slug: &str,
    parsed: &Parsed<RawMeeting>,
    council: &Council,
    check: &mut Checker,
) -> Option<Meeting> {
    let file = &parsed.file;
    let raw = &parsed.value;
    let date = check.date(file, &raw.date)?;
    let start = raw.start.as_ref().and_then(|t| check.time(file, t));
    let end = raw.end.as_ref().and_then(|t| check.time(file, t));
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            check.push(
                file.error_at(
                    raw.end.as_ref().expect("end").span(),
                    "the meeting ends before it starts",
                )
                .hint("check `start` and `end`"),
            );
        }
    }
    if let Some(chair) = &raw.chair {
        check.person(file, chair);
    }
    for p in raw
        .minute_takers
        .iter()
        .chain(&raw.leadership)
        .chain(&raw.secretariat)
    {
        check.person(file, p);
    }
    let attendance = attendance(file, raw, date, council, check);
    let body = check.body(file);
    Some(Meeting {
        slug: slug.to_string(),
        section: section.to_string(),
        number: *raw.number.get_ref(),
        date,
        start,
        end,
        place: raw.place.clone(),
        chair: raw.chair.as_ref().map(|c| c.get_ref().clone()),
        minute_takers: raw
            .minute_takers
            .iter()
            .map(|p| p.get_ref().clone())
            .collect(),
        agenda: Vec::new(),
        decisions: Vec::new(),
        body,
        cases: Vec::new(),
        attendance,
        source: (
            file.path.clone(),
            file.line_col(file.front.start + raw.number.span().start).0,
        ),
    })
}

fn attendance(
    file: &SourceFile,
    raw: &RawMeeting,
    date: NaiveDate,
    council: &Council,
    check: &mut Checker,
) -> Attendance {
    let mut out = Attendance::default();
    let mut seen = std::collections::BTreeSet::new();
    for row in &raw.attendance {
        let org = row.organisation.get_ref();
        if !check.organisation(file, &row.organisation) {
            continue;
        }
        if !seen.insert(org.clone()) {
            check.push(file.error_at(row.organisation.span(), format!("\"{org}\" is listed twice in the attendance"))
                .hint("give one row per seat; a deputy who came instead of the member replaces the member's row"));
        }
        let Some(seat) = council.seat_at(org, date) else {
            check.push(file.error_at(row.organisation.span(), format!(
                "\"{org}\" has no seat on the council on {date}"))
                .hint("add a [[seat]] for the organisation in data/council.toml, or list it under [[observers]]"));
            continue;
        };
        let Some(status) = status(file, row, check) else {
            continue;
        };
        let mut role = None;
        if let Some(person) = &row.person {
            if check.person(file, person) {
                let holding = seat
                    .holders
                    .iter()
                    .find(|h| &h.person == person.get_ref() && h.from <= date && date <= h.to);
                match holding {
                    Some(h) => role = Some(h.role),
                    None => check.push(file.error_at(person.span(), format!(
                        "{} does not hold {org}'s seat on {date}", person.get_ref()))
                        .hint("add the person as a [[seat.holder]] of the seat in data/council.toml, with `from`/`to` if they changed during the term")),
                }
            }
        }
        out.seats.push(SeatAttendance {
            organisation: org.clone(),
            status,
            person: row.person.as_ref().map(|p| p.get_ref().clone()),
            role,
            label: seat.label.clone(),
        });
    }
    for row in &raw.observers {
        if !check.organisation(file, &row.organisation) {
            continue;
        }
        if let Some(p) = &row.person {
            check.person(file, p);
        }
        let Some(status) = status(file, row, check) else {
            continue;
        };
        out.observers.push(SeatAttendance {
            organisation: row.organisation.get_ref().clone(),
            status,
            person: row.person.as_ref().map(|p| p.get_ref().clone()),
            role: None,
            label: None,
        });
    }
    for guest in &raw.guests {
        if let Some(org) = &guest.organisation {
            check.organisation(file, org);
        }
        // A guest's name (possibly a minor's) never enters the model unless it may be published.
        let published_name = if guest.publish_name {
            guest.name.as_ref().map(|n| match &guest.note {
                Some(note) => format!("{n} ({note})"),
                None => n.clone(),
            })
        } else {
            None
        };
        out.guests.push(Guest {
            organisation: guest.organisation.as_ref().map(|o| o.get_ref().clone()),
            published_name,
        });
    }
    out.leadership = raw.leadership.iter().map(|p| p.get_ref().clone()).collect();
    out.secretariat = raw
        .secretariat
        .iter()
        .map(|p| p.get_ref().clone())
        .collect();
    out
}

fn status(
    file: &SourceFile,
    row: &crate::load::RawSeatAttendance,
    check: &mut Checker,
) -> Option<AttendanceStatus> {
    match (
        row.status.as_ref().map(|s| s.get_ref().as_str()),
        &row.person,
    ) {
        (Some("avbud"), _) => Some(AttendanceStatus::Regrets),
        (Some("til-stede"), Some(_)) | (None, Some(_)) => Some(AttendanceStatus::Present),
        (Some("til-stede"), None) | (None, None) => {
            check.push(
                file.error_at(
                    row.organisation.span(),
                    "an attendance row needs a person or status = \"avbud\"",
                )
                .hint("write person = \"id\" for who came, or status = \"avbud\" for regrets"),
            );
            None
        }
        (Some(other), _) => {
            let span = row.status.as_ref().expect("status").span();
            check.push(
                file.error_at(span, format!("unknown attendance status \"{other}\""))
                    .hint("use status = \"avbud\" (regrets) or \"til-stede\" (present)"),
            );
            None
        }
    }
}

/// Builds a case from its front matter and body. `assets` resolves attachments.
pub(crate) fn case(
    slug: &str,
    meeting_dir: &std::path::Path,
    parsed: &Parsed<RawCase>,
    assets: &std::collections::BTreeMap<std::path::PathBuf, crate::load::Asset>,
    check: &mut Checker,
) -> Option<Case> {
    let file = &parsed.file;
    let raw = &parsed.value;
    let kind = match CaseKind::parse(raw.kind.get_ref()) {
        Some(k) => k,
        None => {
            check.push(
                file.error_at(
                    raw.kind.span(),
                    format!("unknown case kind \"{}\"", raw.kind.get_ref()),
                )
                .hint("use drøftingssak, oppfølgingssak, orienteringssak or løypemelding"),
            );
            return None;
        }
    };
    let number = raw.number.get_ref().trim().to_string();
    if number.is_empty() {
        check.push(
            file.error_at(raw.number.span(), "the case number is empty")
                .hint("write the number as printed, for example \"07/24\""),
        );
    }
    if let Some(unit) = &raw.submitted_by {
        check.organisation(file, unit);
    }
    for t in &raw.themes {
        check.theme(file, t);
    }
    let themes = raw
        .themes
        .iter()
        .map(|t| t.get_ref().trim().to_string())
        .collect();
    let mut attachments = Vec::new();
    for a in &raw.attachments {
        let file_part = a.file.as_ref().and_then(|f| {
            let rel = meeting_dir.join(f.get_ref());
            match assets.get(&rel) {
                Some(asset) if !f.get_ref().contains("..") => {
                    Some((rel.to_string_lossy().replace('\\', "/"), asset.size))
                }
                _ => {
                    check.push(
                        file.error_at(
                            f.span(),
                            format!("the attachment file \"{}\" does not exist", f.get_ref()),
                        )
                        .hint(format!(
                            "put the file in {} and give its path relative to that folder",
                            Path::new("content").join(meeting_dir).display()
                        )),
                    );
                    None
                }
            }
        });
        let text_part = a.text.as_ref().and_then(|t| {
            let rel = meeting_dir.join(t.get_ref());
            match assets.get(&rel).and_then(|asset| asset.markdown.as_ref()) {
                Some(md) if !t.get_ref().contains("..") => {
                    let stem = Path::new(t.get_ref())
                        .file_stem()
                        .and_then(|s| s.to_str())
                        .unwrap_or("vedlegg");
                    Some((slugify(stem), check.body(md)))
                }
                _ => {
                    check.push(
                        file.error_at(
                            t.span(),
                            format!("the text rendition \"{}\" does not exist", t.get_ref()),
                        )
                        .hint("give the path of a Markdown file relative to the meeting's folder"),
                    );
                    None
                }
            }
        });
        if a.file.is_none() && a.text.is_none() {
            check.push(
                file.error_at(
                    0..0,
                    format!(
                        "the attachment \"{}\" has neither `file` nor `text`",
                        a.title
                    ),
                )
                .hint("give the file, a Markdown text rendition, or both"),
            );
        }
        attachments.push(Attachment {
            title: a.title.clone(),
            kind: a.kind.clone(),
            file: file_part,
            text: text_part,
        });
    }
    let mut earlier = Vec::new();
    for e in &raw.earlier {
        match (&e.case, &e.year, &e.text) {
            (Some(case), Some(year), None) => earlier.push(Earlier::Case {
                year: *year.get_ref(),
                number: case.get_ref().clone(),
                target: None,
            }),
            (None, None, Some(text)) => earlier.push(Earlier::Text {
                date: e.date.as_ref().and_then(|d| check.date(file, d)),
                text: text.clone(),
            }),
            _ => {
                let span = e.case.as_ref().map(|c| c.span()).unwrap_or(0..0);
                check.push(file.error_at(span, "an [[earlier]] entry needs either `case` and `year`, or `text`")
                    .hint("case = \"16/23\", year = 2023 for a case on this site; text = \"…\" (and date) otherwise"));
            }
        }
    }
    let body = check.body(file);
    Some(Case {
        slug: slug.to_string(),
        number,
        kind,
        title: raw.title.clone(),
        description: raw.description.clone(),
        submitted_by: raw.submitted_by.as_ref().map(|s| s.get_ref().clone()),
        themes,
        body,
        attachments,
        earlier,
        source: (
            file.path.clone(),
            file.line_col(file.front.start + raw.number.span().start).0,
        ),
    })
}
