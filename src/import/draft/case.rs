//! One file per case: its front matter (number as printed, kind, title,
//! "Fremmet av" unit, status, earlier treatment) and its sections, the
//! council's input as nested items with question groups and `fra=`.

use std::fmt::Write as _;

use super::markdown::{link, md, md_links};
use super::{comment, q, Writer};
use crate::import::minutes::{Block, Case, Item, Kind, KindSource, Section};
use crate::import::resolve::{new_id, Proposal};

impl Writer<'_> {
    pub(super) fn case(&mut self, c: &Case) -> String {
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
            if let Some((number, _, _)) = crate::import::text::case_line(text, &|_| false) {
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

pub(super) fn section(
    out: &mut String,
    s: &Section,
    in_body: bool,
    attribution: &mut Attribution<'_>,
) {
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
