//! Stage 3: pages from the model, through Tera templates.
//!
//! The default theme is compiled into the binary; a site's own `templates/`
//! folder overrides any template by name, as in Zola. Every page is one
//! job; jobs render in parallel and produce [`OutputFile`]s. Contexts are
//! built from the model's precomputed links, so no page scans the whole site.

mod context;
pub mod format;
mod incremental;
pub mod markdown;
mod minify;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use tera::Tera;

use crate::error::{template_error, Error};
use crate::model::{CaseRef, Site};
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
        css: format!("/{}", files[0].path),
        search: None,
    };
    if let Some(index) = search {
        let client = named("sok", "js", THEME_SEARCH_JS);
        let field = named("sokefelt", "js", THEME_FIELD_JS);
        paths.search = Some(SearchAssets {
            client: format!("/{}", client.path),
            field: format!("/{}", field.path),
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

/// One page to render.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Job {
    Home,
    Meetings,
    Meeting(usize),
    Case(CaseRef),
    Attachment(CaseRef, usize),
    Papers,
    Paper(usize),
    Page(usize),
    Themes,
    Theme(usize),
    Organisations,
    Organisation(String),
    People,
    Person(String),
    NotFound,
    Search,
    Feed,
    Sitemap,
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
    let mut jobs = vec![
        Job::Home,
        Job::Themes,
        Job::Organisations,
        Job::People,
        Job::NotFound,
        Job::Feed,
        Job::Sitemap,
    ];
    if assets.search.is_some() {
        jobs.push(Job::Search);
    }
    if site.meetings_section.is_some() {
        jobs.push(Job::Meetings);
    }
    if site.papers_section.is_some() {
        jobs.push(Job::Papers);
    }
    // The listing pages of themes and organisations are the largest; started
    // first, they do not leave one thread finishing them while the other idles.
    jobs.extend((0..site.themes.len()).map(Job::Theme));
    jobs.extend(site.organisations.keys().cloned().map(Job::Organisation));
    for (mi, m) in site.meetings.iter().enumerate() {
        jobs.push(Job::Meeting(mi));
        for (ci, c) in m.cases.iter().enumerate() {
            let r = CaseRef {
                meeting: mi,
                case: ci,
            };
            jobs.push(Job::Case(r));
            for (ai, a) in c.attachments.iter().enumerate() {
                if a.text.is_some() {
                    jobs.push(Job::Attachment(r, ai));
                }
            }
        }
    }
    jobs.extend((0..site.papers.len()).map(Job::Paper));
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs.extend(
        site.people
            .keys()
            .filter(|id| site.has_person_page(id))
            .cloned()
            .map(Job::Person),
    );

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
    if let Some(cache) = cache {
        *cache.jobs.lock().expect("lock") = jobs;
    }
    made
}

/// The last render and what changed since, when rendering for `serve`.
type Plan<'a> = Option<(&'a RenderCache, Option<&'a (Arc<LastRender>, Changes)>)>;

fn render_job(
    job: &Job,
    site: &Site,
    tera: &Tera,
    ctx: &Contexts<'_>,
    plan: Plan<'_>,
) -> Result<OutputFile, Error> {
    let Some((cache, last)) = plan else {
        let (page, template, context) = page_context(job, site, ctx);
        let html = render_page(tera, &template, &context, &page)?;
        return Ok(OutputFile {
            path: file_path(&page),
            bytes: Arc::new(html.into_bytes()),
        });
    };
    if let Some(file) = last.and_then(|(last, changes)| last.reuse(job, changes)) {
        cache.reused.fetch_add(1, Ordering::Relaxed);
        return Ok(file);
    }
    let ((page, template, context), deps) = incremental::noting(|| page_context(job, site, ctx));
    let html = render_page(tera, &template, &context, &page)?;
    let file = OutputFile {
        path: file_path(&page),
        bytes: Arc::new(html.into_bytes()),
    };
    cache.rendered.fetch_add(1, Ordering::Relaxed);
    cache.keep(job, deps.into(), file.clone());
    Ok(file)
}

/// A job's site path, template and context.
fn page_context(job: &Job, site: &Site, ctx: &Contexts<'_>) -> (String, String, tera::Context) {
    match job {
        Job::Home => ("/".to_string(), "index.html".to_string(), ctx.home()),
        Job::Meetings => {
            let section = site.meetings_section.as_ref().expect("checked");
            (section.path.clone(), "meetings.html".into(), ctx.meetings())
        }
        Job::Meeting(i) => (
            site.meetings[*i].path(),
            "meeting.html".into(),
            ctx.meeting(*i),
        ),
        Job::Case(r) => (site.case_path(*r), "case.html".into(), ctx.case(*r)),
        Job::Attachment(r, i) => {
            let (slug, _) = site.case(*r).attachments[*i]
                .text
                .as_ref()
                .expect("checked");
            (
                format!("{}{slug}/", site.case_path(*r)),
                "attachment.html".into(),
                ctx.attachment(*r, *i),
            )
        }
        Job::Papers => {
            let section = site.papers_section.as_ref().expect("checked");
            (section.path.clone(), "papers.html".into(), ctx.papers())
        }
        Job::Paper(i) => (
            site.papers[*i].path.clone(),
            "paper.html".into(),
            ctx.paper(*i),
        ),
        Job::Page(i) => {
            let page = &site.pages[*i];
            let default = if page.children.is_empty() {
                "page.html"
            } else {
                "section.html"
            };
            let template = page.template.clone().unwrap_or_else(|| default.into());
            (page.path.clone(), template, ctx.page(*i))
        }
        Job::Themes => ("/temaer/".into(), "themes.html".into(), ctx.themes()),
        Job::Theme(i) => (
            format!("/temaer/{}/", site.themes[*i].slug),
            "theme.html".into(),
            ctx.theme(*i),
        ),
        Job::Organisations => (
            "/organisasjoner/".into(),
            "organisations.html".into(),
            ctx.organisations(),
        ),
        Job::Organisation(id) => (
            format!("/organisasjoner/{id}/"),
            "organisation.html".into(),
            ctx.organisation(id),
        ),
        Job::People => ("/personer/".into(), "people.html".into(), ctx.people()),
        Job::Person(id) => (
            format!("/personer/{id}/"),
            "person.html".into(),
            ctx.person(id),
        ),
        Job::NotFound => ("/404.html".into(), "404.html".into(), ctx.not_found()),
        Job::Search => ("/sok/".into(), "search.html".into(), ctx.search()),
        Job::Feed => ("/atom.xml".into(), "atom.xml".into(), ctx.feed()),
        Job::Sitemap => ("/sitemap.xml".into(), "sitemap.xml".into(), ctx.sitemap()),
    }
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
    /// Pages rendered (not reused) by the render under way.
    fresh: Mutex<FxHashMap<Job, Kept>>,
    /// Every page of the render under way.
    jobs: Mutex<Vec<Job>>,
    rendered: AtomicUsize,
    reused: AtomicUsize,
}

/// A render to compare the next one with.
#[derive(Debug)]
struct LastRender {
    site: Site,
    assets: AssetPaths,
    pages: FxHashMap<Job, Kept>,
}

/// A page and the parts of the site it read.
#[derive(Debug, Clone)]
struct Kept {
    deps: Arc<[Dep]>,
    file: OutputFile,
}

impl LastRender {
    /// The page `job` made last time, if nothing it read has changed.
    fn reuse(&self, job: &Job, changes: &Changes) -> Option<OutputFile> {
        let kept = self.pages.get(job)?;
        if kept.deps.iter().any(|d| changes.changed(d)) {
            return None;
        }
        Some(kept.file.clone())
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
        self.rendered.store(0, Ordering::Relaxed);
        self.reused.store(0, Ordering::Relaxed);
    }

    /// Keeps the rendered `site` to compare the next render with.
    pub fn finish(&self, site: Site, assets: &AssetPaths) {
        let fresh = std::mem::take(&mut *self.fresh.lock().expect("lock"));
        let jobs = std::mem::take(&mut *self.jobs.lock().expect("lock"));
        let mut last = self.last.lock().expect("lock");
        // The last render's pages are moved on, not copied, unless someone
        // still reads them; pages this render did not make are dropped.
        let mut pages = match last.take().map(Arc::try_unwrap) {
            Some(Ok(last)) => last.pages,
            Some(Err(shared)) => shared.pages.clone(),
            None => FxHashMap::default(),
        };
        let wanted: rustc_hash::FxHashSet<&Job> = jobs.iter().collect();
        pages.retain(|job, _| wanted.contains(job));
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

    /// The last render and what changed since, if there is one to go by.
    fn plan(&self, site: &Site, assets: &AssetPaths) -> Option<(Arc<LastRender>, Changes)> {
        let last = self.last.lock().expect("lock").clone()?;
        let changes = Changes::between(&last.site, &last.assets, site, assets);
        Some((last, changes))
    }

    fn keep(&self, job: &Job, deps: Arc<[Dep]>, file: OutputFile) {
        self.fresh
            .lock()
            .expect("lock")
            .insert(job.clone(), Kept { deps, file });
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

/// "/moter/2024-2/" → "moter/2024-2/index.html"; "/atom.xml" stays a file.
fn file_path(site_path: &str) -> String {
    let trimmed = site_path.trim_start_matches('/');
    if trimmed.is_empty() {
        "index.html".into()
    } else if trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_urls_become_index_files() {
        assert_eq!(file_path("/"), "index.html");
        assert_eq!(file_path("/moter/2024-2/"), "moter/2024-2/index.html");
        assert_eq!(file_path("/atom.xml"), "atom.xml");
    }

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
