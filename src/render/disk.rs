//! Pages for a copy of the site opened from disk (`medvirk build --for-disk`).
//!
//! On the web every internal link is written from the site's root
//! (`/moter/2024-2/`) and ends in a folder, which the server answers with its
//! `index.html`. Opened as `file://`, a root-relative link points at the
//! disk's root and a folder shows as a listing, so here each link is made
//! relative to the page and names the file: `../../moter/2024-2/index.html`
//! (as mdBook writes its links). The rewrite runs on the rendered page, so
//! templates, Markdown bodies, raw HTML, attachments and fingerprinted assets
//! are all covered alike. `lol_html` rewrites the attributes in place and
//! keeps every other byte of the page as it was.

use lol_html::errors::AttributeNameError;
use lol_html::html_content::Element;
use lol_html::{element, rewrite_str, RewriteStrSettings};

use crate::error::Error;

/// The attributes that hold one URL.
const URL_ATTRIBUTES: [&str; 6] = [
    "href",
    "src",
    "action",
    "poster",
    "data-sok-js",
    "data-indeks",
];

/// `html`, the page written at `file` ("moter/2024-2/index.html"), with each
/// internal link relative to the page and ending in a file.
pub(super) fn relative_links(html: &str, file: &str) -> Result<String, Error> {
    let to_root = "../".repeat(file.matches('/').count());
    let rewritten = rewrite_str(
        html,
        RewriteStrSettings {
            element_content_handlers: vec![element!("*", |el| {
                rewrite(el, &to_root)?;
                Ok(())
            })],
            ..RewriteStrSettings::new()
        },
    );
    rewritten.map_err(|e| Error::Template(format!("making the links of {file} relative: {e}")))
}

/// The URLs of one element, made relative.
fn rewrite(el: &mut Element<'_, '_>, to_root: &str) -> Result<(), AttributeNameError> {
    for name in URL_ATTRIBUTES {
        if let Some(value) = el.get_attribute(name) {
            if let Some(new) = relative(&value, to_root) {
                el.set_attribute(name, &new)?;
            }
        }
    }
    if let Some(value) = el.get_attribute("srcset") {
        el.set_attribute("srcset", &relative_srcset(&value, to_root))?;
    }
    Ok(())
}

/// `url` as seen from a page `to_root` below the site's root, or `None`
/// when it stays as written: another site (`https:`, `mailto:`, `//host`),
/// or a place on the same page (`#id`, `?q=`).
fn relative(url: &str, to_root: &str) -> Option<String> {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    let (path, rest) = url.split_at(end);
    if path.is_empty() || path.starts_with("//") || has_scheme(path) {
        return None;
    }
    let path = match path.strip_prefix('/') {
        Some(from_root) => format!("{to_root}{from_root}"),
        None => path.to_string(),
    };
    Some(format!("{}{rest}", naming_file(path)))
}

/// A link to a folder, ending in its `index.html`. A last segment without a
/// dot is a folder: every page is a folder, every file has an extension.
fn naming_file(path: String) -> String {
    let last = path.rsplit('/').next().unwrap_or("");
    match last {
        "" if path.is_empty() => "index.html".into(),
        "" => format!("{path}index.html"),
        _ if !last.contains('.') || last == "." || last == ".." => format!("{path}/index.html"),
        _ => path,
    }
}

/// Whether `path` starts with a scheme (`https:`, `mailto:`, `data:`).
fn has_scheme(path: &str) -> bool {
    let before = path.split(['/', ':']).next().unwrap_or("");
    path.len() > before.len()
        && path[before.len()..].starts_with(':')
        && before.starts_with(|c: char| c.is_ascii_alphabetic())
        && before
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Each URL of a `srcset` ("/a.png 1x, /b.png 2x") made relative.
fn relative_srcset(srcset: &str, to_root: &str) -> String {
    srcset
        .split(',')
        .map(|candidate| {
            let candidate = candidate.trim();
            let (url, descriptor) = candidate
                .split_once(char::is_whitespace)
                .unwrap_or((candidate, ""));
            let url = relative(url, to_root).unwrap_or_else(|| url.to_string());
            match descriptor.trim() {
                "" => url,
                d => format!("{url} {d}"),
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(html: &str, file: &str) -> String {
        relative_links(html, file).unwrap()
    }

    #[test]
    fn root_links_become_relative_and_name_the_file() {
        let html = r#"<a href="/moter/2024-2/">m</a><a href=/>h</a><link rel=stylesheet href="/style.0a1b2c3d.css">"#;
        assert_eq!(
            page(html, "moter/2024-2/sak-07-24/index.html"),
            r#"<a href="../../../moter/2024-2/index.html">m</a><a href="../../../index.html">h</a><link rel=stylesheet href="../../../style.0a1b2c3d.css">"#
        );
        assert_eq!(
            page(r#"<a href="/moter/">m</a>"#, "index.html"),
            r#"<a href="moter/index.html">m</a>"#
        );
    }

    #[test]
    fn anchors_queries_and_relative_folders_are_kept() {
        let html = r#"<a href="/moter/2024-2/sak-07-24/#innspill-1">i</a><form action="/sok/?q=a&amp;b=c"></form><a href="../sak-08-24/">s</a><a href="vedlegg.pdf">v</a><a href="..">u</a>"#;
        assert_eq!(
            page(html, "moter/2024-2/sak-07-24/index.html"),
            r#"<a href="../../../moter/2024-2/sak-07-24/index.html#innspill-1">i</a><form action="../../../sok/index.html?q=a&amp;b=c"></form><a href="../sak-08-24/index.html">s</a><a href="vedlegg.pdf">v</a><a href="../index.html">u</a>"#
        );
    }

    #[test]
    fn other_sites_and_places_on_the_page_are_left_alone() {
        let html = r##"<a href="https://example.no/a/">x</a><a href="mailto:a@b.no">m</a><a href="//cdn.example.no/x">c</a><a href="#hovedinnhold">h</a><a href="?side=2">p</a><img src="data:image/png;base64,AA" alt="">"##;
        assert_eq!(page(html, "moter/index.html"), html);
    }

    #[test]
    fn srcset_script_and_unquoted_values_are_rewritten() {
        let html = r#"<img src=/a.png srcset="/a.png 1x, /b.png 2x" alt=""><script src=/sok.1.js defer></script><form data-sok-js="/sok.1.js" data-indeks=/sok/indeks.json></form>"#;
        assert_eq!(
            page(html, "tema/index.html"),
            r#"<img src="../a.png" srcset="../a.png 1x, ../b.png 2x" alt=""><script src="../sok.1.js" defer></script><form data-sok-js="../sok.1.js" data-indeks="../sok/indeks.json"></form>"#
        );
    }

    #[test]
    fn text_that_looks_like_a_link_is_not_touched() {
        let html = r#"<p>Se href="/moter/"</p><script>var a = '<a href="/x/">';</script>"#;
        assert_eq!(page(html, "a/index.html"), html);
    }
}
