//! The structure of a Markdown body: sections, and the council's input items.
//!
//! Minutes are written as Markdown with level-2 headings for their parts
//! ("Bakgrunn", "Problemstillinger til drøfting", "Innspill fra Brukerrådet").
//! Inside an input section every bullet is an [`InputItem`]: it gets a stable
//! anchor (`innspill-3`, nested `innspill-3-2`, or one the author chose), may
//! be grouped under the question (a level-3 heading) it answers, attributed to
//! organisations and marked as raised by many. The body is parsed once here;
//! `render` turns the stored events into HTML without parsing again.
//!
//! An item's options go in braces at the end of its first line:
//! `- Tekst {#eget-anker fra=kreftforeningen,ffo tema=pårørende mange}`.
//! A bullet written wholly in bold is also raised by many, as in the minutes
//! ("det som står i fet skrift ble tatt opp av mange").
//!
//! Input written as prose is one item when its paragraph ends with
//! `{.innspill}` (other options may follow: `{.innspill fra=ola-nordmann}`);
//! it is numbered with the bullets around it. `fra=` names organisations or
//! people; the model checks which.

mod builder;
mod limits;

use std::collections::BTreeSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::slug::slugify;
use crate::error::DiagnosticKind;
use builder::Builder;
pub use limits::{dangerous_scheme, MAX_LIST_DEPTH, MAX_NESTING};
use limits::{too_deep, unsafe_links};

/// Parsed Markdown events, owned.
pub type Events = Vec<Event<'static>>;

/// The Markdown features medvirk turns on.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A parsed body.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// Sections in order; text before the first heading is a section without one.
    /// Shared: a body never changes once parsed, and `serve` keeps a case
    /// from one build to the next without copying its text.
    pub sections: std::sync::Arc<Vec<Section>>,
    /// What the input items name, gathered once.
    pub tags: std::sync::Arc<ItemTags>,
    /// The links written in it, for `check`; set by the model, which knows
    /// the file.
    pub links: std::sync::Arc<super::links::Links>,
}

/// How many input items a body has and what they are tagged with, gathered
/// when it is parsed: the model's reverse links and every listing of a case
/// need only these, and a walk through 10,000 bodies is mostly cache misses.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemTags {
    /// Input items, nested ones included.
    pub count: usize,
    /// (theme as written, item anchor), in page order.
    pub themes: Vec<(String, String)>,
    /// (organisation id, item anchor), in page order.
    pub organisations: Vec<(String, String)>,
}

impl PartialEq for Body {
    // The tags are made from the sections, so the sections decide.
    fn eq(&self, other: &Body) -> bool {
        std::sync::Arc::ptr_eq(&self.sections, &other.sections) || self.sections == other.sections
    }
}

/// What a section is, from its heading text or an explicit `{.class}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    /// Text before the first heading.
    Intro,
    /// "Bakgrunn".
    Background,
    /// "Problemstilling(er) til drøfting".
    Questions,
    /// "Innspill fra Brukerrådet": the council's advice.
    Input,
    /// "Tilbakemelding fra …", "Kort oppsummering": the agency's reply.
    Reply,
    /// "Kort sammendrag" of a position paper.
    Summary,
    /// Anything else.
    Other,
}

impl SectionKind {
    fn from_class(class: &str) -> Option<Self> {
        Some(match class {
            "bakgrunn" => SectionKind::Background,
            "problemstillinger" => SectionKind::Questions,
            "innspill" => SectionKind::Input,
            "tilbakemelding" => SectionKind::Reply,
            "sammendrag" => SectionKind::Summary,
            "annet" => SectionKind::Other,
            _ => return None,
        })
    }

    fn from_heading(text: &str) -> Self {
        let t = text.trim().to_lowercase();
        if t.starts_with("bakgrunn") {
            SectionKind::Background
        } else if t.starts_with("problemstilling") {
            SectionKind::Questions
        } else if t.starts_with("innspill fra") {
            SectionKind::Input
        } else if t.starts_with("tilbakemelding") || t.starts_with("kort oppsummering") {
            SectionKind::Reply
        } else if t.starts_with("kort sammendrag") {
            SectionKind::Summary
        } else {
            SectionKind::Other
        }
    }
}

/// A heading: its inline content and the anchor it is reached by.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    /// Plain text, for titles and search.
    pub text: String,
    /// Inline events, for rendering emphasis and links.
    pub events: Events,
    /// The `id`.
    pub anchor: String,
}

