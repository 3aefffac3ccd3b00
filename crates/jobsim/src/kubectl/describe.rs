//! `kubectl describe job|pod|node` in kubectl's layout.

use super::get::events_in_order;
use super::get::print_bool;
use super::objects;
use super::{age, not_found, wall};
use crate::api::{Container, Labels};
use crate::clock::{rfc1123z, Time};
use crate::defaults::COMPLETION_INDEX;
use crate::events::ObjRef;
use crate::pod::ContainerState;
use crate::text::tabwriter::TabWriter;
use crate::uid::uid_string;
use crate::world::World;

pub fn describe(w: &World, kind: &str, name: Option<&str>) -> Result<String, String> {
    let Some(name) = name else {
        // Without a name kubectl describes every object of the kind.
        let names: Vec<String> = match kind {
            "job" => w
                .store
                .jobs
                .iter()
                .filter(|j| j.deleted.is_none())
                .map(|j| j.name.clone())
                .collect(),
            "pod" => w
                .store
                .pods
                .iter()
                .enumerate()
                .filter(|(_, p)| p.exists())
                .map(|(i, _)| w.pod_name(i as u32))
                .collect(),
            "node" => w
                .store
                .nodes
                .iter()
                .filter(|n| n.exists())
                .map(|n| n.name.clone())
                .collect(),
            "cronjob" => w.store.cronjobs.iter().map(|c| c.name.clone()).collect(),
            _ => Vec::new(),
        };
        let parts: Result<Vec<String>, String> =
            names.iter().map(|n| describe(w, kind, Some(n))).collect();
        return Ok(parts?.join("\n\n"));
    };
    match kind {
        "job" => w
            .job_by_name(name)
            .map(|j| job(w, j))
            .ok_or_else(|| not_found(kind, name)),
        "pod" => w
            .pod_by_name(name)
            .map(|p| pod(w, p))
            .ok_or_else(|| not_found(kind, name)),
        "node" => w
            .node_by_name(name)
            .map(|n| node(w, n))
            .ok_or_else(|| not_found(kind, name)),
        "cronjob" => w
            .cronjob_by_name(name)
            .map(|c| cronjob(w, c))
            .ok_or_else(|| not_found(kind, name)),
        _ => Err(format!(
            "error: describe is not supported for {kind} in the playground"
        )),
    }
}

fn map_lines(t: &mut TabWriter, label: &str, m: Option<&Labels>, sep: &str) {
    match m {
        Some(m) if !m.is_empty() => {
            for (i, (k, v)) in m.iter().enumerate() {
                let head = if i == 0 { label } else { "" };
                t.line(&format!("{head}\t{k}{sep}{v}"));
            }
        }
        _ => t.line(&format!("{label}\t<none>")),
    }
}

/// `printLabelsMultiline` then `printAnnotationsMultiline`.
fn labels_and_annotations(t: &mut TabWriter, meta: &crate::api::ObjectMeta) {
    map_lines(t, "Labels:", meta.labels.as_ref(), "=");
    map_lines(t, "Annotations:", meta.annotations.as_ref(), ": ");
}

fn events_section(t: &mut TabWriter, w: &World, obj: ObjRef) {
    let idx = events_in_order(w, |o| o == obj);
    if idx.is_empty() {
        t.line("Events:\t<none>");
        return;
    }
    t.line("Events:");
    t.line("  Type\tReason\tAge\tFrom\tMessage");
    t.line("  ----\t------\t----\t----\t-------");
    for i in idx {
        let Some(e) = w.store.events.get(i) else {
            continue;
        };
        let (reason, msg, ty, component) = objects::event_text(w, e);
        let age_text = if e.count > 1 {
            format!(
                "{} (x{} over {})",
                age(w, e.last()),
                e.count,
                age(w, e.first())
            )
        } else {
            age(w, e.first())
        };
        t.line(&format!("  {ty}\t{reason}\t{age_text}\t{component}\t{msg}"));
    }
}

