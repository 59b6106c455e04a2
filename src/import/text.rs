//! Small readers for the words and numbers of minutes: dates ("05.06.2024",
//! "29/11-23", "5. juni 2024"), clock times ("10.05", "14:45"), meeting codes
//! ("#2/2024"), case numbers and kinds, and joining wrapped lines.

use chrono::{NaiveDate, NaiveTime};

fn digits_at(chars: &[char], at: usize, max: usize) -> Option<(u32, usize)> {
    let n = chars[at..]
        .iter()
        .take(max + 1)
        .take_while(|c| c.is_ascii_digit())
        .count();
    if n == 0 || n > max {
        return None;
    }
    let s: String = chars[at..at + n].iter().collect();
    Some((s.parse().ok()?, n))
}

/// `s` without `prefix`, compared without regard to case (char by char, so
/// letters whose lower case is longer or shorter cannot split a character).
pub(crate) fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let mut rest = s.char_indices();
    for p in prefix.chars() {
        let (_, c) = rest.next()?;
        if !c.to_lowercase().eq(p.to_lowercase()) {
            return None;
        }
    }
    Some(match rest.next() {
        Some((i, _)) => &s[i..],
        None => "",
    })
}

/// The byte offset in `s` of the first `needle`, compared without regard to case.
pub(crate) fn find_ci(s: &str, needle: &str) -> Option<usize> {
    s.char_indices()
        .map(|(i, _)| i)
        .find(|&i| strip_prefix_ci(&s[i..], needle).is_some())
}

/// The first date in `s`.
pub(crate) fn find_date(s: &str) -> Option<NaiveDate> {
    let chars: Vec<char> = s.chars().collect();
    for i in 0..chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            continue;
        }
        let Some((day, n)) = digits_at(&chars, i, 2) else {
            continue;
        };
        let mut at = i + n;
        let Some(&sep) = chars.get(at) else { continue };
        if matches!(sep, '.' | '/' | '-') {
            at += 1;
            if let Some((month, m)) = digits_at(&chars, at, 2) {
                at += m;
                if let Some(&sep2) = chars.get(at) {
                    if matches!(sep2, '.' | '/' | '-') {
                        if let Some((year, y)) = digits_at(&chars, at + 1, 4) {
                            let year = match y {
                                2 => 2000 + year as i32,
                                4 => year as i32,
                                _ => continue,
                            };
                            if let Some(d) = NaiveDate::from_ymd_opt(year, month, day) {
                                return Some(d);
                            }
                        }
                    }
                }
                continue;
            }
        }
        // "5. juni 2024"
        let rest: String = chars[i + n..].iter().collect();
        let rest = rest.trim_start_matches('.').trim_start();
        let lower = rest.to_lowercase();
        for (m, name) in crate::render::format::MONTHS.iter().enumerate() {
            if let Some(after) = lower.strip_prefix(name) {
                let year: String = after
                    .trim_start()
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                if year.len() == 4 {
                    let y: i32 = year.parse().ok()?;
                    if let Some(d) = NaiveDate::from_ymd_opt(y, m as u32 + 1, day) {
                        return Some(d);
                    }
                }
            }
        }
    }
    None
}

/// Clock times in `s`, in order: "10:00", "10.05" (not parts of dates).
pub(crate) fn find_times(s: &str) -> Vec<NaiveTime> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit()
            || (i > 0 && (chars[i - 1].is_ascii_digit() || matches!(chars[i - 1], '.' | '/' | ':')))
        {
            i += 1;
            continue;
        }
        if let Some((h, n)) = digits_at(&chars, i, 2) {
            let at = i + n;
            if matches!(chars.get(at), Some(':' | '.')) {
                if let Some((m, k)) = digits_at(&chars, at + 1, 2) {
                    let end = at + 1 + k;
                    let date_like = matches!(chars.get(end), Some('.' | '/'))
                        && chars.get(end + 1).is_some_and(char::is_ascii_digit);
                    if k == 2 && !date_like {
                        if let Some(t) = NaiveTime::from_hms_opt(h, m, 0) {
                            out.push(t);
                        }
                    }
                    i = end;
                    continue;
                }
            }
            i += n;
        } else {
            i += 1;
        }
    }
    out
}

