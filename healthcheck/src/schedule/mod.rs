//! Background checks: a check with an `interval` runs on a schedule of its own, never more
//! often than that, and requests read its latest result without waiting (`Slot::latest`).
//!
//! A [`Schedule`] belongs to one configuration of a `HealthCheck` and is shared by its clones
//! and groups; its tasks hold only a `Weak` to it and are aborted when it is dropped, so
//! dropping every handle stops them. A handle built inside a Tokio runtime starts its schedule
//! at once; one built outside starts it on first use. Two schedules of the same checks (a
//! reconfigured clone's, say) share each check's runs through its slot: one run per interval.

use std::sync::atomic::Ordering;
use std::sync::{Arc, OnceLock, Weak};
use std::time::Duration;

use tokio::task::AbortHandle;

use crate::health::HealthCheck;
use crate::runner::{spawn, Slot, Tick};
use crate::settings::Settings;

impl HealthCheck {
    /// How many background results the selected checks have had: answers kept from before a
    /// newer one are not served.
    pub(crate) fn background_results(&self) -> u64 {
        self.selected()
            .filter(|slot| slot.options.interval.is_some())
            .map(|slot| slot.published.load(Ordering::SeqCst))
            .sum()
    }
}

/// The tasks running the background checks of one configuration, aborted on drop.
#[derive(Default)]
pub(crate) struct Schedule {
    tasks: OnceLock<Vec<AbortHandle>>,
}

impl std::fmt::Debug for Schedule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tasks = self.tasks.get().map_or(0, Vec::len);
        f.debug_struct("Schedule").field("tasks", &tasks).finish()
    }
}

impl Schedule {
    /// A new schedule for `slots` run with `settings`: started now inside a Tokio runtime,
    /// else on first use.
    pub(crate) fn new(slots: &[Arc<Slot>], settings: &Arc<Settings>) -> Arc<Schedule> {
        let schedule = Arc::<Schedule>::default();
        if tokio::runtime::Handle::try_current().is_ok() {
            schedule.start(slots, settings);
        }
        schedule
    }

    /// Starts a task for each slot with an interval, once.
    pub(crate) fn start(self: &Arc<Self>, slots: &[Arc<Slot>], settings: &Arc<Settings>) {
        if self.tasks.get().is_some() {
            return;
        }
        self.tasks.get_or_init(|| {
            slots
                .iter()
                .filter_map(|slot| {
                    let interval = slot.options.interval?;
                    let task = keep(
                        Arc::downgrade(self),
                        Arc::clone(slot),
                        interval,
                        Arc::clone(settings),
                    );
                    Some(spawn(task).abort_handle())
                })
                .collect()
        });
    }
}

impl Drop for Schedule {
    fn drop(&mut self) {
        for task in self.tasks.get().into_iter().flatten() {
            task.abort();
        }
    }
}

/// One check's schedule, for as long as its `Schedule` lives.
async fn keep(
    schedule: Weak<Schedule>,
    slot: Arc<Slot>,
    interval: Duration,
    settings: Arc<Settings>,
) {
    while schedule.strong_count() > 0 {
        match slot.tick(interval, &settings) {
            Tick::Wait(wait) => tokio::time::sleep(wait).await,
            // The run ends by its deadline; a flight dropped unfinished is not joined again.
            Tick::Await(mut flight) => drop(flight.wait_for(Option::is_some).await),
        }
    }
}
