//! medvirk: a static-site generator for a user council's minutes, attendance
//! and position papers.
//!
//! One pipeline, one module per stage, data flowing one way:
//! [`load`] (read files, parse front matter) → [`model`] (validate, link) →
//! [`search`] (the client-side index) → [`render`] (Markdown and Tera
//! templates) → [`output`] (write atomically). The index comes before the
//! pages because the search page names its layout. A stage uses only the
//! stages before it and the leaf modules ([`error`], [`progress`],
//! [`output_file`], [`language`]); `tests/pipeline_graph.rs` checks it.
//!
//! [`pipeline`] runs the stages for every front-end: [`build()`] writes the
//! site; [`check()`] renders in memory and checks links, writing nothing;
//! [`serve`] serves the site from memory and rebuilds on change; [`init`]
//! makes a new site and [`import`] drafts a meeting from its minutes.

#![warn(missing_docs)]

pub mod check;
pub mod error;
pub mod import;
pub mod init;
pub mod language;
pub mod load;
pub mod model;
pub mod new;
pub mod output;
pub mod output_file;
pub mod pipeline;
pub mod progress;
pub mod render;
pub mod search;
pub mod serve;
pub mod spelling;

use std::path::Path;

pub use error::{Diagnostic, DiagnosticKind, Diagnostics, Error, Severity};
pub use output_file::OutputFile;
pub use pipeline::{
    build, build_as, build_with, render_site, render_site_with, BuildMode, BuildOptions,
    BuildReport, RenderedSite,
};
pub use progress::{NoProgress, Progress};
pub use serve::{render_site_cached, render_site_deferred, SiteCache};

/// Loads, validates and renders a site in memory, and checks its links;
/// writes nothing. See [`check::check`].
pub fn check(root: &Path) -> Result<Diagnostics, Error> {
    check::check(root)
}
