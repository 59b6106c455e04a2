//! `medvirk import`: a front-end that turns the text of a real set of
//! minutes (extracted from a PDF, with its noise, or a Word document) into a
//! meeting draft under the site's meetings section, with every source line
//! accounted for in a report.
//!
//! The stages, one module each: `source` reads bytes into lines (text or
//! `.docx`); `lines` classifies them (bullets, numbers, URLs, page
//! furniture) and measures line width to tell wrapped lines; `minutes`
//! recognises the structure into a typed draft; `resolve` maps printed
//! names to the registry's ids; `draft` writes the Markdown and TOML;
//! [`report`] says where each line went. Nothing here knows the words of a
//! particular document, only the genre's vocabulary and the patterns of
//! extracted text. The draft is written atomically and never over an
//! existing meeting without `force`; `data/` is changed only when asked.

mod draft;
mod lines;
mod minutes;
pub mod report;
mod resolve;
mod source;
mod text;
mod todo;

use std::path::{Path, PathBuf};

pub use report::Counts;

/// What to import, and where.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The minutes: plain text or a `.docx`.
    pub source: PathBuf,
    /// The site folder (with `config.toml`).
    pub root: PathBuf,
    /// The meeting's folder name ("2024-2"), when the minutes do not give
    /// the number, or to override it.
    pub meeting: Option<String>,
    /// Write nothing; the outcome holds what would be written.
    pub dry_run: bool,
    /// Replace an existing meeting folder.
    pub force: bool,
    /// Add proposed organisations and people to `data/`.
    pub write_registry: bool,
}

/// Why an import failed. Every variant names the file and what to do.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The source or a site file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A file could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file or folder.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// The source is empty.
    #[error("{path} is empty: give the text of a set of minutes")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The source is neither text nor a Word document.
    #[error("{path} is a binary file, not text or a Word document (.docx): export the minutes as plain text (UTF-8) or .docx")]
    Binary {
        /// The file.
        path: PathBuf,
    },
    /// The text is not in an encoding medvirk reads.
    #[error(
        "{path} is not UTF-8 text ({detail}): save it as UTF-8 (or UTF-16 with a byte-order mark)"
    )]
    Encoding {
        /// The file.
        path: PathBuf,
        /// Where and how it fails.
        detail: String,
    },
    /// A zip archive that is not a Word document.
    #[error("{path} is a zip archive but not a Word document (it has no word/document.xml)")]
    NotDocx {
        /// The file.
        path: PathBuf,
    },
    /// A Word document that cannot be read.
    #[error("{path} is a Word document that cannot be read: {message}")]
    Docx {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The text is not a set of minutes.
    #[error("{path} does not look like minutes: {reason}")]
    NotMinutes {
        /// The file.
        path: PathBuf,
        /// What was missing.
        reason: String,
    },
    /// No date of the meeting anywhere.
    #[error("{path}: no meeting date found (expected a line such as \"Dato: 05.06.2024 kl. 10:00 – 14:45\" near the top): add it to the text and import again")]
    NoDate {
        /// The file.
        path: PathBuf,
    },
    /// No meeting number in the title, and none given.
    #[error("{path}: no meeting number found (expected a title such as \"… #2/2024 – Referat\"): pass --meeting YEAR-NUMBER, for example --meeting {year}-1")]
    NoNumber {
        /// The file.
        path: PathBuf,
        /// The meeting's year, for the hint.
        year: i32,
    },
    /// `--meeting` is not YEAR-NUMBER.
    #[error("--meeting {value}: expected YEAR-NUMBER, for example 2024-2")]
    BadMeeting {
        /// As given.
        value: String,
    },
    /// The meeting folder exists.
    #[error("{dir} already exists: pass --force to replace it, or --meeting to import under another name")]
    Exists {
        /// The folder.
        dir: PathBuf,
    },
    /// Not a site folder.
    #[error("{root} is not a medvirk site (no config.toml): pass --root, or create a site with `medvirk init`")]
    NoSite {
        /// The folder.
        root: PathBuf,
    },
    /// A registry file cannot be parsed.
    #[error("{path}: {message}")]
    Registry {
        /// The file.
        path: PathBuf,
        /// The parser's message.
        message: String,
    },
}

