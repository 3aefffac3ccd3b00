//! `kubectl get` tables (upstream `printers.go` columns) and `logs`.

use super::objects;
use super::{age, not_found};
use crate::clock::human_duration;
use crate::events::ObjRef;
use crate::job::CondType;
use crate::text::tabwriter::TabWriter;
use crate::world::World;

/// kubectl's answer to a list with no items.
pub const NONE_FOUND: &str = "No resources found in default namespace.\n";

fn sorted_pods(w: &World) -> Vec<u32> {
    let mut pods: Vec<u32> = (0..w.store.pods.len() as u32)
        .filter(|&p| w.store.pods[p as usize].exists())
        .collect();
    crate::sort::sort_by_key(&mut pods, |p| w.pod_name(p));
    pods
}

fn restarts_column(w: &World, p: u32) -> String {
    let pod = &w.store.pods[p as usize];
    let n = pod.restarts();
    let last = pod
        .app()
        .iter()
        .filter_map(|c| c.last.as_ref().map(|t| t.finished))
        .max();
    match last {
        Some(t) if n > 0 => format!("{n} ({} ago)", age(w, t)),
        _ => n.to_string(),
    }
}

pub fn pods_table(w: &World, wide: bool, prefix: &str) -> String {
    let pods = sorted_pods(w);
    if pods.is_empty() {
        return NONE_FOUND.into();
    }
    let mut t = TabWriter::get();
    t.line(if wide {
        "NAME\tREADY\tSTATUS\tRESTARTS\tAGE\tIP\tNODE\tNOMINATED NODE\tREADINESS GATES"
    } else {
        "NAME\tREADY\tSTATUS\tRESTARTS\tAGE"
    });
    for p in pods {
        let pod = &w.store.pods[p as usize];
        let mut row = format!(
            "{prefix}{}\t{}\t{}\t{}\t{}",
            w.pod_name(p),
            pod.ready_column(),
            pod.status_text(),
            restarts_column(w, p),
            age(w, pod.created)
        );
        if wide {
            let ip = objects::pod_ip(w, p).unwrap_or_else(|| "<none>".into());
            let node = pod
                .node
                .map(|n| w.store.nodes[n as usize].name.clone())
                .unwrap_or_else(|| "<none>".to_string());
            row.push_str(&format!("\t{ip}\t{node}\t<none>\t<none>"));
        }
        t.line(&row);
    }
    t.finish()
}

/// STATUS of `kubectl get jobs` (printJob).
pub fn job_status_text(w: &World, j: u32) -> &'static str {
    let job = &w.store.jobs[j as usize];
    if job.condition(CondType::Complete).is_some() {
        "Complete"
    } else if job.condition(CondType::Failed).is_some() {
        "Failed"
    } else if job.deleted.is_some() {
        "Terminating"
    } else if job.condition(CondType::Suspended).is_some() {
        "Suspended"
    } else if job.condition(CondType::FailureTarget).is_some() {
        "FailureTarget"
    } else {
        "Running"
    }
}

pub fn completions_text(w: &World, j: u32) -> String {
    let job = &w.store.jobs[j as usize];
    match job.completions {
        Some(c) => format!("{}/{c}", job.status.succeeded),
        None if job.parallelism > 1 => format!("{}/1 of {}", job.status.succeeded, job.parallelism),
        None => format!("{}/1", job.status.succeeded),
    }
}

pub fn jobs_table(w: &World, wide: bool, prefix: &str) -> String {
    let mut jobs: Vec<u32> = (0..w.store.jobs.len() as u32)
        .filter(|&j| w.store.jobs[j as usize].deleted.is_none())
        .collect();
    if jobs.is_empty() {
        return NONE_FOUND.into();
    }
    // By name, as kubectl lists them.
    crate::sort::sort_by(&mut jobs, |a, b| {
        w.store.jobs[*a as usize]
            .name
            .cmp(&w.store.jobs[*b as usize].name)
    });
    let mut t = TabWriter::get();
    t.line(if wide {
        "NAME\tSTATUS\tCOMPLETIONS\tDURATION\tAGE\tCONTAINERS\tIMAGES\tSELECTOR"
    } else {
        "NAME\tSTATUS\tCOMPLETIONS\tDURATION\tAGE"
    });
    for j in jobs {
        let job = &w.store.jobs[j as usize];
        let duration = match (job.status.start_time, job.status.completion_time) {
            (Some(s), Some(c)) => human_duration(c.since(s)),
            (Some(s), None) => human_duration(w.now.since(s)),
            _ => String::new(),
        };
        let mut row = format!(
            "{prefix}{}\t{}\t{}\t{}\t{}",
            job.name,
            job_status_text(w, j),
            completions_text(w, j),
            duration,
            age(w, job.created)
        );
        if wide {
            let n = job.n_init as usize;
            let names: Vec<&str> = job.containers[n..]
                .iter()
                .map(|c| c.name.as_str())
                .collect();
            let images: Vec<&str> = job.containers[n..]
                .iter()
                .map(|c| c.image.as_str())
                .collect();
            row.push_str(&format!(
                "\t{}\t{}\t{}",
                names.join(","),
                images.join(","),
                selector_text(w, j)
            ));
        }
        t.line(&row);
    }
    t.finish()
}

