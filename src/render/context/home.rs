//! The home page: the council, the newest meeting with its cases and its
//! most notable advice, the themes and the newest papers.

use super::frame::Frame;
use super::refs::{CaseSummary, ItemSummary, MeetingSummary, PaperRef};
use super::themes::ThemeCount;
use super::{template_type, Contexts, Shared};
use crate::model::{urls, CaseRef, ItemRef};
use crate::render::incremental::{note, Dep};

template_type! {
    /// The context of `index.html`.
    struct HomeContext {
        #[serde(flatten)]
        frame: Frame,
        council: Council,
        /// The home page's own text (`content/_index.md`).
        intro_html: String,
        /// The newest meeting, if there is one.
        latest_meeting: Option<MeetingWithCases>,
        /// Up to six top-level items of the newest meeting, those raised by
        /// many or attributed first.
        latest_advice: Vec<ItemSummary>,
        themes: Vec<ThemeCount>,
        /// The three newest papers.
        papers: Vec<PaperRef>,
    }
}

template_type! {
    /// The council, as the home page presents it.
    struct Council {
        name: String,
        description_html: String,
    }
}

template_type! {
    /// A meeting with its cases, as the home page and the meetings list show it.
    struct MeetingWithCases {
        #[serde(flatten)]
        meeting: Shared<MeetingSummary>,
        cases: Vec<Shared<CaseSummary>>,
    }
}

impl Contexts<'_> {
    /// A meeting with its cases, in order.
    pub(super) fn meeting_with_cases(&self, i: usize) -> MeetingWithCases {
        MeetingWithCases {
            meeting: self.meeting_ref(i),
            cases: (0..self.site.meetings[i].cases.len())
                .map(|c| {
                    self.case_ref(CaseRef {
                        meeting: i,
                        case: c,
                    })
                })
                .collect(),
        }
    }

    pub(super) fn home(&self) -> HomeContext {
        let site = self.site;
        let frame = self.frame(
            &site.home.title,
            &site.home.description,
            urls::HOME,
            Vec::new(),
        );
        let council = Council {
            name: site.council.name.clone(),
            description_html: self.html(&site.council_description),
        };
        let intro_html = self.html(&site.home.body);
        note(Dep::Meetings);
        let latest_meeting = (!site.meetings.is_empty()).then(|| self.meeting_with_cases(0));
        // The newest meeting's top-level advice, items raised by many or attributed first.
        let mut latest_advice: Vec<(bool, ItemRef)> = site
            .all_cases()
            .take_while(|r| r.meeting == 0)
            .flat_map(|r| {
                note(Dep::MeetingRef(0));
                note(Dep::Items(r));
                site.case(r)
                    .body
                    .items()
                    .into_iter()
                    .filter(|i| !i.label.contains('.'))
                    .map(move |i| {
                        let notable = i.raised_by_many || !i.organisations.is_empty();
                        (
                            !notable,
                            ItemRef {
                                case: r,
                                anchor: i.anchor.clone(),
                            },
                        )
                    })
            })
            .collect();
        latest_advice.sort_by_key(|(plain, _)| *plain);
        let latest_advice = latest_advice
            .iter()
            .take(6)
            .map(|(_, r)| self.item_ref(r))
            .collect();
        let themes = self.theme_list();
        note(Dep::Papers);
        let papers = (0..site.papers.len().min(3))
            .map(|i| self.paper_ref(i))
            .collect();
        HomeContext {
            frame,
            council,
            intro_html,
            latest_meeting,
            latest_advice,
            themes,
            papers,
        }
    }
}

#[cfg(test)]
pub(super) fn documented() -> Vec<super::TypeDoc> {
    super::documented![HomeContext, Council, MeetingWithCases]
}
