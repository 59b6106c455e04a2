//! Templates minified once, when they are loaded, instead of every page.
//!
//! Minifying each rendered page took a quarter of a 10,000-case build; the
//! pages' own markup comes from a few dozen templates. A template is
//! minified with its Tera syntax kept as it is (`{{ … }}`, `{% … %}`,
//! `{# … #}`), but only when the minifier can see what every piece of it is:
//! Tera syntax inside a tag, outside a quoted attribute value, would be read
//! as attributes and scrambled. A template that is not safe in that sense
//! makes the site fall back to minifying every page ([`minify`], here in
//! render too: `output` only writes bytes).

/// `html` minified as a page is when its templates could not be.
pub fn minify(html: &[u8]) -> Vec<u8> {
    minify_html::minify(html, &minify_cfg())
}

/// How pages and templates are minified.
fn minify_cfg() -> minify_html::Cfg {
    // Keep what validators and old browsers expect; the savings are small.
    minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        minify_doctype: false,
        minify_css: false,
        minify_js: false,
        ..minify_html::Cfg::default()
    }
}

/// `text` minified with its Tera syntax untouched, or `None` when some of its
/// Tera syntax sits where the minifier would misread it.
pub(super) fn minify_template(text: &str) -> Option<String> {
    if !safe_to_minify(text) {
        return None;
    }
    let cfg = minify_html::Cfg {
        preserve_brace_template_syntax: true,
        ..minify_cfg()
    };
    String::from_utf8(minify_html::minify(text.as_bytes(), &cfg)).ok()
}

/// Whether all Tera syntax in `text` is in element content, or is a
/// `{{ expression }}` with spaces inside a quoted attribute value (so the
/// value keeps its quotes) that does not contain the value's quote.
fn safe_to_minify(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    // Inside a tag: `Some(None)`; inside a quoted value: `Some(Some(quote))`.
    let mut tag: Option<Option<u8>> = None;
    while i < b.len() {
        let rest = &b[i..];
        if let Some(close) = tera_close(rest) {
            let Some(len) = find(&rest[2..], close) else {
                return false;
            };
            let inner = &rest[2..2 + len];
            match tag {
                None => {
                    if rest[1] == b'%' && trimmed(inner).starts_with(b"raw") {
                        return false;
                    }
                }
                Some(None) => return false,
                Some(Some(quote)) => {
                    let spaced = inner.first().is_some_and(u8::is_ascii_whitespace);
                    if rest[1] != b'{' || !spaced || inner.contains(&quote) {
                        return false;
                    }
                }
            }
            i += 2 + len + 2;
            continue;
        }
        match (tag, b[i]) {
            (None, b'<') if rest.starts_with(b"<!--") => return false,
            (None, b'<')
                if rest
                    .get(1)
                    .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/') =>
            {
                tag = Some(None);
            }
            (Some(None), b'>') => tag = None,
            (Some(None), q @ (b'"' | b'\'')) => tag = Some(Some(q)),
            (Some(Some(q)), c) if c == q => tag = Some(None),
            _ => {}
        }
        i += 1;
    }
    tag.is_none()
}

/// The closing delimiter of the Tera syntax `rest` starts with, if it does.
fn tera_close(rest: &[u8]) -> Option<&'static [u8]> {
    match rest {
        [b'{', b'{', ..] => Some(b"}}"),
        [b'{', b'%', ..] => Some(b"%}"),
        [b'{', b'#', ..] => Some(b"#}"),
        _ => None,
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn trimmed(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|c| !c.is_ascii_whitespace() && *c != b'-')
        .unwrap_or(bytes.len());
    &bytes[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_and_quoted_values_are_minified_with_tera_syntax_kept() {
        let t = "<ul class=\"a\">\n  {% for x in xs %}\n  <li><a href=\"{{ x.path }}\">{{ x.title | upper }}</a></li>\n  {% endfor %}\n</ul>\n";
        let m = minify_template(t).expect("safe");
        assert!(m.contains("{% for x in xs %}"), "{m}");
        assert!(m.contains("href=\"{{ x.path }}\""), "{m}");
        assert!(m.contains("{{ x.title | upper }}"), "{m}");
        assert!(!m.contains("\n  "), "{m}");
    }

    #[test]
    fn tera_syntax_the_minifier_would_misread_is_left_alone() {
        for t in [
            // inside a tag, outside a value
            "<a href=\"/\"{% if c %} aria-current=\"page\"{% endif %}>x</a>",
            "<div {{ attrs }}>x</div>",
            // a value whose quotes could be dropped, or that the expression ends
            "<a href=\"{{x}}\">x</a>",
            "<a title=\"{{ x | default(value=\"y\") }}\">x</a>",
            "<a class=\"{% if c %}on{% endif %}\">x</a>",
            // comments and raw blocks hide what they hold
            "<!-- {{ x }} --><p>x</p>",
            "{% raw %}<p {{ x }}>{% endraw %}",
            // unterminated syntax
            "<p>{{ x </p>",
        ] {
            assert!(minify_template(t).is_none(), "{t}");
        }
    }

    #[test]
    fn the_themes_templates_are_all_safe() {
        for (name, text) in super::super::templates::THEME_TEMPLATES {
            if name.ends_with(".html") {
                assert!(minify_template(text).is_some(), "{name}");
            }
        }
    }
}
