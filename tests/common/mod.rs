//! Fixture sites for integration tests: start from a small valid site,
//! change one file, build into a temporary folder, and look at the result.
#![allow(dead_code, unreachable_pub)]

use std::fs;
use std::path::{Path, PathBuf};

use medvirk::{BuildOptions, BuildReport, Error};

/// A site in a temporary folder.
pub struct TestSite {
    pub dir: tempfile::TempDir,
}

impl TestSite {
    /// The smallest site with one meeting, one case and attendance.
    pub fn minimal() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        medvirk::init::minimal(dir.path()).expect("init");
        TestSite { dir }
    }

    /// A copy of the demo site in `content/`, `data/` and `config.toml`.
    pub fn demo() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&repo.join("content"), &dir.path().join("content"));
        copy_dir(&repo.join("data"), &dir.path().join("data"));
        copy_dir(&repo.join("templates"), &dir.path().join("templates"));
        fs::copy(repo.join("config.toml"), dir.path().join("config.toml")).unwrap();
        TestSite { dir }
    }

    /// The demo site, built once per test binary and shared by its tests
    /// (which only read it).
    pub fn built_demo() -> &'static TestSite {
        static SITE: std::sync::OnceLock<TestSite> = std::sync::OnceLock::new();
        SITE.get_or_init(|| {
            let site = TestSite::demo();
            site.build().expect("the demo site builds");
            site
        })
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn public(&self) -> PathBuf {
        self.root().join("public")
    }

    /// Writes (or replaces) a file of the site.
    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
        self
    }

    /// Adds text to the end of a file of the site.
    pub fn append(&self, rel: &str, text: &str) -> &Self {
        let path = self.root().join(rel);
        let mut old = fs::read_to_string(&path).unwrap();
        old.push_str(text);
        fs::write(path, old).unwrap();
        self
    }

    /// The text of a file of the site.
    pub fn read_source(&self, rel: &str) -> String {
        fs::read_to_string(self.root().join(rel)).unwrap()
    }

    /// Replaces text in a file of the site; panics if `from` is not there.
    pub fn replace(&self, rel: &str, from: &str, to: &str) -> &Self {
        let path = self.root().join(rel);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        fs::write(path, text.replacen(from, to, 1)).unwrap();
        self
    }

    pub fn build(&self) -> Result<BuildReport, Error> {
        medvirk::build(&BuildOptions {
            root: self.root().to_path_buf(),
            output_dir: None,
            base_url: None,
        })
    }

    /// Builds and expects errors; returns the report as the CLI prints it.
    pub fn build_err(&self) -> String {
        match self.build() {
            Ok(_) => panic!("the build should have failed"),
            Err(Error::Invalid(d)) => d.to_string(),
            Err(other) => other.to_string(),
        }
    }

    /// A file of the built site; HTML in its fully minified form.
    ///
    /// Pages are written as their (minified) templates render them, with the
    /// Markdown's own whitespace and quoting; assertions are written against
    /// one form, and `tests/minified_templates.rs` proves both forms the same.
    pub fn read(&self, rel: &str) -> String {
        let text = fs::read_to_string(self.public().join(rel))
            .unwrap_or_else(|e| panic!("public/{rel}: {e}"));
        match rel.ends_with(".html") {
            true => minified(&text),
            false => text,
        }
    }

    /// Every file under public/, with its bytes, sorted.
    pub fn files(&self) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        for entry in walkdir::WalkDir::new(self.public()).sort_by_file_name() {
            let entry = entry.unwrap();
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(self.public()).unwrap();
                out.push((
                    rel.to_string_lossy().into_owned(),
                    fs::read(entry.path()).unwrap(),
                ));
            }
        }
        out
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The visible text of an HTML page: tags removed, common entities decoded,
/// whitespace folded, and without the soft hyphens and `<wbr>` the build
/// puts into headings (a reader sees a hyphen only where a word breaks).
pub fn text_of(html: &str) -> String {
    // `<wbr>` (after a slash in a heading) is a place to break, not a space.
    let html = html.replace("<wbr>", "");
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            '\u{AD}' => {}
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `html` fully minified, as pages were before templates were minified instead.
pub fn minified(html: &str) -> String {
    String::from_utf8(medvirk::render::minify(html.as_bytes())).expect("UTF-8")
}

/// Attribute values of `attr` in `html`, in order (`id="x"` or minified `id=x`).
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let needle = format!(" {attr}=");
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        let value = if let Some(r) = rest.strip_prefix('"') {
            r.split('"').next().unwrap_or("")
        } else {
            rest.split([' ', '>']).next().unwrap_or("")
        };
        out.push(value.to_string());
    }
    out
}

/// True when `report` holds `expected`: plain text, or a finding written
/// "LOCATION: error: MESSAGE" (or warning), which the compiler-style report
/// prints as the message with a `--> …LOCATION` line under it.
#[allow(dead_code)]
pub fn reports(report: &str, expected: &str) -> bool {
    let finding = [": error: ", ": warning: "].iter().find_map(|sep| {
        let (location, message) = expected.split_once(sep)?;
        let level = sep.trim_matches(|c| c == ':' || c == ' ');
        Some((location, format!("{level}: {message}")))
    });
    let Some((location, message)) = finding else {
        return report.contains(expected);
    };
    let lines: Vec<&str> = report.lines().collect();
    lines.windows(2).any(|pair| {
        pair[0].contains(&message)
            && pair[1].contains("--> ")
            && pair[1].trim_end().ends_with(location)
    })
}
