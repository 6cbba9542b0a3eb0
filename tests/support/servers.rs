//! Real servers for tests: redis-server, PostgreSQL, MariaDB and Prometheus from Debian's
//! packages, each on a free 127.0.0.1 port in a temporary directory (never a system
//! service), with a planted password. Dropping a [`Server`] stops it and removes its
//! directory; a watchdog process does the same if the test process dies first, so a server
//! shared through a `static` (never dropped) is stopped too.
#![allow(dead_code)] // each test binary uses its own part of the helpers

use std::fs;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::fs::{chown, MetadataExt, PermissionsExt};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// How long a server may take to answer after it was started.
const START_LIMIT: Duration = Duration::from_secs(60);

/// The user every server knows, with [`Server::password`].
pub const USER: &str = "health";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Redis,
    Postgres,
    Mariadb,
    Prometheus,
}

/// A database server of this test process, stopped when dropped.
pub struct Server {
    pub kind: Kind,
    pub port: u16,
    /// The password planted in the server, which no output or log may show.
    pub password: String,
    dir: PathBuf,
    process: Option<Child>,
    watchdog: Child,
}

impl Server {
    /// `redis-server` with `requirepass`, saving nothing.
    pub fn redis() -> Server {
        let (dir, port, password) = prepare(Kind::Redis);
        let conf = dir.join("redis.conf");
        let config = format!(
            "port {port}\nbind 127.0.0.1\ndir {}\nsave \"\"\nappendonly no\nrequirepass {password}\n",
            dir.display()
        );
        fs::write(&conf, config).unwrap();
        let mut command = Command::new("redis-server");
        command.arg(&conf);
        Server::start(Kind::Redis, dir, port, password, command)
    }

    /// PostgreSQL from `initdb` (password authentication, `fsync` off), run as the
    /// `postgres` user when the tests run as root, since it refuses to run as root.
    pub fn postgres() -> Server {
        let (dir, port, password) = prepare(Kind::Postgres);
        let bin = postgres_bin();
        let owner = unprivileged("postgres");
        fs::write(dir.join("pw"), &password).unwrap();
        if let Some((uid, gid)) = owner {
            for path in [dir.clone(), dir.join("pw")] {
                chown(&path, Some(uid), Some(gid)).unwrap();
            }
        }
        let mut initdb = Command::new(bin.join("initdb"));
        initdb
            .arg("-D")
            .arg(dir.join("data"))
            // The password in clear over loopback, checked by the server against its SCRAM
            // verifier: clients built without optimisation spend ~100 ms each on SCRAM.
            .args(["-U", USER, "--auth=password", "-E", "UTF8", "--locale=C"])
            .arg(format!("--pwfile={}", dir.join("pw").display()))
            .args(["--no-sync", "--no-instructions"]);
        run_as(&mut initdb, owner);
        run_to_end(initdb, &dir.join("initdb.log"));
        let mut command = Command::new(bin.join("postgres"));
        command
            .arg("-D")
            .arg(dir.join("data"))
            .arg("-k")
            .arg(&dir)
            .args(["-h", "127.0.0.1", "-p", &port.to_string()])
            .args(["-c", "fsync=off", "-c", "full_page_writes=off"])
            .args(["-c", "shared_buffers=16MB", "-c", "max_connections=100"]);
        run_as(&mut command, owner);
        Server::start(Kind::Postgres, dir, port, password, command)
    }

    /// MariaDB, from a data directory made once per test process by `mariadb-install-db`.
    pub fn mariadb() -> Server {
        let (dir, port, password) = prepare(Kind::Mariadb);
        let status = Command::new("cp")
            .arg("-a")
            .arg(mariadb_template().join("data"))
            .arg(dir.join("data"))
            .status()
            .unwrap();
        assert!(status.success(), "copy the MariaDB data directory");
        let init = dir.join("init.sql");
        fs::write(
            &init,
            format!("CREATE USER IF NOT EXISTS '{USER}'@'%' IDENTIFIED BY '{password}';\n"),
        )
        .unwrap();
        let mut command = Command::new("mariadbd");
        command
            .arg("--no-defaults")
            .arg(format!("--datadir={}", dir.join("data").display()))
            .arg(format!("--port={port}"))
            .arg("--bind-address=127.0.0.1")
            .arg(format!("--socket={}", dir.join("sock").display()))
            .arg(format!("--pid-file={}", dir.join("pid").display()))
            .arg(format!("--init-file={}", init.display()))
            .args(["--skip-log-bin", "--skip-name-resolve"])
            .args(["--innodb-buffer-pool-size=16M", "--max-connections=200"]);
        if is_root() {
            command.arg("--user=root");
        }
        Server::start(Kind::Mariadb, dir, port, password, command)
    }

