//! The shapes of the files an author writes, exactly as written.
//!
//! These types only describe syntax: every reference is still a string and
//! every date a TOML date. `model` checks them against each other. Unknown
//! fields are rejected so a misspelt field is reported, not silently ignored.
//! Values that may need a located error later are [`Spanned`].

use serde::Deserialize;
use toml::value::Datetime;
use toml::Spanned;

/// `config.toml` at the site root (Zola's field names where Zola has them).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    /// Site title.
    pub title: String,
    /// Absolute URL the site is published at.
    pub base_url: String,
    /// One sentence about the site, for `<meta name="description">` and the feed.
    #[serde(default)]
    pub description: String,
    /// Language of the content; `nb` (Norwegian Bokmål) is the default.
    #[serde(default = "default_language")]
    pub default_language: String,
    /// Pass raw HTML in Markdown through unsanitised. Off by default.
    #[serde(default)]
    pub trust_raw_html: bool,
    /// Minify HTML output (on by default).
    #[serde(default = "yes")]
    pub minify_html: bool,
    /// Make `build` refuse a site with a broken internal link or a missing
    /// image, as `build --strict` does (off by default: they are warnings).
    #[serde(default)]
    pub strict: bool,
    /// Free-form values for a site's own templates.
    #[serde(default)]
    pub extra: toml::Table,
    /// The client-side search index.
    #[serde(default)]
    pub search: RawSearch,
}

/// `[search]` in `config.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSearch {
    /// Build the index and the search page (on by default).
    #[serde(default = "yes")]
    pub index: bool,
    /// `"auto"` (by size), `"always"` or `"never"`: split the index into shards by term.
    #[serde(default = "auto")]
    pub split: Spanned<String>,
}

impl Default for RawSearch {
    fn default() -> Self {
        RawSearch {
            index: true,
            split: auto(),
        }
    }
}

fn auto() -> Spanned<String> {
    Spanned::new(0..0, "auto".into())
}

fn default_language() -> String {
    "nb".into()
}

fn yes() -> bool {
    true
}

/// `data/organisations.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOrganisations {
    /// Every organisation, unit and body the site mentions.
    #[serde(default, rename = "organisation")]
    pub organisations: Vec<RawOrganisation>,
}

/// One `[[organisation]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOrganisation {
    /// Stable id used in references and URLs.
    pub id: Spanned<String>,
    /// Full name.
    pub name: String,
    /// Short name or abbreviation (LHL, FFO).
    pub short_name: Option<String>,
    /// What kind of body this is.
    pub kind: Spanned<String>,
    /// The umbrella it is seated through (FFO, SAFO, BrukerRoP), by id.
    pub umbrella: Option<Spanned<String>>,
    /// The parent body of an agency unit, by id.
    pub parent: Option<Spanned<String>>,
    /// Public website.
    pub website: Option<String>,
    /// A sentence about the organisation.
    pub description: Option<String>,
    /// Later names, each from a date; `name` is the name before the first.
    #[serde(default)]
    pub names: Vec<RawDatedName>,
    /// Later parents, each from a date; `parent` is the parent before the first.
    #[serde(default)]
    pub parents: Vec<RawDatedParent>,
}

/// One `[[person.names]]` or `[[organisation.names]]`: the name from a date.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDatedName {
    /// The name from then on.
    pub name: String,
    /// The first day of the name.
    pub from: Spanned<Datetime>,
}

/// One `[[organisation.parents]]`: the body a unit is part of from a date.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDatedParent {
    /// The parent from then on, by id.
    pub parent: Spanned<String>,
    /// The first day with that parent.
    pub from: Spanned<Datetime>,
}

/// One `[[person.titles]]`: a position held for a span of days.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDatedTitle {
    /// The position ("helsedirektør").
    pub title: String,
    /// The first day, if known.
    pub from: Option<Spanned<Datetime>>,
    /// The last day, if it has ended.
    pub to: Option<Spanned<Datetime>>,
}

