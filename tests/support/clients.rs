//! Clients and pools of the servers of `servers.rs`, as a service holds them, and each
//! server's own count of its clients. Included by path (`#[path = "support/clients.rs"]`)
//! by the test binaries of the database checks only, which link the database crates.
#![allow(dead_code)] // each test binary uses its own part of the helpers

use std::time::Duration;

use mysql_async::prelude::Queryable;
use redis::aio::ConnectionManager;

use crate::support::probes::eventually;
use crate::support::servers::Server;

/// How long a pool waits for a connection before it gives up.
const POOL_WAIT: Duration = Duration::from_secs(2);

/// How long a pool may take to open the connections it keeps.
const FILL: Duration = Duration::from_secs(10);

/// redis-server's own count of its clients (`INFO clients`), this one included.
pub async fn redis_clients(server: &Server) -> usize {
    let client = redis::Client::open(server.url()).unwrap();
    let mut connection = client.get_multiplexed_async_connection().await.unwrap();
    let info: String = redis::cmd("INFO")
        .arg("clients")
        .query_async(&mut connection)
        .await
        .unwrap();
    info.lines()
        .find_map(|line| line.strip_prefix("connected_clients:"))
        .and_then(|count| count.trim().parse().ok())
        .expect("connected_clients in INFO clients")
}

/// PostgreSQL's own count of its client backends (`pg_stat_activity`), this one included.
pub async fn postgres_clients(server: &Server) -> usize {
    let (client, connection) = tokio_postgres::connect(&server.url(), tokio_postgres::NoTls)
        .await
        .unwrap();
    let connection = tokio::spawn(connection);
    let row = client
        .query_one(
            "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'",
            &[],
        )
        .await
        .unwrap();
    drop(client);
    connection.await.unwrap().unwrap();
    usize::try_from(row.get::<_, i64>(0)).unwrap()
}

/// MariaDB's own count of its connections (`Threads_connected`), this one included.
pub async fn mariadb_clients(server: &Server) -> usize {
    let mut connection = mysql_async::Conn::from_url(server.url()).await.unwrap();
    let row: Option<(String, usize)> = connection
        .query_first("SHOW STATUS LIKE 'Threads_connected'")
        .await
        .unwrap();
    connection.disconnect().await.unwrap();
    row.expect("Threads_connected").1
}

/// A `ConnectionManager` of the server, as a service keeps one.
pub async fn redis_manager(server: &Server) -> ConnectionManager {
    let client = redis::Client::open(server.url()).unwrap();
    client.get_connection_manager().await.unwrap()
}

/// A `bb8` pool of redis connections (redis' own `bb8` support) of at most `max_size`.
pub fn bb8_pool(url: &str, max_size: u32) -> bb8::Pool<redis::Client> {
    let client = redis::Client::open(url).unwrap();
    bb8::Pool::builder()
        .max_size(max_size)
        .connection_timeout(POOL_WAIT)
        .build_unchecked(client)
}

/// A `bb8` pool of redis connections that keeps `size` open, once they are.
pub async fn full_bb8_pool(url: &str, size: u32) -> bb8::Pool<redis::Client> {
    let client = redis::Client::open(url).unwrap();
    let pool = bb8::Pool::builder()
        .max_size(size)
        .min_idle(Some(size))
        .connection_timeout(POOL_WAIT)
        .build(client)
        .await
        .unwrap();
    let full = eventually(FILL, || pool.state().connections == size).await;
    assert!(full, "{:?}", pool.state());
    pool
}

/// A `sqlx` pool of PostgreSQL connections that keeps `size` open, once they are.
pub async fn full_sqlx_pool(url: &str, size: u32) -> sqlx::PgPool {
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(size)
        .min_connections(size)
        .acquire_timeout(POOL_WAIT)
        .connect(url)
        .await
        .unwrap();
    let full = eventually(FILL, || pool.size() == size).await;
    assert!(full, "{} of {size} open", pool.size());
    pool
}

/// A `sqlx` pool of PostgreSQL connections of at most `max_size`, opened lazily.
pub fn sqlx_pool(url: &str, max_size: u32) -> sqlx::PgPool {
    sqlx::postgres::PgPoolOptions::new()
        .max_connections(max_size)
        .acquire_timeout(POOL_WAIT)
        .connect_lazy(url)
        .unwrap()
}

/// A `deadpool-postgres` pool of at most `max_size`.
pub fn deadpool(url: &str, max_size: usize) -> deadpool_postgres::Pool {
    let config: tokio_postgres::Config = url.parse().unwrap();
    let manager = deadpool_postgres::Manager::new(config, tokio_postgres::NoTls);
    deadpool_postgres::Pool::builder(manager)
        .max_size(max_size)
        .build()
        .unwrap()
}
