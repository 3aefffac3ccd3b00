//! Objects in upstream JSON shape (what `kubectl get -o json` prints),
//! with virtual timestamps. Zero-valued `omitempty` fields are left out as
//! the API server does.

use super::wall;
use crate::clock::{rfc3339, Time};
use crate::defaults::COMPLETION_INDEX;
use crate::events::{EventRecord, ObjRef, Reason};
use crate::job::FailReason;
use crate::pod::{ContainerState, ContainerStatus, PodReason};
use crate::uid::uid_string;
use crate::world::World;
use serde_json::{json, Map, Value};

fn ts(w: &World, t: Time) -> Value {
    Value::String(rfc3339(wall(w, t)))
}

fn labels_value(m: &std::collections::BTreeMap<String, String>) -> Value {
    Value::Object(
        m.iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect(),
    )
}

pub fn job(w: &World, j: u32) -> Value {
    let job = &w.store.jobs[j as usize];
    let m = &job.manifest;
    let mut meta = Map::new();
    meta.insert("creationTimestamp".into(), ts(w, job.created));
    if let Some(a) = &m.metadata.annotations {
        meta.insert("annotations".into(), labels_value(a));
    }
    if let Some(d) = job.deleted {
        meta.insert("deletionTimestamp".into(), ts(w, d));
    }
    meta.insert("generation".into(), json!(1));
    if let Some(l) = &m.metadata.labels {
        meta.insert("labels".into(), labels_value(l));
    }
    meta.insert("name".into(), json!(job.name));
    meta.insert("namespace".into(), json!("default"));
    if let Some(o) = job.owner {
        let cj = &w.store.cronjobs[o.cronjob as usize];
        let mut r = json!({
            "apiVersion": "batch/v1",
            "kind": "CronJob",
            "name": cj.name,
            "uid": uid_string(cj.uid),
        });
        if o.block_owner_deletion {
            r["blockOwnerDeletion"] = json!(true);
        }
        if o.controller {
            r["controller"] = json!(true);
        }
        meta.insert("ownerReferences".into(), json!([r]));
    }
    meta.insert("uid".into(), json!(uid_string(job.uid)));
    let mut spec = serde_json::to_value(&m.spec).unwrap_or(Value::Null);
    // The API server prints `creationTimestamp: null` in templates.
    if let Some(tm) = spec
        .pointer_mut("/template/metadata")
        .and_then(Value::as_object_mut)
    {
        tm.insert("creationTimestamp".into(), Value::Null);
    }
    let st = &job.status;
    let mut status = Map::new();
    if st.active > 0 {
        status.insert("active".into(), json!(st.active));
    }
    if !st.conditions.is_empty() {
        let conds: Vec<Value> = st
            .conditions
            .iter()
            .map(|c| {
                json!({
                    "lastProbeTime": ts(w, c.time),
                    "lastTransitionTime": ts(w, c.time),
                    "message": c.message,
                    "reason": c.reason,
                    "status": if c.status { "True" } else { "False" },
                    "type": c.kind.as_str(),
                })
            })
            .collect();
        status.insert("conditions".into(), Value::Array(conds));
    }
    if job.indexed && !st.completed_indexes.is_empty() {
        status.insert(
            "completedIndexes".into(),
            json!(st.completed_indexes.to_string()),
        );
    }
    if let Some(t) = st.completion_time {
        status.insert("completionTime".into(), ts(w, t));
    }
    if job.backoff_limit_per_index.is_some() {
        status.insert("failedIndexes".into(), json!(st.failed_indexes.to_string()));
    }
    if st.failed > 0 {
        status.insert("failed".into(), json!(st.failed));
    }
    status.insert("ready".into(), json!(st.ready));
    if let Some(t) = st.start_time {
        status.insert("startTime".into(), ts(w, t));
    }
    if st.succeeded > 0 {
        status.insert("succeeded".into(), json!(st.succeeded));
    }
    status.insert("terminating".into(), json!(st.terminating));
    status.insert("uncountedTerminatedPods".into(), json!({}));
    if job.external_manager().is_some() {
        // The built-in controller never syncs it: status stays as created.
        status.clear();
    }
    json!({
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": meta,
        "spec": spec,
        "status": status,
    })
}

