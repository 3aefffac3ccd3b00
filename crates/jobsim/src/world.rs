//! The discrete-event engine: virtual time, an event queue ordered by
//! (time, sequence), one seeded RNG, and the object store. Controllers
//! (`job`, `scheduler`, `kubelet`) react to events through `impl World`
//! blocks in their own modules. Sans-IO: nothing here sleeps, reads a
//! clock or does IO; drivers call `apply`, `step` and `run_until`.

use crate::api::Job;
use crate::clock::{Duration, Time};
use crate::defaults::{pod_request, prepare_job};
use crate::events::{EventLog, ObjRef, Reason};
use crate::job::JobState;
use crate::manifest::{locate, Decoded, Object, SourceError};
use crate::node::{NodeState, Resources, GPU};
use crate::pod::PodState;
use crate::scenario::{Behavior, NodeShorthand, ResolvedTimings, Timings, DEFAULT_START};
use crate::validation::{
    summary, validate_cronjob, validate_job_created, validate_node, validate_scenario, FieldError,
};
use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap, VecDeque};

/// Hard bounds so that no input can make the simulation run away.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_pods: usize,
    pub horizon: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_pods: 2_000_000,
            horizon: Duration::from_secs(24 * 3600),
        }
    }
}

/// Something a driver (or the Scenario's `actions`) does to the cluster.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    CreateJob(Box<Job>),
    DeleteJob(String),
    SuspendJob(String),
    ResumeJob(String),
    /// A pod name or name prefix (the oldest existing match).
    DeletePod(String),
    AddNode(Box<NodeShorthand>),
    RemoveNode(String),
    CrashNode(String),
    RecoverNode(String),
    CordonNode(String),
    UncordonNode(String),
    DrainNode(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Ev {
    Input(u32),
    SyncJob(u32),
    SchedulerRun,
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
    PullDone { c: u8 },
    ContainerStarted { c: u8 },
    ContainerExited { c: u8, exit: i32, oom: bool },
    RestartContainer { c: u8 },
    PullBackOff { c: u8 },
    Terminated,
}

/// A stored CronJob.
#[derive(Debug, Clone)]
pub struct CronJobState {
    pub name: String,
    pub uid: u64,
    pub manifest: crate::api::CronJob,
    pub created: Time,
}

#[derive(Clone)]
pub struct World {
    pub origin_unix: i64,
    pub now: Time,
    pub seed: u64,
    pub timings: ResolvedTimings,
    pub behaviors: Vec<Behavior>,
    pub until: Option<Time>,
    pub limits: Limits,
    pub scenario_name: Option<String>,
    pub(crate) rng: ChaCha8Rng,
    queue: BinaryHeap<Reverse<(Time, u64, Ev)>>,
    seq: u64,
    inputs: Vec<Input>,
    pub nodes: Vec<NodeState>,
    pub jobs: Vec<JobState>,
    /// CronJobs as stored (defaulted); their controller is not simulated yet.
    pub cronjobs: Vec<CronJobState>,
    pub pods: Vec<PodState>,
    pub events: EventLog,
    pub(crate) pod_names: HashMap<String, u32, FxBuild>,
    pub(crate) sched_pending: VecDeque<u32>,
    pub(crate) sched_unschedulable: Vec<u32>,
    pub(crate) sched_queued: bool,
    /// Notes for the user about simplifications or limits that applied.
    pub notes: Vec<String>,
    /// Number of queue events processed so far.
    pub processed: u64,
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
            rng: ChaCha8Rng::seed_from_u64(seed),
            queue: BinaryHeap::new(),
            seq: 0,
            inputs: Vec::new(),
            nodes: Vec::new(),
            jobs: Vec::new(),
            cronjobs: Vec::new(),
            pods: Vec::new(),
            events: EventLog::default(),
            pod_names: HashMap::default(),
            sched_pending: VecDeque::new(),
            sched_unschedulable: Vec::new(),
            sched_queued: false,
            notes: Vec::new(),
            processed: 0,
        }
    }

    /// Builds a world from decoded manifests: defaults and validates every
    /// object (errors located at the offending field), applies the Scenario,
    /// adds nodes (or the default pool of three workers) and schedules the
    /// Jobs' creation at time zero and the Scenario's actions.
    pub fn build(
        objects: &[Decoded],
        seed_override: Option<u64>,
    ) -> Result<World, Vec<ObjectError>> {
        let mut errors = Vec::new();
        let located = |errors: &mut Vec<SourceError>,
                       d: &Decoded,
                       kind: &str,
                       name: &str,
                       errs: Vec<FieldError>| {
            for e in &errs {
                let line = if d.list_item.is_some() {
                    d.line
                } else {
                    locate(&d.doc, doc_first_line(d), &e.path)
                };
                errors.push(SourceError {
                    line,
                    column: 1,
                    message: summary(kind, name, std::slice::from_ref(e)),
                });
            }
        };
        let mut scenario = None;
        let seed = seed_override
            .or(objects.iter().find_map(|d| match &d.object {
                Object::Scenario(s) => s.spec.seed,
                _ => None,
            }))
            .unwrap_or(1);
        for d in objects {
            match &d.object {
                Object::Job(j) => {
                    let mut j = j.clone();
                    // Validated with the uid the Job will get on create.
                    let uid = crate::kubectl::uid_string(job_uid(seed, d.object.name(), 0));
                    prepare_job(&mut j, &uid);
                    located(
                        &mut errors,
                        d,
                        "Job",
                        d.object.name(),
                        validate_job_created(&j, &uid),
                    );
                }
                Object::CronJob(c) => {
                    let mut c = c.clone();
                    crate::defaults::default_cronjob(&mut c);
                    located(
                        &mut errors,
                        d,
                        "CronJob",
                        d.object.name(),
                        validate_cronjob(&c),
                    );
                }
                Object::Node(n) => {
                    located(&mut errors, d, "Node", d.object.name(), validate_node(n))
                }
                Object::Scenario(s) => {
                    located(
                        &mut errors,
                        d,
                        "Scenario",
                        d.object.name(),
                        validate_scenario(s),
                    );
                    if scenario.is_some() {
                        errors.push(SourceError {
                            line: d.line,
                            column: 1,
                            message: "only one Scenario may be given".into(),
                        });
                    }
                    scenario = Some(s.clone());
                }
            }
        }
        let mut names = std::collections::BTreeSet::new();
        for d in objects {
            if !names.insert((d.object.kind(), d.object.name().to_string())) {
                errors.push(SourceError {
                    line: d.line,
                    column: 1,
                    message: format!(
                        "Error from server (AlreadyExists): {}s \"{}\" already exists",
                        d.object.kind().to_lowercase(),
                        d.object.name()
                    ),
                });
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let spec = scenario
            .as_ref()
            .map(|s| s.spec.clone())
            .unwrap_or_default();
        let seed = seed_override.or(spec.seed).unwrap_or(1);
        let mut w = World::empty(seed);
        w.scenario_name = scenario.and_then(|s| s.metadata.name.clone());
        if let Some(t) = &spec.start_time {
            w.origin_unix = crate::clock::parse_rfc3339(t).expect("validated");
        }
        w.timings = Timings::resolved(spec.timings.as_ref());
        w.behaviors = spec.behaviors.clone();
        w.until = spec.until.map(|d| Time::ZERO.after(d.0));
        for n in &spec.nodes {
            w.add_node_shorthand(n);
        }
        for d in objects {
            if let Object::Node(n) = &d.object {
                let st = n.status.allocatable.as_ref().or(n.status.capacity.as_ref());
                let get = |k: &str| {
                    st.and_then(|m| m.get(k))
                        .map(|q| crate::node::milli(q.milli))
                };
                let mut alloc = NodeState::default_allocatable();
                if let Some(v) = get("cpu") {
                    alloc.cpu = v;
                }
                if let Some(v) = get("memory") {
                    alloc.memory = v;
                }
                if let Some(v) = get(GPU) {
                    alloc.gpu = v;
                }
                if let Some(v) = get("pods") {
                    alloc.pods = v / 1000;
                }
                let id = w.new_node(d.object.name().to_string(), alloc);
                let node = &mut w.nodes[id as usize];
                node.labels = n.metadata.labels.clone().unwrap_or_default();
                node.taints = n.spec.taints.clone().unwrap_or_default();
                node.unschedulable = n.spec.unschedulable.unwrap_or(false);
            }
        }
        if w.nodes.is_empty() {
            for i in 1..=3 {
                w.new_node(format!("node-{i}"), NodeState::default_allocatable());
            }
        }
        for d in objects {
            if let Object::Job(j) = &d.object {
                let idx = w.inputs.len() as u32;
                w.inputs.push(Input::CreateJob(j.clone()));
                w.push(Time::ZERO, Ev::Input(idx));
            }
            if let Object::CronJob(c) = &d.object {
                let mut c = (**c).clone();
                crate::defaults::default_cronjob(&mut c);
                let uid = w.next_uid();
                let name = c.metadata.name.clone().unwrap_or_default();
                w.notes.push(format!(
                    "CronJob {name:?} was parsed and validated; the CronJob controller is not simulated yet, so it creates no Jobs."
                ));
                w.cronjobs.push(CronJobState {
                    name,
                    uid,
                    manifest: c,
                    created: Time::ZERO,
                });
            }
        }
        for a in &spec.actions {
            let input = match a {
                a if a.crash_node.is_some() => Input::CrashNode(a.crash_node.clone().unwrap()),
                a if a.recover_node.is_some() => {
                    Input::RecoverNode(a.recover_node.clone().unwrap())
                }
                a if a.add_node.is_some() => Input::AddNode(Box::new(a.add_node.clone().unwrap())),
                a if a.remove_node.is_some() => Input::RemoveNode(a.remove_node.clone().unwrap()),
                a if a.cordon_node.is_some() => Input::CordonNode(a.cordon_node.clone().unwrap()),
                a if a.uncordon_node.is_some() => {
                    Input::UncordonNode(a.uncordon_node.clone().unwrap())
                }
                a if a.drain_node.is_some() => Input::DrainNode(a.drain_node.clone().unwrap()),
                a if a.delete_pod.is_some() => Input::DeletePod(a.delete_pod.clone().unwrap()),
                a if a.delete_job.is_some() => Input::DeleteJob(a.delete_job.clone().unwrap()),
                a if a.suspend_job.is_some() => Input::SuspendJob(a.suspend_job.clone().unwrap()),
                a if a.resume_job.is_some() => Input::ResumeJob(a.resume_job.clone().unwrap()),
                _ => continue,
            };
            w.apply(Time::ZERO.after(a.at.0), input);
        }
        Ok(w)
    }

    /// Parses and builds in one go (the common driver path).
    pub fn from_text(text: &str, seed_override: Option<u64>) -> Result<World, Vec<ObjectError>> {
        let objects = crate::manifest::parse(text)?;
        World::build(&objects, seed_override)
    }

    pub(crate) fn push(&mut self, at: Time, ev: Ev) {
        self.seq += 1;
        self.queue.push(Reverse((at.max(self.now), self.seq, ev)));
    }

    /// Schedules a driver input at virtual time `at` (not before now).
    pub fn apply(&mut self, at: Time, input: Input) {
        let idx = self.inputs.len() as u32;
        self.inputs.push(input);
        self.push(at, Ev::Input(idx));
    }

    /// Time of the next pending event, if any work is left.
    pub fn next_event_time(&self) -> Option<Time> {
        self.queue.peek().map(|Reverse((t, _, _))| *t)
    }

    /// Where the run stops on its own: `until`, or the 24h horizon.
    pub fn stop_time(&self) -> Time {
        let horizon = Time::ZERO.after(self.limits.horizon);
        self.until.map_or(horizon, |u| u.min(horizon))
    }

    /// True when nothing is left to simulate (or a limit was reached).
    pub fn is_done(&self) -> bool {
        match self.next_event_time() {
            None => true,
            Some(t) => t > self.stop_time() || self.pods.len() >= self.limits.max_pods,
        }
    }

    /// Processes one event; returns its time, or None when done.
    pub fn step(&mut self) -> Option<Time> {
        if self.is_done() {
            return None;
        }
        let Reverse((t, _, ev)) = self.queue.pop()?;
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
        if self.pods.len() >= self.limits.max_pods {
            let note = format!(
                "Simulation stopped: the playground simulates at most {} pods.",
                self.limits.max_pods
            );
            if !self.notes.contains(&note) {
                self.notes.push(note);
            }
        }
        if let Some(u) = self.until {
            if u > self.now && self.next_event_time().is_some() {
                self.now = u;
            }
        }
    }

    fn dispatch(&mut self, ev: Ev) {
        match ev {
            Ev::Input(i) => {
                let input = self.inputs[i as usize].clone();
                self.handle_input(input);
            }
            Ev::SyncJob(j) => {
                if self.jobs[j as usize].next_sync == Some(self.now) {
                    self.jobs[j as usize].next_sync = None;
                    self.sync_job(j);
                }
            }
            Ev::SchedulerRun => self.scheduler_run(),
            Ev::Pod { pod, epoch, timer } => {
                if self.pods[pod as usize].epoch == epoch {
                    self.kubelet_timer(pod, timer);
                }
            }
        }
    }

    pub(crate) fn record(&mut self, object: ObjRef, reason: Reason) {
        let now = self.now;
        let slot = match object {
            ObjRef::Job(i) => &mut self.jobs[i as usize].last_event,
            ObjRef::Pod(i) => &mut self.pods[i as usize].last_event,
            ObjRef::Node(i) => &mut self.nodes[i as usize].last_event,
        };
        self.events.record(now, object, reason, slot);
    }

    pub(crate) fn next_uid(&mut self) -> u64 {
        self.rng.next_u64()
    }

    /// Five characters from the API server's generateName alphabet.
    pub(crate) fn random_suffix(&mut self) -> String {
        const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
        (0..5)
            .map(|_| ALPHABET[(self.rng.next_u32() % ALPHABET.len() as u32) as usize] as char)
            .collect()
    }

    /// A uniform draw in [0, 1) from the world's RNG.
    pub(crate) fn random_unit(&mut self) -> f64 {
        (self.rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn job_by_name(&self, name: &str) -> Option<u32> {
        self.jobs
            .iter()
            .position(|j| j.name == name && j.deleted.is_none())
            .map(|i| i as u32)
    }

    pub fn node_by_name(&self, name: &str) -> Option<u32> {
        self.nodes
            .iter()
            .position(|n| n.name == name && n.exists())
            .map(|i| i as u32)
    }

    pub fn pod_by_name(&self, name: &str) -> Option<u32> {
        self.pod_names
            .get(name)
            .copied()
            .filter(|&p| self.pods[p as usize].exists())
    }

    fn new_node(&mut self, name: String, alloc: Resources) -> u32 {
        let uid = self.next_uid();
        let id = self.nodes.len() as u32;
        self.nodes.push(NodeState::new(name, uid, alloc, self.now));
        id
    }

    fn add_node_shorthand(&mut self, n: &NodeShorthand) -> u32 {
        let mut alloc = NodeState::default_allocatable();
        if let Some(q) = &n.cpu {
            alloc.cpu = crate::node::milli(q.milli);
        }
        if let Some(q) = &n.memory {
            alloc.memory = crate::node::milli(q.milli);
        }
        if let Some(q) = &n.gpu {
            alloc.gpu = crate::node::milli(q.milli);
        }
        if let Some(q) = &n.pods {
            alloc.pods = q.value().clamp(0, i64::MAX as i128) as i64;
        }
        let id = self.new_node(n.name.clone(), alloc);
        let node = &mut self.nodes[id as usize];
        node.labels = n.labels.clone().unwrap_or_default();
        node.labels
            .entry("kubernetes.io/hostname".into())
            .or_insert_with(|| n.name.clone());
        node.taints = n.taints.clone().unwrap_or_default();
        node.unschedulable = n.unschedulable.unwrap_or(false);
        id
    }

    fn handle_input(&mut self, input: Input) {
        match input {
            Input::CreateJob(j) => self.create_job(*j),
            Input::DeleteJob(name) => {
                if let Some(j) = self.job_by_name(&name) {
                    self.delete_job(j);
                }
            }
            Input::SuspendJob(name) => {
                if let Some(j) = self.job_by_name(&name) {
                    self.set_suspend(j, true);
                }
            }
            Input::ResumeJob(name) => {
                if let Some(j) = self.job_by_name(&name) {
                    self.set_suspend(j, false);
                }
            }
            Input::DeletePod(prefix) => {
                let found = self.pods.iter().position(|p| {
                    p.exists() && p.deletion.is_none() && p.name.starts_with(&prefix)
                });
                if let Some(p) = found {
                    self.delete_pod(p as u32, crate::pod::PodReason::DeletedByUser);
                }
            }
            Input::AddNode(n) => {
                if self.node_by_name(&n.name).is_none() {
                    self.add_node_shorthand(&n);
                    self.scheduler_capacity_changed();
                }
            }
            Input::RemoveNode(name) => {
                if let Some(n) = self.node_by_name(&name) {
                    self.node_lost(n);
                    self.gc_pods_on(n);
                    self.nodes[n as usize].removed = Some(self.now);
                }
            }
            Input::CrashNode(name) => {
                if let Some(n) = self.node_by_name(&name) {
                    if self.nodes[n as usize].ready {
                        self.node_lost(n);
                    }
                }
            }
            Input::RecoverNode(name) => {
                if let Some(n) = self.node_by_name(&name) {
                    if !self.nodes[n as usize].ready {
                        self.nodes[n as usize].ready = true;
                        self.record(ObjRef::Node(n), Reason::NodeReady);
                        self.gc_pods_on(n);
                        self.scheduler_capacity_changed();
                    }
                }
            }
            Input::CordonNode(name) => {
                if let Some(n) = self.node_by_name(&name) {
                    self.nodes[n as usize].unschedulable = true;
                    self.record(ObjRef::Node(n), Reason::NodeNotSchedulable);
                }
            }
            Input::UncordonNode(name) => {
                if let Some(n) = self.node_by_name(&name) {
                    self.nodes[n as usize].unschedulable = false;
                    self.record(ObjRef::Node(n), Reason::NodeSchedulable);
                    self.scheduler_capacity_changed();
                }
            }
            Input::DrainNode(name) => {
                if let Some(n) = self.node_by_name(&name) {
                    self.nodes[n as usize].unschedulable = true;
                    self.record(ObjRef::Node(n), Reason::NodeNotSchedulable);
                    let pods: Vec<u32> = self.nodes[n as usize].pods.clone();
                    for p in pods {
                        if self.pods[p as usize].is_active() {
                            self.delete_pod(p, crate::pod::PodReason::Evicted);
                        }
                    }
                }
            }
        }
    }

    /// Removes every pod bound to node `n` from the API (PodGC after the
    /// node came back or was deleted).
    fn gc_pods_on(&mut self, n: u32) {
        let pods = self.nodes[n as usize].pods.clone();
        for p in pods {
            self.kubelet_force_gone(p);
        }
    }

    /// A node stops responding: it turns NotReady and its pods are lost.
    /// Simplification: upstream waits for the node-monitor grace period and
    /// the 300 s not-ready toleration before evicting; here it is immediate.
    fn node_lost(&mut self, n: u32) {
        self.nodes[n as usize].ready = false;
        self.record(ObjRef::Node(n), Reason::NodeNotReady);
        let pods: Vec<u32> = self.nodes[n as usize].pods.clone();
        for p in pods {
            if self.pods[p as usize].phase.is_terminal() || self.pods[p as usize].deletion.is_some()
            {
                continue;
            }
            self.record(ObjRef::Pod(p), Reason::PodNodeNotReady);
            self.record(ObjRef::Pod(p), Reason::TaintManagerEviction);
            self.kubelet_node_lost(p);
        }
    }

    fn create_job(&mut self, mut job: Job) {
        let name = job.metadata.name.clone().unwrap_or_default();
        if self.job_by_name(&name).is_some() {
            return;
        }
        let nth = self.jobs.iter().filter(|j| j.name == name).count();
        let uid = job_uid(self.seed, &name, nth);
        prepare_job(&mut job, &crate::kubectl::uid_string(uid));
        let id = self.jobs.len() as u32;
        let requests = Resources {
            cpu: crate::node::milli(pod_request(&job.spec.template.spec, "cpu")),
            memory: crate::node::milli(pod_request(&job.spec.template.spec, "memory")),
            gpu: crate::node::milli(pod_request(&job.spec.template.spec, GPU)),
            pods: 1,
        };
        self.jobs
            .push(JobState::new(name, uid, job, self.now, requests));
        if !self.jobs[id as usize].notes.is_empty() {
            for n in self.jobs[id as usize].notes.clone() {
                if !self.notes.contains(&n) {
                    self.notes.push(n);
                }
            }
        }
        self.enqueue_sync(id, self.now);
    }

    fn delete_job(&mut self, j: u32) {
        self.jobs[j as usize].deleted = Some(self.now);
        // Cascading (background) deletion: the garbage collector deletes the pods.
        let pods = self.jobs[j as usize].pods.clone();
        for p in pods {
            let pod = &self.pods[p as usize];
            if !pod.exists() {
                continue;
            }
            if pod.phase.is_terminal() || pod.node.is_none() {
                self.kubelet_force_gone(p);
            } else if pod.deletion.is_none() {
                self.kubelet_delete(p, crate::pod::PodReason::DeletedByController);
            }
        }
    }

    /// Deletes a pod the way `kubectl delete pod` / eviction does.
    pub(crate) fn delete_pod(&mut self, p: u32, why: crate::pod::PodReason) {
        let pod = &self.pods[p as usize];
        if pod.phase.is_terminal() {
            self.kubelet_force_gone(p);
        } else {
            self.kubelet_delete(p, why);
        }
    }
}

/// A Job's uid: a function of the seed, its name and how many Jobs of that
/// name came before, so validation can name the uid the Job will get.
fn job_uid(seed: u64, name: &str, nth: usize) -> u64 {
    let mut h = std::hash::BuildHasher::build_hasher(&FxBuild);
    std::hash::Hasher::write(&mut h, name.as_bytes());
    let mut z = std::hash::Hasher::finish(&h)
        ^ seed.rotate_left(17)
        ^ (nth as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    // splitmix64 finaliser: spread the bits.
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn doc_first_line(d: &Decoded) -> usize {
    // `Decoded::line` is the first content line; `locate` wants the line of
    // the document's first text line, which for our split is the same
    // minus leading blank/comment lines.
    let lead = d
        .doc
        .lines()
        .take_while(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        .count();
    d.line - lead
}

/// A small multiplicative hasher (FxHash's scheme) for the pod-name index:
/// SipHash's DoS resistance buys nothing inside one simulation, and names
/// are hashed on every pod creation.
#[derive(Clone, Copy, Default)]
pub(crate) struct FxBuild;

pub(crate) struct FxHasher(u64);

impl std::hash::BuildHasher for FxBuild {
    type Hasher = FxHasher;
    fn build_hasher(&self) -> FxHasher {
        FxHasher(0)
    }
}

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(buf)).wrapping_mul(K);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}
