//! The Job controller (upstream `pkg/controller/job`): `syncJob` and
//! `manageJob`, driven by pod changes batched into syncs one second apart.
//! Work per sync is proportional to the pods that changed since the last
//! one, never to all pods of the Job.

pub mod backoff;
pub mod explain;
pub mod indexed;
pub mod pod_failure_policy;
pub mod success_policy;
pub mod tracking;

use crate::api::Job;
use crate::clock::{Duration, Time};

use crate::events::{ObjRef, Reason, NONE};
use crate::node::Resources;

use crate::owner::JobOwner;
use crate::pod::{ContainerStatus, Phase, PodReason, PodState, WaitReason, NO_SLOT};
use crate::shell::Program;
use crate::world::{Ev, Watch, World};
use backoff::BackoffRecord;
use indexed::{IndexQueue, IntervalSet};
use std::sync::Arc;

/// `syncJobBatchPeriod`: pod events are batched into one sync a second later.
pub const SYNC_BATCH: Duration = Duration::from_secs(1);
/// `MaxPodCreateDeletePerSync`.
pub const MAX_PER_SYNC: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CondType {
    Suspended,
    FailureTarget,
    Failed,
    SuccessCriteriaMet,
    Complete,
}

impl CondType {
    pub fn as_str(self) -> &'static str {
        match self {
            CondType::Suspended => "Suspended",
            CondType::FailureTarget => "FailureTarget",
            CondType::Failed => "Failed",
            CondType::SuccessCriteriaMet => "SuccessCriteriaMet",
            CondType::Complete => "Complete",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub kind: CondType,
    pub status: bool,
    pub reason: &'static str,
    pub message: String,
    pub time: Time,
}

/// Why a Job failed: the reason and message of its `FailureTarget` and
/// `Failed` conditions (`batch/v1` `JobReason*` constants).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailReason {
    BackoffLimitExceeded,
    DeadlineExceeded,
    /// A `FailJob` rule matched; the message names the pod.
    PodFailurePolicy,
    MaxFailedIndexesExceeded,
    FailedIndexes,
}

impl FailReason {
    pub fn reason(self) -> &'static str {
        match self {
            FailReason::BackoffLimitExceeded => "BackoffLimitExceeded",
            FailReason::DeadlineExceeded => "DeadlineExceeded",
            FailReason::PodFailurePolicy => "PodFailurePolicy",
            FailReason::MaxFailedIndexesExceeded => "MaxFailedIndexesExceeded",
            FailReason::FailedIndexes => "FailedIndexes",
        }
    }
    /// The fixed message; `PodFailurePolicy` carries its own.
    pub fn message(self) -> &'static str {
        match self {
            FailReason::BackoffLimitExceeded => "Job has reached the specified backoff limit",
            FailReason::DeadlineExceeded => "Job was active longer than specified deadline",
            FailReason::PodFailurePolicy => "",
            FailReason::MaxFailedIndexesExceeded => {
                "Job has exceeded the specified maximal number of failed indexes"
            }
            FailReason::FailedIndexes => "Job has failed indexes",
        }
    }
    pub fn event(self) -> Reason {
        match self {
            FailReason::BackoffLimitExceeded => Reason::BackoffLimitExceeded,
            FailReason::DeadlineExceeded => Reason::DeadlineExceeded,
            FailReason::PodFailurePolicy => Reason::PodFailurePolicy,
            FailReason::MaxFailedIndexesExceeded => Reason::MaxFailedIndexesExceeded,
            FailReason::FailedIndexes => Reason::FailedIndexes,
        }
    }
}

/// How a Job ends: the terminal condition it is heading for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finish {
    Failed(FailReason, String),
    /// `CompletionsReached` or `SuccessPolicy`, with the message.
    Complete(&'static str, String),
}

