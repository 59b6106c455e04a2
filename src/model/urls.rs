//! Every address of the site, made here and nowhere else: the path of each
//! kind of page, the top-level segments medvirk keeps for its own pages,
//! and the [`SiteMap`], the one list of the site's pages that rendering,
//! template routing and `sitemap.xml` all read.
//!
//! Two pages with one address would silently overwrite each other's file,
//! so the site map is checked as it is made: two sources with one address,
//! or a content page under a reserved segment, is an error naming both.
//! (Zola's `Library::find_path_collisions` does the same for its pages.)

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::check::Checker;
use super::{CaseRef, Site};
use crate::error::{Diagnostic, DiagnosticKind};

/// The home page.
pub const HOME: &str = "/";
/// The themes index.
pub const THEMES: &str = "/temaer/";
/// The organisations index.
pub const ORGANISATIONS: &str = "/organisasjoner/";
/// The people index.
pub const PEOPLE: &str = "/personer/";
/// What came of the cases: the cases by follow-up status.
pub const FOLLOWUPS: &str = "/oppfolging/";
/// The council's advice: every input item, by meeting and case.
pub const ADVICE: &str = "/rad/";
/// The search page.
pub const SEARCH: &str = "/sok/";
/// The page a server shows for a missing address.
pub const NOT_FOUND: &str = "/404.html";
/// The Atom feed.
pub const FEED: &str = "/atom.xml";
/// The sitemap.
pub const SITEMAP: &str = "/sitemap.xml";

/// First path segments that belong to medvirk's own pages and files, and
/// what uses them. `search_index.` is a prefix (`search_index.nb.json`,
/// `search_index.nb/`). They are kept whether or not the site has search,
/// so turning search on cannot break a site.
const RESERVED: &[(&str, &str)] = &[
    ("temaer", "the themes"),
    ("organisasjoner", "the organisations"),
    ("personer", "the people"),
    ("oppfolging", "the follow-up of the cases"),
    ("rad", "the list of the council's advice"),
    ("sok", "the search page"),
    ("404.html", "the page for missing addresses"),
    ("atom.xml", "the Atom feed"),
    ("sitemap.xml", "the sitemap"),
    ("search_index.", "the search index"),
];

/// The page of one theme.
pub fn theme(slug: &str) -> String {
    format!("{THEMES}{slug}/")
}

/// The page of one organisation.
pub fn organisation(id: &str) -> String {
    format!("{ORGANISATIONS}{id}/")
}

/// The page of one person.
pub fn person(id: &str) -> String {
    format!("{PEOPLE}{id}/")
}

/// The follow-up page limited to the cases of one year's meetings:
/// "/oppfolging/2024/".
pub fn followups_year(year: i32) -> String {
    format!("{FOLLOWUPS}{year}/")
}

/// A meeting's page: its section's folder, then its own ("/moter/2024-2/").
pub fn meeting(section: &str, slug: &str) -> String {
    format!("/{section}/{slug}/")
}

/// A case's page, under its meeting's.
pub fn case(meeting_path: &str, slug: &str) -> String {
    format!("{meeting_path}{slug}/")
}

/// An attachment's text rendition, under its case's page.
pub fn attachment(case_path: &str, slug: &str) -> String {
    format!("{case_path}{slug}/")
}

/// The search index in one file: "/search_index.nb.json".
pub fn search_index(lang: &str) -> String {
    format!("/search_index.{lang}.json")
}

/// The folder of the search index in shards: "/search_index.nb/".
pub fn search_index_dir(lang: &str) -> String {
    format!("/search_index.{lang}/")
}

/// The manifest of the search index in shards.
pub fn search_manifest(lang: &str) -> String {
    format!("{}manifest.json", search_index_dir(lang))
}

/// A file copied as it is (an attachment, from `static/`), by its path
/// relative to the output folder. A file keeps its name on disk, so its
/// address is percent-encoded: "Vedlegg 1.pdf" is linked as "Vedlegg%201.pdf".
pub fn file(rel: &str) -> String {
    let mut out = String::with_capacity(rel.len() + 1);
    for segment in rel.split('/') {
        out.push('/');
        out.extend(percent_encoding::utf8_percent_encode(segment, SEGMENT));
    }
    out
}

/// What a path segment of a URL may not hold as it is (RFC 3986): controls,
/// space, the delimiters, and, by `utf8_percent_encode`, all but ASCII.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'[')
    .add(b']')
    .add(b'\\')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// A page's address must be usable as written in a link and a sitemap,
/// with no escaping: ASCII letters, digits, `-`, `_` and `.` in each segment.
fn plain_address(path: &str) -> bool {
    path.bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.'))
}

