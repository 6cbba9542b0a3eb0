//! A section as it is served: scrubbed, and already serialized. Sections whose facts do not
//! change (`rust`, `config`) are kept for the dump's life, the figures of `os` and `process`
//! for at most [`REFRESH`] for all requests together; the rest are made per request.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::runner::{compute, lock};
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
    last: Mutex<Option<(Instant, Arc<Piece>)>>,
}

impl Kept {
    pub(crate) fn new(section: Section, keep: Keep) -> Self {
        Kept {
            section,
            keep,
            last: Mutex::default(),
        }
    }

    /// The kept piece while it may be served, else the section's evaluation, started.
    pub(crate) fn begin(&self, deadline: Duration) -> Pending<'_> {
        match self.fresh() {
            Some(piece) => Pending::Ready(piece),
            None => Pending::Running(self, self.section.start(deadline)),
        }
    }

    /// Forgets the kept piece: the owner's scrubber or sections changed.
    pub(crate) fn forget(&self) {
        *lock(&self.last) = None;
    }

    fn fresh(&self) -> Option<Arc<Piece>> {
        let last = lock(&self.last);
        let (made, piece) = last.as_ref()?;
        let fresh = match self.keep {
            Keep::Never => false,
            Keep::Always => true,
            Keep::For(age) => made.elapsed() < age,
        };
        fresh.then(|| Arc::clone(piece))
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
            *lock(&kept.last) = Some((Instant::now(), Arc::clone(&piece)));
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
