//! `medvirk new meeting` and `medvirk new case`: a skeleton file with every
//! field written out and explained, as `cargo new` and `hugo new` give one.
//!
//! A skeleton builds as it is: what the author must fill in has a value that
//! is valid (today's date, the council's seats that day), and what is
//! optional is commented out. An existing file is never replaced.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::Error;

/// What `new` was asked to make.
#[derive(Debug, Clone)]
pub enum NewFile {
    /// A meeting: its folder name (`2026-2`) and day.
    Meeting {
        /// `YEAR-NUMBER`.
        id: String,
        /// The day; today when not given.
        date: Option<NaiveDate>,
    },
    /// A case in an existing meeting.
    Case {
        /// The meeting's folder name.
        meeting: String,
        /// The number as printed ("03/26").
        number: String,
        /// Drøftingssak, oppfølgingssak, orienteringssak or løypemelding.
        kind: Option<String>,
    },
}

/// What was written, and what the author should know about it.
#[derive(Debug, Clone)]
pub struct Created {
    /// The new file, under the site root.
    pub path: PathBuf,
    /// Things the skeleton could not fill in, for the terminal.
    pub notes: Vec<String>,
}

/// Writes the skeleton of `what` into the site at `root`.
pub fn new(root: &Path, what: &NewFile, today: NaiveDate) -> Result<Created, Error> {
    let site = Registry::read(root);
    let mut notes = site.note.clone().into_iter().collect::<Vec<_>>();
    let (path, text) = match what {
        NewFile::Meeting { id, date } => {
            let (year, number) = meeting_id(id)?;
            let date = date.unwrap_or(today);
            if date.format("%Y").to_string() != year {
                return Err(refused(format!(
                    "the meeting {id} is in {year}, but its date {date} is not"
                )));
            }
            let dir = site.meetings_dir.join(id);
            let rows = site.attendance(date);
            if rows.is_empty() && site.note.is_none() {
                notes.push(format!(
                    "data/council.toml has no seat on {date}: add the attendance rows by hand"
                ));
            }
            (dir.join("_index.md"), meeting(number, date, &rows))
        }
        NewFile::Case {
            meeting,
            number,
            kind,
        } => {
            meeting_id(meeting)?;
            let dir = site.meetings_dir.join(meeting);
            if !root.join(&dir).join("_index.md").is_file() {
                return Err(refused(
                    format!(
                        "there is no meeting {meeting} ({} is missing); make it first with `medvirk new meeting {meeting}`",
                        dir.join("_index.md").display()
                    ),
                ));
            }
            let slug = crate::model::slug::slugify(&format!("sak {number}"));
            if slug == "sak" || number.trim().is_empty() {
                return Err(refused(format!(
                    "\"{number}\" is not a case number; write it as printed, such as 03/26"
                )));
            }
            if let Some(k) = kind {
                if crate::model::CaseKind::parse(k).is_none() {
                    return Err(refused(
                        format!("\"{k}\" is not a kind of case: use drøftingssak, oppfølgingssak, orienteringssak or løypemelding"),
                    ));
                }
            }
            (
                dir.join(format!("{slug}.md")),
                case(number, kind.as_deref(), &site.agency_units),
            )
        }
    };
    let full = root.join(&path);
    if full.exists() {
        return Err(refused(format!(
            "{} already exists; new never replaces a file",
            path.display()
        )));
    }
    if let Some(parent) = full.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
    }
    fs::write(&full, text).map_err(|e| Error::write(&full, e))?;
    Ok(Created { path, notes })
}

fn refused(reason: String) -> Error {
    Error::Refused(reason)
}

/// "2026-2" as its year and number.
fn meeting_id(id: &str) -> Result<(&str, u32), Error> {
    let bad = || {
        Error::Refused(format!(
            "\"{id}\" is not a meeting: a meeting is named YEAR-NUMBER, such as 2026-2 for the second meeting of 2026"
        ))
    };
    let (year, number) = id.split_once('-').ok_or_else(bad)?;
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let number: u32 = number.parse().map_err(|_| bad())?;
    if number == 0 {
        return Err(bad());
    }
    Ok((year, number))
}

/// What the site's own files tell a skeleton: where meetings go, the seats,
/// who can submit a case. Read through the model, so a skeleton names only
/// what exists; a site with errors still gets a skeleton, with a note.
struct Registry {
    meetings_dir: PathBuf,
    site: Option<crate::model::Site>,
    agency_units: Vec<String>,
    note: Option<String>,
}

impl Registry {
    fn read(root: &Path) -> Self {
        let default = PathBuf::from("content/moter");
        let built = crate::load::load(root)
            .map_err(|e| e.to_string())
            .and_then(|sources| crate::model::build(&sources).map_err(|d| d.to_string()));
        match built {
            Ok(site) => {
                let meetings_dir = site
                    .meetings_section
                    .as_ref()
                    .and_then(|s| s.source.as_ref())
                    .and_then(|p| p.parent())
                    .map_or(default, Path::to_path_buf);
                let agency_units = site
                    .organisations
                    .iter()
                    .filter(|(_, o)| o.kind == crate::model::OrganisationKind::AgencyUnit)
                    .map(|(id, _)| id.clone())
                    .collect();
                Registry {
                    meetings_dir,
                    site: Some(site),
                    agency_units,
                    note: None,
                }
            }
            Err(_) => Registry {
                meetings_dir: default,
                site: None,
                agency_units: Vec::new(),
                note: Some(
                    "the site has errors (run `medvirk check`), so the skeleton names no seats or organisations"
                        .into(),
                ),
            },
        }
    }

