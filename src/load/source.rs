//! One text file of the site, normalised, with its front matter located.
//!
//! Everything later stages say about a file ("line 7: unknown organisation")
//! goes through [`SourceFile::line_col`], so byte offsets from TOML spans become
//! the line and column a person sees in their editor.

use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::error::{Diagnostic, DiagnosticKind};

/// The delimiter of TOML front matter, as in Zola.
const FENCE: &str = "+++";

/// A text file: its path relative to the site root and its text with
/// CRLF folded to LF and any byte-order mark removed.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, used in every message.
    pub path: PathBuf,
    /// The normalised text.
    pub text: String,
    /// Byte range of the front matter (without the fences); empty for a data file.
    pub front: Range<usize>,
    /// Byte range of the Markdown body.
    pub body: Range<usize>,
}

/// The byte order, when `bytes` are UTF-16: by its byte-order mark, or,
/// without one, by NUL bytes in every other place of the first line's worth
/// (what ASCII text looks like in UTF-16; UTF-8 text has no NUL bytes).
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some("little-endian, with a byte-order mark"),
        [0xFE, 0xFF, ..] => return Some("big-endian, with a byte-order mark"),
        _ => {}
    }
    let head = &bytes[..bytes.len().min(64) & !1];
    if head.len() < 4 {
        return None;
    }
    let zeros = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let half = head.len() / 2;
    match (zeros(0) == half, zeros(1) == half) {
        (false, true) => Some("little-endian, without a byte-order mark"),
        (true, false) => Some("big-endian, without a byte-order mark"),
        _ => None,
    }
}

