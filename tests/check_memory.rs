//! `checks::memory` with ratios that pass, fail and warn, against /proc/meminfo.

use healthcheck::checks::{self, Check};
use healthcheck::Status;

/// The share of memory in use by /proc/meminfo: (MemTotal - MemAvailable) / MemTotal.
fn meminfo_used_ratio() -> f64 {
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap();
    let field = |name: &str| -> f64 {
        let line = meminfo.lines().find(|line| line.starts_with(name)).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    };
    let total = field("MemTotal:");
    (total - field("MemAvailable:")) / total
}

#[tokio::test]
async fn a_ratio_of_one_passes_and_observes_the_share_in_use() {
    let outcome = checks::memory(1.0).run().await;

    assert_eq!(outcome.status(), Status::Pass, "{outcome:?}");
    assert!(outcome.output().contains(" used of "), "{outcome:?}");
    let observed = outcome.observation().expect("a ratio");
    assert_eq!(observed.unit, "ratio");
    let expected = meminfo_used_ratio();
    assert!(
        (observed.value.as_f64().unwrap() - expected).abs() < 0.05,
        "observed {}, /proc/meminfo {expected}",
        observed.value
    );
}

#[tokio::test]
async fn a_ratio_of_zero_fails() {
    let outcome = checks::memory(0.0).run().await;

    assert_eq!(outcome.status(), Status::Fail, "{outcome:?}");
    assert!(
        outcome.output().ends_with(", more than the maximum of 0%"),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn above_the_warning_ratio_warns() {
    let outcome = checks::memory(1.0).warn_above(0.0).run().await;

    assert_eq!(outcome.status(), Status::Warn, "{outcome:?}");
    assert!(
        outcome
            .output()
            .ends_with(", more than the warning threshold of 0%"),
        "{outcome:?}"
    );
}

#[test]
#[should_panic(
    expected = "checks::memory: max_used_ratio 1.5 is not a ratio from 0.0 to 1.0 (0.9 is 90%)"
)]
fn a_ratio_above_one_panics_naming_it() {
    let _ = checks::memory(1.5);
}

#[test]
#[should_panic(expected = "checks::memory: warn_above(0.9) is above the maximum of 0.8")]
fn a_warning_ratio_above_the_maximum_panics() {
    let _ = checks::memory(0.8).warn_above(0.9);
}
