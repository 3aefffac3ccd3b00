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
    let p = &w.store.pods[i];
    PodView {
        id: i as u32,
        name: w.pod_name(i as u32),
        job: w.store.jobs[p.job as usize].name.clone(),
        index: p.index.get(),
        node: p.node.map(|n| w.store.nodes[n as usize].name.clone()),
        column: column_for(&status, p.phase),
        status,
        ready: p.ready_column(),
        restarts: p.restarts(),
        created: p.created,
    }
}

/// The board column of a pod; terminal pods skip building their STATUS
/// text where the phase decides it (a board over 100,000 pods counts
/// them all on every refresh).
pub fn column_of(p: &crate::pod::PodState) -> Column {
    if p.phase == Phase::Succeeded && p.deletion.is_none() {
        return Column::Completed;
    }
    column_for(&p.status_text(), p.phase)
}

/// The pods board: the number of pods per column and, while there are at
/// most `max_cards` pods, a card view of each (beyond that a board of
/// cards says nothing: the page shows counts and pictures instead).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Board {
    pub counts: [usize; 4],
    /// Per column (`Column::ALL` order); `None` above `max_cards` pods.
    pub cards: Option<[Vec<PodView>; 4]>,
}

impl Board {
    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }
}

pub fn board(w: &World, max_cards: usize) -> Board {
    let mut b = Board::default();
    let col_index = |c: Column| Column::ALL.iter().position(|&x| x == c).expect("a column");
    for p in w.store.pods.iter().filter(|p| p.exists()) {
        b.counts[col_index(column_of(p))] += 1;
    }
    if b.total() <= max_cards {
        let mut cards: [Vec<PodView>; 4] = Default::default();
        for (i, p) in w.store.pods.iter().enumerate() {
            if p.exists() {
                let status = p.status_text();
                let col = column_for(&status, p.phase);
                cards[col_index(col)].push(pod_view(w, i, status));
            }
        }
        b.cards = Some(cards);
    }
    b
}

/// Pods whose name starts with `query` (an exact name first), at most
/// `limit`; only Jobs whose names fit the query are looked at.
pub fn find_pods(w: &World, query: &str, limit: usize) -> Vec<PodView> {
    let query = query.trim();
    if query.is_empty() {
        return Vec::new();
    }
    let view = |p: u32| {
        let pod = &w.store.pods[p as usize];
        pod_view(w, p as usize, pod.status_text())
    };
    if let Some(p) = w.pod_by_name(query) {
        return vec![view(p)];
    }
    w.pods_with_prefix(query).take(limit).map(view).collect()
}

/// Pods by phase over virtual time, for a chart: `samples[k]` counts
/// pending / running / succeeded / failed pods at `k * step`. Pending runs
/// from creation to the first container start, running to the terminal
/// phase (or removal), then the terminal phase counts until removal.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PhaseSeries {
    pub step: Duration,
    pub samples: Vec<[u32; 4]>,
}

pub fn phase_series(w: &World, points: usize) -> PhaseSeries {
    let points = points.max(2);
    let end = w.now.ms();
    let step = end.div_ceil(points as u64 - 1).max(1);
    // Difference arrays: +1 where a state starts covering a sample, -1
    // after the last sample it covers; one pass over the pods.
    let mut diff = vec![[0i64; 4]; points + 1];
    let first_sample = |t: u64| t.div_ceil(step) as usize;
    let mut add = |state: usize, from: u64, to: Option<u64>| {
        let a = first_sample(from).min(points);
        let b = to.map_or(points, |z| first_sample(z).min(points));
        if a < b {
            diff[a][state] += 1;
            diff[b][state] -= 1;
        }
    };
    for p in w.store.pods.iter() {
        let gone = p.gone.map(|t| t.ms());
        let created = p.created.ms();
        let finished = p.finished_at.map(|t| t.ms());
        let running = p.running_at.map(|t| t.ms());
        let pending_end = running.or(finished).or(gone);
        add(0, created, pending_end);
        if let Some(r) = running {
            add(1, r, finished.or(gone));
        }
        if let Some(f) = finished {
            let state = if p.phase == Phase::Succeeded { 2 } else { 3 };
            add(state, f, gone);
        }
    }
    let mut samples = Vec::with_capacity(points);
    let mut acc = [0i64; 4];
    for d in diff.iter().take(points) {
        for s in 0..4 {
            acc[s] += d[s];
        }
        samples.push(acc.map(|v| v.max(0) as u32));
    }
    PhaseSeries {
        step: Duration(step),
        samples,
    }
}

