//! What each finding is, by name: one [`DiagnosticKind`] per message a
//! site's sources can earn.
//!
//! The wording of a message may change and carries the values of the case
//! at hand; the kind does not. A caller (an editor, a test) branches on it,
//! and `tests/diagnostics/` proves each kind is reached by a test: a new
//! message needs a new kind, since [`crate::Diagnostic`] is made with one,
//! and a new kind needs a test that triggers it.
//! Each variant's comment is the message it stands for.

/// Declares the kinds and the list of them all, so neither can miss one.
macro_rules! kinds {
    ($($(#[doc = $doc:literal])+ $name:ident,)+) => {
        /// What a finding is about; see the module's list.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum DiagnosticKind {
            $($(#[doc = $doc])+ $name,)+
        }

        impl DiagnosticKind {
            /// Every kind, in the order declared.
            pub const ALL: &'static [DiagnosticKind] = &[$(DiagnosticKind::$name,)+];

            /// The variant's name, as written in the source.
            pub fn name(self) -> &'static str {
                match self {
                    $(DiagnosticKind::$name => stringify!($name),)+
                }
            }
        }
    };
}

kinds! {
    // Reading a file (load).
    /// "the file is UTF-16 (…), not UTF-8"
    Utf16,
    /// "the file is not valid UTF-8 (first bad byte at offset …)"
    NotUtf8,
    /// "the file holds a control character (U+…)"
    ControlCharacter,
    /// "the file does not start with front matter"
    NoFrontMatter,
    /// "the front matter is never closed"
    FrontMatterNotClosed,
    /// "invalid TOML: …" (a syntax error, or a field that does not fit)
    InvalidToml,
    /// "the date … is written day first: write dates as …"
    DayFirstDate,
    /// "config.toml is a folder, not a file"
    ConfigNotAFile,
    /// "no config.toml in the site folder"
    NoConfig,
    /// "unknown section kind \"…\""
    UnknownSectionKind,
    /// "the home page cannot be the meetings section"
    HomeIsMeetings,
    /// "the file's path holds an invisible or direction-changing character"
    HiddenCharacterInPath,
    /// "data/….toml is a folder, not a file"
    RegistryNotAFile,
    /// "`…` is a named pipe (FIFO), not a file: it is left out" (a warning)
    SpecialFileLeftOut,
    /// "`…` is a symbolic link …, which leads outside the site" (a warning)
    LinkOutsideLeftOut,
    /// "`…` is a symbolic link …: links among the sources are not followed" (a warning)
    LinkInsideLeftOut,

    // The site's settings.
    /// "base_url \"…\" is not an absolute URL"
    BaseUrlNotAbsolute,
    /// "unknown split mode \"…\""
    UnknownSplitMode,
    /// "search does not support the language \"…\""
    SearchLanguage,

    // Registries: organisations and people.
    /// "\"…\" is not a valid id" (an organisation)
    InvalidOrganisationId,
    /// "unknown organisation kind \"…\""
    UnknownOrganisationKind,
    /// "the organisation id \"…\" is used twice"
    OrganisationIdTwice,
    /// "the website is a `javascript:` address, which would run in the reader's browser"
    UnsafeWebsite,
    /// "… is not after the change before it (…)" (a name or parent)
    ChangeOutOfOrder,
    /// "\"…\" is not a valid id" (a person)
    InvalidPersonId,
    /// "the person id \"…\" is used twice"
    PersonIdTwice,
    /// "\"…\" is both a person in data/people.toml and an organisation …"
    PersonIsOrganisation,
    /// "`to` (…) is before `from` (…)" (a person's title)
    TitleEndsBeforeStart,
    /// "unknown organisation \"…\""
    UnknownOrganisation,
    /// "unknown person \"…\""
    UnknownPerson,

    // The council: terms, seats, holders.
    /// "the term ends before it starts"
    TermEndsBeforeStart,
    /// "the term id \"…\" is used twice"
    TermIdTwice,
    /// "the term \"…\" (…) overlaps the term \"…\" (…)"
    TermsOverlap,
    /// "unknown term \"…\"" (a committee's)
    UnknownCommitteeTerm,
    /// "unknown term \"…\"" (a seat's)
    UnknownSeatTerm,
    /// "\"…\" is not a valid seat id"
    InvalidSeatId,
    /// "`to` (…) is before `from` (…)" (a seat's or a holder's)
    SeatEndsBeforeStart,
    /// "the seat's date … is not within the term …"
    SeatDateOutsideTerm,
    /// "the seat moves on …, outside the seat's days after its last change"
    SeatMoveOutOfOrder,
    /// "unknown seat role \"…\""
    UnknownSeatRole,
    /// "… is neither a date nor \"unknown\"" (a holder's `from` or `to`)
    HolderDateNotADate,
    /// "the holding …–… is not within …"
    HoldingOutsideSeat,
    /// "the seat \"…\" is declared twice in the term … for overlapping dates"
    SeatDeclaredTwice,
    /// "the seat \"…\" has two members at once: …" (a warning)
    TwoMembersAtOnce,
    /// "… holds two seats at once: …"
    TwoSeatsAtOnce,

    // Meetings and their attendance.
    /// "the meeting ends before it starts"
    MeetingEndsBeforeStart,
    /// "\"…\" is listed twice in the attendance"
    ListedTwice,
    /// "… does not hold …'s seat on …"
    NotTheSeatsHolder,
    /// "an observer has no seat"
    ObserverWithSeat,
    /// "unknown seat \"…\" on …"
    UnknownSeat,
    /// "the seat \"…\" is …'s on …, not …'s"
    SeatOfAnotherOrganisation,
    /// "\"…\" has no seat on the council on …: its seat \"…\" is …'s that day"
    SeatMovedAway,
    /// "\"…\" has no seat on the council on …"
    NoSeat,
    /// "\"…\" has … seats on …; the row does not say which"
    WhichSeat,
    /// "the seat \"…\" ended on …, before the meeting on …"
    SeatEnded,
    /// "the seat \"…\" begins on …, after the meeting on …"
    SeatNotBegun,
    /// "an attendance row needs a person or status = \"avbud\""
    NeitherPersonNorStatus,
    /// "unknown attendance status \"…\""
    UnknownAttendanceStatus,
    /// "the agenda names case \"…\", which is not in this meeting's folder"
    AgendaCaseMissing,
    /// "the decision names case \"…\", which is not in this meeting"
    DecisionCaseMissing,
    /// "meeting number …/… is also used by …"
    MeetingNumberTwice,
    /// "the attendance lists … of the … seats the council has on …; missing: …" (a warning)
    SeatsMissingFromAttendance,

    // Cases.
    /// "the meeting folder name \"…\" is not a valid address" (or the case file name)
    InvalidAddressName,
    /// "this case's folder has no _index.md describing the meeting"
    CaseWithoutMeeting,
    /// "unknown case kind \"…\""
    UnknownCaseKind,
    /// "unknown case status \"…\""
    UnknownCaseStatus,
    /// "unknown follow-up status \"…\""
    UnknownFollowupStatus,
    /// "the case has no input item \"…\"" (named by a follow-up)
    UnknownFollowupItem,
    /// "the follow-up source \"…\" is neither a web address nor a site path"
    InvalidFollowupSource,
    /// "`status_note` is given without a `status`"
    StatusNoteWithoutStatus,
    /// "`was` is empty"
    EmptyWas,
    /// "the case number is empty"
    EmptyCaseNumber,
    /// "case number … is used twice in …: also by …"
    CaseNumberTwice,
    /// "`was = \"…\"` is the number of another case in …: …"
    WasIsAnotherCase,
    /// "the attachment file \"…\" does not exist"
    AttachmentFileMissing,
    /// "the text rendition \"…\" has no letter or digit in its file name …"
    RenditionNameWithoutLetters,
    /// "the text rendition \"…\" does not exist"
    RenditionMissing,
    /// "the attachment \"…\" has neither `file` nor `text`"
    AttachmentWithoutFileOrText,
    /// "an \[\[earlier\]\] entry needs either `case` and `year`, or `text`"
    EarlierIncomplete,
    /// "earlier treatment names case … of …, which is not on this site"
    EarlierCaseMissing,
    /// "the theme \"…\" has no letter or digit to make its address from" (in `themes`)
    ThemeWithoutLetters,
    /// "the theme \"…\" is used only here, and is spelt nearly as the theme \"…\"" (a warning)
    ThemeLooksMisspelt,

    // Values.
    /// "\"…\" is not a date"
    NotADate,
    /// "\"…\" is not a time of day"
    NotATime,

    // Markdown.
    /// "a level-… heading follows level …" (a warning)
    HeadingSkipsLevel,
    /// "the image has no alt text"
    ImageWithoutAlt,
    /// "HTML elements nested deeper than … levels"
    HtmlTooDeep,
    /// "a list nested deeper than … levels"
    ListTooDeep,
    /// "Markdown nested deeper than … levels (quotes, lists, emphasis)"
    MarkdownTooDeep,
    /// "a link to a `javascript:` address, which would run in the reader's browser"
    UnsafeLink,
    /// "the anchor \"…\" is used twice in this file"
    AnchorTwice,
    /// "\"…\" is not a valid anchor"
    InvalidAnchor,
    /// "the anchor \"…\" was published for another item of this case" (an
    /// author's `{#anker}` that a recorded or numbered anchor already names)
    AnchorTakenByAnotherItem,

    // The anchor record (`data/ankre.toml`).
    /// "data/ankre.toml names the case \"…\", which the site no longer has" (a warning)
    AnchorRecordUnknownCase,
    /// "data/ankre.toml is out of date: …" (a warning of `check`)
    AnchorRecordOutdated,
    /// "could not write data/ankre.toml: …" (a warning of `build`)
    AnchorRecordNotWritten,
    /// "data/ankre.toml is out of date and --locked forbids updating it"
    AnchorRecordLocked,
    /// "the theme \"…\" has no letter or digit to make its address from" (in `tema=`)
    ItemThemeWithoutLetters,
    /// "unknown input-item option \"…\""
    UnknownItemOption,
    /// "unknown organisation \"…\" in fra="
    UnknownItemOrganisation,

    // Addresses.
    /// "two pages have the address \"…\": this one and …"
    AddressTwice,
    /// "the address \"…\" is under /…, which medvirk keeps for …"
    ReservedAddress,
    /// "the address \"…\" holds characters a link cannot hold as they are"
    AddressNotPlain,
    /// "the file would be written to \"/…\", as is …"
    CopyCollision,

    // Links and images (`build` warns, `build --strict` and `check` refuse).
    /// "the link \"…\" does not resolve: …" (in a site's text)
    BrokenLink,
    /// "the image \"…\" is not in the site: …" (in a site's text)
    MissingImage,
    /// "the link \"…\" does not resolve: …" (in a template; `check` only)
    BrokenTemplateLink,
    /// "the image \"…\" is not in the site: …" (in a template; `check` only)
    MissingTemplateImage,
}

/// Where a finding may be no mistake of its own but the echo of a content
/// file that could not be read (see `model::findings_around`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Echo {
    /// In the folder of a file left out: its meeting, or a case it names.
    SameFolder,
    /// Anywhere: the file left out may hold what is named.
    Anywhere,
}

impl DiagnosticKind {
    /// Whether this is a link or image of a site's text that leads nowhere:
    /// a warning to `build`, an error to `check` and `build --strict`.
    pub fn is_broken_link(self) -> bool {
        matches!(
            self,
            DiagnosticKind::BrokenLink | DiagnosticKind::MissingImage
        )
    }

    /// Whether this kind may echo a file left out, and where.
    pub(crate) fn echo(self) -> Option<Echo> {
        match self {
            DiagnosticKind::CaseWithoutMeeting
            | DiagnosticKind::AgendaCaseMissing
            | DiagnosticKind::DecisionCaseMissing => Some(Echo::SameFolder),
            // The case the record names may be the file left out.
            DiagnosticKind::EarlierCaseMissing | DiagnosticKind::AnchorRecordUnknownCase => {
                Some(Echo::Anywhere)
            }
            _ => None,
        }
    }
}
