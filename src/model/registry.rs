//! The registries under `data/`: organisations, people, and the council with
//! its terms, seats and committees. Plain types; building them checks every
//! id and reference and reports what does not resolve.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::check::Checker;
use super::slug::is_valid_id;
use crate::load::{Parsed, RawCouncil, RawOrganisations, RawPeople, SourceFile};

/// What kind of body an organisation is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OrganisationKind {
    /// A patient, user or carer organisation.
    Member,
    /// An umbrella organisation (FFO, SAFO, BrukerRoP).
    Umbrella,
    /// A body that appoints a seat holder (the Sami Parliament).
    AppointingBody,
    /// The agency the council advises.
    Agency,
    /// A division or department of the agency.
    AgencyUnit,
    /// An observer without a seat (NAV).
    Observer,
    /// Any other body (a government committee, other councils).
    External,
}

impl OrganisationKind {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "member" => Self::Member,
            "umbrella" => Self::Umbrella,
            "appointing-body" => Self::AppointingBody,
            "agency" => Self::Agency,
            "agency-unit" => Self::AgencyUnit,
            "observer" => Self::Observer,
            "external" => Self::External,
            _ => return None,
        })
    }

    /// The Norwegian name, as shown on pages.
    pub fn label(self) -> &'static str {
        match self {
            Self::Member => "Medlemsorganisasjon",
            Self::Umbrella => "Paraplyorganisasjon",
            Self::AppointingBody => "Oppnevnende instans",
            Self::Agency => "Etat",
            Self::AgencyUnit => "Enhet i etaten",
            Self::Observer => "Observatør",
            Self::External => "Eksternt organ",
        }
    }
}

/// An organisation, unit or body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Organisation {
    /// Stable id, also its URL segment.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Short name, if it has one.
    pub short_name: Option<String>,
    /// What kind of body it is.
    pub kind: OrganisationKind,
    /// The umbrella it is seated through, by id.
    pub umbrella: Option<String>,
    /// The body it is part of, by id.
    pub parent: Option<String>,
    /// Website.
    pub website: Option<String>,
    /// A sentence about it.
    pub description: Option<String>,
}

/// A person named in a public role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    /// Stable id, also its URL segment.
    pub id: String,
    /// Name as published.
    pub name: String,
    /// Position, if given.
    pub title: Option<String>,
}

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

/// The role of a seat holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SeatRole {
    /// Medlem.
    Member,
    /// Vara.
    Deputy,
}

impl SeatRole {
    /// The Norwegian name.
    pub fn label(self) -> &'static str {
        match self {
            SeatRole::Member => "Medlem",
            SeatRole::Deputy => "Vara",
        }
    }
}

/// Someone holding a seat as member or deputy, for a span of days.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Holding {
    /// The person, by id.
    pub person: String,
    /// Member or deputy.
    pub role: SeatRole,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// Where the change is recorded.
    pub note: Option<String>,
}

/// An organisation's seat for one term.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Seat {
    /// The organisation, by id.
    pub organisation: String,
    /// The term, by id.
    pub term: String,
    /// How the minutes label it, if not by the organisation's name.
    pub label: Option<String>,
    /// Who held it.
    pub holders: Vec<Holding>,
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

    /// The organisation's seat in the term containing `date`.
    pub fn seat_at(&self, organisation: &str, date: NaiveDate) -> Option<&Seat> {
        let term = self.term_at(date)?;
        self.seats
            .iter()
            .find(|s| s.organisation == organisation && s.term == term.id)
    }

    /// Does the organisation hold a seat in any term?
    pub fn has_any_seat(&self, organisation: &str) -> bool {
        self.seats.iter().any(|s| s.organisation == organisation)
    }
}

/// Builds the organisation registry, in file order.
pub(crate) fn organisations(
    raw: Option<&Parsed<RawOrganisations>>,
    check: &mut Checker,
) -> BTreeMap<String, Organisation> {
    let mut out = BTreeMap::new();
    let Some(parsed) = raw else {
        return out;
    };
    let file = &parsed.file;
    for raw in &parsed.value.organisations {
        let id = raw.id.get_ref().clone();
        if !is_valid_id(&id) {
            check.push(
                file.error_at(raw.id.span(), format!("\"{id}\" is not a valid id"))
                    .hint("ids use a–z, 0–9 and hyphens, for example \"kreftforeningen\""),
            );
            continue;
        }
        let Some(kind) = OrganisationKind::parse(raw.kind.get_ref()) else {
            check.push(file.error_at(raw.kind.span(), format!("unknown organisation kind \"{}\"", raw.kind.get_ref()))
                .hint("use member, umbrella, appointing-body, agency, agency-unit, observer or external"));
            continue;
        };
        if out.contains_key(&id) {
            check.push(
                file.error_at(
                    raw.id.span(),
                    format!("the organisation id \"{id}\" is used twice"),
                )
                .hint("each organisation needs its own id"),
            );
            continue;
        }
        out.insert(
            id.clone(),
            Organisation {
                id,
                name: raw.name.clone(),
                short_name: raw.short_name.clone(),
                kind,
                umbrella: raw.umbrella.as_ref().map(|u| u.get_ref().clone()),
                parent: raw.parent.as_ref().map(|u| u.get_ref().clone()),
                website: raw.website.clone(),
                description: raw.description.clone(),
            },
        );
    }
    // References inside the registry resolve against the whole registry.
    for raw in &parsed.value.organisations {
        for reference in [&raw.umbrella, &raw.parent].into_iter().flatten() {
            if !out.contains_key(reference.get_ref()) {
                check.push(unknown_organisation(
                    file,
                    reference.span(),
                    reference.get_ref(),
                ));
            }
        }
    }
    out
}

