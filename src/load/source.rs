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
mod tests;
