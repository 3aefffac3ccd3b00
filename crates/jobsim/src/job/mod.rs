//! The Job controller (upstream `pkg/controller/job`): `syncJob` and
//! `manageJob`, driven by pod changes batched into syncs one second apart.
//! Work per sync is proportional to the pods that changed since the last
//! one, never to all pods of the Job.

pub mod backoff;
pub mod explain;
pub mod indexed;
pub mod pod_failure_policy;
pub mod state;
pub mod success_policy;
pub mod tracking;

pub use state::*;

use crate::clock::{Duration, Time};

use crate::events::{ObjRef, Reason, NONE};

use crate::pod::{ContainerStatus, Phase, PodReason, PodState, WaitReason, NO_SLOT};
use crate::world::{Ev, Watch, World};

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