/// A leading clock time and the rest: "10.25: Sak 07/24 …" → (10:25, "Sak 07/24 …").
pub(crate) fn leading_time(s: &str) -> Option<(NaiveTime, String)> {
    // "Kl. 10.00 Velkommen"
    let s = strip_prefix_ci(s, "kl.")
        .or_else(|| strip_prefix_ci(s, "kl "))
        .map_or(s, str::trim_start);
    let chars: Vec<char> = s.chars().collect();
    if let Some(found) = compact_range(&chars) {
        return Some(found);
    }
    let (h, n) = digits_at(&chars, 0, 2)?;
    if !matches!(chars.get(n), Some(':' | '.')) {
        return None;
    }
    let (m, k) = digits_at(&chars, n + 1, 2)?;
    if k != 2 {
        return None;
    }
    let end = n + 1 + k;
    if matches!(chars.get(end), Some('.' | '/' | '-'))
        && chars.get(end + 1).is_some_and(char::is_ascii_digit)
        && !matches!(chars.get(end), Some('-'))
    {
        return None;
    }
    let time = NaiveTime::from_hms_opt(h, m, 0)?;
    let mut rest: String = chars[end..].iter().collect();
    // A range "10.00-10.15" keeps the start.
    let dashless = rest
        .trim_start()
        .trim_start_matches(['-', '–'])
        .trim_start();
    if dashless.len() < rest.trim_start().len() {
        if let Some((_, r)) = leading_time(dashless) {
            rest = r;
        }
    }
    let rest = rest.trim_start_matches([':', ' ', '\t']).trim();
    Some((time, super::lines::collapse(rest)))
}

/// A range of times written without separators, "1015-1100 Sak …": only
/// as a range, so that a year ("2024 …") is never a time.
fn compact_range(chars: &[char]) -> Option<(NaiveTime, String)> {
    let hhmm = |at: usize| -> Option<NaiveTime> {
        let (v, n) = digits_at(chars, at, 4)?;
        if n != 4 || chars.get(at + 4).is_some_and(char::is_ascii_digit) {
            return None;
        }
        NaiveTime::from_hms_opt(v / 100, v % 100, 0)
    };
    let start = hhmm(0)?;
    // "2024-2027" is a span of years, not 20:24 to 20:27.
    let year = |at: usize| digits_at(chars, at, 4).is_some_and(|(v, _)| (1900..=2100).contains(&v));
    let mut at = 4;
    while chars.get(at) == Some(&' ') {
        at += 1;
    }
    if !matches!(chars.get(at), Some('-' | '–' | '—')) {
        return None;
    }
    at += 1;
    while chars.get(at) == Some(&' ') {
        at += 1;
    }
    hhmm(at)?;
    if year(0) && year(at) {
        return None;
    }
    let rest: String = chars[at + 4..].iter().collect();
    let rest = rest.trim_start_matches([':', ' ', '\t']).trim();
    Some((start, super::lines::collapse(rest)))
}

/// The meeting's number and year in a title: "#2/2024", "møte 2/2024".
pub(crate) fn meeting_code(s: &str) -> Option<(u32, i32)> {
    let chars: Vec<char> = s.chars().collect();
    for i in 0..chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            continue;
        }
        let Some((n, k)) = digits_at(&chars, i, 2) else {
            continue;
        };
        let mut at = i + k;
        while chars.get(at) == Some(&' ') {
            at += 1;
        }
        if chars.get(at) != Some(&'/') {
            continue;
        }
        at += 1;
        while chars.get(at) == Some(&' ') {
            at += 1;
        }
        if let Some((y, 4)) = digits_at(&chars, at, 4) {
            if n > 0 {
                return Some((n, y as i32));
            }
        }
    }
    None
}

