//! Stage 2, model: anchors that stay on their item when the minutes are
//! corrected (issue 17).
//!
//! The record `data/ankre.toml` ([`AnchorRecord`]) keeps, per case file,
//! every anchor its items were published with and the text each named. A
//! case's items are matched to it level by level (the top-level items of the
//! case, then the sub-items of each item): first by equal text, then by
//! similar text, best pairs first; an item that matches keeps its recorded
//! anchor wherever it now stands, a new item gets the next number never used
//! at its level, and a recorded anchor no item matches is retired, never given
//! to another item. An author's `{#anker}` wins over the record. The visible
//! numbers ("3", "3.2") still follow the order of the minutes.

mod record;

use std::collections::BTreeSet;

use super::body::{Block, Body, InputItem};
use super::check::Checker;
use crate::error::DiagnosticKind;
use crate::load::SourceFile;
pub(crate) use record::{record_state, unknown_cases};
pub use record::{AnchorRecord, AnchorRecordState, RecordedItem};

/// How alike two texts must be (normalised Levenshtein, 0 to 1) for a
/// corrected item to keep its anchor: a fixed typo or a word changed scores
/// above 0.9, two different remarks on one subject below 0.5.
pub const SIMILAR: f64 = 0.7;

/// How alike two questions must be for their items to be matched: a typo
/// fixed in a question heading keeps its items' anchors.
const SAME_QUESTION: f64 = 0.8;

