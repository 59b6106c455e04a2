//! What is searchable: one [`Document`] per case, input item, meeting,
//! position paper, attachment text, organisation and page.

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;

use crate::model::{plain_text, Body, CaseRef, Site};

/// Characters of an excerpt.
pub(crate) const EXCERPT_CHARS: usize = 220;

/// Characters of a document's text kept for the client to cut an excerpt
/// around the words a query matched (see [`Document::text`]).
pub(crate) const EXCERPT_SOURCE_CHARS: usize = 3000;

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
    /// Indexed text: the document's own.
    pub body: String,
    /// Indexed text the document inherits from what holds it (an input
    /// item's case and question, an attachment's case), weighed far below
    /// its own text so that an item that says a word ranks above the items
    /// that are only filed under it.
    pub inherited: String,
    /// Whether [`Document::title`] is indexed as the title: an input item's
    /// title is its number and its case's title, which it inherits.
    pub title_indexed: bool,
    /// Theme slugs, for filtering.
    pub themes: Vec<String>,
    /// The slugs of [`Document::themes`] that come from what holds the
    /// document only: indexed with [`Document::inherited`].
    pub inherited_themes: Vec<String>,
    /// Organisation ids, for filtering.
    pub organisations: Vec<String>,
    /// The start of the text, shown under the hit.
    pub excerpt: String,
    /// The text the client cuts an excerpt from, around the first word a
    /// query matched (at most 3,000 characters); empty when the
    /// excerpt already is all of it.
    pub text: String,
}

impl Document {
    /// The year, for filtering.
    pub fn year(&self) -> Option<i32> {
        self.date.map(|d| d.year())
    }

    /// A document that inherits nothing, its fields empty, for the others to fill.
    pub(super) fn own() -> Document {
        Document {
            kind: DocKind::Page,
            title: String::new(),
            url: String::new(),
            date: None,
            context: String::new(),
            body: String::new(),
            inherited: String::new(),
            title_indexed: true,
            themes: Vec::new(),
            inherited_themes: Vec::new(),
            organisations: Vec::new(),
            excerpt: String::new(),
            text: String::new(),
        }
    }

    /// The title as indexed: empty where the title is inherited.
    pub(super) fn indexed_title(&self) -> &str {
        match self.title_indexed {
            true => &self.title,
            false => "",
        }
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
    pub(super) fn order(&self) -> (DocKind, std::cmp::Reverse<Option<NaiveDate>>, &str) {
        (self.kind, std::cmp::Reverse(self.date), &self.url)
    }
}

/// The documents that are not a meeting's: papers, organisations, pages.
pub(super) fn other_documents(site: &Site) -> Vec<Document> {
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
            text: excerpt_source(&format!("{} {text}", paper.description)),
            ..Document::own()
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
            text: excerpt_source(org.description.as_deref().unwrap_or("")),
            body,
            organisations: vec![id.clone()],
            ..Document::own()
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
            excerpt: excerpt(if page.description.is_empty() {
                &text
            } else {
                &page.description
            }),
            text: excerpt_source(&format!("{} {text}", page.description)),
            ..Document::own()
        });
    }
    split_slashes(&mut docs);
    docs
}

/// Theme names by slug, looked up once per build rather than per document.
pub(super) fn theme_names(site: &Site) -> HashMap<&str, &str> {
    site.themes
        .iter()
        .map(|t| (t.slug.as_str(), t.name.as_str()))
        .collect()
}

/// Theme names, organisation names and inherited text of a document, as indexed text.
pub(super) fn facet_text(site: &Site, names: &HashMap<&str, &str>, doc: &Document) -> Facets {
    let theme_text = |own: bool| {
        doc.themes
            .iter()
            .filter(|slug| doc.inherited_themes.contains(slug) != own)
            .map(|slug| names.get(slug.as_str()).copied().unwrap_or(slug.as_str()))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let themes = theme_text(true);
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
    let inherited = match doc.inherited_themes.is_empty() {
        true => doc.inherited.clone(),
        false => format!("{} {}", doc.inherited, theme_text(false)),
    };
    (themes, orgs, inherited)
}

/// A document's indexed text besides its title and body: the names of its
/// own themes, of its organisations, and what it inherits (text and theme
/// names), as [`super::FIELDS`] orders them.
pub(crate) type Facets = (String, String, String);

/// The text of a body: headings, paragraphs and items.
pub(super) fn body_text(body: &Body) -> String {
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

/// Indexed text with "/" as a word gap: the minutes write
/// "bruker/pasient/pårørende", which elasticlunr's tokenizer (white space
/// and "-") would index as one word that no query matches.
fn split_slashes(docs: &mut [Document]) {
    for doc in docs {
        for text in [&mut doc.body, &mut doc.inherited] {
            if text.contains('/') {
                *text = text.replace('/', " ");
            }
        }
    }
}

/// The text the client cuts excerpts from: empty when the excerpt of its
/// start is all of it.
pub(super) fn excerpt_source(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= EXCERPT_CHARS {
        return String::new();
    }
    shorten(text, EXCERPT_SOURCE_CHARS)
}

/// The first words of `text`, cut at a word boundary.
pub(super) fn excerpt(text: &str) -> String {
    shorten(text, EXCERPT_CHARS)
}

/// `text` cut to at most `max` characters at a word boundary, with "…".
pub(super) fn shorten(text: &str, max: usize) -> String {
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

/// A meeting, its cases, their input items and attachment texts.
pub(super) fn meeting_documents(
    site: &Site,
    mi: usize,
    meeting: &crate::model::Meeting,
) -> Vec<Document> {
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
        text: excerpt_source(&[text.as_str(), &agenda.join(" "), &decisions.join(" ")].join(" ")),
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
        ..Document::own()
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
            text: excerpt_source(&format!("{} {text}", case.description)),
            ..Document::own()
        });
        for item in items {
            let own_themes: BTreeSet<String> = item.themes.iter().map(|t| theme_slug(t)).collect();
            let inherited_themes: Vec<String> = case_themes
                .iter()
                .filter(|t| !own_themes.contains(*t))
                .cloned()
                .collect();
            let mut item_themes = own_themes;
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
                body: item.text.clone(),
                inherited: format!("{code} {} {question}", case.title),
                title_indexed: false,
                themes: item_themes.into_iter().collect(),
                inherited_themes,
                organisations: item
                    .organisations
                    .iter()
                    .filter(|o| site.organisations.contains_key(*o))
                    .cloned()
                    .collect(),
                excerpt: excerpt(&item.text),
                text: excerpt_source(&item.text),
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
                    text: excerpt_source(&text),
                    body: text,
                    inherited: format!("{code} {}", case.title),
                    title_indexed: true,
                    themes: case_themes.clone(),
                    inherited_themes: case_themes.clone(),
                    organisations: case.submitted_by.iter().cloned().collect(),
                });
            }
        }
    }
    split_slashes(&mut docs);
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_cut_at_a_word() {
        let long = "ord ".repeat(100);
        let e = excerpt(&long);
        assert!(e.ends_with('…'));
        assert!(e.chars().count() <= EXCERPT_CHARS + 1);
        assert!(!e.contains("  "));
        assert_eq!(excerpt(" kort tekst "), "kort tekst");
    }
}
