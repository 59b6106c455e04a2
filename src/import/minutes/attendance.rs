//! The attendance list ("Deltakerliste", "Til stede") at the end of the
//! minutes: a table flattened to lines (cells split over two lines,
//! "Avbud" in the name column), seats, observers, guests, leadership and
//! secretariat, each row split into the organisation as printed and the
//! person.

use super::{starts_with_word, word_count, Minutes, Recogniser, Row, Target};
use crate::import::lines::{collapse, LineKind};
use crate::import::resolve::Registry;
use crate::import::text;

impl Recogniser<'_> {
    /// The attendance list from its heading at `i` to the end.
    pub(super) fn attendance(&mut self, i: usize) {
        self.target = Target::Body;
        let heading = &self.lines[i];
        self.out.attendance.heading_lines.push(heading.no);
        if self.out.date.is_none() {
            if let Some(d) = text::find_date(&heading.text) {
                self.out.date = Some(d);
                self.out.date_note = Some(format!(
                    "no date in the header: taken from the attendance list's heading (line {})",
                    heading.no
                ));
            }
        }
        #[derive(PartialEq, Clone, Copy)]
        enum Mode {
            Seats,
            Leadership,
            Secretariat,
        }
        let mut mode = Mode::Seats;
        let mut pending: Option<Row> = None;
        // Rows placed under the organisation of the row above them.
        let mut heading_rows: Vec<usize> = Vec::new();
        let registry = self.registry;
        let name_like = |s: &str| -> bool {
            let words: Vec<&str> = s.split_whitespace().collect();
            (2..=5).contains(&words.len())
                && words.iter().all(|w| {
                    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
                    w.starts_with(|c: char| c.is_uppercase())
                        && !(letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()))
                        && !w.contains('/')
                })
                && registry.organisation_prefix(&words).is_none()
        };
        #[derive(Clone, Copy, PartialEq)]
        enum Table {
            Seat,
            Observer,
            Guest,
        }
        let mut table = Table::Seat;
        let flush = |pending: &mut Option<Row>, table: Table, out: &mut Minutes| {
            if let Some(row) = pending.take() {
                if table == Table::Guest {
                    out.attendance.guests.push(row);
                } else if row.person.is_none() && !row.regrets {
                    for no in &row.lines {
                        out.unplaced.push((
                            *no,
                            format!(
                                "attendance row \"{}\" has neither a name nor \"Avbud\": left out",
                                row.label
                            ),
                        ));
                    }
                } else if table == Table::Observer {
                    out.attendance.observers.push(row);
                } else {
                    out.attendance.seats.push(row);
                }
            }
        };
        let lines = self.lines;
        let mut k = i + 1;
        // A label that ends in "fra" or "i" goes on on the next line
        // ("Sekretariatet fra" / "Helsedirektoratet").
        let mut label_open = false;
        // Lines already joined to the row above.
        let mut taken: Vec<usize> = Vec::new();
        while k < lines.len() {
            let line = &lines[k];
            k += 1;
            if taken.contains(&line.no) && !line.is_empty() {
                continue;
            }
            if line.is_empty() {
                let why = match line.kind {
                    LineKind::Noise(w) => w,
                    _ => "blank line",
                };
                self.out.noise.push((line.no, why));
                continue;
            }
            let words = line.content();
            let lower = words.to_lowercase();
            let tokens: Vec<&str> = lower.split(['/', ' ']).filter(|t| !t.is_empty()).collect();
            let header_words = [
                "brukerorganisasjon",
                "sammenslutning",
                "organisasjon",
                "medlem",
                "vara",
                "navn",
                "representant",
                "varamedlem",
                "status",
            ];
            if tokens.iter().all(|t| header_words.contains(t)) {
                self.out
                    .noise
                    .push((line.no, "the attendance table's header"));
                continue;
            }
            let cells: Vec<String> = line
                .text
                .split("  ")
                .map(collapse)
                .filter(|c| !c.is_empty())
                .collect();
            let (label, tail) = if cells.len() >= 2 {
                (cells[0].clone(), cells[1..].join(" "))
            } else {
                (words.clone(), String::new())
            };
            let label_lower = label.to_lowercase();
            let staff = if starts_with_word(&label_lower, "ledelsen")
                || starts_with_word(&label_lower, "ledelse")
            {
                Some((Mode::Leadership, "attendance: the agency's leadership"))
            } else if starts_with_word(&label_lower, "sekretariatet")
                || starts_with_word(&label_lower, "sekretariat")
            {
                Some((Mode::Secretariat, "attendance: the secretariat"))
            } else {
                None
            };
            if let Some((staff_mode, what)) = staff {
                flush(&mut pending, table, &mut self.out);
                mode = staff_mode;
                let name = if tail.is_empty() {
                    split_trailing_name(&label, registry).1
                } else {
                    Some(tail)
                };
                self.out.fields.push((line.no, what.into()));
                label_open = name.is_none() && ends_with_preposition(&label);
                let list = match staff_mode {
                    Mode::Leadership => &mut self.out.attendance.leadership,
                    _ => &mut self.out.attendance.secretariat,
                };
                for n in name.map(|n| split_names(&n)).unwrap_or_default() {
                    list.push((n, line.no));
                }
                continue;
            }
            if label_lower.starts_with("observatør") || label_lower.starts_with("gjest") {
                flush(&mut pending, table, &mut self.out);
                mode = Mode::Seats;
                let guest = label_lower.starts_with("gjest");
                let after = match text::find_ci(&words, " fra ") {
                    Some(k) => words[k + 5..].to_string(),
                    None => words
                        .split_once(' ')
                        .map(|(_, r)| r.to_string())
                        .unwrap_or_default(),
                };
                let mut row = row_of(&after, registry);
                row.lines.push(line.no);
                table = if guest { Table::Guest } else { Table::Observer };
                // A name on the next line completes the row.
                pending = Some(row);
                if pending
                    .as_ref()
                    .is_some_and(|r| r.person.is_some() || r.regrets)
                {
                    flush(&mut pending, table, &mut self.out);
                }
                continue;
            }
            if mode != Mode::Seats && label_open && !name_like(&words) && word_count(&words) <= 3 {
                label_open = false;
                self.out
                    .fields
                    .push((line.no, "attendance: the label above, continued".into()));
                continue;
            }
            label_open = false;
            if mode != Mode::Seats && name_like(&words) {
                let list = if mode == Mode::Leadership {
                    &mut self.out.attendance.leadership
                } else {
                    &mut self.out.attendance.secretariat
                };
                list.push((words.clone(), line.no));
                continue;
            }
            if mode != Mode::Seats && words.contains(',') {
                let names = split_names(&words);
                if names.iter().all(|n| name_like(n)) {
                    let list = if mode == Mode::Leadership {
                        &mut self.out.attendance.leadership
                    } else {
                        &mut self.out.attendance.secretariat
                    };
                    list.extend(names.into_iter().map(|n| (n, line.no)));
                    continue;
                }
            }
            mode = Mode::Seats;
            // A name or "Avbud" alone completes the row above it.
            let waiting = pending
                .as_ref()
                .is_some_and(|p| p.person.is_none() && !p.regrets);
            // A name split over lines: "Annette" / "Drangsholt", "Tone
            // Poulsson" / "Torgersen"; joined when the registry knows the whole.
            let mut words = words;
            let mut lower = lower;
            if waiting && !is_regrets(&lower) && !registry.knows_person(&words) {
                let mut joined = words.clone();
                let mut used = Vec::new();
                for next in lines[k..].iter().filter(|l| !l.is_empty()).take(2) {
                    joined = format!("{joined} {}", next.content());
                    used.push(next.no);
                    if registry.knows_person(&joined) {
                        words = joined.clone();
                        lower = words.to_lowercase();
                        taken.extend(used.iter().copied());
                        break;
                    }
                }
            }
            let joined_lines: Vec<usize> = taken
                .iter()
                .copied()
                .filter(|n| *n > line.no && !pending.as_ref().is_some_and(|p| p.lines.contains(n)))
                .collect();
            if waiting && (is_regrets(&lower) || name_like(&words) || registry.knows_person(&words))
            {
                if let Some(p) = pending.as_mut() {
                    p.lines.extend(joined_lines.iter().copied());
                    if is_regrets(&lower) {
                        p.regrets = true;
                        p.printed = Some(words.clone());
                    } else {
                        p.person = Some(words.clone());
                    }
                    p.lines.push(line.no);
                }
                flush(&mut pending, table, &mut self.out);
                continue;
            }
            // A name alone under a row whose organisation stood on a line of
            // its own: one more person of that organisation ("Forening" /
            // "Kari Nordmann" / "Per Hansen"). Unless the registry knows the
            // person, a name or "Avbud" next means this line heads a row.
            let heads_a_row = lines[k..].iter().find(|l| !l.is_empty()).is_some_and(|n| {
                let next = n.content();
                name_like(&next) || is_regrets(&next.to_lowercase())
            });
            let under_heading = pending.is_none()
                && cells.len() < 2
                && name_like(&words)
                && !is_regrets(&lower)
                && (registry.knows_person(&words) || !heads_a_row)
                && self.out.attendance.seats.last().is_some_and(|r| {
                    r.person.is_some() && (r.lines.len() >= 2 || heading_rows.contains(&r.lines[0]))
                });
            if under_heading {
                let label = self
                    .out
                    .attendance
                    .seats
                    .last()
                    .map(|r| r.label.clone())
                    .unwrap_or_default();
                heading_rows.push(line.no);
                self.out.attendance.seats.push(Row {
                    label,
                    person: Some(words.clone()),
                    lines: vec![line.no],
                    ..Row::default()
                });
                continue;
            }
            let mut row = if cells.len() >= 2 {
                let mut r = row_of(&label, registry);
                if is_regrets(&tail.to_lowercase()) {
                    r.regrets = true;
                    r.printed = Some(tail.clone());
                } else {
                    r.person = Some(tail.clone());
                }
                r
            } else if ends_with_preposition(&words) {
                // "Nasjonalforeningen for" / "folkehelsen": a label cut in two.
                Row {
                    label: words.clone(),
                    ..Row::default()
                }
            } else {
                row_of(&words, registry)
            };
            row.lines.push(line.no);
            let label_only = row.person.is_none() && !row.regrets;
            if waiting {
                // The label above may go on here: "FFO/Hørselshemmedes" + "landsforbund".
                let p = pending
                    .as_ref()
                    .map(|p| p.label.clone())
                    .unwrap_or_default();
                let joined = format!("{p} {}", row.label);
                let continues = row.label.starts_with(|c: char| c.is_lowercase())
                    || p.matches('(').count() > p.matches(')').count()
                    || p.ends_with(['/', ',', '-'])
                    || (registry.organisation(&p).is_none()
                        && registry.organisation(&joined).is_some());
                if continues {
                    if let Some(pr) = pending.as_mut() {
                        pr.label = collapse(&joined);
                        pr.lines.extend(row.lines.iter().copied());
                        pr.person = row.person.take();
                        pr.regrets = row.regrets;
                    }
                    if !label_only {
                        flush(&mut pending, table, &mut self.out);
                    }
                    continue;
                }
                flush(&mut pending, table, &mut self.out);
            } else {
                flush(&mut pending, table, &mut self.out);
            }
            table = Table::Seat;
            if label_only {
                pending = Some(row);
            } else {
                self.out.attendance.seats.push(row);
            }
        }
        flush(&mut pending, table, &mut self.out);
    }
}

