//! Words to index terms: elasticlunr's pipeline for the site's language,
//! with a memory, and each document's term weights.

use std::borrow::Cow;

use elasticlunr::Language;
use rustc_hash::FxHashMap;

use super::FIELDS;

/// Words longer than this many characters (lower-cased) are not indexed.
///
/// Nobody searches for them (the demo's longest is 32: an e-mail address),
/// and elasticlunr's index nests one JSON object per character of a term,
/// so a 1,000-character word broke writing the index and a 100,000-character
/// one overflowed the stack. Lucene and Pagefind cap tokens for the same
/// reason.
pub const MAX_TERM_CHARS: usize = 64;

/// Whether a (lower-cased) token is too long to index ([`MAX_TERM_CHARS`]).
pub(super) fn too_long(token: &str) -> bool {
    token.chars().nth(MAX_TERM_CHARS).is_some()
}

/// `text` with every word longer than [`MAX_TERM_CHARS`] blanked out, words
/// being what the tokenizer splits at (white space and `-`): what elasticlunr
/// indexes of it is then exactly what [`TermPipeline`] weighs.
pub(super) fn without_long_words(text: &str) -> Cow<'_, str> {
    let is_gap = |c: char| c.is_whitespace() || c == '-';
    let long = |word: &str| {
        word.chars()
            .map(|c| c.to_lowercase().count())
            .sum::<usize>()
            > MAX_TERM_CHARS
    };
    if !text.split(is_gap).any(long) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let end = rest.find(is_gap).unwrap_or(rest.len());
        let (word, after) = rest.split_at(end);
        if !long(word) {
            out.push_str(word);
        }
        let gap = after.find(|c: char| !is_gap(c)).unwrap_or(after.len());
        out.push_str(&after[..gap]);
        rest = &after[gap..];
    }
    Cow::Owned(out)
}

pub use crate::language::language;

/// The tokens elasticlunr's `tokenize_whitespace` makes (split at white space
/// and `-`, lower-cased), borrowed from `text` where lower-casing changes
/// nothing: a 10,000-case index tokenises 150 MB of text, and an allocation
/// per word was half the cost of weighing the terms.
pub(super) fn whitespace_tokens(text: &str) -> impl Iterator<Item = Cow<'_, str>> {
    text.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|s| !s.is_empty())
        .map(|s| {
            let unchanged = s.chars().all(|c| match c.is_ascii() {
                true => !c.is_ascii_uppercase(),
                false => c.to_lowercase().eq(std::iter::once(c)),
            });
            match unchanged {
                true => Cow::Borrowed(s),
                false => Cow::Owned(s.to_lowercase()),
            }
        })
}

/// The language's pipeline with a memory: a word is trimmed, filtered and
/// stemmed once per thread, however often it occurs (most words recur).
pub(crate) struct TermPipeline {
    language: Box<dyn Language>,
    /// Norwegian splits at white space: tokens are then borrowed, not made.
    whitespace: bool,
    pipeline: elasticlunr::Pipeline,
    // Each distinct token goes through the pipeline once; its term is shared,
    // not copied, by every document that has it.
    seen: FxHashMap<String, Option<Term>>,
}

/// An index term, shared between the documents that contain it.
pub(crate) type Term = std::sync::Arc<str>;

impl TermPipeline {
    /// The pipeline of a language the model has checked.
    pub(crate) fn new(lang: &str) -> Self {
        let language = language(lang).expect("the model checked the language");
        let pipeline = language.make_pipeline();
        TermPipeline {
            whitespace: language.code() == "no",
            language,
            pipeline,
            seen: Default::default(),
        }
    }

    /// The index terms of `text`, in order, repeats kept.
    fn terms(&mut self, text: &str) -> Vec<Term> {
        let mut out = Vec::new();
        if !self.whitespace {
            for token in self.language.tokenize(text) {
                if !too_long(&token) {
                    out.extend(self.term(Cow::Owned(token)));
                }
            }
            return out;
        }
        for token in whitespace_tokens(text).filter(|t| !too_long(t)) {
            out.extend(self.term(token));
        }
        out
    }

    /// The term of one token: the pipeline's answer, remembered.
    pub(super) fn term(&mut self, token: Cow<'_, str>) -> Option<Term> {
        if let Some(term) = self.seen.get(token.as_ref()) {
            return term.clone();
        }
        let token = token.into_owned();
        let term: Option<Term> = self.pipeline.run(vec![token.clone()]).pop().map(Term::from);
        self.seen.insert(token, term.clone());
        term
    }