    /// Prometheus scraping `http://{target}{path}` every second, with its storage in its
    /// directory; its HTTP API at [`Server::url`].
    pub fn prometheus(target: SocketAddr, path: &str) -> Server {
        let (dir, port, password) = prepare(Kind::Prometheus);
        let config = format!(
            "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n  - job_name: healthcheck\n    metrics_path: {path}\n    static_configs:\n      - targets: ['{target}']\n"
        );
        fs::write(dir.join("prometheus.yml"), config).unwrap();
        let mut command = Command::new("prometheus");
        command
            .arg(format!(
                "--config.file={}",
                dir.join("prometheus.yml").display()
            ))
            .arg(format!(
                "--storage.tsdb.path={}",
                dir.join("data").display()
            ))
            .arg(format!("--web.listen-address=127.0.0.1:{port}"));
        Server::start(Kind::Prometheus, dir, port, password, command)
    }

    fn start(
        kind: Kind,
        dir: PathBuf,
        port: u16,
        password: String,
        mut command: Command,
    ) -> Server {
        let log = fs::File::create(dir.join("server.log")).unwrap();
        command
            .stdin(Stdio::null())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            // A group of its own: PostgreSQL's backends are frozen and stopped with it.
            .process_group(0);
        let process = command
            .spawn()
            .unwrap_or_else(|error| {
                panic!("start {kind:?}: {error}; the tests start Debian's redis-server, postgresql, mariadb-server and prometheus, which .ci/run installs")
            });
        let watchdog = watchdog(Some(process.id()), &dir);
        let mut server = Server {
            kind,
            port,
            password,
            dir,
            process: Some(process),
            watchdog,
        };
        server.wait_until_ready();
        server
    }

