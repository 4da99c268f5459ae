//! `kaiku`: the Kaikukortti register in one binary.

mod demo;
mod import;

use anyhow::{Context, Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};
use kaiku_app::Caller;
use kaiku_app::i18n::Tr;
use kaiku_core::org::Lang;
use kaiku_core::policy::Operator;
use kaiku_store::Store;
use std::io::{BufRead, IsTerminal};
use std::net::SocketAddr;
use std::time::Duration;

#[derive(Parser)]
#[command(
    name = "kaiku",
    version,
    about = "The Kaikukortti register: cards, venues, tickets and statistics"
)]
struct Cli {
    /// Database: sqlite://PATH (created if missing) or postgres://USER@HOST/DB
    #[arg(
        long,
        env = "KAIKU_DATABASE_URL",
        default_value = "sqlite://kaiku.db",
        global = true
    )]
    database_url: String,
    /// Log lines as text or as JSON objects
    #[arg(long, env = "KAIKU_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    log_format: LogFormat,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web screens and the API
    Serve(ServeArgs),
    /// Create demo data (idempotently), print the demo logins, and serve
    Demo {
        #[command(flatten)]
        serve: ServeArgs,
        /// Only create the demo data and print the logins; do not serve
        #[arg(long)]
        seed_only: bool,
    },
    /// Anonymise the records of cards expired before a date (R-PRIV-3):
    /// codes become random ids, birth years age groups, postal codes areas
    Anonymise {
        /// Cards whose validity ended before this day (YYYY-MM-DD)
        #[arg(long)]
        expired_before: chrono::NaiveDate,
        /// Only count what would change
        #[arg(long)]
        dry_run: bool,
    },
    /// Import a sheet (XLSX or CSV): a venue's uses or a point's transfer
    /// forms. Every row is checked first and shown; the accepted rows are
    /// then written in one transaction
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Write a consistent copy of a SQLite register to FILE while it
    /// serves, and check it (on PostgreSQL use pg_dump)
    Backup {
        /// The new backup file; an existing file is never overwritten
        file: std::path::PathBuf,
    },
    /// Bring a backup FILE back as the register named by --database-url,
    /// which must not exist yet; the file is checked first
    Restore {
        /// The backup file
        file: std::path::PathBuf,
    },
    /// Operator tasks
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Subcommand)]
enum ImportWhat {
    /// Uses of a venue: card code, adults, children, event or course, date
    Usage {
        file: std::path::PathBuf,
        /// The venue's id, as in its address /venues/ID
        #[arg(long)]
        venue: i64,
        #[command(flatten)]
        options: ImportArgs,
    },
    /// Transfer forms of a distribution point: card code, grant date, birth
    /// year and background data
    Issuance {
        file: std::path::PathBuf,
        /// The point's id, as in its address /points/ID/cards
        #[arg(long)]
        point: i64,
        /// The issuers checked that every client was at least 16 (R-CARD-3)
        #[arg(long)]
        confirmed_at_least_16: bool,
        #[command(flatten)]
        options: ImportArgs,
    },
}

#[derive(Args)]
struct ImportArgs {
    /// Only check and show the rows; write nothing
    #[arg(long)]
    dry_run: bool,
    /// Write the accepted rows even though some are refused
    #[arg(long)]
    only_accepted: bool,
    /// Language of the table and the reasons: fi, sv or en
    #[arg(long, default_value = "en")]
    lang: String,
}

impl ImportArgs {
    fn options(self) -> import::Options {
        import::Options {
            dry_run: self.dry_run,
            only_accepted: self.only_accepted,
            lang: self.lang,
        }
    }
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create a national administrator (the first account); the password is
    /// read from standard input, or asked for on a terminal
    Create {
        #[arg(long)]
        username: String,
    },
}

