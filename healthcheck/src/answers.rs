//! The last report of a `HealthCheck` handle and its rendered bytes in each format, kept while
//! every result in it is fresh: a cached answer costs what its bytes cost, whatever the number
//! of checks.

use std::sync::{Arc, OnceLock, RwLock};
use std::time::SystemTime;

use crate::format::{render, Format, Rendered};
use crate::policy::{ResponsePolicy, When};
use crate::report::Report;

/// Shared by clones with the same settings and selection; a changed clone gets a new one.
#[derive(Default)]
pub(crate) struct Answers {
    last: RwLock<Option<Arc<Kept>>>,
}

struct Kept {
    report: Report,
    fresh_until: SystemTime,
    /// One per format, rendered on first use: json, ietf, text, text verbose.
    rendered: [OnceLock<Arc<Rendered>>; 4],
}

fn slot(format: Format) -> usize {
    match format {
        Format::Json => 0,
        Format::HealthJson => 1,
        Format::Text { verbose: false } => 2,
        Format::Text { verbose: true } => 3,
    }
}

impl Answers {
    /// The kept answer in `format`, while every result in it is fresh.
    pub(crate) fn fresh(&self, format: Format, policy: &ResponsePolicy) -> Option<Arc<Rendered>> {
        let kept = self
            .last
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()?;
        if SystemTime::now() >= kept.fresh_until {
            return None;
        }
        let kept_answer = &kept.rendered[slot(format)];
        let rendered = match kept_answer.get() {
            Some(rendered) => Arc::clone(rendered),
            None => match render(&kept.report, format, policy) {
                Ok(rendered) => Arc::clone(kept_answer.get_or_init(|| Arc::new(rendered))),
                Err(handler_panicked) => return Some(Arc::new(handler_panicked)),
            },
        };
        if format != Format::HealthJson {
            return Some(rendered);
        }
        let when = When::of(kept.report.passed());
        Some(
            rendered
                .counted_down(kept.fresh_until, policy, when)
                .map_or(rendered, Arc::new),
        )
    }

    /// Keeps `report` (just answered) for the requests that come while it is fresh.
    pub(crate) fn keep(&self, report: &Report) {
        let Some(fresh_until) = report.fresh_until() else {
            return;
        };
        let kept = Kept {
            report: report.as_cached(),
            fresh_until,
            rendered: Default::default(),
        };
        *self
            .last
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(Arc::new(kept));
    }
}
