//! Build script of the crates whose tests run on both backends: the
//! PostgreSQL variants of `on_both!` are compiled as ignored unless
//! `KAIKU_TEST_POSTGRES_URL` is set, so that `cargo test` reports them as
//! not run instead of as passed.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(kaiku_pg)");
    println!("cargo::rerun-if-env-changed=KAIKU_TEST_POSTGRES_URL");
    if std::env::var_os("KAIKU_TEST_POSTGRES_URL").is_some_and(|v| !v.is_empty()) {
        println!("cargo::rustc-cfg=kaiku_pg");
    }
}
