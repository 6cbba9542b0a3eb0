//! [`CheckOptions`]: how one check is run and cached, given as attribute arguments or to
//! `add_check_with`; unset values fall back to the handle's settings (`settings.rs`).

use std::sync::Arc;
use std::time::Duration;

/// A check's deadline unless it or the [`HealthCheck`](crate::HealthCheck) sets another.
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// How one check is run and cached. Unset durations fall back to the [`HealthCheck`]'s.
///
/// ```
/// use std::time::Duration;
/// use healthcheck::CheckOptions;
///
/// let options = CheckOptions::new().timeout(Duration::from_secs(2)).tag("ready").critical(false);
/// assert_eq!(options.tags(), ["ready"]);
/// ```
///
/// [`HealthCheck`]: crate::HealthCheck
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckOptions {
    pub(crate) tags: Arc<[String]>,
    pub(crate) timeout: Option<Duration>,
    pub(crate) critical: bool,
    pub(crate) success_ttl: Option<Duration>,
    pub(crate) failed_ttl: Option<Duration>,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            tags: Arc::new([]),
            timeout: None,
            critical: true,
            success_ttl: None,
            failed_ttl: None,
        }
    }
}

impl CheckOptions {
    /// Critical, untagged, with the [`HealthCheck`](crate::HealthCheck)'s deadline and TTLs.
    #[must_use]
    pub fn new() -> Self {
        CheckOptions::default()
    }

    /// Adds a tag, used to select groups of checks (e.g. `"ready"`, `"live"`).
    #[must_use]
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        let mut tags = self.tags.to_vec();
        tags.push(tag.into());
        self.tags = tags.into();
        self
    }

    /// The deadline for one run; a run that misses it fails with "timed out after …".
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Whether a failure fails the whole service (default) or only degrades it.
    #[must_use]
    pub fn critical(mut self, critical: bool) -> Self {
        self.critical = critical;
        self
    }

    /// How long a pass is served from the cache; zero disables caching passes.
    #[must_use]
    pub fn success_ttl(mut self, ttl: Duration) -> Self {
        self.success_ttl = Some(ttl);
        self
    }

    /// How long a failure is served from the cache; zero disables caching failures.
    #[must_use]
    pub fn failed_ttl(mut self, ttl: Duration) -> Self {
        self.failed_ttl = Some(ttl);
        self
    }

    /// The check's tags.
    #[must_use]
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    /// The check's own deadline, if it has one.
    #[must_use]
    pub fn own_timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// Whether a failure fails the service.
    #[must_use]
    pub fn is_critical(&self) -> bool {
        self.critical
    }

    /// The check's own success TTL, if it has one.
    #[must_use]
    pub fn own_success_ttl(&self) -> Option<Duration> {
        self.success_ttl
    }

    /// The check's own failure TTL, if it has one.
    #[must_use]
    pub fn own_failed_ttl(&self) -> Option<Duration> {
        self.failed_ttl
    }
}
