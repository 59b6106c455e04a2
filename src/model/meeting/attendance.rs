//! Stage 2, model: a meeting's attendance, validated against the council:
//! who held each seat that day, and who was there in it.

use super::*;

/// Present, sent regrets, or absent without notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttendanceStatus {
    /// Til stede.
    Present,
    /// Avbud: sent regrets; the seat was empty.
    Regrets,
    /// Ikke møtt: did not come and sent no regrets; the seat was empty.
    Absent,
}

impl AttendanceStatus {
    /// The Norwegian word.
    pub fn label(self) -> &'static str {
        match self {
            Self::Present => "Til stede",
            Self::Regrets => "Avbud",
            Self::Absent => "Ikke møtt",
        }
    }
}

/// One row of the attendance list: an organisation's seat, or an observer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeatAttendance {
    /// The organisation, by id.
    pub organisation: String,
    /// The seat, by id (none for observers).
    pub seat: Option<String>,
    /// Present or regrets.
    pub status: AttendanceStatus,
    /// Who came, by person id.
    pub person: Option<String>,
    /// As member or deputy (none for observers).
    pub role: Option<SeatRole>,
    /// The label printed for the row: as written in the meeting, or the seat's
    /// label on its date, if not the organisation's name.
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
    /// How many seats the council had on the meeting's date.
    pub seat_count: usize,
}

