//! `checks::http` against real servers on loopback: statuses, redirects, ranges, secrets in
//! the URL, a refused port, a peer that hangs up and one that never answers.

mod support;

use std::net::TcpListener;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use actix_web::{web, App, HttpRequest, HttpResponse};
use healthcheck::checks::{self, Check};
use healthcheck::{CheckOptions, HealthCheck, Status};
use support::{
    assert_times_out, eventually, get_text, logs_of, socket_count, thread_count, TestServer,
};
use tokio::io::AsyncReadExt;

const PASSWORD: &str = "Pw-7f3q9x";
const TOKEN: &str = "tk-91bd77ce";

/// The dependency: a small actix-web app with the answers the tests need.
fn dependency() -> TestServer {
    TestServer::start_app(|| {
        App::new()
            .route("/ok", web::get().to(HttpResponse::Ok))
            .route("/created", web::get().to(HttpResponse::Created))
            .route(
                "/unavailable",
                web::get().to(HttpResponse::ServiceUnavailable),
            )
            .route("/moved", web::get().to(|| redirect("/ok")))
            .route("/loop", web::get().to(|| redirect("/loop")))
            .route("/auth", web::get().to(authenticated))
    })
}

async fn redirect(to: &'static str) -> HttpResponse {
    HttpResponse::Found()
        .insert_header(("location", to))
        .finish()
}

/// 200 when the request carries the user and password of the URL as basic authentication and
/// the token in its query.
async fn authenticated(request: HttpRequest) -> HttpResponse {
    // base64("user:Pw-7f3q9x")
    let basic = "Basic dXNlcjpQdy03ZjNxOXg=";
    let authorized = request
        .headers()
        .get("authorization")
        .is_some_and(|value| value == basic);
    if authorized && request.query_string() == format!("token={TOKEN}") {
        HttpResponse::Ok().finish()
    } else {
        HttpResponse::Unauthorized().finish()
    }
}

#[actix_web::test]
async fn a_2xx_passes_and_other_statuses_fail_naming_the_range() {
    let server = dependency();
    let url = |path: &str| server.url(path);

    let ok = checks::http(url("/ok")).run().await;
    assert_eq!(ok.status(), Status::Pass, "{ok:?}");
    assert_eq!(ok.output(), format!("GET {} answered 200 OK", url("/ok")));
    assert_eq!(ok.observation().unwrap().unit, "ms");

    let created = checks::http(url("/created")).run().await;
    assert_eq!(created.status(), Status::Pass, "{created:?}");

    let unavailable = checks::http(url("/unavailable")).run().await;
    assert_eq!(unavailable.status(), Status::Fail);
    assert_eq!(
        unavailable.output(),
        format!(
            "GET {} answered 503 Service Unavailable, expected 200 to 299",
            url("/unavailable")
        )
    );
    server.stop().await;
}

#[actix_web::test]
async fn the_expected_range_is_configurable() {
    let server = dependency();
    let check = |path: &str| checks::http(server.url(path));

    let maintenance = check("/unavailable").expect_status(500..=503).run().await;
    assert_eq!(maintenance.status(), Status::Pass, "{maintenance:?}");

    let exactly_200 = check("/created").expect_status(200..=200).run().await;
    assert_eq!(exactly_200.status(), Status::Fail);
    assert!(
        exactly_200
            .output()
            .ends_with("answered 201 Created, expected 200"),
        "{exactly_200:?}"
    );

    let below_400 = check("/moved").expect_status(200..400).run().await;
    assert_eq!(below_400.status(), Status::Pass, "{below_400:?}");
    assert!(below_400.output().ends_with("answered 302 Found"));
    server.stop().await;
}

