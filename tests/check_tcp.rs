//! `checks::tcp` against real listeners on loopback: open, closed, and one that never answers.

mod support;

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::time::Duration;

use healthcheck::checks::{self, Check};
use healthcheck::{CheckOptions, HealthCheck, Status};
use support::{assert_times_out, eventually, socket_count, thread_count, TestServer};

#[tokio::test]
async fn an_open_port_passes_with_its_latency() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();

    let outcome = checks::tcp(addr.to_string()).run().await;

    assert_eq!(outcome.status(), Status::Pass, "{outcome:?}");
    let output = outcome.output();
    let prefix = format!("connected to {addr} in ");
    assert!(
        output.starts_with(&prefix) && output.ends_with(" ms"),
        "{output}"
    );
    let observed = outcome.observation().expect("a latency");
    assert_eq!(observed.unit, "ms");
    assert!(
        observed.value.as_f64().is_some_and(|ms| ms >= 0.0),
        "{observed:?}"
    );
    // The connection reached the listener, and the check closed it.
    listener.set_nonblocking(true).unwrap();
    let (mut accepted, _) = listener.accept().expect("one connection arrived");
    accepted.set_nonblocking(false).unwrap();
    let read = std::io::Read::read(&mut accepted, &mut [0; 8]).unwrap();
    assert_eq!(read, 0, "the check closed its connection");
}

#[tokio::test]
async fn a_host_name_is_looked_up_and_its_address_shown() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();

    let outcome = checks::tcp(format!("localhost:{port}")).run().await;

    assert_eq!(outcome.status(), Status::Pass, "{outcome:?}");
    let prefix = format!("connected to localhost:{port} (127.0.0.1:{port}) in ");
    assert!(outcome.output().starts_with(&prefix), "{outcome:?}");
}

#[tokio::test]
async fn a_closed_port_fails_with_the_reason() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };

    let outcome = checks::tcp(format!("127.0.0.1:{port}")).run().await;

    assert_eq!(outcome.status(), Status::Fail);
    assert_eq!(
        outcome.output(),
        format!("cannot connect to 127.0.0.1:{port}: Connection refused (os error 111)")
    );
    assert_eq!(outcome.observation().unwrap().unit, "ms");
}

#[tokio::test]
async fn an_unknown_host_fails_naming_it() {
    let outcome = checks::tcp("nothing-here.invalid:80").run().await;
    assert_eq!(outcome.status(), Status::Fail);
    assert!(
        outcome
            .output()
            .starts_with("cannot resolve nothing-here.invalid: "),
        "{outcome:?}"
    );
}

#[test]
#[should_panic(expected = "checks::tcp: \"redis.internal\" is not host:port: the port is missing")]
fn an_address_without_a_port_panics_naming_it() {
    let _ = checks::tcp("redis.internal");
}

/// A loopback listener whose accept queue is full, so that a further connect gets no answer,
/// and the connections that fill it.
fn full_listener() -> (tokio::net::TcpListener, Vec<TcpStream>, SocketAddr) {
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(1).unwrap();
    let addr = listener.local_addr().unwrap();
    let mut filling = Vec::new();
    for _ in 0..16 {
        match TcpStream::connect_timeout(&addr, Duration::from_millis(300)) {
            Ok(stream) => filling.push(stream),
            Err(error) if error.kind() == std::io::ErrorKind::TimedOut => {
                return (listener, filling, addr)
            }
            Err(error) => panic!("connect to the full listener: {error}"),
        }
    }
    panic!("the accept queue never filled");
}

#[actix_web::test]
async fn a_port_that_never_answers_fails_at_the_deadline_and_leaks_nothing() {
    let (_listener, _filling, addr) = full_listener();
    let deadline = CheckOptions::new().timeout(Duration::from_millis(300));
    let health = HealthCheck::empty().no_cache().add_check_with(
        "hung",
        deadline,
        checks::tcp(addr.to_string()),
    );
    let server = TestServer::start(health);
    let url = server.url("/healthcheck/hung");

    assert_times_out(&url, 300).await;
    let sockets = socket_count();
    let threads = thread_count();
    for _ in 0..20 {
        assert_times_out(&url, 300).await;
    }

    assert!(
        eventually(|| socket_count() <= sockets).await,
        "{} sockets open after 20 probes, {sockets} after the first",
        socket_count()
    );
    let grown = thread_count().saturating_sub(threads);
    assert!(grown <= 2, "threads grew by {grown} over 20 probes");
    server.stop().await;
}