/// The case kind a word names: "Drøftingssak", "Oppfølgningssak" (a
/// common misspelling), "orienteringssak", "Løypemelding".
pub(crate) fn kind_word(word: &str) -> Option<&'static str> {
    let w = word
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    if !w.ends_with("sak") && !w.contains("melding") {
        return None;
    }
    if w.starts_with("drøfting") || w.starts_with("drofting") {
        Some("drøftingssak")
    } else if w.starts_with("oppfølg") || w.starts_with("oppfolg") {
        Some("oppfølgingssak")
    } else if w.starts_with("orienter") {
        Some("orienteringssak")
    } else if w.starts_with("løypemeld") || w.starts_with("loypemeld") {
        Some("løypemelding")
    } else {
        None
    }
}

/// A case heading or agenda line: "Sak 07/24 – Drøftingssak: Title",
/// "Sak 18/23: Drøftingssak. Title", "17/23 Title" (only with `bare_ok`).
/// Returns the number as printed, the kind and the title.
pub(crate) fn case_line(
    s: &str,
    bare_ok: &dyn Fn(&str) -> bool,
) -> Option<(String, Option<&'static str>, String)> {
    let t = s.trim();
    let (rest, had_sak) = match strip_prefix_ci(t, "sak") {
        Some(r) if r.starts_with(|c: char| c == ' ' || c.is_ascii_digit()) => (r, true),
        _ => (t, false),
    };
    let rest = rest.trim_start();
    let rest = rest
        .strip_prefix("nr.")
        .or_else(|| rest.strip_prefix("nr"))
        .unwrap_or(rest)
        .trim_start();
    let chars: Vec<char> = rest.chars().collect();
    let (_, n) = digits_at(&chars, 0, 3)?;
    let mut at = n;
    if chars.get(at) != Some(&'/') {
        return None;
    }
    at += 1;
    let (_, y) = digits_at(&chars, at, 4)?;
    if y != 2 && y != 4 {
        return None;
    }
    at += y;
    if chars.get(at).is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    let number: String = chars[..at].iter().collect();
    if !had_sak && !bare_ok(&number) {
        return None;
    }
    let after: String = chars[at..].iter().collect();
    let seps = [' ', ':', '.', '–', '-', '—', ','];
    let after = after.trim_start_matches(seps);
    let first = after.split_whitespace().next().unwrap_or("");
    let (kind, title) = match kind_word(first) {
        Some(k) => (Some(k), after[first.len()..].trim_start_matches(seps)),
        None => (None, after),
    };
    Some((number, kind, super::lines::collapse(title)))
}

/// Joins a wrapped line to the text before it. A word hyphenated at the
/// line break ("tilgjenge-" + "lig") becomes one word again; a hyphen that
/// is real stays: before "og"/"eller" ("helse- og"), after a spaced dash
/// ("tjenester - mer"), in a compound with a name, an abbreviation or a
/// single letter ("Sør-Trøndelag", "IKT-løsninger", "e-helse"), and in a
/// number range ("2024-2027").
pub(crate) fn join(text: &mut String, next: &str) {
    join_after(text, next, false);
}

/// [`join`], told whether the line `text` ends with was printed with a
/// space after its hyphen (a dash, never a broken word).
pub(crate) fn join_after(text: &mut String, next: &str, spaced_dash: bool) {
    let next = next.trim();
    if next.is_empty() {
        return;
    }
    if text.is_empty() {
        text.push_str(next);
        return;
    }
    let trimmed = text.trim_end().to_string();
    *text = trimmed;
    let range = text.ends_with('-')
        && text
            .chars()
            .rev()
            .nth(1)
            .is_some_and(|c| c.is_ascii_digit())
        && next.starts_with(|c: char| c.is_ascii_digit());
    // "Sør-" + "Trøndelag": a compound with a name keeps its hyphen, unspaced.
    let compound = text.ends_with('-')
        && text.chars().rev().nth(1).is_some_and(char::is_alphabetic)
        && next.starts_with(char::is_uppercase);
    if !range && !compound {
        match line_break_hyphen(text, next).filter(|_| !spaced_dash) {
            Some(Hyphen::Soft) => {
                text.pop();
            }
            Some(Hyphen::Real) => {}
            None => text.push(' '),
        }
    }
    text.push_str(next);
}

