//! The loop: virtual time, an event queue ordered by (time, sequence), one
//! seeded RNG, the store (`store`) and each controller's own state.
//! `dispatch` hands an event to the controller that owns it; `notify`
//! fans a store change out to the controllers that watch it, in a fixed
//! order. Controllers (`job`, `cronjob`, `scheduler`, `kubelet`,
//! `nodelifecycle`, `gc`) are `impl World` blocks in their own modules
//! that never call each other. Sans-IO: nothing here sleeps, reads a clock
//! or does IO; drivers call `apply`, `step` and `run_until` and read the
//! world through its accessors.

use crate::api::Job;
use crate::clock::Time;
use crate::cronjob::state::{CronJobControllerState, CronJobState};
use crate::events::{EventLog, ObjRef, Reason};
use crate::job::state::JobState;
pub use crate::limits::{Limits, MAX_UNTIL};
use crate::manifest::SourceError;
use crate::node::NodeState;
pub use crate::note::{Note, StopReason};
use crate::pod::{PodReason, PodState};
use crate::scenario::{Behavior, ResolvedTimings, Verb, DEFAULT_START};
use crate::timezone::ZoneDb;
use crate::uid::{name_key, named_after};
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

use std::sync::Arc;

/// Something a driver (or the Scenario's `actions`) does to the cluster.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    CreateJob(Box<Job>),
    /// A Scenario verb (node interventions, deletions, suspend, ...).
    Action(Verb),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Ev {
    Input(u32),
    SyncJob(u32),
    SyncCronJob(u32),
    /// The CronJob controller comes back after `controllerDown`.
    CronJobControllerUp,
    SchedulerRun,
    /// The node lifecycle controller notices a silent node once its grace
    /// period is over (stale once the node's epoch has moved on).
    NodeMonitor {
        node: u32,
        epoch: u32,
    },
    /// The node lifecycle controller's `handleDisruption`, once after
    /// every node change of one instant (upstream: after each
    /// `monitorNodeHealth` pass over all nodes).
    HandleDisruption,
    /// Taint eviction: a pod's toleration of `unreachable` has run out.
    TaintEviction {
        pod: u32,
        node_epoch: u32,
    },
    /// The TTL-after-finished controller deletes a finished Job (checked
    /// against its uid, split to keep the event small).
    TtlAfterFinished {
        job: u32,
        uid: [u32; 2],
    },
    /// PodGC: the quarantine of a deleted Node is over.
    PodGcOrphans {
        node: u32,
    },
    /// A kubelet timer; stale once the pod's epoch has moved on.
    Pod {
        pod: u32,
        epoch: u32,
        timer: PodTimer,
    },
}

/// What a kubelet timer does when it fires (`c` is a container slot).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum PodTimer {
    PullDone {
        c: u8,
    },
    ContainerStarted {
        c: u8,
    },
    ContainerExited {
        c: u8,
        exit: i32,
        oom: bool,
    },
    RestartContainer {
        c: u8,
    },
    /// The crash back-off is over: the container starts again.
    RestartAfterCrash {
        c: u8,
    },
    PullBackOff {
        c: u8,
    },
    Terminated,
}

/// What one controller's write to the store means to the others: the
/// watch events an informer would deliver. Controllers never call each
/// other; they write the store and hand the change to `World::notify`,
/// which calls its watchers, in the order written under each variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Watch {
    /// A Job was created: the Job controller syncs it at once.
    JobAdded(u32),
    /// A Job's spec was updated: the scheduler drops its score cache when
    /// the pod template changed, then the Job controller reacts
    /// (`job_updated`).
    JobUpdated {
        job: u32,
        resumed: bool,
        shrink_to: Option<u32>,
        template_changed: bool,
    },
    /// A Job's pod changed (phase, readiness, restarts, deletion): the Job
    /// controller syncs after its batch period.
    JobPodChanged(u32),
    /// A new pod without a node: the scheduler queues it.
    PodPending(u32),
    /// A pod was bound to a node: that node's kubelet starts it.
    PodBound(u32),
    /// A pod stopped holding its node's resources: the scheduler's
    /// accounting frees them.
    PodReleased(u32),
    /// Node capacity or schedulability changed: the scheduler retries its
    /// unschedulable pods.
    NodesChanged,
    /// A Node object changed (labels, taints, conditions, capacity): the
    /// scheduler's cached node scores are stale.
    NodeUpdated,
    /// A pod was deleted gracefully (its deletionTimestamp set): its
    /// kubelet stops it.
    PodDeleted(u32, PodReason),
    /// A pod was force-deleted: it leaves the API at once.
    PodForceDeleted(u32),
    /// A pod's node came back: its kubelet finds the containers gone.
    NodeRestarted(u32),
    /// A Job reached Complete or Failed: the TTL-after-finished
    /// controller, then the CronJob controller.
    JobFinished(u32),
    /// A Job left the API: the CronJob controller.
    JobDeleted(u32),
}

