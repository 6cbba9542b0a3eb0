//! One HTTP/1.1 GET over a blocking socket, within a deadline: no runtime, no dependency.

use std::io::{self, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::{Duration, Instant};

use super::target::Target;

/// The status line of an answer.
pub(super) struct Status {
    pub(super) code: u16,
    /// `200 OK`, without the version.
    pub(super) line: String,
}

/// GETs `target` and reads the status line, all within `timeout`.
pub(super) fn status(target: &Target, timeout: Duration) -> Result<Status, String> {
    let deadline = Instant::now() + timeout;
    let late = || format!("no answer within {}s", timeout.as_secs_f64());
    let left = || {
        deadline
            .checked_duration_since(Instant::now())
            .filter(|left| !left.is_zero())
    };
    let addrs = target
        .authority
        .to_socket_addrs()
        .map_err(|error| format!("cannot resolve {}: {error}", target.authority))?;
    let mut refused = None;
    let mut stream = None;
    for addr in addrs {
        let Some(left) = left() else { break };
        match TcpStream::connect_timeout(&addr, left) {
            Ok(connected) => {
                stream = Some(connected);
                break;
            }
            Err(error) => refused = Some(error),
        }
    }
    let mut stream = match (stream, refused) {
        (Some(stream), _) => stream,
        (None, Some(error)) if error.kind() != io::ErrorKind::TimedOut => {
            return Err(format!("cannot connect: {error}"))
        }
        (None, _) => return Err(late()),
    };
    let request = format!(
        "GET {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: healthcheck-probe\r\nAccept: */*\r\nConnection: close\r\n\r\n",
        target.path, target.host
    );
    let io_error = |error: io::Error| match error.kind() {
        io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut => late(),
        _ => format!("connection failed: {error}"),
    };
    stream.set_write_timeout(left()).map_err(io_error)?;
    stream.write_all(request.as_bytes()).map_err(io_error)?;
    let mut head = Vec::with_capacity(64);
    let mut buffer = [0_u8; 256];
    while !head.contains(&b'\n') {
        let Some(left) = left() else {
            return Err(late());
        };
        stream.set_read_timeout(Some(left)).map_err(io_error)?;
        match stream.read(&mut buffer).map_err(io_error)? {
            0 => break,
            read => head.extend_from_slice(&buffer[..read]),
        }
    }
    parse_status(&head)
}

/// `HTTP/1.x 200 OK\r\n…` → 200.
fn parse_status(head: &[u8]) -> Result<Status, String> {
    let first = head.split(|byte| *byte == b'\n').next().unwrap_or_default();
    let first = String::from_utf8_lossy(first);
    let first = first.trim_end();
    let line = first
        .strip_prefix("HTTP/1.")
        .and_then(|rest| rest.get(2..))
        .filter(|_| !first.is_empty());
    let code = line
        .and_then(|line| line.get(..3))
        .and_then(|code| code.parse().ok());
    match (line, code) {
        (Some(line), Some(code)) => Ok(Status {
            code,
            line: line.to_owned(),
        }),
        _ if head.is_empty() => Err("the connection closed without an answer".to_owned()),
        _ => Err(format!(
            "not an HTTP answer: `{}`",
            first.chars().take(80).collect::<String>()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_status;

    #[test]
    fn reads_the_status_line() {
        let status = parse_status(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n")
            .expect("a status");
        assert_eq!(
            (status.code, status.line.as_str()),
            (503, "503 Service Unavailable")
        );
        assert!(parse_status(b"").is_err());
        assert!(parse_status(b"SSH-2.0-OpenSSH\r\n").is_err());
    }
}
