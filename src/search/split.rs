//! The split layout: an index in shards by term prefix, for large sites.
//!
//! Under `/search_index.<lang>/`:
//! - `manifest.json`: document count, shard keys, chunk size, kinds, and the
//!   document ranges of each (kind, year), since documents are numbered in
//!   that order and a type or year filter is then a range;
//! - `t-<hex>.json`: the terms whose longest shard-key prefix is `<hex>`
//!   (the key's UTF-8 in hex), each as `[df, doc, weight, doc, weight, …]`
//!   with document numbers as gaps from the one before and weights in
//!   hundredths; a shard outgrowing [`SHARD_BYTES`] is split by the next
//!   letter, so a one-word query fetches one shard, two for a prefix;
//! - `d-<n>.json`: result data of documents `n·CHUNK .. (n+1)·CHUNK`, fetched
//!   only for the hits shown;
//! - `x-<n>.json`: the texts excerpts are cut from, of documents
//!   `n·TEXT_CHUNK .. (n+1)·TEXT_CHUNK` (null for a document whose excerpt is
//!   all of its text; no file when all are), fetched only for a hit shown
//!   whose stored excerpt does not show the words it matched;
//! - `f-t-<theme>.json`, `f-o-<organisation>.json`: the documents of one
//!   theme or organisation (gaps again), fetched when that filter is chosen.
//!
//! A term in more than [`MAX_POSTINGS`] documents keeps its best-weighted
//! ones: such a word is nearly a stop word, and its true count is kept in
//! `df` so the client can say how many there are in all.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde_json::{json, Value};

use super::{DocKind, Document, Facets, Term, TermPipeline};
use crate::output_file::OutputFile;

/// Documents per result-data chunk. The first page of hits of a one-word
/// query lies in as many chunks as hits (they are spread over the site), so
/// a chunk holds few: at 1,000 cases the 20 hits of "helse" fetched 29 KB
/// gzipped with 16 a chunk, 18 KB with 8, 11 KB with 4 and 5 KB with 1
/// (but one file per document, 27,000 more files).
pub const CHUNK: usize = 4;

/// Documents per excerpt-text file: a text is up to 3,000 characters, and a
/// hit shown needs its own only (with 4 a file, a cold query at 1,000 cases
/// fetched 47 KB of texts for 15 hits; with 1, 20 KB).
pub const TEXT_CHUNK: usize = 1;

/// A shard is split when its JSON grows past this (about a third of it gzipped).
pub const SHARD_BYTES: usize = 96 * 1024;

/// The most documents kept for one term.
pub const MAX_POSTINGS: usize = 4000;

type Postings = Vec<(u32, u16)>;

/// A document's terms with their weights in hundredths, as the index stores them.
pub(crate) type Weights = Vec<(Term, u16)>;

/// The files of the split layout.
pub(crate) fn build(lang: &str, docs: &mut [Document], facets: &[Facets]) -> Vec<OutputFile> {
    let weights = weigh(lang, docs, facets);
    let docs: Vec<&Document> = docs.iter().collect();
    let weights: Vec<&[(Term, u16)]> = weights.iter().map(Vec::as_slice).collect();
    files(lang, &docs, &weights)
}

/// Each document's term weights, in order.
///
/// Each document's body is emptied once its terms are counted: at 10,000
/// cases the bodies are a tenth of the build's memory, and nothing after
/// needs them.
pub(crate) fn weigh(lang: &str, docs: &mut [Document], facets: &[Facets]) -> Vec<Weights> {
    docs.par_iter_mut()
        .zip(facets)
        // The pipeline is not `Send`: one per worker thread.
        .map_init(
            || TermPipeline::new(lang),
            |pipeline, (doc, facets)| {
                let weights = pipeline.weights(super::field_texts(doc, facets));
                doc.body = String::new();
                weights
                    .into_iter()
                    .map(|(term, w)| {
                        let q = (w * 100.0).round().clamp(1.0, f64::from(u16::MAX)) as u16;
                        (term, q)
                    })
                    .collect()
            },
        )
        .collect()
}

