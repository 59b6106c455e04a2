//! What the minutes hold that the draft cannot: an agenda line without a
//! time (the model's agenda item needs one) and the attachments the
//! minutes name ("Vedlegg: …"), which are files the text does not carry.
//! Each becomes a to-do in the report, with its line, so the editor adds
//! it by hand; the line itself is placed or reported as any other.

use super::lines::{Line, LineKind};
use super::minutes::Minutes;

/// One thing the editor must add by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Todo {
    /// The source line.
    pub line: usize,
    /// What to do.
    pub text: String,
}

/// The to-dos of `m`, read from its source `lines`, in line order.
pub(crate) fn todos(lines: &[Line], m: &Minutes) -> Vec<Todo> {
    let mut out = Vec::new();
    for a in m.agenda.iter().filter(|a| a.time.is_none()) {
        out.push(Todo {
            line: a.lines.first().copied().unwrap_or(0),
            text: format!(
                "agenda line without a time, \"{}\": an agenda item needs a time, so it is only a comment in _index.md; add it as [[agenda]] with time = \"HH:MM\"",
                a.text
            ),
        });
    }
    let case_at = |no: usize| {
        m.cases
            .iter()
            .rfind(|c| c.heading_lines.first().is_some_and(|h| *h <= no))
            .map(|c| c.number.clone())
    };
    let mut k = 0;
    while k < lines.len() {
        let Some(rest) = attachment_line(&lines[k]) else {
            k += 1;
            continue;
        };
        let mut names: Vec<(usize, String)> = Vec::new();
        if rest.is_empty() {
            // "Vedlegg:" over a list: each entry names one.
            let mut j = k + 1;
            while j < lines.len() {
                let l = &lines[j];
                match &l.kind {
                    LineKind::Blank | LineKind::Noise(_) if names.is_empty() => {}
                    LineKind::Bullet(_, t) | LineKind::Numbered(_, t) => {
                        names.push((l.no, super::lines::collapse(t)));
                    }
                    LineKind::Url => names.push((l.no, l.text.clone())),
                    _ => break,
                }
                j += 1;
            }
            if names.is_empty() {
                names.push((lines[k].no, String::new()));
            }
        } else {
            names.push((lines[k].no, rest));
        }
        let whose = case_at(lines[k].no)
            .map(|n| format!("case {n}"))
            .unwrap_or_else(|| "the meeting".into());
        for (no, name) in names {
            let named = if name.is_empty() {
                "an attachment the minutes do not name".to_string()
            } else {
                format!("attachment \"{name}\"")
            };
            out.push(Todo {
                line: no,
                text: format!(
                    "{named} of {whose} is not imported: add the file to the case's folder and an [[attachments]] entry with its text alternative"
                ),
            });
        }
        k += 1;
    }
    out.sort_by_key(|t| t.line);
    out
}

/// "Vedlegg: name", "Vedlegg 2: name", "Vedlegg:" → the name (empty for a
/// heading over a list); None for a line that does not open with the word.
fn attachment_line(line: &Line) -> Option<String> {
    if !matches!(line.kind, LineKind::Text | LineKind::Bullet(..)) {
        return None;
    }
    let words = line.content();
    let (head, name) = match words.split_once(':') {
        Some((head, name)) => (head.trim().to_lowercase(), name.trim().to_string()),
        None => (words.trim().to_lowercase(), String::new()),
    };
    // "Vedlegg", "Vedlegg 2", "Vedleggene": a label; "Vedleggene sendes
    // ut …" is a sentence about them.
    let rest = head.strip_prefix("vedlegg")?;
    let rest = rest.strip_prefix("ene").unwrap_or(rest).trim();
    rest.chars().all(|c| c.is_ascii_digit()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::lines::{classify, Measure};
    use crate::import::minutes::recognise;
    use crate::import::resolve::Registry;

    #[test]
    fn untimed_agenda_lines_and_named_attachments_are_to_dos() {
        let text = "Referat fra møte i Eldrerådet\nDato: 3. februar 2026\nSaksliste\nSak 1/26 Budsjett\nSak 2/26 Årsplan\nSak 1/26 Budsjett\nEldrerådet kom med følgende innspill:\n1. Mer til dagsenter.\nVedlegg: Budsjettforslag 2026\nSak 2/26 Årsplan\nPlanen ble lagt fram.\nVedlegg:\n• Årsplan 2026 (utkast)\n• Presentasjon fra rådmannen\n\nVedleggene sendes ut med referatet.\n";
        let raw: Vec<(usize, String, bool)> = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.to_string(), false))
            .collect();
        let lines = classify(&raw);
        let m = recognise(&lines, Measure::of(&lines), &Registry::default());
        let t = todos(&lines, &m);
        let at: Vec<usize> = t.iter().map(|t| t.line).collect();
        assert_eq!(at, [4, 5, 9, 13, 14], "{t:#?}");
        assert!(t[0].text.contains("\"Sak 1/26 Budsjett\""));
        assert!(t[0].text.contains("needs a time"));
        assert!(t[2].text.contains("\"Budsjettforslag 2026\" of case 1/26"));
        assert!(t[3].text.contains("\"Årsplan 2026 (utkast)\" of case 2/26"));
        assert!(t[4].text.contains("\"Presentasjon fra rådmannen\""));
    }
}
