//! Errors at the library boundary.
//!
//! Two kinds matter to callers: [`Diagnostics`], every problem found in the
//! site's own files (each names the file, the line and what was expected), and
//! the I/O and template failures that stop a build. The CLI prints both; a
//! caller that wants to list findings (an editor, `check`) branches on
//! [`Error::Invalid`].

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

pub(crate) mod kind;

pub use kind::DiagnosticKind;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The site builds, but a reader may be misled or a link may break.
    Warning,
    /// The site cannot be built until this is fixed.
    Error,
}

/// One problem in a site's sources, located as precisely as we can.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// What it is about, by name: the same whatever the wording.
    pub kind: DiagnosticKind,
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site root.
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it, when there is something to say.
    pub hint: Option<String>,
    /// The line of the file it is on, shown under the message with a caret.
    pub source_line: Option<Box<SourceLine>>,
}

/// The text of the line a finding is on, and how many characters to underline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLine {
    /// The line, without its line break.
    pub text: String,
    /// Characters to mark from the finding's column (at least 1).
    pub width: usize,
}

impl Diagnostic {
    /// An error of `kind` in `path` with no line yet.
    pub fn error(
        kind: DiagnosticKind,
        path: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            kind,
            severity: Severity::Error,
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    /// A warning of `kind` in `path` with no line yet.
    pub fn warning(
        kind: DiagnosticKind,
        path: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(kind, path, message)
        }
    }

    /// Places the finding at a line (and column, when known).
    pub fn at(mut self, line: usize, column: Option<usize>) -> Self {
        self.line = Some(line);
        self.column = column;
        self
    }

    /// Adds advice on how to fix it.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Shows the line it is on, underlining `width` characters from its column.
    pub fn with_line(mut self, text: impl Into<String>, width: usize) -> Self {
        self.source_line = Some(Box::new(SourceLine {
            text: text.into(),
            width: width.max(1),
        }));
        self
    }
}

impl Diagnostic {
    /// "path:line:col", as far as it is known.
    fn location(&self) -> String {
        let mut out = shown_path(&self.path);
        if let Some(line) = self.line {
            out.push_str(&format!(":{line}"));
            if let Some(col) = self.column {
                out.push_str(&format!(":{col}"));
            }
        }
        out
    }
}

/// Compiler style, drawn by `annotate-snippets`: the message, where it is,
/// the line with the spot underlined, and a hint.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use annotate_snippets::{Level, Renderer, Snippet};
        let level = match self.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
        };
        let origin = shown_path(&self.path);
        let title = visible(&self.message, Keep::LineBreaks);
        let mut message = level.title(&title);
        let text;
        let mut hidden = Vec::new();
        let shown = match (&self.source_line, self.line) {
            (Some(source), Some(line)) => {
                // One character for one, so the renderer's column is the file's.
                text = source
                    .text
                    .chars()
                    .enumerate()
                    .map(|(i, c)| {
                        if hidden_char(c) && c != '\t' {
                            hidden.push(format!("U+{:04X} at column {}", u32::from(c), i + 1));
                            char::REPLACEMENT_CHARACTER
                        } else {
                            c
                        }
                    })
                    .collect::<String>();
                // Columns count characters; the renderer wants byte offsets.
                let byte = |chars: usize| {
                    text.char_indices()
                        .nth(chars)
                        .map_or(text.len(), |(i, _)| i)
                };
                let col = self.column.unwrap_or(1).saturating_sub(1);
                let span = byte(col)..byte(col + source.width);
                message = message.snippet(
                    Snippet::source(&text)
                        .line_start(line)
                        .origin(&origin)
                        .annotation(Level::Error.span(span)),
                );
                true
            }
            _ => false,
        };
        let note = (!hidden.is_empty()).then(|| {
            format!(
                "the line holds invisible or direction-changing characters, shown as \u{FFFD}: {}",
                hidden.join(", ")
            )
        });
        if let Some(note) = &note {
            message = message.footer(Level::Note.title(note));
        }
        let hint = self.hint.as_deref().map(|h| visible(h, Keep::LineBreaks));
        if let Some(hint) = &hint {
            message = message.footer(Level::Help.title(hint));
        }
        let text = Renderer::plain().render(message).to_string();
        if shown {
            return f.write_str(&text);
        }
        // No line to show: say where it is the way the renderer would.
        let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
        write!(f, "{first}\n --> {}", self.location())?;
        if !rest.is_empty() {
            write!(f, "\n{rest}")?;
        }
        Ok(())
    }
}

/// Which layout characters a text may keep when it is shown.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// Messages and hints are ours and may run over several lines.
    LineBreaks,
    /// A path keeps nothing: a tab in a file name is as hidden as any.
    Nothing,
}

/// Characters that must not reach a terminal as they are, nor a file name
/// (and so a page's address): control characters (an escape sequence could
/// rewrite the report), direction overrides and isolates (they reorder what
/// is shown: a "Trojan Source" name shows `sak-\u{202e}fdp.exe` as
/// `sak-exe.pdf`), and zero-width and byte-order marks (they hide). Joiners
/// (U+200C, U+200D) stay: emoji and some scripts need them.
pub(crate) fn hidden_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'
                | '\u{2066}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

fn kept(c: char, keep: Keep) -> bool {
    match keep {
        Keep::LineBreaks => c == '\n',
        Keep::Nothing => false,
    }
}

