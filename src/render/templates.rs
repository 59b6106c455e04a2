//! Stage 3, render: the templates a site renders with.
//!
//! The default theme's templates are compiled into the binary; a site's own
//! `templates/` folder overrides any of them by name, as in Zola. With
//! `minify_html`, the HTML templates are minified once here (see
//! `minify`), so the pages made from them need no minifying of their own.

use std::path::Path;

use tera::Tera;

use super::{format, minify};
use crate::error::{template_error, Error};

/// The default theme's templates, embedded so a site needs none of its own.
pub(super) const THEME_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../theme/templates/base.html")),
    (
        "macros.html",
        include_str!("../../theme/templates/macros.html"),
    ),
    (
        "index.html",
        include_str!("../../theme/templates/index.html"),
    ),
    (
        "meetings.html",
        include_str!("../../theme/templates/meetings.html"),
    ),
    (
        "meeting.html",
        include_str!("../../theme/templates/meeting.html"),
    ),
    ("case.html", include_str!("../../theme/templates/case.html")),
    (
        "attachment.html",
        include_str!("../../theme/templates/attachment.html"),
    ),
    (
        "papers.html",
        include_str!("../../theme/templates/papers.html"),
    ),
    (
        "paper.html",
        include_str!("../../theme/templates/paper.html"),
    ),
    (
        "themes.html",
        include_str!("../../theme/templates/themes.html"),
    ),
    (
        "theme.html",
        include_str!("../../theme/templates/theme.html"),
    ),
    (
        "organisations.html",
        include_str!("../../theme/templates/organisations.html"),
    ),
    (
        "organisation.html",
        include_str!("../../theme/templates/organisation.html"),
    ),
    (
        "followups.html",
        include_str!("../../theme/templates/followups.html"),
    ),
    (
        "advice.html",
        include_str!("../../theme/templates/advice.html"),
    ),
    (
        "people.html",
        include_str!("../../theme/templates/people.html"),
    ),
    (
        "person.html",
        include_str!("../../theme/templates/person.html"),
    ),
    ("page.html", include_str!("../../theme/templates/page.html")),
    (
        "section.html",
        include_str!("../../theme/templates/section.html"),
    ),
    ("404.html", include_str!("../../theme/templates/404.html")),
    ("atom.xml", include_str!("../../theme/templates/atom.xml")),
    (
        "sitemap.xml",
        include_str!("../../theme/templates/sitemap.xml"),
    ),
    (
        "search.html",
        include_str!("../../theme/templates/search.html"),
    ),
];

/// The templates a site renders with.
#[derive(Debug)]
pub struct Templates {
    /// The theme's templates and the site's own, parsed.
    pub tera: Tera,
    /// Whether the HTML templates were minified as they were loaded, so that
    /// the pages made from them need no minifying of their own.
    pub minified: bool,
}

/// Loads the theme's templates, then the site's own from `<root>/templates/`.
///
/// With `minify`, the HTML templates are minified here, once; if any of them
/// cannot be (Tera syntax inside a tag), none is and [`Templates::minified`]
/// is false.
pub fn templates(root: &Path, minify: bool) -> Result<Templates, Error> {
    let mut tera = Tera::default();
    let mut all: Vec<(String, String)> = THEME_TEMPLATES
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    let dir = root.join("templates");
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.map_err(|e| Error::read(&dir, e.into()))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let name = entry
                .path()
                .strip_prefix(&dir)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            let text =
                std::fs::read_to_string(entry.path()).map_err(|e| Error::read(entry.path(), e))?;
            all.retain(|(n, _)| *n != name);
            all.push((name, text));
        }
    }
    let minified = minify
        .then(|| {
            all.iter()
                .map(|(name, text)| match name.ends_with(".html") {
                    true => minify::minify_template(text).map(|m| (name.clone(), m)),
                    false => Some((name.clone(), text.clone())),
                })
                .collect::<Option<Vec<_>>>()
        })
        .flatten();
    let minified = match minified {
        Some(small) => {
            all = small;
            true
        }
        None => false,
    };
    tera.add_raw_templates(all)
        .map_err(|e| template_error(&e))?;
    tera.register_filter("dato", format::dato_filter);
    tera.register_function(
        "load_data",
        format::LoadData {
            root: root.to_path_buf(),
        },
    );
    // Feeds escape with `escape_xml` explicitly: HTML escaping would turn every `/` into `&#x2F;`.
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(escape_html);
    Ok(Templates { tera, minified })
}

/// Tera's autoescape for HTML: `&`, `<`, `>`, `"` and `'`.
///
/// Tera's own escaper also turns `/` into `&#x2F;`, which no HTML context
/// needs (a value cannot end a quoted attribute or start a tag with it):
/// a case page carried some 100 of them, 5 % of its bytes, which the
/// minifier then had to decode again.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(entity);
        last = i + 1;
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn autoescape_covers_what_ends_text_or_a_quoted_attribute() {
        assert_eq!(
            escape_html(r#"<a href="x">Tom & 'Jerry'</a> 10/24 æøå"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt; 10/24 æøå"
        );
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("&"), "&amp;");
    }

    #[test]
    fn templates_escape_values_with_our_escaper() {
        let mut tera = templates(Path::new("/nonexistent"), false)
            .expect("theme templates parse")
            .tera;
        tera.add_raw_template("t.html", "<p title=\"{{ v }}\">{{ v }}</p>")
            .expect("parses");
        let mut ctx = tera::Context::new();
        ctx.insert("v", "a/b \"c\" <d>");
        let html = tera.render("t.html", &ctx).expect("renders");
        assert_eq!(
            html,
            "<p title=\"a/b &quot;c&quot; &lt;d&gt;\">a/b &quot;c&quot; &lt;d&gt;</p>"
        );
    }

    #[test]
    fn theme_templates_parse() {
        templates(Path::new("/nonexistent"), false).expect("theme templates parse");
        let small = templates(Path::new("/nonexistent"), true).expect("minified templates parse");
        assert!(small.minified);
    }
}
