//! Export to KWOK (kubernetes-sigs/kwok): the files that run a scenario on
//! a real control plane (kube-apiserver, kube-controller-manager,
//! kube-scheduler) whose nodes and pods are played by KWOK's `Stage`s.
//!
//! What each pod does comes from the simulation itself: the scenario is run
//! to the end and the containers' exits are read back (exit code, reason,
//! run time, image pull failures), per Job and per completion index. KWOK
//! matches a Stage by a pod's labels, annotations and fields; a Job's
//! retries carry the same ones, so where the attempts of one index ended
//! differently, the outcomes become weighted Stages (KWOK picks one at
//! random by weight) and `NOTES.txt` says so.

use crate::clock::Time;
use crate::pod::{ContainerState, TermReason, WaitReason};
use crate::scenario::Verb;
use crate::world::World;
use serde_json::{json, Value};

/// The Stage resources' API version (KWOK's `kwok.x-k8s.io/v1alpha1`).
pub const STAGE_API: &str = "kwok.x-k8s.io/v1alpha1";
/// The kwokctl configuration's API version.
pub const KWOKCTL_API: &str = "config.kwok.x-k8s.io/v1alpha1";
/// The Kubernetes release the playground follows, as kwokctl names it.
pub const KUBE_VERSION: &str = "v1.34.0";
/// The annotation kwokctl's KWOK controller manages nodes by
/// (`--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake`):
/// removing it stops the node's heartbeats.
pub const MANAGED_NODE: &str = "kwok.x-k8s.io/node";
/// Seconds the script waits after the simulation's last event before it
/// records the cluster.
const SETTLE_S: u64 = 30;

/// One written file.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    pub name: &'static str,
    pub text: String,
}

/// How one container of one pod ended, as a Stage can play it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Exit {
    Terminated {
        code: i32,
        reason: &'static str,
        run_ms: u64,
    },
    /// The image cannot be pulled: the pod stays Pending.
    PullFails,
}

/// The outcome of one pod: one exit per app container, in order.
type PodOutcome = Vec<(String, Exit)>;

/// Which pods a set of Stages plays: a Job's, or one index of it.
#[derive(Debug, Clone, PartialEq)]
struct Target {
    /// The `batch.kubernetes.io/job-name` values, or None for the pods of
    /// the Jobs a CronJob creates (their names are not known beforehand).
    job: Option<String>,
    index: Option<u32>,
    /// Distinct outcomes and how many pods had each.
    outcomes: Vec<(PodOutcome, u32)>,
}

/// The files for `jobsim export kwok`: `kwok.yaml` (the kwokctl
/// configuration and the Stages), `nodes.yaml`, `manifests.yaml` (the
/// Jobs and CronJobs as written), `run.sh` and `NOTES.txt`.
pub fn export(text: &str) -> Result<Vec<File>, String> {
    let start = World::from_text(text, None).map_err(|errs| {
        errs.first()
            .map(|e| format!("{}:{}: {}", e.line, e.column, e.message))
            .unwrap_or_default()
    })?;
    let mut run = start.clone();
    run.run_to_end();
    let mut notes: Vec<String> = Vec::new();
    let targets = targets(&run, &mut notes);
    let scenario = scenario_of(text);
    let named: Vec<String> = targets.iter().filter_map(|t| t.job.clone()).collect();
    // Pods whose images never pull do not start: the running Stage leaves
    // their Jobs' pods to the Stage that holds them in Pending.
    let never_start: Vec<&str> = targets
        .iter()
        .filter(|t| t.outcomes.iter().all(|(o, _)| pulls_fail(o)))
        .filter_map(|t| t.job.as_deref())
        .collect();
    if targets.iter().any(|t| {
        t.outcomes.iter().any(|(o, _)| pulls_fail(o))
            && !t.outcomes.iter().all(|(o, _)| pulls_fail(o))
    }) {
        notes.push("Some pods of a Job pulled their image and some did not: KWOK picks between starting them and holding them Pending at random, by weight".into());
    }
    let mut stages = vec![pod_ready_stage(&run, &never_start)];
    for t in &targets {
        stages.extend(outcome_stages(t, &named));
    }
    stages.push(pod_delete_stage());
    let mut kwok = vec![kwokctl_config(&start)];
    kwok.extend(stages);
    let end = run.now().ms() / 1000 + SETTLE_S;
    let until = start.until().map(|u| u.ms() / 1000);
    let record_at = until.map_or(end, |u| u.min(end));
    let script = script(&start, scenario.as_ref(), record_at, &mut notes);
    Ok(vec![
        File {
            name: "kwok.yaml",
            text: yaml_stream(&kwok),
        },
        File {
            name: "nodes.yaml",
            text: yaml_stream(&nodes(&start)),
        },
        File {
            name: "manifests.yaml",
            text: manifests(text),
        },
        File {
            name: "run.sh",
            text: script,
        },
        File {
            name: "NOTES.txt",
            text: notes_text(&notes),
        },
    ])
}

