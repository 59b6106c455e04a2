//! Lines of extracted text, classified: blank, page furniture, a URL, a
//! bullet (with its glyph), a numbered or lettered line, or text; and the
//! test that tells a wrapped line from one that ended where its author ended
//! it. Only layout is decided here; what a line means is `minutes`' job.

use std::collections::HashMap;

/// What a line looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LineKind {
    /// Empty or only spaces.
    Blank,
    /// Page furniture: a page number, a repeated running header.
    Noise(&'static str),
    /// A web address on a line of its own (from a PDF's link annotations).
    Url,
    /// A bullet: its glyph and its text.
    Bullet(char, String),
    /// "1. Text" or "1) Text".
    Numbered(u32, String),
    /// "a) Text".
    Lettered(char, String),
    /// Anything else.
    Text,
}

/// One line of the source.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    /// 1-based line number in the source.
    pub no: usize,
    /// The text without leading and trailing spaces.
    pub text: String,
    /// What it looks like.
    pub kind: LineKind,
    /// Printed in bold throughout (known from `.docx` only).
    pub bold: bool,
    /// The line ends with a hyphen that joining must keep: the source
    /// printed a space after it ("prosesser- "), so it is a dash, or the
    /// source ends no line with a space, so a word broken at a hyphen cannot
    /// be told from a dash.
    pub spaced_dash: bool,
}

impl Line {
    /// The words of the line with single spaces.
    pub(crate) fn words(&self) -> String {
        collapse(&self.text)
    }

    /// The text of a bullet, numbered or lettered line, or the whole line.
    pub(crate) fn content(&self) -> String {
        match &self.kind {
            LineKind::Bullet(_, t) | LineKind::Numbered(_, t) | LineKind::Lettered(_, t) => {
                collapse(t)
            }
            _ => self.words(),
        }
    }

    /// True for blank lines and page furniture.
    pub(crate) fn is_empty(&self) -> bool {
        matches!(self.kind, LineKind::Blank | LineKind::Noise(_))
    }
}

/// Collapses runs of whitespace to one space and trims.
pub(crate) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Glyphs that start a bullet in text extracted from Word documents and PDFs.
/// `o` is Word's second-level bullet; the private-use ones come from the
/// Symbol and Wingdings fonts.
const GLYPHS: &[char] = &[
    '•', '●', '◦', '○', '▪', '■', '□', '▫', '◆', '◇', '♦', '➢', '➤', '►', '▶', '✓', '✔', '·', '∙',
    '-', '−', '–', '—', '*', 'o', '\u{f0b7}', '\u{f0a7}', '\u{f076}', '\u{f0d8}', '\u{f0fc}',
];

/// Splits `text` (already trimmed) into a bullet glyph and its text.
fn bullet(text: &str) -> Option<(char, String)> {
    let mut chars = text.chars();
    let glyph = chars.next()?;
    if !GLYPHS.contains(&glyph) {
        return None;
    }
    let rest = chars.as_str();
    // "o" and the dashes are bullets only when a space follows: "-menes",
    // "->" and "og" are text.
    let spaced = rest.starts_with(char::is_whitespace);
    let loose = matches!(
        glyph,
        '•' | '●' | '▪' | '■' | '➢' | '➤' | '►' | '▶' | '✓' | '✔'
    ) || ('\u{f000}'..='\u{f0ff}').contains(&glyph);
    if !(spaced || rest.trim().is_empty() || loose && !rest.is_empty()) {
        return None;
    }
    if glyph == 'o' && rest.trim().is_empty() {
        return None;
    }
    if matches!(glyph, '-' | '*' | '·') && rest.trim().is_empty() {
        return None;
    }
    Some((glyph, rest.trim().to_string()))
}

fn numbered(text: &str) -> Option<(u32, String)> {
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    let rest = &text[digits.len()..];
    let rest = rest.strip_prefix('.').or_else(|| rest.strip_prefix(')'))?;
    if !rest.starts_with(char::is_whitespace) || rest.trim().is_empty() {
        return None;
    }
    Some((digits.parse().ok()?, rest.trim().to_string()))
}

