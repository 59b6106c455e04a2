//! `medvirk import`: the seeds imported on a copy of the demo site without
//! their meeting, built, and compared structurally with the hand-made
//! meetings through the model; minutes in another layout; bad input.
//!
//! Run with `-- --nocapture` to see the figures.

mod common;

use std::path::{Path, PathBuf};

use common::TestSite;
use medvirk::import::{import, ImportError, ImportOptions, ImportOutcome};
use medvirk::model::{self, AttendanceStatus, Meeting, SectionKind};

fn seed(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/seeds");
    std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(name))
        .unwrap_or_else(|| panic!("no seed {name}"))
}

fn options(source: &Path, root: &Path) -> ImportOptions {
    ImportOptions {
        source: source.to_path_buf(),
        root: root.to_path_buf(),
        meeting: None,
        dry_run: false,
        force: false,
        write_registry: false,
    }
}

fn site_model(root: &Path) -> model::Site {
    let sources = medvirk::load::load(root).unwrap_or_else(|e| panic!("load: {e}"));
    model::build(&sources).unwrap_or_else(|d| panic!("the site does not build:\n{d}"))
}

fn meeting<'a>(site: &'a model::Site, slug: &str) -> &'a Meeting {
    site.meetings
        .iter()
        .find(|m| m.slug == slug)
        .unwrap_or_else(|| panic!("no meeting {slug}"))
}

/// Longest common subsequence length.
fn lcs<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    for x in a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        prev = cur;
    }
    prev[b.len()]
}

/// One input item as compared: depth, text, question group, raised by
/// many, attributed organisations.
type ItemKey = (usize, String, Option<String>, bool, Vec<String>);

fn items(case: &model::Case) -> Vec<ItemKey> {
    case.body
        .items()
        .into_iter()
        .map(|i| {
            (
                i.label.matches('.').count(),
                i.text.clone(),
                i.group.clone(),
                i.raised_by_many,
                i.organisations.clone(),
            )
        })
        .collect()
}

fn sections(case: &model::Case) -> Vec<(SectionKind, String)> {
    case.body
        .sections
        .iter()
        .map(|s| {
            (
                s.kind,
                s.heading
                    .as_ref()
                    .map(|h| h.text.clone())
                    .unwrap_or_default(),
            )
        })
        .collect()
}

/// The figures of one comparison.
#[derive(Debug, Default)]
struct Figures {
    cases: (usize, usize),
    titles: (usize, usize),
    sections: (usize, usize),
    items: (usize, usize),
    extra_items: usize,
    agenda: (usize, usize),
    attendance: (usize, usize),
    people_lists: (usize, usize),
    /// Item keys of the hand-made meeting that the import did not match.
    missed: Vec<(String, ItemKey)>,
}

