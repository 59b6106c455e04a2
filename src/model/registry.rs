//! The registries under `data/`: organisations, people, and the council with
//! its terms, seats and committees. Plain types; building them checks every
//! id and reference and reports what does not resolve.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::check::Checker;
pub(crate) use super::council::council;
pub use super::council::{Committee, CommitteeMember, Council, Term};
use super::history::{Dated, DatedTitle, History};
pub use super::seat::{Holding, Seat, SeatMove, SeatRole};
use super::slug::is_valid_id;
use crate::error::DiagnosticKind;
use crate::load::{Parsed, RawOrganisations, RawPeople, SourceFile};

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
