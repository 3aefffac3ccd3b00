//! API requests: creating, updating and deleting objects as the API
//! server does (defaulting, generateName, uids, update validation) with
//! the garbage collector's cascading, each followed by `World::notify`.

use crate::api::Job;
use crate::clock::{Duration, Time};
use crate::defaults::{pod_request, prepare_job};
use crate::job::state::{container_specs, JobState};
use crate::node::{Resources, GPU};
use crate::owner::JobOwner;
use crate::pod::{PodReason, PodState};
use crate::timing::EVENT_TTL;
use crate::world::{Watch, World};

/// API requests: what the API server (and the garbage collector's
/// cascading) does when a driver or a controller creates, updates or
/// deletes an object. Each writes the store and notifies the watchers.
impl World {
    /// The API server creates a Job (defaulted, with its generated
    /// selector) and the Job controller syncs it at once. Returns its id;
    /// a name already in use leaves the existing Job (AlreadyExists).
    pub(crate) fn create_job(&mut self, mut job: Job, owner: Option<JobOwner>) -> u32 {
        let name = job.metadata.name.clone().unwrap_or_default();
        if let Some(existing) = self.job_by_name(&name) {
            return existing;
        }
        let uid = match owner {
            None => crate::uid::job_uid(self.seed, &name, 0),
            Some(_) => self.next_uid(),
        };
        prepare_job(&mut job, &crate::uid::uid_string(uid));
        let id = self
            .store
            .free_jobs
            .pop()
            .unwrap_or(self.store.jobs.len() as u32);
        self.store.job_names.insert(name.clone(), id);
        let tpl = &job.spec.template.spec;
        let requests = Resources {
            cpu: crate::node::milli(pod_request(tpl, "cpu")),
            memory: crate::node::milli(pod_request(tpl, "memory")),
            gpu: crate::node::milli(pod_request(tpl, GPU)),
            pods: 1,
        };
        // Jobs of one CronJob share the template's parsed containers.
        let containers = match owner {
            Some(o) => self.store.cronjobs[o.cronjob as usize]
                .containers
                .get_or_insert_with(|| container_specs(&job.spec.template.spec))
                .clone(),
            None => container_specs(&job.spec.template.spec),
        };
        let mut state = JobState::with_containers(name, uid, job, self.now, requests, containers);
        state.owner = owner;
        state.behaviors = Some(
            (self.behaviors.iter().enumerate())
                .filter(|(_, b)| b.matcher.matches_job(&state.name))
                .map(|(i, _)| i as u32)
                .collect(),
        );
        for n in state.notes.clone() {
            self.add_note(n);
        }
        if (id as usize) < self.store.jobs.len() {
            self.store.jobs[id as usize] = state;
        } else {
            self.store.jobs.push(state);
        }
        self.notify(Watch::JobAdded(id));
        id
    }

    /// `POST pods` with `generateName`: a free arena slot (a reused one
    /// keeps counting epochs, so timers of the pod that had it stay
    /// stale), a name suffix not taken yet (one probe of the name table
    /// both checks and claims it), a uid. Returns the pod's id.
    pub(crate) fn create_pod_object(&mut self, mut pod: PodState) -> u32 {
        let (p, epoch) = match self.store.free_pods.pop() {
            Some(p) => (p, self.store.pods[p as usize].epoch.wrapping_add(1)),
            None => (self.store.pods.len() as u32, 0),
        };
        let job = pod.job as usize;
        let index = pod.index.get();
        let mut buf = std::mem::take(&mut self.store.name_buf);
        let suffix = loop {
            let suffix = self.random_suffix();
            crate::pod::write_generated_name(&mut buf, &self.store.jobs[job].name, index, &suffix);
            let key = crate::uid::name_key(&buf);
            if let std::collections::hash_map::Entry::Vacant(e) = self.store.pod_names.entry(key) {
                e.insert(p);
                break suffix;
            }
        };
        self.store.name_buf = buf;
        pod.suffix = suffix;
        pod.uid = self.next_uid();
        pod.epoch = epoch;
        self.store.pods_created += 1;
        if (p as usize) < self.store.pods.len() {
            self.store.pods[p as usize] = pod;
        } else {
            self.store.pods.push(pod);
        }
        p
    }

