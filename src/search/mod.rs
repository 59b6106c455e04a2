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
//!   result shows (title, URL, type, date, excerpt).
//! - [`Layout::Split`]: shards by term prefix under `/search_index.<lang>/`
//!   (see [`split`]), so a one-word query fetches one shard and the result
//!   data of the hits it shows, whatever the size of the site.

pub mod split;

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use elasticlunr::{IndexBuilder, Language};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde_json::{json, Value};

use crate::model::{plain_text, Body, CaseRef, Site, SplitMode};
use crate::output_file::OutputFile;

/// The indexed fields, in the order documents give them, with their boosts.
pub const FIELDS: [(&str, f64); 4] = [
    ("title", 3.0),
    ("body", 1.0),
    ("themes", 2.0),
    ("organisations", 2.0),
];

/// Above this many bytes gzipped, a single index costs a phone too much on a
/// cold query (the budget is 100 KB with the script), so `auto` splits it.
pub const SINGLE_FILE_LIMIT: usize = 80 * 1024;

/// Indexed text beyond which the single file cannot fit the limit; `auto`
/// then splits without trying (the demo's 130 KB of text index to 50 KB).
const SINGLE_TEXT_LIMIT: usize = 1024 * 1024;

/// Characters of an excerpt.
const EXCERPT_CHARS: usize = 220;

/// Words longer than this many characters (lower-cased) are not indexed.
///
/// Nobody searches for them (the demo's longest is 32: an e-mail address),
/// and elasticlunr's index nests one JSON object per character of a term,
/// so a 1,000-character word broke writing the index and a 100,000-character
/// one overflowed the stack. Lucene and Pagefind cap tokens for the same
/// reason.
pub const MAX_TERM_CHARS: usize = 64;

/// Whether a (lower-cased) token is too long to index ([`MAX_TERM_CHARS`]).
fn too_long(token: &str) -> bool {
    token.chars().nth(MAX_TERM_CHARS).is_some()
}

/// `text` with every word longer than [`MAX_TERM_CHARS`] blanked out, words
/// being what the tokenizer splits at (white space and `-`): what elasticlunr
/// indexes of it is then exactly what [`TermPipeline`] weighs.
fn without_long_words(text: &str) -> Cow<'_, str> {
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

/// What a search hit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub enum DocKind {
    /// A case put to the council.
    Case,
    /// One input item of a case.
    Item,
    /// A meeting.
    Meeting,
    /// A position paper.
    Paper,
    /// An attachment's text rendition.
    Attachment,
    /// An organisation.
    Organisation,
    /// Any other page.
    Page,
}

impl DocKind {
    /// Every kind, in the order results are grouped.
    pub const ALL: [DocKind; 7] = [
        DocKind::Case,
        DocKind::Item,
        DocKind::Meeting,
        DocKind::Paper,
        DocKind::Attachment,
        DocKind::Organisation,
        DocKind::Page,
    ];

    /// The key used in the index and in `?type=`.
    pub fn key(self) -> &'static str {
        match self {
            DocKind::Case => "sak",
            DocKind::Item => "innspill",
            DocKind::Meeting => "mote",
            DocKind::Paper => "notat",
            DocKind::Attachment => "vedlegg",
            DocKind::Organisation => "organisasjon",
            DocKind::Page => "side",
        }
    }

    /// The label a reader sees.
    pub fn label(self) -> &'static str {
        match self {
            DocKind::Case => "Sak",
            DocKind::Item => "Innspill",
            DocKind::Meeting => "Møte",
            DocKind::Paper => "Skriftlig innspill",
            DocKind::Attachment => "Vedlegg",
            DocKind::Organisation => "Organisasjon",
            DocKind::Page => "Side",
        }
    }
}

/// One searchable thing.
#[derive(Debug, Clone)]
pub struct Document {
    /// What it is.
    pub kind: DocKind,
    /// Title of the hit.
    pub title: String,
    /// Where the hit is, with an anchor for input items.
    pub url: String,
    /// Its date, if it has one.
    pub date: Option<NaiveDate>,
    /// Where it belongs ("Sak 07/24"), shown under the title.
    pub context: String,
    /// Indexed text.
    pub body: String,
    /// Theme slugs, for filtering.
    pub themes: Vec<String>,
    /// Organisation ids, for filtering.
    pub organisations: Vec<String>,
    /// The start of the text, shown under the hit.
    pub excerpt: String,
}

