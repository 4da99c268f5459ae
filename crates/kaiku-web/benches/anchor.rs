//! The limit anchors of `../shared/bench`, run by the benchmarks themselves so
//! that a figure is printed beside the least a correct box office must do on
//! this machine at that moment: the shared machine's speed changes from one
//! minute to the next, a ratio from the same run does not.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shared_bench() -> PathBuf {
    std::env::var_os("KAIKU_BENCH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("../shared/bench"))
}

/// The SQLite limit server, built once into `target/limit` when its source is
/// there; `None` (and a line saying why) when it cannot be had.
pub struct LimitServer {
    child: Child,
    dir: PathBuf,
    pub addr: std::net::SocketAddr,
}

impl LimitServer {
    pub async fn start() -> Option<LimitServer> {
        let manifest = shared_bench().join("limit/Cargo.toml");
        let target = workspace().join("target/limit");
        let binary = target.join("release/limit");
        if !binary.exists() {
            if !manifest.exists() {
                eprintln!("no limit anchor: {} is missing", manifest.display());
                return None;
            }
            eprintln!("building the SQLite limit anchor once (about a minute)");
            let ok = Command::new(env!("CARGO"))
                .args(["build", "--release", "-q", "--manifest-path"])
                .arg(&manifest)
                .arg("--target-dir")
                .arg(&target)
                .status()
                .is_ok_and(|s| s.success());
            if !ok {
                eprintln!("no limit anchor: it did not build");
                return None;
            }
        }
        let dir = std::env::temp_dir().join(format!("kaiku-limit-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).ok()?;
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").ok()?;
            l.local_addr().ok()?.port()
        };
        let child = Command::new(&binary)
            .arg(dir.join("limit.db"))
            .arg(port.to_string())
            .stdout(Stdio::null())
            .spawn()
            .ok()?;
        let addr: std::net::SocketAddr = ([127, 0, 0, 1], port).into();
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(addr).await.is_ok() {
                return Some(LimitServer { child, dir, addr });
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        None
    }
}

impl Drop for LimitServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// PostgreSQL's two anchors by pgbench (64 clients, 10 s) on a database
/// `pglimit` beside kaiku's: one insert per transaction with group commit,
/// and the naive capped record. Transactions a second, or `None`.
pub fn postgres(url: &str) -> Option<(f64, f64)> {
    let base = url.rsplit_once('/').map(|(b, _)| b)?;
    let pglimit = format!("{base}/pglimit");
    // Made once; "already exists" is the usual answer.
    let _ = Command::new("psql")
        .args([url, "-q", "-c", "create database pglimit"])
        .stderr(Stdio::null())
        .stdout(Stdio::null())
        .status();
    let setup = "drop table if exists items, tickets; \
        create table items(id int primary key, cap int, used int not null default 0); \
        insert into items values (1, 100000000, 0); \
        create table tickets(id bigserial primary key, item int not null, code text not null, unique(item, code));";
    let ok = Command::new("psql")
        .args([pglimit.as_str(), "-q", "-c", setup])
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        eprintln!("no PostgreSQL anchor: psql could not set up {pglimit}");
        return None;
    }
    let run = |script: &str| -> Option<f64> {
        let out = Command::new("pgbench")
            .args(["-n", "-c", "64", "-j", "2", "-T", "10", "-f"])
            .arg(shared_bench().join(script))
            .arg(&pglimit)
            .output()
            .ok()?;
        let text = String::from_utf8_lossy(&out.stdout);
        text.lines()
            .find_map(|l| l.strip_prefix("tps = "))
            .and_then(|l| l.split_whitespace().next())
            .and_then(|v| v.parse().ok())
    };
    Some((run("pg-insert.sql")?, run("pg-capped-record.sql")?))
}

/// The server's memory now and at its peak, from `/proc` (the load generator
/// shares the process; its part is a few megabytes).
pub fn rss() -> String {
    memory("/proc/self/status")
}

/// The same of another process.
pub fn rss_of(pid: u32) -> String {
    memory(&format!("/proc/{pid}/status"))
}

fn memory(path: &str) -> String {
    let status = std::fs::read_to_string(path).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|| "?".into())
    };
    format!(
        "resident memory at the end: {} (peak {})",
        field("VmRSS:"),
        field("VmHWM:")
    )
}
