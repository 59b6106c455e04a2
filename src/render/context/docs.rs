//! The README's "Template contexts" is made from the types: each template's
//! context type, and each type's fields with their Rust types and doc
//! comments. A field added, renamed or retyped fails this test until the
//! README says so (`MEDVIRK_UPDATE_README=1` writes the section).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::{all_documented, Contexts, TypeDoc};
use crate::model::urls::PageKind;
use crate::render::{template, AssetPaths};

/// Types a field may have that are not structs of this module: what a
/// template sees of them.
const OTHER_TYPES: &[(&str, &str)] = &[
    ("String", "a string"),
    ("bool", "true or false"),
    ("i32", "a number"),
    ("u32", "a number"),
    ("usize", "a number"),
    ("toml::Table", "a table, as written in `config.toml`"),
    (
        "AssetPaths",
        "`css` (the stylesheet's address) and `search` (null without search: `client`, `field` and \
         `index` addresses and the index's `layout`, `single` or `split`)",
    ),
    (
        "CaseKind",
        "`discussion`, `follow-up`, `information` or `progress-report` (`kind_label` is its name)",
    ),
    (
        "CaseStatus",
        "`behandlet`, `ikke-behandlet`, `utsatt` or `trukket` (`status_label` is its name)",
    ),
    (
        "FollowupStatus",
        "`mottatt`, `under-arbeid`, `fulgt-opp`, `delvis-fulgt-opp` or `ikke-fulgt-opp` (the \
         `…status_label` beside it is its name)",
    ),
    (
        "AttendanceStatus",
        "`present` or `regrets` (`status_label` is its name)",
    ),
    (
        "SeatRole",
        "`member`, `deputy` or `unknown` (`role_label` is its name)",
    ),
    (
        "OrganisationKind",
        "`member`, `umbrella`, `appointing-body`, `agency`, `agency-unit`, `observer` or \
         `external` (`kind_label` is its name)",
    ),
    (
        "EarlierTreatment",
        "an `EarlierCase`, an `EarlierUnknown` or an `EarlierText`; tell them apart by `path` and \
         `date_text`",
    ),
];

/// A type as a template author reads it: sharing and borrowing left out.
fn shown(ty: &str) -> String {
    let ty = ty.replace(' ', "");
    let ty = ty
        .replace("&'staticstr", "String")
        .replace("Option<Option<String>>", "Option<String>");
    let mut out = ty.clone();
    while let Some(i) = out.find("Shared<") {
        // `Shared<T>` is `T`: drop the wrapper and its closing bracket.
        let inner_start = i + "Shared<".len();
        let mut depth = 1;
        let mut end = inner_start;
        for (j, c) in out[inner_start..].char_indices() {
            match c {
                '<' => depth += 1,
                '>' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                end = inner_start + j;
                break;
            }
        }
        out = format!("{}{}{}", &out[..i], &out[inner_start..end], &out[end + 1..]);
    }
    out
}

/// The names a type is made of: `Option<Vec<CaseSummary>>` is `CaseSummary`.
fn names_in(ty: &str) -> Vec<String> {
    ty.split(['<', '>', ','])
        .filter(|n| !n.is_empty() && !matches!(*n, "Option" | "Vec"))
        .map(String::from)
        .collect()
}

