//! `checks::disk_space` on a temporary directory, with thresholds that pass, warn and fail.

use std::path::PathBuf;
use std::process::Command;

use healthcheck::checks::{self, Check};
use healthcheck::Status;

/// A directory of this test's own under the system's temporary directory, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!("healthcheck-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Bytes available on the file system of `path`, as `df` tells them.
fn df_available(path: &std::path::Path) -> f64 {
    let out = Command::new("df")
        .args(["-B1", "--output=avail"])
        .arg(path)
        .output()
        .expect("df runs");
    let text = String::from_utf8(out.stdout).unwrap();
    text.lines().nth(1).unwrap().trim().parse().unwrap()
}

#[tokio::test]
async fn enough_free_space_passes_and_observes_what_df_shows() {
    let dir = TempDir::new("disk-pass");

    let outcome = checks::disk_space(&dir.0, 1).run().await;

    assert_eq!(outcome.status(), Status::Pass, "{outcome:?}");
    let suffix = format!(" on {}", dir.0.display());
    assert!(outcome.output().contains(" free of "), "{outcome:?}");
    assert!(outcome.output().ends_with(&suffix), "{outcome:?}");
    let observed = outcome.observation().expect("free bytes");
    assert_eq!(observed.unit, "bytes");
    let df = df_available(&dir.0);
    let slack = (df / 100.0).max(64.0 * 1024.0 * 1024.0);
    assert!(
        (observed.value.as_f64().unwrap() - df).abs() <= slack,
        "observed {} bytes, df {df}",
        observed.value
    );
}

#[tokio::test]
async fn below_the_warning_threshold_warns() {
    let dir = TempDir::new("disk-warn");

    let outcome = checks::disk_space(&dir.0, 0)
        .warn_below(u64::MAX)
        .run()
        .await;

    assert_eq!(outcome.status(), Status::Warn, "{outcome:?}");
    assert!(
        outcome
            .output()
            .ends_with(", below the warning threshold of 16 EiB"),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn below_the_minimum_fails() {
    let dir = TempDir::new("disk-fail");

    let outcome = checks::disk_space(&dir.0, u64::MAX).run().await;

    assert_eq!(outcome.status(), Status::Fail, "{outcome:?}");
    assert!(
        outcome.output().ends_with(", below the minimum of 16 EiB"),
        "{outcome:?}"
    );
    assert_eq!(outcome.observation().unwrap().unit, "bytes");
}

#[tokio::test]
async fn a_missing_path_fails_with_the_reason() {
    let dir = TempDir::new("disk-missing");
    let missing = dir.0.join("not-mounted");

    let outcome = checks::disk_space(&missing, 0).run().await;

    assert_eq!(outcome.status(), Status::Fail);
    assert_eq!(
        outcome.output(),
        format!(
            "cannot read the free space on {}: No such file or directory (os error 2)",
            missing.display()
        )
    );
}

#[test]
#[should_panic(expected = "checks::disk_space: warn_below(1) is below the minimum of 2 free bytes")]
fn a_warning_threshold_below_the_minimum_panics() {
    let _ = checks::disk_space("/", 2).warn_below(1);
}
