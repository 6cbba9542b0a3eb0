//! Running checks: deadlines, panics, one thread per hung check, cache and single-flight.

mod execute;
mod slot;

pub(crate) use execute::{execute, within_deadline, ThreadGuard};
pub(crate) use slot::{Pending, Slot};

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

/// A check's deadline unless it or the [`HealthCheck`](crate::HealthCheck) sets another.
pub(crate) const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// Our critical sections never panic, so a poisoned lock still holds consistent data.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The message of a caught panic.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a non-string payload");
    format!("panicked: {message}")
}
