//! Stage 2: the typed, validated site and the links between its entities.
//!
//! [`build`] turns the raw files of `load` into a [`Site`]: every reference is
//! resolved (an organisation id to an organisation, a case number to a case),
//! every rule checked (a case number once per year, attendance only for
//! seats), and the reverse links built once (an organisation's attendance,
//! input and papers; a theme's cases). No I/O happens here; rendering never
//! has to search.

pub mod anchors;
pub mod body;
pub(crate) mod check;
pub mod council;
pub mod followup;
pub mod history;
pub mod html;
pub mod links;
pub mod meeting;
mod misspelt;
mod partial;
pub mod registry;
mod reverse;
pub mod seat;
mod settings;
mod site;
pub mod slug;
pub mod urls;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::error::{Diagnostic, DiagnosticKind, Diagnostics};
use crate::load::{Entry, Parsed, RawPage, RawPaper, Sources};
pub use body::{plain_text, Block, Body, InputItem, Section, SectionKind};
use check::Checker;
pub use followup::{Followup, FollowupStatus};
pub use meeting::{
    AgendaItem, Attachment, Attendance, AttendanceStatus, Case, CaseKind, CaseStatus, Decision,
    Earlier, Guest, Meeting, SeatAttendance,
};
pub use partial::findings_around;
pub use registry::{
    Committee, Council, Holding, Organisation, OrganisationKind, Person, Seat, SeatMove, SeatRole,
    Term,
};
use reverse::index;
use settings::{config, page, paper};
pub use site::{
    AttendanceRef, CaseRef, Config, ItemRef, OrganisationLinks, Page, Paper, PersonLinks,
    SearchConfig, Site, SplitMode, Theme,
};
pub use slug::slugify;

/// Validates `sources` into a [`Site`]; every error found is returned at once.
pub fn build(sources: &Sources) -> Result<Site, Diagnostics> {
    build_cached(sources, &ModelCache::default())
}

/// Meetings an earlier [`build_cached`] made, for `serve`'s rebuilds.
///
/// A meeting with its cases is a function of its folder's files, the
/// attachments under `content/`, the council and the ids of the registries;
/// while those are the same (each file is the very entry
/// [`crate::load::LoadCache`] handed back) the meeting and its findings are
/// taken from here, shared, not copied. Most of a model's time goes into
/// parsing bodies.
#[derive(Debug, Default)]
pub struct ModelCache {
    meetings: std::sync::Mutex<ModelMeetings>,
}

#[derive(Debug, Default)]
struct ModelMeetings {
    /// What the meetings were built against.
    inputs: u64,
    /// By the addresses of the entries (meeting, then cases), which the
    /// value keeps alive so no address is reused while it is a key.
    built: FxHashMap<Vec<usize>, CachedMeeting>,
}

#[derive(Debug, Clone)]
struct CachedMeeting {
    _entries: Vec<std::sync::Arc<Entry>>,
    meeting: Option<std::sync::Arc<Meeting>>,
    findings: Diagnostics,
}

/// A fingerprint of what a meeting depends on besides its folder's files.
fn meeting_inputs(sources: &Sources, check: &Checker) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    check.organisations.hash(&mut hasher);
    check.people.hash(&mut hasher);
    // Every case's anchors depend on the record.
    sources
        .anchors
        .as_ref()
        .map(|a| &a.file.text)
        .hash(&mut hasher);
    sources
        .council
        .as_ref()
        .map(|c| &c.file.text)
        .hash(&mut hasher);
    for (path, asset) in &sources.assets {
        path.hash(&mut hasher);
        asset.size.hash(&mut hasher);
        asset
            .markdown
            .as_ref()
            .map(std::sync::Arc::as_ptr)
            .hash(&mut hasher);
    }
    hasher.finish()
}

