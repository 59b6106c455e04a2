//! Stage 2: the typed, validated site and the links between its entities.
//!
//! [`build`] turns the raw files of `load` into a [`Site`]: every reference is
//! resolved (an organisation id to an organisation, a case number to a case),
//! every rule checked (a case number once per year, attendance only for
//! seats), and the reverse links built once (an organisation's attendance,
//! input and papers; a theme's cases). No I/O happens here; rendering never
//! has to search.

pub mod body;
pub(crate) mod check;
pub mod history;
pub mod html;
pub mod links;
pub mod meeting;
pub mod registry;
pub mod seat;
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
pub use meeting::{
    AgendaItem, Attachment, Attendance, AttendanceStatus, Case, CaseKind, CaseStatus, Decision,
    Earlier, Guest, Meeting, SeatAttendance,
};
pub use registry::{
    Committee, Council, Holding, Organisation, OrganisationKind, Person, Seat, SeatMove, SeatRole,
    Term,
};
pub use slug::slugify;

/// Site settings from `config.toml`, validated.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Config {
    /// Site title.
    pub title: String,
    /// Base URL without a trailing slash.
    pub base_url: String,
    /// One sentence about the site.
    pub description: String,
    /// Content language (BCP 47), "nb" by default.
    pub default_language: String,
    /// Pass raw HTML in Markdown through.
    pub trust_raw_html: bool,
    /// Minify HTML.
    pub minify_html: bool,
    /// Free values for templates.
    pub extra: toml::Table,
    /// The search index, when one is built.
    pub search: Option<SearchConfig>,
}

/// How the search index is built.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct SearchConfig {
    /// When to split the index into shards.
    pub split: SplitMode,
}

/// When to split the search index into shards by term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SplitMode {
    /// By size: one file for small sites, shards for large ones.
    Auto,
    /// Always shards.
    Always,
    /// Always one file.
    Never,
}

/// A plain page or a section's own page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Site path, "/tilgjengelighet/".
    pub path: String,
    /// Title.
    pub title: String,
    /// One sentence.
    pub description: String,
    /// Body.
    pub body: Body,
    /// A template of the site's own.
    pub template: Option<String>,
    /// Position in the main navigation.
    pub menu: Option<i64>,
    /// Left out of navigation and sitemap.
    pub hidden: bool,
    /// Date, if any.
    pub date: Option<NaiveDate>,
    /// Pages of a plain section (indices into [`Site::pages`]).
    pub children: Vec<usize>,
    /// The file it was written in; none for a home page the site lacks.
    pub source: Option<PathBuf>,
}

/// A position paper.
#[derive(Debug, Clone, PartialEq)]
pub struct Paper {
    /// Site path.
    pub path: String,
    /// Title.
    pub title: String,
    /// One sentence.
    pub description: String,
    /// Date, when the paper carries one.
    pub date: Option<NaiveDate>,
    /// Authoring bodies, by organisation id.
    pub authors: Vec<String>,
    /// Recipient, by organisation id.
    pub recipient: Option<String>,
    /// Theme names.
    pub themes: Vec<String>,
    /// Sections, including the numbered short summary.
    pub body: Body,
    /// The file it was written in.
    pub source: PathBuf,
}

/// A case, by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CaseRef {
    /// Index into [`Site::meetings`].
    pub meeting: usize,
    /// Index into that meeting's cases.
    pub case: usize,
}

/// An input item, by position and anchor.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ItemRef {
    /// The case.
    pub case: CaseRef,
    /// The item's anchor.
    pub anchor: String,
}

/// A theme tag and everything that carries it, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// URL segment.
    pub slug: String,
    /// Name as first written.
    pub name: String,
    /// Cases with the tag.
    pub cases: Vec<CaseRef>,
    /// Papers with the tag (indices into [`Site::papers`]).
    pub papers: Vec<usize>,
    /// Input items with the tag.
    pub items: Vec<ItemRef>,
}

/// An attendance row, by position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AttendanceRef {
    /// Index into [`Site::meetings`].
    pub meeting: usize,
    /// Index into the meeting's seats (or observers).
    pub row: usize,
    /// True for a row of the observers.
    pub observer: bool,
}

/// Everything that points at one organisation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OrganisationLinks {
    /// Its seats, over all terms (indices into the council's seats).
    pub seats: Vec<usize>,
    /// Its attendance rows, newest meeting first.
    pub attendance: Vec<AttendanceRef>,
    /// Input items attributed to it.
    pub items: Vec<ItemRef>,
    /// Papers it wrote.
    pub papers: Vec<usize>,
    /// Papers addressed to it.
    pub received: Vec<usize>,
    /// Cases it submitted.
    pub cases: Vec<CaseRef>,
    /// Organisations seated through it, by id.
    pub members: Vec<String>,
}