/// The `spec.managedBy` value of the built-in Job controller.
pub const BUILT_IN_MANAGER: &str = "kubernetes.io/job-controller";
/// Reason of a Job declared succeeded by its `successPolicy`.
pub const SUCCESS_POLICY: &str = "SuccessPolicy";
pub const COMPLETIONS_REACHED: (&str, &str) = (
    "CompletionsReached",
    "Reached expected number of succeeded pods",
);

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JobStatus {
    pub active: u32,
    pub ready: u32,
    pub terminating: u32,
    pub succeeded: u64,
    pub failed: u64,
    pub start_time: Option<Time>,
    pub completion_time: Option<Time>,
    pub conditions: Vec<Condition>,
    pub completed_indexes: IntervalSet,
    /// Only with backoffLimitPerIndex.
    pub failed_indexes: IntervalSet,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PullPolicy {
    Always,
    IfNotPresent,
    Never,
}

/// What the kubelet needs of one container of the template.
#[derive(Debug, Clone)]
pub struct ContainerSpec {
    pub name: String,
    pub image: String,
    pub pull_policy: PullPolicy,
    pub program: Option<Program>,
    /// The log line of a command the model does not run (`program` None).
    pub not_run: Option<String>,
    pub env: Vec<(String, String)>,
}

pub use success_policy::SuccessRule;

#[derive(Debug, Clone)]
pub struct JobState {
    pub name: String,
    pub uid: u64,
    /// The Job as stored after defaulting (spec.suspend kept current).
    pub manifest: Job,
    pub created: Time,
    pub deleted: Option<Time>,
    /// Deleted with `--cascade=orphan`: its pods live on, owned by nothing.
    pub orphaned: bool,
    pub completions: Option<u32>,
    pub parallelism: u32,
    pub indexed: bool,
    pub backoff_limit: u32,
    pub backoff_limit_per_index: Option<u32>,
    pub max_failed_indexes: Option<u32>,
    pub on_failure: bool,
    pub active_deadline: Option<Duration>,
    pub suspend: bool,
    pub only_replace_failed: bool,
    pub requests: Resources,
    /// Init containers first, then app containers (shared by the Jobs of
    /// one CronJob, which all have the same template).
    pub containers: Arc<[ContainerSpec]>,
    pub n_init: u8,
    pub status: JobStatus,
    /// Notes on fields this model does not simulate.
    pub notes: Vec<crate::note::Note>,
    // Controller state.
    pub pods: Vec<u32>,
    pub(crate) active: Vec<u32>,
    pub(crate) changed: Vec<u32>,
    pub(crate) next_sync: Option<Time>,
    pub backoff: BackoffRecord,
    pub(crate) index_queue: IndexQueue,
    pub(crate) terminating: u32,
    pub(crate) ready: u32,
    pub(crate) success_rules: Vec<SuccessRule>,
    /// The CronJob that created it, if any.
    pub owner: Option<JobOwner>,
    /// The terminal condition the Job is heading for once its interim
    /// `FailureTarget` / `SuccessCriteriaMet` condition is written.
    pub(crate) finishing: Option<Finish>,
    /// The message of the first `FailJob` match, until it becomes a condition.
    pub(crate) pod_failure_policy_fail: Option<String>,
    /// Sum of restartCount over active pods (`pastBackoffLimitOnFailure`).
    pub(crate) restarts: u64,
    pub(crate) created_pods: u32,
    pub last_event: u32,
    /// The Scenario behaviors whose `match.job` can match this Job, by
    /// position (the kubelet checks only these); None: not worked out.
    pub(crate) behaviors: Option<Vec<u32>>,
}

fn pull_policy(s: Option<&str>) -> PullPolicy {
    match s {
        Some("Always") => PullPolicy::Always,
        Some("Never") => PullPolicy::Never,
        _ => PullPolicy::IfNotPresent,
    }
}

/// What the kubelet model needs of a pod template's containers (shell
/// programs parsed once).
pub fn container_specs(tpl: &crate::api::PodSpec) -> Arc<[ContainerSpec]> {
    let mut containers = Vec::new();
    for c in tpl.init_containers.iter().flatten().chain(&tpl.containers) {
        let empty = Vec::new();
        let command = c.command.as_ref().unwrap_or(&empty);
        let args = c.args.as_ref().unwrap_or(&empty);
        let program = Program::from_container(command, args);
        let not_run = program.is_none().then(|| {
            let argv: Vec<String> = command.iter().chain(args).cloned().collect();
            crate::shell::not_run_line(&argv)
        });
        containers.push(ContainerSpec {
            name: c.name.clone(),
            image: c.image.clone().unwrap_or_default(),
            pull_policy: pull_policy(c.image_pull_policy.as_deref()),
            program,
            not_run,
            env: c
                .env
                .iter()
                .flatten()
                .filter_map(|e| e.value.clone().map(|v| (e.name.clone(), v)))
                .collect(),
        });
    }
    containers.into()
}

impl JobState {
    pub fn new(name: String, uid: u64, manifest: Job, now: Time, requests: Resources) -> JobState {
        let containers = container_specs(&manifest.spec.template.spec);
        JobState::with_containers(name, uid, manifest, now, requests, containers)
    }

    /// `new` with the containers already derived from the same template.
    pub fn with_containers(
        name: String,
        uid: u64,
        manifest: Job,
        now: Time,
        requests: Resources,
        containers: Arc<[ContainerSpec]>,
    ) -> JobState {
        let s = &manifest.spec;
        let tpl = &s.template.spec;
        let mut notes = Vec::new();
        if let Some(m) = s.managed_by.as_deref().filter(|m| *m != BUILT_IN_MANAGER) {
            notes.push(crate::note::Note::ManagedElsewhere {
                job: name.clone(),
                manager: m.to_string(),
            });
        }
        let success_rules = s
            .success_policy
            .iter()
            .flat_map(|p| &p.rules)
            .map(|r| {
                let idx = r.succeeded_indexes.as_deref().map(|t| {
                    indexed::parse_indexes(t, s.completions.unwrap_or(0) as i64)
                        .map(|(v, _)| v)
                        .unwrap_or_default()
                });
                (idx, r.succeeded_count.map(|c| c.max(0) as u64))
            })
            .collect();
        JobState {
            completions: s.completions.map(|c| c.max(0) as u32),
            parallelism: s.parallelism.unwrap_or(1).max(0) as u32,
            indexed: s.completion_mode.as_deref() == Some("Indexed"),
            backoff_limit: s.backoff_limit.unwrap_or(6).max(0) as u32,
            backoff_limit_per_index: s.backoff_limit_per_index.map(|v| v.max(0) as u32),
            max_failed_indexes: s.max_failed_indexes.map(|v| v.max(0) as u32),
            on_failure: tpl.restart_policy.as_deref() == Some("OnFailure"),
            active_deadline: s
                .active_deadline_seconds
                .map(|d| Duration::from_secs(d.clamp(0, 1 << 40) as u64)),
            suspend: s.suspend.unwrap_or(false),
            only_replace_failed: s.pod_replacement_policy.as_deref() == Some("Failed"),
            n_init: tpl
                .init_containers
                .as_ref()
                .map_or(0, |v| v.len().min(255) as u8),
            containers,
            name,
            uid,
            manifest,
            created: now,
            deleted: None,
            orphaned: false,
            requests,
            status: JobStatus::default(),
            notes,
            pods: Vec::new(),
            active: Vec::new(),
            changed: Vec::new(),
            next_sync: None,
            backoff: BackoffRecord::default(),
            index_queue: IndexQueue::default(),
            terminating: 0,
            ready: 0,
            pod_failure_policy_fail: None,
            owner: None,
            finishing: None,
            success_rules,
            restarts: 0,
            created_pods: 0,
            last_event: NONE,
            behaviors: None,
        }
    }

    pub fn condition(&self, kind: CondType) -> Option<&Condition> {
        self.status
            .conditions
            .iter()
            .find(|c| c.kind == kind && c.status)
    }

    /// `Complete` or `Failed`, once written.
    pub fn terminal_condition(&self) -> Option<&Condition> {
        self.status
            .conditions
            .iter()
            .find(|c| c.status && matches!(c.kind, CondType::Complete | CondType::Failed))
    }

    /// `spec.managedBy` when it names another controller than the built-in one.
    pub fn external_manager(&self) -> Option<&str> {
        self.manifest
            .spec
            .managed_by
            .as_deref()
            .filter(|m| *m != BUILT_IN_MANAGER)
    }

    /// The API server lets this Job's pod template change its scheduling
    /// directives (suspended, never started; `validationOptionsForJob`).
    pub fn allows_scheduling_directives(&self) -> bool {
        crate::validation::job_allows_scheduling_directives(
            self.suspend,
            self.status.start_time.is_some(),
        )
    }

    pub fn is_finished(&self) -> bool {
        self.terminal_condition().is_some()
    }

    /// `manageJob`'s wanted number of active pods: parallelism, capped by
    /// the completions still missing; a work queue (no completions) stops
    /// adding pods once one succeeded.
    pub fn wanted_active(&self) -> u64 {
        let active = self.active.len() as u64;
        match self.completions {
            None if self.status.succeeded > 0 => active,
            None => self.parallelism as u64,
            Some(c) => (c as u64)
                .saturating_sub(self.status.succeeded)
                .min(self.parallelism as u64),
        }
    }

    /// `pastBackoffLimitOnFailure`: with restartPolicy OnFailure, container
    /// restarts of active pods count toward backoffLimit (0: any restart).
    pub fn past_backoff_limit_on_failure(&self) -> bool {
        self.on_failure
            && if self.backoff_limit == 0 {
                self.restarts > 0
            } else {
                self.restarts >= self.backoff_limit as u64
            }
    }

    /// `exceedsBackoffLimit`: more failed pods than backoffLimit.
    pub fn exceeds_backoff_limit(&self) -> bool {
        self.status.failed > self.backoff_limit as u64
    }

    /// `pastActiveDeadline`: running (not suspended) for
    /// activeDeadlineSeconds or longer.
    pub fn past_active_deadline(&self, now: Time) -> bool {
        match (self.active_deadline, self.status.start_time, self.suspend) {
            (Some(ads), Some(start), false) => now.since(start) >= ads,
            _ => false,
        }
    }

    /// With backoffLimitPerIndex: `MaxFailedIndexesExceeded` when more
    /// indexes failed than maxFailedIndexes, `FailedIndexes` once every
    /// index settled and at least one failed.
    pub fn failed_indexes_reason(&self) -> Option<FailReason> {
        self.backoff_limit_per_index?;
        let failed = self.status.failed_indexes.len();
        let settled = failed + self.status.completed_indexes.len();
        if self.max_failed_indexes.is_some_and(|m| failed > m as u64) {
            Some(FailReason::MaxFailedIndexesExceeded)
        } else if failed > 0 && settled >= self.completions.unwrap_or(0) as u64 {
            Some(FailReason::FailedIndexes)
        } else {
            None
        }
    }

    /// The failure budget a UI shows: used against the limit that fails the
    /// Job, for the rule that applies to this Job.
    pub fn failure_budget(&self) -> FailureBudget {
        if let Some(per_index) = self.backoff_limit_per_index {
            return FailureBudget::PerIndex {
                backoff_limit_per_index: per_index,
                failed_indexes: self.status.failed_indexes.len(),
                failed_indexes_text: self.status.failed_indexes.to_string(),
                max_failed_indexes: self.max_failed_indexes,
                failed_pods: self.status.failed,
            };
        }
        if self.on_failure {
            FailureBudget::Restarts {
                restarts: self.restarts,
                backoff_limit: self.backoff_limit,
                fails_at: (self.backoff_limit as u64).max(1),
            }
        } else {
            FailureBudget::FailedPods {
                failed: self.status.failed,
                backoff_limit: self.backoff_limit,
                fails_at: self.backoff_limit as u64 + 1,
            }
        }
    }
}

/// What counts toward failing a Job, per the rule in effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FailureBudget {
    /// restartPolicy Never: fails when failed pods exceed backoffLimit.
    FailedPods {
        failed: u64,
        backoff_limit: u32,
        fails_at: u64,
    },
    /// restartPolicy OnFailure: fails when summed restarts reach it.
    Restarts {
        restarts: u64,
        backoff_limit: u32,
        fails_at: u64,
    },
    /// backoffLimitPerIndex: each index has its own budget; the Job fails on
    /// maxFailedIndexes or once all indexes settled with one failed.
    PerIndex {
        backoff_limit_per_index: u32,
        failed_indexes: u64,
        failed_indexes_text: String,
        max_failed_indexes: Option<u32>,
        failed_pods: u64,
    },
}

