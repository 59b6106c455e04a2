//! Stage 1: read the site directory.
//!
//! Walks `content/` and reads `config.toml` and `data/*.toml`, classifies
//! every file by where it sits (a meeting is a folder with `_index.md` inside
//! a section of `kind = "meetings"`, its other `.md` files are its cases, and
//! so on), and parses front matter into the raw shapes of [`raw`]. It checks
//! syntax only; what the values mean is `model`'s job. Problems are collected,
//! not returned at the first, so an author sees all of them at once.

pub mod anchor_record;
mod cache;
pub(crate) mod fields;
pub mod links;
pub mod raw;
pub mod source;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::de::DeserializeOwned;

use crate::error::{Diagnostic, DiagnosticKind, Diagnostics, Error};
pub use anchor_record::{RawAnchorRecord, RawRecordedCase, RawRecordedItem, ANCHOR_RECORD};
pub use cache::LoadCache;
use cache::{content_files, Stamp};
pub use raw::*;
pub use source::SourceFile;

/// A parsed file: where it came from and what it says.
#[derive(Debug, Clone)]
pub struct Parsed<T> {
    /// The file, for locating findings and reading the body.
    pub file: SourceFile,
    /// The front matter (or whole data file).
    pub value: T,
}

/// What a content file is, by its place in the tree.
#[derive(Debug, Clone)]
pub enum Entry {
    /// `content/_index.md`: the home page.
    Home(Parsed<RawPage>),
    /// A section's `_index.md`; `dir` is relative to `content/`.
    Section {
        /// The section's folder, relative to `content/`.
        dir: PathBuf,
        /// Its front matter.
        page: Parsed<RawPage>,
    },
    /// A meeting's `_index.md`; `dir` is relative to `content/`.
    Meeting {
        /// The meeting's folder, relative to `content/`.
        dir: PathBuf,
        /// Its front matter.
        meeting: Parsed<RawMeeting>,
    },
    /// A case: a `.md` file in a meeting's folder.
    Case {
        /// The meeting's folder, relative to `content/`.
        meeting_dir: PathBuf,
        /// The file's stem, used as the slug.
        slug: String,
        /// Its front matter.
        case: Parsed<RawCase>,
    },
    /// A position paper in a section of `kind = "papers"`.
    Paper {
        /// The paper's path relative to `content/`.
        path: PathBuf,
        /// Its front matter.
        paper: Parsed<RawPaper>,
    },
    /// Any other page.
    Page {
        /// The page's path relative to `content/`.
        path: PathBuf,
        /// Its front matter.
        page: Parsed<RawPage>,
    },
}

impl Entry {
    /// The file it was read from.
    pub fn file(&self) -> &SourceFile {
        match self {
            Entry::Home(p) | Entry::Section { page: p, .. } | Entry::Page { page: p, .. } => {
                &p.file
            }
            Entry::Meeting { meeting, .. } => &meeting.file,
            Entry::Case { case, .. } => &case.file,
            Entry::Paper { paper, .. } => &paper.file,
        }
    }
}

/// A non-page file under `content/`: an attachment, an image.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Absolute path, for copying.
    pub source: PathBuf,
    /// Size in bytes, for "(PDF, 2 MB)".
    pub size: u64,
    /// The text, for Markdown files used as text renditions.
    pub markdown: Option<Arc<SourceFile>>,
}

/// Everything read from a site directory.
#[derive(Debug, Clone)]
pub struct Sources {
    /// The site root.
    pub root: PathBuf,
    /// `config.toml`.
    pub config: Parsed<RawConfig>,
    /// `data/organisations.toml`, if present.
    pub organisations: Option<Parsed<RawOrganisations>>,
    /// `data/people.toml`, if present.
    pub people: Option<Parsed<RawPeople>>,
    /// `data/council.toml`, if present.
    pub council: Option<Parsed<RawCouncil>>,
    /// `data/ankre.toml`, the anchors published so far, if present.
    pub anchors: Option<Parsed<RawAnchorRecord>>,
    /// Every content file, sorted by path; shared with [`LoadCache`], which
    /// hands the same entry back while its file is unchanged.
    pub entries: Vec<Arc<Entry>>,
    /// Other files under `content/`, by path relative to `content/`.
    pub assets: BTreeMap<PathBuf, Asset>,
    /// What was left out and why (links under `content/` and `data/`).
    pub warnings: Diagnostics,
}