fn yaml_stream(docs: &[Value]) -> String {
    docs.iter()
        .map(crate::text::yaml::to_string)
        .collect::<Vec<_>>()
        .join("---\n")
}

fn scenario_of(text: &str) -> Option<crate::scenario::Scenario> {
    crate::manifest::parse(text)
        .ok()?
        .into_iter()
        .find_map(|d| match d.object {
            crate::manifest::Object::Scenario(s) => Some(*s),
            _ => None,
        })
}

/// The Jobs and CronJobs exactly as written (the Scenario and Node
/// documents are the playground's own; nodes go to nodes.yaml).
fn manifests(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = Vec::new();
    for (a, b) in crate::scenario::documents(&lines) {
        let doc = lines[a..b].join("\n");
        let kind = serde_norway::from_str::<serde_norway::Value>(&doc)
            .ok()
            .and_then(|v| v.get("kind").and_then(|k| k.as_str()).map(str::to_string));
        if matches!(kind.as_deref(), Some("Job" | "CronJob")) {
            out.push(doc.trim_matches('\n').to_string());
        }
    }
    out.join("\n---\n") + "\n"
}

/// Per-index Stages are written for at most this many indexes of a Job.
const MAX_INDEX_STAGES: usize = 100;

/// How each pod of the run ended, grouped by Job (the Jobs of CronJobs
/// together), and by index where the indexes end differently.
fn targets(run: &World, notes: &mut Vec<String>) -> Vec<Target> {
    use std::collections::BTreeMap;
    // (Job name or None for CronJobs' Jobs) -> index -> outcomes, counted.
    type ByIndex = BTreeMap<Option<u32>, Vec<(PodOutcome, u32)>>;
    let mut groups: Vec<(Option<String>, bool, bool, ByIndex)> = Vec::new();
    for job in run.jobs().iter().filter(|j| !j.name.is_empty()) {
        let name = job.owner.is_none().then(|| job.name.clone());
        let random = run
            .behaviors
            .iter()
            .any(|b| b.failure_rate.is_some() && b.matcher.matches_job(&job.name));
        let g = match groups.iter().position(|g| g.0 == name) {
            Some(i) => &mut groups[i],
            None => {
                groups.push((name, job.on_failure, random, BTreeMap::new()));
                groups.last_mut().expect("pushed")
            }
        };
        for &p in &job.pods {
            let Some(outcome) = pod_outcome(run, p) else {
                continue;
            };
            let list = g.3.entry(run.pods()[p as usize].index.get()).or_default();
            match list.iter_mut().find(|(o, _)| *o == outcome) {
                Some((_, n)) => *n += 1,
                None => list.push((outcome, 1)),
            }
        }
    }
    let mut out = Vec::new();
    for (job, on_failure, random, by_index) in groups {
        let who = job
            .as_deref()
            .map_or("the CronJobs' Jobs".to_string(), |j| format!("Job {j}"));
        // Indexes whose first pods ended differently (a program or a
        // behavior that reads the index) get Stages of their own.
        let firsts: Vec<&PodOutcome> = by_index
            .values()
            .filter_map(|l| l.first().map(|x| &x.0))
            .collect();
        let per_index = !random
            && by_index.keys().all(Option::is_some)
            && firsts.iter().any(|f| *f != firsts[0]);
        let mut of_job: Vec<Target> = Vec::new();
        if per_index && by_index.len() <= MAX_INDEX_STAGES {
            for (index, outcomes) in by_index {
                of_job.push(Target {
                    job: job.clone(),
                    index,
                    outcomes,
                });
            }
        } else {
            if per_index {
                notes.push(format!(
                    "{who}: its indexes end differently, but only {MAX_INDEX_STAGES} indexes get Stages of their own; the Job's outcomes are weighted Stages instead"
                ));
            }
            let mut all: Vec<(PodOutcome, u32)> = Vec::new();
            for (o, n) in by_index.into_values().flatten() {
                match all.iter_mut().find(|(x, _)| *x == o) {
                    Some(x) => x.1 += n,
                    None => all.push((o, n)),
                }
            }
            of_job.push(Target {
                job: job.clone(),
                index: None,
                outcomes: all,
            });
        }
        if let Some(t) = of_job.iter().find(|t| t.outcomes.len() > 1) {
            notes.push(format!(
                "{who}: pods of {} ended in {} different ways ({}); KWOK matches a pod by its labels, annotations and fields, which a Job's retries share, so each way is a Stage weighted by how many pods took it, picked at random rather than in the simulated order",
                if t.index.is_some() { "one index" } else { "the Job" },
                t.outcomes.len(),
                if random { "failureRate" } else { "by attempt" }
            ));
        }
        if on_failure {
            notes.push(format!(
                "{who}: restartPolicy OnFailure restarts containers in place with the kubelet's crash back-off; KWOK's Stages end the pod instead, so restarts are not played"
            ));
        }
        out.extend(of_job);
    }
    if out.iter().any(|t| t.job.is_none()) {
        notes.push("The Jobs a CronJob creates get their names at run time: one set of Stages plays every pod whose Job is not named in manifests.yaml".into());
    }
    out
}

