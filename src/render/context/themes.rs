//! The themes index and a theme's page: its cases, papers and input items.

use super::frame::Frame;
use pulldown_cmark::{Event, Tag, TagEnd};

use super::refs::{CaseSummary, ItemSummary, PaperRef, ThemeRef};
use super::{template_type, Contexts, Shared};
use crate::model::{
    plain_text, urls, Block, Body, CaseRef, InputItem, ItemRef, Section, SectionKind,
};
use crate::render::incremental::{note, Dep};

template_type! {
    /// The context of `themes.html`.
    struct ThemesContext {
        #[serde(flatten)]
        frame: Frame,
        themes: Vec<ThemeCount>,
    }
}

template_type! {
    /// A theme with how much it holds.
    struct ThemeCount {
        #[serde(flatten)]
        theme: ThemeRef,
        /// Cases, papers and items.
        count: usize,
        case_count: usize,
    }
}

template_type! {
    /// The context of `theme.html`.
    struct ThemeContext {
        #[serde(flatten)]
        frame: Frame,
        theme: ThemeDetail,
    }
}

template_type! {
    /// A theme and all it holds, newest meeting first.
    struct ThemeDetail {
        name: String,
        slug: String,
        cases: Vec<Shared<CaseSummary>>,
        papers: Vec<PaperRef>,
        items: Vec<ItemSummary>,
        /// The same items by case, each with where it sits in its case.
        item_groups: Vec<ThemeItemGroup>,
    }
}

template_type! {
    /// A case's items tagged with a theme, as the theme's page lists them.
    struct ThemeItemGroup {
        case: Shared<CaseSummary>,
        /// The case itself carries the theme, so every one of its items
        /// belongs to it (inherits it), not only the ones listed.
        case_tagged: bool,
        /// The case page at its first input section
        /// ("…/sak-10-24/#innspill-fra-brukerradet"), where its items start.
        items_path: String,
        items: Vec<ThemeItem>,
    }
}

template_type! {
    /// An item shown out of its case, with what it answers.
    struct ThemeItem {
        #[serde(flatten)]
        item: ItemSummary,
        /// The question it answers: its group's heading, or else the one
        /// question of the questions section ("Problemstilling til
        /// drøfting") asked last before its own section, when it asks one.
        question: Option<String>,
        /// The heading of the section it is in: "Innspill fra Brukerrådet".
        section: Option<String>,
        /// The item it is a sub-item of.
        parent: Option<ParentItem>,
    }
}

template_type! {
    /// The item a sub-item belongs to.
    struct ParentItem {
        /// "3".
        label: String,
        text: String,
    }
}

impl Contexts<'_> {
    /// Every theme with its counts.
    pub(super) fn theme_list(&self) -> Vec<ThemeCount> {
        note(Dep::Themes);
        self.site
            .themes
            .iter()
            .enumerate()
            .map(|(i, t)| {
                note(Dep::Theme(i));
                ThemeCount {
                    theme: self.theme_ref(&t.name),
                    count: t.cases.len() + t.papers.len() + t.items.len(),
                    case_count: t.cases.len(),
                }
            })
            .collect()
    }

    pub(super) fn themes(&self) -> ThemesContext {
        ThemesContext {
            frame: self.frame(
                "Temaer",
                "Saker, innspill og uttalelser etter tema",
                urls::THEMES,
                Vec::new(),
            ),
            themes: self.theme_list(),
        }
    }

    pub(super) fn theme(&self, i: usize) -> ThemeContext {
        note(Dep::Theme(i));
        let t = &self.site.themes[i];
        let path = urls::theme(&t.slug);
        let frame = self.frame(
            &format!("Tema: {}", t.name),
            &format!("Alt om {} fra {}", t.name, self.site.council.short_name),
            &path,
            vec![("Temaer".into(), urls::THEMES.into())],
        );
        let mut cases = t.cases.clone();
        cases.sort();
        let mut items = t.items.clone();
        items.sort();
        ThemeContext {
            frame,
            theme: ThemeDetail {
                name: t.name.clone(),
                slug: t.slug.clone(),
                cases: cases.iter().map(|r| self.case_ref(*r)).collect(),
                papers: t.papers.iter().map(|p| self.paper_ref(*p)).collect(),
                items: items.iter().map(|r| self.item_ref(r)).collect(),
                item_groups: self.item_groups(&items, &cases),
            },
        }
    }

    /// `items` (sorted by case) grouped by case, each group in page order.
    fn item_groups(&self, items: &[ItemRef], tagged_cases: &[CaseRef]) -> Vec<ThemeItemGroup> {
        let mut groups: Vec<ThemeItemGroup> = Vec::new();
        for run in items.chunk_by(|a, b| a.case == b.case) {
            let r = run[0].case;
            // Items cover the place of an item too: headings and questions.
            note(Dep::Items(r));
            let body = &self.site.case(r).body;
            let mut listed: Vec<(usize, ThemeItem)> = run
                .iter()
                .map(|item| {
                    let place = place(body, &item.anchor);
                    (
                        place.order,
                        ThemeItem {
                            item: self.item_ref(item),
                            question: place.question,
                            section: place.section,
                            parent: place.parent,
                        },
                    )
                })
                .collect();
            listed.sort_by_key(|(order, _)| *order);
            groups.push(ThemeItemGroup {
                case: self.case_ref(r),
                case_tagged: tagged_cases.contains(&r),
                items_path: self.items_path(r),
                items: listed.into_iter().map(|(_, item)| item).collect(),
            });
        }
        groups
    }
}