impl FailureBudget {
    /// Fraction used, 0..=1, for a bar.
    pub fn fraction(&self) -> f64 {
        let f = match self {
            FailureBudget::FailedPods {
                failed, fails_at, ..
            } => *failed as f64 / *fails_at as f64,
            FailureBudget::Restarts {
                restarts, fails_at, ..
            } => *restarts as f64 / *fails_at as f64,
            FailureBudget::PerIndex {
                failed_indexes,
                max_failed_indexes,
                ..
            } => match max_failed_indexes {
                Some(m) => *failed_indexes as f64 / (*m as f64 + 1.0),
                None => {
                    if *failed_indexes > 0 {
                        1.0
                    } else {
                        0.0
                    }
                }
            },
        };
        f.clamp(0.0, 1.0)
    }

    /// One line for the card.
    pub fn text(&self) -> String {
        match self {
            FailureBudget::FailedPods {
                failed,
                backoff_limit,
                fails_at,
            } => format!("{failed} failed / backoffLimit {backoff_limit} (fails at {fails_at})"),
            FailureBudget::Restarts {
                restarts,
                backoff_limit,
                fails_at,
            } => format!(
                "{restarts} restarts / backoffLimit {backoff_limit} (fails at {fails_at} restarts)"
            ),
            FailureBudget::PerIndex {
                backoff_limit_per_index,
                failed_indexes,
                failed_pods,
                ..
            } => {
                let (which, max) = self.per_index_suffixes();
                format!(
                    "{failed_indexes} failed index(es){which}{max} · backoffLimitPerIndex {backoff_limit_per_index} · {failed_pods} failed pod(s)"
                )
            }
        }
    }

