//! The API server's store: every API object (Nodes, Jobs, CronJobs, Pods),
//! their name indexes, the arenas that hold them, and the event log. The
//! controllers share nothing else: each reads the store and writes API
//! objects through it; what a controller keeps for itself (work queues,
//! back-off records, caches) lives in its own state, not here.

use crate::clock::Time;
use crate::cronjob::state::CronJobState;
use crate::events::EventLog;
use crate::job::state::JobState;
use crate::node::NodeState;
use crate::pod::PodState;
use crate::uid::FxBuild;
use std::collections::{HashMap, VecDeque};

pub mod api;

#[derive(Clone, Default)]
pub struct Store {
    pub(crate) nodes: Vec<NodeState>,
    pub(crate) jobs: Vec<JobState>,
    pub(crate) cronjobs: Vec<CronJobState>,
    pub(crate) pods: crate::arena::Arena<PodState>,
    pub(crate) events: EventLog,
    /// Pods in the arena by `name_key` of their name (a key shared by two
    /// names counts as taken when a name is drawn, so a key names one pod).
    pub(crate) pod_names: HashMap<u64, u32, FxBuild>,
    /// Live Jobs by name.
    pub(crate) job_names: HashMap<String, u32, FxBuild>,
    /// Arena slots of Jobs and pods whose objects are gone for good, to be
    /// reused, so long runs (a year of a CronJob) use flat memory.
    pub(crate) free_jobs: Vec<u32>,
    pub(crate) free_pods: Vec<u32>,
    /// Deleted Jobs, oldest first, reclaimed once their events expired.
    pub(crate) retired_jobs: VecDeque<(Time, u32)>,
    /// What a freed Job slot holds.
    pub(crate) job_tombstone: Option<JobState>,
    /// Pods created so far (the pod cap counts these).
    pub(crate) pods_created: u64,
    /// Scratch space for pod names being drawn.
    pub(crate) name_buf: Vec<u8>,
}