pub fn selector_text(w: &World, j: u32) -> String {
    let sel = w.store.jobs[j as usize].manifest.spec.selector.as_ref();
    let labels = sel.and_then(|s| s.match_labels.as_ref());
    match labels {
        Some(m) if !m.is_empty() => m
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(","),
        _ => "<none>".into(),
    }
}

/// The printers' `printBool`: a boolean column reads `True` or `False`.
pub fn print_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// `kubectl get cronjobs` (printCronJob).
pub fn cronjobs_table(w: &World, wide: bool, prefix: &str) -> String {
    if w.store.cronjobs.is_empty() {
        return NONE_FOUND.into();
    }
    let mut t = TabWriter::get();
    t.line(if wide {
        "NAME\tSCHEDULE\tTIMEZONE\tSUSPEND\tACTIVE\tLAST SCHEDULE\tAGE\tCONTAINERS\tIMAGES\tSELECTOR"
    } else {
        "NAME\tSCHEDULE\tTIMEZONE\tSUSPEND\tACTIVE\tLAST SCHEDULE\tAGE"
    });
    for i in objects::cronjobs_by_name(w) {
        let cj = &w.store.cronjobs[i];
        let s = &cj.manifest.spec;
        let last = cj
            .status
            .last_schedule_time
            .map_or("<none>".to_string(), |t| {
                let now = w.unix_of(w.now);
                crate::clock::human_duration(crate::clock::Duration::from_secs(
                    (now - t).max(0) as u64
                ))
            });
        let mut row = format!(
            "{prefix}{}\t{}\t{}\t{}\t{}\t{last}\t{}",
            cj.name,
            s.schedule,
            s.time_zone.as_deref().unwrap_or("<none>"),
            print_bool(cj.suspend),
            cj.status.active.len(),
            age(w, cj.created)
        );
        if wide {
            let cs = &s.job_template.spec.template.spec.containers;
            let names: Vec<&str> = cs.iter().map(|c| c.name.as_str()).collect();
            let images: Vec<&str> = cs
                .iter()
                .map(|c| c.image.as_deref().unwrap_or(""))
                .collect();
            row.push_str(&format!(
                "\t{}\t{}\t<none>",
                names.join(","),
                images.join(",")
            ));
        }
        t.line(&row);
    }
    t.finish()
}

pub fn nodes_table(w: &World, wide: bool, prefix: &str) -> String {
    let mut t = TabWriter::get();
    t.line(if wide {
        "NAME\tSTATUS\tROLES\tAGE\tVERSION\tINTERNAL-IP\tEXTERNAL-IP\tOS-IMAGE\tKERNEL-VERSION\tCONTAINER-RUNTIME"
    } else {
        "NAME\tSTATUS\tROLES\tAGE\tVERSION"
    });
    for (i, n) in w.store.nodes.iter().enumerate() {
        if !n.exists() {
            continue;
        }
        let status = n.status_text();
        let mut row = format!(
            "{prefix}{}\t{status}\t<none>\t{}\tv1.34.0",
            n.name,
            age(w, n.created)
        );
        if wide {
            row.push_str(&format!(
                "\t{}\t<none>\tjobsim\t<none>\tjobsim",
                objects::node_ip(i as u32)
            ));
        }
        t.line(&row);
    }
    t.finish()
}

/// Event indexes in `lastTimestamp` order (stable for equal times).
pub fn events_in_order(w: &World, filter: impl Fn(ObjRef) -> bool) -> Vec<usize> {
    let mut idx: Vec<usize> = w
        .store
        .events
        .visible(w.now)
        .filter(|(_, e)| filter(e.object()))
        .map(|(i, _)| i)
        .collect();
    crate::sort::sort_by_key(&mut idx, |i| (w.store.events.get(i).map(|e| e.last()), i));
    idx
}

pub fn events_table(w: &World) -> String {
    // Events outlive their objects until the TTL, as the API server keeps
    // them.
    let idx = events_in_order(w, |_| true);
    if idx.is_empty() {
        return NONE_FOUND.into();
    }
    let mut t = TabWriter::get();
    t.line("LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE");
    for i in idx {
        let Some(e) = w.store.events.get(i) else {
            continue;
        };
        let (reason, msg, ty, _) = objects::event_text(w, e);
        let (kind, name, _) = objects::object_name(w, e.object());
        t.line(&format!(
            "{}\t{ty}\t{reason}\t{}/{name}\t{msg}",
            age(w, e.last()),
            kind.to_ascii_lowercase()
        ));
    }
    t.finish()
}

fn to_yaml(v: &serde_json::Value) -> String {
    crate::text::yaml::to_string(v)
}

fn to_json(v: &serde_json::Value) -> String {
    let mut s = crate::text::json::pretty(v);
    s.push('\n');
    s
}