/// A label cut after a preposition: "Sekretariatet fra", "Nasjonalforeningen for".
fn ends_with_preposition(label: &str) -> bool {
    let last = label.split_whitespace().last().unwrap_or("");
    ["fra", "i", "for", "og", "av", "til", "med"].contains(&last)
}

/// "Ikke møtt", "Møtte ikke" (lower case): the seat was empty and no
/// regrets were sent, which the model keeps apart from "Avbud".
pub(crate) fn is_no_show(lower: &str) -> bool {
    matches!(
        lower.trim_end_matches(['.', ')']).trim_start_matches('('),
        "ikke møtt"
            | "ikke møtt uten forfall"
            | "møtte ikke"
            | "uteble"
            | "ikke møtt, ikke meldt forfall"
    )
}

/// "Avbud" or "Forfall" (lower case): the seat was empty. Also true of a
/// no-show ([`is_no_show`]), which the printed word then tells apart.
pub(super) fn is_regrets(lower: &str) -> bool {
    is_no_show(lower)
        || matches!(
            lower.trim_end_matches(['.', ')']).trim_start_matches('('),
            "avbud"
                | "forfall"
                | "meldt forfall"
                | "meldt avbud"
                | "ikke til stede"
                | "fravær"
                | "fraværende"
                | "forhindret"
        )
}

