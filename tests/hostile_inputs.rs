//! Hostile inputs, one class a test (issue 18): encodings, Unicode in ids,
//! anchors and file names, markup injected into every front-matter string
//! that reaches a page, the feed, the sitemap or the search index, Tera
//! syntax in content, and filesystem tricks. Each is built by the real
//! binary in a fresh copy of a small site; each asserts the exact exit code,
//! the message, and that nothing outside the output folder changed.

mod hostile_site;

use std::fs;
use std::path::Path;

use hostile_site::*;

/// One hostile input: how to make it, and what the build must say.
struct Input {
    name: &'static str,
    arrange: fn(&Site),
    /// `Ok(text)`: exit 0, `text` in the output or warnings (`""`: anything);
    /// `Err(text)`: exit 1 with `text` in the message.
    expect: Result<&'static str, &'static str>,
    /// More checks on the built site.
    then: fn(&Site),
}

fn nothing(_: &Site) {}

/// Builds each input in its own site; returns how many were tried.
fn run_all(inputs: &[Input]) -> usize {
    for input in inputs {
        let site = Site::new();
        (input.arrange)(&site);
        let before = site.sources();
        let run = site.run_in(&site.base(), &["build", "--root", "site"]);
        assert_exit(&run);
        assert_same(&before, &site.sources());
        // What the file holds is reported as code points, never passed to the terminal.
        if let Some(c) = run.stderr.chars().find(|c| hidden_in_a_report(*c)) {
            panic!(
                "{}: U+{:04X} printed raw in:\n{}",
                input.name,
                u32::from(c),
                run.stderr
            );
        }
        match input.expect {
            Ok(text) => {
                assert_eq!(run.code, Some(0), "{}: {}", input.name, run.stderr);
                let output = site.output().into_values().collect::<String>();
                assert!(
                    output.contains(text) || run.stderr.contains(text),
                    "{}: {text:?} is not in the output or the warnings: {}",
                    input.name,
                    run.stderr
                );
            }
            Err(text) => {
                assert_eq!(run.code, Some(1), "{}: {}", input.name, run.stderr);
                assert!(
                    run.stderr.contains(text),
                    "{}: expected {text:?} in:\n{}",
                    input.name,
                    run.stderr
                );
                assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
            }
        }
        (input.then)(&site);
    }
    inputs.len()
}

/// Control characters but line breaks, direction marks, overrides and
/// isolates, zero-width spaces and the byte-order mark.
fn hidden_in_a_report(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(
            c,
            '\u{061C}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}'
                | '\u{2060}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
        )
}

fn case_bytes(site: &Site, bytes: Vec<u8>) {
    site.write_bytes(CASE, &bytes);
}

fn case_text(site: &Site) -> String {
    site.read_source(CASE)
}

fn utf16(text: &str, big: bool, bom: bool) -> Vec<u8> {
    let mut out = match (bom, big) {
        (false, _) => vec![],
        (true, false) => vec![0xFF, 0xFE],
        (true, true) => vec![0xFE, 0xFF],
    };
    for unit in text.encode_utf16() {
        out.extend(match big {
            true => unit.to_be_bytes(),
            false => unit.to_le_bytes(),
        });
    }
    out
}

fn latin1(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect()
}

/// The case page's HTML.
fn case_page(site: &Site) -> String {
    site.read("moter/2026-1/sak-01-26/index.html")
}