/// The text of doc attributes, joined.
fn doc_text(attrs: &[&str]) -> String {
    attrs
        .iter()
        .filter(|a| a.starts_with("doc"))
        // A doc comment is a raw string literal: its text is between the quotes.
        .filter_map(|a| Some(a[a.find('"')? + 1..a.rfind('"')?].trim().to_string()))
        .filter(|text| !text.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Which template is rendered with which context type, from every page of
/// the demo and the fixture.
fn templates() -> BTreeMap<String, &'static str> {
    let mut out = BTreeMap::new();
    for root in [".", "tests/sites/council-over-time"] {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(root);
        let sources = crate::load::load(&root).expect("the site loads");
        let site = crate::model::build(&sources).expect("the site is valid");
        let assets = AssetPaths {
            css: String::new(),
            items: String::new(),
            background: String::new(),
            search: None,
        };
        let ctx = Contexts::new(&site, &assets);
        for page in &site.site_map {
            let built = ctx.build(&page.kind).type_name;
            match page.kind {
                // A plain page may name a template of its own; with pages
                // below it, it is a section.
                PageKind::Page(_) => {
                    out.insert("page.html".into(), built);
                    out.insert("section.html".into(), built);
                }
                _ => {
                    out.insert(template(&page.kind, &site), built);
                }
            }
        }
    }
    out
}

/// The README section, made from the types.
fn section(types: &[TypeDoc], templates: &BTreeMap<String, &'static str>) -> String {
    let mut out = String::from(
        "## Template contexts\n\n\
         What each template gets, made from the types in `src/render/context/` (a test keeps this \
         section equal to them). A field of type `Option<T>` may be null, `Vec<T>` is a list; \
         \"every variable of `T`\" means the fields of `T` sit beside the others.\n\n\
         A page's own `template` gets what `page.html` gets.\n\n\
         | template | context |\n|---|---|\n",
    );
    for (t, ty) in templates {
        out.push_str(&format!("| `{t}` | [`{ty}`](#{}) |\n", ty.to_lowercase()));
    }
    out.push_str("\nOther types:\n\n| type | what a template sees |\n|---|---|\n");
    for (ty, what) in OTHER_TYPES {
        out.push_str(&format!("| `{ty}` | {what} |\n"));
    }
    for (name, doc, fields) in types {
        out.push_str(&format!("\n### {name}\n\n{}\n", doc_text(doc)));
        let (flat, own): (Vec<_>, Vec<_>) = fields
            .iter()
            .partition(|(_, _, attrs)| attrs.contains(&"serde(flatten)"));
        for (_, ty, _) in &flat {
            out.push_str(&format!("\nEvery variable of `{}`, and:\n", shown(ty)));
        }
        out.push_str("\n| variable | type | |\n|---|---|---|\n");
        for (field, ty, attrs) in own {
            let field = field.trim_start_matches("r#");
            out.push_str(&format!(
                "| `{field}` | `{}` | {} |\n",
                shown(ty),
                doc_text(attrs)
            ));
        }
    }
    out
}

#[test]
fn every_type_a_context_shows_is_documented() {
    let types = all_documented();
    let documented: BTreeSet<&str> = types.iter().map(|(n, _, _)| *n).collect();
    assert_eq!(documented.len(), types.len(), "a type is listed twice");
    let other: BTreeSet<&str> = OTHER_TYPES.iter().map(|(n, _)| *n).collect();
    let mut missing = BTreeSet::new();
    for (name, _, fields) in &types {
        for (field, ty, _) in *fields {
            for n in names_in(&shown(ty)) {
                if !documented.contains(n.as_str()) && !other.contains(n.as_str()) {
                    missing.insert(format!("{name}.{field}: {n}"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "types not documented: {missing:?}");
    for ty in templates().values() {
        assert!(documented.contains(ty), "{ty} is not documented");
    }
}

#[test]
fn the_readme_documents_every_template_context() {
    let expected = section(&all_documented(), &templates());
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("the README");
    let start = readme
        .find("## Template contexts\n")
        .expect("a section \"Template contexts\" in the README");
    let end = readme[start + 3..]
        .find("\n## ")
        .map_or(readme.len(), |i| start + 3 + i + 1);
    let written = &readme[start..end];
    if written != expected && std::env::var_os("MEDVIRK_UPDATE_README").is_some() {
        let updated = format!("{}{expected}{}", &readme[..start], &readme[end..]);
        std::fs::write(&path, updated).expect("the README is written");
        return;
    }
    assert!(
        written == expected,
        "the README's \"Template contexts\" differs from the types; run with \
         MEDVIRK_UPDATE_README=1 to write it. Expected:\n{expected}"
    );
}