/// What a hyphen that ends a line inside a word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hyphen {
    /// Put in to break the word at the line end: dropped when joined.
    Soft,
    /// Part of the word: kept, and the word goes on unspaced.
    Real,
}

/// The hyphen that ends `text` when it cuts a word the next line goes on
/// with in lower case, or None (a spaced dash, a coordinated compound
/// "helse- og", a next line that is not a word's end).
fn line_break_hyphen(text: &str, next: &str) -> Option<Hyphen> {
    let stem = text.strip_suffix('-')?;
    let word: String = stem
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if word.is_empty() || !word.chars().last().is_some_and(char::is_alphabetic) {
        return None;
    }
    let first = next.split_whitespace().next().unwrap_or("");
    if !first.starts_with(char::is_lowercase) {
        return None;
    }
    let first = first.trim_end_matches(|c: char| !c.is_alphanumeric());
    // "helse- og omsorgstjenester", "for- eller etterarbeid": the hyphen
    // stands for the shared end of the compound.
    if ["og", "eller", "samt", "enn", "til", "som", "and", "or"].contains(&first) {
        return None;
    }
    let abbreviation = word.chars().skip(1).any(char::is_uppercase);
    let letter = word.chars().count() == 1;
    let digits = word.chars().any(|c| c.is_ascii_digit());
    Some(if abbreviation || letter || digits {
        Hyphen::Real
    } else {
        Hyphen::Soft
    })
}

/// True when the text ends a question: "…?", "…?)", "…?»".
pub(crate) fn is_question(s: &str) -> bool {
    let t = s.trim_end().trim_end_matches([')', '»', '"', '”', ' ']);
    t.ends_with('?')
}

