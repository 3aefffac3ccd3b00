//! The PodGC controller (pods of a node that is gone) and the
//! TTL-after-finished controller. Deletions themselves (with the garbage
//! collector's cascading) are API requests, in `store`.

use crate::clock::Duration;
use crate::pod::PodReason;
use crate::world::{Ev, Watch, World};

impl World {
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
            self.notify(Watch::PodForceDeleted(p));
        }
    }

    /// A Job finished: the TTL-after-finished controller deletes it
    /// `ttlSecondsAfterFinished` later.
    pub(crate) fn ttl_job_finished(&mut self, j: u32) {
        let job = &self.store.jobs[j as usize];
        if let Some(ttl) = job.manifest.spec.ttl_seconds_after_finished {
            let at = self.now.after(Duration::from_secs(ttl.max(0) as u64));
            let uid = [job.uid as u32, (job.uid >> 32) as u32];
            self.push(at, Ev::TtlAfterFinished { job: j, uid });
        }
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
}