/// One cell per index of an Indexed Job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum IndexCell {
    NotStarted,
    Pending,
    Running,
    /// Active again after a failed pod.
    Retrying,
    Succeeded,
    /// Succeeded after at least one failed pod.
    SucceededAfterRetry,
    /// In `status.failedIndexes` (backoffLimitPerIndex).
    Failed,
}

impl IndexCell {
    pub const ALL: [IndexCell; 7] = [
        IndexCell::NotStarted,
        IndexCell::Pending,
        IndexCell::Running,
        IndexCell::Retrying,
        IndexCell::Succeeded,
        IndexCell::SucceededAfterRetry,
        IndexCell::Failed,
    ];
    pub fn title(self) -> &'static str {
        match self {
            IndexCell::NotStarted => "not started",
            IndexCell::Pending => "pending",
            IndexCell::Running => "running",
            IndexCell::Retrying => "retrying after a failure",
            IndexCell::Succeeded => "succeeded",
            IndexCell::SucceededAfterRetry => "succeeded after a failure",
            IndexCell::Failed => "failed (failedIndexes)",
        }
    }
}

/// The index map of Job `j` (None unless it is Indexed): one cell per
/// index, in index order.
pub fn index_map(w: &World, j: usize) -> Option<Vec<IndexCell>> {
    let job = w.store.jobs.get(j)?;
    if !job.indexed {
        return None;
    }
    let n = job.completions.unwrap_or(0) as usize;
    let mut cells = vec![IndexCell::NotStarted; n];
    let retried = |i: usize| job.index_queue.retries.get(i).is_some_and(|&a| a > 1);
    for (s, e) in job.status.completed_indexes.iter_ranges() {
        for (i, c) in cells
            .iter_mut()
            .enumerate()
            .take(e as usize + 1)
            .skip(s as usize)
        {
            *c = if retried(i) {
                IndexCell::SucceededAfterRetry
            } else {
                IndexCell::Succeeded
            };
        }
    }
    for (s, e) in job.status.failed_indexes.iter_ranges() {
        for c in cells.iter_mut().take(e as usize + 1).skip(s as usize) {
            *c = IndexCell::Failed;
        }
    }
    for &p in &job.active {
        let pod = &w.store.pods[p as usize];
        let Some(i) = pod.index.get().map(|i| i as usize).filter(|&i| i < n) else {
            continue;
        };
        if matches!(
            cells[i],
            IndexCell::Succeeded | IndexCell::SucceededAfterRetry | IndexCell::Failed
        ) {
            continue;
        }
        cells[i] = if pod.attempt > 1 {
            IndexCell::Retrying
        } else if pod.running_at.is_some() {
            IndexCell::Running
        } else {
            IndexCell::Pending
        };
    }
    Some(cells)
}

/// Where a Job stands, for its card's icon and colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobPhase {
    Running,
    Suspended,
    /// An interim condition is written; pods are terminating.
    Finishing,
    Complete,
    Failed,
    Terminating,
}

impl JobPhase {
    pub fn icon(self) -> &'static str {
        match self {
            JobPhase::Complete => "✔",
            JobPhase::Failed => "✖",
            JobPhase::Suspended => "❚❚",
            JobPhase::Finishing | JobPhase::Terminating => "…",
            JobPhase::Running => "▶",
        }
    }
    pub fn class(self) -> &'static str {
        match self {
            JobPhase::Running => "running",
            JobPhase::Suspended => "suspended",
            JobPhase::Finishing => "finishing",
            JobPhase::Complete => "complete",
            JobPhase::Failed => "failed",
            JobPhase::Terminating => "terminating",
        }
    }
}

fn job_phase(job: &crate::job::JobState) -> JobPhase {
    use crate::job::CondType;
    if job.condition(CondType::Complete).is_some() {
        JobPhase::Complete
    } else if job.condition(CondType::Failed).is_some() {
        JobPhase::Failed
    } else if job.deleted.is_some() {
        JobPhase::Terminating
    } else if job.condition(CondType::FailureTarget).is_some()
        || job.condition(CondType::SuccessCriteriaMet).is_some()
    {
        JobPhase::Finishing
    } else if job.suspend {
        JobPhase::Suspended
    } else {
        JobPhase::Running
    }
}

