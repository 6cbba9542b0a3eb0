//! A real axum server on 127.0.0.1, and a raw HTTP/1.1 exchange that shows header names as
//! they went over the wire.
#![allow(dead_code)] // each test binary uses its own part of the helpers

use std::net::SocketAddr;

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::service::TowerToHyperService;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// How the server writes header names.
#[derive(Clone, Copy, Debug)]
pub enum HeaderCase {
    /// `axum::serve`: hyper's default, lower case.
    Lower,
    /// hyper's HTTP/1 builder with `title_case_headers(true)`.
    Title,
}

pub struct AxumServer {
    pub addr: SocketAddr,
    task: JoinHandle<()>,
}

impl AxumServer {
    pub async fn start(router: Router, case: HeaderCase) -> AxumServer {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.expect("bind");
        let addr = listener.local_addr().expect("an address");
        let task = match case {
            HeaderCase::Lower => tokio::spawn(async move {
                axum::serve(listener, router).await.expect("serve");
            }),
            HeaderCase::Title => tokio::spawn(async move {
                loop {
                    let (stream, _) = listener.accept().await.expect("accept");
                    let service = TowerToHyperService::new(router.clone());
                    tokio::spawn(async move {
                        let _ = http1::Builder::new()
                            .title_case_headers(true)
                            .serve_connection(TokioIo::new(stream), service)
                            .await;
                    });
                }
            }),
        };
        AxumServer { addr, task }
    }
}

impl Drop for AxumServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// A response as it came over the wire.
#[derive(Debug)]
pub struct RawResponse {
    pub status: u16,
    /// In the order sent, names as written.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl RawResponse {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

/// `method target` over a new connection with `Connection: close`, read to its end.
pub async fn exchange(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
) -> RawResponse {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let mut request =
        format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if !matches!(method, "GET" | "HEAD") {
        request.push_str("Content-Length: 0\r\n");
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).await.expect("send");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.expect("read");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head");
    let head = std::str::from_utf8(&raw[..split]).expect("an ASCII head");
    let mut lines = head.split("\r\n");
    let status = lines.next().expect("a status line")[9..12]
        .parse()
        .expect("a status code");
    let headers = lines
        .map(|line| {
            let (name, value) = line.split_once(':').expect("name: value");
            (name.to_owned(), value.trim().to_owned())
        })
        .collect();
    RawResponse {
        status,
        headers,
        body: raw[split + 4..].to_vec(),
    }
}