fn lettered(text: &str) -> Option<(char, String)> {
    let mut chars = text.chars();
    let letter = chars.next()?;
    if !letter.is_lowercase() || !letter.is_alphabetic() {
        return None;
    }
    let rest = chars.as_str().strip_prefix(')')?;
    if !rest.starts_with(char::is_whitespace) || rest.trim().is_empty() {
        return None;
    }
    Some((letter, rest.trim().to_string()))
}

fn is_url(text: &str) -> bool {
    (text.starts_with("http://") || text.starts_with("https://") || text.starts_with("www."))
        && !text.contains(char::is_whitespace)
}

fn is_page_number(text: &str) -> bool {
    let t = text.to_lowercase();
    if !t.is_empty() && t.len() <= 3 && t.chars().all(|c| c.is_ascii_digit()) {
        return true;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    matches!(words.as_slice(), ["side" | "page", n] if n.chars().all(|c| c.is_ascii_digit()))
        || matches!(words.as_slice(), ["side" | "page", n, "av" | "of", m]
            if n.chars().all(|c| c.is_ascii_digit()) && m.chars().all(|c| c.is_ascii_digit()))
}

/// Classifies every line of `raw` (line `i` is number `i + 1`). `bold` marks
/// lines known to be bold throughout.
pub(crate) fn classify(raw: &[(usize, String, bool)]) -> Vec<Line> {
    let split = split_glued_cases(raw);
    let raw = &split[..];
    let furniture = page_furniture(raw);
    // A running header repeats the document's first line on every page.
    let first = raw
        .iter()
        .map(|(_, l, _)| collapse(l))
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    let first_count = raw.iter().filter(|(_, l, _)| collapse(l) == first).count();
    // Extracted text usually keeps the space where a line was wrapped; a
    // line that ends with a hyphen and no space then broke inside a word.
    let printed: Vec<&String> = raw
        .iter()
        .map(|(_, l, _)| l)
        .filter(|l| !l.trim().is_empty())
        .collect();
    let wraps_spaced = printed
        .iter()
        .filter(|l| l.ends_with(char::is_whitespace))
        .count()
        * 2
        >= printed.len().max(1);
    let mut lines: Vec<Line> = raw
        .iter()
        .enumerate()
        .map(|(i, (no, line, bold))| {
            let text = line.trim().to_string();
            let kind = if text.is_empty() {
                LineKind::Blank
            } else if is_page_number(&text) {
                LineKind::Noise("page number")
            } else if first_count >= 2 && i > 0 && collapse(&text) == first {
                LineKind::Noise("repeated page header")
            } else if let Some(why) = furniture[i] {
                LineKind::Noise(why)
            } else if is_url(&text) {
                LineKind::Url
            } else if let Some((g, t)) = bullet(&text) {
                LineKind::Bullet(g, t)
            } else if let Some((n, t)) = numbered(&text) {
                LineKind::Numbered(n, t)
            } else if let Some((l, t)) = lettered(&text) {
                LineKind::Lettered(l, t)
            } else {
                LineKind::Text
            };
            let spaced_dash = text.ends_with('-')
                && (!wraps_spaced || line.trim_start().ends_with(char::is_whitespace));
            Line {
                no: *no,
                text,
                kind,
                bold: *bold,
                spaced_dash,
            }
        })
        .collect();
    join_split_urls(&mut lines);
    lines
}

/// A web address cut after a hyphen ("…/evaluering-av-strategi-for-a-oke-" /
/// "helsekompetansen-i-befolkningen") is one address: the rest is joined
/// to it without a space and its own line is accounted for as such.
fn join_split_urls(lines: &mut [Line]) {
    for k in 1..lines.len() {
        let (head, tail) = lines.split_at_mut(k);
        let prev = &mut head[k - 1];
        let next = &mut tail[0];
        let rest = next.text.as_str();
        let continues = prev.kind == LineKind::Url
            && prev.text.ends_with(['-', '/', '_', '.'])
            && next.kind == LineKind::Text
            && !rest.contains(char::is_whitespace)
            && rest.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit());
        if continues {
            prev.text.push_str(rest);
            next.kind = LineKind::Noise("the rest of the web address on the line above");
        }
    }
}