/// A heading printed in capitals ("VISJON OG FORMÅL", "LISTEANSVAR: Bør …")
/// in sentence case; abbreviations (short words in capitals) are left alone.
pub(crate) fn sentence_case(s: &str) -> String {
    let (head, tail) = match s.find(':') {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    let letters: Vec<char> = head.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = !letters.is_empty() && letters.iter().all(|c| c.is_uppercase());
    let long_word = head
        .split_whitespace()
        .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 5);
    if !all_caps || !long_word {
        return s.to_string();
    }
    let lower = head.to_lowercase();
    let mut chars = lower.chars();
    let first = chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>())
        .unwrap_or_default();
    format!("{first}{}{tail}", chars.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_times_and_codes() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(
            find_date("Dato: 05.06.2024 kl. 10:00 – 14:45"),
            d(2024, 6, 5)
        );
        assert_eq!(find_date("DELTAKERLISTE 29/11-23"), d(2023, 11, 29));
        assert_eq!(find_date("Møtet 5. juni 2024 i Oslo"), d(2024, 6, 5));
        assert_eq!(find_date("Ingen dato"), None);
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(
            find_times("Dato: 05.06.2024 kl. 10:00 – 14.45"),
            [t(10, 0), t(14, 45)]
        );
        assert_eq!(
            leading_time("10.25: Sak 07/24 – Drøftingssak"),
            Some((t(10, 25), "Sak 07/24 – Drøftingssak".into()))
        );
        assert_eq!(
            leading_time("10:00  Velkommen"),
            Some((t(10, 0), "Velkommen".into()))
        );
        assert_eq!(
            leading_time("09.00-09.15 Kaffe"),
            Some((t(9, 0), "Kaffe".into()))
        );
        assert_eq!(leading_time("1.12.2024 var fristen").map(|(t, _)| t), None);
        // Times without separators only as a range; a year is never a time.
        assert_eq!(
            leading_time("1315-1400 Sak 3/26 Orientering"),
            Some((t(13, 15), "Sak 3/26 Orientering".into()))
        );
        assert_eq!(
            leading_time("kl. 08.30 – 08.45 Åpning"),
            Some((t(8, 30), "Åpning".into()))
        );
        assert_eq!(leading_time("2024 ble et godt år").map(|(t, _)| t), None);
        assert_eq!(leading_time("2024-2027 planperiode").map(|(t, _)| t), None);
        assert_eq!(meeting_code(" Rådet #2/2024 – Referat"), Some((2, 2024)));
        assert_eq!(meeting_code("Referat fra møte 3 / 2025"), Some((3, 2025)));
    }

    #[test]
    fn case_lines_in_their_printed_forms() {
        let none = |_: &str| false;
        assert_eq!(
            case_line("Sak 07/24 – Drøftingssak: Dreining mot", &none),
            Some(("07/24".into(), Some("drøftingssak"), "Dreining mot".into()))
        );
        assert_eq!(
            case_line("Sak 18/23: Drøftingssak. Brukernes behov", &none),
            Some((
                "18/23".into(),
                Some("drøftingssak"),
                "Brukernes behov".into()
            ))
        );
        assert_eq!(
            case_line("Sak 15/23 – Oppfølgningssak. Råd", &none),
            Some(("15/23".into(), Some("oppfølgingssak"), "Råd".into()))
        );
        assert_eq!(case_line("17/23 Nasjonal veileder", &none), None);
        assert_eq!(
            case_line("17/23 Nasjonal veileder", &|n| n == "17/23"),
            Some(("17/23".into(), None, "Nasjonal veileder".into()))
        );
        assert_eq!(case_line("Sak 1: Prioritering", &none), None);
        assert_eq!(case_line("Saken gjelder 4/23", &none), None);
    }

    #[test]
    fn joining_keeps_real_hyphens() {
        // A word broken at the line end is one word again.
        let mut s = "helse- og omsorgs-".to_string();
        join(&mut s, "tjeneste");
        assert_eq!(s, "helse- og omsorgstjeneste");
        let mut s = "• Informasjonen er tilgjenge-".to_string();
        join(&mut s, "lig i klart språk.");
        assert_eq!(s, "• Informasjonen er tilgjengelig i klart språk.");
        let mut s = "(bruker-".to_string();
        join(&mut s, "medvirkning).");
        assert_eq!(s, "(brukermedvirkning).");
        // Compounds that share their end keep the hyphen and the space.
        let mut s = "bruker-".to_string();
        join(&mut s, "og pårørendeorganisasjoner");
        assert_eq!(s, "bruker- og pårørendeorganisasjoner");
        let mut s = "Tilbud om for-".to_string();
        join(&mut s, "eller etterarbeid");
        assert_eq!(s, "Tilbud om for- eller etterarbeid");
        // An abbreviation or a letter before the hyphen: a real compound.
        let mut s = "nye IKT-".to_string();
        join(&mut s, "løsninger");
        assert_eq!(s, "nye IKT-løsninger");
        let mut s = "bruk av e-".to_string();
        join(&mut s, "helse");
        assert_eq!(s, "bruk av e-helse");
        // A dash standing alone, and a dash before a bullet's text.
        let mut s = "tjenester –".to_string();
        join(&mut s, "mer åpenhet");
        assert_eq!(s, "tjenester – mer åpenhet");
        let mut s = "Dette gjelder:".to_string();
        join(&mut s, "- helse");
        assert_eq!(s, "Dette gjelder: - helse");
        let mut s = "perioden 2024-".to_string();
        join(&mut s, "2027.");
        assert_eq!(s, "perioden 2024-2027.");
        let mut s = "i det tidligere Sør-".to_string();
        join(&mut s, "Trøndelag, har");
        assert_eq!(s, "i det tidligere Sør-Trøndelag, har");
        let mut s = "tjenester -".to_string();
        join(&mut s, "mer åpenhet");
        assert_eq!(s, "tjenester - mer åpenhet");
    }

    #[test]
    fn capitals_become_sentence_case() {
        assert_eq!(sentence_case("VISJON OG FORMÅL"), "Visjon og formål");
        assert_eq!(
            sentence_case("LISTEANSVAR: Bør det"),
            "Listeansvar: Bør det"
        );
        assert_eq!(sentence_case("NAV"), "NAV");
        assert_eq!(sentence_case("Helse"), "Helse");
    }
}
