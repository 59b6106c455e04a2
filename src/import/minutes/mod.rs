//! The structure of a set of minutes, recognised from its classified lines:
//! the header fields, the agenda, the opening and news sections, each case
//! (heading, "Fremmet av", sections, the council's input as items with
//! nesting and question groups) and the attendance list. The result is a
//! typed draft in which every block remembers the source lines it was made
//! from, so the report can say where each line went. Names stay as printed
//! here; `resolve` maps them to ids.
//!
//! The recogniser knows the genre's vocabulary (Referat, Dagsorden, Sak,
//! Bakgrunn, Problemstilling, Innspill fra …, Tilbakemelding, Fremmet av,
//! Deltakerliste, Avbud, Vara …) and the patterns of extracted text, never
//! the words of a particular document.

mod agenda;
mod attendance;
mod cases;
mod decisions;
mod header;
mod headings;
mod paragraphs;
mod regroup;

use chrono::{NaiveDate, NaiveTime};

use super::lines::{Line, LineKind, Measure};
use super::resolve::Registry;

use self::cases::case_status;
use self::decisions::{decision_sentences, is_decision_section};
use self::paragraphs::parse_section;
use self::regroup::{fold_questions, paragraphs_as_items, split_after_reply};

/// What a section is, as the model will classify it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Text before the first heading.
    Intro,
    /// "Bakgrunn …".
    Background,
    /// "Problemstilling(er) …".
    Questions,
    /// "Innspill fra …": the council's input.
    Input,
    /// "Tilbakemelding …", "Kort oppsummering".
    Reply,
    /// Anything else.
    Other,
}

/// One bullet: an input item, or an entry of a plain list.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Item {
    pub text: String,
    pub lines: Vec<usize>,
    pub children: Vec<Item>,
    /// Printed in bold: raised by many.
    pub many: bool,
    /// A guess to leave as a comment beside the item.
    pub note: Option<String>,
}

/// A run of content inside a section.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    Paragraph {
        text: String,
        lines: Vec<usize>,
    },
    /// Short lines kept as lines ("a) …", "b) …").
    Lines {
        entries: Vec<String>,
        lines: Vec<usize>,
    },
    SubHeading {
        text: String,
        lines: Vec<usize>,
    },
    List {
        ordered: bool,
        items: Vec<Item>,
    },
    /// A question that groups the input items after it.
    Group {
        question: String,
        lines: Vec<usize>,
    },
    Items(Vec<Item>),
    /// Web addresses that stood on lines of their own.
    Links {
        urls: Vec<String>,
        lines: Vec<usize>,
    },
}

/// A section of a case or of the meeting's own text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Section {
    pub heading: Option<String>,
    pub heading_lines: Vec<usize>,
    pub kind: Kind,
    /// Level 3 for a sub-section of the meeting's text.
    pub level: u8,
    pub blocks: Vec<Block>,
    /// Lines of headings folded into this section, and why.
    pub folded: Vec<(usize, &'static str)>,
    /// Blank lines and page furniture inside it.
    pub noise: Vec<(usize, &'static str)>,
    raw: Vec<Line>,
}

impl Section {
    fn new(heading: Option<String>, lines: Vec<usize>, kind: Kind, level: u8) -> Section {
        Section {
            heading,
            heading_lines: lines,
            kind,
            level,
            blocks: Vec::new(),
            folded: Vec::new(),
            noise: Vec::new(),
            raw: Vec::new(),
        }
    }
}

/// Where a case's kind came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KindSource {
    Heading,
    Agenda,
    Guess,
}

/// A case.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Case {
    pub number: String,
    pub kind: &'static str,
    pub kind_from: KindSource,
    pub title: String,
    /// Another reading of the title, left as a comment.
    pub title_note: Option<String>,
    pub heading_lines: Vec<usize>,
    /// The heading printed no number: it is the agenda's.
    pub number_from_agenda: bool,
    /// "Fremmet av" as printed, over its lines.
    pub submitted_by: Option<String>,
    pub submitted_lines: Vec<usize>,
    pub sections: Vec<Section>,
    /// The minutes say the case was not discussed: the status and the
    /// paragraph that says so.
    pub status: Option<(&'static str, String)>,
    /// "Tidligere behandling …: Sak 12/24": the line and the text after
    /// its label.
    pub earlier: Option<(usize, String)>,
}

