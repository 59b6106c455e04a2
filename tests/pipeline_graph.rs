//! The import graph of `src/` flows one way: load → model → search → render
//! → output.
//!
//! Every `crate::…` path in code (in `use` lines, `use crate::{a, b}` groups
//! and paths written inline) is an edge from the module its file belongs to.
//! A stage may use itself, the stages before it and the leaf modules; a leaf
//! module (`error`, `progress`, …) only other leaves; the front-ends
//! (`lib.rs` and what it calls: `pipeline`, `build`, `check`, `serve`, `init`,
//! `import`, `cli`, `main`) anything. Comments are skipped: a doc link to a
//! later stage is a pointer for the reader, not a dependency.
//!
//! `cargo test --test pipeline_graph -- --nocapture` prints the graph.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The stages, in the order data flows through them.
const STAGES: [&str; 5] = ["load", "model", "search", "render", "output"];

/// Modules that run the stages; they may use every module.
const FRONT_ENDS: [&str; 10] = [
    "lib", "main", "cli", "pipeline", "build", "check", "serve", "init", "new", "import",
];

/// One `crate::` path: where it is written and the top-level module it names.
#[derive(Debug, Clone, PartialEq)]
struct Edge {
    file: String,
    line: usize,
    from: String,
    to: String,
}

/// What a module is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Stage(usize),
    FrontEnd,
    Leaf,
}

fn role(module: &str) -> Role {
    if let Some(i) = STAGES.iter().position(|s| *s == module) {
        Role::Stage(i)
    } else if FRONT_ENDS.contains(&module) {
        Role::FrontEnd
    } else {
        Role::Leaf
    }
}

/// Whether `from` may use `to`.
fn allowed(from: &str, to: &str) -> bool {
    match (role(from), role(to)) {
        _ if from == to => true,
        (Role::FrontEnd, _) => true,
        (Role::Stage(a), Role::Stage(b)) => b <= a,
        (Role::Stage(_) | Role::Leaf, Role::Leaf) => true,
        _ => false,
    }
}

/// `text` with `//` comments blanked out, line structure kept; string
/// literals are kept whole, so a `//` inside one is not a comment.
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut in_string = false;
        let mut escaped = false;
        let mut cut = line.len();
        let bytes = line.as_bytes();
        for (i, b) in bytes.iter().enumerate() {
            match (in_string, b) {
                (true, b'\\') if !escaped => {
                    escaped = true;
                    continue;
                }
                (true, b'"') if !escaped => in_string = false,
                (false, b'"') => in_string = true,
                (false, b'/') if bytes.get(i + 1) == Some(&b'/') => {
                    cut = i;
                    break;
                }
                _ => {}
            }
            escaped = false;
        }
        out.push_str(&line[..cut]);
        out.push('\n');
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The top-level names after each `crate::` in `code`, with their line
/// numbers: `crate::x::y` gives `x`, `crate::{x, y::z}` gives `x` and `y`.
fn crate_paths(code: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = code[from..].find("crate::") {
        let start = from + at;
        from = start + "crate::".len();
        let before = code[..start].chars().next_back();
        if before.is_some_and(|c| is_ident(c) || c == '$') {
            continue;
        }
        let line = code[..start].matches('\n').count() + 1;
        let rest = &code[from..];
        if let Some(group) = rest.strip_prefix('{') {
            // Top-level names of the group: those at brace depth 0.
            let mut depth = 0;
            let mut name = String::new();
            let mut expect_name = true;
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        if !name.is_empty() {
                            found.push((line, std::mem::take(&mut name)));
                        }
                        expect_name = true;
                    }
                    c if depth == 0 && expect_name && is_ident(c) => name.push(c),
                    c if c.is_whitespace() && name.is_empty() => {}
                    _ => {
                        if !name.is_empty() {
                            found.push((line, std::mem::take(&mut name)));
                        }
                        expect_name = false;
                    }
                }
            }
            if !name.is_empty() {
                found.push((line, name));
            }
        } else {
            let name: String = rest.chars().take_while(|c| is_ident(*c)).collect();
            if !name.is_empty() {
                found.push((line, name));
            }
        }
    }
    found
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).expect("src/ is readable") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                todo.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The top-level module a file of `src/` belongs to ("model" for
/// `src/model/body.rs`, "lib" for `src/lib.rs`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).expect("under src/");
    let first = rel.components().next().expect("a component");
    let first = first.as_os_str().to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// The names `lib.rs` re-exports from a module (`pub use error::{Error, …}`),
/// so that `crate::Error` counts as a use of `error`.
fn reexports(lib: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for statement in lib.split(';') {
        let statement = statement.trim();
        let Some(path) = statement.strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, names)) = path.split_once("::") else {
            continue;
        };
        let names = names.trim_start_matches('{').trim_end_matches('}');
        for name in names.split(',') {
            let name = name.split(" as ").last().unwrap_or(name).trim();
            let name = name.rsplit("::").next().unwrap_or(name);
            if !name.is_empty() {
                out.insert(name.to_string(), module.trim().to_string());
            }
        }
    }
    out
}

