//! URL slugs and ids, with Norwegian letters folded as Norwegians do (æ→ae, ø→o, å→a).

/// Lower-case ASCII slug: letters and digits, runs of anything else become one hyphen.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut hyphen = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        let folded: &str = match c {
            'æ' => "ae",
            'ø' | 'ö' | 'ó' | 'ò' => "o",
            'å' | 'ä' | 'á' | 'à' => "a",
            'é' | 'è' | 'ê' => "e",
            'ü' | 'ú' => "u",
            'í' => "i",
            _ => "",
        };
        if !folded.is_empty() {
            out.push_str(folded);
            hyphen = false;
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
            hyphen = false;
        } else if !hyphen && !out.is_empty() {
            out.push('-');
            hyphen = true;
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
    fn ids_cannot_escape_a_folder() {
        assert!(is_valid_id("kreftforeningen"));
        assert!(!is_valid_id("../../x"));
        assert!(!is_valid_id("Kreft"));
        assert!(!is_valid_id(""));
    }
}
