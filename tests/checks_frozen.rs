//! The built-in checks of databases and pools against servers frozen with SIGSTOP: every
//! probe fails within its deadline, nothing piles up (threads of this process, connections
//! the server holds, the server's own count of clients), no pool connection is held past a
//! deadline, and the checks pass again once the server goes on. A binary of its own, its
//! tests one at a time, so that nothing else changes the count of threads meanwhile.

#[path = "support/clients.rs"]
mod clients;
mod support;

use clients::{
    deadpool, full_bb8_pool, full_sqlx_pool, mariadb_clients, postgres_clients, redis_clients,
    redis_manager,
};
use healthcheck::checks;
use support::probes::{assert_survives_freeze, health_of};
use support::servers::Server;
use tokio::sync::Mutex;

/// One frozen server at a time.
static ALONE: Mutex<()> = Mutex::const_new(());

/// More than the probes that run at once, so that a live pool is never saturated.
const POOL: u32 = 16;

#[tokio::test]
async fn a_frozen_redis_fails_each_check_on_time_and_nothing_piles_up() {
    let _alone = ALONE.lock().await;
    let server = Server::redis();
    let url = server.url();
    let clients = || redis_clients(&server);

    let make = |deadline| health_of(checks::redis(&url), deadline);
    assert_survives_freeze(&server, make, clients, || {}).await;

    let manager = redis_manager(&server).await;
    let make = |deadline| health_of(checks::redis_manager(manager.clone()), deadline);
    assert_survives_freeze(&server, make, clients, || {}).await;

    // Full from the start: a pool that opens connections of its own accord (bb8 fills
    // itself in the background) would otherwise change the count of connections.
    let pool = full_bb8_pool(&url, POOL).await;
    let in_use = || {
        let state = pool.state();
        state.connections - state.idle_connections
    };
    let make = |deadline| health_of(checks::bb8(pool.clone()), deadline);
    assert_survives_freeze(&server, make, clients, || {
        assert_eq!(
            in_use(),
            0,
            "probes cut at their deadline gave their connections back"
        );
    })
    .await;
    assert_eq!(in_use(), 0);
}

#[tokio::test]
async fn a_frozen_postgres_fails_each_check_on_time_and_nothing_piles_up() {
    let _alone = ALONE.lock().await;
    let server = Server::postgres();
    let url = server.url();
    let clients = || postgres_clients(&server);

    let make = |deadline| health_of(checks::postgres(&url), deadline);
    assert_survives_freeze(&server, make, clients, || {}).await;

    let pool = full_sqlx_pool(&url, POOL).await;
    let in_use = || pool.size() as usize - pool.num_idle();
    let make = |deadline| health_of(checks::sqlx_pool(pool.clone()), deadline);
    assert_survives_freeze(&server, make, clients, || {
        // sqlx closes a connection whose check on acquire was cut, rather than return it.
        assert_eq!(
            in_use(),
            0,
            "probes cut at their deadline hold no connection"
        );
    })
    .await;
    assert_eq!(in_use(), 0);

    let pool = deadpool(&url, POOL as usize);
    let in_use = || {
        let status = pool.status();
        status.size - status.available
    };
    let check = || {
        checks::deadpool(pool.clone())
            .probe(|client| async move { client.simple_query("SELECT 1").await })
    };
    let make = |deadline| health_of(check(), deadline);
    assert_survives_freeze(&server, make, clients, || {
        assert_eq!(
            in_use(),
            0,
            "probes cut at their deadline gave their connections back"
        );
    })
    .await;
    assert_eq!(in_use(), 0);
}

#[tokio::test]
async fn a_frozen_mariadb_fails_each_check_on_time_and_nothing_piles_up() {
    let _alone = ALONE.lock().await;
    let server = Server::mariadb();
    let make = |deadline| health_of(checks::mysql(server.url()), deadline);
    assert_survives_freeze(&server, make, || mariadb_clients(&server), || {}).await;
}
