//! The CronJob controller (upstream `pkg/controller/cronjob`,
//! `cronjob_controllerv2.go`): `sync` cleans up finished Jobs past the
//! history limits, then `syncCronJob` reconciles `status.active`, finds the
//! most recent unmet slot and creates its Job, honouring suspend,
//! `startingDeadlineSeconds` and `concurrencyPolicy`. The controller does
//! not poll: each sync requeues itself 100 ms after the next slot, and a
//! Job that finishes or is deleted wakes its CronJob at once.

pub mod explain;
pub mod state;
pub mod utils;

use crate::api::CronJob;
use crate::clock::{Duration, Time};
use crate::events::{ObjRef, Reason, NONE};
use crate::job::CondType;
use crate::owner::JobOwner;
use crate::store::Store;
use crate::timezone::Zone;
use crate::world::{Ev, World};
use std::collections::VecDeque;
use utils::Missed;

pub use state::*;

impl World {
    /// Stores a (validated) CronJob created at the current time and queues
    /// its first sync.
    pub(crate) fn add_cronjob(&mut self, mut cj: CronJob) {
        crate::defaults::default_cronjob(&mut cj);
        let uid = self.next_uid();
        let name = cj.metadata.name.clone().unwrap_or_default();
        let s = &cj.spec;
        let zone = match s.time_zone.as_deref() {
            None => Ok(std::sync::Arc::new(Zone::utc())),
            Some(tz) => self.zones.load(tz).map(std::sync::Arc::new),
        };
        if s.time_zone.is_none() {
            self.add_note(crate::note::Note::CronJobUtc);
        }
        let state = CronJobState {
            name,
            uid,
            schedule: crate::cron::parse_standard(&s.schedule),
            zone,
            concurrency: ConcurrencyPolicy::from_spec(s.concurrency_policy.as_deref()),
            suspend: s.suspend.unwrap_or(false),
            starting_deadline: s.starting_deadline_seconds,
            successful_history: s.successful_jobs_history_limit.map(|v| v.max(0) as u32),
            failed_history: s.failed_jobs_history_limit.map(|v| v.max(0) as u32),
            manifest: cj,
            created: self.now,
            status: CronJobStatus::default(),
            jobs: Vec::new(),
            history: VecDeque::new(),
            created_jobs: 0,
            max_active: 0,
            skipped: 0,
            last_skipped: None,
            decision: Decision::Waiting,
            containers: None,
            next_memo: [(i64::MIN, None); 4],
            next_sync: None,
            last_event: NONE,
        };
        let c = self.store.cronjobs.len() as u32;
        self.store.cronjobs.push(state);
        self.enqueue_cronjob(c, self.now);
    }

    pub fn cronjob_by_name(&self, name: &str) -> Option<u32> {
        self.store
            .cronjobs
            .iter()
            .position(|c| c.name == name)
            .map(|i| i as u32)
    }

    /// `AddAfter` on the controller's queue: an earlier request wins.
    pub(crate) fn enqueue_cronjob(&mut self, c: u32, at: Time) {
        let cj = &mut self.store.cronjobs[c as usize];
        if cj.next_sync.is_none_or(|t| at < t) {
            cj.next_sync = Some(at);
            self.push(at, Ev::SyncCronJob(c));
        }
    }

    pub(crate) fn sync_cronjob_event(&mut self, c: u32) {
        if self.store.cronjobs[c as usize].next_sync != Some(self.now) {
            return;
        }
        self.store.cronjobs[c as usize].next_sync = None;
        if let Some(until) = self.cronjob_controller.down_until {
            // Woken again when the controller comes back.
            self.store.cronjobs[c as usize].decision = Decision::ControllerDown { until };
            return;
        }
        self.sync_cronjob(c);
    }

    pub(crate) fn cronjob_controller_down(&mut self, d: Duration) {
        let until = self.now.after(d);
        if self.cronjob_controller.down_until.is_none_or(|u| u < until) {
            self.cronjob_controller.down_until = Some(until);
            self.push(until, Ev::CronJobControllerUp);
        }
        for cj in &mut self.store.cronjobs {
            cj.decision = Decision::ControllerDown { until };
        }
    }