#[actix_web::test]
async fn redirects_are_followed_only_when_asked() {
    let server = dependency();
    let moved = server.url("/moved");

    let not_followed = checks::http(&moved).run().await;
    assert_eq!(not_followed.status(), Status::Fail);
    assert_eq!(
        not_followed.output(),
        format!("GET {moved} answered 302 Found, expected 200 to 299 (redirects are not followed)")
    );

    let followed = checks::http(&moved).follow_redirects(2).run().await;
    assert_eq!(followed.status(), Status::Pass, "{followed:?}");
    assert_eq!(followed.output(), format!("GET {moved} answered 200 OK"));

    let endless = checks::http(server.url("/loop"))
        .follow_redirects(3)
        .run()
        .await;
    assert_eq!(endless.status(), Status::Fail);
    assert_eq!(
        endless.output(),
        format!(
            "GET {} failed: cannot follow a redirect: too many redirects",
            server.url("/loop")
        )
    );
    server.stop().await;
}

/// The URL with a user, password and token planted, for `path` of `server`.
fn secret_url(server: &TestServer, path: &str) -> String {
    format!("http://user:{PASSWORD}@{}{path}?token={TOKEN}", server.addr)
}

fn assert_no_secret(text: &str) {
    assert!(
        !text.contains(PASSWORD) && !text.contains(TOKEN),
        "a secret leaked: {text}"
    );
}

#[actix_web::test]
async fn credentials_in_the_url_are_sent_but_never_shown() {
    let server = dependency();

    // Sent: the dependency answers 200 only with both.
    let authorized = checks::http(secret_url(&server, "/auth")).run().await;
    assert_eq!(authorized.status(), Status::Pass, "{authorized:?}");
    assert_eq!(
        authorized.output(),
        format!("GET http://{}/auth?… answered 200 OK", server.addr)
    );

    // Never shown by the check itself, before any scrubbing: passing, failing, unreachable.
    let refused = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        format!("http://user:{PASSWORD}@127.0.0.1:{port}/?token={TOKEN}")
    };
    let unreachable = checks::http(&refused).run().await;
    assert_eq!(unreachable.status(), Status::Fail);
    let unavailable = checks::http(secret_url(&server, "/unavailable"))
        .run()
        .await;
    assert_eq!(unavailable.status(), Status::Fail);
    for outcome in [&authorized, &unreachable, &unavailable] {
        assert_no_secret(outcome.output());
    }
    assert_no_secret(&format!("{:?}", checks::http(&refused)));

    // Nor served or logged, in any format.
    let health = || {
        HealthCheck::empty()
            .add_check("api", checks::http(secret_url(&server, "/unavailable")))
            .add_check("down", checks::http(&refused))
    };
    assert_no_secret(&logs_of(health()).await);
    let served = TestServer::start(health());
    for format in ["json", "ietf", "text"] {
        let body = get_text(&served.url(&format!("/healthcheck?format={format}&verbose"))).await;
        // JSON escapes non-ASCII as Python's json.dumps does.
        let shown = body.contains("/unavailable?…") || body.contains(r"/unavailable?\u2026");
        assert!(shown || format == "text", "{body}");
        assert_no_secret(&body);
    }
    served.stop().await;
    server.stop().await;
}

#[tokio::test]
async fn a_refused_connection_and_a_peer_that_hangs_up_fail_with_the_reason() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    // Accepts one connection, reads the request and closes without a word.
    let hang_up = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut request = Vec::new();
        let mut buffer = [0; 1024];
        while !request.ends_with(b"\r\n\r\n") {
            let read = std::io::Read::read(&mut stream, &mut buffer).unwrap();
            assert!(read > 0, "the request ended early");
            request.extend_from_slice(&buffer[..read]);
        }
    });
    let hung_up = checks::http(format!("http://{addr}/")).run().await;
    hang_up.join().unwrap();
    assert_eq!(hung_up.status(), Status::Fail);
    assert_eq!(
        hung_up.output(),
        format!("GET http://{addr}/ failed: no answer: connection closed before message completed")
    );

    // The listener is gone now: nothing listens on that port.
    let refused = checks::http(format!("http://{addr}/")).run().await;
    assert_eq!(refused.status(), Status::Fail);
    assert_eq!(
        refused.output(),
        format!("GET http://{addr}/ failed: cannot connect: Connection refused (os error 111)")
    );
}

