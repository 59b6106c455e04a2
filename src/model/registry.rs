//! The registries under `data/`: organisations, people, and the council with
//! its terms, seats and committees. Plain types; building them checks every
//! id and reference and reports what does not resolve.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::check::Checker;
use super::history::{Dated, DatedTitle, History};
pub use super::seat::{Holding, Seat, SeatMove, SeatRole};
use super::slug::is_valid_id;
use crate::error::DiagnosticKind;
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
    /// The body it is part of now, by id.
    pub parent: Option<String>,
    /// Website.
    pub website: Option<String>,
    /// A sentence about it.
    pub description: Option<String>,
    /// Its names over time; `name` is the current one.
    pub names: History<String>,
    /// The bodies it was part of over time, by id; `parent` is the current one.
    pub parents: History<Option<String>>,
}

impl Organisation {
    /// The name on `date`.
    pub fn name_at(&self, date: NaiveDate) -> &str {
        self.names.at(date)
    }

    /// The parent on `date`, by id.
    pub fn parent_at(&self, date: NaiveDate) -> Option<&str> {
        self.parents.at(date).as_deref()
    }
}

/// A person named in a public role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    /// Stable id, also its URL segment.
    pub id: String,
    /// Name as published now.
    pub name: String,
    /// Position now, if any.
    pub title: Option<String>,
    /// Names over time.
    pub names: History<String>,
    /// The undated position, for days no dated one covers.
    pub undated_title: Option<String>,
    /// Positions with dates.
    pub titles: Vec<DatedTitle>,
}

impl Person {
    /// The name on `date`.
    pub fn name_at(&self, date: NaiveDate) -> &str {
        self.names.at(date)
    }

    /// The position on `date`: a dated one that covers it, else the undated one.
    pub fn title_at(&self, date: NaiveDate) -> Option<&str> {
        self.titles
            .iter()
            .rev()
            .find(|t| t.covers(date))
            .map(|t| t.title.as_str())
            .or(self.undated_title.as_deref())
    }
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
                file.error_at(
                    DiagnosticKind::InvalidOrganisationId,
                    raw.id.span(),
                    format!("\"{id}\" is not a valid id"),
                )
                .hint("ids use a–z, 0–9 and hyphens, for example \"kreftforeningen\""),
            );
            continue;
        }
        let kind = OrganisationKind::parse(raw.kind.get_ref()).unwrap_or_else(|| {
            check.push(file.error_at(DiagnosticKind::UnknownOrganisationKind, raw.kind.span(), format!("unknown organisation kind \"{}\"", raw.kind.get_ref()))
                .hint(format!("{}use member, umbrella, appointing-body, agency, agency-unit, observer or external",
                    crate::spelling::did_you_mean(raw.kind.get_ref(), ["member", "umbrella", "appointing-body", "agency", "agency-unit", "observer", "external"]))));
            // Still registered, so references to it raise no follow-on errors;
            // the error stops the build before anything shows the kind.
            OrganisationKind::External
        });
        if out.contains_key(&id) {
            check.push(
                file.error_at(
                    DiagnosticKind::OrganisationIdTwice,
                    raw.id.span(),
                    format!("the organisation id \"{id}\" is used twice"),
                )
                .hint("each organisation needs its own id"),
            );
            continue;
        }
        if let Some(scheme) = raw
            .website
            .as_deref()
            .and_then(super::body::dangerous_scheme)
        {
            let website = raw.website.as_deref().unwrap_or_default();
            let at = file.text.find(website).unwrap_or(0);
            check.push(
                file.error_at(
                    DiagnosticKind::UnsafeWebsite,
                    at..at + website.len(),
                    format!("the website is a `{scheme}` address, which would run in the reader's browser"),
                )
                .hint("write the organisation's http(s) address"),
            );
        }
        let names = names(file, &raw.name, &raw.names, check);
        let parents = dated(
            file,
            raw.parent.as_ref().map(|p| p.get_ref().clone()),
            raw.parents
                .iter()
                .map(|p| (&p.from, Some(p.parent.get_ref().clone()))),
            check,
        );
        out.insert(
            id.clone(),
            Organisation {
                id,
                name: names.current().clone(),
                short_name: raw.short_name.clone(),
                kind,
                umbrella: raw.umbrella.as_ref().map(|u| u.get_ref().clone()),
                parent: parents.current().clone(),
                website: raw.website.clone(),
                description: raw.description.clone(),
                names,
                parents,
            },
        );
    }
    // References inside the registry resolve against the whole registry.
    for raw in &parsed.value.organisations {
        let later = raw.parents.iter().map(|p| &p.parent);
        for reference in [&raw.umbrella, &raw.parent]
            .into_iter()
            .flatten()
            .chain(later)
        {
            if !out.contains_key(reference.get_ref()) {
                check.push(unknown_organisation(
                    file,
                    reference.span(),
                    reference.get_ref(),
                    out.keys().map(String::as_str),
                ));
            }
        }
    }
    out
}