#[test]
fn encodings() {
    let inputs = [
        Input {
            name: "a NUL byte in the body",
            arrange: |s| {
                s.append(CASE, "\nNUL\0her\n");
            },
            expect: Err("error: the file holds a control character (U+0000)\n --> content/moter/2026-1/sak-01-26.md:23:4"),
            then: nothing,
        },
        Input {
            name: "a NUL byte in a front-matter string",
            arrange: |s| {
                s.replace(CASE, "Eksempelsak", "Eks\0empel");
            },
            expect: Err("error: the file holds a control character (U+0000)\n --> content/moter/2026-1/sak-01-26.md:4:13"),
            then: nothing,
        },
        Input {
            name: "a NUL byte in a registry file",
            arrange: |s| {
                s.replace("data/people.toml", "Kari Nordmann", "Kari\0Nordmann");
            },
            expect: Err("error: the file holds a control character (U+0000)\n --> data/people.toml:3:13"),
            then: nothing,
        },
        Input {
            name: "a terminal escape sequence in a title",
            arrange: |s| {
                s.replace(CASE, "Eksempelsak", "Eksempel\u{1b}[2J\u{1b}[31msak");
            },
            expect: Err("error: the file holds a control character (U+001B)\n --> content/moter/2026-1/sak-01-26.md:4:18"),
            then: nothing,
        },
        Input {
            name: "UTF-16 little-endian with a byte-order mark",
            arrange: |s| case_bytes(s, utf16(&case_text(s), false, true)),
            expect: Err("error: the file is UTF-16 (little-endian, with a byte-order mark), not UTF-8\n --> content/moter/2026-1/sak-01-26.md:1"),
            then: nothing,
        },
        Input {
            name: "UTF-16 big-endian with a byte-order mark",
            arrange: |s| case_bytes(s, utf16(&case_text(s), true, true)),
            expect: Err("error: the file is UTF-16 (big-endian, with a byte-order mark), not UTF-8"),
            then: nothing,
        },
        Input {
            name: "UTF-16 little-endian without a byte-order mark",
            arrange: |s| case_bytes(s, utf16(&case_text(s), false, false)),
            expect: Err("error: the file is UTF-16 (little-endian, without a byte-order mark), not UTF-8"),
            then: nothing,
        },
        Input {
            name: "UTF-16 big-endian without a byte-order mark",
            arrange: |s| case_bytes(s, utf16(&case_text(s), true, false)),
            expect: Err("error: the file is UTF-16 (big-endian, without a byte-order mark), not UTF-8"),
            then: nothing,
        },
        Input {
            name: "a UTF-16 registry file",
            arrange: |s| {
                let text = s.read_source("data/council.toml");
                s.write_bytes("data/council.toml", &utf16(&text, false, true));
            },
            expect: Err("error: the file is UTF-16 (little-endian, with a byte-order mark), not UTF-8\n --> data/council.toml:1"),
            then: nothing,
        },
        Input {
            name: "Latin-1",
            arrange: |s| case_bytes(s, latin1(&case_text(s))),
            // "drøftingssak": the ø is the first byte that is not ASCII, on line 3.
            expect: Err("error: the file is not valid UTF-8 (first bad byte at offset 31)\n --> content/moter/2026-1/sak-01-26.md:3"),
            then: nothing,
        },
        Input {
            name: "Latin-1 in config.toml",
            arrange: |s| {
                let text = s.read_source("config.toml");
                s.write_bytes("config.toml", &latin1(&text));
            },
            expect: Err("Latin-1 or Windows-1252"),
            then: nothing,
        },
        Input {
            name: "Windows-1252 quotation marks",
            arrange: |s| {
                let mut bytes = case_text(s).into_bytes();
                bytes.extend(b"\n\x93sitat\x94\n");
                case_bytes(s, bytes);
            },
            expect: Err("error: the file is not valid UTF-8 (first bad byte at offset"),
            then: nothing,
        },
        Input {
            name: "a UTF-8 sequence cut short at the end",
            arrange: |s| {
                let mut bytes = case_text(s).into_bytes();
                bytes.push(0xC3);
                case_bytes(s, bytes);
            },
            expect: Err("error: the file is not valid UTF-8"),
            then: nothing,
        },
        Input {
            name: "an overlong UTF-8 encoding of /",
            arrange: |s| {
                let mut bytes = case_text(s).into_bytes();
                bytes.extend(b"\n..\xC0\xAF..\n");
                case_bytes(s, bytes);
            },
            expect: Err("error: the file is not valid UTF-8"),
            then: nothing,
        },
        Input {
            name: "random bytes",
            arrange: |s| {
                let mut x: u32 = 0x9E37_79B9;
                let bytes = (0..4096)
                    .map(|_| {
                        x ^= x << 13;
                        x ^= x >> 17;
                        x ^= x << 5;
                        (x >> 24) as u8
                    })
                    .collect();
                case_bytes(s, bytes);
            },
            expect: Err("error: the file is not valid UTF-8"),
            then: nothing,
        },
        Input {
            name: "an empty file",
            arrange: |s| case_bytes(s, Vec::new()),
            expect: Err("error: the file does not start with front matter\n --> content/moter/2026-1/sak-01-26.md:1:1"),
            then: nothing,
        },
        Input {
            name: "bare CR line ends, with an error to locate",
            arrange: |s| {
                let text = case_text(s) + "- Ukjent {fra=ukjent-org}\n";
                case_bytes(s, text.replace('\n', "\r").into_bytes());
            },
            expect: Err("error: unknown organisation \"ukjent-org\" in fra=\n  --> content/moter/2026-1/sak-01-26.md:22:1"),
            then: nothing,
        },
        Input {
            name: "mixed CR, LF and CRLF line ends",
            arrange: |s| {
                let text = case_text(s);
                let mut out = String::new();
                for (i, line) in text.lines().enumerate() {
                    out.push_str(line);
                    out.push_str(["\n", "\r\n", "\r"][i % 3]);
                }
                case_bytes(s, out.into_bytes());
            },
            expect: Ok("Et innspill fra én organisasjon"),
            then: |s| assert!(!case_page(s).contains('\r')),
        },
        Input {
            name: "a UTF-8 byte-order mark",
            arrange: |s| {
                let mut bytes = vec![0xEF, 0xBB, 0xBF];
                bytes.extend(case_text(s).into_bytes());
                case_bytes(s, bytes);
            },
            expect: Ok("Eksempelsak"),
            then: |s| assert!(!case_page(s).contains('\u{FEFF}')),
        },
    ];
    assert_eq!(run_all(&inputs), 19);
}