impl Contexts<'_> {
    /// The case page at its first input section
    /// ("…/sak-10-24/#innspill-fra-brukerradet"), or the page itself.
    pub(super) fn items_path(&self, r: CaseRef) -> String {
        let case_path = self.site.case_path(r);
        match self
            .site
            .case(r)
            .body
            .sections
            .iter()
            .find(|s| s.kind == SectionKind::Input)
            .and_then(|s| s.heading.as_ref())
        {
            Some(h) => format!("{case_path}#{}", h.anchor),
            None => case_path,
        }
    }

    /// Every input item of case `r`, sub-items too, in page order, each with
    /// what it answers.
    pub(super) fn case_items(&self, r: CaseRef) -> Vec<ThemeItem> {
        note(Dep::Items(r));
        let body = &self.site.case(r).body;
        body.items()
            .into_iter()
            .map(|item| {
                let place = place(body, &item.anchor);
                ThemeItem {
                    item: self.item_ref(&ItemRef {
                        case: r,
                        anchor: item.anchor.clone(),
                    }),
                    question: place.question,
                    section: place.section,
                    parent: place.parent,
                }
            })
            .collect()
    }
}

impl ThemeItem {
    /// The question it answers, when its case asks one it can name.
    pub(super) fn question(&self) -> Option<&str> {
        self.question.as_deref()
    }
}

/// Where an item sits in its case's body.
#[derive(Debug, Default)]
struct Place {
    /// Its position in page order.
    order: usize,
    question: Option<String>,
    section: Option<String>,
    parent: Option<ParentItem>,
}

/// Finds the item `anchor` in `body`; a default place if it is gone.
fn place(body: &Body, anchor: &str) -> Place {
    fn find<'a>(
        items: &'a [InputItem],
        anchor: &str,
        parent: Option<&'a InputItem>,
        order: &mut usize,
    ) -> Option<(&'a InputItem, Option<&'a InputItem>)> {
        for item in items {
            *order += 1;
            if item.anchor == anchor {
                return Some((item, parent));
            }
            if let Some(found) = find(&item.children, anchor, Some(item), order) {
                return Some(found);
            }
        }
        None
    }
    let mut order = 0;
    // The questions an input section answers are the ones asked last before it.
    let mut asked: Option<&Section> = None;
    for section in body.sections.iter() {
        if section.kind == SectionKind::Questions {
            asked = Some(section);
        }
        for block in &section.blocks {
            let Block::Items(items) = block else { continue };
            if let Some((item, parent)) = find(items, anchor, None, &mut order) {
                return Place {
                    order,
                    question: item.group.clone().or_else(|| asked.and_then(only_question)),
                    section: section.heading.as_ref().map(|h| h.text.clone()),
                    parent: parent.map(|p| ParentItem {
                        label: p.label.clone(),
                        text: p.text.clone(),
                    }),
                };
            }
        }
    }
    Place::default()
}

/// The question of a questions section ("Problemstilling til drøfting")
/// when it asks exactly one: a single paragraph or top-level list item.
fn only_question(section: &Section) -> Option<String> {
    let mut questions: Vec<String> = Vec::new();
    for block in &section.blocks {
        let Block::Markdown(events) = block else {
            return None;
        };
        let mut depth = 0usize;
        let mut current: Option<Vec<Event<'static>>> = None;
        for event in events.iter() {
            match event {
                Event::Start(Tag::List(_)) => depth += 1,
                Event::End(TagEnd::List(_)) => depth = depth.saturating_sub(1),
                Event::Start(Tag::Item) if depth == 1 => current = Some(Vec::new()),
                Event::Start(Tag::Paragraph) if depth == 0 => current = Some(Vec::new()),
                Event::End(TagEnd::Item) if depth == 1 => {
                    questions.extend(current.take().map(|e| plain_text(&e)))
                }
                Event::End(TagEnd::Paragraph) if depth == 0 => {
                    questions.extend(current.take().map(|e| plain_text(&e)))
                }
                other => {
                    if let Some(unit) = current.as_mut() {
                        unit.push(other.clone());
                    }
                }
            }
        }
    }
    match questions.as_slice() {
        [one] if !one.is_empty() => Some(one.clone()),
        _ => None,
    }
}

