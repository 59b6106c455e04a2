//! Every context notes what it reads: for each source file of the demo and
//! of the council-over-time fixture, and each string field written in it
//! (and each Markdown body), the field is changed in a copy of the site, and
//! every page whose context changed must have noted a part of the site that
//! `serve`'s comparison ([`Changes`]) finds changed. A context field that
//! reads another entity without its note fails here, naming the page and
//! the field.

use std::path::Path;
use std::sync::Arc;

use super::Contexts;
use crate::model::Site;
use crate::render::incremental::{noting, Changes, Dep};
use crate::render::AssetPaths;

fn site(root: &Path) -> Option<Site> {
    let sources = crate::load::load(root).ok()?;
    crate::model::build(&sources).ok()
}

/// Every page's context, as JSON, and what it noted.
fn contexts(site: &Site, assets: &AssetPaths) -> Vec<(String, serde_json::Value, Arc<[Dep]>)> {
    let ctx = Contexts::new(site, assets);
    site.site_map
        .iter()
        .map(|page| {
            let (json, deps) = noting(|| ctx.build(&page.kind).context.into_json());
            (page.path.clone(), json, deps.into())
        })
        .collect()
}

/// Copies the site at `from` into `to`.
fn copy_site(from: &Path, to: &Path) {
    for entry in ["config.toml", "content", "data", "templates"] {
        let src = from.join(entry);
        for file in walkdir::WalkDir::new(&src).into_iter().flatten() {
            let rel = file.path().strip_prefix(from).expect("below the site");
            let dest = to.join(rel);
            if file.file_type().is_dir() {
                std::fs::create_dir_all(&dest).expect("a folder");
            } else if file.file_type().is_file() {
                std::fs::copy(file.path(), &dest).expect("a copy");
            }
        }
    }
}

/// The keys of the one-line string fields of a TOML text (or front matter).
fn string_keys(text: &str) -> Vec<String> {
    let mut keys: Vec<String> = text
        .lines()
        .filter_map(|line| {
            let (key, value) = line.split_once(" = ")?;
            let key = key.trim();
            let value = value.trim();
            let plain = key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            (plain
                && value.len() > 1
                && value.starts_with('"')
                && value.ends_with('"')
                && !value.starts_with("\"\"\""))
            .then(|| key.to_string())
        })
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// `text` with every one-line string field named `key` changed.
fn changed(text: &str, key: &str) -> String {
    text.lines()
        .map(|line| match line.split_once(" = ") {
            Some((k, v)) if k.trim() == key && v.trim().ends_with('"') => {
                let v = v.trim_end();
                format!("{k} = {} endret\"", &v[..v.len() - 1])
            }
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// Changes each field of each source file of the site at `root` in turn;
/// returns the pages that changed without noting it, and how many changes
/// gave a valid site.
fn unnoted(root: &str) -> (Vec<String>, usize) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).join(root);
    let dir = tempfile::tempdir().expect("a temporary folder");
    copy_site(&repo, dir.path());
    let assets = AssetPaths {
        css: "/style.css".into(),
        items: String::new(),
        background: String::new(),
        search: None,
    };
    let before = site(dir.path()).expect("the site is valid");
    let old = contexts(&before, &assets);
    let files: Vec<_> = ["content", "data"]
        .iter()
        .flat_map(|d| walkdir::WalkDir::new(dir.path().join(d)).sort_by_file_name())
        .flatten()
        .filter(|f| {
            f.file_type().is_file()
                && matches!(
                    f.path().extension().and_then(|e| e.to_str()),
                    Some("md" | "toml")
                )
        })
        .map(|f| f.path().to_path_buf())
        .collect();
    let mut problems = Vec::new();
    let mut valid = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a source file");
        let mut edits: Vec<(String, String)> = string_keys(&text)
            .into_iter()
            .map(|k| (changed(&text, &k), k))
            .collect();
        if file.extension().is_some_and(|e| e == "md") {
            edits.push((format!("{text}\nEt endret avsnitt.\n"), "the body".into()));
        }
        let name = file
            .strip_prefix(dir.path())
            .expect("in the site")
            .display();
        for (edited, what) in edits {
            std::fs::write(&file, &edited).expect("written");
            let after = site(dir.path());
            std::fs::write(&file, &text).expect("restored");
            let Some(after) = after else { continue };
            valid += 1;
            let changes = Changes::between(&before, &assets, &after, &assets);
            for (path, json, _) in contexts(&after, &assets) {
                let Some((_, was, deps)) = old.iter().find(|(p, _, _)| *p == path) else {
                    continue;
                };
                if *was != json && changes.unchanged(deps).is_some() {
                    problems.push(format!("{path} changed with {what} of {name}, unnoted"));
                }
            }
        }
    }
    (problems, valid)
}

#[test]
fn a_change_to_what_a_page_shows_is_a_change_to_what_it_noted() {
    for root in [".", "tests/sites/council-over-time"] {
        let (problems, valid) = unnoted(root);
        assert!(valid > 20, "{root}: only {valid} changes gave a valid site");
        assert!(problems.is_empty(), "{root}:\n{}", problems.join("\n"));
    }
}