#[tokio::test]
async fn an_unknown_host_fails_naming_it() {
    let outcome = checks::http("http://nothing-here.invalid/").run().await;
    assert_eq!(outcome.status(), Status::Fail);
    assert!(
        outcome.output().starts_with(
            "GET http://nothing-here.invalid/ failed: cannot resolve nothing-here.invalid: "
        ),
        "{outcome:?}"
    );
}

#[test]
#[should_panic(expected = "checks::http: \"http://user:")]
fn an_unparseable_url_panics_naming_it_without_its_password() {
    let _ = checks::http(format!("http://user:{PASSWORD}@exa mple.com/"));
}

#[cfg(not(feature = "http-rustls"))]
#[test]
#[should_panic(expected = "enable the `http-rustls` feature of healthcheck")]
fn an_https_url_needs_the_tls_feature() {
    let _ = checks::http("https://example.com/");
}

/// With TLS, an `https://` URL is spoken to in TLS: a plain HTTP server fails the handshake.
#[cfg(feature = "http-rustls")]
#[actix_web::test]
async fn an_https_url_speaks_tls() {
    let server = dependency();
    let url = format!("https://user:{PASSWORD}@{}/ok?token={TOKEN}", server.addr);
    let outcome = checks::http(&url).run().await;
    assert_eq!(outcome.status(), Status::Fail);
    let prefix = format!("GET https://{}/ok?… failed: cannot connect: ", server.addr);
    assert!(outcome.output().starts_with(&prefix), "{outcome:?}");
    assert_no_secret(outcome.output());
    server.stop().await;
}

/// Accepts connections on loopback and never answers; counts those still open.
struct Silent {
    url: String,
    accepted: Arc<AtomicUsize>,
    open: Arc<AtomicUsize>,
}

impl Silent {
    async fn start() -> Silent {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/ready", listener.local_addr().unwrap());
        let accepted = Arc::new(AtomicUsize::new(0));
        let open = Arc::new(AtomicUsize::new(0));
        let (counted, still_open) = (Arc::clone(&accepted), Arc::clone(&open));
        actix_web::rt::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                counted.fetch_add(1, Ordering::SeqCst);
                still_open.fetch_add(1, Ordering::SeqCst);
                let open = Arc::clone(&still_open);
                actix_web::rt::spawn(async move {
                    let mut buffer = [0; 1024];
                    while matches!(stream.read(&mut buffer).await, Ok(n) if n > 0) {}
                    open.fetch_sub(1, Ordering::SeqCst);
                });
            }
        });
        Silent {
            url,
            accepted,
            open,
        }
    }
}

#[actix_web::test]
async fn a_server_that_never_answers_fails_at_the_deadline_and_leaks_nothing() {
    let silent = Silent::start().await;
    let deadline = CheckOptions::new().timeout(Duration::from_millis(300));
    let health = HealthCheck::empty().no_cache().add_check_with(
        "silent",
        deadline,
        checks::http(&silent.url),
    );
    let server = TestServer::start(health);
    let url = server.url("/healthcheck/silent");
    assert_times_out(&url, 300).await;
    let closed = || silent.open.load(Ordering::SeqCst) == 0;
    eventually(closed).await;
    let sockets = socket_count();
    let threads = thread_count();

    for _ in 0..20 {
        assert_times_out(&url, 300).await;
    }

    // At most one connection per probe (a probe that arrives while the previous run is being
    // dropped joins it), and each was closed when its run was dropped: none is left at the
    // silent server, and this process holds no more sockets than after the first probe (which
    // also counts connections the server has not accepted yet).
    assert!(eventually(closed).await, "connections left open");
    let accepted = silent.accepted.load(Ordering::SeqCst);
    assert!(
        (2..=21).contains(&accepted),
        "{accepted} connections for 21 probes"
    );
    assert!(
        eventually(|| socket_count() <= sockets).await,
        "{} sockets open after 21 probes, {sockets} after the first",
        socket_count()
    );
    let grown = thread_count().saturating_sub(threads);
    assert!(grown <= 2, "threads grew by {grown} over 20 probes");
    server.stop().await;
}
