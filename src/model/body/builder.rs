//! Stage 2, model: a body's sections and input items, built from its
//! Markdown events in one pass (anchors, groups, options in braces).

use super::*;

#[derive(Default)]
pub(super) struct Builder {
    pub(super) sections: Vec<Section>,
    pub(super) problems: Vec<BodyProblem>,
    pub(super) anchors: BTreeSet<String>,
    pub(super) top_count: usize,
    pub(super) group: Option<String>,
}

impl Builder {
    pub(super) fn run(&mut self, events: Vec<(Event<'static>, Range<usize>)>) {
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
                fixed: false,
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
            fixed: false,
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
                    item.fixed = true;
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
                            message: crate::model::check::empty_theme_message(&theme),
                            hint: crate::model::check::EMPTY_THEME_HINT.into(),
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