impl Document {
    /// The year, for filtering.
    pub fn year(&self) -> Option<i32> {
        self.date.map(|d| d.year())
    }
}

/// Every document of the site, in a stable order: by kind, newest first, then by URL.
pub fn documents(site: &Site) -> Vec<Document> {
    // A meeting's documents depend on nothing but the meeting: made in parallel.
    let mut docs: Vec<Document> = site
        .meetings
        .par_iter()
        .enumerate()
        .flat_map_iter(|(mi, meeting)| meeting_documents(site, mi, meeting))
        .collect();
    docs.extend(other_documents(site));
    docs.sort_by(|a, b| a.order().cmp(&b.order()));
    docs
}

impl Document {
    /// What documents are sorted by: kind, newest first, URL.
    fn order(&self) -> (DocKind, std::cmp::Reverse<Option<NaiveDate>>, &str) {
        (self.kind, std::cmp::Reverse(self.date), &self.url)
    }
}

/// The documents that are not a meeting's: papers, organisations, pages.
fn other_documents(site: &Site) -> Vec<Document> {
    let theme_slug = |written: &str| crate::model::slugify(written);
    let mut docs = Vec::new();
    for paper in &site.papers {
        let text = body_text(&paper.body);
        let mut orgs = paper.authors.clone();
        orgs.extend(paper.recipient.iter().cloned());
        docs.push(Document {
            kind: DocKind::Paper,
            title: paper.title.clone(),
            url: paper.path.clone(),
            date: paper.date,
            context: paper
                .authors
                .iter()
                .filter_map(|a| site.organisations.get(a).map(|o| o.name.clone()))
                .collect::<Vec<_>>()
                .join(", "),
            body: format!("{} {text}", paper.description),
            themes: paper.themes.iter().map(|t| theme_slug(t)).collect(),
            organisations: orgs,
            excerpt: excerpt(if paper.description.is_empty() {
                &text
            } else {
                &paper.description
            }),
        });
    }
    for (id, org) in &site.organisations {
        let mut body = org.short_name.clone().unwrap_or_default();
        if let Some(d) = &org.description {
            body.push(' ');
            body.push_str(d);
        }
        docs.push(Document {
            kind: DocKind::Organisation,
            title: org.name.clone(),
            url: crate::model::urls::organisation(id),
            date: None,
            context: org.kind.label().to_string(),
            excerpt: excerpt(org.description.as_deref().unwrap_or("")),
            body,
            themes: Vec::new(),
            organisations: vec![id.clone()],
        });
    }
    for page in site.pages.iter().filter(|p| !p.hidden) {
        let text = body_text(&page.body);
        docs.push(Document {
            kind: DocKind::Page,
            title: page.title.clone(),
            url: page.path.clone(),
            date: page.date,
            context: String::new(),
            body: format!("{} {text}", page.description),
            themes: Vec::new(),
            organisations: Vec::new(),
            excerpt: excerpt(if page.description.is_empty() {
                &text
            } else {
                &page.description
            }),
        });
    }
    docs
}

/// Theme names by slug, looked up once per build rather than per document.
fn theme_names(site: &Site) -> HashMap<&str, &str> {
    site.themes
        .iter()
        .map(|t| (t.slug.as_str(), t.name.as_str()))
        .collect()
}

/// Theme names and organisation names of a document, as indexed text.
fn facet_text(site: &Site, names: &HashMap<&str, &str>, doc: &Document) -> (String, String) {
    let themes = doc
        .themes
        .iter()
        .map(|slug| names.get(slug.as_str()).copied().unwrap_or(slug.as_str()))
        .collect::<Vec<_>>()
        .join(" ");
    let orgs = doc
        .organisations
        .iter()
        .filter_map(|id| site.organisations.get(id))
        .map(|o| match &o.short_name {
            Some(short) => format!("{} {short}", o.name),
            None => o.name.clone(),
        })
        .collect::<Vec<_>>()
        .join(" ");
    (themes, orgs)
}