/// A folder under `content/` as path segments: "moter/2024-2".
pub fn segments(dir: &Path) -> String {
    dir.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The page of a folder under `content/` (its `_index.md`), or of a
/// Markdown file given without its extension: "/tilgjengelighet/".
pub fn content(dir: &Path) -> String {
    let segments = segments(dir);
    if segments.is_empty() {
        HOME.into()
    } else {
        format!("/{segments}/")
    }
}

/// The file a site path is written to: "/moter/2024-2/" →
/// "moter/2024-2/index.html"; "/atom.xml" stays a file. Empty segments are
/// dropped, as a file system drops them.
pub fn file_path(site_path: &str) -> String {
    let trimmed: Vec<&str> = site_path.split('/').filter(|s| !s.is_empty()).collect();
    let joined = trimmed.join("/");
    if joined.is_empty() {
        "index.html".into()
    } else if site_path.ends_with('/') {
        format!("{joined}/index.html")
    } else {
        joined
    }
}

/// What owns the first segment of `path`, when medvirk keeps it.
fn reserved(path: &str) -> Option<(&'static str, &'static str)> {
    let first = path.trim_start_matches('/').split('/').next()?;
    RESERVED.iter().copied().find(|(segment, _)| {
        first == *segment || (segment.ends_with('.') && first.starts_with(segment))
    })
}

/// What a page shows, by position in this build's [`Site`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PageKind {
    /// The home page.
    Home,
    /// The meetings section's page.
    Meetings,
    /// A meeting (index into [`Site::meetings`]).
    Meeting(usize),
    /// A case.
    Case(CaseRef),
    /// An attachment's text rendition (index into the case's attachments).
    Attachment(CaseRef, usize),
    /// The papers section's page.
    Papers,
    /// A position paper (index into [`Site::papers`]).
    Paper(usize),
    /// A plain page or section (index into [`Site::pages`]).
    Page(usize),
    /// The themes index.
    Themes,
    /// A theme (index into [`Site::themes`]).
    Theme(usize),
    /// The organisations index.
    Organisations,
    /// An organisation, by id.
    Organisation(String),
    /// The people index.
    People,
    /// The cases by follow-up status.
    Followups,
    /// The cases of one year's meetings by follow-up status.
    FollowupsYear(i32),
    /// Every input item, by meeting and case.
    Advice,
    /// A person, by id.
    Person(String),
    /// The page for missing addresses.
    NotFound,
    /// The search page.
    Search,
    /// The Atom feed.
    Feed,
    /// The sitemap.
    Sitemap,
}

/// One page of the site.
#[derive(Debug, Clone, PartialEq)]
pub struct SitePage {
    /// Its address, unique in the site: "/moter/2024-2/".
    pub path: String,
    /// What it shows.
    pub kind: PageKind,
    /// Listed in `sitemap.xml`.
    pub listed: bool,
    /// The date `sitemap.xml` gives it.
    pub date: Option<NaiveDate>,
}

/// Every page of the site, in the order of `sitemap.xml`; made once per
/// build by the model, which checks that no two pages share an address.
pub type SiteMap = Vec<SitePage>;

/// Where a page comes from, for messages about it.
enum Source {
    /// A file the site's author wrote, and the line to point at.
    File(PathBuf, Option<usize>),
    /// A page medvirk makes.
    Made(String),
}

impl Source {
    fn describe(&self) -> String {
        match self {
            Source::File(path, _) => path.display().to_string(),
            Source::Made(what) => format!("{what}, which medvirk makes"),
        }
    }
}

