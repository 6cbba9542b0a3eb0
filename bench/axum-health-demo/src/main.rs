//! `axum-health-demo WORKLOAD PORT`: the workloads of bench/run.sh with axum-health 0.2.1.
//! axum-health has no cache and no deadlines; its indicators run one after another.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use axum::routing::get;
use axum::{Json, Router};
use axum_health::prelude::{health_check, Health, HealthBuilder, HealthDetail, HealthIndicator};
use serde_json::{json, Value};

static RUNS: AtomicUsize = AtomicUsize::new(0);

/// `kind` picks the behaviour: pass, sleep N ms, hang, or flap.
struct Indicator {
    name: String,
    kind: &'static str,
}

#[async_trait]
impl HealthIndicator for Indicator {
    fn name(&self) -> String {
        self.name.clone()
    }

    async fn details(&self) -> HealthDetail {
        let run = RUNS.fetch_add(1, Ordering::SeqCst);
        match self.kind {
            "pass" => HealthDetail::up(),
            "100ms" => {
                tokio::time::sleep(Duration::from_millis(100)).await;
                HealthDetail::up()
            }
            "300ms" => {
                tokio::time::sleep(Duration::from_millis(300)).await;
                HealthDetail::up()
            }
            "hang" => std::future::pending().await,
            _ => match run % 4 {
                0 => HealthDetail::up(),
                1 => HealthDetail::down(),
                2 => panic!("flapped into a panic"),
                _ => std::future::pending().await,
            },
        }
    }
}

fn indicators(workload: &str) -> HealthBuilder {
    let one = |kind| Health::builder().with_indicator(Indicator { name: "check".into(), kind });
    match workload {
        "cached" => one("pass"),
        "fanout" => (0..20).fold(Health::builder(), |builder, index| {
            builder.with_indicator(Indicator { name: format!("dependency-{index:02}"), kind: "100ms" })
        }),
        "stampede" => one("300ms"),
        "hang" => one("hang"),
        "soak" => one("flap"),
        other => panic!("unknown workload `{other}`"),
    }
}

fn thread_count() -> usize {
    std::fs::read_dir("/proc/self/task").map_or(0, Iterator::count)
}

#[tokio::main(worker_threads = 2)]
async fn main() {
    let mut args = std::env::args().skip(1);
    let workload = args.next().expect("usage: axum-health-demo WORKLOAD PORT");
    let port: u16 = args.next().and_then(|p| p.parse().ok()).expect("a port");
    let health = indicators(&workload).build();
    // The ceiling: the same body from a route that does no work.
    let static_body = if workload == "cached" {
        serde_json::to_string(&health.details().await).unwrap()
    } else {
        String::new()
    };
    RUNS.store(0, Ordering::SeqCst);
    let router = Router::new()
        .route("/health", get(health_check))
        .route(
            "/static",
            get(move || {
                let body = static_body.clone();
                async move { ([("content-type", "application/json")], body) }
            }),
        )
        .route(
            "/stats",
            get(|| async {
                let tasks = tokio::runtime::Handle::current().metrics().num_alive_tasks();
                Json::<Value>(json!({ "runs": RUNS.load(Ordering::SeqCst), "threads": thread_count(), "tasks": tasks }))
            }),
        )
        .layer(health);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap();
    println!("axum-health {workload} listening on 127.0.0.1:{port}");
    axum::serve(listener, router).await.unwrap();
}