pub(super) fn attendance(
    file: &SourceFile,
    raw: &RawMeeting,
    date: NaiveDate,
    council: &Council,
    check: &mut Checker,
) -> Attendance {
    let mut out = Attendance::default();
    let mut seen = std::collections::BTreeSet::new();
    let mut unresolved = 0;
    for row in &raw.attendance {
        let org = row.organisation.get_ref();
        if !check.organisation(file, &row.organisation) {
            continue;
        }
        let Some(seat) = attended_seat(file, row, date, council, check) else {
            unresolved += 1;
            continue;
        };
        if !seen.insert(seat.id.clone()) {
            let what = if seat.id == *org {
                format!("\"{org}\"")
            } else {
                format!("the seat \"{}\"", seat.id)
            };
            check.push(file.error_at(DiagnosticKind::ListedTwice, row.organisation.span(), format!("{what} is listed twice in the attendance"))
                .hint("give one row per seat; a deputy who came instead of the member replaces the member's row"));
        }
        let Some(status) = status(file, row, check) else {
            continue;
        };
        let mut role = None;
        if let Some(person) = &row.person {
            if check.person(file, person) {
                let holding = seat
                    .holders
                    .iter()
                    .find(|h| &h.person == person.get_ref() && h.holds_on(date));
                match holding {
                    Some(h) => role = Some(h.role),
                    None => check.push(file.error_at(DiagnosticKind::NotTheSeatsHolder, person.span(), format!(
                        "{} does not hold {org}'s seat on {date}", person.get_ref()))
                        .hint("add the person as a [[seat.holder]] of the seat in data/council.toml, with `from`/`to` if they changed during the term")),
                }
            }
        }
        out.seats.push(SeatAttendance {
            organisation: org.clone(),
            seat: Some(seat.id.clone()),
            status,
            person: row.person.as_ref().map(|p| p.get_ref().clone()),
            role,
            label: row
                .label
                .clone()
                .or_else(|| seat.label_at(date).map(String::from)),
        });
    }
    out.seat_count = council.seat_count(date);
    // A row in error already explains a seat that seems missing.
    if unresolved == 0
        && raw
            .attendance
            .iter()
            .all(|r| check.organisations.contains(r.organisation.get_ref()))
    {
        missing_seats(file, raw, date, council, &seen, check);
    }
    for row in &raw.observers {
        if !check.organisation(file, &row.organisation) {
            continue;
        }
        if let Some(seat) = &row.seat {
            check.push(
                file.error_at(DiagnosticKind::ObserverWithSeat, seat.span(), "an observer has no seat")
                    .hint("leave `seat` out of [[observers]], or move the row to [[attendance]] if it is a seat's"),
            );
        }
        if let Some(p) = &row.person {
            check.person(file, p);
        }
        let Some(status) = status(file, row, check) else {
            continue;
        };
        out.observers.push(SeatAttendance {
            organisation: row.organisation.get_ref().clone(),
            seat: None,
            status,
            person: row.person.as_ref().map(|p| p.get_ref().clone()),
            role: None,
            label: row.label.clone(),
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

/// The seat an attendance row is for: the organisation's seat on the
/// meeting's date, or the one named with `seat =`; an error says why there is none.
fn attended_seat<'c>(
    file: &SourceFile,
    row: &crate::load::RawSeatAttendance,
    date: NaiveDate,
    council: &'c Council,
    check: &mut Checker,
) -> Option<&'c Seat> {
    let org = row.organisation.get_ref();
    let term = council.term_at(date);
    let in_term = |s: &&Seat| term.is_some_and(|t| t.id == s.term);
    if let Some(id) = &row.seat {
        // One id may be declared for several periods: the one of the day, else
        // the first, for the error.
        let mut named = council
            .seats
            .iter()
            .filter(in_term)
            .filter(|s| &s.id == id.get_ref());
        let first = named.clone().next();
        let Some(seat) = named.find(|s| s.exists_on(date)).or(first) else {
            let ids: Vec<&str> = council
                .seats
                .iter()
                .filter(in_term)
                .filter(|s| s.organisations().any(|o| o == org))
                .map(|s| s.id.as_str())
                .collect();
            check.push(
                file.error_at(DiagnosticKind::UnknownSeat, id.span(), format!("unknown seat \"{}\" on {date}", id.get_ref()))
                    .hint(format!("{}{}", crate::spelling::did_you_mean(id.get_ref(), council.seats.iter().filter(in_term).map(|s| s.id.as_str())), if ids.is_empty() {
                        format!("\"{org}\" has no seat in the term of {date}; add a [[seat]] with `id` in data/council.toml")
                    } else {
                        format!("\"{org}\"'s seats in that term are {}", quoted(&ids))
                    })),
            );
            return None;
        };
        if !seat.exists_on(date) {
            check.push(seat_not_there(file, id.span(), seat, date));
            return None;
        }
        if seat.organisation_at(date) != org {
            check.push(
                file.error_at(DiagnosticKind::SeatOfAnotherOrganisation, row.organisation.span(), format!(
                    "the seat \"{}\" is {}'s on {date}, not {org}'s", seat.id, seat.organisation_at(date)))
                    .hint("correct `organisation` to the one holding the seat that day, or `seat` to one of its seats"),
            );
            return None;
        }
        return Some(seat);
    }
    let seats = council.seats_at(org, date);
    match seats.as_slice() {
        [one] => Some(*one),
        [] => {
            // A seat of the organisation's in this term that is not there that day.
            let gone = council
                .seats
                .iter()
                .filter(in_term)
                .find(|s| s.organisations().any(|o| o == org));
            match gone {
                Some(seat) if !seat.exists_on(date) => {
                    check.push(seat_not_there(file, row.organisation.span(), seat, date))
                }
                Some(seat) => check.push(
                    file.error_at(DiagnosticKind::SeatMovedAway, row.organisation.span(), format!(
                        "\"{org}\" has no seat on the council on {date}: its seat \"{}\" is {}'s that day", seat.id, seat.organisation_at(date)))
                        .hint("list the row under the organisation holding the seat that day, or correct the [[seat.moved]] date in data/council.toml"),
                ),
                None => check.push(file.error_at(DiagnosticKind::NoSeat, row.organisation.span(), format!(
                    "\"{org}\" has no seat on the council on {date}"))
                    .hint("add a [[seat]] for the organisation in data/council.toml, or list it under [[observers]]")),
            }
            None
        }
        many => {
            // The person decides between the seats, when they hold one of them.
            let by_person = row.person.as_ref().and_then(|p| {
                let held: Vec<&&Seat> = many
                    .iter()
                    .filter(|s| {
                        s.holders
                            .iter()
                            .any(|h| &h.person == p.get_ref() && h.holds_on(date))
                    })
                    .collect();
                (held.len() == 1).then(|| *held[0])
            });
            if by_person.is_none() {
                let ids: Vec<&str> = many.iter().map(|s| s.id.as_str()).collect();
                check.push(
                    file.error_at(
                        DiagnosticKind::WhichSeat,
                        row.organisation.span(),
                        format!(
                            "\"{org}\" has {} seats on {date}; the row does not say which",
                            many.len()
                        ),
                    )
                    .hint(format!("add seat = {} to the row", quoted(&ids))),
                );
            }
            by_person
        }
    }
}

fn quoted(ids: &[&str]) -> String {
    let quoted: Vec<String> = ids.iter().map(|i| format!("\"{i}\"")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The error for a row of a seat that has ended, or not yet begun, on `date`.
fn seat_not_there(
    file: &SourceFile,
    span: std::ops::Range<usize>,
    seat: &Seat,
    date: NaiveDate,
) -> crate::error::Diagnostic {
    let (kind, message) = if date > seat.to {
        (
            DiagnosticKind::SeatEnded,
            format!(
                "the seat \"{}\" ended on {}, before the meeting on {date}",
                seat.id, seat.to
            ),
        )
    } else {
        (
            DiagnosticKind::SeatNotBegun,
            format!(
                "the seat \"{}\" begins on {}, after the meeting on {date}",
                seat.id, seat.from
            ),
        )
    };
    file.error_at(kind, span, message).hint(
        "remove the row, or correct the seat's `from`/`to` in data/council.toml (a seat given to another organisation is a [[seat.moved]])",
    )
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
        (Some("ikke-møtt"), _) => Some(AttendanceStatus::Absent),
        (Some("til-stede"), Some(_)) | (None, Some(_)) => Some(AttendanceStatus::Present),
        (Some("til-stede"), None) | (None, None) => {
            check.push(
                file.error_at(
                    DiagnosticKind::NeitherPersonNorStatus,
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
                file.error_at(DiagnosticKind::UnknownAttendanceStatus, span, format!("unknown attendance status \"{other}\""))
                    .hint(format!("{}use status = \"avbud\" (regrets), \"ikke-møtt\" (absent without notice) or \"til-stede\" (present)", crate::spelling::did_you_mean(other, ["avbud", "ikke-møtt", "til-stede"]))),
            );
            None
        }
    }
}

/// Warns of the seats that exist on the meeting's day but have no row:
/// the page would say fewer seats were represented than the minutes do.
fn missing_seats(
    file: &SourceFile,
    raw: &RawMeeting,
    date: NaiveDate,
    council: &Council,
    seen: &std::collections::BTreeSet<String>,
    check: &mut Checker,
) {
    let missing: Vec<String> = council
        .seats
        .iter()
        .filter(|s| s.exists_on(date) && !seen.contains(&s.id))
        .map(|s| match s.organisation_at(date) {
            org if org == s.id => format!("\"{org}\""),
            org => format!("\"{}\" ({org})", s.id),
        })
        .collect();
    if missing.is_empty() {
        return;
    }
    let listed: Vec<&str> = missing.iter().map(String::as_str).collect();
    check.push(
        file.warning_at(
            DiagnosticKind::SeatsMissingFromAttendance,
            raw.date.span(),
            format!(
                "the attendance lists {} of the {} seats the council has on {date}; missing: {}",
                seen.len(),
                seen.len() + missing.len(),
                quoted_list(&listed)
            ),
        )
        .hint("add an [[attendance]] row for each seat, with status = \"avbud\" for regrets or \"ikke-møtt\" when no one came"),
    );
}

/// Already-quoted items as "a, b and c".
fn quoted_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