/// How pod `p` ended, if it ended on its own (a pod deleted while
/// running, by the Job controller or a node loss, has no outcome to play).
fn pod_outcome(run: &World, p: u32) -> Option<PodOutcome> {
    let pod = &run.pods()[p as usize];
    let job = &run.jobs()[pod.job as usize];
    let n_init = pod.n_init as usize;
    let mut out = Vec::new();
    for (c, st) in pod.containers.iter().enumerate().skip(n_init) {
        let name = job.containers[c].name.clone();
        let exit = match st.state {
            ContainerState::Terminated(t) if t.reason != TermReason::ContainerStatusUnknown => {
                Exit::Terminated {
                    code: t.exit_code,
                    reason: t.reason.as_str(),
                    run_ms: t.finished.ms().saturating_sub(t.started.ms()),
                }
            }
            ContainerState::Waiting(WaitReason::ErrImagePull | WaitReason::ImagePullBackOff) => {
                Exit::PullFails
            }
            _ => return None,
        };
        out.push((name, exit));
    }
    // A pod deleted before its containers ended shows them killed (137
    // after the deletion): not an outcome of its own.
    let deleted_first = pod.deletion.get().is_some_and(|d| {
        out.iter().any(|(_, e)| match e {
            Exit::Terminated { run_ms, .. } => pod
                .running_at
                .get()
                .is_some_and(|r: Time| r.ms() + run_ms >= d.ms()),
            Exit::PullFails => false,
        })
    });
    (!deleted_first && !out.is_empty()).then_some(out)
}

fn kwokctl_config(w: &World) -> Value {
    let name = w.scenario_name().unwrap_or("jobsim");
    json!({
        "apiVersion": KWOKCTL_API,
        "kind": "KwokctlConfiguration",
        "metadata": {"name": name},
        "options": {"kubeVersion": KUBE_VERSION},
    })
}

fn nodes(w: &World) -> Vec<Value> {
    (0..w.nodes().len() as u32)
        .filter(|&n| w.nodes()[n as usize].exists())
        .map(|n| kwok_node(crate::kubectl::objects::node(w, n)))
        .collect()
}

