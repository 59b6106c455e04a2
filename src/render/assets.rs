//! Stage 3, render: the theme's own files (stylesheet, search scripts)
//! under fingerprinted names, and where pages find them.

use std::sync::Arc;

use crate::model::urls;
use crate::output_file::OutputFile;
use crate::search::{Layout, SearchIndex};

/// The default stylesheet.
pub const THEME_CSS: &str = include_str!("../../theme/static/style.css");

/// The search client: tokenizer, stemmer, index reader and the search page.
pub const THEME_SEARCH_JS: &str = include_str!("../../theme/static/sok.js");

/// Loads the search client when the header's search field gets focus.
pub const THEME_FIELD_JS: &str = include_str!("../../theme/static/sokefelt.js");

/// Turns each input item's link into a copy-link button.
pub(super) const THEME_ITEMS_JS: &str = include_str!("../../theme/static/innspill.js");

/// Closes a case's background on small screens.
pub(super) const THEME_BACKGROUND_JS: &str = include_str!("../../theme/static/bakgrunn.js");

/// The theme's own files under fingerprinted names, and where pages find them.
pub fn theme_assets(search: Option<&SearchIndex>) -> (AssetPaths, Vec<OutputFile>) {
    let named = |stem: &str, ext: &str, text: &str| OutputFile {
        path: format!("{stem}.{}.{ext}", fingerprint(text.as_bytes())),
        bytes: Arc::new(text.as_bytes().to_vec()),
    };
    let mut files = vec![
        named("style", "css", THEME_CSS),
        named("innspill", "js", THEME_ITEMS_JS),
        named("bakgrunn", "js", THEME_BACKGROUND_JS),
    ];
    let mut paths = AssetPaths {
        css: urls::file(&files[0].path),
        items: urls::file(&files[1].path),
        background: urls::file(&files[2].path),
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

/// A stable 64-bit FNV-1a hash, for fingerprinting asset names.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:08x}", hash >> 32)
}

/// The paths of shared assets, fingerprinted so they can be cached forever.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AssetPaths {
    /// The stylesheet, "/style.0123abcd.css".
    pub css: String,
    /// The case page's script for copying an item's address.
    pub items: String,
    /// The case page's script that folds the background on small screens.
    pub background: String,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable() {
        assert_eq!(fingerprint(b"a"), fingerprint(b"a"));
        assert_ne!(fingerprint(b"a"), fingerprint(b"b"));
        assert_eq!(fingerprint(b"").len(), 8);
    }
}
