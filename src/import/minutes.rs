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

use chrono::{NaiveDate, NaiveTime};

use super::lines::{collapse, Line, LineKind, Measure};
use super::resolve::Registry;
use super::text;

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
    pub regrets: bool,
    /// A guest's note: "14 år".
    pub note: Option<String>,
    /// The absence as printed when it is not plain "Avbud" ("Ikke møtt").
    pub printed: Option<String>,
    pub lines: Vec<usize>,
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

/// The section kind a heading line names, the heading and any text after
/// its colon.
fn section_heading(line: &Line, council: Option<&str>) -> Option<(Kind, String, Option<String>)> {
    // A heading starts with a capital; "bakgrunn, …" is a wrapped line.
    if line.kind != LineKind::Text || !line.text.starts_with(char::is_uppercase) {
        return None;
    }
    let words = line.words();
    let (head, rest) = match words.find(':') {
        Some(i) => (
            words[..i].trim().to_string(),
            Some(words[i + 1..].trim().to_string()).filter(|r| !r.is_empty()),
        ),
        None => (words.clone(), None),
    };
    let lower = head.to_lowercase();
    let kind =
        if starts_with_word(&lower, "bakgrunn") || starts_with_word(&lower, "saksbeskrivelse") {
            Kind::Background
        } else if lower.starts_with("problemstilling")
            || lower.starts_with("spørsmål til")
            || lower.starts_with("drøftingsspørsmål")
        {
            Kind::Questions
        } else if starts_with_word(&lower, "innspill")
            || lower.ends_with("s innspill")
            || lower.starts_with("kommentarer fra")
            || lower.starts_with("merknader fra")
            || lower.starts_with("drøfting i")
            || lower.starts_with("diskusjon i")
            || (lower.starts_with("fra ")
                && word_count(&lower) <= 3
                && (council.is_some_and(|c| lower.contains(&c.to_lowercase()))
                    || lower.contains("rådet")))
            || council_gave_input(&lower, council)
        {
            Kind::Input
        } else if starts_with_word(&lower, "tilbakemelding")
            || lower.ends_with("s tilbakemelding")
            || lower.starts_with("kort oppsummering")
            || starts_with_word(&lower, "oppsummering")
            || lower.starts_with("svar fra")
        {
            Kind::Reply
        } else {
            return None;
        };
    // A heading is short and does not end a sentence; the text after a colon
    // may (the question itself).
    if word_count(&head) > 20 || (rest.is_none() && head.ends_with('.')) {
        return None;
    }
    if kind == Kind::Input && lower.starts_with("innspill") && !lower.starts_with("innspill fra") {
        // "Innspill:" or "Innspill" alone, "Innspill og kommentarer".
        if word_count(&head) > 4 {
            return None;
        }
    }
    Some((kind, head, rest))
}

/// "Brukerutvalget hadde følgende innspill", "Rådet kom med disse
/// innspillene": the council as subject, input as object.
fn council_gave_input(lower: &str, council: Option<&str>) -> bool {
    let words: Vec<&str> = lower.split_whitespace().collect();
    let Some(first) = words.first() else {
        return false;
    };
    let council_word = first.ends_with("rådet")
        || first.ends_with("utvalget")
        || council.is_some_and(|c| c.to_lowercase() == *first);
    let last = words.last().copied().unwrap_or("");
    let input_word = [
        "innspill",
        "innspillene",
        "kommentarer",
        "merknader",
        "synspunkter",
    ]
    .contains(&last);
    (council_word && words.len() <= 8 && input_word)
        || (lower.starts_with("følgende innspill") && words.len() <= 6)
}

fn is_attendance_heading(line: &Line) -> bool {
    if line.kind != LineKind::Text || !line.text.starts_with(char::is_uppercase) {
        return false;
    }
    let lower = lower_words(line);
    let head = lower.split(':').next().unwrap_or("").trim();
    let after_colon = lower.split_once(':').map(|(_, r)| r.trim()).unwrap_or("");
    word_count(&lower) <= 6
        && after_colon.is_empty()
        && [
            "deltakerliste",
            "deltagerliste",
            "deltakere",
            "deltagere",
            "møtedeltakere",
            "til stede",
            "tilstede",
            "oppmøte",
            "fremmøte",
        ]
        .iter()
        .any(|w| starts_with_word(head, w))
}

fn is_agenda_heading(line: &Line) -> bool {
    let lower = lower_words(line);
    let head = lower.trim_end_matches(':').trim();
    ["dagsorden", "agenda", "saksliste"]
        .iter()
        .any(|w| head == *w || (starts_with_word(head, w) && word_count(head) <= 4))
}

