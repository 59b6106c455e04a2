//! Seats on the council and who held them, with dates: a seat may be created
//! or ended during a term, move to another organisation, and an organisation
//! may hold several. A holder's start or end may be unknown, and so may their
//! role; the model keeps that, rather than a guess, for the pages to say.

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::NaiveDate;
use serde::Serialize;
use toml::Spanned;

use super::check::Checker;
use super::registry::Term;
use super::slug::is_valid_id;
use crate::error::DiagnosticKind;
use crate::load::{RawCouncil, RawHolder, RawSeat, SourceFile};

/// The role of a seat holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SeatRole {
    /// Medlem.
    Member,
    /// Vara.
    Deputy,
    /// The minutes do not say.
    Unknown,
}

impl SeatRole {
    /// The values an author may write, for hints.
    pub const ALLOWED: &'static str = "\"member\", \"deputy\" or \"unknown\"";
    /// The same values, for "did you mean".
    const NAMES: &'static [&'static str] = &["member", "deputy", "unknown", "medlem", "vara"];

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "member" | "medlem" => SeatRole::Member,
            "deputy" | "vara" => SeatRole::Deputy,
            "unknown" | "ukjent" => SeatRole::Unknown,
            _ => return None,
        })
    }

    /// The Norwegian name.
    pub fn label(self) -> &'static str {
        match self {
            SeatRole::Member => "Medlem",
            SeatRole::Deputy => "Vara",
            SeatRole::Unknown => "Rolle ikke oppgitt",
        }
    }
}

/// Someone holding a seat as member or deputy, for a span of days.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Holding {
    /// The person, by id.
    pub person: String,
    /// Member, deputy, or not stated.
    pub role: SeatRole,
    /// First day: as written, or the seat's first; the seat's first also when unknown.
    pub from: NaiveDate,
    /// Last day: as written, or the seat's last; the seat's last also when unknown.
    pub to: NaiveDate,
    /// False when `from = "unknown"`: the pages say so instead of a date.
    pub from_known: bool,
    /// False when `to = "unknown"`.
    pub to_known: bool,
    /// Where the change is recorded.
    pub note: Option<String>,
}

impl Holding {
    /// Are both ends known? An overlap that rests on an unknown end may not be real.
    pub fn dates_known(&self) -> bool {
        self.from_known && self.to_known
    }

    /// Does the holding (as far as is known) include `date`?
    pub fn holds_on(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

/// From a date, the seat belongs to another organisation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeatMove {
    /// The first day with the new organisation.
    pub from: NaiveDate,
    /// The new organisation, by id.
    pub organisation: String,
    /// The label from then on.
    pub label: Option<String>,
    /// Where it is recorded.
    pub note: Option<String>,
}

/// A seat on the council in one term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Seat {
    /// The seat's id (the organisation's id unless the author gave one).
    pub id: String,
    /// The organisation holding it when it starts, by id.
    pub organisation: String,
    /// The term, by id.
    pub term: String,
    /// How the minutes label it, if not by the organisation's name.
    pub label: Option<String>,
    /// First day (the term's first unless the seat was created later).
    pub from: NaiveDate,
    /// Last day (the term's last unless the seat was ended earlier).
    pub to: NaiveDate,
    /// True when `from` was written: the seat was created during the term.
    pub created: bool,
    /// True when `to` was written: the seat was ended during the term.
    pub ended: bool,
    /// Why it was created or ended.
    pub note: Option<String>,
    /// Moves to other organisations, oldest first.
    pub moves: Vec<SeatMove>,
    /// Who held it.
    pub holders: Vec<Holding>,
}

impl Seat {
    /// Does the seat exist on `date`?
    pub fn exists_on(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }

    /// The organisation holding the seat on `date`.
    pub fn organisation_at(&self, date: NaiveDate) -> &str {
        self.moves
            .iter()
            .rev()
            .find(|m| m.from <= date)
            .map_or(self.organisation.as_str(), |m| m.organisation.as_str())
    }

