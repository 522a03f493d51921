//! Golden CLI tests: each `tests/golden/NAME.toml` runs `rolefit` in `tests/golden/docs/` with
//! its arguments and must give exactly `NAME.stdout`, `NAME.stderr` and the exit status it
//! names. After a deliberate change of output, rewrite the expected files with
//!
//!     TRYCMD=overwrite cargo test --test golden
//!
//! and read the diff before committing it.

#[test]
fn golden() {
    trycmd::TestCases::new().case("tests/golden/*.toml");
}