    /// For a per-index budget: ` (0,2)` (which indexes failed) and
    /// ` / maxFailedIndexes 5`, each empty when there is nothing to say;
    /// the same in every language.
    pub fn per_index_suffixes(&self) -> (String, String) {
        match self {
            FailureBudget::PerIndex {
                failed_indexes_text,
                max_failed_indexes,
                ..
            } => (
                if failed_indexes_text.is_empty() {
                    String::new()
                } else {
                    format!(" ({failed_indexes_text})")
                },
                max_failed_indexes
                    .map(|m| format!(" / maxFailedIndexes {m}"))
                    .unwrap_or_default(),
            ),
            _ => (String::new(), String::new()),
        }
    }
}

impl World {
    /// The work queue hands out Job `j`: synced if this is the request it
    /// holds (an earlier one replaced later ones).
    pub(crate) fn sync_job_event(&mut self, j: u32) {
        if self.store.jobs[j as usize].next_sync == Some(self.now) {
            self.store.jobs[j as usize].next_sync = None;
            self.sync_job(j);
        }
    }

    /// `AddAfter` on the work queue: an earlier request wins.
    pub(crate) fn enqueue_sync(&mut self, j: u32, at: Time) {
        let job = &mut self.store.jobs[j as usize];
        if job.next_sync.is_none_or(|t| at < t) {
            job.next_sync = Some(at);
            self.push(at, Ev::SyncJob(j));
        }
    }

