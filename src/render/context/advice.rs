//! The council's advice (`/rad/`): every input item, by meeting and case,
//! under the question it answers, each linked to its anchor on its case page.

use super::frame::Frame;
use super::refs::{CaseSummary, MeetingSummary};
use super::themes::ThemeItem;
use super::{template_type, Contexts, Shared};
use crate::model::{urls, CaseRef};
use crate::render::incremental::{note, Dep};

template_type! {
    /// The context of `advice.html`.
    struct AdviceContext {
        #[serde(flatten)]
        frame: Frame,
        /// The input items listed, sub-items included.
        count: usize,
        /// The cases that have input items.
        case_count: usize,
        /// The meetings with input, newest first.
        meetings: Vec<AdviceMeeting>,
    }
}

template_type! {
    /// A meeting's cases with input, in agenda order.
    struct AdviceMeeting {
        meeting: Shared<MeetingSummary>,
        cases: Vec<AdviceCase>,
    }
}

template_type! {
    /// A case's input items, grouped by the question they answer.
    struct AdviceCase {
        case: Shared<CaseSummary>,
        /// The case page at its first input section
        /// ("…/sak-10-24/#innspill-fra-brukerradet"), where its items start.
        items_path: String,
        /// Runs of items in page order; one run with a null question where
        /// the case asks none the items can be tied to.
        questions: Vec<AdviceQuestion>,
    }
}

template_type! {
    /// Items in a row that answer one question.
    struct AdviceQuestion {
        /// The question; null for items that answer none named.
        question: Option<String>,
        items: Vec<ThemeItem>,
    }
}

impl Contexts<'_> {
    /// Every input item of the site, newest meeting first.
    pub(super) fn advice(&self) -> AdviceContext {
        let site = self.site;
        note(Dep::Meetings);
        let frame = self.frame(
            &format!("Råd fra {}", site.council.short_name),
            &format!(
                "Alle innspillene fra {}, etter møte og sak",
                site.council.short_name
            ),
            urls::ADVICE,
            Vec::new(),
        );
        let mut count = 0;
        let mut case_count = 0;
        let mut meetings = Vec::new();
        for (m, meeting) in site.meetings.iter().enumerate() {
            note(Dep::MeetingRef(m));
            let mut cases = Vec::new();
            for c in 0..meeting.cases.len() {
                let r = CaseRef {
                    meeting: m,
                    case: c,
                };
                // Noted for an empty case too: its first item adds it here.
                let items = self.case_items(r);
                if items.is_empty() {
                    continue;
                }
                count += items.len();
                case_count += 1;
                cases.push(AdviceCase {
                    case: self.case_ref(r),
                    items_path: self.items_path(r),
                    questions: by_question(items),
                });
            }
            if !cases.is_empty() {
                meetings.push(AdviceMeeting {
                    meeting: self.meeting_ref(m),
                    cases,
                });
            }
        }
        AdviceContext {
            frame,
            count,
            case_count,
            meetings,
        }
    }
}

/// `items` in runs of one question, in their order.
fn by_question(items: Vec<ThemeItem>) -> Vec<AdviceQuestion> {
    let mut runs: Vec<AdviceQuestion> = Vec::new();
    for item in items {
        match runs.last_mut() {
            Some(run) if run.question.as_deref() == item.question() => run.items.push(item),
            _ => runs.push(AdviceQuestion {
                question: item.question().map(str::to_string),
                items: vec![item],
            }),
        }
    }
    runs
}

#[cfg(test)]
pub(super) fn documented() -> Vec<super::TypeDoc> {
    super::documented![AdviceContext, AdviceMeeting, AdviceCase, AdviceQuestion]
}
