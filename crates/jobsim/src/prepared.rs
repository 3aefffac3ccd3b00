//! One controller reaction against a store prepared by hand, the way
//! upstream's controller unit tests work (`TestControllerSyncJob` puts pods
//! in the informer's store and calls `syncJob` once; `TestControllerV2-
//! SyncCronJob` sets a CronJob's status and its Jobs, then `syncCronJob`).
//! The store is written here as a test writes its fake informers: this
//! module is not a controller and nothing else calls it.

use crate::clock::{Duration, Stamp};
use crate::job::CondType;
use crate::owner::JobOwner;
use crate::pod::{ContainerState, OptId, Phase, TermReason, Terminated};
use crate::world::World;

/// A pod as a test puts it in the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PodSetup {
    /// Created, not bound to a node.
    Pending,
    /// Running on node 0, not ready.
    Running,
    /// Running on node 0 and ready.
    Ready,
    Succeeded,
    Failed,
    /// Running, with a deletionTimestamp.
    Terminating,
    /// Running and still Ready, with a deletionTimestamp: its node is
    /// silent, so no kubelet has marked it not ready.
    TerminatingReady,
}

/// What one Job sync did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobReaction {
    pub created: usize,
    pub deleted: usize,
    /// Completion indexes of the created pods, ascending.
    pub created_indexes: Vec<u32>,
}

/// What one CronJob sync did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CronJobReaction {
    pub created: usize,
    pub deleted: usize,
    /// `status.active` after the sync.
    pub active: usize,
    /// Warning events the sync recorded.
    pub warnings: Vec<&'static str>,
    /// When the controller asked to sync again, from now.
    pub requeue_after: Option<Duration>,
}

impl World {
    /// A world whose store holds the manifests of `text` (a Job is stored
    /// as the API server stores it, defaulted), and no controller has run.
    pub fn prepared(text: &str) -> Result<World, String> {
        let mut w = World::from_text(text, None).map_err(|e| {
            e.first()
                .map(|e| format!("{}:{}: {}", e.line, e.column, e.message))
                .unwrap_or_default()
        })?;
        // Only the inputs at time zero (the objects' creation) are applied;
        // the Job controller's first sync is the test's.
        w.apply_inputs_only();
        for j in 0..w.store.jobs.len() {
            w.store.jobs[j].next_sync = None;
        }
        Ok(w)
    }

    /// Moves the clock (nothing runs in between).
    pub fn prepared_advance(&mut self, by: Duration) {
        self.now = self.now.after(by);
    }

    /// Puts a pod of Job `j` in the store, as created by an earlier sync and
    /// since moved on to `setup` (now).
    pub fn put_job_pod(&mut self, j: u32, setup: PodSetup, index: Option<u32>) -> u32 {
        self.create_pod(j, index);
        let p = *self.store.jobs[j as usize].pods.last().expect("created");
        let now = self.now;
        let pod = &mut self.store.pods[p as usize];
        if setup != PodSetup::Pending {
            pod.node = OptId::some(0);
            pod.scheduled_at = Stamp::at(now);
            pod.running_at = Stamp::at(now);
            pod.phase = Phase::Running;
            for c in pod.containers.iter_mut() {
                c.state = ContainerState::Running { since: now };
            }
        }
        match setup {
            PodSetup::Ready => {
                pod.ready = true;
                pod.ready_changed = Stamp::at(now);
            }
            PodSetup::Succeeded | PodSetup::Failed => {
                let ok = setup == PodSetup::Succeeded;
                pod.phase = if ok { Phase::Succeeded } else { Phase::Failed };
                pod.finished_at = Stamp::at(now);
                for c in pod.containers.iter_mut() {
                    c.state = ContainerState::Terminated(Terminated {
                        exit_code: if ok { 0 } else { 1 },
                        reason: if ok {
                            TermReason::Completed
                        } else {
                            TermReason::Error
                        },
                        started: now,
                        finished: now,
                    });
                }
            }
            PodSetup::Terminating => pod.deletion = Stamp::at(now),
            PodSetup::TerminatingReady => {
                pod.deletion = Stamp::at(now);
                pod.ready = true;
                pod.ready_changed = Stamp::at(now);
            }
            _ => {}
        }
        // The informer's update: the Job controller folds it at its sync.
        self.job_pod_changed(p);
        p
    }

