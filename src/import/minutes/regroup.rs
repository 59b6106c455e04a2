//! A case's sections reshaped after parsing: input printed as paragraphs
//! becomes items, the layout "question, input, question, input" folds into
//! one input section grouped by question, and a heading after the agency's
//! reply starts a new part of the case.

use super::{word_count, Block, Item, Kind, Section};
use crate::import::lines::Line;
use crate::import::text;

/// A heading after the agency's reply starts a new part of the case (the
/// next topic, with its own questions and input), not a part of the reply.
pub(super) fn split_after_reply(sections: &mut Vec<Section>) {
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
pub(super) fn opens_question(prev: Option<&Line>, line: &Line) -> bool {
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
pub(super) fn is_numbered_question(text: &str) -> bool {
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
pub(super) fn paragraphs_as_items(section: &mut Section) {
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
pub(super) fn fold_questions(sections: &mut Vec<Section>) {
    let mut i = 1;
    while i < sections.len() {
        let (a, b) = (&sections[i - 1], &sections[i]);
        let same = a.kind == Kind::Input
            && b.kind == Kind::Input
            && a.heading.as_deref().map(crate::import::resolve::norm)
                == b.heading.as_deref().map(crate::import::resolve::norm);
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
