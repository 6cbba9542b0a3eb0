//! The one way user code runs: checks, sections and environment sections, sync or async.
//!
//! User code runs only on the library's own threads, one body per thread of a bounded pool,
//! never on the caller's (an actix worker, say): a body that blocks, even inside an `async fn`,
//! holds only its own thread. Deadlines are kept by the control runtime's worker, which runs
//! no user code, so they fire on time whatever the bodies do; async bodies are driven by a
//! runtime of their own. A body that misses its deadline is abandoned
//! (an async one is dropped at its next `.await`); until it returns, later runs of the same
//! item join it instead of starting a copy, so a hung dependency holds one thread.

use std::cell::Cell;
use std::future::Future;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use tokio::runtime::{Builder, Handle, Runtime};
use tokio::sync::{watch, Semaphore};
use tokio::task::JoinHandle;
use tracing::instrument::WithSubscriber;
use tracing::Dispatch;

use super::failure::{panic_message, Failure};
use super::lock;
use crate::body::Body;

/// How many bodies of user code may run at once, each on a thread of its own. With the
/// runtimes' threads, the library never starts more than `USER_THREADS + USER_BLOCKING + 5`
/// threads (77), however many checks, requests and hung bodies there are.
pub(crate) const USER_THREADS: usize = 64;

/// Threads of the control runtime's pool for the library's own work (scrubbing), beside the
/// bodies, so that it never queues behind hung ones.
const OWN_WORK: usize = 2;

/// The blocking pool of the runtime user code sees as its own: what it hands to
/// `spawn_blocking` and what Tokio runs there for it (DNS look-ups, `tokio::fs`). Bodies never
/// run there, so user code that fills it cannot starve them.
const USER_BLOCKING: usize = 8;

struct Runtimes {
    /// Its worker keeps deadlines, flights and waiting: the library's own code only. Its
    /// blocking pool runs the bodies, one thread each, and the library's own work.
    control: Runtime,
    /// The runtime bodies run in: its workers drive their I/O and timers, and run the tasks
    /// they spawn.
    user: Runtime,
    permits: Arc<Semaphore>,
}

fn runtimes() -> &'static Runtimes {
    static RUNTIMES: OnceLock<Runtimes> = OnceLock::new();
    RUNTIMES.get_or_init(|| {
        quiet_panics_in_user_code();
        let build = |name: &str, workers: usize, blocking: usize| {
            Builder::new_multi_thread()
                .worker_threads(workers)
                .max_blocking_threads(blocking)
                .thread_name(name)
                .enable_all()
                .build()
                .expect("the healthcheck runtimes start")
        };
        Runtimes {
            control: build("healthcheck-control", 1, USER_THREADS + OWN_WORK),
            user: build("healthcheck-user", 2, USER_BLOCKING),
            permits: Arc::new(Semaphore::new(USER_THREADS)),
        }
    })
}

/// Runs `work` (the library's own, e.g. scrubbing) on a thread of the control runtime's
/// blocking pool, so that neither the deadlines nor the caller's thread wait for it.
pub(crate) async fn compute<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    match runtimes().control.spawn_blocking(work).await {
        Ok(value) => value,
        Err(error) => std::panic::resume_unwind(error.into_panic()),
    }
}

/// Runs the library's own `future` (never user code) where deadlines are kept, under the
/// caller's `tracing` subscriber.
pub(crate) fn spawn<F>(future: F) -> JoinHandle<F::Output>
where
    F: Future + Send + 'static,
    F::Output: Send + 'static,
{
    runtimes().control.spawn(future.with_current_subscriber())
}

#[derive(Clone)]
enum Progress<T> {
    /// Waiting for a thread.
    Queued,
    Running,
    Done(Result<T, Failure>),
}

type Watch<T> = watch::Receiver<Progress<T>>;

/// One item's runs (a check's or a section's): at most one body of it runs at a time.
pub(crate) struct Runner<T> {
    running: Arc<Mutex<Option<Watch<T>>>>,
}

impl<T> Default for Runner<T> {
    fn default() -> Self {
        Runner {
            running: Arc::default(),
        }
    }
}

impl<T> std::fmt::Debug for Runner<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Runner")
            .field("running", &lock(&self.running).is_some())
            .finish()
    }
}