/// [`build`], taking unchanged cases from `cache` and keeping the new ones there.
pub fn build_cached(sources: &Sources, cache: &ModelCache) -> Result<Site, Diagnostics> {
    let mut check = Checker::default();
    let config = config(&sources.config, &mut check);
    let organisations = registry::organisations(sources.organisations.as_ref(), &mut check);
    let people = registry::people(sources.people.as_ref(), &organisations, &mut check);
    check.organisations = std::sync::Arc::new(organisations.keys().cloned().collect());
    check.people = std::sync::Arc::new(people.keys().cloned().collect());
    let record = anchors::AnchorRecord::from_raw(sources.anchors.as_ref());
    check.anchors = std::sync::Arc::new(record);
    let council = registry::council(sources.council.as_ref(), &mut check, &config.title);
    // Markdown in a data file goes through the same checks as a page's.
    let council_description = sources
        .council
        .as_ref()
        .and_then(|c| Some(check.toml_markdown(&c.file, c.value.description.as_ref()?)))
        .unwrap_or_default();

    let mut home = None;
    let mut meetings_section = None;
    let mut papers_section = None;
    let mut pages = Vec::new();
    let mut sections: Vec<(PathBuf, usize)> = Vec::new();
    let mut meeting_entries = Vec::new();
    let mut case_entries: HashMap<&Path, Vec<_>> = HashMap::new();
    let mut papers = Vec::new();

    for entry in &sources.entries {
        match &**entry {
            Entry::Home(p) => home = Some(page("/".into(), p, &mut check)),
            Entry::Section { dir, page: p } => {
                let path = urls::content(dir);
                let kind = p.value.kind.as_ref().map(|k| k.get_ref().as_str());
                let built = page(path, p, &mut check);
                match kind {
                    Some("meetings") => meetings_section = Some(built),
                    Some("papers") => papers_section = Some(built),
                    _ => {
                        sections.push((dir.clone(), pages.len()));
                        pages.push(built);
                    }
                }
            }
            Entry::Meeting { dir, meeting: m } => meeting_entries.push((entry, dir, m)),
            Entry::Case {
                meeting_dir,
                slug,
                case,
            } => case_entries
                .entry(meeting_dir.as_path())
                .or_default()
                .push((entry, slug, case)),
            Entry::Paper { path, paper: p } => papers.push(paper(path, p, &mut check)),
            Entry::Page { path, page: p } => {
                let url = urls::content(&path.with_extension(""));
                pages.push(page(url, p, &mut check));
            }
        }
    }
    // A plain section lists the pages in its folder.
    for (dir, idx) in &sections {
        let prefix = urls::content(dir);
        let children: Vec<usize> = pages
            .iter()
            .enumerate()
            .filter(|(i, p)| i != idx && p.path.starts_with(&prefix) && p.path != prefix)
            .map(|(i, _)| i)
            .collect();
        pages[*idx].children = children;
    }

    // A meeting with its cases depends on no other: built in parallel, each
    // with a checker of its own, or taken from the cache.
    let mut memo = cache.meetings.lock().expect("lock");
    let inputs = meeting_inputs(sources, &check);
    if memo.inputs != inputs {
        *memo = ModelMeetings {
            inputs,
            built: FxHashMap::default(),
        };
    }
    let known = &memo.built;
    let no_cases = Vec::new();
    let built: Vec<(Vec<usize>, CachedMeeting)> = meeting_entries
        .par_iter()
        .map(|(entry, dir, raw)| {
            let cases = case_entries.get(dir.as_path()).unwrap_or(&no_cases);
            let key: Vec<usize> = std::iter::once(*entry)
                .chain(cases.iter().map(|(e, ..)| *e))
                .map(|e| std::sync::Arc::as_ptr(e) as usize)
                .collect();
            if let Some(kept) = known.get(&key) {
                return (key, kept.clone());
            }
            let mut own = check.fork();
            let slug = dir.file_name().and_then(|s| s.to_str()).unwrap_or_default();
            let section = dir.parent().map(urls::segments).unwrap_or_default();
            let mut meeting = meeting::meeting(&section, slug, raw, &council, &mut own);
            for (_, slug, parsed) in cases {
                let case = meeting::case(slug, dir, parsed, &sources.assets, &mut own);
                let Some(case) = case else { continue };
                check_item_organisations(&case, parsed, &mut own);
                match &mut meeting {
                    Some(m) => m.cases.push(case),
                    None => own.push(no_meeting(parsed)),
                }
            }
            if let Some(m) = &mut meeting {
                link_agenda(m, raw, &mut own);
            }
            let entries = std::iter::once(*entry)
                .chain(cases.iter().map(|(e, ..)| *e))
                .cloned()
                .collect();
            let cached = CachedMeeting {
                _entries: entries,
                meeting: meeting.map(std::sync::Arc::new),
                findings: own.diagnostics,
            };
            (key, cached)
        })
        .collect();
    // The memo holds exactly the meetings there are now.
    let mut meetings = Vec::with_capacity(built.len());
    memo.built = built
        .into_iter()
        .map(|(key, cached)| {
            check
                .diagnostics
                .0
                .extend(cached.findings.0.iter().cloned());
            meetings.extend(cached.meeting.clone());
            (key, cached)
        })
        .collect();
    drop(memo);
    // Cases in a folder without a meeting.
    let dirs: std::collections::HashSet<&Path> = meeting_entries
        .iter()
        .map(|(_, dir, _)| dir.as_path())
        .collect();
    for (dir, cases) in &case_entries {
        if !dirs.contains(dir) {
            for (_, slug, parsed) in cases {
                let mut own = check.fork();
                if let Some(case) = meeting::case(slug, dir, parsed, &sources.assets, &mut own) {
                    check_item_organisations(&case, parsed, &mut own);
                    own.push(no_meeting(parsed));
                }
                check.join(own);
            }
        }
    }

    meetings.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then(b.number.cmp(&a.number))
            .then(a.slug.cmp(&b.slug))
    });
    check_unique_numbers(&meetings, &mut check);
    resolve_earlier(&mut meetings, &mut check);

    papers.sort_by(|a, b| b.date.cmp(&a.date).then(a.path.cmp(&b.path)));

    let home = home.unwrap_or_else(|| Page {
        path: "/".into(),
        title: config.title.clone(),
        description: config.description.clone(),
        body: Body::default(),
        template: None,
        menu: None,
        hidden: false,
        date: None,
        children: Vec::new(),
        source: None,
    });

    let mut site = Site {
        config,
        council,
        council_description,
        organisations,
        people,
        home,
        meetings_section,
        papers_section,
        meetings,
        papers,
        pages,
        themes: Vec::new(),
        organisation_links: BTreeMap::new(),
        person_links: BTreeMap::new(),
        later: BTreeMap::new(),
        site_map: Vec::new(),
        anchor_record: Default::default(),
        warnings: Diagnostics::default(),
    };
    index(&mut site);
    misspelt::misspelt_themes(&site, sources, &mut check);
    site.site_map = urls::site_map(&site, &mut check);
    site.anchor_record = anchors::record_state(&site, &check.anchors, sources.anchors.is_some());
    check
        .diagnostics
        .0
        .extend(anchors::unknown_cases(&site, sources.anchors.as_ref()).0);

    let mut diagnostics = check.diagnostics;
    diagnostics.sort();
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    site.warnings = diagnostics;
    Ok(site)
}

