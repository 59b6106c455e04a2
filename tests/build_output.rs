//! The output folder: replaced whole or not at all, reproducible, never a
//! folder that is not ours. And the command line's exit codes.

mod common;

use std::process::Command;

use common::TestSite;

const CASE_FILE: &str = "content/moter/2026-1/sak-01-26.md";

#[test]
fn builds_are_byte_identical_whatever_the_thread_count() {
    let site = TestSite::demo();
    let build = |threads: &str| {
        let status = Command::new(env!("CARGO_BIN_EXE_medvirk"))
            .args(["-q", "build", "--root"])
            .arg(site.root())
            .env("RAYON_NUM_THREADS", threads)
            .status()
            .unwrap();
        assert!(status.success());
        site.files()
    };
    let one = build("1");
    assert!(one.len() > 80);
    for threads in ["2", "7"] {
        let other = build(threads);
        assert_eq!(one.len(), other.len());
        for (a, b) in one.iter().zip(&other) {
            assert!(a == b, "{} differs with {threads} threads", a.0);
        }
    }
}

#[test]
fn a_failed_build_leaves_the_previous_site_as_it_was() {
    let site = TestSite::minimal();
    site.build().unwrap();
    let before = site.files();
    site.replace(
        "content/moter/2026-1/sak-01-26.md",
        "kind = \"drøftingssak\"",
        "kind = \"x\"",
    );
    site.build_err();
    assert_eq!(before, site.files());
}

#[test]
fn a_site_can_override_a_theme_template() {
    let site = TestSite::minimal();
    site.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<h1>Borte</h1>{% endblock content %}",
    );
    site.build().unwrap();
    assert!(site.read("404.html").contains("<h1>Borte</h1>"));
}

#[test]
fn attachments_and_static_files_are_copied() {
    let site = TestSite::minimal();
    site.write(
        "content/moter/2026-1/vedlegg/saksdokument.pdf",
        &"x".repeat(2_100_000),
    );
    site.write("static/logo.txt", "logo");
    site.replace(
        "content/moter/2026-1/sak-01-26.md",
        "themes = [\"eksempel\"]",
        "themes = [\"eksempel\"]\n\n[[attachments]]\ntitle = \"Saksdokument\"\nfile = \"vedlegg/saksdokument.pdf\"",
    );
    site.build().unwrap();
    assert!(site
        .public()
        .join("moter/2026-1/vedlegg/saksdokument.pdf")
        .is_file());
    assert_eq!(site.read("logo.txt"), "logo");
    let text = common::text_of(&site.read("moter/2026-1/sak-01-26/index.html"));
    assert!(text.contains("Saksdokument (PDF, 2,1 MB)"), "{text}");
}

