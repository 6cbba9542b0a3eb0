//! Host names looked up by the system resolver (`getaddrinfo`, through the standard library),
//! one call at a time per check and name (see [`SingleFlight`]).

use std::net::{SocketAddr, ToSocketAddrs};

use super::single_flight::SingleFlight;

/// Looks up names for one check; clones share its calls under way.
#[derive(Clone, Default)]
pub(crate) struct Lookup {
    flights: SingleFlight<Result<Vec<SocketAddr>, String>>,
}

impl Lookup {
    /// The addresses of `host`, each with `port`, in the resolver's order; or why there are
    /// none.
    pub(crate) async fn addresses(&self, host: &str, port: u16) -> Result<Vec<SocketAddr>, String> {
        let name = host.to_owned();
        let found = self
            .flights
            .run(host, move || {
                (name.as_str(), 0)
                    .to_socket_addrs()
                    .map(Iterator::collect::<Vec<_>>)
                    .map_err(|error| error.to_string())
            })
            .await
            .unwrap_or_else(|| Err("the look-up panicked".to_owned()))?;
        if found.is_empty() {
            return Err("no address".to_owned());
        }
        let mut addresses: Vec<SocketAddr> = Vec::with_capacity(found.len());
        for mut address in found {
            address.set_port(port);
            if !addresses.contains(&address) {
                addresses.push(address);
            }
        }
        Ok(addresses)
    }
}

/// A name that did not resolve, as reqwest's resolver reports it: found again among the
/// causes of the request's error, to say so.
#[cfg(feature = "http")]
#[derive(Debug)]
pub(crate) struct Unresolved {
    pub(crate) host: String,
    pub(crate) reason: String,
}

#[cfg(feature = "http")]
impl std::fmt::Display for Unresolved {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot resolve {}: {}", self.host, self.reason)
    }
}

#[cfg(feature = "http")]
impl std::error::Error for Unresolved {}

#[cfg(feature = "http")]
impl reqwest::dns::Resolve for Lookup {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let lookup = self.clone();
        Box::pin(async move {
            let host = name.as_str();
            match lookup.addresses(host, 0).await {
                Ok(addresses) => Ok(Box::new(addresses.into_iter()) as reqwest::dns::Addrs),
                Err(reason) => Err(Box::new(Unresolved {
                    host: host.to_owned(),
                    reason,
                }) as _),
            }
        })
    }
}
