//! The words of the index as a reader writes them, for "Ingen treff": the
//! client offers the one closest to a query that found nothing.
//!
//! One word per index term (its most frequent spelling in the text, so
//! "pårørende" rather than the stem "pårør"), most frequent first, in
//! `/search_index.<lang>.ord.json`, fetched only when a query finds nothing.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::terms::{whitespace_tokens, TermPipeline};
use super::Document;
use crate::output_file::OutputFile;

/// The most words the file lists (the demo has about 5,000 terms).
pub const MAX_WORDS: usize = 30_000;

/// Words shorter than this are not offered: a two-letter word is a guess
/// at anything.
const MIN_CHARS: usize = 3;

/// How often each spelling occurs in the documents' titles and bodies.
pub(crate) type Counts = FxHashMap<String, u32>;

/// The URL of the word list.
pub fn url(lang: &str) -> String {
    format!("/search_index.{lang}.ord.json")
}

/// Counts the words of `docs` (before their bodies are emptied).
pub(crate) fn count(docs: &[Document]) -> Counts {
    docs.par_iter()
        .fold(Counts::default, |mut counts, doc| {
            for text in [doc.title.as_str(), &doc.body] {
                for token in whitespace_tokens(text) {
                    // Whole words of letters only: numbers, addresses and
                    // codes are not spellings to suggest.
                    if token.chars().any(char::is_numeric) {
                        continue;
                    }
                    let word = token.trim_matches(|c: char| !c.is_alphabetic());
                    let letters = word.chars().count();
                    if (MIN_CHARS..=super::MAX_TERM_CHARS).contains(&letters)
                        && word.chars().all(char::is_alphabetic)
                    {
                        // Most words recur: allocate only for a new one.
                        match counts.get_mut(word) {
                            Some(n) => *n += 1,
                            None => {
                                counts.insert(word.to_string(), 1);
                            }
                        }
                    }
                }
            }
            counts
        })
        .reduce(Counts::default, |mut a, b| {
            add(&mut a, &b);
            a
        })
}

/// Adds the counts of `b` to `a`.
pub(crate) fn add(a: &mut Counts, b: &Counts) {
    for (word, n) in b {
        match a.get_mut(word) {
            Some(m) => *m += n,
            None => {
                a.insert(word.clone(), *n);
            }
        }
    }
}

/// The word list: per index term its most frequent spelling, the most
/// frequent terms first (ties by spelling), stop words left out.
pub(crate) fn words(lang: &str, counts: &Counts) -> Vec<String> {
    let mut pipeline = TermPipeline::new(lang);
    let mut best: FxHashMap<super::Term, (u32, u32, &str)> = FxHashMap::default();
    let mut sorted: Vec<(&String, &u32)> = counts.iter().collect();
    sorted.sort();
    for (word, &n) in sorted {
        let Some(term) = pipeline.term(std::borrow::Cow::Borrowed(word.as_str())) else {
            continue;
        };
        let entry = best.entry(term).or_insert((0, 0, word.as_str()));
        entry.0 += n;
        if n > entry.1 {
            entry.1 = n;
            entry.2 = word.as_str();
        }
    }
    let mut list: Vec<(u32, &str)> = best.into_values().map(|(n, _, w)| (n, w)).collect();
    list.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    list.truncate(MAX_WORDS);
    list.into_iter().map(|(_, w)| w.to_string()).collect()
}

/// The word list's file.
pub(crate) fn file(lang: &str, counts: &Counts) -> OutputFile {
    OutputFile {
        path: crate::model::urls::file_path(&url(lang)),
        bytes: serde_json::to_vec(&words(lang, counts))
            .expect("JSON")
            .into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_spelling_per_term_most_frequent_first_without_stop_words() {
        let mut counts = Counts::default();
        for (w, n) in [
            ("pårørende", 5),
            ("pårørendes", 2),
            ("fastlegen", 3),
            ("ikke", 40),
        ] {
            counts.insert(w.to_string(), n);
        }
        assert_eq!(words("nb", &counts), ["pårørende", "fastlegen"]);
    }

    #[test]
    fn numbers_and_short_words_are_not_counted() {
        let doc = Document {
            title: "Sak 07/24".into(),
            body: "«Pårørende» KI e-post 2024 abc123 brukerrådet.".into(),
            ..Document::own()
        };
        let counts = count(&[doc]);
        let mut found: Vec<&str> = counts.keys().map(String::as_str).collect();
        found.sort();
        assert_eq!(found, ["brukerrådet", "post", "pårørende", "sak"]);
    }
}