/// A file the import writes (or would write), relative to the site root.
#[derive(Debug, Clone)]
pub struct WrittenFile {
    /// Path relative to the site root.
    pub path: PathBuf,
    /// Its text.
    pub text: String,
}

/// What an import did.
#[derive(Debug, Clone)]
pub struct ImportOutcome {
    /// The meeting folder, relative to the site root.
    pub dir: PathBuf,
    /// The files of the draft (and, with `write_registry`, what was added
    /// to `data/`), in the order written.
    pub files: Vec<WrittenFile>,
    /// The report, as printed and written beside the draft.
    pub report: String,
    /// The report's figures.
    pub counts: Counts,
    /// Registry entries proposed.
    pub proposals: usize,
    /// Nothing was written.
    pub dry_run: bool,
    /// The meeting folder existed before the import (without `force` a real
    /// import refuses; a dry run says it would).
    pub existed: bool,
    /// With `force`, the files of the existing folder that the import
    /// removes (or would remove), relative to the site root: an editor's
    /// work in them is lost, so they are named.
    pub removed: Vec<PathBuf>,
}

/// The report's file name in the meeting folder. Names starting with a dot
/// are not content, so the build neither reads nor publishes it.
pub const REPORT_FILE: &str = ".import-rapport.txt";
/// The proposed registry entries' file name in the meeting folder.
pub const REGISTRY_FILE: &str = ".import-registry.toml";

