//! Running user code: the executor, why a run failed, and each check's cache and flight.

mod executor;
mod failure;
mod slot;

pub(crate) use executor::{compute, spawn, Run, Runner};
pub(crate) use failure::{panic_message, Failure};
pub(crate) use slot::{Pending, Slot, Tick};

use std::sync::{Mutex, MutexGuard, PoisonError};

/// Our critical sections never panic, so a poisoned lock still holds consistent data.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
