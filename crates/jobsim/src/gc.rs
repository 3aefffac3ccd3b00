//! The PodGC controller (pods of a node that is gone) and the
//! TTL-after-finished controller. Each reads the store and returns what it
//! writes (pods to force-delete, a timer, a Job to delete) as data; the
//! `World` glue below applies it. Deletions themselves (with the garbage
//! collector's cascading) are API requests, in `store`.

use crate::clock::{Duration, Time};
use crate::pod::PodReason;
use crate::store::Store;
use crate::world::{Ev, Watch, World};

/// PodGC `gcOrphaned`: once the quarantine of deleted node `n` is over,
/// its pods, each to be marked Failed with `DisruptionTarget`
/// (`DeletionByPodGC`) and force-deleted. None while the node exists.
pub fn gc_orphaned(store: &Store, n: u32) -> Vec<u32> {
    let node = &store.nodes[n as usize];
    if node.exists() {
        return Vec::new();
    }
    node.pods.clone()
}

/// TTL-after-finished: a Job finished at `now`; when to delete it
/// (`ttlSecondsAfterFinished` later), if it has a TTL.
pub fn ttl_job_finished(store: &Store, now: Time, j: u32) -> Option<Time> {
    let ttl = store.jobs[j as usize]
        .manifest
        .spec
        .ttl_seconds_after_finished?;
    Some(now.after(Duration::from_secs(ttl.max(0) as u64)))
}

/// The TTL timer fired: the Job to delete, if it is still the one the
/// timer was set for and not deleted already.
pub fn ttl_expired(store: &Store, j: u32, uid: [u32; 2]) -> Option<u32> {
    let job = &store.jobs[j as usize];
    let same = job.uid == (uid[0] as u64 | (uid[1] as u64) << 32);
    (same && job.deleted.is_none()).then_some(j)
}

impl World {
    pub(crate) fn apply_gc_orphaned(&mut self, n: u32) {
        for p in gc_orphaned(&self.store, n) {
            let pod = &mut self.store.pods[p as usize];
            if pod.reason.is_none() {
                pod.reason = Some(PodReason::PodGc);
            }
            self.notify(Watch::PodForceDeleted(p));
        }
    }

    pub(crate) fn apply_ttl_job_finished(&mut self, j: u32) {
        if let Some(at) = ttl_job_finished(&self.store, self.now, j) {
            // The timer carries the Job's uid: the arena slot may hold a
            // newer Job by then.
            let uid = self.store.jobs[j as usize].uid;
            let uid = [uid as u32, (uid >> 32) as u32];
            self.push(at, Ev::TtlAfterFinished { job: j, uid });
        }
    }

    pub(crate) fn apply_ttl_expired(&mut self, j: u32, uid: [u32; 2]) {
        if let Some(j) = ttl_expired(&self.store, j, uid) {
            self.delete_job(j);
        }
    }
}