/// What a path under `content/` turned out to be, before parsing.
#[derive(Debug, Clone, PartialEq)]
enum Class {
    Home,
    Section,
    Meeting,
    Case { meeting_dir: PathBuf },
    Paper,
    Page,
    Asset,
}

/// Reads and parses a site. `Err(Error::Invalid)` lists every syntax problem.
pub fn load(root: &Path) -> Result<Sources, Error> {
    load_cached(root, &LoadCache::default())
}

/// [`load`], reusing what `cache` holds of files that did not change, and
/// keeping what it parsed there for the next call.
pub fn load_cached(root: &Path, cache: &LoadCache) -> Result<Sources, Error> {
    let sources = load_partial(root, cache)?;
    if sources.warnings.has_errors() {
        return Err(Error::Invalid(sources.warnings));
    }
    Ok(sources)
}

/// [`load_cached`], going on past content files that cannot be read: they
/// are left out, and their errors are in [`Sources::warnings`], so the
/// model can still find the mistakes of the other files. An error in
/// `config.toml`, `data/` or the folders themselves still stops here.
pub fn load_partial(root: &Path, cache: &LoadCache) -> Result<Sources, Error> {
    let mut diagnostics = Diagnostics::default();

    let config_path = root.join("config.toml");
    if let Some(meta) = fs::metadata(&config_path).ok().filter(|m| !m.is_file()) {
        diagnostics.push(
            Diagnostic::error(
                DiagnosticKind::ConfigNotAFile,
                "config.toml",
                format!("config.toml is {}, not a file", links::kind_of(&meta)),
            )
            .hint("config.toml is the site's settings, a TOML file"),
        );
        return Err(Error::Invalid(diagnostics));
    }
    if !config_path.is_file() {
        diagnostics.push(
            Diagnostic::error(
                DiagnosticKind::NoConfig,
                "config.toml",
                "no config.toml in the site folder",
            )
            .hint(format!(
                "run medvirk in a site folder, pass --root, or create one with `medvirk init {}`",
                root.display()
            )),
        );
        return Err(Error::Invalid(diagnostics));
    }
    let config = read_data::<RawConfig>(root, Path::new("config.toml"), &mut diagnostics)?;
    let organisations = read_optional(root, "data/organisations.toml", &mut diagnostics)?;
    let people = read_optional(root, "data/people.toml", &mut diagnostics)?;
    let council = read_optional(root, "data/council.toml", &mut diagnostics)?;
    let anchors = read_optional(root, ANCHOR_RECORD, &mut diagnostics)?;

    let content = root.join("content");
    let files = content_files(&content, cache)?;
    for rel in cache.links.lock().expect("lock").iter() {
        diagnostics.push(links::skipped_link(root, &Path::new("content").join(rel)));
    }

    let section_kinds = section_kinds(&content, &files, cache, &mut diagnostics)?;
    let classes: Vec<(PathBuf, Stamp, Class)> = files
        .into_iter()
        .map(|(rel, stamp)| {
            let class = classify(&rel, &section_kinds);
            (rel, stamp, class)
        })
        .collect();

    let loaded: Vec<Result<Found, Error>> = {
        let known = cache.files.lock().expect("lock");
        classes
            .into_par_iter()
            .map(|(rel, stamp, class)| {
                let kept = known
                    .get(&rel)
                    .filter(|(was, kind, _)| *was == stamp && *kind == class)
                    .map(|(_, _, loaded)| loaded.clone());
                let loaded = match kept {
                    Some(loaded) => Some(loaded),
                    None => load_one(&content, rel.clone(), class.clone())?,
                };
                Ok((rel, stamp, class, loaded))
            })
            .collect()
    };
    // The cache holds exactly the files there are now: removed ones are forgotten.
    let mut known = FxHashMap::with_capacity_and_hasher(loaded.len(), Default::default());
    let mut results = Vec::with_capacity(loaded.len());
    for found in loaded {
        let (rel, stamp, class, loaded) = found?;
        if let Some(l) = &loaded {
            known.insert(rel, (stamp, class, l.clone()));
        }
        results.push(Ok::<_, Error>(loaded));
    }
    *cache.files.lock().expect("lock") = known;

    let mut entries = Vec::new();
    let mut assets = BTreeMap::new();
    for result in results {
        match result? {
            Some(Loaded::Entry(entry)) => entries.push(entry),
            Some(Loaded::Asset(rel, asset)) => {
                assets.insert(rel, asset);
            }
            Some(Loaded::Invalid(found)) => diagnostics.0.extend(found),
            None => {}
        }
    }

    let config = match config {
        Some(config) => config,
        None => return Err(Error::Invalid(diagnostics)),
    };
    diagnostics.sort();
    // Every other file depends on the settings and the registries.
    let fundamental = |d: &Diagnostic| !d.path.starts_with("content");
    if diagnostics
        .0
        .iter()
        .any(|d| d.severity == crate::error::Severity::Error && fundamental(d))
    {
        return Err(Error::Invalid(diagnostics));
    }
    Ok(Sources {
        root: root.to_path_buf(),
        config,
        organisations,
        people,
        council,
        anchors,
        entries,
        assets,
        warnings: diagnostics,
    })
}

