//! URL slugs and ids. Letters of any script are transliterated to ASCII
//! with `deunicode` (æ→ae, ø→o, å→a as Norwegians write them; č→c, ŋ→ng,
//! ж→zh), so a slug stays readable; anything else separates words.

/// Lower-case ASCII slug: letters and digits, runs of anything else become one hyphen.
///
/// Only letters and digits are transliterated: a symbol such as `§` or an
/// emoji separates words, as it did before transliteration, rather than
/// becoming a word of its own.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut hyphen = false;
    let mut push = |c: char| {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            hyphen = false;
        } else if !hyphen && !out.is_empty() {
            out.push('-');
            hyphen = true;
        }
    };
    for c in text.chars() {
        match deunicode::deunicode_char(c) {
            _ if c.is_ascii() => push(c),
            Some(ascii) if c.is_alphanumeric() => ascii.chars().for_each(&mut push),
            _ => push(' '),
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// True when `id` is safe as one URL path segment and file name: `a-z`, `0-9`, `-`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_norwegian_letters() {
        assert_eq!(slugify("Pårørende"), "parorende");
        assert_eq!(slugify("Ærlig talt – økonomi!"), "aerlig-talt-okonomi");
        assert_eq!(slugify("Sak 07/24"), "sak-07-24");
        assert_eq!(slugify("  "), "");
    }

    #[test]
    fn keeps_sami_and_other_scripts_readable() {
        assert_eq!(slugify("Čálliid"), "calliid");
        assert_eq!(slugify("Sámediggi"), "samediggi");
        assert_eq!(slugify("Čđŋ"), "cdng");
        assert_eq!(slugify("Ŧ šž"), "t-sz");
        assert_eq!(slugify("Здоровье"), "zdorov-e");
        assert_eq!(slugify("Grüße à Genève"), "grusse-a-geneve");
    }

    #[test]
    fn symbols_separate_words() {
        assert_eq!(slugify("§ 3 – «Retten»"), "3-retten");
        assert_eq!(slugify("Helse ❤ omsorg"), "helse-omsorg");
        assert_eq!(slugify("❤"), "");
    }

    #[test]
    fn ids_cannot_escape_a_folder() {
        assert!(is_valid_id("kreftforeningen"));
        assert!(!is_valid_id("../../x"));
        assert!(!is_valid_id("Kreft"));
        assert!(!is_valid_id(""));
    }
}
