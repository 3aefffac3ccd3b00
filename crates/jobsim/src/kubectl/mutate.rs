//! The kubectl commands that change the cluster: `delete pod|job` (with
//! `--cascade`), `cordon`, `uncordon`, `drain`, `label node` and `patch
//! job` (merge or JSON patch, checked as an update). Each becomes a Scenario verb (so a
//! driver records it at the current virtual time and a replay does the
//! same) and kubectl's reply; an object that does not exist is kubectl's
//! NotFound error.

use super::not_found;
use crate::scenario::{JobPatch, JobSpecPatch, Verb};
use crate::world::World;

/// `None` when `args` is not a mutating command (the caller reads it with
/// `kubectl::run`).
pub fn mutation(w: &World, args: &[String]) -> Option<Result<(Verb, String), String>> {
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    let verb = *a.first()?;
    let r = match verb {
        "delete" => delete(w, &a[1..]),
        "cordon" | "uncordon" | "drain" => node_verb(w, verb, &a[1..]),
        "patch" => patch(w, &a[1..]),
        "label" => label(w, &a[1..]),
        _ => return None,
    };
    Some(r)
}

/// `kind NAME` or `kind/NAME`.
fn kind_and_name<'a>(a: &[&'a str]) -> Result<(&'a str, &'a str), String> {
    match a {
        [k, n, ..] if !k.contains('/') && !n.starts_with('-') => Ok((k, n)),
        [kn, ..] if kn.contains('/') => {
            let (k, n) = kn.split_once('/').expect("has a slash");
            Ok((k, n))
        }
        _ => Err("error: you must specify a resource type and a name".into()),
    }
}

fn delete(w: &World, a: &[&str]) -> Result<(Verb, String), String> {
    let mut orphan = false;
    if let Some(c) = a.iter().find(|x| x.starts_with("--cascade")) {
        match c.strip_prefix("--cascade=").unwrap_or("background") {
            "background" | "foreground" | "true" => {}
            "orphan" | "false" => orphan = true,
            other => {
                return Err(format!(
                    "error: invalid cascade value ({other}). Must be \"background\", \"foreground\", or \"orphan\""
                ))
            }
        }
    }
    let a: Vec<&str> = a
        .iter()
        .copied()
        .filter(|x| !x.starts_with("--cascade"))
        .collect();
    let a = &a[..];
    let (kind, name) = kind_and_name(a)?;
    match kind {
        "pod" | "pods" | "po" => {
            w.pod_by_name(name).ok_or_else(|| not_found("pod", name))?;
            Ok((
                Verb::DeletePod(name.into()),
                format!("pod \"{name}\" deleted"),
            ))
        }
        "job" | "jobs" | "job.batch" => {
            w.job_by_name(name).ok_or_else(|| not_found("job", name))?;
            Ok((
                if orphan {
                    Verb::DeleteJobOrphan(name.into())
                } else {
                    Verb::DeleteJob(name.into())
                },
                format!("job.batch \"{name}\" deleted"),
            ))
        }
        other => Err(format!(
            "error: the playground deletes pods and jobs, not {other:?}"
        )),
    }
}

