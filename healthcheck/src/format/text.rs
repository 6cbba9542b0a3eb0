//! Text as the Kubernetes apiserver's health handlers write it: `ok`, or one `[+]name ok` /
//! `[-]name failed: reason withheld` line a check, then `<probe> check passed|failed`.

use std::fmt::Write;

use crate::report::Report;

/// How one check appears in a listing.
pub(crate) enum Line<'a> {
    Ok(&'a str),
    Failed(&'a str),
    Excluded(&'a str),
}

impl<'a> Line<'a> {
    /// A check that ran: `[-]` when it failed, critical or not.
    pub(crate) fn of(name: &'a str, passed: bool) -> Self {
        if passed {
            Line::Ok(name)
        } else {
            Line::Failed(name)
        }
    }
}

/// The report as the apiserver's `/healthz` answers: reasons are withheld, as the endpoint is
/// public; the JSON formats carry them.
pub(crate) fn render(report: &Report, verbose: bool) -> String {
    let lines = report
        .results()
        .iter()
        .map(|result| Line::of(result.name(), result.outcome().passed()));
    listing("healthz", lines, &[], report.passed(), verbose)
}

/// `ok` when `passed` and not `verbose`; otherwise every line, a warning naming the
/// exclusions that matched nothing, and `<probe> check passed|failed`, each ending in `\n`.
pub(crate) fn listing<'a>(
    probe: &str,
    lines: impl IntoIterator<Item = Line<'a>>,
    unmatched: &[String],
    passed: bool,
    verbose: bool,
) -> String {
    if passed && !verbose {
        return "ok".to_owned();
    }
    let mut body = String::new();
    for line in lines {
        let _ = match line {
            Line::Ok(name) => writeln!(body, "[+]{name} ok"),
            Line::Failed(name) => writeln!(body, "[-]{name} failed: reason withheld"),
            Line::Excluded(name) => writeln!(body, "[+]{name} excluded: ok"),
        };
    }
    if !unmatched.is_empty() {
        // Go's `%q`, joined by `,`: Rust's `{:?}` escapes quotes and control characters alike.
        let quoted: Vec<String> = unmatched.iter().map(|name| format!("{name:?}")).collect();
        let _ = writeln!(
            body,
            "warn: some health checks cannot be excluded: no matches for {}",
            quoted.join(",")
        );
    }
    let verdict = if passed { "passed" } else { "failed" };
    let _ = writeln!(body, "{probe} check {verdict}");
    body
}