/// Text from a site's files as it may be printed: every hidden character
/// written as its code point, so the report shows what the file holds.
fn visible(text: &str, keep: Keep) -> Cow<'_, str> {
    if !text.chars().any(|c| hidden_char(c) && !kept(c, keep)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden_char(c) && !kept(c, keep) {
            out.push_str(&format!("\\u{{{:X}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A path as it may be printed (see [`visible`]).
fn shown_path(path: &Path) -> String {
    visible(&path.display().to_string(), Keep::Nothing).into_owned()
}

/// Every finding of one pass over a site, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one finding.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// True when at least one finding is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.0
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// Sorts by file, then line, so reports read top to bottom and are reproducible.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
        });
        self.0.dedup();
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        let errors = self.error_count();
        let warnings = self.0.len() - errors;
        write!(
            f,
            "{errors} error{}, {warnings} warning{}",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        )
    }
}

/// Why a build or check stopped.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The site's files have errors; nothing was written.
    #[error("the site has errors; nothing was written\n{0}")]
    Invalid(Diagnostics),
    /// A file or folder could not be read.
    #[error("failed to read `{}`: {source}", shown_path(path))]
    Read {
        /// What we tried to read.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
    /// A file or folder could not be written.
    #[error("failed to write `{}`: {source}", shown_path(path))]
    Write {
        /// What we tried to write.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
    /// A template did not parse or failed while rendering.
    #[error("template error: {}", visible(.0, Keep::LineBreaks))]
    Template(String),
    /// The output folder is not ours to replace.
    #[error("refusing to replace `{}`: {reason}", shown_path(path))]
    UnsafeOutput {
        /// The output folder.
        path: PathBuf,
        /// Why we will not touch it.
        reason: String,
    },
    /// A command was asked for something it will not do (a file that
    /// exists, a name it cannot use); the reason says what to do instead.
    #[error("{}", visible(.0, Keep::LineBreaks))]
    Refused(String),
    /// The development server could not start or stopped.
    #[error("serve: {}", visible(.0, Keep::LineBreaks))]
    Serve(String),
}

impl Error {
    /// A read failure at `path`.
    pub fn read(path: &Path, source: std::io::Error) -> Self {
        Error::Read {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A write failure at `path`.
    pub fn write(path: &Path, source: std::io::Error) -> Self {
        Error::Write {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Renders Tera's error with its whole cause chain, which is where the useful part is.
pub(crate) fn template_error(err: &tera::Error) -> Error {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    Error::Template(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caret_stands_under_the_right_character_after_non_ascii_text() {
        let d = Diagnostic::error(
            DiagnosticKind::UnknownOrganisation,
            "content/sak.md",
            "unknown organisation \"x\"",
        )
        .at(3, Some(7))
        .with_line("fra = «x» og æøå", 3)
        .hint("use an id");
        let text = d.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "error: unknown organisation \"x\"");
        assert_eq!(lines[1], " --> content/sak.md:3:7");
        let source = lines.iter().position(|l| l.starts_with("3 |")).unwrap();
        let caret = lines[source + 1];
        let at = caret.find('^').unwrap();
        // Both lines are counted in characters: the caret line is all ASCII.
        let under: String = lines[source].chars().skip(at).take(3).collect();
        assert_eq!(under, "«x»", "{text}");
        assert_eq!(caret[at..].trim_end(), "^^^");
        assert!(text.ends_with("= help: use an id"), "{text}");
    }

    #[test]
    fn a_finding_without_a_line_still_says_where() {
        let d = Diagnostic::warning(
            DiagnosticKind::NoSeat,
            "data/people.toml",
            "no one is listed",
        )
        .at(4, None);
        assert_eq!(
            d.to_string().lines().take(2).collect::<Vec<_>>(),
            ["warning: no one is listed", " --> data/people.toml:4"]
        );
    }

    #[test]
    fn hidden_characters_are_shown_as_code_points_and_the_caret_still_fits() {
        // An override before the spot, an escape sequence in the message,
        // a zero-width space in the path: each printed as what it is.
        let d = Diagnostic::error(
            DiagnosticKind::UnknownOrganisation,
            "content/sak\u{200B}.md",
            "unknown organisation \"x\u{1b}[2J\"",
        )
        .at(2, Some(10))
        .with_line("fra = \u{202E}a «x»", 3)
        .hint("use an id\u{2066}");
        let text = d.to_string();
        for c in ['\u{202E}', '\u{1b}', '\u{200B}', '\u{2066}'] {
            assert!(!text.contains(c), "{c:?} printed raw in {text}");
        }
        assert!(text.contains("x\\u{1B}[2J"), "{text}");
        assert!(text.contains("content/sak\\u{200B}.md:2:10"), "{text}");
        assert!(text.contains("use an id\\u{2066}"), "{text}");
        let lines: Vec<&str> = text.lines().collect();
        let source = lines.iter().position(|l| l.starts_with("2 |")).unwrap();
        assert!(lines[source].contains("fra = \u{FFFD}a «x»"), "{text}");
        assert!(text.contains("U+202E at column 7"), "{text}");
        let at = lines[source + 1].find('^').unwrap();
        let under: String = lines[source].chars().skip(at).take(3).collect();
        assert_eq!(under, "«x»", "{text}");
    }

    #[test]
    fn a_path_with_a_hidden_character_is_escaped_in_io_errors() {
        let e = Error::read(
            Path::new("content/a\u{202E}fdp.md"),
            std::io::Error::other("gone"),
        );
        assert_eq!(
            e.to_string(),
            "failed to read `content/a\\u{202E}fdp.md`: gone"
        );
    }
}
