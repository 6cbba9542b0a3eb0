//! `healthcheck-bench-server WORKLOAD PORT` serves one benchmark workload on 127.0.0.1:PORT:
//!
//! - `cached`: one passing check, cached; `/static` answers the same body without running it;
//! - `fanout`: 20 blocking checks of 100 ms each, no cache;
//! - `stampede`: one 300 ms check on a cold cache;
//! - `hang`: one blocking check that never returns, 100 ms deadline, no cache;
//! - `environment`: the environment dump;
//! - `soak`: checks that flap between pass, fail, panic and a missed deadline;
//! - `scale-N`: N passing checks, cached at `/healthcheck`, run for every request at `/cold`;
//!   `/static` answers the cached body's bytes;
//! - `background`: one passing check run every second in the background; `/healthcheck` serves
//!   its latest result, `/static` the same bytes;
//! - `metrics-N`: N passing checks run every 10 s in the background; `/metrics` serves their
//!   metrics (every workload serves `/metrics`).
//!
//! `/stats` answers how often checks ran, and the live threads and tasks of the server.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use actix_web::web::Bytes;
use actix_web::{web, App, HttpResponse, HttpServer};
use healthcheck::{CheckOptions, EnvironmentDump, Format, HealthCheck, Outcome};
use serde_json::json;

static RUNS: AtomicUsize = AtomicUsize::new(0);

fn counted() -> usize {
    RUNS.fetch_add(1, Ordering::SeqCst)
}

fn health_for(workload: &str) -> HealthCheck {
    let health = HealthCheck::empty().log_on_failure(false);
    match workload {
        "cached" | "environment" => health.add_check("ping", || {
            counted();
            (true, "pong")
        }),
        "fanout" => (0..20)
            .fold(health, |health, index| {
                health.add_check(format!("dependency-{index:02}"), || {
                    counted();
                    std::thread::sleep(Duration::from_millis(100));
                    (true, "answered in 100 ms")
                })
            })
            .no_cache(),
        "stampede" => health.add_check("slow", || async {
            counted();
            tokio::time::sleep(Duration::from_millis(300)).await;
            (true, "answered in 300 ms")
        }),
        "hang" => health
            .add_check_with(
                "hangs",
                CheckOptions::new().timeout(Duration::from_millis(100)),
                || {
                    counted();
                    loop {
                        std::thread::park();
                    }
                    #[allow(unreachable_code)]
                    true
                },
            )
            .no_cache(),
        "soak" => health
            .add_check_with(
                "flapping",
                CheckOptions::new().timeout(Duration::from_millis(100)),
                || async {
                    match counted() % 4 {
                        0 => Outcome::pass("up"),
                        1 => Outcome::fail("down"),
                        2 => panic!("flapped into a panic"),
                        _ => std::future::pending().await,
                    }
                },
            )
            .no_cache(),
        "background" => health.add_check_with("ping", every(1), || {
            counted();
            (true, "pong")
        }),
        other => {
            let count = |prefix| other.strip_prefix(prefix)?.parse::<usize>().ok();
            match (count("scale-"), count("metrics-")) {
                (Some(count), _) => (0..count).fold(health, |health, index| {
                    health.add_check(format!("dependency-{index:04}"), move || {
                        (true, format!("dependency {index} answered"))
                    })
                }),
                (_, Some(count)) => (0..count).fold(health, |health, index| {
                    health.add_check_with(format!("dependency-{index:04}"), every(10), move || {
                        counted();
                        (true, format!("dependency {index} answered"))
                    })
                }),
                _ => panic!("unknown workload `{other}`"),
            }
        }
    }
}

/// Run in the background every `seconds`.
fn every(seconds: u64) -> CheckOptions {
    CheckOptions::new().interval(Duration::from_secs(seconds))
}

fn thread_count() -> usize {
    std::fs::read_dir("/proc/self/task").map_or(0, Iterator::count)
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let workload = args
        .next()
        .expect("usage: healthcheck-bench-server WORKLOAD PORT");
    let port: u16 = args.next().and_then(|p| p.parse().ok()).expect("a port");
    let health = health_for(&workload);
    let environment = EnvironmentDump::new();
    // The ceiling: the bytes of the cached answer, from a route that does no work.
    let static_body = if workload == "cached" || workload.starts_with("scale-") {
        health.render(Format::Json).await;
        let body = health.render(Format::Json).await.body;
        RUNS.store(0, Ordering::SeqCst);
        body
    } else if workload == "background" {
        // Once the first background run is in: the bytes requests are then served.
        while health.render(Format::Json).await.status != 200 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        health.render(Format::Json).await.body
    } else {
        Bytes::new()
    };
    let cold = health.clone().no_cache();
    let runtimes: Arc<Mutex<Vec<tokio::runtime::Handle>>> = Arc::default();

    let server = HttpServer::new({
        let runtimes = runtimes.clone();
        move || {
            runtimes
                .lock()
                .unwrap()
                .push(tokio::runtime::Handle::current());
            let static_body = static_body.clone();
            let runtimes = runtimes.clone();
            App::new()
                .service(health.scope("/healthcheck"))
                .service(cold.scope("/cold"))
                .service(health.metrics_scope("/metrics"))
                .service(environment.scope("/environment"))
                .route(
                    "/static",
                    web::get().to(move || {
                        let body = static_body.clone();
                        async move {
                            HttpResponse::Ok()
                                .content_type("application/json")
                                .body(body)
                        }
                    }),
                )
                .route(
                    "/stats",
                    web::get().to(move || {
                        let tasks: usize = runtimes
                            .lock()
                            .unwrap()
                            .iter()
                            .map(|runtime| runtime.metrics().num_alive_tasks())
                            .sum();
                        async move {
                            HttpResponse::Ok().json(json!({
                                "runs": RUNS.load(Ordering::SeqCst),
                                "threads": thread_count(),
                                "tasks": tasks,
                            }))
                        }
                    }),
                )
        }
    })
    .workers(2)
    .backlog(4096)
    .bind(("127.0.0.1", port))?;
    println!("healthcheck {workload} listening on 127.0.0.1:{port}");
    server.run().await
}
