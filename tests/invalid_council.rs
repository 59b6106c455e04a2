//! The errors of a council that changes over time (issue 14): each test
//! breaks the minimal site one way and checks the message, its location and
//! a hint that names what is allowed.

mod common;

use common::TestSite;

const CASE: &str = "content/moter/2026-1/sak-01-26.md";

fn assert_error(site: &TestSite, expected: &[&str]) -> String {
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
    report
}

#[test]
fn a_was_number_that_is_another_cases_number() {
    let site = TestSite::minimal();
    site.write(
        "content/moter/2026-1/sak-02-26.md",
        "+++\nnumber = \"02/26\"\nwas = \"01/26\"\ntitle = \"Omnummerert\"\n+++\n",
    );
    assert_error(
        &site,
        &[
            "sak-02-26.md:3: error: `was = \"01/26\"` is the number of another case in 2026",
            "help: `was` is the number this case had before the agenda was revised",
        ],
    );
}

#[test]
fn an_unknown_case_status_names_the_allowed_values() {
    let site = TestSite::minimal();
    site.replace(
        CASE,
        "title = \"Eksempelsak\"",
        "title = \"Eksempelsak\"\nstatus = \"drøftet\"",
    );
    assert_error(
        &site,
        &[
            "sak-01-26.md:5:10: error: unknown case status \"drøftet\"",
            "\"behandlet\", \"ikke behandlet\", \"utsatt\" or \"trukket\"",
        ],
    );
}

#[test]
fn a_status_note_without_a_status() {
    let site = TestSite::minimal();
    site.replace(
        CASE,
        "title = \"Eksempelsak\"",
        "title = \"Eksempelsak\"\nstatus_note = \"Ingen tid\"",
    );
    assert_error(
        &site,
        &["sak-01-26.md:2:10: error: `status_note` is given without a `status`"],
    );
}

#[test]
fn fra_names_neither_an_organisation_nor_a_person() {
    let site = TestSite::minimal();
    site.replace(CASE, "{fra=pasientforeningen}", "{fra=kari-nordman}");
    assert_error(
        &site,
        &[
            "sak-01-26.md:21:1: error: unknown organisation \"kari-nordman\" in fra=",
            "a person id from data/people.toml",
        ],
    );
}

#[test]
fn fra_takes_a_person() {
    let site = TestSite::minimal();
    site.replace(CASE, "{fra=pasientforeningen}", "{fra=kari-nordmann}");
    site.build().expect("a person may be named with fra=");
}