/// One agenda line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AgendaLine {
    /// None on a "Saksliste" that prints no times.
    pub time: Option<NaiveTime>,
    pub text: String,
    pub case: Option<String>,
    pub lines: Vec<usize>,
}

/// One row of the attendance list, as printed.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Row {
    pub label: String,
    pub person: Option<String>,
    /// The seat was empty: regrets, or a no-show when `printed` says so.
    pub regrets: bool,
    /// A guest's note: "14 år".
    pub note: Option<String>,
    /// The absence as printed when it is not plain "Avbud" ("Ikke møtt").
    pub printed: Option<String>,
    pub lines: Vec<usize>,
}

impl Row {
    /// True when the seat was empty and the minutes say no regrets were
    /// sent ("Ikke møtt"): the model's status `ikke-møtt`, not `avbud`.
    pub(crate) fn no_show(&self) -> bool {
        self.regrets
            && self
                .printed
                .as_deref()
                .is_some_and(|p| attendance::is_no_show(&p.to_lowercase()))
    }
}

/// The attendance list, as printed.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct AttendanceList {
    pub heading_lines: Vec<usize>,
    pub seats: Vec<Row>,
    pub observers: Vec<Row>,
    pub guests: Vec<Row>,
    pub leadership: Vec<(String, usize)>,
    pub secretariat: Vec<(String, usize)>,
}

/// A decision of the council.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DecisionText {
    pub text: String,
    pub case: Option<String>,
    pub lines: Vec<usize>,
}

/// Everything recognised in a set of minutes.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Minutes {
    pub number: Option<u32>,
    pub year: Option<i32>,
    pub date: Option<NaiveDate>,
    /// Where the date came from when it was not in the header.
    pub date_note: Option<String>,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub place: Option<String>,
    pub chair: Option<String>,
    pub minute_takers: Vec<String>,
    /// (line, what it gave)
    pub fields: Vec<(usize, String)>,
    /// The title and subtitle lines as printed.
    pub titles: Vec<(usize, String)>,
    pub agenda_heading: Vec<usize>,
    pub agenda: Vec<AgendaLine>,
    pub decisions: Vec<DecisionText>,
    pub body: Vec<Section>,
    pub cases: Vec<Case>,
    pub attendance: AttendanceList,
    /// Lines dropped as layout noise, with the reason.
    pub noise: Vec<(usize, &'static str)>,
    /// Lines that could not be placed, with the reason.
    pub unplaced: Vec<(usize, String)>,
}

/// Where new lines go.
#[derive(Debug, Clone, Copy)]
enum Target {
    Body,
    Case(usize),
}

struct Recogniser<'a> {
    lines: &'a [Line],
    measure: Measure,
    registry: &'a Registry,
    out: Minutes,
    target: Target,
}

/// Recognises the minutes in `lines`.
pub(crate) fn recognise(lines: &[Line], measure: Measure, registry: &Registry) -> Minutes {
    let mut r = Recogniser {
        lines,
        measure,
        registry,
        out: Minutes::default(),
        target: Target::Body,
    };
    let mut i = r.header(0);
    i = r.agenda(i);
    r.main(i);
    r.finish();
    r.out
}

fn lower_words(line: &Line) -> String {
    line.words().to_lowercase()
}