/// `indent` prefixes the container name, its fields get 4 spaces (kubectl
/// uses 3/4 in a Job's pod template and 2/4 in a pod). `status` lines (a
/// pod's State, Ready, Restart Count) go before Environment, as kubectl
/// prints them.
fn container_block(
    t: &mut TabWriter,
    c: &Container,
    indent: &str,
    env_extra: Option<&str>,
    status: &[String],
) {
    t.line(&format!("{indent}{}:", c.name));
    let i2 = "    ";
    t.line(&format!("{i2}Image:\t{}", c.image.as_deref().unwrap_or("")));
    t.line(&format!("{i2}Port:\t<none>"));
    t.line(&format!("{i2}Host Port:\t<none>"));
    for (label, list) in [("Command", &c.command), ("Args", &c.args)] {
        if let Some(list) = list {
            t.line(&format!("{i2}{label}:"));
            for a in list {
                t.line(&format!("{i2}  {a}"));
            }
        }
    }
    if let Some(r) = &c.resources {
        for (label, m) in [("Limits", &r.limits), ("Requests", &r.requests)] {
            if let Some(m) = m {
                if !m.is_empty() {
                    t.line(&format!("{i2}{label}:"));
                    for (k, q) in m {
                        t.line(&format!("{i2}  {k}:\t{}", q.text));
                    }
                }
            }
        }
    }
    for l in status {
        t.line(l);
    }
    let env: Vec<String> = c
        .env
        .iter()
        .flatten()
        .map(|e| format!("{i2}  {}:\t{}", e.name, e.value.as_deref().unwrap_or("")))
        .chain(env_extra.map(|s| format!("{i2}  {s}")))
        .collect();
    if env.is_empty() {
        t.line(&format!("{i2}Environment:\t<none>"));
    } else {
        t.line(&format!("{i2}Environment:"));
        for e in env {
            t.line(&e);
        }
    }
    t.line(&format!("{i2}Mounts:\t<none>"));
}

fn job(w: &World, j: u32) -> String {
    let job = &w.store.jobs[j as usize];
    let m = &job.manifest;
    let s = &m.spec;
    let mut t = TabWriter::describe();
    t.line(&format!("Name:\t{}", job.name));
    t.line("Namespace:\tdefault");
    t.line(&format!("Selector:\t{}", super::get::selector_text(w, j)));
    labels_and_annotations(&mut t, &m.metadata);
    t.line(&format!("Parallelism:\t{}", job.parallelism));
    match job.completions {
        Some(c) => t.line(&format!("Completions:\t{c}")),
        None => t.line("Completions:\t<unset>"),
    }
    t.line(&format!(
        "Completion Mode:\t{}",
        s.completion_mode.as_deref().unwrap_or("NonIndexed")
    ));
    t.line(&format!("Suspend:\t{}", job.suspend));
    t.line(&format!("Backoff Limit:\t{}", job.backoff_limit));
    if let Some(d) = s.active_deadline_seconds {
        t.line(&format!("Active Deadline Seconds:\t{d}s"));
    }
    if let Some(st) = job.status.start_time {
        t.line(&format!("Start Time:\t{}", rfc1123z(wall(w, st))));
    }
    if let Some(ct) = job.status.completion_time {
        t.line(&format!("Completed At:\t{}", rfc1123z(wall(w, ct))));
        if let Some(st) = job.status.start_time {
            t.line(&format!(
                "Duration:\t{}",
                crate::clock::human_duration(ct.since(st))
            ));
        }
    }
    let st = &job.status;
    t.line(&format!(
        "Pods Statuses:\t{} Active ({} Ready) / {} Succeeded / {} Failed",
        st.active, st.ready, st.succeeded, st.failed
    ));
    if job.indexed {
        let ci = st.completed_indexes.to_string();
        t.line(&format!(
            "Completed Indexes:\t{}",
            if ci.is_empty() { "<none>" } else { &ci }
        ));
    }
    pod_template(&mut t, &s.template);
    events_section(&mut t, w, ObjRef::Job(j));
    t.finish()
}