/// One section of a body.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Its heading (none for the intro).
    pub heading: Option<Heading>,
    /// What it is.
    pub kind: SectionKind,
    /// Its content in order.
    pub blocks: Vec<Block>,
}

/// A run of content inside a section.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// Ordinary Markdown.
    Markdown(Events),
    /// A question heading that groups the input items after it.
    Group(Heading),
    /// A list of input items.
    Items(Vec<InputItem>),
}

/// One bullet of the council's input: the unit of advice an organisation links to.
#[derive(Debug, Clone, PartialEq)]
pub struct InputItem {
    /// The `id` on the page, unique within the case.
    pub anchor: String,
    /// The author chose the anchor with `{#…}`: no record overrides it.
    pub fixed: bool,
    /// Its number as shown ("3", "3.2").
    pub label: String,
    /// The item's own content, without its sub-items and options.
    pub content: Events,
    /// The content as plain text.
    pub text: String,
    /// Organisations it is attributed to, by id (checked by the model).
    pub organisations: Vec<String>,
    /// Theme tags of this item, as written.
    pub themes: Vec<String>,
    /// Raised by many members.
    pub raised_by_many: bool,
    /// The question it answers, when grouped.
    pub group: Option<String>,
    /// Sub-items.
    pub children: Vec<InputItem>,
    /// Byte offset in the body, for locating errors.
    pub offset: usize,
}

/// A problem in a body, at a byte offset of the body text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyProblem {
    /// What it is about.
    pub kind: DiagnosticKind,
    /// Byte offset into the body.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

impl Body {
    /// Parses `text`. Problems (a malformed option, a repeated anchor) are
    /// returned beside the body so every one can be reported.
    pub fn parse(text: &str) -> (Body, Vec<BodyProblem>) {
        Body::from_events(events(text))
    }

    /// Builds a body from the events of [`events`], for callers that look at
    /// the events too (the accessibility checks).
    pub fn from_events(events: Vec<(Event<'static>, Range<usize>)>) -> (Body, Vec<BodyProblem>) {
        if let Some(problem) = too_deep(&events) {
            return (Body::default(), vec![problem]);
        }
        let mut builder = Builder {
            problems: unsafe_links(&events),
            ..Builder::default()
        };
        builder.run(events);
        let mut body = Body {
            sections: std::sync::Arc::new(builder.sections),
            tags: Default::default(),
            links: Default::default(),
        };
        body.gather_tags();
        (body, builder.problems)
    }

    /// Gathers [`Body::tags`] from the items again, after their anchors changed.
    pub(crate) fn gather_tags(&mut self) {
        let mut tags = ItemTags::default();
        for item in self.items() {
            tags.count += 1;
            for t in &item.themes {
                tags.themes.push((t.clone(), item.anchor.clone()));
            }
            for o in &item.organisations {
                tags.organisations.push((o.clone(), item.anchor.clone()));
            }
        }
        self.tags = std::sync::Arc::new(tags);
    }

    /// The input item with `anchor`, found without listing them all.
    pub fn item(&self, anchor: &str) -> Option<&InputItem> {
        fn find<'a>(items: &'a [InputItem], anchor: &str) -> Option<&'a InputItem> {
            items.iter().find_map(|item| {
                if item.anchor == anchor {
                    Some(item)
                } else {
                    find(&item.children, anchor)
                }
            })
        }
        self.sections
            .iter()
            .flat_map(|s| &s.blocks)
            .find_map(|block| match block {
                Block::Items(items) => find(items, anchor),
                _ => None,
            })
    }

    /// How many input items there are, nested ones included.
    pub fn item_count(&self) -> usize {
        self.tags.count
    }

    /// Every input item, depth first, in page order.
    pub fn items(&self) -> Vec<&InputItem> {
        fn walk<'a>(items: &'a [InputItem], out: &mut Vec<&'a InputItem>) {
            for item in items {
                out.push(item);
                walk(&item.children, out);
            }
        }
        let mut out = Vec::new();
        for section in self.sections.iter() {
            for block in &section.blocks {
                if let Block::Items(items) = block {
                    walk(items, &mut out);
                }
            }
        }
        out
    }
}

/// The Markdown events of `text` with their byte ranges.
pub fn events(text: &str) -> Vec<(Event<'static>, Range<usize>)> {
    Parser::new_ext(text, markdown_options())
        .into_offset_iter()
        .map(|(e, r)| (e.into_static(), r))
        .collect()
}

