//! The body of the minutes after the agenda: the meeting's own sections
//! (opening, news), each case from its heading ("Sak 07/24 – …"), its
//! kind, title and "Fremmet av" path, the section headings inside it, and
//! whether the minutes say it was not discussed. Lines are gathered per
//! section here; `paragraphs` reads them into blocks.

use super::decisions::{decision_heading, decision_sentences, is_decision_section};
use super::headings::{is_attendance_heading, section_heading, submitted_by};
use super::{
    ends_sentence, starts_with_word, word_count, Case, Kind, KindSource, Recogniser, Section,
    Target,
};
use crate::import::lines::{Line, LineKind};
use crate::import::text;

impl Recogniser<'_> {
    /// A heading of the meeting's own text: a line that is an agenda item
    /// (not a case) as printed, or "Item v/ Presenter" between the agenda
    /// and the first case.
    pub(super) fn body_heading(&self, line: &Line) -> bool {
        if line.kind != LineKind::Text {
            return false;
        }
        let words = line.words();
        if word_count(&words) > 12 || ends_sentence(&words) || words.ends_with(':') {
            return false;
        }
        if !words.starts_with(|c: char| c.is_uppercase()) {
            return false;
        }
        let key = crate::import::resolve::norm(&words).replace(' ', "");
        let head = |s: &str| {
            let lower = s.to_lowercase();
            let cut = [" v/", " ved "]
                .iter()
                .filter_map(|m| lower.find(m))
                .min()
                .unwrap_or(lower.len());
            crate::import::resolve::norm(&lower[..cut])
        };
        let before_cases = self.out.cases.is_empty();
        // The meeting's own closing sections, on the agenda or not.
        let lower = words.to_lowercase();
        let closing = ["eventuelt", "avslutning", "evaluering", "møteslutt"]
            .iter()
            .any(|w| starts_with_word(&lower, w))
            || lower.starts_with("oppsummering og avslutning");
        if !before_cases && closing && word_count(&words) <= 5 {
            return true;
        }
        for a in self.out.agenda.iter().filter(|a| a.case.is_none()) {
            // One word ("Eventuelt") is a heading too, but not a short one
            // that might stand alone in a case ("Pause").
            let long_enough = word_count(&words) >= 2 || words.chars().count() >= 6;
            if crate::import::resolve::norm(&a.text).replace(' ', "") == key && long_enough {
                return true;
            }
            if before_cases && words.contains("v/") && head(&a.text) == head(&words) {
                return true;
            }
            // "Aktuelt fra etaten" under the agenda's "Aktuelt v/ …".
            let first = |s: &str| s.split_whitespace().next().unwrap_or("").to_lowercase();
            if before_cases
                && word_count(&words) <= 8
                && first(&a.text).chars().count() >= 4
                && first(&a.text) == first(&words)
            {
                return true;
            }
        }
        before_cases && (words.contains(" v/") || words.contains(" v /"))
    }

    pub(super) fn section_mut(&mut self) -> &mut Section {
        let sections = match self.target {
            Target::Body => &mut self.out.body,
            Target::Case(c) => &mut self.out.cases[c].sections,
        };
        if sections.is_empty() {
            sections.push(Section::new(None, Vec::new(), Kind::Intro, 2));
        }
        let last = sections.len() - 1;
        &mut sections[last]
    }

    pub(super) fn sections_mut(&mut self) -> &mut Vec<Section> {
        match self.target {
            Target::Body => &mut self.out.body,
            Target::Case(c) => &mut self.out.cases[c].sections,
        }
    }

    pub(super) fn current_kind(&self) -> Option<Kind> {
        match self.target {
            Target::Body => self.out.body.last(),
            Target::Case(c) => self.out.cases[c].sections.last(),
        }
        .map(|s| s.kind)
    }

    pub(super) fn main(&mut self, mut i: usize) {
        let council = self.registry.council.clone();
        while i < self.lines.len() {
            let line = &self.lines[i];
            if line.is_empty() || line.kind == LineKind::Url {
                self.section_mut().raw.push(line.clone());
                i += 1;
                continue;
            }
            if is_attendance_heading(line) {
                self.attendance(i);
                return;
            }
            if line.kind == LineKind::Text && !line.text.starts_with(char::is_lowercase) {
                let known = |n: &str| self.is_known_case(n);
                if let Some((number, kind, title)) = text::case_line(&line.text, &known) {
                    i = self.case(i, number, kind, title);
                    continue;
                }
                if let Some((number, kind, title)) = self.unnumbered_case(line) {
                    i = self.case(i, number, kind, title);
                    if let Some(c) = self.out.cases.last_mut() {
                        c.number_from_agenda = true;
                    }
                    continue;
                }
            }
            if self.body_heading(line) {
                self.target = Target::Body;
                let level = 2;
                self.out.body.push(Section::new(
                    Some(line.words()),
                    vec![line.no],
                    Kind::Other,
                    level,
                ));
                i += 1;
                continue;
            }
            if let Target::Case(c) = self.target {
                let no_sections = self.out.cases[c]
                    .sections
                    .iter()
                    .all(|s| s.heading.is_none());
                if self.out.cases[c].submitted_by.is_none() && no_sections {
                    if let Some(value) = submitted_by(line) {
                        i = self.submitted(i, c, value);
                        continue;
                    }
                }
            }
            if let Target::Case(c) = self.target {
                let words = line.words();
                let lower = words.to_lowercase();
                let earlier = lower.starts_with("tidligere behandl")
                    || lower.starts_with("tidligere behandlet");
                if earlier && self.out.cases[c].earlier.is_none() && line.kind == LineKind::Text {
                    let rest = words
                        .split_once(':')
                        .map_or(words.as_str(), |(_, r)| r)
                        .trim()
                        .to_string();
                    self.out.cases[c].earlier = Some((line.no, rest));
                    i += 1;
                    continue;
                }
            }
            if let Some(rest) = decision_heading(line) {
                let mut section =
                    Section::new(Some("Vedtak".into()), vec![line.no], Kind::Other, 2);
                if let Some(rest) = rest {
                    section.raw.push(Line {
                        no: line.no,
                        text: rest,
                        kind: LineKind::Text,
                        bold: line.bold,
                        spaced_dash: line.spaced_dash,
                    });
                }
                self.sections_mut().push(section);
                i += 1;
                continue;
            }
            let in_decision = self.sections_mut().last().is_some_and(is_decision_section);
            if !in_decision && !decision_sentences(&line.words(), council.as_deref()).is_empty() {
                // "Brukerrådet besluttet at …" after the input list is the
                // council's decision, not one more item.
                let starts = decision_sentences(&line.words(), council.as_deref())
                    .first()
                    .is_some_and(|d| line.words().starts_with(d.as_str()));
                if starts && self.current_kind() != Some(Kind::Other) {
                    let mut section = Section::new(None, Vec::new(), Kind::Other, 2);
                    section.raw.push(line.clone());
                    self.sections_mut().push(section);
                    i += 1;
                    continue;
                }
            }
            if let Some((kind, head, rest)) = section_heading(line, council.as_deref()) {
                let nested_background =
                    kind == Kind::Background && self.current_kind() == Some(Kind::Background);
                if !nested_background {
                    let sections = match self.target {
                        Target::Body => &mut self.out.body,
                        Target::Case(c) => &mut self.out.cases[c].sections,
                    };
                    let mut section = Section::new(Some(head), vec![line.no], kind, 2);
                    if let Some(rest) = rest {
                        section.raw.push(Line {
                            no: line.no,
                            text: rest,
                            kind: LineKind::Text,
                            bold: line.bold,
                            spaced_dash: line.spaced_dash,
                        });
                    }
                    sections.push(section);
                    i += 1;
                    continue;
                }
            }
            self.section_mut().raw.push(line.clone());
            i += 1;
        }
    }

    /// A case heading at line `i` (over one or two lines); returns the next line.
    fn case(
        &mut self,
        i: usize,
        number: String,
        kind: Option<&'static str>,
        title: String,
    ) -> usize {
        let mut title = title;
        let mut lines = vec![self.lines[i].no];
        let mut next = i + 1;
        // The title may wrap onto the next lines (skipping blank lines).
        for _ in 0..2 {
            let mut j = next;
            while j < self.lines.len() && self.lines[j].is_empty() {
                j += 1;
            }
            let Some(cont) = self.lines.get(j) else { break };
            let words = cont.words();
            let wraps = cont.kind == LineKind::Text
                && submitted_by(cont).is_none()
                && section_heading(cont, None).is_none()
                && !is_attendance_heading(cont)
                && word_count(&words) <= 14
                && (words.starts_with(|c: char| c.is_lowercase())
                    || title.ends_with(['-', ',', '–'])
                    || ["og", "i", "for", "av", "til", "med", "om", "på"]
                        .contains(&title.split_whitespace().last().unwrap_or("")));
            if !wraps {
                break;
            }
            for l in &self.lines[next..j] {
                let why = match l.kind {
                    LineKind::Noise(w) => w,
                    _ => "blank line",
                };
                self.out.noise.push((l.no, why));
            }
            text::join(&mut title, &words);
            lines.push(cont.no);
            next = j + 1;
        }
        let agenda = self.agenda_case(&number).cloned();
        let agenda_parts = agenda
            .as_ref()
            .and_then(|a| text::case_line(&a.text, &|_| true));
        let (kind, kind_from) = match (kind, agenda_parts.as_ref().and_then(|p| p.1)) {
            (Some(k), _) => (k, KindSource::Heading),
            (None, Some(k)) => (k, KindSource::Agenda),
            (None, None) => ("drøftingssak", KindSource::Guess),
        };
        let mut title_note = None;
        if let Some((_, _, agenda_title)) = &agenda_parts {
            let same_words = crate::import::resolve::norm(agenda_title).replace(' ', "")
                == crate::import::resolve::norm(&title).replace(' ', "");
            if same_words && agenda_title != &title {
                title_note = Some(format!("the case heading prints the title as \"{title}\""));
                title = agenda_title.clone();
            }
        }
        self.out.cases.push(Case {
            number,
            kind,
            kind_from,
            title,
            title_note,
            status: None,
            earlier: None,
            heading_lines: lines,
            number_from_agenda: false,
            submitted_by: None,
            submitted_lines: Vec::new(),
            sections: Vec::new(),
        });
        self.target = Target::Case(self.out.cases.len() - 1);
        next
    }

    /// "Fremmet av" and the agency path after it, over up to three lines.
    fn submitted(&mut self, i: usize, case: usize, value: String) -> usize {
        let mut value = value;
        let mut lines = vec![self.lines[i].no];
        let mut next = i + 1;
        let mut j = i + 1;
        let mut taken = 0;
        while taken < 2 {
            let mut k = j;
            while k < self.lines.len() && self.lines[k].is_empty() {
                k += 1;
            }
            let Some(cont) = self.lines.get(k) else { break };
            let words = cont.words();
            let fits = cont.kind == LineKind::Text
                && section_heading(cont, None).is_none()
                && !is_attendance_heading(cont)
                && text::case_line(&cont.text, &|_| false).is_none()
                && word_count(&words) <= 8
                && !value.trim_end().ends_with(['.', '!', '?'])
                && !words.trim_end().ends_with(['.', '!', '?'])
                && (value.is_empty()
                    || value.ends_with([',', ':', '/', '-', '–'])
                    || words.starts_with(|c: char| c.is_lowercase())
                    || ["og", "for", "i", "av"]
                        .contains(&value.split_whitespace().last().unwrap_or("")));
            if !fits {
                break;
            }
            for l in &self.lines[j..k] {
                let why = match l.kind {
                    LineKind::Noise(w) => w,
                    _ => "blank line",
                };
                self.out.noise.push((l.no, why));
            }
            text::join(&mut value, &words);
            lines.push(cont.no);
            taken += 1;
            j = k + 1;
            next = j;
        }
        let c = &mut self.out.cases[case];
        c.submitted_by = Some(value);
        c.submitted_lines = lines;
        next
    }
}

/// The status a paragraph gives its case when it says the case was not
/// discussed: "Saken ble ikke behandlet …", "… ble utsatt", "… ble trukket".
pub(super) fn case_status(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    if !(lower.starts_with("saken") || lower.starts_with("denne saken")) {
        return None;
    }
    let first = lower.split(". ").next().unwrap_or(&lower);
    if first.contains("ikke behandlet") || first.contains("ikke tatt opp") {
        Some("ikke behandlet")
    } else if first.contains(" utsatt") || first.contains(" utsettes") {
        Some("utsatt")
    } else if first.contains(" trukket") || first.contains(" trekkes") {
        Some("trukket")
    } else {
        None
    }
}