#[derive(Args, Clone)]
struct ServeArgs {
    /// Address and port to listen on
    #[arg(long, env = "KAIKU_LISTEN", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// Public address of the service, e.g. https://kaiku.example.fi
    #[arg(long, env = "KAIKU_BASE_URL")]
    base_url: Option<String>,
    /// Send cookies without `Secure`, for plain HTTP on a laptop
    #[arg(long, env = "KAIKU_INSECURE_COOKIES", default_value_t = false)]
    insecure_cookies: bool,
    /// Largest uploaded file, in MiB
    #[arg(long, env = "KAIKU_UPLOAD_LIMIT_MB", default_value_t = 16)]
    upload_limit_mb: usize,
    /// Trust the last X-Forwarded-For address (only behind your own proxy)
    #[arg(long, env = "KAIKU_BEHIND_PROXY", default_value_t = false)]
    behind_proxy: bool,
    /// Serve Prometheus metrics at http://ADDR/metrics, on a listener of
    /// their own (keep it off the public network)
    #[arg(long, env = "KAIKU_METRICS_LISTEN")]
    metrics_listen: Option<SocketAddr>,
    /// Take a backup of the SQLite register into this folder on a schedule
    #[arg(long, env = "KAIKU_BACKUP_DIR")]
    backup_dir: Option<std::path::PathBuf>,
    /// How often to take a backup: 30m, 6h, 1d …
    #[arg(long, env = "KAIKU_BACKUP_EVERY", default_value = "1d", value_parser = every)]
    backup_every: Duration,
    /// How many scheduled backups to keep (the oldest go first)
    #[arg(long, env = "KAIKU_BACKUP_KEEP", default_value_t = 14)]
    backup_keep: usize,
}

/// A period as an operator writes it: a number and m, h or d.
fn every(raw: &str) -> std::result::Result<Duration, String> {
    let raw = raw.trim();
    let (n, unit) = raw.split_at(raw.len().saturating_sub(1));
    let n: u64 = n
        .parse()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("write a number and m, h or d, such as 6h (not {raw:?})"))?;
    let secs = match unit {
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => {
            return Err(format!(
                "write a number and m, h or d, such as 6h (not {raw:?})"
            ));
        }
    };
    Ok(Duration::from_secs(n * secs))
}

/// The operator's authority for this command: whoever runs `kaiku` at the
/// command line holds the database itself, so its tasks go through the same
/// services as a request, with a caller that may do everything.
fn operator() -> Operator {
    // SAFETY: no memory is at stake; `unsafe` marks the one place that takes
    // the operator's authority, which the web and service crates cannot.
    unsafe { Operator::assume() }
}

/// The operator's proof of the service's upkeep: backups, housekeeping.
fn upkeep() -> kaiku_core::policy::Maintenance {
    kaiku_core::policy::maintenance(&kaiku_core::policy::Principal::operator(&operator()))
        .expect("the operator keeps the service")
}

/// The operator as a caller of the services, messages in English.
fn operator_caller(op: &Operator, task: &str) -> Caller {
    Caller::operator(op, task, Tr(Lang::En))
}

fn main() -> Result<()> {
    let cli = Cli::parse();
    init_logs(cli.log_format);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run(cli))
}

fn init_logs(format: LogFormat) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,tower_http=info".into());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().init(),
    }
}

fn open(url: &str) -> Result<Store> {
    let shown = kaiku_store::DatabaseUrl::parse(url)
        .map(|u| u.redacted())
        .unwrap_or_else(|_| url.to_string());
    Store::open(url).with_context(|| format!("cannot open the database {shown}"))
}

async fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Serve(args) => {
            let store = open(&cli.database_url)?;
            serve(store, args).await
        }
        Command::Demo {
            serve: mut args,
            seed_only,
        } => {
            let store = open(&cli.database_url)?;
            let logins = demo::seed(&store, &operator()).await?;
            if seed_only {
                println!(
                    "demo data is in place; `kaiku demo` serves it at http://{}/login",
                    args.listen
                );
            } else {
                if !args.insecure_cookies {
                    args.insecure_cookies = true;
                    eprintln!(
                        "demo: cookies are sent without `Secure` so that plain http:// works on this machine."
                    );
                }
                println!("\nkaiku demo is running: http://{}/login\n", args.listen);
            }
            println!("  {:<16} {:<24} role", "username", "password");
            for (user, pass, role) in &logins {
                println!("  {user:<16} {pass:<24} {role}");
            }
            println!();
            if seed_only {
                return Ok(());
            }
            serve(store, args).await
        }
        Command::Anonymise {
            expired_before,
            dry_run,
        } => {
            let store = open(&cli.database_url)?;
            let caller = operator_caller(&operator(), "cli");
            let input = kaiku_app::privacy::AnonymiseInput {
                expired_before: expired_before.to_string(),
                dry_run,
                csrf: None,
            };
            let counts = kaiku_app::privacy::anonymise(&store, &caller, &input)
                .await
                .map_err(|e| anyhow::anyhow!("{}", e.message(&caller.tr)))?;
            println!(
                "{} {} cards expired before {expired_before} ({} history entries)",
                if dry_run {
                    "would anonymise"
                } else {
                    "anonymised"
                },
                counts.cards.unwrap_or_default(),
                counts.events.unwrap_or_default()
            );
            Ok(())
        }
        Command::Import { what } => {
            let store = open(&cli.database_url)?;
            match what {
                ImportWhat::Usage {
                    file,
                    venue,
                    options,
                } => import::usage(&store, &operator(), &file, venue, &options.options()).await,
                ImportWhat::Issuance {
                    file,
                    point,
                    confirmed_at_least_16,
                    options,
                } => {
                    import::issuance(
                        &store,
                        &operator(),
                        &file,
                        point,
                        confirmed_at_least_16,
                        &options.options(),
                    )
                    .await
                }
            }
        }
        Command::Backup { file } => {
            let store = open(&cli.database_url)?;
            let target = file.clone();
            let checked = store
                .read(move |c| kaiku_store::backup::backup(c, &upkeep(), &target))
                .await?;
            println!(
                "backup written to {} and checked (schema {})",
                file.display(),
                checked.schema
            );
            Ok(())
        }
        Command::Restore { file } => {
            let Ok(kaiku_store::DatabaseUrl::Sqlite(path)) =
                kaiku_store::DatabaseUrl::parse(&cli.database_url)
            else {
                bail!("kaiku restore brings back a SQLite register; on PostgreSQL use pg_restore");
            };
            let checked = kaiku_store::backup::restore(&file, std::path::Path::new(&path))?;
            // Opening it brings the schema up to this version.
            open(&cli.database_url)?;
            println!(
                "restored {} as {path} (schema {}{})",
                file.display(),
                checked.schema,
                match checked.behind {
                    0 => String::new(),
                    n => format!(", brought up to date by {n} migrations"),
                }
            );
            Ok(())
        }
        Command::Admin {
            command: AdminCommand::Create { username },
        } => {
            let store = open(&cli.database_url)?;
            let password = read_password()?;
            create_admin(&store, &username, &password).await?;
            println!(
                "created national administrator {}",
                username.trim().to_lowercase()
            );
            Ok(())
        }
    }
}

fn read_password() -> Result<String> {
    let stdin = std::io::stdin();
    let password = if stdin.is_terminal() {
        let first = rpassword::prompt_password("Password: ")?;
        let again = rpassword::prompt_password("Password again: ")?;
        if first != again {
            bail!("the passwords differ");
        }
        first
    } else {
        let mut line = String::new();
        stdin.lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_string()
    };
    Ok(password)
}

/// Creates a national administrator from the command line.
pub async fn create_admin(store: &Store, username: &str, password: &str) -> Result<()> {
    let caller = operator_caller(&operator(), "cli");
    kaiku_app::accounts::create_national_admin(store, &caller, username, password)
        .await
        .map(|_| ())
        .map_err(|e| match e {
            kaiku_app::AppError::Conflict("username_taken") => {
                anyhow::anyhow!("the username is taken already")
            }
            e => anyhow::anyhow!("{}", e.message(&caller.tr)),
        })
}

async fn serve(store: Store, args: ServeArgs) -> Result<()> {
    let config = kaiku_web::Config {
        secure_cookies: !args.insecure_cookies,
        base_url: args.base_url,
        upload_limit: args.upload_limit_mb * 1024 * 1024,
        behind_proxy: args.behind_proxy,
        request_timeout: Duration::from_secs(30),
    };
    let backend = store.backend();
    if let Some(addr) = args.metrics_listen {
        if addr == args.listen {
            bail!("--metrics-listen must not be the public --listen address");
        }
        let handle = metrics_exporter_prometheus::PrometheusBuilder::new()
            .set_buckets(&[
                0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
            ])
            .context("metrics buckets")?
            .install_recorder()
            .context("cannot start the metrics recorder")?;
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("cannot listen for metrics on {addr}"))?;
        tracing::info!(listen = %addr, "metrics served at /metrics");
        tokio::spawn(serve_metrics(listener, handle, store.clone()));
    }
    tokio::spawn(housekeeping(store.clone()));
    if let Some(dir) = args.backup_dir {
        if backend != "sqlite" {
            bail!("--backup-dir backs up a SQLite register; on PostgreSQL use pg_dump");
        }
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot make the backup folder {}", dir.display()))?;
        tokio::spawn(scheduled_backups(
            store.clone(),
            dir,
            args.backup_every,
            args.backup_keep,
        ));
    }
    let app = kaiku_web::router(store, config);
    let listener = tokio::net::TcpListener::bind(args.listen)
        .await
        .with_context(|| format!("cannot listen on {}", args.listen))?;
    tracing::info!(listen = %args.listen, backend, "kaiku serving");
    axum_serve(listener, app).await
}

