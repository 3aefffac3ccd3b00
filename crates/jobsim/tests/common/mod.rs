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

/// The core's source files (`job/state.rs` -> text), without their unit
/// tests (a test may prepare any state): what the structure lints read.
pub fn core_sources() -> std::collections::BTreeMap<String, String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let rel = p
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                let src = std::fs::read_to_string(&p).unwrap();
                let src = match src.find("#[cfg(test)]") {
                    Some(i) => src[..i].to_string(),
                    None => src,
                };
                out.insert(rel, src);
            }
        }
    }
    out
}
