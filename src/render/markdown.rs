//! HTML for parsed bodies: sections, question groups and addressable input items.
//!
//! The events were parsed once by `model::body`; this only writes them out.
//! Raw HTML written in Markdown is sanitised with ammonia unless the site
//! trusts it (`trust_raw_html = true`).

use std::collections::BTreeMap;

use pulldown_cmark::{html, Event, HeadingLevel, Tag, TagEnd};

use super::item_extras::{self, ItemSource};
use crate::model::{Block, Body, InputItem, Organisation, Person, PersonLinks, SectionKind};

/// What the writer needs besides the body.
pub struct HtmlOptions<'a> {
    /// Pass raw HTML through.
    pub trust_raw_html: bool,
    /// For naming the organisations an item is attributed to.
    pub organisations: &'a BTreeMap<String, Organisation>,
    /// For naming the people an item is attributed to (`fra=` takes a person's id too).
    pub people: &'a BTreeMap<String, Person>,
    /// Who has a page of their own, to link their name.
    pub person_links: &'a BTreeMap<String, PersonLinks>,
    /// Levels to push every heading down by, when the body sits under a heading of the page.
    pub heading_shift: u8,
    /// The day the body is of (a meeting's), for names as they were then.
    pub date: Option<chrono::NaiveDate>,
    /// The case the body is of: its items get a citation and a deep-link
    /// context, and its background folds on small screens.
    pub item_source: Option<&'a ItemSource>,
}

/// Writes events as HTML, sanitising raw HTML unless trusted.
pub fn events_html(events: &[Event<'static>], trust_raw_html: bool) -> String {
    shifted_html(events, trust_raw_html, 0)
}

fn shift(level: HeadingLevel, by: u8) -> HeadingLevel {
    let n = (level as usize + by as usize).min(6);
    HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
}

/// Writes events as HTML with every heading `by` levels deeper.
fn shifted_html(events: &[Event<'static>], trust_raw_html: bool, by: u8) -> String {
    let mut out = String::new();
    if by == 0 {
        html::push_html(&mut out, events.iter().cloned());
    } else {
        html::push_html(
            &mut out,
            events.iter().cloned().map(|e| match e {
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => Event::Start(Tag::Heading {
                    level: shift(level, by),
                    id,
                    classes,
                    attrs,
                }),
                Event::End(TagEnd::Heading(level)) => Event::End(TagEnd::Heading(shift(level, by))),
                other => other,
            }),
        );
    }
    let has_raw = events
        .iter()
        .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
    let out = if has_raw && !trust_raw_html {
        ammonia::Builder::default()
            .add_generic_attributes(["id", "class", "lang"])
            .clean(&out)
            .to_string()
    } else {
        out
    };
    // After sanitising, which would strip the region's attributes.
    super::tables::in_scrolling_regions(out)
}

/// The whole body: each headed section as `<section>` with an `<h2>`.
///
/// The sections are not named (no `aria-labelledby`), so they are not region
/// landmarks: a meeting's minutes would otherwise add one landmark per
/// section, and the headings already let a screen reader move between them.
///
/// A case's background sections before its input are wrapped in an open
/// `<details class="bakgrunn">`, for the theme's script to fold on small
/// screens.
pub fn body_html(body: &Body, opts: &HtmlOptions<'_>) -> String {
    let mut out = String::new();
    let folds = match opts.item_source {
        Some(_) => super::background::folds(&body.sections),
        None => Vec::new(),
    };
    for (i, section) in body.sections.iter().enumerate() {
        if let Some(fold) = folds.iter().find(|f| f.from == i) {
            out.push_str(&super::background::open_html(*fold, &body.sections));
        }
        let blocks = blocks_html(&section.blocks, opts);
        match &section.heading {
            None => out.push_str(&blocks),
            Some(h) => {
                let class = match section.kind {
                    SectionKind::Intro | SectionKind::Other => "del",
                    SectionKind::Background => "del del-bakgrunn",
                    SectionKind::Questions => "del del-problemstillinger",
                    SectionKind::Input => "del del-innspill",
                    SectionKind::Reply => "del del-tilbakemelding",
                    SectionKind::Summary => "del del-sammendrag",
                };
                out.push_str(&format!(
                    "<section class=\"{class}\"><h{n} id=\"{id}\">{}</h{n}>{blocks}</section>",
                    events_html(&h.events, opts.trust_raw_html),
                    id = h.anchor,
                    n = 2 + opts.heading_shift,
                ));
            }
        }
        if folds.iter().any(|f| f.to == i + 1) {
            out.push_str(super::background::CLOSE_HTML);
        }
    }
    out
}

fn blocks_html(blocks: &[Block], opts: &HtmlOptions<'_>) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Markdown(events) => out.push_str(&shifted_html(
                events,
                opts.trust_raw_html,
                opts.heading_shift,
            )),
            Block::Group(h) => out.push_str(&format!(
                "<h{n} id=\"{}\" class=\"sporsmal\">{}</h{n}>",
                h.anchor,
                events_html(&h.events, opts.trust_raw_html),
                n = 3 + opts.heading_shift,
            )),
            Block::Items(items) => out.push_str(&items_html(items, None, opts)),
        }
    }
    out
}