/// Every page of `site`, in the order of `sitemap.xml` (then the pages it
/// does not list); two pages with one address, or a content page under a
/// segment medvirk keeps, is an error found by `check`.
pub(crate) fn site_map(site: &Site, check: &mut Checker) -> SiteMap {
    let mut pages = Vec::new();
    let mut add = |path: String, kind: PageKind, listed: bool, date: Option<NaiveDate>| {
        pages.push(SitePage {
            path,
            kind,
            listed,
            date,
        });
    };
    add(HOME.into(), PageKind::Home, true, None);
    if let Some(s) = &site.meetings_section {
        add(s.path.clone(), PageKind::Meetings, true, None);
    }
    if let Some(s) = &site.papers_section {
        add(s.path.clone(), PageKind::Papers, true, None);
    }
    for (mi, m) in site.meetings.iter().enumerate() {
        let meeting_path = m.path();
        add(
            meeting_path.clone(),
            PageKind::Meeting(mi),
            true,
            Some(m.date),
        );
        for (ci, c) in m.cases.iter().enumerate() {
            let r = CaseRef {
                meeting: mi,
                case: ci,
            };
            let path = case(&meeting_path, &c.slug);
            add(path.clone(), PageKind::Case(r), true, Some(m.date));
            for (ai, a) in c.attachments.iter().enumerate() {
                if let Some((slug, _)) = &a.text {
                    add(
                        attachment(&path, slug),
                        PageKind::Attachment(r, ai),
                        true,
                        Some(m.date),
                    );
                }
            }
        }
    }
    for (i, p) in site.papers.iter().enumerate() {
        add(p.path.clone(), PageKind::Paper(i), true, p.date);
    }
    for (i, p) in site.pages.iter().enumerate() {
        add(p.path.clone(), PageKind::Page(i), !p.hidden, p.date);
    }
    add(THEMES.into(), PageKind::Themes, true, None);
    // A theme without a slug is an error where it is named (`Checker::theme`).
    for (i, t) in site
        .themes
        .iter()
        .enumerate()
        .filter(|(_, t)| !t.slug.is_empty())
    {
        add(theme(&t.slug), PageKind::Theme(i), true, None);
    }
    add(ORGANISATIONS.into(), PageKind::Organisations, true, None);
    for id in site.organisations.keys() {
        add(
            organisation(id),
            PageKind::Organisation(id.clone()),
            true,
            None,
        );
    }
    add(PEOPLE.into(), PageKind::People, true, None);
    for id in site.people.keys().filter(|id| site.has_person_page(id)) {
        add(person(id), PageKind::Person(id.clone()), true, None);
    }
    add(FOLLOWUPS.into(), PageKind::Followups, true, None);
    for year in site.meeting_years() {
        add(
            followups_year(year),
            PageKind::FollowupsYear(year),
            true,
            None,
        );
    }
    add(ADVICE.into(), PageKind::Advice, true, None);
    add(NOT_FOUND.into(), PageKind::NotFound, false, None);
    if site.config.search.is_some() {
        add(SEARCH.into(), PageKind::Search, false, None);
    }
    add(FEED.into(), PageKind::Feed, false, None);
    add(SITEMAP.into(), PageKind::Sitemap, false, None);
    check_addresses(site, &pages, check);
    pages
}

/// Files copied as they are (`static/`, attachments) that would replace a
/// page, or one another, or the search index: each `(output path, source
/// relative to the site root)`. Checked once the copies are known, after
/// the model.
pub fn copy_collisions<'a>(
    site: &Site,
    copies: impl IntoIterator<Item = (&'a str, &'a Path)>,
) -> crate::error::Diagnostics {
    let mut check = Checker::default();
    let pages: FxHashMap<&str, &SitePage> =
        site.site_map.iter().map(|p| (p.path.as_str(), p)).collect();
    let mut seen: FxHashMap<&str, &Path> = FxHashMap::default();
    for (path, source) in copies {
        // The address of the page that would be written to `path`.
        let address = match path.strip_suffix("index.html") {
            Some(dir) if dir.is_empty() || dir.ends_with('/') => format!("/{dir}"),
            _ => format!("/{path}"),
        };
        let other = match (pages.get(address.as_str()), seen.get(path)) {
            (Some(page), _) => Some(format!(
                "the page \"{}\" ({})",
                page.path,
                self::source(site, &page.kind).describe()
            )),
            (None, Some(first)) => Some(first.display().to_string()),
            (None, None) if reserved(path).is_some_and(|(s, _)| s.ends_with('.')) => {
                Some("the search index, which medvirk makes".into())
            }
            (None, None) => None,
        };
        seen.entry(path).or_insert(source);
        if let Some(other) = other {
            check.push(
                Diagnostic::error(
                    DiagnosticKind::CopyCollision,
                    source,
                    format!("the file would be written to \"/{path}\", as is {other}"),
                )
                .hint("rename or move the file, so that each file of the site has an address of its own"),
            );
        }
    }
    check.diagnostics
}

