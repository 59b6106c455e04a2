//! The demo site (the real minutes in `content/`) built end to end, checked
//! against what the minutes say.

mod common;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use common::{attr_values, text_of, TestSite};

/// The demo site is built once and shared by the tests here.
fn demo() -> &'static TestSite {
    static SITE: OnceLock<TestSite> = OnceLock::new();
    SITE.get_or_init(|| {
        let site = TestSite::demo();
        let report = site.build().expect("the demo site builds");
        assert!(
            report.warnings.0.is_empty(),
            "warnings: {}",
            report.warnings
        );
        site
    })
}

fn item_ids(html: &str) -> Vec<String> {
    attr_values(html, "id")
        .into_iter()
        .filter(|id| {
            id.strip_prefix("innspill-")
                .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
        })
        .collect()
}

#[test]
fn case_07_24_carries_every_input_item_with_a_distinct_anchor() {
    let html = demo().read("moter/2024-2/sak-07-24/index.html");
    let ids = item_ids(&html);
    assert_eq!(ids.len(), 21, "the minutes list 21 input bullets for 07/24");
    let unique: BTreeSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "anchors are distinct");
    for id in &ids {
        assert!(
            html.contains(&format!("href=#{id}")) || html.contains(&format!("href=\"#{id}\"")),
            "item {id} links to itself"
        );
    }
    let text = text_of(&html);
    assert!(text.contains("Levekårsutjevning – viktig å ha oppmerksomhet"));
    assert!(text.contains("Ha spesielt oppmerksomhet på unge pårørende"));
}

