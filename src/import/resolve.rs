//! Names as printed in minutes, resolved against the site's registry
//! (`data/organisations.toml`, `data/people.toml`, `data/council.toml`):
//! organisation labels with umbrella prefixes ("FFO/…"), other spacing, case
//! and bracketed variants; people by full name, without a middle name, or
//! with initials ("Tone P. Torgersen"). What cannot be resolved becomes a
//! [`Proposal`] for a new registry entry; nothing is written to `data/` here.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;

use crate::load::{RawCouncil, RawOrganisations, RawPeople};
use crate::model::slugify;

use super::ImportError;

/// An organisation of the registry.
#[derive(Debug, Clone)]
pub(crate) struct Org {
    pub id: String,
    /// Normalised names it is known by.
    keys: Vec<String>,
}

/// A seat holder of the registry.
#[derive(Debug, Clone)]
pub(crate) struct Holder {
    pub person: String,
    pub role: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// A seat of the registry, in a term.
#[derive(Debug, Clone)]
pub(crate) struct Seat {
    pub organisation: String,
    /// How the council's lists label the seat ("FFO/Epilepsiforbundet").
    pub label: Option<String>,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub holders: Vec<Holder>,
}

/// What the site's `data/` knows, for resolving names.
#[derive(Debug, Clone, Default)]
pub(crate) struct Registry {
    pub orgs: Vec<Org>,
    /// (id, name)
    pub people: Vec<(String, String)>,
    pub seats: Vec<Seat>,
    /// The council's short name ("Brukerrådet").
    pub council: Option<String>,
    /// The council's full name ("Helsedirektoratets brukerråd"), to notice
    /// minutes of another council.
    pub council_name: Option<String>,
}

/// A registry entry the import suggests.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Proposal {
    /// A new `[[organisation]]`.
    Organisation {
        id: String,
        name: String,
        kind: &'static str,
        parent: Option<String>,
        umbrella: Option<String>,
    },
    /// A new `[[person]]`.
    Person { id: String, name: String },
    /// A new `[[seat.holder]]` of an existing seat.
    Holder {
        organisation: String,
        person: String,
        role: &'static str,
    },
}

