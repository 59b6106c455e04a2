//! Soft hyphens (U+00AD) in the long words of headings and titles.
//!
//! A narrow screen (320 px) cannot fit a long Norwegian compound of a heading
//! ("Kreftforeningen", "Pårørendeorganisasjonene") on one line. Browsers
//! hyphenate with `hyphens: auto` only where they have a dictionary for the
//! language, and Chromium on Linux and Android has none for Norwegian, so the
//! word was cut at any letter without a hyphen. Here the break points are
//! found at build time with the Norwegian patterns of `hypher` (TeX's
//! `hyph-no`, shared by Bokmål and Nynorsk) and written into the page; the
//! stylesheet sets `hyphens: manual` on the same elements, so every browser
//! breaks at these points and shows a hyphen there.
//!
//! It is a pass over each rendered page rather than a Tera filter, so that it
//! reaches the headings a Markdown body or a site's own template writes as
//! surely as the theme's, and it touches text nodes of the chosen elements
//! only: `<title>`, meta tags, attribute values (`aria-label`, `title`,
//! `data-*`, URLs), the feed, the sitemap and the search index (made from the
//! model, not from pages) never receive a soft hyphen, and neither does what
//! a script copies (the copy-link buttons copy `href`; the "Sitér" text is
//! not a heading). `hypher` embeds its patterns as a ready automaton
//! (156 KiB for Norwegian alone), so there is no dictionary to load.

use hypher::Lang;
use lol_html::html_content::ContentType;
use lol_html::{rewrite_str, text, RewriteStrSettings};

use crate::error::Error;

/// The elements whose text is hyphenated: headings, the header cells of
/// tables (a table's first column stays in view at 320 px, so it must be
/// narrow), the titles of case and paper lists, and the site's name in the
/// header.
pub(super) const HYPHENATED: &str = "h1, h2, h3, th, .kort-tittel, .nettsted";

/// Words shorter than this are left whole: even at 320 px, in a heading's
/// size and with WCAG 1.4.12 letter spacing, they fit on a line, and a
/// hyphen in a short word helps no one.
const MIN_WORD_CHARS: usize = 8;

/// The soft hyphen, as written into the page.
const SOFT_HYPHEN: char = '\u{AD}';

/// The hyphenation patterns for a site language code ("nb", "nn-NO"), or
/// `None` when medvirk has none for it (its pages are then left as they are).
pub(super) fn language(code: &str) -> Option<Lang> {
    let primary = code.split(['-', '_']).next().unwrap_or(code);
    Lang::from_iso(primary.to_ascii_lowercase().as_bytes().try_into().ok()?)
}

/// `html`, the page written at `file`, with soft hyphens in the long words
/// of the text of its [`HYPHENATED`] elements.
pub(super) fn soft_hyphens(html: &str, lang: Lang, file: &str) -> Result<String, Error> {
    // lol_html may hand a text node over in pieces; a word cut between two
    // pieces would be hyphenated as two, so each node is gathered first.
    let mut pending = String::new();
    let rewritten = rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![text!(HYPHENATED, |chunk| {
                pending.push_str(chunk.as_str());
                if chunk.last_in_text_node() {
                    let whole = std::mem::take(&mut pending);
                    chunk.replace(&hyphenate(&whole, lang), ContentType::Html);
                } else {
                    chunk.remove();
                }
                Ok(())
            })],
            ..RewriteStrSettings::new()
        },
    );
    rewritten.map_err(|e| Error::Template(format!("hyphenating the headings of {file}: {e}")))
}

/// `text` (HTML text content, character references as written) with a soft
/// hyphen at each break point of its long words.
///
/// A slash between words ("FFO/LHL") is followed by `<wbr>`, a place to
/// break that adds no character. Left whole: character references (`&amp;`, `&#173;`), anything that
/// looks like an address or a URL (no hyphen may end up in what a reader
/// copies to type elsewhere), words that already hold a soft hyphen (the
/// author chose the breaks) and words in capitals (acronyms, "NAV").
pub(super) fn hyphenate(text: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for token in text.split_inclusive(char::is_whitespace) {
        if keep_whole(token) {
            out.push_str(token);
        } else {
            hyphenate_token(token, lang, &mut out);
        }
    }
    out
}

/// Whether a whitespace-delimited token is left as it is.
fn keep_whole(token: &str) -> bool {
    token.contains("://")
        || token.contains('@')
        || token.starts_with("www.")
        || token.contains(SOFT_HYPHEN)
        || token.contains("&shy;")
        || token.contains("&#173;")
        || token.contains("&#xad;")
        || token.contains("&#xAD;")
}