#[test]
fn unicode_in_ids_anchors_and_file_names() {
    let inputs = [
        Input {
            name: "a zero-width joiner in an anchor",
            arrange: |s| {
                s.append(CASE, "- Punkt {#a\u{200D}b}\n");
            },
            expect: Err("error: \"#a\u{200D}b\" is not a valid anchor\n --> content/moter/2026-1/sak-01-26.md:22:1"),
            then: nothing,
        },
        Input {
            name: "an emoji anchor",
            arrange: |s| {
                s.append(CASE, "- Punkt {#👍}\n");
            },
            expect: Err("error: \"#👍\" is not a valid anchor"),
            then: nothing,
        },
        Input {
            name: "a combining mark in an anchor",
            arrange: |s| {
                s.append(CASE, "- Punkt {#pa\u{0301}}\n");
            },
            expect: Err("error: \"#pa\u{0301}\" is not a valid anchor"),
            then: nothing,
        },
        Input {
            name: "a right-to-left override in an anchor",
            arrange: |s| {
                s.append(CASE, "- Punkt {#a\u{202E}b}\n");
            },
            expect: Err("is not a valid anchor"),
            then: nothing,
        },
        Input {
            name: "a right-to-left override in an organisation id",
            arrange: |s| {
                s.append(CASE, "- Punkt {fra=pasient\u{202E}foreningen}\n");
            },
            expect: Err("error: unknown organisation \"pasient\\u{202E}foreningen\" in fra="),
            then: nothing,
        },
        Input {
            name: "a zero-width space in a person id",
            arrange: |s| {
                s.replace(MEETING, "chair = \"kari-nordmann\"", "chair = \"kari\u{200B}-nordmann\"");
            },
            expect: Err("error: unknown person \"kari\\u{200B}-nordmann\"\n --> content/moter/2026-1/_index.md:6:9"),
            then: nothing,
        },
        Input {
            name: "an emoji in a registry id",
            arrange: |s| {
                s.replace("data/organisations.toml", "id = \"etaten\"", "id = \"etaten-🏥\"");
            },
            expect: Err("--> data/organisations.toml:2:6"),
            then: nothing,
        },
        Input {
            name: "combining marks in a theme",
            arrange: |s| {
                s.append(CASE, "- Punkt {tema=pa\u{0301}rørende}\n");
            },
            expect: Ok("pa\u{0301}rørende"),
            then: nothing,
        },
        Input {
            name: "emoji and joiners in a heading",
            arrange: |s| {
                s.append(CASE, "\n## Innspill fra 👨\u{200D}👩\u{200D}👧 Brukerrådet\n\n- Familien\n");
            },
            expect: Ok("Innspill fra 👨\u{200D}👩\u{200D}👧 Brukerrådet"),
            then: nothing,
        },
        Input {
            name: "an emoji file name",
            arrange: |s| {
                let text = case_text(s).replace("01/26", "02/26");
                s.write("content/moter/2026-1/sak-👍.md", &text);
            },
            // A case's file name is its address: one a browser may not reach is refused.
            expect: Err("error: the case file name \"sak-👍.md\" is not a valid address"),
            then: nothing,
        },
        Input {
            name: "a combining mark in a file name",
            arrange: |s| {
                let text = case_text(s).replace("01/26", "02/26");
                s.write("content/moter/2026-1/sake\u{0301}.md", &text);
            },
            expect: Err("error: the case file name \"sake\u{0301}.md\" is not a valid address"),
            then: nothing,
        },
        Input {
            name: "a right-to-left override in a file name",
            arrange: |s| {
                let text = case_text(s).replace("01/26", "02/26");
                s.write("content/moter/2026-1/sak-\u{202E}fdp.exe.md", &text);
            },
            expect: Err("error: the file's path holds an invisible or direction-changing character (U+202E), which would make its address look like another"),
            then: nothing,
        },
        Input {
            name: "a zero-width space in a folder name",
            arrange: |s| {
                s.write("content/side\u{200B}/_index.md", "+++\ntitle = \"Side\"\n+++\n");
            },
            expect: Err("invisible or direction-changing character (U+200B)"),
            then: nothing,
        },
        Input {
            name: "a control character in a file name",
            arrange: |s| {
                s.write("content/side\u{1B}[31m.md", "+++\ntitle = \"Side\"\n+++\n");
            },
            expect: Err("invisible or direction-changing character (U+001B)"),
            then: nothing,
        },
        Input {
            name: "a right-to-left override in a title",
            arrange: |s| {
                s.replace(CASE, "Eksempelsak", "Eksempel\u{202E}kas");
            },
            expect: Ok("Eksempel\u{202E}kas"),
            then: nothing,
        },
    ];
    assert_eq!(run_all(&inputs), 15);
}