fn items_html(items: &[InputItem], parent: Option<&InputItem>, opts: &HtmlOptions<'_>) -> String {
    let mut out = String::from("<ul class=\"innspill-liste\">");
    for item in items {
        let class = if item.raised_by_many {
            "innspill innspill-mange"
        } else {
            "innspill"
        };
        out.push_str(&format!("<li id=\"{}\" class=\"{class}\">", item.anchor));
        if let Some(source) = opts.item_source {
            out.push_str(&item_extras::context_html(item, parent, source));
        }
        out.push_str(&item_extras::number_html(item));
        let content = events_html(&item.content, opts.trust_raw_html);
        // A tight list item has bare inline content; give it a paragraph like a loose one.
        if item.content.iter().any(is_block_start) {
            out.push_str(&content);
        } else {
            out.push_str(&format!("<p>{}</p>", content.trim_end()));
        }
        let mut meta = Vec::new();
        if item.raised_by_many {
            meta.push("<span class=\"merke\">Tatt opp av mange</span>".to_string());
        }
        if !item.organisations.is_empty() {
            let names: Vec<String> = item
                .organisations
                .iter()
                .map(|id| attribution(id, opts))
                .collect();
            meta.push(format!("Fra {}", names.join(", ")));
        }
        meta.push(item_extras::controls_html(item, opts.item_source));
        out.push_str(&format!(
            "<div class=\"innspill-meta\">{}</div>",
            meta.join(" ")
        ));
        if !item.children.is_empty() {
            out.push_str(&items_html(&item.children, Some(item), opts));
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

/// One name of a `fra=`: an organisation's, or a person's (linked when they
/// have a page), as they were named on the body's day.
fn attribution(id: &str, opts: &HtmlOptions<'_>) -> String {
    match (opts.organisations.get(id), opts.people.get(id)) {
        (None, Some(person)) => {
            let name = opts
                .date
                .map_or(person.name.as_str(), |d| person.name_at(d));
            let has_page = opts
                .person_links
                .get(id)
                .is_some_and(|l| !l.holdings.is_empty());
            match has_page {
                true => format!(
                    "<a href=\"{}\">{}</a>",
                    crate::model::urls::person(id),
                    escape(name)
                ),
                false => escape(name),
            }
        }
        (org, _) => {
            let name = org.map_or(id, |o| match opts.date {
                Some(d) => o.name_at(d),
                None => o.name.as_str(),
            });
            format!(
                "<a href=\"{}\">{}</a>",
                crate::model::urls::organisation(id),
                escape(name)
            )
        }
    }
}

fn is_block_start(event: &Event<'_>) -> bool {
    use pulldown_cmark::Tag;
    matches!(
        event,
        Event::Start(
            Tag::Paragraph
                | Tag::List(_)
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::Table(_)
                | Tag::Heading { .. }
        )
    )
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(md: &str, trust: bool) -> String {
        let (body, _) = Body::parse(md);
        let orgs = BTreeMap::new();
        body_html(
            &body,
            &HtmlOptions {
                trust_raw_html: trust,
                organisations: &orgs,
                people: &BTreeMap::new(),
                person_links: &BTreeMap::new(),
                heading_shift: 0,
                date: None,
                item_source: None,
            },
        )
    }

    #[test]
    fn input_items_are_addressable() {
        let html = render(
            "## Innspill fra Brukerrådet\n\n- En\n  - To\n- **Tre**\n",
            false,
        );
        insta::assert_snapshot!(html);
    }

    #[test]
    fn headings_shift_under_a_page_heading() {
        let (body, _) = Body::parse("## Nytt\n\n### Sak\n\nTekst\n");
        let orgs = BTreeMap::new();
        let opts = HtmlOptions {
            trust_raw_html: false,
            organisations: &orgs,
            people: &BTreeMap::new(),
            person_links: &BTreeMap::new(),
            heading_shift: 1,
            date: None,
            item_source: None,
        };
        let html = body_html(&body, &opts);
        assert!(html.contains("<h3 id=\"nytt\">Nytt</h3>"), "{html}");
        assert!(html.contains("<h4>Sak</h4>"), "{html}");
    }

    #[test]
    fn raw_html_is_sanitised_unless_trusted() {
        let md = "Tekst <script>alert(1)</script> slutt\n";
        let html = render(md, false);
        assert!(!html.contains("<script"), "{html}");
        assert!(render(md, true).contains("<script>"));
    }
}
