//! A section's lines read into blocks: paragraphs joined from wrapped
//! lines (told from short ones by the measured width, double spacing
//! allowed for), bullets of any glyph and their nesting, numbered and
//! lettered input, question groups and sub-headings.

use super::regroup::{is_numbered_question, opens_question};
use super::{ends_sentence, word_count, Block, Item, Kind, Section};
use crate::import::lines::{collapse, Line, LineKind, Measure};
use crate::import::text;

/// Parses a section's lines into blocks.
pub(super) fn parse_section(s: &mut Section, measure: Measure) {
    let raw = std::mem::take(&mut s.raw);
    let mut p = Parser {
        measure,
        blocks: Vec::new(),
        noise: Vec::new(),
        links: (Vec::new(), Vec::new()),
        input: s.kind == Kind::Input,
        double_spaced: double_spaced(&raw),
        run: None,
        spaced_dash: raw.iter().filter(|l| l.spaced_dash).map(|l| l.no).collect(),
    };
    p.run(&raw);
    s.blocks = p.blocks;
    if !p.links.0.is_empty() {
        s.blocks.push(Block::Links {
            urls: p.links.0,
            lines: p.links.1,
        });
    }
    s.noise = p.noise;
}

struct Parser {
    measure: Measure,
    blocks: Vec<Block>,
    noise: Vec<(usize, &'static str)>,
    links: (Vec<String>, Vec<usize>),
    input: bool,
    /// Blank lines stand between most lines, so one says nothing.
    double_spaced: bool,
    /// The last run of text lines measured in an input section: its start,
    /// end and last question.
    run: Option<(usize, usize, Option<usize>)>,
    /// The numbers of the lines printed with a space after a final hyphen.
    spaced_dash: Vec<usize>,
}

/// True when at least half of the steps from one line of text to the next
/// cross a blank line: a blank line is then no sign of a new paragraph.
fn double_spaced(raw: &[Line]) -> bool {
    let (mut steps, mut gaps) = (0usize, 0usize);
    let mut blank = false;
    let mut seen = false;
    for l in raw {
        if l.is_empty() {
            blank = true;
            continue;
        }
        if l.kind == LineKind::Url {
            continue;
        }
        if seen {
            steps += 1;
            gaps += usize::from(blank);
        }
        seen = true;
        blank = false;
    }
    steps > 0 && gaps * 2 >= steps
}

/// The deepest last item of a list.
fn last_item(items: &mut [Item]) -> Option<&mut Item> {
    let last = items.last_mut()?;
    if last.children.is_empty() {
        Some(last)
    } else {
        let has = !last.children.is_empty();
        if has {
            last_item(&mut last.children)
        } else {
            Some(last)
        }
    }
}

fn depth_of_last(items: &[Item]) -> Option<usize> {
    let last = items.last()?;
    Some(match depth_of_last(&last.children) {
        Some(d) => d + 1,
        None => 0,
    })
}

/// The glyph that stands for "a)", "b)" among the bullets of an input list.
const LETTERED: char = ')';

/// Adds `item` at `level` (clamped to one below the last item).
fn push_at(items: &mut Vec<Item>, level: usize, item: Item) {
    if level == 0 || items.is_empty() {
        items.push(item);
        return;
    }
    let last = items.last_mut().expect("not empty");
    push_at(&mut last.children, level - 1, item);
}

impl Parser {
    fn run(&mut self, raw: &[Line]) {
        let mut glyphs: Vec<char> = Vec::new();
        let mut prev: Option<&Line> = None;
        let mut blanks = 0;
        let mut k = 0;
        while k < raw.len() {
            let line = &raw[k];
            match &line.kind {
                LineKind::Blank => {
                    self.noise.push((line.no, "blank line"));
                    blanks += 1;
                    k += 1;
                    continue;
                }
                LineKind::Noise(why) => {
                    // A page number or running header between two lines
                    // says nothing about whether the text goes on.
                    self.noise.push((line.no, why));
                    k += 1;
                    continue;
                }
                LineKind::Url => {
                    // "… se" / address / "og ønsker …": the sentence goes on
                    // after the address, so it stays where it was printed.
                    let next = raw[k + 1..].iter().find(|l| !l.is_empty());
                    let mid = blanks == 0
                        && next.is_some_and(|n| {
                            n.kind == LineKind::Text && n.text.starts_with(char::is_lowercase)
                        });
                    if let (true, Some(Block::Paragraph { text, lines })) =
                        (mid, self.blocks.last_mut())
                    {
                        if !ends_sentence(text) && !text.ends_with(':') {
                            let spaced = prev.is_some_and(|p| p.spaced_dash);
                            text::join_after(text, &line.text, spaced);
                            lines.push(line.no);
                            prev = Some(line);
                            k += 1;
                            continue;
                        }
                    }
                    self.links.0.push(line.text.clone());
                    self.links.1.push(line.no);
                    k += 1;
                    continue;
                }
                LineKind::Bullet(_, t) if t.is_empty() => {
                    self.noise.push((line.no, "an empty bullet"));
                    k += 1;
                    continue;
                }
                LineKind::Bullet(g, t) => {
                    // A dash that opens a line right after a full one, in a
                    // list that does not use it as a bullet, is the text
                    // going on ("… forebygging" / "– vi vet …").
                    let dash = matches!(g, '–' | '—' | '-' | '−') && !glyphs.contains(g);
                    let cont = dash && prev.is_some_and(|p| self.continues(p, line, blanks));
                    if !(cont && self.append(line)) {
                        self.bullet(*g, t, line, &mut glyphs);
                    }
                }
                LineKind::Numbered(n, t) => {
                    let next_in_list = matches!(self.blocks.last(), Some(Block::List { ordered: true, items }) if items.len() + 1 == *n as usize);
                    let cont = prev.is_some_and(|p| self.continues(p, line, blanks))
                        && prev.is_some_and(|p| !p.text.ends_with([':', '.']))
                        && !next_in_list;
                    if cont && self.append(line) {
                    } else if self.input {
                        // A numbered question groups the items after it.
                        let (question, lines, next) = self.gather(raw, k, t);
                        if text::is_question(&question) {
                            self.blocks.push(Block::Group {
                                question: text::sentence_case(&question),
                                lines,
                            });
                            glyphs.clear();
                            prev = raw[..next].iter().rev().find(|l| !l.is_empty());
                            blanks = 0;
                            k = next;
                            continue;
                        }
                        self.bullet('#', t, line, &mut glyphs);
                    } else {
                        self.numbered(t, line);
                    }
                }
                LineKind::Lettered(_, t) if self.input => {
                    // "a) …" under a numbered item is a sub-item, even where
                    // its lower-case letter would read as a wrapped line.
                    self.bullet(LETTERED, t, line, &mut glyphs);
                }
                LineKind::Lettered(..) | LineKind::Text => {
                    let cont = prev.is_some_and(|p| self.continues(p, line, blanks))
                        && !(self.input
                            && (is_numbered_question(&line.text) || opens_question(prev, line)));
                    if cont && self.append(line) {
                    } else if self.input {
                        k = self.input_text(raw, k, &mut glyphs);
                        prev = raw[..k].iter().rev().find(|l| !l.is_empty());
                        blanks = 0;
                        continue;
                    } else if let LineKind::Lettered(..) = line.kind {
                        self.lettered(line);
                    } else if self.is_sub_heading(raw, k) {
                        let text = text::sentence_case(line.words().trim_end_matches(':').trim());
                        self.blocks.push(Block::SubHeading {
                            text,
                            lines: vec![line.no],
                        });
                    } else {
                        self.blocks.push(Block::Paragraph {
                            text: line.words(),
                            lines: vec![line.no],
                        });
                    }
                }
            }
            prev = Some(line);
            blanks = 0;
            k += 1;
        }
    }

