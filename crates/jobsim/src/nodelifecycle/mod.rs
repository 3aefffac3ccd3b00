//! Node lifecycle: nodes joining and leaving the pool, crashes and
//! recoveries (upstream's node lifecycle controller and taint eviction),
//! cordon, uncordon and drain.
//!
//! A crash plays out as upstream: the node looks Ready for
//! `nodeMonitorGracePeriod`, then turns `Unknown` and is tainted
//! `unreachable`; each pod is deleted when its toleration runs out and
//! stays Terminating until the node comes back or its Node object is
//! deleted (PodGC). `timings.fastNodeLoss` shortens both waits.
//! Simplification: PodGC's quarantine starts at the deletion (upstream
//! notices it at its next 20 s pass).

pub mod state;

use crate::api::{Node, Toleration};
use crate::clock::Duration;
use crate::events::{ObjRef, Reason};
use crate::node::{milli, NodeState, Resources, GPU, TAINT_NODE_UNREACHABLE};
use crate::pod::PodReason;
use crate::scenario::NodeShorthand;
use crate::store::Store;
use crate::timing::{LARGE_CLUSTER_THRESHOLD, POD_GC_QUARANTINE, UNHEALTHY_ZONE_THRESHOLD};
use crate::world::{Ev, Watch, World};
use state::NodeLifecycleState;

/// The taint the node lifecycle controller puts on a silent node.
pub const TAINT_NODE_NOT_READY: &str = "node.kubernetes.io/not-ready";

/// DefaultTolerationSeconds: a pod that does not already tolerate the
/// `not-ready` and `unreachable` NoExecute taints gets a toleration for
/// each (`Exists`, `tolerationSeconds`), after its own.
pub fn default_toleration_seconds(own: &[Toleration], seconds: u32) -> Vec<Toleration> {
    let covers = |key: &str| {
        own.iter().any(|t| {
            t.key.as_deref().is_none_or(|k| k.is_empty() || k == key)
                && t.effect
                    .as_deref()
                    .is_none_or(|e| e.is_empty() || e == "NoExecute")
        })
    };
    let mut out = own.to_vec();
    for key in [TAINT_NODE_NOT_READY, TAINT_NODE_UNREACHABLE] {
        if !covers(key) {
            out.push(Toleration {
                key: Some(key.into()),
                operator: Some("Exists".into()),
                value: None,
                effect: Some("NoExecute".into()),
                toleration_seconds: Some(seconds as i64),
            });
        }
    }
    out
}

/// Taint eviction's `getMinTolerationTime` for the `unreachable:NoExecute`
/// taint: `Some(0)` when no toleration matches (evict at once), the
/// smallest `tolerationSeconds` of those that do, or `None` (never) when
/// they all tolerate it forever.
pub fn toleration_seconds(tolerations: &[Toleration]) -> Option<u64> {
    let matching: Vec<&Toleration> = tolerations
        .iter()
        .filter(|t| {
            crate::scheduler::tolerates(
                std::slice::from_ref(*t),
                TAINT_NODE_UNREACHABLE,
                None,
                "NoExecute",
            )
        })
        .collect();
    if matching.is_empty() {
        return Some(0);
    }
    matching
        .iter()
        .filter_map(|t| t.toleration_seconds)
        .min()
        .map(|s| s.max(0) as u64)
}

/// A zone's state as the node lifecycle controller sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoneState {
    Normal,
    PartialDisruption,
    FullDisruption,
}

/// `ComputeZoneState` from a zone's Ready and NotReady node counts.
pub fn compute_zone_state(ready: u32, not_ready: u32) -> ZoneState {
    if ready == 0 && not_ready > 0 {
        ZoneState::FullDisruption
    } else if not_ready > 2
        && not_ready as f32 / (ready + not_ready) as f32 >= UNHEALTHY_ZONE_THRESHOLD
    {
        ZoneState::PartialDisruption
    } else {
        ZoneState::Normal
    }
}

