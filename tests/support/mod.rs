//! A real actix-web server on 127.0.0.1, for black-box tests over HTTP.
#![allow(dead_code)] // each test binary uses its own part of the helpers

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use actix_web::dev::ServerHandle;
use actix_web::{App, HttpServer};
use healthcheck::HealthCheck;

pub mod axum_server;
pub mod probes;
pub mod servers;

pub struct TestServer {
    pub addr: SocketAddr,
    handle: ServerHandle,
}

impl TestServer {
    /// Serves `health` at `/healthcheck` on an ephemeral loopback port with two workers.
    pub fn start(health: HealthCheck) -> TestServer {
        TestServer::start_app(move || App::new().service(health.scope("/healthcheck")))
    }

    pub fn start_app<F, T>(app: F) -> TestServer
    where
        F: Fn() -> App<T> + Send + Clone + 'static,
        T: actix_web::dev::ServiceFactory<
                actix_web::dev::ServiceRequest,
                Config = (),
                Response = actix_web::dev::ServiceResponse,
                Error = actix_web::Error,
                InitError = (),
            > + 'static,
    {
        let server = HttpServer::new(app)
            .workers(2)
            .disable_signals()
            .bind(("127.0.0.1", 0))
            .expect("bind a loopback port");
        let addr = server.addrs()[0];
        let server = server.run();
        let handle = server.handle();
        actix_web::rt::spawn(server);
        TestServer { addr, handle }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub async fn stop(self) {
        self.handle.stop(true).await;
    }
}

/// A client that never reuses a pooled connection across tests.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .expect("build an HTTP client")
}

pub async fn get_json(url: &str) -> (u16, serde_json::Value) {
    let response = client().get(url).send().await.expect("request");
    let status = response.status().as_u16();
    let body = response.json().await.expect("a JSON body");
    (status, body)
}

/// The body of a GET to `url`, as text.
pub async fn get_text(url: &str) -> String {
    let response = client().get(url).send().await.expect("request");
    response.text().await.expect("a text body")
}

/// Blocks whoever waits on it until it is opened.
#[derive(Clone, Default)]
pub struct Gate(Arc<(std::sync::Mutex<bool>, std::sync::Condvar)>);

impl Gate {
    pub fn wait(&self) {
        let (open, changed) = &*self.0;
        let mut open = open.lock().unwrap();
        while !*open {
            open = changed.wait(open).unwrap();
        }
    }

    pub fn open(&self) {
        let (open, changed) = &*self.0;
        *open.lock().unwrap() = true;
        changed.notify_all();
    }
}

/// Counts calls; clones share the count.
#[derive(Clone, Default)]
pub struct Counter(Arc<AtomicUsize>);

impl Counter {
    pub fn bump(&self) -> usize {
        self.0.fetch_add(1, Ordering::SeqCst) + 1
    }

    pub fn get(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

/// The number of threads of this process, from /proc.
pub fn thread_count() -> usize {
    std::fs::read_dir("/proc/self/task").map_or(0, Iterator::count)
}

/// The number of sockets this process holds open (listeners and connections), from /proc.
pub fn socket_count() -> usize {
    std::fs::read_dir("/proc/self/fd").map_or(0, |fds| {
        fds.filter_map(Result::ok)
            .filter_map(|fd| std::fs::read_link(fd.path()).ok())
            .filter(|target| target.to_string_lossy().starts_with("socket:"))
            .count()
    })
}

/// Polls `done` every 50 ms for up to 5 s; whether it came true.
pub async fn eventually(done: impl Fn() -> bool) -> bool {
    for _ in 0..100 {
        if done() {
            return true;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    done()
}

/// GETs `url`, a one-check report, and asserts that it fails with "timed out after
/// {deadline_ms}ms", answered within the deadline and 2 s of slack.
pub async fn assert_times_out(url: &str, deadline_ms: u64) {
    let started = std::time::Instant::now();
    let (status, body) = get_json(url).await;
    let elapsed = started.elapsed();
    assert_eq!(status, 500, "{body}");
    let output = format!("timed out after {deadline_ms}ms");
    assert_eq!(body["results"][0]["output"], output.as_str());
    let slack = std::time::Duration::from_millis(deadline_ms + 2000);
    assert!(elapsed < slack, "answered after {elapsed:?}");
}

/// Everything `tracing` logs at DEBUG and above while `health` runs once, as text.
pub async fn logs_of(health: HealthCheck) -> String {
    let (captured, _guard) = capture_logs();
    // The library carries this subscriber to the threads it runs checks on.
    health.run().await;
    captured.text()
}

/// Everything `tracing` logs at DEBUG and above on this thread while `work` runs, as text.
pub fn logs_while(work: impl FnOnce()) -> String {
    let (captured, _guard) = capture_logs();
    work();
    captured.text()
}

fn capture_logs() -> (Captured, tracing::subscriber::DefaultGuard) {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    // A callsite first reached on another test's thread while this subscriber is being set
    // would keep the interest of a process without subscribers (none) and drop this test's
    // events; with a global subscriber interested in everything, no callsite is ever off.
    static EVERY_CALLSITE_ON: std::sync::Once = std::sync::Once::new();
    EVERY_CALLSITE_ON.call_once(|| {
        let _ = tracing::subscriber::set_global_default(tracing_subscriber::registry());
    });
    (captured, tracing::subscriber::set_default(subscriber))
}

#[derive(Clone, Default)]
struct Captured(Arc<std::sync::Mutex<Vec<u8>>>);

impl Captured {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