    /// True when `line` goes on from `prev`, with `blanks` blank lines
    /// between them: in a single-spaced text one blank line ends a block.
    /// Items wrap across blank lines in any text; paragraphs only in a
    /// double-spaced one.
    fn continues(&self, prev: &Line, line: &Line, blanks: usize) -> bool {
        let paragraph = matches!(
            self.blocks.last(),
            Some(Block::Paragraph { .. } | Block::Lines { .. })
        );
        let blanks = if self.double_spaced || blanks == 0 || !paragraph {
            blanks
        } else {
            blanks + 1
        };
        self.measure.continues_after(prev, line, blanks)
    }

    /// Appends a wrapped line to the block or item it continues; false when
    /// there is nothing to continue.
    fn append(&mut self, line: &Line) -> bool {
        let words = line.words();
        let spaced = &self.spaced_dash;
        let after = |lines: &[usize]| lines.last().is_some_and(|n| spaced.contains(n));
        match self.blocks.last_mut() {
            Some(Block::Paragraph { text, lines }) => {
                text::join_after(text, &words, after(lines));
                lines.push(line.no);
                true
            }
            Some(Block::Lines { entries, lines }) => {
                if let Some(e) = entries.last_mut() {
                    text::join_after(e, &words, after(lines));
                }
                lines.push(line.no);
                true
            }
            Some(Block::List { items, .. }) | Some(Block::Items(items)) => match last_item(items) {
                Some(item) => {
                    text::join_after(&mut item.text, &words, after(&item.lines));
                    item.lines.push(line.no);
                    true
                }
                None => false,
            },
            Some(Block::Group { question, lines }) => {
                text::join_after(question, &words, after(lines));
                lines.push(line.no);
                true
            }
            _ => false,
        }
    }