    /// The controller starts again: its informers list every CronJob, so
    /// each is synced now.
    pub(crate) fn cronjob_controller_up(&mut self) {
        if self.cronjob_controller.down_until != Some(self.now) {
            return;
        }
        self.cronjob_controller.down_until = None;
        for c in 0..self.store.cronjobs.len() as u32 {
            self.enqueue_cronjob(c, self.now);
        }
    }

    pub(crate) fn set_cronjob_suspend(&mut self, name: &str, suspend: bool) {
        let Some(c) = self.cronjob_by_name(name) else {
            return;
        };
        let cj = &mut self.store.cronjobs[c as usize];
        if cj.suspend != suspend {
            cj.suspend = suspend;
            cj.manifest.spec.suspend = Some(suspend);
            // updateCronJob: a change other than the schedule syncs now.
            self.enqueue_cronjob(c, self.now);
        }
    }

    /// `kubectl create job NAME --from=cronjob/CJ`; the name gets a random
    /// suffix (kubectl asks the user for one).
    pub(crate) fn create_job_from_cronjob(&mut self, from: &str) {
        let Some(c) = from
            .strip_prefix("cronjob/")
            .and_then(|n| self.cronjob_by_name(n))
        else {
            return;
        };
        let suffix = self.random_suffix();
        let cj = &self.store.cronjobs[c as usize];
        let name = format!(
            "{}-manual-{}",
            cj.name,
            std::str::from_utf8(&suffix).unwrap_or_default()
        );
        let job = utils::job_from_cronjob_manual(&cj.manifest, &name);
        let j = self.create_job(
            job,
            Some(JobOwner {
                cronjob: c,
                controller: true,
                block_owner_deletion: false,
            }),
        );
        // The controller lists it among its Jobs (controllerRef) and its
        // addJob handler syncs the CronJob at once; that sync finds a
        // running Job missing from status.active (UnexpectedJob).
        let cj = &mut self.store.cronjobs[c as usize];
        if !cj.jobs.contains(&j) {
            cj.jobs.push(j);
        }
        self.enqueue_cronjob(c, self.now);
    }

    /// A Job finished: its controlling CronJob syncs now (`updateJob`).
    pub(crate) fn cronjob_job_finished(&mut self, j: u32) {
        if let Some(o) = self.store.jobs[j as usize].owner.filter(|o| o.controller) {
            self.enqueue_cronjob(o.cronjob, self.now);
        }
    }

    /// A Job was deleted: it leaves its CronJob's list, and the CronJob
    /// syncs (`deleteJob` handler), unless its own sync deleted it: that
    /// extra sync would find nothing to do.
    pub(crate) fn job_deleted(&mut self, j: u32) {
        if let Some(o) = self.store.jobs[j as usize].owner.filter(|o| o.controller) {
            self.store.cronjobs[o.cronjob as usize]
                .jobs
                .retain(|&x| x != j);
            if self.cronjob_controller.syncing != Some(o.cronjob) {
                self.enqueue_cronjob(o.cronjob, self.now);
            }
        }
    }

    /// Unix seconds of a virtual time, as API timestamps show it.
    pub(crate) fn unix_of(&self, t: Time) -> i64 {
        crate::clock::unix_secs(self.origin_unix, t)
    }

    /// `sync`: history cleanup, then `syncCronJob`, then the requeue. The
    /// controller decides from the store alone ([`sync`]); the loop
    /// applies what it returned.
    pub(crate) fn sync_cronjob(&mut self, c: u32) {
        let plan = self.decide_cronjob_sync(c);
        self.apply_cronjob_sync(c, plan);
    }

    /// What a sync of CronJob `c` writes now ([`sync`]); the CronJob keeps
    /// the `Next` answers it computed on the way.
    pub(crate) fn decide_cronjob_sync(&mut self, c: u32) -> CronJobSync {
        let mut memo = self.store.cronjobs[c as usize].next_memo;
        let now_ms = crate::clock::unix_millis(self.origin_unix, self.now);
        let plan = sync(&self.store, c, now_ms, self.origin_unix, &mut memo);
        self.store.cronjobs[c as usize].next_memo = memo;
        plan
    }