/// A case whose folder has no meeting it could belong to.
fn no_meeting(parsed: &Parsed<crate::load::RawCase>) -> Diagnostic {
    Diagnostic::error(
        DiagnosticKind::CaseWithoutMeeting,
        &parsed.file.path,
        "this case's folder has no _index.md describing the meeting",
    )
    .hint("add _index.md with the meeting's number, date and attendance to the folder")
}

fn check_item_organisations(
    case: &Case,
    parsed: &Parsed<crate::load::RawCase>,
    check: &mut Checker,
) {
    let file = &parsed.file;
    for item in case.body.items() {
        // `fra=` names organisations, or people (a remark attributed to one member).
        for org in &item.organisations {
            if !check.organisations.contains(org) && !check.people.contains(org) {
                check.push(
                    file.body_finding(
                        Diagnostic::error(DiagnosticKind::UnknownItemOrganisation,
                            &file.path,
                            format!("unknown organisation \"{org}\" in fra="),
                        ),
                        fra_span(file.body_text(), item.offset, org),
                    )
                    .hint(format!("{}use an organisation id from data/organisations.toml or a person id from data/people.toml",
                        crate::spelling::did_you_mean(org, check.organisations.iter().chain(check.people.iter()).map(String::as_str)))),
                );
            }
        }
    }
}

/// Where `org` is written in the first `fra=` option after an item's start,
/// or the item's start when it cannot be found there.
fn fra_span(body: &str, offset: usize, org: &str) -> std::ops::Range<usize> {
    let found = body.get(offset..).and_then(|rest| {
        let value = offset + rest.find("fra=")? + "fra=".len();
        let list = &body[value..];
        let list = &list[..list
            .find(|c: char| c.is_whitespace() || c == '}')
            .unwrap_or(list.len())];
        let mut start = value;
        for id in list.split(',') {
            if id == org {
                return Some(start..start + id.len());
            }
            start += id.len() + 1;
        }
        None
    });
    found.unwrap_or(offset..offset + 1)
}

/// Orders a meeting's cases as its agenda does and resolves agenda and decision references.
fn link_agenda(m: &mut Meeting, raw: &Parsed<crate::load::RawMeeting>, check: &mut Checker) {
    let file = &raw.file;
    let order: Vec<&str> = raw
        .value
        .agenda
        .iter()
        .filter_map(|a| a.case.as_ref().map(|c| c.get_ref().as_str()))
        .collect();
    m.cases.sort_by_key(|c| {
        (
            order
                .iter()
                .position(|n| *n == c.number)
                .unwrap_or(usize::MAX),
            c.slug.clone(),
        )
    });
    let find = |m: &Meeting, n: &str| m.cases.iter().position(|c| c.number == n);
    for a in &raw.value.agenda {
        let Some(time) = check.time(file, &a.time) else {
            continue;
        };
        let case = match &a.case {
            Some(n) => {
                let found = find(m, n.get_ref());
                if found.is_none() {
                    check.push(file.error_at(DiagnosticKind::AgendaCaseMissing, n.span(), format!("the agenda names case \"{}\", which is not in this meeting's folder", n.get_ref()))
                        .hint(format!("{}add the case file to the meeting's folder, or correct the number to the case's `number`",
                            crate::spelling::did_you_mean(n.get_ref(), m.cases.iter().map(|c| c.number.as_str())))));
                }
                found
            }
            None => None,
        };
        m.agenda.push(AgendaItem {
            time,
            text: a.text.clone(),
            case,
        });
    }
    for d in &raw.value.decisions {
        let case = d.case.as_ref().and_then(|n| {
            let found = find(m, n.get_ref());
            if found.is_none() {
                check.push(
                    file.error_at(
                        DiagnosticKind::DecisionCaseMissing,
                        n.span(),
                        format!(
                            "the decision names case \"{}\", which is not in this meeting",
                            n.get_ref()
                        ),
                    )
                    .hint("correct the number to a case of this meeting"),
                );
            }
            found
        });
        m.decisions.push(Decision {
            text: d.text.clone(),
            case,
        });
    }
}

