//! Whether the links and images of a rendered site lead anywhere: the one
//! resolver `build`, `serve` and `check` share.
//!
//! A link on a page is resolved against the files the site has ([`Targets`]:
//! its pages, assets, copies and feeds) and, for a `#fragment`, against the
//! `id`s of the page it names. The links written in Markdown come from the
//! model, with the file and span they were written at, so they are checked
//! without reading any page again; only the pages a fragment points into are
//! read for their ids ([`anchored_pages`]). `check` also reads every page for
//! the links its template wrote, and resolves those here too.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::error::{Diagnostic, DiagnosticKind, Diagnostics};
use crate::load::SourceFile;
use crate::model::urls::{self, PageKind};
use crate::model::{html, Body, Site};

/// What to do about a link that does not resolve.
pub const LINK_HINT: &str =
    "link to a page that exists, with an anchor on it (input items are #innspill-1, #innspill-1-2, …)";

/// What to do about an image whose file is not in the site.
pub const IMAGE_HINT: &str =
    "put the image file beside the page's Markdown file (or in static/), or correct the file name";

/// Everything a link can lead to: the site's files, and the ids of the
/// pages whose ids were read.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    /// Every file of the output, as a path from its root ("moter/a/index.html").
    files: BTreeSet<String>,
    /// The ids of each page read, by its file path.
    ids: BTreeMap<String, BTreeSet<String>>,
    /// Addresses of pages that would exist but for an error in their source:
    /// a link into one is the echo of that error, not a mistake of its own.
    gone: Vec<String>,
}

/// Why a link does not resolve, and the closest thing that exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// "there is no page \"/moter/b/\"".
    pub text: String,
    /// A page or id that exists and is spelt nearly the same.
    pub closest: Option<String>,
}

impl Targets {
    /// The targets of a site with these files and no ids read yet.
    pub fn new(files: impl IntoIterator<Item = String>) -> Targets {
        Targets {
            files: files.into_iter().collect(),
            ..Targets::default()
        }
    }

    /// Records the ids of the page at `file`.
    pub fn add_ids(&mut self, file: String, ids: BTreeSet<String>) {
        self.ids.insert(file, ids);
    }

    /// Addresses ("/moter/2024-2/") a link may lead into without being
    /// reported, because their pages were left out for errors of their own.
    pub fn gone(mut self, addresses: impl IntoIterator<Item = String>) -> Targets {
        self.gone.extend(addresses);
        self
    }

    /// Why `href` on the page at `page` (a file path) does not resolve, if
    /// it does not.
    pub fn resolve(&self, page: &str, href: &str) -> Option<Problem> {
        let (target, fragment) = match target(page, href)? {
            Ok(found) => found,
            Err(text) => {
                return Some(Problem {
                    text,
                    closest: None,
                })
            }
        };
        let address = format!("/{}", target.trim_end_matches("index.html"));
        if self.is_gone(&address) {
            return None;
        }
        if !self.files.contains(&target) {
            let what = if target.ends_with("index.html") {
                "page"
            } else {
                "file"
            };
            return Some(Problem {
                text: format!("there is no {what} \"{address}\""),
                closest: self.closest_file(&target),
            });
        }
        let f = fragment.filter(|f| !f.is_empty() && target.ends_with(".html"))?;
        let ids = self.ids.get(target.as_str());
        if ids.is_some_and(|s| s.contains(f)) {
            return None;
        }
        Some(Problem {
            text: format!("\"{address}\" has no element with id \"{f}\""),
            closest: ids
                .and_then(|s| crate::spelling::closest(f, s.iter().map(String::as_str)))
                .map(|id| format!("{address}#{id}")),
        })
    }

    /// Whether `address` is, or is under, the address of a page left out.
    fn is_gone(&self, address: &str) -> bool {
        self.gone.iter().any(|g| {
            address == g || (g.ends_with('/') && g != urls::HOME && address.starts_with(g.as_str()))
        })
    }

