//! `application/health+json`, draft-inadarei-api-health-check:
//! <https://datatracker.ietf.org/doc/html/draft-inadarei-api-health-check>

use serde_json::{json, Map, Value};

use crate::check::Status;
use crate::report::Report;
use crate::time::rfc3339;

pub(crate) fn render(report: &Report) -> String {
    let mut checks = Map::new();
    for result in report.results() {
        let outcome = result.outcome();
        let mut check = Map::new();
        check.insert("status".into(), outcome.status().as_str().into());
        check.insert("time".into(), rfc3339(result.timestamp()).into());
        if let Some(observed) = outcome.observation() {
            check.insert("observedValue".into(), json!(observed.value));
            check.insert("observedUnit".into(), observed.unit.clone().into());
        }
        // The draft: output "SHOULD be omitted for pass state".
        if outcome.status() != Status::Pass {
            check.insert("output".into(), outcome.output().into());
        }
        checks.insert(
            result.name().to_owned(),
            Value::Array(vec![Value::Object(check)]),
        );
    }
    let mut body = Map::new();
    body.insert("status".into(), report.status().as_str().into());
    let unhealthy: Vec<&str> = report
        .results()
        .iter()
        .filter(|result| result.outcome().status() != Status::Pass)
        .map(super::super::report::CheckResult::name)
        .collect();
    if !unhealthy.is_empty() {
        body.insert(
            "output".into(),
            format!("not passing: {}", unhealthy.join(", ")).into(),
        );
    }
    body.insert("serviceId".into(), report.hostname().into());
    body.insert("checks".into(), Value::Object(checks));
    Value::Object(body).to_string()
}