#[derive(Clone)]
pub struct World {
    pub(crate) origin_unix: i64,
    pub(crate) now: Time,
    pub(crate) seed: u64,
    pub(crate) timings: ResolvedTimings,
    pub(crate) behaviors: Vec<Behavior>,
    pub(crate) until: Option<Time>,
    pub(crate) limits: Limits,
    pub(crate) scenario_name: Option<String>,
    pub(crate) lesson: Option<crate::scenario::Lesson>,
    /// `spec.compare`: the change of the second copy in compare mode.
    pub(crate) compare: Option<crate::lesson_form::Change>,
    pub(crate) rng: ChaCha8Rng,
    queue: crate::queue::EventQueue<Ev>,
    seq: u64,
    inputs: Vec<Input>,
    /// The API objects (see `store`).
    pub(crate) store: crate::store::Store,
    pub(crate) cronjob_controller: CronJobControllerState,
    /// The node lifecycle controller's own state.
    pub(crate) node_lifecycle: crate::nodelifecycle::state::NodeLifecycleState,
    /// Zone rules given by the driver (`time.LoadLocation`'s database).
    pub(crate) zones: Arc<ZoneDb>,
    /// The scheduler's own state (its queues and score cache).
    pub(crate) scheduler: crate::scheduler::plugins::SchedulerState,
    /// Notes for the user about simplifications or limits that applied.
    pub(crate) notes: Vec<Note>,
    /// Number of queue events processed so far.
    pub(crate) processed: u64,
}

/// An error in one object of the input, located for an editor.
pub type ObjectError = SourceError;

impl World {
    /// An empty cluster with no nodes.
    pub fn empty(seed: u64) -> World {
        World {
            origin_unix: crate::clock::parse_rfc3339(DEFAULT_START).expect("valid default"),
            now: Time::ZERO,
            seed,
            timings: ResolvedTimings::default(),
            behaviors: Vec::new(),
            until: None,
            limits: Limits::default(),
            scenario_name: None,
            lesson: None,
            compare: None,
            rng: ChaCha8Rng::seed_from_u64(seed),
            queue: Default::default(),
            seq: 0,
            inputs: Vec::new(),
            store: Default::default(),
            cronjob_controller: CronJobControllerState::default(),
            node_lifecycle: Default::default(),
            zones: Arc::new(ZoneDb::default()),
            scheduler: Default::default(),
            notes: Vec::new(),
            processed: 0,
        }
    }

    pub(crate) fn push(&mut self, at: Time, ev: Ev) {
        self.seq += 1;
        self.queue.push(at.max(self.now), self.seq, ev);
    }

    /// Schedules a driver input at virtual time `at` (not before now).
    pub fn apply(&mut self, at: Time, input: Input) {
        let idx = self.inputs.len() as u32;
        self.inputs.push(input);
        self.push(at, Ev::Input(idx));
    }

    /// Applies the driver inputs due now (creating the objects) and drops
    /// every other pending event: a store prepared for a one-reaction test
    /// (`prepared`), on which no controller has run.
    pub(crate) fn apply_inputs_only(&mut self) {
        let mut due = Vec::new();
        while let Some((t, ev)) = self.queue.pop() {
            if let (Ev::Input(i), true) = (ev, t == self.now) {
                due.push(i);
            }
        }
        for i in due {
            let input = self.inputs[i as usize].clone();
            self.handle_input(input);
        }
        while self.queue.pop().is_some() {}
    }