fn medvirk(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_medvirk"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn cli_build_check_and_init() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("nytt");
    let root_s = root.to_str().unwrap();
    assert!(medvirk(&["init", root_s]).status.success());
    let out = medvirk(&["check", "--root", root_s]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = medvirk(&["build", "--root", root_s]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Built "));

    std::fs::write(root.join("content/moter/2026-1/sak-01-26.md"), "ødelagt").unwrap();
    let out = medvirk(&["check", "--root", root_s]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        common::reports(
            &err,
            "content/moter/2026-1/sak-01-26.md:1:1: error: the file does not start with front matter"
        ),
        "{err}"
    );
    let out = medvirk(&["-q", "build", "--root", root_s]);
    assert_eq!(out.status.code(), Some(1));
    // The previous build is still there.
    assert!(root
        .join("public/moter/2026-1/sak-01-26/index.html")
        .is_file());
}

#[test]
fn cli_refuses_to_overwrite_a_foreign_folder() {
    let site = TestSite::minimal();
    let foreign = tempfile::tempdir().unwrap();
    std::fs::write(foreign.path().join("viktig.txt"), "behold meg").unwrap();
    let out = medvirk(&[
        "build",
        "--root",
        site.root().to_str().unwrap(),
        "--output-dir",
        foreign.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not written by medvirk"));
    assert_eq!(
        std::fs::read_to_string(foreign.path().join("viktig.txt")).unwrap(),
        "behold meg"
    );
}

#[test]
fn base_url_override_reaches_canonical_links_and_feed() {
    let site = TestSite::minimal();
    medvirk::build(&medvirk::BuildOptions {
        root: site.root().to_path_buf(),
        output_dir: None,
        base_url: Some("http://127.0.0.1:8080".into()),
    })
    .unwrap();
    assert!(site
        .read("index.html")
        .contains("href=http://127.0.0.1:8080/ rel=canonical"));
    assert!(site
        .read("atom.xml")
        .contains("<id>http://127.0.0.1:8080/moter/2026-1/</id>"));
}

#[test]
fn earlier_treatment_links_both_ways() {
    let site = TestSite::minimal();
    site.write(
        "content/moter/2026-2/_index.md",
        "+++\nnumber = 2\ndate = 2026-06-03\n\n[[agenda]]\ntime = \"10:00\"\ntext = \"Sak 02/26\"\ncase = \"02/26\"\n+++\n",
    );
    site.write(
        "content/moter/2026-2/sak-02-26.md",
        "+++\nnumber = \"02/26\"\nkind = \"oppfølgingssak\"\ntitle = \"Oppfølging\"\n\n[[earlier]]\ncase = \"01/26\"\nyear = 2026\n+++\n",
    );
    site.build().unwrap();
    let later = common::text_of(&site.read("moter/2026-2/sak-02-26/index.html"));
    assert!(
        later.contains("4. mars 2026: Sak 01/26 Eksempelsak"),
        "{later}"
    );
    let earlier = common::text_of(&site.read("moter/2026-1/sak-01-26/index.html"));
    assert!(
        earlier.contains("Senere: Sak 02/26 Oppfølging (3. juni 2026)"),
        "{earlier}"
    );
}

/// A site big enough that a build takes a while: 6 meetings of 5 cases.
fn large_site() -> TestSite {
    let site = TestSite::minimal();
    let body = "- Et innspill om pårørende og fastlegen {fra=pasientforeningen}\n".repeat(30);
    let template =
        std::fs::read_to_string(site.root().join("content/moter/2026-1/_index.md")).unwrap();
    for m in 1..=6 {
        let meeting = template
            .replace("number = 1", &format!("number = {m}"))
            .replace("case = \"01/26\"", &format!("case = \"{:02}/26\"", m * 5));
        site.write(&format!("content/moter/2026-{m}/_index.md"), &meeting);
        for c in 1..=5 {
            let n = (m - 1) * 5 + c;
            site.write(
                &format!("content/moter/2026-{m}/sak-{n:02}-26.md"),
                &format!(
                    "+++\nnumber = \"{n:02}/26\"\nkind = \"drøftingssak\"\ntitle = \"Sak nummer {n}\"\nthemes = [\"eksempel\"]\n+++\n## Innspill fra Brukerrådet\n\n{body}"
                ),
            );
        }
    }
    site
}

fn listing(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            out.push((rel, std::fs::read(entry.path()).unwrap()));
        }
    }
    out
}

#[test]
fn kill_9_in_the_middle_of_a_build_leaves_the_previous_site_whole() {
    let site = large_site();
    site.build().expect("first build");
    let public = site.public();
    std::fs::create_dir_all(public.join(".git")).unwrap();
    std::fs::write(public.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    let before = listing(&public);

    // The next build differs, so a half-swapped site would show.
    site.replace(
        "content/moter/2026-2/sak-06-26.md",
        "Sak nummer 6",
        "Sak nummer seks",
    );
    let expected_after = {
        let other = tempfile::tempdir().unwrap();
        medvirk::build(&medvirk::BuildOptions {
            root: site.root().to_path_buf(),
            output_dir: Some(other.path().join("public")),
            base_url: None,
        })
        .unwrap();
        listing(&other.path().join("public"))
    };

    // How long a whole build takes here, so the kills spread over all of it.
    let cli_build = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_medvirk"))
            .args(["-q", "build", "--root"])
            .arg(site.root())
            .status()
            .unwrap()
    };
    let start = std::time::Instant::now();
    assert!(cli_build().success());
    let full = start.elapsed();
    site.replace(
        "content/moter/2026-2/sak-06-26.md",
        "Sak nummer seks",
        "Sak nummer 6",
    );
    assert!(cli_build().success());
    site.replace(
        "content/moter/2026-2/sak-06-26.md",
        "Sak nummer 6",
        "Sak nummer seks",
    );

    let mut outcomes = (0, 0);
    // Most kills near the end, where the new site is swapped in.
    for percent in [30u64, 70, 85, 92, 97, 100, 104, 110] {
        let delay_ms = full.as_millis() as u64 * percent / 100;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_medvirk"))
            .args(["-q", "build", "--root"])
            .arg(site.root())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        let now: Vec<_> = listing(&public)
            .into_iter()
            .filter(|(p, _)| !p.starts_with(".git"))
            .collect();
        let old: Vec<_> = before
            .iter()
            .filter(|(p, _)| !p.starts_with(".git"))
            .cloned()
            .collect();
        if now == old {
            outcomes.0 += 1;
        } else {
            assert_eq!(
                now.len(),
                expected_after.len(),
                "killed after {delay_ms} ms: a partial site"
            );
            assert!(
                now == expected_after,
                "killed after {delay_ms} ms: neither the old nor the new site"
            );
            outcomes.1 += 1;
        }
        // The next build cleans up, and the .git is where it was.
        site.build().expect("a build after the kill");
        assert!(public.join(".git/HEAD").is_file(), "the .git survives");
        let leftovers: Vec<_> = std::fs::read_dir(site.root())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name.contains("medvirk-") && name != ".public.medvirk-spare")
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
        // The previous site's folders wait for the next build, without files.
        let spare = site.root().join(".public.medvirk-spare");
        let files = walkdir::WalkDir::new(&spare)
            .into_iter()
            .flatten()
            .filter(|e| !e.file_type().is_dir())
            .count();
        assert_eq!(files, 0, "no page lingers in {}", spare.display());
        // Back to the old content for the next round.
        site.replace(
            "content/moter/2026-2/sak-06-26.md",
            "Sak nummer seks",
            "Sak nummer 6",
        );
        site.build().unwrap();
        site.replace(
            "content/moter/2026-2/sak-06-26.md",
            "Sak nummer 6",
            "Sak nummer seks",
        );
    }
    eprintln!(
        "a build takes {full:?}; old site kept {} times, new site complete {} times",
        outcomes.0, outcomes.1
    );
}

#[test]
fn progress_counts_every_page_and_file() {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Mutex;
    #[derive(Default)]
    struct Count {
        stages: Mutex<Vec<(&'static str, u64)>>,
        steps: AtomicU64,
        finished: AtomicU64,
    }
    impl medvirk::Progress for Count {
        fn stage(&self, name: &'static str, total: u64) {
            self.stages.lock().unwrap().push((name, total));
        }
        fn step(&self) {
            self.steps.fetch_add(1, Ordering::Relaxed);
        }
        fn finish(&self) {
            self.finished.fetch_add(1, Ordering::Relaxed);
        }
    }
    let site = TestSite::minimal();
    let count = Count::default();
    let report = medvirk::build_with(
        &medvirk::BuildOptions {
            root: site.root().to_path_buf(),
            output_dir: None,
            base_url: None,
        },
        &count,
    )
    .unwrap();
    let stages = count.stages.lock().unwrap().clone();
    // The index, assets and copies are written first, then each page as it is made.
    assert_eq!(
        stages.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
        ["write", "render"]
    );
    assert_eq!(
        stages[1].1 as usize,
        report.pages + 2,
        "pages, feed, sitemap"
    );
    let total: u64 = stages.iter().map(|(_, t)| t).sum();
    assert_eq!(total as usize, report.files, "one step per file written");
    assert_eq!(count.steps.load(Ordering::Relaxed), total);
    assert_eq!(count.finished.load(Ordering::Relaxed), 1);
}

#[test]
fn a_passage_in_another_language_keeps_its_lang() {
    let site = TestSite::minimal();
    site.replace(
        CASE_FILE,
        "Hva saken gjelder.",
        "Hva saken gjelder, på engelsk <span lang=\"en\">patient journey</span>, og <script>x()</script>.",
    );
    site.build().unwrap();
    let html = site.read("moter/2026-1/sak-01-26/index.html");
    assert!(
        html.contains("<span lang=en>patient journey</span>"),
        "{html}"
    );
    assert!(!html.contains("x()"), "the rest is still sanitised");
}
