//! What came of the advice, on a built site: the minimal site with two
//! follow-ups (written out of date order) on its case, a second case whose
//! minutes hold the agency's reply, and a later case that names the first
//! as earlier treatment.

mod common;

use common::{text_of, TestSite};

const CASE: &str = "content/moter/2026-1/sak-01-26.md";
const THEMES: &str = "themes = [\"eksempel\"]\n";

fn site() -> TestSite {
    let site = TestSite::minimal();
    site.replace(
        CASE,
        THEMES,
        &format!(
            "{THEMES}[[followup]]\ndate = 2026-09-01\nstatus = \"delvis fulgt opp\"\n\
             text = \"Rådet om underpunktet er tatt inn.\"\nsource = \"https://example.no/svar\"\n\
             items = [\"innspill-1\"]\n\n\
             [[followup]]\ndate = 2026-04-01\nstatus = \"mottatt\"\ntext = \"Etaten har mottatt rådene.\"\n"
        ),
    );
    site.write(
        "content/moter/2026-1/sak-02-26.md",
        "+++\nnumber = \"02/26\"\ntitle = \"Sak med svar\"\n+++\n\
         ## Innspill fra Brukerrådet\n\n- Et råd\n\n\
         ## Tilbakemelding fra Etaten\n\nEtaten tar rådet med seg.\n",
    );
    site.write(
        "content/moter/2026-2/_index.md",
        "+++\nnumber = 2\ndate = 2026-06-10\n\n[[attendance]]\norganisation = \"pasientforeningen\"\n\
         person = \"kari-nordmann\"\n+++\n",
    );
    site.write(
        "content/moter/2026-2/sak-03-26.md",
        "+++\nnumber = \"03/26\"\ntitle = \"Eksempelsaken igjen\"\n\n\
         [[earlier]]\ncase = \"01/26\"\nyear = 2026\n+++\n",
    );
    site.build().expect("the site builds");
    site
}

/// The text of the page at `path`, tags left out.
fn page(site: &TestSite, path: &str) -> String {
    text_of(&site.read(&format!("{path}index.html")))
}

#[test]
fn the_timeline_runs_from_the_meeting_through_later_treatment_to_the_followups_by_date() {
    let site = site();
    let html = site.read("moter/2026-1/sak-01-26/index.html");
    let start = html.find("Hva skjedde videre").expect("a timeline");
    let list = &html[start..html[start..].find("</ol>").unwrap() + start];
    let times: Vec<&str> = list
        .split("<time datetime=")
        .skip(1)
        .map(|s| s.trim_start_matches('"').get(..10).unwrap())
        .collect();
    assert_eq!(
        times,
        ["2026-03-04", "2026-04-01", "2026-06-10", "2026-09-01"]
    );
    let text = text_of(list);
    let order = ["Behandlet i", "Mottatt.", "Sak 03/26", "Delvis fulgt opp."];
    let at: Vec<usize> = order.iter().map(|w| text.find(w).expect(w)).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{text}");
    assert!(
        list.contains("href=\"#innspill-1\"") || list.contains("href=#innspill-1"),
        "{list}"
    );
    assert!(list.contains("https://example.no/svar"));
    // The summary box gives the newest status.
    let head = text_of(&html[..start]);
    assert!(head.contains("Oppfølging Delvis fulgt opp"), "{head}");
}

#[test]
fn a_case_without_a_reply_says_so_and_one_with_a_reply_does_not() {
    let site = site();
    let without = page(&site, "moter/2026-1/sak-01-26/");
    assert!(
        without.contains("Etaten har ikke gitt tilbakemelding i referatet"),
        "{without}"
    );
    let with = page(&site, "moter/2026-1/sak-02-26/");
    assert!(!with.contains("har ikke gitt tilbakemelding"), "{with}");
    assert!(with.contains("Etaten tar rådet med seg."));
    let html = site.read("moter/2026-1/sak-02-26/index.html");
    assert!(
        html.contains("#tilbakemelding-fra-etaten"),
        "the summary links the reply"
    );
}