/// `kubectl label node NAME k=v k2- [--overwrite]`. Labels on pods and
/// Jobs change nothing the playground simulates, so only nodes take them.
fn label(w: &World, a: &[&str]) -> Result<(Verb, String), String> {
    let overwrite = a.contains(&"--overwrite");
    let a: Vec<&str> = a.iter().copied().filter(|x| !x.starts_with("--")).collect();
    let (kind, name) = kind_and_name(&a)?;
    if !matches!(kind, "node" | "nodes" | "no") {
        return Err(format!(
            "error: the playground labels nodes (nodeSelector reads them); a {kind}'s labels change nothing it simulates"
        ));
    }
    let n = w
        .node_by_name(name)
        .ok_or_else(|| not_found("node", name))?;
    let skip = if a[0].contains('/') { 1 } else { 2 };
    let mut change = crate::scenario::NodeLabels {
        name: name.into(),
        labels: Default::default(),
        remove: Vec::new(),
    };
    for spec in &a[skip..] {
        let (k, v) = match (spec.split_once('='), spec.strip_suffix('-')) {
            (Some((k, v)), _) => (k, Some(v)),
            (None, Some(k)) => (k, None),
            _ => return Err(format!("error: invalid label spec: {spec}")),
        };
        let errs = crate::validation::validate_label(k, v, "metadata.labels");
        if !errs.is_empty() {
            return Err(crate::validation::summary("Node", name, &errs));
        }
        match v {
            Some(v) => {
                change.labels.insert(k.to_string(), v.to_string());
            }
            None => change.remove.push(k.to_string()),
        }
    }
    if change.labels.is_empty() && change.remove.is_empty() {
        return Err("error: at least one label update is required".into());
    }
    let current = &w.nodes()[n as usize].labels;
    for (k, v) in &change.labels {
        if let Some(old) = current.get(k) {
            if v != old && !overwrite {
                return Err(format!(
                    "error: '{k}' already has a value ({old}), and --overwrite is false"
                ));
            }
        }
    }
    let reply = if change.labels.is_empty() {
        "unlabeled"
    } else if change.remove.is_empty()
        && change.labels.iter().all(|(k, v)| current.get(k) == Some(v))
    {
        "not labeled"
    } else {
        "labeled"
    };
    Ok((Verb::LabelNode(change), format!("node/{name} {reply}")))
}

fn node_verb(w: &World, verb: &str, a: &[&str]) -> Result<(Verb, String), String> {
    let name = a
        .iter()
        .copied()
        .find(|x| !x.starts_with('-'))
        .map(|n| n.strip_prefix("node/").unwrap_or(n))
        .ok_or_else(|| format!("error: USAGE: {verb} NODE [flags]"))?;
    let n = w
        .node_by_name(name)
        .ok_or_else(|| not_found("node", name))?;
    let node = &w.nodes()[n as usize];
    Ok(match verb {
        "cordon" => (
            Verb::CordonNode(name.into()),
            if node.unschedulable {
                format!("node/{name} already cordoned")
            } else {
                format!("node/{name} cordoned")
            },
        ),
        "uncordon" => (
            Verb::UncordonNode(name.into()),
            if node.unschedulable {
                format!("node/{name} uncordoned")
            } else {
                format!("node/{name} already uncordoned")
            },
        ),
        _ => {
            let mut out = format!("node/{name} cordoned\n");
            let live = node.pods.iter().filter(|&&p| {
                let pod = &w.pods()[p as usize];
                pod.exists() && !pod.phase.is_terminal()
            });
            for &p in live.clone() {
                out.push_str(&format!("evicting pod default/{}\n", w.pod_name(p)));
            }
            for &p in live {
                out.push_str(&format!("pod/{} evicted\n", w.pod_name(p)));
            }
            out.push_str(&format!("node/{name} drained"));
            (Verb::DrainNode(name.into()), out)
        }
    })
}

