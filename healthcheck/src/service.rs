//! [`ServiceInfo`]: what the IETF health format says about the service as a whole.

/// The service-level fields of draft-inadarei-api-health-check-06, written by the
/// `application/health+json` format. Set with
/// [`HealthCheck::service_info`](crate::HealthCheck::service_info); read as fields.
///
/// ```
/// use healthcheck::{HealthCheck, ServiceInfo};
///
/// let health = HealthCheck::empty().service_info(
///     ServiceInfo::new()
///         .version("1")
///         .release_id(env!("CARGO_PKG_VERSION"))
///         .service_id("orders")
///         .description("the orders API")
///         .note("read-only during the migration")
///         .link("about", "https://example.com/orders/health"),
/// );
/// assert_eq!(health.service().service_id.as_deref(), Some("orders"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ServiceInfo {
    /// The public version of the service (`version`), e.g. `"1"`.
    pub version: Option<String>,
    /// The release of the service (`releaseId`), e.g. `"1.0.2"` or a commit.
    pub release_id: Option<String>,
    /// The service's identifier (`serviceId`); the format writes the hostname when unset.
    pub service_id: Option<String>,
    /// A human-friendly description of the service (`description`).
    pub description: Option<String>,
    /// Notes (`notes`), e.g. an ongoing maintenance, in the order they were added.
    pub notes: Vec<String>,
    /// Links (`links`): relation and URI, one per relation.
    pub links: Vec<(String, String)>,
}

impl ServiceInfo {
    /// Nothing set: the format writes `serviceId` as the hostname and no other field.
    #[must_use]
    pub fn new() -> Self {
        ServiceInfo::default()
    }

    /// Sets `version`.
    #[must_use]
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.version = Some(version.into());
        self
    }

    /// Sets `releaseId`.
    #[must_use]
    pub fn release_id(mut self, release_id: impl Into<String>) -> Self {
        self.release_id = Some(release_id.into());
        self
    }

    /// Sets `serviceId`.
    #[must_use]
    pub fn service_id(mut self, service_id: impl Into<String>) -> Self {
        self.service_id = Some(service_id.into());
        self
    }

    /// Sets `description`.
    #[must_use]
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }

    /// Adds a note.
    #[must_use]
    pub fn note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// Adds a link; a relation given again replaces its URI.
    #[must_use]
    pub fn link(mut self, relation: impl Into<String>, uri: impl Into<String>) -> Self {
        let relation = relation.into();
        self.links.retain(|(existing, _)| *existing != relation);
        self.links.push((relation, uri.into()));
        self
    }
}
