//! `tests/fixtures/bench-100k.yaml` is the benchmark scenario the browser
//! performance test pastes into the editor; it must stay the one
//! `jobsim bench` runs. Regenerate with `UPDATE_GOLDEN=1`.

#[test]
fn bench_fixture_is_the_cli_benchmark_scenario() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/bench-100k.yaml"
    );
    let text = jobsim::bench::scenario_text(100_000, 1000, 100, 0.1);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(path, &text).unwrap();
    }
    assert_eq!(std::fs::read_to_string(path).unwrap(), text);
}
