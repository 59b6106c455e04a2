//! The meeting's `_index.md`: its front matter (number, date, times,
//! chair, minute-takers, agenda, decisions, attendance rows with ids and
//! statuses) and the opening and news sections as Markdown.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::case::section;
use super::{comment, q, Identity, Writer};
use crate::import::minutes::Row;
use crate::import::resolve::Proposal;

impl Writer<'_> {
    pub(super) fn meeting(&mut self, id: &Identity, source: &str) -> String {
        let m = self.minutes;
        let mut fm = String::new();
        let _ = writeln!(
            fm,
            "# Imported from {} by `medvirk import`.",
            comment(source)
        );
        let _ = writeln!(
            fm,
            "# Read .import-rapport.txt beside this file: it says where every line went."
        );
        self.other_council();
        let _ = writeln!(fm, "number = {}", id.number);
        match &m.date_note {
            Some(note) => {
                let _ = writeln!(fm, "date = {}  # guess: {}", id.date, comment(note));
            }
            None => {
                let _ = writeln!(fm, "date = {}", id.date);
            }
        }
        if let Some(t) = m.start {
            let _ = writeln!(fm, "start = \"{}\"", t.format("%H:%M"));
        }
        if let Some(t) = m.end {
            let _ = writeln!(fm, "end = \"{}\"", t.format("%H:%M"));
        }
        if let Some(p) = &m.place {
            let _ = writeln!(fm, "place = {}", q(p));
        }
        let field_line = |what: &str| {
            m.fields
                .iter()
                .find(|(_, f)| f.starts_with(what))
                .map_or(0, |(n, _)| *n)
        };
        if let Some(chair) = &m.chair {
            let (pid, note) = self.person(chair, field_line("chair"));
            let _ = writeln!(
                fm,
                "chair = {}  # {}",
                q(&pid),
                comment(&note.unwrap_or_else(|| format!("\"{chair}\"")))
            );
        }
        let takers: Vec<String> = m
            .minute_takers
            .iter()
            .map(|n| self.person(n, field_line("minute-takers")).0)
            .collect();
        if !takers.is_empty() {
            let _ = writeln!(
                fm,
                "minute_takers = [{}]",
                takers.iter().map(|t| q(t)).collect::<Vec<_>>().join(", ")
            );
        }
        let list = |w: &mut Writer<'_>, name: &str, people: &[(String, usize)], fm: &mut String| {
            if people.is_empty() {
                return;
            }
            let _ = writeln!(fm, "{name} = [");
            for (p, line) in people {
                let (pid, note) = w.person(p, *line);
                let _ = writeln!(
                    fm,
                    "  {},  # {}",
                    q(&pid),
                    comment(&note.unwrap_or_else(|| format!("\"{p}\"")))
                );
            }
            let _ = writeln!(fm, "]");
        };
        list(self, "leadership", &m.attendance.leadership, &mut fm);
        list(self, "secretariat", &m.attendance.secretariat, &mut fm);
        let numbers: BTreeSet<&str> = m.cases.iter().map(|c| c.number.as_str()).collect();
        for a in &m.agenda {
            let Some(time) = a.time else {
                // The model needs a time: the line is kept for the editor.
                let _ = writeln!(
                    fm,
                    "\n# agenda line without a time (add [[agenda]] with time = \"HH:MM\"): {}",
                    comment(&a.text)
                );
                continue;
            };
            let _ = writeln!(fm, "\n[[agenda]]");
            let _ = writeln!(fm, "time = \"{}\"", time.format("%H:%M"));
            let _ = writeln!(fm, "text = {}", q(&a.text));
            if let Some(c) = &a.case {
                if numbers.contains(c.as_str()) {
                    let _ = writeln!(fm, "case = {}", q(c));
                } else {
                    let _ = writeln!(
                        fm,
                        "# case = {}  # no case with this number was found in the minutes",
                        q(c)
                    );
                    self.notice(
                        a.lines[0],
                        format!("the agenda names case {c}, but no heading of that case was found"),
                        false,
                    );
                }
            }
        }
        for d in &m.decisions {
            let _ = writeln!(fm, "\n[[decisions]]");
            let _ = writeln!(fm, "text = {}", q(&d.text));
            if let Some(c) = &d.case {
                let _ = writeln!(fm, "case = {}", q(c));
            }
        }
        self.attendance(&mut fm);
        let mut body = String::new();
        for s in &m.body {
            section(&mut body, s, true, &mut |_| (Vec::new(), None));
        }
        if !m.unplaced.is_empty() {
            let _ = writeln!(
                body,
                "\n<!-- import: lines that could not be placed (see .import-rapport.txt):"
            );
            for (n, why) in &m.unplaced {
                let _ = writeln!(body, "  line {n}: {}", why.replace("--", "–"));
            }
            let _ = writeln!(body, "-->");
        }
        format!("+++\n{fm}+++\n{}", body.trim_start())
    }

    pub(super) fn attendance(&mut self, fm: &mut String) {
        let m = self.minutes;
        let a = &m.attendance;
        if let Some(first) = a.heading_lines.first() {
            let _ = writeln!(
                fm,
                "\n# The attendance list (line {first}), in the order it was printed."
            );
        }
        let rows = |w: &mut Writer<'_>, table: &str, rows: &[Row], fm: &mut String, seats: bool| {
            for row in rows {
                let line = row.lines.first().copied().unwrap_or(0);
                let kind = if seats { "member" } else { "observer" };
                let (org, org_note) = w.organisation(&row.label, kind, line);
                let seated = w.registry.seat(&org, w.date).is_some();
                if seats && !seated {
                    // The model takes attendance only for seats of the meeting's term.
                    w.notice(
                        line,
                        format!("{org} has no seat on the council on {} in data/council.toml: add a [[seat]] for it, or list the row under [[observers]]", w.date),
                        true,
                    );
                }
                let _ = writeln!(fm, "\n[[{table}]]");
                let _ = writeln!(
                    fm,
                    "organisation = {}  # {}",
                    q(&org),
                    comment(
                        &org_note.unwrap_or_else(|| format!("\"{}\" (line {line})", row.label))
                    )
                );
                // The label as this list prints it, where it differs from the seat's.
                let printed = crate::import::lines::collapse(&row.label);
                let seat_label = w
                    .registry
                    .seat(&org, w.date)
                    .and_then(|s| s.label.as_deref());
                if seats && seat_label.is_some_and(|l| l != printed) && !printed.is_empty() {
                    let _ = writeln!(fm, "label = {}  # as this list prints it", q(&printed));
                }
                if row.regrets {
                    let status = if row.no_show() { "ikke-møtt" } else { "avbud" };
                    match row.printed.as_deref() {
                        Some(p) if !p.eq_ignore_ascii_case("avbud") => {
                            let _ = writeln!(
                                fm,
                                "status = \"{status}\"  # printed {}",
                                comment(&format!("\"{p}\""))
                            );
                        }
                        _ => {
                            let _ = writeln!(fm, "status = \"{status}\"");
                        }
                    }
                    // A name list prints who sent regrets.
                    if let Some(p) = &row.person {
                        let (pid, note) = w.person(p, line);
                        let note = note.unwrap_or_else(|| format!("\"{p}\""));
                        let _ = writeln!(fm, "person = {}  # {}", q(&pid), comment(&note));
                    }
                } else if let Some(p) = &row.person {
                    let (pid, note) = w.person(p, line);
                    let mut note = note.unwrap_or_else(|| format!("\"{p}\""));
                    if seats && seated {
                        match (
                            w.registry.seat(&org, w.date),
                            w.registry.role(&org, &pid, w.date),
                        ) {
                            (None, _) => {}
                            (Some(seat), None) => {
                                let role = if seat.holders.iter().any(|h| h.role == "member") {
                                    "deputy"
                                } else {
                                    "member"
                                };
                                w.propose(Proposal::Holder {
                                    organisation: org.clone(),
                                    person: pid.clone(),
                                    role,
                                });
                                let n = format!("{pid} does not hold {org}'s seat on {} in data/council.toml: add a [[seat.holder]] (role guessed: {role})", w.date);
                                w.notice(line, n.clone(), true);
                                note = format!("{note}; {n}");
                            }
                            (Some(_), Some(role)) => note = format!("{note}, {role}"),
                        }
                    }
                    let _ = writeln!(fm, "person = {}  # {}", q(&pid), comment(&note));
                }
            }
        };
        let mut seen = std::collections::BTreeMap::new();
        for row in &a.seats {
            if let Some(org) = self.registry.organisation(&row.label) {
                let line = row.lines.first().copied().unwrap_or(0);
                if let Some(first) = seen.insert(org.id.clone(), line) {
                    self.notice(
                        line,
                        format!("{} has a second row (the first is on line {first}): keep one row per seat, for whoever sat in it", org.id),
                        true,
                    );
                }
            }
        }
        rows(self, "attendance", &a.seats, fm, true);
        rows(self, "observers", &a.observers, fm, false);
        if !a.guests.is_empty() {
            let _ = writeln!(fm, "\n# Guests' names stay in the source and are never published (publish_name = false).");
        }
        for g in &a.guests {
            let line = g.lines.first().copied().unwrap_or(0);
            let _ = writeln!(fm, "\n[[guests]]");
            match self.registry.organisation(&g.label) {
                Some(o) => {
                    let _ = writeln!(fm, "organisation = {}", q(&o.id));
                }
                None if !g.label.is_empty() => {
                    let _ = writeln!(
                        fm,
                        "# organisation: \"{}\" is not in data/organisations.toml",
                        comment(&g.label)
                    );
                    self.notice(
                        line,
                        format!(
                            "the guest's organisation \"{}\" is not in the registry: left out",
                            g.label
                        ),
                        false,
                    );
                }
                None => {}
            }
            if let Some(n) = &g.person {
                let _ = writeln!(fm, "name = {}", q(n));
            }
            if let Some(n) = &g.note {
                let _ = writeln!(fm, "note = {}", q(n));
            }
            let _ = writeln!(fm, "publish_name = false");
        }
    }
}