/// Whether a zone in `state` with `size` nodes taints (and so evicts) at
/// all, once not every zone is fully disrupted (`setLimiterInZone`: a full
/// disruption of one zone keeps the healthy rate, a partial one drops to
/// `ReducedQPSFunc`, zero in a small zone).
pub fn zone_evicts(state: ZoneState, size: u32) -> bool {
    state != ZoneState::PartialDisruption || size > LARGE_CLUSTER_THRESHOLD
}

/// `GetZoneKey`: region and zone labels (empty: the one default zone).
type ZoneKey<'a> = (&'a str, &'a str);

fn zone_key(node: &NodeState) -> ZoneKey<'_> {
    let label = |k: &str| node.labels.get(k).map_or("", String::as_str);
    (
        label("topology.kubernetes.io/region"),
        label("topology.kubernetes.io/zone"),
    )
}

/// Where a crashed node is in the node-loss story (virtual times since the
/// start); `Display` words it in English.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeLossNote {
    /// Silent, still Ready in the API until `not_ready_at`.
    Silent {
        since: Duration,
        grace: Duration,
        not_ready_at: Duration,
        shortened: bool,
    },
    /// NotReady and tainted; pods are deleted from `evict_from` on.
    Unreachable {
        since: Duration,
        toleration: u32,
        evict_from: Duration,
        shortened: bool,
    },
    /// NotReady, but the node lifecycle controller holds evictions back:
    /// every node is NotReady (`full`, master disruption mode), or most of
    /// a small zone is (partial disruption).
    EvictionsHeld { since: Duration, full: bool },
}

impl World {
    /// Where a crashed node is in the node-loss story, for the UI.
    pub fn node_loss_note(&self, n: u32) -> Option<NodeLossNote> {
        let node = &self.store.nodes[n as usize];
        let lost = node.heartbeat_lost?;
        let t = &self.timings;
        let clock = |at: crate::clock::Time| at.since(crate::clock::Time::ZERO);
        let shortened = t.node_loss_shortened();
        Some(if node.ready {
            NodeLossNote::Silent {
                since: clock(lost),
                grace: t.node_monitor_grace_period,
                not_ready_at: clock(lost.after(t.node_monitor_grace_period)),
                shortened,
            }
        } else if let Some(tainted) = node.no_execute_since {
            let toleration = t.unreachable_toleration_seconds;
            NodeLossNote::Unreachable {
                since: clock(node.ready_changed),
                toleration,
                evict_from: clock(tainted.after(Duration::from_secs(toleration as u64))),
                shortened,
            }
        } else {
            NodeLossNote::EvictionsHeld {
                since: clock(node.ready_changed),
                full: self.node_lifecycle.full_disruption,
            }
        })
    }

    /// The pod's tolerations as admission leaves them (the template's,
    /// then DefaultTolerationSeconds'), as `-o yaml` and describe show.
    pub fn pod_tolerations(&self, j: u32) -> Vec<Toleration> {
        tolerations_of(&self.store, self.timings.unreachable_toleration_seconds, j)
    }
}

impl World {
    pub(crate) fn new_node(&mut self, name: String, alloc: Resources) -> u32 {
        // Node state changes: cached scheduler scores are stale.
        self.notify(Watch::NodeUpdated);
        let uid = self.next_uid();
        let id = self.store.nodes.len() as u32;
        self.store
            .nodes
            .push(NodeState::new(name, uid, alloc, self.now));
        id
    }

    /// A `v1` Node document: allocatable (or capacity), labels, taints.
    pub(crate) fn add_node_object(&mut self, n: &Node) -> u32 {
        // Node state changes: cached scheduler scores are stale.
        self.notify(Watch::NodeUpdated);
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
        let node = &mut self.store.nodes[id as usize];
        node.labels = n.metadata.labels.clone().unwrap_or_default();
        node.taints = n.spec.taints.clone().unwrap_or_default();
        node.unschedulable = n.spec.unschedulable.unwrap_or(false);
        id
    }

