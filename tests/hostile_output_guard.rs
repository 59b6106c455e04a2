//! The output guard: no spelling of `--output-dir`, with or without the
//! output marker, makes a build touch a source file (issue 18).

mod hostile_site;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

use hostile_site::*;

/// A forbidden place, relative to the base folder, and what the refusal says.
struct Place {
    rel: &'static str,
    reason: &'static str,
    /// Whether it exists (a marker can be put there).
    exists: bool,
}

const PLACES: &[Place] = &[
    Place {
        rel: "site",
        reason: "it is the site's own folder",
        exists: true,
    },
    Place {
        rel: ".",
        reason: "it holds the site's folder",
        exists: true,
    },
    Place {
        rel: "site/content",
        reason: "it is inside the site's `content/` folder",
        exists: true,
    },
    Place {
        rel: "site/content/moter",
        reason: "it is inside the site's `content/` folder",
        exists: true,
    },
    Place {
        rel: "site/content/nytt/ut",
        reason: "it is inside the site's `content/` folder",
        exists: false,
    },
    Place {
        rel: "site/data",
        reason: "it is inside the site's `data/` folder",
        exists: true,
    },
    Place {
        rel: "site/static",
        reason: "it is inside the site's `static/` folder",
        exists: true,
    },
    Place {
        rel: "site/templates",
        reason: "it is inside the site's `templates/` folder",
        exists: true,
    },
    Place {
        rel: "site/theme",
        reason: "it is inside the site's `theme/` folder",
        exists: true,
    },
    Place {
        rel: "annet-nettsted",
        reason: "it holds a `config.toml`",
        exists: true,
    },
];

/// The ways to write `place` from the base folder: (working folder, path).
fn spellings(base: &Path, place: &Place) -> Vec<(std::path::PathBuf, String)> {
    let rel = place.rel;
    let abs = base.join(rel);
    let last = Path::new(rel)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned());
    // Through a link to the site (or, for the base folder, to itself).
    let linked = match rel {
        "." => "selv".to_string(),
        "annet-nettsted" => "lenke-annet".to_string(),
        "site" => "lenke".to_string(),
        _ => format!("lenke/{}", rel.strip_prefix("site/").unwrap()),
    };
    let mut out = vec![
        (base.to_path_buf(), rel.to_string()),
        (base.to_path_buf(), format!("./{rel}")),
        (base.to_path_buf(), abs.display().to_string()),
        (base.to_path_buf(), format!("{}/", abs.display())),
        (base.to_path_buf(), format!("{rel}/")),
        (base.to_path_buf(), linked.clone()),
        (base.to_path_buf(), format!("{linked}/")),
        (base.to_path_buf(), base.join(&linked).display().to_string()),
        (
            base.to_path_buf(),
            match &last {
                Some(last) if rel != "." => format!("{rel}/../{last}"),
                _ => "site/..".to_string(),
            },
        ),
        // Down into a folder that does not exist and back up.
        (base.to_path_buf(), format!("{rel}/finnes-ikke/..")),
        (base.to_path_buf(), format!("site/static/../../{rel}")),
    ];
    if place.exists {
        out.push((abs.clone(), ".".to_string()));
        out.push((abs.clone(), "./".to_string()));
        if let (Some(last), false) = (last, rel == ".") {
            out.push((abs.clone(), format!("../{last}")));
        }
    }
    out
}

fn arrange(with_marker: bool) -> Site {
    let site = Site::new();
    let base = site.base();
    fs::create_dir_all(base.join("annet-nettsted/content")).unwrap();
    fs::write(
        base.join("annet-nettsted/config.toml"),
        "title = \"Annet\"\n",
    )
    .unwrap();
    symlink(base.join("site"), base.join("lenke")).unwrap();
    symlink(&base, base.join("selv")).unwrap();
    symlink(base.join("annet-nettsted"), base.join("lenke-annet")).unwrap();
    if with_marker {
        for place in PLACES.iter().filter(|p| p.exists) {
            fs::write(base.join(place.rel).join(".medvirk-output"), "").unwrap();
        }
    }
    site
}