/// Hover help for the Job spec fields shown on a card.
pub fn field_help(field: &str) -> &'static str {
    match field {
        "completions" => "spec.completions: how many pods must succeed. Unset means a work queue: the Job is done when one pod succeeds and the others finish.",
        "parallelism" => "spec.parallelism: at most this many pods run at once (default 1; 0 pauses the Job).",
        "backoffLimit" => "spec.backoffLimit (default 6): retries before the Job fails. With restartPolicy Never the Job fails when more than backoffLimit pods have failed; with OnFailure when container restarts reach it. Each new pod after a failure waits 10 s × 2^(failures−1), capped at 10 minutes; a success resets the count.",
        "completionMode" => "spec.completionMode: NonIndexed (default) or Indexed; Indexed pods get an index 0..completions−1 in their name, label and JOB_COMPLETION_INDEX.",
        "restartPolicy" => "spec.template.spec.restartPolicy: Never (a failed pod stays failed and the Job creates a new one) or OnFailure (the kubelet restarts the container in place, with CrashLoopBackOff delays of 10 s doubling to 5 min).",
        "suspend" => "spec.suspend: true deletes the running pods (not counted as failures) and creates none until it is false again.",
        "activeDeadlineSeconds" => "spec.activeDeadlineSeconds: the Job fails with DeadlineExceeded this long after it started, whatever backoffLimit says.",
        "ttlSecondsAfterFinished" => "spec.ttlSecondsAfterFinished: the TTL controller deletes the finished Job (and its pods) this long after it completes or fails.",
        "podReplacementPolicy" => "spec.podReplacementPolicy: TerminatingOrFailed (default) replaces a pod as soon as it is being deleted; Failed waits until it has fully terminated.",
        "backoffLimitPerIndex" => "spec.backoffLimitPerIndex: retries per index of an Indexed Job; an index whose pods failed more often is marked failed (status.failedIndexes) while the others go on. Each index waits 10 s × 2^(its failures−1) before its next pod.",
        "podFailurePolicy" => "spec.podFailurePolicy: rules on a failed pod's exit codes or conditions, first match wins: FailJob fails the Job at once, Ignore does not count the failure (e.g. DisruptionTarget after a node loss), Count counts it. FailIndex (with backoffLimitPerIndex) fails just that index.",
        "successPolicy" => "spec.successPolicy: an Indexed Job succeeds as soon as a rule matches (all of succeededIndexes, or succeededCount of them); the remaining pods are deleted. Failure rules (backoffLimit, podFailurePolicy) are checked first.",
        "schedule" => "spec.schedule: five cron fields (minute hour day-of-month month day-of-week) or a macro such as @hourly or @every 90s, read by robfig/cron v3. When both day fields are restricted, either may match.",
        "timeZone" => "spec.timeZone: an IANA zone for the schedule. Unset: the kube-controller-manager's local zone (UTC in this playground). A wall time skipped by a DST change does not run; a repeated one runs twice.",
        "concurrencyPolicy" => "spec.concurrencyPolicy: Allow (default) lets runs overlap; Forbid skips a slot while a Job is still active (JobAlreadyActive); Replace deletes the active Job and starts the new one.",
        "startingDeadlineSeconds" => "spec.startingDeadlineSeconds: a slot more than this late is not run (MissSchedule). Unset: no deadline; after an outage only the most recent missed slot runs.",
        "successfulJobsHistoryLimit" => "spec.successfulJobsHistoryLimit (default 3): finished successful Jobs kept; older ones are deleted with their pods (SuccessfulDelete).",
        "failedJobsHistoryLimit" => "spec.failedJobsHistoryLimit (default 1): failed Jobs kept; older ones are deleted with their pods.",
        _ => "",
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct JobView {
    pub name: String,
    pub status: &'static str,
    pub phase: JobPhase,
    /// Percent of completions reached, 0..=100.
    pub progress_pct: f64,
    /// What counts toward failing it, for the rule in effect.
    pub budget: crate::job::FailureBudget,
    /// The CronJob that created it, if any.
    pub cronjob: Option<String>,
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
    pub explain: crate::job::explain::Explanation,
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
    (0..w.store.jobs.len() as u32)
        .filter(|&j| w.store.jobs[j as usize].deleted.is_none())
        .map(|j| {
            let job = &w.store.jobs[j as usize];
            let phase = job_phase(job);
            let progress_pct = match job.completions {
                Some(c) if c > 0 => (job.status.succeeded as f64 / c as f64 * 100.0).min(100.0),
                _ if phase == JobPhase::Complete => 100.0,
                _ => 0.0,
            };
            JobView {
                name: job.name.clone(),
                status: crate::kubectl::get::job_status_text(w, j),
                phase,
                progress_pct,
                budget: job.failure_budget(),
                cronjob: job
                    .owner
                    .map(|o| w.store.cronjobs[o.cronjob as usize].name.clone()),
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
                explain: crate::job::explain::explanation(w, j),
                fields: spec_fields(job),
            }
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
pub struct NodeView {
    pub name: String,
    /// STATUS exactly as `kubectl get nodes` prints it.
    pub status: String,
    pub ready: bool,
    /// The kubelet is not posting status (a crashed node), whatever the
    /// API shows yet.
    pub silent: bool,
    /// What the node lifecycle controller does next, for a silent node.
    pub note: Option<crate::nodelifecycle::NodeLossNote>,
    pub unschedulable: bool,
    /// (used, capacity) in milli-units.
    pub cpu: (i64, i64),
    pub memory: (i64, i64),
    pub gpu: (i64, i64),
    /// The first `NODE_POD_NAMES` pods' names.
    pub pods: Vec<String>,
    pub pod_count: usize,
    pub max_pods: i64,
}

/// Pod names a node view carries.
pub const NODE_POD_NAMES: usize = 12;

pub fn nodes(w: &World) -> Vec<NodeView> {
    w.store
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.exists())
        .map(|(i, n)| NodeView {
            name: n.name.clone(),
            status: n.status_text(),
            ready: n.ready,
            silent: n.heartbeat_lost.is_some(),
            note: w.node_loss_note(i as u32),
            unschedulable: n.unschedulable,
            cpu: (n.requested.cpu, n.allocatable.cpu),
            memory: (n.requested.memory, n.allocatable.memory),
            gpu: (n.requested.gpu, n.allocatable.gpu),
            pod_count: n.pods.len(),
            // Names of the first few only: a node can hold hundreds.
            pods: n
                .pods
                .iter()
                .take(NODE_POD_NAMES)
                .map(|&p| w.pod_name(p))
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
    /// The CronJob that created the Job: rows are grouped under it.
    pub cronjob: Option<String>,
    pub index: Option<u32>,
    pub segments: Vec<(Time, Time, SegmentKind)>,
    /// How the pod ended (kubectl STATUS) and when, if it has.
    pub end: Option<(Time, String)>,
    /// Whether the pod succeeded (phase Succeeded), for the end marker.
    pub succeeded: bool,
    /// The wait before this pod was created after its predecessor failed:
    /// from, to, and its length in whole seconds (rounded up), for the
    /// driver to word.
    pub backoff_gap: Option<(Time, Time, u64)>,
}

/// Gantt rows up to `limit` pods (oldest first), grouped by Job and index.
pub fn gantt(w: &World, limit: usize) -> Vec<GanttRow> {
    let mut rows = Vec::new();
    for (j, job) in w.store.jobs.iter().enumerate() {
        let mut last_fail: std::collections::BTreeMap<Option<u32>, Time> = Default::default();
        for &p in &job.pods {
            if rows.len() >= limit {
                break;
            }
            let pod = &w.store.pods[p as usize];
            let now = w.now;
            let end_run = pod.finished_at.or(pod.deletion.get()).unwrap_or(now);
            let mut segments = Vec::new();
            let start_running = pod.running_at.unwrap_or(end_run).min(end_run);
            segments.push((pod.created, start_running, SegmentKind::Pending));
            if pod.running_at.is_some() {
                segments.push((start_running, end_run, SegmentKind::Running));
            }
            if let (Some(d), None) = (pod.deletion.get(), pod.finished_at.get()) {
                segments.push((d, pod.gone.unwrap_or(now), SegmentKind::Terminating));
            } else if let (Some(d), Some(f)) = (pod.deletion.get(), pod.finished_at.get()) {
                if f > d {
                    segments.push((d, f, SegmentKind::Terminating));
                }
            }
            let key = if job.parallelism == 1 || pod.index.is_some() {
                pod.index.get()
            } else {
                None
            };
            let backoff_gap = last_fail.get(&key).and_then(|&f| {
                let gap = pod.created.since(f);
                (gap >= Duration::from_secs(1) && (job.parallelism == 1 || pod.index.is_some()))
                    .then(|| (f, pod.created, gap.as_millis().div_ceil(1000)))
            });
            if pod.phase == Phase::Failed {
                last_fail.insert(key, pod.finished_at.unwrap_or(now));
            } else if pod.phase == Phase::Succeeded {
                last_fail.remove(&key);
            }
            rows.push(GanttRow {
                pod: w.pod_name(p),
                job: w.store.jobs[j].name.clone(),
                cronjob: job
                    .owner
                    .map(|o| w.store.cronjobs[o.cronjob as usize].name.clone()),
                index: pod.index.get(),
                segments,
                end: pod.finished_at.map(|t| (t, pod.status_text())),
                succeeded: pod.phase == Phase::Succeeded,
                backoff_gap,
            });
        }
    }
    crate::sort::sort_vec_by(&mut rows, |a, b| {
        (&a.cronjob, &a.job, a.index).cmp(&(&b.cronjob, &b.job, b.index))
    });
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
        let labels: Vec<u64> = rows
            .iter()
            .filter_map(|r| r.backoff_gap.as_ref().map(|g| g.2))
            .collect();
        // The Job's pod back-off: 10 s doubling (backoff.rs).
        assert_eq!(labels, [10, 20, 40, 80, 160, 320]);
        assert!(rows.iter().all(|r| r.end.as_ref().unwrap().1 == "Error"));
    }
}

/// The app containers of a pod (init containers excluded), for logs.
pub fn app_containers(w: &World, pod: &str) -> Vec<String> {
    let Some(p) = w.pod_by_name(pod) else {
        return Vec::new();
    };
    let pod = &w.store.pods[p as usize];
    w.store.jobs[pod.job as usize].containers[pod.n_init as usize..]
        .iter()
        .map(|c| c.name.clone())
        .collect()
}

/// One row of the events table.
#[derive(Debug, Clone, PartialEq)]
pub struct EventView {
    pub id: usize,
    /// LAST SEEN, as kubectl prints ages.
    pub age: String,
    pub warning: bool,
    /// `Normal` or `Warning`.
    pub kind: &'static str,
    pub reason: &'static str,
    /// `pod/NAME`, `job/NAME`, ...
    pub object: String,
    /// The message, with `(xN)` when aggregated.
    pub message: String,
}

/// The newest `n` events, most recent first (the log can hold millions,
/// so only its tail is looked at).
pub fn recent_events(w: &World, n: usize) -> Vec<EventView> {
    // The log is in last-seen order: the newest are at its end.
    let ids = w.store.events.ids();
    let tail = ids.end.saturating_sub(n).max(ids.start);
    let mut idx: Vec<usize> = (tail..ids.end)
        .chain(
            w.store
                .events
                .combined_ids()
                .into_iter()
                .filter(|&i| i < tail),
        )
        .filter(|&i| w.store.events.visible_at(i, w.now).is_some())
        .collect();
    crate::sort::sort_by_key(&mut idx, |i| (w.store.events.get(i).map(|e| e.last()), i));
    let skip = idx.len().saturating_sub(n);
    idx.drain(..skip);
    idx.iter()
        .rev()
        .filter_map(|&i| {
            let e = w.store.events.get(i)?;
            let (reason, msg, kind, _) = crate::kubectl::objects::event_text(w, e);
            let (obj_kind, name, _) = crate::kubectl::objects::object_name(w, e.object());
            let count = if e.count > 1 {
                format!(" (x{})", e.count)
            } else {
                String::new()
            };
            Some(EventView {
                id: i,
                age: crate::clock::human_duration(w.now.since(e.last())),
                warning: e.reason.is_warning(),
                kind,
                reason,
                object: format!("{}/{name}", obj_kind.to_ascii_lowercase()),
                message: format!("{msg}{count}"),
            })
        })
        .collect()
}

/// One past Job of a CronJob, for its card's history.
#[derive(Debug, Clone, PartialEq)]
pub struct CronHistoryRow {
    pub job: String,
    /// kubectl STATUS of the Job (`Complete`, `Failed`, `Running`, ...).
    pub status: &'static str,
    /// Deleted by the history limits (or by Replace).
    pub deleted: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CronJobView {
    pub name: String,
    pub schedule: String,
    /// The schedule in plain words.
    pub schedule_words: Option<crate::cronjob::explain::ScheduleWords>,
    /// `spec.timeZone`, or a note that unset means UTC here.
    pub time_zone: String,
    pub time_zone_set: bool,
    /// Upcoming fire times: (RFC 3339 with the zone's offset, how long
    /// until then as kubectl prints ages, `3m`).
    pub next: Vec<(String, String)>,
    pub last_schedule: Option<String>,
    pub last_successful: Option<String>,
    pub active: Vec<String>,
    pub history: Vec<CronHistoryRow>,
    pub suspend: bool,
    /// The reason for the last / next decision.
    pub explain: crate::cronjob::explain::CronExplanation,
    /// Spec fields in effect, as `(field, value)`.
    pub fields: Vec<(&'static str, String)>,
}

pub fn cronjobs(w: &World) -> Vec<CronJobView> {
    (0..w.store.cronjobs.len() as u32)
        .map(|c| {
            let cj = &w.store.cronjobs[c as usize];
            let now = w.unix_of(w.now);
            let zone = cj.zone.as_ref().ok();
            let fmt = |t: i64| match zone {
                Some(z) => z.rfc3339(t),
                None => crate::clock::rfc3339(t),
            };
            let next = match (&cj.schedule, zone) {
                (Ok(s), Some(z)) if !cj.suspend => {
                    crate::cronjob::explain::next_times(s, z, now, 5)
                        .into_iter()
                        .map(|t| {
                            let d = Duration::from_secs((t - now).max(0) as u64);
                            (fmt(t), crate::clock::human_duration(d))
                        })
                        .collect()
                }
                _ => Vec::new(),
            };
            let s = &cj.manifest.spec;
            let fields = vec![
                ("schedule", s.schedule.clone()),
                (
                    "timeZone",
                    s.time_zone.clone().unwrap_or_else(|| "<unset>".into()),
                ),
                ("concurrencyPolicy", cj.concurrency.as_str().to_string()),
                (
                    "startingDeadlineSeconds",
                    cj.starting_deadline
                        .map_or("<unset>".into(), |v| v.to_string()),
                ),
                (
                    "successfulJobsHistoryLimit",
                    cj.successful_history
                        .map_or("<unset>".into(), |v| v.to_string()),
                ),
                (
                    "failedJobsHistoryLimit",
                    cj.failed_history.map_or("<unset>".into(), |v| v.to_string()),
                ),
                ("suspend", cj.suspend.to_string()),
            ];
            CronJobView {
                name: cj.name.clone(),
                schedule: s.schedule.clone(),
                schedule_words: cj
                    .schedule
                    .as_ref()
                    .ok()
                    .map(crate::cronjob::explain::schedule_words),
                time_zone: s.time_zone.clone().unwrap_or_else(|| {
                    "UTC (timeZone unset: a real cluster uses the kube-controller-manager's local zone)"
                        .into()
                }),
                time_zone_set: s.time_zone.is_some(),
                next,
                last_schedule: cj.status.last_schedule_time.map(fmt),
                last_successful: cj.status.last_successful_time.map(fmt),
                active: cj
                    .status
                    .active
                    .iter()
                    .map(|&j| w.store.jobs[j as usize].name.clone())
                    .collect(),
                history: cj
                    .history
                    .iter()
                    .rev()
                    .map(|h| {
                        // The slot may hold another Job once this one is long gone.
                        let same = w.store.jobs[h.job as usize].uid == h.uid;
                        CronHistoryRow {
                            job: h.name.clone(),
                            status: if same {
                                crate::kubectl::get::job_status_text(w, h.job)
                            } else {
                                "Deleted"
                            },
                            deleted: !same || w.store.jobs[h.job as usize].deleted.is_some(),
                        }
                    })
                    .collect(),
                suspend: cj.suspend,
                explain: crate::cronjob::explain::explanation(w, c),
                fields,
            }
        })
        .collect()
}
