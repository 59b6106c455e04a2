//! Stage 5, output: `data/ankre.toml`, the one source file a build writes.
//!
//! The model says what the record should hold
//! ([`AnchorRecordState`]); here it is written (by `build`, `serve` and
//! `init`), refused (`build --locked`) or only reported (`check`).

use std::path::Path;

use crate::error::{Diagnostic, DiagnosticKind};
use crate::load::ANCHOR_RECORD;
use crate::model::anchors::AnchorRecordState;

/// The error of `build --locked` when the record would change.
pub fn locked(state: &AnchorRecordState) -> Option<Diagnostic> {
    state.changed.then(|| {
        Diagnostic::error(
            DiagnosticKind::AnchorRecordLocked,
            ANCHOR_RECORD,
            format!(
                "{ANCHOR_RECORD} is out of date ({}) and --locked forbids updating it",
                what_changes(state)
            ),
        )
        .hint("run `medvirk build` without --locked and commit data/ankre.toml with the minutes")
    })
}

/// The warning of `check` when the record would change. A site without a
/// record gets none: its first build writes one, and what it publishes then
/// is what it published before (anchors in the order of the minutes).
pub fn outdated(state: &AnchorRecordState) -> Option<Diagnostic> {
    (state.changed && state.existed).then(|| {
        Diagnostic::warning(
            DiagnosticKind::AnchorRecordOutdated,
            ANCHOR_RECORD,
            format!("{ANCHOR_RECORD} is out of date: {}", what_changes(state)),
        )
        .hint("`medvirk build` updates it; commit it with the minutes, or links to items may move")
    })
}

/// "2 new anchors, 1 retired".
fn what_changes(state: &AnchorRecordState) -> String {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    match (state.added, state.retired) {
        (0, 0) => "items changed their text".to_string(),
        (a, 0) => format!("{a} new anchor{}", plural(a)),
        (0, r) => format!("{r} anchor{} retired", plural(r)),
        (a, r) => format!("{a} new anchor{}, {r} retired", plural(a)),
    }
}

/// Writes the record when it changed; returns the line to print, or the
/// warning when it cannot be written (a read-only folder): the site is
/// still right, but the next build must write it.
pub fn write(root: &Path, state: &AnchorRecordState) -> Result<Option<String>, Diagnostic> {
    if !state.changed {
        return Ok(None);
    }
    match super::replace_file(&root.join(ANCHOR_RECORD), state.text.as_bytes()) {
        Ok(()) => Ok(Some(format!(
            "Updated {ANCHOR_RECORD} ({}): commit it with the minutes",
            what_changes(state)
        ))),
        Err(e) => Err(Diagnostic::warning(
                DiagnosticKind::AnchorRecordNotWritten,
                ANCHOR_RECORD,
                format!("could not write {ANCHOR_RECORD}: {e}"),
            )
            .hint("the site was built with the right anchors, but they are not recorded: make data/ writable and build again, then commit data/ankre.toml")),
    }
}