fn starts_with_word(lower: &str, word: &str) -> bool {
    lower == word
        || lower
            .strip_prefix(word)
            .is_some_and(|r| r.starts_with(|c: char| !c.is_alphanumeric()))
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn ends_sentence(s: &str) -> bool {
    s.trim_end().ends_with(['.', ',', ';', '!', '?'])
}

impl Recogniser<'_> {
    pub(super) fn noise(&mut self, line: &Line, why: &'static str) {
        self.out.noise.push((line.no, why));
    }

    /// An empty line is layout: noise, for the reason the line reader gave
    /// (a page number, a running header), or as a blank line.
    pub(super) fn blank(&mut self, line: &Line) {
        let why = match line.kind {
            LineKind::Noise(w) => w,
            _ => "blank line",
        };
        self.noise(line, why);
    }

    pub(super) fn field(&mut self, line: &Line, what: impl Into<String>) {
        self.out.fields.push((line.no, what.into()));
    }

    /// Parses every section's lines into blocks, folds question layouts,
    /// and gathers decisions.
    fn finish(&mut self) {
        let measure = self.measure;
        for s in &mut self.out.body {
            parse_section(s, measure);
        }
        for c in &mut self.out.cases {
            for s in &mut c.sections {
                parse_section(s, measure);
            }
            c.status = c
                .sections
                .iter()
                .flat_map(|s| &s.blocks)
                .find_map(|b| match b {
                    Block::Paragraph { text, .. } => case_status(text).map(|st| (st, text.clone())),
                    _ => None,
                });
            c.sections.iter_mut().for_each(paragraphs_as_items);
            fold_questions(&mut c.sections);
            split_after_reply(&mut c.sections);
        }
        let council = self.registry.council.clone();
        let mut decisions = Vec::new();
        let sections = self.out.body.iter().map(|s| (None, s)).chain(
            self.out
                .cases
                .iter()
                .flat_map(|c| c.sections.iter().map(move |s| (Some(c.number.clone()), s))),
        );
        for (case, s) in sections {
            if is_decision_section(s) {
                // Under "Vedtak" every paragraph and every point is a decision.
                let mut push = |text: &str, lines: &[usize]| {
                    decisions.push(DecisionText {
                        text: text.to_string(),
                        case: case.clone(),
                        lines: lines.to_vec(),
                    });
                };
                for b in &s.blocks {
                    match b {
                        Block::Paragraph { text, lines } => push(text, lines),
                        Block::List { items, .. } | Block::Items(items) => {
                            for item in items {
                                push(&item.text, &item.lines);
                            }
                        }
                        Block::Lines { entries, lines } => {
                            for (k, e) in entries.iter().enumerate() {
                                let at = lines.get(k).or(lines.last()).copied().unwrap_or(0);
                                push(e, &[at]);
                            }
                        }
                        _ => {}
                    }
                }
                continue;
            }
            for b in &s.blocks {
                if let Block::Paragraph { text, lines } = b {
                    for sentence in decision_sentences(text, council.as_deref()) {
                        decisions.push(DecisionText {
                            text: sentence,
                            case: case.clone(),
                            lines: lines.clone(),
                        });
                    }
                }
            }
        }
        self.out.decisions = decisions;
    }
}

/// The minutes recognised from `text`, one source line per line.
#[cfg(test)]
fn recognise_text(text: &str) -> Minutes {
    let raw: Vec<(usize, String, bool)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.to_string(), false))
        .collect();
    let lines = super::lines::classify(&raw);
    recognise(&lines, Measure::of(&lines), &Registry::default())
}

