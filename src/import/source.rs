//! Reads a source into lines: plain text (UTF-8, or UTF-16 with a byte-order
//! mark) as it was extracted from a PDF, or a Word document (`.docx`), whose
//! paragraphs become lines with what the text would lose made explicit: list
//! levels as bullet glyphs, numbered lists as numbers, table rows as cells
//! separated by two spaces, and whether a paragraph is bold throughout.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::ImportError;

/// A source read into lines.
#[derive(Debug, Clone)]
pub(crate) struct Source {
    /// Each line's number, its text, and whether it is bold throughout. A
    /// page break inside a line (a form feed) splits it; both parts keep the
    /// line's number.
    pub lines: Vec<(usize, String, bool)>,
    /// Lines were wrapped by a layout (text from a PDF); a Word document's
    /// paragraphs are not.
    pub wrapped: bool,
}

/// Reads `path`.
pub(crate) fn read(path: &Path) -> Result<Source, ImportError> {
    let bytes = std::fs::read(path).map_err(|e| ImportError::Read {
        path: path.to_path_buf(),
        source: e,
    })?;
    let empty = || ImportError::Empty {
        path: path.to_path_buf(),
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(empty());
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return docx(path, &bytes);
    }
    let text = decode(path, &bytes)?;
    if text.trim().is_empty() {
        return Err(empty());
    }
    Ok(Source {
        lines: text
            .lines()
            .enumerate()
            .flat_map(|(i, l)| {
                l.trim_end_matches('\r')
                    .split('\u{0C}')
                    .map(move |part| (i + 1, part.to_string(), false))
            })
            .collect(),
        wrapped: true,
    })
}

/// Text from bytes: UTF-8 (a byte-order mark is dropped) or UTF-16 with a
/// byte-order mark; anything else is refused with the line it fails on.
fn decode(path: &Path, bytes: &[u8]) -> Result<String, ImportError> {
    let utf16 = |le: bool| -> Result<String, ImportError> {
        let body = &bytes[2..];
        if body.len() % 2 != 0 {
            return Err(ImportError::Encoding {
                path: path.to_path_buf(),
                detail: "UTF-16 text with an odd number of bytes".into(),
            });
        }
        let units = body.chunks_exact(2).map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .map_err(|_| ImportError::Encoding {
                path: path.to_path_buf(),
                detail: "UTF-16 text with an unpaired surrogate".into(),
            })
    };
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return utf16(true);
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return utf16(false);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|b| **b == 0 || (**b < 0x20 && !matches!(**b, b'\n' | b'\r' | b'\t' | 0x0C)))
        .count();
    if head.contains(&0) || controls * 20 > head.len() {
        return Err(ImportError::Binary {
            path: path.to_path_buf(),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|b| **b == b'\n').count() + 1;
            Err(ImportError::Encoding {
                path: path.to_path_buf(),
                detail: format!("invalid UTF-8 on line {line} (byte {})", e.valid_up_to()),
            })
        }
    }
}

fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

