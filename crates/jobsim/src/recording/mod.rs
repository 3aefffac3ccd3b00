//! A Job's run as `kubectl get job,pods,events -o json` shows it (a `v1
//! List`), from a real cluster or from the simulation's own `-o json`, and
//! the differences between two of them: conditions, pods, phases, the
//! wait before each retry (failure to next creation) and event counts.
//! `jobsim compare FILE RECORDED.json` prints the rows.

use serde_json::Value;

pub mod describe;

/// Seconds of slack for times: kubectl's timestamps have whole seconds.
pub const TIME_TOLERANCE_S: i64 = 2;

/// What a recording shows of one Job.
#[derive(Debug, Clone, PartialEq)]
pub struct JobRun {
    pub name: String,
    /// The Job's label keys, sorted.
    pub labels: Vec<String>,
    /// `status.succeeded` and `status.failed`.
    pub succeeded: u64,
    pub failed: u64,
    /// Seconds from `status.startTime` to the terminal condition.
    pub duration: Option<i64>,
    /// Whether the List holds any pods / events at all (a bare
    /// `kubectl get job -o yaml` has neither: not a difference).
    pub pods_recorded: bool,
    pub events_recorded: bool,
    /// `spec.parallelism` and `spec.backoffLimit` (defaults 1 and 6).
    pub parallelism: u64,
    pub backoff_limit: u64,
    /// `(type, reason)` of the conditions that are True, in order.
    pub conditions: Vec<(String, String)>,
    /// `(name, created, phase, finished)` per pod, by creation (unix s).
    pub pods: Vec<(String, i64, String, Option<i64>)>,
    /// `(reason, count)` of the events about the Job and its pods.
    pub events: Vec<(String, u64)>,
}

impl JobRun {
    /// The wait before each replacement: from the previous pod's failure
    /// to the next pod's creation (none after a success).
    pub fn retry_gaps(&self) -> Vec<Option<i64>> {
        self.pods
            .windows(2)
            .map(|w| match (&w[0].2[..], w[0].3) {
                ("Failed", Some(done)) => Some(w[1].1 - done),
                _ => None,
            })
            .collect()
    }
}

fn ts(v: &Value) -> Option<i64> {
    v.as_str().and_then(|s| crate::clock::parse_rfc3339(s).ok())
}

