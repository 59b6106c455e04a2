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

use std::collections::BTreeSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::slug::slugify;
use crate::error::DiagnosticKind;

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
        let mut tags = ItemTags::default();
        for item in body.items() {
            tags.count += 1;
            for t in &item.themes {
                tags.themes.push((t.clone(), item.anchor.clone()));
            }
            for o in &item.organisations {
                tags.organisations.push((o.clone(), item.anchor.clone()));
            }
        }
        body.tags = std::sync::Arc::new(tags);
        (body, builder.problems)
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

/// Lists may nest this deep; an input item is a list item, and its
/// children are walked, rendered and dropped by recursion.
pub const MAX_LIST_DEPTH: usize = 100;

/// Any Markdown (quotes, emphasis, lists) may nest this deep: the pages'
/// HTML goes through a sanitiser and a minifier that recurse per element.
pub const MAX_NESTING: usize = 1000;

/// A problem at the first element nested deeper than the limits, found
/// before anything recurses over the events; pulldown-cmark itself parses
/// without recursion. Raw HTML counts too: the sanitiser's HTML parser
/// looks through every open element for each tag, so 100,000 nested
/// `<div>`s took a minute.
fn too_deep(events: &[(Event<'static>, Range<usize>)]) -> Option<BodyProblem> {
    let (mut depth, mut lists) = (0usize, 0usize);
    for (event, range) in events {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                for (at, change) in html_nesting(html) {
                    depth = depth.saturating_add_signed(change);
                    if depth > MAX_NESTING {
                        return Some(BodyProblem {
                            kind: DiagnosticKind::HtmlTooDeep,
                            offset: range.start + at,
                            message: format!(
                                "HTML elements nested deeper than {MAX_NESTING} levels"
                            ),
                            hint: "nest less: nobody can follow that many levels".into(),
                        });
                    }
                }
            }
            Event::Start(tag) => {
                depth += 1;
                if matches!(tag, Tag::List(_)) {
                    lists += 1;
                }
                if lists > MAX_LIST_DEPTH {
                    return Some(BodyProblem {
                        kind: DiagnosticKind::ListTooDeep,
                        offset: range.start,
                        message: format!("a list nested deeper than {MAX_LIST_DEPTH} levels"),
                        hint: "flatten the list: nobody can follow that many levels".into(),
                    });
                }
                if depth > MAX_NESTING {
                    return Some(BodyProblem {
                        kind: DiagnosticKind::MarkdownTooDeep,
                        offset: range.start,
                        message: format!(
                            "Markdown nested deeper than {MAX_NESTING} levels (quotes, lists, emphasis)"
                        ),
                        hint: "nest less: nobody can follow that many levels".into(),
                    });
                }
            }
            Event::End(tag) => {
                depth = depth.saturating_sub(1);
                if matches!(tag, TagEnd::List(_)) {
                    lists = lists.saturating_sub(1);
                }
            }
            _ => {}
        }
    }
    None
}

/// The scheme of `url` when following it runs code or opens inline data
/// (`javascript:`, `vbscript:`, `data:`), as a browser reads it: tabs and
/// line breaks inside it and spaces before it do not count, nor does case.
pub fn dangerous_scheme(url: &str) -> Option<String> {
    let seen: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .into_iter()
        .find(|scheme| seen.starts_with(scheme))
        .map(String::from)
}

/// Links and images whose address runs code: the sanitiser sees only raw
/// HTML, and a Markdown link is written as it is.
fn unsafe_links(events: &[(Event<'static>, Range<usize>)]) -> Vec<BodyProblem> {
    events
        .iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                dangerous_scheme(dest_url).map(|scheme| BodyProblem {
                    kind: DiagnosticKind::UnsafeLink,
                    offset: range.start,
                    message: format!(
                        "a link to a `{scheme}` address, which would run in the reader's browser"
                    ),
                    hint: "link to an http(s), mailto or tel address, or to a page of the site"
                        .into(),
                })
            }
            _ => None,
        })
        .collect()
}

/// Elements that hold no content, or whose end tag may be left out (the
/// parser closes them at the next sibling): they do not nest when written
/// without an end tag.
const FLAT_ELEMENTS: [&str; 27] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "rb", "rt", "rtc", "rp", "optgroup", "option", "tr", "td", "th",
    "colgroup",
];

