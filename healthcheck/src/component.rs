//! [`Component`]: what the IETF health format says about the dependency a check watches.

/// The check-level fields of draft-inadarei-api-health-check-06, written by the
/// `application/health+json` format: the key `componentName:measurementName`, `componentId`,
/// `componentType`, `affectedEndpoints` and `links`. Set through [`CheckOptions`] or the
/// attribute's arguments; read as fields.
///
/// Checks whose keys are equal are listed together under it, as the draft lists the nodes of
/// one component.
///
/// [`CheckOptions`]: crate::CheckOptions
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Component {
    /// The key's first part; the check's name when unset. Never contains `:`.
    pub name: Option<String>,
    /// The key's second part, e.g. `"responseTime"`, `"connections"`. Never contains `:`.
    pub measurement: Option<String>,
    /// `componentId`: a unique id of this instance, e.g. a host or a cluster node.
    pub id: Option<String>,
    /// `componentType`: `"component"`, `"datastore"`, `"system"`, or a URI of a type.
    pub kind: Option<String>,
    /// `affectedEndpoints`: URIs (or URI templates) that fail when this component does.
    pub affected_endpoints: Vec<String>,
    /// `links`: relation and URI, one per relation.
    pub links: Vec<(String, String)>,
}

impl Component {
    /// The check's key in the draft's `checks` object: `name:measurement`, `name` without a
    /// measurement, with `check` as the name when none is set.
    #[must_use]
    pub fn key(&self, check: &str) -> String {
        let name = self.name.as_deref().unwrap_or(check);
        match &self.measurement {
            Some(measurement) => format!("{name}:{measurement}"),
            None => name.to_owned(),
        }
    }
}

/// A component or measurement name: the draft forbids `:` in either, since it separates them.
#[track_caller]
pub(crate) fn assert_key_part(what: &str, part: &str) {
    assert!(
        !part.contains(':'),
        "the {what} `{part}` contains `:`, which separates the component from the measurement in the IETF format's keys"
    );
}
