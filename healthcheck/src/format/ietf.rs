//! `application/health+json`, draft-inadarei-api-health-check:
//! <https://datatracker.ietf.org/doc/html/draft-inadarei-api-health-check>

use std::time::SystemTime;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use crate::outcome::Status;
use crate::report::{CheckResult, Report};
use crate::time::rfc3339;

pub(crate) fn render(report: &Report) -> String {
    serde_json::to_string(&Ietf(report)).unwrap_or_else(|error| {
        serde_json::json!({ "status": "fail", "output": error.to_string() }).to_string()
    })
}

struct Ietf<'a>(&'a Report);

impl Serialize for Ietf<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let report = self.0;
        let service = report.service();
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("status", report.status().as_str())?;
        if let Some(version) = &service.version {
            map.serialize_entry("version", version)?;
        }
        if let Some(release_id) = &service.release_id {
            map.serialize_entry("releaseId", release_id)?;
        }
        if !service.notes.is_empty() {
            map.serialize_entry("notes", &service.notes)?;
        }
        let unhealthy: Vec<&str> = report
            .results()
            .iter()
            .filter(|result| result.outcome().status() != Status::Pass)
            .map(CheckResult::name)
            .collect();
        if !unhealthy.is_empty() {
            map.serialize_entry("output", &format!("not passing: {}", unhealthy.join(", ")))?;
        }
        let service_id = service.service_id.as_deref().unwrap_or(report.hostname());
        map.serialize_entry("serviceId", service_id)?;
        if let Some(description) = &service.description {
            map.serialize_entry("description", description)?;
        }
        if !service.links.is_empty() {
            map.serialize_entry("links", &Links(&service.links))?;
        }
        map.serialize_entry("checks", &Checks(report.results()))?;
        map.end()
    }
}

/// `"checks": {"component:measurement": [ { … } ]}`: results whose keys are equal are listed
/// together, as the draft lists the nodes of one component, in registration order.
struct Checks<'a>(&'a [CheckResult]);

impl Serialize for Checks<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut keyed: Vec<(String, Vec<&CheckResult>)> = Vec::new();
        for result in self.0 {
            let key = result.options.component.key(result.name());
            match keyed.iter_mut().find(|(existing, _)| *existing == key) {
                Some((_, results)) => results.push(result),
                None => keyed.push((key, vec![result])),
            }
        }
        let mut map = serializer.serialize_map(Some(keyed.len()))?;
        for (key, results) in &keyed {
            let entries: Vec<Entry> = results.iter().map(|result| Entry(result)).collect();
            map.serialize_entry(key, &entries)?;
        }
        map.end()
    }
}

struct Entry<'a>(&'a CheckResult);

impl Serialize for Entry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let outcome = self.0.outcome();
        let component = &self.0.options.component;
        let mut map = serializer.serialize_map(None)?;
        if let Some(id) = &component.id {
            map.serialize_entry("componentId", id)?;
        }
        if let Some(kind) = &component.kind {
            map.serialize_entry("componentType", kind)?;
        }
        if let Some(observed) = outcome.observation() {
            map.serialize_entry("observedValue", &observed.value)?;
            map.serialize_entry("observedUnit", &observed.unit)?;
        }
        map.serialize_entry("status", outcome.status().as_str())?;
        if !component.affected_endpoints.is_empty() {
            map.serialize_entry("affectedEndpoints", &component.affected_endpoints)?;
        }
        map.serialize_entry("time", &rfc3339(self.0.timestamp()))?;
        // The draft: output "SHOULD be omitted for pass state".
        if outcome.status() != Status::Pass {
            map.serialize_entry("output", outcome.output())?;
        }
        if !component.links.is_empty() {
            map.serialize_entry("links", &Links(&component.links))?;
        }
        map.end()
    }
}

/// `"links": {"relation": "uri"}`.
struct Links<'a>(&'a [(String, String)]);

impl Serialize for Links<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(relation, uri)| (relation, uri)))
    }
}

/// The draft's freshness: `max-age` of the seconds the results stay fresh, as a cache may
/// keep the answer no longer than the library keeps the results.
pub(crate) fn cache_control(fresh_until: Option<SystemTime>) -> String {
    let left = fresh_until
        .and_then(|until| until.duration_since(SystemTime::now()).ok())
        .unwrap_or_default();
    format!("max-age={}", left.as_secs())
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use crate::{CheckOptions, HealthCheck, Outcome};

    #[tokio::test]
    async fn follows_the_draft() {
        let report = HealthCheck::empty()
            .add_check("disk", || Outcome::warn("91% used").observed(91.0, "%"))
            .add_check("db", || (true, "db ok"))
            .add_check_with("cache", CheckOptions::new().critical(false), || {
                (false, "cold")
            })
            .run()
            .await;
        let body: Value = serde_json::from_str(&super::render(&report)).unwrap();

        assert_eq!(body["status"], "warn");
        assert_eq!(body["output"], "not passing: disk, cache");
        assert_eq!(
            body["checks"]["db"],
            json!([{ "status": "pass", "time": body["checks"]["db"][0]["time"] }])
        );
        let disk = &body["checks"]["disk"][0];
        assert_eq!(
            (disk["observedValue"].clone(), disk["observedUnit"].clone()),
            (json!(91.0), json!("%"))
        );
        assert_eq!(disk["output"], "91% used");
        assert_eq!(body["checks"]["cache"][0]["status"], "fail");
        assert_eq!(body["serviceId"], report.hostname());
    }
}