    /// Time of the next pending event, if any work is left.
    pub fn next_event_time(&self) -> Option<Time> {
        self.queue.peek_time()
    }

    /// Where the run stops on its own: `until` (at most a year), or else
    /// the horizon (24 h).
    pub fn stop_time(&self) -> Time {
        let horizon = Time::ZERO.after(self.limits.horizon);
        self.until
            .map_or(horizon, |u| u.min(Time::ZERO.after(MAX_UNTIL)))
    }

    /// True when nothing is left to simulate (or a limit was reached).
    pub fn is_done(&self) -> bool {
        match self.next_event_time() {
            None => true,
            Some(t) => {
                t > self.stop_time() || self.store.pods_created >= self.limits.max_pods as u64
            }
        }
    }

    /// Processes one event; returns its time, or None when done.
    pub fn step(&mut self) -> Option<Time> {
        if self.is_done() {
            return None;
        }
        let (t, ev) = self.queue.pop()?;
        self.now = t;
        self.processed += 1;
        self.dispatch(ev);
        Some(t)
    }

    /// Processes every event up to and including `t`, then sets the clock
    /// to `t` (capped at the stop time).
    pub fn run_until(&mut self, t: Time) {
        let t = t.min(self.stop_time());
        while let Some(next) = self.next_event_time() {
            if next > t || self.step().is_none() {
                break;
            }
        }
        if t > self.now {
            self.now = t;
        }
    }

    /// Runs until no work is left, `until`, or the 24h cap.
    pub fn run_to_end(&mut self) {
        while self.step().is_some() {}
        if self.next_event_time().is_some() {
            let stop = self.stop_time();
            if stop > self.now && self.store.pods_created < (self.limits.max_pods as u64) {
                self.now = stop;
            }
        }
    }

    /// Why the run stopped with work left, if it did: the pod cap, or the
    /// horizon / `until` (only when the horizon, not a chosen `until`,
    /// cut it; `until` is the user's own choice and not a surprise).
    pub fn stopped_by(&self) -> Option<StopReason> {
        let next = self.next_event_time()?;
        if self.store.pods_created >= self.limits.max_pods as u64 {
            return Some(StopReason::PodLimit(self.limits.max_pods));
        }
        let horizon = Time::ZERO.after(self.limits.horizon);
        (self.until.is_none() && next > horizon && self.now >= horizon)
            .then_some(StopReason::Horizon(horizon))
    }

    /// The user-facing line for `stopped_by`, shared by CLI and UI.
    pub fn stop_note(&self) -> Option<String> {
        self.stopped_by().map(|s| Note::Stopped(s).to_string())
    }

    fn dispatch(&mut self, ev: Ev) {
        match ev {
            Ev::Input(i) => {
                let input = self.inputs[i as usize].clone();
                self.handle_input(input);
            }
            Ev::SyncJob(j) => self.sync_job_event(j),
            Ev::SyncCronJob(c) => self.sync_cronjob_event(c),
            Ev::CronJobControllerUp => self.cronjob_controller_up(),
            Ev::SchedulerRun => self.scheduler_run(),
            Ev::Pod { pod, epoch, timer } => {
                if self.store.pods[pod as usize].epoch == epoch {
                    self.kubelet_timer(pod, timer);
                }
            }
            Ev::NodeMonitor { node, epoch } => {
                if self.store.nodes[node as usize].epoch == epoch {
                    self.node_monitor_grace_over(node);
                }
            }
            Ev::HandleDisruption => self.apply_handle_disruption(),
            Ev::TaintEviction { pod, node_epoch } => self.taint_eviction(pod, node_epoch),
            Ev::PodGcOrphans { node } => self.apply_gc_orphaned(node),
            Ev::TtlAfterFinished { job, uid } => self.apply_ttl_expired(job, uid),
        }
    }