/// The texts of `items` and their depths, in order.
#[cfg(test)]
fn item_texts(items: &[Item]) -> Vec<(String, usize)> {
    fn walk(items: &[Item], depth: usize, out: &mut Vec<(String, usize)>) {
        for i in items {
            out.push((i.text.clone(), depth));
            walk(&i.children, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(items, 0, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::{item_texts as texts, recognise_text as minutes};

    const TEXT: &str = "Rådet #1/2025 – Referat
Dato: 03.02.2025 kl. 10.00–12.00

Dagsorden
10.00 Sak 01/25 – Drøftingssak: Et tema som har en lang
tittel
11.30 Lunsj

Sak 01/25 Et tema som har en lang
tittel
Fremmet av Etaten: Avdeling for noe
Problemstillinger til drøfting
• Hva mener rådet?
Innspill fra Rådet
Hva mener rådet om det første?
• Et innspill
o Et underpunkt
• Et annet innspill (Foreningen)
Hva mener rådet om det andre?
• Det tredje
Deltakerliste
Foreningen  Avbud
";

    #[test]
    fn the_parts_of_minutes_and_the_lines_they_came_from() {
        let m = minutes(TEXT);
        assert_eq!((m.number, m.year), (Some(1), Some(2025)));
        assert_eq!(m.agenda.len(), 2);
        assert_eq!(m.agenda[0].lines, [5, 6]);
        assert_eq!(m.agenda[0].case.as_deref(), Some("01/25"));
        let c = &m.cases[0];
        assert_eq!(
            (c.number.as_str(), c.kind, c.kind_from),
            ("01/25", "drøftingssak", KindSource::Agenda)
        );
        assert_eq!(c.title, "Et tema som har en lang tittel");
        assert_eq!(c.heading_lines, [9, 10]);
        assert_eq!(c.submitted_by.as_deref(), Some("Etaten: Avdeling for noe"));
        let kinds: Vec<Kind> = c.sections.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [Kind::Questions, Kind::Input]);
        // Questions under "Problemstillinger" are a plain list, not input.
        assert!(matches!(
            &c.sections[0].blocks[0],
            Block::List { ordered: false, .. }
        ));
        let input = &c.sections[1];
        let shape: Vec<String> = input
            .blocks
            .iter()
            .map(|b| match b {
                Block::Group { question, .. } => format!("? {question}"),
                Block::Items(items) => format!("{:?}", texts(items)),
                _ => "other".into(),
            })
            .collect();
        assert_eq!(
            shape,
            [
                "? Hva mener rådet om det første?".to_string(),
                format!(
                    "{:?}",
                    [
                        ("Et innspill".to_string(), 0),
                        ("Et underpunkt".to_string(), 1),
                        ("Et annet innspill (Foreningen)".to_string(), 0)
                    ]
                ),
                "? Hva mener rådet om det andre?".to_string(),
                format!("{:?}", [("Det tredje".to_string(), 0)]),
            ]
        );
        assert_eq!(m.attendance.seats.len(), 1);
        assert!(m.attendance.seats[0].regrets);
        assert_eq!(m.attendance.seats[0].label, "Foreningen");
    }

    const SMALL: &str = "Referat fra møte i Eldrerådet
Ekstra møte på Teams
Dato: 3. februar 2026
Til stede:
Kari Nordmann, Pensjonistforeningen (leder)
Per Hansen, Seniorforum
Forfall:
Ola Olsen, Eldreforum
Fra sekretariatet:
Eva Berg, rådgiver
Saksliste
Sak 1/26 Budsjett
Sak 2/26 Årsplan
Sak 1/26 Budsjett
Eldrerådet kom med følgende innspill:
1. Mer til dagsenter.
a) Også i helgene.
2. Bedre skyss.
Eldrerådet vedtok at budsjettet sendes tilbake.
Sak 2/26 Årsplan
Saken ble utsatt til neste møte.
Vedtak:
1) Planen sendes ut.
2) Ny frist 1. mars.
Eventuelt
Ingen saker.
";

    #[test]
    fn name_lists_decisions_and_an_untimed_agenda() {
        let m = minutes(SMALL);
        assert_eq!(m.date, NaiveDate::from_ymd_opt(2026, 2, 3));
        let a = &m.attendance;
        let rows: Vec<(&str, Option<&str>, bool)> = a
            .seats
            .iter()
            .map(|r| (r.label.as_str(), r.person.as_deref(), r.regrets))
            .collect();
        assert_eq!(
            rows,
            [
                ("Pensjonistforeningen", Some("Kari Nordmann"), false),
                ("Seniorforum", Some("Per Hansen"), false),
                ("Eldreforum", Some("Ola Olsen"), true),
            ]
        );
        assert_eq!(a.secretariat, [("Eva Berg".to_string(), 10)]);
        // The Saksliste is the agenda, not two more cases.
        assert_eq!(m.agenda.len(), 2);
        assert!(m.agenda.iter().all(|l| l.time.is_none()));
        let numbers: Vec<&str> = m.cases.iter().map(|c| c.number.as_str()).collect();
        assert_eq!(numbers, ["1/26", "2/26"]);
        let input = m.cases[0]
            .sections
            .iter()
            .find(|s| s.kind == Kind::Input)
            .expect("an input section");
        let Some(Block::Items(items)) = input.blocks.first() else {
            panic!("items: {:?}", input.blocks);
        };
        assert_eq!(
            texts(items),
            [
                ("Mer til dagsenter.".to_string(), 0),
                ("Også i helgene.".to_string(), 1),
                ("Bedre skyss.".to_string(), 0)
            ]
        );
        let decisions: Vec<&str> = m.decisions.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(
            decisions,
            [
                "Eldrerådet vedtok at budsjettet sendes tilbake.",
                "Planen sendes ut.",
                "Ny frist 1. mars.",
            ]
        );
        assert_eq!(m.cases[1].status.as_ref().map(|s| s.0), Some("utsatt"));
        assert_eq!(
            m.body.last().and_then(|s| s.heading.as_deref()),
            Some("Eventuelt")
        );
    }
}
