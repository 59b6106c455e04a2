//! Any bytes as a content file: decode (UTF-8, BOM, CRLF), split the front
//! matter, parse it as a case, a meeting and a page, parse the Markdown body
//! into sections and input items, and render it, sanitised and trusted.
//! Nothing may panic; errors are fine.
#![no_main]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use libfuzzer_sys::fuzz_target;
use medvirk::load::{RawCase, RawMeeting, RawPage, SourceFile};
use medvirk::model::Body;
use medvirk::render::markdown::{body_html, HtmlOptions};

fuzz_target!(|data: &[u8]| {
    let path = Path::new("content/moter/2026-1/sak-01-26.md");
    let Ok(text) = SourceFile::decode(path, data.to_vec()) else {
        return;
    };
    let Ok(file) = SourceFile::markdown(PathBuf::from(path), text) else {
        return;
    };
    let _ = file.parse::<RawCase>().map(|_| ());
    let _ = file.parse::<RawMeeting>().map(|_| ());
    let _ = file.parse::<RawPage>().map(|_| ());
    let (body, _problems) = Body::parse(file.body_text());
    let organisations = BTreeMap::new();
    for trust_raw_html in [false, true] {
        let html = body_html(
            &body,
            &HtmlOptions {
                trust_raw_html,
                organisations: &organisations,
                people: &BTreeMap::new(),
                person_links: &BTreeMap::new(),
                heading_shift: 1,
                date: None,
            },
        );
        if !trust_raw_html {
            assert!(!html.contains("<script"), "sanitised HTML has no script");
        }
    }
});