/// The text as compared: lower case, letters and digits, single spaces.
pub fn normalise(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_lowercase().next().unwrap_or(c)
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// How alike two normalised texts are, 0 to 1.
fn similarity(a: &str, b: &str) -> f64 {
    strsim::normalized_levenshtein(a, b)
}

/// Gives the input items of the case in `file` the anchors the record names
/// for them (see the module's comment). `body` is fresh from parsing.
pub(crate) fn stabilise(mut body: Body, file: &SourceFile, check: &mut Checker) -> Body {
    let key = record::key(&file.path);
    let anchors = std::sync::Arc::clone(&check.anchors);
    let recorded: &[RecordedItem] = anchors.cases.get(&key).map_or(&[], Vec::as_slice);
    if body.item_count() == 0 {
        return body;
    }
    let sections = std::sync::Arc::make_mut(&mut body.sections);
    let mut top: Vec<&mut InputItem> = sections
        .iter_mut()
        .flat_map(|s| s.blocks.iter_mut())
        .filter_map(|b| match b {
            Block::Items(items) => Some(items),
            _ => None,
        })
        .flatten()
        .collect();
    let mut clashes = Vec::new();
    assign(&mut top, None, recorded, &mut clashes);
    // A number given to an item may be an author's anchor elsewhere in the case.
    let mut seen = BTreeSet::new();
    let mut fixed = Vec::new();
    walk(&top, &mut |item| {
        if item.fixed {
            fixed.push((item.anchor.clone(), item.offset));
        } else {
            seen.insert(item.anchor.clone());
        }
    });
    for (anchor, offset) in fixed {
        if seen.contains(&anchor) {
            clashes.push((anchor, offset, false));
        }
    }
    drop(top);
    for (anchor, offset, recorded) in clashes {
        let why = if recorded {
            format!("the anchor \"{anchor}\" was published for another item of this case (data/ankre.toml)")
        } else {
            format!("the anchor \"{anchor}\" is the numbered anchor of another item of this case")
        };
        check.push(
            file.body_finding(
                crate::error::Diagnostic::error(
                    DiagnosticKind::AnchorTakenByAnotherItem,
                    &file.path,
                    why,
                ),
                offset..offset + 1,
            )
            .hint(
                "choose another {#anker}: a link someone saved must not land on a different item",
            ),
        );
    }
    body.gather_tags();
    body
}

fn walk(items: &[&mut InputItem], f: &mut impl FnMut(&InputItem)) {
    fn inner(item: &InputItem, f: &mut impl FnMut(&InputItem)) {
        f(item);
        for child in &item.children {
            inner(child, f);
        }
    }
    for item in items {
        inner(item, f);
    }
}

/// The number of `anchor` at a level whose anchors start with `prefix`.
fn number(anchor: &str, prefix: &str) -> Option<u64> {
    let digits = anchor.strip_prefix(prefix)?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Anchors for the items of one level: the case's top-level items
/// (`parent` none), or the sub-items of the item with anchor `parent`.
/// Clashes of an author's anchor with a recorded one go to `clashes`
/// (anchor, offset, true).
fn assign(
    items: &mut [&mut InputItem],
    parent: Option<&str>,
    recorded: &[RecordedItem],
    clashes: &mut Vec<(String, usize, bool)>,
) {
    let prefix = match parent {
        None => "innspill-".to_string(),
        Some(p) => format!("{p}-"),
    };
    let candidates: Vec<&RecordedItem> = recorded
        .iter()
        .filter(|r| r.parent.as_deref() == parent)
        .collect();
    let texts: Vec<String> = items.iter().map(|i| normalise(&i.text)).collect();
    let old: Vec<String> = candidates.iter().map(|r| normalise(&r.text)).collect();
    // Sub-items are matched within their parent, whatever its question.
    let question = |q: &Option<String>| q.as_deref().filter(|_| parent.is_none()).map(normalise);
    let item_questions: Vec<Option<String>> = items.iter().map(|i| question(&i.group)).collect();
    let old_questions: Vec<Option<String>> =
        candidates.iter().map(|r| question(&r.question)).collect();
    let questions_fit = |i: usize, c: usize| match (&item_questions[i], &old_questions[c]) {
        (None, None) => true,
        // Equal first: a question is often hundreds of characters.
        (Some(a), Some(b)) => a == b || similarity(a, b) >= SAME_QUESTION,
        _ => false,
    };
    let mut taken = vec![false; candidates.len()];
    let mut given: Vec<Option<String>> = vec![None; items.len()];

    // The author's anchors first: they win, and take their own record.
    for (i, item) in items.iter().enumerate() {
        if !item.fixed {
            continue;
        }
        given[i] = Some(item.anchor.clone());
        if let Some(c) = candidates.iter().position(|r| r.anchor == item.anchor) {
            taken[c] = true;
            if similarity(&texts[i], &old[c]) < SIMILAR {
                clashes.push((item.anchor.clone(), item.offset, true));
            }
        }
    }
    // Equal text, in page order.
    for i in 0..items.len() {
        if given[i].is_some() {
            continue;
        }
        let found =
            (0..candidates.len()).find(|&c| !taken[c] && old[c] == texts[i] && questions_fit(i, c));
        if let Some(c) = found {
            taken[c] = true;
            given[i] = Some(candidates[c].anchor.clone());
        }
    }
    // Similar text, the best pairs first.
    let mut pairs = Vec::new();
    for i in 0..items.len() {
        if given[i].is_some() {
            continue;
        }
        for c in (0..candidates.len()).filter(|&c| !taken[c]) {
            if !questions_fit(i, c) {
                continue;
            }
            let score = similarity(&texts[i], &old[c]);
            if score >= SIMILAR {
                pairs.push((score, i, c));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (_, i, c) in pairs {
        if given[i].is_none() && !taken[c] {
            taken[c] = true;
            given[i] = Some(candidates[c].anchor.clone());
        }
    }
    // New items: the next number never used at this level.
    let mut next = candidates
        .iter()
        .map(|r| r.anchor.as_str())
        .chain(given.iter().flatten().map(String::as_str))
        .filter_map(|a| number(a, &prefix))
        .max()
        .unwrap_or(0);
    for slot in given.iter_mut().filter(|g| g.is_none()) {
        next += 1;
        *slot = Some(format!("{prefix}{next}"));
    }
    for (item, anchor) in items.iter_mut().zip(given) {
        item.anchor = anchor.unwrap_or_default();
        let mut children: Vec<&mut InputItem> = item.children.iter_mut().collect();
        let anchor = item.anchor.clone();
        assign(&mut children, Some(&anchor), recorded, clashes);
    }
}

#[cfg(test)]
mod tests;
