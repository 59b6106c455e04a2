//! Any bytes as a set of minutes, imported with `--dry-run` into a site
//! made by `medvirk init` (so names are resolved against a real registry),
//! once as text and once as a `.docx`. Nothing may panic or overflow the
//! stack; errors are fine.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// The site, made once per process.
fn site() -> &'static PathBuf {
    static SITE: OnceLock<PathBuf> = OnceLock::new();
    SITE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir").keep();
        medvirk::init::init(&dir).expect("init");
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let root = site();
    for name in ["referat.txt", "referat.docx"] {
        let source = root.join(name);
        std::fs::write(&source, data).expect("write");
        let _ = medvirk::import::import(&medvirk::import::ImportOptions {
            source,
            root: root.clone(),
            meeting: None,
            dry_run: true,
            force: false,
            write_registry: false,
        });
    }
});
