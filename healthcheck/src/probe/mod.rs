//! `app --probe [URL]`: the process probes a running copy of itself over HTTP and exits, for
//! Docker's `HEALTHCHECK` in images without `curl` (distroless, scratch).
//!
//! ```no_run
//! fn main() {
//!     healthcheck::probe::run_if_requested();
//!     serve(); // as usual
//! }
//! # fn serve() {}
//! ```
//!
//! ```dockerfile
//! HEALTHCHECK CMD ["/app", "--probe"]
//! ```

mod get;
mod target;

use std::ffi::OsString;
use std::process;
use std::time::Duration;

pub use target::DEFAULT_PORT;

/// How long a probe waits for the whole exchange, connection included.
pub const TIMEOUT: Duration = Duration::from_secs(5);

/// When the process was started as `app --probe [URL]` (`--probe` first), GETs `URL` and
/// exits: 0 on a 2xx answer, 1 on any other answer, on a connection error, or when no answer
/// came within [`TIMEOUT`] (5 s), after one line on stderr saying why. Otherwise it returns
/// at once, so that `main` goes on.
///
/// `URL` defaults to `http://127.0.0.1:$PORT/livez`, with `PORT` from the environment
/// ([`DEFAULT_PORT`], 8080, when unset). Only `http://` URLs are probed.
///
/// It uses a plain blocking socket and starts no runtime: call it first thing in `main`,
/// whether `main` is plain or runs under `#[actix_web::main]` or `#[tokio::main]`.
///
/// ```no_run
/// #[tokio::main]
/// async fn main() {
///     healthcheck::probe::run_if_requested();
///     // … serve
/// }
/// ```
pub fn run_if_requested() {
    let mut args = std::env::args_os().skip(1);
    if args.next().as_deref() != Some("--probe".as_ref()) {
        return;
    }
    let code = match exchange(args.next()) {
        Ok(line) => {
            eprintln!("{line}");
            0
        }
        Err(line) => {
            eprintln!("{line}");
            1
        }
    };
    process::exit(code);
}

/// The probe's verdict as the line it prints: `Ok` on a 2xx answer.
fn exchange(url: Option<OsString>) -> Result<String, String> {
    let url = match url {
        Some(url) => url
            .into_string()
            .map_err(|url| format!("probe failed: `{}` is not UTF-8", url.to_string_lossy()))?,
        None => target::default_url(std::env::var("PORT").ok().as_deref())
            .map_err(|error| format!("probe failed: {error}"))?,
    };
    let target = target::Target::parse(&url).map_err(|error| format!("probe failed: {error}"))?;
    match get::status(&target, TIMEOUT) {
        Ok(status) if (200..300).contains(&status.code) => {
            Ok(format!("probe passed: {url} answered {}", status.line))
        }
        Ok(status) => Err(format!("probe failed: {url} answered {}", status.line)),
        Err(error) => Err(format!("probe failed: {url}: {error}")),
    }
}