/// Names in a list: "Bjørnar Allgot, Karin Yan Kallevik og Anne Hansen".
pub(super) fn split_names(s: &str) -> Vec<String> {
    s.split([',', ';'])
        .flat_map(|p| p.split(" og ").map(str::to_string).collect::<Vec<_>>())
        .map(|p| collapse(&p))
        .filter(|p| !p.is_empty())
        .collect()
}

/// "Kreftforeningen Åsta Søyseth (14 år)" → label, name, note; "FFO/LHL Avbud".
fn row_of(text: &str, registry: &Registry) -> Row {
    let mut t = collapse(text);
    let mut note = None;
    if t.ends_with(')') {
        if let Some(open) = t.rfind('(') {
            let inner = t[open + 1..t.len() - 1].trim().to_string();
            // A bracket that is part of an organisation's name stays.
            if registry.organisation(&t).is_none() && inner.chars().any(|c| c.is_ascii_digit()) {
                note = Some(inner);
                t = t[..open].trim().to_string();
            }
        }
    }
    let mut row = Row {
        note,
        ..Row::default()
    };
    let words: Vec<&str> = t.split_whitespace().collect();
    // "Avbud", "Forfall", "Meldt forfall", "Ikke møtt" in the name column.
    for n in [2, 1] {
        if words.len() > n && is_regrets(&words[words.len() - n..].join(" ").to_lowercase()) {
            let printed = words[words.len() - n..].join(" ");
            row.label = words[..words.len() - n].join(" ");
            row.regrets = true;
            row.printed = Some(printed);
            return row;
        }
    }
    let (label, name) = split_trailing_name(&t, registry);
    row.label = label;
    row.person = name;
    row
}

