//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// medvirk: an accessible website from a user council's minutes.
#[derive(Debug, Parser)]
#[command(version, about)]
pub(crate) struct Cli {
    /// Print nothing but errors.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Print the time of each stage.
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Build the site into the output folder.
    Build(BuildArgs),
    /// Load and validate the site; write nothing.
    Check(RootArgs),
    /// Build, serve on 127.0.0.1:1111, rebuild and reload pages on change.
    Serve(ServeArgs),
    /// Create a new site with an example meeting, case and position paper.
    Init(InitArgs),
    /// Write the skeleton of a new meeting or case, every field explained.
    #[command(subcommand)]
    New(NewCommand),
    /// Turn the text of a set of minutes (.txt or .docx) into a meeting draft, with a report of every line.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub(crate) struct RootArgs {
    /// The site folder (with config.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// The site folder (with config.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site [default: ROOT/public].
    #[arg(long, short)]
    pub output_dir: Option<PathBuf>,
    /// Publish under this address instead of config.toml's base_url.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Make a copy to open from disk or a USB stick: links relative to each page, naming its index.html.
    #[arg(long)]
    pub for_disk: bool,
    /// Stop with an error instead of updating data/ankre.toml (the anchor record), as CI wants.
    #[arg(long)]
    pub locked: bool,
    /// Refuse to build (and leave the output as it was) when a link or an image leads nowhere.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// The site folder (with config.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The address to listen on; other machines can reach the site only if you choose one they can.
    #[arg(long, short, default_value = "127.0.0.1")]
    pub interface: std::net::IpAddr,
    /// The port (0 picks a free one).
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
}

#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// The folder to create.
    pub dir: PathBuf,
    /// Only the smallest site that builds: one meeting, one case, one seat.
    #[arg(long)]
    pub minimal: bool,
}

#[derive(Debug, Subcommand)]
pub(crate) enum NewCommand {
    /// A meeting: content/moter/YEAR-NUMBER/_index.md, with a row per seat of the council that day.
    Meeting {
        /// YEAR-NUMBER, such as 2026-2 for the second meeting of 2026.
        id: String,
        /// The day, as 2026-06-10 [default: today].
        #[arg(long)]
        date: Option<chrono::NaiveDate>,
        /// The site folder (with config.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// A case in an existing meeting: content/moter/YEAR-NUMBER/sak-NN-YY.md.
    Case {
        /// The meeting, YEAR-NUMBER.
        meeting: String,
        /// The case number as printed, such as 03/26.
        number: String,
        /// drøftingssak, oppfølgingssak, orienteringssak or løypemelding.
        #[arg(long)]
        kind: Option<String>,
        /// The site folder (with config.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Debug, Args)]
pub(crate) struct ImportArgs {
    /// The minutes: text extracted from the PDF (UTF-8), or a Word document (.docx).
    pub source: PathBuf,
    /// The site folder (with config.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The meeting's folder name, YEAR-NUMBER (default: from the minutes' title).
    #[arg(long)]
    pub meeting: Option<String>,
    /// Print what would be written; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Replace the meeting folder if it exists.
    #[arg(long)]
    pub force: bool,
    /// Add proposed organisations and people to data/organisations.toml and data/people.toml.
    #[arg(long)]
    pub write_registry: bool,
}
