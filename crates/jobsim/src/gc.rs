//! Garbage collection: PodGC (pods of a node that is gone or came back),
//! cascading (background) deletion of a Job's pods, the TTL-after-finished
//! controller, and pod deletion as `kubectl delete pod` does it.

use crate::clock::{Duration, Time};
use crate::job::JobState;
use crate::pod::PodReason;
use crate::timing::EVENT_TTL;
use crate::world::{Ev, World};

impl World {
    /// `terminationGracePeriodSeconds` of the Job's pods (defaulted to 30).
    pub fn grace_period_seconds(&self, j: u32) -> i64 {
        self.store.jobs[j as usize]
            .manifest
            .spec
            .template
            .spec
            .termination_grace_period_seconds
            .unwrap_or(30)
    }

    /// The pod's `deletionTimestamp`: graceful deletion sets it to the
    /// request time plus the grace period.
    pub fn deletion_timestamp(&self, p: u32) -> Option<Time> {
        let pod = &self.store.pods[p as usize];
        let grace = self.grace_period_seconds(pod.job).max(0) as u64;
        pod.deletion
            .get()
            .map(|d| d.after(Duration::from_secs(grace)))
    }

    /// PodGC `gcOrphaned`: the quarantine of deleted node `n` is over;
    /// each of its pods is marked Failed with `DisruptionTarget`
    /// (`DeletionByPodGC`) and force-deleted.
    pub(crate) fn gc_orphaned(&mut self, n: u32) {
        if self.store.nodes[n as usize].exists() {
            return;
        }
        let pods = self.store.nodes[n as usize].pods.clone();
        for p in pods {
            if self.store.pods[p as usize].reason.is_none() {
                self.store.pods[p as usize].reason = Some(PodReason::PodGc);
            }
            self.kubelet_force_gone(p);
        }
    }

    /// Deletes a Job with orphan propagation: the garbage collector
    /// removes the pods' owner references and leaves them running; the Job
    /// controller, seeing pods without a Job, drops their tracking
    /// finalizers.
    pub(crate) fn delete_job_orphan(&mut self, j: u32) {
        if self.store.jobs[j as usize].deleted.is_some() {
            return;
        }
        self.store.jobs[j as usize].orphaned = true;
        self.job_gone_from_api(j);
        self.job_deleted(j);
    }

    /// The Job object leaves the API.
    fn job_gone_from_api(&mut self, j: u32) {
        self.store.jobs[j as usize].deleted = Some(self.now);
        let name = &self.store.jobs[j as usize].name;
        if self.store.job_names.get(name.as_str()) == Some(&j) {
            self.store.job_names.remove(name.as_str());
        }
        self.store.retired_jobs.push_back((self.now, j));
        self.reclaim();
    }

    /// Deletes a Job; the garbage collector deletes its pods (background
    /// propagation, as `kubectl delete job` does).
    pub(crate) fn delete_job(&mut self, j: u32) {
        if self.store.jobs[j as usize].deleted.is_some() {
            return;
        }
        self.job_gone_from_api(j);
        let pods = self.store.jobs[j as usize].pods.clone();
        for p in pods {
            let pod = &self.store.pods[p as usize];
            if !pod.exists() {
                continue;
            }
            if pod.phase.is_terminal() || pod.node.is_none() {
                self.kubelet_force_gone(p);
            } else if pod.deletion.is_none() {
                self.kubelet_delete(p, PodReason::DeletedByController);
            }
        }
        self.job_deleted(j);
    }