    /// A pod of job `j` changed (phase, deletion, readiness, restarts):
    /// remember it and sync after the batch period.
    pub(crate) fn job_pod_changed(&mut self, p: u32) {
        let pod = &mut self.store.pods[p as usize];
        let j = pod.job;
        if !pod.dirty {
            pod.dirty = true;
            self.store.jobs[j as usize].changed.push(p);
        }
        let at = self.now.after(SYNC_BATCH);
        self.enqueue_sync(j, at);
    }

    /// The Job's spec was updated through the API: indexes beyond a
    /// lowered `completions` go (`shrink_to`), a resumed Job gets a new
    /// startTime at its next sync, and the Job syncs now.
    pub(crate) fn job_updated(&mut self, j: u32, resumed: bool, shrink_to: Option<u32>) {
        if let Some(limit) = shrink_to {
            self.shrink_indexes(j, limit);
        }
        if resumed {
            // Resuming resets startTime (and so the active deadline).
            self.store.jobs[j as usize].status.start_time = None;
        }
        self.enqueue_sync(j, self.now);
    }

    /// Elastic Indexed Jobs: `completions` went down to `limit`. Indexes
    /// from `limit` on are out of range: their active pods are deleted (not
    /// counted as failed) and they leave completed and failed indexes.
    fn shrink_indexes(&mut self, j: u32, limit: u32) {
        let ju = j as usize;
        let status = &mut self.store.jobs[ju].status;
        status.completed_indexes.truncate(limit);
        status.failed_indexes.truncate(limit);
        status.succeeded = status.completed_indexes.len();
        let out: Vec<u32> = self.store.jobs[ju]
            .active
            .iter()
            .copied()
            .filter(|&p| {
                self.store.pods[p as usize]
                    .index
                    .get()
                    .is_some_and(|i| i >= limit)
            })
            .collect();
        for p in out {
            self.remove_from_active(j, p);
            self.store.pods[p as usize].counted = true;
            self.delete_owned_pod(j, p);
        }
    }