/// Lowercase words of letters and digits: "FFO/ Hørselshemmedes  Landsforbund" → "ffo hørselshemmedes landsforbund".
pub(crate) fn norm(s: &str) -> String {
    let mapped: String = s
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect();
    mapped.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text without bracketed parts: "LIN (Likestilling, …)" → "LIN".
pub(crate) fn without_brackets(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn date(d: &toml::value::Datetime) -> Option<NaiveDate> {
    let d = d.date?;
    NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
}

/// A holder's `from`/`to`: a date, or `"unknown"` (no date).
fn value_date(v: &toml::Value) -> Option<NaiveDate> {
    match v {
        toml::Value::Datetime(d) => date(d),
        _ => None,
    }
}

fn read<T: serde::de::DeserializeOwned>(root: &Path, rel: &str) -> Result<Option<T>, ImportError> {
    let path = root.join(rel);
    if !path.is_file() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path).map_err(|e| ImportError::Read {
        path: path.clone(),
        source: e,
    })?;
    toml::from_str(&text)
        .map(Some)
        .map_err(|e| ImportError::Registry {
            path,
            message: e.message().to_string(),
        })
}

impl Registry {
    /// Reads `data/` of the site at `root`; missing files are empty.
    pub(crate) fn load(root: &Path) -> Result<Registry, ImportError> {
        let orgs: Option<RawOrganisations> = read(root, "data/organisations.toml")?;
        let people: Option<RawPeople> = read(root, "data/people.toml")?;
        let council: Option<RawCouncil> = read(root, "data/council.toml")?;
        let mut registry = Registry::default();
        let mut labels: BTreeMap<String, Vec<String>> = BTreeMap::new();
        if let Some(council) = &council {
            registry.council = Some(council.short_name.clone());
            registry.council_name = Some(council.name.clone());
            let terms: BTreeMap<&str, (Option<NaiveDate>, Option<NaiveDate>)> = council
                .terms
                .iter()
                .map(|t| {
                    (
                        t.id.get_ref().as_str(),
                        (date(t.start.get_ref()), date(t.end.get_ref())),
                    )
                })
                .collect();
            for seat in &council.seats {
                let org = seat.organisation.get_ref().clone();
                if let Some(label) = &seat.label {
                    labels.entry(org.clone()).or_default().push(label.clone());
                }
                let (start, end) = terms
                    .get(seat.term.get_ref().as_str())
                    .copied()
                    .unwrap_or((None, None));
                registry.seats.push(Seat {
                    organisation: org,
                    label: seat.label.clone(),
                    start,
                    end,
                    holders: seat
                        .holders
                        .iter()
                        .map(|h| Holder {
                            person: h.person.get_ref().clone(),
                            role: h.role.get_ref().clone(),
                            from: h.from.as_ref().and_then(|d| value_date(d.get_ref())),
                            to: h.to.as_ref().and_then(|d| value_date(d.get_ref())),
                        })
                        .collect(),
                });
            }
        }
        for o in orgs.map(|o| o.organisations).unwrap_or_default() {
            let id = o.id.get_ref().clone();
            let mut names = vec![o.name.clone(), id.replace('-', " ")];
            names.extend(o.short_name.clone());
            names.extend(labels.get(&id).cloned().unwrap_or_default());
            let mut keys = Vec::new();
            for n in names {
                for k in [norm(&n), norm(&without_brackets(&n))] {
                    if !k.is_empty() && !keys.contains(&k) {
                        keys.push(k);
                    }
                }
            }
            registry.orgs.push(Org { id, keys });
        }
        for p in people.map(|p| p.people).unwrap_or_default() {
            registry.people.push((p.id.get_ref().clone(), p.name));
        }
        Ok(registry)
    }

    /// The organisation a label names, as printed: "FFO/Epilepsiforbundet",
    /// "SaFo", "LIN (likestilling-inkludering-mangfold)", "Oppnevnt fra Sametinget".
    pub(crate) fn organisation(&self, label: &str) -> Option<&Org> {
        let label = label.trim().trim_end_matches([':', ',', '.']);
        let mut forms = vec![label.to_string(), without_brackets(label)];
        if let Some((_, after)) = label.rsplit_once('/') {
            forms.push(after.to_string());
            forms.push(without_brackets(after));
        }
        if let Some(i) = super::text::find_ci(label, " fra ") {
            forms.push(label[i + 5..].to_string());
        }
        for form in forms {
            let key = norm(&form);
            if key.is_empty() {
                continue;
            }
            let found: Vec<&Org> = self.orgs.iter().filter(|o| o.keys.contains(&key)).collect();
            if found.len() == 1 {
                return found.first().copied();
            }
        }
        None
    }

    /// The longest run of leading words of `text` that names an
    /// organisation, with the number of words it took.
    pub(crate) fn organisation_prefix(&self, words: &[&str]) -> Option<(usize, &Org)> {
        // No organisation's label runs to more than a dozen words.
        (1..=words.len().min(12))
            .rev()
            .find_map(|n| self.organisation(&words[..n].join(" ")).map(|o| (n, o)))
    }

    /// The agency unit a "Fremmet av" path names ("Helsedirektoratet:
    /// Divisjon folkehelse og forebygging"): the deepest part that resolves,
    /// and the first part that did not resolve below it, if any.
    pub(crate) fn unit(&self, path: &str) -> (Option<&Org>, Option<String>) {
        let parts: Vec<String> = path
            .split([':', ',', '/', ';'])
            .flat_map(|p| p.split(" – ").map(str::to_string).collect::<Vec<_>>())
            .flat_map(|p| p.split(" - ").map(str::to_string).collect::<Vec<_>>())
            .map(|p| super::lines::collapse(&p))
            .filter(|p| !p.is_empty())
            .collect();
        for (i, part) in parts.iter().enumerate().rev() {
            if let Some(org) = self.organisation(part) {
                let below = parts.get(i + 1).cloned();
                return (Some(org), below);
            }
        }
        (None, parts.last().cloned())
    }

    /// The person a printed name means: the full name, first and last name
    /// (middle names left out or added), or initials for middle names.
    pub(crate) fn person(&self, printed: &str) -> Option<&str> {
        // "Stine Nissen (vara)": what is in brackets is not the name.
        let wanted: Vec<String> = norm(&without_brackets(printed))
            .split(' ')
            .map(str::to_string)
            .collect();
        if wanted.len() < 2 {
            return None;
        }
        let exact: Vec<&str> = self
            .people
            .iter()
            .filter(|(_, n)| norm(n) == wanted.join(" "))
            .map(|(id, _)| id.as_str())
            .collect();
        if exact.len() == 1 {
            return exact.first().copied();
        }
        let (first, last) = (&wanted[0], &wanted[wanted.len() - 1]);
        let middle = &wanted[1..wanted.len() - 1];
        let found: Vec<&str> = self
            .people
            .iter()
            .filter(|(_, n)| {
                let have: Vec<String> = norm(n).split(' ').map(str::to_string).collect();
                if have.len() < 2 || &have[0] != first || &have[have.len() - 1] != last {
                    return false;
                }
                // Every printed middle name or initial is one of theirs, in order.
                let theirs = &have[1..have.len() - 1];
                let mut at = 0;
                middle.iter().all(|m| {
                    while at < theirs.len() {
                        let t = &theirs[at];
                        at += 1;
                        if t == m || (m.chars().count() == 1 && t.starts_with(m.as_str())) {
                            return true;
                        }
                    }
                    false
                })
            })
            .map(|(id, _)| id.as_str())
            .collect();
        if found.len() == 1 {
            found.first().copied()
        } else {
            None
        }
    }

    /// The role `person` holds in `organisation`'s seat on `date`, if any.
    pub(crate) fn role(&self, organisation: &str, person: &str, date: NaiveDate) -> Option<&str> {
        self.seat(organisation, date)?
            .holders
            .iter()
            .find(|h| {
                h.person == person
                    && h.from.map_or(true, |f| f <= date)
                    && h.to.map_or(true, |t| date <= t)
            })
            .map(|h| h.role.as_str())
    }

    /// `organisation`'s seat on `date`.
    pub(crate) fn seat(&self, organisation: &str, date: NaiveDate) -> Option<&Seat> {
        self.seats.iter().find(|s| {
            s.organisation == organisation
                && s.start.map_or(true, |d| d <= date)
                && s.end.map_or(true, |d| date <= d)
        })
    }

    /// True when `text` is a person of the registry.
    pub(crate) fn knows_person(&self, text: &str) -> bool {
        self.person(text).is_some()
    }
}

/// A new id for `name` that the registry does not use yet.
pub(crate) fn new_id(name: &str, taken: &dyn Fn(&str) -> bool) -> String {
    let base = slugify(name);
    let base = if base.is_empty() {
        "ukjent".to_string()
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 2;
    while taken(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registry() -> Registry {
        let mut r = Registry::default();
        for (id, name, short) in [
            ("epilepsiforbundet", "Epilepsiforbundet", None),
            (
                "lin",
                "LIN (Likestilling, Inkludering og Nettverk)",
                Some("LIN"),
            ),
            ("safo", "SAFO", Some("SAFO")),
            ("sametinget", "Sametinget", None),
            (
                "nasjonalforeningen",
                "Nasjonalforeningen for folkehelsen",
                Some("Nasjonalforeningen"),
            ),
            ("hdir", "Helsedirektoratet", None),
            ("hdir-x", "Divisjon folkehelse og forebygging", None),
        ] {
            let mut keys = vec![norm(name), norm(&without_brackets(name))];
            keys.extend(short.map(norm));
            r.orgs.push(Org {
                id: id.into(),
                keys,
            });
        }
        r.people = vec![
            (
                "tone-poulsson-torgersen".into(),
                "Tone Poulsson Torgersen".into(),
            ),
            ("sissel-karin-haavaag".into(), "Sissel Karin Haavaag".into()),
            ("tone-hansen".into(), "Tone Hansen".into()),
        ];
        r
    }

    #[test]
    fn organisation_labels_in_their_printed_variants() {
        let r = registry();
        let id = |s: &str| r.organisation(s).map(|o| o.id.as_str());
        assert_eq!(id("FFO/Epilepsiforbundet"), Some("epilepsiforbundet"));
        assert_eq!(id("FFO / epilepsiforbundet"), Some("epilepsiforbundet"));
        assert_eq!(id("LIN (likestilling-inkludering-mangfold)"), Some("lin"));
        assert_eq!(id("SaFo"), Some("safo"));
        assert_eq!(id("Oppnevnt fra Sametinget"), Some("sametinget"));
        assert_eq!(id("Ukjent forening"), None);
        let words = ["Nasjonalforeningen", "for", "folkehelsen", "Tone", "Hansen"];
        assert_eq!(
            r.organisation_prefix(&words)
                .map(|(n, o)| (n, o.id.as_str())),
            Some((3, "nasjonalforeningen"))
        );
        let (unit, below) = r.unit("Helsedirektoratet: Divisjon Folkehelse og forebygging");
        assert_eq!((unit.map(|o| o.id.as_str()), below), (Some("hdir-x"), None));
        let (unit, below) = r.unit("Helsedirektoratet, avdeling for noe nytt");
        assert_eq!(
            (unit.map(|o| o.id.as_str()), below.as_deref()),
            (Some("hdir"), Some("avdeling for noe nytt"))
        );
    }

    #[test]
    fn people_by_full_name_initials_and_missing_middle_names() {
        let r = registry();
        assert_eq!(
            r.person("Tone P. Torgersen"),
            Some("tone-poulsson-torgersen")
        );
        assert_eq!(r.person("Tone Torgersen"), Some("tone-poulsson-torgersen"));
        assert_eq!(r.person("Sissel Haavaag"), Some("sissel-karin-haavaag"));
        assert_eq!(
            r.person("Sissel Karin Haavaag"),
            Some("sissel-karin-haavaag")
        );
        assert_eq!(r.person("Tone K. Torgersen"), None);
        assert_eq!(
            r.person("Tone Torgersen (vara)"),
            Some("tone-poulsson-torgersen")
        );
        assert_eq!(r.person("Tone"), None);
    }
}