/// A run under way; [`Run::finish`] waits for it, never past its deadline.
pub(crate) struct Run<T>(JoinHandle<Result<T, Failure>>);

impl<T> Run<T> {
    pub(crate) async fn finish(self) -> Result<T, Failure> {
        self.0.await.unwrap_or(Err(Failure::Cancelled))
    }
}

impl<T: Clone + Send + Sync + 'static> Runner<T> {
    /// Starts `job`, or joins the body of it still running, with `deadline` for this caller.
    /// Starts at once: the returned [`Run`] need not be polled for the body to go on.
    pub(crate) fn run(&self, job: &Body<T>, deadline: Duration) -> Run<T> {
        let (progress, joined) = self.join_or_start(job, deadline);
        Run(spawn(wait(progress, deadline, joined)))
    }

    fn join_or_start(&self, job: &Body<T>, deadline: Duration) -> (Watch<T>, bool) {
        let mut running = lock(&self.running);
        if let Some(progress) = running.as_ref() {
            return (progress.clone(), true);
        }
        let (sender, progress) = watch::channel(Progress::Queued);
        *running = Some(progress.clone());
        drop(running);
        let slot = Arc::clone(&self.running);
        let job = job.clone();
        let dispatch = tracing::dispatcher::get_default(Dispatch::clone);
        spawn(async move {
            let queued = Instant::now();
            let runtimes = runtimes();
            let permits = Arc::clone(&runtimes.permits);
            let Ok(Ok(permit)) = tokio::time::timeout(deadline, permits.acquire_owned()).await
            else {
                *lock(&slot) = None;
                sender.send_replace(Progress::Done(Err(Failure::Overloaded { after: deadline })));
                return;
            };
            sender.send_replace(Progress::Running);
            let remaining = deadline.saturating_sub(queued.elapsed());
            let user = runtimes.user.handle().clone();
            // The permit travels with the body: its thread counts until the body returns.
            runtimes.control.spawn_blocking(move || {
                let _permit = permit;
                let result = tracing::dispatcher::with_default(&dispatch, || {
                    run_body(&user, &job, remaining, deadline)
                });
                *lock(&slot) = None;
                sender.send_replace(Progress::Done(result));
            });
        });
        (progress, false)
    }
}

async fn wait<T: Clone>(
    mut progress: Watch<T>,
    deadline: Duration,
    joined: bool,
) -> Result<T, Failure> {
    let done = |progress: &Progress<T>| matches!(progress, Progress::Done(_));
    let finished = tokio::time::timeout(deadline, async {
        match &*progress.wait_for(done).await.ok()? {
            Progress::Done(result) => Some(result.clone()),
            Progress::Queued | Progress::Running => None,
        }
    })
    .await;
    match finished {
        Ok(Some(result)) => result,
        Ok(None) => Err(Failure::Cancelled),
        Err(_) => Err(match *progress.borrow() {
            Progress::Queued => Failure::Overloaded { after: deadline },
            _ => Failure::TimedOut {
                after: deadline,
                joined,
            },
        }),
    }
}

/// Runs one body on this thread (one of the control runtime's pool); an async one is
/// dropped when `remaining` (of the whole `deadline`) has passed.
fn run_body<T>(
    user: &Handle,
    job: &Body<T>,
    remaining: Duration,
    deadline: Duration,
) -> Result<T, Failure> {
    IN_USER_CODE.with(|flag| flag.set(true));
    let result = catch_unwind(AssertUnwindSafe(|| match job {
        Body::Blocking(body) => Ok(body()),
        // The future is dropped here, at its next `.await`, once the deadline passes.
        Body::Async(body) => user.block_on(async {
            tokio::time::timeout(remaining, body())
                .await
                .map_err(|_| Failure::TimedOut {
                    after: deadline,
                    joined: false,
                })
        }),
    }))
    .unwrap_or_else(|payload| Err(Failure::Panicked(panic_message(payload))));
    IN_USER_CODE.with(|flag| flag.set(false));
    result
}

thread_local! {
    static IN_USER_CODE: Cell<bool> = const { Cell::new(false) };
}

/// A panic in user code is reported, scrubbed, as its item's failure; the default hook would
/// also print its message (which may hold a secret) to stderr. Other panics reach the hook
/// that was installed before.
fn quiet_panics_in_user_code() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !IN_USER_CODE.with(Cell::get) {
            previous(info);
        }
    }));
}
