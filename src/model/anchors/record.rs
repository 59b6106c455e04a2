//! Stage 2, model: the anchor record as data, what this build makes of it,
//! and its text as `medvirk build` writes it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::error::{Diagnostic, DiagnosticKind, Diagnostics};
use crate::load::{Parsed, RawAnchorRecord, ANCHOR_RECORD};
use crate::model::{Block, Body, InputItem, Site};

/// The anchors published so far, by case file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnchorRecord {
    /// By the case's file relative to the site root
    /// (`content/moter/2024-2/sak-07-24.md`): its items in page order, then
    /// the anchors retired from it.
    pub cases: BTreeMap<String, Vec<RecordedItem>>,
}

/// One anchor of the record.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedItem {
    /// The `id` it was published with.
    pub anchor: String,
    /// The anchor of the item it is a sub-item of.
    pub parent: Option<String>,
    /// The question a top-level item answers, when grouped.
    pub question: Option<String>,
    /// Its text when last published.
    pub text: String,
    /// No item holds it now; it is never given to another.
    pub removed: bool,
}

/// What this build makes of the record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AnchorRecordState {
    /// `data/ankre.toml` was there.
    pub existed: bool,
    /// The record this build's anchors need differs from the file's.
    pub changed: bool,
    /// Anchors given for the first time.
    pub added: usize,
    /// Anchors retired by this build.
    pub retired: usize,
    /// The record's text as it should now be, when it changed.
    pub text: String,
}

impl AnchorRecord {
    /// The record as read; an empty one when there is none.
    pub fn from_raw(raw: Option<&Parsed<RawAnchorRecord>>) -> AnchorRecord {
        let mut record = AnchorRecord::default();
        for case in raw.iter().flat_map(|r| &r.value.cases) {
            let items = record.cases.entry(case.file.get_ref().clone()).or_default();
            items.extend(case.items.iter().map(|i| RecordedItem {
                anchor: i.anchor.clone(),
                parent: i.parent.clone(),
                question: i.question.clone(),
                text: i.text.clone(),
                removed: i.removed,
            }));
        }
        record
    }

    /// The file's text: a header, then one `[[case]]` per case file and one
    /// line per anchor, so a correction shows as a one-line diff.
    pub fn to_toml(&self) -> String {
        let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
        let mut out = String::from(
            "# The anchor of every published input item (#innspill-3), written by\n\
             # `medvirk build`. Commit it with the minutes: it keeps each item's link\n\
             # when the minutes are corrected. See README, \"Anchors that do not move\".\n",
        );
        for (file, items) in &self.cases {
            out.push_str(&format!("\n[[case]]\nfile = {}\nitems = [\n", quote(file)));
            for item in items {
                out.push_str(&format!("  {{ anchor = {}", quote(&item.anchor)));
                if let Some(parent) = &item.parent {
                    out.push_str(&format!(", parent = {}", quote(parent)));
                }
                if let Some(question) = &item.question {
                    out.push_str(&format!(", question = {}", quote(question)));
                }
                if item.removed {
                    out.push_str(", removed = true");
                }
                out.push_str(&format!(", text = {} }},\n", quote(&item.text)));
            }
            out.push_str("]\n");
        }
        out
    }
}