/// Reports two pages with one file, and content under a reserved segment.
fn check_addresses(site: &Site, pages: &[SitePage], check: &mut Checker) {
    // By address as written, borrowed: this runs on every rebuild of
    // `serve`. An empty segment is dropped as the file system drops it, so
    // one key is one file even if an address is ever built with one.
    let mut first: FxHashMap<Cow<'_, str>, &SitePage> = FxHashMap::default();
    first.reserve(pages.len());
    for page in pages {
        // Only these take their address from a file or folder name as it
        // is; the rest are ids and slugs, checked where they are named.
        let named_by_file = matches!(
            page.kind,
            PageKind::Page(_) | PageKind::Paper(_) | PageKind::Meetings | PageKind::Papers
        );
        if named_by_file && !plain_address(&page.path) {
            if let Source::File(path, line) = source(site, &page.kind) {
                let suggested: Vec<String> = page
                    .path
                    .split('/')
                    .filter(|s| !s.is_empty())
                    .map(super::slug::slugify)
                    .collect();
                check.push(
                    at_line(
                        Diagnostic::error(
                            DiagnosticKind::AddressNotPlain,
                            path,
                            format!(
                                "the address \"{}\" holds characters a link cannot hold as they are",
                                page.path
                            ),
                        ),
                        line,
                    )
                    .hint(format!(
                        "rename the file or folder so that the address is \"/{}/\": letters a–z, digits and hyphens",
                        suggested.join("/")
                    )),
                );
            }
        }
        let key = written(&page.path);
        let clash = first.get(&key).copied();
        let owner = reserved(&page.path);
        if clash.is_none() && owner.is_none() {
            first.insert(key, page);
            continue;
        }
        let source = source(site, &page.kind);
        let (path, line) = match &source {
            Source::File(path, line) => (path.clone(), *line),
            Source::Made(_) => (PathBuf::from("content"), None),
        };
        if let Some(other) = clash {
            let other = self::source(site, &other.kind);
            // Reported at the file the author can rename: this one, or the other.
            let (here, line, there) = match (&source, &other) {
                (Source::Made(_), Source::File(p, l)) => (p.clone(), *l, source.describe()),
                _ => (path, line, other.describe()),
            };
            check.push(
                at_line(
                    Diagnostic::error(
                        DiagnosticKind::AddressTwice,
                        here,
                        format!(
                            "two pages have the address \"{}\": this one and {there}",
                            page.path
                        ),
                    ),
                    line,
                )
                .hint("rename the file or folder, so that each page has an address of its own"),
            );
            continue;
        }
        first.insert(key, page);
        if let (Source::File(..), Some((segment, owner))) = (&source, owner) {
            let shown = if segment.ends_with('.') {
                format!("{segment}*")
            } else {
                segment.to_string()
            };
            check.push(
                at_line(
                    Diagnostic::error(
                        DiagnosticKind::ReservedAddress,
                        path,
                        format!(
                            "the address \"{}\" is under /{shown}, which medvirk keeps for {owner}",
                            page.path
                        ),
                    ),
                    line,
                )
                .hint(
                    "rename the file or folder: temaer, organisasjoner, personer, sok, 404.html, \
                     atom.xml, sitemap.xml and search_index.* are medvirk's own",
                ),
            );
        }
    }
}

/// `path` without empty segments: the address of the file it is written to.
fn written(path: &str) -> Cow<'_, str> {
    if !path.contains("//") {
        return Cow::Borrowed(path);
    }
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut out = format!("/{}", segments.join("/"));
    if path.ends_with('/') && !segments.is_empty() {
        out.push('/');
    }
    Cow::Owned(out)
}

/// `diagnostic` at `line`, when there is one to point at.
fn at_line(diagnostic: Diagnostic, line: Option<usize>) -> Diagnostic {
    match line {
        Some(line) => diagnostic.at(line, None),
        None => diagnostic,
    }
}

/// Where the page of `kind` comes from.
fn source(site: &Site, kind: &PageKind) -> Source {
    let page = |p: &super::Page, what: &str| match &p.source {
        Some(path) => Source::File(path.clone(), None),
        None => Source::Made(what.to_string()),
    };
    match kind {
        PageKind::Home => page(&site.home, "the home page"),
        PageKind::Meetings => site
            .meetings_section
            .as_ref()
            .map_or(Source::Made("the meetings".into()), |p| page(p, "")),
        PageKind::Papers => site
            .papers_section
            .as_ref()
            .map_or(Source::Made("the papers".into()), |p| page(p, "")),
        PageKind::Meeting(i) => {
            let (path, line) = &site.meetings[*i].source;
            Source::File(path.clone(), Some(*line))
        }
        PageKind::Case(r) | PageKind::Attachment(r, _) => {
            let (path, line) = &site.case(*r).source;
            Source::File(path.clone(), Some(*line))
        }
        PageKind::Paper(i) => Source::File(site.papers[*i].source.clone(), None),
        PageKind::Page(i) => page(&site.pages[*i], "a page"),
        PageKind::Themes => Source::Made("the themes index".into()),
        PageKind::Theme(i) => Source::Made(format!(
            "the page of the theme \"{}\"",
            site.themes[*i].name
        )),
        PageKind::Organisations => Source::Made("the organisations index".into()),
        PageKind::Organisation(id) => {
            Source::Made(format!("the page of the organisation \"{id}\""))
        }
        PageKind::People => Source::Made("the people index".into()),
        PageKind::Person(id) => Source::Made(format!("the page of the person \"{id}\"")),
        PageKind::Followups => Source::Made("the follow-up page".into()),
        PageKind::FollowupsYear(y) => Source::Made(format!("the follow-up page of {y}")),
        PageKind::Advice => Source::Made("the list of the council's advice".into()),
        PageKind::NotFound => Source::Made("the page for missing addresses".into()),
        PageKind::Search => Source::Made("the search page".into()),
        PageKind::Feed => Source::Made("the Atom feed".into()),
        PageKind::Sitemap => Source::Made("the sitemap".into()),
    }
}

#[cfg(test)]
mod tests;
