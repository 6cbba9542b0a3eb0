//! [`tcp`]: a TCP connect.

use std::net::SocketAddr;
use std::time::Instant;

use tokio::net::TcpStream;

use super::input::{host_problem, shown};
use super::lookup::Lookup;
use super::{millis_since, Check};
use crate::outcome::Outcome;

/// A check that passes when a TCP connection to `addr` opens; made by [`tcp`].
#[derive(Clone)]
pub struct Tcp {
    target: Target,
    lookup: Lookup,
}

#[derive(Clone, Debug)]
enum Target {
    Address(SocketAddr),
    Host(String, u16),
}

/// A check that passes when a TCP connection to `addr` opens: `"127.0.0.1:6379"`,
/// `"[::1]:5432"` or `"db.internal:5432"` (a name is looked up by the system resolver, see
/// `checks::dns`, and its addresses are tried in turn). The connection is closed at once.
///
/// Output: `connected to 127.0.0.1:6379 in 0.4 ms`; `cannot connect to 127.0.0.1:6379:
/// Connection refused (os error 111)`. Observed value: the time taken, in `ms`. A peer that
/// never answers keeps the check waiting until its deadline (the check's `timeout`), when it
/// is dropped with the half-open connection.
///
/// ```
/// use healthcheck::{checks, HealthCheck};
///
/// let health = HealthCheck::empty()
///     .add_check("redis port", checks::tcp("127.0.0.1:6379"))
///     .add_check("db port", checks::tcp("db.internal:5432"));
/// ```
///
/// # Panics
///
/// If `addr` is not `host:port` with a port from 1 to 65535 and a host name or IP address
/// (IPv6 in brackets); the message names `addr`.
#[must_use]
#[track_caller]
pub fn tcp(addr: impl Into<String>) -> Tcp {
    let addr = addr.into();
    let target = match parse(&addr) {
        Ok(target) => target,
        Err(problem) => panic!("checks::tcp: {} is not host:port: {problem}", shown(&addr)),
    };
    Tcp {
        target,
        lookup: Lookup::default(),
    }
}

fn parse(addr: &str) -> Result<Target, &'static str> {
    if let Ok(address) = addr.parse::<SocketAddr>() {
        return if address.port() == 0 {
            Err("port 0 cannot be connected to")
        } else {
            Ok(Target::Address(address))
        };
    }
    let Some((host, port)) = addr.rsplit_once(':') else {
        return Err("the port is missing");
    };
    let port = match port.parse::<u16>() {
        Ok(0) => return Err("port 0 cannot be connected to"),
        Ok(port) => port,
        Err(_) => return Err("the port is not a number from 1 to 65535"),
    };
    match host_problem(host) {
        Some(problem) => Err(problem),
        None => Ok(Target::Host(host.to_owned(), port)),
    }
}

impl Tcp {
    /// `host:port` as given.
    fn shown(&self) -> String {
        match &self.target {
            Target::Address(address) => address.to_string(),
            Target::Host(host, port) => format!("{host}:{port}"),
        }
    }
}

impl std::fmt::Debug for Tcp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Tcp").field(&self.shown()).finish()
    }
}

impl Check for Tcp {
    async fn run(&self) -> Outcome {
        let start = Instant::now();
        let shown = self.shown();
        let addresses = match &self.target {
            Target::Address(address) => vec![*address],
            Target::Host(host, port) => match self.lookup.addresses(host, *port).await {
                Ok(addresses) => addresses,
                Err(error) => {
                    return Outcome::fail(format!("cannot resolve {host}: {error}"))
                        .observed(millis_since(start), "ms")
                }
            },
        };
        let mut last_error = None;
        for address in &addresses {
            match TcpStream::connect(address).await {
                Ok(stream) => {
                    drop(stream);
                    let millis = millis_since(start);
                    let via = match self.target {
                        Target::Address(_) => String::new(),
                        Target::Host(..) => format!(" ({address})"),
                    };
                    return Outcome::pass(format!("connected to {shown}{via} in {millis:.1} ms"))
                        .observed(millis, "ms");
                }
                Err(error) => last_error = Some(error),
            }
        }
        let error = last_error.map_or_else(|| "no address".to_owned(), |e| e.to_string());
        let tried = match addresses.len() {
            1 => String::new(),
            n => format!(" (tried {n} addresses)"),
        };
        Outcome::fail(format!("cannot connect to {shown}: {error}{tried}"))
            .observed(millis_since(start), "ms")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_parse() {
        assert!(matches!(parse("127.0.0.1:6379"), Ok(Target::Address(_))));
        assert!(matches!(parse("[::1]:5432"), Ok(Target::Address(_))));
        assert!(
            matches!(parse("db.internal:5432"), Ok(Target::Host(h, 5432)) if h == "db.internal")
        );
        for bad in [
            "",
            "db",
            "db:",
            ":80",
            "db:0",
            "db:65536",
            "db:http",
            "::1:80",
            "a b:1",
            "user:pw@db:1",
            "127.0.0.1:0",
        ] {
            assert!(parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    #[should_panic(expected = "checks::tcp: \"db\" is not host:port: the port is missing")]
    fn a_bad_address_panics_naming_it() {
        let _ = tcp("db");
    }
}