#[test]
fn the_followup_page_groups_cases_by_their_newest_status() {
    let site = site();
    let html = site.read("oppfolging/index.html");
    let heading = |id: &str| {
        html.find(&format!("<h2 id={id}>"))
            .or_else(|| html.find(&format!("<h2 id=\"{id}\">")))
            .unwrap_or_else(|| panic!("a group {id}"))
    };
    let (partly, none) = (heading("delvis-fulgt-opp"), heading("ingen"));
    assert!(partly < none);
    let in_partly = text_of(&html[partly..none]);
    let in_none = text_of(&html[none..]);
    assert!(in_partly.starts_with("Delvis fulgt opp"));
    assert!(in_none.starts_with("Ingen oppfølging registrert"));
    assert!(in_partly.contains("Sak 01/26"), "{in_partly}");
    assert!(!in_partly.contains("Sak 02/26"));
    assert!(in_none.contains("Sak 02/26") && in_none.contains("Sak 03/26"));
    // Received is older than the newest status: no group of its own.
    assert!(!html.contains("id=mottatt") && !html.contains("id=\"mottatt\""));
    // Each case shows its year, themes and organisations without script.
    assert!(in_partly.contains("Pasientforeningen"), "{in_partly}");
    assert!(in_partly.contains("eksempel"));
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("/oppfolging/"));
}

#[test]
fn an_organisation_page_shows_the_outcome_of_its_input() {
    let site = site();
    let text = page(&site, "organisasjoner/pasientforeningen/");
    let at = text
        .find("Hva kom ut av innspillene")
        .expect("its outcomes");
    let rest = &text[at..];
    assert!(
        rest.contains("Sak 01/26") && rest.contains("Delvis fulgt opp"),
        "{rest}"
    );
    assert!(!text.contains("Referatene knytter ingen innspill"));
}

#[test]
fn an_organisation_without_attributed_input_says_so_and_lists_the_meetings_it_attended() {
    let site = TestSite::minimal();
    // Without the one attribution, Pasientforeningen has none.
    site.replace(CASE, " {fra=pasientforeningen}", "");
    site.build().expect("builds");
    let text = page(&site, "organisasjoner/pasientforeningen/");
    assert!(
        text.contains("Referatene knytter ingen innspill til Pasientforeningen"),
        "{text}"
    );
    assert!(!text.contains("Hva kom ut av innspillene"));
    let html = site.read("organisasjoner/pasientforeningen/index.html");
    let at = html.find("Referatene knytter").unwrap();
    assert!(
        html[at..].contains("/moter/2026-1/sak-01-26/"),
        "links the meeting's cases"
    );
    assert!(html[at..].contains("/moter/2026-1/"));
}

#[test]
fn the_followup_page_has_a_page_per_year_listing_only_that_years_cases() {
    let site = site();
    site.write(
        "content/moter/2025-3/_index.md",
        "+++\nnumber = 3\ndate = 2025-11-10\n+++\n",
    );
    site.write(
        "content/moter/2025-3/sak-09-25.md",
        "+++\nnumber = \"09/25\"\ntitle = \"Saken fra i fjor\"\n+++\n",
    );
    site.build().expect("the site builds");
    let all = page(&site, "oppfolging/");
    for case in ["Sak 01/26", "Sak 02/26", "Sak 03/26", "Sak 09/25"] {
        assert_eq!(all.matches(case).count(), 1, "{case} once: {all}");
    }
    let html = site.read("oppfolging/index.html");
    let years = common::attr_values(&html, "href");
    assert!(years.iter().any(|h| h == "/oppfolging/2026/"), "{years:?}");
    assert!(years.iter().any(|h| h == "/oppfolging/2025/"), "{years:?}");
    let of2025 = page(&site, "oppfolging/2025/");
    assert!(of2025.contains("Sak 09/25"), "{of2025}");
    assert!(
        !of2025.contains("Sak 01/26") && !of2025.contains("Sak 03/26"),
        "{of2025}"
    );
    assert!(of2025.contains("1 sak fra møtene i 2025"), "{of2025}");
    let of2026 = page(&site, "oppfolging/2026/");
    assert!(of2026.contains("Sak 01/26") && of2026.contains("Sak 03/26"));
    assert!(!of2026.contains("Sak 09/25"), "{of2026}");
    assert!(of2026.contains("3 saker fra møtene i 2026"), "{of2026}");
    // Listed like the other list pages, and not search results themselves.
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("/oppfolging/2025/") && sitemap.contains("/oppfolging/2026/"));
    let index = site.read("search_index.nb.json");
    assert!(
        !index.contains("/oppfolging/"),
        "the index holds no list page"
    );
    // No year without a case of its own gets a page.
    assert!(!site.public().join("oppfolging/2024").exists());
}