/// Markup that must come out as text.
const PAYLOAD: &str = "<script>alert(1)</script><img src=x onerror=alert(2)> ]]> & \"q\"";

/// `PAYLOAD` as a TOML basic string.
fn toml_payload() -> String {
    format!("\"{}\"", PAYLOAD.replace('"', "\\\""))
}

/// No output file has the payload as markup; it reached some page as text,
/// and the JSON files are JSON with it as a string.
fn payload_is_text_everywhere(site: &Site, must_reach: &[&str]) {
    for (path, text) in site.output() {
        if path.ends_with(".json") {
            let value: serde_json::Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"));
            let _ = value;
            assert!(!text.contains("& \"q\""), "{path}: quotes unescaped");
            continue;
        }
        if path.ends_with(".js") || path.ends_with(".css") {
            continue;
        }
        assert!(!text.contains("<script>alert"), "{path}: a script");
        assert!(!text.contains("<img src=x"), "{path}: an element");
        assert!(!text.contains("]]>"), "{path}: a CDATA end");
    }
    for rel in must_reach {
        let text = match rel.ends_with(".html") {
            true => site.read(rel),
            false => fs::read_to_string(site.root().join("public").join(rel)).unwrap(),
        };
        assert!(
            text.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;")
                || text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{rel} lacks the escaped payload"
        );
    }
}

fn inject(site: &Site, rel: &str, from: &str, to_field: &str) {
    site.replace(rel, from, &format!("{to_field} = {}", toml_payload()));
}