/// A name and its later names, checked to be in date order.
fn names(
    file: &SourceFile,
    first: &str,
    later: &[crate::load::RawDatedName],
    check: &mut Checker,
) -> History<String> {
    dated(
        file,
        first.to_string(),
        later.iter().map(|n| (&n.from, n.name.clone())),
        check,
    )
}

/// A first value and later ones from their days; a day out of order is an error.
fn dated<'r, T>(
    file: &SourceFile,
    first: T,
    later: impl Iterator<Item = (&'r toml::Spanned<toml::value::Datetime>, T)>,
    check: &mut Checker,
) -> History<T> {
    let mut history = History::constant(first);
    for (from, value) in later {
        let Some(day) = check.date(file, from) else {
            continue;
        };
        if let Some(last) = history.changes.last() {
            if day <= last.from {
                check.push(
                    file.error_at(
                        DiagnosticKind::ChangeOutOfOrder,
                        from.span(),
                        format!("{day} is not after the change before it ({})", last.from),
                    )
                    .hint("list the changes oldest first, each with its own `from` day"),
                );
                continue;
            }
        }
        history.changes.push(Dated { from: day, value });
    }
    history
}

/// Builds the people registry.
pub(crate) fn people(
    raw: Option<&Parsed<RawPeople>>,
    organisations: &BTreeMap<String, Organisation>,
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
                    .error_at(
                        DiagnosticKind::InvalidPersonId,
                        raw.id.span(),
                        format!("\"{id}\" is not a valid id"),
                    )
                    .hint("ids use a–z, 0–9 and hyphens, for example \"stine-nissen\""),
            );
            continue;
        }
        if out.contains_key(&id) {
            check.push(
                parsed
                    .file
                    .error_at(
                        DiagnosticKind::PersonIdTwice,
                        raw.id.span(),
                        format!("the person id \"{id}\" is used twice"),
                    )
                    .hint("each person needs their own id"),
            );
            continue;
        }
        if organisations.contains_key(&id) {
            // `fra=` and links take either, so one id must name one of them.
            check.push(
                parsed
                    .file
                    .error_at(
                        DiagnosticKind::PersonIsOrganisation,
                        raw.id.span(),
                        format!(
                            "\"{id}\" is both a person in data/people.toml and an organisation \
                             in data/organisations.toml"
                        ),
                    )
                    .hint("give the person or the organisation another id"),
            );
        }
        let names = names(&parsed.file, &raw.name, &raw.names, check);
        let mut titles = Vec::new();
        for t in &raw.titles {
            let from = t.from.as_ref().and_then(|d| check.date(&parsed.file, d));
            let to = t.to.as_ref().and_then(|d| check.date(&parsed.file, d));
            if let (Some(f), Some(to_day), Some(span)) = (from, to, t.to.as_ref()) {
                if to_day < f {
                    check.push(
                        parsed
                            .file
                            .error_at(DiagnosticKind::TitleEndsBeforeStart, span.span(), format!("`to` ({to_day}) is before `from` ({f})"))
                            .hint("`to` is the last day and must be on or after `from`, the first; swap them if they are reversed"),
                    );
                    continue;
                }
            }
            titles.push(DatedTitle {
                title: t.title.clone(),
                from,
                to,
            });
        }
        let mut person = Person {
            id: id.clone(),
            name: names.current().clone(),
            title: None,
            names,
            undated_title: raw.title.clone(),
            titles,
        };
        person.title = person.title_at(NaiveDate::MAX).map(String::from);
        out.insert(id, person);
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

/// The error for an organisation id that is not in the registry.
/// The hint names the known id closest to `id`, when one is.
pub(crate) fn unknown_organisation<'a>(
    file: &SourceFile,
    span: std::ops::Range<usize>,
    id: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> crate::error::Diagnostic {
    file.error_at(
        DiagnosticKind::UnknownOrganisation,
        span,
        format!("unknown organisation \"{id}\""),
    )
    .hint(format!(
        "{}use an id from data/organisations.toml, or add the organisation there",
        crate::spelling::did_you_mean(id, known)
    ))
}
