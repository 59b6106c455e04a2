//! Unit tests of `source`.

use super::*;

#[test]
fn a_date_written_day_first_is_named_with_its_canonical_form() {
    for (line, col) in [
        ("date = 10.06.2026", 8),
        ("date = \"10.06.2026\"", 8),
        ("date = 1/6/2026", 8),
    ] {
        let file = SourceFile::markdown(
            "content/moter/m/_index.md".into(),
            format!("+++\ntitle = \"M\"\n{line}\n+++\n"),
        )
        .unwrap();
        #[derive(serde::Deserialize)]
        #[allow(dead_code)]
        struct Front {
            title: String,
            date: toml::value::Datetime,
        }
        let err = file.parse::<Front>().err().expect("an error");
        let expected = if line.contains('/') {
            "2026-06-01"
        } else {
            "2026-06-10"
        };
        assert!(
            err.message.ends_with(&format!("write dates as {expected}")),
            "{line}: {}",
            err.message
        );
        assert_eq!((err.line, err.column), (Some(3), Some(col)), "{line}");
        assert_eq!(
            err.hint.as_deref(),
            Some(format!("dates are year-month-day without quotes: `date = {expected}`").as_str())
        );
    }
}

#[test]
fn a_misspelt_field_gets_the_field_it_misspells() {
    assert_eq!(
        toml_hint("unknown field `submited_by`, expected one of `number`, `title`, `submitted_by`"),
        "did you mean `submitted_by`? `submited_by` is not a field here; the fields are one of `number`, `title`, `submitted_by`"
    );
    assert!(
        toml_hint("unknown field `rolle`, expected `person`, `role`")
            .starts_with("did you mean `role`?")
    );
    assert!(
        toml_hint("unknown field `farge`, expected `person`, `role`")
            .starts_with("check the spelling")
    );
}

#[test]
fn only_a_day_that_exists_is_taken_for_a_date() {
    assert_eq!(day_first("31.12.2026").as_deref(), Some("2026-12-31"));
    assert_eq!(day_first("31.02.2026"), None);
    assert_eq!(day_first("10.06.26"), None);
    assert_eq!(day_first("1.5"), None);
    assert_eq!(day_first("10.06.2026.1"), None);
}

#[test]
fn a_range_inside_a_character_is_widened_to_the_whole_character() {
    let file = SourceFile::markdown("a.md".into(), "+++\n+++\nØnsker mer.\n".into()).unwrap();
    // Byte 1 of the body is inside "Ø".
    let d = file.body_finding(Diagnostic::error(DiagnosticKind::NoSeat, "a.md", "x"), 1..2);
    assert_eq!((d.line, d.column), (Some(3), Some(1)));
    let line = d.source_line.unwrap();
    assert_eq!((line.text.as_str(), line.width), ("Ønsker mer.", 1));
    assert_eq!(file.line_col(file.body.start + 1), (3, 1));
}

#[test]
fn splits_front_matter_and_body() {
    let file =
        SourceFile::markdown("a.md".into(), "+++\ntitle = \"x\"\n+++\n\n# Hei\n".into()).unwrap();
    assert_eq!(file.front_matter(), "title = \"x\"\n");
    assert_eq!(file.body_text(), "\n# Hei\n");
    assert_eq!(file.body_line(), 4);
}

#[test]
fn utf16_is_named_with_or_without_a_byte_order_mark() {
    let text = "+++\ntitle = \"Søknad\"\n+++\nTekst\n";
    let utf16 = |big: bool| -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| match big {
                true => u.to_be_bytes(),
                false => u.to_le_bytes(),
            })
            .collect()
    };
    let message = |bytes: Vec<u8>| {
        SourceFile::decode(Path::new("a.md"), bytes)
            .unwrap_err()
            .message
    };
    let with_bom = |mut bom: Vec<u8>, body: Vec<u8>| {
        bom.extend(body);
        bom
    };
    assert_eq!(
        message(with_bom(vec![0xFF, 0xFE], utf16(false))),
        "the file is UTF-16 (little-endian, with a byte-order mark), not UTF-8"
    );
    assert_eq!(
        message(with_bom(vec![0xFE, 0xFF], utf16(true))),
        "the file is UTF-16 (big-endian, with a byte-order mark), not UTF-8"
    );
    assert_eq!(
        message(utf16(false)),
        "the file is UTF-16 (little-endian, without a byte-order mark), not UTF-8"
    );
    assert_eq!(
        message(utf16(true)),
        "the file is UTF-16 (big-endian, without a byte-order mark), not UTF-8"
    );
    // A NUL byte or two in UTF-8 text is not UTF-16, but is an error of its own.
    let nul = message(b"+++\n\0\0+++\nTekst\0\n".to_vec());
    assert_eq!(nul, "the file holds a control character (U+0000)");
}

#[test]
fn control_characters_are_located_whatever_the_line_ends() {
    for text in [
        "a\nb\nc\x1bd",
        "a\r\nb\r\nc\x1bd",
        "a\rb\rc\x1bd",
        "a\r\nb\rc\x1bd",
    ] {
        let err = SourceFile::decode(Path::new("a.md"), text.as_bytes().to_vec()).unwrap_err();
        assert_eq!(err.message, "the file holds a control character (U+001B)");
        assert_eq!((err.line, err.column), (Some(3), Some(2)), "{text:?}");
    }
    assert!(SourceFile::decode(Path::new("a.md"), b"tab\there\r\n".to_vec()).is_ok());
}

#[test]
fn crlf_and_bom_are_normalised() {
    let text = SourceFile::decode(
        Path::new("a.md"),
        b"\xef\xbb\xbf+++\r\na = 1\r\n+++\r\n".to_vec(),
    )
    .unwrap();
    assert_eq!(text, "+++\na = 1\n+++\n");
}

#[test]
fn invalid_utf8_names_the_line() {
    let err = SourceFile::decode(Path::new("a.md"), b"ok\nok\n\xff".to_vec()).unwrap_err();
    assert_eq!(err.line, Some(3));
    assert!(err.message.contains("UTF-8"));
}

#[test]
fn missing_and_unclosed_front_matter_are_errors() {
    let err = SourceFile::markdown("a.md".into(), "# Hei\n".into()).unwrap_err();
    assert!(err.message.contains("does not start with front matter"));
    let err = SourceFile::markdown("a.md".into(), "+++\na = 1\n".into()).unwrap_err();
    assert!(err.message.contains("never closed"));
}

#[test]
fn toml_errors_are_located_in_the_whole_file() {
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct T {
        a: i32,
    }
    let file = SourceFile::markdown("a.md".into(), "+++\n\na = \"x\"\n+++\n".into()).unwrap();
    let err = file.parse::<T>().unwrap_err();
    assert_eq!(err.line, Some(3));
    assert!(err.message.starts_with("invalid TOML"), "{}", err.message);
}