/// `data/people.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPeople {
    /// Everyone named in a public role.
    #[serde(default, rename = "person")]
    pub people: Vec<RawPerson>,
}

/// One `[[person]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPerson {
    /// Stable id used in references and URLs.
    pub id: Spanned<String>,
    /// Name as published (the first known, when `names` gives later ones).
    pub name: String,
    /// Position, for the agency's people ("helsedirektør"), when not dated.
    pub title: Option<String>,
    /// Later names, each from a date.
    #[serde(default)]
    pub names: Vec<RawDatedName>,
    /// Positions with dates; a date not covered by one falls back to `title`.
    #[serde(default)]
    pub titles: Vec<RawDatedTitle>,
}

/// `data/council.toml`: the body, its terms, seats and committees.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCouncil {
    /// The council's name.
    pub name: String,
    /// How the minutes refer to it ("Brukerrådet").
    pub short_name: String,
    /// The agency it advises, by organisation id.
    pub agency: Spanned<String>,
    /// What the council is, in Markdown, for the home page.
    #[serde(default)]
    pub description: Option<Spanned<String>>,
    /// Terms of office.
    #[serde(default, rename = "term")]
    pub terms: Vec<RawTerm>,
    /// Seats and who held them.
    #[serde(default, rename = "seat")]
    pub seats: Vec<RawSeat>,
    /// Committees such as the working committee (AU).
    #[serde(default, rename = "committee")]
    pub committees: Vec<RawCommittee>,
}

/// One `[[term]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTerm {
    /// Id such as "2023-2025".
    pub id: Spanned<String>,
    /// First day.
    pub start: Spanned<Datetime>,
    /// Last day.
    pub end: Spanned<Datetime>,
}

/// One `[[seat]]`: a place on the council for one term, held by an organisation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSeat {
    /// The seat's own id, needed when an organisation has several seats;
    /// the organisation's id when left out.
    pub id: Option<Spanned<String>>,
    /// The organisation (or appointing body) holding the seat.
    pub organisation: Spanned<String>,
    /// The term, by id.
    pub term: Spanned<String>,
    /// How the seat is described in the minutes ("Oppnevnt fra Sametinget").
    pub label: Option<String>,
    /// First day, if the seat was created during the term.
    pub from: Option<Spanned<Datetime>>,
    /// Last day, if the seat was ended during the term.
    pub to: Option<Spanned<Datetime>>,
    /// Why the seat was created or ended, and where that is recorded.
    pub note: Option<String>,
    /// Moves of the seat to another organisation, in date order.
    #[serde(default)]
    pub moved: Vec<RawSeatMove>,
    /// Who held it.
    #[serde(default, rename = "holder")]
    pub holders: Vec<RawHolder>,
}

/// One `[[seat.moved]]`: from a date, the seat belongs to another organisation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSeatMove {
    /// The first day the seat is the new organisation's.
    pub from: Spanned<Datetime>,
    /// The organisation that holds the seat from then, by id.
    pub organisation: Spanned<String>,
    /// How the minutes label the seat from then.
    pub label: Option<String>,
    /// Where the move is recorded.
    pub note: Option<String>,
}

/// One `[[seat.holder]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawHolder {
    /// The person, by id.
    pub person: Spanned<String>,
    /// `member`, `deputy` or `unknown` (the minutes do not say).
    pub role: Spanned<String>,
    /// First day, if not the seat's first; `"unknown"` when the start is not known.
    pub from: Option<Spanned<toml::Value>>,
    /// Last day, if not the seat's last; `"unknown"` when the end is not known.
    pub to: Option<Spanned<toml::Value>>,
    /// Where the change is recorded.
    pub note: Option<String>,
}