    fn wait_until_ready(&mut self) {
        let started = Instant::now();
        while !self.answers() {
            let exited = self.process.as_mut().unwrap().try_wait().unwrap();
            assert!(
                exited.is_none() && started.elapsed() < START_LIMIT,
                "{:?} did not start ({exited:?}):\n{}",
                self.kind,
                self.log()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Whether the server answers its protocol's greeting (not merely accepts connections).
    fn answers(&self) -> bool {
        match self.kind {
            Kind::Redis => greeting(self.port, b"PING\r\n").is_some_and(|answer| {
                answer.starts_with(b"+PONG") || answer.starts_with(b"-NOAUTH")
            }),
            // The first packet of a MySQL connection is the server's handshake (protocol 10).
            Kind::Mariadb => {
                greeting(self.port, b"").is_some_and(|packet| packet.len() > 4 && packet[4] == 10)
            }
            Kind::Postgres => Command::new(postgres_bin().join("pg_isready"))
                .args([
                    "-q",
                    "-h",
                    "127.0.0.1",
                    "-p",
                    &self.port.to_string(),
                    "-t",
                    "1",
                ])
                .status()
                .is_ok_and(|status| status.success()),
            Kind::Prometheus => {
                greeting(self.port, b"GET /-/ready HTTP/1.0\r\n\r\n").is_some_and(|answer| {
                    answer.starts_with(b"HTTP/1.0 200") || answer.starts_with(b"HTTP/1.1 200")
                })
            }
        }
    }

    /// The URL of this server with the planted password.
    pub fn url(&self) -> String {
        self.url_with(&self.password)
    }

    /// The URL of this server with `password` instead of the right one.
    pub fn url_with(&self, password: &str) -> String {
        let port = self.port;
        match self.kind {
            Kind::Redis => format!("redis://:{password}@127.0.0.1:{port}/0"),
            Kind::Postgres => format!("postgres://{USER}:{password}@127.0.0.1:{port}/postgres"),
            Kind::Mariadb => format!("mysql://{USER}:{password}@127.0.0.1:{port}"),
            Kind::Prometheus => format!("http://127.0.0.1:{port}"),
        }
    }

    /// Freezes the server with SIGSTOP, PostgreSQL's backends too: connections are still
    /// accepted by the kernel, but nothing answers.
    pub fn freeze(&self) {
        self.signal("STOP");
    }

    /// Lets a frozen server go on.
    pub fn thaw(&self) {
        self.signal("CONT");
    }

    /// Signals the server's process group and, since PostgreSQL's backends each make a
    /// session of their own (`setsid`), every child of its process.
    fn signal(&self, signal: &str) {
        if let Some(process) = &self.process {
            let mut groups = children_of(process.id());
            groups.push(process.id());
            signal_groups(&groups, signal);
        }
    }

    /// Stops the server and waits for it to exit; its port then refuses connections.
    pub fn stop(&mut self) {
        let Some(mut process) = self.process.take() else {
            return;
        };
        let group = process.id();
        signal_group(group, "CONT");
        // SIGINT is PostgreSQL's fast shutdown; the others stop on SIGTERM.
        signal_group(
            group,
            if self.kind == Kind::Postgres {
                "INT"
            } else {
                "TERM"
            },
        );
        let asked = Instant::now();
        while process.try_wait().unwrap().is_none() {
            if asked.elapsed() > Duration::from_secs(10) {
                signal_group(group, "KILL");
                process.wait().unwrap();
                break;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        // PostgreSQL's backends leave after the postmaster.
        signal_group(group, "KILL");
    }

    /// Connections to the server that it holds ESTABLISHED (from `/proc/net/tcp`): a
    /// connection its client closed is no longer counted, even while the server is frozen.
    pub fn established(&self) -> usize {
        established_to(self.port)
    }

    /// The server's log so far.
    pub fn log(&self) -> String {
        fs::read_to_string(self.dir.join("server.log")).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
        let _ = self.watchdog.kill();
        let _ = self.watchdog.wait();
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Connections ESTABLISHED whose local port is `port`, from `/proc/net/tcp`.
pub fn established_to(port: u16) -> usize {
    let table = fs::read_to_string("/proc/net/tcp").unwrap();
    table
        .lines()
        .skip(1)
        .filter(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let local_port = fields[1]
                .rsplit(':')
                .next()
                .and_then(|hex| u16::from_str_radix(hex, 16).ok());
            local_port == Some(port) && fields[3] == "01"
        })
        .count()
}

/// A fresh directory, a free port and a password for a server of `kind`.
fn prepare(kind: Kind) -> (PathBuf, u16, String) {
    static SERVERS: AtomicUsize = AtomicUsize::new(0);
    let n = SERVERS.fetch_add(1, Ordering::SeqCst);
    let pid = std::process::id();
    let dir = std::env::temp_dir().join(format!("healthcheck-{kind:?}-{pid}-{n}").to_lowercase());
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).unwrap();
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let password = format!("Planted{pid}x{n}x{nanos}Secret");
    (dir, port, password)
}

/// The first bytes a server sends after `hello`, if it answers within a second.
fn greeting(port: u16, hello: &[u8]) -> Option<Vec<u8>> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(1)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(1))).ok()?;
    stream.write_all(hello).ok()?;
    let mut answer = vec![0; 64];
    let read = stream.read(&mut answer).ok()?;
    answer.truncate(read);
    Some(answer)
}

/// The processes whose parent is `parent`, from `/proc`.
fn children_of(parent: u32) -> Vec<u32> {
    let Ok(entries) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .filter_map(|entry| {
            let pid: u32 = entry.ok()?.file_name().to_str()?.parse().ok()?;
            let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            // `pid (comm) state ppid …`, where comm may hold spaces and parentheses.
            let ppid: u32 = stat
                .rsplit_once(')')?
                .1
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()?;
            (ppid == parent).then_some(pid)
        })
        .collect()
}

/// Sends `signal` to the process group `group` (through the shell's `kill`, which every
/// Debian has).
fn signal_group(group: u32, signal: &str) {
    signal_groups(&[group], signal);
}

fn signal_groups(groups: &[u32], signal: &str) {
    let groups: Vec<String> = groups.iter().map(|group| format!("-{group}")).collect();
    let _ = Command::new("sh")
        .args([
            "-c",
            &format!("kill -{signal} {} 2>/dev/null", groups.join(" ")),
        ])
        .status();
}

/// A process that waits for this test process to end, then stops `group` and removes `dir`:
/// the cleanup of servers that are never dropped (a `static`) or whose test was killed.
fn watchdog(group: Option<u32>, dir: &Path) -> Child {
    let script = r#"
        trap '' INT TERM HUP
        while kill -0 "$1" 2>/dev/null; do sleep 0.5; done
        if [ "$2" != 0 ]; then
            kill -CONT "-$2" 2>/dev/null; kill -TERM "-$2" 2>/dev/null; kill -INT "-$2" 2>/dev/null
            sleep 3; kill -KILL "-$2" 2>/dev/null
        fi
        rm -rf "$3"
    "#;
    Command::new("sh")
        .args(["-c", script, "watchdog"])
        .arg(std::process::id().to_string())
        .arg(group.unwrap_or(0).to_string())
        .arg(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .expect("start a watchdog")
}

/// MariaDB's system tables, installed once per test process and copied for each server.
fn mariadb_template() -> &'static Path {
    static TEMPLATE: OnceLock<(PathBuf, Child)> = OnceLock::new();
    let (dir, _watchdog) = TEMPLATE.get_or_init(|| {
        let (dir, _, _) = prepare(Kind::Mariadb);
        let watchdog = watchdog(None, &dir);
        let mut install = Command::new("mariadb-install-db");
        install
            .arg("--no-defaults")
            .arg(format!("--datadir={}", dir.join("data").display()))
            .args(["--auth-root-authentication-method=normal", "--skip-test-db"])
            .arg("--skip-name-resolve");
        if is_root() {
            install.arg("--user=root");
        }
        run_to_end(install, &dir.join("install.log"));
        (dir, watchdog)
    });
    dir
}

/// Runs `command` to its end, its output to `log`; panics with the log if it fails.
fn run_to_end(mut command: Command, log: &Path) {
    let file = fs::File::create(log).unwrap();
    let status = command
        .stdin(Stdio::null())
        .stdout(file.try_clone().unwrap())
        .stderr(file)
        .status()
        .unwrap_or_else(|error| panic!("run {command:?}: {error}"));
    assert!(
        status.success(),
        "{command:?} failed:\n{}",
        fs::read_to_string(log).unwrap_or_default()
    );
}

/// The newest PostgreSQL's `bin` directory under `/usr/lib/postgresql`.
fn postgres_bin() -> PathBuf {
    let mut versions: Vec<(u32, PathBuf)> = fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL is installed (Debian's postgresql package)")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let version = path.file_name()?.to_str()?.parse().ok()?;
            path.join("bin/postgres")
                .exists()
                .then(|| (version, path.join("bin")))
        })
        .collect();
    versions.sort();
    versions
        .pop()
        .expect("a PostgreSQL version with bin/postgres")
        .1
}

fn is_root() -> bool {
    fs::metadata("/proc/self").is_ok_and(|meta| meta.uid() == 0)
}

/// The uid and gid of `user`, when this process runs as root and must hand a server to it.
fn unprivileged(user: &str) -> Option<(u32, u32)> {
    if !is_root() {
        return None;
    }
    let passwd = fs::read_to_string("/etc/passwd").unwrap();
    let line = passwd
        .lines()
        .find(|line| line.split(':').next() == Some(user))
        .unwrap_or_else(|| panic!("a `{user}` user (Debian's postgresql package makes it)"));
    let fields: Vec<&str> = line.split(':').collect();
    Some((fields[2].parse().unwrap(), fields[3].parse().unwrap()))
}

fn run_as(command: &mut Command, owner: Option<(u32, u32)>) {
    if let Some((uid, gid)) = owner {
        command.uid(uid).gid(gid);
    }
}