pub fn get(
    w: &World,
    kind: &str,
    name: Option<&str>,
    output: Option<&str>,
    prefix: &str,
) -> Result<String, String> {
    let wide = output == Some("wide");
    let structured = match output {
        None | Some("wide") => None,
        Some("yaml") => Some(true),
        Some("json") => Some(false),
        Some(o) => {
            return Err(format!(
                "error: unable to match a printer suitable for the output format \"{o}\", allowed formats are: json,wide,yaml"
            ))
        }
    };
    let render = |v: serde_json::Value| {
        if structured == Some(true) {
            to_yaml(&v)
        } else {
            to_json(&v)
        }
    };
    if let Some(name) = name {
        let value = match kind {
            "job" => w.job_by_name(name).map(|j| objects::job(w, j)),
            "pod" => w.pod_by_name(name).map(|p| objects::pod(w, p)),
            "node" => w.node_by_name(name).map(|n| objects::node(w, n)),
            "cronjob" => w
                .store
                .cronjobs
                .iter()
                .position(|c| c.name == name)
                .map(|i| objects::cronjob(w, i)),
            _ => None,
        }
        .ok_or_else(|| not_found(kind, name))?;
        return Ok(match structured {
            Some(_) => render(value),
            None => {
                // A single row: filter the table to the named object.
                let table = match kind {
                    "job" => jobs_table(w, wide, prefix),
                    "pod" => pods_table(w, wide, prefix),
                    "cronjob" => cronjobs_table(w, wide, prefix),
                    _ => nodes_table(w, wide, prefix),
                };
                let mut lines = table.lines();
                let header = lines.next().unwrap_or("");
                let row = lines
                    .find(|l| {
                        l.split_whitespace()
                            .next()
                            .map(|c| c.rsplit('/').next().unwrap_or(c))
                            == Some(name)
                    })
                    .unwrap_or("");
                format!("{header}\n{row}\n")
            }
        });
    }
    if let Some(_yaml) = structured {
        let items: Vec<serde_json::Value> = match kind {
            "job" => (0..w.store.jobs.len() as u32)
                .filter(|&j| w.store.jobs[j as usize].deleted.is_none())
                .map(|j| objects::job(w, j))
                .collect(),
            "pod" => sorted_pods(w)
                .into_iter()
                .map(|p| objects::pod(w, p))
                .collect(),
            "node" => (0..w.store.nodes.len() as u32)
                .filter(|&n| w.store.nodes[n as usize].exists())
                .map(|n| objects::node(w, n))
                .collect(),
            "cronjob" => objects::cronjobs_by_name(w)
                .into_iter()
                .map(|i| objects::cronjob(w, i))
                .collect(),
            "event" => events_in_order(w, |_| true)
                .into_iter()
                .map(|i| objects::event(w, i))
                .collect(),
            _ => Vec::new(),
        };
        return Ok(render(
            serde_json::json!({"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}),
        ));
    }
    Ok(match kind {
        "pod" => pods_table(w, wide, prefix),
        "job" => jobs_table(w, wide, prefix),
        "node" => nodes_table(w, wide, prefix),
        "event" => events_table(w),
        "cronjob" => cronjobs_table(w, wide, prefix),
        _ => NONE_FOUND.into(),
    })
}

pub fn logs(w: &World, pod: &str, container: Option<&str>) -> Result<String, String> {
    // `logs job/NAME`: kubectl picks the Job's first pod.
    let p = match pod
        .strip_prefix("job/")
        .or_else(|| pod.strip_prefix("jobs/"))
    {
        Some(name) => {
            let j = w.job_by_name(name).ok_or_else(|| not_found("job", name))?;
            w.store.jobs[j as usize]
                .pods
                .iter()
                .copied()
                .find(|&p| w.store.pods[p as usize].exists())
                .ok_or_else(|| format!("error: no pods of job/{name} left"))?
        }
        None => w.pod_by_name(pod).ok_or_else(|| not_found("pod", pod))?,
    };
    let pod = &w.pod_name(p);
    let ps = &w.store.pods[p as usize];
    let job = &w.store.jobs[ps.job as usize];
    let n_init = ps.n_init as usize;
    let app_names: Vec<&str> = job.containers[n_init..]
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    let c = match container {
        Some(name) => job
            .containers
            .iter()
            .position(|c| c.name == name)
            .ok_or_else(|| format!("error: container {name} is not valid for pod {pod}"))?,
        None if app_names.len() == 1 => n_init,
        None => {
            return Err(format!(
                "error: a container name must be specified for pod {pod}, choose one of: [{}]",
                app_names.join(" ")
            ))
        }
    };
    let status = &ps.containers[c];
    if matches!(status.state, crate::pod::ContainerState::Waiting(_)) && status.last.is_none() {
        return Err(format!(
            "Error from server (BadRequest): container \"{}\" in pod \"{pod}\" is waiting to start: {}",
            job.containers[c].name,
            match status.state {
                crate::pod::ContainerState::Waiting(r) => r.as_str(),
                _ => "",
            }
        ));
    }
    let mut out = String::new();
    for (t, line) in &w.container_logs(p, c as u8) {
        if *t <= w.now {
            out.push_str(line);
            out.push('\n');
        }
    }
    Ok(out)
}
