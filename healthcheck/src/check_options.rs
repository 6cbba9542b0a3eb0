//! [`CheckOptions`]: how one check is run and cached, given as attribute arguments or to
//! `add_check_with`; unset values fall back to the handle's settings (`settings.rs`).

use std::sync::Arc;
use std::time::Duration;

use crate::component::{assert_key_part, Component};

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
    pub(crate) component: Arc<Component>,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            tags: Arc::new([]),
            timeout: None,
            critical: true,
            success_ttl: None,
            failed_ttl: None,
            component: Arc::default(),
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

    /// The component's name in the IETF format's key (`name:measurement`); the check's name
    /// when unset.
    ///
    /// # Panics
    ///
    /// If `name` contains `:`, which separates the key's parts.
    #[must_use]
    #[track_caller]
    pub fn component_name(self, name: impl Into<String>) -> Self {
        let name = name.into();
        assert_key_part("component name", &name);
        self.with_component(|component| component.name = Some(name))
    }

    /// The measurement in the IETF format's key (`name:measurement`), e.g. `"responseTime"`.
    ///
    /// # Panics
    ///
    /// If `measurement` contains `:`, which separates the key's parts.
    #[must_use]
    #[track_caller]
    pub fn measurement(self, measurement: impl Into<String>) -> Self {
        let measurement = measurement.into();
        assert_key_part("measurement", &measurement);
        self.with_component(|component| component.measurement = Some(measurement))
    }

    /// The IETF `componentId`: which instance of the component this is.
    #[must_use]
    pub fn component_id(self, id: impl Into<String>) -> Self {
        self.with_component(|component| component.id = Some(id.into()))
    }

    /// The IETF `componentType`: `"component"`, `"datastore"`, `"system"` or a URI.
    ///
    /// ```
    /// use healthcheck::CheckOptions;
    ///
    /// let options = CheckOptions::new().component_type("datastore").measurement("responseTime");
    /// assert_eq!(options.component().kind.as_deref(), Some("datastore"));
    /// assert_eq!(options.component().key("postgres"), "postgres:responseTime");
    /// ```
    #[must_use]
    pub fn component_type(self, kind: impl Into<String>) -> Self {
        self.with_component(|component| component.kind = Some(kind.into()))
    }

    /// Adds an IETF `affectedEndpoints` URI: an endpoint that fails when this check does.
    #[must_use]
    pub fn affected_endpoint(self, uri: impl Into<String>) -> Self {
        self.with_component(|component| component.affected_endpoints.push(uri.into()))
    }

    /// Adds an IETF `links` entry to the check; a relation given again replaces its URI.
    #[must_use]
    pub fn link(self, relation: impl Into<String>, uri: impl Into<String>) -> Self {
        let relation = relation.into();
        self.with_component(|component| {
            component
                .links
                .retain(|(existing, _)| *existing != relation);
            component.links.push((relation, uri.into()));
        })
    }

    fn with_component(mut self, change: impl FnOnce(&mut Component)) -> Self {
        change(Arc::make_mut(&mut self.component));
        self
    }

    /// What the IETF format says of the component the check watches.
    #[must_use]
    pub fn component(&self) -> &Component {
        &self.component
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