/// A file of `content/` as this load found it.
type Found = (PathBuf, Stamp, Class, Option<Loaded>);

#[derive(Debug, Clone)]
enum Loaded {
    Entry(Arc<Entry>),
    Asset(PathBuf, Asset),
    Invalid(Vec<Diagnostic>),
}

/// The declared kind of each section folder (relative to `content/`).
fn section_kinds(
    content: &Path,
    files: &[(PathBuf, Stamp)],
    cache: &LoadCache,
    diagnostics: &mut Diagnostics,
) -> Result<BTreeMap<PathBuf, String>, Error> {
    #[derive(serde::Deserialize)]
    struct KindOnly {
        kind: Option<String>,
    }
    let mut kinds = BTreeMap::new();
    let mut known = cache.kinds.lock().expect("lock");
    let mut seen = FxHashMap::default();
    for (rel, stamp) in files
        .iter()
        .filter(|(p, _)| p.file_name() == Some("_index.md".as_ref()))
    {
        let dir = rel.parent().unwrap_or(Path::new("")).to_path_buf();
        let display = Path::new("content").join(rel);
        let kind = match known.get(rel) {
            Some((was, kind)) if was == stamp => kind.clone(),
            _ => {
                let path = content.join(rel);
                let bytes = fs::read(&path).map_err(|e| Error::read(&path, e))?;
                // Only the kind is needed here; the full parse later reports any error once.
                SourceFile::decode(&display, bytes)
                    .and_then(|text| SourceFile::markdown(display.clone(), text))
                    .ok()
                    .and_then(|file| toml::from_str::<toml::Table>(file.front_matter()).ok())
                    .and_then(|table| toml::Value::Table(table).try_into::<KindOnly>().ok())
                    .and_then(|k| k.kind)
            }
        };
        seen.insert(rel.clone(), (*stamp, kind.clone()));
        if let Some(kind) = kind {
            if !matches!(kind.as_str(), "meetings" | "papers" | "pages") {
                diagnostics.push(
                    Diagnostic::error(
                        DiagnosticKind::UnknownSectionKind,
                        &display,
                        format!("unknown section kind \"{kind}\""),
                    )
                    .hint("use kind = \"meetings\", \"papers\" or \"pages\""),
                );
            }
            if kind == "meetings" && dir.as_os_str().is_empty() {
                // Meetings are addressed under their section's folder; the home page has none.
                diagnostics.push(
                    Diagnostic::error(
                        DiagnosticKind::HomeIsMeetings,
                        &display,
                        "the home page cannot be the meetings section",
                    )
                    .hint(
                        "move the meetings into a folder with its own _index.md of \
                             kind = \"meetings\", such as content/moter/",
                    ),
                );
                continue;
            }
            kinds.insert(dir, kind);
        }
    }
    *known = seen;
    Ok(kinds)
}