/// The text of a body: headings, paragraphs and items.
fn body_text(body: &Body) -> String {
    use crate::model::Block;
    let mut parts = Vec::new();
    for section in body.sections.iter() {
        if let Some(h) = &section.heading {
            parts.push(h.text.clone());
        }
        for block in &section.blocks {
            match block {
                Block::Markdown(events) => parts.push(plain_text(events)),
                Block::Group(h) => parts.push(h.text.clone()),
                Block::Items(_) => {}
            }
        }
    }
    for item in body.items() {
        parts.push(item.text.clone());
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

/// The first words of `text`, cut at a word boundary.
fn excerpt(text: &str) -> String {
    shorten(text, EXCERPT_CHARS)
}

/// `text` cut to at most `max` characters at a word boundary, with "…".
fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':', ' ']))
}

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

/// A meeting, its cases, their input items and attachment texts.
fn meeting_documents(site: &Site, mi: usize, meeting: &crate::model::Meeting) -> Vec<Document> {
    let theme_slug = |written: &str| crate::model::slugify(written);
    let mut docs = Vec::new();
    let agenda: Vec<&str> = meeting.agenda.iter().map(|a| a.text.as_str()).collect();
    let decisions: Vec<&str> = meeting.decisions.iter().map(|d| d.text.as_str()).collect();
    let text = body_text(&meeting.body);
    docs.push(Document {
        kind: DocKind::Meeting,
        title: format!("Møte {}", meeting.code()),
        url: meeting.path(),
        date: Some(meeting.date),
        context: meeting.place.clone().unwrap_or_default(),
        body: [agenda.join(" "), text.clone(), decisions.join(" ")].join(" "),
        themes: Vec::new(),
        organisations: meeting
            .attendance
            .seats
            .iter()
            .map(|s| s.organisation.clone())
            .collect(),
        excerpt: excerpt(if text.is_empty() {
            agenda.first().copied().unwrap_or("")
        } else {
            &text
        }),
    });
    for (ci, case) in meeting.cases.iter().enumerate() {
        let path = site.case_path(CaseRef {
            meeting: mi,
            case: ci,
        });
        let code = format!("Sak {}", case.number);
        let items = case.body.items();
        let mut orgs: BTreeSet<String> = case.submitted_by.iter().cloned().collect();
        let case_themes: Vec<String> = case.themes.iter().map(|t| theme_slug(t)).collect();
        let mut themes: BTreeSet<String> = case_themes.iter().cloned().collect();
        for item in &items {
            // `fra=` may name a person; only organisations are a filter.
            orgs.extend(
                item.organisations
                    .iter()
                    .filter(|o| site.organisations.contains_key(*o))
                    .cloned(),
            );
            themes.extend(item.themes.iter().map(|t| theme_slug(t)));
        }
        let text = body_text(&case.body);
        docs.push(Document {
            kind: DocKind::Case,
            title: format!("{code} {}", case.title),
            url: path.clone(),
            date: Some(meeting.date),
            context: match case.kind {
                Some(kind) => format!("{}, møte {}", kind.label(), meeting.code()),
                None => format!("Møte {}", meeting.code()),
            },
            body: format!("{} {text}", case.description),
            themes: themes.into_iter().collect(),
            organisations: orgs.into_iter().collect(),
            excerpt: excerpt(if case.description.is_empty() {
                &text
            } else {
                &case.description
            }),
        });
        for item in items {
            let mut item_themes: BTreeSet<String> =
                item.themes.iter().map(|t| theme_slug(t)).collect();
            item_themes.extend(case_themes.iter().cloned());
            let question = item.group.clone().unwrap_or_default();
            docs.push(Document {
                kind: DocKind::Item,
                title: format!(
                    "Innspill {} til sak {}: {}",
                    item.label, case.number, case.title
                ),
                url: format!("{path}#{}", item.anchor),
                date: Some(meeting.date),
                context: if question.is_empty() {
                    code.clone()
                } else {
                    format!("{code}, {}", shorten(&question, 90))
                },
                body: format!("{} {question}", item.text),
                themes: item_themes.into_iter().collect(),
                organisations: item
                    .organisations
                    .iter()
                    .filter(|o| site.organisations.contains_key(*o))
                    .cloned()
                    .collect(),
                excerpt: excerpt(&item.text),
            });
        }
        for attachment in &case.attachments {
            if let Some((slug, body)) = &attachment.text {
                let text = body_text(body);
                docs.push(Document {
                    kind: DocKind::Attachment,
                    title: attachment.title.clone(),
                    url: crate::model::urls::attachment(&path, slug),
                    date: Some(meeting.date),
                    context: format!("Vedlegg til {}", code.to_lowercase()),
                    excerpt: excerpt(&text),
                    body: text,
                    themes: case_themes.clone(),
                    organisations: case.submitted_by.iter().cloned().collect(),
                });
            }
        }
    }
    docs
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
    let facets: Vec<(String, String)> = docs
        .par_iter()
        .map(|d| facet_text(site, &names, d))
        .collect();
    let single = |docs: &[Document]| single_file(lang, docs, &facets);
    let text_bytes: usize = docs.iter().map(|d| d.body.len()).sum();
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
    let weigh = |mut docs: Vec<Document>| {
        let facets: Vec<(String, String)> = docs
            .par_iter()
            .map(|d| facet_text(site, &names, d))
            .collect();
        let weights = split::weigh(lang, &mut docs, &facets);
        docs.into_iter().zip(weights).collect::<Vec<_>>()
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
                Weighed {
                    _meeting: meeting.clone(),
                    docs: Arc::new(weigh(docs)),
                    text_bytes,
                }
            });
            (Arc::as_ptr(meeting) as usize, weighed)
        })
        .collect();
    memo.meetings = meetings.iter().cloned().collect();
    drop(memo);
    let others = weigh(others);
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
        files: split::files(lang, &docs, &weights),
        documents: docs.len(),
    })
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
    json!({
        "t": doc.title,
        "u": doc.url,
        "k": doc.kind.key(),
        "d": doc.date.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
        "c": doc.context,
        "e": doc.excerpt,
        "th": doc.themes,
        "o": doc.organisations,
    })
}