/// The list formats of `word/numbering.xml`: (numId, level) → format.
fn numbering(xml: &str) -> HashMap<(String, u32), String> {
    let mut abstract_fmt: HashMap<(String, u32), String> = HashMap::new();
    let mut num_to_abstract: HashMap<String, String> = HashMap::new();
    let mut reader = Reader::from_str(xml);
    let (mut abs, mut lvl, mut num): (Option<String>, Option<u32>, Option<String>) =
        (None, None, None);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.name().as_ref() {
                b"w:abstractNum" => abs = attr(&e, b"w:abstractNumId"),
                b"w:lvl" => lvl = attr(&e, b"w:ilvl").and_then(|v| v.parse().ok()),
                b"w:numFmt" => {
                    if let (Some(a), Some(l), Some(v)) = (&abs, lvl, attr(&e, b"w:val")) {
                        abstract_fmt.insert((a.clone(), l), v);
                    }
                }
                b"w:num" => num = attr(&e, b"w:numId"),
                b"w:abstractNumId" => {
                    if let (Some(n), Some(v)) = (&num, attr(&e, b"w:val")) {
                        num_to_abstract.insert(n.clone(), v);
                    }
                }
                _ => {}
            },
            Ok(Event::End(e)) => match e.name().as_ref() {
                b"w:abstractNum" => abs = None,
                b"w:num" => num = None,
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    let mut out = HashMap::new();
    for (n, a) in num_to_abstract {
        for ((aid, l), f) in &abstract_fmt {
            if *aid == a {
                out.insert((n.clone(), *l), f.clone());
            }
        }
    }
    out
}

fn zip_text(
    archive: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
) -> Option<Result<String, String>> {
    const LIMIT: u64 = 64 * 1024 * 1024;
    let file = archive.by_name(name).ok()?;
    // A document part is XML text; a part far larger than any set of minutes
    // (or one that inflates beyond what it declares) is refused.
    if file.size() > LIMIT {
        return Some(Err(format!("{name} is too large")));
    }
    let mut bytes = Vec::new();
    if let Err(e) = file.take(LIMIT + 1).read_to_end(&mut bytes) {
        return Some(Err(e.to_string()));
    }
    if bytes.len() as u64 > LIMIT {
        return Some(Err(format!("{name} is too large")));
    }
    Some(String::from_utf8(bytes).map_err(|_| format!("{name} is not UTF-8 XML")))
}

/// Paragraphs of a Word document as lines.
fn docx(path: &Path, bytes: &[u8]) -> Result<Source, ImportError> {
    let bad = |message: String| ImportError::Docx {
        path: path.to_path_buf(),
        message,
    };
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| bad(e.to_string()))?;
    let document = match zip_text(&mut archive, "word/document.xml") {
        Some(Ok(t)) => t,
        Some(Err(e)) => return Err(bad(e)),
        None => {
            return Err(ImportError::NotDocx {
                path: path.to_path_buf(),
            })
        }
    };
    let formats = match zip_text(&mut archive, "word/numbering.xml") {
        Some(Ok(t)) => numbering(&t),
        _ => HashMap::new(),
    };
    let lines: Vec<(usize, String, bool)> = paragraphs(&document, &formats)
        .map_err(bad)?
        .into_iter()
        .enumerate()
        .map(|(i, (l, b))| (i + 1, l, b))
        .collect();
    if lines.iter().all(|(_, l, _)| l.trim().is_empty()) {
        return Err(ImportError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(Source {
        lines,
        wrapped: false,
    })
}

/// Glyphs for bullet levels, as Word prints them.
const LEVEL_GLYPHS: [&str; 3] = ["•", "o", "▪"];

#[derive(Default)]
struct Paragraph {
    text: String,
    bold_chars: usize,
    plain_chars: usize,
    num: Option<String>,
    level: u32,
}

fn paragraphs(
    xml: &str,
    formats: &HashMap<(String, u32), String>,
) -> Result<Vec<(String, bool)>, String> {
    let mut reader = Reader::from_str(xml);
    let mut out: Vec<(String, bool)> = Vec::new();
    let mut para: Option<Paragraph> = None;
    let mut run_bold = false;
    let mut in_rpr = false;
    let mut in_text = false;
    let mut counters: HashMap<(String, u32), u32> = HashMap::new();
    // Table rows: the cells' texts, each cell's paragraphs joined.
    let mut row: Option<Vec<String>> = None;
    let mut cell: Option<String> = None;
    let mut depth = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| format!("word/document.xml: {e}"))?;
        let event_kind = if matches!(event, Event::Empty(_)) {
            Kind::Empty
        } else {
            Kind::Other
        };
        match event {
            Event::Start(e) | Event::Empty(e) => {
                let empty = matches!(event_kind, Kind::Empty);
                if !empty {
                    depth += 1;
                    if depth > 512 {
                        return Err("word/document.xml is nested too deeply".into());
                    }
                }
                match e.name().as_ref() {
                    b"w:p" if empty && cell.is_none() => out.push((String::new(), false)),
                    b"w:p" if empty => {}
                    b"w:p" => para = Some(Paragraph::default()),
                    b"w:r" => run_bold = false,
                    b"w:rPr" => in_rpr = true,
                    b"w:b" if in_rpr => {
                        run_bold = !matches!(attr(&e, b"w:val").as_deref(), Some("0" | "false"));
                    }
                    b"w:numId" => {
                        if let Some(p) = para.as_mut() {
                            p.num = attr(&e, b"w:val").filter(|v| v != "0");
                        }
                    }
                    b"w:ilvl" => {
                        if let Some(p) = para.as_mut() {
                            p.level = attr(&e, b"w:val").and_then(|v| v.parse().ok()).unwrap_or(0);
                        }
                    }
                    b"w:t" => in_text = true,
                    b"w:tab" => {
                        if let Some(p) = para.as_mut() {
                            p.text.push(' ');
                        }
                    }
                    b"w:br" => {
                        if let Some(p) = para.as_mut() {
                            p.text.push(' ');
                        }
                    }
                    b"w:tr" => row = Some(Vec::new()),
                    b"w:tc" => cell = Some(String::new()),
                    _ => {}
                }
            }
            Event::Text(t) if in_text => {
                let s = t.decode().map_err(|e| e.to_string())?.into_owned();
                if let Some(p) = para.as_mut() {
                    let n = s.chars().filter(|c| !c.is_whitespace()).count();
                    if run_bold {
                        p.bold_chars += n;
                    } else {
                        p.plain_chars += n;
                    }
                    p.text.push_str(&s);
                }
            }
            Event::GeneralRef(r) if in_text => {
                let name = r.decode().map_err(|e| e.to_string())?;
                let s = quick_xml::escape::unescape(&format!("&{name};"))
                    .map_err(|e| e.to_string())?
                    .into_owned();
                if let Some(p) = para.as_mut() {
                    p.text.push_str(&s);
                    if run_bold {
                        p.bold_chars += 1;
                    } else {
                        p.plain_chars += 1;
                    }
                }
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                match e.name().as_ref() {
                    b"w:t" => in_text = false,
                    b"w:rPr" => in_rpr = false,
                    b"w:p" => {
                        let Some(p) = para.take() else { continue };
                        let text = super::lines::collapse(&p.text);
                        if let Some(c) = cell.as_mut() {
                            if !text.is_empty() {
                                if !c.is_empty() {
                                    c.push(' ');
                                }
                                c.push_str(&text);
                            }
                            continue;
                        }
                        let bold = p.bold_chars > 0 && p.plain_chars == 0;
                        let line = match &p.num {
                            Some(num) if !text.is_empty() => {
                                let fmt = formats
                                    .get(&(num.clone(), p.level))
                                    .map(String::as_str)
                                    .unwrap_or("bullet");
                                counters.retain(|(n, l), _| n != num || *l <= p.level);
                                let count = counters.entry((num.clone(), p.level)).or_insert(0);
                                *count += 1;
                                match fmt {
                                    "decimal" => format!("{count}. {text}"),
                                    "lowerLetter" => {
                                        let letter = char::from(b'a' + ((*count - 1) % 26) as u8);
                                        format!("{letter}) {text}")
                                    }
                                    _ => {
                                        let glyph =
                                            LEVEL_GLYPHS[(p.level as usize) % LEVEL_GLYPHS.len()];
                                        format!("{glyph} {text}")
                                    }
                                }
                            }
                            _ => text,
                        };
                        out.push((line, bold));
                    }
                    b"w:tc" => {
                        if let (Some(r), Some(c)) = (row.as_mut(), cell.take()) {
                            r.push(c);
                        }
                    }
                    b"w:tr" => {
                        if let Some(r) = row.take() {
                            let cells: Vec<String> =
                                r.into_iter().filter(|c| !c.is_empty()).collect();
                            out.push((cells.join("  "), false));
                        }
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

#[derive(Clone, Copy)]
enum Kind {
    Empty,
    Other,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_bytes(bytes: &[u8]) -> Result<Source, ImportError> {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("referat.txt");
        std::fs::write(&path, bytes).expect("write");
        read(&path)
    }

    #[test]
    fn a_page_break_inside_a_line_splits_it_and_both_keep_its_number() {
        let source =
            read_bytes("\u{feff}siste punkt\u{0C}Sak 08/24\r\nneste".as_bytes()).expect("read");
        let lines: Vec<(usize, &str)> = source
            .lines
            .iter()
            .map(|(n, l, _)| (*n, l.as_str()))
            .collect();
        assert_eq!(lines, [(1, "siste punkt"), (1, "Sak 08/24"), (2, "neste")]);
        assert!(source.wrapped);
    }

    #[test]
    fn utf16_big_endian_is_read_and_stray_bytes_are_refused() {
        let mut be = vec![0xFE, 0xFF];
        for u in "Møte".encode_utf16() {
            be.extend(u.to_be_bytes());
        }
        let source = read_bytes(&be).expect("read");
        assert_eq!(source.lines[0].1, "Møte");
        assert!(matches!(
            read_bytes(b"abc\xffdef"),
            Err(ImportError::Encoding { .. })
        ));
        assert!(matches!(
            read_bytes(b"\x00\x01\x02\x03"),
            Err(ImportError::Binary { .. })
        ));
    }
}
