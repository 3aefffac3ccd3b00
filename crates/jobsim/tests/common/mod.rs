#![allow(dead_code)]
use jobsim::{Time, World};

pub fn fixture(name: &str) -> String {
    let path = format!("{}/../../tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn world(text: &str) -> World {
    World::from_text(text, None).unwrap_or_else(|e| panic!("{e:?}"))
}

pub fn finished(text: &str) -> World {
    let mut w = world(text);
    w.run_to_end();
    w
}

pub fn kubectl(w: &World, args: &str) -> String {
    let args: Vec<String> = args.split_whitespace().map(String::from).collect();
    jobsim::kubectl::run(w, &args).unwrap_or_else(|e| panic!("{e}"))
}

pub fn secs(t: Time) -> f64 {
    t.ms() as f64 / 1000.0
}

/// A Job manifest with the given spec lines (indented under `spec:`) and
/// one busybox container running `script`.
pub fn job(name: &str, spec: &str, restart: &str, script: &str) -> String {
    format!(
        "apiVersion: batch/v1
kind: Job
metadata:
  name: {name}
spec:
{spec}
  template:
    spec:
      restartPolicy: {restart}
      containers:
      - name: main
        image: busybox:1.36
        command: [sh, -c, '{script}']
"
    )
}