    fn bullet(&mut self, glyph: char, t: &str, line: &Line, glyphs: &mut Vec<char>) {
        let item = Item {
            text: collapse(t),
            lines: vec![line.no],
            many: line.bold,
            ..Item::default()
        };
        let open = matches!(
            (self.blocks.last(), self.input),
            (Some(Block::Items(_)), true) | (Some(Block::List { ordered: false, .. }), false)
        );
        if !open {
            glyphs.clear();
            self.blocks.push(if self.input {
                Block::Items(Vec::new())
            } else {
                Block::List {
                    ordered: false,
                    items: Vec::new(),
                }
            });
        }
        let Some(Block::Items(items) | Block::List { items, .. }) = self.blocks.last_mut() else {
            return;
        };
        let depth = depth_of_last(items);
        let level = match glyphs.iter().position(|g| *g == glyph) {
            Some(l) => l,
            None => {
                let l = depth.map_or(0, |d| d + 1).min(glyphs.len());
                glyphs.truncate(l);
                glyphs.push(glyph);
                l
            }
        };
        let level = level.min(depth.map_or(0, |d| d + 1));
        push_at(items, level, item);
    }

    fn numbered(&mut self, t: &str, line: &Line) {
        let item = Item {
            text: collapse(t),
            lines: vec![line.no],
            ..Item::default()
        };
        if let Some(Block::List {
            ordered: true,
            items,
        }) = self.blocks.last_mut()
        {
            items.push(item);
        } else {
            self.blocks.push(Block::List {
                ordered: true,
                items: vec![item],
            });
        }
    }

    fn lettered(&mut self, line: &Line) {
        if let Some(Block::Lines { entries, lines }) = self.blocks.last_mut() {
            entries.push(line.words());
            lines.push(line.no);
        } else {
            self.blocks.push(Block::Lines {
                entries: vec![line.words()],
                lines: vec![line.no],
            });
        }
    }

