//! Stage 2, model: bounds on what a body may hold, checked before anything
//! walks it: how deep Markdown and raw HTML nest, and links with a
//! dangerous scheme.

use super::*;

/// Lists may nest this deep; an input item is a list item, and its
/// children are walked, rendered and dropped by recursion.
pub const MAX_LIST_DEPTH: usize = 100;

/// Any Markdown (quotes, emphasis, lists) may nest this deep: the pages'
/// HTML goes through a sanitiser and a minifier that recurse per element.
pub const MAX_NESTING: usize = 1000;

/// A problem at the first element nested deeper than the limits, found
/// before anything recurses over the events; pulldown-cmark itself parses
/// without recursion. Raw HTML counts too: the sanitiser's HTML parser
/// looks through every open element for each tag, so 100,000 nested
/// `<div>`s took a minute.
pub(super) fn too_deep(events: &[(Event<'static>, Range<usize>)]) -> Option<BodyProblem> {
    let (mut depth, mut lists) = (0usize, 0usize);
    for (event, range) in events {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => {
                for (at, change) in html_nesting(html) {
                    depth = depth.saturating_add_signed(change);
                    if depth > MAX_NESTING {
                        return Some(BodyProblem {
                            kind: DiagnosticKind::HtmlTooDeep,
                            offset: range.start + at,
                            message: format!(
                                "HTML elements nested deeper than {MAX_NESTING} levels"
                            ),
                            hint: "nest less: nobody can follow that many levels".into(),
                        });
                    }
                }
            }
            Event::Start(tag) => {
                depth += 1;
                if matches!(tag, Tag::List(_)) {
                    lists += 1;
                }
                if lists > MAX_LIST_DEPTH {
                    return Some(BodyProblem {
                        kind: DiagnosticKind::ListTooDeep,
                        offset: range.start,
                        message: format!("a list nested deeper than {MAX_LIST_DEPTH} levels"),
                        hint: "flatten the list: nobody can follow that many levels".into(),
                    });
                }
                if depth > MAX_NESTING {
                    return Some(BodyProblem {
                        kind: DiagnosticKind::MarkdownTooDeep,
                        offset: range.start,
                        message: format!(
                            "Markdown nested deeper than {MAX_NESTING} levels (quotes, lists, emphasis)"
                        ),
                        hint: "nest less: nobody can follow that many levels".into(),
                    });
                }
            }
            Event::End(tag) => {
                depth = depth.saturating_sub(1);
                if matches!(tag, TagEnd::List(_)) {
                    lists = lists.saturating_sub(1);
                }
            }
            _ => {}
        }
    }
    None
}

/// The scheme of `url` when following it runs code or opens inline data
/// (`javascript:`, `vbscript:`, `data:`), as a browser reads it: tabs and
/// line breaks inside it and spaces before it do not count, nor does case.
pub fn dangerous_scheme(url: &str) -> Option<String> {
    let seen: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .into_iter()
        .find(|scheme| seen.starts_with(scheme))
        .map(String::from)
}

/// Links and images whose address runs code: the sanitiser sees only raw
/// HTML, and a Markdown link is written as it is.
pub(super) fn unsafe_links(events: &[(Event<'static>, Range<usize>)]) -> Vec<BodyProblem> {
    events
        .iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                dangerous_scheme(dest_url).map(|scheme| BodyProblem {
                    kind: DiagnosticKind::UnsafeLink,
                    offset: range.start,
                    message: format!(
                        "a link to a `{scheme}` address, which would run in the reader's browser"
                    ),
                    hint: "link to an http(s), mailto or tel address, or to a page of the site"
                        .into(),
                })
            }
            _ => None,
        })
        .collect()
}

/// Elements that hold no content, or whose end tag may be left out (the
/// parser closes them at the next sibling): they do not nest when written
/// without an end tag.
const FLAT_ELEMENTS: [&str; 27] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "rb", "rt", "rtc", "rp", "optgroup", "option", "tr", "td", "th",
    "colgroup",
];

/// Where each tag in a piece of raw HTML starts, and how it changes the
/// nesting: +1 for a start tag, -1 for an end tag. A close enough count
/// of what an HTML parser makes of it, without parsing.
fn html_nesting(html: &str) -> impl Iterator<Item = (usize, isize)> + '_ {
    html.match_indices('<').filter_map(move |(at, _)| {
        let rest = &html[at + 1..];
        let (closing, rest) = match rest.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, rest),
        };
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<String>()
            .to_ascii_lowercase();
        if !name.starts_with(|c: char| c.is_ascii_alphabetic())
            || FLAT_ELEMENTS.contains(&name.as_str())
        {
            return None;
        }
        if closing {
            return Some((at, -1));
        }
        let self_closing = rest.find('>').is_some_and(|end| rest[..end].ends_with('/'));
        (!self_closing).then_some((at, 1))
    })
}