/// `DescribePodTemplate`, as `describe job` and `describe cronjob` print it.
fn pod_template(t: &mut TabWriter, tpl: &crate::api::PodTemplateSpec) {
    t.line("Pod Template:");
    map_lines(t, "  Labels:", tpl.metadata.labels.as_ref(), "=");
    if let Some(init) = &tpl.spec.init_containers {
        t.line("  Init Containers:");
        for c in init {
            container_block(t, c, "   ", None, &[]);
        }
    }
    t.line("  Containers:");
    for c in &tpl.spec.containers {
        container_block(t, c, "   ", None, &[]);
    }
    t.line("  Volumes:\t<none>");
    match &tpl.spec.node_selector {
        Some(ns) if !ns.is_empty() => {
            let v: Vec<String> = ns.iter().map(|(k, v)| format!("{k}={v}")).collect();
            t.line(&format!("  Node-Selectors:\t{}", v.join(",")));
        }
        _ => t.line("  Node-Selectors:\t<none>"),
    }
    match &tpl.spec.tolerations {
        Some(ts) if !ts.is_empty() => {
            for (i, tol) in ts.iter().enumerate() {
                let head = if i == 0 { "  Tolerations:" } else { "" };
                t.line(&format!("{head}\t{}", toleration_text(tol)));
            }
        }
        _ => t.line("  Tolerations:\t<none>"),
    }
}

/// `describeCronJob`.
pub fn cronjob(w: &World, c: u32) -> String {
    let cj = &w.store.cronjobs[c as usize];
    let m = &cj.manifest;
    let s = &m.spec;
    let mut t = TabWriter::describe();
    t.line(&format!("Name:\t{}", cj.name));
    t.line("Namespace:\tdefault");
    labels_and_annotations(&mut t, &m.metadata);
    t.line(&format!("Schedule:\t{}", s.schedule));
    t.line(&format!("Concurrency Policy:\t{}", cj.concurrency.as_str()));
    t.line(&format!("Suspend:\t{}", print_bool(cj.suspend)));
    let limit = |v: Option<i32>| v.map_or("<unset>".to_string(), |v| v.to_string());
    t.line(&format!(
        "Successful Job History Limit:\t{}",
        limit(s.successful_jobs_history_limit)
    ));
    t.line(&format!(
        "Failed Job History Limit:\t{}",
        limit(s.failed_jobs_history_limit)
    ));
    match s.starting_deadline_seconds {
        Some(d) => t.line(&format!("Starting Deadline Seconds:\t{d}s")),
        None => t.line("Starting Deadline Seconds:\t<unset>"),
    }
    let js = &s.job_template.spec;
    t.line("Selector:\t<unset>");
    let opt = |v: Option<i32>| v.map_or("<unset>".to_string(), |v| v.to_string());
    t.line(&format!("Parallelism:\t{}", opt(js.parallelism)));
    t.line(&format!("Completions:\t{}", opt(js.completions)));
    if let Some(d) = js.active_deadline_seconds {
        t.line(&format!("Active Deadline Seconds:\t{d}s"));
    }
    pod_template(&mut t, &js.template);
    match cj.status.last_schedule_time {
        Some(ls) => t.line(&format!("Last Schedule Time:\t{}", rfc1123z(ls))),
        None => t.line("Last Schedule Time:\t<unset>"),
    }
    let active: Vec<&str> = cj
        .status
        .active
        .iter()
        .map(|&j| w.store.jobs[j as usize].name.as_str())
        .collect();
    t.line(&format!(
        "Active Jobs:\t{}",
        if active.is_empty() {
            "<none>".to_string()
        } else {
            active.join(", ")
        }
    ));
    events_section(&mut t, w, ObjRef::CronJob(c));
    t.finish()
}

fn toleration_text(t: &crate::api::Toleration) -> String {
    let mut s = t.key.clone().unwrap_or_default();
    if let Some(v) = &t.value {
        if !v.is_empty() {
            s.push('=');
            s.push_str(v);
        }
    }
    if let Some(e) = &t.effect {
        s.push(':');
        s.push_str(e);
    }
    if t.operator.as_deref() == Some("Exists") {
        s.push_str(" op=Exists");
    }
    if let Some(secs) = t.toleration_seconds {
        s.push_str(&format!(" for {secs}s"));
    }
    s
}

