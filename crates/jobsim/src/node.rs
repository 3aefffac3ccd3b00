//! Nodes of the simulated pool: allocatable resources, what is allocated,
//! labels, taints, readiness and the per-node image cache.

use crate::api::{Labels, Taint};
use crate::clock::Time;
use std::collections::BTreeSet;

/// Resource amounts in milli-units (millicores, milli-bytes, milli-GPUs)
/// plus a pod count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Resources {
    pub cpu: i64,
    pub memory: i64,
    pub gpu: i64,
    pub pods: i64,
}

/// Clamps a parsed quantity (milli-units) into the i64 range used here.
pub fn milli(q: i128) -> i64 {
    q.clamp(0, i64::MAX as i128 / 4) as i64
}

pub const GPU: &str = "nvidia.com/gpu";

/// `v1.TaintNodeUnreachable`: the node lifecycle controller's taint for a
/// node whose kubelet stopped reporting.
pub const TAINT_NODE_UNREACHABLE: &str = "node.kubernetes.io/unreachable";

#[derive(Debug, Clone)]
pub struct NodeState {
    pub name: String,
    pub uid: u64,
    pub labels: Labels,
    pub taints: Vec<Taint>,
    pub unschedulable: bool,
    /// The Ready condition as the API shows it: false once the node
    /// lifecycle controller has marked a silent node `Unknown`.
    pub ready: bool,
    /// When the Ready condition last changed (its lastTransitionTime).
    pub ready_changed: Time,
    /// The kubelet stopped posting status at this time (crashed node).
    pub heartbeat_lost: Option<Time>,
    /// Since when the node carries the `unreachable:NoExecute` taint (the
    /// node lifecycle controller holds it back in full disruption).
    pub no_execute_since: Option<Time>,
    /// Bumped at each crash and recovery: pending node-lifecycle timers of
    /// an older epoch are stale.
    pub epoch: u32,
    pub allocatable: Resources,
    /// Sum of requests of pods bound here and not yet terminated.
    pub requested: Resources,
    /// Requests with the scheduler's non-zero defaults, for scoring.
    pub requested_nonzero: Resources,
    pub images: BTreeSet<String>,
    /// Pods bound here that still hold resources.
    pub pods: Vec<u32>,
    pub created: Time,
    pub removed: Option<Time>,
    pub last_event: u32,
}

impl NodeState {
    pub fn new(name: String, uid: u64, allocatable: Resources, created: Time) -> NodeState {
        NodeState {
            name,
            uid,
            labels: Labels::new(),
            taints: Vec::new(),
            unschedulable: false,
            ready: true,
            ready_changed: created,
            heartbeat_lost: None,
            no_execute_since: None,
            epoch: 0,
            allocatable,
            requested: Resources::default(),
            requested_nonzero: Resources::default(),
            images: BTreeSet::new(),
            pods: Vec::new(),
            created,
            removed: None,
            last_event: u32::MAX,
        }
    }

    /// A worker node as the default pool has it: 4 cpu, 16Gi, 110 pods.
    pub fn default_allocatable() -> Resources {
        Resources {
            cpu: 4_000,
            memory: 16i64 * (1 << 30) * 1000,
            gpu: 0,
            pods: 110,
        }
    }

    pub fn exists(&self) -> bool {
        self.removed.is_none()
    }

    /// Nothing but resources can keep a pod off this node: schedulable,
    /// ready, untainted.
    #[inline]
    pub fn is_plain(&self) -> bool {
        // A silent node still looks Ready to the scheduler until the grace
        // period is over, as upstream.
        !self.unschedulable && self.ready && self.taints.is_empty()
    }

    /// The taints the node lifecycle controller adds while the node is not
    /// ready: `unreachable:NoSchedule` always (`doNoScheduleTaintingPass`),
    /// `unreachable:NoExecute` unless evictions are held back.
    pub fn lifecycle_taints(&self) -> &'static [(&'static str, &'static str)] {
        if self.ready {
            &[]
        } else if self.no_execute_since.is_some() {
            &[
                (TAINT_NODE_UNREACHABLE, "NoExecute"),
                (TAINT_NODE_UNREACHABLE, "NoSchedule"),
            ]
        } else {
            &[(TAINT_NODE_UNREACHABLE, "NoSchedule")]
        }
    }

    /// The node's taints as the API shows them, the lifecycle ones last.
    pub fn effective_taints(&self) -> Vec<(String, Option<String>, String)> {
        let mut t: Vec<_> = self
            .taints
            .iter()
            .map(|t| (t.key.clone(), t.value.clone(), t.effect.clone()))
            .collect();
        t.extend(
            self.lifecycle_taints()
                .iter()
                .map(|(k, e)| (k.to_string(), None, e.to_string())),
        );
        t
    }

    /// STATUS as `kubectl get nodes` prints it (`printNode`): the Ready
    /// condition, then `SchedulingDisabled` when cordoned.
    pub fn status_text(&self) -> String {
        let mut s = if self.ready { "Ready" } else { "NotReady" }.to_string();
        if self.unschedulable {
            s.push_str(",SchedulingDisabled");
        }
        s
    }
}
