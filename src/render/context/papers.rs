//! The papers list, a position paper's page, and plain pages and sections.

use super::frame::Frame;
use super::refs::{PaperRef, ThemeRef};
use super::{template_type, Contexts};
use crate::model::{Body, SectionKind};
use crate::render::format::date_long;
use crate::render::incremental::{note, Dep};

template_type! {
    /// The context of `papers.html`.
    struct PapersContext {
        #[serde(flatten)]
        frame: Frame,
        /// The section's own text.
        intro_html: String,
        /// Every paper, the newest first.
        papers: Vec<PaperRef>,
    }
}

template_type! {
    /// The context of `paper.html`.
    struct PaperContext {
        #[serde(flatten)]
        frame: Frame,
        paper: PaperDetail,
    }
}

template_type! {
    /// All of a paper.
    struct PaperDetail {
        #[serde(flatten)]
        summary: PaperRef,
        body_html: String,
        themes: Vec<ThemeRef>,
        /// The paper's headed sections, its summaries ("Kort sammendrag")
        /// first and the rest in order: a reader's first stop on a long page.
        contents: Vec<ContentsEntry>,
    }
}

template_type! {
    /// A section of a paper, as its contents list links to it.
    struct ContentsEntry {
        title: String,
        /// The heading's id.
        anchor: String,
        /// The paper's summary.
        summary: bool,
    }
}

template_type! {
    /// The context of `page.html`, `section.html` (a page with pages
    /// below it) and a page's own `template`.
    struct PageContext {
        #[serde(flatten)]
        frame: Frame,
        content_html: String,
        /// "5. juni 2024".
        date: Option<String>,
        /// The pages below it.
        children: Vec<ChildPage>,
    }
}

template_type! {
    /// A page below a section.
    struct ChildPage {
        title: String,
        path: String,
        description: String,
    }
}

impl Contexts<'_> {
    pub(super) fn papers(&self) -> PapersContext {
        let section = self.site.papers_section.as_ref().expect("checked");
        let frame = self.frame(
            &section.title,
            &section.description,
            &section.path,
            Vec::new(),
        );
        let intro_html = self.html(&section.body);
        note(Dep::Papers);
        PapersContext {
            frame,
            intro_html,
            papers: (0..self.site.papers.len())
                .map(|i| self.paper_ref(i))
                .collect(),
        }
    }

    pub(super) fn paper(&self, i: usize) -> PaperContext {
        note(Dep::Paper(i));
        let p = &self.site.papers[i];
        let crumbs = self
            .site
            .papers_section
            .as_ref()
            .map(|s| vec![(s.title.clone(), s.path.clone())])
            .unwrap_or_default();
        PaperContext {
            frame: self.frame(&p.title, &p.description, &p.path, crumbs),
            paper: PaperDetail {
                summary: self.paper_ref(i),
                body_html: self.html(&p.body),
                themes: p.themes.iter().map(|t| self.theme_ref(t)).collect(),
                contents: contents(&p.body),
            },
        }
    }

    pub(super) fn page(&self, i: usize) -> PageContext {
        let p = &self.site.pages[i];
        let parent: Vec<(String, String)> = self
            .site
            .pages
            .iter()
            .filter(|s| s.children.contains(&i))
            .map(|s| (s.title.clone(), s.path.clone()))
            .collect();
        PageContext {
            frame: self.frame(&p.title, &p.description, &p.path, parent),
            content_html: self.html(&p.body),
            date: p.date.map(date_long),
            children: p
                .children
                .iter()
                .map(|c| {
                    let c = &self.site.pages[*c];
                    ChildPage {
                        title: c.title.clone(),
                        path: c.path.clone(),
                        description: c.description.clone(),
                    }
                })
                .collect(),
        }
    }
}

/// The headed sections of `body`, summaries first.
fn contents(body: &Body) -> Vec<ContentsEntry> {
    let mut entries: Vec<ContentsEntry> = body
        .sections
        .iter()
        .filter_map(|s| {
            s.heading.as_ref().map(|h| ContentsEntry {
                title: h.text.clone(),
                anchor: h.anchor.clone(),
                summary: s.kind == SectionKind::Summary,
            })
        })
        .collect();
    // Stable: the summaries keep their order, and so does the rest.
    entries.sort_by_key(|e| !e.summary);
    entries
}

#[cfg(test)]
pub(super) fn documented() -> Vec<super::TypeDoc> {
    super::documented![
        PapersContext,
        PaperContext,
        PaperDetail,
        ContentsEntry,
        PageContext,
        ChildPage
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_leads_the_contents_and_the_rest_keep_their_order() {
        let (body, _) = Body::parse(
            "Innledning.\n\n## Først\n\nA.\n\n## Så\n\nB.\n\n## Kort sammendrag\n\n1. C\n",
        );
        let entries = contents(&body);
        let titles: Vec<(&str, bool)> = entries
            .iter()
            .map(|e| (e.title.as_str(), e.summary))
            .collect();
        assert_eq!(
            titles,
            [("Kort sammendrag", true), ("Først", false), ("Så", false)]
        );
        assert_eq!(entries[0].anchor, "kort-sammendrag");
    }
}
