//! Prometheus metrics (feature `metrics`): a collector that reads each check's latest state at
//! scrape time. A scrape never runs a check and never waits for one.

use std::sync::Arc;

use prometheus_client::collector::Collector;
use prometheus_client::encoding::{DescriptorEncoder, EncodeMetric, NoLabelSet};
use prometheus_client::metrics::counter::ConstCounter;
use prometheus_client::metrics::exemplar::Exemplar;
use prometheus_client::metrics::gauge::ConstGauge;
use prometheus_client::metrics::MetricType;
use prometheus_client::registry::Registry;

#[cfg(any(feature = "actix", feature = "axum"))]
use crate::format::Rendered;
use crate::health::HealthCheck;
use crate::outcome::Status;
use crate::runner::Slot;
use crate::settings::Settings;
use crate::status::{outcome_index, Counts, BUCKETS};
use crate::time::unix_seconds;

/// `Content-Type` of the `OpenMetrics` text format.
#[cfg(any(feature = "actix", feature = "axum"))]
const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// The answer to a scrape of `registry`: 200 with its metrics in the `OpenMetrics` text
/// format (405 for a method other than `GET` and `HEAD`, as every route answers).
#[cfg(any(feature = "actix", feature = "axum"))]
pub(crate) fn scraped(registry: &Registry, request: &crate::serve::Request<'_>) -> Rendered {
    if let Some(refused) = crate::serve::refuse(request) {
        return refused;
    }
    let mut text = String::with_capacity(4096);
    // Writing into a String fails only if a collector does, and ours never does.
    let _ = prometheus_client::encoding::text::encode(&mut text, registry);
    Rendered {
        status: 200,
        headers: vec![("Content-Type".to_owned(), CONTENT_TYPE.to_owned())],
        body: text.into(),
    }
}

impl HealthCheck {
    /// Adds this handle's metrics to `registry` (the selected checks; a group's own), read
    /// from each check's latest state whenever the registry is encoded. Starts the background
    /// checks' schedule, as any use of the handle does.
    ///
    /// | metric | type | labels |
    /// |---|---|---|
    /// | `healthcheck_check_up` | gauge: 1 passing or warning, 0 failing (stale, not checked yet or not run yet included) | `check` |
    /// | `healthcheck_check_duration_seconds` | histogram of run durations | `check` |
    /// | `healthcheck_check_runs_total` | counter of runs, as each ended | `check`, `outcome` (`pass`, `warn`, `fail`) |
    /// | `healthcheck_check_last_success_timestamp_seconds` | gauge, Unix time of the last run that did not fail | `check` |
    /// | `healthcheck_up` | gauge: 1 unless a critical check is failing | |
    ///
    /// ```
    /// use prometheus_client::{encoding::text::encode, registry::Registry};
    /// use healthcheck::HealthCheck;
    ///
    /// # #[tokio::main(flavor = "current_thread")] async fn main() {
    /// let health = HealthCheck::empty().add_check("db", || (true, "ok"));
    /// let mut registry = Registry::default();
    /// health.register_metrics(&mut registry);
    /// health.run().await;
    ///
    /// let mut text = String::new();
    /// encode(&mut text, &registry).unwrap();
    /// assert!(text.contains("healthcheck_check_up{check=\"db\"} 1\n"));
    /// assert!(text.contains("healthcheck_up 1\n"));
    /// # }
    /// ```
    pub fn register_metrics(&self, registry: &mut Registry) {
        registry.register_collector(Box::new(self.collector()));
    }

    fn collector(&self) -> Checks {
        Checks {
            slots: self.selected().cloned().collect(),
            settings: Arc::clone(&self.settings),
        }
    }
}

/// The checks of one handle, read at each scrape, and the settings requests are served by
/// (its error handler included).
struct Checks {
    slots: Vec<Arc<Slot>>,
    settings: Arc<Settings>,
}

impl std::fmt::Debug for Checks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Checks")
            .field("checks", &self.slots.len())
            .finish_non_exhaustive()
    }
}

/// One check as a scrape sees it.
struct Reading {
    slot: Arc<Slot>,
    /// Passing or warning as requests see it now (not stale, checked, run).
    up: bool,
    counts: Counts,
}

const OUTCOMES: [Status; 3] = [Status::Pass, Status::Warn, Status::Fail];

impl Collector for Checks {
    fn encode(&self, mut encoder: DescriptorEncoder) -> Result<(), std::fmt::Error> {
        let readings: Vec<Reading> = self
            .slots
            .iter()
            .map(|slot| {
                let (reported, counts) = slot.counts();
                let up = reported.is_some_and(|result| self.settings.serve(result).passed());
                Reading {
                    slot: Arc::clone(slot),
                    up,
                    counts,
                }
            })
            .collect();
        let check = |reading: &Reading| [("check", Arc::clone(&reading.slot.name))];

        let mut family = encoder.encode_descriptor(
            "healthcheck_check_up",
            "Whether the check passes (1, warnings included) or fails (0), as requests see it now.",
            None,
            MetricType::Gauge,
        )?;
        for reading in &readings {
            let gauge = ConstGauge::new(i64::from(reading.up));
            gauge.encode(family.encode_family(&check(reading))?)?;
        }

        let mut family = encoder.encode_descriptor(
            "healthcheck_check_duration_seconds",
            "How long the check's runs took.",
            None,
            MetricType::Histogram,
        )?;
        for reading in &readings {
            let counts = &reading.counts;
            let buckets: Vec<(f64, u64)> = BUCKETS
                .iter()
                .copied()
                .chain([f64::INFINITY])
                .zip(counts.buckets.iter().copied())
                .collect();
            let runs = counts.outcomes.iter().sum();
            family.encode_family(&check(reading))?.encode_histogram(
                counts.seconds,
                runs,
                &buckets,
                None::<&std::collections::HashMap<usize, Exemplar<NoLabelSet, f64>>>,
            )?;
        }

        let mut family = encoder.encode_descriptor(
            "healthcheck_check_runs",
            "Runs of the check, by how each ended (before flap damping).",
            None,
            MetricType::Counter,
        )?;
        for reading in &readings {
            for status in OUTCOMES {
                let labels = [
                    ("check", Arc::clone(&reading.slot.name)),
                    ("outcome", Arc::from(status.as_str())),
                ];
                let runs = ConstCounter::new(reading.counts.outcomes[outcome_index(status)]);
                runs.encode(family.encode_family(&labels)?)?;
            }
        }

        let mut family = encoder.encode_descriptor(
            "healthcheck_check_last_success_timestamp_seconds",
            "When the check's last run that did not fail finished, in seconds since the Unix epoch.",
            None,
            MetricType::Gauge,
        )?;
        for reading in &readings {
            if let Some(at) = reading.counts.last_success {
                let gauge = ConstGauge::new(unix_seconds(at));
                gauge.encode(family.encode_family(&check(reading))?)?;
            }
        }

        let up = readings
            .iter()
            .all(|reading| reading.up || !reading.slot.options.critical);
        let family = encoder.encode_descriptor(
            "healthcheck_up",
            "Whether the service is up: no critical check is failing.",
            None,
            MetricType::Gauge,
        )?;
        ConstGauge::new(i64::from(up)).encode(family)
    }
}
