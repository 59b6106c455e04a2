//! The council's decisions: a "Vedtak" section or heading, and the
//! sentences in which the council itself decides ("Brukerrådet besluttet
//! at …"), not another body's.

use super::{Kind, Section};
use crate::import::lines::{Line, LineKind};

/// A section headed "Vedtak": what follows is the council's decision.
pub(super) fn is_decision_section(s: &Section) -> bool {
    s.kind == Kind::Other && s.heading.as_deref() == Some("Vedtak")
}

/// "Vedtak", "Vedtak:" or "Vedtak: text" opening a line: the text after the
/// colon, if any. "Forslag til vedtak" is a proposal, not a decision.
pub(super) fn decision_heading(line: &Line) -> Option<Option<String>> {
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
pub(super) fn decision_sentences(text: &str, council: Option<&str>) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
