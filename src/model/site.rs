//! Stage 2, model: the validated site's own types: settings, pages and
//! papers, the references between entities and the reverse links.

use super::*;

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
    /// `build` refuses broken internal links and missing images instead of
    /// warning (`strict = true`, or `build --strict`).
    pub strict: bool,
    /// Free values for templates.
    pub extra: toml::Table,
    /// The search index, when one is built.
    pub search: Option<SearchConfig>,
    /// Pages for a copy opened from disk: every internal link relative to
    /// the page and naming its `index.html`. Not a setting of `config.toml`:
    /// `medvirk build --for-disk` sets it.
    pub for_disk: bool,
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
    /// The anchor record (`data/ankre.toml`) this site's anchors need.
    pub anchor_record: super::anchors::AnchorRecordState,
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

    /// The years of the meetings that have cases, newest first: each has a
    /// follow-up page of its own.
    pub fn meeting_years(&self) -> Vec<i32> {
        let mut years: Vec<i32> = self
            .meetings
            .iter()
            .filter(|m| !m.cases.is_empty())
            .map(|m| m.date.year())
            .collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        years
    }
}