    /// The seat's label on `date`.
    pub fn label_at(&self, date: NaiveDate) -> Option<&str> {
        match self.moves.iter().rev().find(|m| m.from <= date) {
            Some(m) => m.label.as_deref(),
            None => self.label.as_deref(),
        }
    }

    /// Every organisation that held the seat, first first.
    pub fn organisations(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.organisation.as_str())
            .chain(self.moves.iter().map(|m| m.organisation.as_str()))
    }
}

/// A date or `"unknown"`, as a holder's `from`/`to` is written.
enum HolderDate {
    Absent,
    Unknown,
    Date(NaiveDate),
    Invalid,
}

fn holder_date(
    file: &SourceFile,
    value: Option<&Spanned<toml::Value>>,
    check: &mut Checker,
) -> HolderDate {
    let Some(value) = value else {
        return HolderDate::Absent;
    };
    match value.get_ref() {
        toml::Value::Datetime(dt) => match check.date(file, &Spanned::new(value.span(), *dt)) {
            Some(d) => HolderDate::Date(d),
            None => HolderDate::Invalid,
        },
        toml::Value::String(s) if s == "unknown" || s == "ukjent" => HolderDate::Unknown,
        other => {
            check.push(
                file.error_at(DiagnosticKind::HolderDateNotADate, value.span(), format!("{other} is neither a date nor \"unknown\""))
                    .hint("write a date as YYYY-MM-DD without quotes (2024-06-05), or \"unknown\" when the minutes do not say; leave it out for the seat's first or last day"),
            );
            HolderDate::Invalid
        }
    }
}

/// Builds the seats of `raw`, checking dates, ids, moves and holders.
pub(crate) fn seats(
    file: &SourceFile,
    raw: &RawCouncil,
    terms: &[Term],
    check: &mut Checker,
) -> Vec<Seat> {
    let mut seats: Vec<Seat> = Vec::new();
    let mut spans: Vec<Range<usize>> = Vec::new();
    // Where each kept holder's `person` is written, seat by seat.
    let mut holder_spans: Vec<Vec<Range<usize>>> = Vec::new();
    for s in &raw.seats {
        check.organisation(file, &s.organisation);
        let Some(term) = terms.iter().find(|t| &t.id == s.term.get_ref()) else {
            check.push(
                file.error_at(
                    DiagnosticKind::UnknownSeatTerm,
                    s.term.span(),
                    format!("unknown term \"{}\"", s.term.get_ref()),
                )
                .hint(format!(
                    "{}declare the term with [[term]] in data/council.toml",
                    crate::spelling::did_you_mean(
                        s.term.get_ref(),
                        terms.iter().map(|t| t.id.as_str())
                    )
                )),
            );
            continue;
        };
        let Some((seat, holders)) = seat(file, s, term, check) else {
            continue;
        };
        spans.push(s.id.as_ref().map_or(s.organisation.span(), |i| i.span()));
        holder_spans.push(holders);
        seats.push(seat);
    }
    check_seat_overlaps(file, &seats, &spans, raw, check);
    check_members_overlap(file, &seats, &holder_spans, check);
    check_two_seats_at_once(file, raw, &seats, check);
    seats
}