    /// `spec.suspend` updated (`kubectl patch`, the Scenario's verbs); a
    /// finished Job keeps its value.
    pub(crate) fn update_job_suspend(&mut self, j: u32, suspend: bool) {
        let job = &mut self.store.jobs[j as usize];
        if job.suspend == suspend || job.is_finished() {
            return;
        }
        job.suspend = suspend;
        job.manifest.spec.suspend = Some(suspend);
        self.notify(Watch::JobUpdated {
            job: j,
            resumed: !suspend,
            shrink_to: None,
            template_changed: false,
        });
    }

    /// An update of the Job's spec through the API (`kubectl patch`). The
    /// patch was validated when the Scenario loaded; one the API server
    /// would refuse now (`ValidateJobSpecUpdate`) is dropped.
    pub(crate) fn patch_job(&mut self, j: u32, patch: &crate::scenario::JobSpecPatch) {
        let ju = j as usize;
        let old = self.store.jobs[ju].manifest.spec.clone();
        let Ok(new) = patch.apply(&old) else { return };
        let directives = self.store.jobs[ju].allows_scheduling_directives();
        if !crate::validation::validate_job_spec_update(
            &new,
            &old,
            &self.store.jobs[ju].name,
            directives,
        )
        .is_empty()
        {
            return;
        }
        let job = &mut self.store.jobs[ju];
        job.parallelism = new.parallelism.unwrap_or(1).max(0) as u32;
        job.backoff_limit = new.backoff_limit.unwrap_or(6).max(0) as u32;
        job.max_failed_indexes = new.max_failed_indexes.map(|v| v.max(0) as u32);
        job.active_deadline = new
            .active_deadline_seconds
            .map(|d| Duration::from_secs(d.clamp(0, 1 << 40) as u64));
        job.only_replace_failed = new.pod_replacement_policy.as_deref() == Some("Failed");
        let suspend = new.suspend.unwrap_or(false);
        let shrink_to = match (new.completions, old.completions) {
            (Some(n), Some(o)) if n < o => Some(n.max(0) as u32),
            _ => None,
        };
        job.completions = new.completions.map(|c| c.max(0) as u32);
        let was_suspended = job.suspend;
        let resumed = was_suspended && !suspend && !job.is_finished();
        if suspend != was_suspended && !job.is_finished() {
            job.suspend = suspend;
        }
        job.manifest.spec = new;
        job.manifest.spec.suspend = Some(job.suspend);
        self.notify(Watch::JobUpdated {
            job: j,
            resumed,
            shrink_to,
            // nodeSelector, tolerations or affinity may have changed.
            template_changed: true,
        });
    }

    /// The pod's Ready condition turns False (the kubelet stopping it, or
    /// the node lifecycle controller's `MarkPodsNotReady`).
    pub(crate) fn mark_pod_not_ready(&mut self, p: u32) {
        let now = self.now;
        let pod = &mut self.store.pods[p as usize];
        if pod.ready {
            pod.ready = false;
            pod.ready_changed = crate::clock::Stamp::at(now);
        }
    }

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
        self.notify(Watch::JobDeleted(j));
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
                self.notify(Watch::PodForceDeleted(p));
            } else if pod.deletion.is_none() {
                self.notify(Watch::PodDeleted(p, PodReason::DeletedByController));
            }
        }
        self.notify(Watch::JobDeleted(j));
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

    /// Deletes a pod the way `kubectl delete pod` / eviction does.
    pub(crate) fn delete_pod(&mut self, p: u32, why: PodReason) {
        if self.store.pods[p as usize].phase.is_terminal() {
            self.notify(Watch::PodForceDeleted(p));
        } else {
            self.notify(Watch::PodDeleted(p, why));
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
