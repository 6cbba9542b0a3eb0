//! Attacks on the library's shared machinery (its one control thread, its pool for user code,
//! the user runtime's one worker), each in a test that holds `SERIAL` so that no other test
//! of this binary shares the stalled machinery meanwhile, and that releases what it holds
//! before it ends.

mod support;

use std::time::{Duration, Instant};

use actix_web::{web, App};
use healthcheck::{CheckOptions, HealthCheck};
use support::{client, Counter, Gate, TestServer};

static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

const HUNG: Duration = Duration::from_secs(20);
/// How late an answer may be before it counts as held.
const MARGIN: Duration = Duration::from_secs(1);

/// One line of MAC addresses, as an ARP table or `ip link` prints them: about 20 KB.
fn mac_addresses() -> String {
    "00:11:22:33:44:55 ".repeat(1100)
}

#[actix_web::test]
async fn a_long_line_of_mac_addresses_holds_no_deadline() {
    let _serial = SERIAL.lock().await;
    let macs = mac_addresses();
    let arp = HealthCheck::empty().add_check("arp table", move || (true, macs.clone()));
    let other = HealthCheck::empty().add_check_with(
        "hangs",
        CheckOptions::new().timeout(Duration::from_millis(200)),
        || async {
            tokio::time::sleep(HUNG).await;
            true
        },
    );
    let server = TestServer::start_app(move || {
        App::new()
            .service(arp.scope("/arp"))
            .service(other.scope("/healthcheck"))
    });
    let arp_request = tokio::spawn(client().get(server.url("/arp")).send());
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = Instant::now();
    let response = client()
        .get(server.url("/healthcheck"))
        .timeout(Duration::from_secs(5))
        .send()
        .await;
    let took = started.elapsed();
    let arp_answered = arp_request.await.unwrap().map(|r| r.status().as_u16());
    server.stop().await;
    assert_eq!(arp_answered.ok(), Some(200));
    assert!(
        took < Duration::from_millis(200) + MARGIN,
        "a 200 ms deadline of another handle was kept after {took:?} ({:?})",
        response.map(|r| r.status())
    );
}

#[actix_web::test]
async fn a_section_of_mac_addresses_holds_no_actix_worker() {
    let _serial = SERIAL.lock().await;
    let health = HealthCheck::empty()
        .add_check("fine", || true)
        .add_section("interfaces", mac_addresses);
    let server = TestServer::start_app(move || {
        App::new()
            .service(health.scope("/healthcheck"))
            .route("/other", web::get().to(|| async { "other route" }))
    });
    let requests: Vec<_> = (0..2)
        .map(|_| tokio::spawn(client().get(server.url("/healthcheck")).send()))
        .collect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let started = Instant::now();
    let other = client().get(server.url("/other")).send().await.unwrap();
    let took = started.elapsed();
    for request in requests {
        let _ = request.await;
    }
    server.stop().await;
    assert!(
        took < MARGIN && other.status() == 200,
        "the unrelated route answered {} after {took:?}",
        other.status()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dependency_hung_behind_spawn_blocking_holds_one_thread() {
    let _serial = SERIAL.lock().await;
    let gate = Gate::default();
    let blocked = Counter::default();
    let (hung_gate, hung_blocked) = (gate.clone(), blocked.clone());
    // `spawn_blocking` is how Tokio says to call a sync driver from async code.
    let hung = HealthCheck::empty()
        .add_check_with(
            "sync driver behind spawn_blocking",
            CheckOptions::new().timeout(Duration::from_millis(20)),
            move || {
                let (gate, blocked) = (hung_gate.clone(), hung_blocked.clone());
                async move {
                    tokio::task::spawn_blocking(move || {
                        blocked.bump();
                        gate.wait();
                    })
                    .await
                    .is_ok()
                }
            },
        )
        .no_cache();
    // A probe every few milliseconds, as a public endpoint gets.
    // Until the pool's 72 threads are taken, and a few more.
    for _ in 0..250 {
        assert!(!hung.run().await.passed());
        if blocked.get() >= 72 {
            break;
        }
    }
    for _ in 0..3 {
        assert!(!hung.run().await.passed());
    }
    let fine = HealthCheck::empty()
        .add_check("fine", || true)
        .timeout(Duration::from_millis(500));
    let report = fine.run().await;
    gate.open();
    assert!(
        report.passed(),
        "an unrelated check failed with {:?}; {} threads were held by one hung dependency",
        report.results()[0].outcome().output(),
        blocked.get()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_spawned_task_that_blocks_stalls_no_other_async_check() {
    let _serial = SERIAL.lock().await;
    let blocks_for = Duration::from_millis(2500);
    let spawner = HealthCheck::empty().add_check("spawns a background task", move || async move {
        // A background refresher that calls a sync driver, spawned once by a check.
        tokio::spawn(async move { std::thread::sleep(blocks_for) });
        true
    });
    let started = Instant::now();
    assert!(spawner.run().await.passed());
    tokio::time::sleep(Duration::from_millis(100)).await;
    let quick = HealthCheck::empty().add_check_with(
        "10 ms of async work",
        CheckOptions::new().timeout(Duration::from_secs(1)),
        || async {
            tokio::time::sleep(Duration::from_millis(10)).await;
            true
        },
    );
    let report = quick.run().await;
    // Let the spawned task end before the next test.
    tokio::time::sleep(blocks_for.saturating_sub(started.elapsed())).await;
    assert!(
        report.passed(),
        "{:?}",
        report.results()[0].outcome().output()
    );
}
