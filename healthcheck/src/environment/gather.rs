//! Gathering sections: a panic or an error becomes an error entry, and async sections get a
//! deadline.

use std::time::Duration;

use serde_json::{json, Value};

use crate::registry::SectionFn;
use crate::runner::within_deadline;
use crate::section::guarded;

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
        let task = match self {
            Gathering::Ready(value) => return value,
            Gathering::Running(task) => task,
        };
        match within_deadline(task, deadline).await {
            Ok(Ok(value)) => value,
            Ok(Err(error)) | Err(error) => json!({ "error": error }),
        }
    }
}
