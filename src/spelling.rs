//! "Did you mean …": the known word closest to a misspelt one, for hints.
//!
//! A leaf module: every stage that reports an unknown id, value or field
//! asks it, so one rule decides what counts as close.

/// The candidate closest to `written`, when it is close enough to be what
/// the author meant: a typo, a missing or swapped letter, another case or
/// a missing hyphen, not merely another word of the same length.
pub fn closest<'a, I>(written: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let written = written.to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let lower = candidate.to_lowercase();
        if lower == written {
            return Some(candidate);
        }
        let distance = strsim::damerau_levenshtein(&written, &lower);
        let longest = written.chars().count().max(lower.chars().count());
        // Up to a third of the letters wrong, and at most three; a word
        // written without its hyphens (`kreft foreningen`) also counts.
        let squeezed = |s: &str| s.replace(['-', ' ', '_'], "");
        let close =
            (distance * 3 <= longest && distance <= 3) || squeezed(&written) == squeezed(&lower);
        if !close {
            continue;
        }
        let score = strsim::normalized_damerau_levenshtein(&written, &lower);
        if best.map_or(true, |(s, _)| score > s) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// " Did you mean `x`?" for a hint, or nothing.
pub fn did_you_mean<'a, I>(written: &str, candidates: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    closest(written, candidates)
        .map(|c| format!("did you mean \"{c}\"? "))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORGS: &[&str] = &["kreftforeningen", "ffo", "lhl", "mental-helse", "nav"];

    #[test]
    fn a_typo_finds_the_id_it_misspells() {
        assert_eq!(
            closest("kreftforeningn", ORGS.iter().copied()),
            Some("kreftforeningen")
        );
        assert_eq!(
            closest("krfetforeningen", ORGS.iter().copied()),
            Some("kreftforeningen")
        );
        assert_eq!(
            closest("Mental Helse", ORGS.iter().copied()),
            Some("mental-helse")
        );
        assert_eq!(closest("FFO", ORGS.iter().copied()), Some("ffo"));
        assert_eq!(
            closest("membr", ["member", "umbrella", "agency"]),
            Some("member")
        );
    }

    #[test]
    fn another_word_is_not_a_typo() {
        assert_eq!(closest("diabetesforbundet", ORGS.iter().copied()), None);
        assert_eq!(closest("abc", ORGS.iter().copied()), None);
        assert_eq!(closest("", ORGS.iter().copied()), None);
    }

    #[test]
    fn the_hint_names_the_closest_or_says_nothing() {
        assert_eq!(
            did_you_mean("nva", ORGS.iter().copied()),
            "did you mean \"nav\"? "
        );
        assert_eq!(did_you_mean("zzzzzz", ORGS.iter().copied()), "");
    }
}
