//! Any bytes as the registry files (`data/organisations.toml`,
//! `data/people.toml`, `data/council.toml`, split at lines `%%%`) of a site
//! with one meeting and one case: the whole of `check` runs (load, validate,
//! index, render in memory, resolve links). Nothing may panic or overflow
//! the stack; errors are fine.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// The site, made once per process; each input replaces its registry.
fn site() -> &'static PathBuf {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir").keep();
        medvirk::init::init(&dir).expect("init");
        dir
    })
}

/// `data` split at lines `%%%`.
fn parts(data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = data;
    while let Some(at) = rest.windows(5).position(|w| w == b"\n%%%\n") {
        out.push(&rest[..at]);
        rest = &rest[at + 5..];
    }
    out.push(rest);
    out
}

fuzz_target!(|data: &[u8]| {
    let root = site();
    let parts = parts(data);
    for (i, name) in ["organisations", "people", "council"]
        .into_iter()
        .enumerate()
    {
        let path = root.join(format!("data/{name}.toml"));
        std::fs::write(&path, parts.get(i).copied().unwrap_or_default()).expect("write");
    }
    let _ = medvirk::check(root);
});
