//! What `#[health_check]` and `#[env_section]` submit to `inventory`: the contract with the
//! generated code, re-exported by `__private` only. The field names and the variants are
//! spelled out by `healthcheck-macros`; change them together.
//!
//! ```
//! use healthcheck::__private::{
//!     CheckFn, CheckRegistration, SectionFn, SectionFuture, SectionRegistration,
//! };
//! ```
//!
//! None of them is reachable from `registry`:
//!
//! ```compile_fail,E0432
//! use healthcheck::registry::CheckRegistration;
//! ```
//! ```compile_fail,E0432
//! use healthcheck::registry::CheckFn;
//! ```
//! ```compile_fail,E0432
//! use healthcheck::registry::SectionRegistration;
//! ```
//! ```compile_fail,E0432
//! use healthcheck::registry::SectionFn;
//! ```
//! ```compile_fail,E0432
//! use healthcheck::registry::SectionFuture;
//! ```

use std::sync::Arc;
use std::time::Duration;

use super::Location;
use crate::body::{Body, UserFuture};
use crate::component::Component;
use crate::outcome::Outcome;
use crate::section::SectionResult;

/// Not public API. Used by generated code.
///
/// The function a registration calls, sync or async, returning `T`.
#[doc(hidden)]
#[derive(Debug)]
pub enum RegisteredFn<T: 'static> {
    Blocking(fn() -> T),
    Async(fn() -> UserFuture<T>),
}

impl<T> Clone for RegisteredFn<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for RegisteredFn<T> {}

impl<T> RegisteredFn<T> {
    /// The function as the executor runs it.
    pub(crate) fn job(self) -> Body<T> {
        match self {
            RegisteredFn::Blocking(run) => Body::Blocking(Arc::new(run)),
            RegisteredFn::Async(run) => Body::Async(Arc::new(run)),
        }
    }
}

/// Not public API. Used by generated code.
#[doc(hidden)]
#[derive(Debug)]
pub struct CheckRegistration {
    pub name: &'static str,
    pub tags: &'static [&'static str],
    pub timeout: Option<Duration>,
    pub critical: bool,
    pub success_ttl: Option<Duration>,
    pub failed_ttl: Option<Duration>,
    pub component: ComponentRegistration,
    pub module_path: &'static str,
    pub location: Location,
    pub run: CheckFn,
}

/// Not public API. Used by generated code: the IETF fields of `#[health_check]`.
#[doc(hidden)]
#[derive(Debug)]
pub struct ComponentRegistration {
    pub name: Option<&'static str>,
    pub measurement: Option<&'static str>,
    pub id: Option<&'static str>,
    pub kind: Option<&'static str>,
    pub affected_endpoints: &'static [&'static str],
}

impl ComponentRegistration {
    pub(crate) fn component(&self) -> Component {
        let owned = |value: Option<&str>| value.map(str::to_owned);
        Component {
            name: owned(self.name),
            measurement: owned(self.measurement),
            id: owned(self.id),
            kind: owned(self.kind),
            affected_endpoints: self
                .affected_endpoints
                .iter()
                .map(|&uri| uri.to_owned())
                .collect(),
            links: Vec::new(),
        }
    }
}

/// Not public API. Used by generated code.
#[doc(hidden)]
pub type CheckFn = RegisteredFn<Outcome>;

inventory::collect!(CheckRegistration);

/// Not public API. Used by generated code.
#[doc(hidden)]
#[derive(Debug)]
pub struct SectionRegistration {
    pub name: &'static str,
    pub module_path: &'static str,
    pub location: Location,
    pub run: SectionFn,
}

/// Not public API. Used by generated code.
#[doc(hidden)]
pub type SectionFn = RegisteredFn<SectionResult>;

/// Not public API. Used by generated code: a section's value, or the error shown in its place.
#[doc(hidden)]
pub type SectionFuture = UserFuture<SectionResult>;

inventory::collect!(SectionRegistration);
