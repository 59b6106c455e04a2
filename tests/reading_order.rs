//! Reading order on a phone (issue 17): a case's background is written open
//! inside a fold the theme's script closes on small screens, the position
//! paper opens with its contents, the timeline dates each step, and a theme
//! page says what each item answers. How it looks at 320 px is checked in the
//! browser (`tests/browser/reader/reading.mjs`).

mod common;

use common::{attr_values, text_of, TestSite};

fn demo() -> &'static TestSite {
    TestSite::built_demo()
}

/// The part of `html` from the fold's opening tag to its end.
fn fold(html: &str) -> &str {
    let start = html
        .find("<details class=bakgrunn open>")
        .expect("an open fold");
    let end = start + html[start..].find("</details>").expect("the fold ends");
    &html[start..end]
}

#[test]
fn the_background_is_written_open_inside_one_fold_before_the_questions_and_input() {
    let html = demo().read("moter/2024-2/sak-10-24/index.html");
    let fold = fold(&html);
    let ids = attr_values(fold, "id");
    // Both sections before the questions, in document order, and nothing after.
    assert!(ids.contains(&"bakgrunn".to_string()), "{ids:?}");
    assert!(
        ids.contains(&"forelopige-funn-fra-gap-analysen".to_string()),
        "{ids:?}"
    );
    assert!(
        !ids.iter().any(|id| id.starts_with("problemstilling")),
        "{ids:?}"
    );
    assert!(!ids.iter().any(|id| id.starts_with("innspill")), "{ids:?}");
    // The summary names the sections (text_of puts a space for the tag after the name).
    assert!(
        text_of(fold).starts_with("Saksgrunnlag : Bakgrunn · Foreløpige funn fra GAP-analysen"),
        "{}",
        text_of(fold)
    );
    // The page loads the script that folds it; a meeting page does not.
    let scripts = attr_values(&html, "src");
    assert!(
        scripts.iter().any(|s| s.starts_with("/bakgrunn.")),
        "{scripts:?}"
    );
    let meeting = demo().read("moter/2024-2/index.html");
    assert!(!attr_values(&meeting, "src")
        .iter()
        .any(|s| s.starts_with("/bakgrunn.")));
    assert!(!meeting.contains("<details class=bakgrunn"));
}

#[test]
fn a_questions_section_before_the_background_stays_outside_the_fold() {
    // 15/23 asks its question first, then gives the background.
    let html = demo().read("moter/2023-4/sak-15-23/index.html");
    let fold_at = html.find("<details class=bakgrunn open>").expect("a fold");
    let question = html.find(" id=problemstilling").expect("the question");
    assert!(question < fold_at);
    assert!(attr_values(fold(&html), "id").contains(&"bakgrunn-for-saken".to_string()));
}

#[test]
fn the_paper_opens_with_its_contents_summary_first() {
    let html = demo().read("innspill/helsereformutvalget-regionale-brukerutvalg/index.html");
    let nav = html
        .find("<nav class=\"innhold innhold-uttalelse\"")
        .expect("contents");
    let first_section = html.find("<section class=").expect("a section");
    assert!(nav < first_section);
    let nav_end = nav + html[nav..].find("</nav>").expect("the contents end");
    let links: Vec<String> = attr_values(&html[nav..nav_end], "href");
    let ids = attr_values(&html, "id");
    assert_eq!(links.len(), 13, "{links:?}");
    assert!(links[0].starts_with("#kort-sammendrag"), "{links:?}");
    assert_eq!(links[1], "#utfordringer-og-kommunikasjon");
    for link in &links {
        assert!(ids.contains(&link[1..].to_string()), "{link}");
    }
}

#[test]
fn every_step_of_the_timeline_has_a_date_and_says_what_happened() {
    let html = demo().read("moter/2024-2/sak-10-24/index.html");
    let start = html.find("<ol class=tidslinje>").expect("the timeline");
    let end = start + html[start..].find("</ol>").expect("its end");
    let timeline = &html[start..end];
    assert_eq!(attr_values(timeline, "datetime"), ["2024-06-05"]);
    assert_eq!(text_of(timeline), "5. juni 2024 : Behandlet i møte 2/2024");
}

#[test]
fn a_theme_page_shows_the_question_each_item_answers_and_whether_the_case_has_the_theme() {
    let text = text_of(&demo().read("temaer/parorende/index.html"));
    // "Pårørende" alone: case 09/24 asks one question, which the item answers.
    assert!(
        text.contains(
            "Svar på: Hva er Brukerrådets innspill og kommentarer til de foreslåtte \
             retningslinjene? Pårørende Innspill 6 i sak 09/24"
        ),
        "{text}"
    );
    // 10/24 carries the theme itself, so all its items inherit it.
    assert!(
        text.contains("Hele saken har temaet, så alle de 13 innspillene i den hører til det"),
        "{text}"
    );
    // 09/24 does not: only its item is tagged.
    assert!(
        text.contains("Saken har ikke temaet selv; innspillet under er merket med det"),
        "{text}"
    );
}