/// A JSON patch (RFC 6902) of object fields as the equivalent merge
/// patch: `add`/`replace` set the value at the path, `remove` sets null.
/// Paths into arrays are not taken.
fn json_patch_as_merge(ops: &serde_norway::Value) -> Result<serde_norway::Value, String> {
    use serde_norway::{Mapping, Value};
    let list = ops
        .as_sequence()
        .ok_or("error: a json patch is a list of operations, e.g. '[{\"op\":\"replace\",\"path\":\"/spec/parallelism\",\"value\":3}]'")?;
    let mut root = Value::Mapping(Mapping::new());
    for op in list {
        let kind = op.get("op").and_then(Value::as_str).unwrap_or("");
        let path = op.get("path").and_then(Value::as_str).unwrap_or("");
        let value = match kind {
            "add" | "replace" => op
                .get("value")
                .cloned()
                .ok_or_else(|| format!("error: the {kind} operation at {path} has no value"))?,
            "remove" => Value::Null,
            other => {
                return Err(format!(
                "error: the playground applies add, replace and remove operations, not {other:?}"
            ))
            }
        };
        let keys: Vec<&str> = path.strip_prefix('/').unwrap_or("").split('/').collect();
        if keys
            .iter()
            .any(|k| k.is_empty() || k.parse::<usize>().is_ok())
        {
            return Err(format!(
                "error: the playground applies json patch paths to object fields (like /spec/parallelism), not {path:?}"
            ));
        }
        let mut at = &mut root;
        for k in &keys[..keys.len() - 1] {
            let Value::Mapping(m) = at else {
                unreachable!("mappings only")
            };
            at = m
                .entry(Value::from(*k))
                .or_insert_with(|| Value::Mapping(Mapping::new()));
            if !at.is_mapping() {
                *at = Value::Mapping(Mapping::new());
            }
        }
        let Value::Mapping(m) = at else {
            unreachable!("mappings only")
        };
        m.insert(Value::from(keys[keys.len() - 1]), value);
    }
    Ok(root)
}

fn patch(w: &World, a: &[&str]) -> Result<(Verb, String), String> {
    let (kind, name) = kind_and_name(a)?;
    if !matches!(kind, "job" | "jobs" | "job.batch") {
        return Err(format!("error: the playground patches jobs, not {kind:?}"));
    }
    // `--type merge|strategic|json`, in either spelling and anywhere.
    let mut ty = "strategic";
    let mut rest: Vec<&str> = Vec::new();
    let mut it = a.iter().copied();
    while let Some(x) = it.next() {
        match x.strip_prefix("--type") {
            Some("") => ty = it.next().unwrap_or(""),
            Some(v) if v.starts_with('=') => ty = &v[1..],
            _ => rest.push(x),
        }
    }
    if !matches!(ty, "merge" | "strategic" | "json") {
        return Err(format!(
            "error: --type must be one of [json merge strategic], not \"{ty}\""
        ));
    }
    let a = &rest[..];
    // The patch is the rest of the line (a console splits at spaces, and
    // the JSON may hold some); the shell would have removed the quotes.
    let body = match a.iter().position(|x| *x == "-p" || *x == "--patch") {
        Some(i) => a[i + 1..].join(" "),
        None => a
            .iter()
            .position(|x| x.starts_with("--patch="))
            .map(|i| a[i..].join(" ")["--patch=".len()..].to_string())
            .ok_or("error: must specify -p to patch")?,
    };
    let body = body.trim().trim_matches('\'');
    let j = w.job_by_name(name).ok_or_else(|| not_found("job", name))?;
    // JSON is YAML: the manifest parser reads the patch (no second parser
    // in the web bundle).
    let value: serde_norway::Value = serde_norway::from_str(body)
        .map_err(|e| format!("error: unable to parse \"{body}\": {e}"))?;
    let value = if ty == "json" {
        json_patch_as_merge(&value)?
    } else {
        value
    };
    let spec = value
        .get("spec")
        .and_then(|s| s.as_mapping())
        .ok_or("error: the patch must change spec, e.g. '{\"spec\":{\"parallelism\":3}}'")?;
    let patch = JobSpecPatch(spec.clone());
    let job = &w.jobs()[j as usize];
    let old = &job.manifest.spec;
    let new = patch
        .apply(old)
        .map_err(|e| format!("Error from server (BadRequest): {e}"))?;
    let errs = crate::validation::validate_job_spec_update(
        &new,
        old,
        name,
        job.allows_scheduling_directives(),
    );
    if !errs.is_empty() {
        return Err(crate::validation::summary("Job", name, &errs));
    }
    let out = patch;
    Ok((
        Verb::PatchJob(JobPatch {
            name: name.into(),
            spec: out,
        }),
        format!("job.batch/{name} patched"),
    ))
}
