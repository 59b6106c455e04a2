//! `medvirk check`: everything the build validates, plus what only a whole
//! rendered site can show: internal links and anchors that do not resolve
//! (links to input items included).
//!
//! The site is rendered in memory, never written. Every internal `href` of
//! every page is resolved against the rendered files and the `id`s on the
//! target page. A broken link is reported where it was written: the first
//! Markdown file that contains it, at its line and column; a link no content
//! file contains came from a template and is reported against the page.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::error::{Diagnostic, Diagnostics, Error};
use crate::{load, render_site, BuildOptions};

/// Loads, validates and renders the site in memory, then checks its links.
/// Returns the warnings; errors come back as [`Error::Invalid`].
pub fn check(root: &std::path::Path) -> Result<Diagnostics, Error> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        output_dir: None,
        base_url: None,
    };
    let site = render_site(&options)?;
    let sources = &site.sources;
    let mut findings = site.warnings.clone();

    let files: BTreeSet<String> = site
        .files
        .iter()
        .map(|f| f.path.clone())
        .chain(site.copies.iter().map(|c| c.path.clone()))
        .collect();
    let mut ids: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for f in site.files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&f.bytes);
        ids.insert(
            f.path.as_str(),
            attribute_values(&html, "id").into_iter().collect(),
        );
    }
    let mut markdown: Vec<&load::SourceFile> = sources.entries.iter().map(|e| e.file()).collect();
    markdown.extend(
        sources
            .assets
            .values()
            .filter_map(|a| a.markdown.as_deref()),
    );

    let mut reported = BTreeSet::new();
    for f in site.files.iter().filter(|f| f.path.ends_with(".html")) {
        let html = String::from_utf8_lossy(&f.bytes);
        for href in attribute_values(&html, "href") {
            let Some(problem) = resolve(&f.path, &href, &files, &ids) else {
                continue;
            };
            if !reported.insert((href.clone(), problem.clone())) {
                continue;
            }
            let message = format!("the link \"{href}\" does not resolve: {problem}");
            let hint = "link to a page that exists, with an anchor on it (input items are #innspill-1, #innspill-1-2, …)";
            let written = markdown.iter().find_map(|file| {
                let body = file.body_text();
                body.find(&format!("]({href}"))
                    .map(|i| (file, i + 2..i + 2 + href.len()))
            });
            findings.push(match written {
                Some((file, span)) => file
                    .body_finding(Diagnostic::error(&file.path, message), span)
                    .hint(hint),
                None => Diagnostic::error(PathBuf::from("templates").join(&f.path), message)
                    .hint("the link comes from a template, not from content"),
            });
        }
    }
    findings.sort();
    if findings.has_errors() {
        return Err(Error::Invalid(findings));
    }
    Ok(findings)
}

/// Why an `href` on the page at `page` (a file path) does not resolve, if it does not.
fn resolve(
    page: &str,
    href: &str,
    files: &BTreeSet<String>,
    ids: &BTreeMap<&str, BTreeSet<String>>,
) -> Option<String> {
    let href = href.replace("&amp;", "&").replace("&#x2F;", "/");
    if href.contains("://")
        || href.starts_with("//")
        || href.starts_with("mailto:")
        || href.starts_with("tel:")
    {
        return None;
    }
    let (path, fragment) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (href.as_str(), None),
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

/// Values of an attribute in HTML as the renderer writes it (quoted).
fn attribute_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    html.match_indices(&needle)
        .filter_map(|(i, _)| {
            let rest = &html[i + needle.len()..];
            rest.find('"').map(|end| rest[..end].to_string())
        })
        .collect()
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
}
