//! The agenda ("Dagsorden", "Saksliste"): its timed or untimed lines, the
//! case each line names, and the case headings found by the agenda's
//! titles when the minutes print them without a number.

use super::headings::is_agenda_heading;
use super::{ends_sentence, word_count, AgendaLine, Recogniser};
use crate::import::lines::{Line, LineKind};
use crate::import::text;

impl Recogniser<'_> {
    /// "DAGSORDEN" and its timed lines.
    pub(super) fn agenda(&mut self, mut i: usize) -> usize {
        let start = i;
        while i < self.lines.len() && self.lines[i].is_empty() {
            i += 1;
        }
        let Some(line) = self.lines.get(i) else {
            return start;
        };
        let has_heading = is_agenda_heading(line);
        if !has_heading && text::leading_time(&line.text).is_none() {
            return start;
        }
        for l in &self.lines[start..i] {
            let why = match l.kind {
                LineKind::Noise(w) => w,
                _ => "blank line",
            };
            self.out.noise.push((l.no, why));
        }
        if has_heading {
            self.out.agenda_heading.push(line.no);
            i += 1;
        }
        let mut prev: Option<usize> = None;
        while i < self.lines.len() {
            let line = &self.lines[i];
            if line.is_empty() {
                self.blank(line);
                i += 1;
                continue;
            }
            // Under its heading an agenda may list the cases without times.
            let untimed = has_heading
                && line.kind == LineKind::Text
                && self.out.agenda.iter().all(|a| a.time.is_none());
            let untimed = untimed
                && text::case_line(&line.text, &|_| false).is_some_and(|(n, _, _)| {
                    // The same number again is the case's own heading.
                    !self.out.agenda.iter().any(|a| {
                        text::case_line(&a.text, &|_| true).is_some_and(|(m, _, _)| m == n)
                    })
                });
            let timed = text::leading_time(&line.text);
            if timed.is_some() || untimed {
                let (time, rest) = match timed {
                    Some((t, r)) => (Some(t), r),
                    None => (None, line.words()),
                };
                self.out.agenda.push(AgendaLine {
                    time,
                    text: rest,
                    case: None,
                    lines: vec![line.no],
                });
                prev = Some(i);
                i += 1;
                continue;
            }
            let continues = prev.is_some_and(|p| {
                line.kind == LineKind::Text && self.measure.continues(&self.lines[p], line)
            });
            if continues && !self.out.agenda.is_empty() {
                if let Some(last) = self.out.agenda.last_mut() {
                    text::join(&mut last.text, &line.words());
                    last.lines.push(line.no);
                }
                prev = Some(i);
                i += 1;
                continue;
            }
            break;
        }
        // Blank lines after the agenda belong to what follows.
        while i > start && self.lines[i - 1].is_empty() {
            i -= 1;
            let no = self.lines[i].no;
            self.out.noise.retain(|(n, _)| *n != no);
        }
        for a in &mut self.out.agenda {
            // On the agenda a number like "07/24" at the start is a case, "Sak" or not.
            if let Some((number, _, _)) = text::case_line(&a.text, &|_| true) {
                a.case = Some(number);
            }
        }
        i
    }

    pub(super) fn agenda_case(&self, number: &str) -> Option<&AgendaLine> {
        self.out
            .agenda
            .iter()
            .find(|a| a.case.as_deref() == Some(number))
    }

    /// A case heading printed without its number: the title of a case on
    /// the agenda that has no heading yet, with or without its kind first
    /// ("Drøftingssak: Title"), or the first line of that title.
    pub(super) fn unnumbered_case(
        &self,
        line: &Line,
    ) -> Option<(String, Option<&'static str>, String)> {
        let words = line.words();
        let first = words.split_whitespace().next().unwrap_or("");
        let (kind, rest) = match text::kind_word(first) {
            Some(k) => (
                Some(k),
                words[first.len()..].trim_start_matches([' ', ':', '.', '–', '-']),
            ),
            None => (None, words.as_str()),
        };
        let key = crate::import::resolve::norm(rest);
        if word_count(&key) < 3 {
            return None;
        }
        let unused = || {
            self.out.agenda.iter().filter_map(|a| {
                let number = a.case.as_ref()?;
                (!self.out.cases.iter().any(|c| &c.number == number)).then_some((a, number))
            })
        };
        let by_title = unused().find_map(|(a, number)| {
            let (_, _, title) = text::case_line(&a.text, &|_| true)?;
            let agenda_key = crate::import::resolve::norm(&title);
            let matches = agenda_key == key
                || (agenda_key.starts_with(&key) && word_count(&key) >= 4 && !ends_sentence(rest));
            matches.then(|| (number.clone(), kind, rest.to_string()))
        });
        // "Drøftingssak: …" opens a case even when its title differs from the
        // agenda's: the next case on the agenda without a heading.
        let kind_first = kind.is_some()
            && (first.ends_with([':', '.'])
                || words[first.len()..].trim_start().starts_with([':', '.']));
        by_title.or_else(|| {
            let (_, number) = unused().next().filter(|_| kind_first)?;
            Some((number.clone(), kind, rest.to_string()))
        })
    }

    pub(super) fn is_known_case(&self, number: &str) -> bool {
        self.agenda_case(number).is_some()
    }
}
