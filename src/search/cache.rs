//! The index in `serve`: only the documents of changed meetings are weighed again.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::documents::{facet_text, meeting_documents, other_documents, theme_names, Facets};
use super::terms::Term;
use super::{build, build_from, spelling, split, Document, Layout, SearchIndex, SINGLE_TEXT_LIMIT};
use crate::model::{Site, SplitMode};

/// Each meeting's documents with their term weights, from the last index of
/// a site, for `serve`: a meeting the model kept (the same [`Arc`]) has the
/// same documents, so only the changed meetings are tokenised again.
/// Everything is weighed again when the theme or organisation names change
/// (documents are indexed with them).
#[derive(Debug, Default)]
pub struct SearchCache {
    memo: std::sync::Mutex<Memo>,
}

#[derive(Debug, Default)]
struct Memo {
    /// Language and names the documents were weighed with.
    inputs: u64,
    /// By the address of the meeting, which the value keeps alive.
    meetings: FxHashMap<usize, Weighed>,
}

/// One meeting's documents (bodies emptied) with their weights.
#[derive(Debug, Clone)]
struct Weighed {
    _meeting: Arc<crate::model::Meeting>,
    docs: Arc<Vec<(Document, split::Weights)>>,
    words: Arc<spelling::Counts>,
    text_bytes: usize,
}

/// A fingerprint of what every document's weights depend on besides itself.
fn weight_inputs(site: &Site, names: &HashMap<&str, &str>) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    site.config.default_language.hash(&mut hasher);
    let mut names: Vec<_> = names.iter().collect();
    names.sort();
    names.hash(&mut hasher);
    for (id, org) in &site.organisations {
        (id, &org.name, &org.short_name).hash(&mut hasher);
    }
    hasher.finish()
}

/// [`build`], weighing only the documents of meetings `cache` does not hold
/// from the last call. Sites small enough that `auto` might choose one file
/// are built as by [`build`].
pub fn build_cached(site: &Site, cache: &SearchCache) -> Option<SearchIndex> {
    let config = site.config.search?;
    if config.split == SplitMode::Never {
        return build(site);
    }
    let lang = &site.config.default_language;
    let names = theme_names(site);
    // Words are counted before weighing empties the bodies.
    let weigh = |mut docs: Vec<Document>| {
        let words = spelling::count(&docs);
        let facets: Vec<Facets> = docs
            .par_iter()
            .map(|d| facet_text(site, &names, d))
            .collect();
        let weights = split::weigh(lang, &mut docs, &facets);
        (docs.into_iter().zip(weights).collect::<Vec<_>>(), words)
    };
    let text = |docs: &[Document]| docs.iter().map(|d| d.body.len()).sum::<usize>();
    let mut memo = cache.memo.lock().expect("lock");
    let inputs = weight_inputs(site, &names);
    if memo.inputs != inputs {
        *memo = Memo {
            inputs,
            meetings: FxHashMap::default(),
        };
    }
    // Kept meetings, and the documents of the others, not weighed yet:
    // whether there will be shards at all is known only from all the text.
    let known = &memo.meetings;
    let found: Vec<Result<Weighed, Vec<Document>>> = site
        .meetings
        .par_iter()
        .enumerate()
        .map(
            |(mi, meeting)| match known.get(&(Arc::as_ptr(meeting) as usize)) {
                Some(kept) => Ok(kept.clone()),
                None => Err(meeting_documents(site, mi, meeting)),
            },
        )
        .collect();
    let others = other_documents(site);
    let text_bytes = text(&others)
        + found
            .iter()
            .map(|f| match f {
                Ok(kept) => kept.text_bytes,
                Err(docs) => text(docs),
            })
            .sum::<usize>();
    if config.split == SplitMode::Auto && text_bytes <= SINGLE_TEXT_LIMIT {
        // Small enough for one file: no weights are kept for it.
        memo.meetings.clear();
        let fresh = found.iter().all(Result::is_err);
        drop(memo);
        if !fresh {
            return build(site);
        }
        let mut docs: Vec<Document> = found
            .into_iter()
            .flat_map(|f| f.err().unwrap_or_default())
            .chain(others)
            .collect();
        docs.sort_by(|a, b| a.order().cmp(&b.order()));
        return Some(build_from(site, docs));
    }
    let meetings: Vec<(usize, Weighed)> = site
        .meetings
        .par_iter()
        .zip(found)
        .map(|(meeting, found)| {
            let weighed = found.unwrap_or_else(|docs| {
                let text_bytes = text(&docs);
                let (docs, words) = weigh(docs);
                Weighed {
                    _meeting: meeting.clone(),
                    docs: Arc::new(docs),
                    words: Arc::new(words),
                    text_bytes,
                }
            });
            (Arc::as_ptr(meeting) as usize, weighed)
        })
        .collect();
    memo.meetings = meetings.iter().cloned().collect();
    drop(memo);
    let (others, mut words) = weigh(others);
    for (_, weighed) in &meetings {
        spelling::add(&mut words, &weighed.words);
    }
    let mut all: Vec<&(Document, split::Weights)> = meetings
        .iter()
        .flat_map(|(_, w)| w.docs.iter())
        .chain(&others)
        .collect();
    all.sort_by(|a, b| a.0.order().cmp(&b.0.order()));
    let docs: Vec<&Document> = all.iter().map(|(d, _)| d).collect();
    let weights: Vec<&[(Term, u16)]> = all.iter().map(|(_, w)| w.as_slice()).collect();
    Some(SearchIndex {
        layout: Layout::Split,
        url: crate::model::urls::search_manifest(lang),
        files: {
            let mut files = split::files(lang, &docs, &weights);
            files.push(spelling::file(lang, &words));
            files
        },
        documents: docs.len(),
    })
}
