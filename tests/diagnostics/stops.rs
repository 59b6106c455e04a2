//! Errors that stop a command without a finding in the site's files: each
//! names what it could not use and why. (A read error needs a file the
//! user cannot read, which root can: `tests/hostile_inputs.rs` covers it
//! for other users.)

use std::fs;
use std::net::{IpAddr, Ipv4Addr, TcpListener};

use super::common::TestSite;
use medvirk::serve::ServeOptions;
use medvirk::{BuildOptions, Error};

#[test]
fn init_into_a_folder_that_is_not_empty() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notat.txt"), "mitt").unwrap();
    let err = medvirk::init::init(dir.path()).expect_err("the folder holds a file");
    let Error::UnsafeOutput { path, reason } = &err else {
        panic!("expected Error::UnsafeOutput, got {err}");
    };
    assert_eq!(path, dir.path());
    assert!(reason.contains("not empty"), "{err}");
    assert_eq!(
        fs::read_to_string(dir.path().join("notat.txt")).unwrap(),
        "mitt"
    );
}

#[test]
fn an_output_folder_that_is_a_file() {
    let site = TestSite::minimal();
    let output = site.root().join("ut");
    fs::write(&output, "en fil").unwrap();
    let err = medvirk::build(&BuildOptions {
        root: site.root().to_path_buf(),
        output_dir: Some(output.clone()),
        base_url: None,
    })
    .expect_err("the output is a file");
    let Error::UnsafeOutput { path, reason } = &err else {
        panic!("expected Error::UnsafeOutput, got {err}");
    };
    assert_eq!(path, &output);
    assert_eq!(reason, "it is a file, not a folder");
}

/// The output is written beside its place first: with a file where the
/// output's parent folder should be, nothing can be written.
#[test]
fn an_output_folder_that_cannot_be_written() {
    let site = TestSite::minimal();
    fs::write(site.root().join("blokk"), "en fil").unwrap();
    let output = site.root().join("blokk/public");
    let err = medvirk::build(&BuildOptions {
        root: site.root().to_path_buf(),
        output_dir: Some(output),
        base_url: None,
    })
    .expect_err("the output's parent is a file");
    let Error::Write { path, .. } = &err else {
        panic!("expected Error::Write, got {err}");
    };
    assert!(path.starts_with(site.root().join("blokk")), "{err}");
    assert!(err.to_string().starts_with("failed to write `"), "{err}");
}

#[test]
fn a_template_that_fails_to_render() {
    let site = TestSite::minimal();
    site.write("templates/case.html", "{{ case.does_not_exist.nested }}");
    let err = site.build().expect_err("the template fails");
    let Error::Template(text) = &err else {
        panic!("expected Error::Template, got {err}");
    };
    assert!(
        text.starts_with("rendering /moter/2026-1/sak-01-26/ with case.html: "),
        "{err}"
    );
}

#[test]
fn serve_on_a_port_in_use() {
    let site = TestSite::minimal();
    let taken = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = taken.local_addr().unwrap().port();
    let err = medvirk::serve::serve(&ServeOptions {
        root: site.root().to_path_buf(),
        interface: IpAddr::V4(Ipv4Addr::LOCALHOST),
        port,
        quiet: true,
        verbose: false,
    })
    .expect_err("the port is taken");
    let Error::Serve(text) = &err else {
        panic!("expected Error::Serve, got {err}");
    };
    assert!(
        text.starts_with(&format!("cannot listen on 127.0.0.1:{port}: ")),
        "{err}"
    );
}
