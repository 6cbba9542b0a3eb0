//! [`mysql()`]: a connection of its own per run, `SELECT 1`, on MySQL and MariaDB.

use std::time::Instant;

use mysql_async::prelude::Queryable;
use mysql_async::{Conn, Opts, OptsBuilder};

use super::reason::reason;
use super::secrets::Secrets;
use super::{millis_since, Check};
use crate::outcome::Outcome;

/// A check that connects to MySQL or MariaDB and runs `SELECT 1`; see [`mysql()`].
#[derive(Clone)]
pub struct Mysql {
    opts: Result<Opts, String>,
    secrets: Secrets,
}

/// Connects to the MySQL or MariaDB server of `url` (`mysql://user:password@host:3306/db`)
/// on every run and passes when `SELECT 1` answers: `MariaDB 10.11.6 answered SELECT 1 in
/// 1.0 ms`, with the time to connect, log in and answer as the observed value in `ms`.
///
/// The check talks to the address of the URL: it does not switch to the server's Unix socket
/// as the client would by default on `localhost`, and sends one query after logging in. It
/// says goodbye (`COM_QUIT`) when the run ends; when the run misses its deadline its future
/// is dropped and the connection closed with it. The check's deadline is the only timeout.
/// Failures name the server and the reason, never the password (`MySQL at db:3306: … Access
/// denied for user 'app'@'10.0.0.7' (using password: YES)`); a URL that does not parse fails
/// every run.
///
/// Feature `mysql`, with [`mysql_async`](https://docs.rs/mysql_async) without TLS and
/// without its default features.
///
/// ```
/// use healthcheck::{checks, HealthCheck};
///
/// let health = HealthCheck::empty()
///     .add_check("mysql", checks::mysql("mysql://app:password@127.0.0.1:3306/app"));
/// ```
pub fn mysql(url: impl AsRef<str>) -> Mysql {
    let url = url.as_ref();
    let mut secrets = Secrets::of(url);
    let opts = Opts::from_url(url).map_err(|error| {
        format!(
            "invalid MySQL URL (not shown: it may hold a password): {}",
            secrets.mask(&error.to_string())
        )
    });
    let opts = opts.map(|opts| {
        secrets.add(opts.pass());
        // Set here so that logging in asks the server nothing more (the client would query
        // them, and the socket path to reconnect through, before the check's own query).
        OptsBuilder::from_opts(opts)
            .prefer_socket(false)
            .max_allowed_packet(Some(1 << 20))
            .wait_timeout(Some(60))
            .into()
    });
    Mysql { opts, secrets }
}

impl Check for Mysql {
    async fn run(&self) -> Outcome {
        let opts = match &self.opts {
            Ok(opts) => opts,
            Err(reason) => return Outcome::fail(reason.clone()),
        };
        let start = Instant::now();
        let answered = async {
            let mut connection = Conn::new(opts.clone()).await?;
            let answer = connection
                .query_first::<(u8, String), _>("SELECT 1, VERSION()")
                .await;
            let millis = millis_since(start);
            let _ = connection.disconnect().await;
            Ok::<_, mysql_async::Error>((answer?, millis))
        };
        match answered.await {
            Ok((Some((1, version)), millis)) => Outcome::pass(format!(
                "{} answered SELECT 1 in {millis:.1} ms",
                server_of(&version)
            ))
            .observed(millis, "ms"),
            Ok((_, millis)) => Outcome::fail(format!(
                "MySQL at {}: SELECT 1 did not answer 1",
                self.secrets.mask(&target(opts))
            ))
            .observed(millis, "ms"),
            Err(error) => Outcome::fail(format!(
                "MySQL at {}: {}",
                self.secrets.mask(&target(opts)),
                self.secrets.mask(&reason(&error))
            ))
            .observed(millis_since(start), "ms"),
        }
    }
}

/// `MariaDB 10.11.6` or `MySQL 8.0.36`, from `VERSION()`.
fn server_of(version: &str) -> String {
    // MariaDB before 11 may show itself to old clients as `5.5.5-10.6.12-MariaDB`.
    let version = version.strip_prefix("5.5.5-").unwrap_or(version);
    let number: String = version
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let name = if version.contains("MariaDB") {
        "MariaDB"
    } else {
        "MySQL"
    };
    if number.is_empty() {
        name.to_owned()
    } else {
        format!("{name} {number}")
    }
}

/// `host:port`, or the socket's path.
fn target(opts: &Opts) -> String {
    match opts.socket() {
        Some(socket) => socket.to_owned(),
        None => format!("{}:{}", opts.ip_or_hostname(), opts.tcp_port()),
    }
}

impl std::fmt::Debug for Mysql {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut debug = f.debug_struct("Mysql");
        match &self.opts {
            Ok(opts) => debug.field("target", &self.secrets.mask(&target(opts))),
            Err(reason) => debug.field("invalid", reason),
        };
        debug.finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_is_named_from_its_version() {
        assert_eq!(server_of("10.11.6-MariaDB-0+deb12u1"), "MariaDB 10.11.6");
        assert_eq!(server_of("8.0.36"), "MySQL 8.0.36");
        assert_eq!(server_of("5.5.5-10.6.12-MariaDB"), "MariaDB 10.6.12");
        assert_eq!(server_of("weird"), "MySQL");
    }

    #[test]
    fn an_invalid_url_fails_without_showing_it() {
        let check = mysql("mysql://app:hunter2@db:notaport/app");
        let reason = check.opts.as_ref().unwrap_err();
        assert!(reason.starts_with("invalid MySQL URL"), "{reason}");
        assert!(!reason.contains("hunter2"), "{reason}");
        let debug = format!("{:?}", mysql("mysql://app:hunter2@db:3307/app"));
        assert!(
            debug.contains("db:3307") && !debug.contains("hunter2"),
            "{debug}"
        );
    }
}
