//! The scheduler's filter and score plugins as the playground has them
//! (TaintToleration, NodeResourcesFit with LeastAllocated scoring) and its
//! own state: the queues and the per-Job score cache (a tournament tree).
//! No `World` here: `mod.rs` runs the scheduling cycle.

use crate::api::Toleration;
use crate::node::Resources;

/// Requests the scorer assumes for containers that set none
/// (`DefaultMilliCPURequest`, `DefaultMemoryRequest`).
pub(super) const NONZERO_CPU: i64 = 100;
pub(super) const NONZERO_MEMORY: i64 = 200 * (1 << 20) * 1000;

pub fn tolerates(tolerations: &[Toleration], key: &str, value: Option<&str>, effect: &str) -> bool {
    tolerations.iter().any(|t| {
        let effect_ok = t
            .effect
            .as_deref()
            .is_none_or(|e| e.is_empty() || e == effect);
        let op = t.operator.as_deref().unwrap_or("Equal");
        let key_ok = match t.key.as_deref() {
            None | Some("") => op == "Exists",
            Some(k) => k == key,
        };
        let value_ok = op == "Exists" || t.value.as_deref().unwrap_or("") == value.unwrap_or("");
        effect_ok && key_ok && value_ok
    })
}

pub(super) fn nonzero(r: &Resources) -> Resources {
    Resources {
        cpu: if r.cpu == 0 { NONZERO_CPU } else { r.cpu },
        memory: if r.memory == 0 {
            NONZERO_MEMORY
        } else {
            r.memory
        },
        gpu: r.gpu,
        pods: 1,
    }
}

/// What the filters need of the pod, looked up once per scheduling attempt.
pub(super) struct PodCtx<'a> {
    pub(super) requests: Resources,
    pub(super) nonzero: Resources,
    pub(super) tolerations: &'a [Toleration],
    pub(super) selector: Option<&'a crate::api::Labels>,
}

pub(super) enum Fit {
    Ok(f64),
    /// Reasons, and whether preemption could help (resource shortage).
    No(Vec<String>, bool),
}

/// NodeResourcesFit, then NodeResourcesLeastAllocated over cpu and memory
/// (the mean free fraction after placing the pod); None when the pod does
/// not fit. Floats (exact IEEE, so the same on every target) avoid two
/// integer divisions per node.
#[inline]
pub(super) fn resource_score(ctx: &PodCtx, node: &crate::node::NodeState) -> Option<f64> {
    let r = &ctx.requests;
    let (a, u) = (&node.allocatable, &node.requested);
    if u.pods + 1 > a.pods
        || (r.cpu > 0 && u.cpu + r.cpu > a.cpu)
        || (r.memory > 0 && u.memory + r.memory > a.memory)
        || (r.gpu > 0 && u.gpu + r.gpu > a.gpu)
    {
        return None;
    }
    let nz = &ctx.nonzero;
    let un = &node.requested_nonzero;
    let free = |cap: i64, used: i64| -> f64 {
        if cap <= 0 {
            0.0
        } else {
            ((cap - used).max(0) as f64) / cap as f64
        }
    };
    Some(free(a.cpu, un.cpu + nz.cpu) + free(a.memory, un.memory + nz.memory))
}

/// Every node's score for one Job's pods (they all have the same
/// constraints), kept current as pods bind and release, with a tournament
/// tree over it: placing a pod costs O(log nodes), not a pass over all
/// nodes. Dropped whenever a node changes in any other way.
#[derive(Debug, Clone)]
pub(crate) struct ScoreCache {
    pub(super) job: u32,
    pub(super) uid: u64,
    /// The Job's requests when its pods have no node selector: then a
    /// plain node's score needs nothing else.
    pub(super) plain: Option<Resources>,
    /// `tree[k]`: the best (score, node) below `k` (leaves at `width..`;
    /// `NEG_INFINITY` where the pod does not fit, `NO_NODE` past the last
    /// node). Ties go to the lower node, as in a first-to-last scan: the
    /// left subtree always holds the lower nodes.
    pub(super) tree: Vec<(f64, u32)>,
    pub(super) width: usize,
}

pub(super) const NO_NODE: u32 = u32::MAX;

impl ScoreCache {
    pub(super) fn new(
        job: u32,
        uid: u64,
        plain: Option<Resources>,
        scores: Vec<f64>,
    ) -> ScoreCache {
        let width = scores.len().next_power_of_two().max(1);
        let mut tree = vec![(f64::NEG_INFINITY, NO_NODE); 2 * width];
        for (i, &s) in scores.iter().enumerate() {
            tree[width + i] = (s, i as u32);
        }
        for k in (1..width).rev() {
            tree[k] = better(tree[2 * k], tree[2 * k + 1]);
        }
        ScoreCache {
            job,
            uid,
            plain,
            tree,
            width,
        }
    }

    pub(super) fn set(&mut self, n: u32, score: f64) {
        let mut k = self.width + n as usize;
        self.tree[k] = (score, n);
        while k > 1 {
            k /= 2;
            let b = better(self.tree[2 * k], self.tree[2 * k + 1]);
            // Unchanged here means unchanged above: stop climbing.
            if b == self.tree[k] {
                break;
            }
            self.tree[k] = b;
        }
    }

    /// The best node, if the pod fits anywhere.
    pub(super) fn best(&self) -> Option<u32> {
        let (score, n) = self.tree[1.min(self.tree.len() - 1)];
        (n != NO_NODE && score > f64::NEG_INFINITY).then_some(n)
    }
}

/// The better of two subtrees' winners; `l` holds the lower nodes.
#[inline]
pub(super) fn better(l: (f64, u32), r: (f64, u32)) -> (f64, u32) {
    if r.0 > l.0 {
        r
    } else {
        l
    }
}

/// The scheduler's own state: its active and unschedulable queues and the
/// score cache. Only the scheduler writes it.
#[derive(Clone, Default)]
pub(crate) struct SchedulerState {
    pub(crate) pending: std::collections::VecDeque<u32>,
    pub(crate) unschedulable: Vec<u32>,
    /// A `SchedulerRun` is queued.
    pub(crate) queued: bool,
    /// Node scores for the last Job placed; see `ScoreCache`.
    pub(crate) cache: Option<ScoreCache>,
}
