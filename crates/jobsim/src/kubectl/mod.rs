//! kubectl-style views of the simulated cluster: `get`, `describe`,
//! `logs` and `-o yaml|json`, in kubectl's layout, with ages relative to
//! the virtual now.

pub mod describe;
pub mod get;
pub mod mutate;
pub mod objects;

use crate::clock::{human_duration, Time};
use crate::world::World;

pub(crate) fn age(w: &World, t: Time) -> String {
    human_duration(w.now.since(t))
}

pub(crate) fn wall(w: &World, t: Time) -> i64 {
    w.unix_of(t)
}

/// Runs a kubectl command line (without the leading `kubectl`) against the
/// world at its current time.
pub fn run(w: &World, args: &[String]) -> Result<String, String> {
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut output: Option<&str> = None;
    let mut container: Option<&str> = None;
    let mut rest: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < a.len() {
        match a[i] {
            "-o" | "--output" => {
                output = Some(
                    a.get(i + 1)
                        .copied()
                        .ok_or("error: flag needs an argument: 'o' in -o")?,
                );
                i += 2;
                continue;
            }
            s if s.starts_with("-o") && s.len() > 2 => output = Some(&s[2..]),
            s if s.starts_with("--output=") => output = Some(&s[9..]),
            "-c" | "--container" => {
                container = Some(
                    a.get(i + 1)
                        .copied()
                        .ok_or("error: flag needs an argument: 'c' in -c")?,
                );
                i += 2;
                continue;
            }
            "-n" | "--namespace" => {
                if a.get(i + 1) != Some(&"default") {
                    return Err("error: the playground has only the \"default\" namespace".into());
                }
                i += 2;
                continue;
            }
            "-A" | "--all-namespaces" => {}
            s => rest.push(s),
        }
        i += 1;
    }
    let usage = "error: supported commands: get pods|jobs|cronjobs|nodes|events [-o wide|yaml|json], get job|cronjob NAME -o yaml|json, describe job|cronjob|pod|node NAME, logs POD [-c CONTAINER]";
    let (verb, args) = rest.split_first().ok_or(usage)?;
    match *verb {
        "get" => {
            let (res, names) = args.split_first().ok_or("error: you must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.")?;
            let (kind, name_from_slash) = match res.split_once('/') {
                Some((k, n)) => (k, Some(n)),
                None => (*res, None),
            };
            let name = name_from_slash.or(names.first().copied());
            let kinds: Vec<&str> = kind.split(',').filter(|k| !k.is_empty()).collect();
            let mut canon = Vec::new();
            for k in &kinds {
                canon.push(canonical_kind(k).ok_or_else(|| {
                    format!("error: the server doesn't have a resource type \"{k}\"")
                })?);
            }
            if canon.len() == 1 {
                return get::get(w, canon[0], name, output, "");
            }
            // Several kinds: one table each, names prefixed with the kind.
            let mut parts = Vec::new();
            for k in canon {
                let prefix = match k {
                    "job" => "job.batch/",
                    "cronjob" => "cronjob.batch/",
                    "pod" => "pod/",
                    "node" => "node/",
                    _ => "",
                };
                let table = get::get(w, k, name, output, prefix)?;
                if table != get::NONE_FOUND {
                    parts.push(table);
                }
            }
            Ok(parts.join("\n"))
        }
        "describe" => {
            let (res, names) = args.split_first().ok_or("error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.")?;
            let (kind, name) = match res.split_once('/') {
                Some((k, n)) => (k, Some(n)),
                None => (*res, names.first().copied()),
            };
            let kind = canonical_kind(kind).ok_or_else(|| {
                format!("error: the server doesn't have a resource type \"{kind}\"")
            })?;
            describe::describe(w, kind, name)
        }
        "logs" => {
            let pod = args.first().ok_or("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command")?;
            let pod = pod.strip_prefix("pod/").unwrap_or(pod);
            get::logs(w, pod, container)
        }
        other => Err(format!(
            "error: unknown command \"{other}\" for \"kubectl\" in the playground\n{usage}"
        )),
    }
}

/// Resource names and short names kubectl accepts.
pub fn canonical_kind(s: &str) -> Option<&'static str> {
    Some(match s.to_ascii_lowercase().as_str() {
        "po" | "pod" | "pods" => "pod",
        "job" | "jobs" | "job.batch" | "jobs.batch" => "job",
        "no" | "node" | "nodes" => "node",
        "ev" | "event" | "events" => "event",
        "cj" | "cronjob" | "cronjobs" => "cronjob",
        _ => return None,
    })
}

pub(crate) fn not_found(kind: &str, name: &str) -> String {
    let plural = match kind {
        "job" => "jobs.batch",
        "pod" => "pods",
        "node" => "nodes",
        "cronjob" => "cronjobs.batch",
        _ => "events",
    };
    format!("Error from server (NotFound): {plural} \"{name}\" not found")
}
