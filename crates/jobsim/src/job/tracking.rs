//! Counting finished pods exactly once (upstream
//! `trackJobStatusAndRemoveFinalizers`, collapsed: each finished pod is
//! counted in the first sync that sees it, without the finalizer
//! round-trip; the counts and their timing per sync are the same).

use super::pod_failure_policy::Outcome;
use crate::clock::Time;
use crate::pod::{Phase, NO_SLOT};
use crate::world::World;

impl World {
    /// Folds the pods that changed since the last sync into the Job's
    /// counters, the completed-index set, the index queue and the back-off
    /// record. Cost: O(changed pods).
    pub(crate) fn track_finished_pods(&mut self, j: u32) {
        let changed = std::mem::take(&mut self.store.jobs[j as usize].changed);
        let mut succeeded: Vec<Time> = Vec::new();
        let mut failed: Vec<Time> = Vec::new();
        for &p in &changed {
            self.store.pods[p as usize].dirty = false;
            self.fold_pod_counters(j, p);
            let pod = &self.store.pods[p as usize];
            if !pod.is_active() && pod.active_slot != NO_SLOT {
                self.remove_from_active(j, p);
            }
            let pod = &self.store.pods[p as usize];
            if pod.counted {
                continue;
            }
            let only_failed = self.store.jobs[j as usize].only_replace_failed;
            // isPodFailed: phase Failed, or (default replacement policy) any
            // pod being deleted that has not succeeded.
            let is_failed = pod.phase == Phase::Failed
                || (pod.deletion.is_some() && pod.phase != Phase::Succeeded && !only_failed);
            let finish = crate::job::backoff::finished_time(pod).unwrap_or(self.now);
            let index = pod.index.get();
            if pod.phase == Phase::Succeeded {
                self.store.pods[p as usize].counted = true;
                succeeded.push(finish);
                let job = &mut self.store.jobs[j as usize];
                match index {
                    Some(i) => {
                        if job.status.completed_indexes.insert(i) {
                            job.status.succeeded += 1;
                        }
                    }
                    None => job.status.succeeded += 1,
                }
            } else if is_failed {
                // Ignored failures still feed the back-off record.
                failed.push(finish);
                let outcome = match &self.store.jobs[j as usize].manifest.spec.pod_failure_policy {
                    Some(policy) if pod.phase == Phase::Failed => {
                        let names: Vec<&str> = self.store.jobs[j as usize]
                            .containers
                            .iter()
                            .map(|c| c.name.as_str())
                            .collect();
                        super::pod_failure_policy::evaluate(policy, pod, &self.pod_name(p), &names)
                    }
                    _ => Outcome::Count,
                };
                self.store.pods[p as usize].counted = true;
                let index_failure_count = self.store.pods[p as usize].index_failure_count;
                let job = &mut self.store.jobs[j as usize];
                let mut index_failed = false;
                let per_index = job.backoff_limit_per_index.and(index);
                let new_entry = || super::indexed::IndexFailures {
                    counted: 0,
                    ignored: 0,
                    last: finish,
                };
                match outcome {
                    // getNewIndexFailureCounts: an ignored failure still
                    // feeds the index's back-off and the replacement's
                    // ignored-failure-count annotation.
                    Outcome::Ignore => {
                        if let Some(i) = per_index {
                            let e = job.index_queue.failures.entry(i).or_insert_with(new_entry);
                            e.ignored += 1;
                            e.last = finish;
                        }
                    }
                    Outcome::FailJob(msg) => {
                        job.status.failed += 1;
                        job.pod_failure_policy_fail.get_or_insert(msg);
                    }
                    Outcome::FailIndex => {
                        job.status.failed += 1;
                        index_failed = true;
                    }
                    Outcome::Count => {
                        job.status.failed += 1;
                        // The index fails once a pod that already had
                        // backoffLimitPerIndex failures before it fails too.
                        if let (Some(limit), Some(i)) = (job.backoff_limit_per_index, index) {
                            index_failed = u32::from(index_failure_count) >= limit;
                            let e = job.index_queue.failures.entry(i).or_insert_with(new_entry);
                            e.counted += 1;
                            e.last = finish;
                        }
                    }
                }
                if let Some(i) = index {
                    if index_failed && job.backoff_limit_per_index.is_some() {
                        job.status.failed_indexes.insert(i);
                    } else if !job.status.completed_indexes.contains(i) {
                        job.index_queue.requeue(i);
                    }
                }
            }
        }
        self.store.jobs[j as usize]
            .backoff
            .update(&succeeded, &failed);
    }

    /// The Job's ready, terminating and restart counts follow what the
    /// pod shows now (upstream counts them from the listed pods at each
    /// sync; here only the pods that changed are looked at). Ready counts
    /// active pods only (`countReadyPods(FilterActivePods(...))`): a pod
    /// being deleted is not ready for the Job even while its silent node
    /// still shows it Ready.
    pub(crate) fn fold_pod_counters(&mut self, j: u32, p: u32) {
        let pod = &mut self.store.pods[p as usize];
        let job = &mut self.store.jobs[j as usize];
        let ready = pod.ready && pod.is_active();
        if ready != pod.seen_ready {
            pod.seen_ready = ready;
            if ready {
                job.ready += 1;
            } else {
                job.ready = job.ready.saturating_sub(1);
            }
        }
        let terminating = pod.is_terminating();
        if terminating != pod.seen_terminating {
            pod.seen_terminating = terminating;
            if terminating {
                job.terminating += 1;
            } else {
                job.terminating = job.terminating.saturating_sub(1);
            }
        }
        // Restarts count while the pod is active.
        if pod.active_slot != NO_SLOT {
            let now = pod.all_restarts();
            job.restarts += now.saturating_sub(pod.seen_restarts) as u64;
            pod.seen_restarts = now;
        }
    }

    pub(crate) fn remove_from_active(&mut self, j: u32, p: u32) {
        let slot = self.store.pods[p as usize].active_slot;
        if slot == NO_SLOT {
            return;
        }
        let job = &mut self.store.jobs[j as usize];
        job.active.swap_remove(slot as usize);
        if let Some(&moved) = job.active.get(slot as usize) {
            self.store.pods[moved as usize].active_slot = slot;
        }
        self.store.pods[p as usize].active_slot = NO_SLOT;
        self.leave_active(j, p);
    }
}
