//! `medvirk check`: everything the build validates, plus what only a whole
//! rendered site can show: internal links and anchors that do not resolve
//! (links to input items included), and images whose file is not there.
//!
//! The site is rendered in memory, never written. Links come from two
//! places. Those written in Markdown were gathered by the model with the
//! file and span they were written at (`model::body::Links`), and each is
//! resolved against the page its text is shown on and reported there, as
//! `build` reports them (one resolver, `render::links`). The rest of each
//! page's links came from a template: they and every page's `id`s are read
//! from the rendered HTML with a tokenizer (so minified, unquoted attributes
//! read the same as quoted ones), and a broken one is reported against the
//! template that rendered the page.
//!
//! A site with errors is still checked for links: the files that hold
//! errors are left out (and the files whose errors that leaves behind,
//! until none is left), the rest is rendered, and a link into a page left
//! out is not reported, since its cause already is (see `check::partial`).

mod partial;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::error::{Diagnostic, DiagnosticKind, Diagnostics, Error, Severity};
use crate::model::html;
use crate::model::urls;
use crate::pipeline::{render_site, source_of, BuildOptions, RenderedSite};
use crate::render::links::{self, Targets};

/// Loads, validates and renders the site in memory, then checks its links.
/// Returns the warnings; errors come back as [`Error::Invalid`], with the
/// broken links of what could be built of the site.
pub fn check(root: &std::path::Path) -> Result<Diagnostics, Error> {
    let options = BuildOptions {
        root: root.to_path_buf(),
        output_dir: None,
        base_url: None,
    };
    let rendered = match render_site(&options) {
        Ok(rendered) => rendered,
        Err(Error::Invalid(found)) => return Err(partial::check_around(&options, found)),
        Err(other) => return Err(other),
    };
    let findings = links_of(rendered, Vec::new());
    if findings.has_errors() {
        return Err(Error::Invalid(findings));
    }
    Ok(findings)
}

/// The warnings of `rendered` with every link and image of it resolved, the
/// broken ones as errors; a link into an address of `gone` is not reported.
fn links_of(rendered: RenderedSite, gone: Vec<String>) -> Diagnostics {
    // Whatever the site holds, a render without `serve`'s cache returns it.
    let Some(site) = rendered.site.as_ref() else {
        return rendered.warnings;
    };
    // The render's own look at the Markdown's links read only the pages
    // they anchor into; here every page's ids are read, so it is redone.
    let mut findings = Diagnostics(
        rendered
            .warnings
            .0
            .iter()
            .filter(|d| !d.kind.is_broken_link())
            .cloned()
            .collect(),
    );
    findings
        .0
        .extend(crate::output::anchor_record::outdated(&site.anchor_record));

    let mut targets = Targets::new(
        rendered
            .files
            .iter()
            .map(|f| f.path.clone())
            .chain(rendered.copies.iter().map(|c| c.path.clone())),
    )
    .gone(gone);
    // Each page's attributes, read once: its ids, and its links.
    let mut hrefs: BTreeMap<&str, Vec<html::Attribute>> = BTreeMap::new();
    for f in rendered.files.iter().filter(|f| f.path.ends_with(".html")) {
        let mut ids = BTreeSet::new();
        for a in html::attributes(&String::from_utf8_lossy(&f.bytes)) {
            match a.name.as_str() {
                "id" => {
                    ids.insert(a.value);
                }
                "href" | "src" => hrefs.entry(&f.path).or_default().push(a),
                _ => {}
            }
        }
        targets.add_ids(f.path.clone(), ids);
    }
    let sources = &rendered.sources;
    let markdown = links::markdown_findings(site, &targets, &|path| source_of(sources, path));
    findings.0.extend(markdown.0.into_iter().map(|mut d| {
        // Before publishing, a link that leads nowhere is a mistake to fix.
        d.severity = Severity::Error;
        d
    }));

    let mut reported = BTreeSet::new();
    for page in &site.site_map {
        let file = urls::file_path(&page.path);
        // What the page's texts link to, as the HTML writer may have encoded it.
        let written: BTreeSet<String> = links::bodies(site, &page.kind)
            .iter()
            .flat_map(|body| body.links.list.iter())
            .map(|link| links::decoded(&link.dest))
            .collect();
        let template = crate::render::template(&page.kind, site);
        for a in hrefs.get(file.as_str()).into_iter().flatten() {
            let href = &a.value;
            if written.contains(&links::decoded(href)) {
                continue;
            }
            let Some(problem) = targets.resolve(&file, href) else {
                continue;
            };
            // A template's link is the same on every page it renders: reported once.
            if !reported.insert((template.clone(), href.clone(), problem.text.clone())) {
                continue;
            }
            let place = PathBuf::from("templates").join(&template);
            let diagnostic = if a.element == "img" && a.name == "src" {
                Diagnostic::error(
                    DiagnosticKind::MissingTemplateImage,
                    place,
                    format!("the image \"{href}\" is not in the site: {}", problem.text),
                )
            } else {
                Diagnostic::error(
                    DiagnosticKind::BrokenTemplateLink,
                    place,
                    format!("the link \"{href}\" does not resolve: {}", problem.text),
                )
            };
            findings.push(diagnostic.hint(format!(
                "{}the link comes from the template {template} (or one it extends or includes), on the page {}",
                problem.closest.as_ref().map(|c| format!("did you mean \"{c}\"? ")).unwrap_or_default(),
                page.path
            )));
        }
    }
    findings.sort();
    findings
}