/// The record's key for a case file.
pub(super) fn key(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The record `site` needs: each case's items as they are now, with what
/// the old record held that no item holds (retired), and the cases the old
/// record names that the site no longer has (kept, see [`unknown_cases`]).
pub(crate) fn record_state(site: &Site, old: &AnchorRecord, existed: bool) -> AnchorRecordState {
    // Most builds change no anchor: tell that without copying a text.
    let unchanged = site.meetings.iter().flat_map(|m| &m.cases).all(|case| {
        let before = old.cases.get(&key(&case.source.0));
        match before {
            Some(before) => fits(&case.body, before),
            None => case.body.item_count() == 0,
        }
    });
    if unchanged {
        return AnchorRecordState {
            existed,
            ..AnchorRecordState::default()
        };
    }
    let mut new = AnchorRecord::default();
    let mut added = 0;
    let mut retired = 0;
    for meeting in &site.meetings {
        for case in &meeting.cases {
            let key = key(&case.source.0);
            let before = old.cases.get(&key).map_or(&[][..], Vec::as_slice);
            let (items, new_ones, gone) = entries(&case.body, before);
            added += new_ones;
            retired += gone;
            if !items.is_empty() {
                new.cases.insert(key, items);
            }
        }
    }
    // Nothing is lost: a case the site no longer has keeps its entry.
    for (key, items) in &old.cases {
        new.cases
            .entry(key.clone())
            .or_insert_with(|| items.clone());
    }
    let changed = new != *old;
    AnchorRecordState {
        existed,
        changed,
        added,
        retired,
        // Only what is written is made: at 10,000 cases the text is megabytes.
        text: if changed {
            new.to_toml()
        } else {
            String::new()
        },
    }
}

/// Whether `before` is what [`entries`] would make of `body`.
pub(super) fn fits(body: &Body, before: &[RecordedItem]) -> bool {
    fn walk(
        items: &[InputItem],
        parent: Option<&str>,
        before: &[RecordedItem],
        at: &mut usize,
    ) -> bool {
        items.iter().all(|item| {
            let Some(r) = before.get(*at) else {
                return false;
            };
            let question = item.group.as_deref().filter(|_| parent.is_none());
            let same = !r.removed
                && r.anchor == item.anchor
                && r.text == item.text
                && r.parent.as_deref() == parent
                && r.question.as_deref() == question;
            *at += 1;
            same && walk(&item.children, Some(&item.anchor), before, at)
        })
    }
    let mut at = 0;
    let live = body
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .all(|block| match block {
            Block::Items(items) => walk(items, None, before, &mut at),
            _ => true,
        });
    let (kept, retired) = before.split_at(at.min(before.len()));
    live && retired
        .iter()
        .all(|r| r.removed && kept.iter().all(|k| k.anchor != r.anchor))
}

/// The record of one case: its items as they are now, then what `before`
/// held that no item holds (retired); with how many anchors are new and how
/// many were retired now.
pub(crate) fn entries(body: &Body, before: &[RecordedItem]) -> (Vec<RecordedItem>, usize, usize) {
    let mut added = 0;
    let mut retired = 0;
    let mut items = Vec::new();
    let all = body.items();
    let live: BTreeSet<&str> = all.iter().map(|i| i.anchor.as_str()).collect();
    // A parent is known by which item lists the child.
    let mut parents = BTreeMap::new();
    for item in &all {
        for child in &item.children {
            parents.insert(child.anchor.as_str(), item.anchor.as_str());
        }
    }
    for item in &all {
        let parent = parents.get(item.anchor.as_str()).map(|p| p.to_string());
        let question = if parent.is_none() {
            item.group.clone()
        } else {
            None
        };
        if !before.iter().any(|r| r.anchor == item.anchor) {
            added += 1;
        }
        items.push(RecordedItem {
            anchor: item.anchor.clone(),
            parent,
            question,
            text: item.text.clone(),
            removed: false,
        });
    }
    for r in before.iter().filter(|r| !live.contains(r.anchor.as_str())) {
        if !r.removed {
            retired += 1;
        }
        items.push(RecordedItem {
            removed: true,
            ..r.clone()
        });
    }
    (items, added, retired)
}

/// A warning for each case the record names whose file the site no longer
/// has: its anchors are kept, in case the file was moved by mistake.
pub(crate) fn unknown_cases(site: &Site, raw: Option<&Parsed<RawAnchorRecord>>) -> Diagnostics {
    let mut found = Diagnostics::default();
    let Some(raw) = raw else { return found };
    let known: BTreeSet<String> = site
        .meetings
        .iter()
        .flat_map(|m| &m.cases)
        .map(|c| key(&c.source.0))
        .collect();
    for case in &raw.value.cases {
        if !known.contains(case.file.get_ref()) {
            let d: Diagnostic = raw.file.warning_at(
                DiagnosticKind::AnchorRecordUnknownCase,
                case.file.span(),
                format!(
                    "{ANCHOR_RECORD} names the case \"{}\", which the site no longer has",
                    case.file.get_ref()
                ),
            );
            found.push(d.hint(
                "its anchors are kept; if the case was moved, put the new file name in `file` \
                 (its items keep their links), or delete the [[case]] if it was removed",
            ));
        }
    }
    found
}
