//! Text written as Markdown that reads back as printed: escaping, and web
//! addresses as links named by their hosts.

/// Escapes text so Markdown shows it as written.
pub(crate) fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in text.chars().enumerate() {
        let at_start = i == 0;
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '{' | '}' | '~' | '|' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '#' | '+' | '-' | '=' if at_start => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    // "1. januar" or "2) …" at the start would open an ordered list.
    let digits = out.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 && digits <= 9 {
        let after = out[digits..].chars().next();
        if matches!(after, Some('.' | ')')) {
            out.insert(digits, '\\');
        }
    }
    out
}

/// Text as Markdown with its web addresses as links named by their hosts:
/// an address read aloud helps nobody, and one long word in the text is
/// one long term in the search index.
pub(crate) fn md_links(text: &str) -> String {
    let mut out = String::new();
    let mut plain = String::new();
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            plain.push(' ');
        }
        let core = word.trim_end_matches(['.', ',', ';', ':', ')', '!', '?']);
        let is_url = (core.starts_with("http://")
            || core.starts_with("https://")
            || core.starts_with("www."))
            && core.len() > 8;
        if is_url {
            out.push_str(&md(&plain));
            plain.clear();
            out.push_str(&link(core));
            plain.push_str(&word[core.len()..]);
        } else {
            plain.push_str(word);
        }
    }
    if out.is_empty() {
        return md(&plain);
    }
    if !plain.is_empty() {
        // Not at the start of a line: nothing here can open a block.
        out.push_str(&md(&format!("x{plain}"))[1..]);
    }
    out
}

/// A Markdown link to `url`, named by its host: a long address read aloud
/// helps nobody.
pub(super) fn link(url: &str) -> String {
    let host = url
        .split("://")
        .nth(1)
        .unwrap_or(url)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or(url);
    let host = host.strip_prefix("www.").unwrap_or(host);
    let target: String = url
        .chars()
        .map(|c| match c {
            '(' => "%28".to_string(),
            ')' => "%29".to_string(),
            '<' => "%3C".to_string(),
            '>' => "%3E".to_string(),
            ' ' => "%20".to_string(),
            c => c.to_string(),
        })
        .collect();
    let target = if target.starts_with("www.") {
        format!("https://{target}")
    } else {
        target
    };
    format!("[Lenke til {}]({target})", md(host))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::body::Body;

    #[test]
    fn addresses_in_text_become_links_named_by_their_host() {
        let md = md_links("Les https://www.example.org/a(b)/c. Og 1. mai");
        assert_eq!(
            md,
            "Les [Lenke til example.org](https://www.example.org/a%28b%29/c). Og 1. mai"
        );
        let (body, _) = Body::parse(&format!("## Innspill fra Rådet\n\n- {md}\n"));
        assert_eq!(body.items()[0].text, "Les Lenke til example.org. Og 1. mai");
        assert_eq!(md_links("Ingen lenke"), "Ingen lenke");
    }

    #[test]
    fn escaped_text_reads_back_as_written() {
        for text in [
            "1. januar kom *alle* [ikke] <alle> & {noen} til slutt",
            "- strek først",
            "# ikke en overskrift",
            "a_b_c `kode` ~~ | rør",
            "\\ skråstrek",
        ] {
            let (body, _) = Body::parse(&format!("## Innspill fra Rådet\n\n- {}\n", md(text)));
            let items = body.items();
            assert_eq!(items.len(), 1, "{text}");
            assert_eq!(items[0].text, text);
        }
    }
}
