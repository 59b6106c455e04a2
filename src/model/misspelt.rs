//! Stage 2, model: references that are probably misspelt, with what was
//! meant: an earlier case's number ([`earlier_meant`]), and a theme written
//! once and spelt nearly as another ([`misspelt_themes`]).
//!
//! Themes are free tags, so no theme is unknown; but one written a single
//! time that is a letter or two from a theme used more ("pårørnde" beside
//! "pårørende") is most likely that theme misspelt, and would get a
//! page of its own with one case on it. It is a warning, placed where the
//! name is written (`themes` of a case or a paper, `tema=` of an item).

use rustc_hash::FxHashMap;

use super::check::Checker;
use super::Site;
use crate::error::{Diagnostic, DiagnosticKind};
use crate::load::{Entry, SourceFile, Sources};
use crate::spelling::closest;

/// "did you mean …?" for an earlier case `number` of `year` that is not on
/// the site: the closest number of that year, or the same number in
/// another year.
pub(super) fn earlier_meant(
    by_number: &FxHashMap<(i32, &str), (usize, usize)>,
    year: i32,
    number: &str,
) -> String {
    let same_year = by_number
        .keys()
        .filter(|(y, _)| *y == year)
        .map(|(_, n)| *n);
    if let Some(meant) = crate::spelling::closest(number, same_year) {
        return format!("did you mean case \"{meant}\" of {year}? ");
    }
    let mut years: Vec<i32> = by_number
        .keys()
        .filter(|(_, n)| *n == number)
        .map(|(y, _)| *y)
        .collect();
    years.sort_unstable();
    match years.as_slice() {
        [] => String::new(),
        [y] => format!("did you mean `year = {y}`? case {number} is of {y}; "),
        _ => format!(
            "case {number} is of {}; ",
            years
                .iter()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join(" and ")
        ),
    }
}

/// Warns of every theme used once whose name is close to another theme's.
pub(super) fn misspelt_themes(site: &Site, sources: &Sources, check: &mut Checker) {
    let once: Vec<(&str, &str)> = site
        .themes
        .iter()
        .filter(|t| uses(t) == 1)
        .filter_map(|t| {
            // The spelling used more is the one meant; of two used once
            // each, neither can be told from the other.
            let others = site.themes.iter().filter(|o| uses(o) > 1);
            let meant = closest(&t.name, others.map(|o| o.name.as_str()))?;
            Some((t.name.as_str(), meant))
        })
        .collect();
    if once.is_empty() {
        return;
    }
    let meant = |written: &str| {
        once.iter()
            .find(|(name, _)| *name == written.trim())
            .map(|(_, m)| *m)
    };
    for entry in &sources.entries {
        let (file, themes) = match &**entry {
            Entry::Case { case, .. } => (&case.file, &case.value.themes),
            Entry::Paper { paper, .. } => (&paper.file, &paper.value.themes),
            _ => continue,
        };
        for t in themes {
            if let Some(m) = meant(t.get_ref()) {
                let span = file.front.start + t.span().start..file.front.start + t.span().end;
                check.push(warning(file, span, t.get_ref().trim(), m));
            }
        }
        if matches!(&**entry, Entry::Case { .. }) {
            for (span, name) in item_themes(file) {
                if let Some(m) = meant(&name) {
                    check.push(warning(file, span, &name, m));
                }
            }
        }
    }
}

/// How many cases, papers and input items carry `theme`.
fn uses(theme: &super::Theme) -> usize {
    theme.cases.len() + theme.papers.len() + theme.items.len()
}

/// The finding for the theme `written` at `span` (of the whole file), which
/// is probably `meant`.
fn warning(
    file: &SourceFile,
    span: std::ops::Range<usize>,
    written: &str,
    meant: &str,
) -> Diagnostic {
    file.finding_at(
        Diagnostic::warning(
            DiagnosticKind::ThemeLooksMisspelt,
            &file.path,
            format!(
                "the theme \"{written}\" is used only here, and is spelt nearly as the theme \"{meant}\""
            ),
        ),
        span,
    )
    .hint(format!(
        "did you mean \"{meant}\"? a theme written two ways gets two pages; write it as the \
         other places do, or keep it if it is a theme of its own"
    ))
}

/// Each theme of an item's `tema=` in the body of `file`, as the item
/// names it (`_` read as a space), with its byte range in the whole file.
fn item_themes(file: &SourceFile) -> Vec<(std::ops::Range<usize>, String)> {
    let body = file.body_text();
    let mut out = Vec::new();
    for (at, _) in body.match_indices("tema=") {
        let start = at + "tema=".len();
        let list = &body[start..];
        let end = list
            .find(|c: char| c.is_whitespace() || c == '}')
            .unwrap_or(list.len());
        let mut from = file.body.start + start;
        for name in list[..end].split(',') {
            if !name.is_empty() {
                out.push((from..from + name.len(), name.replace('_', " ")));
            }
            from += name.len() + 1;
        }
    }
    out
}