impl SourceFile {
    /// Decodes `bytes` as UTF-8 and normalises line endings. A data file
    /// (`.toml`) has no front matter: all of it is "front".
    pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
        // UTF-16 of ASCII text is valid UTF-8 (with NUL bytes): told apart first.
        if let Some(order) = utf16(&bytes) {
            return Err(Diagnostic::error(
                DiagnosticKind::Utf16,
                path,
                format!("the file is UTF-16 ({order}), not UTF-8"),
            )
            .at(1, None)
            .hint("save the file with the UTF-8 encoding (in most editors: Save as, Encoding)"));
        }
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(err) => {
                let offset = err.utf8_error().valid_up_to();
                let valid = &err.as_bytes()[..offset];
                let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
                return Err(Diagnostic::error(
                    DiagnosticKind::NotUtf8,
                    path,
                    format!("the file is not valid UTF-8 (first bad byte at offset {offset})"),
                )
                .at(line, None)
                .hint(
                    "save the file with the UTF-8 encoding; a file with æ, ø or å that is not \
                     UTF-8 is most often Latin-1 or Windows-1252",
                ));
            }
        };
        // Pages may carry no control character but tab and line ends: a NUL
        // or an escape passed into the HTML and made the Atom feed invalid XML.
        if let Some((at, c)) = text
            .char_indices()
            .find(|(_, c)| c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r'))
        {
            let before = &text[..at];
            let line = before.matches(['\n', '\r']).count() - before.matches("\r\n").count() + 1;
            let column = before
                .rsplit(['\n', '\r'])
                .next()
                .unwrap_or("")
                .chars()
                .count()
                + 1;
            return Err(Diagnostic::error(
                DiagnosticKind::ControlCharacter,
                path,
                format!(
                    "the file holds a control character (U+{:04X})",
                    u32::from(c)
                ),
            )
            .at(line, Some(column))
            .hint(
                "a text file has none but tabs and line ends; the file may be damaged, or not text",
            ));
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        Ok(if text.contains('\r') {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text.to_string()
        })
    }

    /// A TOML data file: the whole text is parsed as TOML.
    pub fn data(path: PathBuf, text: String) -> Self {
        let len = text.len();
        SourceFile {
            path,
            text,
            front: 0..len,
            body: len..len,
        }
    }

    /// A Markdown file with `+++` front matter.
    pub fn markdown(path: PathBuf, text: String) -> Result<Self, Diagnostic> {
        let missing = || {
            Diagnostic::error(
                DiagnosticKind::NoFrontMatter,
                &path,
                "the file does not start with front matter",
            )
            .at(1, Some(1))
            .hint(format!(
                "begin the file with a line `{FENCE}`, the TOML fields, and another line `{FENCE}`"
            ))
        };
        let first_line_end = text.find('\n').unwrap_or(text.len());
        if text[..first_line_end].trim_end() != FENCE {
            return Err(missing());
        }
        let front_start = (first_line_end + 1).min(text.len());
        let mut offset = front_start;
        for line in text[front_start..].split_inclusive('\n') {
            if line.trim_end() == FENCE {
                let body_start = offset + line.len();
                let len = text.len();
                return Ok(SourceFile {
                    path,
                    front: front_start..offset,
                    body: body_start..len,
                    text,
                });
            }
            offset += line.len();
        }
        let lines = text.lines().count();
        Err(Diagnostic::error(
            DiagnosticKind::FrontMatterNotClosed,
            &path,
            "the front matter is never closed",
        )
        .at(lines.max(1), None)
        .hint(format!(
            "add a line `{FENCE}` after the last TOML field, before the Markdown text"
        )))
    }

    /// The front matter text.
    pub fn front_matter(&self) -> &str {
        &self.text[self.front.clone()]
    }

    /// The Markdown body.
    pub fn body_text(&self) -> &str {
        &self.text[self.body.clone()]
    }

    /// 1-based line where the body starts, so Markdown findings can be placed.
    pub fn body_line(&self) -> usize {
        self.line_col(self.body.start).0
    }

    /// 1-based line and column of a byte offset into the whole text.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = self.char_floor(offset);
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].chars().count() + 1)
    }

    /// An error of `kind` located at a byte range of the front matter (a TOML span).
    pub fn error_at(
        &self,
        kind: DiagnosticKind,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let start = self.front.start + span.start;
        self.located(
            Diagnostic::error(kind, &self.path, message),
            start..start + span.len(),
        )
    }

    /// A warning of `kind` located at a byte range of the front matter (a TOML span).
    pub fn warning_at(
        &self,
        kind: DiagnosticKind,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let start = self.front.start + span.start;
        self.located(
            Diagnostic::warning(kind, &self.path, message),
            start..start + span.len(),
        )
    }

    /// A finding at a byte range of the Markdown body.
    pub fn body_finding(&self, diagnostic: Diagnostic, span: Range<usize>) -> Diagnostic {
        let start = self.body.start + span.start;
        self.located(diagnostic, start..start + span.len())
    }

    /// A finding at a byte range of the whole text (Markdown inside a TOML
    /// value, for one).
    pub fn finding_at(&self, diagnostic: Diagnostic, range: Range<usize>) -> Diagnostic {
        self.located(diagnostic, range)
    }

    /// Places `diagnostic` at a byte range of the whole text, with the line shown.
    fn located(&self, diagnostic: Diagnostic, range: Range<usize>) -> Diagnostic {
        let start = self.char_floor(range.start);
        let (line, col) = self.line_col(start);
        let line_start = self.text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        let text = self.text[line_start..line_end].trim_end_matches('\r');
        let mut end = range.end.clamp(start, line_end);
        // A range that ends inside a character covers all of it.
        while !self.text.is_char_boundary(end) {
            end += 1;
        }
        let width = self.text[start..end].chars().count();
        diagnostic.at(line, Some(col)).with_line(text, width)
    }

    /// The char boundary at or before `offset` (clamped to the text): a
    /// location computed by a caller may fall inside a character.
    fn char_floor(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// Parses the front matter (or a whole data file) as `T`, turning TOML's
    /// first error into a located diagnostic with a hint.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Diagnostic> {
        self.parse_all().map_err(|mut all| all.swap_remove(0))
    }

    /// Parses as [`SourceFile::parse`], reporting every error in the file:
    /// each syntax error, or else each field that does not fit `T`.
    pub fn parse_all<T: DeserializeOwned>(&self) -> Result<T, Vec<Diagnostic>> {
        let text = self.front_matter();
        // Most files are valid: parsed once, the usual way.
        let first = match toml::from_str(text) {
            Ok(value) => return Ok(value),
            Err(err) => err,
        };
        let (root, syntax) = toml::de::DeTable::parse_recoverable(text);
        if !syntax.is_empty() {
            // What a broken line makes of the lines after it is not worth reading.
            return Err(syntax.iter().map(|e| self.toml_error(e)).collect());
        }
        let mut found = super::fields::Errors::new(root);
        found.collect::<T>(first);
        Err(found.errors.iter().map(|e| self.toml_error(e)).collect())
    }

    fn toml_error(&self, err: &toml::de::Error) -> Diagnostic {
        let message = err.message().trim().to_string();
        let kind = DiagnosticKind::InvalidToml;
        if let Some(span) = err.span() {
            if let Some(found) = self.day_first_date(span.clone()) {
                return self
                    .error_at(
                        DiagnosticKind::DayFirstDate,
                        found.span,
                        format!(
                            "the date {} is written day first: write dates as {}",
                            found.written, found.canonical
                        ),
                    )
                    .hint(format!(
                        "dates are year-month-day without quotes: `{} = {}`",
                        found.key, found.canonical
                    ));
            }
        }
        let diag = match err.span() {
            Some(span) => self.error_at(kind, span, format!("invalid TOML: {message}")),
            None => Diagnostic::error(kind, &self.path, format!("invalid TOML: {message}")),
        };
        diag.hint(toml_hint(&message))
    }
}

