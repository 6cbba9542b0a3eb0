//! [`memory`]: the share of memory in use.

use sysinfo::{MemoryRefreshKind, System};

use super::single_flight::SingleFlight;
use super::units::{bytes, percent};
use super::Check;
use crate::outcome::{Outcome, Status};

/// A check that passes while the share of memory in use stays low enough; made by [`memory`].
#[derive(Clone)]
pub struct Memory {
    max_used: f64,
    warn_above: Option<f64>,
    read: SingleFlight<Option<Usage>>,
}

#[derive(Clone, Copy, Debug)]
struct Usage {
    used: u64,
    total: u64,
}

impl Usage {
    #[allow(clippy::cast_precision_loss)] // a ratio
    fn ratio(self) -> f64 {
        self.used as f64 / self.total as f64
    }
}

/// A check that passes while at most `max_used_ratio` (`0.0` to `1.0`) of the machine's
/// memory is in use. [`warn_above`](Memory::warn_above) sets a lower ratio that warns first.
///
/// "In use" is the memory the system cannot hand out: total less available (Linux's
/// `MemAvailable`: page cache and reclaimable memory count as available), as
/// [sysinfo](https://docs.rs/sysinfo) reads it. It is the machine's (or the VM's) memory: in
/// a container, that is the host's view, not the container's memory limit.
///
/// Output: `3.1 GiB used of 24 GiB (13%)`; above a ratio, `…, more than the maximum of 90%`.
/// Observed value: the ratio in use, from `0.0` to `1.0` (unit `ratio`). The figures are read
/// on the blocking pool (a read of `/proc/meminfo` on Linux, one at a time per check).
///
/// ```
/// use healthcheck::{checks, HealthCheck};
///
/// let health = HealthCheck::empty().add_check("memory", checks::memory(0.95).warn_above(0.8));
/// ```
///
/// # Panics
///
/// If `max_used_ratio` is not a number from `0.0` to `1.0`; the message names it.
#[must_use]
#[track_caller]
pub fn memory(max_used_ratio: f64) -> Memory {
    assert_ratio("max_used_ratio", max_used_ratio);
    Memory {
        max_used: max_used_ratio,
        warn_above: None,
        read: SingleFlight::default(),
    }
}

#[track_caller]
fn assert_ratio(what: &str, ratio: f64) {
    assert!(
        (0.0..=1.0).contains(&ratio),
        "checks::memory: {what} {ratio} is not a ratio from 0.0 to 1.0 (0.9 is 90%)"
    );
}

impl Memory {
    /// Warns (the check passes, degraded) while more than `ratio` of the memory is in use: a
    /// ratio at or below the maximum.
    ///
    /// ```
    /// use healthcheck::checks;
    ///
    /// let memory = checks::memory(0.95).warn_above(0.8);
    /// ```
    ///
    /// # Panics
    ///
    /// If `ratio` is not a number from `0.0` to `1.0`, or is above the maximum given to
    /// [`memory`]; the message names both.
    #[must_use]
    #[track_caller]
    pub fn warn_above(mut self, ratio: f64) -> Self {
        assert_ratio("warn_above", ratio);
        assert!(
            ratio <= self.max_used,
            "checks::memory: warn_above({ratio}) is above the maximum of {}: a warning comes before the failure",
            self.max_used
        );
        self.warn_above = Some(ratio);
        self
    }

    fn judge(&self, usage: Usage) -> Outcome {
        let ratio = usage.ratio();
        let used = format!(
            "{} used of {} ({})",
            bytes(usage.used),
            bytes(usage.total),
            percent(ratio)
        );
        let (status, output) = if ratio > self.max_used {
            let max = percent(self.max_used);
            (
                Status::Fail,
                format!("{used}, more than the maximum of {max}"),
            )
        } else {
            match self.warn_above {
                Some(warn) if ratio > warn => (
                    Status::Warn,
                    format!(
                        "{used}, more than the warning threshold of {}",
                        percent(warn)
                    ),
                ),
                _ => (Status::Pass, used),
            }
        };
        Outcome::new(status, output).observed(ratio, "ratio")
    }
}

impl std::fmt::Debug for Memory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Memory")
            .field("max_used", &self.max_used)
            .field("warn_above", &self.warn_above)
            .finish_non_exhaustive()
    }
}

impl Check for Memory {
    async fn run(&self) -> Outcome {
        let usage = self
            .read
            .run("", || {
                let mut system = System::new().ok()?;
                system.refresh_memory_specifics(MemoryRefreshKind::nothing().with_ram());
                let total = system.total_memory();
                (total > 0).then(|| Usage {
                    used: system.used_memory().min(total),
                    total,
                })
            })
            .await
            .flatten();
        match usage {
            Some(usage) => self.judge(usage),
            None => Outcome::fail("cannot read the memory figures of this system"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GIB: u64 = 1 << 30;

    #[test]
    fn ratios() {
        let usage = Usage {
            used: 6 * GIB,
            total: 24 * GIB,
        };
        let pass = memory(0.9).judge(usage);
        assert_eq!(pass.status(), Status::Pass);
        assert_eq!(pass.output(), "6 GiB used of 24 GiB (25%)");
        assert!((pass.observation().unwrap().value.as_f64().unwrap() - 0.25).abs() < 1e-9);
        let warn = memory(0.9).warn_above(0.2).judge(usage);
        assert_eq!(warn.status(), Status::Warn);
        assert_eq!(
            warn.output(),
            "6 GiB used of 24 GiB (25%), more than the warning threshold of 20%"
        );
        let fail = memory(0.2).judge(usage);
        assert_eq!(fail.status(), Status::Fail);
        assert_eq!(
            fail.output(),
            "6 GiB used of 24 GiB (25%), more than the maximum of 20%"
        );
        assert_eq!(
            memory(0.25).warn_above(0.25).judge(usage).status(),
            Status::Pass
        );
    }

    #[test]
    fn nonsensical_ratios_panic() {
        for bad in [1.5, -0.1, f64::NAN, f64::INFINITY] {
            assert!(std::panic::catch_unwind(|| memory(bad)).is_err(), "{bad}");
        }
        assert!(std::panic::catch_unwind(|| memory(0.5).warn_above(0.6)).is_err());
    }
}