    /// Per-document term weights, computed the same way in both layouts and
    /// in the client: for each field, boost × √(count) / ⁴√(field length),
    /// summed. The fourth root (not elasticlunr's square root) keeps a case
    /// that is all about a word from ranking below every short item that
    /// mentions it.
    pub(crate) fn weights(&mut self, fields: [&str; 5]) -> FxHashMap<Term, f64> {
        let mut weights: FxHashMap<Term, f64> = FxHashMap::default();
        let mut counts: FxHashMap<Term, u32> = FxHashMap::default();
        for ((_, boost), text) in FIELDS.iter().zip(fields) {
            let tokens = self.terms(text);
            if tokens.is_empty() {
                continue;
            }
            let norm = (tokens.len() as f64).sqrt().sqrt();
            for t in tokens {
                *counts.entry(t).or_default() += 1;
            }
            for (term, count) in counts.drain() {
                *weights.entry(term).or_default() += boost * f64::from(count).sqrt() / norm;
            }
        }
        weights
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_codes_map_to_the_norwegian_pipeline() {
        for code in ["nb", "nn", "no", "nb-NO", "NB"] {
            assert_eq!(language(code).expect(code).code(), "no", "{code}");
        }
        assert!(language("xx").is_none());
    }

    #[test]
    fn words_too_long_to_index_are_blanked_where_the_tokenizer_splits() {
        let long = "x".repeat(MAX_TERM_CHARS + 1);
        let just = "y".repeat(MAX_TERM_CHARS);
        let text = format!("før {long} etter-{long}-{just}\n{long}");
        assert_eq!(without_long_words(&text), format!("før  etter--{just}\n"));
        assert!(matches!(without_long_words("kort tekst"), Cow::Borrowed(_)));
        // Counted as lower-cased, as the tokenizer leaves it: "İ" is two characters.
        let capital = "İ".repeat(MAX_TERM_CHARS / 2 + 1);
        assert_eq!(without_long_words(&capital), "");
        assert!(too_long(&capital.to_lowercase()));
        let mut terms = TermPipeline::new("nb");
        let weights = terms.weights([&text, &capital, "", "", ""]);
        let kept: Vec<&str> = weights.keys().map(|t| t.as_ref()).collect();
        assert!(
            kept.iter().all(|t| t.chars().count() <= MAX_TERM_CHARS),
            "{kept:?}"
        );
        assert!(kept.contains(&just.as_str()), "{kept:?}");
    }

    #[test]
    fn tokens_are_elasticlunrs() {
        let text = "Pårørende-rådet\tØNSKER  brukermedvirkning\u{a0}ÆØÅ ΣΟΦΟΣ ǅemal e-helse 10/24 «sitat» -- Ärzte İstanbul";
        let ours: Vec<String> = whitespace_tokens(text).map(Cow::into_owned).collect();
        let theirs = language("no").expect("no").tokenize(text);
        assert_eq!(ours, theirs);
        assert!(matches!(
            whitespace_tokens("fastlegen").next(),
            Some(Cow::Borrowed(_))
        ));
    }

    #[test]
    fn weights_favour_titles_and_short_fields() {
        let w = TermPipeline::new("nb").weights([
            "Pårørende",
            "fastlegen og pårørende snakker sammen om mye",
            "",
            "",
            "",
        ]);
        assert!(w["pårør"] > w["fast"], "{w:?}");
        assert!(!w.contains_key("og"), "stop words are dropped");
        let twice = TermPipeline::new("nb").weights(["", "fastlegen fastlegen", "", "", ""]);
        let once = TermPipeline::new("nb").weights(["", "fastlegen", "", "", ""]);
        assert!((twice["fast"] / once["fast"] - 2f64.sqrt() / 2f64.powf(0.25)).abs() < 1e-9);
    }

    #[test]
    fn a_word_said_outweighs_a_word_inherited() {
        // An item of 300 words that says "pårørende" once, against one of
        // two words whose case title and themes say it three times.
        let long = format!("pårørende {}", "tjenestene må samarbeide bedre ".repeat(75));
        let said = TermPipeline::new("nb").weights(["", &long, "", "", "lange saker"]);
        let inherited = TermPipeline::new("nb").weights([
            "",
            "kort innspill",
            "",
            "",
            "Pårørende pårørende Pårørende",
        ]);
        assert!(said["pårør"] > inherited["pårør"], "{said:?} {inherited:?}");
    }
}