/// One `[[committee]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCommittee {
    /// Name ("Arbeidsutvalget").
    pub name: String,
    /// Short name ("AU").
    pub short_name: Option<String>,
    /// The term, by id.
    pub term: Spanned<String>,
    /// Members.
    #[serde(default, rename = "member")]
    pub members: Vec<RawCommitteeMember>,
}

/// One `[[committee.member]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCommitteeMember {
    /// The person, by id.
    pub person: Spanned<String>,
    /// The organisation they came from, by id.
    pub organisation: Option<Spanned<String>>,
    /// Role in the committee ("leder").
    pub role: Option<String>,
    /// Where the election is recorded.
    pub note: Option<String>,
}

/// Front matter of a section (`_index.md`) or a plain page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    /// Title.
    pub title: String,
    /// One sentence for `<meta name="description">`.
    #[serde(default)]
    pub description: String,
    /// What the section holds: `meetings`, `papers` or `pages` (the default).
    pub kind: Option<Spanned<String>>,
    /// A template of the site's own to use instead of the default.
    pub template: Option<String>,
    /// Leave the page out of the navigation and sitemap.
    #[serde(default)]
    pub hidden: bool,
    /// Position in the main navigation (lower first); absent means not in it.
    pub menu: Option<i64>,
    /// Date of the page, if any.
    pub date: Option<Spanned<Datetime>>,
}

/// Front matter of a meeting (`<meetings>/<meeting>/_index.md`).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeeting {
    /// Number of the meeting in its year (2 in "2/2024").
    pub number: Spanned<u32>,
    /// Date of the meeting.
    pub date: Spanned<Datetime>,
    /// Start time, "HH:MM".
    pub start: Option<Spanned<String>>,
    /// End time, "HH:MM".
    pub end: Option<Spanned<String>>,
    /// Place, if known.
    pub place: Option<String>,
    /// Chair of the meeting, by person id; may be absent in a real document.
    pub chair: Option<Spanned<String>>,
    /// Minute-takers, by person id.
    #[serde(default)]
    pub minute_takers: Vec<Spanned<String>>,
    /// Agenda items in order.
    #[serde(default)]
    pub agenda: Vec<RawAgendaItem>,
    /// A note that the agenda was revised, and how (cases renumbered, moved).
    pub revised: Option<String>,
    /// Decisions of the council.
    #[serde(default)]
    pub decisions: Vec<RawDecision>,
    /// Attendance per seat.
    #[serde(default)]
    pub attendance: Vec<RawSeatAttendance>,
    /// Observers (no seat).
    #[serde(default)]
    pub observers: Vec<RawSeatAttendance>,
    /// Guests.
    #[serde(default)]
    pub guests: Vec<RawGuest>,
    /// The agency's leadership present, by person id.
    #[serde(default)]
    pub leadership: Vec<Spanned<String>>,
    /// The secretariat present, by person id.
    #[serde(default)]
    pub secretariat: Vec<Spanned<String>>,
}

/// One `[[agenda]]` item.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAgendaItem {
    /// Start time, "HH:MM" (the minutes also write "HH.MM").
    pub time: Spanned<String>,
    /// The item as printed.
    pub text: String,
    /// The case it presents, by printed number.
    pub case: Option<Spanned<String>>,
}

/// One `[[decisions]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDecision {
    /// The decision as recorded ("Brukerrådet besluttet at …").
    pub text: String,
    /// The case it belongs to, by printed number.
    pub case: Option<Spanned<String>>,
}

/// One row of an attendance list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSeatAttendance {
    /// The organisation whose seat this is.
    pub organisation: Spanned<String>,
    /// Which of the organisation's seats, by seat id, when it has several.
    pub seat: Option<Spanned<String>>,
    /// The label printed for the row in this meeting's list.
    pub label: Option<String>,
    /// Who came, by person id.
    pub person: Option<Spanned<String>>,
    /// `til-stede` (default when a person is given), `avbud` or `ikke-møtt`.
    pub status: Option<Spanned<String>>,
}

