//! A section as it is served: scrubbed, and already serialized. Sections whose facts do not
//! change (`rust`, `config`) are kept for the dump's life; the figures of `os` and `process`
//! are read again once older than [`REFRESH`], by one run in the background for all requests
//! together, which keep being served the last figures meanwhile; the rest are made per request.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::runner::{compute, lock, spawn};
use crate::scrub::Scrubber;
use crate::section::{Evaluation, Section};

/// How long the `os` and `process` figures are served before they are read again.
pub(crate) const REFRESH: Duration = Duration::from_secs(1);

/// One scrubbed section and its JSON.
#[derive(Debug)]
pub(crate) struct Piece {
    pub(crate) value: Value,
    pub(crate) json: String,
}

impl Piece {
    /// Scrubs and serializes the value of section `name`, off the caller's thread.
    pub(crate) async fn new(name: &str, value: Value, scrubber: &Arc<Scrubber>) -> Piece {
        let (name, scrubber) = (name.to_owned(), Arc::clone(scrubber));
        compute(move || {
            let value = scrubber.scrub_named(&name, &value);
            let json = value.to_string();
            Piece { value, json }
        })
        .await
    }
}

/// How long a kept section may be served.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Keep {
    /// Made per request.
    Never,
    /// Made once.
    Always,
    /// Made again once older than this.
    For(Duration),
}

/// A section and, when it may be kept, its last piece.
#[derive(Debug)]
pub(crate) struct Kept {
    pub(crate) section: Section,
    keep: Keep,
    last: Arc<Mutex<Last>>,
}

#[derive(Debug, Default)]
struct Last {
    piece: Option<(Instant, Arc<Piece>)>,
    /// A run that will replace `piece` is under way.
    refreshing: bool,
    /// Counts `forget`s, so that a run started before one does not keep its piece.
    generation: u64,
}

impl Kept {
    pub(crate) fn new(section: Section, keep: Keep) -> Self {
        Kept {
            section,
            keep,
            last: Arc::default(),
        }
    }

    /// The kept piece while it may be served, else the section's evaluation, started. A
    /// piece older than its `Keep::For` is still served, and one run in the background
    /// replaces it.
    pub(crate) fn begin(&self, deadline: Duration, scrubber: &Arc<Scrubber>) -> Pending<'_> {
        let mut last = lock(&self.last);
        let stale = match (&last.piece, self.keep) {
            (None, _) | (_, Keep::Never) => None,
            (Some((_, piece)), Keep::Always) => return Pending::Ready(Arc::clone(piece)),
            (Some((made, piece)), Keep::For(age)) => {
                if made.elapsed() < age || last.refreshing {
                    return Pending::Ready(Arc::clone(piece));
                }
                Some(Arc::clone(piece))
            }
        };
        let Some(stale) = stale else {
            drop(last);
            return Pending::Running(self, self.section.start(deadline));
        };
        last.refreshing = true;
        let generation = last.generation;
        drop(last);
        let (evaluation, name) = (self.section.start(deadline), self.section.name.clone());
        let (slot, scrubber) = (Arc::clone(&self.last), Arc::clone(scrubber));
        drop(spawn(async move {
            let value = evaluation.value().await;
            let piece = Arc::new(Piece::new(&name, value, &scrubber).await);
            let mut last = lock(&slot);
            if last.generation == generation {
                last.piece = Some((Instant::now(), piece));
                last.refreshing = false;
            }
        }));
        Pending::Ready(stale)
    }

    /// Forgets the kept piece: the owner's scrubber or sections changed.
    pub(crate) fn forget(&self) {
        let mut last = lock(&self.last);
        let generation = last.generation + 1;
        *last = Last {
            generation,
            ..Last::default()
        };
    }
}

/// A piece to serve, or the evaluation that will make it.
pub(crate) enum Pending<'a> {
    Ready(Arc<Piece>),
    Running(&'a Kept, Evaluation),
}

impl Pending<'_> {
    pub(crate) async fn piece(self, scrubber: &Arc<Scrubber>) -> Arc<Piece> {
        let (kept, evaluation) = match self {
            Pending::Ready(piece) => return piece,
            Pending::Running(kept, evaluation) => (kept, evaluation),
        };
        let value = evaluation.value().await;
        let piece = Arc::new(Piece::new(&kept.section.name, value, scrubber).await);
        if !matches!(kept.keep, Keep::Never) {
            lock(&kept.last).piece = Some((Instant::now(), Arc::clone(&piece)));
        }
        piece
    }
}

impl Clone for Kept {
    /// A copy keeps nothing: its owner may scrub differently.
    fn clone(&self) -> Self {
        Kept::new(self.section.clone(), self.keep)
    }
}