fn pct((a, b): (usize, usize)) -> f64 {
    if b == 0 {
        100.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

fn compare(hand: &Meeting, imported: &Meeting) -> Figures {
    let mut f = Figures::default();
    f.cases.1 = hand.cases.len();
    for hc in &hand.cases {
        let Some(ic) = imported.cases.iter().find(|c| c.number == hc.number) else {
            f.items.1 += items(hc).len();
            f.titles.1 += 1;
            continue;
        };
        if ic.kind == hc.kind {
            f.cases.0 += 1;
        }
        f.titles.1 += 1;
        f.titles.0 += usize::from(ic.title == hc.title);
        let (hs, is) = (sections(hc), sections(ic));
        f.sections.1 += hs.len();
        f.sections.0 += lcs(&hs, &is);
        let (hi, ii) = (items(hc), items(ic));
        let matched = lcs(&hi, &ii);
        f.items.1 += hi.len();
        f.items.0 += matched;
        f.extra_items += ii.len() - matched;
        for key in &hi {
            if !ii.contains(key) {
                f.missed.push((hc.number.clone(), key.clone()));
            }
        }
    }
    let agenda = |m: &Meeting| -> Vec<(String, String, Option<String>)> {
        m.agenda
            .iter()
            .map(|a| {
                (
                    a.time.format("%H:%M").to_string(),
                    a.text.clone(),
                    a.case.map(|c| m.cases[c].number.clone()),
                )
            })
            .collect()
    };
    f.agenda = (lcs(&agenda(hand), &agenda(imported)), hand.agenda.len());
    type Row = (
        String,
        AttendanceStatus,
        Option<String>,
        Option<model::SeatRole>,
    );
    let rows = |m: &Meeting| -> Vec<Row> {
        m.attendance
            .seats
            .iter()
            .chain(&m.attendance.observers)
            .map(|r| (r.organisation.clone(), r.status, r.person.clone(), r.role))
            .collect()
    };
    let (hr, ir) = (rows(hand), rows(imported));
    f.attendance = (lcs(&hr, &ir), hr.len().max(ir.len()));
    let people = |m: &Meeting| -> Vec<String> {
        let a = &m.attendance;
        let mut v: Vec<String> = a
            .leadership
            .iter()
            .map(|p| format!("leadership {p}"))
            .collect();
        v.extend(a.secretariat.iter().map(|p| format!("secretariat {p}")));
        v.extend(
            a.guests
                .iter()
                .map(|g| format!("guest of {:?}", g.organisation)),
        );
        v.extend(m.chair.iter().map(|p| format!("chair {p}")));
        v.extend(m.minute_takers.iter().map(|p| format!("minute-taker {p}")));
        v.push(format!("{} {:?} {:?}", m.date, m.start, m.end));
        v.extend(m.decisions.iter().map(|d| format!("decision {}", d.text)));
        v
    };
    let (hp, ip) = (people(hand), people(imported));
    f.people_lists = (lcs(&hp, &ip), hp.len().max(ip.len()));
    f
}

fn print(name: &str, f: &Figures, outcome: &ImportOutcome) {
    let c = &outcome.counts;
    println!(
        "{name}: cases {}/{} ({:.0} %), titles {}/{}, sections {}/{} ({:.1} %), input items {}/{} exactly ({:.1} %, {} extra), agenda {}/{}, attendance rows {}/{} ({:.0} %), people and fields {}/{}; source lines {}: {} placed, {} noise, {} not placed, {} unaccounted for",
        f.cases.0, f.cases.1, pct(f.cases),
        f.titles.0, f.titles.1,
        f.sections.0, f.sections.1, pct(f.sections),
        f.items.0, f.items.1, pct(f.items), f.extra_items,
        f.agenda.0, f.agenda.1,
        f.attendance.0, f.attendance.1, pct(f.attendance),
        f.people_lists.0, f.people_lists.1,
        c.lines, c.placed, c.noise, c.unplaced, c.unaccounted,
    );
    for (case, key) in &f.missed {
        println!("  {name} {case}: not matched: {key:?}");
    }
}

/// Imports a seed on a copy of the demo site without `slug`, builds it, and
/// compares the import with the hand-made meeting.
fn fidelity(seed_name: &str, slug: &str) -> (Figures, ImportOutcome) {
    let hand_site = TestSite::demo();
    let hand = site_model(hand_site.root());
    let site = TestSite::demo();
    std::fs::remove_dir_all(site.root().join("content/moter").join(slug)).unwrap();
    let outcome = import(&options(&seed(seed_name), site.root())).expect("import");
    assert_eq!(outcome.dir, Path::new("content/moter").join(slug));
    // The draft builds as it is, report and proposals beside it included.
    site.build()
        .unwrap_or_else(|e| panic!("the draft does not build: {e}\n{}", outcome.report));
    let imported = site_model(site.root());
    let figures = compare(meeting(&hand, slug), meeting(&imported, slug));
    print(slug, &figures, &outcome);
    (figures, outcome)
}

fn assert_targets(f: &Figures, outcome: &ImportOutcome, allowed_missed: usize) {
    assert_eq!(f.cases.0, f.cases.1, "every case, with its kind");
    assert_eq!(
        f.attendance.0, f.attendance.1,
        "every attendance row, with status and role"
    );
    assert!(
        pct(f.items) >= 98.0,
        "at least 98 % of the input items exactly"
    );
    assert!(
        f.missed.len() <= allowed_missed,
        "items missed: {:?}",
        f.missed
    );
    assert_eq!(outcome.counts.unaccounted, 0, "every line accounted for");
    assert_eq!(f.agenda.0, f.agenda.1, "every agenda line");
    assert_eq!(
        f.people_lists.0, f.people_lists.1,
        "chair, minute-takers, leadership, secretariat, guests, date, decisions"
    );
}

#[test]
fn seed_000_imports_as_meeting_2_2024() {
    let (f, outcome) = fidelity("000_", "2024-2");
    // Hand-made readings the importer does not reach, each the better one:
    // none for the items of this meeting. Sections (printed, not asserted):
    // the editor made "Foreløpige funn fra GAP-analysen" (10/24) a part of
    // its own; in the text it is one more heading inside the background.
    assert_targets(&f, &outcome, 0);
    assert_eq!(f.titles.0, f.titles.1);
}

#[test]
fn seed_001_imports_as_meeting_4_2023() {
    let (f, outcome) = fidelity("001_", "2023-4");
    // The hand-made meeting is the better reading for one line: " Digital
    // transformasjon viktig…" (line 281) stands at the top of a page with no
    // glyph; the editor nested it under the item above, the importer keeps
    // it at that item's level and says so in a comment. That is one item
    // missed (its depth) and nothing else. Sections (printed, not asserted):
    // the editor added "(strategi)" and "(endringsbehov)" to the two
    // question headings of 14/23, which the minutes print without them.
    assert_targets(&f, &outcome, 1);
    assert_eq!(f.titles.0, f.titles.1);
}

/// A council of another agency, with umbrella prefixes and middle names.
const MADE_UP_DATA: &[(&str, &str)] = &[
    (
        "data/organisations.toml",
        r#"
[[organisation]]
id = "fylkeskommunen"
name = "Fylkeskommunen"
kind = "agency"

[[organisation]]
id = "samferdsel"
name = "Avdeling for samferdsel og miljø"
kind = "agency-unit"
parent = "fylkeskommunen"

[[organisation]]
id = "paraplyen"
name = "Paraplyorganisasjonen"
short_name = "PARA"
kind = "umbrella"

[[organisation]]
id = "hjerteforeningen"
name = "Foreningen for hjertesyke"
kind = "member"
umbrella = "paraplyen"

[[organisation]]
id = "hodepine-norge"
name = "Hodepine Norge"
kind = "member"

[[organisation]]
id = "ungdomsforbundet"
name = "Ungdomsforbundet"
kind = "member"

[[organisation]]
id = "statsforvalteren"
name = "Statsforvalteren"
kind = "observer"
"#,
    ),
    (
        "data/people.toml",
        r#"
[[person]]
id = "ida-berg"
name = "Ida Marie Berg"

[[person]]
id = "per-lund"
name = "Per Lund"

[[person]]
id = "sara-holm"
name = "Sara Holm"

[[person]]
id = "jonas-vik"
name = "Jonas Vik"

[[person]]
id = "lise-dahl"
name = "Lise Dahl"
"#,
    ),
    (
        "data/council.toml",
        r#"
name = "Fylkets ungdomsråd"
short_name = "Ungdomsrådet"
agency = "fylkeskommunen"

[[term]]
id = "2025-2027"
start = 2025-01-01
end = 2027-12-31

[[seat]]
organisation = "hjerteforeningen"
term = "2025-2027"
label = "PARA/Foreningen for hjertesyke"
[[seat.holder]]
person = "sara-holm"
role = "member"

[[seat]]
organisation = "hodepine-norge"
term = "2025-2027"
[[seat.holder]]
person = "lise-dahl"
role = "member"

[[seat]]
organisation = "ungdomsforbundet"
term = "2025-2027"
[[seat.holder]]
person = "ida-berg"
role = "member"
[[seat.holder]]
person = "jonas-vik"
role = "deputy"
"#,
    ),
];

/// Minutes of another council in another layout: double-spaced, other
/// glyphs (➢, –, ▪), numbered questions grouping the input, "Fremmet av"
/// over three lines, a running header and a page number, a link on its own
/// line, an arrow, a real hyphen at a line end, the attendance table's
/// cells split over lines.
const MADE_UP: &str = " Fylkets ungdomsråd – Referat fra møte 3/2025

Møteleder: Ida Berg

Dato: 12. mars 2025, kl. 09.00–12.30

Referent: Per Lund

Til stede: Se deltakerlisten

DAGSORDEN:

09.00 Åpning v/Ida Berg

09.15 Sak 05/25 Orienteringssak: Ny rutetabell for nattbussene i hele

fylket

10.30 Sak 06/25 – Drøftingssak – Ungdommens helsetilbud

12.15 Eventuelt

Åpning v/Ida Berg

Leder ønsket velkommen. Rådet vedtok innkallingen.

Sak 05/25 Orienteringssak: Ny rutetabell for nattbussene i hele

fylket

Fremmet av Fylkeskommunen,

avdeling for samferdsel

og miljø

Bakgrunn:

Fylket endrer rutene fra august. Ny tabell ble sendt ut på forhånd.

https://example.org/rutetabell.pdf

Innspill:

➢ Nattbussene må gå oftere i helgene

➢ Holdeplassene må være godt opplyst – spesielt på

landet

   – Ungdom føler seg utrygge om natten

   – Lys og kamera -> tryggere for alle

➢ Billettprisen er for høy for elever i videregående og lærlinger i helse- og

omsorgsfag (Hodepine Norge)

 Fylkets ungdomsråd – Referat fra møte 3/2025

2

 Sak 06/25 – Drøftingssak – Ungdommens helsetilbud

Spørsmål til drøfting

– Hva trenger ungdom mest fra helsesykepleier?

– Hvordan kan tilbudet bli kjent?

Rådets innspill

1. Hva trenger ungdom mest fra helsesykepleier?

▪ Mer tid på skolen, flere dager i uken

▪ Egen chat - også på kveldstid

    – Svar innen ett døgn

2. Hvordan kan tilbudet bli kjent?

▪ Informasjon på sosiale medier

Tilbakemelding fra fylkeskommunen

Fylkeskommunen tar innspillene med seg i det videre arbeidet.

Deltakerliste

Organisasjon  Medlem  Vara

PARA/Foreningen for

hjertesyke

Sara Holm

Hodepine Norge  Avbud

Ungdomsforbundet  Jonas Vik

Observatør fra Statsforvalteren  Avbud
";

fn made_up_site() -> TestSite {
    let site = TestSite::minimal();
    std::fs::remove_dir_all(site.root().join("content/moter/2026-1")).unwrap();
    for (rel, text) in MADE_UP_DATA {
        site.write(rel, text);
    }
    site
}

#[test]
fn minutes_in_another_layout_import_by_their_patterns() {
    let site = made_up_site();
    site.write("referat.txt", MADE_UP);
    let outcome = import(&options(&site.root().join("referat.txt"), site.root())).expect("import");
    println!("{}", outcome.report);
    assert_eq!(outcome.dir, Path::new("content/moter/2025-3"));
    assert_eq!(outcome.counts.unaccounted, 0);
    assert_eq!(outcome.counts.unplaced, 0);
    assert_eq!(outcome.proposals, 0, "every name is in the registry");
    site.build().unwrap_or_else(|e| panic!("{e}"));
    let model = site_model(site.root());
    let m = meeting(&model, "2025-3");
    assert_eq!(
        (m.number, m.date.to_string()),
        (3, "2025-03-12".to_string())
    );
    assert_eq!(
        (m.start.map(|t| t.to_string()), m.end.map(|t| t.to_string())),
        (Some("09:00:00".into()), Some("12:30:00".into()))
    );
    assert_eq!(
        m.chair.as_deref(),
        Some("ida-berg"),
        "found without the middle name"
    );
    assert_eq!(m.minute_takers, ["per-lund"]);
    let agenda: Vec<(String, Option<String>)> = m
        .agenda
        .iter()
        .map(|a| (a.text.clone(), a.case.map(|c| m.cases[c].number.clone())))
        .collect();
    assert_eq!(
        agenda,
        [
            ("Åpning v/Ida Berg".to_string(), None),
            (
                "Sak 05/25 Orienteringssak: Ny rutetabell for nattbussene i hele fylket".into(),
                Some("05/25".into())
            ),
            (
                "Sak 06/25 – Drøftingssak – Ungdommens helsetilbud".into(),
                Some("06/25".into())
            ),
            ("Eventuelt".into(), None),
        ]
    );
    assert_eq!(m.decisions.len(), 1);
    let cases: Vec<(&str, Option<model::CaseKind>, &str, Option<&str>)> = m
        .cases
        .iter()
        .map(|c| {
            (
                c.number.as_str(),
                c.kind,
                c.title.as_str(),
                c.submitted_by.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        cases,
        [
            (
                "05/25",
                Some(model::CaseKind::Information),
                "Ny rutetabell for nattbussene i hele fylket",
                Some("samferdsel")
            ),
            (
                "06/25",
                Some(model::CaseKind::Discussion),
                "Ungdommens helsetilbud",
                None
            ),
        ]
    );
    let kinds: Vec<Vec<SectionKind>> = m
        .cases
        .iter()
        .map(|c| c.body.sections.iter().map(|s| s.kind).collect())
        .collect();
    assert_eq!(
        kinds,
        [
            vec![SectionKind::Background, SectionKind::Input],
            vec![
                SectionKind::Questions,
                SectionKind::Input,
                SectionKind::Reply
            ],
        ]
    );
    assert_eq!(
        items(&m.cases[0]),
        [
            (0, "Nattbussene må gå oftere i helgene".into(), None, false, vec![]),
            (0, "Holdeplassene må være godt opplyst – spesielt på landet".into(), None, false, vec![]),
            (1, "Ungdom føler seg utrygge om natten".into(), None, false, vec![]),
            (1, "Lys og kamera -> tryggere for alle".into(), None, false, vec![]),
            (
                0,
                "Billettprisen er for høy for elever i videregående og lærlinger i helse- og omsorgsfag".into(),
                None,
                false,
                vec!["hodepine-norge".to_string()]
            ),
        ]
    );
    let q1 = Some("Hva trenger ungdom mest fra helsesykepleier?".to_string());
    let q2 = Some("Hvordan kan tilbudet bli kjent?".to_string());
    assert_eq!(
        items(&m.cases[1]),
        [
            (
                0,
                "Mer tid på skolen, flere dager i uken".into(),
                q1.clone(),
                false,
                vec![]
            ),
            (
                0,
                "Egen chat - også på kveldstid".into(),
                q1.clone(),
                false,
                vec![]
            ),
            (1, "Svar innen ett døgn".into(), q1, false, vec![]),
            (0, "Informasjon på sosiale medier".into(), q2, false, vec![]),
        ]
    );
    let rows: Vec<(
        &str,
        AttendanceStatus,
        Option<&str>,
        Option<model::SeatRole>,
    )> = m
        .attendance
        .seats
        .iter()
        .chain(&m.attendance.observers)
        .map(|r| {
            (
                r.organisation.as_str(),
                r.status,
                r.person.as_deref(),
                r.role,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "hjerteforeningen",
                AttendanceStatus::Present,
                Some("sara-holm"),
                Some(model::SeatRole::Member)
            ),
            ("hodepine-norge", AttendanceStatus::Regrets, None, None),
            (
                "ungdomsforbundet",
                AttendanceStatus::Present,
                Some("jonas-vik"),
                Some(model::SeatRole::Deputy)
            ),
            ("statsforvalteren", AttendanceStatus::Regrets, None, None),
        ]
    );
    // The running header and the page number are layout noise, each said so.
    let report = &outcome.report;
    assert!(report.contains("repeated page header"), "{report}");
    assert!(report.contains("page number"), "{report}");
    // The report is beside the draft, and the build neither reads nor publishes it.
    let written = site.read_source("content/moter/2025-3/.import-rapport.txt");
    assert_eq!(&written, report);
    assert!(!site
        .public()
        .join("moter/2025-3/.import-rapport.txt")
        .exists());
}

#[test]
fn utf16_with_a_byte_order_mark_reads_as_the_same_minutes() {
    let site = made_up_site();
    site.write("referat.txt", MADE_UP);
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in MADE_UP.encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    std::fs::write(site.root().join("referat-16.txt"), utf16).unwrap();
    let mut a = options(&site.root().join("referat.txt"), site.root());
    a.dry_run = true;
    let mut b = options(&site.root().join("referat-16.txt"), site.root());
    b.dry_run = true;
    let (a, b) = (import(&a).unwrap(), import(&b).unwrap());
    let md = |o: &ImportOutcome| -> Vec<(PathBuf, String)> {
        o.files
            .iter()
            .filter(|f| f.path.extension().is_some_and(|e| e == "md"))
            .map(|f| {
                (
                    f.path.clone(),
                    f.text.replace("referat-16.txt", "referat.txt"),
                )
            })
            .collect()
    };
    assert_eq!(md(&a), md(&b));
    assert!(
        !site.root().join("content/moter/2025-3").exists(),
        "a dry run writes nothing"
    );
}

#[test]
fn an_existing_meeting_is_replaced_only_with_force() {
    let site = made_up_site();
    site.write("referat.txt", MADE_UP);
    let opts = options(&site.root().join("referat.txt"), site.root());
    import(&opts).unwrap();
    site.write(
        "content/moter/2025-3/merknad.md",
        "+++\nnumber = \"99/25\"\nkind = \"drøftingssak\"\ntitle = \"Redigert\"\n+++\n",
    );
    match import(&opts) {
        Err(ImportError::Exists { dir }) => assert_eq!(dir, Path::new("content/moter/2025-3")),
        other => panic!("expected Exists, got {other:?}"),
    }
    assert!(
        site.root().join("content/moter/2025-3/merknad.md").exists(),
        "nothing was touched"
    );
    let forced = ImportOptions {
        force: true,
        ..opts
    };
    import(&forced).unwrap();
    assert!(!site.root().join("content/moter/2025-3/merknad.md").exists());
    site.build().unwrap();
}

#[test]
fn unknown_names_are_proposed_and_written_to_data_only_when_asked() {
    let site = made_up_site();
    let text = MADE_UP.replace("Referent: Per Lund", "Referent: Per Lund, Nina Strand");
    site.write("referat.txt", &text);
    let opts = options(&site.root().join("referat.txt"), site.root());
    let outcome = import(&opts).unwrap();
    assert_eq!(outcome.proposals, 1);
    assert!(
        outcome
            .report
            .contains("\"Nina Strand\" is not in data/people.toml: proposed as \"nina-strand\""),
        "{}",
        outcome.report
    );
    let proposed = site.read_source("content/moter/2025-3/.import-registry.toml");
    assert!(
        proposed.contains("id = \"nina-strand\"\nname = \"Nina Strand\""),
        "{proposed}"
    );
    assert!(
        !site.read_source("data/people.toml").contains("Nina"),
        "data/ untouched"
    );
    // The draft fails to build exactly where the report said.
    let err = site.build_err();
    assert!(err.contains("nina-strand"), "{err}");
    let again = ImportOptions {
        force: true,
        write_registry: true,
        ..opts
    };
    import(&again).unwrap();
    assert!(site
        .read_source("data/people.toml")
        .contains("id = \"nina-strand\""));
    site.build().unwrap();
}

fn import_err(site: &TestSite, name: &str, bytes: &[u8]) -> ImportError {
    std::fs::write(site.root().join(name), bytes).unwrap();
    match import(&options(&site.root().join(name), site.root())) {
        Ok(o) => panic!("{name} should not import:\n{}", o.report),
        Err(e) => e,
    }
}

#[test]
fn bad_input_gets_a_clear_error() {
    let site = made_up_site();
    let show = |e: &ImportError| e.to_string();
    let e = import_err(&site, "tom.txt", b"");
    assert!(matches!(e, ImportError::Empty { .. }), "{}", show(&e));
    let e = import_err(&site, "blank.txt", b"  \n\n \n");
    assert!(matches!(e, ImportError::Empty { .. }), "{}", show(&e));
    let paper = std::fs::read(seed("003_")).unwrap();
    let e = import_err(&site, "innspill.txt", &paper);
    assert!(matches!(e, ImportError::NotMinutes { .. }), "{}", show(&e));
    let readme = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let e = import_err(&site, "README.md", &readme);
    assert!(matches!(e, ImportError::NotMinutes { .. }), "{}", show(&e));
    let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
    let e = import_err(&site, "bilde.png", &binary);
    assert!(matches!(e, ImportError::Binary { .. }), "{}", show(&e));
    let mut latin1 = MADE_UP.as_bytes().to_vec();
    latin1.extend(b"\nM\xf8teslutt\n");
    let e = import_err(&site, "latin1.txt", &latin1);
    assert!(matches!(e, ImportError::Encoding { .. }), "{}", show(&e));
    let line = MADE_UP.matches('\n').count() + 2;
    assert!(show(&e).contains(&format!("line {line} ")), "{}", show(&e));
    let mut odd = vec![0xFF, 0xFE];
    odd.extend([0x41, 0x00, 0x42]);
    let e = import_err(&site, "odd16.txt", &odd);
    assert!(matches!(e, ImportError::Encoding { .. }), "{}", show(&e));
    // A zip renamed to .docx.
    let mut zipped = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut zipped);
        w.start_file("notater.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        std::io::Write::write_all(&mut w, b"ikke et referat").unwrap();
        w.finish().unwrap();
    }
    let e = import_err(&site, "referat.docx", zipped.get_ref());
    assert!(matches!(e, ImportError::NotDocx { .. }), "{}", show(&e));
    let e = import_err(&site, "brutt.docx", b"PK\x03\x04 not really a zip");
    assert!(matches!(e, ImportError::Docx { .. }), "{}", show(&e));
    let undated = MADE_UP.replace(
        "Dato: 12. mars 2025, kl. 09.00–12.30",
        "Tid: kl. 09.00–12.30",
    );
    let e = import_err(&site, "udatert.txt", undated.as_bytes());
    assert!(matches!(e, ImportError::NoDate { .. }), "{}", show(&e));
    let unnumbered = MADE_UP.replace("møte 3/2025", "møtet");
    let e = import_err(&site, "unummerert.txt", unnumbered.as_bytes());
    assert!(
        matches!(e, ImportError::NoNumber { year: 2025, .. }),
        "{}",
        show(&e)
    );
    let mut given = options(&site.root().join("unummerert.txt"), site.root());
    given.meeting = Some("2025-7".into());
    assert_eq!(
        import(&given).unwrap().dir,
        Path::new("content/moter/2025-7")
    );
    given.meeting = Some("sju".into());
    assert!(matches!(
        import(&given),
        Err(ImportError::BadMeeting { .. })
    ));
    let nowhere = import(&options(
        &site.root().join("referat.docx"),
        &site.root().join("content"),
    ));
    assert!(matches!(nowhere, Err(ImportError::NoSite { .. })));
    let missing = import(&options(&site.root().join("finnes-ikke.txt"), site.root()));
    assert!(matches!(missing, Err(ImportError::Read { .. })));
}

#[test]
fn no_text_makes_the_importer_panic() {
    // Every seed and the made-up minutes, cut at many lines from the top and
    // the bottom, and changed as careless exports change text: each either
    // imports or fails with an error, never a panic.
    let site = made_up_site();
    let mut texts: Vec<String> = ["000_", "001_", "003_", "004_"]
        .iter()
        .map(|s| std::fs::read_to_string(seed(s)).unwrap())
        .collect();
    texts.push(MADE_UP.to_string());
    let mut variants = Vec::new();
    for text in &texts {
        let lines: Vec<&str> = text.lines().collect();
        for cut in (0..lines.len()).step_by(9) {
            variants.push(lines[..cut].join("\n"));
            variants.push(lines[cut..].join("\n"));
        }
        variants.push(
            lines
                .iter()
                .filter(|l| !l.trim().is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join("\n"),
        );
        variants.push(text.to_uppercase());
        variants.push(text.to_lowercase());
        variants.push(text.replace(' ', "  "));
        variants.push(
            lines
                .iter()
                .map(|l| format!("İ{l}ẞ"))
                .collect::<Vec<_>>()
                .join("\n"),
        );
        variants.push(
            lines
                .iter()
                .map(|l| l.chars().take(30).collect::<String>())
                .collect::<Vec<_>>()
                .join("\n"),
        );
        variants.push(text.replace('\n', "\r\n"));
        variants.push(text.replace("\n\n", "\u{0C}"));
    }
    let path = site.root().join("variant.txt");
    let mut imported = 0;
    for v in &variants {
        std::fs::write(&path, v).unwrap();
        let mut opts = options(&path, site.root());
        opts.dry_run = true;
        if let Ok(outcome) = import(&opts) {
            let lost: Vec<&str> = outcome
                .report
                .lines()
                .filter(|l| l.contains("NOT ACCOUNTED FOR"))
                .collect();
            assert!(lost.is_empty(), "{lost:#?}");
            imported += 1;
        }
    }
    assert!(
        imported > variants.len() / 4,
        "most variants still import ({imported} of {})",
        variants.len()
    );
}

/// A Word document made from a meeting of the model: the title and fields,
/// the agenda, the meeting's sections, each case with its sections (lists
/// as Word lists with levels, input items bold when raised by many), and
/// the attendance list as a table.
fn docx_of(site: &model::Site, m: &Meeting) -> Vec<u8> {
    use docx_rs::{
        AbstractNumbering, Docx, IndentLevel, Level, LevelJc, LevelText, NumberFormat, Numbering,
        NumberingId, Paragraph, Run, Start, Table, TableCell, TableRow,
    };
    use pulldown_cmark::{Event, Tag, TagEnd};
    const BULLETS: usize = 7;
    let person = |id: &str| {
        site.people
            .get(id)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    let org = |id: &str| {
        site.organisations
            .get(id)
            .map(|o| o.name.clone())
            .unwrap_or_default()
    };
    let text = |t: &str| Paragraph::new().add_run(Run::new().add_text(t));
    let bullet = |t: &str, level: usize, bold: bool| {
        let run = Run::new().add_text(t);
        Paragraph::new()
            .add_run(if bold { run.bold() } else { run })
            .numbering(NumberingId::new(BULLETS), IndentLevel::new(level))
    };
    let mut abs = AbstractNumbering::new(BULLETS);
    for (level, glyph) in ["•", "o", "▪"].iter().enumerate() {
        abs = abs.add_level(Level::new(
            level,
            Start::new(1),
            NumberFormat::new("bullet"),
            LevelText::new(*glyph),
            LevelJc::new("left"),
        ));
    }
    let mut doc = Docx::new()
        .add_abstract_numbering(abs)
        .add_numbering(Numbering::new(BULLETS, BULLETS));
    doc = doc.add_paragraph(text(&format!(
        "Helsedirektoratets brukerråd #{}/{} – Referat",
        m.number,
        m.date.format("%Y")
    )));
    if let Some(c) = &m.chair {
        doc = doc.add_paragraph(text(&format!("Møteleder: {}", person(c))));
    }
    let time =
        |t: Option<chrono::NaiveTime>| t.map(|t| t.format("%H:%M").to_string()).unwrap_or_default();
    doc = doc.add_paragraph(text(&format!(
        "Dato: {} kl. {} – {}",
        m.date.format("%d.%m.%Y"),
        time(m.start),
        time(m.end)
    )));
    let takers: Vec<String> = m.minute_takers.iter().map(|p| person(p)).collect();
    doc = doc.add_paragraph(text(&format!("Referenter: {}", takers.join(", "))));
    doc = doc.add_paragraph(text("DAGSORDEN"));
    for a in &m.agenda {
        doc = doc.add_paragraph(text(&format!("{} {}", a.time.format("%H:%M"), a.text)));
    }
    // Markdown blocks: paragraphs as paragraphs, list entries as list paragraphs.
    fn markdown(
        mut doc: Docx,
        events: &[Event<'static>],
        bullet: &dyn Fn(&str, usize, bool) -> Paragraph,
    ) -> Docx {
        let mut depth = 0usize;
        let mut buf = String::new();
        for e in events {
            match e {
                Event::Start(Tag::List(_)) => {
                    if !buf.trim().is_empty() {
                        doc = doc.add_paragraph(bullet_or_text(&buf, depth, bullet));
                    }
                    buf.clear();
                    depth += 1;
                }
                Event::End(TagEnd::List(_)) => depth -= 1,
                Event::Text(t) | Event::Code(t) => buf.push_str(t),
                Event::SoftBreak | Event::HardBreak => buf.push(' '),
                Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => {
                    if !buf.trim().is_empty() {
                        doc = doc.add_paragraph(bullet_or_text(&buf, depth, bullet));
                    }
                    buf.clear();
                }
                _ => {}
            }
        }
        doc
    }
    fn bullet_or_text(
        t: &str,
        depth: usize,
        bullet: &dyn Fn(&str, usize, bool) -> Paragraph,
    ) -> Paragraph {
        let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
        if depth == 0 {
            Paragraph::new().add_run(Run::new().add_text(t))
        } else {
            bullet(&t, depth - 1, false)
        }
    }
    fn item_list(
        mut doc: Docx,
        list: &[model::InputItem],
        level: usize,
        bullet: &dyn Fn(&str, usize, bool) -> Paragraph,
    ) -> Docx {
        for i in list {
            doc = doc.add_paragraph(bullet(&i.text, level, i.raised_by_many));
            doc = item_list(doc, &i.children, level + 1, bullet);
        }
        doc
    }
    let sections = |mut doc: Docx, body: &model::Body| -> Docx {
        for s in body.sections.iter() {
            if let Some(h) = &s.heading {
                doc = doc.add_paragraph(text(&h.text));
            }
            for b in &s.blocks {
                doc = match b {
                    model::Block::Markdown(events) => markdown(doc, events, &bullet),
                    model::Block::Group(h) => doc.add_paragraph(text(&h.text)),
                    model::Block::Items(list) => item_list(doc, list, 0, &bullet),
                };
            }
        }
        doc
    };
    // The meeting's own sections: before the cases those that come first on
    // the agenda, after them the rest (as the minutes print them).
    let body_sections = m.body.sections.len();
    let (before, after) = m.body.sections.split_at(body_sections.min(2));
    let part = |secs: &[model::Section]| model::Body {
        sections: std::sync::Arc::new(secs.to_vec()),
        tags: Default::default(),
        links: Default::default(),
    };
    doc = sections(doc, &part(before));
    for c in &m.cases {
        doc = doc.add_paragraph(text(&format!(
            "Sak {} {}: {}",
            c.number,
            c.kind.map_or("", |k| k.label()),
            c.title
        )));
        if let Some(unit) = &c.submitted_by {
            let parent = site
                .organisations
                .get(unit)
                .and_then(|o| o.parent.clone())
                .map(|p| org(&p))
                .unwrap_or_default();
            doc = doc.add_paragraph(text(&format!("Fremmet av {parent}, {}", org(unit))));
        }
        doc = sections(doc, &c.body);
    }
    doc = sections(doc, &part(after));
    doc = doc.add_paragraph(text(&format!(
        "Deltakerliste {}",
        m.date.format("%d.%m.%Y")
    )));
    let cell = |t: &str| TableCell::new().add_paragraph(text(t));
    let mut rows = vec![TableRow::new(vec![
        cell("Brukerorganisasjon/ sammenslutning"),
        cell("Medlem"),
        cell("Vara"),
    ])];
    for r in &m.attendance.seats {
        let label = r.label.clone().unwrap_or_else(|| org(&r.organisation));
        let who = match (&r.person, r.status) {
            (_, AttendanceStatus::Regrets) => "Avbud".to_string(),
            (Some(p), _) => person(p),
            (None, _) => String::new(),
        };
        rows.push(TableRow::new(vec![cell(&label), cell(&who), cell("")]));
    }
    for r in &m.attendance.observers {
        let who = match (&r.person, r.status) {
            (_, AttendanceStatus::Regrets) => "Avbud".to_string(),
            (Some(p), _) => person(p),
            (None, _) => String::new(),
        };
        rows.push(TableRow::new(vec![
            cell(&format!("Observatør fra {}", org(&r.organisation))),
            cell(&who),
            cell(""),
        ]));
    }
    for g in &m.attendance.guests {
        let from = g.organisation.as_deref().map(org).unwrap_or_default();
        rows.push(TableRow::new(vec![
            cell(&format!("Gjest fra {from}")),
            cell("Anonym gjest"),
            cell(""),
        ]));
    }
    for (title, people) in [
        ("Ledelsen i Helsedirektoratet", &m.attendance.leadership),
        (
            "Sekretariatet fra Helsedirektoratet",
            &m.attendance.secretariat,
        ),
    ] {
        for (i, p) in people.iter().enumerate() {
            let first = if i == 0 { title } else { "" };
            rows.push(TableRow::new(vec![cell(first), cell(&person(p)), cell("")]));
        }
    }
    doc = doc.add_table(Table::new(rows));
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).expect("docx");
    out.into_inner()
}

fn docx_fidelity(slug: &str, bold: Option<(&str, &str)>) -> (Figures, ImportOutcome) {
    let hand_site = TestSite::demo();
    if let Some((file, item)) = bold {
        // One item printed in bold: raised by many.
        let text = hand_site.read_source(file);
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("- {item}")))
            .expect("item")
            .to_string();
        let (words, options) = line[2..]
            .split_once(" {")
            .map_or((&line[2..], String::new()), |(w, o)| (w, format!(" {{{o}")));
        hand_site.replace(file, &line, &format!("- **{words}**{options}"));
    }
    let hand = site_model(hand_site.root());
    let original = meeting(&hand, slug);
    let site = TestSite::demo();
    std::fs::remove_dir_all(site.root().join("content/moter").join(slug)).unwrap();
    std::fs::write(site.root().join("referat.docx"), docx_of(&hand, original)).unwrap();
    let outcome = import(&options(&site.root().join("referat.docx"), site.root())).expect("import");
    site.build()
        .unwrap_or_else(|e| panic!("the draft does not build: {e}\n{}", outcome.report));
    let imported = site_model(site.root());
    let f = compare(original, meeting(&imported, slug));
    print(&format!("{slug} from .docx"), &f, &outcome);
    (f, outcome)
}

#[test]
fn a_word_document_made_from_a_meeting_imports_to_the_same_structure() {
    // List levels, bold (raised by many) and the table's cells survive.
    let (f, outcome) = docx_fidelity(
        "2024-2",
        Some((
            "content/moter/2024-2/sak-07-24.md",
            "Styrke helsekompetanse",
        )),
    );
    assert_targets(&f, &outcome, 0);
    assert_eq!(
        f.items.0, f.items.1,
        "a Word document loses nothing the text would"
    );
    let (f, outcome) = docx_fidelity("2023-4", None);
    assert_targets(&f, &outcome, 0);
    assert_eq!(f.items.0, f.items.1);
}

/// Minutes of the same council in a plainer layout: "Kl." before the
/// times, date and times on two lines, input without bullets under
/// "Spørsmål N:" headings, other heading words, names in one cell.
const PLAIN: &str = "REFERAT
Fylkets ungdomsråd, møte 1/2026
Dato: 4.2.2026
Tid: 17.00-19.00
Møteleder: Ida Marie Berg
Referenter: Per Lund og Lise Dahl

Agenda
Kl. 17.00 Velkommen
Kl. 17.10 Sak 01/26 Drøftingssak: Fritidskortet
Kl. 18.30 Sak 02/26 Løypemelding: Ungdomsbussen
Kl. 18.55 Eventuelt

Velkommen og presentasjon
Alle presenterte seg.

Sak 01/26 Drøftingssak: Fritidskortet
Saksbeskrivelse
Fylket vurderer et fritidskort for alle mellom 6 og 18 år.
Kommentarer fra Ungdomsrådet
Spørsmål 1: Hvem skal få kortet
Alle barn og unge må få kortet, uansett bosted
Kortet må gjelde for organiserte og uorganiserte aktiviteter
Spørsmål 2: Hvordan bør det søkes
Automatisk tildeling uten søknad
Fylkeskommunens tilbakemelding
Innspillene tas med i den videre utredningen.

Sak 02/26 Løypemelding: Ungdomsbussen
Bakgrunn
Bussen har gått i ett år.

Eventuelt
Ingen saker.

Deltakere
Hodepine Norge  Lise Dahl
Ungdomsforbundet  Forfall
Observatører fra Statsforvalteren  Forfall
Sekretariatet  Per Lund, Sara Holm
";

#[test]
fn plain_minutes_without_bullets_import_their_paragraphs_as_items() {
    let site = made_up_site();
    site.write("referat.txt", PLAIN);
    let outcome = import(&options(&site.root().join("referat.txt"), site.root())).expect("import");
    println!("{}", outcome.report);
    assert_eq!(
        (outcome.counts.unaccounted, outcome.counts.unplaced),
        (0, 0)
    );
    site.build().unwrap_or_else(|e| panic!("{e}"));
    let model = site_model(site.root());
    let m = meeting(&model, "2026-1");
    assert_eq!(m.date.to_string(), "2026-02-04");
    assert_eq!(m.end.map(|t| t.to_string()), Some("19:00:00".into()));
    assert_eq!(m.minute_takers, ["per-lund", "lise-dahl"]);
    assert_eq!(m.number, 1);
    assert_eq!(m.agenda.len(), 4);
    assert_eq!(m.attendance.secretariat, ["per-lund", "sara-holm"]);
    let headings: Vec<Option<String>> = m
        .body
        .sections
        .iter()
        .map(|s| s.heading.as_ref().map(|h| h.text.clone()))
        .collect();
    assert_eq!(
        headings,
        [
            Some("Velkommen og presentasjon".to_string()),
            Some("Eventuelt".to_string())
        ]
    );
    assert_eq!(m.attendance.observers.len(), 1);
    assert_eq!(m.attendance.observers[0].status, AttendanceStatus::Regrets);
    let kinds: Vec<SectionKind> = m.cases[0].body.sections.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            SectionKind::Background,
            SectionKind::Input,
            SectionKind::Reply
        ]
    );
    assert_eq!(m.cases[1].kind, Some(model::CaseKind::ProgressReport));
    let g1 = Some("Spørsmål 1: Hvem skal få kortet".to_string());
    let g2 = Some("Spørsmål 2: Hvordan bør det søkes".to_string());
    assert_eq!(
        items(&m.cases[0]),
        [
            (
                0,
                "Alle barn og unge må få kortet, uansett bosted".into(),
                g1.clone(),
                false,
                vec![]
            ),
            (
                0,
                "Kortet må gjelde for organiserte og uorganiserte aktiviteter".into(),
                g1,
                false,
                vec![]
            ),
            (
                0,
                "Automatisk tildeling uten søknad".into(),
                g2,
                false,
                vec![]
            ),
        ]
    );
    // Each paragraph imported as an item says so, in the draft and the report.
    let draft = site.read_source("content/moter/2026-1/sak-01-26.md");
    assert!(draft.contains("no bullets in the source"), "{draft}");
    assert!(outcome.report.contains("no bullets in the source"));
    let rows: Vec<(&str, AttendanceStatus)> = m
        .attendance
        .seats
        .iter()
        .map(|r| (r.organisation.as_str(), r.status))
        .collect();
    assert_eq!(
        rows,
        [
            ("hodepine-norge", AttendanceStatus::Present),
            ("ungdomsforbundet", AttendanceStatus::Regrets)
        ]
    );
}

#[test]
fn a_long_text_is_imported_whole() {
    // Input without bullets, long attendance lines. How long it takes is a
    // benchmark's business (BENCHMARKS.md), not a test's: here, that every
    // line arrives.
    let site = made_up_site();
    let mut text = String::from(PLAIN.split("Deltakere").next().unwrap());
    text.push_str("Sak 02/26 Løypemelding: Ungdomsbussen\nInnspill fra Ungdomsrådet\n");
    for i in 0..20_000 {
        text.push_str(&format!(
            "Et innspill nummer {i} som ikke har noen kule foran seg\n"
        ));
    }
    text.push_str("Deltakere\n");
    text.push_str(&"Hodepine Norge Lise Dahl ".repeat(5_000));
    text.push('\n');
    site.write("lang.txt", &text);
    let mut opts = options(&site.root().join("lang.txt"), site.root());
    opts.dry_run = true;
    let outcome = import(&opts).expect("import");
    assert!(outcome.counts.items >= 20_000, "{}", outcome.counts.items);
    assert_eq!(outcome.counts.unaccounted, 0);
}

#[test]
fn the_command_prints_the_report_or_a_clear_error() {
    let site = made_up_site();
    site.write("referat.txt", MADE_UP);
    let bin = env!("CARGO_BIN_EXE_medvirk");
    let run = |args: &[&str]| {
        std::process::Command::new(bin)
            .args(args)
            .arg("--root")
            .arg(site.root())
            .output()
            .expect("run medvirk")
    };
    let source = site.root().join("referat.txt");
    let dry = run(&["import", source.to_str().unwrap(), "--dry-run"]);
    assert!(dry.status.success());
    let out = String::from_utf8_lossy(&dry.stdout);
    assert!(
        out.contains("==> content/moter/2025-3/_index.md (not written: --dry-run)"),
        "{out}"
    );
    assert!(
        out.contains("==> content/moter/2025-3/.import-rapport.txt"),
        "{out}"
    );
    assert!(!site.root().join("content/moter/2025-3").exists());
    let real = run(&["import", source.to_str().unwrap()]);
    assert!(real.status.success());
    assert!(String::from_utf8_lossy(&real.stdout).contains("Line by line"));
    assert!(String::from_utf8_lossy(&real.stderr)
        .contains("Wrote content/moter/2025-3: 2 cases, 9 input items, 4 attendance rows"));
    let again = run(&["import", source.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(
        err.starts_with("error: content/moter/2025-3 already exists: pass --force"),
        "{err}"
    );
}

/// The seeds in other layouts measured against the same hand-made meetings.
fn fidelity_of(text: &str, slug: &str, name: &str) -> (Figures, ImportOutcome) {
    let hand = site_model(TestSite::demo().root());
    let site = TestSite::demo();
    std::fs::remove_dir_all(site.root().join("content/moter").join(slug)).unwrap();
    site.write("referat.txt", text);
    let outcome = import(&options(&site.root().join("referat.txt"), site.root())).expect("import");
    site.build()
        .unwrap_or_else(|e| panic!("the draft does not build: {e}\n{}", outcome.report));
    let imported = site_model(site.root());
    let figures = compare(meeting(&hand, slug), meeting(&imported, slug));
    print(name, &figures, &outcome);
    (figures, outcome)
}

#[test]
fn the_seeds_in_other_layouts_import_as_well() {
    for (seed_name, slug) in [("000_", "2024-2"), ("001_", "2023-4")] {
        let text = std::fs::read_to_string(seed(seed_name)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let single: Vec<&str> = lines
            .iter()
            .copied()
            .filter(|l| !l.trim().is_empty())
            .collect();
        let double: Vec<String> = single.iter().map(|l| format!("{l}\n")).collect();
        let glyphs = text
            .replace("• ", "▪ ")
            .replace("\no ", "\n– ")
            .replace("\n o ", "\n – ");
        for (layout, variant) in [
            ("single-spaced", single.join("\n")),
            ("double-spaced", double.join("\n")),
            ("other glyphs", glyphs),
        ] {
            let (f, outcome) = fidelity_of(&variant, slug, &format!("{slug} {layout}"));
            // As for the seeds themselves: one item of 4/2023 is nested by hand.
            assert_targets(&f, &outcome, usize::from(slug == "2023-4"));
        }
    }
}

/// Words of `text` wrapped at `width` characters, the first line after `lead`.
fn wrap(text: &str, width: usize, lead: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = lead.to_string();
    for word in text.split_whitespace() {
        if line.chars().count() + 1 + word.chars().count() > width && line.trim() != lead.trim() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() && !line.ends_with(' ') {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.trim().is_empty() {
        lines.push(line);
    }
    lines
}

/// A meeting of the model printed as a PDF's text would be, at another width:
/// wrapped lines, bullets by level, a page break (a number, a running header,
/// a page-top line with a leading space) every `page` lines.
fn text_of(site: &model::Site, m: &Meeting, width: usize, page: usize) -> String {
    use pulldown_cmark::{Event, Tag, TagEnd};
    const GLYPHS: [&str; 3] = ["• ", "o ", "▪ "];
    let person = |id: &str| {
        site.people
            .get(id)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    };
    let org = |id: &str| {
        site.organisations
            .get(id)
            .map(|o| o.name.clone())
            .unwrap_or_default()
    };
    let title = format!(
        "Helsedirektoratets brukerråd #{}/{} – Referat",
        m.number,
        m.date.format("%Y")
    );
    let mut out: Vec<String> = vec![title.clone(), String::new()];
    let time =
        |t: Option<chrono::NaiveTime>| t.map(|t| t.format("%H.%M").to_string()).unwrap_or_default();
    if let Some(c) = &m.chair {
        out.push(format!("Møteleder: {}", person(c)));
    }
    out.push(format!(
        "Dato: {} kl. {} – {}",
        m.date.format("%d.%m.%Y"),
        time(m.start),
        time(m.end)
    ));
    let takers: Vec<String> = m.minute_takers.iter().map(|p| person(p)).collect();
    out.push(format!("Referenter: {}", takers.join(", ")));
    out.push(String::new());
    out.push("Dagsorden".into());
    for a in &m.agenda {
        out.extend(wrap(
            &format!("{} {}", a.time.format("%H.%M"), a.text),
            width,
            "",
        ));
    }
    out.push(String::new());
    fn markdown(out: &mut Vec<String>, events: &[Event<'static>], width: usize) {
        let mut depth = 0usize;
        let mut buf = String::new();
        let flush = |buf: &mut String, depth: usize, out: &mut Vec<String>| {
            if !buf.trim().is_empty() {
                let lead = if depth == 0 {
                    ""
                } else {
                    GLYPHS[(depth - 1) % 3]
                };
                out.extend(wrap(buf, width, lead));
                out.push(String::new());
            }
            buf.clear();
        };
        for e in events {
            match e {
                Event::Start(Tag::List(_)) => {
                    flush(&mut buf, depth, out);
                    depth += 1;
                }
                Event::End(TagEnd::List(_)) => depth -= 1,
                Event::Text(t) | Event::Code(t) => buf.push_str(t),
                Event::SoftBreak | Event::HardBreak => buf.push(' '),
                Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => {
                    flush(&mut buf, depth, out)
                }
                _ => {}
            }
        }
    }
    fn items(out: &mut Vec<String>, list: &[model::InputItem], level: usize, width: usize) {
        for i in list {
            out.extend(wrap(&i.text, width, GLYPHS[level % 3]));
            items(out, &i.children, level + 1, width);
        }
    }
    let sections = |out: &mut Vec<String>, secs: &[model::Section]| {
        for s in secs {
            if let Some(h) = &s.heading {
                out.push(h.text.clone());
            }
            for b in &s.blocks {
                match b {
                    model::Block::Markdown(events) => markdown(out, events, width),
                    model::Block::Group(h) => {
                        out.extend(wrap(&h.text, width, ""));
                        out.push(String::new());
                    }
                    model::Block::Items(list) => {
                        items(out, list, 0, width);
                        out.push(String::new());
                    }
                }
            }
        }
    };
    let (before, after) = m.body.sections.split_at(m.body.sections.len().min(2));
    sections(&mut out, before);
    for c in &m.cases {
        out.extend(wrap(
            &format!(
                "Sak {} {}: {}",
                c.number,
                c.kind.map_or("", |k| k.label()),
                c.title
            ),
            width,
            "",
        ));
        if let Some(unit) = &c.submitted_by {
            let parent = site
                .organisations
                .get(unit)
                .and_then(|o| o.parent.clone())
                .map(|p| org(&p))
                .unwrap_or_default();
            out.push(format!("Fremmet av {parent}, {}", org(unit).to_lowercase()));
        }
        out.push(String::new());
        sections(&mut out, &c.body.sections);
    }
    sections(&mut out, after);
    out.push(format!("Deltakerliste {}", m.date.format("%d.%m.%Y")));
    out.push("Brukerorganisasjon/".into());
    out.push("sammenslutning".into());
    out.push("Medlem  Vara".into());
    let who = |r: &model::SeatAttendance| match (&r.person, r.status) {
        (_, AttendanceStatus::Regrets) => "Avbud".to_string(),
        (Some(p), _) => person(p),
        (None, _) => String::new(),
    };
    for r in &m.attendance.seats {
        let label = r.label.clone().unwrap_or_else(|| org(&r.organisation));
        out.push(format!("{label}  {}", who(r)));
    }
    for r in &m.attendance.observers {
        out.push(format!(
            "Observatør fra {}  {}",
            org(&r.organisation),
            who(r)
        ));
    }
    for g in &m.attendance.guests {
        out.push(format!(
            "Gjest fra {}  Anonym Gjest",
            g.organisation.as_deref().map(org).unwrap_or_default()
        ));
    }
    for (title, people) in [
        ("Ledelsen i Helsedirektoratet", &m.attendance.leadership),
        (
            "Sekretariatet fra Helsedirektoratet",
            &m.attendance.secretariat,
        ),
    ] {
        for (i, p) in people.iter().enumerate() {
            out.push(if i == 0 {
                format!("{title}  {}", person(p))
            } else {
                person(p)
            });
        }
    }
    // Page breaks: a page number, the running header, a leading space.
    let mut paged = Vec::new();
    for (i, line) in out.into_iter().enumerate() {
        if i > 0 && i % page == 0 {
            paged.push(format!("{}", i / page));
            paged.push(format!(" {title}"));
            paged.push(format!(" {line}"));
        } else {
            paged.push(line);
        }
    }
    paged.join("\n")
}

#[test]
fn the_meetings_printed_at_other_widths_import_to_the_same_structure() {
    let hand = site_model(TestSite::demo().root());
    for slug in ["2024-2", "2023-4"] {
        for (width, page) in [(72, 40), (95, 55), (120, 47)] {
            let text = text_of(&hand, meeting(&hand, slug), width, page);
            if let Ok(dir) = std::env::var("MEDVIRK_IMPORT_DUMP") {
                std::fs::write(format!("{dir}/{slug}-{width}.txt"), &text).unwrap();
            }
            let (f, outcome) = fidelity_of(&text, slug, &format!("{slug} at {width} characters"));
            assert_targets(&f, &outcome, 0);
            if width == 120 {
                // The attendance table's cells each on a line of their own.
                let (head, list) = text.split_at(text.find("Deltakerliste").unwrap());
                let split = format!("{head}{}", list.replace("  ", "\n\n"));
                let name = format!("{slug} at {width} characters, a cell a line");
                let (f, outcome) = fidelity_of(&split, slug, &name);
                assert_targets(&f, &outcome, 0);
            }
            if width == 95 {
                // Case headings without their numbers: known by the agenda's titles.
                let unnumbered: Vec<String> = text
                    .lines()
                    .map(|l| match l.strip_prefix("Sak ") {
                        Some(rest) => rest.split_once(' ').map_or(l, |(_, t)| t).to_string(),
                        None => l.to_string(),
                    })
                    .collect();
                let name = format!("{slug} at {width} characters, headings without numbers");
                let (f, outcome) = fidelity_of(&unnumbered.join("\n"), slug, &name);
                assert_targets(&f, &outcome, 0);
            }
        }
    }
}

#[test]
fn what_stops_the_build_is_announced_in_the_report_first() {
    // A row for an organisation without a seat, and a person who does not
    // hold the seat they sat in: the report says so, and the build stops there.
    let site = made_up_site();
    let text = MADE_UP
        .replace("Hodepine Norge  Avbud", "Hodepine Norge  Jonas Vik")
        .replace(
            "Observatør fra Statsforvalteren  Avbud",
            "Statsforvalteren  Avbud",
        );
    site.write("referat.txt", &text);
    let outcome = import(&options(&site.root().join("referat.txt"), site.root())).unwrap();
    let report = &outcome.report;
    assert_eq!(outcome.counts.blocking, 2, "{report}");
    assert!(
        report.contains("jonas-vik does not hold hodepine-norge's seat on 2025-03-12"),
        "{report}"
    );
    assert!(
        report.contains("statsforvalteren has no seat on the council on 2025-03-12"),
        "{report}"
    );
    let proposed = site.read_source("content/moter/2025-3/.import-registry.toml");
    assert!(
        proposed.contains(
            "# person = \"jonas-vik\"\n# role = \"unknown\"  # not printed; perhaps \"deputy\""
        ),
        "{proposed}"
    );
    let err = site.build_err();
    assert!(
        err.contains("jonas-vik does not hold hodepine-norge's seat"),
        "{err}"
    );
    assert!(
        err.contains("\"statsforvalteren\" has no seat on the council"),
        "{err}"
    );
}
