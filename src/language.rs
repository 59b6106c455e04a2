//! The site's language as search knows it.
//!
//! A leaf module: `model` checks that `config.toml` names a language search
//! supports, and `search` stems and filters words in it; neither stage calls
//! the other for it.

use elasticlunr::Language;

/// The elasticlunr language for a site language code.
///
/// `nb` (Bokmål) and `nn` (Nynorsk) are written languages of Norwegian
/// (`no`), which is what the stemmer and stop words cover.
pub fn language(code: &str) -> Option<Box<dyn Language>> {
    let primary = code
        .split(['-', '_'])
        .next()
        .unwrap_or(code)
        .to_ascii_lowercase();
    let code = match primary.as_str() {
        "nb" | "nn" | "no" => "no",
        other => other,
    };
    elasticlunr::lang::from_code(code)
}