/// When this process last took a good backup (for the metrics).
static NEWEST_BACKUP: std::sync::Mutex<Option<std::time::Instant>> = std::sync::Mutex::new(None);

/// Prometheus metrics on their own listener (R-OPS-2): what the recorder
/// counted, and the gauges read at the moment of the scrape.
async fn serve_metrics(
    listener: tokio::net::TcpListener,
    handle: metrics_exporter_prometheus::PrometheusHandle,
    store: Store,
) {
    let render = move || {
        let (in_use, open) = store.pool_use();
        metrics::gauge!("kaiku_db_pool_connections_in_use").set(in_use);
        metrics::gauge!("kaiku_db_pool_connections").set(open);
        metrics::gauge!("kaiku_writer_queue_depth").set(Store::writes_waiting() as f64);
        let newest = *NEWEST_BACKUP.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(at) = newest {
            metrics::gauge!("kaiku_backup_newest_age_seconds").set(at.elapsed().as_secs_f64());
        }
        handle.render()
    };
    let app = axum::Router::new().route(
        "/metrics",
        axum::routing::get(move || {
            let render = render.clone();
            async move { render() }
        }),
    );
    if let Err(e) = axum::serve(listener, app).await {
        tracing::error!(error = %e, "the metrics listener stopped");
    }
}

/// Housekeeping (R-OPS-3) every ten minutes, the first a minute after start.
async fn housekeeping(store: Store) {
    let mut tick = tokio::time::interval_at(
        tokio::time::Instant::now() + Duration::from_secs(60),
        Duration::from_secs(600),
    );
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let swept = kaiku_store::housekeeping::sweep(&store, upkeep(), kaiku_store::now(), |chore, n| {
            metrics::counter!("kaiku_housekeeping_removed_total", "kind" => chore.as_ref().to_string())
                .increment(n as u64);
        })
        .await;
        if let Err(e) = swept {
            tracing::warn!(error = %e, "housekeeping did not finish; it runs again later");
        }
    }
}

/// A backup now and then every `every`, each checked after writing; the
/// oldest beyond `keep` go. A failed backup is logged as an error and the
/// backups before it stay.
async fn scheduled_backups(store: Store, dir: std::path::PathBuf, every: Duration, keep: usize) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let file = kaiku_store::backup::scheduled_name(&dir, kaiku_store::now());
        let target = file.clone();
        let taken = store
            .read(move |c| kaiku_store::backup::backup(c, &upkeep(), &target))
            .await;
        match taken {
            Ok(_) => {
                metrics::counter!("kaiku_backups_total", "outcome" => "ok").increment(1);
                *NEWEST_BACKUP.lock().unwrap_or_else(|p| p.into_inner()) =
                    Some(std::time::Instant::now());
                tracing::info!(file = %file.display(), "backup taken and checked");
                if let Err(e) = kaiku_store::backup::prune(&dir, keep) {
                    tracing::error!(error = %e, "old backups could not be removed");
                }
            }
            Err(e) => {
                metrics::counter!("kaiku_backups_total", "outcome" => "failed").increment(1);
                tracing::error!(error = %e, "backup failed; the earlier backups are kept");
            }
        }
    }
}

/// How long requests in flight may take to finish after `SIGTERM`: a
/// little more than the longest request may run.
const GRACE: Duration = Duration::from_secs(35);

/// Serves until `SIGTERM` or Ctrl-C; then new connections are refused and
/// requests in flight finish, for at most [`GRACE`].
async fn axum_serve(listener: tokio::net::TcpListener, app: axum::Router) -> Result<()> {
    let (stopping, mut stopped) = tokio::sync::watch::channel(false);
    let server = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown().await;
        let _ = stopping.send(true);
    });
    let grace = async move {
        let _ = stopped.wait_for(|s| *s).await;
        tokio::time::sleep(GRACE).await;
    };
    tokio::select! {
        served = server => served?,
        _ = grace => tracing::warn!("requests still running after the grace period; stopping"),
    }
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}