    /// One row per seat that exists on `date`: its organisation and the
    /// member holding it that day, if one does.
    fn attendance(&self, date: NaiveDate) -> Vec<(String, Option<String>)> {
        let Some(site) = &self.site else {
            return Vec::new();
        };
        site.council
            .seats
            .iter()
            .filter(|s| s.exists_on(date))
            .map(|s| {
                let member = s
                    .holders
                    .iter()
                    .find(|h| {
                        h.role == crate::model::SeatRole::Member && h.from <= date && date <= h.to
                    })
                    .map(|h| h.person.clone());
                (s.organisation_at(date).to_string(), member)
            })
            .collect()
    }
}

fn meeting(number: u32, date: NaiveDate, rows: &[(String, Option<String>)]) -> String {
    let mut out = format!(
        r#"+++
# The meeting: see "Writing a meeting" in medvirk's README.
number = {number}                       # {number}/{year}
date = {date}                  # the day (year-month-day)
# start = "10:00"
# end = "15:00"
# place = "Møterommet"
# chair = "person-id"                # who led the meeting, from data/people.toml
# minute_takers = ["person-id"]
# leadership = ["person-id"]         # the agency's leadership present
# secretariat = ["person-id"]
# revised = "Dagsordenen ble revidert."

# One [[agenda]] per line of the agenda, in order.
# [[agenda]]
# time = "10:00"
# text = "Velkommen"
#
# [[agenda]]
# time = "10:15"
# text = "Sak 01/{yy} Tittel"
# case = "01/{yy}"                    # links the line to the case

# [[decisions]]
# text = "Brukerrådet besluttet at …"
# case = "01/{yy}"

# One [[attendance]] row per seat. With a person, they came; write
# status = "avbud" for regrets, and change the person when a deputy came.
"#,
        year = date.format("%Y"),
        yy = date.format("%y"),
    );
    for (organisation, member) in rows {
        out.push_str(&format!(
            "[[attendance]]\norganisation = \"{organisation}\"\n"
        ));
        match member {
            Some(person) => out.push_str(&format!("person = \"{person}\"\n")),
            None => out.push_str("status = \"avbud\"                   # no member holds the seat that day: name who came\n"),
        }
        out.push('\n');
    }
    if rows.is_empty() {
        out.push_str(
            "# [[attendance]]\n# organisation = \"organisation-id\"\n# person = \"person-id\"\n\n",
        );
    }
    out.push_str(
        r#"# [[observers]]                     # present without a seat
# organisation = "organisation-id"
# person = "person-id"

# [[guests]]                         # the name is never published unless publish_name = true
# organisation = "organisation-id"
# name = "…"
# note = "14 år"
# publish_name = false
+++
## Velkommen

Møteleder ønsket velkommen.
"#,
    );
    out
}

fn case(number: &str, kind: Option<&str>, agency_units: &[String]) -> String {
    let kind = match kind {
        Some(k) => format!("kind = \"{k}\"                 # drøftingssak, oppfølgingssak, orienteringssak or løypemelding"),
        None => "# kind = \"drøftingssak\"             # or oppfølgingssak, orienteringssak, løypemelding".into(),
    };
    let submitted = match agency_units.first() {
        Some(unit) => format!(
            "# submitted_by = \"{unit}\"          # who brought the case, by organisation id"
        ),
        None => "# submitted_by = \"organisation-id\"  # who brought the case".into(),
    };
    format!(
        r##"+++
# A case: see "Writing a case" in medvirk's README.
number = "{number}"                  # as printed in the minutes
title = "Ny sak"                     # replace with the case's title as printed
{kind}
{submitted}
# themes = ["tema"]
# status = "behandlet"               # or ikke behandlet, utsatt, trukket
# status_note = "Hvorfor"
# was = "02/26"                      # the number before the agenda was revised

# [[earlier]]                        # earlier treatment of the same matter
# case = "12/25"
# year = 2025

# [[attachments]]
# title = "Presentasjon"
# file = "vedlegg/presentasjon.pdf"  # beside the meeting's _index.md

# When the minutes give the agency's answer, add a section
# headed "Tilbakemelding fra …", after the input.
+++
## Bakgrunn

Hva saken gjelder.

## Problemstillinger til drøfting

- Spørsmålet brukerrådet ble bedt om å svare på

## Innspill fra Brukerrådet

- Hvert kulepunkt er ett innspill, med sin egen lenke.
  - Underpunkter er en del av innspillet over.
"##
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_meeting_is_named_year_and_number() {
        assert_eq!(meeting_id("2026-2").unwrap(), ("2026", 2));
        for bad in ["2026", "26-2", "2026-0", "2026-x", "2026-2-1"] {
            assert!(meeting_id(bad).is_err(), "{bad}");
        }
    }
}