/// Splits a line that has a case heading glued to its end (a page break
/// lost in extraction: "• … ansvaret Sak 07/25 – Drøftingssak: …") in two;
/// both parts keep the line's number. The heading must print a title after
/// a kind, a dash or a colon, and its number must be printed on another
/// line too (the agenda), or name a kind, so that "i sak 12/24" in running
/// text is never taken.
fn split_glued_cases(raw: &[(usize, String, bool)]) -> Vec<(usize, String, bool)> {
    let mut out = Vec::with_capacity(raw.len());
    for (k, (no, line, bold)) in raw.iter().enumerate() {
        let mut cut = None;
        for (at, _) in line.match_indices(" Sak ") {
            let head = line[..at].trim();
            let rest = &line[at + 1..];
            // A timed agenda line or a short label before "Sak" is no glue.
            let words = head
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphabetic))
                .count();
            if words < 3 || head.ends_with(':') || super::text::leading_time(line.trim()).is_some()
            {
                continue;
            }
            let Some((number, kind, title)) = super::text::case_line(rest, &|_| false) else {
                continue;
            };
            let after = rest[3..].trim_start()[number.len()..].trim_start();
            let marked = kind.is_some() || after.starts_with(['–', '-', '—', ':']);
            if title.is_empty() || !marked {
                continue;
            }
            let elsewhere = raw.iter().enumerate().any(|(j, (_, other, _))| {
                j != k && other.contains(&number) && !other.trim_start().starts_with(['•', '-'])
            });
            if kind.is_some() || elsewhere {
                cut = Some(at);
                break;
            }
        }
        match cut {
            Some(at) => {
                out.push((*no, line[..at].to_string(), *bold));
                out.push((*no, line[at + 1..].to_string(), *bold));
            }
            None => out.push((*no, line.clone(), *bold)),
        }
    }
    out
}

/// Page furniture other than page numbers: a line printed again and again
/// beside the page numbers (a running header or footer such as "<Council> –
/// Referat 1/2025"), and a line that stands alone between two page numbers
/// (a footer on a page of its own). Found by position and repetition, never
/// by wording.
fn page_furniture(raw: &[(usize, String, bool)]) -> Vec<Option<&'static str>> {
    let texts: Vec<String> = raw.iter().map(|(_, l, _)| collapse(l)).collect();
    let filled: Vec<usize> = (0..texts.len()).filter(|&i| !texts[i].is_empty()).collect();
    let page = |i: usize| is_page_number(&texts[i]);
    let mut out = vec![None; texts.len()];
    let mut near: HashMap<&str, Vec<usize>> = HashMap::new();
    for (k, &i) in filled.iter().enumerate() {
        // One word ("Avbud") is a table cell, not a running header.
        if page(i) || texts[i].split_whitespace().count() < 2 {
            continue;
        }
        let lo = k.saturating_sub(2);
        let hi = (k + 2).min(filled.len() - 1);
        let beside = (lo..=hi).any(|m| m != k && page(filled[m]));
        if beside {
            near.entry(texts[i].as_str()).or_default().push(i);
        }
        let alone = k > 0 && k + 1 < filled.len() && page(filled[k - 1]) && page(filled[k + 1]);
        if alone {
            out[i] = Some("page footer");
        }
    }
    for (_, at) in near {
        if at.len() >= 2 {
            for i in at {
                out[i] = Some("repeated page header or footer");
            }
        }
    }
    out
}