fn pod(w: &World, p: u32) -> String {
    let pod = &w.store.pods[p as usize];
    let job = &w.store.jobs[pod.job as usize];
    let tpl = &job.manifest.spec.template;
    let mut t = TabWriter::describe();
    t.line(&format!("Name:\t{}", w.pod_name(p)));
    t.line("Namespace:\tdefault");
    t.line("Priority:\t0");
    t.line("Service Account:\tdefault");
    match pod.node.get() {
        Some(n) => t.line(&format!(
            "Node:\t{}/{}",
            w.store.nodes[n as usize].name,
            objects::node_ip(n)
        )),
        None => t.line("Node:\t<none>"),
    }
    if let Some(s) = pod.scheduled_at.get() {
        t.line(&format!("Start Time:\t{}", rfc1123z(wall(w, s))));
    }
    let mut labels = tpl.metadata.labels.clone().unwrap_or_default();
    let mut ann = tpl.metadata.annotations.clone().unwrap_or_default();
    if let Some(i) = pod.index.get() {
        labels.insert(COMPLETION_INDEX.into(), i.to_string());
        ann.insert(COMPLETION_INDEX.into(), i.to_string());
    }
    map_lines(&mut t, "Labels:", Some(&labels), "=");
    map_lines(&mut t, "Annotations:", Some(&ann), ": ");
    if let Some(d) = w.deletion_timestamp(p) {
        if !pod.phase.is_terminal() {
            // translateTimestampSince: a deletionTimestamp still in the
            // future (inside the grace period) prints as `<invalid>`.
            let lasts = if d > w.now.after(crate::clock::Duration::from_secs(1)) {
                "<invalid>".to_string()
            } else {
                age(w, d)
            };
            t.line(&format!("Status:\tTerminating (lasts {lasts})"));
            t.line(&format!(
                "Termination Grace Period:\t{}s",
                w.grace_period_seconds(pod.job)
            ));
        } else {
            t.line(&format!("Status:\t{}", pod.phase.as_str()));
        }
    } else {
        t.line(&format!("Status:\t{}", pod.phase.as_str()));
    }
    let ip = objects::pod_ip(w, p);
    t.line(&format!("IP:\t{}", ip.as_deref().unwrap_or("")));
    match &ip {
        Some(ip) => {
            t.line("IPs:");
            t.line(&format!("  IP:\t{ip}"));
        }
        None => t.line("IPs:\t<none>"),
    }
    t.line(&format!("Controlled By:\tJob/{}", job.name));
    let n_init = pod.n_init as usize;
    let all: Vec<&Container> = tpl
        .spec
        .init_containers
        .iter()
        .flatten()
        .chain(&tpl.spec.containers)
        .collect();
    let env_extra = pod
        .index
        .map(|_| format!("JOB_COMPLETION_INDEX:\t (v1:metadata.labels['{COMPLETION_INDEX}'])"));
    for (section, range) in [
        ("Init Containers:", 0..n_init),
        ("Containers:", n_init..all.len()),
    ] {
        if range.is_empty() {
            continue;
        }
        t.line(section);
        for c in range {
            let spec = all[c];
            let status = &pod.containers[c];
            let mut st = Vec::new();
            let state_lines = |st: &mut Vec<String>, label: &str, s: &ContainerState| match *s {
                ContainerState::Waiting(r) => {
                    st.push(format!("    {label}:\tWaiting"));
                    st.push(format!("      Reason:\t{}", r.as_str()));
                }
                ContainerState::Running { since } => {
                    st.push(format!("    {label}:\tRunning"));
                    st.push(format!("      Started:\t{}", rfc1123z(wall(w, since))));
                }
                ContainerState::Terminated(tm) => {
                    st.push(format!("    {label}:\tTerminated"));
                    st.push(format!("      Reason:\t{}", tm.reason.as_str()));
                    if let Some(m) = tm.reason.message() {
                        // No times are known for a container that was not found.
                        st.push(format!("      Message:\t{m}"));
                        st.push(format!("      Exit Code:\t{}", tm.exit_code));
                        st.push("      Started:\tMon, 01 Jan 0001 00:00:00 +0000".into());
                        st.push("      Finished:\tMon, 01 Jan 0001 00:00:00 +0000".into());
                        return;
                    }
                    st.push(format!("      Exit Code:\t{}", tm.exit_code));
                    st.push(format!("      Started:\t{}", rfc1123z(wall(w, tm.started))));
                    st.push(format!(
                        "      Finished:\t{}",
                        rfc1123z(wall(w, tm.finished))
                    ));
                }
            };
            if pod.scheduled_at.is_some() {
                state_lines(&mut st, "State", &status.state);
                if let Some(last) = status.last.as_deref() {
                    state_lines(&mut st, "Last State", &ContainerState::Terminated(*last));
                }
                let ready = status.is_running() && pod.deletion.is_none();
                st.push(format!("    Ready:\t{}", print_bool(ready)));
                st.push(format!("    Restart Count:\t{}", status.restart_count));
            }
            container_block(&mut t, spec, "  ", env_extra.as_deref(), &st);
        }
    }
    t.line("Conditions:");
    t.line("  Type\tStatus");
    if pod.scheduled_at.is_some() {
        let init_ok = pod
            .init()
            .iter()
            .all(|c| matches!(c.state, ContainerState::Terminated(x) if x.exit_code == 0));
        if pod
            .reason
            .and_then(crate::pod::PodReason::disruption_target)
            .is_some()
        {
            t.line("  DisruptionTarget \tTrue ");
        }
        t.line(&format!(
            "  PodReadyToStartContainers \t{} ",
            print_bool(!pod.phase.is_terminal() && pod.deletion.is_none())
        ));
        t.line(&format!("  Initialized \t{} ", print_bool(init_ok)));
        let [ready, containers] = objects::ready_conditions(w, p, Time::ZERO);
        t.line(&format!("  Ready \t{} ", print_bool(ready.0)));
        t.line(&format!(
            "  ContainersReady \t{} ",
            print_bool(containers.0)
        ));
        t.line("  PodScheduled \tTrue ");
    } else {
        t.line("  PodScheduled \tFalse ");
    }
    t.line("Volumes:\t<none>");
    t.line(&format!("QoS Class:\t{}", objects::qos_class(w, pod.job)));
    t.line("Node-Selectors:\t<none>");
    let tolerations = w.pod_tolerations(pod.job);
    for (i, tol) in tolerations.iter().enumerate() {
        let head = if i == 0 { "Tolerations:" } else { "" };
        t.line(&format!("{head}\t{}", toleration_text(tol)));
    }
    if tolerations.is_empty() {
        t.line("Tolerations:\t<none>");
    }
    events_section(&mut t, w, ObjRef::Pod(p));
    t.finish()
}

