//! One run of a check's body within a deadline, with panics caught.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

use super::{lock, panic_message};
use crate::check::Outcome;
use crate::job::Job;

type Running = watch::Receiver<Option<Outcome>>;

/// Remembers the thread of a blocking check that is still running, so that a check whose
/// dependency hangs occupies at most one thread however often it is asked for.
#[derive(Clone, Default)]
pub(crate) struct ThreadGuard {
    running: Arc<Mutex<Option<Running>>>,
}

impl ThreadGuard {
    /// The current run of `body`, and whether this call started it.
    fn join_or_start(&self, body: &Arc<dyn Fn() -> Outcome + Send + Sync>) -> (Running, bool) {
        let mut running = lock(&self.running);
        if let Some(run) = running.as_ref() {
            return (run.clone(), false);
        }
        let (sender, receiver) = watch::channel(None);
        *running = Some(receiver.clone());
        let body = Arc::clone(body);
        let slot = Arc::clone(&self.running);
        tokio::task::spawn_blocking(move || {
            let outcome = catch_unwind(AssertUnwindSafe(|| body()))
                .unwrap_or_else(|payload| Outcome::fail(panic_message(payload.as_ref())));
            *lock(&slot) = None;
            sender.send_replace(Some(outcome));
        });
        (receiver, true)
    }
}

/// Runs `job` once. Never panics and never outlives `deadline` by more than a scheduler tick.
pub(crate) async fn execute(job: &Job, deadline: Duration, threads: &ThreadGuard) -> Outcome {
    match job {
        Job::Async(body) => {
            let body = Arc::clone(body);
            // A task of its own catches panics and can be aborted when it misses the deadline.
            within_deadline(tokio::spawn(async move { body().await }), deadline)
                .await
                .unwrap_or_else(Outcome::fail)
        }
        Job::Blocking(body) => {
            let (mut running, started) = threads.join_or_start(body);
            let finished = tokio::time::timeout(deadline, async {
                running
                    .wait_for(Option::is_some)
                    .await
                    .map(|outcome| outcome.clone())
            });
            match finished.await {
                Ok(Ok(Some(outcome))) => outcome,
                Ok(_) => Outcome::fail("its thread ended without a result"),
                Err(_) => Outcome::fail(timed_out(deadline, started)),
            }
        }
    }
}

/// What `task` returned, or why it did not: it panicked, or missed `deadline` (and was aborted).
pub(crate) async fn within_deadline<T>(
    mut task: JoinHandle<T>,
    deadline: Duration,
) -> Result<T, String> {
    match tokio::time::timeout(deadline, &mut task).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) if error.is_panic() => Err(panic_message(error.into_panic().as_ref())),
        Ok(Err(_)) => Err("cancelled before it finished".to_owned()),
        Err(_) => {
            task.abort();
            Err(timed_out(deadline, true))
        }
    }
}

fn timed_out(deadline: Duration, started: bool) -> String {
    if started {
        format!("timed out after {deadline:?}")
    } else {
        format!("timed out after {deadline:?}; an earlier run is still in progress, so no new one was started")
    }
}
