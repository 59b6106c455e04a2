//! Norwegian formatting of dates, times and sizes, and the Tera filters that expose it.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use tera::{Result as TeraResult, Value};

/// The months' names in Norwegian Bokmål, January first (the importer reads them too).
pub(crate) const MONTHS: [&str; 12] = [
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

/// The template function `load_data(path="data/x.toml")`, as in Zola: a
/// TOML or JSON file of the site, for figures a page shows (the
/// accessibility statement's last test run, for one). Paths are relative to
/// the site root and may not leave it.
pub struct LoadData {
    /// The site root.
    pub root: std::path::PathBuf,
}

impl tera::Function for LoadData {
    fn call(&self, args: &HashMap<String, Value>) -> TeraResult<Value> {
        let rel = args
            .get("path")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("load_data needs path=\"data/file.toml\""))?;
        let path = std::path::Path::new(rel);
        if path.is_absolute()
            || path
                .components()
                .any(|c| !matches!(c, std::path::Component::Normal(_)))
        {
            return Err(tera::Error::msg(format!(
                "load_data: \"{rel}\" must be a path inside the site, like \"data/file.toml\""
            )));
        }
        let full = self.root.join(path);
        let text = std::fs::read_to_string(&full)
            .map_err(|e| tera::Error::msg(format!("load_data: cannot read {rel}: {e}")))?;
        let value: serde_json::Value = match path.extension().and_then(|e| e.to_str()) {
            Some("toml") => toml::from_str(&text)
                .map_err(|e| tera::Error::msg(format!("load_data: {rel}: {}", e.message())))?,
            Some("json") => serde_json::from_str(&text)
                .map_err(|e| tera::Error::msg(format!("load_data: {rel}: {e}")))?,
            _ => {
                return Err(tera::Error::msg(format!(
                    "load_data: {rel}: only .toml and .json files can be loaded"
                )))
            }
        };
        Ok(value)
    }

    fn is_safe(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_data_reads_site_files_and_nothing_outside() {
        use tera::Function;
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("data")).unwrap();
        std::fs::write(dir.path().join("data/a.toml"), "pages = 3\n").unwrap();
        std::fs::write(dir.path().join("data/b.json"), r#"{"failed": 0}"#).unwrap();
        let f = LoadData {
            root: dir.path().to_path_buf(),
        };
        let call = |path: &str| f.call(&HashMap::from([("path".to_string(), Value::from(path))]));
        assert_eq!(call("data/a.toml").unwrap()["pages"], 3);
        assert_eq!(call("data/b.json").unwrap()["failed"], 0);
        for bad in ["../etc/passwd", "/etc/passwd", "data/../../x.toml"] {
            let err = call(bad).unwrap_err().to_string();
            assert!(
                err.contains("must be a path inside the site"),
                "{bad}: {err}"
            );
        }
        assert!(call("data/missing.toml").is_err());
    }

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
