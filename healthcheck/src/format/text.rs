//! Kubernetes-style text: `ok`, or `[+]name ok` / `[-]name failed: …` lines.

use std::fmt::Write;

use crate::names::one_line;
use crate::outcome::Status;
use crate::report::Report;

pub(crate) fn render(report: &Report, verbose: bool) -> String {
    let passed = report.passed();
    if passed && !verbose {
        return "ok".to_owned();
    }
    let mut body = String::new();
    for result in report.results() {
        // One line per check, whatever the output holds.
        let output = one_line(result.outcome().output());
        let name = result.name();
        let _ = match result.outcome().status() {
            Status::Pass => writeln!(body, "[+]{name} ok"),
            Status::Warn => writeln!(body, "[+]{name} warn: {output}"),
            Status::Fail if result.critical() => writeln!(body, "[-]{name} failed: {output}"),
            Status::Fail => writeln!(body, "[-]{name} failed (non-critical): {output}"),
        };
    }
    body.push_str(if passed {
        "health check passed"
    } else {
        "health check failed"
    });
    body
}