    /// Applies one sync's writes in order (deletions and creations are API
    /// requests, each followed by its event, as `deleteJob` and
    /// `createJob` record them), then its status, decision and requeue.
    pub(crate) fn apply_cronjob_sync(&mut self, c: u32, plan: CronJobSync) {
        // A Job this sync deletes does not wake the CronJob again.
        self.cronjob_controller.syncing = Some(c);
        let mut created = None;
        for w in plan.writes {
            match w {
                CronJobWrite::DeleteJob(j) => {
                    self.delete_job(j);
                    self.record(ObjRef::CronJob(c), Reason::CronJobDeleted { job: j });
                }
                CronJobWrite::CreateJob(job) => {
                    let j = self.create_job(
                        *job,
                        Some(JobOwner {
                            cronjob: c,
                            controller: true,
                            block_owner_deletion: true,
                        }),
                    );
                    self.record(ObjRef::CronJob(c), Reason::CronJobCreated { job: j });
                    let entry = HistoryEntry {
                        job: j,
                        uid: self.store.jobs[j as usize].uid,
                        name: self.store.jobs[j as usize].name.clone(),
                    };
                    let cj = &mut self.store.cronjobs[c as usize];
                    cj.jobs.push(j);
                    cj.created_jobs += 1;
                    cj.history.push_back(entry);
                    if cj.history.len() > HISTORY_KEPT {
                        cj.history.pop_front();
                    }
                    created = Some(j);
                }
                CronJobWrite::Event(reason) => self.record(ObjRef::CronJob(c), reason),
            }
        }
        self.cronjob_controller.syncing = None;
        let cj = &mut self.store.cronjobs[c as usize];
        cj.status = plan.status;
        cj.status.active.extend(created);
        if let Some(d) = plan.decision {
            if matches!(d, Decision::Created { .. }) {
                cj.max_active = cj.max_active.max(cj.status.active.len() as u32);
            }
            cj.decision = d;
        }
        if let Some(slot) = plan.skipped {
            cj.count_skip(slot);
        }
        if let Some(delay_ms) = plan.requeue_ms {
            let at = self.now.after(Duration(delay_ms.max(0) as u64));
            self.enqueue_cronjob(c, at);
        }
    }
}

/// What one CronJob sync writes, in order, as data: upstream's
/// `jobControl` calls and the events it records.
#[derive(Debug, Clone, PartialEq)]
pub enum CronJobWrite {
    /// `deleteJob`: delete (background propagation), then `SuccessfulDelete`.
    DeleteJob(u32),
    /// `CreateJob` for a slot (controlled by the CronJob), then
    /// `SuccessfulCreate`.
    CreateJob(Box<crate::api::Job>),
    /// Another event on the CronJob.
    Event(Reason),
}

/// One sync's outcome: the writes, then the CronJob's own objects.
#[derive(Debug, Clone, PartialEq)]
pub struct CronJobSync {
    pub writes: Vec<CronJobWrite>,
    /// `UpdateStatus`: the status after the sync; a Job the writes create
    /// joins `active` when they are applied.
    pub status: CronJobStatus,
    /// The decision for the "why" line (None: as it was).
    pub decision: Option<Decision>,
    /// A slot not run (Forbid, or past its deadline).
    pub skipped: Option<i64>,
    /// Sync again after this many ms.
    pub requeue_ms: Option<i64>,
}