/// Splits "Pensjonistforbundet Ola Johan Basmo" into the organisation's
/// label and the person: by the registry's organisations and people first,
/// then by the run of capitalised words at the end.
fn split_trailing_name(t: &str, registry: &Registry) -> (String, Option<String>) {
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() {
        return (String::new(), None);
    }
    if registry.organisation(t).is_some() {
        return (t.to_string(), None);
    }
    if let Some((n, _)) = registry.organisation_prefix(&words) {
        let rest = words[n..].join(" ");
        return (words[..n].join(" "), Some(rest).filter(|r| !r.is_empty()));
    }
    // A name is at most five words long.
    for n in words.len().saturating_sub(5).max(1)..words.len() {
        let rest = words[n..].join(" ");
        if registry.knows_person(&rest) {
            return (words[..n].join(" "), Some(rest));
        }
    }
    // Capitalised words at the end, at most four, leaving the label at least one.
    let is_name_word = |w: &str| {
        let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
        let capitals = letters.len() > 1 && letters.iter().all(|c| c.is_uppercase());
        w.starts_with(|c: char| c.is_uppercase())
            && !capitals
            && !w.contains('/')
            && !w.ends_with(')')
    };
    let run = words.iter().rev().take_while(|w| is_name_word(w)).count();
    let run = run.min(words.len() - 1).min(4);
    if run >= 2 {
        let k = words.len() - run;
        return (words[..k].join(" "), Some(words[k..].join(" ")));
    }
    (t.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::super::recognise_text as minutes;
    use super::*;

    #[test]
    fn a_no_show_is_told_from_regrets() {
        assert!(is_no_show("ikke møtt") && is_no_show("møtte ikke"));
        assert!(!is_no_show("forfall") && !is_no_show("meldt forfall") && !is_no_show("avbud"));
        // A no-show empties the seat as regrets do.
        assert!(is_regrets("ikke møtt") && is_regrets("meldt forfall") && !is_regrets("møtt"));
        // A table flattened to lines, the marker in the name column, in
        // either case.
        let m = minutes(
            "Referat fra møte 3/2026 i Rådet\nDato: 2. april 2026\n\nSak 5/26 Plan\nTekst.\n\nDeltakerliste\nOrganisasjon Navn\nSeniorforum Ikke møtt\nEldreforum ikke møtt\nForening for eldre Meldt forfall\nPensjonistlaget Forfall\n",
        );
        let seats: Vec<(&str, bool, bool)> = m
            .attendance
            .seats
            .iter()
            .map(|r| (r.label.as_str(), r.regrets, r.no_show()))
            .collect();
        assert_eq!(
            seats,
            [
                ("Seniorforum", true, true),
                ("Eldreforum", true, true),
                ("Forening for eldre", true, false),
                ("Pensjonistlaget", true, false),
            ]
        );
        // A name list headed "Ikke møtt:".
        let m = minutes(
            "Referat fra møte i Rådet\nDato: 2. april 2026\nTil stede:\nKari Nordmann, Seniorforum\nIkke møtt:\nOla Olsen, Eldreforum\nForfall:\nPer Hansen, Forening\nSaksliste\nSak 1/26 Plan\nSak 1/26 Plan\nTekst.\n",
        );
        let seats: Vec<(&str, bool, bool)> = m
            .attendance
            .seats
            .iter()
            .map(|r| (r.label.as_str(), r.regrets, r.no_show()))
            .collect();
        assert_eq!(
            seats,
            [
                ("Seniorforum", false, false),
                ("Eldreforum", true, true),
                ("Forening", true, false),
            ]
        );
    }

    #[test]
    fn names_under_an_organisation_heading_belong_to_it() {
        let m = minutes(
            "Referat fra møte 3/2026 i Rådet\nDato: 2. april 2026\n\nSak 5/26 Plan\nTekst.\n\nDeltakerliste\nOrganisasjon Navn\nSeniorforum\nKari Nordmann\nPer Hansen\nEldreforum\nOla Olsen\nForening for eldre Avbud\n",
        );
        let seats: Vec<(&str, Option<&str>, bool)> = m
            .attendance
            .seats
            .iter()
            .map(|r| (r.label.as_str(), r.person.as_deref(), r.regrets))
            .collect();
        assert_eq!(
            seats,
            [
                ("Seniorforum", Some("Kari Nordmann"), false),
                ("Seniorforum", Some("Per Hansen"), false),
                ("Eldreforum", Some("Ola Olsen"), false),
                ("Forening for eldre", None, true),
            ]
        );
    }
}