/// The files of the split layout for `docs` (in index order) and their weights.
pub(crate) fn files(lang: &str, docs: &[&Document], weights: &[&[(Term, u16)]]) -> Vec<OutputFile> {
    let dir = crate::model::urls::search_index_dir(lang)
        .trim_matches('/')
        .to_string();
    let terms = postings(weights);
    let entries: Vec<(String, String)> = terms
        .into_par_iter()
        .map(|(term, list)| {
            let json = entry_json(&term, &list.0, list.1);
            (term, json)
        })
        .collect();
    let shards = shard(&entries);

    let mut files = Vec::new();
    for (key, range) in &shards {
        let body: Vec<&str> = entries[range.clone()]
            .iter()
            .map(|(_, j)| j.as_str())
            .collect();
        files.push(OutputFile {
            path: format!("{dir}/t-{}.json", hex(key)),
            bytes: format!("{{{}}}", body.join(",")).into_bytes().into(),
        });
    }
    let chunks: Vec<OutputFile> = docs
        .par_chunks(CHUNK)
        .enumerate()
        .map(|(n, chunk)| {
            let rows: Vec<Value> = chunk
                .iter()
                .map(|d| {
                    json!([
                        d.title,
                        d.url,
                        d.kind.key(),
                        d.date
                            .map(|x| x.format("%Y-%m-%d").to_string())
                            .unwrap_or_default(),
                        d.context,
                        d.excerpt,
                        u8::from(!d.text.is_empty()),
                        d.themes
                    ])
                })
                .collect();
            OutputFile {
                path: format!("{dir}/d-{n}.json"),
                bytes: serde_json::to_vec(&rows).expect("JSON").into(),
            }
        })
        .collect();
    files.extend(chunks);
    let texts: Vec<OutputFile> = docs
        .par_chunks(TEXT_CHUNK)
        .enumerate()
        .filter(|(_, chunk)| chunk.iter().any(|d| !d.text.is_empty()))
        .map(|(n, chunk)| {
            let texts: Vec<Option<&str>> = chunk
                .iter()
                .map(|d| (!d.text.is_empty()).then_some(d.text.as_str()))
                .collect();
            OutputFile {
                path: format!("{dir}/x-{n}.json"),
                bytes: serde_json::to_vec(&texts).expect("JSON").into(),
            }
        })
        .collect();
    files.extend(texts);
    let mut themes: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let mut orgs: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        for t in &d.themes {
            themes.entry(t).or_default().push(i as u32);
        }
        for o in d.organisations.iter().collect::<BTreeSet<_>>() {
            orgs.entry(o).or_default().push(i as u32);
        }
    }
    for (prefix, facet) in [("t", &themes), ("o", &orgs)] {
        for (value, list) in facet {
            files.push(OutputFile {
                path: format!("{dir}/f-{prefix}-{value}.json"),
                bytes: serde_json::to_vec(&gaps(list)).expect("JSON").into(),
            });
        }
    }

    let mut groups: Vec<Value> = Vec::new();
    let mut start = 0;
    for i in 1..=docs.len() {
        let boundary = i == docs.len()
            || docs[i].kind != docs[start].kind
            || docs[i].year() != docs[start].year();
        if boundary {
            groups.push(json!([
                docs[start].kind.key(),
                docs[start].year().unwrap_or(0),
                start,
                i
            ]));
            start = i;
        }
    }
    let manifest = json!({
        "version": 1,
        "lang": lang,
        "documents": docs.len(),
        "chunk": CHUNK,
        "textChunk": TEXT_CHUNK,
        "shards": shards.iter().map(|(k, _)| k).collect::<Vec<_>>(),
        "kinds": DocKind::ALL.iter().map(|k| [k.key(), k.label()]).collect::<Vec<_>>(),
        "groups": groups,
        "themes": themes.keys().collect::<Vec<_>>(),
        "organisations": orgs.keys().collect::<Vec<_>>(),
        "maxPostings": MAX_POSTINGS,
        "words": super::spelling::url(lang),
    });
    files.push(OutputFile {
        path: format!("{dir}/manifest.json"),
        bytes: serde_json::to_vec(&manifest).expect("JSON").into(),
    });
    files
}

/// Every term with its documents (sorted, best `MAX_POSTINGS`) and its true document count.
fn postings(weights: &[&[(Term, u16)]]) -> Vec<(String, (Postings, usize))> {
    let merged: FxHashMap<Term, Postings> = weights
        .par_iter()
        .enumerate()
        .fold(
            FxHashMap::<Term, Postings>::default,
            |mut map, (i, weights)| {
                for (term, q) in weights.iter() {
                    map.entry(term.clone()).or_default().push((i as u32, *q));
                }
                map
            },
        )
        .reduce(FxHashMap::default, |mut a, b| {
            for (term, mut list) in b {
                a.entry(term).or_default().append(&mut list);
            }
            a
        });
    let mut terms: Vec<(String, (Postings, usize))> = merged
        .into_par_iter()
        .map(|(term, mut list)| {
            let df = list.len();
            if list.len() > MAX_POSTINGS {
                list.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                list.truncate(MAX_POSTINGS);
            }
            list.sort_unstable();
            (term.to_string(), (list, df))
        })
        .collect();
    terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    terms
}

