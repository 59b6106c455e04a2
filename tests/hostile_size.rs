//! Size and depth (issue 18): a very long word or URL in a body or a title,
//! and deep nesting of lists, quotes, emphasis and raw HTML, built and
//! checked by the real binary, with and without the search index. Each ends
//! with exit 0 or 1 and a message, never a panic (101) or an aborted stack
//! overflow (134): words longer than the term cap are left out of the index,
//! and nesting past the limits is refused, located, before anything recurses.

mod hostile_site;

use hostile_site::*;

/// Word lengths tried: 10² … 10⁶ characters.
const LENGTHS: [usize; 5] = [100, 1_000, 10_000, 100_000, 1_000_000];

/// Nesting depths tried: 10 … 10⁵ levels.
const DEPTHS: [usize; 5] = [10, 100, 1_000, 10_000, 100_000];

/// Builds and checks the site with and without the search index; both end
/// as `expect` says (`Ok(())` or the error's message), and a build changes
/// nothing but its output.
fn both_ways(site: &Site, what: &str, expect: &Result<(), String>) {
    for index in [true, false] {
        site.write(
            "config.toml",
            &format!(
                "title = \"Brukerrådet\"\nbase_url = \"https://brukerrad.example.no\"\n\
                 default_language = \"nb\"\n\n[search]\nindex = {index}\n"
            ),
        );
        let mut runs = vec![("build", site.build_keeping_sources())];
        // `check` renders as `build` does; with the index, where it panicked.
        if index {
            runs.push(("check", site.check()));
        }
        for (command, run) in runs {
            assert_exit(&run);
            let context = format!("{what}, {command}, index = {index}");
            match expect {
                Ok(()) => assert_eq!(run.code, Some(0), "{context}: {}", run.stderr),
                Err(message) => {
                    assert_eq!(run.code, Some(1), "{context}: {}", run.stderr);
                    assert!(run.stderr.contains(message), "{context}: {}", run.stderr);
                }
            }
        }
    }
}

#[test]
fn a_long_word_in_a_case_body_is_published_but_not_indexed() {
    for n in LENGTHS {
        let site = Site::new();
        let word = "a".repeat(n);
        site.append(CASE, &format!("\nOrdet: {word}\n"));
        both_ways(&site, &format!("a word of {n}"), &Ok(()));
        let page = site.read("moter/2026-1/sak-01-26/index.html");
        assert!(page.contains(&word), "{n}: the word is on the page");
    }
    // Each term of the index is at most 64 characters.
    let site = Site::new();
    site.append(CASE, &format!("\n{} kortord\n", "b".repeat(65)));
    assert_ok(&site.build_keeping_sources());
    let index: serde_json::Value =
        serde_json::from_str(&site.read("search_index.nb.json")).unwrap();
    // elasticlunr's index is a tree with a level per character of a term.
    let chain = |word: &str| {
        let mut node = &index["index"]["body"]["root"];
        word.chars()
            .take_while(|c| {
                node = &node[c.to_string()];
                !node.is_null()
            })
            .count()
    };
    assert_eq!(chain("kortord"), 7, "short words are indexed");
    assert!(chain(&"b".repeat(65)) < 3, "long ones not");
}

#[test]
fn a_long_url_in_a_case_body_is_published_but_not_indexed() {
    for n in LENGTHS {
        let site = Site::new();
        let url = format!("https://example.no/{}", "a".repeat(n));
        site.append(CASE, &format!("\nSe <{url}> og [lenken]({url}).\n"));
        both_ways(&site, &format!("a URL of {n}"), &Ok(()));
        let page = site.read("moter/2026-1/sak-01-26/index.html");
        assert!(page.contains(&format!("href=\"{url}\"")), "{n}");
    }
}

#[test]
fn a_long_word_in_a_title_reaches_every_page_that_names_it() {
    for n in LENGTHS {
        let site = Site::new();
        let word = "t".repeat(n);
        site.replace(
            CASE,
            "title = \"Eksempelsak\"",
            &format!("title = \"{word}\""),
        );
        both_ways(&site, &format!("a title of {n}"), &Ok(()));
        assert!(site
            .read("moter/2026-1/sak-01-26/index.html")
            .contains(&word));
        assert!(site.read("atom.xml").contains(&word), "{n}: the feed");
    }
}

