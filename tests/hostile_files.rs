//! Filesystem tricks: symbolic links in and out of the site, link loops,
//! unreadable files, a folder named like a file, a FIFO (issue 18). Each
//! build ends with 0 or 1 and a message, and changes nothing but its output.

mod hostile_site;

use std::fs;
use std::os::unix::fs::symlink;

use hostile_site::*;

/// The site, with a secret beside it that a link tries to publish.
fn with_secret() -> Site {
    let site = Site::new();
    fs::write(site.base().join("hemmelig.txt"), "HEMMELIG-INNHOLD\n").unwrap();
    site
}

fn nothing_published_contains(site: &Site, secret: &str) {
    for (path, text) in site.output() {
        assert!(!text.contains(secret), "{path} publishes {secret}");
    }
}

#[test]
fn a_link_in_content_to_outside_the_site_is_left_out_with_a_warning() {
    let site = with_secret();
    let base = site.base();
    symlink(
        base.join("hemmelig.txt"),
        site.root().join("content/moter/2026-1/vedlegg.txt"),
    )
    .unwrap();
    let run = site.run_in(&base, &["build", "--root", "site"]);
    assert_ok(&run);
    assert!(
        run.stderr.contains(&format!(
            "warning: `content/moter/2026-1/vedlegg.txt` is a symbolic link to `{}`, which leads \
             outside the site: it is left out, so nothing outside the site is published",
            base.join("hemmelig.txt").display()
        )),
        "{}",
        run.stderr
    );
    assert!(!site.root().join("public/moter/2026-1/vedlegg.txt").exists());
    nothing_published_contains(&site, "HEMMELIG-INNHOLD");
}

#[test]
fn a_link_in_static_to_outside_the_site_is_left_out_with_a_warning() {
    let site = with_secret();
    symlink(
        "../../hemmelig.txt",
        site.root().join("static/hemmelig.txt"),
    )
    .unwrap();
    let run = site.run_in(&site.base(), &["build", "--root", "site"]);
    assert_ok(&run);
    assert!(
        run.stderr.contains(
            "warning: `static/hemmelig.txt` is a symbolic link to `../../hemmelig.txt`, which \
             leads outside the site"
        ),
        "{}",
        run.stderr
    );
    assert!(!site.root().join("public/hemmelig.txt").exists());
    assert!(site.root().join("public/robots.txt").is_file());
    nothing_published_contains(&site, "HEMMELIG-INNHOLD");
}

#[test]
fn a_registry_file_linking_outside_the_site_is_not_read_and_the_errors_say_why() {
    let site = Site::new();
    let base = site.base();
    fs::rename(
        site.root().join("data/people.toml"),
        base.join("people.toml"),
    )
    .unwrap();
    symlink(
        base.join("people.toml"),
        site.root().join("data/people.toml"),
    )
    .unwrap();
    let before = site.sources();
    let run = site.build();
    assert_fails_with(&run, "warning: `data/people.toml` is a symbolic link to");
    assert!(
        run.stderr.contains("which leads outside the site"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("error: unknown person \"kari-nordmann\""),
        "{}",
        run.stderr
    );
    assert_same(&before, &site.sources());
}

#[test]
fn a_link_inside_the_site_is_not_followed_and_says_so() {
    let site = Site::new();
    symlink(
        "sak-01-26.md",
        site.root().join("content/moter/2026-1/sak-02-26.md"),
    )
    .unwrap();
    let run = site.run_in(&site.base(), &["build", "--root", "site"]);
    assert_ok(&run);
    assert!(
        run.stderr.contains(
            "warning: `content/moter/2026-1/sak-02-26.md` is a symbolic link to `sak-01-26.md`: \
             links among the sources are not followed, so it is left out"
        ),
        "{}",
        run.stderr
    );
    assert!(!site.root().join("public/moter/2026-1/sak-02-26").exists());
}

#[test]
fn an_editors_lock_link_is_not_worth_a_warning() {
    let site = Site::new();
    symlink(
        "root@host.1234:1700000000",
        site.root().join("content/moter/2026-1/.#sak-01-26.md"),
    )
    .unwrap();
    let run = site.run_in(&site.base(), &["build", "--root", "site"]);
    assert_ok(&run);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
}

#[test]
fn link_loops_end_in_a_warning_not_a_hang() {
    let site = Site::new();
    let content = site.root().join("content");
    symlink(".", content.join("moter/2026-1/selv")).unwrap();
    symlink("../..", content.join("moter/2026-1/opp")).unwrap();
    symlink("a", content.join("b")).unwrap();
    symlink("b", content.join("a")).unwrap();
    let run = site.build_keeping_sources();
    assert_ok(&run);
    for link in ["content/a", "content/b", "content/moter/2026-1/selv"] {
        assert!(
            run.stderr
                .contains(&format!("warning: `{link}` is a symbolic link")),
            "{link}: {}",
            run.stderr
        );
    }
    // `a` and `b` resolve to nothing: treated as leading outside.
    assert!(
        run.stderr
            .contains("`content/a` is a symbolic link to `b`, which leads outside the site"),
        "{}",
        run.stderr
    );
}