    fn add_condition(&mut self, j: u32, kind: CondType, reason: &'static str, message: &str) {
        let now = self.now;
        let message = message.to_string();
        let job = &mut self.store.jobs[j as usize];
        if let Some(c) = job.status.conditions.iter_mut().find(|c| c.kind == kind) {
            if c.status && c.reason == reason {
                return;
            }
            *c = Condition {
                kind,
                status: true,
                reason,
                message,
                time: now,
            };
        } else {
            job.status.conditions.push(Condition {
                kind,
                status: true,
                reason,
                message,
                time: now,
            });
        }
    }

    pub(crate) fn sync_job(&mut self, j: u32) {
        let ju = j as usize;
        // Finished Jobs and Jobs managed by another controller are skipped.
        let job = &self.store.jobs[ju];
        if job.deleted.is_some() || job.is_finished() || job.external_manager().is_some() {
            return;
        }
        self.track_finished_pods(j);
        let now = self.now;
        let job = &mut self.store.jobs[ju];
        if job.status.start_time.is_none() && !job.suspend {
            job.status.start_time = Some(now);
        }
        // Every sync re-arms the deadline (a queued later sync can be
        // superseded by an earlier one, as in the upstream work queue).
        if let (Some(d), Some(start), false) =
            (job.active_deadline, job.status.start_time, job.suspend)
        {
            let at = start.after(d);
            if at > now {
                self.enqueue_sync(j, at);
            }
        }
        let job = &self.store.jobs[ju];
        // Existing interim conditions decide first, then the failure checks
        // in upstream order, then the success policy.
        let finishing = if let Some(f) = job.finishing.clone() {
            Some(f)
        } else {
            let failure = if let Some(msg) = job.pod_failure_policy_fail.clone() {
                Some((FailReason::PodFailurePolicy, msg))
            } else if job.exceeds_backoff_limit() || job.past_backoff_limit_on_failure() {
                Some((FailReason::BackoffLimitExceeded, String::new()))
            } else if job.past_active_deadline(now) {
                Some((FailReason::DeadlineExceeded, String::new()))
            } else {
                job.failed_indexes_reason().map(|r| (r, String::new()))
            };
            if let Some((reason, msg)) = failure {
                let msg = if msg.is_empty() {
                    reason.message().to_string()
                } else {
                    msg
                };
                self.add_condition(j, CondType::FailureTarget, reason.reason(), &msg);
                Some(Finish::Failed(reason, msg))
            } else if let Some(i) = job.success_policy_match() {
                let msg = JobState::success_policy_message(i);
                self.add_condition(j, CondType::SuccessCriteriaMet, SUCCESS_POLICY, &msg);
                Some(Finish::Complete(SUCCESS_POLICY, msg))
            } else {
                None
            }
        };
        self.store.jobs[ju].finishing.clone_from(&finishing);
        if let Some(finish) = finishing {
            self.delete_active_pods(j, matches!(finish, Finish::Failed(..)));
            self.update_status_counts(j);
            self.maybe_finish(j, finish);
            return;
        }
        self.manage_job(j);
        let job = &self.store.jobs[ju];
        let complete = match job.completions {
            None => job.status.succeeded > 0 && job.active.is_empty(),
            Some(c) => job.status.succeeded >= c as u64 && job.active.is_empty(),
        };
        self.update_status_counts(j);
        if complete {
            let (reason, msg) = COMPLETIONS_REACHED;
            self.add_condition(j, CondType::SuccessCriteriaMet, reason, msg);
            let finish = Finish::Complete(reason, msg.into());
            self.store.jobs[ju].finishing = Some(finish.clone());
            self.maybe_finish(j, finish);
        }
    }

    fn update_status_counts(&mut self, j: u32) {
        let job = &mut self.store.jobs[j as usize];
        job.status.active = job.active.len() as u32;
        job.status.ready = job.ready;
        job.status.terminating = job.terminating;
    }

    /// Writes the terminal condition once no pod is terminating (1.31+:
    /// `Failed`/`Complete` wait for all pods to be gone).
    fn maybe_finish(&mut self, j: u32, finish: Finish) {
        if self.store.jobs[j as usize].terminating > 0 {
            return;
        }
        let event = match &finish {
            Finish::Complete(reason, msg) => {
                self.add_condition(j, CondType::Complete, reason, msg);
                self.store.jobs[j as usize].status.completion_time = Some(self.now);
                Reason::Completed
            }
            Finish::Failed(reason, msg) => {
                self.add_condition(j, CondType::Failed, reason.reason(), msg);
                reason.event()
            }
        };
        self.record(ObjRef::Job(j), event);
        self.store.jobs[j as usize].next_sync = None;
        self.notify(Watch::JobFinished(j));
    }

