//! A case's background, folded on small screens.
//!
//! On a phone the background (Bakgrunn, and other sections before the
//! advice) pushes the council's input many screens down. The runs of such
//! sections are written inside `<details class="bakgrunn" open>`: open in the
//! HTML, so nothing is hidden without JavaScript, in print or to a reader
//! who never opens it, and in document order, so a screen reader reads the
//! page as written. `theme/static/bakgrunn.js` closes them when the screen
//! is narrow. The questions stay outside: they are what the input answers.

use crate::model::{Section, SectionKind};

/// The sections `from..to` that fold together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Fold {
    /// The first section of the run.
    pub(super) from: usize,
    /// One past the last.
    pub(super) to: usize,
}

/// The runs of background sections before the first input section; none
/// when the case has no input, since then nothing waits below them.
pub(super) fn folds(sections: &[Section]) -> Vec<Fold> {
    let Some(input) = sections.iter().position(|s| s.kind == SectionKind::Input) else {
        return Vec::new();
    };
    let mut folds = Vec::new();
    let mut start = None;
    for (i, section) in sections[..input].iter().enumerate() {
        let folds_here = section.heading.is_some()
            && matches!(section.kind, SectionKind::Background | SectionKind::Other);
        match (folds_here, start) {
            (true, None) => start = Some(i),
            (false, Some(from)) => {
                folds.push(Fold { from, to: i });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        folds.push(Fold { from, to: input });
    }
    folds
}

/// Opens a fold; its summary names the sections inside.
pub(super) fn open_html(fold: Fold, sections: &[Section]) -> String {
    let names: Vec<String> = sections[fold.from..fold.to]
        .iter()
        .filter_map(|s| s.heading.as_ref())
        .map(|h| super::markdown::escape(&h.text))
        .collect();
    format!(
        "<details class=\"bakgrunn\" open><summary>Saksgrunnlag<span class=\"bakgrunn-deler\">: {}</span></summary>",
        names.join(" · ")
    )
}

/// Closes a fold.
pub(super) const CLOSE_HTML: &str = "</details>";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Body;

    fn folds_of(text: &str) -> Vec<(usize, usize)> {
        let (body, problems) = Body::parse(text);
        assert!(problems.is_empty(), "{problems:?}");
        folds(&body.sections)
            .into_iter()
            .map(|f| (f.from, f.to))
            .collect()
    }

    #[test]
    fn background_and_other_sections_before_the_input_fold_together() {
        let text = "Intro.\n\n## Bakgrunn\n\nTekst.\n\n## Funn\n\nMer.\n\n\
                    ## Problemstillinger til drøfting\n\nHva mener rådet?\n\n\
                    ## Innspill fra Brukerrådet\n\n- Et råd\n\n## Etterord\n\nTekst.\n";
        // 0 intro, 1 Bakgrunn, 2 Funn, 3 questions, 4 input, 5 after.
        assert_eq!(folds_of(text), vec![(1, 3)]);
    }

    #[test]
    fn questions_split_the_runs_and_stay_outside() {
        let text = "## Bakgrunn\n\nA.\n\n## Problemstilling\n\nB?\n\n## Mer bakgrunn\n\nC.\n\n\
                    ## Innspill fra Brukerrådet\n\n- Et råd\n";
        assert_eq!(folds_of(text), vec![(0, 1), (2, 3)]);
    }

    #[test]
    fn a_case_without_input_folds_nothing() {
        assert!(folds_of("## Bakgrunn\n\nA.\n\n## Tilbakemelding\n\nB.\n").is_empty());
    }

    #[test]
    fn the_summary_names_each_section() {
        let (body, _) = Body::parse(
            "## Bakgrunn\n\nA.\n\n## Funn & fakta\n\nB.\n\n## Innspill fra Brukerrådet\n\n- C\n",
        );
        let html = open_html(folds(&body.sections)[0], &body.sections);
        assert!(
            html.contains(": Bakgrunn · Funn &amp; fakta</span></summary>"),
            "{html}"
        );
        assert!(html.starts_with("<details class=\"bakgrunn\" open>"));
    }
}
