//! Stage 3: pages from the model, through Tera templates.
//!
//! The default theme is compiled into the binary; a site's own `templates/`
//! folder overrides any template by name, as in Zola ([`templates`]). Every
//! page of the model's site map (`model::urls`) is one job: the site map
//! gives its address, `template` picks its template, and jobs render in
//! parallel into [`OutputFile`]s, minified here when the templates could not
//! be, so what is written or served is the same. Contexts are built from the
//! model's precomputed links, so no page scans the whole site; `serve` keeps
//! the pages of the last render ([`RenderCache`]).

mod assets;
mod background;
mod cache;
mod context;
mod disk;
pub mod format;
mod hyphenate;
mod incremental;
pub mod item_extras;
pub mod links;
pub mod markdown;
mod minify;
mod renumber;
mod tables;
mod templates;

use std::sync::atomic::Ordering;
use std::sync::Arc;

use rayon::prelude::*;

use crate::error::{template_error, Error};
use crate::model::urls::{self, PageKind, SitePage};
use crate::model::Site;
use crate::output_file::OutputFile;
use crate::progress::Progress;
pub use assets::{
    fingerprint, theme_assets, AssetPaths, SearchAssets, THEME_CSS, THEME_FIELD_JS, THEME_SEARCH_JS,
};
pub use cache::RenderCache;
use cache::{Kept, LastRender};
use context::Contexts;
use incremental::Changes;
pub use minify::minify;
pub use templates::{escape_html, templates, Templates};

/// Renders every page of the site in parallel, handing each file to `sink`
/// as soon as it is made; returns what `sink` returned, in page order.
///
/// A build writes each page from here, so the whole site is never held in
/// memory at once.
pub fn render_with<T: Send>(
    site: &Site,
    templates: &Templates,
    assets: &AssetPaths,
    cache: Option<&RenderCache>,
    progress: &dyn Progress,
    sink: impl Fn(OutputFile) -> Result<T, Error> + Sync,
) -> Result<Vec<T>, Error> {
    let ctx = Contexts::new(site, assets);
    // Pages made from minified templates are not minified again.
    let page = Page {
        site,
        templates,
        minify: site.config.minify_html && !templates.minified,
        hyphenation: hyphenate::language(&site.config.default_language),
    };
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
            let made = render_job(job, &page, &ctx, plan).and_then(&sink);
            progress.step();
            made
        })
        .collect();
    made
}

/// The last render and what changed since, when rendering for `serve`.
type Plan<'a> = Option<(&'a RenderCache, Option<&'a (Arc<LastRender>, Changes)>)>;

/// What every page of one render is made with.
struct Page<'a> {
    site: &'a Site,
    templates: &'a Templates,
    /// Whether each page is minified after rendering.
    minify: bool,
    /// The patterns for soft hyphens in headings, if the site's language has them.
    hyphenation: Option<hypher::Lang>,
}

impl Page<'_> {
    /// The file of `job`, rendered with `context`.
    fn file(&self, job: &SitePage, context: &tera::Context) -> Result<OutputFile, Error> {
        let template = template(&job.kind, self.site);
        let mut html = render_page(&self.templates.tera, &template, context, &job.path)?;
        let path = urls::file_path(&job.path);
        if let Some(lang) = self.hyphenation.filter(|_| path.ends_with(".html")) {
            html = hyphenate::soft_hyphens(&html, lang, &path)?;
        }
        if self.site.config.for_disk && path.ends_with(".html") {
            html = disk::relative_links(&html, &path)?;
        }
        let bytes = match self.minify {
            true => minify(html.as_bytes()),
            false => html.into_bytes(),
        };
        Ok(OutputFile {
            path,
            bytes: Arc::new(bytes),
        })
    }
}

fn render_job(
    job: &SitePage,
    page: &Page<'_>,
    ctx: &Contexts<'_>,
    plan: Plan<'_>,
) -> Result<OutputFile, Error> {
    let Some((cache, last)) = plan else {
        return page.file(job, &page_context(&job.kind, ctx));
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
    let file = page.file(job, &context)?;
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
        PageKind::Followups | PageKind::FollowupsYear(_) => "followups.html",
        PageKind::Advice => "advice.html",
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
    tera: &tera::Tera,
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