/// cpu, memory (and GPU) lines of a node's resources; `sep` follows the name.
fn resource_lines(t: &mut TabWriter, r: &crate::node::Resources, gpu: bool, sep: &str) {
    t.line(&format!(
        "  cpu{sep}\t{}",
        objects::milli_text(r.cpu, false)
    ));
    t.line(&format!(
        "  memory{sep}\t{}",
        objects::milli_text(r.memory, true)
    ));
    if gpu {
        t.line(&format!(
            "  {}{sep}\t{}",
            crate::node::GPU,
            objects::milli_text(r.gpu, false)
        ));
    }
}

fn node(w: &World, n: u32) -> String {
    let node = &w.store.nodes[n as usize];
    let mut t = TabWriter::describe();
    t.line(&format!("Name:\t{}", node.name));
    t.line("Roles:\t<none>");
    map_lines(&mut t, "Labels:", Some(&node.labels), "=");
    t.line(&format!(
        "CreationTimestamp:\t{}",
        rfc1123z(wall(w, node.created))
    ));
    let taints = node.effective_taints();
    if taints.is_empty() {
        t.line("Taints:\t<none>");
    }
    for (i, (k, v, e)) in taints.iter().enumerate() {
        let head = if i == 0 { "Taints:" } else { "" };
        let v = v.as_deref().map(|v| format!("={v}")).unwrap_or_default();
        t.line(&format!("{head}\t{k}{v}:{e}"));
    }
    t.line(&format!("Unschedulable:\t{}", node.unschedulable));
    t.line(&format!(
        "Ready:\t{}",
        if node.ready { "True" } else { "Unknown" }
    ));
    let (a, r) = (&node.allocatable, &node.requested);
    t.line("Allocatable:");
    resource_lines(&mut t, a, a.gpu > 0, ":");
    t.line(&format!("  pods:\t{}", a.pods));
    t.line(&format!(
        "Non-terminated Pods:\t({} in total)",
        node.pods.len()
    ));
    t.line("Allocated resources:");
    resource_lines(&mut t, r, a.gpu > 0, "");
    t.line(&format!(
        "System Info:\t(simulated node, uid {})",
        uid_string(node.uid)
    ));
    events_section(&mut t, w, ObjRef::Node(n));
    t.finish()
}