    /// Hands a store change to the controllers that watch it (the fan-out
    /// order is `Watch`'s, and ARCHITECTURE.md's).
    pub(crate) fn notify(&mut self, change: Watch) {
        match change {
            Watch::JobAdded(j) => self.enqueue_sync(j, self.now),
            Watch::JobUpdated {
                job,
                resumed,
                shrink_to,
                template_changed,
            } => {
                if template_changed {
                    self.drop_score_cache();
                }
                self.job_updated(job, resumed, shrink_to);
            }
            Watch::JobPodChanged(p) => self.job_pod_changed(p),
            Watch::PodPending(p) => self.scheduler_enqueue(p),
            Watch::PodBound(p) => self.kubelet_pod_bound(p),
            Watch::PodReleased(p) => self.release(p),
            Watch::NodesChanged => self.scheduler_capacity_changed(),
            Watch::NodeUpdated => self.drop_score_cache(),
            Watch::PodDeleted(p, why) => self.kubelet_delete(p, why),
            Watch::PodForceDeleted(p) => self.kubelet_force_gone(p),
            Watch::NodeRestarted(p) => self.kubelet_node_restarted(p),
            Watch::JobFinished(j) => {
                self.apply_ttl_job_finished(j);
                self.cronjob_job_finished(j);
            }
            Watch::JobDeleted(j) => self.job_deleted(j),
        }
    }

    pub(crate) fn record(&mut self, object: ObjRef, reason: Reason) {
        let now = self.now;
        let slot = match object {
            ObjRef::Job(i) => &mut self.store.jobs[i as usize].last_event,
            ObjRef::Pod(i) => &mut self.store.pods[i as usize].last_event,
            ObjRef::Node(i) => &mut self.store.nodes[i as usize].last_event,
            ObjRef::CronJob(i) => &mut self.store.cronjobs[i as usize].last_event,
        };
        self.store.events.record(now, object, reason, slot);
    }

    pub(crate) fn next_uid(&mut self) -> u64 {
        self.rng.next_u64()
    }

    /// Five characters from the API server's generateName alphabet.
    pub(crate) fn random_suffix(&mut self) -> [u8; 5] {
        const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
        std::array::from_fn(|_| ALPHABET[(self.rng.next_u32() % ALPHABET.len() as u32) as usize])
    }

    /// Pod `p`'s name.
    pub fn pod_name(&self, p: u32) -> String {
        let pod = &self.store.pods[p as usize];
        crate::pod::generated_name(
            &self.store.jobs[pod.job as usize].name,
            pod.index.get(),
            &pod.suffix,
        )
    }