    /// The file in the same folder as `target` spelt most like it, as an address.
    fn closest_file(&self, target: &str) -> Option<String> {
        // "moter/a/index.html" → ("moter", "a/"); "moter/x.pdf" → ("moter", "x.pdf").
        let split = |f: &str| {
            let page = f.strip_suffix("index.html");
            let f = f.trim_end_matches("index.html").trim_end_matches('/');
            let (dir, name) = f.rsplit_once('/').unwrap_or(("", f));
            let slash = if page.is_some() { "/" } else { "" };
            (dir.to_string(), format!("{name}{slash}"))
        };
        let (within, name) = split(target);
        let candidates: Vec<String> = self
            .files
            .iter()
            .map(|f| split(f))
            .filter(|(dir, name)| *dir == within && name != "/")
            .map(|(_, name)| name)
            .collect();
        let near = crate::spelling::closest(&name, candidates.iter().map(String::as_str));
        if let Some(f) = near {
            let dir = if within.is_empty() {
                String::new()
            } else {
                format!("{within}/")
            };
            return Some(format!("/{dir}{f}"));
        }
        // A relative address is read from the page's address, a folder
        // below the file's own: `bilde.png` beside a case's file is `../bilde.png`.
        let file = target
            .rsplit('/')
            .next()
            .filter(|f| !f.is_empty() && *f != "index.html")?;
        let mut folder = within.as_str();
        while let Some((up, _)) = folder.rsplit_once('/') {
            folder = up;
            let there = format!("{folder}/{file}");
            if self.files.contains(&there) {
                return Some(format!("/{there}"));
            }
        }
        let top = file.to_string();
        self.files.contains(&top).then(|| format!("/{top}"))
    }
}

/// The file an internal `href` on the page at `page` names, with its
/// fragment: `None` for a link out of the site, an error when it climbs
/// out of the site's root.
fn target<'h>(page: &str, href: &'h str) -> Option<Result<(String, Option<&'h str>), String>> {
    if is_external(href) {
        return None;
    }
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap_or("");
    if path.is_empty() {
        return Some(Ok((page.to_string(), fragment)));
    }
    let joined = if path.starts_with('/') {
        path.to_string()
    } else {
        let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        format!("/{dir}/{path}")
    };
    let Some(normal) = normalise(&joined) else {
        return Some(Err("it points outside the site".into()));
    };
    let decoded = decoded(&normal);
    let file = if decoded.is_empty() || decoded.ends_with('/') {
        format!("{decoded}index.html")
    } else {
        decoded
    };
    Some(Ok((file, fragment)))
}

/// A link as it reads once percent-encoding is undone, for matching what
/// Markdown wrote with what the page holds.
pub fn decoded(href: &str) -> String {
    percent_encoding::percent_decode_str(href)
        .decode_utf8_lossy()
        .into_owned()
}

/// Whether `href` leaves the site: a scheme (`https:`, `mailto:`) or `//`.
pub fn is_external(href: &str) -> bool {
    if href.starts_with("//") {
        return true;
    }
    let Some((scheme, _)) = href.split_once(':') else {
        return false;
    };
    !scheme.is_empty()
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// "/a/b/../c/" → "a/c/"; `None` when it climbs out of the site.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    if path.ends_with('/') && !out.is_empty() {
        out.push('/');
    }
    Some(out)
}

/// The `id`s of an HTML page.
pub fn ids(page: &str) -> BTreeSet<String> {
    html::attributes(page)
        .into_iter()
        .filter(|a| a.name == "id")
        .map(|a| a.value)
        .collect()
}

/// The Markdown texts a page shows.
pub fn bodies<'a>(site: &'a Site, kind: &PageKind) -> Vec<&'a Body> {
    let section = |s: &'a Option<crate::model::Page>| s.iter().map(|p| &p.body).collect();
    match kind {
        PageKind::Home => vec![&site.home.body, &site.council_description],
        PageKind::Meetings => section(&site.meetings_section),
        PageKind::Papers => section(&site.papers_section),
        PageKind::Meeting(i) => vec![&site.meetings[*i].body],
        PageKind::Case(r) => vec![&site.case(*r).body],
        PageKind::Attachment(r, i) => site.case(*r).attachments[*i]
            .text
            .as_ref()
            .map(|(_, body)| body)
            .into_iter()
            .collect(),
        PageKind::Paper(i) => vec![&site.papers[*i].body],
        PageKind::Page(i) => vec![&site.pages[*i].body],
        _ => Vec::new(),
    }
}

/// The pages (by file path) a Markdown link's `#fragment` points into:
/// the only pages whose ids [`markdown_findings`] needs.
pub fn anchored_pages(site: &Site) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for page in &site.site_map {
        let file = urls::file_path(&page.path);
        for body in bodies(site, &page.kind) {
            for link in body.links.list.iter().filter(|l| l.dest.contains('#')) {
                if let Some(Ok((target, Some(_)))) = target(&file, &link.dest) {
                    out.insert(target);
                }
            }
        }
    }
    out
}

