//! Errors at the library boundary.
//!
//! Two kinds matter to callers: [`Diagnostics`], every problem found in the
//! site's own files (each names the file, the line and what was expected), and
//! the I/O and template failures that stop a build. The CLI prints both; a
//! caller that wants to list findings (an editor, `check`) branches on
//! [`Error::Invalid`].

use std::fmt;
use std::path::{Path, PathBuf};

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
    /// An error in `path` with no line yet.
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    /// A warning in `path` with no line yet.
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {kind}: {}", self.message)?;
        if let (Some(source), Some(line)) = (&self.source_line, self.line) {
            // Compiler style: the line, numbered, and a caret under the spot.
            let number = line.to_string();
            let pad = " ".repeat(number.len());
            let col = self.column.unwrap_or(1);
            let lead: String = source
                .text
                .chars()
                .take(col.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(
                f,
                "\n{pad} |\n{number} | {}\n{pad} | {lead}{}",
                source.text,
                "^".repeat(source.width)
            )?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
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
    #[error("failed to read `{path}`: {source}")]
    Read {
        /// What we tried to read.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
    /// A file or folder could not be written.
    #[error("failed to write `{path}`: {source}")]
    Write {
        /// What we tried to write.
        path: PathBuf,
        /// Why it failed.
        source: std::io::Error,
    },
    /// A template did not parse or failed while rendering.
    #[error("template error: {0}")]
    Template(String),
    /// The output folder is not ours to replace.
    #[error("refusing to replace `{path}`: {reason}")]
    UnsafeOutput {
        /// The output folder.
        path: PathBuf,
        /// Why we will not touch it.
        reason: String,
    },
    /// The development server could not start or stopped.
    #[error("serve: {0}")]
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