/// A standard elasticlunr index whose document store holds only result data.
fn single_file(lang: &str, docs: &[Document], facets: &[(String, String)]) -> OutputFile {
    let language = language(lang).expect("the model checked the language");
    let mut builder = IndexBuilder::with_language(language).save_docs(false);
    for (field, _) in FIELDS {
        builder = builder.add_field(field);
    }
    let mut index = builder.set_ref("id").build();
    for (i, (doc, (themes, orgs))) in docs.iter().zip(facets).enumerate() {
        let fields = [doc.title.as_str(), doc.body.as_str(), themes, orgs];
        index.add_doc(&i.to_string(), fields.map(without_long_words));
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
        let (themes, orgs) = facet_text(site, &names, &doc);
        for text in [&doc.title, &doc.body, &themes, &orgs] {
            words.extend(language.tokenize(text).into_iter().filter(|w| !too_long(w)));
        }
    }
    words
}

/// The tokens elasticlunr's `tokenize_whitespace` makes (split at white space
/// and `-`, lower-cased), borrowed from `text` where lower-casing changes
/// nothing: a 10,000-case index tokenises 150 MB of text, and an allocation
/// per word was half the cost of weighing the terms.
fn whitespace_tokens(text: &str) -> impl Iterator<Item = Cow<'_, str>> {
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
    fn term(&mut self, token: Cow<'_, str>) -> Option<Term> {
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
    pub(crate) fn weights(&mut self, fields: [&str; 4]) -> FxHashMap<Term, f64> {
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
    fn excerpts_cut_at_a_word() {
        let long = "ord ".repeat(100);
        let e = excerpt(&long);
        assert!(e.ends_with('…'));
        assert!(e.chars().count() <= EXCERPT_CHARS + 1);
        assert!(!e.contains("  "));
        assert_eq!(excerpt(" kort tekst "), "kort tekst");
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
        let weights = terms.weights([&text, &capital, "", ""]);
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
        ]);
        assert!(w["pårør"] > w["fast"], "{w:?}");
        assert!(!w.contains_key("og"), "stop words are dropped");
        let twice = TermPipeline::new("nb").weights(["", "fastlegen fastlegen", "", ""]);
        let once = TermPipeline::new("nb").weights(["", "fastlegen", "", ""]);
        assert!((twice["fast"] / once["fast"] - 2f64.sqrt() / 2f64.powf(0.25)).abs() < 1e-9);
    }
}
