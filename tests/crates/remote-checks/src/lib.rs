//! Checks declared in a crate of their own, collected once this crate is linked.

use healthcheck::health_check;

/// Registered as `remote_ping`.
#[health_check(tags("remote"))]
#[must_use]
pub fn remote_ping() -> (bool, &'static str) {
    (true, "pong from another crate")
}