/// Copies `token` to `out`, hyphenating its runs of letters.
fn hyphenate_token(token: &str, lang: Lang, out: &mut String) {
    let mut rest = token;
    while !rest.is_empty() {
        if rest.starts_with('&') {
            let reference = character_reference(rest);
            out.push_str(&rest[..reference]);
            rest = &rest[reference..];
            continue;
        }
        let letters = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        if letters == 0 {
            // Never 0: `rest` starts with neither a letter nor '&'.
            let other = rest
                .find(|c: char| c.is_alphabetic() || c == '&')
                .unwrap_or(rest.len());
            // "FFO/Hørselshemmedes": browsers do not break after a slash, so
            // the pair would be one long word (and a wide first column).
            let between_words = &rest[..other] == "/"
                && out.ends_with(char::is_alphabetic)
                && rest[other..].starts_with(char::is_alphabetic);
            out.push_str(&rest[..other]);
            if between_words {
                out.push_str("<wbr>");
            }
            rest = &rest[other..];
            continue;
        }
        push_word(&rest[..letters], lang, out);
        rest = &rest[letters..];
    }
}

/// Copies one word of letters to `out`, with soft hyphens if it is long and
/// not in capitals.
fn push_word(word: &str, lang: Lang, out: &mut String) {
    let long = word.chars().count() >= MIN_WORD_CHARS;
    let capitals = word.chars().skip(1).any(char::is_uppercase);
    if !long || capitals {
        out.push_str(word);
        return;
    }
    for (i, syllable) in hypher::hyphenate(word, lang).enumerate() {
        if i > 0 {
            out.push(SOFT_HYPHEN);
        }
        out.push_str(syllable);
    }
}