    /// A uniform draw in [0, 1) from the world's RNG.
    pub(crate) fn random_unit(&mut self) -> f64 {
        (self.rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn job_by_name(&self, name: &str) -> Option<u32> {
        self.store.job_names.get(name).copied()
    }

    pub fn node_by_name(&self, name: &str) -> Option<u32> {
        self.store
            .nodes
            .iter()
            .position(|n| n.name == name && n.exists())
            .map(|i| i as u32)
    }

    pub fn pod_by_name(&self, name: &str) -> Option<u32> {
        self.store
            .pod_names
            .get(&name_key(name.as_bytes()))
            .copied()
            .filter(|&p| self.store.pods[p as usize].exists() && self.pod_name(p) == name)
    }

    /// Existing pods whose names start with `prefix`, Job by Job in
    /// creation order. Only Jobs whose names fit the prefix are looked at
    /// (a pod's name starts with its Job's name and a dash).
    pub fn pods_with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = u32> + 'a {
        self.store
            .jobs
            .iter()
            .filter(move |j| {
                !j.name.is_empty() && (j.name.starts_with(prefix) || named_after(prefix, &j.name))
            })
            .flat_map(|j| j.pods.iter().copied())
            .filter(move |&p| {
                self.store.pods[p as usize].exists() && self.pod_name(p).starts_with(prefix)
            })
    }

    fn handle_input(&mut self, input: Input) {
        match input {
            Input::CreateJob(j) => {
                self.create_job(*j, None);
            }
            Input::Action(verb) => match verb {
                Verb::DeleteJob(name) => {
                    if let Some(j) = self.job_by_name(&name) {
                        self.delete_job(j);
                    }
                }
                Verb::DeleteJobOrphan(name) => {
                    if let Some(j) = self.job_by_name(&name) {
                        self.delete_job_orphan(j);
                    }
                }
                Verb::PatchJob(patch) => {
                    if let Some(j) = self.job_by_name(&patch.name) {
                        self.patch_job(j, &patch.spec);
                    }
                }
                Verb::SuspendJob(name) => {
                    if let Some(j) = self.job_by_name(&name) {
                        self.update_job_suspend(j, true);
                    }
                }
                Verb::ResumeJob(name) => {
                    if let Some(j) = self.job_by_name(&name) {
                        self.update_job_suspend(j, false);
                    }
                }
                Verb::DeletePod(prefix) => self.delete_pod_by_prefix(&prefix),
                Verb::AddNode(n) => self.add_node(&n),
                Verb::RemoveNode(name) => self.remove_node(&name),
                Verb::CrashNode(name) => self.crash_node(&name),
                Verb::RecoverNode(name) => self.recover_node(&name),
                Verb::CordonNode(name) => self.cordon_node(&name, false),
                Verb::UncordonNode(name) => self.uncordon_node(&name),
                Verb::DrainNode(name) => self.cordon_node(&name, true),
                Verb::LabelNode(l) => self.label_node(&l),
                Verb::SuspendCronJob(name) => self.set_cronjob_suspend(&name, true),
                Verb::ResumeCronJob(name) => self.set_cronjob_suspend(&name, false),
                Verb::CreateJobFrom(from) => self.create_job_from_cronjob(&from),
                Verb::ControllerDown(d) => self.cronjob_controller_down(d.0),
            },
        }
    }

    // Read access for drivers (the UI, the CLI, tests).

    /// Virtual time since the scenario start.
    pub fn now(&self) -> Time {
        self.now
    }
    /// Unix seconds of virtual time zero.
    pub fn origin_unix(&self) -> i64 {
        self.origin_unix
    }
    pub fn seed(&self) -> u64 {
        self.seed
    }
    pub fn limits(&self) -> Limits {
        self.limits
    }
    /// Lowers (or raises) the run's caps, e.g. a browser tab's pod cap.
    pub fn set_limits(&mut self, limits: Limits) {
        self.limits = limits;
    }
    pub fn until(&self) -> Option<Time> {
        self.until
    }
    /// Where the run stops (a driver's `--until`).
    pub fn set_until(&mut self, t: Time) {
        self.until = Some(t);
    }
    pub fn timings(&self) -> &ResolvedTimings {
        &self.timings
    }
    /// The Scenario's lesson card, if it has one.
    pub fn lesson(&self) -> Option<&crate::scenario::Lesson> {
        self.lesson.as_ref()
    }
    /// The Scenario's `spec.compare`, if it asks for compare mode.
    pub fn scenario_compare(&self) -> Option<&crate::lesson_form::Change> {
        self.compare.as_ref()
    }
    pub fn scenario_name(&self) -> Option<&str> {
        self.scenario_name.as_deref()
    }
    pub fn jobs(&self) -> &[JobState] {
        &self.store.jobs
    }
    pub fn cronjobs(&self) -> &[CronJobState] {
        &self.store.cronjobs
    }
    pub fn pods(&self) -> &crate::arena::Arena<PodState> {
        &self.store.pods
    }
    pub fn nodes(&self) -> &[NodeState] {
        &self.store.nodes
    }
    pub fn events(&self) -> &EventLog {
        &self.store.events
    }
    /// Notes on simplifications that applied, then why the run stopped,
    /// in English (the CLI's words).
    pub fn notes(&self) -> Vec<String> {
        self.note_list().iter().map(Note::to_string).collect()
    }
    /// The same notes as data (the UI words them).
    pub fn note_list(&self) -> Vec<Note> {
        let mut n = self.notes.clone();
        n.extend(self.stopped_by().map(Note::Stopped));
        n
    }
    /// Pods created so far (the arena reuses the slots of long-gone pods).
    pub fn pods_created(&self) -> u64 {
        self.store.pods_created
    }
    /// Queue events processed so far (a work measure for benchmarks).
    pub fn processed(&self) -> u64 {
        self.processed
    }

    pub(crate) fn add_note(&mut self, note: Note) {
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }
}
