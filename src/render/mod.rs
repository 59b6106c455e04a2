//! Stage 3: pages from the model, through Tera templates.
//!
//! The default theme is compiled into the binary; a site's own `templates/`
//! folder overrides any template by name, as in Zola. Every page of the
//! model's site map (`model::urls`) is one job: the site map gives its
//! address, `template` picks its template, and jobs render in parallel
//! into [`OutputFile`]s. Contexts are built from the model's precomputed
//! links, so no page scans the whole site.

mod context;
pub mod format;
mod incremental;
pub mod markdown;
mod minify;
mod renumber;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use tera::Tera;

use crate::error::{template_error, Error};
use crate::model::urls::{self, PageKind, SitePage};
use crate::model::Site;
use crate::search::{Layout, SearchIndex};
use context::Contexts;
use incremental::{Changes, Dep};

/// A file to write, relative to the output folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Relative path with `/` separators ("moter/2024-2/index.html").
    pub path: String,
    /// Content, shared: `serve` keeps a page from one render to the next.
    pub bytes: Arc<Vec<u8>>,
}

/// The default theme's templates, embedded so a site needs none of its own.
const THEME_TEMPLATES: &[(&str, &str)] = &[
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

/// The default stylesheet.
pub const THEME_CSS: &str = include_str!("../../theme/static/style.css");

/// The search client: tokenizer, stemmer, index reader and the search page.
pub const THEME_SEARCH_JS: &str = include_str!("../../theme/static/sok.js");

/// Loads the search client when the header's search field gets focus.
pub const THEME_FIELD_JS: &str = include_str!("../../theme/static/sokefelt.js");

/// The theme's own files under fingerprinted names, and where pages find them.
pub fn theme_assets(search: Option<&SearchIndex>) -> (AssetPaths, Vec<OutputFile>) {
    let named = |stem: &str, ext: &str, text: &str| OutputFile {
        path: format!(
            "{stem}.{}.{ext}",
            crate::output::fingerprint(text.as_bytes())
        ),
        bytes: Arc::new(text.as_bytes().to_vec()),
    };
    let mut files = vec![named("style", "css", THEME_CSS)];
    let mut paths = AssetPaths {
        css: urls::file(&files[0].path),
        search: None,
    };
    if let Some(index) = search {
        let client = named("sok", "js", THEME_SEARCH_JS);
        let field = named("sokefelt", "js", THEME_FIELD_JS);
        paths.search = Some(SearchAssets {
            client: urls::file(&client.path),
            field: urls::file(&field.path),
            index: index.url.clone(),
            layout: index.layout,
        });
        files.push(client);
        files.push(field);
    }
    (paths, files)
}

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

/// The paths of shared assets, fingerprinted so they can be cached forever.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AssetPaths {
    /// The stylesheet, "/style.0123abcd.css".
    pub css: String,
    /// The search client and index, when the site has search.
    pub search: Option<SearchAssets>,
}

/// Where the search page finds its script and index.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SearchAssets {
    /// The client script.
    pub client: String,
    /// The header field's loader script.
    pub field: String,
    /// The index (or the split layout's manifest).
    pub index: String,
    /// Which layout `index` is.
    pub layout: Layout,
}

/// Renders every page of the site in parallel, handing each file to `sink`
/// as soon as it is made; returns what `sink` returned, in page order.
///
/// A build writes each page from here, so the whole site is never held in
/// memory at once.
pub fn render_with<T: Send>(
    site: &Site,
    tera: &Tera,
    assets: &AssetPaths,
    cache: Option<&RenderCache>,
    progress: &dyn crate::Progress,
    sink: impl Fn(OutputFile) -> Result<T, Error> + Sync,
) -> Result<Vec<T>, Error> {
    let ctx = Contexts::new(site, assets);
    let plan = cache.map(|c| (c, c.plan(site, assets)));
    let plan = plan.as_ref().map(|(c, p)| (*c, p.as_ref()));
    // The listing pages of themes and organisations are the largest; started
    // first, they do not leave one thread finishing them while the other idles.
    let mut jobs: Vec<&SitePage> = site.site_map.iter().collect();
    jobs.sort_by_key(|p| !matches!(p.kind, PageKind::Theme(_) | PageKind::Organisation(_)));

    progress.stage("render", jobs.len() as u64);
    // Small pieces: rayon never splits a piece a thread has begun, so large
    // ones leave a long single-threaded tail.
    let made = jobs
        .par_iter()
        .with_max_len(4)
        .map(|job| {
            let made = render_job(job, site, tera, &ctx, plan).and_then(&sink);
            progress.step();
            made
        })
        .collect();
    made
}