fn classify(rel: &Path, kinds: &BTreeMap<PathBuf, String>) -> Class {
    let is_md = rel.extension().is_some_and(|e| e == "md");
    let is_index = rel.file_name() == Some("_index.md".as_ref());
    let parent = rel.parent().unwrap_or(Path::new(""));
    if is_index && parent.as_os_str().is_empty() {
        return Class::Home;
    }
    // The nearest ancestor section that declares a kind decides.
    let ancestors: Vec<&Path> = parent.ancestors().collect();
    for (depth, dir) in ancestors.iter().enumerate() {
        match kinds.get(*dir).map(String::as_str) {
            Some("meetings") => {
                return match depth {
                    0 if is_index => Class::Section,
                    0 if is_md => Class::Page,
                    1 if is_index => Class::Meeting,
                    1 if is_md => Class::Case {
                        meeting_dir: parent.to_path_buf(),
                    },
                    _ => Class::Asset,
                }
            }
            Some("papers") => {
                return match (depth, is_index, is_md) {
                    (0, true, _) => Class::Section,
                    (0, false, true) => Class::Paper,
                    _ if is_md && is_index => Class::Section,
                    _ if is_md => Class::Page,
                    _ => Class::Asset,
                }
            }
            Some(_) => break,
            None => continue,
        }
    }
    match (is_index, is_md) {
        (true, _) => Class::Section,
        (false, true) => Class::Page,
        _ => Class::Asset,
    }
}

fn load_one(content: &Path, rel: PathBuf, class: Class) -> Result<Option<Loaded>, Error> {
    let path = content.join(&rel);
    let display = Path::new("content").join(&rel);
    if let Some(c) = rel
        .to_string_lossy()
        .chars()
        .find(|c| crate::error::hidden_char(*c))
    {
        return Ok(Some(Loaded::Invalid(vec![Diagnostic::error(
            DiagnosticKind::HiddenCharacterInPath,
            &display,
            format!(
                "the file's path holds an invisible or direction-changing character (U+{:04X}), \
                 which would make its address look like another",
                u32::from(c)
            ),
        )
        .hint("rename the file with visible characters only")])));
    }
    if let Class::Asset = class {
        let meta = fs::metadata(&path).map_err(|e| Error::read(&path, e))?;
        // Markdown under a meeting is a text rendition; keep its text for rendering.
        let markdown = if rel.extension().is_some_and(|e| e == "md") {
            let bytes = fs::read(&path).map_err(|e| Error::read(&path, e))?;
            match SourceFile::decode(&display, bytes) {
                Ok(text) => Some(Arc::new(rendition(display, text))),
                Err(diag) => return Ok(Some(Loaded::Invalid(vec![diag]))),
            }
        } else {
            None
        };
        return Ok(Some(Loaded::Asset(
            rel,
            Asset {
                source: path,
                size: meta.len(),
                markdown,
            },
        )));
    }
    let bytes = fs::read(&path).map_err(|e| Error::read(&path, e))?;
    let file = match SourceFile::decode(&display, bytes)
        .and_then(|text| SourceFile::markdown(display.clone(), text))
    {
        Ok(file) => file,
        Err(diag) => return Ok(Some(Loaded::Invalid(vec![diag]))),
    };
    let dir = rel.parent().unwrap_or(Path::new("")).to_path_buf();
    let entry = match class {
        Class::Home => parsed(file).map(Entry::Home),
        Class::Section => parsed(file).map(|page| Entry::Section { dir, page }),
        Class::Meeting => parsed(file).map(|meeting| Entry::Meeting { dir, meeting }),
        Class::Case { meeting_dir } => {
            let slug = rel
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_string();
            parsed(file).map(|case| Entry::Case {
                meeting_dir,
                slug,
                case,
            })
        }
        Class::Paper => parsed(file).map(|paper| Entry::Paper { path: rel, paper }),
        Class::Page => parsed(file).map(|page| Entry::Page { path: rel, page }),
        Class::Asset => unreachable!("assets returned above"),
    };
    Ok(Some(match entry {
        Ok(entry) => Loaded::Entry(Arc::new(entry)),
        Err(diag) => Loaded::Invalid(diag),
    }))
}