    /// Joins `first` with the lines that continue it from `raw[k + 1]`;
    /// returns the text, its lines and the index after them.
    fn gather(&mut self, raw: &[Line], k: usize, first: &str) -> (String, Vec<usize>, usize) {
        let mut text = collapse(first);
        let mut lines = vec![raw[k].no];
        let mut j = k + 1;
        let mut last = k;
        while j < raw.len() {
            let l = &raw[j];
            if l.is_empty() {
                j += 1;
                continue;
            }
            if l.kind == LineKind::Text && self.measure.continues(&raw[last], l) {
                text::join_after(&mut text, &l.words(), raw[last].spaced_dash);
                lines.push(l.no);
                last = j;
                j += 1;
                continue;
            }
            break;
        }
        // Blank lines skipped at the end are noise.
        for l in &raw[last + 1..j] {
            self.noise.push((l.no, "blank line"));
        }
        (text, lines, j)
    }

    /// Text in an input section that does not continue the item above it:
    /// a question (which groups the items after it) with any explanation
    /// after it, an introduction, or an item whose bullet glyph was lost.
    fn input_text(&mut self, raw: &[Line], k: usize, glyphs: &mut Vec<char>) -> usize {
        // The run of text lines up to the next bullet, and its last question;
        // measured once per run, so a long run costs its length, not its square.
        let (end, last_question) = match self.run {
            Some((start, end, q)) if start <= k && k < end => (end, q.filter(|&q| q >= k)),
            _ => {
                let mut end = k;
                while end < raw.len()
                    && matches!(
                        raw[end].kind,
                        LineKind::Text
                            | LineKind::Lettered(..)
                            | LineKind::Blank
                            | LineKind::Noise(_)
                            | LineKind::Url
                    )
                {
                    end += 1;
                }
                let q = (k..end).rfind(|&j| {
                    matches!(raw[j].kind, LineKind::Text | LineKind::Lettered(..))
                        && text::is_question(&raw[j].text)
                });
                self.run = Some((k, end, q));
                (end, q)
            }
        };
        let question_end =
            last_question.or_else(|| is_numbered_question(&raw[k].text).then_some(k));
        let has_items = matches!(self.blocks.last(), Some(Block::Items(_)));
        if let Some(q) = question_end {
            let mut question = String::new();
            let mut lines = Vec::new();
            for l in &raw[k..=q] {
                match l.kind {
                    LineKind::Text | LineKind::Lettered(..) => {
                        let spaced = lines.last().is_some_and(|n| self.spaced_dash.contains(n));
                        text::join_after(&mut question, &l.words(), spaced);
                        lines.push(l.no);
                    }
                    LineKind::Url => {
                        self.links.0.push(l.text.clone());
                        self.links.1.push(l.no);
                    }
                    _ => self.noise.push((l.no, "blank line")),
                }
            }
            self.blocks.push(Block::Group {
                question: text::sentence_case(&question),
                lines,
            });
            glyphs.clear();
            // What follows the question, up to the first bullet, explains it.
            let mut prev: Option<&Line> = None;
            for (j, l) in raw.iter().enumerate().take(end).skip(q + 1) {
                if is_numbered_question(&l.text) {
                    // The next question starts its own group.
                    return j;
                }
                match l.kind {
                    LineKind::Blank | LineKind::Noise(_) => {
                        self.noise.push((l.no, "blank line"));
                        continue;
                    }
                    LineKind::Url => {
                        self.links.0.push(l.text.clone());
                        self.links.1.push(l.no);
                        continue;
                    }
                    LineKind::Lettered(..) => self.lettered(l),
                    _ => {
                        let cont = prev.is_some_and(|p| self.measure.continues(p, l));
                        if !(cont && self.append(l)) {
                            self.blocks.push(Block::Paragraph {
                                text: l.words(),
                                lines: vec![l.no],
                            });
                        }
                    }
                }
                prev = Some(l);
            }
            return end;
        }
        let line = &raw[k];
        if has_items {
            // No bullet, but the item above had ended: a new item whose glyph
            // the extraction lost, at the level of the item above.
            if let Some(Block::Items(items)) = self.blocks.last_mut() {
                let depth = depth_of_last(items).unwrap_or(0);
                let item = Item {
                    text: line.words(),
                    lines: vec![line.no],
                    many: line.bold,
                    note: Some(format!(
                        "line {} has no bullet glyph but does not continue the item above: imported as an item at the same level; check the nesting",
                        line.no
                    )),
                    ..Item::default()
                };
                push_at(items, depth, item);
            }
        } else {
            self.blocks.push(Block::Paragraph {
                text: line.words(),
                lines: vec![line.no],
            });
        }
        k + 1
    }

