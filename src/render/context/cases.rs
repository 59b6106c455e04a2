//! A case's page (its texts, attachments, earlier and later treatment) and
//! the page of an attachment's text rendition.

use super::frame::Frame;
use super::outcomes::Outcome;
use super::refs::{CaseSummary, FileRef, OrganisationRef};
use super::{template_type, Contexts, Shared};
use crate::model::{urls, CaseRef, Earlier, SectionKind};
use crate::render::format::date_long;
use crate::render::incremental::{note, Dep};
use crate::render::item_extras::ItemSource;

template_type! {
    /// The context of `case.html`.
    struct CaseContext {
        #[serde(flatten)]
        frame: Frame,
        case: CaseDetail,
    }
}

template_type! {
    /// All of a case.
    struct CaseDetail {
        #[serde(flatten)]
        summary: Shared<CaseSummary>,
        /// "Fremmet av", as the unit was named on the meeting's day.
        submitted_by: Option<OrganisationRef>,
        /// The unit and the bodies above it, the top first.
        submitted_by_path: Option<Vec<OrganisationRef>>,
        body_html: String,
        /// The body has background that folds on small screens, so the page
        /// loads the script that folds it.
        folds_background: bool,
        /// The id of the first input section's heading, for "Gå til innspillene".
        items_anchor: Option<String>,
        attachments: Vec<AttachmentRef>,
        /// Earlier treatment of the same matter.
        earlier: Vec<EarlierTreatment>,
        /// The cases that name this one as earlier treatment.
        later: Vec<Shared<CaseSummary>>,
        /// What is known of the outcome.
        outcome: Outcome,
    }
}

template_type! {
    /// An attachment, as its case lists it.
    struct AttachmentRef {
        title: String,
        kind: Option<String>,
        file: Option<FileRef>,
        /// The page of its text rendition.
        text_path: Option<String>,
    }
}

/// An earlier treatment: a case on this site, a case it does not have, or
/// one described in words.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(untagged)]
pub(super) enum EarlierTreatment {
    /// A case on this site, with its meeting's date.
    Case(EarlierCase),
    /// A case the site does not have, by its number: `path` is null.
    Unknown(EarlierUnknown),
    /// A treatment described in words: `path` is null.
    Text(EarlierText),
}

template_type! {
    /// An earlier case on this site.
    struct EarlierCase {
        #[serde(flatten)]
        case: Shared<CaseSummary>,
        date_text: String,
    }
}

template_type! {
    /// An earlier case the site does not have.
    struct EarlierUnknown {
        /// "Sak 12/24".
        title: String,
        /// Always null.
        path: Option<String>,
    }
}

template_type! {
    /// An earlier treatment described in words.
    struct EarlierText {
        title: String,
        /// Always null.
        path: Option<String>,
        date_text: Option<String>,
    }
}

template_type! {
    /// The context of `attachment.html`.
    struct AttachmentContext {
        #[serde(flatten)]
        frame: Frame,
        attachment: AttachmentDetail,
        case: Shared<CaseSummary>,
    }
}

template_type! {
    /// An attachment with its text rendition.
    struct AttachmentDetail {
        title: String,
        kind: Option<String>,
        body_html: String,
        file: Option<FileRef>,
    }
}

impl Contexts<'_> {
    pub(super) fn case(&self, r: CaseRef) -> CaseContext {
        note(Dep::Case(r));
        note(Dep::MeetingRef(r.meeting));
        note(Dep::Later(r));
        let site = self.site;
        let c = site.case(r);
        let m = &site.meetings[r.meeting];
        let title = format!("Sak {} {}", c.number, c.title);
        let mut crumbs = self.meetings_crumb();
        crumbs.push((format!("Møte {}", m.code()), m.path()));
        let frame = self.frame(&title, &c.description, &site.case_path(r), crumbs);
        let earlier = c
            .earlier
            .iter()
            .map(|e| match e {
                Earlier::Case {
                    target: Some((mi, ci)),
                    ..
                } => {
                    let target = CaseRef {
                        meeting: *mi,
                        case: *ci,
                    };
                    let case = self.case_ref(target);
                    note(Dep::MeetingRef(*mi));
                    EarlierTreatment::Case(EarlierCase {
                        case,
                        date_text: date_long(site.meetings[*mi].date),
                    })
                }
                Earlier::Case { number, .. } => EarlierTreatment::Unknown(EarlierUnknown {
                    title: format!("Sak {number}"),
                    path: None,
                }),
                Earlier::Text { date, text } => EarlierTreatment::Text(EarlierText {
                    title: text.clone(),
                    path: None,
                    date_text: date.map(date_long),
                }),
            })
            .collect();
        let source = ItemSource {
            case: title.clone(),
            meeting: format!(
                "{}, møte {}, {}",
                site.council.short_name,
                m.code(),
                date_long(m.date)
            ),
            permalink: format!("{}{}", site.config.base_url, site.case_path(r)),
        };
        let later = site.later.get(&r).map(Vec::as_slice).unwrap_or_default();
        let case = CaseDetail {
            summary: self.case_ref(r),
            submitted_by: c
                .submitted_by
                .as_deref()
                .map(|u| self.org_ref_at(u, m.date)),
            submitted_by_path: c
                .submitted_by
                .as_deref()
                .map(|u| self.unit_path_at(u, m.date)),
            body_html: self.html_of_case(&c.body, m.date, &source),
            folds_background: !crate::render::background::folds(&c.body.sections).is_empty(),
            items_anchor: c
                .body
                .sections
                .iter()
                .find(|s| s.kind == SectionKind::Input)
                .and_then(|s| s.heading.as_ref())
                .map(|h| h.anchor.clone()),
            attachments: c
                .attachments
                .iter()
                .map(|a| AttachmentRef {
                    title: a.title.clone(),
                    kind: a.kind.clone(),
                    file: a
                        .file
                        .as_ref()
                        .map(|(path, size)| FileRef::new(path, *size)),
                    text_path: a
                        .text
                        .as_ref()
                        .map(|(slug, _)| urls::attachment(&site.case_path(r), slug)),
                })
                .collect(),
            earlier,
            later: later.iter().map(|other| self.case_ref(*other)).collect(),
            outcome: self.outcome(r),
        };
        CaseContext { frame, case }
    }

    pub(super) fn attachment(&self, r: CaseRef, i: usize) -> AttachmentContext {
        note(Dep::Case(r));
        note(Dep::MeetingRef(r.meeting));
        let site = self.site;
        let c = site.case(r);
        let a = &c.attachments[i];
        let (slug, body) = a.text.as_ref().expect("checked");
        let m = &site.meetings[r.meeting];
        let mut crumbs = self.meetings_crumb();
        crumbs.push((format!("Møte {}", m.code()), m.path()));
        crumbs.push((format!("Sak {}", c.number), site.case_path(r)));
        let path = urls::attachment(&site.case_path(r), slug);
        AttachmentContext {
            frame: self.frame(&a.title, "", &path, crumbs),
            attachment: AttachmentDetail {
                title: a.title.clone(),
                kind: a.kind.clone(),
                body_html: self.html(body),
                file: a.file.as_ref().map(|(p, size)| FileRef::new(p, *size)),
            },
            case: self.case_ref(r),
        }
    }
}

#[cfg(test)]
pub(super) fn documented() -> Vec<super::TypeDoc> {
    super::documented![
        CaseContext,
        CaseDetail,
        AttachmentRef,
        EarlierCase,
        EarlierUnknown,
        EarlierText,
        AttachmentContext,
        AttachmentDetail,
    ]
}