/// `sync`: reads the store only and returns what to write. `now_ms` is
/// the controller's clock (Unix ms), `origin_unix` the virtual clock's
/// zero; `memo` the CronJob's cache of `Next` answers.
pub fn sync(
    store: &Store,
    c: u32,
    now_ms: i64,
    origin_unix: i64,
    memo: &mut [(i64, Option<i64>); 4],
) -> CronJobSync {
    let cj = &store.cronjobs[c as usize];
    let mut out = CronJobSync {
        writes: Vec::new(),
        status: cj.status.clone(),
        decision: None,
        skipped: None,
        requeue_ms: None,
    };
    cleanup_finished_jobs(store, cj, &mut out);
    let cell = std::cell::Cell::new(*memo);
    out.requeue_ms = sync_cronjob(store, c, now_ms, origin_unix, &cell, &mut out);
    *memo = cell.get();
    out
}

/// `cleanupFinishedJobs`: per outcome, delete the oldest finished Jobs
/// beyond the history limit (`removeOldestJobs`, by start time).
fn cleanup_finished_jobs(store: &Store, cj: &CronJobState, out: &mut CronJobSync) {
    let (succ_limit, fail_limit) = (cj.successful_history, cj.failed_history);
    let mut succeeded = Vec::new();
    let mut failed = Vec::new();
    for &j in &cj.jobs {
        match store.jobs[j as usize].terminal_condition().map(|c| c.kind) {
            Some(CondType::Complete) => succeeded.push(j),
            Some(CondType::Failed) => failed.push(j),
            _ => {}
        }
    }
    for (list, limit) in [(succeeded, succ_limit), (failed, fail_limit)] {
        let Some(limit) = limit else { continue };
        let n = list.len().saturating_sub(limit as usize);
        if n == 0 {
            continue;
        }
        let mut list = list;
        // byJobStartTime: by start time, unset last, ties by name (then
        // by id).
        crate::sort::sort_by(&mut list, |&a, &b| {
            let (ja, jb) = (&store.jobs[a as usize], &store.jobs[b as usize]);
            match (ja.status.start_time, jb.status.start_time) {
                (Some(x), Some(y)) if x != y => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                _ => ja.name.cmp(&jb.name).then(a.cmp(&b)),
            }
        });
        for &j in &list[..n] {
            delete_job(out, j);
        }
    }
}

/// `deleteJob`: the deletion (and its event), and the Job leaves active.
fn delete_job(out: &mut CronJobSync, j: u32) {
    out.writes.push(CronJobWrite::DeleteJob(j));
    out.status.active.retain(|&x| x != j);
}