/// The length in bytes of the character reference at the start of `text`
/// ("&amp;", "&#173;"), or 1 for a bare '&'.
fn character_reference(text: &str) -> usize {
    let name = text[1..]
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
        .map_or(text.len(), |end| end + 1);
    match text[name..].starts_with(';') {
        true => name + 1,
        false => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHY: &str = "\u{AD}";

    fn nb() -> Lang {
        language("nb").expect("Norwegian patterns")
    }

    fn page(html: &str) -> String {
        soft_hyphens(html, nb(), "test.html").expect("rewrites")
    }

    #[test]
    fn a_norwegian_compound_is_split_between_its_parts() {
        let word = hyphenate("Kreftforeningen", nb());
        let parts: Vec<&str> = word.split(SHY).collect();
        assert!(parts.len() > 1, "{word:?}");
        // "Kreft" + "foreningen": the break between the compound's parts is
        // one of the points.
        assert_eq!(parts[0], "Kreft", "{word:?}");
        assert_eq!(word.replace(SHY, ""), "Kreftforeningen");
        let word = hyphenate("Pårørendeorganisasjonene", nb());
        assert!(
            word.contains(&format!("pårørende{SHY}or")) || word.contains(&format!("rende{SHY}or")),
            "{word:?}"
        );
    }

    #[test]
    fn short_words_acronyms_and_numbers_are_left_whole() {
        for text in [
            "Sak 07/24 om møte",
            "Oppmøte",
            "NAV og FFO",
            "HELSEDIREKTORATET",
            "2024–2025",
        ] {
            assert_eq!(hyphenate(text, nb()), text);
        }
    }

    #[test]
    fn a_slash_between_words_may_break_and_adds_no_character() {
        assert_eq!(hyphenate("FFO/LHL", nb()), "FFO/<wbr>LHL");
        let out = hyphenate("FFO/Hørselshemmedes landsforbund", nb());
        assert!(out.starts_with(&format!("FFO/<wbr>Hør{SHY}sels")), "{out}");
        assert_eq!(hyphenate("Sak 07/24", nb()), "Sak 07/24");
        assert_eq!(
            hyphenate("&lt;/script&gt; a / b", nb()),
            "&lt;/script&gt; a / b"
        );
    }

    #[test]
    fn addresses_and_words_the_author_hyphenated_are_left_whole() {
        for text in [
            "Se https://www.helsedirektoratet.no/brukerradet",
            "www.kreftforeningen.no",
            "postmottak@helsedirektoratet.no",
            "Kreft&shy;foreningen",
            "Kreft\u{AD}foreningen",
        ] {
            assert_eq!(hyphenate(text, nb()), text);
        }
    }

    #[test]
    fn character_references_survive_and_are_not_read_as_words() {
        let text = "Brukerråd &amp; pårørendeorganisasjoner&nbsp;i&#160;Helsedirektoratet &amp";
        let out = hyphenate(text, nb());
        assert_eq!(out.replace(SHY, ""), text);
        assert!(out.contains("&amp; "), "{out}");
        assert!(out.contains("&nbsp;i&#160;"), "{out}");
        assert!(out.contains(SHY), "{out}");
    }

    #[test]
    fn headings_and_list_titles_get_soft_hyphens() {
        let html = page(
            "<h1>Kreftforeningen</h1><h2 id=x>Tilbakemelding</h2><h3>Pårørendeorganisasjoner</h3>\
             <p class=kort-tittel><a href=/a/>Pasientsikkerhet</a></p><p class=\"nettsted\"><a href=/>Helsedirektoratets brukerråd</a></p>\
             <table><tr><th scope=row>Funksjonshemmedes</th><td>Oppmøtestatistikk</td></tr></table>",
        );
        for word in [
            "Kreftforeningen",
            "Tilbakemelding",
            "Pårørendeorganisasjoner",
            "Pasientsikkerhet",
            "Helsedirektoratets",
            "Funksjonshemmedes",
        ] {
            assert!(!html.contains(word), "{word} has no soft hyphen: {html}");
        }
        assert_eq!(html.replace(SHY, ""), "<h1>Kreftforeningen</h1><h2 id=x>Tilbakemelding</h2><h3>Pårørendeorganisasjoner</h3>\
             <p class=kort-tittel><a href=/a/>Pasientsikkerhet</a></p><p class=\"nettsted\"><a href=/>Helsedirektoratets brukerråd</a></p>\
             <table><tr><th scope=row>Funksjonshemmedes</th><td>Oppmøtestatistikk</td></tr></table>");
        assert!(
            html.contains("<td>Oppmøtestatistikk</td>"),
            "a data cell is left whole: {html}"
        );
    }

    #[test]
    fn title_attributes_and_other_text_are_untouched() {
        let html = "<html><head><title>Kreftforeningen – Helsedirektoratets brukerråd</title>\
            <meta name=description content=\"Kreftforeningen\"></head><body>\
            <h1 title=\"Kreftforeningen\" aria-label=\"Kreftforeningen\" data-navn=\"Kreftforeningen\">\
            <a href=\"/organisasjoner/kreftforeningen/\">Kreftforeningen</a></h1>\
            <p>Kreftforeningen</p><h4>Kreftforeningen</h4></body></html>";
        let out = page(html);
        let in_h1 = hyphenate("Kreftforeningen", nb()).matches(SHY).count();
        assert_eq!(out.matches(SHY).count(), in_h1, "only the h1's text: {out}");
        assert_eq!(out.replace(SHY, ""), html);
        assert!(
            out.contains("<title>Kreftforeningen – Helsedirektoratets brukerråd</title>"),
            "{out}"
        );
        assert!(
            out.contains("<p>Kreftforeningen</p><h4>Kreftforeningen</h4>"),
            "{out}"
        );
    }

    #[test]
    fn inline_markup_and_entities_inside_a_heading_survive() {
        let html = "<h2 id=\"a\">Innspill fra <em>Funksjonshemmedes</em> Fellesorganisasjon &amp; \
            <a href=\"/o/\"><span class=saksnr>Sak 07/24</span> Kreftforeningen</a>&nbsp;<code>x</code></h2>";
        let out = page(html);
        assert_eq!(out.replace(SHY, ""), html);
        assert!(out.contains(&format!("<em>Funk{SHY}")), "{out}");
        assert!(
            out.contains("&amp; <a href=\"/o/\"><span class=saksnr>Sak 07/24</span> Kreft"),
            "{out}"
        );
    }

    #[test]
    fn a_heading_inside_a_list_title_is_hyphenated_once() {
        let html = "<div class=kort-tittel><h2>Kreftforeningen</h2></div>";
        let out = page(html);
        assert_eq!(out.replace(SHY, ""), html);
        assert!(!out.contains(&format!("{SHY}{SHY}")), "{out}");
        assert_eq!(
            out,
            format!(
                "<div class=kort-tittel><h2>{}</h2></div>",
                hyphenate("Kreftforeningen", nb())
            )
        );
    }

    #[test]
    fn languages_without_patterns_are_not_hyphenated() {
        assert!(language("nb").is_some());
        assert!(language("nn-NO").is_some());
        assert!(language("no").is_some());
        assert!(language("en").is_none());
        assert!(language("").is_none());
    }
}
