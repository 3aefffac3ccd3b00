//! Plain data views of the world for drivers (the web UI): pods with their
//! kubectl STATUS and board column, Jobs with progress and the "what
//! happens next" line, nodes with capacity use, and Gantt rows with
//! back-off gaps. Deriving these belongs to the core, not the UI.

use crate::clock::{Duration, Time};
use crate::pod::Phase;
use crate::world::World;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Pending,
    Running,
    Error,
    Completed,
}

impl Column {
    pub const ALL: [Column; 4] = [
        Column::Pending,
        Column::Running,
        Column::Error,
        Column::Completed,
    ];
    pub fn title(self) -> &'static str {
        match self {
            Column::Pending => "Pending",
            Column::Running => "Running",
            Column::Error => "Error",
            Column::Completed => "Completed",
        }
    }
}

/// The board column nearest to a kubectl STATUS text.
pub fn column_for(status: &str, phase: Phase) -> Column {
    match status {
        "Completed" => Column::Completed,
        "Running" | "NotReady" | "Terminating" | "Unknown" => Column::Running,
        "Pending" | "ContainerCreating" | "PodInitializing" | "ErrImagePull"
        | "ImagePullBackOff" => Column::Pending,
        s if s.starts_with("Init:") && !s.contains("Error") && !s.contains("OOMKilled") => {
            Column::Pending
        }
        "CrashLoopBackOff" => Column::Error,
        _ => match phase {
            Phase::Succeeded => Column::Completed,
            Phase::Pending => Column::Pending,
            Phase::Running => Column::Running,
            Phase::Failed => Column::Error,
        },
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PodView {
    pub id: u32,
    pub name: String,
    pub job: String,
    pub index: Option<u32>,
    pub node: Option<String>,
    pub status: String,
    pub column: Column,
    pub ready: String,
    pub restarts: u32,
    pub created: Time,
}

fn pod_view(w: &World, i: usize, status: String) -> PodView {
    let p = &w.pods[i];
    PodView {
        id: i as u32,
        name: p.name.clone(),
        job: w.jobs[p.job as usize].name.clone(),
        index: p.index,
        node: p.node.map(|n| w.nodes[n as usize].name.clone()),
        column: column_for(&status, p.phase),
        status,
        ready: p.ready_column(),
        restarts: p.restarts(),
        created: p.created,
    }
}

/// The pods board: per column the number of pods and the oldest
/// `per_column` of them (views are built only for those).
pub fn board(w: &World, per_column: usize) -> Vec<(Column, usize, Vec<PodView>)> {
    let mut cols: Vec<(Column, usize, Vec<PodView>)> =
        Column::ALL.iter().map(|&c| (c, 0, Vec::new())).collect();
    for (i, p) in w.pods.iter().enumerate() {
        if !p.exists() {
            continue;
        }
        let status = p.status_text();
        let col = column_for(&status, p.phase);
        let entry = &mut cols[Column::ALL
            .iter()
            .position(|&c| c == col)
            .expect("a column")];
        entry.1 += 1;
        if entry.2.len() < per_column {
            entry.2.push(pod_view(w, i, status));
        }
    }
    cols
}

#[derive(Debug, Clone, PartialEq)]
pub struct JobView {
    pub name: String,
    pub status: &'static str,
    /// `Complete` or `Failed` once written, else empty.
    pub terminal: &'static str,
    pub succeeded: u64,
    pub completions: Option<u32>,
    pub parallelism: u32,
    pub failed: u64,
    pub backoff_limit: u32,
    pub on_failure: bool,
    pub restarts: u64,
    pub active: u32,
    pub ready: u32,
    pub indexed: bool,
    pub completed_indexes: String,
    pub conditions: Vec<(String, String, String)>,
    pub explain: String,
    /// The spec fields in effect (after defaulting), as `(field, value)`.
    pub fields: Vec<(&'static str, String)>,
}

fn spec_fields(job: &crate::job::JobState) -> Vec<(&'static str, String)> {
    let s = &job.manifest.spec;
    let mut f: Vec<(&'static str, String)> = vec![
        (
            "completions",
            s.completions
                .map_or("<unset> (work queue)".into(), |c| c.to_string()),
        ),
        ("parallelism", job.parallelism.to_string()),
        ("backoffLimit", job.backoff_limit.to_string()),
        (
            "completionMode",
            s.completion_mode.clone().unwrap_or_default(),
        ),
        (
            "restartPolicy",
            s.template.spec.restart_policy.clone().unwrap_or_default(),
        ),
        ("suspend", job.suspend.to_string()),
    ];
    let optional: [(&'static str, Option<String>); 6] = [
        (
            "activeDeadlineSeconds",
            s.active_deadline_seconds.map(|v| v.to_string()),
        ),
        (
            "ttlSecondsAfterFinished",
            s.ttl_seconds_after_finished.map(|v| v.to_string()),
        ),
        ("podReplacementPolicy", s.pod_replacement_policy.clone()),
        (
            "backoffLimitPerIndex",
            s.backoff_limit_per_index.map(|v| v.to_string()),
        ),
        (
            "podFailurePolicy",
            s.pod_failure_policy
                .as_ref()
                .map(|p| format!("{} rule(s)", p.rules.len())),
        ),
        (
            "successPolicy",
            s.success_policy
                .as_ref()
                .map(|p| format!("{} rule(s)", p.rules.len())),
        ),
    ];
    f.extend(optional.into_iter().filter_map(|(k, v)| v.map(|v| (k, v))));
    f
}

pub fn jobs(w: &World) -> Vec<JobView> {
    (0..w.jobs.len() as u32)
        .filter(|&j| w.jobs[j as usize].deleted.is_none())
        .map(|j| {
            let job = &w.jobs[j as usize];
            JobView {
                name: job.name.clone(),
                status: crate::kubectl::get::job_status_text(w, j),
                terminal: job.terminal_condition().map_or("", |c| c.kind.as_str()),
                succeeded: job.status.succeeded,
                completions: job.completions,
                parallelism: job.parallelism,
                failed: job.status.failed,
                backoff_limit: job.backoff_limit,
                on_failure: job.on_failure,
                restarts: job.restarts,
                active: job.active.len() as u32,
                ready: job.ready,
                indexed: job.indexed,
                completed_indexes: job.status.completed_indexes.to_string(),
                conditions: job
                    .status
                    .conditions
                    .iter()
                    .map(|c| {
                        (
                            format!(
                                "{}={}",
                                c.kind.as_str(),
                                if c.status { "True" } else { "False" }
                            ),
                            c.reason.to_string(),
                            c.message.to_string(),
                        )
                    })
                    .collect(),
                explain: crate::job::explain::explain(w, j),
                fields: spec_fields(job),
            }
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
pub struct NodeView {
    pub name: String,
    pub ready: bool,
    pub unschedulable: bool,
    /// (used, capacity) in milli-units.
    pub cpu: (i64, i64),
    pub memory: (i64, i64),
    pub gpu: (i64, i64),
    pub pods: Vec<String>,
    pub max_pods: i64,
}

pub fn nodes(w: &World) -> Vec<NodeView> {
    w.nodes
        .iter()
        .filter(|n| n.exists())
        .map(|n| NodeView {
            name: n.name.clone(),
            ready: n.ready,
            unschedulable: n.unschedulable,
            cpu: (n.requested.cpu, n.allocatable.cpu),
            memory: (n.requested.memory, n.allocatable.memory),
            gpu: (n.requested.gpu, n.allocatable.gpu),
            pods: n
                .pods
                .iter()
                .map(|&p| w.pods[p as usize].name.clone())
                .collect(),
            max_pods: n.allocatable.pods,
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentKind {
    Pending,
    Running,
    Terminating,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GanttRow {
    pub pod: String,
    pub job: String,
    pub index: Option<u32>,
    pub segments: Vec<(Time, Time, SegmentKind)>,
    /// How the pod ended (kubectl STATUS) and when, if it has.
    pub end: Option<(Time, String)>,
    /// The wait before this pod was created after its predecessor failed.
    pub backoff_gap: Option<(Time, Time, String)>,
}

/// Gantt rows up to `limit` pods (oldest first), grouped by Job and index.
pub fn gantt(w: &World, limit: usize) -> Vec<GanttRow> {
    let mut rows = Vec::new();
    for (j, job) in w.jobs.iter().enumerate() {
        let mut last_fail: std::collections::BTreeMap<Option<u32>, Time> = Default::default();
        for &p in &job.pods {
            if rows.len() >= limit {
                break;
            }
            let pod = &w.pods[p as usize];
            let now = w.now;
            let end_run = pod.finished_at.or(pod.deletion).unwrap_or(now);
            let mut segments = Vec::new();
            let start_running = pod.running_at.unwrap_or(end_run).min(end_run);
            segments.push((pod.created, start_running, SegmentKind::Pending));
            if pod.running_at.is_some() {
                segments.push((start_running, end_run, SegmentKind::Running));
            }
            if let (Some(d), None) = (pod.deletion, pod.finished_at) {
                segments.push((d, pod.gone.unwrap_or(now), SegmentKind::Terminating));
            } else if let (Some(d), Some(f)) = (pod.deletion, pod.finished_at) {
                if f > d {
                    segments.push((d, f, SegmentKind::Terminating));
                }
            }
            let key = if job.parallelism == 1 || pod.index.is_some() {
                pod.index
            } else {
                None
            };
            let backoff_gap = last_fail.get(&key).and_then(|&f| {
                let gap = pod.created.since(f);
                (gap >= Duration::from_secs(1) && (job.parallelism == 1 || pod.index.is_some()))
                    .then(|| {
                        (
                            f,
                            pod.created,
                            format!("back-off {} s", gap.as_millis().div_ceil(1000)),
                        )
                    })
            });
            if pod.phase == Phase::Failed {
                last_fail.insert(key, pod.finished_at.unwrap_or(now));
            } else if pod.phase == Phase::Succeeded {
                last_fail.remove(&key);
            }
            rows.push(GanttRow {
                pod: pod.name.clone(),
                job: w.jobs[j].name.clone(),
                index: pod.index,
                segments,
                end: pod.finished_at.map(|t| (t, pod.status_text())),
                backoff_gap,
            });
        }
    }
    rows.sort_by(|a, b| (&a.job, a.index).cmp(&(&b.job, b.index)));
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn board_columns_follow_status() {
        let cases = [
            ("Completed", Phase::Failed, Column::Completed),
            ("Error", Phase::Failed, Column::Error),
            ("OOMKilled", Phase::Failed, Column::Error),
            ("CrashLoopBackOff", Phase::Running, Column::Error),
            ("ContainerCreating", Phase::Pending, Column::Pending),
            ("Init:0/1", Phase::Pending, Column::Pending),
            ("Init:Error", Phase::Failed, Column::Error),
            ("Terminating", Phase::Running, Column::Running),
            ("ImagePullBackOff", Phase::Pending, Column::Pending),
        ];
        for (s, p, c) in cases {
            assert_eq!(column_for(s, p), c, "{s}");
        }
    }

    #[test]
    fn gantt_labels_seed_backoff_gaps() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/abnormal-end.yaml"
        ))
        .unwrap();
        let mut w = World::from_text(&text, None).unwrap();
        w.run_to_end();
        let rows = gantt(&w, 100);
        let labels: Vec<String> = rows
            .iter()
            .filter_map(|r| r.backoff_gap.as_ref().map(|g| g.2.clone()))
            .collect();
        assert_eq!(
            labels,
            [
                "back-off 10 s",
                "back-off 20 s",
                "back-off 40 s",
                "back-off 80 s",
                "back-off 160 s",
                "back-off 320 s"
            ]
        );
        assert!(rows.iter().all(|r| r.end.as_ref().unwrap().1 == "Error"));
    }
}