fn seat(
    file: &SourceFile,
    s: &RawSeat,
    term: &Term,
    check: &mut Checker,
) -> Option<(Seat, Vec<Range<usize>>)> {
    let id = match &s.id {
        Some(id) => {
            if !is_valid_id(id.get_ref()) {
                check.push(
                    file.error_at(
                        DiagnosticKind::InvalidSeatId,
                        id.span(),
                        format!("\"{}\" is not a valid seat id", id.get_ref()),
                    )
                    .hint("ids use a–z, 0–9 and hyphens, for example \"ffo-2\""),
                );
                return None;
            }
            id.get_ref().clone()
        }
        None => s.organisation.get_ref().clone(),
    };
    let mut from_given = s.from.as_ref().and_then(|d| check.date(file, d));
    let mut to_given = s.to.as_ref().and_then(|d| check.date(file, d));
    // A seat with a wrong date is kept with the term's (the error stops the
    // build), so attendance for it raises no follow-on error.
    if let (Some(from), Some(to), Some(raw_to)) = (from_given, to_given, &s.to) {
        if to < from {
            check.push(to_before_from(file, raw_to.span(), to, from));
            (from_given, to_given) = (None, None);
        }
    }
    for (given, raw) in [(&mut from_given, &s.from), (&mut to_given, &s.to)] {
        if let (Some(date), Some(raw)) = (*given, raw) {
            if date < term.start || date > term.end {
                check.push(
                    file.error_at(DiagnosticKind::SeatDateOutsideTerm, raw.span(), format!(
                        "the seat's date {date} is not within the term {} ({}–{})", term.id, term.start, term.end))
                        .hint("a seat belongs to one term; give the next term's seat a [[seat]] of its own"),
                );
                *given = None;
            }
        }
    }
    let from = from_given.unwrap_or(term.start);
    let to = to_given.unwrap_or(term.end);
    let mut moves: Vec<SeatMove> = Vec::new();
    for m in &s.moved {
        check.organisation(file, &m.organisation);
        let Some(date) = check.date(file, &m.from) else {
            continue;
        };
        let after = moves.last().map_or(from, |last: &SeatMove| last.from);
        if date <= after || date > to {
            check.push(
                file.error_at(DiagnosticKind::SeatMoveOutOfOrder, m.from.span(), format!("the seat moves on {date}, outside the seat's days after its last change ({after}–{to})"))
                    .hint("list [[seat.moved]] in date order, each after the seat's first day and on or before its last"),
            );
            continue;
        }
        moves.push(SeatMove {
            from: date,
            organisation: m.organisation.get_ref().clone(),
            label: m.label.clone(),
            note: m.note.clone(),
        });
    }
    let mut holders = Vec::new();
    let mut spans = Vec::new();
    for h in &s.holders {
        if let Some(holding) = holding(file, h, &id, from, to, term, s, check) {
            holders.push(holding);
            spans.push(h.person.span());
        }
    }
    let seat = Seat {
        id,
        organisation: s.organisation.get_ref().clone(),
        term: term.id.clone(),
        label: s.label.clone(),
        from,
        to,
        created: from_given.is_some(),
        ended: to_given.is_some(),
        note: s.note.clone(),
        moves,
        holders,
    };
    Some((seat, spans))
}

#[allow(clippy::too_many_arguments)]
fn holding(
    file: &SourceFile,
    h: &RawHolder,
    seat_id: &str,
    seat_from: NaiveDate,
    seat_to: NaiveDate,
    term: &Term,
    raw_seat: &RawSeat,
    check: &mut Checker,
) -> Option<Holding> {
    check.person(file, &h.person);
    // A holder with a mistake is kept (the error stops the build), so the
    // attendance naming them raises no follow-on error.
    let role = SeatRole::parse(h.role.get_ref()).unwrap_or_else(|| {
        check.push(
            file.error_at(
                DiagnosticKind::UnknownSeatRole,
                h.role.span(),
                format!("unknown seat role \"{}\"", h.role.get_ref()),
            )
            .hint(format!(
                "{}use role = {}",
                crate::spelling::did_you_mean(h.role.get_ref(), SeatRole::NAMES.iter().copied()),
                SeatRole::ALLOWED
            )),
        );
        SeatRole::Unknown
    });
    let mut from_date = holder_date(file, h.from.as_ref(), check);
    let mut to_date = holder_date(file, h.to.as_ref(), check);
    if let (HolderDate::Date(f), HolderDate::Date(t), Some(span)) =
        (&from_date, &to_date, h.to.as_ref().map(|t| t.span()))
    {
        if t < f {
            check.push(to_before_from(file, span, *t, *f));
            (from_date, to_date) = (HolderDate::Invalid, HolderDate::Invalid);
        }
    }
    let from = match from_date {
        HolderDate::Date(d) => d,
        _ => seat_from,
    };
    let to = match to_date {
        HolderDate::Date(d) => d,
        _ => seat_to,
    };
    if from < seat_from || to > seat_to {
        let span = h
            .from
            .as_ref()
            .or(h.to.as_ref())
            .map(|d| d.span())
            .unwrap_or(h.person.span());
        let within = if raw_seat.from.is_none() && raw_seat.to.is_none() {
            format!("the term {} ({}–{})", term.id, term.start, term.end)
        } else {
            format!("the seat {seat_id} ({seat_from}–{seat_to})")
        };
        check.push(
            file.error_at(
                DiagnosticKind::HoldingOutsideSeat,
                span,
                format!("the holding {from}–{to} is not within {within}"),
            )
            .hint("correct `from`/`to`, or put the holder under the right term's seat"),
        );
    }
    Some(Holding {
        person: h.person.get_ref().clone(),
        role,
        from,
        to,
        from_known: !matches!(from_date, HolderDate::Unknown),
        to_known: !matches!(to_date, HolderDate::Unknown),
        note: h.note.clone(),
    })
}