/// Every edge between two top-level modules in `src/`.
fn edges(src: &Path) -> Vec<Edge> {
    let files = rust_files(src);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(src, f)).collect();
    let lib = std::fs::read_to_string(src.join("lib.rs")).expect("src/lib.rs");
    let reexported = reexports(&without_comments(&lib));
    let mut out = Vec::new();
    for file in &files {
        let from = module_of(src, file);
        let text = std::fs::read_to_string(file).expect("a source file");
        let rel = file
            .strip_prefix(src.parent().expect("the package"))
            .expect("inside");
        for (line, name) in crate_paths(&without_comments(&text)) {
            let to = if modules.contains(&name) {
                name
            } else if let Some(module) = reexported.get(&name) {
                module.clone()
            } else {
                // An item of the crate root itself.
                "lib".to_string()
            };
            if to != from {
                out.push(Edge {
                    file: rel.to_string_lossy().replace('\\', "/"),
                    line,
                    from: from.clone(),
                    to,
                });
            }
        }
    }
    out
}

#[test]
fn the_import_graph_flows_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let edges = edges(&src);
    let mut graph: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for e in &edges {
        *graph.entry((&e.from, &e.to)).or_default() += 1;
    }
    println!("The import graph of src/ (uses of crate::):");
    for ((from, to), n) in &graph {
        let mark = if allowed(from, to) {
            ""
        } else {
            "   AGAINST THE PIPELINE"
        };
        println!("  {from:>11} → {to:<11} {n:>3}{mark}");
    }
    let wrong: Vec<String> = edges
        .iter()
        .filter(|e| !allowed(&e.from, &e.to))
        .map(|e| format!("{}:{}: {} uses {}", e.file, e.line, e.from, e.to))
        .collect();
    assert!(
        wrong.is_empty(),
        "edges against load → model → search → render → output \
         (a stage may use only earlier stages and leaf modules):\n{}",
        wrong.join("\n")
    );
    // The stages are all there, so a renamed stage cannot pass unseen.
    for stage in STAGES {
        assert!(
            edges.iter().any(|e| e.from == stage || e.to == stage),
            "no edge touches the stage {stage}"
        );
    }
}

#[test]
fn the_scanner_finds_every_way_of_naming_a_module() {
    let code = without_comments(
        "use crate::render::OutputFile;\n\
         use crate::{load, search::language, Error};\n\
         use crate::{\n    output::{self, fingerprint},\n    model,\n};\n\
         let x = crate::render::minify(b);\n\
         // crate::output::not_counted\n\
         let s = \"//\"; crate::serve::x();\n\
         $crate::skipped; notcrate::skipped;\n",
    );
    assert_eq!(
        crate_paths(&code),
        [
            (1, "render".to_string()),
            (2, "load".to_string()),
            (2, "search".to_string()),
            (2, "Error".to_string()),
            (3, "output".to_string()),
            (3, "model".to_string()),
            (7, "render".to_string()),
            (9, "serve".to_string()),
        ]
    );
}

#[test]
fn the_rules_follow_the_pipeline() {
    assert!(allowed("render", "model"));
    assert!(allowed("render", "render"));
    assert!(allowed("output", "error"));
    assert!(allowed("serve", "render"));
    assert!(allowed("lib", "output"));
    assert!(!allowed("model", "search"));
    assert!(!allowed("search", "render"));
    assert!(!allowed("render", "output"));
    assert!(
        !allowed("output", "lib"),
        "a stage does not call its front-end"
    );
    assert!(!allowed("error", "model"), "a leaf uses no stage");
    assert_eq!(
        reexports("pub use error::{Diagnostic, Error};\npub use progress::Progress;"),
        BTreeMap::from([
            ("Diagnostic".to_string(), "error".to_string()),
            ("Error".to_string(), "error".to_string()),
            ("Progress".to_string(), "progress".to_string()),
        ])
    );
}

/// A file a newcomer can read at one sitting; a longer one is split along
/// its seams (the stage part it does), not cut in half.
const MAX_LINES: usize = 600;

#[test]
fn no_file_in_src_is_over_600_lines() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = rust_files(&src);
    assert!(files.len() > 50, "the tree was read: {}", files.len());
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let lines = std::fs::read_to_string(f).unwrap().lines().count();
            (lines > MAX_LINES).then(|| format!("{} ({lines} lines)", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "split along its seams: {long:?}");
}