/// Everything that points at one person.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PersonLinks {
    /// Seats held: (seat index, holding index).
    pub holdings: Vec<(usize, usize)>,
    /// Attendance rows naming them.
    pub attendance: Vec<AttendanceRef>,
    /// Committee memberships: (committee index, member index).
    pub committees: Vec<(usize, usize)>,
    /// Input items attributed to them with `fra=`.
    pub items: Vec<ItemRef>,
}

/// The whole validated site.
#[derive(Debug, Clone, PartialEq)]
pub struct Site {
    /// Settings.
    pub config: Config,
    /// The council.
    pub council: Council,
    /// The council's description ([`Council::description`]), parsed.
    pub council_description: Body,
    /// Organisations by id.
    pub organisations: BTreeMap<String, Organisation>,
    /// People by id.
    pub people: BTreeMap<String, Person>,
    /// The home page's own text.
    pub home: Page,
    /// The meetings section's page, if the site has one.
    pub meetings_section: Option<Page>,
    /// The papers section's page, if the site has one.
    pub papers_section: Option<Page>,
    /// Meetings, newest first; shared with `serve`'s cache between builds.
    pub meetings: Vec<std::sync::Arc<Meeting>>,
    /// Position papers, newest first (undated last).
    pub papers: Vec<Paper>,
    /// Plain pages and sections.
    pub pages: Vec<Page>,
    /// Themes by name.
    pub themes: Vec<Theme>,
    /// Reverse links per organisation id.
    pub organisation_links: BTreeMap<String, OrganisationLinks>,
    /// Reverse links per person id; only people with seats get pages.
    pub person_links: BTreeMap<String, PersonLinks>,
    /// Later cases that name a case as earlier treatment.
    pub later: BTreeMap<CaseRef, Vec<CaseRef>>,
    /// Every page, with its address: what is rendered and what
    /// `sitemap.xml` lists, checked for two pages at one address.
    pub site_map: urls::SiteMap,
    /// Warnings found while building (errors stop the build).
    pub warnings: Diagnostics,
}

impl Site {
    /// The case at `r`.
    pub fn case(&self, r: CaseRef) -> &Case {
        &self.meetings[r.meeting].cases[r.case]
    }

    /// The site path of a case.
    pub fn case_path(&self, r: CaseRef) -> String {
        urls::case(&self.meetings[r.meeting].path(), &self.case(r).slug)
    }

    /// Does this person get a page (they held a seat)?
    pub fn has_person_page(&self, id: &str) -> bool {
        self.person_links
            .get(id)
            .is_some_and(|l| !l.holdings.is_empty())
    }

    /// Every case, newest meeting first.
    pub fn all_cases(&self) -> impl Iterator<Item = CaseRef> + '_ {
        self.meetings.iter().enumerate().flat_map(|(m, meeting)| {
            (0..meeting.cases.len()).map(move |c| CaseRef {
                meeting: m,
                case: c,
            })
        })
    }
}

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
        warnings: Diagnostics::default(),
    };
    index(&mut site);
    site.site_map = urls::site_map(&site, &mut check);

    let mut diagnostics = check.diagnostics;
    diagnostics.sort();
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    site.warnings = diagnostics;
    Ok(site)
}

fn config(parsed: &Parsed<crate::load::RawConfig>, check: &mut Checker) -> Config {
    let raw = &parsed.value;
    let base_url = raw.base_url.trim_end_matches('/').to_string();
    if !(base_url.starts_with("http://") || base_url.starts_with("https://") || base_url.is_empty())
    {
        check.push(
            Diagnostic::error(DiagnosticKind::BaseUrlNotAbsolute, &parsed.file.path, format!("base_url \"{}\" is not an absolute URL", raw.base_url))
                .hint("write the address the site is published at, for example \"https://brukerrad.example.no\""),
        );
    }
    let search = if raw.search.index {
        let split = match raw.search.split.get_ref().as_str() {
            "auto" => SplitMode::Auto,
            "always" => SplitMode::Always,
            "never" => SplitMode::Never,
            other => {
                check.push(
                    parsed
                        .file
                        .error_at(
                            DiagnosticKind::UnknownSplitMode,
                            raw.search.split.span(),
                            format!("unknown split mode \"{other}\""),
                        )
                        .hint("write \"auto\", \"always\" or \"never\""),
                );
                SplitMode::Auto
            }
        };
        if crate::search::language(&raw.default_language).is_none() {
            check.push(
                Diagnostic::error(
                    DiagnosticKind::SearchLanguage,
                    &parsed.file.path,
                    format!("search does not support the language \"{}\"", raw.default_language),
                )
                .hint("use a language elasticlunr supports (nb, nn, no, en, …), or turn search off with `[search] index = false`"),
            );
        }
        Some(SearchConfig { split })
    } else {
        None
    };
    Config {
        search,
        title: raw.title.clone(),
        base_url,
        description: raw.description.clone(),
        default_language: raw.default_language.clone(),
        trust_raw_html: raw.trust_raw_html,
        minify_html: raw.minify_html,
        extra: raw.extra.clone(),
    }
}