/// "… i det tidligere Sør-": a word cut at its hyphen, so the line goes on
/// (not "2024-", not " - ").
fn ends_in_compound_hyphen(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with('-')
        && t.chars().rev().nth(1).is_some_and(char::is_alphabetic)
        && !t.ends_with(" -")
        && !super::lines::is_url(t.split_whitespace().last().unwrap_or(""))
}

/// A line that can only go on from the one before: it starts in lower case,
/// with an arrow or an opening bracket.
fn starts_continuation(text: &str) -> bool {
    let first = text.chars().next().unwrap_or(' ');
    first.is_lowercase()
        || matches!(first, '(' | '→' | '&' | '+' | '§' | '%' | '/')
        || text.starts_with("->")
}

/// The measure of a full line, to tell wrapped lines from short ones: the
/// 95th percentile of the lengths of the longer lines.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Measure {
    width: usize,
}

impl Measure {
    /// Measures the lines of one document.
    pub(crate) fn of(lines: &[Line]) -> Measure {
        let mut lengths: Vec<usize> = lines
            .iter()
            .filter(|l| !matches!(l.kind, LineKind::Url | LineKind::Blank | LineKind::Noise(_)))
            .map(|l| l.text.chars().count())
            .filter(|n| *n >= 20)
            .collect();
        lengths.sort_unstable();
        // Extracted pages are wider than 80 characters; a measure taken from
        // a few short lines would make every line look full.
        let width = if lengths.is_empty() {
            80
        } else {
            lengths[(lengths.len() * 95 / 100).min(lengths.len() - 1)].max(80)
        };
        Measure { width }
    }

    /// A measure for sources without wrapping (a Word document's paragraphs):
    /// nothing ever continues on the next line.
    pub(crate) fn unwrapped() -> Measure {
        Measure { width: usize::MAX }
    }

    /// True when `prev` ended because the first word of `next` did not fit:
    /// `next` continues it. A line starting in lower case, or with an arrow
    /// or a bracket, continues whatever came before it.
    pub(crate) fn continues(&self, prev: &Line, next: &Line) -> bool {
        if starts_continuation(&next.text) || ends_in_compound_hyphen(&prev.text) {
            return true;
        }
        if self.width == usize::MAX {
            return false;
        }
        self.fills(prev, next)
    }

    /// True when `next` starts in lower case or with an arrow or bracket, or
    /// `prev` was full; a line after two or more blank lines continues only
    /// in the first case (the blank lines ended a block).
    pub(crate) fn continues_after(&self, prev: &Line, next: &Line, blanks: usize) -> bool {
        if blanks < 2 {
            self.continues(prev, next)
        } else {
            starts_continuation(&next.text)
        }
    }

    fn fills(&self, prev: &Line, next: &Line) -> bool {
        let text = next.text.as_str();
        let word = text.split_whitespace().next().unwrap_or("").chars().count();
        let prev_len = prev.text.chars().count();
        (prev_len + 1 + word) * 100 >= self.width * 85
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(lines: &[&str]) -> Vec<LineKind> {
        let raw: Vec<(usize, String, bool)> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| (i + 1, l.to_string(), false))
            .collect();
        classify(&raw).into_iter().map(|l| l.kind).collect()
    }

    #[test]
    fn glyphs_numbers_and_arrows() {
        assert_eq!(
            kinds(&[
                "• Et punkt",
                " o Under",
                "- Strek",
                "-menes det",
                "-> pil",
                "→ pil",
                "▪ Firkant",
                "12. Nummer",
                "10.05: Aktuelt",
                "b) bokstav",
                "og så videre",
                "https://example.org/a%20b",
                "7",
                "",
            ]),
            [
                LineKind::Bullet('•', "Et punkt".into()),
                LineKind::Bullet('o', "Under".into()),
                LineKind::Bullet('-', "Strek".into()),
                LineKind::Text,
                LineKind::Text,
                LineKind::Text,
                LineKind::Bullet('▪', "Firkant".into()),
                LineKind::Numbered(12, "Nummer".into()),
                LineKind::Text,
                LineKind::Lettered('b', "bokstav".into()),
                LineKind::Text,
                LineKind::Url,
                LineKind::Noise("page number"),
                LineKind::Blank,
            ]
        );
    }

