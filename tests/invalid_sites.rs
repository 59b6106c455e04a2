//! Bad input gets a clear error naming the file, the line and the fix, and
//! nothing is written. Each test starts from the minimal valid site and breaks
//! one thing.

mod common;

use std::fs;

use common::TestSite;

const MEETING: &str = "content/moter/2026-1/_index.md";
const CASE: &str = "content/moter/2026-1/sak-01-26.md";

fn assert_error(site: &TestSite, expected: &[&str]) {
    let report = site.build_err();
    for part in expected {
        assert!(
            common::reports(&report, part),
            "expected {part:?} in:\n{report}"
        );
    }
    assert!(
        report.contains("help:"),
        "every error carries a help:\n{report}"
    );
    assert!(!site.public().exists(), "nothing is written on error");
}

#[test]
fn the_minimal_site_builds() {
    let site = TestSite::minimal();
    site.build().expect("builds");
    assert!(site
        .public()
        .join("moter/2026-1/sak-01-26/index.html")
        .is_file());
}

#[test]
fn unknown_organisation_id() {
    let site = TestSite::minimal();
    site.replace(
        CASE,
        "submitted_by = \"divisjon-a\"",
        "submitted_by = \"divisjon-x\"",
    );
    assert_error(
        &site,
        &[
            "content/moter/2026-1/sak-01-26.md:5:16: error: unknown organisation \"divisjon-x\"",
            "data/organisations.toml",
        ],
    );
}

#[test]
fn unknown_organisation_in_an_input_item() {
    let site = TestSite::minimal();
    site.replace(CASE, "{fra=pasientforeningen}", "{fra=ukjent}");
    assert_error(
        &site,
        &["sak-01-26.md:21:40: error: unknown organisation \"ukjent\" in fra="],
    );
}

#[test]
fn unknown_organisation_in_a_paragraph_starting_with_a_non_ascii_letter() {
    let site = TestSite::minimal();
    site.append(CASE, "\nØnsker mer samarbeid. {.innspill fra=ukjent-org}\n");
    assert_error(
        &site,
        &["sak-01-26.md:23:38: error: unknown organisation \"ukjent-org\" in fra="],
    );
}

#[test]
fn the_home_page_as_the_meetings_section() {
    let site = TestSite::minimal();
    let home = site.read_source("content/_index.md");
    let home = home.replacen("+++\n", "+++\nkind = \"meetings\"\n", 1);
    site.write("content/_index.md", &home);
    assert_error(
        &site,
        &["content/_index.md: error: the home page cannot be the meetings section"],
    );
}

#[test]
fn a_case_file_or_meeting_folder_name_that_is_not_an_address() {
    let site = TestSite::minimal();
    let case = site.read_source(CASE);
    fs::remove_file(site.root().join(CASE)).unwrap();
    site.write("content/moter/2026-1/sak-01?26.md", &case);
    assert_error(
        &site,
        &[
            "content/moter/2026-1/sak-01?26.md: error: the case file name \"sak-01?26.md\" is not a valid address",
            "help: rename the case file to \"sak-01-26.md\"",
        ],
    );

    let site = TestSite::minimal();
    fs::rename(
        site.root().join("content/moter/2026-1"),
        site.root().join("content/moter/Møte 1"),
    )
    .unwrap();
    assert_error(
        &site,
        &[
            "content/moter/Møte 1/_index.md: error: the meeting folder name \"Møte 1\" is not a valid address",
            "help: rename the meeting folder to \"mote-1\"",
        ],
    );
}

#[test]
fn case_number_used_twice_in_one_year() {
    let site = TestSite::minimal();
    site.write(
        "content/moter/2026-1/sak-01-26-b.md",
        "+++\nnumber = \"01/26\"\nkind = \"drøftingssak\"\ntitle = \"Dobbel\"\n+++\n",
    );
    assert_error(
        &site,
        &[
            "sak-01-26",
            ":2: error: case number 01/26 is used twice in 2026",
        ],
    );
}

#[test]
fn attendance_for_an_organisation_without_a_seat() {
    let site = TestSite::minimal();
    site.replace(
        MEETING,
        "organisation = \"pasientforeningen\"",
        "organisation = \"etaten\"",
    );
    assert_error(&site, &[
        "content/moter/2026-1/_index.md:19:16: error: \"etaten\" has no seat on the council on 2026-03-04",
        "[[observers]]",
    ]);
}

#[test]
fn an_unknown_person_in_the_attendance() {
    let site = TestSite::minimal();
    site.replace(
        MEETING,
        "person = \"kari-nordmann\"\n+++",
        "person = \"ola-nordman\"\n+++",
    );
    assert_error(
        &site,
        &["unknown person \"ola-nordman\"", "data/people.toml"],
    );
}