#[test]
fn markup_injected_into_front_matter_comes_out_escaped() {
    let inputs = [
        Input {
            name: "the site's title",
            arrange: |s| inject(s, "config.toml", "title = \"Brukerrådet\"", "title"),
            expect: Ok("alert(1)"),
            then: |s| payload_is_text_everywhere(s, &["index.html", "atom.xml"]),
        },
        Input {
            name: "the site's description",
            arrange: |s| {
                inject(
                    s,
                    "config.toml",
                    "description = \"Referater, innspill og deltakelse fra brukerrådet\"",
                    "description",
                )
            },
            expect: Ok("alert(1)"),
            then: |s| payload_is_text_everywhere(s, &["index.html"]),
        },
        Input {
            name: "a case title",
            arrange: |s| inject(s, CASE, "title = \"Eksempelsak\"", "title"),
            expect: Ok("alert(1)"),
            then: |s| {
                payload_is_text_everywhere(
                    s,
                    &[
                        "moter/2026-1/sak-01-26/index.html",
                        "moter/2026-1/index.html",
                        "atom.xml",
                    ],
                );
                let index = s.read("search_index.nb.json");
                assert!(
                    index.contains("\\\"q\\\""),
                    "the title is a JSON string in the index"
                );
            },
        },
        Input {
            name: "an agenda line",
            arrange: |s| inject(s, MEETING, "text = \"Velkommen\"", "text"),
            expect: Ok("alert(1)"),
            then: |s| payload_is_text_everywhere(s, &["moter/2026-1/index.html"]),
        },
        Input {
            name: "an organisation's name",
            arrange: |s| {
                inject(
                    s,
                    "data/organisations.toml",
                    "name = \"Pasientforeningen\"",
                    "name",
                )
            },
            expect: Ok("alert(1)"),
            then: |s| {
                payload_is_text_everywhere(s, &["organisasjoner/pasientforeningen/index.html"])
            },
        },
        Input {
            name: "a person's name",
            arrange: |s| inject(s, "data/people.toml", "name = \"Kari Nordmann\"", "name"),
            expect: Ok("alert(1)"),
            then: |s| payload_is_text_everywhere(s, &["moter/2026-1/index.html"]),
        },
        Input {
            name: "the council's name",
            arrange: |s| {
                inject(
                    s,
                    "data/council.toml",
                    "name = \"Etatens brukerråd\"",
                    "name",
                )
            },
            expect: Ok(""),
            then: |s| payload_is_text_everywhere(s, &[]),
        },
        Input {
            name: "the council's description (Markdown, sanitised)",
            arrange: |s| {
                inject(
                    s,
                    "data/council.toml",
                    "description = \"Brukerrådet gir råd til etaten.\"",
                    "description",
                )
            },
            expect: Ok(""),
            then: |s| payload_is_text_everywhere(s, &[]),
        },
        Input {
            name: "a page's title",
            arrange: |s| {
                inject(
                    s,
                    "content/tilgjengelighet.md",
                    "title = \"Tilgjengelighetserklæring\"",
                    "title",
                )
            },
            expect: Ok("alert(1)"),
            then: |s| payload_is_text_everywhere(s, &["tilgjengelighet/index.html"]),
        },
        Input {
            name: "a theme",
            arrange: |s| {
                s.replace(
                    CASE,
                    "themes = [\"eksempel\"]",
                    &format!("themes = [{}]", toml_payload()),
                );
            },
            expect: Ok("alert(1)"),
            then: |s| payload_is_text_everywhere(s, &["moter/2026-1/sak-01-26/index.html"]),
        },
        Input {
            name: "a decision",
            arrange: |s| {
                s.replace(
                    MEETING,
                    "[[attendance]]",
                    &format!("[[decisions]]\ntext = {}\n\n[[attendance]]", toml_payload()),
                );
            },
            expect: Ok("alert(1)"),
            then: |s| payload_is_text_everywhere(s, &[]),
        },
        Input {
            name: "a published guest's name",
            arrange: |s| {
                s.replace(
                    MEETING,
                    "+++\n## Velkommen",
                    &format!(
                        "\n[[guests]]\norganisation = \"pasientforeningen\"\nname = {}\npublish_name = true\n+++\n## Velkommen",
                        toml_payload()
                    ),
                );
            },
            expect: Ok("alert(1)"),
            then: |s| payload_is_text_everywhere(s, &["moter/2026-1/index.html"]),
        },
        Input {
            name: "raw HTML in a body",
            arrange: |s| {
                s.append(
                    CASE,
                    &format!("\n{PAYLOAD}\n<a href=\"javascript:alert(3)\">lenke</a>\n"),
                );
            },
            expect: Ok("lenke"),
            then: |s| {
                payload_is_text_everywhere(s, &[]);
                assert!(!case_page(s).contains("javascript:"));
            },
        },
        Input {
            name: "a javascript: link in Markdown",
            arrange: |s| {
                s.append(CASE, "\n[klikk](javascript:alert(4))\n");
            },
            expect: Err("error: a link to a `javascript:` address, which would run in the reader's browser\n --> content/moter/2026-1/sak-01-26.md:23:1"),
            then: nothing,
        },
        Input {
            name: "a javascript: image hidden by a tab",
            arrange: |s| {
                s.append(CASE, "\n![bilde](<java\tscript:alert(5)>)\n");
            },
            expect: Err("error: a link to a `javascript:` address"),
            then: nothing,
        },
        Input {
            name: "a javascript: website in the registry",
            arrange: |s| {
                s.replace(
                    "data/organisations.toml",
                    "name = \"Pasientforeningen\"",
                    "name = \"Pasientforeningen\"\nwebsite = \"javascript:alert(1)\"",
                );
            },
            expect: Err("error: the website is a `javascript:` address, which would run in the reader's browser\n  --> data/organisations.toml:15:12"),
            then: nothing,
        },
        Input {
            name: "a javascript: base URL",
            arrange: |s| {
                s.replace(
                    "config.toml",
                    "https://brukerrad.example.no",
                    "javascript:alert(1)",
                );
            },
            expect: Err("error: base_url \"javascript:alert(1)\" is not an absolute URL"),
            then: nothing,
        },
    ];
    assert_eq!(run_all(&inputs), 17);
}