fn to_before_from(
    file: &SourceFile,
    span: Range<usize>,
    to: NaiveDate,
    from: NaiveDate,
) -> crate::error::Diagnostic {
    file.error_at(DiagnosticKind::SeatEndsBeforeStart, span, format!("`to` ({to}) is before `from` ({from})"))
        .hint("`to` is the last day and must be on or after `from`, the first; swap them if they are reversed")
}

/// One seat id may be declared more than once in a term (a seat ended and
/// given again), but never for overlapping days.
fn check_seat_overlaps(
    file: &SourceFile,
    seats: &[Seat],
    spans: &[Range<usize>],
    raw: &RawCouncil,
    check: &mut Checker,
) {
    let mut by_id: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for (i, s) in seats.iter().enumerate() {
        by_id.entry((&s.id, &s.term)).or_default().push(i);
    }
    for ((id, term), list) in by_id {
        for (n, &a) in list.iter().enumerate() {
            for &b in &list[n + 1..] {
                let (sa, sb) = (&seats[a], &seats[b]);
                if sa.from <= sb.to && sb.from <= sa.to {
                    let named = raw.seats.iter().any(|s| s.id.is_some());
                    let hint = if named {
                        "give each seat its own `id`, or end the first with `to` before the second's `from`"
                    } else {
                        "give each of the organisation's seats its own `id = \"…\"`, or end the first with `to` before the second's `from`"
                    };
                    check.push(
                        file.error_at(DiagnosticKind::SeatDeclaredTwice, spans[b].clone(), format!(
                            "the seat \"{id}\" is declared twice in the term {term} for overlapping dates ({}–{} and {}–{})",
                            sa.from, sa.to, sb.from, sb.to))
                            .hint(hint),
                    );
                }
            }
        }
    }
}

/// Two members of one seat on the same day is possible (a hand-over), but
/// more often a missing `to`: a warning.
fn check_members_overlap(
    file: &SourceFile,
    seats: &[Seat],
    holder_spans: &[Vec<Range<usize>>],
    check: &mut Checker,
) {
    for (seat, spans) in seats.iter().zip(holder_spans) {
        let members: Vec<(&Holding, &Range<usize>)> = seat
            .holders
            .iter()
            .zip(spans)
            .filter(|(h, _)| h.role == SeatRole::Member)
            .collect();
        for (n, (a, _)) in members.iter().enumerate() {
            for (b, span) in &members[n + 1..] {
                if a.from <= b.to && b.from <= a.to && a.dates_known() && b.dates_known() {
                    check.push(
                        file.warning_at(DiagnosticKind::TwoMembersAtOnce, (*span).clone(), format!(
                            "the seat \"{}\" has two members at once: {} and {} overlap from {} to {}",
                            seat.id, a.person, b.person, a.from.max(b.from), a.to.min(b.to)))
                            .hint("end the first member's holding with `to` before the next one's `from`, or make one of them role = \"deputy\""),
                    );
                }
            }
        }
    }
}