/// A date written the Norwegian way (`10.06.2026`, `"10.06.2026"`,
/// `10/6/2026`) where TOML found an error.
#[derive(Debug, PartialEq, Eq)]
struct DayFirstDate {
    /// The key it is the value of.
    key: String,
    /// As written, without quotes.
    written: String,
    /// As it must be written: `2026-06-10`.
    canonical: String,
    /// Where the value is, in the front matter.
    span: Range<usize>,
}

impl SourceFile {
    /// The day-first date on the line of an error at `span`, if that is
    /// what the value of the line's key is: TOML reads `10.06.2026` as a
    /// broken number, and a quoted one as text where a date belongs.
    fn day_first_date(&self, span: Range<usize>) -> Option<DayFirstDate> {
        let text = self.front_matter();
        let at = span.start.min(text.len());
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = &text[line_start..line_end];
        let (key, value) = line.split_once('=')?;
        let lead = value.len() - value.trim_start().len();
        let value = value.trim();
        let unquoted = value.trim_matches('"');
        let canonical = day_first(unquoted)?;
        let start = line_start + key.len() + 1 + lead;
        Some(DayFirstDate {
            key: key.trim().to_string(),
            written: unquoted.to_string(),
            canonical,
            span: start..start + value.len(),
        })
    }
}

/// "10.06.2026" (or with `/`, one-digit day or month) as "2026-06-10",
/// when it is a day that exists.
fn day_first(value: &str) -> Option<String> {
    let sep = if value.contains('.') { '.' } else { '/' };
    let mut parts = value.split(sep);
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if parts.next().is_some() || !digits(d, 1..=2) || !digits(m, 1..=2) || !digits(y, 4..=4) {
        return None;
    }
    let date = chrono::NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// What to do instead of a Zola setting in `config.toml` that medvirk has
/// no use for: read and ignored, it would mislead whoever set it.
fn zola_setting(field: &str) -> Option<&'static str> {
    Some(match field {
        "taxonomies" => {
            "medvirk's taxonomies are themes (`themes` on a case) and organisations; remove the line"
        }
        "build_search_index" => "write `[search]` with `index = true` or `false` instead",
        "generate_feeds" | "generate_feed" | "feed_filenames" => {
            "the Atom feed `atom.xml` is always made; remove the line"
        }
        "compile_sass" | "theme" | "languages" | "markdown" | "slugify" => {
            "medvirk has no such setting; remove the line"
        }
        _ => return None,
    })
}