    /// A short line that heads the text after it: no sentence punctuation at
    /// its end, ten words at most; with a colon, eight at most and followed
    /// by text rather than a list.
    fn is_sub_heading(&self, raw: &[Line], k: usize) -> bool {
        let line = &raw[k];
        let words = line.words();
        if line.kind != LineKind::Text || ends_sentence(&words) {
            return false;
        }
        if !words.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
            return false;
        }
        // "1 Tildelingsbrev …": a footnote at the foot of a page, not a heading.
        let first = words.split_whitespace().next().unwrap_or("");
        if first.chars().all(|c| c.is_ascii_digit()) {
            return false;
        }
        let next = raw[k + 1..]
            .iter()
            .find(|l| !l.is_empty() && l.kind != LineKind::Url);
        let Some(next) = next else { return false };
        let last = words.split_whitespace().last().unwrap_or("").to_lowercase();
        if self.measure.continues(line, next)
            || [
                "og", "i", "for", "av", "til", "med", "om", "på", "fra", "som", "at", "en", "et",
                "de", "den", "det",
            ]
            .contains(&last.as_str())
        {
            return false;
        }
        let head = words.trim_end_matches(':');
        if text::sentence_case(head) != head && word_count(&words) <= 12 {
            // Printed in capitals: a heading whatever follows.
            return true;
        }
        if words.ends_with(':') {
            word_count(&words) <= 8 && next.kind == LineKind::Text
        } else {
            word_count(&words) <= 10
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::recognise_text;
    use super::*;

    /// The texts of the input items of the first case in `text`.
    fn input_items(text: &str) -> Vec<String> {
        let m = recognise_text(text);
        let input = m.cases[0].sections.iter().find(|s| s.kind == Kind::Input);
        match input.and_then(|s| s.blocks.first()) {
            Some(Block::Items(items)) => items.iter().map(|i| i.text.clone()).collect(),
            other => panic!("items: {other:?}"),
        }
    }

    #[test]
    fn a_word_broken_at_the_line_end_is_joined_and_a_dash_is_not() {
        // Extracted text keeps a space at a wrap: "svar- " has one.
        let text = [
            "Rådet #2/2026 – Referat",
            "Dato: 4. mai 2026",
            "Sak 3/26 Informasjon",
            "Innspill fra Rådet",
            "• Informasjonen må være lett tilgjenge-",
            "lig for alle som trenger den",
            "• Mange venter lenge på svar- ",
            "saksbehandlingen må bli raskere",
            "• Både helse- og",
            "omsorgstjenester og bruker-",
            "og pårørendeorganisasjoner",
        ]
        .map(|l| {
            if l.ends_with('-') {
                l.to_string()
            } else {
                format!("{l} ")
            }
        })
        .join("\n");
        assert_eq!(
            input_items(&text),
            [
                "Informasjonen må være lett tilgjengelig for alle som trenger den",
                "Mange venter lenge på svar- saksbehandlingen må bli raskere",
                "Både helse- og omsorgstjenester og bruker- og pårørendeorganisasjoner",
            ]
        );
        // No space at any line end: a broken word is not told from a dash.
        assert_eq!(
            input_items(&text.replace(" \n", "\n"))[0],
            "Informasjonen må være lett tilgjenge- lig for alle som trenger den"
        );
    }
}