#[cfg(test)]
pub(super) fn documented() -> Vec<super::TypeDoc> {
    super::documented![
        ThemesContext,
        ThemeCount,
        ThemeContext,
        ThemeDetail,
        ThemeItemGroup,
        ThemeItem,
        ParentItem
    ]
}

#[cfg(test)]
mod place_tests {
    use super::*;

    fn body(text: &str) -> Body {
        let (body, problems) = Body::parse(text);
        assert!(problems.is_empty(), "{problems:?}");
        body
    }

    fn anchor_of(body: &Body, text: &str) -> String {
        fn find(items: &[InputItem], text: &str) -> Option<String> {
            items.iter().find_map(|i| {
                (i.text == text)
                    .then(|| i.anchor.clone())
                    .or_else(|| find(&i.children, text))
            })
        }
        body.sections
            .iter()
            .flat_map(|s| &s.blocks)
            .find_map(|b| match b {
                Block::Items(items) => find(items, text),
                _ => None,
            })
            .expect("the item is in the body")
    }

    #[test]
    fn an_ungrouped_item_answers_the_cases_only_question() {
        let b = body(
            "## Problemstillinger til drøfting\n\n- Hva mener rådet om retningslinjene?\n\n\
             ## Innspill fra Brukerrådet\n\n- Første\n- Pårørende\n",
        );
        let place = place(&b, &anchor_of(&b, "Pårørende"));
        assert_eq!(
            place.question.as_deref(),
            Some("Hva mener rådet om retningslinjene?")
        );
        assert_eq!(place.section.as_deref(), Some("Innspill fra Brukerrådet"));
        assert_eq!(place.order, 2);
        assert!(place.parent.is_none());
    }

    #[test]
    fn several_questions_name_none_and_a_group_heading_wins() {
        let b = body(
            "## Problemstillinger til drøfting\n\n- Spørsmål én?\n- Spørsmål to?\n\n\
             ## Innspill fra Brukerrådet\n\n- Løst\n\n### Spørsmål to?\n\n- Gruppert\n",
        );
        assert_eq!(only_question(&b.sections[0]), None);
        assert_eq!(place(&b, &anchor_of(&b, "Løst")).question, None);
        assert_eq!(
            place(&b, &anchor_of(&b, "Gruppert")).question.as_deref(),
            Some("Spørsmål to?")
        );
    }

    #[test]
    fn an_item_answers_the_questions_asked_last_before_its_section() {
        let b = body(
            "## Problemstilling (strategi)\n\nHva om strategien?\n\n\
             ## Innspill fra Brukerrådet (strategi)\n\n- Om strategi\n\n\
             ## Problemstilling (endring)\n\nHva må endres?\n\n\
             ## Innspill fra Brukerrådet (endring)\n\n- Om endring\n",
        );
        for (item, question) in [
            ("Om strategi", "Hva om strategien?"),
            ("Om endring", "Hva må endres?"),
        ] {
            assert_eq!(
                place(&b, &anchor_of(&b, item)).question.as_deref(),
                Some(question)
            );
        }
    }

    #[test]
    fn a_sub_item_names_its_parent() {
        let b = body("## Innspill fra Brukerrådet\n\n- Foreldre\n  - Pårørende\n");
        let place = place(&b, &anchor_of(&b, "Pårørende"));
        let parent = place.parent.expect("a parent");
        assert_eq!(
            (parent.label.as_str(), parent.text.as_str()),
            ("1", "Foreldre")
        );
        assert_eq!(place.order, 2);
    }

    #[test]
    fn a_single_paragraph_is_the_question_too() {
        let b = body(
            "## Problemstilling\n\nHva bør prioriteres?\n\n## Innspill fra Brukerrådet\n\n- A\n",
        );
        assert_eq!(
            only_question(&b.sections[0]).as_deref(),
            Some("Hva bør prioriteres?")
        );
    }

    #[test]
    fn a_gone_item_has_no_place() {
        let b = body("## Innspill fra Brukerrådet\n\n- A\n");
        let gone = place(&b, "innspill-9");
        assert_eq!((gone.order, gone.question, gone.section), (0, None, None));
        assert!(gone.parent.is_none());
    }
}