/// Advice for the TOML mistakes people make most.
fn toml_hint(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or_default();
        if let Some(instead) = zola_setting(field) {
            return format!("`{field}` is a Zola setting medvirk does not read: {instead}");
        }
        match rest.split_once(", expected ") {
            Some((_, allowed)) => {
                let names = allowed.split('`').skip(1).step_by(2);
                match crate::spelling::closest(field, names) {
                    Some(meant) => format!(
                        "did you mean `{meant}`? `{field}` is not a field here; the fields are {allowed}"
                    ),
                    None => format!(
                        "check the spelling: `{field}` is not a field here; the fields are {allowed} (the README's field reference describes each)"
                    ),
                }
            }
            None => "check the spelling of the field; the README's field reference lists the fields of each kind of file".into(),
        }
    } else if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or_default();
        format!("add `{field} = …` to this table; the README's field reference says what it takes")
    } else if message.contains("date") || message.contains("datetime") {
        "write dates as YYYY-MM-DD without quotes, for example `date = 2024-06-05`, and make sure the day exists".into()
    } else if message.contains("invalid type") {
        "check the value's type: text in \"quotes\", lists in [brackets], numbers and dates bare"
            .into()
    } else {
        "see https://toml.io for the syntax; text values need \"quotes\"".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_written_day_first_is_named_with_its_canonical_form() {
        for (line, col) in [
            ("date = 10.06.2026", 8),
            ("date = \"10.06.2026\"", 8),
            ("date = 1/6/2026", 8),
        ] {
            let file = SourceFile::markdown(
                "content/moter/m/_index.md".into(),
                format!("+++\ntitle = \"M\"\n{line}\n+++\n"),
            )
            .unwrap();
            #[derive(serde::Deserialize)]
            #[allow(dead_code)]
            struct Front {
                title: String,
                date: toml::value::Datetime,
            }
            let err = file.parse::<Front>().err().expect("an error");
            let expected = if line.contains('/') {
                "2026-06-01"
            } else {
                "2026-06-10"
            };
            assert!(
                err.message.ends_with(&format!("write dates as {expected}")),
                "{line}: {}",
                err.message
            );
            assert_eq!((err.line, err.column), (Some(3), Some(col)), "{line}");
            assert_eq!(
                err.hint.as_deref(),
                Some(
                    format!("dates are year-month-day without quotes: `date = {expected}`")
                        .as_str()
                )
            );
        }
    }

    #[test]
    fn a_misspelt_field_gets_the_field_it_misspells() {
        assert_eq!(
            toml_hint("unknown field `submited_by`, expected one of `number`, `title`, `submitted_by`"),
            "did you mean `submitted_by`? `submited_by` is not a field here; the fields are one of `number`, `title`, `submitted_by`"
        );
        assert!(
            toml_hint("unknown field `rolle`, expected `person`, `role`")
                .starts_with("did you mean `role`?")
        );
        assert!(
            toml_hint("unknown field `farge`, expected `person`, `role`")
                .starts_with("check the spelling")
        );
    }

    #[test]
    fn only_a_day_that_exists_is_taken_for_a_date() {
        assert_eq!(day_first("31.12.2026").as_deref(), Some("2026-12-31"));
        assert_eq!(day_first("31.02.2026"), None);
        assert_eq!(day_first("10.06.26"), None);
        assert_eq!(day_first("1.5"), None);
        assert_eq!(day_first("10.06.2026.1"), None);
    }

    #[test]
    fn a_range_inside_a_character_is_widened_to_the_whole_character() {
        let file = SourceFile::markdown("a.md".into(), "+++\n+++\nØnsker mer.\n".into()).unwrap();
        // Byte 1 of the body is inside "Ø".
        let d = file.body_finding(Diagnostic::error(DiagnosticKind::NoSeat, "a.md", "x"), 1..2);
        assert_eq!((d.line, d.column), (Some(3), Some(1)));
        let line = d.source_line.unwrap();
        assert_eq!((line.text.as_str(), line.width), ("Ønsker mer.", 1));
        assert_eq!(file.line_col(file.body.start + 1), (3, 1));
    }

    #[test]
    fn splits_front_matter_and_body() {
        let file = SourceFile::markdown("a.md".into(), "+++\ntitle = \"x\"\n+++\n\n# Hei\n".into())
            .unwrap();
        assert_eq!(file.front_matter(), "title = \"x\"\n");
        assert_eq!(file.body_text(), "\n# Hei\n");
        assert_eq!(file.body_line(), 4);
    }

    #[test]
    fn utf16_is_named_with_or_without_a_byte_order_mark() {
        let text = "+++\ntitle = \"Søknad\"\n+++\nTekst\n";
        let utf16 = |big: bool| -> Vec<u8> {
            text.encode_utf16()
                .flat_map(|u| match big {
                    true => u.to_be_bytes(),
                    false => u.to_le_bytes(),
                })
                .collect()
        };
        let message = |bytes: Vec<u8>| {
            SourceFile::decode(Path::new("a.md"), bytes)
                .unwrap_err()
                .message
        };
        let with_bom = |mut bom: Vec<u8>, body: Vec<u8>| {
            bom.extend(body);
            bom
        };
        assert_eq!(
            message(with_bom(vec![0xFF, 0xFE], utf16(false))),
            "the file is UTF-16 (little-endian, with a byte-order mark), not UTF-8"
        );
        assert_eq!(
            message(with_bom(vec![0xFE, 0xFF], utf16(true))),
            "the file is UTF-16 (big-endian, with a byte-order mark), not UTF-8"
        );
        assert_eq!(
            message(utf16(false)),
            "the file is UTF-16 (little-endian, without a byte-order mark), not UTF-8"
        );
        assert_eq!(
            message(utf16(true)),
            "the file is UTF-16 (big-endian, without a byte-order mark), not UTF-8"
        );
        // A NUL byte or two in UTF-8 text is not UTF-16, but is an error of its own.
        let nul = message(b"+++\n\0\0+++\nTekst\0\n".to_vec());
        assert_eq!(nul, "the file holds a control character (U+0000)");
    }

    #[test]
    fn control_characters_are_located_whatever_the_line_ends() {
        for text in [
            "a\nb\nc\x1bd",
            "a\r\nb\r\nc\x1bd",
            "a\rb\rc\x1bd",
            "a\r\nb\rc\x1bd",
        ] {
            let err = SourceFile::decode(Path::new("a.md"), text.as_bytes().to_vec()).unwrap_err();
            assert_eq!(err.message, "the file holds a control character (U+001B)");
            assert_eq!((err.line, err.column), (Some(3), Some(2)), "{text:?}");
        }
        assert!(SourceFile::decode(Path::new("a.md"), b"tab\there\r\n".to_vec()).is_ok());
    }

    #[test]
    fn crlf_and_bom_are_normalised() {
        let text = SourceFile::decode(
            Path::new("a.md"),
            b"\xef\xbb\xbf+++\r\na = 1\r\n+++\r\n".to_vec(),
        )
        .unwrap();
        assert_eq!(text, "+++\na = 1\n+++\n");
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let err = SourceFile::decode(Path::new("a.md"), b"ok\nok\n\xff".to_vec()).unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.contains("UTF-8"));
    }

    #[test]
    fn missing_and_unclosed_front_matter_are_errors() {
        let err = SourceFile::markdown("a.md".into(), "# Hei\n".into()).unwrap_err();
        assert!(err.message.contains("does not start with front matter"));
        let err = SourceFile::markdown("a.md".into(), "+++\na = 1\n".into()).unwrap_err();
        assert!(err.message.contains("never closed"));
    }

    #[test]
    fn toml_errors_are_located_in_the_whole_file() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct T {
            a: i32,
        }
        let file = SourceFile::markdown("a.md".into(), "+++\n\na = \"x\"\n+++\n".into()).unwrap();
        let err = file.parse::<T>().unwrap_err();
        assert_eq!(err.line, Some(3));
        assert!(err.message.starts_with("invalid TOML"), "{}", err.message);
    }
}