/// A Node as KWOK manages it: its name, labels, taints and capacity,
/// with the annotation that makes KWOK's controller play its kubelet.
fn kwok_node(mut v: Value) -> Value {
    let meta = &mut v["metadata"];
    if let Some(m) = meta.as_object_mut() {
        m.remove("uid");
        m.remove("creationTimestamp");
        m.insert(
            "annotations".into(),
            json!({MANAGED_NODE: "fake", "node.alpha.kubernetes.io/ttl": "0"}),
        );
    }
    if let Some(s) = v["status"].as_object_mut() {
        s.remove("addresses");
        s.remove("conditions");
    }
    v
}

fn stage(
    name: &str,
    selector: Value,
    delay: Option<(u64, u64)>,
    weight: Option<u32>,
    next: Value,
) -> Value {
    let mut spec = json!({
        "resourceRef": {"apiGroup": "v1", "kind": "Pod"},
        "selector": selector,
        "next": next,
    });
    if let Some((d, jitter)) = delay {
        spec["delay"] = json!({"durationMilliseconds": d});
        if jitter > d {
            spec["delay"]["jitterDurationMilliseconds"] = json!(jitter);
        }
    }
    if let Some(w) = weight {
        spec["weight"] = json!(w);
    }
    json!({"apiVersion": STAGE_API, "kind": "Stage", "metadata": {"name": name}, "spec": spec})
}

fn expr(key: &str, op: &str, values: &[&str]) -> Value {
    if values.is_empty() {
        json!({"key": key, "operator": op})
    } else {
        json!({"key": key, "operator": op, "values": values})
    }
}

const NOT_DELETED: (&str, &str) = (".metadata.deletionTimestamp", "DoesNotExist");
const JOB_NAME: &str = ".metadata.labels[\"batch.kubernetes.io/job-name\"]";

fn pulls_fail(o: &PodOutcome) -> bool {
    o.iter().any(|(_, e)| *e == Exit::PullFails)
}

/// Pending and bound to a node: the containers start after the model's
/// container start time, or its image pull plus that (KWOK's jitter: a
/// uniform draw between the two).
fn pod_ready_stage(w: &World, never_start: &[&str]) -> Value {
    let t = w.timings();
    let start = t.container_start.as_millis();
    let mut sel = vec![
        expr(NOT_DELETED.0, NOT_DELETED.1, &[]),
        expr(".spec.nodeName", "Exists", &[]),
        expr(".status.phase", "In", &["Pending"]),
        expr(".status.containerStatuses", "DoesNotExist", &[]),
    ];
    if !never_start.is_empty() {
        sel.push(expr(JOB_NAME, "NotIn", never_start));
    }
    stage(
        "jobsim-pod-running",
        json!({ "matchExpressions": sel }),
        Some((start, start + t.image_pull.as_millis())),
        None,
        json!({"statusTemplate": RUNNING_TEMPLATE}),
    )
}

/// The running pod: every container running since now.
const RUNNING_TEMPLATE: &str = "{{ $now := Now }}
conditions:
- lastTransitionTime: {{ $now | Quote }}
  status: \"True\"
  type: Initialized
- lastTransitionTime: {{ $now | Quote }}
  status: \"True\"
  type: Ready
- lastTransitionTime: {{ $now | Quote }}
  status: \"True\"
  type: ContainersReady