    /// The Scenario's node shorthand (`{name, cpu, memory, gpu, ...}`).
    pub(crate) fn add_node_shorthand(&mut self, n: &NodeShorthand) -> u32 {
        // Node state changes: cached scheduler scores are stale.
        self.notify(Watch::NodeUpdated);
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
        let node = &mut self.store.nodes[id as usize];
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
            self.queue_handle_disruption();
            self.notify(Watch::NodesChanged);
        }
    }

    /// The Node object is deleted (the machine is gone with it): its
    /// kubelet stops, the scheduler no longer sees it, and PodGC fails and
    /// force-deletes its pods once the quarantine is over.
    pub(crate) fn remove_node(&mut self, name: &str) {
        // Node state changes: cached scheduler scores are stale.
        self.notify(Watch::NodeUpdated);
        if let Some(n) = self.node_by_name(name) {
            self.stop_kubelet(n);
            self.store.nodes[n as usize].removed = Some(self.now);
            self.queue_handle_disruption();
            self.push(
                self.now.after(POD_GC_QUARANTINE),
                Ev::PodGcOrphans { node: n },
            );
        }
    }

    /// The machine stops: its kubelet posts no more status and its
    /// containers are gone. Nothing shows in the API until the node
    /// lifecycle controller notices, `nodeMonitorGracePeriod` later.
    pub(crate) fn crash_node(&mut self, name: &str) {
        if let Some(n) = self.node_by_name(name) {
            if self.store.nodes[n as usize].heartbeat_lost.is_none() {
                self.stop_kubelet(n);
                let epoch = self.store.nodes[n as usize].epoch;
                let at = self.now.after(self.timings.node_monitor_grace_period);
                self.push(at, Ev::NodeMonitor { node: n, epoch });
            }
        }
    }

    /// No kubelet on node `n` any more: its pods' pending kubelet timers
    /// go stale, so they stay as the API last saw them.
    fn stop_kubelet(&mut self, n: u32) {
        let node = &mut self.store.nodes[n as usize];
        node.heartbeat_lost = Some(self.now);
        node.epoch += 1;
        for i in 0..self.store.nodes[n as usize].pods.len() {
            let p = self.store.nodes[n as usize].pods[i];
            self.store.pods[p as usize].epoch += 1;
        }
    }

    /// `monitorNodeHealth`: the grace period is over and the node is still
    /// silent. Ready becomes Unknown, the node gets the `unreachable`
    /// taints (NoSchedule and NoExecute), its ready pods are marked not
    /// ready (`MarkPodsNotReady`), and taint eviction starts each pod's
    /// toleration clock.
    pub(crate) fn node_monitor_grace_over(&mut self, n: u32) {
        // Node state changes: cached scheduler scores are stale.
        self.notify(Watch::NodeUpdated);
        let Some(pods) = monitor_node_health(&self.store, n) else {
            return;
        };
        let node = &mut self.store.nodes[n as usize];
        node.ready = false;
        node.ready_changed = self.now;
        self.record(ObjRef::Node(n), Reason::NodeNotReady);
        for p in pods {
            self.mark_pod_not_ready(p);
            self.record(ObjRef::Pod(p), Reason::PodNodeNotReady);
            self.notify(Watch::JobPodChanged(p));
        }
        self.queue_handle_disruption();
    }

    /// A `HandleDisruption` pass ([`handle_disruption`] decides): the
    /// taints come off every node, or go on the nodes it names.
    pub(crate) fn apply_handle_disruption(&mut self) {
        match handle_disruption(&mut self.node_lifecycle, &self.store) {
            Disruption::Full => {
                for n in 0..self.store.nodes.len() as u32 {
                    self.mark_node_as_reachable(n);
                }
            }
            Disruption::Taint(nodes) => {
                for n in nodes {
                    self.taint_no_execute(n);
                }
            }
        }
    }

    /// Runs `handle_disruption` after the other node changes of this
    /// instant: nodes noticed in one pass are counted together.
    fn queue_handle_disruption(&mut self) {
        if !self.node_lifecycle.disruption_queued {
            self.node_lifecycle.disruption_queued = true;
            self.push(self.now, Ev::HandleDisruption);
        }
    }

    /// The NoExecute taint goes on: taint eviction starts each pod's
    /// toleration clock.
    fn taint_no_execute(&mut self, n: u32) {
        self.notify(Watch::NodeUpdated);
        let node = &mut self.store.nodes[n as usize];
        node.no_execute_since = Some(self.now);
        let node_epoch = node.epoch;
        let secs = self.timings.unreachable_toleration_seconds;
        for (after, pod) in eviction_timers(&self.store, secs, n) {
            self.push(self.now.after(after), Ev::TaintEviction { pod, node_epoch });
        }
    }

    /// `markNodeAsReachable`: the NoExecute taint goes; taint eviction
    /// cancels each pod's pending deletion with its own event. Pending
    /// timers go stale with the node's epoch.
    fn mark_node_as_reachable(&mut self, n: u32) {
        if self.store.nodes[n as usize]
            .no_execute_since
            .take()
            .is_none()
        {
            return;
        }
        self.notify(Watch::NodeUpdated);
        self.store.nodes[n as usize].epoch += 1;
        let secs = self.timings.unreachable_toleration_seconds;
        for (_, p) in eviction_timers(&self.store, secs, n) {
            // Still scheduled for deletion: its own cancellation event.
            if self.store.pods[p as usize].deletion.is_none() {
                self.record(ObjRef::Pod(p), Reason::TaintManagerEvictionCancelled);
            }
        }
    }

    /// The taint-eviction controller deletes a pod whose toleration of
    /// the `unreachable` taint ran out: `DisruptionTarget`
    /// (`DeletionByTaintManager`), then a graceful delete that the absent
    /// kubelet never completes, so the pod stays Terminating.
    pub(crate) fn taint_eviction(&mut self, p: u32, node_epoch: u32) {
        if taint_evicts(&self.store, p, node_epoch) {
            self.record(ObjRef::Pod(p), Reason::TaintManagerEviction);
            self.notify(Watch::PodDeleted(p, PodReason::TaintEviction));
        }
    }

    /// The kubelet posts status again. If the node had been marked
    /// `Unknown` it is Ready again and its lifecycle taints go. The
    /// machine restarted, so containers that were running are gone: pods
    /// marked for deletion finish terminating, the others carry on as the
    /// kubelet does after a restart (`kubelet_node_restarted`).
    pub(crate) fn recover_node(&mut self, name: &str) {
        // Node state changes: cached scheduler scores are stale.
        self.notify(Watch::NodeUpdated);
        let Some(n) = self.node_by_name(name) else {
            return;
        };
        let node = &mut self.store.nodes[n as usize];
        if node.heartbeat_lost.is_none() {
            return;
        }
        node.heartbeat_lost = None;
        node.epoch += 1;
        if !node.ready {
            node.ready = true;
            node.ready_changed = self.now;
            self.record(ObjRef::Node(n), Reason::NodeReady);
            // processTaintBaseEviction on a Ready node.
            self.mark_node_as_reachable(n);
            self.queue_handle_disruption();
        }
        let pods: Vec<u32> = self.store.nodes[n as usize].pods.clone();
        for p in pods {
            self.notify(Watch::NodeRestarted(p));
        }
        self.notify(Watch::NodesChanged);
    }

    /// `kubectl label node`: a changed label can let waiting pods fit
    /// (nodeSelector) or keep new ones away.
    pub(crate) fn label_node(&mut self, l: &crate::scenario::NodeLabels) {
        // Node state changes: cached scheduler scores are stale.
        self.notify(Watch::NodeUpdated);
        let Some(n) = self.node_by_name(&l.name) else {
            return;
        };
        let labels = &mut self.store.nodes[n as usize].labels;
        for (k, v) in &l.labels {
            labels.insert(k.clone(), v.clone());
        }
        for k in &l.remove {
            labels.remove(k);
        }
        self.notify(Watch::NodesChanged);
    }

    /// `kubectl cordon`, or with `drain` also `kubectl drain` (evicts the
    /// node's running pods).
    pub(crate) fn cordon_node(&mut self, name: &str, drain: bool) {
        // Node state changes: cached scheduler scores are stale.
        self.notify(Watch::NodeUpdated);
        let Some(n) = self.node_by_name(name) else {
            return;
        };
        self.store.nodes[n as usize].unschedulable = true;
        self.record(ObjRef::Node(n), Reason::NodeNotSchedulable);
        if drain {
            let pods: Vec<u32> = self.store.nodes[n as usize].pods.clone();
            for p in pods {
                if self.store.pods[p as usize].is_active() {
                    self.delete_pod(p, PodReason::Evicted);
                }
            }
        }
    }

    pub(crate) fn uncordon_node(&mut self, name: &str) {
        // Node state changes: cached scheduler scores are stale.
        self.notify(Watch::NodeUpdated);
        if let Some(n) = self.node_by_name(name) {
            self.store.nodes[n as usize].unschedulable = false;
            self.record(ObjRef::Node(n), Reason::NodeSchedulable);
            self.notify(Watch::NodesChanged);
        }
    }
}

