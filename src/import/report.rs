//! The import report: for every source line, where it went in the draft
//! (a meeting field, the agenda, a section, an input item, an attendance
//! row), or that it was dropped as layout noise, or that it could not be
//! placed; then the guesses and what the editor must fix before the draft
//! builds.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::draft::Notice;
use super::lines::Line;
use super::minutes::{Block, Item, Kind, Minutes, Section};

/// What became of one source line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fate {
    /// Placed in the draft.
    Placed,
    /// Dropped as layout noise.
    Noise,
    /// Could not be placed.
    Unplaced,
}

/// The counts of a report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Lines of the source.
    pub lines: usize,
    /// Lines placed in the draft.
    pub placed: usize,
    /// Lines dropped as layout noise.
    pub noise: usize,
    /// Lines that could not be placed (each says why).
    pub unplaced: usize,
    /// Lines the report has nothing to say about (a bug if ever above 0).
    pub unaccounted: usize,
    /// Cases found.
    pub cases: usize,
    /// Input items, nested ones included.
    pub items: usize,
    /// Attendance rows (seats and observers).
    pub attendance_rows: usize,
    /// Problems that stop the draft from building until fixed.
    pub blocking: usize,
}

#[derive(Default)]
struct Ledger {
    places: BTreeMap<usize, Vec<(Fate, String)>>,
}

impl Ledger {
    fn put(&mut self, line: usize, fate: Fate, what: impl Into<String>) {
        self.places
            .entry(line)
            .or_default()
            .push((fate, what.into()));
    }
}

fn walk_items(
    ledger: &mut Ledger,
    items: &[Item],
    parent: Option<&str>,
    top: &mut usize,
    at: &str,
    input: bool,
) -> usize {
    let mut count = 0;
    for (n, item) in items.iter().enumerate() {
        let label = match parent {
            None if input => {
                *top += 1;
                top.to_string()
            }
            None => (n + 1).to_string(),
            Some(p) => format!("{p}.{}", n + 1),
        };
        let what = if input {
            format!("{at}: input item {label}")
        } else {
            format!("{at}: list entry {label}")
        };
        for (k, no) in item.lines.iter().enumerate() {
            let what = if k == 0 {
                what.clone()
            } else {
                format!("{what} (continued)")
            };
            ledger.put(*no, Fate::Placed, what);
        }
        count += usize::from(input);
        count += walk_items(ledger, &item.children, Some(&label), top, at, input);
    }
    count
}

fn walk_section(ledger: &mut Ledger, s: &Section, owner: &str, top: &mut usize) -> usize {
    let name = s
        .heading
        .clone()
        .unwrap_or_else(|| "text before the first heading".into());
    let kind = match s.kind {
        Kind::Intro => "introduction",
        Kind::Background => "background",
        Kind::Questions => "questions",
        Kind::Input => "the council's input",
        Kind::Reply => "the agency's reply",
        Kind::Other => "section",
    };
    for no in &s.heading_lines {
        ledger.put(
            *no,
            Fate::Placed,
            format!("{owner}: heading of {kind} \"{name}\""),
        );
    }
    for (no, why) in &s.folded {
        ledger.put(*no, Fate::Placed, format!("{owner}: {why}"));
    }
    for (no, why) in &s.noise {
        ledger.put(*no, Fate::Noise, *why);
    }
    let at = format!("{owner}, \"{name}\"");
    let mut count = 0;
    for b in &s.blocks {
        match b {
            Block::Paragraph { lines, .. } => {
                for no in lines {
                    ledger.put(*no, Fate::Placed, format!("{at}: paragraph"));
                }
            }
            Block::Lines { lines, .. } => {
                for no in lines {
                    ledger.put(*no, Fate::Placed, format!("{at}: line kept as a line"));
                }
            }
            Block::SubHeading { text, lines } => {
                for no in lines {
                    ledger.put(*no, Fate::Placed, format!("{at}: sub-heading \"{text}\""));
                }
            }
            Block::Group { lines, .. } => {
                for no in lines {
                    ledger.put(
                        *no,
                        Fate::Placed,
                        format!("{at}: question heading a group of items"),
                    );
                }
            }
            Block::List { items, .. } => {
                walk_items(ledger, items, None, top, &at, false);
            }
            Block::Items(items) => {
                count += walk_items(ledger, items, None, top, &at, true);
            }
            Block::Links { lines, .. } => {
                for no in lines {
                    ledger.put(
                        *no,
                        Fate::Placed,
                        format!("{at}: link, moved to the end of the section"),
                    );
                }
            }
        }
    }
    count
}