pub fn cronjob(w: &World, i: usize) -> Value {
    let cj = &w.store.cronjobs[i];
    let mut meta = json!({
        "creationTimestamp": ts(w, cj.created),
        "generation": 1,
        "name": cj.name,
        "namespace": "default",
        "uid": uid_string(cj.uid),
    });
    if let Some(l) = &cj.manifest.metadata.labels {
        meta["labels"] = labels_value(l);
    }
    let mut spec = serde_json::to_value(&cj.manifest.spec).unwrap_or(Value::Null);
    if let Some(tm) = spec
        .pointer_mut("/jobTemplate/metadata")
        .and_then(Value::as_object_mut)
    {
        tm.insert("creationTimestamp".into(), Value::Null);
    }
    if let Some(tm) = spec
        .pointer_mut("/jobTemplate/spec/template/metadata")
        .and_then(Value::as_object_mut)
    {
        tm.insert("creationTimestamp".into(), Value::Null);
    }
    let mut status = Map::new();
    if !cj.status.active.is_empty() {
        let refs: Vec<Value> = cj
            .status
            .active
            .iter()
            .map(|&j| {
                let job = &w.store.jobs[j as usize];
                json!({
                    "apiVersion": "batch/v1",
                    "kind": "Job",
                    "name": job.name,
                    "namespace": "default",
                    "resourceVersion": "1",
                    "uid": uid_string(job.uid),
                })
            })
            .collect();
        status.insert("active".into(), Value::Array(refs));
    }
    if let Some(t) = cj.status.last_schedule_time {
        status.insert("lastScheduleTime".into(), json!(rfc3339(t)));
    }
    if let Some(t) = cj.status.last_successful_time {
        status.insert("lastSuccessfulTime".into(), json!(rfc3339(t)));
    }
    json!({"apiVersion": "batch/v1", "kind": "CronJob", "metadata": meta, "spec": spec, "status": status})
}

pub fn pod_ip(w: &World, p: u32) -> Option<String> {
    let pod = &w.store.pods[p as usize];
    let n = pod.node.get()?;
    pod.running_at.or(pod.scheduled_at.get())?;
    Some(format!("10.244.{}.{}", n + 1, (p % 250) + 2))
}

pub fn node_ip(n: u32) -> String {
    format!("172.18.0.{}", n + 2)
}

fn container_status(
    w: &World,
    p: u32,
    name: &str,
    image: &str,
    s: &ContainerStatus,
    ready: bool,
) -> Value {
    let state = |st: &ContainerState| -> Value {
        match *st {
            ContainerState::Waiting(crate::pod::WaitReason::CrashLoopBackOff) => {
                json!({"waiting": {
                    "message": crate::kubelet::crash_loop_message(
                        s.crash_backoff,
                        name,
                        &w.pod_name(p),
                        &uid_string(w.store.pods[p as usize].uid),
                    ),
                    "reason": "CrashLoopBackOff",
                }})
            }
            ContainerState::Waiting(r) => json!({"waiting": {"reason": r.as_str()}}),
            ContainerState::Running { since } => json!({"running": {"startedAt": ts(w, since)}}),
            ContainerState::Terminated(t) => match t.reason.message() {
                Some(message) => json!({"terminated": {
                    "exitCode": t.exit_code,
                    "finishedAt": null,
                    "message": message,
                    "reason": t.reason.as_str(),
                    "startedAt": null,
                }}),
                None => json!({"terminated": {
                    "exitCode": t.exit_code,
                    "finishedAt": ts(w, t.finished),
                    "reason": t.reason.as_str(),
                    "startedAt": ts(w, t.started),
                }}),
            },
        }
    };
    let mut v = json!({
        "image": image,
        "name": name,
        "ready": ready,
        "restartCount": s.restart_count,
        "started": s.is_running(),
        "state": state(&s.state),
    });
    if let Some(last) = s.last.as_deref() {
        v["lastState"] = state(&ContainerState::Terminated(*last));
    } else {
        v["lastState"] = json!({});
    }
    v
}

