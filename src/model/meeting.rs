//! Meetings and their cases: agenda, decisions, attendance, and each case's
//! sections, input items, attachments and earlier treatment.

mod attendance;

use std::path::Path;

use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::Serialize;

use super::body::Body;
use super::check::Checker;
use super::registry::{Council, Seat, SeatRole};
use super::slug::slugify;
use crate::error::{Diagnostic, DiagnosticKind};
use crate::load::{Parsed, RawCase, RawMeeting, SourceFile};
use attendance::attendance;
pub use attendance::{Attendance, AttendanceStatus, Guest, SeatAttendance};

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
    /// The kind a case's `kind` names, in Norwegian, with or without æøå.
    pub fn parse(s: &str) -> Option<Self> {
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

/// What became of a case at the meeting, as the minutes say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CaseStatus {
    /// Behandlet: discussed.
    #[serde(rename = "behandlet")]
    Discussed,
    /// Ikke behandlet: on the agenda, but not discussed (no time, for example).
    #[serde(rename = "ikke-behandlet")]
    NotDiscussed,
    /// Utsatt: put off to a later meeting.
    #[serde(rename = "utsatt")]
    Postponed,
    /// Trukket: withdrawn from the agenda.
    #[serde(rename = "trukket")]
    Withdrawn,
}

impl CaseStatus {
    /// The values an author may write, for hints.
    pub const ALLOWED: &'static str =
        "\"behandlet\", \"ikke behandlet\", \"utsatt\" or \"trukket\"";

    fn parse(s: &str) -> Option<Self> {
        Some(match s.trim().to_lowercase().replace('-', " ").as_str() {
            "behandlet" => Self::Discussed,
            "ikke behandlet" => Self::NotDiscussed,
            "utsatt" => Self::Postponed,
            "trukket" => Self::Withdrawn,
            _ => return None,
        })
    }

