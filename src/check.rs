//! `medvirk check`: everything the build validates, plus what only a whole
//! rendered site can show: internal links and anchors that do not resolve
//! (links to input items included).
//!
//! The site is rendered in memory, never written. Links come from two
//! places. Those written in Markdown were gathered by the model with the
//! file and span they were written at (`model::body::Links`), and each is
//! resolved against the page its text is shown on and reported there. The
//! rest of each page's links came from a template: they and every page's
//! `id`s are read from the rendered HTML with a tokenizer (so minified,
//! unquoted attributes read the same as quoted ones), and a broken one is
//! reported against the template that rendered the page.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, DiagnosticKind, Diagnostics, Error};
use crate::load;
use crate::model::urls::{self, PageKind};
use crate::model::{html, Body, CaseRef, Site};
use crate::pipeline::{render_site, BuildOptions};

/// What to do about a link that does not resolve.
const HINT: &str = "link to a page that exists, with an anchor on it (input items are #innspill-1, #innspill-1-2, …)";

/// Loads, validates and renders the site in memory, then checks its links.
/// Returns the warnings; errors come back as [`Error::Invalid`].
pub fn check(root: &Path) -> Result<Diagnostics, Error> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        output_dir: None,
        base_url: None,
    };
    let rendered = render_site(&options)?;
    // Whatever the site holds, a render without `serve`'s cache returns it.
    let site = rendered
        .site
        .as_ref()
        .expect("an uncached render keeps its site");
    let mut findings = rendered.warnings.clone();
    findings
        .0
        .extend(crate::output::anchor_record::outdated(&site.anchor_record));

    let files: BTreeSet<String> = rendered
        .files
        .iter()
        .map(|f| f.path.clone())
        .chain(rendered.copies.iter().map(|c| c.path.clone()))
        .collect();
    // Each page's attributes, read once: its ids, and its links.
    let mut ids: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    let mut hrefs: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for f in rendered.files.iter().filter(|f| f.path.ends_with(".html")) {
        let attributes = html::attributes(&String::from_utf8_lossy(&f.bytes));
        for a in attributes {
            match a.name.as_str() {
                "id" => {
                    ids.entry(&f.path).or_default().insert(a.value);
                }
                "href" | "src" => hrefs.entry(&f.path).or_default().push(a.value),
                _ => {}
            }
        }
    }
    let sources = source_files(&rendered.sources);

    let mut reported = BTreeSet::new();
    for page in &site.site_map {
        let file = urls::file_path(&page.path);
        // What the page's texts link to, as the HTML writer may have encoded it.
        let mut written = BTreeSet::new();
        for body in bodies(site, &page.kind) {
            let links = &body.links;
            for link in &links.list {
                written.insert(decoded(&link.dest));
                let Some(problem) = resolve(&file, &link.dest, &files, &ids) else {
                    continue;
                };
                let message = format!("the link \"{}\" does not resolve: {problem}", link.dest);
                let diagnostic =
                    Diagnostic::error(DiagnosticKind::BrokenLink, &links.file, message);
                findings.push(
                    match sources.get(links.file.as_path()) {
                        Some(source) => source.finding_at(diagnostic, link.span.clone()),
                        None => diagnostic,
                    }
                    .hint(HINT),
                );
            }
        }
        let template = crate::render::template(&page.kind, site);
        for href in hrefs.get(file.as_str()).into_iter().flatten() {
            if written.contains(&decoded(href)) {
                continue;
            }
            let Some(problem) = resolve(&file, href, &files, &ids) else {
                continue;
            };
            // A template's link is the same on every page it renders: reported once.
            if !reported.insert((template.clone(), href.clone(), problem.clone())) {
                continue;
            }
            findings.push(
                Diagnostic::error(DiagnosticKind::BrokenTemplateLink,
                    PathBuf::from("templates").join(&template),
                    format!("the link \"{href}\" does not resolve: {problem}"),
                )
                .hint(format!(
                    "the link comes from the template {template} (or one it extends or includes), on the page {}",
                    page.path
                )),
            );
        }
    }
    findings.sort();
    if findings.has_errors() {
        return Err(Error::Invalid(findings));
    }
    Ok(findings)
}

