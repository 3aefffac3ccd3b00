//! Node lifecycle: nodes joining and leaving the pool, crashes and
//! recoveries (upstream's node lifecycle controller and taint eviction),
//! cordon, uncordon and drain.
//!
//! Simplification: a crashed node's pods are evicted at once. Upstream the
//! node lifecycle controller waits for the node-monitor grace period before
//! it taints the node, and pods tolerate the `unreachable` taint for 300 s.

use crate::api::Node;
use crate::events::{ObjRef, Reason};
use crate::node::{milli, NodeState, Resources, GPU};
use crate::pod::PodReason;
use crate::scenario::NodeShorthand;
use crate::world::World;

impl World {
    pub(crate) fn new_node(&mut self, name: String, alloc: Resources) -> u32 {
        // Node state changes: cached scheduler scores are stale.
        self.sched_cache = None;
        let uid = self.next_uid();
        let id = self.nodes.len() as u32;
        self.nodes.push(NodeState::new(name, uid, alloc, self.now));
        id
    }

    /// A `v1` Node document: allocatable (or capacity), labels, taints.
    pub(crate) fn add_node_object(&mut self, n: &Node) -> u32 {
        // Node state changes: cached scheduler scores are stale.
        self.sched_cache = None;
        let st = n.status.allocatable.as_ref().or(n.status.capacity.as_ref());
        let get = |k: &str| st.and_then(|m| m.get(k)).map(|q| milli(q.milli));
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
        let id = self.new_node(n.metadata.name.clone().unwrap_or_default(), alloc);
        let node = &mut self.nodes[id as usize];
        node.labels = n.metadata.labels.clone().unwrap_or_default();
        node.taints = n.spec.taints.clone().unwrap_or_default();
        node.unschedulable = n.spec.unschedulable.unwrap_or(false);
        id
    }

    /// The Scenario's node shorthand (`{name, cpu, memory, gpu, ...}`).
    pub(crate) fn add_node_shorthand(&mut self, n: &NodeShorthand) -> u32 {
        // Node state changes: cached scheduler scores are stale.
        self.sched_cache = None;
        let mut alloc = NodeState::default_allocatable();
        if let Some(q) = &n.cpu {
            alloc.cpu = milli(q.milli);
        }
        if let Some(q) = &n.memory {
            alloc.memory = milli(q.milli);
        }
        if let Some(q) = &n.gpu {
            alloc.gpu = milli(q.milli);
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

    pub(crate) fn add_node(&mut self, n: &NodeShorthand) {
        if self.node_by_name(&n.name).is_none() {
            self.add_node_shorthand(n);
            self.scheduler_capacity_changed();
        }
    }

    /// The Node object is deleted: its pods are lost and PodGC removes them.
    pub(crate) fn remove_node(&mut self, name: &str) {
        // Node state changes: cached scheduler scores are stale.
        self.sched_cache = None;
        if let Some(n) = self.node_by_name(name) {
            self.node_lost(n);
            self.gc_pods_on(n);
            self.nodes[n as usize].removed = Some(self.now);
        }
    }

    pub(crate) fn crash_node(&mut self, name: &str) {
        // Node state changes: cached scheduler scores are stale.
        self.sched_cache = None;
        if let Some(n) = self.node_by_name(name) {
            if self.nodes[n as usize].ready {
                self.node_lost(n);
            }
        }
    }

    /// The kubelet reports again: the node is Ready and PodGC removes the
    /// pods that were evicted while it was away.
    pub(crate) fn recover_node(&mut self, name: &str) {
        // Node state changes: cached scheduler scores are stale.
        self.sched_cache = None;
        if let Some(n) = self.node_by_name(name) {
            if !self.nodes[n as usize].ready {
                self.nodes[n as usize].ready = true;
                self.record(ObjRef::Node(n), Reason::NodeReady);
                self.gc_pods_on(n);
                self.scheduler_capacity_changed();
            }
        }
    }

    /// `kubectl cordon`, or with `drain` also `kubectl drain` (evicts the
    /// node's running pods).
    pub(crate) fn cordon_node(&mut self, name: &str, drain: bool) {
        // Node state changes: cached scheduler scores are stale.
        self.sched_cache = None;
        let Some(n) = self.node_by_name(name) else {
            return;
        };
        self.nodes[n as usize].unschedulable = true;
        self.record(ObjRef::Node(n), Reason::NodeNotSchedulable);
        if drain {
            let pods: Vec<u32> = self.nodes[n as usize].pods.clone();
            for p in pods {
                if self.pods[p as usize].is_active() {
                    self.delete_pod(p, PodReason::Evicted);
                }
            }
        }
    }

    pub(crate) fn uncordon_node(&mut self, name: &str) {
        // Node state changes: cached scheduler scores are stale.
        self.sched_cache = None;
        if let Some(n) = self.node_by_name(name) {
            self.nodes[n as usize].unschedulable = false;
            self.record(ObjRef::Node(n), Reason::NodeSchedulable);
            self.scheduler_capacity_changed();
        }
    }

    /// A node stops responding: it turns NotReady and taint eviction
    /// deletes its pods (at once here, see the module note).
    fn node_lost(&mut self, n: u32) {
        // Node state changes: cached scheduler scores are stale.
        self.sched_cache = None;
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
}