    /// The controller deletes one of its pods: it counts it as terminating
    /// at once (upstream: `terminating += deleted` in the same sync), so a
    /// terminal condition waits for it.
    fn delete_owned_pod(&mut self, j: u32, p: u32) {
        self.record(ObjRef::Job(j), Reason::SuccessfulDelete { pod: p });
        self.notify(Watch::PodDeleted(p, PodReason::DeletedByController));
        self.fold_pod_counters(j, p);
    }

    /// Deletes every active pod. On a failure they count as failed (their
    /// tracking finalizer is kept); on suspend/success they do not.
    fn delete_active_pods(&mut self, j: u32, count_as_failed: bool) {
        let active = std::mem::take(&mut self.store.jobs[j as usize].active);
        for &p in &active {
            self.store.pods[p as usize].active_slot = NO_SLOT;
            self.delete_owned_pod(j, p);
            self.leave_active(j, p);
            let pod = &mut self.store.pods[p as usize];
            if !pod.counted {
                pod.counted = true;
                if count_as_failed {
                    self.store.jobs[j as usize].status.failed += 1;
                }
            }
        }
    }

    /// Bookkeeping when a pod stops being active.
    pub(crate) fn leave_active(&mut self, j: u32, p: u32) {
        // The restarts this Job counted for the pod leave with it.
        let restarts = std::mem::take(&mut self.store.pods[p as usize].seen_restarts) as u64;
        let idx = self.store.pods[p as usize].index.get();
        let job = &mut self.store.jobs[j as usize];
        job.restarts = job.restarts.saturating_sub(restarts);
        if let Some(i) = idx {
            job.index_queue.active.remove(i);
        }
    }

    /// `manageJob`: create or delete pods to reach the wanted active count;
    /// a sync does one or the other, never both.
    fn manage_job(&mut self, j: u32) {
        let ju = j as usize;
        if self.store.jobs[ju].suspend {
            if !self.store.jobs[ju].active.is_empty() {
                self.delete_active_pods(j, false);
            }
            if self.store.jobs[ju].condition(CondType::Suspended).is_none() {
                self.add_condition(j, CondType::Suspended, "JobSuspended", "Job suspended");
                self.record(ObjRef::Job(j), Reason::Suspended);
            }
            return;
        }
        let mut resumed = false;
        if let Some(c) = self.store.jobs[ju]
            .status
            .conditions
            .iter_mut()
            .find(|c| c.kind == CondType::Suspended)
        {
            if c.status {
                *c = Condition {
                    kind: CondType::Suspended,
                    status: false,
                    reason: "JobResumed",
                    message: "Job resumed".into(),
                    time: self.now,
                };
                resumed = true;
            }
        }
        self.manage_pods(j);
        // syncJob runs manageJob (the pods' SuccessfulCreate) before it
        // writes the condition and records "Resumed".
        if resumed {
            self.record(ObjRef::Job(j), Reason::Resumed);
        }
    }