#[test]
fn tera_syntax_in_content_is_text() {
    let inputs = [
        Input {
            name: "an expression in a body",
            arrange: |s| {
                s.append(CASE, "\nSvar: {{ 7 * 7 }} og {{ config.base_url }}\n");
            },
            expect: Ok("Svar: {{ 7 * 7 }} og {{ config.base_url }}"),
            then: |s| assert!(!case_page(s).contains("Svar: 49")),
        },
        Input {
            name: "statements and comments in a body",
            arrange: |s| {
                s.append(
                    CASE,
                    "\n{% for x in [1, 2] %}LØKKE{% endfor %} {# skjult #} {% raw %}\n",
                );
            },
            expect: Ok("{% for x in [1, 2] %}LØKKE{% endfor %} {# skjult #} {% raw %}"),
            then: nothing,
        },
        Input {
            name: "a function call in a title",
            arrange: |s| {
                s.replace(
                    CASE,
                    "Eksempelsak",
                    "{{ get_env(name='HOME') }} {% include 'base.html' %}",
                );
            },
            expect: Ok("{{ get_env(name="),
            then: |s| assert!(!case_page(s).contains("/root")),
        },
        Input {
            name: "load_data in an input item",
            arrange: |s| {
                s.append(CASE, "- Tekst {{ load_data(path='config.toml') }} og mer\n");
            },
            expect: Ok("{{ load_data(path="),
            then: |s| assert!(!case_page(s).contains("brukerrad.example.no\"")),
        },
        Input {
            name: "Tera in a registry name",
            arrange: |s| {
                s.replace("data/people.toml", "Kari Nordmann", "{{ config.title }}");
            },
            expect: Ok("{{ config.title }}"),
            then: nothing,
        },
        Input {
            name: "an unbalanced tag in an agenda line",
            arrange: |s| {
                s.replace(MEETING, "text = \"Velkommen\"", "text = \"{% if %} {{\"");
            },
            expect: Ok("{% if %} {{"),
            then: nothing,
        },
    ];
    assert_eq!(run_all(&inputs), 6);
}

