//! Only the pod-lifecycle part of `jobsim bench`, for profilers:
//! `cargo build --profile cli --example bench_pods && perf record ... target/cli/examples/bench_pods`.

fn main() {
    let completions = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let start = std::time::Instant::now();
    let mut w = jobsim::bench::world(completions, 1000, 100, 0.1);
    w.run_to_end();
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} pods, {} events in {secs:.3} s -> {:.0} pods/s",
        w.pods_created(),
        w.processed(),
        w.pods_created() as f64 / secs
    );
    println!("event records kept: {}", w.events().ids().len());
}
