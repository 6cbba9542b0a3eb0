//! [`dns`]: a look-up by the system resolver.

use std::net::IpAddr;
use std::time::Instant;

use super::input::{host_problem, shown};
use super::lookup::Lookup;
use super::{millis_since, Check};
use crate::outcome::Outcome;

/// How many addresses an output lists before `…`.
const LISTED: usize = 4;

/// A check that passes when a host name resolves; made by [`dns`].
#[derive(Clone)]
pub struct Dns {
    name: String,
    lookup: Lookup,
}

/// A check that passes when `name` resolves to at least one address.
///
/// The look-up is the system resolver's (`getaddrinfo`, as the standard library and Tokio
/// call it: `/etc/hosts`, `/etc/resolv.conf`, NSS), so it answers what the service's own
/// connections would get. That call blocks and cannot be stopped: it runs on the blocking
/// pool, and when it outlives the check's deadline (a resolver that does not answer) the next
/// runs wait for it instead of starting another, so a hung resolver holds one thread.
///
/// Output: `localhost resolved to 2 addresses: 127.0.0.1, ::1`; `cannot resolve
/// db.invalid: failed to lookup address information: Name or service not known`. Observed
/// value: the time taken, in `ms`.
///
/// ```
/// use healthcheck::{checks, HealthCheck};
///
/// let health = HealthCheck::empty().add_check("dns", checks::dns("db.internal"));
/// ```
///
/// # Panics
///
/// If `name` is not a host name (letters, digits, `-`, `_` in dot-separated labels, at most
/// 253 bytes); the message names it.
#[must_use]
#[track_caller]
pub fn dns(name: impl Into<String>) -> Dns {
    let name = name.into();
    if let Some(problem) = host_problem(&name) {
        panic!(
            "checks::dns: {} is not a host name: {problem}",
            shown(&name)
        );
    }
    Dns {
        name,
        lookup: Lookup::default(),
    }
}

impl std::fmt::Debug for Dns {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Dns").field(&self.name).finish()
    }
}

impl Check for Dns {
    async fn run(&self) -> Outcome {
        let start = Instant::now();
        let name = &self.name;
        let outcome = match self.lookup.addresses(name, 0).await {
            Ok(addresses) => {
                let mut ips: Vec<IpAddr> = Vec::new();
                for address in addresses {
                    if !ips.contains(&address.ip()) {
                        ips.push(address.ip());
                    }
                }
                Outcome::pass(format!("{name} resolved to {}", listed(&ips)))
            }
            Err(error) => Outcome::fail(format!("cannot resolve {name}: {error}")),
        };
        outcome.observed(millis_since(start), "ms")
    }
}

/// `2 addresses: 127.0.0.1, ::1`, at most [`LISTED`] of them shown.
fn listed(ips: &[IpAddr]) -> String {
    let count = match ips.len() {
        1 => "1 address".to_owned(),
        n => format!("{n} addresses"),
    };
    let mut shown: Vec<String> = ips.iter().take(LISTED).map(ToString::to_string).collect();
    if ips.len() > LISTED {
        shown.push("…".to_owned());
    }
    format!("{count}: {}", shown.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_listed_up_to_four() {
        let ip = |n: u8| IpAddr::from([10, 0, 0, n]);
        assert_eq!(listed(&[ip(1)]), "1 address: 10.0.0.1");
        assert_eq!(
            listed(&(1..=5).map(ip).collect::<Vec<_>>()),
            "5 addresses: 10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.0.4, …"
        );
    }

    #[test]
    #[should_panic(expected = "checks::dns: \"db internal\" is not a host name")]
    fn a_bad_name_panics_naming_it() {
        let _ = dns("db internal");
    }
}
