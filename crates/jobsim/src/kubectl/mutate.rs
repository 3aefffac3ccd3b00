//! The kubectl commands that change the cluster: `delete pod|job`,
//! `cordon`, `uncordon`, `drain` and `patch job -p` (a merge patch of the
//! fields the playground applies). Each becomes a Scenario verb (so a
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
    if let Some(c) = a.iter().find(|x| x.starts_with("--cascade")) {
        if *c != "--cascade=background" && *c != "--cascade=foreground" {
            return Err(format!(
                "error: {c} is not modelled: the playground deletes a Job's pods with it"
            ));
        }
    }
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
                Verb::DeleteJob(name.into()),
                format!("job.batch \"{name}\" deleted"),
            ))
        }
        other => Err(format!(
            "error: the playground deletes pods and jobs, not {other:?}"
        )),
    }
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

/// Fields of a Job's spec the API server refuses to change on a running
/// Job (`field is immutable`).
const IMMUTABLE: [&str; 6] = [
    "completionMode",
    "selector",
    "template",
    "podFailurePolicy",
    "podReplacementPolicy",
    "successPolicy",
];

fn patch(w: &World, a: &[&str]) -> Result<(Verb, String), String> {
    let (kind, name) = kind_and_name(a)?;
    if !matches!(kind, "job" | "jobs" | "job.batch") {
        return Err(format!("error: the playground patches jobs, not {kind:?}"));
    }
    if let Some(t) = a.iter().position(|x| *x == "--type").map(|i| a.get(i + 1)) {
        if t != Some(&"merge") && t != Some(&"strategic") {
            return Err("error: the playground takes merge patches (-p '{\"spec\":{...}}')".into());
        }
    }
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
    let spec = value
        .get("spec")
        .and_then(|s| s.as_mapping())
        .ok_or("error: the patch must change spec, e.g. '{\"spec\":{\"parallelism\":3}}'")?;
    let job = &w.jobs()[j as usize];
    // The API server quotes strings in `Invalid value` (Go's %#v).
    let shown = |v: &serde_norway::Value| match v {
        serde_norway::Value::String(s) => format!("{s:?}"),
        serde_norway::Value::Number(n) => n.to_string(),
        serde_norway::Value::Bool(b) => b.to_string(),
        _ => "{...}".into(),
    };
    let invalid = |field: &str, v: &serde_norway::Value, why: &str| {
        format!(
            "The Job \"{name}\" is invalid: spec.{field}: Invalid value: {}: {why}",
            shown(v)
        )
    };
    let mut out = JobSpecPatch::default();
    for (k, v) in spec {
        let k = k.as_str().unwrap_or_default();
        match k {
            "parallelism" => {
                let p = v
                    .as_i64()
                    .ok_or_else(|| invalid(k, v, "must be an integer"))?;
                if p < 0 {
                    return Err(invalid(k, v, "must be greater than or equal to 0"));
                }
                out.parallelism = Some(p.min(i32::MAX as i64) as i32);
            }
            "suspend" => out.suspend = Some(v.as_bool().ok_or_else(|| invalid(k, v, "must be a boolean"))?),
            "completions" if v.as_i64() == job.completions.map(i64::from) => {}
            // Only Indexed Jobs may change completions (with parallelism,
            // elastic Indexed Jobs); the playground does not apply it yet.
            "completions" if !job.indexed => return Err(invalid(k, v, "field is immutable")),
            f if IMMUTABLE.contains(&f) => return Err(invalid(f, v, "field is immutable")),
            f => {
                return Err(format!(
                    "error: the playground does not apply spec.{f} to a running Job yet (it applies parallelism and suspend)"
                ))
            }
        }
    }
    Ok((
        Verb::PatchJob(JobPatch {
            name: name.into(),
            spec: out,
        }),
        format!("job.batch/{name} patched"),
    ))
}