#[test]
fn case_16_23_groups_its_input_under_three_questions() {
    let html = demo().read("moter/2023-4/sak-16-23/index.html");
    let text = text_of(&html);
    let questions = [
        "Hvilke helsepersonellgrupper, utover legen",
        "Bør pasienten betale samme egenandel",
        "Listeansvar: Bør det være krav",
    ];
    let positions: Vec<usize> = questions
        .iter()
        .map(|q| {
            text.find(q)
                .unwrap_or_else(|| panic!("question {q:?} missing"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "questions in order"
    );
    assert_eq!(
        html.matches("class=sporsmal").count(),
        3,
        "three question headings"
    );
    // Each group's first answer comes after its question and before the next.
    let answers = [
        "Man er ikke opptatt av tittelen",
        "Ikke betale mer for spesialist",
        "Ønsker å velge fastlege",
    ];
    for (i, a) in answers.iter().enumerate() {
        let at = text.find(a).unwrap();
        assert!(at > positions[i]);
        if i + 1 < positions.len() {
            assert!(at < positions[i + 1]);
        }
    }
}

#[test]
fn kreftforeningen_page_shows_the_deputy_attended_on_5_june_2024() {
    let text = text_of(&demo().read("organisasjoner/kreftforeningen/index.html"));
    assert!(
        text.contains("Møte 2/2024 , 5. juni 2024 Til stede Stine Nissen Vara"),
        "{text}"
    );
}

#[test]
fn epilepsiforbundet_page_shows_regrets_for_5_june_2024() {
    let text = text_of(&demo().read("organisasjoner/epilepsiforbundet/index.html"));
    assert!(text.contains("Møte 2/2024 , 5. juni 2024 Avbud"), "{text}");
    assert!(text.contains("Møte 4/2023 , 29. november 2023 Til stede Sissel Karin Haavaag Medlem"));
}

#[test]
fn the_minor_guests_name_appears_nowhere_in_public() {
    for (path, bytes) in demo().files() {
        let text = String::from_utf8_lossy(&bytes);
        // Her note ("14 år") goes with her name: not published either.
        for part in [
            "Åsta",
            "Søyseth",
            "&Aring;sta",
            "S&oslash;yseth",
            "14 år",
            "14 &aring;r",
        ] {
            assert!(!text.contains(part), "{part} found in {path}");
        }
    }
    // The guest is still listed, without a name.
    let text = text_of(&demo().read("moter/2024-2/index.html"));
    assert!(text.contains("Gjest fra Kreftforeningen"));
}

#[test]
fn the_slide_deck_is_html_with_all_31_sub_goals() {
    let html = demo().read("moter/2024-2/sak-10-24/omradeplan-aktiv-innbygger/index.html");
    assert!(html.contains("<h2"));
    let text = text_of(&html);
    for goal in [
        "Innbygger har tilgang til sine helsedata fra hele helse- og omsorgstjenesten",
        "Innbygger kan enkelt gi og trekke tilbake samtykker til kliniske studier og forskning",
        "Helsetjenesten tilbyr likeverdige tjenester i hele landet",
    ] {
        assert!(text.contains(goal), "{goal}");
    }
    // Ordered lists carry the deck's own numbers.
    for n in [1, 4, 8, 11, 14, 18, 20, 22, 24, 28, 31] {
        assert!(
            html.contains(&format!("<ol start={n}>")) || n == 1,
            "list starting at {n}"
        );
    }
    let case = demo().read("moter/2024-2/sak-10-24/index.html");
    assert!(
        case.contains("omradeplan-aktiv-innbygger/"),
        "the case links its background paper"
    );
}

#[test]
fn meeting_page_has_agenda_times_decisions_and_an_attendance_table() {
    let html = demo().read("moter/2023-4/index.html");
    assert!(html.contains("<time datetime=2023-11-29T10:30>10:30</time>"));
    let text = text_of(&html);
    assert!(
        text.contains("Brukerrådet besluttet at Arbeidsutvalget kan fortsette med 3 medlemmer.")
    );
    assert!(html.contains("<caption id=tabell-deltakere>Deltakerliste 29. november 2023</caption>"));
    assert!(
        html.contains("<th scope=row>"),
        "organisations are row headers"
    );
    assert_eq!(
        html.matches("<tr class=regrets>").count(),
        6,
        "six seats sent regrets in 4/2023"
    );
}

#[test]
fn every_page_type_is_written() {
    let site = demo();
    for page in [
        "index.html",
        "moter/index.html",
        "moter/2024-2/index.html",
        "moter/2024-2/sak-09-24/index.html",
        "innspill/index.html",
        "innspill/helsereformutvalget-regionale-brukerutvalg/index.html",
        "temaer/index.html",
        "temaer/parorende/index.html",
        "organisasjoner/index.html",
        "organisasjoner/helsedirektoratet/index.html",
        "personer/index.html",
        "personer/stine-nissen/index.html",
        "tilgjengelighet/index.html",
        "404.html",
        "atom.xml",
        "sitemap.xml",
    ] {
        let text = site.read(page);
        assert!(!text.is_empty(), "{page}");
    }
    // Person pages only for seat holders.
    assert!(!site.public().join("personer/bjorn-guldvog").exists());
}

#[test]
fn pages_are_norwegian_and_self_contained() {
    for (path, bytes) in demo().files() {
        if !path.ends_with(".html") {
            continue;
        }
        let html = common::minified(&String::from_utf8(bytes).unwrap());
        assert!(html.starts_with("<!doctype html><html lang=nb>"), "{path}");
        // Scripts are our own external files (search), never inline: a strict CSP holds.
        // That every page reads the same without them is checked in the browser.
        for (i, _) in html.match_indices("<script") {
            let tag = &html[i..];
            let open = tag.find('>').unwrap();
            assert!(
                tag[open + 1..].starts_with("</script>"),
                "{path}: inline script"
            );
            assert!(
                tag[..open].contains(" defer"),
                "{path}: script blocks rendering"
            );
        }
        assert!(
            !html.contains(" style="),
            "{path}: no inline style (strict CSP)"
        );
        for src in attr_values(&html, "src") {
            assert!(src.starts_with('/'), "{path}: third-party request {src}");
        }
        assert_eq!(html.matches("<h1").count(), 1, "{path}: one h1");
        assert_eq!(html.matches("<main").count(), 1, "{path}: one main");
        let levels: Vec<u32> = html
            .match_indices("<h")
            .filter_map(|(i, _)| html[i + 2..].chars().next()?.to_digit(10))
            .collect();
        assert_eq!(levels.first(), Some(&1), "{path}: starts with h1");
        for pair in levels.windows(2) {
            assert!(
                pair[1] <= pair[0] + 1,
                "{path}: heading skips from h{} to h{}",
                pair[0],
                pair[1]
            );
        }
    }
}

#[test]
fn theme_page_lists_cases_items_and_papers_with_the_tag() {
    let text = text_of(&demo().read("temaer/parorende/index.html"));
    assert!(text.contains("Sak 10/24"));
    assert!(text.contains("Pårørende bør ha et eget \"kapittel\""));
    assert!(text.contains("Helsereformutvalget – innspill fra regionale brukerutvalg"));
    // Newest first: 2024 cases before 2023 cases.
    assert!(text.find("Sak 07/24").unwrap() < text.find("Sak 15/23").unwrap());
}

#[test]
fn paper_has_its_numbered_short_summary() {
    let html = demo().read("innspill/helsereformutvalget-regionale-brukerutvalg/index.html");
    let text = text_of(&html);
    assert!(text.contains("Utfordringsbildet må forklares bedre til befolkningen"));
    assert!(text.contains("Innholdet i tjenestene betyr mest"));
    assert!(html.matches("<li><p><strong>").count() >= 12);
    assert!(text.contains("Interregionalt brukerutvalg"));
}

/// The words a seed bullet starts with, as the site should show them.
fn bullet_openings(seed: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in seed.lines() {
        let t = line.trim();
        let rest = ["• ", "o ", "- "]
            .iter()
            .find_map(|m| t.strip_prefix(m))
            .map(str::trim);
        let Some(rest) = rest else { continue };
        let words: Vec<&str> = rest.split_whitespace().take(5).collect();
        if words.is_empty() {
            continue;
        }
        out.push(words.join(" "));
    }
    out
}

#[test]
fn every_bullet_of_the_seed_minutes_reaches_the_built_pages() {
    let mut all = String::new();
    for (path, bytes) in demo().files() {
        if path.ends_with(".html") {
            all.push_str(&text_of(&String::from_utf8(bytes).unwrap()));
            all.push(' ');
        }
    }
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/seeds");
    let mut checked = 0;
    let mut missing = Vec::new();
    for seed in [
        "000_64397a43475a5424.txt",
        "001_8083aae896c06c86.txt",
        "003_5e6611ce5885bf7c.txt",
    ] {
        let text = std::fs::read_to_string(format!("{seeds}/{seed}")).unwrap();
        for opening in bullet_openings(&text) {
            checked += 1;
            if !all.contains(&opening) {
                missing.push(format!("{seed}: {opening}"));
            }
        }
    }
    assert!(checked > 300, "only {checked} bullets found in the seeds");
    eprintln!("{checked} seed bullets checked");
    assert!(
        missing.is_empty(),
        "{} of {checked} bullets missing:\n{}",
        missing.len(),
        missing.join("\n")
    );
}