/// `"term":[df,gap,weight,gap,weight,…]`.
fn entry_json(term: &str, list: &[(u32, u16)], df: usize) -> String {
    let mut out = serde_json::to_string(term).expect("JSON");
    out.push_str(":[");
    out.push_str(&df.to_string());
    let mut last = 0;
    for &(doc, w) in list {
        out.push(',');
        out.push_str(&(doc - last).to_string());
        out.push(',');
        out.push_str(&w.to_string());
        last = doc;
    }
    out.push(']');
    out
}

/// Groups sorted terms into shards: key → range of `entries`.
///
/// A group of terms sharing a prefix becomes one shard if it is small
/// enough; otherwise the terms equal to the prefix stay in its shard and the
/// rest are grouped by one more letter.
fn shard(entries: &[(String, String)]) -> Vec<(String, std::ops::Range<usize>)> {
    fn size(entries: &[(String, String)]) -> usize {
        entries.iter().map(|(_, j)| j.len() + 1).sum()
    }
    fn go(
        entries: &[(String, String)],
        offset: usize,
        depth: usize,
        out: &mut Vec<(String, std::ops::Range<usize>)>,
    ) {
        let mut i = 0;
        while i < entries.len() {
            let key: String = entries[i].0.chars().take(depth).collect();
            let end = i + entries[i..]
                .iter()
                .take_while(|(t, _)| t.starts_with(&key) && t.chars().count() >= depth)
                .count();
            let end = end.max(i + 1);
            let group = &entries[i..end];
            let longer = group.iter().any(|(t, _)| t.chars().count() > depth);
            if size(group) <= SHARD_BYTES || !longer || group.len() == 1 {
                out.push((key, offset + i..offset + end));
            } else {
                let exact = group
                    .iter()
                    .take_while(|(t, _)| t.chars().count() == depth)
                    .count();
                if exact > 0 {
                    out.push((key, offset + i..offset + i + exact));
                }
                go(&group[exact..], offset + i + exact, depth + 1, out);
            }
            i = end;
        }
    }
    let mut out = Vec::new();
    go(entries, 0, 1, &mut out);
    out
}

/// Sorted numbers as gaps from the one before.
fn gaps(list: &[u32]) -> Vec<u32> {
    let mut last = 0;
    list.iter()
        .map(|&n| {
            let g = n - last;
            last = n;
            g
        })
        .collect()
}

/// A shard key as a file-name-safe string.
fn hex(key: &str) -> String {
    key.bytes().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(terms: &[(&str, usize)]) -> Vec<(String, String)> {
        terms
            .iter()
            .map(|(t, n)| (t.to_string(), "x".repeat(*n)))
            .collect()
    }

    #[test]
    fn small_groups_share_a_one_letter_shard() {
        let e = entries(&[("alfa", 10), ("anna", 10), ("beta", 10)]);
        let s = shard(&e);
        assert_eq!(s, vec![("a".to_string(), 0..2), ("b".to_string(), 2..3)]);
    }

    #[test]
    fn large_groups_split_by_the_next_letter_and_keep_the_exact_term() {
        let big = SHARD_BYTES / 3;
        let e = entries(&[("f", 5), ("fa", big), ("fab", big), ("fo", big), ("g", 1)]);
        let s = shard(&e);
        assert_eq!(
            s,
            vec![
                ("f".to_string(), 0..1),
                ("fa".to_string(), 1..3),
                ("fo".to_string(), 3..4),
                ("g".to_string(), 4..5),
            ]
        );
        // Every term lives in the shard of its longest key prefix.
        for (i, (term, _)) in e.iter().enumerate() {
            let key = s
                .iter()
                .filter(|(k, _)| term.starts_with(k.as_str()))
                .max_by_key(|(k, _)| k.len())
                .unwrap();
            assert!(key.1.contains(&i), "{term} in {key:?}");
        }
    }

    #[test]
    fn a_single_huge_term_is_its_own_shard() {
        let e = entries(&[("pasient", SHARD_BYTES * 3)]);
        assert_eq!(shard(&e), vec![("p".to_string(), 0..1)]);
    }

    #[test]
    fn entries_are_gap_coded() {
        assert_eq!(
            entry_json("ø", &[(3, 120), (10, 5)], 2),
            r#""ø":[2,3,120,7,5]"#
        );
        assert_eq!(gaps(&[2, 5, 9]), vec![2, 3, 4]);
        assert_eq!(hex("øy"), "c3b879");
    }
}