#[test]
fn filesystem_tricks() {
    let inputs = [
        Input {
            name: "a folder named like a case file",
            arrange: |s| {
                s.write("content/moter/2026-1/sak-02-26.md/vedlegg.txt", "hei\n");
            },
            expect: Ok("hei"),
            then: |s| {
                assert!(!s.root().join("public/moter/2026-1/sak-02-26").exists());
            },
        },
        Input {
            name: "a folder named like a registry file",
            arrange: |s| {
                fs::remove_file(s.root().join("data/people.toml")).unwrap();
                fs::create_dir(s.root().join("data/people.toml")).unwrap();
            },
            expect: Err("error: data/people.toml is a folder, not a file"),
            then: nothing,
        },
        Input {
            name: "a folder named config.toml",
            arrange: |s| {
                fs::remove_file(s.root().join("config.toml")).unwrap();
                fs::create_dir(s.root().join("config.toml")).unwrap();
            },
            expect: Err("error: config.toml is a folder, not a file"),
            then: nothing,
        },
        Input {
            name: "a FIFO named like a case",
            arrange: |s| mkfifo(&s.root().join("content/moter/2026-1/sak-02-26.md")),
            expect: Ok("warning: `content/moter/2026-1/sak-02-26.md` is a named pipe (FIFO), not a file: it is left out"),
            then: nothing,
        },
        Input {
            name: "a FIFO named like a registry file",
            arrange: |s| {
                fs::remove_file(s.root().join("data/people.toml")).unwrap();
                mkfifo(&s.root().join("data/people.toml"));
            },
            expect: Err("error: data/people.toml is a named pipe (FIFO), not a file"),
            then: nothing,
        },
        Input {
            name: "a FIFO in static/",
            arrange: |s| mkfifo(&s.root().join("static/rapport.pdf")),
            expect: Ok("warning: `static/rapport.pdf` is a named pipe (FIFO), not a file: it is left out"),
            then: |s| assert!(!s.root().join("public/rapport.pdf").exists()),
        },
        Input {
            name: "a file name of 250 bytes",
            arrange: |s| {
                let text = case_text(s).replace("01/26", "02/26");
                s.write(&format!("content/moter/2026-1/{}.md", "a".repeat(250)), &text);
            },
            expect: Ok(""),
            then: |s| {
                let page = format!("public/moter/2026-1/{}/index.html", "a".repeat(250));
                assert!(s.root().join(page).is_file());
            },
        },
    ];
    assert_eq!(run_all(&inputs), 7);
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo");
    assert!(status.success());
}

/// `chmod 000` stops everyone but root; the test runs as whoever runs it
/// (root in CI) and asserts what is true for that user.
#[test]
fn an_unreadable_case_is_an_error_unless_the_reader_is_root() {
    use std::os::unix::fs::PermissionsExt;
    let site = Site::new();
    let path = site.root().join(CASE);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    let readable = fs::read(&path).is_ok();
    let before = site.sources();
    let run = site.build();
    assert_exit(&run);
    assert_same(&before, &site.sources());
    match readable {
        // Root reads it anyway: the site builds as if nothing happened.
        true => {
            assert_ok(&run);
            assert!(site
                .read("moter/2026-1/sak-01-26/index.html")
                .contains("Eksempelsak"));
        }
        false => assert_fails_with(
            &run,
            &format!(
                "error: failed to read `{}`: Permission denied",
                path.display()
            ),
        ),
    }
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
}

/// An unreadable folder, the other way to deny root nothing: the same
/// assertion as for a file.
#[test]
fn an_unreadable_folder_is_an_error_unless_the_reader_is_root() {
    use std::os::unix::fs::PermissionsExt;
    let site = Site::new();
    let dir = site.root().join("content/moter/2026-1");
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o000)).unwrap();
    let readable = fs::read_dir(&dir).is_ok();
    let run = site.build();
    assert_exit(&run);
    match readable {
        true => assert_ok(&run),
        false => assert_fails_with(&run, "error: failed to read"),
    }
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
}
