//! `application/health+json`, draft-inadarei-api-health-check:
//! <https://datatracker.ietf.org/doc/html/draft-inadarei-api-health-check>

use serde::ser::{SerializeMap, SerializeSeq, Serializer};
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
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("status", report.status().as_str())?;
        let unhealthy: Vec<&str> = report
            .results()
            .iter()
            .filter(|result| result.outcome().status() != Status::Pass)
            .map(CheckResult::name)
            .collect();
        if !unhealthy.is_empty() {
            map.serialize_entry("output", &format!("not passing: {}", unhealthy.join(", ")))?;
        }
        map.serialize_entry("serviceId", report.hostname())?;
        map.serialize_entry("checks", &Checks(report.results()))?;
        map.end()
    }
}

/// `"checks": {"name": [ { … } ]}`: the draft keys checks by name, each with a list of results.
struct Checks<'a>(&'a [CheckResult]);

impl Serialize for Checks<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for result in self.0 {
            map.serialize_entry(result.name(), &OneResult(result))?;
        }
        map.end()
    }
}

struct OneResult<'a>(&'a CheckResult);

impl Serialize for OneResult<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut list = serializer.serialize_seq(Some(1))?;
        list.serialize_element(&Entry(self.0))?;
        list.end()
    }
}

struct Entry<'a>(&'a CheckResult);

impl Serialize for Entry<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let outcome = self.0.outcome();
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("status", outcome.status().as_str())?;
        map.serialize_entry("time", &rfc3339(self.0.timestamp()))?;
        if let Some(observed) = outcome.observation() {
            map.serialize_entry("observedValue", &observed.value)?;
            map.serialize_entry("observedUnit", &observed.unit)?;
        }
        // The draft: output "SHOULD be omitted for pass state".
        if outcome.status() != Status::Pass {
            map.serialize_entry("output", outcome.output())?;
        }
        map.end()
    }
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