/// The README's rule: a seat attended by someone who does not hold it that
/// day. Kari is the seat's member, but her holding ends before the meeting.
#[test]
fn a_person_who_does_not_hold_the_seat() {
    let site = TestSite::minimal();
    site.replace(
        "data/council.toml",
        "role = \"member\"\n",
        "role = \"member\"\nto = 2026-02-28\n",
    );
    assert_error(
        &site,
        &[
            "content/moter/2026-1/_index.md:20:10: error: kari-nordmann does not hold pasientforeningen's seat on 2026-03-04",
            "[[seat.holder]]",
        ],
    );
}

#[test]
fn impossible_date() {
    let site = TestSite::minimal();
    site.replace(MEETING, "date = 2026-03-04", "date = 2026-02-30");
    assert_error(&site, &["_index.md:3:", "invalid TOML", "YYYY-MM-DD"]);
}

#[test]
fn malformed_toml() {
    let site = TestSite::minimal();
    site.replace(CASE, "title = \"Eksempelsak\"", "title = Eksempelsak");
    assert_error(
        &site,
        &[
            "content/moter/2026-1/sak-01-26.md:4:",
            "invalid TOML",
            "quotes",
        ],
    );
}

#[test]
fn misspelt_field() {
    let site = TestSite::minimal();
    site.replace(CASE, "themes =", "temaer =");
    assert_error(
        &site,
        &[
            "sak-01-26.md",
            "unknown field `temaer`",
            "check the spelling",
        ],
    );
}

#[test]
fn unknown_case_kind_and_time_are_both_reported() {
    let site = TestSite::minimal();
    site.replace(CASE, "drøftingssak", "diskusjonssak");
    site.replace(MEETING, "time = \"10:15\"", "time = \"kvart over ti\"");
    let report = site.build_err();
    assert!(
        report.contains("unknown case kind \"diskusjonssak\""),
        "{report}"
    );
    assert!(
        report.contains("\"kvart over ti\" is not a time of day"),
        "{report}"
    );
    assert!(report.contains("2 errors"), "{report}");
}

#[test]
fn missing_front_matter() {
    let site = TestSite::minimal();
    site.write(CASE, "## Bakgrunn\n");
    assert_error(
        &site,
        &["sak-01-26.md:1:1: error: the file does not start with front matter"],
    );
}

#[test]
fn agenda_names_a_case_that_is_not_there() {
    let site = TestSite::minimal();
    site.replace(MEETING, "case = \"01/26\"", "case = \"02/26\"");
    assert_error(
        &site,
        &["_index.md:16:8: error: the agenda names case \"02/26\""],
    );
}

#[test]
fn invalid_utf8() {
    let site = TestSite::minimal();
    std::fs::write(site.root().join(CASE), b"+++\ntitle = \"\xff\"\n+++\n").unwrap();
    assert_error(
        &site,
        &["sak-01-26.md:2: error: the file is not valid UTF-8"],
    );
}

#[test]
fn unsafe_ids_are_refused() {
    let site = TestSite::minimal();
    site.replace(
        "data/people.toml",
        "id = \"ola-nordmann\"",
        "id = \"../../x\"",
    );
    let report = site.build_err();
    assert!(report.contains("\"../../x\" is not a valid id"), "{report}");
}

#[test]
fn crlf_and_bom_are_accepted() {
    let site = TestSite::minimal();
    let text = std::fs::read_to_string(site.root().join(CASE)).unwrap();
    let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    site.write(CASE, &crlf);
    site.build().expect("CRLF and a BOM are fine");
}

#[test]
fn raw_script_in_markdown_is_sanitised() {
    let site = TestSite::minimal();
    site.replace(
        CASE,
        "Hva saken gjelder.",
        "Hva saken gjelder. <script>alert(1)</script>",
    );
    site.build().expect("builds");
    let html = site.read("moter/2026-1/sak-01-26/index.html");
    let main = &html[html.find("<main").unwrap()..];
    assert!(
        !main.contains("<script") && !html.contains("alert(1)"),
        "{html}"
    );
}

#[test]
fn tera_syntax_in_content_is_text() {
    let site = TestSite::minimal();
    site.replace(
        CASE,
        "Hva saken gjelder.",
        "Hva {{ config.title }} {% if x %} gjelder.",
    );
    site.build().expect("builds");
    let html = site.read("moter/2026-1/sak-01-26/index.html");
    assert!(html.contains("{{ config.title }}"));
}

#[test]
fn a_template_that_errors_names_the_page_and_template() {
    let site = TestSite::minimal();
    site.write("templates/case.html", "{{ case.does_not_exist.nested }}");
    let report = site.build_err();
    assert!(
        report.contains("rendering /moter/2026-1/sak-01-26/ with case.html"),
        "{report}"
    );
    assert!(!site.public().exists());
}