/// `syncCronJob`; returns the requeue delay in ms, if any.
fn sync_cronjob(
    store: &Store,
    c: u32,
    now_ms: i64,
    origin_unix: i64,
    memo: &std::cell::Cell<[(i64, Option<i64>); 4]>,
    out: &mut CronJobSync,
) -> Option<i64> {
    let event = |out: &mut CronJobSync, r: Reason| out.writes.push(CronJobWrite::Event(r));
    let cj = &store.cronjobs[c as usize];
    let jobs = &cj.jobs;
    for &j in jobs {
        let job = &store.jobs[j as usize];
        let found = out.status.active.contains(&j);
        match job.terminal_condition().map(|c| c.kind) {
            None if !found => event(out, Reason::UnexpectedJob { job: j }),
            None => {}
            Some(kind) => {
                if found {
                    out.status.active.retain(|&x| x != j);
                    event(out, Reason::SawCompletedJob { job: j });
                }
                if kind == CondType::Complete {
                    if let Some(done) = job.status.completion_time {
                        let done = crate::clock::unix_secs(origin_unix, done);
                        let st = &mut out.status;
                        if st.last_successful_time.is_none_or(|t| done > t) {
                            st.last_successful_time = Some(done);
                        }
                    }
                }
            }
        }
    }
    // Active entries whose Job is gone.
    for j in out.status.active.clone() {
        if !jobs.contains(&j) {
            event(out, Reason::MissingJob { job: j });
            out.status.active.retain(|&x| x != j);
        }
    }
    let zone = match &cj.zone {
        Ok(z) => z.clone(),
        Err(e) => {
            out.decision = Some(Decision::UnknownTimeZone(e.clone()));
            event(out, Reason::UnknownTimeZone);
            return None;
        }
    };
    if cj.suspend {
        out.decision = Some(Decision::Suspended);
        return None;
    }
    let sched = match &cj.schedule {
        Ok(s) => s,
        Err(e) => {
            out.decision = Some(Decision::InvalidSchedule(e.clone()));
            event(out, Reason::UnparseableSchedule);
            return None;
        }
    };
    let created_ms = crate::clock::unix_millis(origin_unix, cj.created);
    let earliest = |status: &CronJobStatus, with_deadline: bool| {
        let mut e = status.last_schedule_time.map_or(created_ms, |t| t * 1000);
        if let (true, Some(sds)) = (with_deadline, cj.starting_deadline) {
            e = e.max(now_ms - sds * 1000);
        }
        e
    };
    // Syncs ask for the same slots again and again; the CronJob keeps
    // the last few answers (`Next` is pure, the schedule fixed).
    let next = |t: i64| {
        let mut m = memo.get();
        if let Some(&(_, r)) = m.iter().find(|(k, _)| *k == t) {
            return r;
        }
        let r = sched.next(t, &zone);
        m.rotate_right(1);
        m[0] = (t, r);
        memo.set(m);
        r
    };
    let requeue = |status: &CronJobStatus| {
        utils::next_schedule_time_duration(earliest(status, false), now_ms, &next)
    };
    // nextScheduleTime: the most recent unmet slot within the deadline.
    let (scheduled, missed) =
        match utils::most_recent_schedule_time(earliest(&out.status, true), now_ms, &next) {
            Err(e) => {
                out.decision = Some(Decision::InvalidSchedule(e));
                event(out, Reason::InvalidSchedule);
                return None;
            }
            Ok((_, None, _)) => {
                out.decision = Some(Decision::Waiting);
                return requeue(&out.status);
            }
            Ok((_, Some(t), missed)) => (t, missed),
        };
    if missed == Missed::Many {
        // v2 warns and still creates the most recent Job.
        event(out, Reason::TooManyMissedTimes);
    }
    if let Some(sds) = cj.starting_deadline {
        if (scheduled + sds) * 1000 < now_ms {
            let at = (scheduled - origin_unix).clamp(0, u32::MAX as i64) as u32;
            out.decision = Some(Decision::MissedDeadline { scheduled });
            out.skipped = Some(scheduled);
            event(out, Reason::MissSchedule { at });
            return requeue(&out.status);
        }
    }
    let name = utils::job_name(&cj.name, scheduled);
    let already = out
        .status
        .active
        .iter()
        .any(|&j| store.jobs[j as usize].name == name)
        || out.status.last_schedule_time == Some(scheduled);
    if already {
        return requeue(&out.status);
    }
    if cj.concurrency == ConcurrencyPolicy::Forbid && !out.status.active.is_empty() {
        let active = store.jobs[out.status.active[0] as usize].name.clone();
        out.decision = Some(Decision::SkippedForbid { scheduled, active });
        out.skipped = Some(scheduled);
        event(out, Reason::JobAlreadyActive);
        return requeue(&out.status);
    }
    let mut replaced = Vec::new();
    if cj.concurrency == ConcurrencyPolicy::Replace {
        for j in out.status.active.clone() {
            delete_job(out, j);
            replaced.push(store.jobs[j as usize].name.clone());
        }
    }
    // Create the Job; its deterministic name is the lock.
    match store.job_names.get(&name).copied() {
        Some(existing) => {
            let controlled = store.jobs[existing as usize]
                .owner
                .is_some_and(|o| o.controller && o.cronjob == c);
            if !controlled || out.status.active.contains(&existing) {
                out.decision = Some(Decision::NameTaken {
                    scheduled,
                    job: name,
                });
                return None;
            }
            out.status.active.push(existing);
        }
        None => {
            let job = utils::job_from_template(&cj.manifest, scheduled, &zone);
            out.writes.push(CronJobWrite::CreateJob(Box::new(job)));
        }
    }
    out.status.last_schedule_time = Some(scheduled);
    out.decision = Some(Decision::Created {
        job: name,
        scheduled,
        replaced,
        missed,
    });
    requeue(&out.status)
}
