//! The council in `data/council.toml`: its terms, seats and committees,
//! and the checks that tie them to the registries of organisations and
//! people.

use chrono::NaiveDate;
use serde::Serialize;

use super::check::Checker;
use super::registry::Seat;
use crate::error::DiagnosticKind;
use crate::load::{Parsed, RawCouncil};

/// A term of office.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    /// Id such as "2023-2025".
    pub id: String,
    /// First day.
    pub start: NaiveDate,
    /// Last day.
    pub end: NaiveDate,
}

/// A member of a committee.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CommitteeMember {
    /// The person, by id.
    pub person: String,
    /// The organisation they came from.
    pub organisation: Option<String>,
    /// Their role ("leder").
    pub role: Option<String>,
    /// Where it is recorded.
    pub note: Option<String>,
}

/// A committee of the council, such as the working committee (AU).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Committee {
    /// Name.
    pub name: String,
    /// Short name.
    pub short_name: Option<String>,
    /// The term, by id.
    pub term: String,
    /// Members.
    pub members: Vec<CommitteeMember>,
}

/// The council: the body whose work the site publishes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Council {
    /// Its name.
    pub name: String,
    /// Short name used in the minutes.
    pub short_name: String,
    /// The agency it advises, by organisation id.
    pub agency: Option<String>,
    /// What it is (Markdown).
    pub description: String,
    /// Terms, oldest first.
    pub terms: Vec<Term>,
    /// Seats.
    pub seats: Vec<Seat>,
    /// Committees.
    pub committees: Vec<Committee>,
}

impl Council {
    /// The term that contains `date`.
    pub fn term_at(&self, date: NaiveDate) -> Option<&Term> {
        self.terms.iter().find(|t| t.start <= date && date <= t.end)
    }

    /// The organisation's seats that exist on `date`, in file order.
    pub fn seats_at(&self, organisation: &str, date: NaiveDate) -> Vec<&Seat> {
        self.seats
            .iter()
            .filter(|s| s.exists_on(date) && s.organisation_at(date) == organisation)
            .collect()
    }

    /// How many seats exist on `date`.
    pub fn seat_count(&self, date: NaiveDate) -> usize {
        self.seats.iter().filter(|s| s.exists_on(date)).count()
    }

    /// Does the organisation hold a seat in any term?
    pub fn has_any_seat(&self, organisation: &str) -> bool {
        self.seats
            .iter()
            .any(|s| s.organisations().any(|o| o == organisation))
    }
}

/// Builds the council, checking terms, seats and committees.
pub(crate) fn council(
    raw: Option<&Parsed<RawCouncil>>,
    check: &mut Checker,
    title: &str,
) -> Council {
    let Some(parsed) = raw else {
        return Council {
            name: title.to_string(),
            short_name: title.to_string(),
            agency: None,
            description: String::new(),
            terms: Vec::new(),
            seats: Vec::new(),
            committees: Vec::new(),
        };
    };
    let file = &parsed.file;
    let raw = &parsed.value;
    check.organisation(file, &raw.agency);

    let mut terms: Vec<Term> = Vec::new();
    // Each term's `start` span, by position in `terms`, for the overlap check.
    let mut starts = Vec::new();
    for t in &raw.terms {
        let (Some(start), Some(end)) = (check.date(file, &t.start), check.date(file, &t.end))
        else {
            continue;
        };
        if end < start {
            check.push(
                file.error_at(
                    DiagnosticKind::TermEndsBeforeStart,
                    t.end.span(),
                    "the term ends before it starts",
                )
                .hint("`end` must be on or after `start`"),
            );
        }
        if terms.iter().any(|earlier| &earlier.id == t.id.get_ref()) {
            check.push(
                file.error_at(
                    DiagnosticKind::TermIdTwice,
                    t.id.span(),
                    format!("the term id \"{}\" is used twice", t.id.get_ref()),
                )
                .hint("each term needs its own id"),
            );
            continue;
        }
        terms.push(Term {
            id: t.id.get_ref().clone(),
            start,
            end,
        });
        starts.push(t.start.span());
    }
    let mut order: Vec<usize> = (0..terms.len()).collect();
    order.sort_by_key(|&i| terms[i].start);
    // A date in two terms would make "the term of that day" ambiguous.
    let mut latest: Option<usize> = None;
    for &i in &order {
        if let Some(l) = latest {
            let (before, this) = (&terms[l], &terms[i]);
            if this.start <= before.end {
                check.push(
                    file.error_at(
                        DiagnosticKind::TermsOverlap,
                        starts[i].clone(),
                        format!(
                            "the term \"{}\" ({}–{}) overlaps the term \"{}\" ({}–{})",
                            this.id, this.start, this.end, before.id, before.start, before.end
                        ),
                    )
                    .hint("a term starts after the one before it ends; correct `start` or `end`"),
                );
            }
        }
        match latest {
            Some(l) if terms[l].end >= terms[i].end => {}
            _ => latest = Some(i),
        }
    }
    terms.sort_by_key(|t| t.start);

    let seats = super::seat::seats(file, raw, &terms, check);

    let mut committees = Vec::new();
    for c in &raw.committees {
        if !terms.iter().any(|t| &t.id == c.term.get_ref()) {
            check.push(
                file.error_at(
                    DiagnosticKind::UnknownCommitteeTerm,
                    c.term.span(),
                    format!("unknown term \"{}\"", c.term.get_ref()),
                )
                .hint(format!(
                    "{}declare the term with [[term]] in data/council.toml",
                    crate::spelling::did_you_mean(
                        c.term.get_ref(),
                        terms.iter().map(|t| t.id.as_str())
                    )
                )),
            );
        }
        let members = c
            .members
            .iter()
            .map(|m| {
                check.person(file, &m.person);
                if let Some(org) = &m.organisation {
                    check.organisation(file, org);
                }
                CommitteeMember {
                    person: m.person.get_ref().clone(),
                    organisation: m.organisation.as_ref().map(|o| o.get_ref().clone()),
                    role: m.role.clone(),
                    note: m.note.clone(),
                }
            })
            .collect();
        committees.push(Committee {
            name: c.name.clone(),
            short_name: c.short_name.clone(),
            term: c.term.get_ref().clone(),
            members,
        });
    }

    Council {
        name: raw.name.clone(),
        short_name: raw.short_name.clone(),
        agency: Some(raw.agency.get_ref().clone()),
        description: raw
            .description
            .as_ref()
            .map(|d| d.get_ref().clone())
            .unwrap_or_default(),
        terms,
        seats,
        committees,
    }
}
