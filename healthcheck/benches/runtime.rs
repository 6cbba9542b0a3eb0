//! Micro-benchmarks, in ns per operation: the cached path of `HealthCheck::run`, rendering
//! each wire format, and scrubbing a process-sized section. `cargo bench -p healthcheck`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use healthcheck::{Format, HealthCheck, Outcome, ResponsePolicy, Scrubber};
use serde_json::{json, Map, Value};

fn checks(count: usize) -> HealthCheck {
    (0..count).fold(HealthCheck::empty(), |health, index| {
        health.add_check(format!("check-{index:02}"), move || {
            Outcome::pass(format!("dependency {index} answered")).observed(0.5, "ms")
        })
    })
}

fn cached_run(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut group = c.benchmark_group("HealthCheck::run (cached)");
    for count in [1, 20] {
        let health = checks(count).success_ttl(Duration::from_secs(3600));
        runtime.block_on(health.run());
        group.bench_function(format!("{count} checks"), |b| {
            b.to_async(&runtime)
                .iter(|| async { black_box(health.run().await) });
        });
    }
    group.finish();
}

fn render(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let report = runtime.block_on(checks(20).add_section("version", "1.2.0").run());
    let policy = ResponsePolicy::new();
    let mut group = c.benchmark_group("Report::render (20 checks)");
    for (name, format) in [
        ("json", Format::Json),
        ("health+json", Format::HealthJson),
        ("text verbose", Format::Text { verbose: true }),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| black_box(report.render(black_box(format), &policy)))
        });
    }
    group.finish();
}

fn scrub(c: &mut Criterion) {
    let mut environment = Map::new();
    for index in 0..60 {
        environment.insert(
            format!("VARIABLE_{index}"),
            json!(format!("/usr/local/lib/value-{index}")),
        );
    }
    environment.insert(
        "DATABASE_URL".into(),
        json!("postgres://app:hunter2@db/orders"),
    );
    environment.insert("API_TOKEN".into(), json!("t0k3n"));
    let section = json!({
        "argv": ["server", "--port", "8080", "--token", "abc"],
        "environment": Value::Object(environment),
    });
    let scrubber = Scrubber::default();
    c.bench_function("Scrubber::scrub (process section, 62 variables)", |b| {
        b.iter(|| black_box(scrubber.scrub(black_box(&section))));
    });
}

criterion_group!(benches, cached_run, render, scrub);
criterion_main!(benches);