/// Every text file that was read, by its path.
fn source_files(sources: &load::Sources) -> HashMap<&Path, &load::SourceFile> {
    sources
        .entries
        .iter()
        .map(|e| e.file())
        .chain(
            sources
                .assets
                .values()
                .filter_map(|a| a.markdown.as_deref()),
        )
        .chain(sources.council.as_ref().map(|c| &c.file))
        .map(|f| (f.path.as_path(), f))
        .collect()
}

/// The Markdown texts a page shows.
fn bodies<'a>(site: &'a Site, kind: &PageKind) -> Vec<&'a Body> {
    let section = |s: &'a Option<crate::model::Page>| s.iter().map(|p| &p.body).collect();
    match kind {
        PageKind::Home => vec![&site.home.body, &site.council_description],
        PageKind::Meetings => section(&site.meetings_section),
        PageKind::Papers => section(&site.papers_section),
        PageKind::Meeting(i) => vec![&site.meetings[*i].body],
        PageKind::Case(r) => vec![&site.case(*r).body],
        PageKind::Attachment(r, i) => attachment(site, *r, *i).into_iter().collect(),
        PageKind::Paper(i) => vec![&site.papers[*i].body],
        PageKind::Page(i) => vec![&site.pages[*i].body],
        _ => Vec::new(),
    }
}

fn attachment(site: &Site, r: CaseRef, i: usize) -> Option<&Body> {
    site.case(r).attachments[i]
        .text
        .as_ref()
        .map(|(_, body)| body)
}

/// A link as it reads once percent-encoding is undone, for matching what
/// Markdown wrote with what the page holds.
fn decoded(href: &str) -> String {
    percent_encoding::percent_decode_str(href)
        .decode_utf8_lossy()
        .into_owned()
}

/// Whether `href` leaves the site: a scheme (`https:`, `mailto:`) or `//`.
fn is_external(href: &str) -> bool {
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

/// Why an `href` on the page at `page` (a file path) does not resolve, if it does not.
fn resolve(
    page: &str,
    href: &str,
    files: &BTreeSet<String>,
    ids: &BTreeMap<&str, BTreeSet<String>>,
) -> Option<String> {
    if is_external(href) {
        return None;
    }
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (href, None),
    };
    let path = path.split('?').next().unwrap_or("");
    let target = if path.is_empty() {
        page.to_string()
    } else {
        let joined = if path.starts_with('/') {
            path.to_string()
        } else {
            let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
            format!("/{dir}/{path}")
        };
        let Some(normal) = normalise(&joined) else {
            return Some("it points outside the site".into());
        };
        let decoded = percent_encoding::percent_decode_str(&normal)
            .decode_utf8_lossy()
            .into_owned();
        if decoded.is_empty() || decoded.ends_with('/') {
            format!("{decoded}index.html")
        } else {
            decoded
        }
    };
    if !files.contains(&target) {
        return Some(format!(
            "there is no page \"/{}\"",
            target.trim_end_matches("index.html")
        ));
    }
    match fragment {
        Some(f) if !f.is_empty() && target.ends_with(".html") => {
            let known = ids.get(target.as_str()).is_some_and(|s| s.contains(f));
            (!known).then(|| {
                format!(
                    "\"/{}\" has no element with id \"{f}\"",
                    target.trim_end_matches("index.html")
                )
            })
        }
        _ => None,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_against_files_and_ids() {
        let files: BTreeSet<String> = ["index.html", "moter/a/index.html", "x.pdf"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut ids = BTreeMap::new();
        ids.insert(
            "moter/a/index.html",
            BTreeSet::from(["innspill-1".to_string()]),
        );
        ids.insert("index.html", BTreeSet::new());
        let page = "moter/a/index.html";
        assert_eq!(resolve(page, "/moter/a/#innspill-1", &files, &ids), None);
        assert_eq!(resolve(page, "#innspill-1", &files, &ids), None);
        assert_eq!(resolve(page, "../../x.pdf", &files, &ids), None);
        assert_eq!(resolve(page, "https://example.no/", &files, &ids), None);
        assert!(resolve(page, "#innspill-9", &files, &ids)
            .unwrap()
            .contains("no element with id \"innspill-9\""));
        assert!(resolve(page, "/moter/b/", &files, &ids)
            .unwrap()
            .contains("no page \"/moter/b/\""));
        assert!(resolve(page, "../../../../etc", &files, &ids).is_some());
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
