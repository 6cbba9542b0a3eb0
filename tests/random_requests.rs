//! Random request paths, query strings, headers and methods never get a 5xx or cause a panic.
//! (A binary of its own: the panic counter sees every thread of the process.)

mod support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use actix_web::App;
use healthcheck::{EnvironmentDump, HealthCheck, Outcome};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::Value;
use support::{client, TestServer};

/// Panics anywhere in this process, the servers' threads included.
fn count_panics() -> Arc<AtomicUsize> {
    let panics = Arc::new(AtomicUsize::new(0));
    let counted = panics.clone();
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        counted.fetch_add(1, Ordering::SeqCst);
        default_hook(info);
    }));
    panics
}

#[derive(Debug, Clone)]
struct RandomRequest {
    method: String,
    path: String,
    query: String,
    headers: Vec<(String, String)>,
}

fn percent_encoded(bytes: Vec<u8>) -> String {
    bytes.iter().map(|byte| format!("%{byte:02X}")).collect()
}

fn random_request() -> impl Strategy<Value = RandomRequest> {
    let method = prop_oneof![
        prop::sample::select(vec![
            "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"
        ])
        .prop_map(str::to_owned),
        "[A-Z]{1,10}",
    ];
    let prefix = prop::sample::select(vec![
        "/healthcheck",
        "/healthcheck/",
        "/healthcheck/db",
        "/environment",
        "/environment/",
        "/",
        "",
    ]);
    let segment = prop_oneof![
        "[a-zA-Z0-9._~-]{0,12}",
        prop::collection::vec(any::<u8>(), 0..8).prop_map(percent_encoded),
        Just("..".to_owned()),
        Just("%2F".to_owned()),
    ];
    let path = (prefix, prop::collection::vec(segment, 0..3)).prop_map(|(prefix, segments)| {
        let mut path = prefix.to_owned();
        for segment in segments {
            path.push('/');
            path.push_str(&segment);
        }
        if path.starts_with('/') {
            path
        } else {
            format!("/{path}")
        }
    });
    let pair = prop_oneof![
        prop::sample::select(vec!["format", "verbose", "x"]).prop_map(str::to_owned),
        "[a-z]{1,6}",
    ];
    let value = prop_oneof![
        prop::sample::select(vec![
            "json",
            "ietf",
            "text",
            "health+json",
            "xml",
            "",
            "0",
            "false"
        ])
        .prop_map(str::to_owned),
        prop::collection::vec(any::<u8>(), 0..8).prop_map(percent_encoded),
    ];
    let query = prop::collection::vec((pair, value), 0..4).prop_map(|pairs| {
        pairs
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    });
    let header_name = prop::sample::select(vec![
        "accept",
        "authorization",
        "content-type",
        "x-random",
        "range",
        "if-none-match",
        "cookie",
    ]);
    let header_value = prop_oneof![
        prop::sample::select(vec![
            "application/json",
            "application/health+json",
            "text/plain;q=0.5, */*;q=0.1",
            "text/html",
            "Bearer wrong",
            "Bearer",
            "*/*;q=abc",
            ",,;;",
            "application/*",
        ])
        .prop_map(str::to_owned),
        "[ -~]{0,40}",
    ];
    let headers = prop::collection::vec((header_name.prop_map(str::to_owned), header_value), 0..4);
    (method, path, query, headers).prop_map(|(method, path, query, headers)| RandomRequest {
        method,
        path,
        query,
        headers,
    })
}

#[test]
fn random_requests_never_get_a_5xx_or_cause_a_panic() {
    let panics = count_panics();
    let runtime = actix_web::rt::System::new();
    let health = HealthCheck::empty()
        .add_check("db", || (true, "db ok"))
        .add_check("cache", || async { Outcome::warn("cold") });
    let environment = EnvironmentDump::new()
        .include_os(false)
        .bearer_token("t0ken");
    let server = runtime.block_on(async {
        TestServer::start_app(move || {
            App::new()
                .service(health.scope("/healthcheck"))
                .service(environment.scope("/environment"))
        })
    });
    let client = client();
    let mut runner = TestRunner::new(Config::with_cases(400));
    let outcome = runner.run(&random_request(), |request| {
        let url = if request.query.is_empty() {
            server.url(&request.path)
        } else {
            format!("{}?{}", server.url(&request.path), request.query)
        };
        let method = reqwest::Method::from_bytes(request.method.as_bytes()).unwrap();
        let mut builder = client.request(method.clone(), &url);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        let (status, content_type, body) = runtime.block_on(async {
            let response = builder.send().await.expect("the server answers");
            let status = response.status().as_u16();
            let content_type = response
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap_or_default().to_owned())
                .unwrap_or_default();
            (
                status,
                content_type,
                response.text().await.unwrap_or_default(),
            )
        });
        prop_assert!(status < 500, "{status} for {request:?}: {body}");
        if content_type.starts_with("application/") && method != reqwest::Method::HEAD {
            prop_assert!(
                serde_json::from_str::<Value>(&body).is_ok(),
                "not JSON: {body}"
            );
        }
        Ok(())
    });
    runtime.block_on(server.stop());
    outcome.unwrap();
    assert_eq!(panics.load(Ordering::SeqCst), 0, "a request caused a panic");
}
