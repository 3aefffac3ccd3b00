//! Upstream's timing and threshold defaults that more than one part of the
//! simulation reads (a leaf: numbers and their provenance only).

use crate::clock::Duration;

/// kube-controller-manager's `--node-monitor-grace-period` default since
/// Kubernetes 1.32 (it was 40 s before, kubernetes/kubernetes#126287).
pub const NODE_MONITOR_GRACE_PERIOD: Duration = Duration::from_secs(50);

/// The DefaultTolerationSeconds admission plugin's
/// `--default-not-ready-toleration-seconds` and
/// `--default-unreachable-toleration-seconds`.
pub const DEFAULT_UNREACHABLE_TOLERATION_SECONDS: u32 = 300;

/// PodGC's `quarantineTime`: how long a Node must stay deleted before its
/// pods are treated as orphans.
pub const POD_GC_QUARANTINE: Duration = Duration::from_secs(40);

/// `kube-apiserver --event-ttl` default: events expire an hour after
/// they were last seen.
pub const EVENT_TTL: Duration = Duration::from_secs(3600);

/// `fastNodeLoss: true`: the grace period and the toleration it sets.
pub const FAST_NODE_MONITOR_GRACE_PERIOD: Duration = Duration::from_secs(5);
pub const FAST_UNREACHABLE_TOLERATION_SECONDS: u32 = 10;

/// `--large-cluster-size-threshold`: in a zone of at most this many
/// nodes a partial disruption stops evictions (`ReducedQPSFunc`).
pub const LARGE_CLUSTER_THRESHOLD: u32 = 50;

/// `--unhealthy-zone-threshold`: the share of NotReady nodes (at least
/// three) that makes a zone partially disrupted.
pub const UNHEALTHY_ZONE_THRESHOLD: f32 = 0.55;
