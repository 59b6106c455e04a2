//! Stage 4: the client-side search index.
//!
//! Everything the site publishes becomes a [`Document`]: cases, each input
//! item on its own (so a hit lands on the item's anchor), meetings, position
//! papers, attachments' text renditions, organisations and plain pages.
//! Words go through elasticlunr's pipeline for the site's language (trimmer,
//! stop words, Snowball stemmer); `nb` and `nn` map to its Norwegian.
//!
//! Two layouts, chosen by size ([`SplitMode::Auto`]):
//! - [`Layout::Single`]: one standard elasticlunr index at
//!   `/search_index.<lang>.json`, whose document store holds only what a
//!   result shows (title, URL, type, date, excerpt, and the text an excerpt
//!   around the match is cut from).
//! - [`Layout::Split`]: shards by term prefix under `/search_index.<lang>/`
//!   (see [`split`]), so a one-word query fetches one shard and the result
//!   data of the hits it shows, whatever the size of the site.

mod cache;
mod documents;
pub mod spelling;
pub mod split;
mod terms;

use std::collections::BTreeSet;

use elasticlunr::IndexBuilder;
use rayon::prelude::*;
use serde_json::{json, Value};

pub use cache::{build_cached, SearchCache};
pub use documents::{documents, DocKind, Document};
pub use terms::{language, MAX_TERM_CHARS};

use crate::model::{Site, SplitMode};
use crate::output_file::OutputFile;
use documents::{facet_text, theme_names, Facets};
use terms::{too_long, without_long_words};
pub(crate) use terms::{Term, TermPipeline};

/// The indexed fields, in the order documents give them, with their boosts.
///
/// `context` is what a document inherits ([`Document::inherited`]): at a
/// tenth of the body, a document that only inherits a word ranks below
/// every document that says it (a body of 10,000 words still weighs a word
/// at a tenth of its boost).
pub const FIELDS: [(&str, f64); 5] = [
    ("title", 3.0),
    ("body", 1.0),
    ("themes", 2.0),
    ("organisations", 2.0),
    ("context", 0.1),
];

/// The text of each of [`FIELDS`] for a document and its facets.
fn field_texts<'a>(doc: &'a Document, facets: &'a Facets) -> [&'a str; 5] {
    let (themes, orgs, inherited) = facets;
    [doc.indexed_title(), &doc.body, themes, orgs, inherited]
}

/// Above this many bytes gzipped, `auto` splits the index: a reader who
/// types one word should fetch about what one shard and a page of results
/// weigh, not the whole index (the demo's single file was 510 KB, 49 KB
/// gzipped, fetched when the header's field got focus).
pub const SINGLE_FILE_LIMIT: usize = 16 * 1024;

/// Indexed text beyond which the single file cannot fit the limit; `auto`
/// then splits without trying (the demo's 130 KB of text index to 55 KB).
const SINGLE_TEXT_LIMIT: usize = 64 * 1024;

/// How the index is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// One elasticlunr file.
    Single,
    /// Shards by term.
    Split,
}

/// The built index: its files, and where the search page finds it.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    /// The layout chosen.
    pub layout: Layout,
    /// The URL the client loads first (the index, or the split manifest).
    pub url: String,
    /// Files to write.
    pub files: Vec<OutputFile>,
    /// Documents indexed.
    pub documents: usize,
}

/// Builds the search index of `site` in the layout its config asks for.
pub fn build(site: &Site) -> Option<SearchIndex> {
    site.config.search?;
    Some(build_from(site, documents(site)))
}