/// The meetings section's folder under `content/`: the first whose
/// `_index.md` says `kind = "meetings"`, or "moter".
fn meetings_section(root: &Path) -> String {
    let content = root.join("content");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&content)
        .map(|r| {
            r.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    for dir in dirs {
        let Ok(text) = std::fs::read_to_string(dir.join("_index.md")) else {
            continue;
        };
        let front = text
            .strip_prefix("+++")
            .and_then(|t| t.split_once("\n+++").map(|(f, _)| f.to_string()))
            .unwrap_or_default();
        let kind = toml::from_str::<toml::Table>(&front)
            .ok()
            .and_then(|t| t.get("kind").and_then(|k| k.as_str()).map(str::to_string));
        if kind.as_deref() == Some("meetings") {
            if let Some(name) = dir.file_name().and_then(|n| n.to_str()) {
                return name.to_string();
            }
        }
    }
    "moter".into()
}

fn parse_meeting(value: &str) -> Result<(i32, u32), ImportError> {
    let bad = || ImportError::BadMeeting {
        value: value.to_string(),
    };
    let (y, n) = value.split_once('-').ok_or_else(bad)?;
    let y: i32 = y.parse().map_err(|_| bad())?;
    let n: u32 = n.parse().map_err(|_| bad())?;
    if !(1000..=9999).contains(&y) || n == 0 {
        return Err(bad());
    }
    Ok((y, n))
}

/// Imports the minutes of `options.source` into a meeting draft.
pub fn import(options: &ImportOptions) -> Result<ImportOutcome, ImportError> {
    let root = &options.root;
    if !root.join("config.toml").is_file() {
        return Err(ImportError::NoSite { root: root.clone() });
    }
    let registry = resolve::Registry::load(root)?;
    let source = source::read(&options.source)?;
    let classified = lines::classify(&source.lines);
    let measure = if source.wrapped {
        lines::Measure::of(&classified)
    } else {
        lines::Measure::unwrapped()
    };
    let minutes = minutes::recognise(&classified, measure, &registry);
    let path = options.source.clone();
    let looks_like_minutes = !minutes.agenda.is_empty()
        || !minutes.cases.is_empty()
        || !minutes.attendance.seats.is_empty();
    if !looks_like_minutes {
        return Err(ImportError::NotMinutes {
            path,
            reason: "no agenda (\"Dagsorden\" with times), no case (\"Sak 07/24 …\") and no attendance list were found".into(),
        });
    }
    let date = minutes
        .date
        .ok_or_else(|| ImportError::NoDate { path: path.clone() })?;
    let given = options.meeting.as_deref().map(parse_meeting).transpose()?;
    let (year, number) = match (given, minutes.number) {
        (Some((y, n)), _) => (y, n),
        (None, Some(n)) => (
            minutes
                .year
                .unwrap_or_else(|| chrono::Datelike::year(&date)),
            n,
        ),
        (None, None) => {
            return Err(ImportError::NoNumber {
                path,
                year: chrono::Datelike::year(&date),
            })
        }
    };
    let slug = format!("{year}-{number}");
    let section = meetings_section(root);
    let dir = PathBuf::from("content").join(&section).join(&slug);
    let existed = root.join(&dir).exists();
    if existed && !options.force && !options.dry_run {
        return Err(ImportError::Exists { dir });
    }
    let removed = if existed && options.force {
        files_under(root, &dir)
    } else {
        Vec::new()
    };
    let source_name = options
        .source
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut draft = draft::write(
        &minutes,
        &registry,
        &draft::Identity { number, date },
        &source_name,
        options.write_registry,
    );
    // A case number already used that year by another meeting stops the
    // build (the check says so); the report says it first.
    let taken = case_numbers_of_year(root, &section, &slug, chrono::Datelike::year(&date));
    for c in &minutes.cases {
        if let Some(other) = taken.iter().find(|(n, _)| *n == c.number).map(|(_, f)| f) {
            draft.notices.push(draft::Notice {
                line: c.heading_lines.first().copied().unwrap_or(0),
                text: format!(
                    "case number {} is already used in {} by {}: case numbers are unique within a year (is --meeting right?)",
                    c.number,
                    chrono::Datelike::year(&date),
                    other.display()
                ),
                blocks_build: true,
            });
        }
    }
    let (mut report, counts) = report::report(
        &options.source.display().to_string(),
        &dir.display().to_string(),
        &classified,
        &minutes,
        &draft.notices,
    );
    let (orgs, people, holders) = draft::proposals_toml(&draft.proposals);
    let mut files: Vec<WrittenFile> = draft
        .files
        .iter()
        .map(|f| WrittenFile {
            path: dir.join(&f.name),
            text: f.text.clone(),
        })
        .collect();
    if !draft.proposals.is_empty() {
        let mut text = String::from(
            "# Registry entries proposed by `medvirk import` for names the registry does not know.\n\
             # Check each, then add it to data/ (or import again with --write-registry).\n",
        );
        if !orgs.is_empty() {
            text.push_str("\n# data/organisations.toml\n");
            text.push_str(&orgs);
        }
        if !people.is_empty() {
            text.push_str("\n# data/people.toml\n");
            text.push_str(&people);
        }
        if !holders.is_empty() {
            text.push_str(
                "\n# data/council.toml (by hand: seat holders are not added automatically)\n",
            );
            text.push_str(&holders);
        }
        files.push(WrittenFile {
            path: dir.join(REGISTRY_FILE),
            text,
        });
        let _ = std::fmt::Write::write_fmt(
            &mut report,
            format_args!(
                "\n{} registry entries proposed in {}{}.\n",
                draft.proposals.len(),
                dir.join(REGISTRY_FILE).display(),
                if options.write_registry {
                    " and added to data/"
                } else {
                    ""
                }
            ),
        );
    }
    files.push(WrittenFile {
        path: dir.join(REPORT_FILE),
        text: report.clone(),
    });
    let mut registry_files = Vec::new();
    if options.write_registry {
        for (rel, add) in [
            ("data/organisations.toml", &orgs),
            ("data/people.toml", &people),
        ] {
            if add.is_empty() {
                continue;
            }
            let path = root.join(rel);
            let old = std::fs::read_to_string(&path).unwrap_or_default();
            let mut text = old.trim_end().to_string();
            text.push_str("\n\n# Added by medvirk import.");
            text.push_str(add);
            registry_files.push(WrittenFile {
                path: PathBuf::from(rel),
                text,
            });
        }
    }
    if !options.dry_run {
        write_folder(root, &dir, &files, options.force)?;
        for f in &registry_files {
            let path = root.join(&f.path);
            crate::output::replace_file(&path, f.text.as_bytes()).map_err(write_err(&path))?;
        }
    }
    files.extend(registry_files);
    Ok(ImportOutcome {
        dir,
        files,
        report,
        counts,
        proposals: draft.proposals.len(),
        dry_run: options.dry_run,
        existed,
        removed,
    })
}

/// The printed case numbers of the other meetings of `year` in the section,
/// with the file that uses each: read from the `number = "…"` line of each
/// case file, so that a site that does not build yet is read as well.
fn case_numbers_of_year(
    root: &Path,
    section: &str,
    slug: &str,
    year: i32,
) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let base = PathBuf::from("content").join(section);
    let Ok(meetings) = std::fs::read_dir(root.join(&base)) else {
        return out;
    };
    for m in meetings.flatten() {
        let name = m.file_name().to_string_lossy().into_owned();
        let index = std::fs::read_to_string(m.path().join("_index.md")).unwrap_or_default();
        let same_year = index
            .lines()
            .find_map(|l| l.trim().strip_prefix("date"))
            .and_then(|v| v.trim_start().strip_prefix('='))
            .and_then(|v| v.trim().trim_matches('"').get(..4).map(str::to_string))
            .is_some_and(|y| y == year.to_string());
        if name == slug || !same_year {
            continue;
        }
        for f in files_under(root, &base.join(&name)) {
            if f.extension().map_or(true, |e| e != "md") || f.ends_with("_index.md") {
                continue;
            }
            let text = std::fs::read_to_string(root.join(&f)).unwrap_or_default();
            let number = text.lines().take(40).find_map(|l| {
                let v = l
                    .trim()
                    .strip_prefix("number")?
                    .trim_start()
                    .strip_prefix('=')?;
                Some(v.split('#').next()?.trim().trim_matches('"').to_string())
            });
            if let Some(n) = number {
                out.push((n, f));
            }
        }
    }
    out
}

