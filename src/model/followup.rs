//! Stage 2, model: what came of a case after its meeting, as the site's
//! author records it in `[[followup]]` (the way Decidim's accountability
//! module keeps results): a date, a status, a text, a source and the input
//! items it answers. Only what a source says is recorded; a case without
//! follow-up has none, never a guessed status.

use chrono::NaiveDate;
use serde::Serialize;

use super::check::Checker;
use super::Body;
use crate::error::DiagnosticKind;
use crate::load::{Parsed, RawCase};

/// Where a follow-up stands, in the agency's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum FollowupStatus {
    /// Mottatt: the agency has received the advice.
    #[serde(rename = "mottatt")]
    Received,
    /// Under arbeid: it is being worked on.
    #[serde(rename = "under-arbeid")]
    InProgress,
    /// Fulgt opp: the advice was followed.
    #[serde(rename = "fulgt-opp")]
    Followed,
    /// Delvis fulgt opp: partly followed.
    #[serde(rename = "delvis-fulgt-opp")]
    PartlyFollowed,
    /// Ikke fulgt opp: not followed.
    #[serde(rename = "ikke-fulgt-opp")]
    NotFollowed,
}

impl FollowupStatus {
    /// Every status, in the order a list of them shows.
    pub const ALL: [FollowupStatus; 5] = [
        Self::Received,
        Self::InProgress,
        Self::Followed,
        Self::PartlyFollowed,
        Self::NotFollowed,
    ];

    /// The words an author writes.
    pub fn written(self) -> &'static str {
        match self {
            Self::Received => "mottatt",
            Self::InProgress => "under arbeid",
            Self::Followed => "fulgt opp",
            Self::PartlyFollowed => "delvis fulgt opp",
            Self::NotFollowed => "ikke fulgt opp",
        }
    }

    /// The status as written (case and hyphens aside), if it is one.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim().to_lowercase().replace('-', " ");
        Self::ALL.into_iter().find(|v| v.written() == s)
    }

    /// The Norwegian words, capitalised.
    pub fn label(self) -> &'static str {
        match self {
            Self::Received => "Mottatt",
            Self::InProgress => "Under arbeid",
            Self::Followed => "Fulgt opp",
            Self::PartlyFollowed => "Delvis fulgt opp",
            Self::NotFollowed => "Ikke fulgt opp",
        }
    }

    /// The URL-safe key, as serialised ("delvis-fulgt-opp").
    pub fn key(self) -> &'static str {
        match self {
            Self::Received => "mottatt",
            Self::InProgress => "under-arbeid",
            Self::Followed => "fulgt-opp",
            Self::PartlyFollowed => "delvis-fulgt-opp",
            Self::NotFollowed => "ikke-fulgt-opp",
        }
    }
}

/// One recorded follow-up of a case.
#[derive(Debug, Clone, PartialEq)]
pub struct Followup {
    /// When it was recorded or happened.
    pub date: NaiveDate,
    /// Where the matter stands.
    pub status: FollowupStatus,
    /// What happened, as the source says it.
    pub text: String,
    /// A URL or a site path where it is recorded.
    pub source: Option<String>,
    /// The anchors of the case's input items it answers.
    pub items: Vec<String>,
}

/// The case's follow-ups, oldest first; each unknown status or item anchor
/// is reported where it is written.
pub(crate) fn followups(
    parsed: &Parsed<RawCase>,
    body: &Body,
    check: &mut Checker,
) -> Vec<Followup> {
    let file = &parsed.file;
    let mut list = Vec::new();
    for f in &parsed.value.followups {
        let written = f.status.get_ref();
        let Some(status) = FollowupStatus::parse(written) else {
            let hint = crate::spelling::did_you_mean(
                written,
                FollowupStatus::ALL.iter().map(|s| s.written()),
            );
            check.push(
                file.error_at(
                    DiagnosticKind::UnknownFollowupStatus,
                    f.status.span(),
                    format!("unknown follow-up status \"{written}\""),
                )
                .hint(format!(
                    "{hint}use \"mottatt\", \"under arbeid\", \"fulgt opp\", \"delvis fulgt opp\" or \"ikke fulgt opp\""
                )),
            );
            continue;
        };
        let Some(date) = check.date(file, &f.date) else {
            continue;
        };
        let mut items = Vec::new();
        for item in &f.items {
            let anchor = item.get_ref().trim().trim_start_matches('#');
            if body.item(anchor).is_some() {
                items.push(anchor.to_string());
                continue;
            }
            let items_here = body.items();
            let hint =
                crate::spelling::did_you_mean(anchor, items_here.iter().map(|i| i.anchor.as_str()));
            check.push(
                file.error_at(
                    DiagnosticKind::UnknownFollowupItem,
                    item.span(),
                    format!("the case has no input item \"{anchor}\""),
                )
                .hint(format!(
                    "{hint}name an item of this case by its anchor, for example \"innspill-1\""
                )),
            );
        }
        let source = f.source.as_ref().and_then(|s| {
            let text = s.get_ref().trim();
            if text.starts_with("https://") || text.starts_with("http://") || text.starts_with('/')
            {
                return Some(text.to_string());
            }
            check.push(
                file.error_at(
                    DiagnosticKind::InvalidFollowupSource,
                    s.span(),
                    format!(
                        "the follow-up source \"{text}\" is neither a web address nor a site path"
                    ),
                )
                .hint("write a full address (https://…) or a path on this site starting with /"),
            );
            None
        });
        list.push(Followup {
            date,
            status,
            text: f.text.trim().to_string(),
            source,
            items,
        });
    }
    // Stable: two on one day keep the order they are written in.
    list.sort_by_key(|f| f.date);
    list
}