    /// manageJob's create-or-delete step for a Job that is not suspended.
    fn manage_pods(&mut self, j: u32) {
        let ju = j as usize;
        let job = &self.store.jobs[ju];
        let active = job.active.len() as u64;
        let want = job.wanted_active();
        if active > want {
            // Scale-down in controller.ActivePods order (not counted as
            // failed): unscheduled, then pending, not ready, ready for the
            // shortest time, most restarts, newest first.
            let mut victims: Vec<u32> = job.active.clone();
            crate::sort::sort_by_key(&mut victims, |p| {
                let pod = &self.store.pods[p as usize];
                (
                    pod.node.is_some(),
                    pod.phase == Phase::Running,
                    pod.ready,
                    Reverse(pod.ready.then(|| pod.ready_changed.get())),
                    Reverse(pod.restarts()),
                    Reverse(pod.created),
                )
            });
            victims.truncate(((active - want) as usize).min(MAX_PER_SYNC));
            for p in victims {
                self.remove_from_active(j, p);
                self.store.pods[p as usize].counted = true;
                self.delete_owned_pod(j, p);
            }
            return;
        }
        let terminating = if job.only_replace_failed {
            job.terminating as u64
        } else {
            0
        };
        let diff = want.saturating_sub(active + terminating);
        if diff == 0 {
            return;
        }
        // With backoffLimitPerIndex the back-off is per index (below).
        let per_index = job.backoff_limit_per_index.is_some();
        let remaining = job.backoff.remaining(self.now);
        if !per_index && remaining > Duration::ZERO {
            self.enqueue_sync(j, self.now.after(remaining));
            return;
        }
        let n = (diff as usize).min(MAX_PER_SYNC);
        let room = (self.limits.max_pods as u64).saturating_sub(self.store.pods_created) as usize;
        let n = n.min(room);
        if self.store.jobs[ju].indexed {
            let completions = self.store.jobs[ju].completions.unwrap_or(0);
            let now = self.now;
            let job = &mut self.store.jobs[ju];
            let status = &job.status;
            let idxs = job.index_queue.take(
                n,
                completions,
                &status.completed_indexes,
                &status.failed_indexes,
            );
            let mut wait: Option<Duration> = None;
            for i in idxs {
                // Per-index back-off: 10 s x 2^(failures - 1) since the last one.
                let left = self.store.jobs[ju]
                    .index_queue
                    .failures
                    .get(&i)
                    .map_or(Duration::ZERO, |f| f.remaining(now));
                if per_index && left > Duration::ZERO {
                    self.store.jobs[ju].index_queue.requeue(i);
                    wait = Some(wait.map_or(left, |w| w.min(left)));
                } else {
                    self.create_pod(j, Some(i));
                }
            }
            if let Some(w) = wait {
                self.enqueue_sync(j, now.after(w));
            }
        } else {
            for _ in 0..n {
                self.create_pod(j, None);
            }
        }
    }

    pub(crate) fn create_pod(&mut self, j: u32, index: Option<u32>) {
        let ju = j as usize;
        let job = &mut self.store.jobs[ju];
        let attempt = match index {
            Some(i) => {
                let r = &mut job.index_queue.retries;
                if r.len() <= i as usize {
                    r.resize(i as usize + 1, 0);
                }
                r[i as usize] += 1;
                r[i as usize]
            }
            None => {
                job.created_pods += 1;
                job.created_pods
            }
        };
        if index.is_some() {
            job.created_pods += 1;
        }
        let (index_failure_count, index_ignored_failure_count) = index
            .and_then(|i| job.index_queue.failures.get(&i))
            .map_or((0, 0), |f| {
                let c = |n: u32| n.min(u16::MAX as u32) as u16;
                (c(f.counted), c(f.ignored))
            });
        let job = &self.store.jobs[ju];
        let containers = job
            .containers
            .iter()
            .map(|_| {
                // Before init containers finish, app containers wait on them.
                ContainerStatus::waiting(if job.n_init > 0 {
                    WaitReason::PodInitializing
                } else {
                    WaitReason::ContainerCreating
                })
            })
            .collect();
        let slot = job.active.len() as u32;
        let pod = PodState {
            suffix: [0; 5],
            uid: 0,
            job: j,
            index: index.into(),
            attempt,
            index_failure_count,
            index_ignored_failure_count,
            created: self.now,
            node: crate::pod::OptId::NONE,
            scheduled_at: crate::clock::Stamp::NONE,
            running_at: crate::clock::Stamp::NONE,
            finished_at: crate::clock::Stamp::NONE,
            phase: Phase::Pending,
            reason: None,
            deletion: crate::clock::Stamp::NONE,
            gone: crate::clock::Stamp::NONE,
            containers,
            n_init: job.n_init,
            ready: false,
            ready_changed: crate::clock::Stamp::NONE,
            unschedulable: crate::pod::OptId::NONE,
            epoch: 0,
            last_event: NONE,
            counted: false,
            active_slot: slot,
            dirty: false,
            seen_ready: false,
            seen_terminating: false,
            seen_restarts: 0,
        };
        let p = self.create_pod_object(pod);
        let job = &mut self.store.jobs[ju];
        job.active.push(p);
        job.pods.push(p);
        if let Some(i) = index {
            job.index_queue.active.insert(i);
        }
        self.record(ObjRef::Job(j), Reason::SuccessfulCreate { pod: p });
        // The pod add event is observed by the controller (batched sync)
        // and by the scheduler.
        let at = self.now.after(SYNC_BATCH);
        self.enqueue_sync(j, at);
        self.notify(Watch::PodPending(p));
    }
}

use std::cmp::Reverse;
