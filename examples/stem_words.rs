//! Prints every token of a site's search documents with what elasticlunr-rs's
//! pipeline and rust-stemmers make of it, one JSON object a line, for the
//! client stemmer's agreement test (`tests/browser/search.mjs`).
//!
//! `cargo run --example stem_words -- [SITE] [--synthetic]` (the demo site by
//! default). `--synthetic` adds words built to reach every rule of the
//! Norwegian stemmer: each suffix it knows on stems of several shapes.

use std::path::PathBuf;

use rust_stemmers::{Algorithm, Stemmer};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let synthetic = args.iter().any(|a| a == "--synthetic");
    let root = PathBuf::from(
        args.iter()
            .find(|a| !a.starts_with("--"))
            .cloned()
            .unwrap_or_else(|| ".".into()),
    );
    let sources = medvirk::load::load(&root)?;
    let site = medvirk::model::build(&sources).map_err(|d| anyhow::anyhow!("{d}"))?;
    let language = medvirk::search::language(&site.config.default_language)
        .ok_or_else(|| anyhow::anyhow!("no search language"))?;
    let pipeline = language.make_pipeline();
    let [trimmer, stop_words, _] = &pipeline.queue[..] else {
        anyhow::bail!("expected trimmer, stop-word filter and stemmer");
    };
    let stemmer = Stemmer::create(Algorithm::Norwegian);
    let mut words = medvirk::search::vocabulary(&site);
    if synthetic {
        words.extend(synthetic_words());
    }
    for raw in words {
        let trimmed = trimmer.filter(raw.clone()).unwrap_or_default();
        let stop = !trimmed.is_empty() && stop_words.filter(trimmed.clone()).is_none();
        let stem = if trimmed.is_empty() || stop {
            String::new()
        } else {
            stemmer.stem(&trimmed).into_owned()
        };
        println!(
            "{}",
            serde_json::json!({"raw": raw, "trimmed": trimmed, "stop": stop, "stem": stem})
        );
    }
    Ok(())
}

/// Stems of different lengths and endings, each with every suffix the
/// algorithm strips, and the consonant pairs and `s` contexts it tests.
fn synthetic_words() -> Vec<String> {
    let stems = [
        "a",
        "ø",
        "bi",
        "hus",
        "kaks",
        "sak",
        "pårør",
        "fastleg",
        "helsetjenest",
        "rett",
        "bok",
        "ekspertutvalg",
        "brukermedvirkning",
        "åpen",
        "tøy",
    ];
    let suffixes = [
        "", "a", "e", "ede", "ande", "ende", "ane", "ene", "hetene", "erte", "en", "heten", "ar",
        "er", "heter", "s", "as", "es", "edes", "endes", "enes", "hetenes", "ens", "hetens", "ers",
        "ets", "et", "het", "ert", "ast", "dt", "vt", "leg", "eleg", "ig", "eig", "lig", "elig",
        "els", "lov", "elov", "slov", "hetslov", "ks", "aks", "bs", "ts", "kks", "legs", "ligdt",
        "avt", "erdt",
    ];
    let mut out = Vec::new();
    for stem in stems {
        for suffix in suffixes {
            out.push(format!("{stem}{suffix}"));
        }
    }
    out
}
