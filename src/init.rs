//! `medvirk init`: a new site that builds as it is. The example shows what
//! a council's site holds (deputies, regrets, observers, a guest, attributed
//! input, an attachment, a position paper); `--minimal` writes the smallest
//! site, which the tests start from too.

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

/// How the example grows the smallest site: each edit keeps the lines it
/// finds where they are.
enum Edit {
    /// Text added at the end of the file.
    Append(&'static str),
    /// TOML added at the end of the front matter.
    FrontMatter(&'static str),
    /// Markdown added at the end of the file's body.
    Body(&'static str),
    /// A file of its own.
    New(&'static str),
}

/// What the example adds to the smallest site.
const EXAMPLE: &[(&str, Edit)] = &[
    (
        "data/organisations.toml",
        Edit::Append(
            r#"
[[organisation]]
id = "brukerforbundet"
name = "Brukerforbundet"
kind = "member"

[[organisation]]
id = "parorendeforeningen"
name = "Pårørendeforeningen"
kind = "member"

[[organisation]]
id = "kommuneforbundet"
name = "Kommuneforbundet"
kind = "observer"
"#,
        ),
    ),
    (
        "data/people.toml",
        Edit::Append(
            r#"
[[person]]
id = "per-hansen"
name = "Per Hansen"

[[person]]
id = "anne-berg"
name = "Anne Berg"

[[person]]
id = "lise-dahl"
name = "Lise Dahl"

[[person]]
id = "nils-moe"
name = "Nils Moe"
title = "rådgiver"
"#,
        ),
    ),
    (
        "data/council.toml",
        Edit::Append(
            r#"
[[seat]]
organisation = "brukerforbundet"
term = "2026-2028"
[[seat.holder]]
person = "per-hansen"
role = "member"
[[seat.holder]]
person = "anne-berg"
role = "deputy"

[[seat]]
organisation = "parorendeforeningen"
term = "2026-2028"
[[seat.holder]]
person = "lise-dahl"
role = "member"
"#,
        ),
    ),
    (
        "content/moter/2026-1/_index.md",
        Edit::FrontMatter(
            r#"
[[attendance]]
organisation = "brukerforbundet"
person = "anne-berg"             # the deputy came

[[attendance]]
organisation = "parorendeforeningen"
status = "avbud"                 # sent regrets

[[observers]]
organisation = "kommuneforbundet"
person = "nils-moe"

[[guests]]
organisation = "pasientforeningen"
name = "Eva Eksempel"            # never published unless publish_name = true
note = "16 år"
publish_name = false
"#,
        ),
    ),
    (
        "content/moter/2026-1/sak-01-26.md",
        Edit::FrontMatter(
            r#"
[[attachments]]
title = "Notat om saken"
kind = "Saksdokument"
text = "vedlegg/notat.md"         # rendered as a page of its own
"#,
        ),
    ),
    (
        "content/moter/2026-1/sak-01-26.md",
        Edit::Body(
            r#"- Et innspill fra to organisasjoner {fra=brukerforbundet,pasientforeningen}

## Tilbakemelding fra etaten

Etaten takket for innspillene og tar dem med i det videre arbeidet.
"#,
        ),
    ),
    (
        "content/moter/2026-1/vedlegg/notat.md",
        Edit::New(
            r#"+++
title = "Notat om saken"
+++
## Hva notatet gjelder

Et vedlegg skrevet som tekst blir en egen side, som kan leses og søkes i.
"#,
        ),
    ),
    (
        "content/innspill/_index.md",
        Edit::New(
            r#"+++
title = "Uttalelser"
kind = "papers"
description = "Skriftlige innspill fra brukerrådet"
+++
Skriftlige innspill som brukerrådet har sendt.
"#,
        ),
    ),
    (
        "content/innspill/eksempel-uttalelse.md",
        Edit::New(
            r#"+++
title = "Innspill til etatens strategi"
authors = ["pasientforeningen", "brukerforbundet"]
recipient = "etaten"
date = 2026-04-01
themes = ["eksempel"]
+++
## Bakgrunn

Hvorfor organisasjonene skriver.

## Kort sammendrag

1. **Det første punktet**

   Hva organisasjonene mener.

2. **Det andre punktet**

   Og hvorfor.
"#,
        ),
    ),
];

/// Creates a new site with the example in `dir`, which must not exist or
/// be empty.
pub fn init(dir: &Path) -> Result<(), Error> {
    minimal(dir)?;
    for (rel, edit) in EXAMPLE {
        let path = dir.join(rel);
        let text = match edit {
            Edit::New(text) => text.to_string(),
            Edit::Append(more) => read(&path)? + more,
            Edit::Body(more) => read(&path)? + "\n" + more,
            Edit::FrontMatter(more) => {
                let text = read(&path)?;
                // The closing fence: the second line that is `+++`.
                let close = text
                    .match_indices("+++\n")
                    .nth(1)
                    .map_or(text.len(), |(i, _)| i);
                format!("{}{more}{}", &text[..close], &text[close..])
            }
        };
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::write(parent, e))?;
        }
        fs::write(&path, text).map_err(|e| Error::write(&path, e))?;
    }
    record_anchors(dir)
}

/// Writes the new site's anchor record, so its first build changes none of
/// its sources and `check` finds the record up to date.
fn record_anchors(dir: &Path) -> Result<(), Error> {
    let sources = crate::load::load(dir)?;
    let site = crate::model::build(&sources).map_err(Error::Invalid)?;
    crate::output::anchor_record::write(dir, &site.anchor_record)
        .map_err(|d| Error::Invalid(crate::error::Diagnostics(vec![d])))?;
    Ok(())
}

fn read(path: &Path) -> Result<String, Error> {
    fs::read_to_string(path).map_err(|e| Error::read(path, e))
}

/// Creates the smallest site that builds in `dir`, which must not exist or
/// be empty: one meeting, one case, one seat.
pub fn minimal(dir: &Path) -> Result<(), Error> {
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
    record_anchors(dir)
}