// The controller's decisions, as functions of the store (and its own
// state): the `World` methods above apply them.

/// `monitorNodeHealth` once node `n`'s grace period is over: if it is
/// still silent, Ready and there, it turns NotReady; the pods to mark not
/// ready with it (running and ready). None: nothing changes.
pub fn monitor_node_health(store: &Store, n: u32) -> Option<Vec<u32>> {
    let node = &store.nodes[n as usize];
    if node.heartbeat_lost.is_none() || !node.exists() || !node.ready {
        return None;
    }
    let pods = node.pods.iter().copied();
    Some(
        pods.filter(|&p| {
            let pod = &store.pods[p as usize];
            !pod.phase.is_terminal() && pod.ready
        })
        .collect(),
    )
}

/// What a `handleDisruption` pass does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Disruption {
    /// Every zone is fully disrupted (entered now, or already): every
    /// node's NoExecute taint comes off and nothing is evicted.
    Full,
    /// These NotReady nodes get the NoExecute taint (none: nothing to do).
    Taint(Vec<u32>),
}

/// `handleDisruption` and the NoExecute tainting pass: zone states
/// from the nodes' Ready conditions; when every zone is fully
/// disrupted the controller assumes the fault is its own (master
/// disruption mode): it takes the NoExecute taints off every node and
/// evicts nothing until some node is Ready again. Otherwise each
/// NotReady node is tainted unless its zone's eviction rate is zero (a
/// partial disruption in a zone of at most `largeClusterThreshold`
/// nodes). Simplification: tainting is not rate-limited (upstream: one
/// node per 10 s per zone, 0.1 qps).
pub(crate) fn handle_disruption(state: &mut NodeLifecycleState, store: &Store) -> Disruption {
    state.disruption_queued = false;
    // (zone key, ready, not ready), in node order: few zones, a list.
    let mut zones: Vec<(ZoneKey<'_>, u32, u32)> = Vec::new();
    for node in store.nodes.iter().filter(|n| n.exists()) {
        let key = zone_key(node);
        let i = match zones.iter().position(|z| z.0 == key) {
            Some(i) => i,
            None => {
                zones.push((key, 0, 0));
                zones.len() - 1
            }
        };
        if node.ready {
            zones[i].1 += 1;
        } else {
            zones[i].2 += 1;
        }
    }
    let states: Vec<(ZoneKey<'_>, ZoneState, u32)> = zones
        .iter()
        .map(|&(k, r, nr)| (k, compute_zone_state(r, nr), r + nr))
        .collect();
    let all_full = !states.is_empty() && states.iter().all(|s| s.1 == ZoneState::FullDisruption);
    if all_full {
        // Entering the mode takes the taints off once.
        let entering = !state.full_disruption;
        state.full_disruption = true;
        return if entering {
            Disruption::Full
        } else {
            Disruption::Taint(Vec::new())
        };
    }
    state.full_disruption = false;
    Disruption::Taint(
        (0..store.nodes.len() as u32)
            .filter(|&n| {
                let node = &store.nodes[n as usize];
                node.exists() && !node.ready && node.no_execute_since.is_none() && {
                    let key = zone_key(node);
                    states
                        .iter()
                        .find(|s| s.0 == key)
                        .is_some_and(|&(_, st, size)| zone_evicts(st, size))
                }
            })
            .collect(),
    )
}

/// Taint eviction on tainted node `n`: each running pod with a finite
/// toleration of the `unreachable` taint, and how long it tolerates it
/// (`default_seconds`: DefaultTolerationSeconds').
pub fn eviction_timers(store: &Store, default_seconds: u32, n: u32) -> Vec<(Duration, u32)> {
    // A node's pods mostly share a few Jobs: each Job's toleration is
    // worked out once.
    let mut per_job: Vec<(u32, Option<u64>)> = Vec::new();
    let mut out = Vec::new();
    for &p in &store.nodes[n as usize].pods {
        let pod = &store.pods[p as usize];
        if pod.phase.is_terminal() {
            continue;
        }
        let secs = match per_job.iter().find(|(j, _)| *j == pod.job) {
            Some(&(_, s)) => s,
            None => {
                let s = toleration_seconds(&tolerations_of(store, default_seconds, pod.job));
                per_job.push((pod.job, s));
                s
            }
        };
        if let Some(secs) = secs {
            out.push((Duration::from_secs(secs), p));
        }
    }
    out
}

/// A Job's pods' tolerations as admission leaves them.
fn tolerations_of(store: &Store, default_seconds: u32, j: u32) -> Vec<Toleration> {
    let own = store.jobs[j as usize]
        .manifest
        .spec
        .template
        .spec
        .tolerations
        .as_deref()
        .unwrap_or(&[]);
    default_toleration_seconds(own, default_seconds)
}

/// The taint-eviction timer for pod `p` fired: whether it is evicted now
/// (its node still NotReady in the same epoch, the pod still running).
pub fn taint_evicts(store: &Store, p: u32, node_epoch: u32) -> bool {
    let pod = &store.pods[p as usize];
    let Some(n) = pod.node.get() else {
        return false;
    };
    let node = &store.nodes[n as usize];
    node.epoch == node_epoch
        && !node.ready
        && pod.exists()
        && pod.deletion.is_none()
        && !pod.phase.is_terminal()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `handleDisruption` as data on the default three-node pool (one
    /// zone): one NotReady node is tainted (normal zone); all three NotReady
    /// is full disruption, which takes taints off once and then holds.
    #[test]
    fn handle_disruption_decides_from_the_store() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/node-crash.yaml"
        ))
        .unwrap();
        let mut w = World::prepared(&text).unwrap();
        assert_eq!(w.store.nodes.len(), 3);
        let mut st = NodeLifecycleState::default();
        assert_eq!(
            handle_disruption(&mut st, &w.store),
            Disruption::Taint(vec![])
        );
        w.store.nodes[1].ready = false;
        assert_eq!(
            handle_disruption(&mut st, &w.store),
            Disruption::Taint(vec![1])
        );
        for n in &mut w.store.nodes {
            n.ready = false;
        }
        assert_eq!(handle_disruption(&mut st, &w.store), Disruption::Full);
        assert!(st.full_disruption);
        assert_eq!(
            handle_disruption(&mut st, &w.store),
            Disruption::Taint(vec![])
        );
        w.store.nodes[0].ready = true;
        // Some node is Ready again: normal mode, the NotReady nodes tainted.
        assert_eq!(
            handle_disruption(&mut st, &w.store),
            Disruption::Taint(vec![1, 2])
        );
        assert!(!st.full_disruption);
    }
}
