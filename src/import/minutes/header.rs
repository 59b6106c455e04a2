//! The top of the minutes: the title, the "Key: value" fields (date and
//! times, chair, minute-takers, place) and attendance printed there as
//! name lists ("Til stede:", "Forfall:") or on one line.

use super::attendance::{is_no_show, is_regrets, split_names};
use super::headings::is_agenda_heading;
use super::{ends_sentence, word_count, Recogniser, Row};
use crate::import::lines::LineKind;
use crate::import::text;

impl Recogniser<'_> {
    /// The title and "Key: value" lines at the top.
    pub(super) fn header(&mut self, mut i: usize) -> usize {
        let mut title_seen = false;
        while i < self.lines.len() {
            let line = &self.lines[i];
            if let LineKind::Blank | LineKind::Noise(_) = line.kind {
                self.blank(line);
                i += 1;
                continue;
            }
            let words = line.words();
            if line.kind == LineKind::Text && word_count(&words) <= 15 {
                if let Some((n, y)) =
                    text::meeting_code(&words).filter(|_| self.out.number.is_none())
                {
                    self.out.number = Some(n);
                    self.out.year = Some(y);
                    self.field(line, format!("title: meeting {n}/{y}"));
                    self.out.titles.push((line.no, words.clone()));
                    title_seen = true;
                    i += 1;
                    continue;
                }
                let field_like = words
                    .split_once(':')
                    .is_some_and(|(k, _)| word_count(k) <= 3);
                let stop = is_agenda_heading(line)
                    || text::leading_time(&line.text).is_some()
                    || text::case_line(&line.text, &|_| false).is_some();
                if !title_seen && !field_like && !stop {
                    self.field(line, "title");
                    self.out.titles.push((line.no, words.clone()));
                    title_seen = true;
                    i += 1;
                    continue;
                }
            }
            let Some((key, value)) = words.split_once(':') else {
                // An unlabelled line under the title ("Referat fra ekstraordinært
                // møte") when the header's fields follow it.
                if title_seen && self.out.date.is_none() && self.fields_follow(i + 1) {
                    self.field(line, "subtitle");
                    self.out.titles.push((line.no, words.clone()));
                    i += 1;
                    continue;
                }
                break;
            };
            let key = key.trim().to_lowercase();
            let value = value.trim();
            if word_count(&key) > 3 {
                break;
            }
            match key.as_str() {
                "møteleder" | "leder" | "ordstyrer" | "møteleiar" => {
                    if value.is_empty() {
                        self.field(line, "chair: none printed");
                    } else {
                        self.out.chair = Some(value.to_string());
                        self.field(line, "chair");
                    }
                }
                "dato" | "tid" | "tidspunkt" | "møtedato" | "dato og tid" | "tid og sted" => {
                    if let Some(d) = text::find_date(value) {
                        self.out.date = Some(d);
                    }
                    let times = text::find_times(value);
                    self.out.start = times.first().copied().or(self.out.start);
                    self.out.end = times.get(1).copied().or(self.out.end);
                    self.field(line, "date, start and end");
                }
                "referent" | "referenter" | "referat" | "referent(er)" | "skrevet av" => {
                    self.out.minute_takers = split_names(value);
                    self.field(line, "minute-takers");
                }
                "sted" | "møtested" => {
                    self.out.place = Some(value.to_string());
                    self.field(line, "place");
                }
                "til stede" | "tilstede" | "deltakere" | "deltagere" | "møtt"
                    if value.is_empty() && self.name_list_follows(i + 1) =>
                {
                    self.out.attendance.heading_lines.push(line.no);
                    i = self.name_list(i + 1);
                    continue;
                }
                "til stede" | "tilstede" | "deltakere" | "deltagere" => {
                    if value.to_lowercase().starts_with("se ") || value.is_empty() {
                        self.noise(line, "a pointer to the attendance list");
                    } else if let Some(rows) = inline_rows(value, false, line.no) {
                        self.out.attendance.heading_lines.push(line.no);
                        self.out.attendance.seats.extend(rows);
                    } else {
                        self.out
                            .unplaced
                            .push((line.no, "attendance written in the header: add it to the attendance rows by hand".into()));
                    }
                }
                k if is_regrets(k) && inline_rows(value, true, line.no).is_some() => {
                    self.out.attendance.heading_lines.push(line.no);
                    let mut rows = inline_rows(value, true, line.no).unwrap_or_default();
                    if is_no_show(k) {
                        // The heading says how the seats were empty.
                        rows.iter_mut()
                            .for_each(|r| r.printed = Some(k.to_string()));
                    }
                    self.out.attendance.seats.extend(rows);
                }
                k if is_regrets(k) && !value.is_empty() => {
                    self.out.unplaced.push((
                        line.no,
                        "regrets written in the header: add them to the attendance rows by hand (status = \"avbud\")".into(),
                    ));
                }
                _ => {
                    if is_agenda_heading(line) {
                        break;
                    }
                    self.out.unplaced.push((
                        line.no,
                        format!("a header field medvirk does not know (\"{key}\"): add it by hand if it matters"),
                    ));
                }
            }
            i += 1;
        }
        i
    }

    /// True when the next line that is not blank is a row of a name list:
    /// "Name Surname, Organisation (role)".
    fn name_list_follows(&self, i: usize) -> bool {
        self.lines[i.min(self.lines.len())..]
            .iter()
            .find(|l| !l.is_empty())
            .is_some_and(|l| name_list_row(&l.words()).is_some())
    }

    /// Attendance printed as lists of names under labels in the header:
    /// "Til stede:" (present), "Forfall:" (absent), "Fra administrasjonen:"
    /// (the agency's staff), each followed by "Name, Organisation (role)"
    /// lines. Returns the first line after the lists.
    fn name_list(&mut self, mut i: usize) -> usize {
        #[derive(PartialEq, Clone, Copy)]
        enum Group {
            Present,
            Absent,
            Staff,
        }
        let mut group = Group::Present;
        let mut printed = String::new();
        while i < self.lines.len() {
            let line = &self.lines[i];
            if line.is_empty() {
                self.blank(line);
                i += 1;
                continue;
            }
            let words = line.words();
            let label = words.strip_suffix(':').map(str::trim);
            if let Some(label) = label.filter(|l| word_count(l) <= 3) {
                let lower = label.to_lowercase();
                let next = if is_regrets(&lower) || lower == "fravær" {
                    Group::Absent
                } else if lower.starts_with("fra ")
                    || lower.contains("administrasjon")
                    || lower.contains("sekretariat")
                {
                    Group::Staff
                } else if ["til stede", "tilstede", "møtt", "deltakere"].contains(&lower.as_str())
                {
                    Group::Present
                } else {
                    break;
                };
                if !self.name_list_follows(i + 1) {
                    break;
                }
                group = next;
                printed = label.to_string();
                self.field(line, format!("attendance: the list \"{label}\""));
                i += 1;
                continue;
            }
            let Some((name, org, role)) = name_list_row(&words) else {
                break;
            };
            if group == Group::Staff {
                self.out.attendance.secretariat.push((name, line.no));
            } else {
                self.out.attendance.seats.push(Row {
                    label: org.unwrap_or_default(),
                    person: Some(name.clone()),
                    regrets: group == Group::Absent,
                    note: role,
                    printed: (group == Group::Absent).then(|| printed.clone()),
                    lines: vec![line.no],
                });
            }
            i += 1;
        }
        i
    }

    /// True when a header field with a date ("Dato: …") follows within a few
    /// lines of `i`.
    fn fields_follow(&self, i: usize) -> bool {
        self.lines[i.min(self.lines.len())..]
            .iter()
            .filter(|l| !l.is_empty())
            .take(3)
            .any(|l| {
                l.words()
                    .split_once(':')
                    .is_some_and(|(k, v)| word_count(k) <= 3 && text::find_date(v).is_some())
            })
    }
}

