//! What the Job controller keeps per Job: the stored Job (spec parsed,
//! status), its conditions and failure reasons, and the controller's own
//! bookkeeping (active pods, changed pods, back-off record, index queue).
//! No controller logic: `mod.rs` and the concern files act on it.

use crate::api::Job;
use crate::clock::{Duration, Time};
use crate::events::{Reason, NONE};
use crate::node::Resources;
use crate::owner::JobOwner;

use super::backoff::BackoffRecord;
use super::indexed::{IndexQueue, IntervalSet};
use crate::shell::Program;
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

pub use super::success_policy::SuccessRule;

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
                    super::indexed::parse_indexes(t, s.completions.unwrap_or(0) as i64)
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
