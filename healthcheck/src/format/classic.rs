//! py-healthcheck's JSON: `hostname, status, timestamp, results, <sections>`, keys in that order.

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::python::{self, JsonStyle};
use super::round_micros;
use crate::report::{CheckResult, Report};
use crate::time::unix_seconds;

pub(crate) fn render(report: &Report, style: JsonStyle) -> String {
    python::to_string(&Classic(report), style).unwrap_or_else(|error| {
        serde_json::json!({ "status": "failure", "error": error.to_string() }).to_string()
    })
}

struct Classic<'a>(&'a Report);

impl Serialize for Classic<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let report = self.0;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("hostname", report.hostname())?;
        let status = if report.passed() {
            "success"
        } else {
            "failure"
        };
        map.serialize_entry("status", status)?;
        map.serialize_entry("timestamp", &unix_seconds(report.timestamp()))?;
        let results: Vec<_> = report.results().iter().map(ClassicResult).collect();
        map.serialize_entry("results", &results)?;
        for (name, value) in report.sections() {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

struct ClassicResult<'a>(&'a CheckResult);

impl Serialize for ClassicResult<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let result = self.0;
        let outcome = result.outcome();
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("checker", result.name())?;
        match outcome.output_json() {
            Some(json) => map.serialize_entry("output", json)?,
            None => map.serialize_entry("output", outcome.output())?,
        }
        map.serialize_entry("passed", &result.passed())?;
        map.serialize_entry("timestamp", &unix_seconds(result.timestamp()))?;
        map.serialize_entry("expires", &unix_seconds(result.expires()))?;
        map.serialize_entry(
            "response_time",
            &round_micros(result.response_time().as_secs_f64()),
        )?;
        map.serialize_entry("status", outcome.status().as_str())?;
        map.serialize_entry("critical", &result.critical())?;
        map.serialize_entry("cached", &result.cached())?;
        if !result.tags().is_empty() {
            map.serialize_entry("tags", result.tags())?;
        }
        if let Some(observed) = outcome.observation() {
            map.serialize_entry("observed_value", &observed.value)?;
            map.serialize_entry("observed_unit", &observed.unit)?;
        }
        map.end()
    }
}
