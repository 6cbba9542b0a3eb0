//! [`disk_space`]: free space of a file system.

use std::path::PathBuf;

use super::input::shown;
use super::single_flight::SingleFlight;
use super::units::bytes;
use super::Check;
use crate::outcome::{Outcome, Status};

/// A check that passes while a file system has enough free space; made by [`disk_space`].
#[derive(Clone)]
pub struct DiskSpace {
    path: PathBuf,
    min_free: u64,
    warn_below: Option<u64>,
    statvfs: SingleFlight<Result<Space, String>>,
}

#[derive(Clone, Copy, Debug)]
struct Space {
    available: u64,
    total: u64,
}

/// A check that passes while the file system holding `path` has at least `min_free_bytes`
/// available (to unprivileged users, as `df` shows them: blocks reserved for root do not
/// count). [`warn_below`](DiskSpace::warn_below) sets a higher threshold that warns first.
///
/// Output: `12.1 GiB free of 50 GiB on /var/lib/app`; below a threshold, `…, below the
/// minimum of 20 GiB`. Observed value: the free space, in `bytes` (more telling than the
/// time the call took). The figures come from `statvfs` (`GetDiskFreeSpaceExW` on Windows)
/// through [fs4](https://docs.rs/fs4); the call runs on the blocking pool, one at a time per
/// check, so a hung network mount holds one thread, however often it is probed.
///
/// ```
/// use healthcheck::{checks, HealthCheck};
///
/// const GIB: u64 = 1 << 30;
/// let health = HealthCheck::empty()
///     .add_check("disk", checks::disk_space("/var/lib/app", 2 * GIB).warn_below(10 * GIB));
/// ```
///
/// A path that does not exist fails each run (`cannot read the free space on /nope: No such
/// file or directory (os error 2)`); nothing is checked when the check is made, so a volume
/// mounted later is seen.
///
/// # Panics
///
/// If `path` is empty.
#[must_use]
#[track_caller]
pub fn disk_space(path: impl Into<PathBuf>, min_free_bytes: u64) -> DiskSpace {
    let path = path.into();
    assert!(
        !path.as_os_str().is_empty(),
        "checks::disk_space: the path is empty (use \".\" for the working directory)"
    );
    DiskSpace {
        path,
        min_free: min_free_bytes,
        warn_below: None,
        statvfs: SingleFlight::default(),
    }
}

impl DiskSpace {
    /// Warns (the check passes, degraded) while less than `bytes` are free: a threshold at or
    /// above the minimum.
    ///
    /// ```
    /// use healthcheck::checks;
    ///
    /// let disk = checks::disk_space("/", 1 << 30).warn_below(5 << 30);
    /// ```
    ///
    /// # Panics
    ///
    /// If `bytes` is below the minimum given to [`disk_space`], naming both.
    #[must_use]
    #[track_caller]
    pub fn warn_below(mut self, bytes: u64) -> Self {
        assert!(
            bytes >= self.min_free,
            "checks::disk_space: warn_below({bytes}) is below the minimum of {} free bytes for {}: a warning comes before the failure",
            self.min_free,
            shown(&self.path.display().to_string()),
        );
        self.warn_below = Some(bytes);
        self
    }

    fn judge(&self, space: Space) -> Outcome {
        let path = self.path.display();
        let free = format!(
            "{} free of {} on {path}",
            bytes(space.available),
            bytes(space.total)
        );
        let (status, output) = if space.available < self.min_free {
            let min = bytes(self.min_free);
            (Status::Fail, format!("{free}, below the minimum of {min}"))
        } else {
            match self.warn_below {
                Some(warn) if space.available < warn => (
                    Status::Warn,
                    format!("{free}, below the warning threshold of {}", bytes(warn)),
                ),
                _ => (Status::Pass, free),
            }
        };
        #[allow(clippy::cast_precision_loss)] // an observed value, not an account
        Outcome::new(status, output).observed(space.available as f64, "bytes")
    }
}

impl std::fmt::Debug for DiskSpace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiskSpace")
            .field("path", &self.path)
            .field("min_free", &self.min_free)
            .field("warn_below", &self.warn_below)
            .finish_non_exhaustive()
    }
}

impl Check for DiskSpace {
    async fn run(&self) -> Outcome {
        let path = self.path.clone();
        let space = self
            .statvfs
            .run("", move || {
                fs4::statvfs(&path)
                    .map(|stats| Space {
                        available: stats.available_space(),
                        total: stats.total_space(),
                    })
                    .map_err(|error| error.to_string())
            })
            .await
            .unwrap_or_else(|| Err("the call panicked".to_owned()));
        match space {
            Ok(space) => self.judge(space),
            Err(error) => Outcome::fail(format!(
                "cannot read the free space on {}: {error}",
                self.path.display()
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GIB: u64 = 1 << 30;

    #[test]
    fn thresholds() {
        let space = Space {
            available: 12 * GIB,
            total: 50 * GIB,
        };
        let disk = disk_space("/data", 2 * GIB);
        let pass = disk.judge(space);
        assert_eq!(pass.status(), Status::Pass);
        assert_eq!(pass.output(), "12 GiB free of 50 GiB on /data");
        let warn = disk.clone().warn_below(20 * GIB).judge(space);
        assert_eq!(warn.status(), Status::Warn);
        assert_eq!(
            warn.output(),
            "12 GiB free of 50 GiB on /data, below the warning threshold of 20 GiB"
        );
        let fail = disk_space("/data", 13 * GIB).judge(space);
        assert_eq!(fail.status(), Status::Fail);
        assert_eq!(
            fail.output(),
            "12 GiB free of 50 GiB on /data, below the minimum of 13 GiB"
        );
        let exact = disk_space("/data", 12 * GIB)
            .warn_below(12 * GIB)
            .judge(space);
        assert_eq!(exact.status(), Status::Pass, "at a threshold is enough");
    }

    #[test]
    #[should_panic(expected = "warn_below(1) is below the minimum of 2 free bytes for \"/data\"")]
    fn a_warning_below_the_minimum_panics() {
        let _ = disk_space("/data", 2).warn_below(1);
    }
}