/// Plain text of inline or block events: words separated as a reader sees them.
pub fn plain_text(events: &[Event<'_>]) -> String {
    let mut out = String::new();
    for event in events {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASE: &str = "\
## Bakgrunn

Tekst.

## Innspill fra Brukerrådet

### Hvilke grupper?

- Første innspill
  - Under
  - Under to
- **Tatt opp av mange**
- Attribuert {fra=kreftforeningen,ffo tema=pårørende}

### Listeansvar?

Forklaring.

- Tredje {#eget-anker}
";

    #[test]
    fn lists_nested_too_deep_are_refused_before_anything_recurses() {
        let nested = |depth: usize| {
            let mut text = String::from("## Innspill fra Brukerrådet\n\n");
            for level in 0..depth {
                text.push_str(&"  ".repeat(level));
                text.push_str("- punkt\n");
            }
            text
        };
        let (body, problems) = Body::parse(&nested(MAX_LIST_DEPTH));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(body.item_count(), MAX_LIST_DEPTH);
        let text = nested(MAX_LIST_DEPTH + 1);
        let (body, problems) = Body::parse(&text);
        assert_eq!(body.item_count(), 0);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].message, "a list nested deeper than 100 levels");
        // At the list that is one too many: the last line's bullet.
        let last = text.trim_end().rfind('\n').unwrap() + 1 + 2 * MAX_LIST_DEPTH;
        assert_eq!(problems[0].offset, last);
    }

    #[test]
    fn links_that_run_code_are_refused_however_written() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " java\tscript:alert(1)",
            "java%0ascript:x",
            "vbscript:x",
            "data:text/html,x",
        ] {
            let text = format!("[lenke](<{url}>) og ![bilde](<{url}>)\n");
            let problems = Body::parse(&text).1;
            let expected = usize::from(dangerous_scheme(url).is_some()) * 2;
            assert_eq!(problems.len(), expected, "{url}: {problems:?}");
        }
        assert_eq!(
            dangerous_scheme("java%0ascript:x"),
            None,
            "not a scheme to a browser"
        );
        let problems = Body::parse("Se [her](javascript:alert(1)).\n").1;
        assert_eq!(problems[0].offset, 3);
        assert_eq!(
            problems[0].message,
            "a link to a `javascript:` address, which would run in the reader's browser"
        );
        for fine in [
            "https://e.no",
            "mailto:a@e.no",
            "/moter/",
            "#innspill-1",
            "javascript.html",
        ] {
            assert_eq!(dangerous_scheme(fine), None, "{fine}");
        }
    }

    #[test]
    fn raw_html_nested_too_deep_is_refused() {
        let deep = format!("Tekst\n\n{}x\n", "<div>".repeat(MAX_NESTING + 1));
        let (_, problems) = Body::parse(&deep);
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].message,
            "HTML elements nested deeper than 1000 levels"
        );
        // The HTML block is a level of its own: the 1,000th `<div>` is one too many.
        assert_eq!(
            problems[0].offset,
            "Tekst\n\n".len() + 5 * (MAX_NESTING - 1)
        );
        // Closed, self-closed, void and optional-end elements do not add up.
        let flat = format!(
            "{}\n\n{}\n",
            "<span>x</span><br><img src=a.png alt=a/><p>".repeat(MAX_NESTING * 2),
            "<span/>".repeat(MAX_NESTING * 2)
        );
        assert!(Body::parse(&flat).1.is_empty());
    }

    #[test]
    fn quotes_nested_too_deep_are_refused() {
        let (_, problems) = Body::parse(&format!("{} sitat\n", ">".repeat(MAX_NESTING + 1)));
        assert_eq!(problems.len(), 1);
        assert!(problems[0]
            .message
            .starts_with("Markdown nested deeper than 1000 levels"));
        assert_eq!(problems[0].offset, MAX_NESTING);
        let (_, problems) = Body::parse(&format!("{} sitat\n", ">".repeat(MAX_NESTING / 2)));
        assert!(problems.is_empty());
    }

    #[test]
    fn sections_are_classified_by_heading() {
        let (body, problems) = Body::parse(CASE);
        assert!(problems.is_empty(), "{problems:?}");
        let kinds: Vec<_> = body.sections.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [SectionKind::Background, SectionKind::Input]);
        assert_eq!(
            body.sections[1].heading.as_ref().unwrap().anchor,
            "innspill-fra-brukerradet"
        );
    }

    #[test]
    fn items_get_anchors_labels_groups_and_options() {
        let (body, _) = Body::parse(CASE);
        let items = body.items();
        let summary: Vec<_> = items
            .iter()
            .map(|i| (i.anchor.as_str(), i.label.as_str(), i.text.as_str()))
            .collect();
        assert_eq!(
            summary,
            [
                ("innspill-1", "1", "Første innspill"),
                ("innspill-1-1", "1.1", "Under"),
                ("innspill-1-2", "1.2", "Under to"),
                ("innspill-2", "2", "Tatt opp av mange"),
                ("innspill-3", "3", "Attribuert"),
                ("eget-anker", "4", "Tredje"),
            ]
        );
        assert!(items[3].raised_by_many);
        assert!(!items[0].raised_by_many);
        assert_eq!(items[4].organisations, ["kreftforeningen", "ffo"]);
        assert_eq!(items[4].themes, ["pårørende"]);
        assert_eq!(items[0].group.as_deref(), Some("Hvilke grupper?"));
        assert_eq!(items[5].group.as_deref(), Some("Listeansvar?"));
    }

    #[test]
    fn an_item_is_found_by_its_anchor_at_any_depth() {
        let (body, _) = Body::parse(CASE);
        let all = body.items();
        assert_eq!(body.item_count(), all.len());
        for item in &all {
            assert_eq!(body.item(&item.anchor).map(|i| &i.text), Some(&item.text));
        }
        assert_eq!(
            body.item("eget-anker").map(|i| i.text.as_str()),
            Some("Tredje")
        );
        assert!(body.item("innspill-99").is_none());
    }

    #[test]
    fn partly_bold_items_are_not_raised_by_many() {
        let (body, _) = Body::parse("## Innspill fra Brukerrådet\n\n- **Fet** og vanlig\n");
        assert!(!body.items()[0].raised_by_many);
    }

    #[test]
    fn class_overrides_heading_text() {
        let (body, _) = Body::parse("## Fra Brukerrådet {.innspill}\n\n- Ønsker saken\n");
        assert_eq!(body.sections[0].kind, SectionKind::Input);
        assert_eq!(body.item_count(), 1);
    }

    #[test]
    fn bad_options_and_repeated_anchors_are_reported() {
        let (_, problems) =
            Body::parse("## Innspill fra Brukerrådet\n\n- A {#x}\n- B {#x}\n- C {farge=rød}\n");
        let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "the anchor \"x\" is used twice in this file",
                "unknown input-item option \"farge=rød\""
            ]
        );
    }

    #[test]
    fn a_marked_paragraph_is_one_item_numbered_with_the_bullets() {
        let (body, problems) = Body::parse(
            "## Innspill fra Brukerrådet\n\nInnledning uten merke.\n\n- Punkt\n\nEt innspill skrevet som **tekst**. {.innspill fra=kari-nordmann}\n\nEtt til. {#prosa .innspill}\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let summary: Vec<_> = body
            .items()
            .iter()
            .map(|i| (i.anchor.clone(), i.text.clone(), i.organisations.clone()))
            .collect();
        assert_eq!(
            summary,
            [
                ("innspill-1".to_string(), "Punkt".to_string(), vec![]),
                (
                    "innspill-2".into(),
                    "Et innspill skrevet som tekst.".into(),
                    vec!["kari-nordmann".to_string()]
                ),
                ("prosa".into(), "Ett til.".into(), vec![]),
            ]
        );
        // The unmarked paragraph stays text; the marked ones join the list.
        let blocks = &body.sections[0].blocks;
        assert!(matches!(&blocks[0], Block::Markdown(_)));
        assert!(matches!(&blocks[1], Block::Items(items) if items.len() == 3));
    }

    #[test]
    fn the_paragraph_mark_is_not_an_option_of_a_bullet_or_outside_input() {
        let (body, problems) = Body::parse(
            "## Bakgrunn\n\nTekst. {.innspill}\n\n## Innspill fra Brukerrådet\n\n- Punkt {.innspill}\n",
        );
        assert_eq!(body.item_count(), 1);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].message.contains("\".innspill\""),
            "{problems:?}"
        );
    }

    #[test]
    fn lists_outside_input_sections_are_plain_markdown() {
        let (body, _) = Body::parse("## Bakgrunn\n\n- ikke et innspill\n");
        assert!(body.items().is_empty());
    }
}
