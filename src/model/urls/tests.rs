//! Unit tests of `urls`.

use super::*;

#[test]
fn a_file_keeps_its_name_and_its_address_is_escaped() {
    assert_eq!(
        file("moter/2026-1/vedlegg/a.pdf"),
        "/moter/2026-1/vedlegg/a.pdf"
    );
    assert_eq!(
        file("moter/2026-1/vedlegg/Vedlegg 1 æ#?.pdf"),
        "/moter/2026-1/vedlegg/Vedlegg%201%20%C3%A6%23%3F.pdf"
    );
    assert_eq!(file("css/site.3f2a.css"), "/css/site.3f2a.css");
}

#[test]
fn an_address_a_link_can_hold_as_it_is() {
    assert!(plain_address("/innspill/om-radet_2024.v2/"));
    assert!(!plain_address("/Om rådet/"));
    assert!(!plain_address("/a#b/"));
}

#[test]
fn pretty_urls_become_index_files() {
    assert_eq!(file_path("/"), "index.html");
    assert_eq!(file_path("/moter/2024-2/"), "moter/2024-2/index.html");
    assert_eq!(file_path("/atom.xml"), "atom.xml");
    assert_eq!(file_path("/temaer//"), "temaer/index.html");
}

#[test]
fn addresses_are_compared_as_the_files_they_are_written_to() {
    for (path, key) in [
        ("/moter/2024-2/sak-10-24//", "/moter/2024-2/sak-10-24/"),
        ("//2024-2/", "/2024-2/"),
        ("/a//b.xml", "/a/b.xml"),
        ("/moter/", "/moter/"),
        ("/", "/"),
    ] {
        assert_eq!(written(path), key);
        assert_eq!(file_path(&written(path)), file_path(path));
    }
}

#[test]
fn reserved_segments_are_found_by_their_first_segment() {
    assert_eq!(reserved("/temaer/").map(|r| r.0), Some("temaer"));
    assert_eq!(reserved("/temaer/x/").map(|r| r.0), Some("temaer"));
    assert_eq!(
        reserved("/search_index.nb.json/").map(|r| r.0),
        Some("search_index.")
    );
    assert_eq!(reserved("/atom.xml/").map(|r| r.0), Some("atom.xml"));
    assert_eq!(reserved("/moter/temaer/"), None);
    assert_eq!(reserved("/temaene/"), None);
    assert_eq!(reserved("/"), None);
}