/// Attendance written on one header line as "Kari Nordmann (Organisasjon),
/// Per Hansen (Forening)": a row for each, or None unless every part reads
/// so (a bare list of names says no organisation, and is left to the editor).
fn inline_rows(value: &str, regrets: bool, no: usize) -> Option<Vec<Row>> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in value.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' | ';' if depth == 0 => {
                parts.push(&value[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&value[start..]);
    parts
        .into_iter()
        .map(|p| {
            let p = p.trim().trim_end_matches('.');
            let (name, org) = p.strip_suffix(')')?.split_once('(')?;
            let name = name.trim();
            let words: Vec<&str> = name.split_whitespace().collect();
            let named = (2..=5).contains(&words.len())
                && words.iter().all(|w| w.starts_with(char::is_uppercase));
            let org = org.trim();
            if !named || !org.starts_with(char::is_uppercase) {
                return None;
            }
            Some(Row {
                label: org.to_string(),
                person: Some(name.to_string()),
                regrets,
                lines: vec![no],
                ..Row::default()
            })
        })
        .collect()
}

/// "Kari Nordmann, Organisasjon (rolle)" → name, organisation, role: a
/// name of two to five capitalised words, then a comma.
fn name_list_row(words: &str) -> Option<(String, Option<String>, Option<String>)> {
    let (name, rest) = words.split_once(", ")?;
    let parts: Vec<&str> = name.split_whitespace().collect();
    let capitalised = parts.iter().all(|w| {
        w.starts_with(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.')
    });
    if !(2..=5).contains(&parts.len()) || !capitalised || ends_sentence(rest) {
        return None;
    }
    let rest = rest.trim();
    let (org, role) = match rest.strip_suffix(')').and_then(|r| r.rsplit_once('(')) {
        // "(LHL)" in capitals is the organisation's short name, not a role.
        Some((o, r)) if !r.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) => {
            (o.trim().to_string(), Some(r.trim().to_string()))
        }
        _ => (rest.to_string(), None),
    };
    Some((name.to_string(), Some(org).filter(|o| !o.is_empty()), role))
}

#[cfg(test)]
mod tests {
    use super::super::recognise_text as minutes;

    #[test]
    fn attendance_on_one_header_line() {
        let m = minutes(
            "Referat fra møte 2/2026 i Rådet\nDato: 3. mars 2026\nTil stede: Kari Nordmann (Seniorforum), Per Hansen (Forening for eldre, Øst)\nForfall: Ola Olsen (Eldreforum)\n\nSak 1/26 Budsjett\nTekst.\n",
        );
        let rows: Vec<(&str, Option<&str>, bool)> = m
            .attendance
            .seats
            .iter()
            .map(|r| (r.label.as_str(), r.person.as_deref(), r.regrets))
            .collect();
        assert_eq!(
            rows,
            [
                ("Seniorforum", Some("Kari Nordmann"), false),
                ("Forening for eldre, Øst", Some("Per Hansen"), false),
                ("Eldreforum", Some("Ola Olsen"), true),
            ]
        );
        // Names alone say no organisation: left to the editor, with a word.
        let m = minutes("Referat fra møte 2/2026\nDato: 3. mars 2026\nTil stede: Kari Nordmann, Per Hansen\n\nSak 1/26 Budsjett\n");
        assert!(m.attendance.seats.is_empty());
        assert_eq!(m.unplaced.len(), 1);
    }
}