/// Each link and image written in the site's Markdown that does not
/// resolve against `targets`, resolved against the page its text is shown
/// on and reported as a warning where it was written. `source` gives the
/// text of a file, to show the line (`None`: the finding names the file
/// alone).
pub fn markdown_findings(
    site: &Site,
    targets: &Targets,
    source: &dyn Fn(&Path) -> Option<SourceFile>,
) -> Diagnostics {
    let mut found = Vec::new();
    for page in &site.site_map {
        let file = urls::file_path(&page.path);
        for body in bodies(site, &page.kind) {
            let links = &body.links;
            for link in &links.list {
                let Some(problem) = targets.resolve(&file, &link.dest) else {
                    continue;
                };
                found.push((links.file.as_path(), link, problem));
            }
        }
    }
    // A text shown on two pages (the council's description) is one mistake.
    found.dedup_by(|a, b| a.0 == b.0 && a.1.span == b.1.span);
    let mut texts: BTreeMap<&Path, Option<SourceFile>> = BTreeMap::new();
    let mut out = Diagnostics::default();
    for (path, link, problem) in found {
        let (kind, message, hint) = if link.image {
            (
                DiagnosticKind::MissingImage,
                format!(
                    "the image \"{}\" is not in the site: {}",
                    link.dest, problem.text
                ),
                IMAGE_HINT,
            )
        } else {
            (
                DiagnosticKind::BrokenLink,
                format!(
                    "the link \"{}\" does not resolve: {}",
                    link.dest, problem.text
                ),
                LINK_HINT,
            )
        };
        let diagnostic = Diagnostic::warning(kind, path, message);
        let text = texts.entry(path).or_insert_with(|| source(path));
        let located = match text {
            Some(text) => text.finding_at(diagnostic, link.span.clone()),
            None => diagnostic,
        };
        out.push(located.hint(with_closest(&problem, hint)));
    }
    out
}

/// The hint for `problem`: "did you mean …?" when something close exists.
pub fn with_closest(problem: &Problem, hint: &str) -> String {
    match &problem.closest {
        Some(c) => format!("did you mean \"{c}\"? {hint}"),
        None => hint.to_string(),
    }
}

/// The text of the file at `rel` under `root`, read again from disk, for
/// locating a finding when the build no longer holds its sources.
pub fn source_on_disk(root: &Path, rel: &Path) -> Option<SourceFile> {
    let bytes = std::fs::read(root.join(rel)).ok()?;
    let text = SourceFile::decode(rel, bytes).ok()?;
    Some(SourceFile::data(rel.to_path_buf(), text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn targets() -> Targets {
        let mut t = Targets::new(
            [
                "index.html",
                "moter/a/index.html",
                "moter/2024-2/index.html",
                "x.pdf",
            ]
            .iter()
            .map(|s| s.to_string()),
        );
        t.add_ids(
            "moter/a/index.html".into(),
            BTreeSet::from(["innspill-1".to_string()]),
        );
        t.add_ids("index.html".into(), BTreeSet::new());
        t
    }

    #[test]
    fn links_resolve_against_files_and_ids() {
        let t = targets();
        let page = "moter/a/index.html";
        assert_eq!(t.resolve(page, "/moter/a/#innspill-1"), None);
        assert_eq!(t.resolve(page, "#innspill-1"), None);
        assert_eq!(t.resolve(page, "../../x.pdf"), None);
        assert_eq!(t.resolve(page, "https://example.no/"), None);
        let p = t.resolve(page, "#innspill-2").unwrap();
        assert!(p.text.contains("no element with id \"innspill-2\""));
        assert_eq!(p.closest.as_deref(), Some("/moter/a/#innspill-1"));
        let p = t.resolve(page, "/moter/2024-3/").unwrap();
        assert!(p.text.contains("no page \"/moter/2024-3/\""), "{p:?}");
        assert_eq!(p.closest.as_deref(), Some("/moter/2024-2/"));
        let p = t.resolve(page, "/moter/b/").unwrap();
        assert_eq!(p.closest, None, "another word is no misspelling");
        assert!(t.resolve(page, "../../../../etc").is_some());
        // An image beside the page's file, linked as if from that folder.
        let p = t.resolve("moter/a/sak/index.html", "x.pdf").unwrap();
        assert_eq!(p.closest.as_deref(), Some("/x.pdf"));
    }

    #[test]
    fn a_link_into_a_page_left_out_for_its_errors_is_no_finding() {
        let t = targets().gone(["/moter/c/".to_string(), "/".to_string()]);
        let page = "index.html";
        assert_eq!(t.resolve(page, "/moter/c/"), None);
        assert_eq!(t.resolve(page, "/moter/c/sak-1/#innspill-1"), None);
        // The home page left out does not hide every other page.
        assert!(t.resolve(page, "/moter/d/").is_some());
    }

    #[test]
    fn any_scheme_leaves_the_site() {
        for href in [
            "https://a.no/",
            "mailto:a@b.no",
            "tel:+4712345678",
            "javascript:void(0)",
            "//cdn.no/x.js",
        ] {
            assert!(is_external(href), "{href}");
        }
        for href in ["/moter/", "bilde.png", "#innspill-1", "moter/a:b/", ":x"] {
            assert!(!is_external(href), "{href}");
        }
    }
}