/// One person may not hold two seats (or two roles) on the same day.
fn check_two_seats_at_once(
    file: &SourceFile,
    raw: &RawCouncil,
    seats: &[Seat],
    check: &mut Checker,
) {
    let mut by_person: BTreeMap<&str, Vec<(&Seat, &Holding)>> = BTreeMap::new();
    for seat in seats {
        for h in &seat.holders {
            by_person
                .entry(h.person.as_str())
                .or_default()
                .push((seat, h));
        }
    }
    for (person, holdings) in by_person {
        for (i, (sa, a)) in holdings.iter().enumerate() {
            for (sb, b) in &holdings[i + 1..] {
                if a.from <= b.to && b.from <= a.to {
                    let span = raw
                        .seats
                        .iter()
                        .flat_map(|s| &s.holders)
                        .filter(|h| h.person.get_ref() == person)
                        .nth(1)
                        .map(|h| h.person.span())
                        .unwrap_or(0..0);
                    let message = format!(
                        "{person} holds two seats at once: {} ({}) and {} ({}) overlap from {}",
                        sa.organisation_at(a.from),
                        a.role.label(),
                        sb.organisation_at(b.from),
                        b.role.label(),
                        a.from.max(b.from)
                    );
                    // With a start or end not known, the overlap may not be real.
                    // With a start or end not known, the overlap may not be real.
                    if a.dates_known() && b.dates_known() {
                        check.push(
                            file.error_at(DiagnosticKind::TwoSeatsAtOnce, span, message)
                                .hint("end the first holding with `to` before the second starts"),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn moved_seat() -> Seat {
        Seat {
            id: "sete".into(),
            organisation: "a".into(),
            term: "t".into(),
            label: Some("A-sete".into()),
            from: day(2024, 1, 1),
            to: day(2025, 12, 31),
            created: false,
            ended: false,
            note: None,
            moves: vec![
                SeatMove {
                    from: day(2024, 9, 1),
                    organisation: "b".into(),
                    label: None,
                    note: None,
                },
                SeatMove {
                    from: day(2025, 3, 1),
                    organisation: "c".into(),
                    label: Some("C-sete".into()),
                    note: None,
                },
            ],
            holders: Vec::new(),
        }
    }

    #[test]
    fn a_moved_seat_has_the_organisation_and_label_of_each_date() {
        let seat = moved_seat();
        let at = |d| (seat.organisation_at(d), seat.label_at(d));
        assert_eq!(at(day(2024, 8, 31)), ("a", Some("A-sete")));
        assert_eq!(at(day(2024, 9, 1)), ("b", None));
        assert_eq!(at(day(2025, 3, 1)), ("c", Some("C-sete")));
        assert_eq!(seat.organisations().collect::<Vec<_>>(), ["a", "b", "c"]);
    }

    #[test]
    fn a_seat_exists_from_its_first_to_its_last_day() {
        let mut seat = moved_seat();
        seat.to = day(2024, 6, 30);
        assert!(seat.exists_on(day(2024, 1, 1)));
        assert!(seat.exists_on(day(2024, 6, 30)));
        assert!(!seat.exists_on(day(2024, 7, 1)));
        assert!(!seat.exists_on(day(2023, 12, 31)));
    }

    #[test]
    fn roles_are_read_in_english_or_norwegian() {
        assert_eq!(SeatRole::parse("vara"), Some(SeatRole::Deputy));
        assert_eq!(SeatRole::parse("unknown"), Some(SeatRole::Unknown));
        assert_eq!(SeatRole::Unknown.label(), "Rolle ikke oppgitt");
        assert_eq!(SeatRole::parse("leder"), None);
    }
}
