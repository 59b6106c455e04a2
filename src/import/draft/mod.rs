//! Writes recognised minutes as a meeting folder: `_index.md` (front matter
//! with the meeting's fields, agenda, decisions and attendance; the opening
//! and news sections as Markdown) and one file per case. Names become ids
//! here, through the registry; what the registry does not know becomes a
//! [`Proposal`], and every guess is left as a comment where it was made.

mod case;
mod markdown;
mod meeting;
mod proposals;

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::minutes::Minutes;
use super::resolve::{Proposal, Registry};
use crate::model::slugify;

pub(crate) use self::proposals::proposals_toml;

/// A file of the draft, relative to the meeting's folder, and its text.
#[derive(Debug, Clone)]
pub(crate) struct DraftFile {
    pub name: String,
    pub text: String,
}

/// What the writer found worth telling the editor, by source line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Notice {
    pub line: usize,
    pub text: String,
    /// The draft will not build until this is fixed.
    pub blocks_build: bool,
}

/// The draft of one meeting.
#[derive(Debug, Clone)]
pub(crate) struct Draft {
    pub files: Vec<DraftFile>,
    pub proposals: Vec<Proposal>,
    pub notices: Vec<Notice>,
}

/// The date, number and folder the meeting is written under.
#[derive(Debug, Clone)]
pub(crate) struct Identity {
    pub number: u32,
    pub date: NaiveDate,
}

struct Writer<'a> {
    registry: &'a Registry,
    minutes: &'a Minutes,
    date: NaiveDate,
    /// Proposals are written into data/ too: use their ids as if known.
    accept_proposals: bool,
    proposals: Vec<Proposal>,
    notices: Vec<Notice>,
}

/// A TOML string literal.
fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// A one-line TOML comment.
fn comment(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

impl Writer<'_> {
    fn notice(&mut self, line: usize, text: impl Into<String>, blocks_build: bool) {
        self.notices.push(Notice {
            line,
            text: text.into(),
            blocks_build,
        });
    }

    /// A title that names a council, but neither this site's council's name
    /// nor its short name: the minutes may belong to another council, whose
    /// people and organisations would be matched against the wrong seats.
    fn other_council(&mut self) {
        let m = self.minutes;
        let names: Vec<String> = [&self.registry.council_name, &self.registry.council]
            .into_iter()
            .flatten()
            .map(|n| n.to_lowercase())
            .collect();
        let Some((first, _)) = m.titles.first() else {
            return;
        };
        if names.is_empty() {
            return;
        }
        let ours = m.titles.iter().any(|(_, t)| {
            let t = t.to_lowercase();
            names.iter().any(|n| t.contains(n.as_str()))
        });
        let names_a_council = m.titles.iter().any(|(_, t)| {
            t.to_lowercase()
                .split_whitespace()
                .any(|w| w.contains("råd") || w.contains("utvalg"))
        });
        if !ours && names_a_council {
            self.notice(
                *first,
                format!(
                    "the title does not name this site's council (\"{}\"): if these are another council's minutes, its people and organisations are matched against the wrong seats",
                    self.registry.council_name.as_deref().unwrap_or_default()
                ),
                false,
            );
        }
    }
}

/// Writes the draft of `minutes` for a meeting folder.
pub(crate) fn write(
    minutes: &Minutes,
    registry: &Registry,
    id: &Identity,
    source_name: &str,
    accept_proposals: bool,
) -> Draft {
    let mut w = Writer {
        registry,
        minutes,
        date: id.date,
        accept_proposals,
        proposals: Vec::new(),
        notices: Vec::new(),
    };
    let mut files = vec![DraftFile {
        name: "_index.md".into(),
        text: w.meeting(id, source_name),
    }];
    let mut names = BTreeSet::new();
    for c in &minutes.cases {
        let base = slugify(&format!("sak-{}", c.number));
        let mut name = base.clone();
        let mut n = 2;
        while !names.insert(name.clone()) || name == "_index" {
            name = format!("{base}-{n}");
            n += 1;
        }
        files.push(DraftFile {
            name: format!("{name}.md"),
            text: w.case(c),
        });
    }
    Draft {
        files,
        proposals: w.proposals,
        notices: w.notices,
    }
}
