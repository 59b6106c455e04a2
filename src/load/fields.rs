//! Every field error of a TOML file, not only the first.
//!
//! serde stops at the first field that does not fit. To find the next, the
//! part that failed (the smallest key or table holding the error's span) is
//! taken out of the parsed document and the document is decoded again, until
//! it decodes or nothing more can be taken out. An error that only follows
//! from an earlier removal (the "missing field `role`" left by taking out a
//! bad `role`) is not reported: its cause already is.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::de::{DeArray, DeTable, DeValue, Error};
use toml::Spanned;

/// How many errors one file reports at most; past that, the file is rewritten, not fixed.
const LIMIT: usize = 100;

/// The errors found in one document, in the order found.
pub(crate) struct Errors<'i> {
    root: Spanned<DeTable<'i>>,
    /// Errors to report.
    pub(crate) errors: Vec<Error>,
    /// What was taken out: the key (for a table entry) and where its table is.
    removed: Vec<(Option<String>, Range<usize>)>,
}

impl<'i> Errors<'i> {
    /// Starts from a parsed document.
    pub(crate) fn new(root: Spanned<DeTable<'i>>) -> Self {
        Errors {
            root,
            errors: Vec::new(),
            removed: Vec::new(),
        }
    }

    /// Collects every error, starting from `first`, the error of decoding
    /// the whole document as `T`.
    pub(crate) fn collect<T: DeserializeOwned>(&mut self, first: Error) {
        let mut err = first;
        for _ in 0..LIMIT {
            let Some(span) = err.span() else {
                self.errors.push(err);
                return;
            };
            if !self.follows_from_removal(&err, &span) {
                self.errors.push(err);
            }
            let root_span = self.root.span();
            let Some(removed) = remove_in_table(self.root.get_mut(), root_span, &span) else {
                return;
            };
            self.removed.push(removed);
            match T::deserialize(toml::de::Deserializer::from(self.root.clone())) {
                Ok(_) => return,
                Err(next) => err = next,
            }
        }
    }

    /// A "missing field" error for a key that was taken out of the same table.
    fn follows_from_removal(&self, err: &Error, span: &Range<usize>) -> bool {
        let Some(field) = missing_field(err.message()) else {
            return false;
        };
        self.removed
            .iter()
            .any(|(key, table)| key.as_deref() == Some(field) && table == span)
    }
}

/// The field named in serde's "missing field `x`".
fn missing_field(message: &str) -> Option<&str> {
    message
        .trim()
        .strip_prefix("missing field `")?
        .split('`')
        .next()
}

fn contains(outer: &Range<usize>, inner: &Range<usize>) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Takes the smallest entry of `table` holding `span` out; says its key and
/// `table_span`, where a "missing field" for it would be reported.
///
/// Every table and array is searched, not only those whose span holds
/// `span`: the span of a `[[table]]` is its header, not its lines.
fn remove_in_table(
    table: &mut DeTable<'_>,
    table_span: Range<usize>,
    span: &Range<usize>,
) -> Option<(Option<String>, Range<usize>)> {
    let mut found = None;
    for (key, value) in table.iter_mut() {
        let at = value.span();
        let deeper = match value.get_mut() {
            DeValue::Table(inner) => remove_in_table(inner, at.clone(), span),
            DeValue::Array(inner) => remove_in_array(inner, span),
            _ => None,
        };
        if deeper.is_some() {
            return deeper;
        }
        if contains(&at, span) || contains(&key.span(), span) {
            found = Some(key.clone());
            break;
        }
    }
    let key = found?;
    table.remove(&key);
    Some((Some(key.get_ref().to_string()), table_span))
}

/// Takes the smallest element of `array` holding `span` out; says where it was.
fn remove_in_array(
    array: &mut DeArray<'_>,
    span: &Range<usize>,
) -> Option<(Option<String>, Range<usize>)> {
    let mut hit = None;
    for (i, value) in array.iter_mut().enumerate() {
        let at = value.span();
        let deeper = match value.get_mut() {
            DeValue::Table(inner) => remove_in_table(inner, at.clone(), span),
            DeValue::Array(inner) => remove_in_array(inner, span),
            _ => None,
        };
        if deeper.is_some() {
            return deeper;
        }
        if contains(&at, span) {
            hit = Some((i, at));
            break;
        }
    }
    let (i, at) = hit?;
    let items = std::mem::replace(array, std::iter::empty().collect());
    *array = items
        .into_iter()
        .enumerate()
        .filter(|(j, _)| *j != i)
        .map(|(_, v)| v)
        .collect();
    Some((None, at))
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: String,
        #[serde(default)]
        item: Vec<Item>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        person: String,
        role: String,
    }

    fn errors(text: &str) -> Vec<String> {
        let first = toml::from_str::<Doc>(text).unwrap_err();
        let (root, syntax) = DeTable::parse_recoverable(text);
        assert!(syntax.is_empty());
        let mut found = Errors::new(root);
        found.collect::<Doc>(first);
        found
            .errors
            .iter()
            .map(|e| {
                let span = e.span().unwrap_or(0..0);
                let line = text[..span.start].matches('\n').count() + 1;
                format!("{line}: {}", e.message().trim())
            })
            .collect()
    }

    #[test]
    fn every_missing_field_is_reported_at_its_table() {
        let text = "name = \"x\"\n[[item]]\nperson = \"a\"\n[[item]]\nperson = \"b\"\nrole = \"m\"\n[[item]]\nperson = \"c\"\n";
        assert_eq!(
            errors(text),
            ["2: missing field `role`", "7: missing field `role`"]
        );
    }

    #[test]
    fn a_bad_value_is_reported_once_not_again_as_missing() {
        let text = "name = \"x\"\n[[item]]\nperson = \"a\"\nrole = 3\n[[item]]\nperson = \"b\"\nrolle = \"m\"\n";
        let found = errors(text);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found[0].starts_with("4: invalid type: integer `3`"),
            "{found:?}"
        );
        assert!(
            found[1].starts_with("7: unknown field `rolle`"),
            "{found:?}"
        );
        // The table without `role` is a real error of its own.
        assert!(found[2].starts_with("5: missing field `role`"), "{found:?}");
    }
}