    /// One `syncJob` of Job `j`.
    pub fn sync_job_once(&mut self, j: u32) -> JobReaction {
        let before = self.store.jobs[j as usize].pods.len();
        let deleting = |w: &World| {
            w.store.jobs[j as usize]
                .pods
                .iter()
                .filter(|&&p| w.store.pods[p as usize].deletion.is_some())
                .count()
        };
        let deleted_before = deleting(self);
        self.store.jobs[j as usize].next_sync = None;
        self.sync_job(j);
        let pods = &self.store.jobs[j as usize].pods;
        let mut created_indexes: Vec<u32> = pods[before..]
            .iter()
            .filter_map(|&p| self.store.pods[p as usize].index.get())
            .collect();
        created_indexes.sort_unstable();
        JobReaction {
            created: pods.len() - before,
            deleted: deleting(self) - deleted_before,
            created_indexes,
        }
    }

    /// Puts a Job of CronJob `c` for the slot at `scheduled` (Unix s) in
    /// the store, created now, finished with `finished` if given, and in
    /// `status.active` when `active`; `lastScheduleTime` is the slot.
    pub fn put_cronjob_job(
        &mut self,
        c: u32,
        scheduled: i64,
        finished: Option<CondType>,
        active: bool,
    ) -> u32 {
        let cj = &self.store.cronjobs[c as usize];
        let zone = cj
            .zone
            .clone()
            .unwrap_or_else(|_| std::sync::Arc::new(crate::timezone::Zone::utc()));
        let job = crate::cronjob::utils::job_from_template(&cj.manifest, scheduled, &zone);
        let owner = JobOwner {
            cronjob: c,
            controller: true,
            block_owner_deletion: true,
        };
        let j = self.create_job(job, Some(owner));
        self.store.jobs[j as usize].next_sync = None;
        let now = self.now;
        if let Some(kind) = finished {
            let status = &mut self.store.jobs[j as usize].status;
            status.start_time = Some(now);
            status.conditions.push(crate::job::Condition {
                kind,
                status: true,
                reason: "",
                message: String::new(),
                time: now,
            });
            if kind == CondType::Complete {
                status.completion_time = Some(now);
            }
        }
        let cj = &mut self.store.cronjobs[c as usize];
        cj.jobs.push(j);
        if active {
            cj.status.active.push(j);
        }
        cj.status.last_schedule_time = Some(scheduled);
        j
    }

    /// What one `sync` of CronJob `c` would write, without applying it
    /// (the controller reads the store only).
    pub fn plan_cronjob_sync(&self, c: u32) -> crate::cronjob::CronJobSync {
        let mut memo = self.store.cronjobs[c as usize].next_memo;
        let now_ms = crate::clock::unix_millis(self.origin_unix, self.now);
        crate::cronjob::sync(&self.store, c, now_ms, self.origin_unix, &mut memo)
    }

    /// One `sync` of CronJob `c` (history cleanup, `syncCronJob`, requeue):
    /// what the controller returned, read as upstream's fake job control
    /// and recorder would, then applied.
    pub fn sync_cronjob_once(&mut self, c: u32) -> CronJobReaction {
        use crate::cronjob::CronJobWrite;
        self.store.cronjobs[c as usize].next_sync = None;
        let plan = self.decide_cronjob_sync(c);
        let count = |f: fn(&CronJobWrite) -> bool| plan.writes.iter().filter(|w| f(w)).count();
        let created = count(|w| matches!(w, CronJobWrite::CreateJob(_)));
        let deleted = count(|w| matches!(w, CronJobWrite::DeleteJob(_)));
        let warnings = plan
            .writes
            .iter()
            .filter_map(|w| match w {
                CronJobWrite::Event(r) if r.is_warning() => Some(r.name()),
                _ => None,
            })
            .collect();
        let requeue_after = plan.requeue_ms.map(|ms| Duration(ms.max(0) as u64));
        self.apply_cronjob_sync(c, plan);
        CronJobReaction {
            created,
            deleted,
            active: self.store.cronjobs[c as usize].status.active.len(),
            warnings,
            requeue_after,
        }
    }
}
