//! Norwegian formatting of dates, times and sizes, and the Tera filters that expose it.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use tera::{Result as TeraResult, Value};

const MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
];

/// "5. juni 2024".
pub fn date_long(date: NaiveDate) -> String {
    format!(
        "{}. {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        date.year()
    )
}

/// A size as Norwegians write it: "340 kB", "2,1 MB".
pub fn file_size(bytes: u64) -> String {
    const KB: f64 = 1000.0;
    let b = bytes as f64;
    if b < KB {
        format!("{bytes} byte")
    } else if b < KB * KB {
        format!("{} kB", (b / KB).round())
    } else {
        let mb = b / (KB * KB);
        let text = if mb < 10.0 {
            format!("{mb:.1}")
        } else {
            format!("{mb:.0}")
        };
        format!("{} MB", text.replace('.', ","))
    }
}

/// The file type a person recognises, from the extension: "PDF", "PowerPoint".
pub fn file_type(path: &str) -> String {
    let ext = path.rsplit('.').next().unwrap_or("").to_lowercase();
    match ext.as_str() {
        "pdf" => "PDF".into(),
        "ppt" | "pptx" => "PowerPoint".into(),
        "doc" | "docx" => "Word".into(),
        "xls" | "xlsx" => "Excel".into(),
        "odt" | "odp" | "ods" => "OpenDocument".into(),
        "png" | "jpg" | "jpeg" | "gif" | "webp" | "svg" => "bilde".into(),
        "" => "fil".into(),
        other => other.to_uppercase(),
    }
}

/// Tera filter `dato`: "2024-06-05" → "5. juni 2024".
pub fn dato_filter(value: &Value, _: &HashMap<String, Value>) -> TeraResult<Value> {
    let text = value
        .as_str()
        .ok_or_else(|| tera::Error::msg("dato expects a date string YYYY-MM-DD"))?;
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| tera::Error::msg(format!("dato: \"{text}\" is not a YYYY-MM-DD date")))?;
    Ok(Value::String(date_long(date)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_dates() {
        let d = NaiveDate::from_ymd_opt(2024, 6, 5).unwrap();
        assert_eq!(date_long(d), "5. juni 2024");
        let d = NaiveDate::from_ymd_opt(2023, 11, 29).unwrap();
        assert_eq!(date_long(d), "29. november 2023");
    }

    #[test]
    fn sizes_use_decimal_comma() {
        assert_eq!(file_size(900), "900 byte");
        assert_eq!(file_size(340_000), "340 kB");
        assert_eq!(file_size(2_100_000), "2,1 MB");
        assert_eq!(file_size(25_000_000), "25 MB");
    }

    #[test]
    fn file_types() {
        assert_eq!(file_type("a/b.PDF"), "PDF");
        assert_eq!(file_type("slides.pptx"), "PowerPoint");
    }
}
