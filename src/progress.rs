//! Progress of a long build, told by the stages to whoever watches.
//!
//! A leaf module: `render` and `output` report their steps here, and the CLI
//! draws a progress bar from it, so no stage reaches back to a front-end.

/// Told how far a long build has come; the CLI draws a progress bar with it.
/// Methods are called from worker threads.
pub trait Progress: Sync {
    /// A stage of `total` steps begins ("render": pages, "write": files).
    fn stage(&self, _name: &'static str, _total: u64) {}
    /// One step of the current stage is done.
    fn step(&self) {}
    /// The build is over, for good or not.
    fn finish(&self) {}
}

/// Progress that goes nowhere, for builds nobody watches.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}