/// The last render and what changed since, when rendering for `serve`.
type Plan<'a> = Option<(&'a RenderCache, Option<&'a (Arc<LastRender>, Changes)>)>;

fn render_job(
    job: &SitePage,
    site: &Site,
    tera: &Tera,
    ctx: &Contexts<'_>,
    plan: Plan<'_>,
) -> Result<OutputFile, Error> {
    let Some((cache, last)) = plan else {
        let context = page_context(&job.kind, ctx);
        let html = render_page(tera, &template(&job.kind, site), &context, &job.path)?;
        return Ok(OutputFile {
            path: urls::file_path(&job.path),
            bytes: Arc::new(html.into_bytes()),
        });
    };
    if let Some((last, changes)) = last {
        if let Some(kept) = last.reuse(job, changes) {
            cache.reused.fetch_add(1, Ordering::Relaxed);
            let file = kept.file.clone();
            // Kept as it was unless its parts were renumbered.
            if changes.renumbered() {
                cache.keep(job, kept);
            }
            return Ok(file);
        }
    }
    let (context, deps) = incremental::noting(|| page_context(&job.kind, ctx));
    let html = render_page(tera, &template(&job.kind, site), &context, &job.path)?;
    let file = OutputFile {
        path: urls::file_path(&job.path),
        bytes: Arc::new(html.into_bytes()),
    };
    cache.rendered.fetch_add(1, Ordering::Relaxed);
    cache
        .rendered_pages
        .lock()
        .expect("lock")
        .push(job.path.clone());
    cache.keep(
        job,
        Kept {
            kind: job.kind.clone(),
            deps: deps.into(),
            file: file.clone(),
        },
    );
    Ok(file)
}

/// The template a page of `kind` is rendered with: the theme's (or the
/// site's override of it), or the one a plain page names.
pub(crate) fn template(kind: &PageKind, site: &Site) -> String {
    match kind {
        PageKind::Home => "index.html",
        PageKind::Meetings => "meetings.html",
        PageKind::Meeting(_) => "meeting.html",
        PageKind::Case(_) => "case.html",
        PageKind::Attachment(..) => "attachment.html",
        PageKind::Papers => "papers.html",
        PageKind::Paper(_) => "paper.html",
        PageKind::Page(i) => {
            let page = &site.pages[*i];
            return match &page.template {
                Some(own) => own.clone(),
                None if page.children.is_empty() => "page.html".into(),
                None => "section.html".into(),
            };
        }
        PageKind::Themes => "themes.html",
        PageKind::Theme(_) => "theme.html",
        PageKind::Organisations => "organisations.html",
        PageKind::Organisation(_) => "organisation.html",
        PageKind::People => "people.html",
        PageKind::Person(_) => "person.html",
        PageKind::NotFound => "404.html",
        PageKind::Search => "search.html",
        PageKind::Feed => "atom.xml",
        PageKind::Sitemap => "sitemap.xml",
    }
    .into()
}

/// The template context of a page of `kind`.
fn page_context(kind: &PageKind, ctx: &Contexts<'_>) -> tera::Context {
    ctx.build(kind).context
}

fn render_page(
    tera: &Tera,
    template: &str,
    context: &tera::Context,
    path: &str,
) -> Result<String, Error> {
    tera.render(template, context)
        .map_err(|e| match template_error(&e) {
            Error::Template(text) => {
                Error::Template(format!("rendering {path} with {template}: {text}"))
            }
            other => other,
        })
}

/// Pages an earlier render made, for `serve`'s rebuilds: a page whose job
/// is the same and none of whose inputs changed is taken from here instead
/// of being rendered again.
///
/// A page is a function of its template context, the templates and the
/// data files templates may read (`load_data`). While a context is built,
/// the parts of the site it reads are noted; a rebuild
/// compares the new site with the last one part by part and renders the
/// pages that read a part that changed. [`RenderCache::begin`] forgets
/// everything when the templates or data files change.
#[derive(Debug, Default)]
pub struct RenderCache {
    inputs: Mutex<u64>,
    last: Mutex<Option<Arc<LastRender>>>,
    /// Pages rendered by the render under way, and those reused with
    /// their parts renumbered, by address.
    fresh: Mutex<FxHashMap<String, Kept>>,
    /// The addresses of the pages rendered (not reused) by the last render.
    rendered_pages: Mutex<Vec<String>>,
    rendered: AtomicUsize,
    reused: AtomicUsize,
}

/// A render to compare the next one with.
#[derive(Debug)]
struct LastRender {
    site: Site,
    assets: AssetPaths,
    /// By address: an address is made of ids, so a page keeps it when
    /// other meetings come and go and its position changes.
    pages: FxHashMap<String, Kept>,
}