/// The input section of the case with `depth` nested bullets: one line per
/// level up to 1,000 (indented as people write them), then on one line
/// (`- - - x`, which is as deep and keeps the file linear in size).
fn nested_list(depth: usize) -> String {
    if depth <= 1_000 {
        let mut text = String::from("\n");
        for level in 0..depth {
            text.push_str(&"  ".repeat(level));
            text.push_str("- punkt\n");
        }
        text
    } else {
        format!("\n{}punkt\n", "- ".repeat(depth))
    }
}

#[test]
fn deeply_nested_input_items_are_refused_with_a_location() {
    for depth in DEPTHS {
        let site = Site::new();
        let text = nested_list(depth);
        site.append(CASE, &text);
        let expect = match depth <= 100 {
            true => Ok(()),
            false => Err("error: a list nested deeper than 100 levels".to_string()),
        };
        both_ways(&site, &format!("a list {depth} deep"), &expect);
        if depth > 100 {
            // Where the 101st list starts.
            let lines = site.read_source(CASE).lines().count();
            let (line, column) = match depth <= 1_000 {
                true => (lines - depth + 101, 201),
                false => (lines, 201),
            };
            let located = format!("--> {CASE}:{line}:{column}");
            let run = site.check();
            assert!(run.stderr.contains(&located), "{located}: {}", run.stderr);
        }
    }
    // 100 levels are input items 1 … 1.1.1…, each with its anchor.
    let site = Site::new();
    site.append(CASE, &nested_list(100));
    assert_ok(&site.build_keeping_sources());
    let deepest = format!("innspill-4{}", "-1".repeat(99));
    let page = site.read("moter/2026-1/sak-01-26/index.html");
    assert!(page.contains(&format!("id=\"{deepest}\"")));
}

#[test]
fn deeply_nested_quotes_emphasis_and_html_are_refused_past_a_thousand_levels() {
    type Family = (&'static str, fn(usize) -> String, &'static str);
    let families: [Family; 3] = [
        (
            "quotes",
            |d| format!("\n{} sitat\n", ">".repeat(d)),
            "error: Markdown nested deeper than 1000 levels",
        ),
        (
            "emphasis",
            |d| format!("\n{}x{}\n", "*".repeat(d), "*".repeat(d)),
            "error: Markdown nested deeper than 1000 levels",
        ),
        (
            "HTML",
            |d| format!("\n{}x\n", "<div>".repeat(d)),
            "error: HTML elements nested deeper than 1000 levels",
        ),
    ];
    for (name, make, message) in families {
        for depth in DEPTHS {
            let site = Site::new();
            // In the intro, not in the input list, so only this nesting counts.
            site.replace(
                CASE,
                "## Bakgrunn\n",
                &format!("## Bakgrunn\n{}", make(depth)),
            );
            // A thousand quotes or `<div>`s are one too many with the
            // paragraph or HTML block around them; a run of a thousand `*`
            // nests only 500 levels of strong emphasis.
            let expect = match (name, depth) {
                (_, ..=100) | ("emphasis", 1_000) => Ok(()),
                _ => Err(message.to_string()),
            };
            both_ways(&site, &format!("{name} {depth} deep"), &expect);
        }
    }
}

#[test]
fn a_page_with_deep_nesting_is_refused_too() {
    let site = Site::new();
    site.write(
        "content/dyp.md",
        &format!("+++\ntitle = \"Dyp\"\n+++\n{}", nested_list(10_000)),
    );
    both_ways(
        &site,
        "a page",
        &Err("error: a list nested deeper than 100 levels\n --> content/dyp.md:5:201".into()),
    );
}

#[test]
fn deeply_nested_toml_is_refused_by_the_parser_not_the_stack() {
    for depth in DEPTHS {
        let arrays = format!("x = {}{}\n", "[".repeat(depth), "]".repeat(depth));
        let tables = format!("x = {}1{}\n", "{a = ".repeat(depth), "}".repeat(depth));
        let site = Site::new();
        site.replace(CASE, "themes = [\"eksempel\"]\n", &arrays);
        site.write("data/people.toml", &tables);
        let run = site.build_keeping_sources();
        assert_eq!(run.code, Some(1), "{depth}: {}", run.stderr);
        if depth >= 1_000 {
            for file in [CASE, "data/people.toml"] {
                let located = format!(
                    "error: invalid TOML: cannot recurse further; max recursion depth met\n --> {file}:"
                );
                assert!(run.stderr.contains(&located), "{depth}: {}", run.stderr);
            }
        }
    }
}