fn refuses_every_spelling(with_marker: bool) {
    let site = arrange(with_marker);
    let base = site.base();
    let everything = |s: &Site| snapshot(&s.base(), &|_| false);
    let before = everything(&site);
    let mut runs = 0;
    for place in PLACES {
        for (cwd, spelling) in spellings(&base, place) {
            let root = base.join("site").display().to_string();
            let run = site.run_in(&cwd, &["build", "--root", &root, "--output-dir", &spelling]);
            let context = format!("{} from {}", spelling, cwd.display());
            assert_eq!(run.code, Some(1), "{context}: {}", run.stderr);
            assert!(
                run.stderr.starts_with(&format!(
                    "error: refusing to replace `{spelling}`: {}",
                    place.reason
                )),
                "{context}: {}",
                run.stderr
            );
            assert!(
                run.stderr
                    .contains("choose an output folder outside the site's sources"),
                "{context}: {}",
                run.stderr
            );
            assert_same(&before, &everything(&site));
            runs += 1;
        }
    }
    assert!(runs > 120, "{runs} spellings tried");
}

#[test]
fn no_spelling_of_a_source_folder_is_an_output_folder() {
    refuses_every_spelling(false);
}

#[test]
fn the_output_marker_does_not_make_a_source_folder_an_output_folder() {
    refuses_every_spelling(true);
}

#[test]
fn a_default_output_folder_that_links_into_the_sources_is_refused() {
    let site = Site::new();
    symlink(site.root().join("content"), site.root().join("public")).unwrap();
    fs::write(site.root().join("content/.medvirk-output"), "").unwrap();
    let before = snapshot(&site.base(), &|_| false);
    let run = site.build();
    assert_fails_with(&run, "it is inside the site's `content/` folder (`");
    assert!(
        run.stderr.contains("refusing to replace `"),
        "{}",
        run.stderr
    );
    assert_same(&before, &snapshot(&site.base(), &|_| false));
}

#[test]
fn a_source_folder_that_is_a_link_is_protected_where_it_points() {
    let site = Site::new();
    let base = site.base();
    // content/ lives outside the site; the output may not be that folder
    // nor hold it.
    fs::rename(site.root().join("content"), base.join("innhold")).unwrap();
    symlink(base.join("innhold"), site.root().join("content")).unwrap();
    let before = snapshot(&base, &|_| false);
    for (spelling, reason) in [
        ("innhold", "it is inside the site's `content/` folder"),
        ("innhold/moter", "it is inside the site's `content/` folder"),
        (".", "it holds the site's folder"),
    ] {
        let run = site.run_in(
            &base,
            &["build", "--root", "site", "--output-dir", spelling],
        );
        assert_fails_with(&run, reason);
        assert_same(&before, &snapshot(&base, &|_| false));
    }
    // Beside it is fine, and the link still leads to the content.
    let run = site.run_in(
        &base,
        &["-q", "build", "--root", "site", "--output-dir", "ut"],
    );
    assert_ok(&run);
    assert!(base.join("ut/moter/2026-1/sak-01-26/index.html").is_file());
}

#[test]
fn an_output_folder_beside_or_inside_the_site_is_still_fine() {
    let site = Site::new();
    let base = site.base();
    let sources = |s: &Site| {
        snapshot(&s.base(), &|rel: &Path| {
            let r = rel.to_string_lossy();
            r.starts_with("ut")
                || r.starts_with(".ut.")
                || r.starts_with("site/public")
                || r.starts_with("site/.public.")
        })
    };
    let before = sources(&site);
    for spelling in ["ut", "./ut/", "site/public", "site/content/../public"] {
        let run = site.run_in(
            &base,
            &["-q", "build", "--root", "site", "--output-dir", spelling],
        );
        assert_ok(&run);
        assert!(
            base.join(spelling).join("index.html").is_file(),
            "{spelling}"
        );
        assert_same(&before, &sources(&site));
    }
    // Twice, so the second build replaces its own output.
    let run = site.run_in(
        &base,
        &["-q", "build", "--root", "site", "--output-dir", "ut"],
    );
    assert_ok(&run);
    assert_same(&before, &sources(&site));
}

#[test]
fn a_dangling_link_as_output_folder_is_refused_not_followed() {
    let site = Site::new();
    let base = site.base();
    symlink(base.join("finnes-ikke"), base.join("dinglende")).unwrap();
    let before = snapshot(&base, &|_| false);
    let run = site.run_in(
        &base,
        &["build", "--root", "site", "--output-dir", "dinglende"],
    );
    assert_fails_with(
        &run,
        "error: refusing to replace `dinglende`: its path cannot be resolved",
    );
    assert_same(&before, &snapshot(&base, &|_| false));
}
