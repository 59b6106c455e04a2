//! `medvirk init`: a new site with one example meeting that builds as it is.

use std::fs;
use std::path::Path;

use crate::error::Error;

/// The files of a new site: path and text.
const FILES: &[(&str, &str)] = &[
    (
        "config.toml",
        r#"title = "Brukerrådet"
base_url = "https://brukerrad.example.no"
description = "Referater, innspill og deltakelse fra brukerrådet"
default_language = "nb"
"#,
    ),
    (
        "data/organisations.toml",
        r#"[[organisation]]
id = "etaten"
name = "Etaten"
kind = "agency"

[[organisation]]
id = "divisjon-a"
name = "Divisjon A"
kind = "agency-unit"
parent = "etaten"

[[organisation]]
id = "pasientforeningen"
name = "Pasientforeningen"
kind = "member"
"#,
    ),
    (
        "data/people.toml",
        r#"[[person]]
id = "kari-nordmann"
name = "Kari Nordmann"

[[person]]
id = "ola-nordmann"
name = "Ola Nordmann"
"#,
    ),
    (
        "data/council.toml",
        r#"name = "Etatens brukerråd"
short_name = "Brukerrådet"
agency = "etaten"
description = "Brukerrådet gir råd til etaten."

[[term]]
id = "2026-2028"
start = 2026-01-01
end = 2028-12-31

[[seat]]
organisation = "pasientforeningen"
term = "2026-2028"
[[seat.holder]]
person = "kari-nordmann"
role = "member"
[[seat.holder]]
person = "ola-nordmann"
role = "deputy"
"#,
    ),
    (
        "content/_index.md",
        r#"+++
title = "Brukerrådet"
+++
Her publiseres referater fra brukerrådets møter.
"#,
    ),
    (
        "content/moter/_index.md",
        r#"+++
title = "Møter"
kind = "meetings"
+++
"#,
    ),
    (
        "content/moter/2026-1/_index.md",
        r#"+++
number = 1
date = 2026-03-04
start = "10:00"
end = "14:00"
chair = "kari-nordmann"
minute_takers = ["ola-nordmann"]

[[agenda]]
time = "10:00"
text = "Velkommen"

[[agenda]]
time = "10:15"
text = "Sak 01/26 Eksempelsak"
case = "01/26"

[[attendance]]
organisation = "pasientforeningen"
person = "kari-nordmann"
+++
## Velkommen

Møteleder ønsket velkommen.
"#,
    ),
    (
        "content/moter/2026-1/sak-01-26.md",
        r#"+++
number = "01/26"
kind = "drøftingssak"
title = "Eksempelsak"
submitted_by = "divisjon-a"
themes = ["eksempel"]
+++
## Bakgrunn

Hva saken gjelder.

## Problemstillinger til drøfting

- Hva mener brukerrådet?

## Innspill fra Brukerrådet

- Et innspill
  - Et underpunkt
- **Et innspill mange tok opp**
- Et innspill fra én organisasjon {fra=pasientforeningen}
"#,
    ),
    (
        "content/tilgjengelighet.md",
        r#"+++
title = "Tilgjengelighetserklæring"
+++
Skriv her hvordan nettstedet er testet og hvordan man melder fra om feil.
"#,
    ),
];

/// Creates a new site in `dir`, which must not exist or be empty.
pub fn init(dir: &Path) -> Result<(), Error> {
    if dir.exists() {
        let mut entries = fs::read_dir(dir).map_err(|e| Error::read(dir, e))?;
        if entries.next().is_some() {
            return Err(Error::UnsafeOutput {
                path: dir.to_path_buf(),
                reason: "the folder is not empty; init only creates new sites".into(),
            });
        }
    }
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
        }
        fs::write(&path, text).map_err(|e| Error::write(&path, e))?;
    }
    Ok(())
}
