//! What a line that opens a part of the minutes says: a section heading
//! of a case ("Bakgrunn", "Problemstillinger til drøfting", "Innspill fra
//! …", the council as subject of its input), the agenda's and the
//! attendance list's headings, and "Fremmet av".

use crate::import::lines::{Line, LineKind};
use crate::import::text;

use super::{lower_words, starts_with_word, word_count, Kind};

/// The section kind a heading line names, the heading and any text after
/// its colon.
pub(super) fn section_heading(
    line: &Line,
    council: Option<&str>,
) -> Option<(Kind, String, Option<String>)> {
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

pub(super) fn is_attendance_heading(line: &Line) -> bool {
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

pub(super) fn is_agenda_heading(line: &Line) -> bool {
    let lower = lower_words(line);
    let head = lower.trim_end_matches(':').trim();
    ["dagsorden", "agenda", "saksliste"]
        .iter()
        .any(|w| head == *w || (starts_with_word(head, w) && word_count(head) <= 4))
}

/// "Fremmet av …", "Saken fremmes av …": the rest of the line.
pub(super) fn submitted_by(line: &Line) -> Option<String> {
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

#[cfg(test)]
mod tests {
    use super::super::attendance::is_regrets;
    use super::*;

    #[test]
    fn the_council_as_subject_heads_its_input() {
        let line = |t: &str| Line {
            no: 1,
            text: t.into(),
            kind: LineKind::Text,
            bold: false,
            spaced_dash: false,
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
}
