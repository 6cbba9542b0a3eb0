//! `app --probe [URL]` (healthcheck::probe::run_if_requested) in real processes: a plain
//! `main`, one under `#[actix_web::main]` and one under `#[tokio::main]` (tests/bin/probe_*.rs)
//! probe live servers, a failing `/readyz`, a refused port and a silent server, and without
//! `--probe` go on to serve.

use std::io::{BufRead, BufReader, Read};
use std::net::{SocketAddr, TcpListener};
use std::process::{Child, Command, Output, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use healthcheck::probe::TIMEOUT;

const ACTIX: &str = env!("CARGO_BIN_EXE_probe-actix");
const TOKIO: &str = env!("CARGO_BIN_EXE_probe-tokio");
const PLAIN: &str = env!("CARGO_BIN_EXE_probe-plain");
const APPS: [&str; 3] = [ACTIX, TOKIO, PLAIN];

/// A server binary started without `--probe`: it went on past `run_if_requested`.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    fn start(app: &str) -> Server {
        let mut child = Command::new(app)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the server");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("stdout");
        BufReader::new(stdout).read_line(&mut line).expect("read");
        let addr = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("{app} printed {line:?}"))
            .parse()
            .expect("an address");
        Server { child, addr }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `app --probe [url]`; the exit code and the one line it printed on stderr.
fn probe(app: &str, url: Option<&str>, port: Option<u16>) -> (i32, String) {
    let mut command = Command::new(app);
    command.arg("--probe").args(url).env_remove("PORT");
    if let Some(port) = port {
        command.env("PORT", port.to_string());
    }
    let Output {
        status,
        stdout,
        stderr,
    } = command.output().expect("run the probe");
    assert!(
        stdout.is_empty(),
        "{app} went on: {}",
        String::from_utf8_lossy(&stdout)
    );
    let stderr = String::from_utf8(stderr).expect("UTF-8");
    assert_eq!(stderr.lines().count(), 1, "{app}: {stderr}");
    (
        status.code().expect("an exit code"),
        stderr.trim().to_owned(),
    )
}

#[test]
fn exits_0_on_2xx_and_1_on_a_failing_answer() {
    for server in [Server::start(ACTIX), Server::start(TOKIO)] {
        for app in APPS {
            let (code, line) = probe(app, Some(&server.url("/livez")), None);
            assert_eq!(code, 0, "{app}: {line}");
            assert!(line.ends_with("/livez answered 200 OK"), "{line}");
            let (code, line) = probe(app, Some(&server.url("/readyz?verbose")), None);
            assert_eq!(code, 1, "{app}: {line}");
            assert!(
                line.ends_with("/readyz?verbose answered 500 Internal Server Error"),
                "{line}"
            );
            let (code, line) = probe(app, Some(&server.url("/healthcheck/nope")), None);
            assert_eq!((code, line.ends_with("404 Not Found")), (1, true), "{line}");
        }
    }
}

#[test]
fn the_default_url_is_the_live_probe_on_port() {
    let server = Server::start(ACTIX);
    for app in APPS {
        let (code, line) = probe(app, None, Some(server.addr.port()));
        assert_eq!(code, 0, "{app}: {line}");
        let url = format!("http://127.0.0.1:{}/livez", server.addr.port());
        assert_eq!(line, format!("probe passed: {url} answered 200 OK"));
        let (code, line) = probe(app, None, Some(0));
        assert_eq!(code, 1, "{line}");
    }
    let (code, line) = probe(PLAIN, None, None);
    assert!(line.contains("http://127.0.0.1:8080/livez"), "{line}");
    assert_eq!(code == 0, line.starts_with("probe passed"), "{line}");
}

#[test]
fn a_refused_port_or_a_bad_url_exits_1() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        listener.local_addr().expect("an address").port()
    };
    for app in APPS {
        let url = format!("http://127.0.0.1:{port}/livez");
        let (code, line) = probe(app, Some(&url), None);
        assert_eq!(code, 1);
        assert!(line.contains("cannot connect"), "{line}");
        let (code, line) = probe(app, Some("https://127.0.0.1/livez"), None);
        assert_eq!(
            (code, line.contains("not an http:// URL")),
            (1, true),
            "{line}"
        );
    }
}

#[test]
fn a_silent_server_exits_1_within_the_timeout() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!(
        "http://{}/livez",
        listener.local_addr().expect("an address")
    );
    // Accepts every connection and holds it, reading the request, answering nothing.
    let held = thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().take(APPS.len()) {
            let mut stream = stream.expect("accept");
            let mut request = [0_u8; 512];
            let _ = stream.read(&mut request);
            held.push(stream);
        }
        held
    });
    let probes: Vec<_> = APPS
        .iter()
        .map(|app| {
            let url = url.clone();
            thread::spawn(move || {
                let started = Instant::now();
                let (code, line) = probe(app, Some(&url), None);
                (code, line, started.elapsed())
            })
        })
        .collect();
    for probe in probes {
        let (code, line, took) = probe.join().expect("a probe");
        assert_eq!(code, 1, "{line}");
        assert!(line.ends_with("no answer within 5s"), "{line}");
        assert!(
            took >= TIMEOUT && took < TIMEOUT + Duration::from_secs(3),
            "{took:?}"
        );
    }
    assert_eq!(held.join().expect("held").len(), APPS.len());
}

#[test]
fn without_probe_main_goes_on() {
    for app in [ACTIX, TOKIO] {
        let server = Server::start(app);
        let (code, _) = probe(PLAIN, Some(&server.url("/livez")), None);
        assert_eq!(code, 0, "{app} serves");
    }
    let output = Command::new(PLAIN).output().expect("run");
    assert!(output.status.success());
    assert_eq!(output.stdout, b"no probe requested: main goes on\n");
    let other = Command::new(PLAIN)
        .args(["--port", "--probe"])
        .output()
        .expect("run");
    assert_eq!(other.stdout, b"no probe requested: main goes on\n");
}
