//! The blocking work of built-in checks (look-ups, file-system and memory figures): run on the
//! blocking pool, at most once at a time per check and key.
//!
//! A blocking call cannot be stopped: when a check misses its deadline and is dropped, its
//! `getaddrinfo` or `statvfs` goes on. A run that finds the previous call of its check still
//! under way waits for that call instead of starting another, so a resolver or a file system
//! that hangs holds one thread of the pool, however often the check is probed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::watch;

use crate::runner::lock;

type Running<T> = Arc<Mutex<HashMap<String, watch::Receiver<Option<T>>>>>;

/// Blocking calls of one check, by key (the host name looked up, say).
pub(crate) struct SingleFlight<T> {
    running: Running<T>,
}

impl<T> Default for SingleFlight<T> {
    fn default() -> Self {
        SingleFlight {
            running: Arc::default(),
        }
    }
}

impl<T> Clone for SingleFlight<T> {
    fn clone(&self) -> Self {
        SingleFlight {
            running: Arc::clone(&self.running),
        }
    }
}

impl<T: Clone + Send + Sync + 'static> SingleFlight<T> {
    /// Runs `work` on the current runtime's blocking pool, or waits for the call of `key` still
    /// under way. `None` if that call panicked.
    pub(crate) async fn run(
        &self,
        key: &str,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Option<T> {
        let mut flight = self.join_or_start(key, work);
        let value = flight.wait_for(Option::is_some).await.ok()?.clone();
        value
    }

    fn join_or_start(
        &self,
        key: &str,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> watch::Receiver<Option<T>> {
        let mut running = lock(&self.running);
        if let Some(flight) = running.get(key) {
            return flight.clone();
        }
        let (sender, flight) = watch::channel(None);
        running.insert(key.to_owned(), flight.clone());
        drop(running);
        let landed = Landed {
            running: Arc::clone(&self.running),
            key: key.to_owned(),
        };
        tokio::task::spawn_blocking(move || {
            let value = work();
            drop(landed);
            sender.send_replace(Some(value));
        });
        flight
    }
}

/// Forgets a call when it returns or panics, so that the next run starts a new one.
struct Landed<T> {
    running: Running<T>,
    key: String,
}

impl<T> Drop for Landed<T> {
    fn drop(&mut self) {
        lock(&self.running).remove(&self.key);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    #[tokio::test]
    async fn runs_that_miss_their_deadline_join_the_call_under_way() {
        let calls = Arc::new(AtomicUsize::new(0));
        let (release, released) = mpsc::channel::<()>();
        let released = Arc::new(Mutex::new(released));
        let flights = SingleFlight::<usize>::default();
        let work = |calls: &Arc<AtomicUsize>, released: &Arc<Mutex<mpsc::Receiver<()>>>| {
            let (calls, released) = (Arc::clone(calls), Arc::clone(released));
            move || {
                let call = calls.fetch_add(1, Ordering::SeqCst) + 1;
                lock(&released).recv().ok();
                call
            }
        };
        for _ in 0..20 {
            let run = flights.run("host", work(&calls, &released));
            let late = tokio::time::timeout(Duration::from_millis(5), run).await;
            assert!(late.is_err(), "the call is held");
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1, "one call for 20 runs");

        // A run joining it gets its value; the next run makes a new call. (A run joins when
        // first polled: poll it before the call is released.)
        let mut joined = std::pin::pin!(flights.run("host", work(&calls, &released)));
        let late = tokio::time::timeout(Duration::from_millis(5), &mut joined).await;
        assert!(late.is_err(), "the call is still held");
        release.send(()).unwrap();
        assert_eq!(joined.await, Some(1));
        release.send(()).unwrap();
        assert_eq!(flights.run("host", work(&calls, &released)).await, Some(2));
        assert!(lock(&flights.running).is_empty());
    }

    #[tokio::test]
    async fn keys_fly_apart_and_a_panic_is_none() {
        let flights = SingleFlight::<&'static str>::default();
        let a = flights.run("a", || "a");
        let b = flights.run("b", || "b");
        assert_eq!((a.await, b.await), (Some("a"), Some("b")));
        assert_eq!(flights.run("a", || panic!("boom")).await, None);
        assert_eq!(flights.run("a", || "again").await, Some("again"));
    }
}