/// "Fremmet av …", "Saken fremmes av …": the rest of the line.
fn submitted_by(line: &Line) -> Option<String> {
    if line.kind != LineKind::Text || !line.text.starts_with(char::is_uppercase) {
        return None;
    }
    let words = line.words();
    let lower = words.to_lowercase();
    for lead in [
        "fremmet av",
        "saken fremmes av",
        "fremmes av",
        "innmeldt av",
        "meldt inn av",
    ] {
        if starts_with_word(&lower, lead) {
            let rest = text::strip_prefix_ci(&words, lead).unwrap_or("");
            return Some(rest.trim_start_matches([':', ' ']).to_string());
        }
    }
    None
}

impl Recogniser<'_> {
    fn noise(&mut self, line: &Line, why: &'static str) {
        self.out.noise.push((line.no, why));
    }

    fn field(&mut self, line: &Line, what: impl Into<String>) {
        self.out.fields.push((line.no, what.into()));
    }

    /// The title and "Key: value" lines at the top.
    fn header(&mut self, mut i: usize) -> usize {
        let mut title_seen = false;
        while i < self.lines.len() {
            let line = &self.lines[i];
            if let LineKind::Blank | LineKind::Noise(_) = line.kind {
                let why = match line.kind {
                    LineKind::Noise(w) => w,
                    _ => "blank line",
                };
                self.noise(line, why);
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
                    let rows = inline_rows(value, true, line.no).unwrap_or_default();
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
                let why = match line.kind {
                    LineKind::Noise(w) => w,
                    _ => "blank line",
                };
                self.noise(line, why);
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

    /// "DAGSORDEN" and its timed lines.
    fn agenda(&mut self, mut i: usize) -> usize {
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
                let why = match line.kind {
                    LineKind::Noise(w) => w,
                    _ => "blank line",
                };
                self.noise(line, why);
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

    fn agenda_case(&self, number: &str) -> Option<&AgendaLine> {
        self.out
            .agenda
            .iter()
            .find(|a| a.case.as_deref() == Some(number))
    }

    /// A case heading printed without its number: the title of a case on
    /// the agenda that has no heading yet, with or without its kind first
    /// ("Drøftingssak: Title"), or the first line of that title.
    fn unnumbered_case(&self, line: &Line) -> Option<(String, Option<&'static str>, String)> {
        let words = line.words();
        let first = words.split_whitespace().next().unwrap_or("");
        let (kind, rest) = match text::kind_word(first) {
            Some(k) => (
                Some(k),
                words[first.len()..].trim_start_matches([' ', ':', '.', '–', '-']),
            ),
            None => (None, words.as_str()),
        };
        let key = super::resolve::norm(rest);
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
            let agenda_key = super::resolve::norm(&title);
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

    fn is_known_case(&self, number: &str) -> bool {
        self.agenda_case(number).is_some()
    }

    /// A heading of the meeting's own text: a line that is an agenda item
    /// (not a case) as printed, or "Item v/ Presenter" between the agenda
    /// and the first case.
    fn body_heading(&self, line: &Line) -> bool {
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
        let key = super::resolve::norm(&words).replace(' ', "");
        let head = |s: &str| {
            let lower = s.to_lowercase();
            let cut = [" v/", " ved "]
                .iter()
                .filter_map(|m| lower.find(m))
                .min()
                .unwrap_or(lower.len());
            super::resolve::norm(&lower[..cut])
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
            if super::resolve::norm(&a.text).replace(' ', "") == key && long_enough {
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

    fn section_mut(&mut self) -> &mut Section {
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

    fn sections_mut(&mut self) -> &mut Vec<Section> {
        match self.target {
            Target::Body => &mut self.out.body,
            Target::Case(c) => &mut self.out.cases[c].sections,
        }
    }

    fn current_kind(&self) -> Option<Kind> {
        match self.target {
            Target::Body => self.out.body.last(),
            Target::Case(c) => self.out.cases[c].sections.last(),
        }
        .map(|s| s.kind)
    }

    fn main(&mut self, mut i: usize) {
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
            let same_words = super::resolve::norm(agenda_title).replace(' ', "")
                == super::resolve::norm(&title).replace(' ', "");
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

    /// The attendance list from its heading at `i` to the end.
    fn attendance(&mut self, i: usize) {
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

/// The status a paragraph gives its case when it says the case was not
/// discussed: "Saken ble ikke behandlet …", "… ble utsatt", "… ble trukket".
fn case_status(text: &str) -> Option<&'static str> {
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

/// A section headed "Vedtak": what follows is the council's decision.
fn is_decision_section(s: &Section) -> bool {
    s.kind == Kind::Other && s.heading.as_deref() == Some("Vedtak")
}

/// "Vedtak", "Vedtak:" or "Vedtak: text" opening a line: the text after the
/// colon, if any. "Forslag til vedtak" is a proposal, not a decision.
fn decision_heading(line: &Line) -> Option<Option<String>> {
    if line.kind != LineKind::Text {
        return None;
    }
    let words = line.words();
    let (head, rest) = match words.split_once(':') {
        Some((h, r)) => (
            h.trim(),
            Some(r.trim().to_string()).filter(|r| !r.is_empty()),
        ),
        None => (words.as_str(), None),
    };
    head.eq_ignore_ascii_case("vedtak").then_some(rest)
}

/// The sentences of `text` in which the council decides: "Brukerrådet
/// besluttet at …", "Rådet vedtok …", "Vedtak: …"; not "Regjeringen har
/// besluttet".
fn decision_sentences(text: &str, council: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut ends = Vec::new();
    for (k, (i, c)) in chars.iter().enumerate() {
        let space_after = chars.get(k + 1).map_or(true, |(_, n)| n.is_whitespace());
        if matches!(c, '.' | '!' | '?') && space_after {
            ends.push(i + c.len_utf8());
        }
    }
    if ends.last() != Some(&text.len()) {
        ends.push(text.len());
    }
    let mut start = 0;
    for end in ends {
        let sentence = text[start..end].trim();
        start = end;
        let lower = sentence.to_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let decides = lower.starts_with("vedtak:")
            || words.windows(2).any(|w| {
                matches!(w[1], "besluttet" | "vedtok" | "vedtar" | "beslutter")
                    && (w[0].ends_with("rådet")
                        || w[0].ends_with("utvalget")
                        || council.is_some_and(|c| c.to_lowercase() == w[0]))
            });
        if decides && !sentence.is_empty() {
            out.push(sentence.to_string());
        }
    }
    out
}

/// A label cut after a preposition: "Sekretariatet fra", "Nasjonalforeningen for".
fn ends_with_preposition(label: &str) -> bool {
    let last = label.split_whitespace().last().unwrap_or("");
    ["fra", "i", "for", "og", "av", "til", "med"].contains(&last)
}

/// "Avbud" or "Forfall" (lower case): the seat was empty.
fn is_regrets(lower: &str) -> bool {
    matches!(
        lower.trim_end_matches(['.', ')']).trim_start_matches('('),
        "avbud"
            | "forfall"
            | "meldt forfall"
            | "meldt avbud"
            | "ikke møtt"
            | "ikke til stede"
            | "fravær"
            | "fraværende"
            | "forhindret"
    )
}

/// Names in a list: "Bjørnar Allgot, Karin Yan Kallevik og Anne Hansen".
fn split_names(s: &str) -> Vec<String> {
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

/// Parses a section's lines into blocks.
fn parse_section(s: &mut Section, measure: Measure) {
    let raw = std::mem::take(&mut s.raw);
    let mut p = Parser {
        measure,
        blocks: Vec::new(),
        noise: Vec::new(),
        links: (Vec::new(), Vec::new()),
        input: s.kind == Kind::Input,
        double_spaced: double_spaced(&raw),
        run: None,
    };
    p.run(&raw);
    s.blocks = p.blocks;
    if !p.links.0.is_empty() {
        s.blocks.push(Block::Links {
            urls: p.links.0,
            lines: p.links.1,
        });
    }
    s.noise = p.noise;
}

struct Parser {
    measure: Measure,
    blocks: Vec<Block>,
    noise: Vec<(usize, &'static str)>,
    links: (Vec<String>, Vec<usize>),
    input: bool,
    /// Blank lines stand between most lines, so one says nothing.
    double_spaced: bool,
    /// The last run of text lines measured in an input section: its start,
    /// end and last question.
    run: Option<(usize, usize, Option<usize>)>,
}

/// True when at least half of the steps from one line of text to the next
/// cross a blank line: a blank line is then no sign of a new paragraph.
fn double_spaced(raw: &[Line]) -> bool {
    let (mut steps, mut gaps) = (0usize, 0usize);
    let mut blank = false;
    let mut seen = false;
    for l in raw {
        if l.is_empty() {
            blank = true;
            continue;
        }
        if l.kind == LineKind::Url {
            continue;
        }
        if seen {
            steps += 1;
            gaps += usize::from(blank);
        }
        seen = true;
        blank = false;
    }
    steps > 0 && gaps * 2 >= steps
}

/// The deepest last item of a list.
fn last_item(items: &mut [Item]) -> Option<&mut Item> {
    let last = items.last_mut()?;
    if last.children.is_empty() {
        Some(last)
    } else {
        let has = !last.children.is_empty();
        if has {
            last_item(&mut last.children)
        } else {
            Some(last)
        }
    }
}

fn depth_of_last(items: &[Item]) -> Option<usize> {
    let last = items.last()?;
    Some(match depth_of_last(&last.children) {
        Some(d) => d + 1,
        None => 0,
    })
}

/// The glyph that stands for "a)", "b)" among the bullets of an input list.
const LETTERED: char = ')';

/// Adds `item` at `level` (clamped to one below the last item).
fn push_at(items: &mut Vec<Item>, level: usize, item: Item) {
    if level == 0 || items.is_empty() {
        items.push(item);
        return;
    }
    let last = items.last_mut().expect("not empty");
    push_at(&mut last.children, level - 1, item);
}

impl Parser {
    fn run(&mut self, raw: &[Line]) {
        let mut glyphs: Vec<char> = Vec::new();
        let mut prev: Option<&Line> = None;
        let mut blanks = 0;
        let mut k = 0;
        while k < raw.len() {
            let line = &raw[k];
            match &line.kind {
                LineKind::Blank => {
                    self.noise.push((line.no, "blank line"));
                    blanks += 1;
                    k += 1;
                    continue;
                }
                LineKind::Noise(why) => {
                    // A page number or running header between two lines
                    // says nothing about whether the text goes on.
                    self.noise.push((line.no, why));
                    k += 1;
                    continue;
                }
                LineKind::Url => {
                    // "… se" / address / "og ønsker …": the sentence goes on
                    // after the address, so it stays where it was printed.
                    let next = raw[k + 1..].iter().find(|l| !l.is_empty());
                    let mid = blanks == 0
                        && next.is_some_and(|n| {
                            n.kind == LineKind::Text && n.text.starts_with(char::is_lowercase)
                        });
                    if let (true, Some(Block::Paragraph { text, lines })) =
                        (mid, self.blocks.last_mut())
                    {
                        if !ends_sentence(text) && !text.ends_with(':') {
                            text::join(text, &line.text);
                            lines.push(line.no);
                            prev = Some(line);
                            k += 1;
                            continue;
                        }
                    }
                    self.links.0.push(line.text.clone());
                    self.links.1.push(line.no);
                    k += 1;
                    continue;
                }
                LineKind::Bullet(_, t) if t.is_empty() => {
                    self.noise.push((line.no, "an empty bullet"));
                    k += 1;
                    continue;
                }
                LineKind::Bullet(g, t) => {
                    // A dash that opens a line right after a full one, in a
                    // list that does not use it as a bullet, is the text
                    // going on ("… forebygging" / "– vi vet …").
                    let dash = matches!(g, '–' | '—' | '-' | '−') && !glyphs.contains(g);
                    let cont = dash && prev.is_some_and(|p| self.continues(p, line, blanks));
                    if !(cont && self.append(line)) {
                        self.bullet(*g, t, line, &mut glyphs);
                    }
                }
                LineKind::Numbered(n, t) => {
                    let next_in_list = matches!(self.blocks.last(), Some(Block::List { ordered: true, items }) if items.len() + 1 == *n as usize);
                    let cont = prev.is_some_and(|p| self.continues(p, line, blanks))
                        && prev.is_some_and(|p| !p.text.ends_with([':', '.']))
                        && !next_in_list;
                    if cont && self.append(line) {
                    } else if self.input {
                        // A numbered question groups the items after it.
                        let (question, lines, next) = self.gather(raw, k, t);
                        if text::is_question(&question) {
                            self.blocks.push(Block::Group {
                                question: text::sentence_case(&question),
                                lines,
                            });
                            glyphs.clear();
                            prev = raw[..next].iter().rev().find(|l| !l.is_empty());
                            blanks = 0;
                            k = next;
                            continue;
                        }
                        self.bullet('#', t, line, &mut glyphs);
                    } else {
                        self.numbered(t, line);
                    }
                }
                LineKind::Lettered(_, t) if self.input => {
                    // "a) …" under a numbered item is a sub-item, even where
                    // its lower-case letter would read as a wrapped line.
                    self.bullet(LETTERED, t, line, &mut glyphs);
                }
                LineKind::Lettered(..) | LineKind::Text => {
                    let cont = prev.is_some_and(|p| self.continues(p, line, blanks))
                        && !(self.input
                            && (is_numbered_question(&line.text) || opens_question(prev, line)));
                    if cont && self.append(line) {
                    } else if self.input {
                        k = self.input_text(raw, k, &mut glyphs);
                        prev = raw[..k].iter().rev().find(|l| !l.is_empty());
                        blanks = 0;
                        continue;
                    } else if let LineKind::Lettered(..) = line.kind {
                        self.lettered(line);
                    } else if self.is_sub_heading(raw, k) {
                        let text = text::sentence_case(line.words().trim_end_matches(':').trim());
                        self.blocks.push(Block::SubHeading {
                            text,
                            lines: vec![line.no],
                        });
                    } else {
                        self.blocks.push(Block::Paragraph {
                            text: line.words(),
                            lines: vec![line.no],
                        });
                    }
                }
            }
            prev = Some(line);
            blanks = 0;
            k += 1;
        }
    }

    /// True when `line` goes on from `prev`, with `blanks` blank lines
    /// between them: in a single-spaced text one blank line ends a block.
    /// Items wrap across blank lines in any text; paragraphs only in a
    /// double-spaced one.
    fn continues(&self, prev: &Line, line: &Line, blanks: usize) -> bool {
        let paragraph = matches!(
            self.blocks.last(),
            Some(Block::Paragraph { .. } | Block::Lines { .. })
        );
        let blanks = if self.double_spaced || blanks == 0 || !paragraph {
            blanks
        } else {
            blanks + 1
        };
        self.measure.continues_after(prev, line, blanks)
    }

    /// Appends a wrapped line to the block or item it continues; false when
    /// there is nothing to continue.
    fn append(&mut self, line: &Line) -> bool {
        let words = line.words();
        match self.blocks.last_mut() {
            Some(Block::Paragraph { text, lines }) => {
                text::join(text, &words);
                lines.push(line.no);
                true
            }
            Some(Block::Lines { entries, lines }) => {
                if let Some(e) = entries.last_mut() {
                    text::join(e, &words);
                }
                lines.push(line.no);
                true
            }
            Some(Block::List { items, .. }) | Some(Block::Items(items)) => match last_item(items) {
                Some(item) => {
                    text::join(&mut item.text, &words);
                    item.lines.push(line.no);
                    true
                }
                None => false,
            },
            Some(Block::Group { question, lines }) => {
                text::join(question, &words);
                lines.push(line.no);
                true
            }
            _ => false,
        }
    }

    fn bullet(&mut self, glyph: char, t: &str, line: &Line, glyphs: &mut Vec<char>) {
        let item = Item {
            text: collapse(t),
            lines: vec![line.no],
            many: line.bold,
            ..Item::default()
        };
        let open = matches!(
            (self.blocks.last(), self.input),
            (Some(Block::Items(_)), true) | (Some(Block::List { ordered: false, .. }), false)
        );
        if !open {
            glyphs.clear();
            self.blocks.push(if self.input {
                Block::Items(Vec::new())
            } else {
                Block::List {
                    ordered: false,
                    items: Vec::new(),
                }
            });
        }
        let Some(Block::Items(items) | Block::List { items, .. }) = self.blocks.last_mut() else {
            return;
        };
        let depth = depth_of_last(items);
        let level = match glyphs.iter().position(|g| *g == glyph) {
            Some(l) => l,
            None => {
                let l = depth.map_or(0, |d| d + 1).min(glyphs.len());
                glyphs.truncate(l);
                glyphs.push(glyph);
                l
            }
        };
        let level = level.min(depth.map_or(0, |d| d + 1));
        push_at(items, level, item);
    }

    fn numbered(&mut self, t: &str, line: &Line) {
        let item = Item {
            text: collapse(t),
            lines: vec![line.no],
            ..Item::default()
        };
        if let Some(Block::List {
            ordered: true,
            items,
        }) = self.blocks.last_mut()
        {
            items.push(item);
        } else {
            self.blocks.push(Block::List {
                ordered: true,
                items: vec![item],
            });
        }
    }

    fn lettered(&mut self, line: &Line) {
        if let Some(Block::Lines { entries, lines }) = self.blocks.last_mut() {
            entries.push(line.words());
            lines.push(line.no);
        } else {
            self.blocks.push(Block::Lines {
                entries: vec![line.words()],
                lines: vec![line.no],
            });
        }
    }

    /// Joins `first` with the lines that continue it from `raw[k + 1]`;
    /// returns the text, its lines and the index after them.
    fn gather(&mut self, raw: &[Line], k: usize, first: &str) -> (String, Vec<usize>, usize) {
        let mut text = collapse(first);
        let mut lines = vec![raw[k].no];
        let mut j = k + 1;
        let mut last = k;
        while j < raw.len() {
            let l = &raw[j];
            if l.is_empty() {
                j += 1;
                continue;
            }
            if l.kind == LineKind::Text && self.measure.continues(&raw[last], l) {
                text::join(&mut text, &l.words());
                lines.push(l.no);
                last = j;
                j += 1;
                continue;
            }
            break;
        }
        // Blank lines skipped at the end are noise.
        for l in &raw[last + 1..j] {
            self.noise.push((l.no, "blank line"));
        }
        (text, lines, j)
    }

    /// Text in an input section that does not continue the item above it:
    /// a question (which groups the items after it) with any explanation
    /// after it, an introduction, or an item whose bullet glyph was lost.
    fn input_text(&mut self, raw: &[Line], k: usize, glyphs: &mut Vec<char>) -> usize {
        // The run of text lines up to the next bullet, and its last question;
        // measured once per run, so a long run costs its length, not its square.
        let (end, last_question) = match self.run {
            Some((start, end, q)) if start <= k && k < end => (end, q.filter(|&q| q >= k)),
            _ => {
                let mut end = k;
                while end < raw.len()
                    && matches!(
                        raw[end].kind,
                        LineKind::Text
                            | LineKind::Lettered(..)
                            | LineKind::Blank
                            | LineKind::Noise(_)
                            | LineKind::Url
                    )
                {
                    end += 1;
                }
                let q = (k..end).rfind(|&j| {
                    matches!(raw[j].kind, LineKind::Text | LineKind::Lettered(..))
                        && text::is_question(&raw[j].text)
                });
                self.run = Some((k, end, q));
                (end, q)
            }
        };
        let question_end =
            last_question.or_else(|| is_numbered_question(&raw[k].text).then_some(k));
        let has_items = matches!(self.blocks.last(), Some(Block::Items(_)));
        if let Some(q) = question_end {
            let mut question = String::new();
            let mut lines = Vec::new();
            for l in &raw[k..=q] {
                match l.kind {
                    LineKind::Text | LineKind::Lettered(..) => {
                        text::join(&mut question, &l.words());
                        lines.push(l.no);
                    }
                    LineKind::Url => {
                        self.links.0.push(l.text.clone());
                        self.links.1.push(l.no);
                    }
                    _ => self.noise.push((l.no, "blank line")),
                }
            }
            self.blocks.push(Block::Group {
                question: text::sentence_case(&question),
                lines,
            });
            glyphs.clear();
            // What follows the question, up to the first bullet, explains it.
            let mut prev: Option<&Line> = None;
            for (j, l) in raw.iter().enumerate().take(end).skip(q + 1) {
                if is_numbered_question(&l.text) {
                    // The next question starts its own group.
                    return j;
                }
                match l.kind {
                    LineKind::Blank | LineKind::Noise(_) => {
                        self.noise.push((l.no, "blank line"));
                        continue;
                    }
                    LineKind::Url => {
                        self.links.0.push(l.text.clone());
                        self.links.1.push(l.no);
                        continue;
                    }
                    LineKind::Lettered(..) => self.lettered(l),
                    _ => {
                        let cont = prev.is_some_and(|p| self.measure.continues(p, l));
                        if !(cont && self.append(l)) {
                            self.blocks.push(Block::Paragraph {
                                text: l.words(),
                                lines: vec![l.no],
                            });
                        }
                    }
                }
                prev = Some(l);
            }
            return end;
        }
        let line = &raw[k];
        if has_items {
            // No bullet, but the item above had ended: a new item whose glyph
            // the extraction lost, at the level of the item above.
            if let Some(Block::Items(items)) = self.blocks.last_mut() {
                let depth = depth_of_last(items).unwrap_or(0);
                let item = Item {
                    text: line.words(),
                    lines: vec![line.no],
                    many: line.bold,
                    note: Some(format!(
                        "line {} has no bullet glyph but does not continue the item above: imported as an item at the same level; check the nesting",
                        line.no
                    )),
                    ..Item::default()
                };
                push_at(items, depth, item);
            }
        } else {
            self.blocks.push(Block::Paragraph {
                text: line.words(),
                lines: vec![line.no],
            });
        }
        k + 1
    }

    /// A short line that heads the text after it: no sentence punctuation at
    /// its end, ten words at most; with a colon, eight at most and followed
    /// by text rather than a list.
    fn is_sub_heading(&self, raw: &[Line], k: usize) -> bool {
        let line = &raw[k];
        let words = line.words();
        if line.kind != LineKind::Text || ends_sentence(&words) {
            return false;
        }
        if !words.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
            return false;
        }
        // "1 Tildelingsbrev …": a footnote at the foot of a page, not a heading.
        let first = words.split_whitespace().next().unwrap_or("");
        if first.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
        let next = raw[k + 1..]
            .iter()
            .find(|l| !l.is_empty() && l.kind != LineKind::Url);
        let Some(next) = next else { return false };
        let last = words.split_whitespace().last().unwrap_or("").to_lowercase();
        if self.measure.continues(line, next)
            || [
                "og", "i", "for", "av", "til", "med", "om", "på", "fra", "som", "at", "en", "et",
                "de", "den", "det",
            ]
            .contains(&last.as_str())
        {
            return false;
        }
        let head = words.trim_end_matches(':');
        if text::sentence_case(head) != head && word_count(&words) <= 12 {
            // Printed in capitals: a heading whatever follows.
            return true;
        }
        if words.ends_with(':') {
            word_count(&words) <= 8 && next.kind == LineKind::Text
        } else {
            word_count(&words) <= 10
        }
    }
}

/// A heading after the agency's reply starts a new part of the case (the
/// next topic, with its own questions and input), not a part of the reply.
fn split_after_reply(sections: &mut Vec<Section>) {
    let mut i = 0;
    while i < sections.len() {
        let at = sections[i]
            .blocks
            .iter()
            .position(|b| matches!(b, Block::SubHeading { .. }))
            .filter(|&j| j > 0);
        if let (Kind::Reply, Some(j)) = (sections[i].kind, at) {
            let mut rest = sections[i].blocks.split_off(j);
            if let Block::SubHeading { text, lines } = rest.remove(0) {
                let mut part = Section::new(Some(text), lines, Kind::Other, 2);
                part.blocks = rest;
                sections.insert(i + 1, part);
            }
        }
        i += 1;
    }
}

/// A line that starts with a capitalised question word ("Hva", "Hvordan",
/// "Bør" …) after a line that did not end a sentence: a sentence does not go
/// on with a capital, so this is a new question, not the item above.
fn opens_question(prev: Option<&Line>, line: &Line) -> bool {
    // "Listeansvar: Bør …": a label before the question.
    let text = match line.text.split_once(':') {
        Some((label, rest)) if word_count(label) <= 2 => rest,
        _ => line.text.as_str(),
    };
    let first = text.split_whitespace().next().unwrap_or("");
    let asks = [
        "Hva", "Hvordan", "Hvilke", "Hvilken", "Hvilket", "Hvem", "Hvor", "Hvorfor", "Bør", "Skal",
        "Kan", "Er", "Har", "Vil",
    ]
    .contains(&first);
    let open_sentence = prev.is_some_and(|p| !p.text.trim_end().ends_with(['.', '!', '?', ':']));
    asks && open_sentence && !line.text.trim_end().ends_with(['.', '!'])
}

/// "Spørsmål 2: …", "Problemstilling 1": a question named by its number.
fn is_numbered_question(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["spørsmål", "problemstilling", "tema"].iter().any(|w| {
        lower
            .strip_prefix(w)
            .map(|r| r.trim_start().trim_start_matches("nr.").trim_start())
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// An input section printed without bullets: each paragraph is an item
/// (an opening line that ends with a colon stays an introduction).
fn paragraphs_as_items(section: &mut Section) {
    let paragraphs = section
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { .. }))
        .count();
    let groups = section
        .blocks
        .iter()
        .any(|b| matches!(b, Block::Group { .. }));
    let has_items = section.blocks.iter().any(|b| matches!(b, Block::Items(_)));
    if section.kind != Kind::Input || has_items || (paragraphs < 2 && !groups) || paragraphs == 0 {
        return;
    }
    let mut blocks = Vec::new();
    let mut items = Vec::new();
    for (i, b) in std::mem::take(&mut section.blocks).into_iter().enumerate() {
        if !matches!(b, Block::Paragraph { .. }) && !items.is_empty() {
            blocks.push(Block::Items(std::mem::take(&mut items)));
        }
        match b {
            Block::Paragraph { text, lines } if !(i == 0 && text.ends_with(':')) => {
                let first = lines.first().copied().unwrap_or(0);
                items.push(Item {
                    text,
                    lines,
                    note: Some(format!(
                        "line {first}: the input has no bullets in the source, so each paragraph is imported as an item"
                    )),
                    ..Item::default()
                });
            }
            other => blocks.push(other),
        }
    }
    if !items.is_empty() {
        blocks.push(Block::Items(items));
    }
    section.blocks = blocks;
}

/// Folds the layout "question, input, question, input" into one input
/// section whose items are grouped by question: an input section repeated
/// right after one that ends with a question is merged into it, and a
/// single question in the "Problemstilling" section just above then heads
/// its first group.
fn fold_questions(sections: &mut Vec<Section>) {
    let mut i = 1;
    while i < sections.len() {
        let (a, b) = (&sections[i - 1], &sections[i]);
        let same = a.kind == Kind::Input
            && b.kind == Kind::Input
            && a.heading.as_deref().map(super::resolve::norm)
                == b.heading.as_deref().map(super::resolve::norm);
        let ends_with_question = a
            .blocks
            .iter()
            .rev()
            .find(|bl| {
                !matches!(
                    bl,
                    Block::Links { .. } | Block::Lines { .. } | Block::Paragraph { .. }
                )
            })
            .is_some_and(|bl| matches!(bl, Block::Group { .. }));
        if same && ends_with_question {
            let b = sections.remove(i);
            let a = &mut sections[i - 1];
            for no in &b.heading_lines {
                a.folded.push((*no, "the repeated heading of the input section above; its items join that section under the question before it"));
            }
            a.blocks.extend(b.blocks);
            a.folded.extend(b.folded);
            a.noise.extend(b.noise);
            continue;
        }
        i += 1;
    }
    let mut i = 1;
    while i < sections.len() {
        let input = &sections[i];
        let groups = input
            .blocks
            .iter()
            .any(|b| matches!(b, Block::Group { .. }));
        let starts_ungrouped = matches!(input.blocks.first(), Some(Block::Items(_)));
        let prev = &sections[i - 1];
        let single_question = prev.kind == Kind::Questions
            && prev.blocks.len() == 1
            && matches!(&prev.blocks[0], Block::Paragraph { text, .. } if text::is_question(text));
        if input.kind == Kind::Input && groups && starts_ungrouped && single_question {
            let q = sections.remove(i - 1);
            let input = &mut sections[i - 1];
            if let Some(Block::Paragraph { text, lines }) = q.blocks.into_iter().next() {
                input.blocks.insert(
                    0,
                    Block::Group {
                        question: text,
                        lines,
                    },
                );
            }
            for no in &q.heading_lines {
                input.folded.push((*no, "the heading of a single question that the input below answers: the question heads its first group"));
            }
            input.noise.extend(q.noise);
            input.folded.extend(q.folded);
            continue;
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::classify;

    fn minutes(text: &str) -> Minutes {
        let raw: Vec<(usize, String, bool)> = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.to_string(), false))
            .collect();
        let lines = classify(&raw);
        recognise(&lines, Measure::of(&lines), &Registry::default())
    }

    fn texts(items: &[Item]) -> Vec<(String, usize)> {
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

    #[test]
    fn decisions_are_the_councils_own() {
        let found = decision_sentences(
            "Regjeringen har besluttet noe. Brukerrådet besluttet at AU fortsetter. Vedtak: Ja.",
            Some("Brukerrådet"),
        );
        assert_eq!(
            found,
            ["Brukerrådet besluttet at AU fortsetter.", "Vedtak: Ja."]
        );
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

    #[test]
    fn the_council_as_subject_heads_its_input() {
        let line = |t: &str| Line {
            no: 1,
            text: t.into(),
            kind: LineKind::Text,
            bold: false,
        };
        let kind = |t: &str| section_heading(&line(t), Some("Rådet")).map(|h| h.0);
        assert_eq!(
            kind("Eldrerådet kom med følgende innspill:"),
            Some(Kind::Input)
        );
        assert_eq!(kind("Utvalget hadde disse merknadene til planen"), None);
        assert_eq!(kind("Rådet hadde følgende kommentarer:"), Some(Kind::Input));
        assert_eq!(kind("Følgende innspill kom fram:"), Some(Kind::Input));
        assert_eq!(kind("Regjeringen har fått mange innspill"), None);
        assert!(is_regrets("meldt avbud") && is_regrets("ikke møtt") && !is_regrets("møtt"));
    }

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
