//! A file made in memory, as the stages hand it on.
//!
//! A leaf module: `search` (the index) and `render` (pages, feeds, theme
//! assets) make [`OutputFile`]s, `output` writes them and `serve` serves
//! them, so none of these stages needs another for the type.

use std::sync::Arc;

/// A file to write, relative to the output folder.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Relative path with `/` separators ("moter/2024-2/index.html").
    pub path: String,
    /// Content, shared: `serve` keeps a page from one render to the next.
    pub bytes: Arc<Vec<u8>>,
}
