//! Garbage collection: PodGC (pods of a node that is gone or came back),
//! cascading (background) deletion of a Job's pods, the TTL-after-finished
//! controller, and pod deletion as `kubectl delete pod` does it.

use crate::clock::Duration;
use crate::pod::PodReason;
use crate::scenario::Verb;
use crate::world::{Input, World};

impl World {
    /// PodGC: removes every pod bound to node `n` from the API.
    pub(crate) fn gc_pods_on(&mut self, n: u32) {
        let pods = self.nodes[n as usize].pods.clone();
        for p in pods {
            self.kubelet_force_gone(p);
        }
    }

    /// Deletes a Job; the garbage collector deletes its pods (background
    /// propagation, as `kubectl delete job` does).
    pub(crate) fn delete_job(&mut self, j: u32) {
        if self.jobs[j as usize].deleted.is_some() {
            return;
        }
        self.jobs[j as usize].deleted = Some(self.now);
        let pods = self.jobs[j as usize].pods.clone();
        for p in pods {
            let pod = &self.pods[p as usize];
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

    /// A Job finished: the TTL-after-finished controller deletes it
    /// `ttlSecondsAfterFinished` later; its owning CronJob takes note.
    pub(crate) fn job_finished(&mut self, j: u32) {
        let job = &self.jobs[j as usize];
        if let Some(ttl) = job.manifest.spec.ttl_seconds_after_finished {
            let name = job.name.clone();
            let at = self.now.after(Duration::from_secs(ttl.max(0) as u64));
            self.apply(at, Input::Action(Verb::DeleteJob(name)));
        }
        self.cronjob_job_finished(j);
    }

    /// Deletes a pod the way `kubectl delete pod` / eviction does.
    pub(crate) fn delete_pod(&mut self, p: u32, why: PodReason) {
        if self.pods[p as usize].phase.is_terminal() {
            self.kubelet_force_gone(p);
        } else {
            self.kubelet_delete(p, why);
        }
    }

    /// `deletePod`: the oldest live pod whose name starts with `prefix`.
    /// Walks only the names in the prefix's range of the ordered index.
    pub(crate) fn delete_pod_by_prefix(&mut self, prefix: &str) {
        let found = self
            .pod_names
            .range::<str, _>((
                std::ops::Bound::Included(prefix),
                std::ops::Bound::Unbounded,
            ))
            .take_while(|(name, _)| name.starts_with(prefix))
            .map(|(_, &p)| p)
            .filter(|&p| {
                let pod = &self.pods[p as usize];
                pod.exists() && pod.deletion.is_none()
            })
            .min();
        if let Some(p) = found {
            self.delete_pod(p, PodReason::DeletedByUser);
        }
    }
}