/// Builds the report's text and counts.
pub(crate) fn report(
    source: &str,
    target: &str,
    lines: &[Line],
    m: &Minutes,
    notices: &[Notice],
) -> (String, Counts) {
    let mut ledger = Ledger::default();
    for (no, what) in &m.fields {
        ledger.put(*no, Fate::Placed, format!("meeting: {what}"));
    }
    for no in &m.agenda_heading {
        ledger.put(*no, Fate::Placed, "agenda: heading");
    }
    for (i, a) in m.agenda.iter().enumerate() {
        for no in &a.lines {
            let case = a
                .case
                .as_deref()
                .map(|c| format!(", case {c}"))
                .unwrap_or_default();
            ledger.put(
                *no,
                Fate::Placed,
                format!(
                    "agenda line {} ({}{case})",
                    i + 1,
                    a.time
                        .map_or("no time printed: kept as a comment".into(), |t| t
                            .format("%H:%M")
                            .to_string())
                ),
            );
        }
    }
    for (no, why) in &m.noise {
        ledger.put(*no, Fate::Noise, *why);
    }
    for (no, why) in &m.unplaced {
        ledger.put(*no, Fate::Unplaced, why.clone());
    }
    let mut counts = Counts::default();
    let mut top = 0;
    for s in &m.body {
        counts.items += walk_section(&mut ledger, s, "meeting text", &mut top);
    }
    for c in &m.cases {
        let owner = format!("case {}", c.number);
        for no in &c.heading_lines {
            ledger.put(
                *no,
                Fate::Placed,
                format!("{owner}: number, kind and title"),
            );
        }
        for no in &c.submitted_lines {
            ledger.put(*no, Fate::Placed, format!("{owner}: submitted by"));
        }
        if let Some((no, _)) = &c.earlier {
            ledger.put(*no, Fate::Placed, format!("{owner}: earlier treatment"));
        }
        let mut top = 0;
        for s in &c.sections {
            counts.items += walk_section(&mut ledger, s, &owner, &mut top);
        }
    }
    for d in &m.decisions {
        for no in &d.lines {
            ledger.put(*no, Fate::Placed, "also a decision in the front matter");
        }
    }
    let a = &m.attendance;
    for no in &a.heading_lines {
        ledger.put(*no, Fate::Placed, "attendance: heading");
    }
    for (table, rows) in [
        ("seat", &a.seats),
        ("observer", &a.observers),
        ("guest", &a.guests),
    ] {
        for (i, row) in rows.iter().enumerate() {
            let status = if row.no_show() {
                "ikke møtt".to_string()
            } else if row.regrets {
                "avbud".to_string()
            } else {
                row.person.clone().unwrap_or_default()
            };
            for no in &row.lines {
                ledger.put(
                    *no,
                    Fate::Placed,
                    format!(
                        "attendance: {table} row {} ({} – {status})",
                        i + 1,
                        row.label
                    ),
                );
            }
        }
    }
    for (list, people) in [
        ("leadership", &a.leadership),
        ("secretariat", &a.secretariat),
    ] {
        for (name, no) in people.iter() {
            ledger.put(*no, Fate::Placed, format!("attendance: {list}, {name}"));
        }
    }
    counts.lines = lines.len();
    counts.cases = m.cases.len();
    counts.attendance_rows = a.seats.len() + a.observers.len();
    counts.blocking = notices.iter().filter(|n| n.blocks_build).count();

    let mut body = String::new();
    for line in lines {
        let entries = ledger.places.get(&line.no);
        let fate = entries.and_then(|e| e.iter().map(|(f, _)| *f).max());
        match fate {
            Some(Fate::Placed) => counts.placed += 1,
            Some(Fate::Noise) => counts.noise += 1,
            Some(Fate::Unplaced) => counts.unplaced += 1,
            None => counts.unaccounted += 1,
        }
        let what = match entries {
            Some(e) => e
                .iter()
                .map(|(_, w)| w.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            None => "NOT ACCOUNTED FOR".into(),
        };
        let mark = match fate {
            Some(Fate::Placed) => ' ',
            Some(Fate::Noise) => '-',
            Some(Fate::Unplaced) | None => '!',
        };
        let mut shown: String = line.text.chars().take(60).collect();
        if line.text.chars().count() > 60 {
            shown.push('…');
        }
        let _ = writeln!(
            body,
            "{mark}{:>5}  {what}{}",
            line.no,
            if shown.is_empty() {
                String::new()
            } else {
                format!("  | {shown}")
            }
        );
    }

    let mut out = String::new();
    let _ = writeln!(out, "medvirk import: {source} -> {target}");
    let _ = writeln!(
        out,
        "{} lines: {} placed, {} dropped as layout noise, {} could not be placed, {} unaccounted for.",
        counts.lines, counts.placed, counts.noise, counts.unplaced, counts.unaccounted
    );
    let _ = writeln!(
        out,
        "{} cases, {} input items, {} agenda lines, {} attendance rows, {} decisions.",
        counts.cases,
        counts.items,
        m.agenda.len(),
        counts.attendance_rows,
        m.decisions.len()
    );
    let mut notes: Vec<&Notice> = notices.iter().collect();
    notes.sort_by_key(|n| n.line);
    let guesses: Vec<String> = m
        .cases
        .iter()
        .flat_map(|c| c.sections.iter().flat_map(|s| s.blocks.iter()))
        .flat_map(|b| match b {
            Block::Items(items) => {
                let mut out = Vec::new();
                fn notes(items: &[Item], out: &mut Vec<String>) {
                    for i in items {
                        if let Some(n) = &i.note {
                            out.push(n.clone());
                        }
                        notes(&i.children, out);
                    }
                }
                notes(items, &mut out);
                out
            }
            _ => Vec::new(),
        })
        .collect();
    if counts.blocking > 0 {
        let _ = writeln!(
            out,
            "\nTo fix before the draft builds ({}):",
            counts.blocking
        );
        for n in notes.iter().filter(|n| n.blocks_build) {
            let _ = writeln!(out, "  line {}: {}", n.line, n.text);
        }
    }
    let todos = super::todo::todos(lines, m);
    if !todos.is_empty() {
        let _ = writeln!(out, "\nTo do by hand, not imported ({}):", todos.len());
        for t in &todos {
            let _ = writeln!(out, "  line {}: {}", t.line, t.text);
        }
    }
    let other: Vec<&&Notice> = notes.iter().filter(|n| !n.blocks_build).collect();
    if !other.is_empty() || !guesses.is_empty() || m.date_note.is_some() || !m.unplaced.is_empty() {
        let _ = writeln!(
            out,
            "\nGuesses and lines to check (each is also a comment in the draft):"
        );
        if let Some(n) = &m.date_note {
            let _ = writeln!(out, "  date: {n}");
        }
        for n in other {
            let _ = writeln!(out, "  line {}: {}", n.line, n.text);
        }
        for g in guesses {
            let _ = writeln!(out, "  {g}");
        }
        for (no, why) in &m.unplaced {
            let _ = writeln!(out, "  line {no}: could not be placed: {why}");
        }
    }
    let _ = writeln!(
        out,
        "\nLine by line (' ' placed, '-' layout noise, '!' not placed):"
    );
    out.push_str(&body);
    (out, counts)
}