    #[test]
    fn a_line_continues_when_the_next_word_would_not_fit() {
        let long = "x".repeat(95);
        let raw: Vec<(usize, String, bool)> = [
            long.as_str(),
            "Fortsetter her",
            "Kort linje",
            "Ny setning",
            "fortsetter med liten bokstav",
        ]
        .iter()
        .enumerate()
        .map(|(i, l)| (i + 1, l.to_string(), false))
        .collect();
        let lines = classify(&raw);
        let m = Measure::of(&lines);
        assert!(m.continues(&lines[0], &lines[1]));
        assert!(!m.continues(&lines[2], &lines[3]));
        assert!(m.continues(&lines[3], &lines[4]));
    }

    fn texts(lines: &[&str]) -> Vec<(usize, String, LineKind)> {
        let raw: Vec<(usize, String, bool)> = lines
            .iter()
            .enumerate()
            .map(|(i, l)| (i + 1, l.to_string(), false))
            .collect();
        classify(&raw)
            .into_iter()
            .map(|l| (l.no, l.text, l.kind))
            .collect()
    }

    #[test]
    fn a_case_heading_glued_to_a_line_is_split_off() {
        let lines = texts(&[
            "09:00 Sak 3/26 – Årsplan",
            "• Vi ber om svar før fristen Sak 3/26 – Årsplan for",
            "neste år",
            "Behandlet tidligere i sak 2/25 – se vedlegg",
            "Tidligere behandling: Sak 1/25 – Budsjett",
        ]);
        let parts: Vec<(usize, &str)> = lines.iter().map(|(n, t, _)| (*n, t.as_str())).collect();
        assert_eq!(
            parts,
            [
                (1, "09:00 Sak 3/26 – Årsplan"),
                (2, "• Vi ber om svar før fristen"),
                (2, "Sak 3/26 – Årsplan for"),
                (3, "neste år"),
                (4, "Behandlet tidligere i sak 2/25 – se vedlegg"),
                (5, "Tidligere behandling: Sak 1/25 – Budsjett"),
            ]
        );
    }

    #[test]
    fn lines_repeated_beside_page_numbers_are_furniture() {
        let lines = texts(&[
            "Rådet for eldre – Referat 4/2026",
            "Tekst",
            "Rådet for eldre – møtereferat",
            "Side 1 av 3",
            "Mer tekst",
            "Avbud",
            "Avbud",
            "Rådet for eldre – møtereferat",
            "Side 2 av 3",
            "Kommunen, Gata 1 – www.example.org",
            "Side 3 av 3",
        ]);
        let kinds: Vec<&LineKind> = lines.iter().map(|(_, _, k)| k).collect();
        let header = LineKind::Noise("repeated page header or footer");
        assert_eq!(kinds[2], &header);
        assert_eq!(kinds[7], &header);
        assert_eq!(kinds[1], &LineKind::Text);
        // One word beside a page number twice is a table cell.
        assert_eq!(kinds[5], &LineKind::Text);
        assert_eq!(kinds[6], &LineKind::Text);
        // Alone between two page numbers: a footer on a page of its own.
        assert_eq!(kinds[9], &LineKind::Noise("page footer"));
    }

    #[test]
    fn a_web_address_cut_after_a_hyphen_is_joined() {
        let lines = texts(&["https://example.org/a-long-", "path-here", "Neste linje"]);
        assert_eq!(lines[0].1, "https://example.org/a-long-path-here");
        assert!(matches!(lines[1].2, LineKind::Noise(_)));
        assert_eq!(lines[2].2, LineKind::Text);
    }
}
