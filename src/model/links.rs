//! The links written in Markdown, with where they were written, so that
//! `check` can resolve each one and report a broken one at its place.
//!
//! Gathered from pulldown-cmark's events as a body is parsed: inline and
//! reference links, autolinks, images, and `href`/`src` in raw HTML (read
//! with a tokenizer, [`super::html`]).

use std::ops::Range;

use pulldown_cmark::{Event, Tag};

/// The links of a body and the file they were written in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Links {
    /// The file, relative to the site root.
    pub file: std::path::PathBuf,
    /// Each link in the order written.
    pub list: Vec<Link>,
}

/// A link (or image) written in Markdown: `[text](dest)`, a reference
/// link, an autolink, or an `href`/`src` in raw HTML.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Where it points, as written.
    pub dest: String,
    /// Byte range of the destination in the file's text (of the whole link
    /// when the destination is not written there, as with a reference).
    pub span: Range<usize>,
    /// An image (`![alt](dest)` or `<img src>`): shown in the page, so a
    /// missing file is a hole in it, not a link that goes nowhere.
    pub image: bool,
}

/// Every link of Markdown `events` parsed from `text`, with its byte range
/// in `text`.
pub fn links(events: &[(Event<'_>, Range<usize>)], text: &str) -> Vec<Link> {
    let mut out = Vec::new();
    let locate = |dest: &str, range: &Range<usize>| {
        text.get(range.clone())
            .and_then(|written| written.find(dest))
            .filter(|_| !dest.is_empty())
            .map_or(range.clone(), |i| {
                range.start + i..range.start + i + dest.len()
            })
    };
    // Raw HTML comes line by line: a tag may go on over lines.
    let mut html: Option<Range<usize>> = None;
    let flush = |html: &mut Option<Range<usize>>, out: &mut Vec<Link>| {
        if let Some(range) = html.take() {
            for a in super::html::links(text.get(range.clone()).unwrap_or_default()) {
                out.push(Link {
                    span: locate(&a.value, &range),
                    image: a.element == "img" && a.name == "src",
                    dest: a.value,
                });
            }
        }
    };
    for (event, range) in events {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                html = Some(match html.take() {
                    Some(open) => open.start..range.end.max(open.end),
                    None => range.clone(),
                });
                continue;
            }
            _ => flush(&mut html, &mut out),
        }
        if let Event::Start(tag @ (Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })) =
            event
        {
            out.push(Link {
                dest: dest_url.to_string(),
                span: locate(dest_url, range),
                image: matches!(tag, Tag::Image { .. }),
            });
        }
    }
    flush(&mut html, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::body::events;

    #[test]
    fn links_of_every_kind_are_found_where_they_are_written() {
        let text = "Se [møtet](/moter/a/#dagsorden) og [saken][s], <https://example.no/>.\n\n\
                    ![Kart](kart.png)\n\n<p>Rå <a class=x href=/rå/>lenke</a></p>\n\n\
                    <div\n  id=\"d\"><img alt=\"\" src='/bilde.png'></div>\n\n[s]: /moter/a/sak/\n";
        let found = links(&events(text), text);
        let dests: Vec<&str> = found.iter().map(|l| l.dest.as_str()).collect();
        assert_eq!(
            dests,
            [
                "/moter/a/#dagsorden",
                "/moter/a/sak/",
                "https://example.no/",
                "kart.png",
                "/rå/",
                "/bilde.png"
            ]
        );
        for Link { dest, span, .. } in &found {
            if dest != "/moter/a/sak/" {
                assert_eq!(&text[span.clone()], dest, "{dest} is located");
            } else {
                assert_eq!(&text[span.clone()], "[saken][s]", "a reference is the link");
            }
        }
        let images: Vec<&str> = found
            .iter()
            .filter(|l| l.image)
            .map(|l| l.dest.as_str())
            .collect();
        assert_eq!(
            images,
            ["kart.png", "/bilde.png"],
            "images are told from links"
        );
    }
}