    /// The Norwegian words.
    pub fn label(self) -> &'static str {
        match self {
            Self::Discussed => "Behandlet",
            Self::NotDiscussed => "Ikke behandlet",
            Self::Postponed => "Utsatt",
            Self::Withdrawn => "Trukket",
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
    /// A note that the agenda was revised, as the minutes give it.
    pub revised: Option<String>,
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

/// A case put to the council.
#[derive(Debug, Clone, PartialEq)]
pub struct Case {
    /// File stem; URL segment under the meeting.
    pub slug: String,
    /// Number as printed ("07/24").
    pub number: String,
    /// The number before the agenda was revised, with the line it is written on.
    pub was: Option<(String, usize)>,
    /// Kind, when the minutes print one.
    pub kind: Option<CaseKind>,
    /// What became of it at the meeting, when the minutes say.
    pub status: Option<CaseStatus>,
    /// The minutes' words about the status.
    pub status_note: Option<String>,
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
    /// What came of it later, oldest first.
    pub followups: Vec<super::Followup>,
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
        /// What to report if it does not resolve, located at the `case`
        /// value (whether it does is known once every meeting is built).
        missing: Box<Diagnostic>,
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
    check_address_name(file, slug, "meeting folder", "", check);
    let date = check.date(file, &raw.date)?;
    let start = raw.start.as_ref().and_then(|t| check.time(file, t));
    let end = raw.end.as_ref().and_then(|t| check.time(file, t));
    if let (Some(s), Some(e)) = (start, end) {
        if e < s {
            check.push(
                file.error_at(
                    DiagnosticKind::MeetingEndsBeforeStart,
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
        revised: raw.revised.clone(),
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

/// Reports a meeting folder or case file whose name is not an id: the name
/// is the page's address, and other characters make it one a browser may
/// not reach. `ext` is what follows the name on disk.
fn check_address_name(file: &SourceFile, name: &str, what: &str, ext: &str, check: &mut Checker) {
    if super::slug::is_valid_id(name) {
        return;
    }
    let slug = slugify(name);
    let hint = if slug.is_empty() {
        format!("rename the {what} with letters a–z, digits and hyphens")
    } else {
        format!("rename the {what} to \"{slug}{ext}\": letters a–z, digits and hyphens")
    };
    check.push(
        Diagnostic::error(
            DiagnosticKind::InvalidAddressName,
            &file.path,
            format!("the {what} name \"{name}{ext}\" is not a valid address"),
        )
        .hint(hint),
    );
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
    check_address_name(file, slug, "case file", ".md", check);
    let kind = match &raw.kind {
        None => None,
        Some(kind) => match CaseKind::parse(kind.get_ref()) {
            Some(k) => Some(k),
            None => {
                check.push(
                    file.error_at(DiagnosticKind::UnknownCaseKind, kind.span(), format!("unknown case kind \"{}\"", kind.get_ref()))
                        .hint(format!("{}use drøftingssak, oppfølgingssak, orienteringssak or løypemelding, or leave `kind` out when the minutes print none", crate::spelling::did_you_mean(kind.get_ref(), ["drøftingssak", "oppfølgingssak", "orienteringssak", "løypemelding"]))),
                );
                // The case is kept, so the agenda naming it raises no follow-on error.
                None
            }
        },
    };
    let status = match &raw.status {
        None => None,
        Some(status) => match CaseStatus::parse(status.get_ref()) {
            Some(s) => Some(s),
            None => {
                check.push(
                    file.error_at(
                        DiagnosticKind::UnknownCaseStatus,
                        status.span(),
                        format!("unknown case status \"{}\"", status.get_ref()),
                    )
                    .hint(format!(
                        "{}use status = {}, or leave it out when the minutes say nothing",
                        crate::spelling::did_you_mean(
                            status.get_ref(),
                            ["behandlet", "ikke behandlet", "utsatt", "trukket"]
                        ),
                        CaseStatus::ALLOWED
                    )),
                );
                None
            }
        },
    };
    if raw.status_note.is_some() && raw.status.is_none() {
        check.push(
            file.error_at(
                DiagnosticKind::StatusNoteWithoutStatus,
                raw.number.span(),
                "`status_note` is given without a `status`",
            )
            .hint(format!(
                "add status = {} beside the note",
                CaseStatus::ALLOWED
            )),
        );
    }
    let was = raw.was.as_ref().and_then(|w| {
        let text = w.get_ref().trim();
        if text.is_empty() {
            check.push(
                file.error_at(DiagnosticKind::EmptyWas, w.span(), "`was` is empty")
                    .hint("write the number the case had before the agenda was revised, for example \"13/24\", or leave `was` out"),
            );
            return None;
        }
        Some((
            text.to_string(),
            file.line_col(file.front.start + w.span().start).0,
        ))
    });
    let number = raw.number.get_ref().trim().to_string();
    if number.is_empty() {
        check.push(
            file.error_at(
                DiagnosticKind::EmptyCaseNumber,
                raw.number.span(),
                "the case number is empty",
            )
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
                            DiagnosticKind::AttachmentFileMissing,
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
                    let slug = slugify(stem);
                    if slug.is_empty() {
                        // Its page would be at the case's own address.
                        check.push(
                            file.error_at(
                                DiagnosticKind::RenditionNameWithoutLetters,
                                t.span(),
                                format!(
                                    "the text rendition \"{}\" has no letter or digit in its \
                                     file name to make its address from",
                                    t.get_ref()
                                ),
                            )
                            .hint("rename the file with letters or digits, for example vedlegg/referat.md"),
                        );
                        return None;
                    }
                    Some((slug, check.body(md)))
                }
                _ => {
                    check.push(
                        file.error_at(DiagnosticKind::RenditionMissing,
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
                    DiagnosticKind::AttachmentWithoutFileOrText,
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
                missing: Box::new(file.error_at(
                    DiagnosticKind::EarlierCaseMissing,
                    case.span(),
                    format!(
                        "earlier treatment names case {} of {}, which is not on this site",
                        case.get_ref(),
                        year.get_ref()
                    ),
                )),
            }),
            (None, None, Some(text)) => earlier.push(Earlier::Text {
                date: e.date.as_ref().and_then(|d| check.date(file, d)),
                text: text.clone(),
            }),
            _ => {
                let span = e.case.as_ref().map(|c| c.span()).unwrap_or(0..0);
                check.push(file.error_at(DiagnosticKind::EarlierIncomplete, span, "an [[earlier]] entry needs either `case` and `year`, or `text`")
                    .hint("case = \"16/23\", year = 2023 for a case on this site; text = \"…\" (and date) otherwise"));
            }
        }
    }
    let body = check.body(file);
    let body = super::anchors::stabilise(body, file, check);
    let followups = super::followup::followups(parsed, &body, check);
    Some(Case {
        slug: slug.to_string(),
        number,
        was,
        kind,
        status,
        status_note: raw.status_note.clone(),
        title: raw.title.clone(),
        description: raw.description.clone(),
        submitted_by: raw.submitted_by.as_ref().map(|s| s.get_ref().clone()),
        themes,
        body,
        attachments,
        earlier,
        followups,
        source: (
            file.path.clone(),
            file.line_col(file.front.start + raw.number.span().start).0,
        ),
    })
}