/// The index of `site` from its documents, in [`documents`]' order.
fn build_from(site: &Site, mut docs: Vec<Document>) -> SearchIndex {
    let config = site.config.search.expect("checked by the caller");
    let lang = &site.config.default_language;
    let names = theme_names(site);
    let facets: Vec<Facets> = docs
        .par_iter()
        .map(|d| facet_text(site, &names, d))
        .collect();
    let single = |docs: &[Document]| single_file(lang, docs, &facets);
    let text_bytes: usize = docs.iter().map(|d| d.body.len()).sum();
    let words = spelling::file(lang, &spelling::count(&docs));
    let (layout, files) = match config.split {
        SplitMode::Never => (Layout::Single, vec![single(&docs)]),
        SplitMode::Always => (Layout::Split, split::build(lang, &mut docs, &facets)),
        SplitMode::Auto if text_bytes > SINGLE_TEXT_LIMIT => {
            (Layout::Split, split::build(lang, &mut docs, &facets))
        }
        SplitMode::Auto => {
            let file = single(&docs);
            if gzipped_len(&file.bytes) > SINGLE_FILE_LIMIT {
                (Layout::Split, split::build(lang, &mut docs, &facets))
            } else {
                (Layout::Single, vec![file])
            }
        }
    };
    let mut files = files;
    files.push(words);
    let url = match layout {
        Layout::Single => crate::model::urls::search_index(lang),
        Layout::Split => crate::model::urls::search_manifest(lang),
    };
    SearchIndex {
        layout,
        url,
        files,
        documents: docs.len(),
    }
}

/// The size of `bytes` gzipped, as a server would send it.
pub fn gzipped_len(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("writing to memory");
    encoder.finish().expect("writing to memory").len()
}

/// What a result shows, as stored with the index.
fn result_data(doc: &Document) -> Value {
    let mut data = json!({
        "t": doc.title,
        "u": doc.url,
        "k": doc.kind.key(),
        "d": doc.date.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
        "c": doc.context,
        "e": doc.excerpt,
        "th": doc.themes,
        "o": doc.organisations,
    });
    if !doc.text.is_empty() {
        data["x"] = Value::from(doc.text.as_str());
    }
    data
}

/// A standard elasticlunr index whose document store holds only result data.
fn single_file(lang: &str, docs: &[Document], facets: &[Facets]) -> OutputFile {
    let language = language(lang).expect("the model checked the language");
    let mut builder = IndexBuilder::with_language(language).save_docs(false);
    for (field, _) in FIELDS {
        builder = builder.add_field(field);
    }
    let mut index = builder.set_ref("id").build();
    for (i, (doc, facets)) in docs.iter().zip(facets).enumerate() {
        index.add_doc(
            &i.to_string(),
            field_texts(doc, facets).map(without_long_words),
        );
    }
    // Made from the index, not by parsing its JSON: parsing has a depth limit.
    // Terms are short (MAX_TERM_CHARS), so the index is shallow; the index
    // is maps of strings to numbers, which always make a JSON value.
    let mut value: Value = serde_json::to_value(&index).expect("an index is JSON");
    // Full texts would make the file several times larger; a result needs only these.
    let store: serde_json::Map<String, Value> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (i.to_string(), result_data(d)))
        .collect();
    value["documentStore"]["docs"] = Value::Object(store);
    value["documentStore"]["save"] = Value::Bool(true);
    value["words"] = Value::from(spelling::url(lang));
    OutputFile {
        path: crate::model::urls::file_path(&crate::model::urls::search_index(lang)),
        bytes: serde_json::to_vec(&value).expect("JSON").into(),
    }
}

/// Every distinct token of the documents as the tokenizer leaves it, before
/// trimming, stop words and stemming: the vocabulary the client's pipeline
/// must treat exactly as elasticlunr-rs does.
pub fn vocabulary(site: &Site) -> BTreeSet<String> {
    let Some(language) = language(&site.config.default_language) else {
        return BTreeSet::new();
    };
    let mut words = BTreeSet::new();
    let names = theme_names(site);
    for doc in documents(site) {
        let facets = facet_text(site, &names, &doc);
        for text in field_texts(&doc, &facets) {
            words.extend(language.tokenize(text).into_iter().filter(|w| !too_long(w)));
        }
    }
    words
}
