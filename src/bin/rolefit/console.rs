//! What the command says on standard error besides error lines: the progress count of a long
//! batch and the summary at its end.

use std::io::{self, IsTerminal, Write};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use rolefit::pipeline::Summary;

use crate::config::Config;

/// A count of the documents read so far, on standard error, for folder and JSON Lines runs on
/// a terminal (hidden otherwise, and with --quiet). The summary line gives the ok and error
/// counts at the end.
pub fn progress(config: &Config) -> ProgressBar {
    let batch = config.inputs.jsonl || config.paths.iter().any(|p| p.is_dir());
    if config.quiet || !batch || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let style =
        ProgressStyle::with_template("{spinner} {human_pos} documents read ({per_sec}) {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
    bar.set_style(style);
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// The batch summary on standard error: on a terminal, or when something needs saying.
pub fn report(summary: &Summary, fail_under: Option<f64>) -> io::Result<()> {
    let mut stderr = io::stderr();
    let statuses = &summary.statuses;
    if statuses.len() > 1 || summary.failed() > 0 || stderr.is_terminal() {
        // By name, so that the line reads the same whatever order the statuses are declared in.
        let mut parts: Vec<(&str, usize)> =
            statuses.iter().map(|(s, n)| (s.as_str(), *n)).collect();
        parts.sort();
        let parts: Vec<String> = parts.iter().map(|(s, n)| format!("{n} {s}")).collect();
        let total = summary.total();
        writeln!(stderr, "rolefit: {total} documents: {}", parts.join(", "))?;
    }
    if summary.below > 0 {
        let (n, min) = (summary.below, fail_under.unwrap_or_default());
        let documents = if n == 1 { "document" } else { "documents" };
        writeln!(stderr, "rolefit: {n} {documents} scored below {min}")?;
    }
    Ok(())
}
