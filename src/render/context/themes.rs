//! The themes index and a theme's page: its cases, papers and input items.

use super::frame::Frame;
use super::refs::{CaseSummary, ItemSummary, PaperRef, ThemeRef};
use super::{template_type, Contexts, Shared};
use crate::model::urls;
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
            },
        }
    }
}

#[cfg(test)]
pub(super) fn documented() -> Vec<super::TypeDoc> {
    super::documented![ThemesContext, ThemeCount, ThemeContext, ThemeDetail]
}
