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

#[cfg(feature = "http")]
impl reqwest::dns::Resolve for Lookup {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let lookup = self.clone();
        Box::pin(async move {
            let addresses = lookup.addresses(name.as_str(), 0).await?;
            Ok(Box::new(addresses.into_iter()) as reqwest::dns::Addrs)
        })
    }
}
