//! Tables written in Markdown (or raw HTML) in a body, made readable at 320 px.
//!
//! A table wider than the screen must not widen the page, nor hide the
//! columns past its right edge. The theme's own tables sit in a scrolling
//! region that takes keyboard focus and is named by the table's caption
//! (`.tabell-ramme`, whose caption and first column stay in view while the
//! rest scrolls); here a body's tables get the same region. A scrolling
//! region was chosen over stacking each row's cells, as it leaves the table's
//! elements displayed as a table, so screen readers keep its rows, columns
//! and headers, and a reader can still compare a column down the rows.
//!
//! Markdown has no caption, so the region is named by the table's column
//! headers ("Tabell: Tiltak, Ansvar, Frist"), which also tells two tables of
//! one page apart.

use super::markdown::escape;

/// `html` (a body's HTML, sanitised) with each `<table>` in a scrolling
/// region named by its caption or its column headers.
pub(super) fn in_scrolling_regions(html: String) -> String {
    if !html.contains("<table") {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 128);
    let mut rest = html.as_str();
    while let Some(start) = find_table(rest) {
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = rest
            .find("</table>")
            .map_or(rest.len(), |e| e + "</table>".len());
        let table = &rest[..end];
        out.push_str(&format!(
            "<div class=\"tabell-ramme\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">{table}</div>",
            escape(&name(table))
        ));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Where the next `<table>` or `<table …>` tag starts.
fn find_table(html: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = html[from..].find("<table") {
        let at = from + at;
        if matches!(html[at + 6..].chars().next(), Some('>' | ' ' | '\n' | '\t')) {
            return Some(at);
        }
        from = at + 6;
    }
    None
}

/// The region's name: "Tabell: " and the caption, or the header cells of
/// the first row.
fn name(table: &str) -> String {
    if let Some(caption) = between(table, "<caption", "</caption>") {
        let text = text_of(caption);
        if !text.is_empty() {
            return format!("Tabell: {text}");
        }
    }
    let first_row = between(table, "<tr", "</tr>").unwrap_or_default();
    let headers: Vec<String> = first_row
        .split("<th")
        .skip(1)
        .map(|cell| text_of(cell.split("</th>").next().unwrap_or_default()))
        .filter(|t| !t.is_empty())
        .collect();
    match headers.is_empty() {
        true => "Tabell".into(),
        false => format!("Tabell: {}", headers.join(", ")),
    }
}

/// The text of `html` that opens inside a tag (`<th` + ` class=x>text`),
/// with tags removed and character references decoded.
fn text_of(html: &str) -> String {
    let content = html.split_once('>').map_or(html, |(_, c)| c);
    let mut text = String::new();
    let mut in_tag = false;
    for c in content.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The part of `html` from `open` up to `close`.
fn between<'a>(html: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let start = html.find(open)? + open.len();
    let end = html[start..].find(close)? + start;
    Some(&html[start..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_markdown_table_scrolls_in_a_region_named_by_its_headers() {
        let html = "<p>Før</p><table><thead><tr><th>Tiltak</th><th style=\"text-align: right\"><em>Frist</em> &amp; ansvar</th></tr></thead>\
            <tbody><tr><td>a</td><td>b</td></tr></tbody></table><p>Etter</p>";
        let out = in_scrolling_regions(html.to_string());
        assert_eq!(
            out,
            "<p>Før</p><div class=\"tabell-ramme\" tabindex=\"0\" role=\"region\" aria-label=\"Tabell: Tiltak, Frist &amp; ansvar\">\
             <table><thead><tr><th>Tiltak</th><th style=\"text-align: right\"><em>Frist</em> &amp; ansvar</th></tr></thead>\
             <tbody><tr><td>a</td><td>b</td></tr></tbody></table></div><p>Etter</p>"
        );
    }

    #[test]
    fn each_table_gets_its_own_region_and_a_caption_names_it() {
        let html = "<table class=x><caption>Frister \"2025\"</caption><tr><td>1</td></tr></table>\
            <table><tr><td>2</td></tr></table><tableau>";
        let out = in_scrolling_regions(html.to_string());
        assert_eq!(out.matches("role=\"region\"").count(), 2, "{out}");
        assert!(
            out.contains("aria-label=\"Tabell: Frister &quot;2025&quot;\"><table class=x>"),
            "{out}"
        );
        assert!(
            out.contains("aria-label=\"Tabell\"><table><tr><td>2</td></tr></table></div><tableau>"),
            "{out}"
        );
    }

    #[test]
    fn text_without_tables_is_returned_as_it_is() {
        let html = "<p>Ingen tabell her, bare ordet &lt;table&gt;.</p>".to_string();
        assert_eq!(in_scrolling_regions(html.clone()), html);
    }
}
