//! Stage 2, model: `config.toml`, plain pages and position papers,
//! validated.

use super::*;

pub(super) fn config(parsed: &Parsed<crate::load::RawConfig>, check: &mut Checker) -> Config {
    let raw = &parsed.value;
    let base_url = raw.base_url.trim_end_matches('/').to_string();
    if !(base_url.starts_with("http://") || base_url.starts_with("https://") || base_url.is_empty())
    {
        check.push(
            Diagnostic::error(DiagnosticKind::BaseUrlNotAbsolute, &parsed.file.path, format!("base_url \"{}\" is not an absolute URL", raw.base_url))
                .hint("write the address the site is published at, for example \"https://brukerrad.example.no\""),
        );
    }
    let search = if raw.search.index {
        let split = match raw.search.split.get_ref().as_str() {
            "auto" => SplitMode::Auto,
            "always" => SplitMode::Always,
            "never" => SplitMode::Never,
            other => {
                check.push(
                    parsed
                        .file
                        .error_at(
                            DiagnosticKind::UnknownSplitMode,
                            raw.search.split.span(),
                            format!("unknown split mode \"{other}\""),
                        )
                        .hint("write \"auto\", \"always\" or \"never\""),
                );
                SplitMode::Auto
            }
        };
        if crate::language::language(&raw.default_language).is_none() {
            check.push(
                Diagnostic::error(DiagnosticKind::SearchLanguage,
                    &parsed.file.path,
                    format!("search does not support the language \"{}\"", raw.default_language),
                )
                .hint("use a language elasticlunr supports (nb, nn, no, en, …), or turn search off with `[search] index = false`"),
            );
        }
        Some(SearchConfig { split })
    } else {
        None
    };
    Config {
        search,
        title: raw.title.clone(),
        base_url,
        description: raw.description.clone(),
        default_language: raw.default_language.clone(),
        trust_raw_html: raw.trust_raw_html,
        minify_html: raw.minify_html,
        strict: raw.strict,
        extra: raw.extra.clone(),
        for_disk: false,
    }
}

pub(super) fn page(path: String, parsed: &Parsed<RawPage>, check: &mut Checker) -> Page {
    let raw = &parsed.value;
    Page {
        path,
        title: raw.title.clone(),
        description: raw.description.clone(),
        body: check.body(&parsed.file),
        template: raw.template.clone(),
        menu: raw.menu,
        hidden: raw.hidden,
        date: raw.date.as_ref().and_then(|d| check.date(&parsed.file, d)),
        children: Vec::new(),
        source: Some(parsed.file.path.clone()),
    }
}

pub(super) fn paper(path: &Path, parsed: &Parsed<RawPaper>, check: &mut Checker) -> Paper {
    let raw = &parsed.value;
    for a in &raw.authors {
        check.organisation(&parsed.file, a);
    }
    if let Some(r) = &raw.recipient {
        check.organisation(&parsed.file, r);
    }
    for t in &raw.themes {
        check.theme(&parsed.file, t);
    }
    Paper {
        path: urls::content(&path.with_extension("")),
        title: raw.title.clone(),
        description: raw.description.clone(),
        date: raw.date.as_ref().and_then(|d| check.date(&parsed.file, d)),
        authors: raw.authors.iter().map(|a| a.get_ref().clone()).collect(),
        recipient: raw.recipient.as_ref().map(|r| r.get_ref().clone()),
        themes: raw
            .themes
            .iter()
            .map(|t| t.get_ref().trim().to_string())
            .collect(),
        body: check.body(&parsed.file),
        source: parsed.file.path.clone(),
    }
}