fn page(path: String, parsed: &Parsed<RawPage>, check: &mut Checker) -> Page {
    let raw = &parsed.value;
    Page {
        path,
        title: raw.title.clone(),
        description: raw.description.clone(),
        body: check.body(&parsed.file),
        template: raw.template.clone(),
        menu: raw.menu,
        hidden: raw.hidden,
        date: raw.date.as_ref().and_then(|d| check.date(&parsed.file, d)),
        children: Vec::new(),
        source: Some(parsed.file.path.clone()),
    }
}

fn paper(path: &Path, parsed: &Parsed<RawPaper>, check: &mut Checker) -> Paper {
    let raw = &parsed.value;
    for a in &raw.authors {
        check.organisation(&parsed.file, a);
    }
    if let Some(r) = &raw.recipient {
        check.organisation(&parsed.file, r);
    }
    for t in &raw.themes {
        check.theme(&parsed.file, t);
    }
    Paper {
        path: urls::content(&path.with_extension("")),
        title: raw.title.clone(),
        description: raw.description.clone(),
        date: raw.date.as_ref().and_then(|d| check.date(&parsed.file, d)),
        authors: raw.authors.iter().map(|a| a.get_ref().clone()).collect(),
        recipient: raw.recipient.as_ref().map(|r| r.get_ref().clone()),
        themes: raw
            .themes
            .iter()
            .map(|t| t.get_ref().trim().to_string())
            .collect(),
        body: check.body(&parsed.file),
        source: parsed.file.path.clone(),
    }
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
                        Diagnostic::error(
                            DiagnosticKind::UnknownItemOrganisation,
                            &file.path,
                            format!("unknown organisation \"{org}\" in fra="),
                        ),
                        fra_span(file.body_text(), item.offset, org),
                    )
                    .hint("use an organisation id from data/organisations.toml or a person id from data/people.toml"),
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
                        .hint("add the case file to the meeting's folder, or correct the number to the case's `number`"));
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
                Diagnostic::error(
                    DiagnosticKind::WasIsAnotherCase,
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
                } = e
                {
                    let found = by_number.get(&(*year, number.as_str())).copied();
                    if found.is_none() {
                        check.push(
                            Diagnostic::error(DiagnosticKind::EarlierCaseMissing, &c.source.0, format!("earlier treatment names case {number} of {year}, which is not on this site"))
                                .at(c.source.1, None)
                                .hint("describe it with text = \"…\" and date instead, or add that meeting"),
                        );
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

/// Themes as they are met, by name as written: most names repeat, so each
/// is slugified once.
#[derive(Default)]
struct ThemeIndex<'s> {
    themes: Vec<Theme>,
    by_slug: FxHashMap<String, usize>,
    by_name: FxHashMap<&'s str, usize>,
}

impl<'s> ThemeIndex<'s> {
    /// The theme `name` belongs to, made when first met.
    fn get(&mut self, name: &'s str) -> &mut Theme {
        let i = match self.by_name.get(name) {
            Some(&i) => i,
            None => {
                let slug = slugify(name);
                let themes = &mut self.themes;
                let i = *self.by_slug.entry(slug.clone()).or_insert_with(|| {
                    themes.push(Theme {
                        slug,
                        name: name.to_string(),
                        cases: Vec::new(),
                        papers: Vec::new(),
                        items: Vec::new(),
                    });
                    themes.len() - 1
                });
                self.by_name.insert(name, i);
                i
            }
        };
        &mut self.themes[i]
    }
}

/// Builds the reverse links: themes, organisations, people.
fn index(site: &mut Site) {
    // Themes and the registry's links read different parts of every case:
    // made side by side.
    let (themes, ((organisations, people), later)) = rayon::join(
        || theme_links(site),
        || (registry_links(site), later_cases(site)),
    );
    site.themes = themes;
    site.organisation_links = organisations;
    site.person_links = people;
    site.later = later;
}

/// Every theme with its cases, items and papers, by name.
fn theme_links(site: &Site) -> Vec<Theme> {
    let mut themes = ThemeIndex::default();
    for r in site.all_cases() {
        let case = site.case(r);
        for t in &case.themes {
            let list = &mut themes.get(t).cases;
            // Tags come case by case, so a case that names a theme twice is the last one listed.
            if list.last() != Some(&r) {
                list.push(r);
            }
        }
        for (t, anchor) in &case.body.tags.themes {
            themes.get(t).items.push(ItemRef {
                case: r,
                anchor: anchor.clone(),
            });
        }
    }
    for (pi, p) in site.papers.iter().enumerate() {
        for t in &p.themes {
            themes.get(t).papers.push(pi);
        }
    }
    let mut themes = themes.themes;
    // By name; names that differ only in case keep the order of their slugs.
    themes.sort_by(|a, b| (a.name.to_lowercase(), &a.slug).cmp(&(b.name.to_lowercase(), &b.slug)));
    themes
}

/// What points at each organisation and each person.
fn registry_links(
    site: &Site,
) -> (
    BTreeMap<String, OrganisationLinks>,
    BTreeMap<String, PersonLinks>,
) {
    // Looked up by borrowed id in hash maps: there is one lookup per
    // attendance row and attributed item, tens of thousands at 10,000 cases.
    let mut orgs: FxHashMap<&str, OrganisationLinks> = site
        .organisations
        .keys()
        .map(|id| (id.as_str(), OrganisationLinks::default()))
        .collect();
    let mut people: FxHashMap<&str, PersonLinks> = site
        .people
        .keys()
        .map(|id| (id.as_str(), PersonLinks::default()))
        .collect();
    for (id, org) in &site.organisations {
        if let Some(u) = &org.umbrella {
            if let Some(l) = orgs.get_mut(u.as_str()) {
                l.members.push(id.clone());
            }
        }
    }
    for (si, seat) in site.council.seats.iter().enumerate() {
        // A seat moved to another organisation is on both pages.
        let mut held_by: Vec<&str> = seat.organisations().collect();
        held_by.sort_unstable();
        held_by.dedup();
        for org in held_by {
            if let Some(l) = orgs.get_mut(org) {
                l.seats.push(si);
            }
        }
        for (hi, h) in seat.holders.iter().enumerate() {
            if let Some(l) = people.get_mut(h.person.as_str()) {
                l.holdings.push((si, hi));
            }
        }
    }
    for (ci, c) in site.council.committees.iter().enumerate() {
        for (mi, m) in c.members.iter().enumerate() {
            if let Some(l) = people.get_mut(m.person.as_str()) {
                l.committees.push((ci, mi));
            }
        }
    }
    for (mi, m) in site.meetings.iter().enumerate() {
        let rows = m.attendance.seats.iter().map(|r| (r, false));
        let observers = m.attendance.observers.iter().map(|r| (r, true));
        let mut counts = (0, 0);
        for (row, observer) in rows.chain(observers) {
            let idx = if observer {
                &mut counts.1
            } else {
                &mut counts.0
            };
            let r = AttendanceRef {
                meeting: mi,
                row: *idx,
                observer,
            };
            *idx += 1;
            if let Some(l) = orgs.get_mut(row.organisation.as_str()) {
                l.attendance.push(r);
            }
            if let Some(p) = row.person.as_deref().and_then(|p| people.get_mut(p)) {
                p.attendance.push(r);
            }
        }
        for (ci, c) in m.cases.iter().enumerate() {
            let r = CaseRef {
                meeting: mi,
                case: ci,
            };
            if let Some(l) = c.submitted_by.as_deref().and_then(|u| orgs.get_mut(u)) {
                l.cases.push(r);
            }
            for (org, anchor) in &c.body.tags.organisations {
                let item = ItemRef {
                    case: r,
                    anchor: anchor.clone(),
                };
                // An id is an organisation's before a person's.
                if let Some(l) = orgs.get_mut(org.as_str()) {
                    l.items.push(item);
                } else if let Some(l) = people.get_mut(org.as_str()) {
                    l.items.push(item);
                }
            }
        }
    }
    for (pi, p) in site.papers.iter().enumerate() {
        for a in &p.authors {
            if let Some(l) = orgs.get_mut(a.as_str()) {
                l.papers.push(pi);
            }
        }
        if let Some(l) = p.recipient.as_deref().and_then(|r| orgs.get_mut(r)) {
            l.received.push(pi);
        }
    }
    let orgs = orgs.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    let people = people
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    (orgs, people)
}

/// The cases that name each case as earlier treatment.
fn later_cases(site: &Site) -> BTreeMap<CaseRef, Vec<CaseRef>> {
    let mut later: BTreeMap<CaseRef, Vec<CaseRef>> = BTreeMap::new();
    for r in site.all_cases() {
        for e in &site.case(r).earlier {
            if let Earlier::Case {
                target: Some((meeting, case)),
                ..
            } = e
            {
                later
                    .entry(CaseRef {
                        meeting: *meeting,
                        case: *case,
                    })
                    .or_default()
                    .push(r);
            }
        }
    }
    later
}