/// The files under `dir` (relative to `root`), sorted, relative to `root`.
fn files_under(root: &Path, dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(root.join(&d)) else {
            continue;
        };
        for e in entries.flatten() {
            let rel = d.join(e.file_name());
            if e.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(rel);
            } else {
                out.push(rel);
            }
        }
    }
    out.sort();
    out
}

fn write_err(path: &Path) -> impl FnOnce(std::io::Error) -> ImportError + '_ {
    move |source| ImportError::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes the meeting folder beside its place and renames it in, so a
/// failed import leaves nothing half-written; with `force` the old folder
/// is moved aside first and removed once the new one is in place.
fn write_folder(
    root: &Path,
    dir: &Path,
    files: &[WrittenFile],
    force: bool,
) -> Result<(), ImportError> {
    let target = root.join(dir);
    let parent = target.parent().unwrap_or(root).to_path_buf();
    std::fs::create_dir_all(&parent).map_err(write_err(&parent))?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = parent.join(format!(".{name}.import-{}", std::process::id()));
    if temp.exists() {
        std::fs::remove_dir_all(&temp).map_err(write_err(&temp))?;
    }
    std::fs::create_dir_all(&temp).map_err(write_err(&temp))?;
    let result = (|| {
        for f in files {
            let rel = f.path.strip_prefix(dir).unwrap_or(&f.path);
            let path = temp.join(rel);
            if let Some(p) = path.parent() {
                std::fs::create_dir_all(p).map_err(write_err(p))?;
            }
            std::fs::write(&path, &f.text).map_err(write_err(&path))?;
        }
        let old = parent.join(format!(".{name}.replaced-{}", std::process::id()));
        let replaced = if target.exists() {
            if !force {
                return Err(ImportError::Exists {
                    dir: dir.to_path_buf(),
                });
            }
            std::fs::rename(&target, &old).map_err(write_err(&target))?;
            true
        } else {
            false
        };
        std::fs::rename(&temp, &target).map_err(write_err(&target))?;
        if replaced {
            std::fs::remove_dir_all(&old).map_err(write_err(&old))?;
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&temp);
    }
    result
}