containerStatuses:
{{ range .spec.containers }}
- image: {{ .image | Quote }}
  name: {{ .name | Quote }}
  ready: true
  restartCount: 0
  started: true
  state:
    running:
      startedAt: {{ $now | Quote }}
{{ end }}
hostIP: {{ NodeIPWith .spec.nodeName | Quote }}
podIP: {{ PodIPWith .spec.nodeName ( or .spec.hostNetwork false ) ( or .metadata.uid \"\" ) ( or .metadata.name \"\" ) ( or .metadata.namespace \"\" ) | Quote }}
phase: Running
startTime: {{ $now | Quote }}
";

/// KWOK's own deletion: a pod being deleted loses its finalizers and goes.
fn pod_delete_stage() -> Value {
    stage(
        "jobsim-pod-delete",
        json!({"matchExpressions": [expr(".metadata.deletionTimestamp", "Exists", &[])]}),
        None,
        None,
        json!({"finalizers": {"empty": true}, "delete": true}),
    )
}

fn outcome_stages(t: &Target, named: &[String]) -> Vec<Value> {
    let mut sel = vec![expr(NOT_DELETED.0, NOT_DELETED.1, &[])];
    let base = match &t.job {
        Some(j) => {
            sel.push(expr(JOB_NAME, "In", &[j.as_str()]));
            j.clone()
        }
        None => {
            let names: Vec<&str> = named.iter().map(String::as_str).collect();
            sel.push(if names.is_empty() {
                expr(JOB_NAME, "Exists", &[])
            } else {
                expr(JOB_NAME, "NotIn", &names)
            });
            "cronjob-jobs".into()
        }
    };
    let base = match t.index {
        Some(i) => {
            sel.push(expr(
                ".metadata.annotations[\"batch.kubernetes.io/job-completion-index\"]",
                "In",
                &[i.to_string().as_str()],
            ));
            format!("{base}-{i}")
        }
        None => base,
    };
    let several = t.outcomes.len() > 1;
    t.outcomes
        .iter()
        .enumerate()
        .map(|(k, (outcome, count))| {
            let pull = pulls_fail(outcome);
            let mut sel = sel.clone();
            sel.push(expr(
                ".status.phase",
                "In",
                &[if pull { "Pending" } else { "Running" }],
            ));
            if pull {
                sel.push(expr(".status.containerStatuses", "DoesNotExist", &[]));
            }
            // The pod ends when its last container does.
            let run_ms = outcome
                .iter()
                .filter_map(|(_, e)| match e {
                    Exit::Terminated { run_ms, .. } => Some(*run_ms),
                    Exit::PullFails => None,
                })
                .max()
                .unwrap_or(0);
            let name = if several {
                format!("jobsim-{base}-{}", k + 1)
            } else {
                format!("jobsim-{base}")
            };
            stage(
                &name,
                json!({ "matchExpressions": sel }),
                (!pull).then_some((run_ms, run_ms)),
                several.then_some(*count),
                json!({"statusTemplate": outcome_template(outcome)}),
            )
        })
        .collect()
}

/// The status of a pod that ended as `outcome`: each container's
/// terminated state, and the phase the kubelet gives it (Succeeded when
/// every container exited 0, else Failed); or Pending with
/// ErrImagePull.
fn outcome_template(outcome: &PodOutcome) -> String {
    let mut s = String::from("{{ $now := Now }}\n");
    let pull = outcome.iter().any(|(_, e)| *e == Exit::PullFails);
    let ok = outcome
        .iter()
        .all(|(_, e)| matches!(e, Exit::Terminated { code: 0, .. }));
    s.push_str("conditions:\n- lastTransitionTime: {{ $now | Quote }}\n  status: \"False\"\n  type: Ready\n");
    if !pull {
        s.push_str("  reason: PodCompleted\n");
    }
    s.push_str("containerStatuses:\n");
    for (name, exit) in outcome {
        s.push_str(&format!(
            "- image: {{{{ (index .spec.containers {}).image | Quote }}}}\n  name: {name:?}\n  ready: false\n  restartCount: 0\n  started: false\n",
            outcome.iter().position(|(n, _)| n == name).unwrap_or(0)
        ));
        match exit {
            Exit::Terminated { code, reason, .. } => s.push_str(&format!(
                "  state:\n    terminated:\n      exitCode: {code}\n      reason: {reason}\n      startedAt: {{{{ .status.startTime | Quote }}}}\n      finishedAt: {{{{ $now | Quote }}}}\n"
            )),
            Exit::PullFails => s.push_str(
                "  state:\n    waiting:\n      reason: ErrImagePull\n      message: jobsim exported this image as one that cannot be pulled\n",
            ),
        }
    }
    if pull {
        s.push_str("phase: Pending\n");
    } else {
        s.push_str(&format!(
            "hostIP: {{{{ .status.hostIP | Quote }}}}\npodIP: {{{{ .status.podIP | Quote }}}}\nphase: {}\nstartTime: {{{{ .status.startTime | Quote }}}}\n",
            if ok { "Succeeded" } else { "Failed" }
        ));
    }
    s
}

/// A shell word in single quotes.
fn sq(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// `run.sh`: apply the nodes and manifests, do the Scenario's actions at
/// their offsets (wall clock from the moment the manifests are applied),
/// and record the cluster at the end.
fn script(
    w: &World,
    scenario: Option<&crate::scenario::Scenario>,
    record_at: u64,
    notes: &mut Vec<String>,
) -> String {
    let mut s = String::from(
        "#!/bin/sh
# Written by jobsim export kwok. Run it against the cluster that
# `kwokctl create cluster --config kwok.yaml` made (kubectl's current context).
set -eu
cd \"$(dirname \"$0\")\"
kubectl apply -f nodes.yaml
kubectl wait --for=condition=Ready node --all --timeout=120s
kubectl apply -f manifests.yaml
start=$(date +%s)
# at SECONDS: sleep until that many seconds after the manifests were applied.
at() {
  now=$(( $(date +%s) - start ))
  if [ \"$1\" -gt \"$now\" ]; then sleep $(( $1 - now )); fi
}
",
    );
    let actions = scenario.map_or(&[][..], |sc| &sc.spec.actions[..]);
    let mut actions: Vec<&crate::scenario::Action> = actions.iter().collect();
    crate::sort::sort_vec_by(&mut actions, |a, b| a.at.0.cmp(&b.at.0));
    for a in actions {
        let at = a.at.0.as_secs();
        let (key, cmd) = command(&a.verb, w);
        s.push_str(&format!("at {at}  # {key}\n"));
        match cmd {
            Ok(cmd) => s.push_str(&format!("{cmd}\n")),
            Err(why) => {
                s.push_str(&format!("# not played: {why}\n"));
                notes.push(format!("{key} at {at} s is not played: {why}"));
            }
        }
    }
    s.push_str(&format!(
        "at {record_at}  # the simulation's last event, plus {SETTLE_S} s
kubectl get jobs,cronjobs,pods,events -o json > recording.json
echo \"recorded: recording.json (compare: jobsim compare FILE recording.json)\"
"
    ));
    s
}

/// The kubectl command for a Scenario verb, or why there is none.
fn command(v: &Verb, w: &World) -> (&'static str, Result<String, String>) {
    let key = v.key();
    let cmd = match v {
        Verb::CrashNode(n) => Ok(format!(
            "kubectl annotate node {} {MANAGED_NODE}-  # KWOK stops its heartbeats",
            sq(n)
        )),
        Verb::RecoverNode(n) => Ok(format!(
            "kubectl annotate node {} {MANAGED_NODE}=fake  # heartbeats again",
            sq(n)
        )),
        Verb::AddNode(n) => {
            let mut probe = World::empty(0);
            let id = probe.add_node_shorthand(n);
            let doc = kwok_node(crate::kubectl::objects::node(&probe, id));
            Ok(format!(
                "kubectl apply -f - <<'NODE'\n{}NODE",
                crate::text::yaml::to_string(&doc)
            ))
        }
        Verb::RemoveNode(n) => Ok(format!("kubectl delete node {}", sq(n))),
        Verb::CordonNode(n) => Ok(format!("kubectl cordon {}", sq(n))),
        Verb::UncordonNode(n) => Ok(format!("kubectl uncordon {}", sq(n))),
        Verb::DrainNode(n) => Ok(format!("kubectl drain {} --ignore-daemonsets", sq(n))),
        Verb::LabelNode(l) => {
            let mut args: Vec<String> = l.labels.iter().map(|(k, v)| sq(&format!("{k}={v}"))).collect();
            args.extend(l.remove.iter().map(|k| sq(&format!("{k}-"))));
            Ok(format!("kubectl label node {} {} --overwrite", sq(&l.name), args.join(" ")))
        }
        Verb::DeletePod(prefix) => Ok(format!(
            "kubectl get pods --sort-by=.metadata.creationTimestamp -o name | grep -m1 {} | xargs -r kubectl delete",
            sq(&format!("^pod/{prefix}"))
        )),
        Verb::DeleteJob(n) => Ok(format!("kubectl delete job {}", sq(n))),
        Verb::DeleteJobOrphan(n) => Ok(format!("kubectl delete job {} --cascade=orphan", sq(n))),
        Verb::PatchJob(p) => {
            let spec = crate::scenario::json_of(&serde_norway::Value::Mapping(p.spec.0.clone()), 0)
                .unwrap_or(Value::Null);
            Ok(format!(
                "kubectl patch job {} --type=merge -p {}",
                sq(&p.name),
                sq(&crate::text::json::compact(&json!({"spec": spec})))
            ))
        }
        Verb::SuspendJob(n) | Verb::ResumeJob(n) => Ok(format!(
            "kubectl patch job {} --type=merge -p '{{\"spec\":{{\"suspend\":{}}}}}'",
            sq(n),
            matches!(v, Verb::SuspendJob(_))
        )),
        Verb::SuspendCronJob(n) | Verb::ResumeCronJob(n) => Ok(format!(
            "kubectl patch cronjob {} --type=merge -p '{{\"spec\":{{\"suspend\":{}}}}}'",
            sq(n),
            matches!(v, Verb::SuspendCronJob(_))
        )),
        Verb::CreateJobFrom(from) => {
            let name = from.strip_prefix("cronjob/").unwrap_or(from);
            Ok(format!(
                "kubectl create job {}-manual-$(date +%s) --from={}",
                name,
                sq(from)
            ))
        }
        Verb::ControllerDown(d) => {
            let _ = w;
            Ok(format!(
                "docker stop \"kwok-$(kubectl config current-context | sed 's/^kwok-//')-kube-controller-manager\"\nsleep {}\ndocker start \"kwok-$(kubectl config current-context | sed 's/^kwok-//')-kube-controller-manager\"",
                d.0.as_secs()
            ))
        }
    };
    (key, cmd)
}

fn notes_text(notes: &[String]) -> String {
    let mut s = format!(
        "Exported by jobsim for KWOK: Stages {STAGE_API}, kwokctl {KWOKCTL_API}, Kubernetes {KUBE_VERSION}.\n\
         Run it (Docker, kwokctl and kubectl installed):\n\
         \x20 kwokctl create cluster --name jobsim --config kwok.yaml\n\
         \x20 sh run.sh\n\
         \x20 jobsim compare SCENARIO.yaml recording.json\n\
         \n\
         Every pod's outcome (exit code, reason, run time, image pull failure) is the one the\n\
         simulation gave it; the real kube-controller-manager decides everything else.\n"
    );
    if notes.is_empty() {
        s.push_str("\nEverything in the scenario is played as simulated.\n");
    } else {
        s.push_str("\nWhat KWOK cannot play as simulated:\n");
        for n in notes {
            s.push_str(&format!("- {n}\n"));
        }
    }
    s
}

/// The export as one ustar archive (the page's download): the files under
/// `NAME-kwok/`, NAME the Scenario's (else `jobsim`). Returns the archive's
/// file name and its bytes as a string (see `text::tar`).
pub fn archive(text: &str) -> Result<(String, String), String> {
    let files = export(text)?;
    let base = scenario_of(text)
        .and_then(|s| s.metadata.name)
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "jobsim".into());
    let names: Vec<String> = files
        .iter()
        .map(|f| format!("{base}-kwok/{}", f.name))
        .collect();
    let entries: Vec<crate::text::tar::Entry<'_>> = files
        .iter()
        .zip(&names)
        .map(|(f, name)| crate::text::tar::Entry {
            name,
            text: &f.text,
            mode: if f.name.ends_with(".sh") {
                0o755
            } else {
                0o644
            },
        })
        .collect();
    Ok((
        format!("{base}-kwok.tar"),
        crate::text::tar::ustar(&entries, 0),
    ))
}
