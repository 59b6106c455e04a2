//! Writes recognised minutes as a meeting folder: `_index.md` (front matter
//! with the meeting's fields, agenda, decisions and attendance; the opening
//! and news sections as Markdown) and one file per case. Names become ids
//! here, through the registry; what the registry does not know becomes a
//! [`Proposal`], and every guess is left as a comment where it was made.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use chrono::NaiveDate;

use super::minutes::{Block, Case, Item, Kind, KindSource, Minutes, Row, Section};
use super::resolve::{new_id, Proposal, Registry};
use crate::model::slugify;

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

/// Escapes text so Markdown shows it as written.
pub(crate) fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.chars().enumerate() {
        let at_start = i == 0;
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '{' | '}' | '~' | '|' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '+' | '-' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    // "1. januar" or "2) …" at the start would open an ordered list.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits <= 9 {
        let after = out[digits..].chars().next();
        if matches!(after, Some('.' | ')')) {
            out.insert(digits, '\\');
        }
    }
    out
}

impl Writer<'_> {
    fn notice(&mut self, line: usize, text: impl Into<String>, blocks_build: bool) {
        self.notices.push(Notice {
            line,
            text: text.into(),
            blocks_build,
        });
    }

    fn propose(&mut self, p: Proposal) {
        if !self.proposals.contains(&p) {
            self.proposals.push(p);
        }
    }

    /// A person's id, proposing a new person when the registry has none.
    fn person(&mut self, printed: &str, line: usize) -> (String, Option<String>) {
        if let Some(id) = self.registry.person(printed) {
            return (id.to_string(), None);
        }
        let cleaned = super::lines::collapse(&super::resolve::without_brackets(printed));
        let printed = cleaned.as_str();
        let existing = self.proposals.iter().find_map(|p| match p {
            Proposal::Person { id, name } if name == printed => Some(id.clone()),
            _ => None,
        });
        let id = existing.unwrap_or_else(|| {
            let taken = |id: &str| {
                self.registry.people.iter().any(|(p, _)| p == id)
                    || self
                        .proposals
                        .iter()
                        .any(|p| matches!(p, Proposal::Person { id: i, .. } if i == id))
            };
            new_id(printed, &taken)
        });
        self.propose(Proposal::Person {
            id: id.clone(),
            name: printed.to_string(),
        });
        let note = format!("\"{printed}\" is not in data/people.toml: proposed as \"{id}\"");
        self.notice(line, note.clone(), !self.accept_proposals);
        (id, Some(note))
    }

    /// An organisation's id for a printed label, proposing one when unknown.
    fn organisation(
        &mut self,
        label: &str,
        kind: &'static str,
        line: usize,
    ) -> (String, Option<String>) {
        if let Some(org) = self.registry.organisation(label) {
            return (org.id.clone(), None);
        }
        let (umbrella, name) = match label.split_once('/') {
            Some((u, n)) => (
                self.registry.organisation(u).map(|o| o.id.clone()),
                n.trim(),
            ),
            None => (None, label.trim()),
        };
        let existing = self.proposals.iter().find_map(|p| match p {
            Proposal::Organisation { id, name: n, .. } if n == name => Some(id.clone()),
            _ => None,
        });
        let id = existing.unwrap_or_else(|| {
            let taken = |id: &str| {
                self.registry.orgs.iter().any(|o| o.id == id)
                    || self
                        .proposals
                        .iter()
                        .any(|p| matches!(p, Proposal::Organisation { id: i, .. } if i == id))
            };
            new_id(name, &taken)
        });
        self.propose(Proposal::Organisation {
            id: id.clone(),
            name: name.to_string(),
            kind,
            parent: None,
            umbrella,
        });
        let note = format!("\"{label}\" is not in data/organisations.toml: proposed as \"{id}\"");
        self.notice(line, note.clone(), !self.accept_proposals);
        (id, Some(note))
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

    fn meeting(&mut self, id: &Identity, source: &str) -> String {
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

    fn attendance(&mut self, fm: &mut String) {
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
                let printed = super::lines::collapse(&row.label);
                let seat_label = w
                    .registry
                    .seat(&org, w.date)
                    .and_then(|s| s.label.as_deref());
                if seats && seat_label.is_some_and(|l| l != printed) && !printed.is_empty() {
                    let _ = writeln!(fm, "label = {}  # as this list prints it", q(&printed));
                }
                if row.regrets {
                    match row.printed.as_deref() {
                        Some(p) if !p.eq_ignore_ascii_case("avbud") => {
                            let _ = writeln!(
                                fm,
                                "status = \"avbud\"  # printed {}",
                                comment(&format!("\"{p}\""))
                            );
                        }
                        _ => {
                            let _ = writeln!(fm, "status = \"avbud\"");
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

    fn case(&mut self, c: &Case) -> String {
        let mut fm = String::new();
        let first = c.heading_lines.first().copied().unwrap_or(0);
        if c.number_from_agenda {
            let _ = writeln!(
                fm,
                "number = {}  # from the agenda: the case heading prints no number",
                q(&c.number)
            );
            self.notice(
                first,
                format!(
                    "case {}: the heading prints no number; the agenda's is used",
                    c.number
                ),
                false,
            );
        } else {
            let _ = writeln!(fm, "number = {}", q(&c.number));
        }
        match c.kind_from {
            KindSource::Heading => {
                let _ = writeln!(fm, "kind = {}", q(c.kind));
            }
            KindSource::Agenda => {
                let _ = writeln!(
                    fm,
                    "kind = {}  # from the agenda: the case heading names no kind",
                    q(c.kind)
                );
                self.notice(
                    first,
                    format!(
                        "case {}: kind {} taken from the agenda (the heading names none)",
                        c.number, c.kind
                    ),
                    false,
                );
            }
            KindSource::Guess => {
                // `kind` is optional: a guess stays a comment, never a field.
                let _ = writeln!(
                    fm,
                    "# kind = {}  # a guess: neither the heading nor the agenda names the kind",
                    q(c.kind)
                );
                self.notice(
                    first,
                    format!(
                        "case {}: no kind printed, so none is written (a guess, {}, is a comment)",
                        c.number, c.kind
                    ),
                    false,
                );
            }
        }
        let _ = writeln!(fm, "title = {}", q(&c.title));
        if let Some((status, note)) = &c.status {
            let _ = writeln!(fm, "status = {}", q(status));
            let _ = writeln!(fm, "status_note = {}", q(note));
            self.notice(
                first,
                format!("case {}: the minutes say it was {status}", c.number),
                false,
            );
        }
        if let Some(note) = &c.title_note {
            let _ = writeln!(fm, "# title: taken from the agenda; {}", comment(note));
            self.notice(
                first,
                format!("case {}: title taken from the agenda; {note}", c.number),
                false,
            );
        }
        if let Some(path) = &c.submitted_by {
            let line = c.submitted_lines.first().copied().unwrap_or(first);
            let (unit, below) = self.registry.unit(path);
            match (unit, below) {
                (Some(u), None) => {
                    let _ = writeln!(fm, "submitted_by = {}  # \"{}\"", q(&u.id), comment(path));
                }
                (parent, Some(name)) => {
                    let mut name = name;
                    if let Some(f) = name.get(..1) {
                        name = format!("{}{}", f.to_uppercase(), &name[1..]);
                    }
                    let taken = |id: &str| self.registry.orgs.iter().any(|o| o.id == id);
                    let id = new_id(&name, &taken);
                    self.propose(Proposal::Organisation {
                        id: id.clone(),
                        name: name.clone(),
                        kind: "agency-unit",
                        parent: parent.map(|p| p.id.clone()),
                        umbrella: None,
                    });
                    if self.accept_proposals {
                        let _ = writeln!(
                            fm,
                            "submitted_by = {}  # \"{}\": added to data/organisations.toml",
                            q(&id),
                            comment(path)
                        );
                    } else {
                        let _ = writeln!(fm, "# submitted_by = {}  # \"{}\" is not in data/organisations.toml: proposed in .import-registry.toml", q(&id), comment(path));
                    }
                    self.notice(line, format!("case {}: \"{name}\" (submitted by) is not in the registry: proposed as \"{id}\"", c.number), false);
                }
                (None, None) => {}
            }
        }
        let _ = writeln!(fm, "themes = []  # theme guesses are left to the editor");
        if let Some((line, text)) = &c.earlier {
            // As text, which builds whether or not that meeting is on the
            // site; the editor may turn it into a link to the case.
            let _ = writeln!(fm, "\n[[earlier]]");
            let _ = writeln!(fm, "text = {}", q(text));
            if let Some((number, _, _)) = super::text::case_line(text, &|_| false) {
                if let Some(year) = number.split('/').nth(1).and_then(|y| y.parse::<i32>().ok()) {
                    let year = if year < 100 { 2000 + year } else { year };
                    let _ = writeln!(
                        fm,
                        "# case = {}  # with year = {year}: a link, when that meeting is on this site",
                        q(&number)
                    );
                }
            }
            self.notice(
                *line,
                format!(
                    "case {}: earlier treatment \"{text}\" kept as text",
                    c.number
                ),
                false,
            );
        }
        let mut body = String::new();
        let registry = self.registry;
        let mut attribution = |text: &str| -> (Vec<String>, Option<String>) {
            // "(Hodepine Norge)" at the end names who raised it.
            let t = text.trim_end();
            if !t.ends_with(')') {
                return (Vec::new(), None);
            }
            let Some(open) = t.rfind('(') else {
                return (Vec::new(), None);
            };
            let inner = &t[open + 1..t.len() - 1];
            let ids: Vec<String> = inner
                .split([',', ';'])
                .flat_map(|p| p.split(" og ").map(str::to_string).collect::<Vec<_>>())
                // An organisation, or a person of the registry ("(Kari Nordmann)").
                .map(|p| {
                    registry
                        .organisation(&p)
                        .map(|o| o.id.clone())
                        .or_else(|| registry.person(&p).map(str::to_string))
                })
                .collect::<Option<Vec<_>>>()
                .unwrap_or_default();
            if ids.is_empty() {
                (Vec::new(), None)
            } else {
                (ids, Some(t[..open].trim_end().to_string()))
            }
        };
        for s in &c.sections {
            section(&mut body, s, false, &mut attribution);
        }
        format!("+++\n{fm}+++\n{}", body.trim_start())
    }
}

/// Text as Markdown with its web addresses as links named by their hosts:
/// an address read aloud helps nobody, and one long word in the text is
/// one long term in the search index.
pub(crate) fn md_links(text: &str) -> String {
    let mut out = String::new();
    let mut plain = String::new();
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            plain.push(' ');
        }
        let core = word.trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
        let is_url = (core.starts_with("http://")
            || core.starts_with("https://")
            || core.starts_with("www."))
            && core.len() > 8;
        if is_url {
            out.push_str(&md(&plain));
            plain.clear();
            out.push_str(&link(core));
            plain.push_str(&word[core.len()..]);
        } else {
            plain.push_str(word);
        }
    }
    if out.is_empty() {
        return md(&plain);
    }
    if !plain.is_empty() {
        // Not at the start of a line: nothing here can open a block.
        out.push_str(&md(&format!("x{plain}"))[1..]);
    }
    out
}

/// A Markdown link to `url`, named by its host: a long address read aloud
/// helps nobody.
fn link(url: &str) -> String {
    let host = url
        .split("://")
        .nth(1)
        .unwrap_or(url)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or(url);
    let host = host.strip_prefix("www.").unwrap_or(host);
    let target: String = url
        .chars()
        .map(|c| match c {
            '(' => "%28".to_string(),
            ')' => "%29".to_string(),
            '<' => "%3C".to_string(),
            '>' => "%3E".to_string(),
            ' ' => "%20".to_string(),
            c => c.to_string(),
        })
        .collect();
    let target = if target.starts_with("www.") {
        format!("https://{target}")
    } else {
        target
    };
    format!("[Lenke til {}]({target})", md(host))
}

/// The class that makes the model read a section as `kind` when its heading
/// would not.
fn class_for(kind: Kind, heading: &str) -> Option<&'static str> {
    let t = heading.trim().to_lowercase();
    match kind {
        Kind::Background if !t.starts_with("bakgrunn") => Some("bakgrunn"),
        Kind::Questions if !t.starts_with("problemstilling") => Some("problemstillinger"),
        Kind::Input if !t.starts_with("innspill fra") => Some("innspill"),
        Kind::Reply if !(t.starts_with("tilbakemelding") || t.starts_with("kort oppsummering")) => {
            Some("tilbakemelding")
        }
        Kind::Other
            if t.starts_with("bakgrunn")
                || t.starts_with("problemstilling")
                || t.starts_with("innspill fra")
                || t.starts_with("tilbakemelding")
                || t.starts_with("kort oppsummering")
                || t.starts_with("kort sammendrag") =>
        {
            Some("annet")
        }
        _ => None,
    }
}

type Attribution<'a> = dyn FnMut(&str) -> (Vec<String>, Option<String>) + 'a;

fn items(
    out: &mut String,
    items: &[Item],
    depth: usize,
    ordered: bool,
    input: bool,
    attribution: &mut Attribution<'_>,
) {
    for (i, item) in items.iter().enumerate() {
        let indent = "  ".repeat(depth);
        let marker = if ordered {
            format!("{}.", i + 1)
        } else {
            "-".to_string()
        };
        let (orgs, text) = if input {
            attribution(&item.text)
        } else {
            (Vec::new(), None)
        };
        let text = text.unwrap_or_else(|| item.text.clone());
        let mut line = format!("{indent}{marker} {}", md_links(&text));
        if let Some(note) = &item.note {
            let _ = write!(line, " <!-- import: {} -->", note.replace("--", "–"));
        }
        let mut options = Vec::new();
        if !orgs.is_empty() {
            options.push(format!("fra={}", orgs.join(",")));
        }
        if item.many && input {
            options.push("mange".to_string());
        }
        if !options.is_empty() {
            let _ = write!(line, " {{{}}}", options.join(" "));
        } else if input && text.trim_end().ends_with('}') {
            // A closing brace would be read as the item's options.
            line.push_str(" {}");
        }
        let _ = writeln!(out, "{line}");
        let mut nested = String::new();
        self::items(
            &mut nested,
            &item.children,
            depth + 1,
            false,
            input,
            attribution,
        );
        if ordered {
            // Children of "1." need three spaces.
            for l in nested.lines() {
                let _ = writeln!(out, " {l}");
            }
        } else {
            out.push_str(&nested);
        }
    }
}

fn section(out: &mut String, s: &Section, in_body: bool, attribution: &mut Attribution<'_>) {
    let level = if in_body && s.heading.is_some() {
        s.level
    } else {
        2
    };
    if let Some(h) = &s.heading {
        let hashes = "#".repeat(level as usize);
        match class_for(s.kind, h) {
            Some(class) => {
                let _ = writeln!(out, "\n{hashes} {} {{.{class}}}\n", md(h));
            }
            None => {
                let _ = writeln!(out, "\n{hashes} {}\n", md(h));
            }
        }
    }
    let sub = if in_body && s.heading.is_none() {
        "##"
    } else {
        "###"
    };
    let input = s.kind == Kind::Input;
    for b in &s.blocks {
        match b {
            Block::Paragraph { text, .. } => {
                let _ = writeln!(out, "{}\n", md_links(text));
            }
            Block::Lines { entries, .. } => {
                let escaped: Vec<String> = entries.iter().map(|e| md_links(e)).collect();
                let _ = writeln!(out, "{}\n", escaped.join("\\\n"));
            }
            Block::SubHeading { text, .. } => {
                let _ = writeln!(out, "{sub} {}\n", md(text));
            }
            Block::Group { question, .. } => {
                let _ = writeln!(out, "### {}\n", md(question));
            }
            Block::List {
                ordered,
                items: list,
            } => {
                items(out, list, 0, *ordered, false, attribution);
                out.push('\n');
            }
            Block::Items(list) => {
                items(out, list, 0, false, input, attribution);
                out.push('\n');
            }
            Block::Links { urls, .. } => {
                let links: Vec<String> = urls.iter().map(|u| link(u)).collect();
                let _ = writeln!(out, "{}\n", links.join("\\\n"));
            }
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

/// The proposals as registry TOML, to add to `data/`.
pub(crate) fn proposals_toml(proposals: &[Proposal]) -> (String, String, String) {
    let (mut orgs, mut people, mut holders) = (String::new(), String::new(), String::new());
    for p in proposals {
        match p {
            Proposal::Organisation {
                id,
                name,
                kind,
                parent,
                umbrella,
            } => {
                let _ = writeln!(
                    orgs,
                    "\n[[organisation]]\nid = {}\nname = {}\nkind = {}",
                    q(id),
                    q(name),
                    q(kind)
                );
                if let Some(parent) = parent {
                    let _ = writeln!(orgs, "parent = {}", q(parent));
                }
                if let Some(u) = umbrella {
                    let _ = writeln!(orgs, "umbrella = {}", q(u));
                }
            }
            Proposal::Person { id, name } => {
                let _ = writeln!(people, "\n[[person]]\nid = {}\nname = {}", q(id), q(name));
            }
            Proposal::Holder {
                organisation,
                person,
                role,
            } => {
                let _ = writeln!(
                    holders,
                    "\n# In data/council.toml, under the [[seat]] of \"{organisation}\" for the meeting's term:\n# [[seat.holder]]\n# person = {}\n# role = \"unknown\"  # not printed; perhaps {}",
                    q(person),
                    q(role)
                );
            }
        }
    }
    (orgs, people, holders)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::body::Body;

    #[test]
    fn addresses_in_text_become_links_named_by_their_host() {
        let md = md_links("Les https://www.example.org/a(b)/c. Og 1. mai");
        assert_eq!(
            md,
            "Les [Lenke til example.org](https://www.example.org/a%28b%29/c). Og 1. mai"
        );
        let (body, _) = Body::parse(&format!("## Innspill fra Rådet\n\n- {md}\n"));
        assert_eq!(body.items()[0].text, "Les Lenke til example.org. Og 1. mai");
        assert_eq!(md_links("Ingen lenke"), "Ingen lenke");
    }

    #[test]
    fn escaped_text_reads_back_as_written() {
        for text in [
            "1. januar kom *alle* [ikke] <alle> & {noen} til slutt",
            "- strek først",
            "# ikke en overskrift",
            "a_b_c `kode` ~~ | rør",
            "\\ skråstrek",
        ] {
            let (body, _) = Body::parse(&format!("## Innspill fra Rådet\n\n- {}\n", md(text)));
            let items = body.items();
            assert_eq!(items.len(), 1, "{text}");
            assert_eq!(items[0].text, text);
        }
    }
}
