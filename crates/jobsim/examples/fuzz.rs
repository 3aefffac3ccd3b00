//! Stable-toolchain fuzzing: mutates real manifests (and hostile shapes)
//! with a seeded PRNG and runs each through `jobsim::fuzzing::run_one`,
//! reporting the slowest input. `cargo run --release -p jobsim --example fuzz -- [ITERATIONS] [SEED]`

use std::time::Instant;

const SEEDS: [&str; 5] = [
    include_str!("../../../tests/fixtures/abnormal-end.yaml"),
    include_str!("../../../tests/fixtures/abnormal-end-two-containers.yaml"),
    include_str!("../../../tests/fixtures/pi.yaml"),
    include_str!("../../../tests/fixtures/node-crash.yaml"),
    include_str!("../../../tests/fixtures/gpu.yaml"),
];

const TOKENS: [&str; 24] = [
    "{",
    "}",
    "[",
    "]",
    ":",
    "- ",
    "&a ",
    "*a",
    "---\n",
    "\t",
    "\"",
    "'",
    "99999999999",
    "-1",
    "0",
    "null",
    "completions: 100000",
    "parallelism: 100000",
    "backoffLimit: 0",
    "restartPolicy: OnFailure",
    "completionMode: Indexed",
    "\n  ",
    "apiVersion: v1\nkind: List\nitems: [",
    "sleep 86400; exit 3",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, input: &str) -> String {
    let mut s = input.to_string();
    for _ in 0..1 + rng.below(4) {
        let at = {
            let mut i = rng.below(s.len() + 1);
            while !s.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        match rng.below(4) {
            0 => s.insert_str(at, TOKENS[rng.below(TOKENS.len())]),
            1 => {
                let mut end = (at + rng.below(12)).min(s.len());
                while !s.is_char_boundary(end) {
                    end -= 1;
                }
                s.replace_range(at..end, "");
            }
            2 => {
                let other = SEEDS[rng.below(SEEDS.len())];
                s.push_str("\n---\n");
                s.push_str(other);
            }
            _ => s = s.replacen(": 1", &format!(": {}", rng.next() % 200_000), 1),
        }
    }
    s
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let iterations: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(2000);
    let mut rng = Rng(args
        .get(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(0x9e37_79b9_7f4a_7c15));
    let hostile: Vec<String> = vec![
        "#".repeat(jobsim::manifest::MAX_BYTES + 1),
        "apiVersion: v1\nkind: Node\nmetadata: {name: n}\n---\n".repeat(1001),
        format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000)),
        "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n".into(),
        SEEDS[0].replace("completions: 1", "completions: 99999999999"),
        SEEDS[0].replace("completions: 1\n  parallelism: 1", "completions: 100000\n  parallelism: 100000"),
    ];
    let mut slowest = (0.0f64, String::new());
    let mut timings: Vec<(f64, usize)> = Vec::new();
    let mut worlds = 0;
    let total = Instant::now();
    let inputs = hostile.into_iter().chain((0..iterations).map(|_| {
        let base = SEEDS[rng.below(SEEDS.len())];
        mutate(&mut rng, base)
    }));
    for (i, input) in inputs.enumerate() {
        let t = Instant::now();
        if jobsim::fuzzing::run_one(input.as_bytes()) > 0 {
            worlds += 1;
        }
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        timings.push((ms, i));
        if ms > slowest.0 {
            slowest = (ms, format!("input #{i} ({} bytes)", input.len()));
            if let Ok(path) = std::env::var("FUZZ_SLOWEST") {
                let _ = std::fs::write(path, &input);
            }
        }
    }
    println!(
        "hostile inputs (ms): {:?}",
        timings
            .iter()
            .take(6)
            .map(|t| (t.0 * 10.0).round() / 10.0)
            .collect::<Vec<_>>()
    );
    println!(
        "{} inputs in {:.2} s, {worlds} simulated; slowest {:.1} ms: {}",
        iterations + 6,
        total.elapsed().as_secs_f64(),
        slowest.0,
        slowest.1
    );
}