/// One `[[guests]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGuest {
    /// The organisation that brought the guest.
    pub organisation: Option<Spanned<String>>,
    /// The guest's name; never published unless `publish_name = true`.
    pub name: Option<String>,
    /// Free text kept with the name (an age, for example); published with it.
    pub note: Option<String>,
    /// Publish the name (only with the guest's consent).
    #[serde(default)]
    pub publish_name: bool,
}

/// Front matter of a case (a `.md` file in a meeting's folder).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCase {
    /// The number as printed ("07/24"), kept even when inconsistent.
    pub number: Spanned<String>,
    /// `drøftingssak`, `oppfølgingssak`, `orienteringssak` or `løypemelding`;
    /// left out when the minutes print none.
    pub kind: Option<Spanned<String>>,
    /// `behandlet`, `ikke behandlet`, `utsatt` or `trukket`; left out when the
    /// minutes say nothing of it.
    pub status: Option<Spanned<String>>,
    /// What the minutes say about the status ("Saken ble ikke behandlet på grunn av tiden").
    pub status_note: Option<String>,
    /// The number the case had before the agenda was revised ("13/24").
    pub was: Option<Spanned<String>>,
    /// Title without the number.
    pub title: String,
    /// One sentence for listings and `<meta name="description">`.
    #[serde(default)]
    pub description: String,
    /// The agency unit that submitted it, by organisation id.
    pub submitted_by: Option<Spanned<String>>,
    /// Theme tags.
    #[serde(default)]
    pub themes: Vec<Spanned<String>>,
    /// Earlier treatment of the same matter.
    #[serde(default)]
    pub earlier: Vec<RawEarlier>,
    /// Attachments.
    #[serde(default)]
    pub attachments: Vec<RawAttachment>,
    /// What came of the case later, as a source records it.
    #[serde(default, rename = "followup")]
    pub followups: Vec<RawFollowup>,
}

/// One `[[followup]]` entry: what came of a case after its meeting.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFollowup {
    /// When it happened or was recorded.
    pub date: Spanned<Datetime>,
    /// `mottatt`, `under arbeid`, `fulgt opp`, `delvis fulgt opp` or `ikke fulgt opp`.
    pub status: Spanned<String>,
    /// What happened, in the source's words.
    pub text: String,
    /// Where it is recorded: a web address or a path on this site.
    pub source: Option<Spanned<String>>,
    /// The anchors of this case's input items it answers ("innspill-3").
    #[serde(default)]
    pub items: Vec<Spanned<String>>,
}

/// One `[[earlier]]` entry: a case on this site, or a described older treatment.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEarlier {
    /// A case on this site by printed number; needs `year`.
    pub case: Option<Spanned<String>>,
    /// The year of that case's meeting.
    pub year: Option<Spanned<i32>>,
    /// Date of a treatment not on this site.
    pub date: Option<Spanned<Datetime>>,
    /// Description of a treatment not on this site.
    pub text: Option<String>,
}

/// One `[[attachments]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAttachment {
    /// Title as a person would say it.
    pub title: String,
    /// What it is ("Saksdokument", "Presentasjon").
    pub kind: Option<String>,
    /// A file beside the case (PDF, slides), relative to the case's folder.
    pub file: Option<Spanned<String>>,
    /// A Markdown text rendition, relative to the case's folder.
    pub text: Option<Spanned<String>>,
}

/// Front matter of a position paper.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPaper {
    /// Title.
    pub title: String,
    /// One sentence for listings.
    #[serde(default)]
    pub description: String,
    /// Date, when the document carries one.
    pub date: Option<Spanned<Datetime>>,
    /// Authoring bodies or organisations, by id.
    #[serde(default)]
    pub authors: Vec<Spanned<String>>,
    /// Recipient, by organisation id.
    pub recipient: Option<Spanned<String>>,
    /// Theme tags.
    #[serde(default)]
    pub themes: Vec<Spanned<String>>,
}
