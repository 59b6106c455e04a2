//! The `medvirk` command: parse arguments, call the library, report.

mod cli;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};
use medvirk::{BuildOptions, Error};

// glibc's allocator spends a third of a large build in malloc and free across
// rayon's threads; mimalloc keeps per-thread heaps.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    no_huge_pages();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            report(&err);
            ExitCode::from(1)
        }
    }
}

/// Turns transparent huge pages off for this process.
///
/// mimalloc asks the kernel for huge pages; a build allocates and frees its
/// memory in waves, and every page it takes back is a 2 MiB page to zero:
/// 12 % of all CPU samples of a 10,000-case build were `clear_page_erms`
/// (1.3 % without), and peak memory is some 60 MiB lower.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Build(args) => {
            let root = args.root.clone();
            let bar = ProgressBar::new(cli.quiet);
            let options = BuildOptions {
                root,
                output_dir: args.output_dir,
                base_url: args.base_url,
            };
            let mode = medvirk::BuildMode {
                for_disk: args.for_disk,
                strict: args.strict,
                locked: args.locked,
            };
            let report = medvirk::build_as(&options, &bar, mode)?;
            print_warnings(&report.warnings);
            if let (Some(line), false) = (&report.anchor_record, cli.quiet) {
                eprintln!("{line}");
            }
            if !cli.quiet {
                let total: std::time::Duration = report.timings.iter().map(|(_, d)| *d).sum();
                eprintln!(
                    "Built {} pages ({} files, {} kB) into {} in {} ms",
                    report.pages,
                    report.files,
                    report.bytes / 1000,
                    report.output.display(),
                    total.as_millis()
                );
                if args.for_disk {
                    eprintln!(
                        "Open {} in a browser (search works only on the web)",
                        report.output.join("index.html").display()
                    );
                }
                if cli.verbose {
                    for (stage, d) in &report.timings {
                        eprintln!("  {stage:<8} {:>6} ms", d.as_millis());
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Check(args) => {
            let warnings = medvirk::check(&args.root)?;
            print_warnings(&warnings);
            if !cli.quiet {
                let n = warnings.0.len();
                eprintln!(
                    "No errors found ({n} warning{})",
                    if n == 1 { "" } else { "s" }
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(args) => {
            medvirk::serve::serve(&medvirk::serve::ServeOptions {
                root: args.root,
                interface: args.interface,
                port: args.port,
                quiet: cli.quiet,
                verbose: cli.verbose,
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Import(args) => import(args, cli.quiet),
        Command::New(what) => {
            let (root, what) = match what {
                cli::NewCommand::Meeting { id, date, root } => {
                    (root, medvirk::new::NewFile::Meeting { id, date })
                }
                cli::NewCommand::Case {
                    meeting,
                    number,
                    kind,
                    root,
                } => (
                    root,
                    medvirk::new::NewFile::Case {
                        meeting,
                        number,
                        kind,
                    },
                ),
            };
            let today = today();
            let created = medvirk::new::new(&root, &what, today)?;
            for note in &created.notes {
                eprintln!("note: {note}");
            }
            if !cli.quiet {
                eprintln!(
                    "Wrote {}. Fill it in, then run: medvirk check --root {}",
                    root.join(&created.path).display(),
                    root.display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Init(args) => {
            if args.minimal {
                medvirk::init::minimal(&args.dir)?;
            } else {
                medvirk::init::init(&args.dir)?;
            }
            if !cli.quiet {
                eprintln!(
                    "Created a new site in {}. Build it with: medvirk build --root {}",
                    args.dir.display(),
                    args.dir.display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Runs `medvirk import`: prints the report (and with --dry-run the files),
/// and says where the draft went.
fn import(args: cli::ImportArgs, quiet: bool) -> Result<ExitCode, Error> {
    let outcome = match medvirk::import::import(&medvirk::import::ImportOptions {
        source: args.source,
        root: args.root,
        meeting: args.meeting,
        dry_run: args.dry_run,
        force: args.force,
        write_registry: args.write_registry,
    }) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(ExitCode::from(1));
        }
    };
    if outcome.dry_run && outcome.existed && !args.force {
        eprintln!(
            "Would refuse: {} already exists (pass --force to replace it, or --meeting to import under another name)",
            outcome.dir.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    if outcome.dry_run {
        for f in &outcome.files {
            let _ = writeln!(
                out,
                "==> {} (not written: --dry-run)\n{}",
                f.path.display(),
                f.text
            );
        }
    } else if !quiet {
        let _ = writeln!(out, "{}", outcome.report);
    }
    if !outcome.removed.is_empty() {
        eprintln!(
            "{} {} files of the existing {} (--force):",
            if outcome.dry_run {
                "Would remove"
            } else {
                "Removed"
            },
            outcome.removed.len(),
            outcome.dir.display()
        );
        for f in &outcome.removed {
            eprintln!("  {}", f.display());
        }
    }
    if !quiet {
        let c = &outcome.counts;
        eprintln!(
            "{} {}: {} cases, {} input items, {} attendance rows; {} of {} lines placed, {} layout noise, {} not placed, {} unaccounted for{}",
            if outcome.dry_run { "Would write" } else { "Wrote" },
            outcome.dir.display(),
            c.cases,
            c.items,
            c.attendance_rows,
            c.placed,
            c.lines,
            c.noise,
            c.unplaced,
            c.unaccounted,
            if c.blocking > 0 {
                format!("; {} problems to fix before it builds (see the report)", c.blocking)
            } else {
                String::new()
            }
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Today's date (UTC), for a new meeting without `--date`.
fn today() -> chrono::NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    chrono::NaiveDate::default() + chrono::Days::new(days)
}

/// A progress bar on a terminal for builds of many pages; nothing otherwise.
struct ProgressBar {
    bar: indicatif::ProgressBar,
}

/// Below this many steps a bar would only flicker.
const BAR_FROM: u64 = 500;

impl ProgressBar {
    fn new(quiet: bool) -> Self {
        let bar = if quiet || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            indicatif::ProgressBar::hidden()
        } else {
            indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr())
        };
        bar.set_style(
            indicatif::ProgressStyle::with_template("{prefix:>8} [{bar:30}] {pos}/{len} ({eta})")
                .expect("template")
                .progress_chars("=> "),
        );
        ProgressBar { bar }
    }
}

impl medvirk::Progress for ProgressBar {
    fn stage(&self, name: &'static str, total: u64) {
        if total < BAR_FROM {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::hidden());
        }
        self.bar.set_prefix(match name {
            "render" => "pages",
            "write" => "writing",
            other => other,
        });
        self.bar.set_length(total);
        self.bar.set_position(0);
    }

    fn step(&self) {
        self.bar.inc(1);
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

fn print_warnings(warnings: &medvirk::Diagnostics) {
    let mut err = std::io::stderr().lock();
    for w in &warnings.0 {
        let _ = writeln!(err, "{w}");
    }
}

fn report(err: &Error) {
    let mut out = std::io::stderr().lock();
    match err {
        Error::Invalid(diagnostics) => {
            let _ = writeln!(out, "{diagnostics}");
            let _ = writeln!(out, "error: the site has errors; nothing was written");
        }
        other => {
            let _ = writeln!(out, "error: {other}");
        }
    }
}
