//! Values that change on given days: a person's name or title, an
//! organisation's name or the body it is part of. A page of 2023 shows the
//! value of 2023, and a later change never rewrites an older page.

use chrono::NaiveDate;
use serde::Serialize;

/// A value from a day on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dated<T> {
    /// The first day of the value.
    pub from: NaiveDate,
    /// The value.
    pub value: T,
}

/// A value and its later changes, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct History<T> {
    /// The value before the first change (or always, without changes).
    pub first: T,
    /// Later values, each from its day, in date order.
    pub changes: Vec<Dated<T>>,
}

impl<T> History<T> {
    /// A value that never changed.
    pub fn constant(value: T) -> Self {
        History {
            first: value,
            changes: Vec::new(),
        }
    }

    /// The value on `date`.
    pub fn at(&self, date: NaiveDate) -> &T {
        self.changes
            .iter()
            .rev()
            .find(|c| c.from <= date)
            .map_or(&self.first, |c| &c.value)
    }

    /// The value now: the last one.
    pub fn current(&self) -> &T {
        self.changes.last().map_or(&self.first, |c| &c.value)
    }

    /// Every value but the current one, oldest first, each once.
    pub fn earlier(&self) -> Vec<&T>
    where
        T: PartialEq,
    {
        let current = self.current();
        let mut out: Vec<&T> = Vec::new();
        for v in std::iter::once(&self.first).chain(self.changes.iter().map(|c| &c.value)) {
            if v != current && !out.contains(&v) {
                out.push(v);
            }
        }
        out
    }
}

/// A position held for a span of days; either end may be open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatedTitle {
    /// The position.
    pub title: String,
    /// The first day, if known.
    pub from: Option<NaiveDate>,
    /// The last day, if it has ended.
    pub to: Option<NaiveDate>,
}

impl DatedTitle {
    /// Does the position include `date`?
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from.map_or(true, |f| f <= date) && self.to.map_or(true, |t| date <= t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_value_is_the_one_of_its_day() {
        let h = History {
            first: "Kari Nordmann",
            changes: vec![
                Dated {
                    from: day(2024, 10, 1),
                    value: "Kari Berg",
                },
                Dated {
                    from: day(2025, 5, 1),
                    value: "Kari Nordmann",
                },
            ],
        };
        assert_eq!(*h.at(day(2024, 9, 30)), "Kari Nordmann");
        assert_eq!(*h.at(day(2024, 10, 1)), "Kari Berg");
        assert_eq!(*h.at(day(2026, 1, 1)), "Kari Nordmann");
        assert_eq!(*h.current(), "Kari Nordmann");
        // A name taken back is not "earlier".
        assert_eq!(h.earlier(), [&"Kari Berg"]);
    }

    #[test]
    fn a_title_covers_its_days() {
        let t = DatedTitle {
            title: "helsedirektør".into(),
            from: None,
            to: Some(day(2024, 12, 31)),
        };
        assert!(t.covers(day(2020, 1, 1)));
        assert!(t.covers(day(2024, 12, 31)));
        assert!(!t.covers(day(2025, 1, 1)));
    }
}
