//! Gathering sections: a panic or an error becomes an error entry, and async sections get a
//! deadline.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Duration;

use serde_json::{json, Value};

use crate::registry::SectionFn;
use crate::runner::panic_message;

/// A registered section being gathered.
pub(super) enum Gathering {
    Ready(Value),
    Running(tokio::task::JoinHandle<Result<Value, String>>),
}

impl Gathering {
    pub(super) fn start(function: SectionFn) -> Self {
        match function {
            SectionFn::Blocking(gather) => Gathering::Ready(guarded(gather)),
            SectionFn::Async(gather) => {
                Gathering::Running(tokio::spawn(async move { gather().await }))
            }
        }
    }

    pub(super) async fn finish(self, deadline: Duration) -> Value {
        let mut task = match self {
            Gathering::Ready(value) => return value,
            Gathering::Running(task) => task,
        };
        let error = match tokio::time::timeout(deadline, &mut task).await {
            Ok(Ok(Ok(value))) => return value,
            Ok(Ok(Err(error))) => error,
            Ok(Err(join)) if join.is_panic() => panic_message(join.into_panic().as_ref()),
            Ok(Err(_)) => "cancelled before it finished".to_owned(),
            Err(_) => {
                task.abort();
                format!("timed out after {deadline:?}")
            }
        };
        json!({ "error": error })
    }
}

/// The section's value, or `{"error": "…"}` if it failed or panicked.
pub(super) fn guarded(gather: impl FnOnce() -> Result<Value, String>) -> Value {
    match catch_unwind(AssertUnwindSafe(gather)) {
        Ok(Ok(value)) => value,
        Ok(Err(error)) => json!({ "error": error }),
        Err(payload) => json!({ "error": panic_message(payload.as_ref()) }),
    }
}