/// A text rendition may have front matter (a title) or be plain Markdown.
fn rendition(path: PathBuf, text: String) -> SourceFile {
    if text.starts_with("+++") {
        if let Ok(file) = SourceFile::markdown(path.clone(), text.clone()) {
            return file;
        }
    }
    let len = text.len();
    SourceFile {
        path,
        text,
        front: 0..0,
        body: 0..len,
    }
}

fn parsed<T: DeserializeOwned>(file: SourceFile) -> Result<Parsed<T>, Vec<Diagnostic>> {
    let value = file.parse_all::<T>()?;
    Ok(Parsed { file, value })
}

fn read_data<T: DeserializeOwned>(
    root: &Path,
    rel: &Path,
    diagnostics: &mut Diagnostics,
) -> Result<Option<Parsed<T>>, Error> {
    let path = root.join(rel);
    let bytes = fs::read(&path).map_err(|e| Error::read(&path, e))?;
    let parsed = SourceFile::decode(rel, bytes)
        .map_err(|diag| vec![diag])
        .and_then(|text| {
            let file = SourceFile::data(rel.to_path_buf(), text);
            parsed::<T>(file)
        });
    match parsed {
        Ok(p) => Ok(Some(p)),
        Err(found) => {
            diagnostics.0.extend(found);
            Ok(None)
        }
    }
}

fn read_optional<T: DeserializeOwned>(
    root: &Path,
    rel: &str,
    diagnostics: &mut Diagnostics,
) -> Result<Option<Parsed<T>>, Error> {
    let path = root.join(rel);
    if path.is_symlink() && links::link_target(root, &path) == links::LinkTarget::Outside {
        diagnostics.push(links::skipped_link(root, Path::new(rel)));
        return Ok(None);
    }
    if let Some(meta) = fs::metadata(&path).ok().filter(|m| !m.is_file()) {
        diagnostics.push(
            Diagnostic::error(
                DiagnosticKind::RegistryNotAFile,
                rel,
                format!("{rel} is {}, not a file", links::kind_of(&meta)),
            )
            .hint("a registry is a TOML file; remove what is there, or put the file in its place"),
        );
        return Ok(None);
    }
    if path.is_file() {
        read_data(root, Path::new(rel), diagnostics)
    } else {
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds() -> BTreeMap<PathBuf, String> {
        let mut k = BTreeMap::new();
        k.insert(PathBuf::from("moter"), "meetings".to_string());
        k.insert(PathBuf::from("innspill"), "papers".to_string());
        k
    }

    #[test]
    fn classifies_by_place_in_the_tree() {
        let k = kinds();
        assert!(matches!(classify(Path::new("_index.md"), &k), Class::Home));
        assert!(matches!(
            classify(Path::new("moter/_index.md"), &k),
            Class::Section
        ));
        assert!(matches!(
            classify(Path::new("moter/2024-2/_index.md"), &k),
            Class::Meeting
        ));
        assert!(matches!(
            classify(Path::new("moter/2024-2/sak-07-24.md"), &k),
            Class::Case { .. }
        ));
        assert!(matches!(
            classify(Path::new("moter/2024-2/vedlegg/a.md"), &k),
            Class::Asset
        ));
        assert!(matches!(
            classify(Path::new("innspill/a.md"), &k),
            Class::Paper
        ));
        assert!(matches!(
            classify(Path::new("tilgjengelighet.md"), &k),
            Class::Page
        ));
        assert!(matches!(classify(Path::new("bilde.png"), &k), Class::Asset));
    }
}