pub fn pod(w: &World, p: u32) -> Value {
    let pod = &w.store.pods[p as usize];
    let job = &w.store.jobs[pod.job as usize];
    let tpl = &job.manifest.spec.template;
    let mut labels = tpl.metadata.labels.clone().unwrap_or_default();
    let mut annotations = tpl.metadata.annotations.clone().unwrap_or_default();
    if let Some(i) = pod.index.get() {
        labels.insert(COMPLETION_INDEX.into(), i.to_string());
        annotations.insert(COMPLETION_INDEX.into(), i.to_string());
        if job.backoff_limit_per_index.is_some() {
            annotations.insert(
                "batch.kubernetes.io/job-index-failure-count".into(),
                pod.index_failure_count.to_string(),
            );
            // Written once an Ignore rule has left a failure of the index
            // uncounted (getNewIndexFailureCounts).
            if pod.index_ignored_failure_count > 0 {
                annotations.insert(
                    "batch.kubernetes.io/job-index-ignored-failure-count".into(),
                    pod.index_ignored_failure_count.to_string(),
                );
            }
        }
    }
    let mut generate_name = String::new();
    crate::pod::write_generate_name(&mut generate_name, &job.name, pod.index.get());
    let mut meta = json!({
        "creationTimestamp": ts(w, pod.created),
        "generateName": generate_name,
        "labels": labels_value(&labels),
        "name": w.pod_name(p),
        "namespace": "default",
        "ownerReferences": [{
            "apiVersion": "batch/v1",
            "blockOwnerDeletion": true,
            "controller": true,
            "kind": "Job",
            "name": job.name,
            "uid": uid_string(job.uid),
        }],
        "uid": uid_string(pod.uid),
    });
    if !annotations.is_empty() {
        meta["annotations"] = labels_value(&annotations);
    }
    if let Some(d) = w.deletion_timestamp(p) {
        meta["deletionTimestamp"] = ts(w, d);
        meta["deletionGracePeriodSeconds"] = json!(w.grace_period_seconds(pod.job));
    }
    if job.orphaned {
        // Orphan propagation removed the owner reference; the controller
        // dropped the finalizer of a pod without a Job.
        if let Some(m) = meta.as_object_mut() {
            m.remove("ownerReferences");
        }
    } else if !pod.counted && !pod.phase.is_terminal() {
        meta["finalizers"] = json!(["batch.kubernetes.io/job-tracking"]);
    }
    let mut spec = serde_json::to_value(&tpl.spec).unwrap_or(Value::Null);
    if let Some(n) = pod.node.get() {
        spec["nodeName"] = json!(w.store.nodes[n as usize].name);
    }
    spec["tolerations"] = serde_json::to_value(w.pod_tolerations(pod.job)).unwrap_or(Value::Null);
    if let Some(i) = pod.index.get() {
        spec["hostname"] = json!(format!("{}-{i}", job.name));
        for key in ["initContainers", "containers"] {
            if let Some(cs) = spec.get_mut(key).and_then(Value::as_array_mut) {
                for c in cs {
                    let env = c
                        .as_object_mut()
                        .expect("object")
                        .entry("env")
                        .or_insert(json!([]));
                    if let Some(list) = env.as_array_mut() {
                        if !list.iter().any(|e| e["name"] == "JOB_COMPLETION_INDEX") {
                            list.push(
                                json!({"name": "JOB_COMPLETION_INDEX", "valueFrom": {"fieldRef": {
                                    "apiVersion": "v1",
                                    "fieldPath": format!("metadata.labels['{COMPLETION_INDEX}']"),
                                }}}),
                            );
                        }
                    }
                }
            }
        }
    }
    let mut status = Map::new();
    status.insert("phase".into(), json!(pod.phase.as_str()));
    let mut conds = Vec::new();
    let cond = |t: &str, ok: bool, at: Time, reason: Option<&str>, msg: Option<&str>| {
        let mut c = json!({"lastProbeTime": null, "lastTransitionTime": ts(w, at), "status": if ok { "True" } else { "False" }, "type": t});
        if let Some(r) = reason {
            c["reason"] = json!(r);
        }
        if let Some(m) = msg {
            c["message"] = json!(m);
        }
        c
    };
    if let Some(msg) = pod.unschedulable.get() {
        conds.push(cond(
            "PodScheduled",
            false,
            pod.created,
            Some("Unschedulable"),
            Some(&w.store.events.messages[msg as usize]),
        ));
    } else if let Some(t) = pod.scheduled_at.get() {
        if let Some((reason, message)) = pod.reason.and_then(PodReason::disruption_target) {
            conds.push(cond(
                "DisruptionTarget",
                true,
                pod.deletion.or(pod.finished_at.get()).unwrap_or(t),
                Some(reason),
                Some(message),
            ));
        }
        let init_done = pod
            .init()
            .iter()
            .all(|c| matches!(c.state, ContainerState::Terminated(t) if t.exit_code == 0));
        conds.push(cond("Initialized", init_done, t, None, None));
        let [(ready, ready_reason, ready_at), (cready, creason, cready_at)] =
            ready_conditions(w, p, t);
        conds.push(cond("Ready", ready, ready_at, ready_reason, None));
        conds.push(cond("ContainersReady", cready, cready_at, creason, None));
        conds.push(cond("PodScheduled", true, t, None, None));
    }
    status.insert("conditions".into(), Value::Array(conds));
    if pod.scheduled_at.is_some() {
        let names: Vec<(&str, &str)> = job
            .containers
            .iter()
            .map(|c| (c.name.as_str(), c.image.as_str()))
            .collect();
        let n_init = pod.n_init as usize;
        let app: Vec<Value> = pod
            .app()
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let (n, img) = names[n_init + i];
                container_status(w, p, n, img, s, s.is_running() && pod.deletion.is_none())
            })
            .collect();
        status.insert("containerStatuses".into(), Value::Array(app));
        if n_init > 0 {
            let init: Vec<Value> = pod
                .init()
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let (n, img) = names[i];
                    container_status(
                        w,
                        p,
                        n,
                        img,
                        s,
                        matches!(s.state, ContainerState::Terminated(t) if t.exit_code == 0),
                    )
                })
                .collect();
            status.insert("initContainerStatuses".into(), Value::Array(init));
        }
        if let Some(n) = pod.node.get() {
            status.insert("hostIP".into(), json!(node_ip(n)));
        }
        if let Some(ip) = pod_ip(w, p) {
            status.insert("podIP".into(), json!(ip));
        }
        status.insert(
            "startTime".into(),
            ts(w, pod.scheduled_at.unwrap_or(pod.created)),
        );
    }
    status.insert("qosClass".into(), json!(qos_class(w, pod.job)));
    json!({"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec, "status": status})
}

/// The pod's Ready and ContainersReady conditions (status, reason,
/// lastTransitionTime), `scheduled` standing in for a time never set. On a
/// NotReady node the node lifecycle controller's `MarkPodsNotReady` turns
/// only Ready to False, keeping its (empty) reason: ContainersReady stays
/// True, and so does each container's `ready`, which kubectl's READY column
/// counts.
pub fn ready_conditions(
    w: &World,
    p: u32,
    scheduled: Time,
) -> [(bool, Option<&'static str>, Time); 2] {
    let pod = &w.store.pods[p as usize];
    let at = pod.ready_changed.unwrap_or(scheduled);
    let marked_by_node = !pod.ready
        && pod
            .node
            .get()
            .is_some_and(|n| !w.store.nodes[n as usize].ready)
        && pod.containers_running_since().is_some();
    if marked_by_node {
        let since = pod.containers_running_since().unwrap_or(scheduled);
        return [(false, None, at), (true, None, since)];
    }
    let reason = if pod.ready {
        None
    } else if pod.phase.is_terminal() {
        Some("PodCompleted")
    } else {
        Some("ContainersNotReady")
    };
    [(pod.ready, reason, at), (pod.ready, reason, at)]
}

pub fn qos_class(w: &World, j: u32) -> &'static str {
    let spec = &w.store.jobs[j as usize].manifest.spec.template.spec;
    let all: Vec<_> = spec
        .init_containers
        .iter()
        .flatten()
        .chain(&spec.containers)
        .collect();
    let any = all.iter().any(|c| {
        c.resources.as_ref().is_some_and(|r| {
            r.requests.as_ref().is_some_and(|m| !m.is_empty())
                || r.limits.as_ref().is_some_and(|m| !m.is_empty())
        })
    });
    if !any {
        return "BestEffort";
    }
    let guaranteed = all.iter().all(|c| {
        let Some(r) = &c.resources else { return false };
        let (Some(req), Some(lim)) = (&r.requests, &r.limits) else {
            return false;
        };
        ["cpu", "memory"]
            .iter()
            .all(|k| matches!((req.get(*k), lim.get(*k)), (Some(a), Some(b)) if a.milli == b.milli))
    });
    if guaranteed {
        "Guaranteed"
    } else {
        "Burstable"
    }
}

fn quantity_map(r: &crate::node::Resources) -> Value {
    let mut m = Map::new();
    m.insert("cpu".into(), json!(milli_text(r.cpu, false)));
    m.insert("memory".into(), json!(milli_text(r.memory, true)));
    if r.gpu > 0 {
        m.insert(crate::node::GPU.into(), json!(milli_text(r.gpu, false)));
    }
    m.insert("pods".into(), json!(r.pods.to_string()));
    Value::Object(m)
}

/// Renders a milli-quantity the way the API prints it (`4`, `500m`, `16Gi`).
pub fn milli_text(milli: i64, binary: bool) -> String {
    if milli % 1000 != 0 {
        return format!("{milli}m");
    }
    let v = milli / 1000;
    if binary && v > 0 {
        for (suffix, f) in [
            ("Ti", 1i64 << 40),
            ("Gi", 1 << 30),
            ("Mi", 1 << 20),
            ("Ki", 1 << 10),
        ] {
            if v % f == 0 {
                return format!("{}{suffix}", v / f);
            }
        }
    }
    v.to_string()
}

pub fn node(w: &World, n: u32) -> Value {
    let node = &w.store.nodes[n as usize];
    let mut spec = Map::new();
    if node.unschedulable {
        spec.insert("unschedulable".into(), json!(true));
    }
    let taints: Vec<Value> = node
        .effective_taints()
        .into_iter()
        .map(|(k, v, e)| {
            let mut t = json!({"effect": e, "key": k});
            if let Some(v) = v {
                t["value"] = json!(v);
            }
            t
        })
        .collect();
    if !taints.is_empty() {
        spec.insert("taints".into(), Value::Array(taints));
    }
    let mut labels = node.labels.clone();
    labels
        .entry("kubernetes.io/hostname".into())
        .or_insert_with(|| node.name.clone());
    labels
        .entry("kubernetes.io/os".into())
        .or_insert_with(|| "linux".into());
    let ready = if node.ready {
        json!({"type": "Ready", "status": "True", "reason": "KubeletReady", "message": "kubelet is posting ready status"})
    } else {
        json!({"type": "Ready", "status": "Unknown", "reason": "NodeStatusUnknown", "message": "Kubelet stopped posting node status."})
    };
    json!({
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {"creationTimestamp": ts(w, node.created), "labels": labels_value(&labels), "name": node.name, "uid": uid_string(node.uid)},
        "spec": spec,
        "status": {
            "addresses": [{"address": node_ip(n), "type": "InternalIP"}, {"address": node.name, "type": "Hostname"}],
            "allocatable": quantity_map(&node.allocatable),
            "capacity": quantity_map(&node.allocatable),
            "conditions": [ready],
        },
    })
}

/// Reason, message, type and source component of an event.
pub fn event_text(
    w: &World,
    e: &EventRecord,
) -> (&'static str, String, &'static str, &'static str) {
    let cname = |p: u32, c: u8| -> String {
        let pod = &w.store.pods[p as usize];
        w.store.jobs[pod.job as usize].containers[c as usize]
            .name
            .clone()
    };
    let image = |p: u32, c: u8| -> String {
        let pod = &w.store.pods[p as usize];
        w.store.jobs[pod.job as usize].containers[c as usize]
            .image
            .clone()
    };
    let pod_of = || match e.object() {
        ObjRef::Pod(p) => p,
        _ => 0,
    };
    let msg = match e.reason {
        Reason::SuccessfulCreate { pod } => format!("Created pod: {}", w.pod_name(pod)),
        Reason::SuccessfulDelete { pod } => format!("Deleted pod: {}", w.pod_name(pod)),
        Reason::BackoffLimitExceeded => FailReason::BackoffLimitExceeded.message().into(),
        Reason::DeadlineExceeded => FailReason::DeadlineExceeded.message().into(),
        Reason::MaxFailedIndexesExceeded => FailReason::MaxFailedIndexesExceeded.message().into(),
        Reason::FailedIndexes => FailReason::FailedIndexes.message().into(),
        // The matched rule's message, as written into the Failed condition.
        Reason::PodFailurePolicy => match e.object() {
            ObjRef::Job(j) => w.store.jobs[j as usize]
                .condition(crate::job::CondType::Failed)
                .map(|c| c.message.clone())
                .unwrap_or_default(),
            _ => String::new(),
        },
        Reason::Completed => "Job completed".into(),
        Reason::Suspended => "Job suspended".into(),
        Reason::Resumed => "Job resumed".into(),
        Reason::CronJobCreated { job } => format!("Created job {}", w.store.jobs[job as usize].name),
        Reason::SawCompletedJob { job } => {
            let j = &w.store.jobs[job as usize];
            let cond = j.terminal_condition().map_or("", |c| c.kind.as_str());
            format!("Saw completed job: {}, condition: {cond}", j.name)
        }
        Reason::CronJobDeleted { job } => format!("Deleted job {}", w.store.jobs[job as usize].name),
        Reason::UnexpectedJob { job } => format!(
            "Saw a job that the controller did not create or forgot: {}",
            w.store.jobs[job as usize].name
        ),
        Reason::MissingJob { job } => format!("Active job went missing: {}", w.store.jobs[job as usize].name),
        Reason::JobAlreadyActive => {
            "Not starting job because prior execution is running and concurrency policy is Forbid".into()
        }
        Reason::MissSchedule { at } => format!(
            "Missed scheduled time to start a job: {}",
            crate::clock::rfc1123z(w.origin_unix + at as i64)
        ),
        Reason::TooManyMissedTimes => "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew".into(),
        Reason::InvalidSchedule | Reason::UnparseableSchedule | Reason::UnknownTimeZone => {
            let cj = match e.object() {
                ObjRef::CronJob(c) => Some(&w.store.cronjobs[c as usize]),
                _ => None,
            };
            let sched = cj.map_or("", |c| c.manifest.spec.schedule.as_str());
            let tz = cj.and_then(|c| c.time_zone()).unwrap_or("");
            let err = match cj.map(|c| (&c.schedule, &c.zone)) {
                Some((Err(e), _)) | Some((_, Err(e))) => e.clone(),
                _ => match cj.map(|c| &c.decision) {
                    Some(crate::cronjob::Decision::InvalidSchedule(e)) => e.clone(),
                    _ => String::new(),
                },
            };
            match e.reason {
                Reason::InvalidSchedule => format!("invalid schedule: {sched} : {err}"),
                Reason::UnparseableSchedule => format!("unparseable schedule: {sched:?} : {err}"),
                _ => format!("invalid timeZone: {tz:?}: {err}"),
            }
        }
        Reason::Scheduled { node } => format!(
            "Successfully assigned default/{} to {}",
            w.pod_name(pod_of()),
            w.store.nodes[node as usize].name
        ),
        Reason::FailedScheduling { msg } => w.store.events.messages[msg as usize].clone(),
        Reason::Pulling { c } => format!("Pulling image \"{}\"", image(pod_of(), c)),
        Reason::Pulled { c, took_ms } => {
            let d = crate::clock::Duration(took_ms as u64);
            format!("Successfully pulled image \"{}\" in {d} ({d} including waiting)", image(pod_of(), c))
        }
        Reason::AlreadyPresent { c } => format!("Container image \"{}\" already present on machine", image(pod_of(), c)),
        Reason::PullFailed { c } => format!(
            "Failed to pull image \"{}\": the playground's scenario makes this pull fail (behaviors[].imagePull: fail)",
            image(pod_of(), c)
        ),
        Reason::ErrImagePull { .. } => "Error: ErrImagePull".into(),
        Reason::PullBackOff { c } => format!("Back-off pulling image \"{}\"", image(pod_of(), c)),
        Reason::Created { c } => format!("Created container: {}", cname(pod_of(), c)),
        Reason::Started { c } => format!("Started container {}", cname(pod_of(), c)),
        Reason::Killing { c } => format!("Stopping container {}", cname(pod_of(), c)),
        Reason::BackOff { c } => {
            let p = pod_of();
            format!(
                "Back-off restarting failed container {} in pod {}_default({})",
                cname(p, c),
                w.pod_name(p),
                uid_string(w.store.pods[p as usize].uid)
            )
        }
        // The node-controller's "Node <name> status is now: <reason>".
        Reason::NodeNotReady | Reason::NodeReady | Reason::NodeNotSchedulable | Reason::NodeSchedulable => {
            let node = match e.object() {
                ObjRef::Node(n) => w.store.nodes[n as usize].name.as_str(),
                _ => "",
            };
            format!("Node {node} status is now: {}", e.reason.name())
        }
        Reason::PodNodeNotReady => "Node is not ready".into(),
        Reason::TaintManagerEviction => format!("Marking for deletion Pod default/{}", w.pod_name(pod_of())),
        Reason::TaintManagerEvictionCancelled => {
            format!("Cancelling deletion of Pod default/{}", w.pod_name(pod_of()))
        }
    };
    // EventAggregatorByReasonMessageFunc.
    let msg = if e.combined() {
        format!("(combined from similar events): {msg}")
    } else {
        msg
    };
    let ty = if e.reason.is_warning() {
        "Warning"
    } else {
        "Normal"
    };
    (e.reason.name(), msg, ty, e.reason.component())
}

pub fn object_name(w: &World, o: ObjRef) -> (&'static str, std::borrow::Cow<'_, str>, u64) {
    match o {
        ObjRef::Job(j) => (
            "Job",
            w.store.jobs[j as usize].name.as_str().into(),
            w.store.jobs[j as usize].uid,
        ),
        ObjRef::Pod(p) => ("Pod", w.pod_name(p).into(), w.store.pods[p as usize].uid),
        ObjRef::Node(n) => (
            "Node",
            w.store.nodes[n as usize].name.as_str().into(),
            w.store.nodes[n as usize].uid,
        ),
        ObjRef::CronJob(c) => (
            "CronJob",
            w.store.cronjobs[c as usize].name.as_str().into(),
            w.store.cronjobs[c as usize].uid,
        ),
    }
}

pub fn event(w: &World, idx: usize) -> Value {
    let Some(e) = w.store.events.get(idx) else {
        return Value::Null;
    };
    let (reason, message, ty, component) = event_text(w, e);
    let (kind, name, uid) = object_name(w, e.object());
    let api = if kind == "Job" { "batch/v1" } else { "v1" };
    let mut involved =
        json!({"apiVersion": api, "kind": kind, "name": name, "uid": uid_string(uid)});
    if kind != "Node" {
        involved["namespace"] = json!("default");
    }
    let mut source = json!({"component": component});
    if component == "kubelet" {
        if let ObjRef::Pod(p) = e.object() {
            if let Some(n) = w.store.pods[p as usize].node.get() {
                source["host"] = json!(w.store.nodes[n as usize].name);
            }
        }
    }
    json!({
        "apiVersion": "v1",
        "kind": "Event",
        "metadata": {
            "creationTimestamp": ts(w, e.first()),
            "name": format!("{name}.{:016x}", (w.origin_unix as u64).wrapping_mul(1_000_000_000).wrapping_add(e.first().ms() * 1_000_000 + idx as u64)),
            "namespace": "default",
        },
        "count": e.count,
        "firstTimestamp": ts(w, e.first()),
        "involvedObject": involved,
        "lastTimestamp": ts(w, e.last()),
        "message": message,
        "reason": reason,
        "reportingComponent": component,
        "reportingInstance": "",
        "source": source,
        "type": ty,
    })
}

/// Every object that exists now, as a `v1 List`.
/// `list` as the text `jobsim run -o json` prints (and the UI exports), so
/// both drivers produce the same bytes.
pub fn list_json(w: &World) -> String {
    crate::text::json::pretty(&list(w)) + "\n"
}

pub fn list(w: &World) -> Value {
    let mut items = Vec::new();
    // Owners before what they own: CronJobs, Jobs, pods, nodes, events.
    for i in cronjobs_by_name(w) {
        items.push(cronjob(w, i));
    }
    for (j, job) in w.store.jobs.iter().enumerate() {
        if job.deleted.is_none() {
            items.push(self::job(w, j as u32));
        }
    }
    let mut pods: Vec<u32> = (0..w.store.pods.len() as u32)
        .filter(|&p| w.store.pods[p as usize].exists())
        .collect();
    crate::sort::sort_by_key(&mut pods, |p| w.pod_name(p));
    for p in pods {
        items.push(pod(w, p));
    }
    for (n, node_state) in w.store.nodes.iter().enumerate() {
        if node_state.exists() {
            items.push(node(w, n as u32));
        }
    }
    // The API server keeps an Event until its TTL, whatever became of the
    // object it is about (a deleted pod's eviction, a removed node's
    // NotReady).
    for (i, _) in w.store.events.visible(w.now) {
        items.push(event(w, i));
    }
    json!({"apiVersion": "v1", "kind": "List", "items": items, "metadata": {"resourceVersion": ""}})
}

/// CronJob arena indexes in name order (as kubectl lists them).
pub fn cronjobs_by_name(w: &World) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..w.store.cronjobs.len()).collect();
    crate::sort::sort_by(&mut idx, |a, b| {
        w.store.cronjobs[*a].name.cmp(&w.store.cronjobs[*b].name)
    });
    idx
}