    /// Frees the arena slots of Jobs deleted more than the event TTL ago
    /// (no live event can name them any more) whose pods are all gone, and
    /// of those pods. A pod still terminating (on a crashed node) keeps its
    /// Job for a later round.
    pub(crate) fn reclaim(&mut self) {
        for _ in 0..self.store.retired_jobs.len() {
            let Some(&(at, j)) = self.store.retired_jobs.front() else {
                break;
            };
            if self.now.since(at) < EVENT_TTL {
                break;
            }
            self.store.retired_jobs.pop_front();
            // Each pod must be gone for the TTL too: its last events (the
            // kubelet stopping it) come after the Job's deletion.
            let job = &self.store.jobs[j as usize];
            let now = self.now;
            if job.pods.iter().any(|&p| {
                self.store.pods[p as usize]
                    .gone
                    .is_none_or(|g| now.since(g) < EVENT_TTL)
            }) {
                self.store.retired_jobs.push_back((at, j));
                continue;
            }
            for p in std::mem::take(&mut self.store.jobs[j as usize].pods) {
                let key = crate::uid::name_key(self.pod_name(p).as_bytes());
                if self.store.pod_names.get(&key) == Some(&p) {
                    self.store.pod_names.remove(&key);
                }
                // Keep only what a stale timer checks (the epoch).
                let pod = &mut self.store.pods[p as usize];
                pod.containers = Default::default();
                pod.epoch = pod.epoch.wrapping_add(1);
                self.store.free_pods.push(p);
            }
            // One empty Job, built once and cloned into freed slots.
            let deleted = self.store.jobs[j as usize].deleted;
            let mut tomb = self
                .store
                .job_tombstone
                .get_or_insert_with(|| {
                    JobState::new(
                        String::new(),
                        0,
                        crate::api::Job::default(),
                        Time::ZERO,
                        Default::default(),
                    )
                })
                .clone();
            tomb.deleted = deleted;
            self.store.jobs[j as usize] = tomb;
            self.store.free_jobs.push(j);
        }
    }

    /// A Job finished: the TTL-after-finished controller deletes it
    /// `ttlSecondsAfterFinished` later; its owning CronJob takes note.
    pub(crate) fn job_finished(&mut self, j: u32) {
        let job = &self.store.jobs[j as usize];
        if let Some(ttl) = job.manifest.spec.ttl_seconds_after_finished {
            let at = self.now.after(Duration::from_secs(ttl.max(0) as u64));
            let uid = [job.uid as u32, (job.uid >> 32) as u32];
            self.push(at, Ev::TtlAfterFinished { job: j, uid });
        }
        self.cronjob_job_finished(j);
    }

    /// The TTL-after-finished controller's timer: the Job it was set for
    /// (the same uid: a slot may hold a newer Job by then) is deleted.
    pub(crate) fn ttl_after_finished(&mut self, j: u32, uid: [u32; 2]) {
        let job = &self.store.jobs[j as usize];
        let same = job.uid == (uid[0] as u64 | (uid[1] as u64) << 32);
        if same && job.deleted.is_none() {
            self.delete_job(j);
        }
    }

    /// Deletes a pod the way `kubectl delete pod` / eviction does.
    pub(crate) fn delete_pod(&mut self, p: u32, why: PodReason) {
        if self.store.pods[p as usize].phase.is_terminal() {
            self.kubelet_force_gone(p);
        } else {
            self.kubelet_delete(p, why);
        }
    }

    /// `deletePod`: the oldest live pod whose name starts with `prefix`.
    /// An exact name is a lookup; otherwise only the pods of Jobs whose
    /// names fit the prefix are looked at (pod names start with the Job's).
    pub(crate) fn delete_pod_by_prefix(&mut self, prefix: &str) {
        let live = |w: &World, p: u32| {
            let pod = &w.store.pods[p as usize];
            pod.exists() && pod.deletion.is_none()
        };
        let found = match self.pod_by_name(prefix) {
            Some(p) if live(self, p) => Some(p),
            _ => self
                .pods_with_prefix(prefix)
                .filter(|&p| live(self, p))
                .min_by_key(|&p| (self.store.pods[p as usize].created, p)),
        };
        if let Some(p) = found {
            self.delete_pod(p, PodReason::DeletedByUser);
        }
    }
}