#[test]
fn a_person_in_two_seats_at_once() {
    let site = TestSite::minimal();
    site.replace(
        "data/organisations.toml",
        "[[organisation]]\nid = \"pasientforeningen\"",
        "[[organisation]]\nid = \"annen-forening\"\nname = \"Annen forening\"\nkind = \"member\"\n\n[[organisation]]\nid = \"pasientforeningen\"",
    );
    let council = std::fs::read_to_string(site.root().join("data/council.toml")).unwrap();
    site.write(
        "data/council.toml",
        &format!("{council}\n[[seat]]\norganisation = \"annen-forening\"\nterm = \"2026-2028\"\n[[seat.holder]]\nperson = \"kari-nordmann\"\nrole = \"member\"\nfrom = 2027-01-01\n"),
    );
    let report = site.build_err();
    assert!(
        report.contains("kari-nordmann holds two seats at once: pasientforeningen (Medlem) and annen-forening (Medlem) overlap from 2027-01-01"),
        "{report}"
    );
}

#[test]
fn a_holding_outside_its_term() {
    let site = TestSite::minimal();
    site.replace(
        "data/council.toml",
        "role = \"deputy\"",
        "role = \"deputy\"\nfrom = 2025-06-01",
    );
    let report = site.build_err();
    assert!(report.contains("data/council.toml:"), "{report}");
    assert!(
        report.contains("is not within the term 2026-2028"),
        "{report}"
    );
}

#[test]
fn earlier_treatment_of_a_case_that_is_not_on_the_site() {
    let site = TestSite::minimal();
    site.replace(
        CASE,
        "themes = [\"eksempel\"]",
        "themes = [\"eksempel\"]\n\n[[earlier]]\ncase = \"09/25\"\nyear = 2025",
    );
    let report = site.build_err();
    assert!(
        common::reports(
            &report,
            "sak-01-26.md:9:8: error: earlier treatment names case 09/25 of 2025"
        ),
        "{report}"
    );
}

#[test]
fn an_empty_case_file() {
    let site = TestSite::minimal();
    site.write(CASE, "");
    assert_error(&site, &["sak-01-26.md", "error:"]);
}

#[test]
fn an_empty_config_file() {
    let site = TestSite::minimal();
    site.write("config.toml", "");
    assert_error(&site, &["config.toml", "missing field `title`"]);
}

#[test]
fn the_same_organisation_id_twice() {
    let site = TestSite::minimal();
    site.append(
        "data/organisations.toml",
        "\n[[organisation]]\nid = \"pasientforeningen\"\nname = \"Enda en\"\nkind = \"member\"\n",
    );
    assert_error(&site, &["data/organisations.toml", "pasientforeningen"]);
}

#[test]
fn a_50_mb_attachment_and_a_5_mb_case_build_without_trouble() {
    let site = TestSite::minimal();
    let big = vec![b'%'; 50 * 1024 * 1024];
    std::fs::write(site.root().join("content/moter/2026-1/stor.pdf"), &big).unwrap();
    site.replace(
        CASE,
        "themes = [\"eksempel\"]",
        "themes = [\"eksempel\"]\n\n[[attachments]]\ntitle = \"Stort vedlegg\"\nfile = \"stor.pdf\"",
    );
    let paragraph = "Et langt avsnitt om pårørende og fastlegen. ".repeat(120_000);
    site.replace(CASE, "Hva saken gjelder.", &paragraph);
    site.build().expect("builds");
    let page = site.read("moter/2026-1/sak-01-26/index.html");
    assert!(
        page.contains("Stort vedlegg (PDF, 52 MB)"),
        "type and size in the link text"
    );
    assert_eq!(
        std::fs::metadata(site.public().join("moter/2026-1/stor.pdf"))
            .unwrap()
            .len(),
        big.len() as u64
    );
}

#[test]
fn a_meeting_date_written_the_norwegian_way_says_how_to_write_it() {
    for written in ["10.06.2026", "\"10.06.2026\""] {
        let site = TestSite::minimal();
        site.replace(MEETING, "date = 2026-03-04", &format!("date = {written}"));
        assert_error(
            &site,
            &[
                "content/moter/2026-1/_index.md:3:8: error: the date 10.06.2026 is written day first: write dates as 2026-06-10",
                "dates are year-month-day without quotes: `date = 2026-06-10`",
            ],
        );
    }
}

#[test]
fn a_zola_setting_medvirk_does_not_read_is_a_located_error() {
    let site = TestSite::minimal();
    site.append("config.toml", "taxonomies = [{ name = \"temaer\" }]\n");
    let lines = site.read_source("config.toml").lines().count();
    assert_error(
        &site,
        &[
            &format!("config.toml:{lines}:1: error: invalid TOML: unknown field `taxonomies`"),
            "`taxonomies` is a Zola setting medvirk does not read: medvirk's taxonomies are themes",
        ],
    );
}

#[test]
fn a_misspelt_field_gets_a_did_you_mean_at_its_column() {
    let site = TestSite::minimal();
    site.replace(CASE, "submitted_by =", "  submited_by =");
    assert_error(
        &site,
        &[
            "content/moter/2026-1/sak-01-26.md:5:3: error: invalid TOML: unknown field `submited_by`",
            "did you mean `submitted_by`?",
        ],
    );
}