/// Builds the people registry.
pub(crate) fn people(
    raw: Option<&Parsed<RawPeople>>,
    check: &mut Checker,
) -> BTreeMap<String, Person> {
    let mut out = BTreeMap::new();
    let Some(parsed) = raw else {
        return out;
    };
    for raw in &parsed.value.people {
        let id = raw.id.get_ref().clone();
        if !is_valid_id(&id) {
            check.push(
                parsed
                    .file
                    .error_at(raw.id.span(), format!("\"{id}\" is not a valid id"))
                    .hint("ids use a–z, 0–9 and hyphens, for example \"stine-nissen\""),
            );
            continue;
        }
        if out.contains_key(&id) {
            check.push(
                parsed
                    .file
                    .error_at(
                        raw.id.span(),
                        format!("the person id \"{id}\" is used twice"),
                    )
                    .hint("each person needs their own id"),
            );
            continue;
        }
        out.insert(
            id.clone(),
            Person {
                id,
                name: raw.name.clone(),
                title: raw.title.clone(),
            },
        );
    }
    out
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
    for t in &raw.terms {
        let (Some(start), Some(end)) = (check.date(file, &t.start), check.date(file, &t.end))
        else {
            continue;
        };
        if end < start {
            check.push(
                file.error_at(t.end.span(), "the term ends before it starts")
                    .hint("`end` must be on or after `start`"),
            );
        }
        terms.push(Term {
            id: t.id.get_ref().clone(),
            start,
            end,
        });
    }
    terms.sort_by_key(|t| t.start);

    let mut seats = Vec::new();
    let mut seen = BTreeMap::new();
    for s in &raw.seats {
        check.organisation(file, &s.organisation);
        let Some(term) = terms.iter().find(|t| &t.id == s.term.get_ref()) else {
            check.push(
                file.error_at(
                    s.term.span(),
                    format!("unknown term \"{}\"", s.term.get_ref()),
                )
                .hint("declare the term with [[term]] in data/council.toml"),
            );
            continue;
        };
        let key = (s.organisation.get_ref().clone(), term.id.clone());
        if seen.insert(key, ()).is_some() {
            check.push(
                file.error_at(
                    s.organisation.span(),
                    format!(
                        "\"{}\" has two seats in the term {}",
                        s.organisation.get_ref(),
                        term.id
                    ),
                )
                .hint("list each holder under one [[seat]] with several [[seat.holder]]"),
            );
        }
        let mut holders = Vec::new();
        for h in &s.holders {
            check.person(file, &h.person);
            let role = match h.role.get_ref().as_str() {
                "member" | "medlem" => SeatRole::Member,
                "deputy" | "vara" => SeatRole::Deputy,
                other => {
                    check.push(
                        file.error_at(h.role.span(), format!("unknown seat role \"{other}\""))
                            .hint("use role = \"member\" or \"deputy\""),
                    );
                    continue;
                }
            };
            let from = h
                .from
                .as_ref()
                .and_then(|d| check.date(file, d))
                .unwrap_or(term.start);
            let to =
                h.to.as_ref()
                    .and_then(|d| check.date(file, d))
                    .unwrap_or(term.end);
            if from < term.start || to > term.end || to < from {
                let span = h
                    .from
                    .as_ref()
                    .or(h.to.as_ref())
                    .map(|d| d.span())
                    .unwrap_or(h.person.span());
                check.push(
                    file.error_at(
                        span,
                        format!(
                            "the holding {from}–{to} is not within the term {} ({}–{})",
                            term.id, term.start, term.end
                        ),
                    )
                    .hint("correct `from`/`to`, or put the holder under the right term's seat"),
                );
            }
            holders.push(Holding {
                person: h.person.get_ref().clone(),
                role,
                from,
                to,
                note: h.note.clone(),
            });
        }
        seats.push(Seat {
            organisation: s.organisation.get_ref().clone(),
            term: term.id.clone(),
            label: s.label.clone(),
            holders,
        });
    }

    check_two_seats_at_once(file, raw, &seats, check);

    let mut committees = Vec::new();
    for c in &raw.committees {
        if !terms.iter().any(|t| &t.id == c.term.get_ref()) {
            check.push(
                file.error_at(
                    c.term.span(),
                    format!("unknown term \"{}\"", c.term.get_ref()),
                )
                .hint("declare the term with [[term]] in data/council.toml"),
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
                    check.push(file.error_at(span, format!(
                        "{person} holds two seats at once: {} ({}) and {} ({}) overlap from {}",
                        sa.organisation, a.role.label(), sb.organisation, b.role.label(), a.from.max(b.from)))
                        .hint("end the first holding with `to` before the second starts"));
                }
            }
        }
    }
}

/// The error for an organisation id that is not in the registry.
pub(crate) fn unknown_organisation(
    file: &SourceFile,
    span: std::ops::Range<usize>,
    id: &str,
) -> crate::error::Diagnostic {
    file.error_at(span, format!("unknown organisation \"{id}\""))
        .hint("use an id from data/organisations.toml, or add the organisation there")
}