fn check_unique_numbers(meetings: &[std::sync::Arc<Meeting>], check: &mut Checker) {
    let mut meeting_numbers: FxHashMap<(i32, u32), &Meeting> = FxHashMap::default();
    let mut case_numbers: FxHashMap<(i32, &str), &Case> = FxHashMap::default();
    // Oldest first, so the later duplicate is the one reported.
    for m in meetings.iter().rev() {
        check_was_numbers(m, meetings, check);
        let year = m.date.year();
        if let Some(first) = meeting_numbers.insert((year, m.number), m) {
            check.push(
                Diagnostic::error(
                    DiagnosticKind::MeetingNumberTwice,
                    &m.source.0,
                    format!(
                        "meeting number {}/{year} is also used by {}",
                        m.number,
                        first.source.0.display()
                    ),
                )
                .at(m.source.1, None)
                .hint("each meeting has its own number within its year"),
            );
        }
        for c in &m.cases {
            if let Some(first) = case_numbers.insert((year, c.number.as_str()), c) {
                check.push(
                    Diagnostic::error(DiagnosticKind::CaseNumberTwice, &c.source.0, format!(
                        "case number {} is used twice in {year}: also by {}", c.number, first.source.0.display()))
                        .at(c.source.1, None)
                        .hint("case numbers are unique within a year; keep the printed number on one case and correct the other"),
                );
            }
        }
    }
}

/// A case's number before a revised agenda may not be another case's number
/// in the same year: a reader following "opprinnelig 13/24" would find the wrong case.
fn check_was_numbers(m: &Meeting, meetings: &[std::sync::Arc<Meeting>], check: &mut Checker) {
    let year = m.date.year();
    for c in &m.cases {
        let Some((was, line)) = &c.was else { continue };
        let clash = meetings
            .iter()
            .filter(|other| other.date.year() == year)
            .flat_map(|other| other.cases.iter())
            .find(|other| !std::ptr::eq(*other, c) && other.number == *was);
        if let Some(other) = clash {
            check.push(
                Diagnostic::error(DiagnosticKind::WasIsAnotherCase,
                    &c.source.0,
                    format!(
                        "`was = \"{was}\"` is the number of another case in {year}: {}",
                        other.source.0.display()
                    ),
                )
                .at(*line, None)
                .hint("`was` is the number this case had before the agenda was revised; correct it, or the other case's `number`"),
            );
        }
    }
}

fn resolve_earlier(meetings: &mut [std::sync::Arc<Meeting>], check: &mut Checker) {
    let mut by_number: FxHashMap<(i32, &str), (usize, usize)> = FxHashMap::default();
    for (mi, m) in meetings.iter().enumerate() {
        for (ci, c) in m.cases.iter().enumerate() {
            by_number.insert((m.date.year(), c.number.as_str()), (mi, ci));
        }
    }
    // A meeting is shared with the cache: changed (and so copied) only
    // where a target moved.
    let mut moved = Vec::new();
    for (mi, m) in meetings.iter().enumerate() {
        for (ci, c) in m.cases.iter().enumerate() {
            for (ei, e) in c.earlier.iter().enumerate() {
                if let Earlier::Case {
                    year,
                    number,
                    target,
                    missing,
                } = e
                {
                    let found = by_number.get(&(*year, number.as_str())).copied();
                    if found.is_none() {
                        let hint = format!(
                            "{}describe it with text = \"…\" and date instead, or add that meeting",
                            misspelt::earlier_meant(&by_number, *year, number)
                        );
                        check.push((**missing).clone().hint(hint));
                    }
                    if *target != found {
                        moved.push((mi, ci, ei, found));
                    }
                }
            }
        }
    }
    for (mi, ci, ei, found) in moved {
        let case = &mut std::sync::Arc::make_mut(&mut meetings[mi]).cases[ci];
        if let Earlier::Case { target, .. } = &mut case.earlier[ei] {
            *target = found;
        }
    }
}