/// Where each tag in a piece of raw HTML starts, and how it changes the
/// nesting: +1 for a start tag, -1 for an end tag. A close enough count
/// of what an HTML parser makes of it, without parsing.
fn html_nesting(html: &str) -> impl Iterator<Item = (usize, isize)> + '_ {
    html.match_indices('<').filter_map(move |(at, _)| {
        let rest = &html[at + 1..];
        let (closing, rest) = match rest.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, rest),
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        if !name.starts_with(|c: char| c.is_ascii_alphabetic())
            || FLAT_ELEMENTS.contains(&name.as_str())
        {
            return None;
        }
        if closing {
            return Some((at, -1));
        }
        let self_closing = rest.find('>').is_some_and(|end| rest[..end].ends_with('/'));
        (!self_closing).then_some((at, 1))
    })
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

#[derive(Default)]
struct Builder {
    sections: Vec<Section>,
    problems: Vec<BodyProblem>,
    anchors: BTreeSet<String>,
    top_count: usize,
    group: Option<String>,
}

impl Builder {
    fn run(&mut self, events: Vec<(Event<'static>, Range<usize>)>) {
        let mut i = 0;
        let mut pending: Events = Vec::new();
        while i < events.len() {
            let (event, _) = &events[i];
            match event {
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H1 | HeadingLevel::H2,
                    classes,
                    ..
                }) => {
                    self.flush(&mut pending);
                    let end = find_end(&events, i);
                    let inline: Events =
                        events[i + 1..end].iter().map(|(e, _)| e.clone()).collect();
                    let text = plain_text(&inline);
                    let kind = classes
                        .iter()
                        .find_map(|c| SectionKind::from_class(c))
                        .unwrap_or_else(|| SectionKind::from_heading(&text));
                    let anchor = self.unique_anchor(&slugify(&text));
                    self.group = None;
                    self.sections.push(Section {
                        heading: Some(Heading {
                            text,
                            events: inline,
                            anchor,
                        }),
                        kind,
                        blocks: Vec::new(),
                    });
                    i = end + 1;
                }
                Event::Start(Tag::Heading { .. }) if self.in_input() => {
                    self.flush(&mut pending);
                    let end = find_end(&events, i);
                    let inline: Events =
                        events[i + 1..end].iter().map(|(e, _)| e.clone()).collect();
                    let text = plain_text(&inline);
                    let anchor = self.unique_anchor(&slugify(&text));
                    self.group = Some(text.clone());
                    self.current().blocks.push(Block::Group(Heading {
                        text,
                        events: inline,
                        anchor,
                    }));
                    i = end + 1;
                }
                Event::Start(Tag::Paragraph)
                    if self.in_input() && is_marked_item(&events[i..=find_end(&events, i)]) =>
                {
                    self.flush(&mut pending);
                    let end = find_end(&events, i);
                    let item = self.paragraph_item(&events[i..=end]);
                    // Marked paragraphs in a row, or after a list, continue its numbering in one list.
                    let section = self.current();
                    match section.blocks.last_mut() {
                        Some(Block::Items(items)) => items.push(item),
                        _ => section.blocks.push(Block::Items(vec![item])),
                    }
                    i = end + 1;
                }
                Event::Start(Tag::List(None)) if self.in_input() => {
                    self.flush(&mut pending);
                    let end = find_end(&events, i);
                    let items = self.items(&events[i + 1..end], None);
                    self.current().blocks.push(Block::Items(items));
                    i = end + 1;
                }
                _ => {
                    pending.push(event.clone());
                    i += 1;
                }
            }
        }
        self.flush(&mut pending);
    }

    fn in_input(&self) -> bool {
        self.sections
            .last()
            .is_some_and(|s| s.kind == SectionKind::Input)
    }

    fn current(&mut self) -> &mut Section {
        if self.sections.is_empty() {
            self.sections.push(Section {
                heading: None,
                kind: SectionKind::Intro,
                blocks: Vec::new(),
            });
        }
        self.sections.last_mut().expect("just ensured")
    }

    fn flush(&mut self, pending: &mut Events) {
        if pending.is_empty() {
            return;
        }
        let events = std::mem::take(pending);
        self.current().blocks.push(Block::Markdown(events));
    }

    fn unique_anchor(&mut self, wanted: &str) -> String {
        let base = if wanted.is_empty() { "del" } else { wanted };
        let mut anchor = base.to_string();
        let mut n = 2;
        while self.anchors.contains(&anchor) {
            anchor = format!("{base}-{n}");
            n += 1;
        }
        self.anchors.insert(anchor.clone());
        anchor
    }

    /// Items of one unordered list; `events` is the list's inside.
    fn items(
        &mut self,
        events: &[(Event<'static>, Range<usize>)],
        parent: Option<(&str, &str)>,
    ) -> Vec<InputItem> {
        let mut items = Vec::new();
        let mut i = 0;
        let mut n = 0;
        while i < events.len() {
            if !matches!(events[i].0, Event::Start(Tag::Item)) {
                i += 1;
                continue;
            }
            let end = find_end(events, i);
            n += 1;
            let (auto_anchor, label) = match parent {
                None => {
                    self.top_count += 1;
                    (
                        format!("innspill-{}", self.top_count),
                        self.top_count.to_string(),
                    )
                }
                Some((anchor, label)) => (format!("{anchor}-{n}"), format!("{label}.{n}")),
            };
            let offset = events[i].1.start;
            let inner = &events[i + 1..end];
            let mut content = Events::new();
            let mut child_lists = Vec::new();
            let mut j = 0;
            while j < inner.len() {
                if matches!(inner[j].0, Event::Start(Tag::List(None))) {
                    let list_end = find_end(inner, j);
                    child_lists.push(j + 1..list_end);
                    j = list_end + 1;
                } else {
                    content.push(inner[j].0.clone());
                    j += 1;
                }
            }
            let content = merge_text(content);
            let (content, options) = split_options(content);
            let mut item = InputItem {
                anchor: auto_anchor.clone(),
                label: label.clone(),
                text: String::new(),
                organisations: Vec::new(),
                themes: Vec::new(),
                raised_by_many: is_all_strong(&content),
                group: self.group.clone(),
                children: Vec::new(),
                offset,
                content,
            };
            if let Some(options) = options {
                self.apply_options(&mut item, &options);
            }
            self.finish_item(&mut item, offset);
            let anchor = item.anchor.clone();
            for range in child_lists {
                let children = self.items(&inner[range], Some((&anchor, &label)));
                item.children.extend(children);
            }
            items.push(item);
            i = end + 1;
        }
        items
    }

    /// Claims the item's anchor (a second use in the file is a problem at
    /// `offset`) and fills in its plain text.
    fn finish_item(&mut self, item: &mut InputItem, offset: usize) {
        if !self.anchors.insert(item.anchor.clone()) {
            self.problems.push(BodyProblem {
                kind: DiagnosticKind::AnchorTwice,
                offset,
                message: format!("the anchor \"{}\" is used twice in this file", item.anchor),
                hint: "give each item its own anchor with {#…}".into(),
            });
        }
        item.text = plain_text(&item.content);
    }

    /// A paragraph marked `{.innspill …}`: one top-level item, numbered with the bullets.
    fn paragraph_item(&mut self, events: &[(Event<'static>, Range<usize>)]) -> InputItem {
        self.top_count += 1;
        let offset = events[0].1.start;
        let content = merge_text(events.iter().map(|(e, _)| e.clone()).collect());
        let (content, options) = split_options(content);
        let options = options.unwrap_or_default();
        let rest: Vec<&str> = options
            .split_whitespace()
            .filter(|t| *t != PARAGRAPH_MARK)
            .collect();
        let mut item = InputItem {
            anchor: format!("innspill-{}", self.top_count),
            label: self.top_count.to_string(),
            text: String::new(),
            organisations: Vec::new(),
            themes: Vec::new(),
            raised_by_many: is_all_strong(&content),
            group: self.group.clone(),
            children: Vec::new(),
            offset,
            content,
        };
        self.apply_options(&mut item, &rest.join(" "));
        self.finish_item(&mut item, offset);
        item
    }

    fn apply_options(&mut self, item: &mut InputItem, options: &str) {
        for token in options.split_whitespace() {
            if let Some(anchor) = token.strip_prefix('#') {
                if anchor.is_empty()
                    || !anchor
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                {
                    self.problems.push(BodyProblem {
                        kind: DiagnosticKind::InvalidAnchor,
                        offset: item.offset,
                        message: format!("\"{token}\" is not a valid anchor"),
                        hint: "use letters a–z, digits and hyphens, for example {#tidlig-innsats}"
                            .into(),
                    });
                } else {
                    item.anchor = anchor.to_string();
                }
            } else if let Some(list) = token.strip_prefix("fra=") {
                item.organisations
                    .extend(list.split(',').filter(|s| !s.is_empty()).map(String::from));
            } else if let Some(list) = token.strip_prefix("tema=") {
                for theme in list.split(',').filter(|s| !s.is_empty()) {
                    let theme = theme.replace('_', " ");
                    if slugify(&theme).is_empty() {
                        self.problems.push(BodyProblem {
                            kind: DiagnosticKind::ItemThemeWithoutLetters,
                            offset: item.offset,
                            message: super::check::empty_theme_message(&theme),
                            hint: super::check::EMPTY_THEME_HINT.into(),
                        });
                        continue;
                    }
                    item.themes.push(theme);
                }
            } else if token == "mange" {
                item.raised_by_many = true;
            } else {
                self.problems.push(BodyProblem {
                    kind: DiagnosticKind::UnknownItemOption,
                    offset: item.offset,
                    message: format!("unknown input-item option \"{token}\""),
                    hint: "options are #anker, fra=id,id (organisations or people), tema=tema,tema and mange; a paragraph takes .innspill too".into(),
                });
            }
        }
    }
}

/// The option that makes a paragraph of an input section one input item:
/// `Prosa fra referatet. {.innspill fra=kreftforeningen}`.
const PARAGRAPH_MARK: &str = ".innspill";

/// Does this paragraph (its events, `Start` to `End`) end with `{.innspill …}`?
fn is_marked_item(events: &[(Event<'static>, Range<usize>)]) -> bool {
    let content = merge_text(events.iter().map(|(e, _)| e.clone()).collect());
    let (_, options) = split_options(content);
    options.is_some_and(|o| o.split_whitespace().any(|t| t == PARAGRAPH_MARK))
}

/// Index of the `End` that closes the `Start` at `start`.
fn find_end<T>(events: &[(Event<'static>, T)], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len().saturating_sub(1)
}

/// Joins adjacent text events, which the parser splits at some punctuation.
fn merge_text(events: Events) -> Events {
    let mut out: Events = Vec::with_capacity(events.len());
    for event in events {
        if let (Some(Event::Text(prev)), Event::Text(next)) = (out.last_mut(), &event) {
            let joined = format!("{prev}{next}");
            *prev = CowStr::from(joined);
            continue;
        }
        out.push(event);
    }
    out
}

/// Removes a trailing `{…}` from the item's first paragraph and returns it.
fn split_options(mut content: Events) -> (Events, Option<String>) {
    let first_block_end = content
        .iter()
        .position(|e| matches!(e, Event::End(TagEnd::Paragraph)))
        .unwrap_or(content.len());
    let Some(idx) = content[..first_block_end]
        .iter()
        .rposition(|e| matches!(e, Event::Text(_)))
    else {
        return (content, None);
    };
    let Event::Text(text) = &content[idx] else {
        return (content, None);
    };
    let trimmed = text.trim_end();
    if !trimmed.ends_with('}') {
        return (content, None);
    }
    let Some(open) = trimmed.rfind('{') else {
        return (content, None);
    };
    let options = trimmed[open + 1..trimmed.len() - 1].to_string();
    let rest = trimmed[..open].trim_end().to_string();
    content[idx] = Event::Text(CowStr::from(rest));
    (content, Some(options))
}

/// True when the item's first block is entirely bold.
fn is_all_strong(content: &[Event<'_>]) -> bool {
    let inner: Vec<&Event<'_>> = content
        .iter()
        .take_while(|e| !matches!(e, Event::End(TagEnd::Paragraph)))
        .filter(|e| !matches!(e, Event::Start(Tag::Paragraph)))
        .filter(|e| !matches!(e, Event::Text(t) if t.trim().is_empty()))
        .filter(|e| !matches!(e, Event::SoftBreak))
        .collect();
    match (inner.first(), inner.last()) {
        (Some(Event::Start(Tag::Strong)), Some(Event::End(TagEnd::Strong))) => {
            // The first Strong must close at the very end, not earlier.
            let mut depth = 0;
            for (i, e) in inner.iter().enumerate() {
                match e {
                    Event::Start(Tag::Strong) => depth += 1,
                    Event::End(TagEnd::Strong) => {
                        depth -= 1;
                        if depth == 0 && i != inner.len() - 1 {
                            return false;
                        }
                    }
                    _ => {}
                }
            }
            true
        }
        _ => false,
    }
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