/// A page and the parts of the site it read.
#[derive(Debug, Clone)]
struct Kept {
    /// What it showed, by position in its render's site.
    kind: PageKind,
    /// What it read, by position in its render's site.
    deps: Arc<[Dep]>,
    file: OutputFile,
}

impl LastRender {
    /// The page at `job`'s address last time, if it showed the same kind of
    /// thing and nothing it read has changed; its parts renumbered for
    /// this render's site.
    fn reuse(&self, job: &SitePage, changes: &Changes) -> Option<Kept> {
        let kept = self.pages.get(&job.path)?;
        if std::mem::discriminant(&kept.kind) != std::mem::discriminant(&job.kind) {
            return None;
        }
        let deps = changes.unchanged(&kept.deps)?;
        Some(Kept {
            kind: job.kind.clone(),
            deps,
            file: kept.file.clone(),
        })
    }
}

impl RenderCache {
    /// Starts a render of the site at `root`; forgets all pages when its
    /// templates, theme or data files changed since the last one.
    pub fn begin(&self, root: &Path) {
        let inputs = template_inputs(root);
        let mut last = self.inputs.lock().expect("lock");
        if *last != inputs {
            *last = inputs;
            *self.last.lock().expect("lock") = None;
        }
        // Pages of a render that failed are not the last render's.
        self.fresh.lock().expect("lock").clear();
        self.rendered_pages.lock().expect("lock").clear();
        self.rendered.store(0, Ordering::Relaxed);
        self.reused.store(0, Ordering::Relaxed);
    }

    /// Keeps the rendered `site` to compare the next render with.
    pub fn finish(&self, site: Site, assets: &AssetPaths) {
        let fresh = std::mem::take(&mut *self.fresh.lock().expect("lock"));
        let mut last = self.last.lock().expect("lock");
        // The last render's pages are moved on, not copied, unless someone
        // still reads them; pages this site does not have are dropped.
        let mut pages = match last.take().map(Arc::try_unwrap) {
            Some(Ok(last)) => last.pages,
            Some(Err(shared)) => shared.pages.clone(),
            None => FxHashMap::default(),
        };
        let wanted: rustc_hash::FxHashSet<&str> =
            site.site_map.iter().map(|p| p.path.as_str()).collect();
        pages.retain(|path, _| wanted.contains(path.as_str()));
        pages.extend(fresh);
        *last = Some(Arc::new(LastRender {
            site,
            assets: assets.clone(),
            pages,
        }));
    }

    /// The fingerprint of the templates, theme and data files that
    /// [`RenderCache::begin`] took.
    pub fn inputs(&self) -> u64 {
        *self.inputs.lock().expect("lock")
    }

    /// `f` of the last rendered site, if there is one.
    pub fn with_last_site<T>(&self, f: impl FnOnce(&Site) -> T) -> Option<T> {
        let last = self.last.lock().expect("lock").clone()?;
        Some(f(&last.site))
    }

    /// Pages rendered and pages reused since [`RenderCache::begin`].
    pub fn counts(&self) -> (usize, usize) {
        (
            self.rendered.load(Ordering::Relaxed),
            self.reused.load(Ordering::Relaxed),
        )
    }

    /// The addresses of the pages rendered (not reused) since
    /// [`RenderCache::begin`], sorted.
    pub fn rendered_pages(&self) -> Vec<String> {
        let mut pages = self.rendered_pages.lock().expect("lock").clone();
        pages.sort();
        pages
    }

    /// The last render and what changed since, if there is one to go by.
    fn plan(&self, site: &Site, assets: &AssetPaths) -> Option<(Arc<LastRender>, Changes)> {
        let last = self.last.lock().expect("lock").clone()?;
        let changes = Changes::between(&last.site, &last.assets, site, assets);
        Some((last, changes))
    }

    fn keep(&self, job: &SitePage, kept: Kept) {
        self.fresh
            .lock()
            .expect("lock")
            .insert(job.path.clone(), kept);
    }
}

/// A fingerprint of the files a page may depend on besides its context:
/// templates, theme and data (paths, sizes and modification times).
fn template_inputs(root: &Path) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for dir in ["templates", "theme", "data"] {
        for entry in walkdir::WalkDir::new(root.join(dir))
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            let Ok(meta) = entry.metadata() else { continue };
            entry.path().hash(&mut hasher);
            meta.len().hash(&mut hasher);
            meta.modified().ok().hash(&mut hasher);
        }
    }
    hasher.finish()
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