/// Reads Job `name` (or the only Job) from a `v1 List`.
pub fn read(list: &Value, name: Option<&str>) -> Result<JobRun, String> {
    if list["kind"] != "List" || !list["items"].is_array() {
        return Err("not a kubectl List: expected {\"kind\": \"List\", \"items\": [...]} (kubectl get job,pods,events -o json)".into());
    }
    let items = list["items"].as_array().map_or(&[][..], |v| v);
    let jobs: Vec<&Value> = items.iter().filter(|i| i["kind"] == "Job").collect();
    let job = match name {
        Some(n) => jobs
            .iter()
            .find(|j| j["metadata"]["name"] == n)
            .ok_or_else(|| format!("the recording has no Job {n:?}"))?,
        None => match jobs.as_slice() {
            [j] => j,
            [] => return Err("the recording has no Job".into()),
            _ => return Err("the recording has several Jobs: name one".into()),
        },
    };
    let ns = job["metadata"]["namespace"].as_str().unwrap_or("default");
    if ns != "default" {
        return Err(format!(
            "the recorded Job is in namespace {ns:?}; the playground runs in \"default\""
        ));
    }
    let job_name = job["metadata"]["name"].as_str().unwrap_or("").to_string();
    let uid = job["metadata"]["uid"].as_str().unwrap_or("");
    let conditions = job["status"]["conditions"]
        .as_array()
        .map_or(&[][..], |v| v)
        .iter()
        .filter(|c| c["status"] == "True")
        .map(|c| {
            (
                c["type"].as_str().unwrap_or("").to_string(),
                c["reason"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    // A pod of the Job: its owner reference, else the job-name label.
    let owned = |p: &&Value| {
        let by_owner = p["metadata"]["ownerReferences"]
            .as_array()
            .is_some_and(|o| o.iter().any(|r| r["kind"] == "Job" && r["uid"] == uid));
        let labels = &p["metadata"]["labels"];
        by_owner
            || labels["batch.kubernetes.io/job-name"] == job_name.as_str()
            || labels["job-name"] == job_name.as_str()
    };
    let mut pods: Vec<(String, i64, String, Option<i64>)> = items
        .iter()
        .filter(|i| i["kind"] == "Pod")
        .filter(owned)
        .map(|p| {
            let finished = p["status"]["containerStatuses"]
                .as_array()
                .map_or(&[][..], |v| v)
                .iter()
                .filter_map(|c| ts(&c["state"]["terminated"]["finishedAt"]))
                .max();
            (
                p["metadata"]["name"].as_str().unwrap_or("").to_string(),
                ts(&p["metadata"]["creationTimestamp"]).unwrap_or(0),
                p["status"]["phase"].as_str().unwrap_or("").to_string(),
                finished,
            )
        })
        .collect();
    crate::sort::sort_vec_by(&mut pods, |a, b| (a.1, &a.0).cmp(&(b.1, &b.0)));
    let names: Vec<&str> = pods.iter().map(|p| p.0.as_str()).collect();
    let mut events: Vec<(String, u64)> = Vec::new();
    for e in items.iter().filter(|i| i["kind"] == "Event") {
        let o = &e["involvedObject"];
        let about = (o["kind"] == "Job" && o["name"] == job_name.as_str())
            || (o["kind"] == "Pod" && o["name"].as_str().is_some_and(|n| names.contains(&n)));
        if !about {
            continue;
        }
        let reason = e["reason"].as_str().unwrap_or("").to_string();
        let count = e["count"].as_u64().unwrap_or(1);
        match events.iter_mut().find(|(r, _)| *r == reason) {
            Some(x) => x.1 += count,
            None => events.push((reason, count)),
        }
    }
    crate::sort::sort_vec_by(&mut events, |a, b| a.0.cmp(&b.0));
    let mut labels: Vec<String> = job["metadata"]["labels"]
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    crate::sort::sort_vec_by(&mut labels, |a, b| a.cmp(b));
    let terminal = job["status"]["conditions"]
        .as_array()
        .map_or(&[][..], |v| v)
        .iter()
        .find(|c| c["status"] == "True" && (c["type"] == "Complete" || c["type"] == "Failed"))
        .and_then(|c| ts(&c["lastTransitionTime"]));
    let duration = terminal
        .zip(ts(&job["status"]["startTime"]))
        .map(|(e, s)| e - s);
    Ok(JobRun {
        name: job_name,
        labels,
        succeeded: job["status"]["succeeded"].as_u64().unwrap_or(0),
        failed: job["status"]["failed"].as_u64().unwrap_or(0),
        duration,
        pods_recorded: items.iter().any(|i| i["kind"] == "Pod"),
        parallelism: job["spec"]["parallelism"].as_u64().unwrap_or(1),
        backoff_limit: job["spec"]["backoffLimit"].as_u64().unwrap_or(6),
        events_recorded: items.iter().any(|i| i["kind"] == "Event"),
        conditions,
        pods,
        events,
    })
}

/// One compared line: what, the simulation's value, the recording's, and
/// whether they differ beyond the tolerance.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub what: String,
    pub simulated: String,
    pub recorded: String,
    pub differs: bool,
}

/// The rows comparing a simulated run with a recorded one.
pub fn compare(sim: &JobRun, rec: &JobRun) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut row = |what: String, s: String, r: String, differs: bool| {
        rows.push(Row {
            what,
            simulated: s,
            recorded: r,
            differs,
        })
    };
    let conds = |j: &JobRun| {
        j.conditions
            .iter()
            .map(|(t, r)| format!("{t}={r}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    row(
        "conditions".into(),
        conds(sim),
        conds(rec),
        sim.conditions != rec.conditions,
    );
    row(
        "labels".into(),
        sim.labels.join(","),
        rec.labels.join(","),
        sim.labels != rec.labels,
    );
    for (what, a, b) in [
        ("succeeded", sim.succeeded, rec.succeeded),
        ("failed", sim.failed, rec.failed),
    ] {
        row(what.into(), a.to_string(), b.to_string(), a != b);
    }
    row(
        "finished after".into(),
        secs(sim.duration),
        secs(rec.duration),
        match (sim.duration, rec.duration) {
            // Whole-second stamps, and a controller's sync timing: 5 %.
            (Some(a), Some(b)) => (a - b).abs() > TIME_TOLERANCE_S.max(b / 20),
            (a, b) => a.is_some() != b.is_some(),
        },
    );
    if rec.pods_recorded {
        pod_rows(sim, rec, &mut row);
    } else {
        row(
            "pods".into(),
            sim.pods.len().to_string(),
            "not in the recording".into(),
            false,
        );
    }
    if rec.events_recorded {
        event_rows(sim, rec, &mut row);
    } else {
        row(
            "events".into(),
            sim.events.iter().map(|e| e.1).sum::<u64>().to_string(),
            "not in the recording".into(),
            false,
        );
    }
    rows
}

/// A time in seconds, `-` when there is none.
fn secs(d: Option<i64>) -> String {
    d.map_or("-".into(), |d| format!("{d} s"))
}

fn pod_rows(sim: &JobRun, rec: &JobRun, row: &mut impl FnMut(String, String, String, bool)) {
    row(
        "pods".into(),
        sim.pods.len().to_string(),
        rec.pods.len().to_string(),
        sim.pods.len() != rec.pods.len(),
    );
    for phase in ["Succeeded", "Failed", "Running", "Pending"] {
        let n = |j: &JobRun| j.pods.iter().filter(|p| p.2 == phase).count();
        if n(sim) + n(rec) > 0 {
            row(
                format!("pods {phase}"),
                n(sim).to_string(),
                n(rec).to_string(),
                n(sim) != n(rec),
            );
        }
    }
    let (gs, gr) = (sim.retry_gaps(), rec.retry_gaps());
    for i in 0..gs.len().max(gr.len()) {
        let (s, r) = (gs.get(i).copied().flatten(), gr.get(i).copied().flatten());
        if s.is_none() && r.is_none() {
            continue;
        }
        let differs = match (s, r) {
            (Some(a), Some(b)) => (a - b).abs() > TIME_TOLERANCE_S,
            _ => true,
        };
        row(
            format!("wait before pod {}", i + 2),
            secs(s),
            secs(r),
            differs,
        );
    }
}

fn event_rows(sim: &JobRun, rec: &JobRun, row: &mut impl FnMut(String, String, String, bool)) {
    let mut reasons: Vec<&str> = sim
        .events
        .iter()
        .chain(&rec.events)
        .map(|(r, _)| r.as_str())
        .collect();
    crate::sort::sort_vec_by(&mut reasons, |a, b| a.cmp(b));
    reasons.dedup();
    for reason in reasons {
        let n = |j: &JobRun| {
            j.events
                .iter()
                .find(|(r, _)| r == reason)
                .map_or(0, |e| e.1)
        };
        row(
            format!("events {reason}"),
            n(sim).to_string(),
            n(rec).to_string(),
            n(sim) != n(rec),
        );
    }
}

/// A recording's text: a `v1 List` or a single object, as JSON or YAML
/// (`kubectl get job NAME -o yaml`); a single object becomes a List.
pub fn parse(text: &str) -> Result<Value, String> {
    let docs = documents(text);
    if docs.len() == 1 {
        let v = parse_one(docs[0])?;
        return Ok(if v["kind"].is_string() && v["kind"] != "List" {
            serde_json::json!({"apiVersion": "v1", "kind": "List", "items": [v]})
        } else {
            v
        });
    }
    // Several outputs pasted together (`get job -o yaml`, then `get
    // pods,events -o json`): one List of all their objects.
    let mut items = Vec::new();
    for (k, d) in docs.iter().enumerate() {
        let v = parse_one(d).map_err(|e| format!("document {}: {e}", k + 1))?;
        match v["items"].as_array() {
            Some(list) if v["kind"] == "List" => items.extend(list.iter().cloned()),
            _ if v["kind"].is_string() => items.push(v),
            _ => {
                return Err(format!(
                    "document {}: not a Kubernetes object or List",
                    k + 1
                ))
            }
        }
    }
    Ok(serde_json::json!({"apiVersion": "v1", "kind": "List", "items": items}))
}

/// One document, as YAML (JSON as kubectl writes it is YAML, and the web
/// bundle carries no second parser).
fn parse_one(text: &str) -> Result<Value, String> {
    let y: serde_norway::Value =
        serde_norway::from_str(text).map_err(|e| format!("neither JSON nor YAML: {e}"))?;
    crate::scenario::json_of(&y, 0)
}

/// The documents of a paste: split at `---` lines and where a JSON
/// document (a line starting with `{`) follows other text.
fn documents(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    let mut has_text = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        let json_start = trimmed.starts_with('{') && has_text;
        if trimmed == "---" || json_start {
            if has_text {
                out.push(&text[start..offset]);
            }
            start = if json_start {
                offset
            } else {
                offset + line.len()
            };
            has_text = json_start;
        } else if !trimmed.is_empty() && !trimmed.starts_with('#') {
            has_text = true;
        }
        offset += line.len();
    }
    if has_text || out.is_empty() {
        out.push(&text[start..]);
    }
    out
}

/// The simulation's run of Job `name`, read the same way as a recording.
pub fn simulated(w: &crate::world::World, name: &str) -> Result<JobRun, String> {
    read(&crate::kubectl::objects::list(w), Some(name))
        .map_err(|_| format!("the simulation has no Job {name:?} (the recording is of that Job)"))
}

/// One line of a recorded Job's explanation, as data (`Display` words it
/// in English).
#[derive(Debug, Clone, PartialEq)]
pub enum ExplainLine {
    /// Pod `pod` (1-based, by creation) came `gap_s` after the previous
    /// pod failed, the `failures`-th failure in a row; the 1.34 back-off
    /// for that count is `expected_s`.
    Retry {
        pod: usize,
        name: String,
        gap_s: i64,
        failures: u32,
        expected_s: u64,
    },
    /// How the Job ended: its terminal condition, failed pods and limit.
    Finished {
        condition: String,
        reason: String,
        failed: u64,
        backoff_limit: u64,
    },
    /// No terminal condition yet.
    Running,
    /// More failed pods counted than listed: the others were deleted.
    PodsGone { listed: u64, counted: u64 },
    /// The recording has no pods (a bare `get job`): no retry can be timed.
    PodsNotRecorded,
    /// No events: they expire an hour after they were last seen.
    NoEvents,
    /// Describe's ages are rounded, so its times are ranges.
    AgesRounded,
    /// From describe: pod `pod` was created `lo`..=`hi` s after the one
    /// before it, which is that pod's run time plus the back-off for
    /// `failures` in a row (`expected_s` in 1.34).
    RetryWithin {
        pod: usize,
        name: String,
        lo: i64,
        hi: i64,
        failures: u32,
        expected_s: u64,
    },
    /// From describe: the Job ended `lo`..=`hi` s after pod `pod` was
    /// created.
    EndedAfter { pod: usize, lo: i64, hi: i64 },
    /// Several pods at once or a success: describe does not say which pod
    /// failed when, so the retries cannot be timed.
    WhichFailedUnknown,
    /// More pods counted than creations listed: the older events expired.
    EventsGone { listed: u64, counted: u64 },
}

impl ExplainLine {
    /// Whether a retry came as the 1.34 back-off says (within 2 s).
    pub fn matches(&self) -> bool {
        match self {
            ExplainLine::Retry {
                gap_s, expected_s, ..
            } => (gap_s - *expected_s as i64).abs() <= TIME_TOLERANCE_S,
            // The span holds the pod's run time too: it can only be short.
            ExplainLine::RetryWithin { hi, expected_s, .. } => *hi >= *expected_s as i64,
            _ => true,
        }
    }
}

/// Explains a pasted or recorded Job: `kubectl describe job` text, or a
/// List / bare Job as JSON or YAML. Returns the Job's name and the lines.
pub fn explain_text(text: &str, name: Option<&str>) -> Result<(String, Vec<ExplainLine>), String> {
    if describe::is_describe(text) {
        let d = describe::read(text)?;
        if let Some(n) = name.filter(|n| *n != d.name) {
            return Err(format!("the described Job is {:?}, not {n:?}", d.name));
        }
        return Ok((d.name.clone(), describe::explain(&d)));
    }
    let run = read(&parse(text)?, name)?;
    Ok((run.name.clone(), explain(&run)))
}

/// Explains a recorded Job: each retry's wait against the back-off, how it
/// ended, and what the recording cannot tell.
pub fn explain(run: &JobRun) -> Vec<ExplainLine> {
    let mut lines = Vec::new();
    if !run.pods_recorded {
        lines.push(ExplainLine::PodsNotRecorded);
    } else if run.parallelism == 1 {
        // Failures in a row, reset by a success (upstream's backoff record).
        let mut in_row = 0u32;
        for (k, gap) in run.retry_gaps().into_iter().enumerate() {
            match gap {
                Some(gap_s) => {
                    in_row += 1;
                    lines.push(ExplainLine::Retry {
                        pod: k + 2,
                        name: run.pods[k + 1].0.clone(),
                        gap_s,
                        failures: in_row,
                        expected_s: crate::job::backoff::delay(in_row).as_millis() / 1000,
                    });
                }
                None if run.pods[k].2 == "Succeeded" => in_row = 0,
                None => {}
            }
        }
    }
    let listed = run.pods.iter().filter(|p| p.2 == "Failed").count() as u64;
    if run.pods_recorded && run.failed > listed {
        lines.push(ExplainLine::PodsGone {
            listed,
            counted: run.failed,
        });
    }
    match run
        .conditions
        .iter()
        .find(|(t, _)| t == "Complete" || t == "Failed")
    {
        Some((t, r)) => lines.push(ExplainLine::Finished {
            condition: t.clone(),
            reason: r.clone(),
            failed: run.failed,
            backoff_limit: run.backoff_limit,
        }),
        None => lines.push(ExplainLine::Running),
    }
    if !run.events_recorded {
        lines.push(ExplainLine::NoEvents);
    }
    lines
}
