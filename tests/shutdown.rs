//! The drain on shutdown, with real signals sent to a real server process
//! (tests/bin/drain_server.rs): `/readyz` fails at once while every route keeps being served,
//! then the server stops; a second signal stops it without waiting for the drain.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use support::client;

const READY_WHILE_DRAINING: &str =
    "[+]ping ok\n[+]event-loop ok\n[+]database ok\n[-]shutdown failed: reason withheld\nreadyz check failed\n";

struct Server {
    child: Child,
    addr: String,
}

impl Server {
    fn start(drain: Duration) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_drain-server"))
            .env("DRAIN_MS", drain.as_millis().to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the drain server");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).expect("read");
        let addr = line
            .trim()
            .strip_prefix("listening on ")
            .expect("the address")
            .to_owned();
        Server { child, addr }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name}");
    }

    /// Waits up to `limit` for the process to exit, and says whether it did, successfully.
    fn exited_within(&mut self, limit: Duration) -> Option<bool> {
        let started = Instant::now();
        while started.elapsed() < limit {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return Some(status.success());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn get(url: &str) -> (u16, String) {
    let response = client().get(url).send().await.expect("answered");
    let status = response.status().as_u16();
    (status, response.text().await.expect("a body"))
}

/// Polls `/readyz` until it fails: the signal is handled on the server's own time.
async fn readyz_once_failing(server: &Server) -> (u16, String) {
    for _ in 0..250 {
        let answer = get(&server.url("/readyz?verbose")).await;
        if answer.0 != 200 {
            return answer;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("/readyz kept passing after the signal");
}

#[tokio::test]
async fn sigterm_fails_readyz_at_once_serves_everything_during_the_drain_then_stops() {
    let drain = Duration::from_secs(3);
    let mut server = Server::start(drain);
    assert_eq!(get(&server.url("/readyz")).await, (200, "ok".to_owned()));

    server.signal("TERM");
    let signalled = Instant::now();
    assert_eq!(
        readyz_once_failing(&server).await,
        (500, READY_WHILE_DRAINING.to_owned())
    );
    // Everything else is served as before while the orchestrator takes the pod out.
    assert_eq!(get(&server.url("/livez")).await, (200, "ok".to_owned()));
    assert_eq!(
        get(&server.url("/readyz/shutdown")).await,
        (
            500,
            "internal server error: shutting down: draining before the server stops\n".to_owned()
        )
    );
    assert_eq!(
        get(&server.url("/readyz/database")).await,
        (200, "ok".to_owned())
    );
    let (status, _) = get(&server.url("/healthcheck")).await;
    assert_eq!(status, 200, "the other routes keep answering");
    let (status, body) = get(&server.url("/slow")).await;
    assert_eq!((status, body.as_str()), (200, "slow answer"));
    assert!(
        signalled.elapsed() < drain,
        "all of it within the drain, or the test proves nothing"
    );

    assert_eq!(
        server.exited_within(drain + Duration::from_secs(10)),
        Some(true),
        "stops by itself after the drain, cleanly"
    );
    assert!(
        signalled.elapsed() >= drain,
        "not before the drain is over: {:?}",
        signalled.elapsed()
    );
}

#[tokio::test]
async fn sigint_drains_too_and_a_second_signal_stops_at_once() {
    let drain = Duration::from_secs(120);
    let mut server = Server::start(drain);
    server.signal("INT");
    assert_eq!(
        readyz_once_failing(&server).await,
        (500, READY_WHILE_DRAINING.to_owned())
    );
    assert_eq!(get(&server.url("/livez")).await, (200, "ok".to_owned()));

    server.signal("TERM");
    assert_eq!(
        server.exited_within(Duration::from_secs(10)),
        Some(true),
        "the second signal ends the 120 s drain"
    );
}
