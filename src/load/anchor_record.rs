//! Stage 1, load: the anchor record `data/ankre.toml` as written.
//!
//! `medvirk build` writes it, as cargo writes `Cargo.lock`; an author only
//! commits it. It is read like any data file, so a damaged one is an error
//! at its line, and its `file` values keep their place for the warning
//! about a case that no longer exists.

use serde::Deserialize;
use toml::Spanned;

/// Where the record lives, relative to the site root.
pub const ANCHOR_RECORD: &str = "data/ankre.toml";

/// `data/ankre.toml`: the anchors each case's input items were published with.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAnchorRecord {
    /// One entry per case file.
    #[serde(default, rename = "case")]
    pub cases: Vec<RawRecordedCase>,
}

/// One `[[case]]` of the record.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecordedCase {
    /// The case's file, relative to the site root.
    pub file: Spanned<String>,
    /// Every anchor the case's items have had, removed ones included.
    #[serde(default)]
    pub items: Vec<RawRecordedItem>,
}

/// One item of a `[[case]]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecordedItem {
    /// The `id` it was published with ("innspill-3", "innspill-3-2").
    pub anchor: String,
    /// The anchor of the item it is a sub-item of.
    pub parent: Option<String>,
    /// The question it answered, when grouped under one.
    pub question: Option<String>,
    /// Its text when last published.
    pub text: String,
    /// Removed from the minutes: the anchor is never given to another item.
    #[serde(default)]
    pub removed: bool,
}
