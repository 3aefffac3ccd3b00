//! The default scheduler, reduced to what Jobs need: filters (cordon,
//! taints/tolerations, nodeSelector, resource fit) in upstream plugin
//! order, least-allocated scoring with a deterministic tie-break (lowest
//! node), and upstream's `FailedScheduling` wording.

pub mod plugins;

use crate::events::{ObjRef, Reason};
use crate::store::Store;
use crate::world::{Ev, Watch, World};
pub use plugins::*;
use std::collections::BTreeMap;

impl World {
    pub(crate) fn scheduler_enqueue(&mut self, p: u32) {
        self.scheduler.pending.push_back(p);
        self.queue_scheduler_run();
    }

    fn queue_scheduler_run(&mut self) {
        if !self.scheduler.queued {
            self.scheduler.queued = true;
            self.push(self.now, Ev::SchedulerRun);
        }
    }

    /// A node or a Job's pod template changed: the cached scores are stale.
    pub(crate) fn drop_score_cache(&mut self) {
        self.scheduler.cache = None;
    }

    /// Capacity freed or a node became usable: retry unschedulable pods.
    pub(crate) fn scheduler_capacity_changed(&mut self) {
        if self.scheduler.unschedulable.is_empty() {
            return;
        }
        let retry = std::mem::take(&mut self.scheduler.unschedulable);
        self.scheduler.pending.extend(retry);
        self.queue_scheduler_run();
    }

    /// A scheduling run: each pending pod is decided by [`schedule_one`]
    /// (reading the store and the scheduler's own cache) and the decision
    /// applied at once, so the next pod sees the node's new requests.
    pub(crate) fn scheduler_run(&mut self) {
        self.scheduler.queued = false;
        // All pods of a Job have identical scheduling constraints, so once
        // one fails in this run the rest of that Job fails the same way;
        // this keeps retries linear in the number of pods.
        let mut failed_jobs: Vec<(u32, u32)> = Vec::new();
        while let Some(p) = self.scheduler.pending.pop_front() {
            match schedule_one(&mut self.scheduler, &self.store, p, &failed_jobs) {
                Placement::Skip => {}
                Placement::Bind(n) => self.bind(p, n),
                Placement::SameAsJob(msg) => self.mark_unschedulable(p, msg),
                Placement::Unschedulable(msg) => {
                    let id = self.store.events.intern(msg);
                    failed_jobs.push((self.store.pods[p as usize].job, id));
                    self.mark_unschedulable(p, id);
                }
            }
        }
    }

    fn mark_unschedulable(&mut self, p: u32, msg: u32) {
        self.store.pods[p as usize].unschedulable = crate::pod::OptId::some(msg);
        self.record(ObjRef::Pod(p), Reason::FailedScheduling { msg });
        self.scheduler.unschedulable.push(p);
    }

    fn bind(&mut self, p: u32, n: u32) {
        let r = self.store.jobs[self.store.pods[p as usize].job as usize].requests;
        let nz = nonzero(&r);
        let node = &mut self.store.nodes[n as usize];
        node.requested.cpu += r.cpu;
        node.requested.memory += r.memory;
        node.requested.gpu += r.gpu;
        node.requested.pods += 1;
        node.requested_nonzero.cpu += nz.cpu;
        node.requested_nonzero.memory += nz.memory;
        node.requested_nonzero.pods += 1;
        node.pods.push(p);
        rescore(&mut self.scheduler, &self.store, n);
        let pod = &mut self.store.pods[p as usize];
        pod.node = crate::pod::OptId::some(n);
        pod.scheduled_at = crate::clock::Stamp::at(self.now);
        pod.unschedulable = crate::pod::OptId::NONE;
        self.record(ObjRef::Pod(p), Reason::Scheduled { node: n });
        self.notify(Watch::PodBound(p));
    }

    /// Returns a pod's requests to its node (pod terminated or gone).
    pub(crate) fn release(&mut self, p: u32) {
        let Some(n) = self.store.pods[p as usize].node.get() else {
            return;
        };
        let node = &mut self.store.nodes[n as usize];
        let Some(pos) = node.pods.iter().position(|&x| x == p) else {
            return;
        };
        node.pods.swap_remove(pos);
        let r = self.store.jobs[self.store.pods[p as usize].job as usize].requests;
        let nz = nonzero(&r);
        let node = &mut self.store.nodes[n as usize];
        node.requested.cpu -= r.cpu;
        node.requested.memory -= r.memory;
        node.requested.gpu -= r.gpu;
        node.requested.pods -= 1;
        node.requested_nonzero.cpu -= nz.cpu;
        node.requested_nonzero.memory -= nz.memory;
        node.requested_nonzero.pods -= 1;
        rescore(&mut self.scheduler, &self.store, n);
        self.scheduler_capacity_changed();
    }
}

/// What the scheduler decided for one pending pod.
#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    /// Nothing to do: the pod is gone, being deleted, bound or finished.
    Skip,
    /// Bind it to this node (the Binding write, then `Scheduled`).
    Bind(u32),
    /// No node fits: upstream's `FailedScheduling` message.
    Unschedulable(String),
    /// Another pod of its Job failed in this run: the same message
    /// (interned).
    SameAsJob(u32),
}

/// `scheduleOne`: decides pod `p` from the store alone; writes only the
/// scheduler's own score cache. `failed_jobs`: Jobs whose pods failed in
/// this run, with their message.
pub(crate) fn schedule_one(
    state: &mut SchedulerState,
    store: &Store,
    p: u32,
    failed_jobs: &[(u32, u32)],
) -> Placement {
    let pod = &store.pods[p as usize];
    if !pod.exists() || pod.deletion.is_some() || pod.node.is_some() || pod.phase.is_terminal() {
        return Placement::Skip;
    }
    if let Some(&(_, msg)) = failed_jobs.iter().find(|(fj, _)| *fj == pod.job) {
        return Placement::SameAsJob(msg);
    }
    match place(state, store, p) {
        Ok(n) => Placement::Bind(n),
        Err(msg) => Placement::Unschedulable(msg),
    }
}

fn fit(store: &Store, ctx: &PodCtx, n: u32) -> Fit {
    let node = &store.nodes[n as usize];
    if node.unschedulable {
        return Fit::No(vec!["node(s) were unschedulable".into()], false);
    }
    let tolerations = ctx.tolerations;
    for t in &node.taints {
        if t.effect == "PreferNoSchedule" {
            continue;
        }
        if !tolerates(tolerations, &t.key, t.value.as_deref(), &t.effect) {
            return Fit::No(
                vec![format!(
                    "node(s) had untolerated taint {{{}: {}}}",
                    t.key,
                    t.value.as_deref().unwrap_or("")
                )],
                false,
            );
        }
    }
    // The node lifecycle controller's taints (NoSchedule ones filter).
    for (key, effect) in node.lifecycle_taints() {
        if *effect == "NoSchedule" && !tolerates(tolerations, key, None, effect) {
            return Fit::No(
                vec![format!("node(s) had untolerated taint {{{key}: }}")],
                false,
            );
        }
    }
    if let Some(sel) = ctx.selector {
        if sel.iter().any(|(k, v)| node.labels.get(k) != Some(v)) {
            return Fit::No(
                vec!["node(s) didn't match Pod's node affinity/selector".into()],
                false,
            );
        }
    }
    if let Some(score) = resource_score(ctx, node) {
        return Fit::Ok(score);
    }
    let r = &ctx.requests;
    let (a, u) = (&node.allocatable, &node.requested);
    let mut reasons = Vec::new();
    if u.pods + 1 > a.pods {
        reasons.push("Too many pods".to_string());
    }
    if r.cpu > 0 && u.cpu + r.cpu > a.cpu {
        reasons.push("Insufficient cpu".into());
    }
    if r.memory > 0 && u.memory + r.memory > a.memory {
        reasons.push("Insufficient memory".into());
    }
    if r.gpu > 0 && u.gpu + r.gpu > a.gpu {
        reasons.push(format!("Insufficient {}", crate::node::GPU));
    }
    Fit::No(reasons, true)
}

fn pod_ctx(store: &Store, j: u32) -> PodCtx<'_> {
    let job = &store.jobs[j as usize];
    let spec = &job.manifest.spec.template.spec;
    PodCtx {
        requests: job.requests,
        nonzero: nonzero(&job.requests),
        tolerations: spec.tolerations.as_deref().unwrap_or(&[]),
        selector: spec.node_selector.as_ref(),
    }
}

/// Node `n`'s score for pods of this context (`NEG_INFINITY`: no fit).
fn node_score(store: &Store, ctx: &PodCtx, n: u32) -> f64 {
    let node = &store.nodes[n as usize];
    if !node.exists() {
        return f64::NEG_INFINITY;
    }
    match fit(store, ctx, n) {
        Fit::Ok(s) => s,
        Fit::No(..) => f64::NEG_INFINITY,
    }
}

/// Picks the node for pod `p` through the score cache, (re)building it
/// for the pod's Job; the full filter pass runs only to word a failure.
fn place(state: &mut SchedulerState, store: &Store, p: u32) -> Result<u32, String> {
    let j = store.pods[p as usize].job;
    let uid = store.jobs[j as usize].uid;
    if !state
        .cache
        .as_ref()
        .is_some_and(|c| c.job == j && c.uid == uid)
    {
        let ctx = pod_ctx(store, j);
        let scores = (0..store.nodes.len() as u32)
            .map(|n| node_score(store, &ctx, n))
            .collect();
        let plain = ctx.selector.is_none().then_some(ctx.requests);
        state.cache = Some(ScoreCache::new(j, uid, plain, scores));
    }
    match state.cache.as_ref().and_then(ScoreCache::best) {
        Some(n) => {
            // Every test run checks the cache against the full pass.
            debug_assert_eq!(find_node(store, p), Ok(n), "score cache out of date");
            Ok(n)
        }
        None => find_node(store, p),
    }
}

/// Re-scores node `n` in the cache after its requests changed.
pub(crate) fn rescore(state: &mut SchedulerState, store: &Store, n: u32) {
    let Some((j, plain)) = state.cache.as_ref().map(|c| (c.job, c.plain)) else {
        return;
    };
    // On a plain node only the requests matter: no need to look up the
    // Job's template (the common case, twice per pod).
    let node = &store.nodes[n as usize];
    let score = match plain {
        // A plain node filters on resources alone: no taint or selector
        // pass.
        Some(requests) if node.is_plain() && node.exists() => {
            let ctx = PodCtx {
                requests,
                nonzero: nonzero(&requests),
                tolerations: &[],
                selector: None,
            };
            resource_score(&ctx, node).unwrap_or(f64::NEG_INFINITY)
        }
        _ => node_score(store, &pod_ctx(store, j), n),
    };
    if let Some(c) = state.cache.as_mut() {
        c.set(n, score);
    }
}

fn find_node(store: &Store, p: u32) -> Result<u32, String> {
    let mut best: Option<(f64, u32)> = None;
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    let (mut preempt_useless, mut no_victims) = (0usize, 0usize);
    let mut total = 0;
    let ctx = pod_ctx(store, store.pods[p as usize].job);
    for (i, node) in store.nodes.iter().enumerate() {
        if !node.exists() {
            continue;
        }
        total += 1;
        match fit(store, &ctx, i as u32) {
            Fit::Ok(score) => {
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, i as u32));
                }
            }
            Fit::No(rs, resources) => {
                for r in rs {
                    *reasons.entry(r).or_default() += 1;
                }
                if resources {
                    no_victims += 1;
                } else {
                    preempt_useless += 1;
                }
            }
        }
    }
    if let Some((_, n)) = best {
        return Ok(n);
    }
    if total == 0 {
        return Err("no nodes available to schedule pods".into());
    }
    // FitError.Error(): "<count> <reason>" strings, sorted.
    let mut parts: Vec<String> = reasons.iter().map(|(r, c)| format!("{c} {r}")).collect();
    crate::sort::sort_vec_by(&mut parts, Ord::cmp);
    let mut pre = Vec::new();
    if no_victims > 0 {
        pre.push(format!(
            "{no_victims} No preemption victims found for incoming pod"
        ));
    }
    if preempt_useless > 0 {
        pre.push(format!(
            "{preempt_useless} Preemption is not helpful for scheduling"
        ));
    }
    crate::sort::sort_vec_by(&mut pre, Ord::cmp);
    Err(format!(
        "0/{total} nodes are available: {}. preemption: 0/{total} nodes are available: {}.",
        parts.join(", "),
        pre.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Toleration;

    /// `scheduleOne` decides from the store alone: the same store gives
    /// the same placement, nothing is bound until the loop applies it, and
    /// the failure is upstream's FitError text.
    #[test]
    fn schedule_one_decides_without_writing() {
        let gpu = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/gpu.yaml"
        ))
        .unwrap();
        let mut w = World::prepared(&gpu).unwrap();
        w.sync_job_once(0);
        let p = w.store.jobs[0].pods[0];
        let first = schedule_one(&mut w.scheduler, &w.store, p, &[]);
        let again = schedule_one(&mut w.scheduler, &w.store, p, &[]);
        assert_eq!(first, again);
        assert!(w.store.pods[p as usize].node.is_none());
        match first {
            // The selector filter runs before resource fit, so only it
            // counts; it is not a resource, so preemption cannot help.
            Placement::Unschedulable(msg) => assert_eq!(
                msg,
                "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
            ),
            other => panic!("{other:?}"),
        }
        // Another pod of the Job failing in the same run: the same message.
        assert_eq!(
            schedule_one(&mut w.scheduler, &w.store, p, &[(0, 7)]),
            Placement::SameAsJob(7)
        );
    }

    fn tol(
        key: Option<&str>,
        op: Option<&str>,
        value: Option<&str>,
        effect: Option<&str>,
    ) -> Toleration {
        Toleration {
            key: key.map(Into::into),
            operator: op.map(Into::into),
            value: value.map(Into::into),
            effect: effect.map(Into::into),
            toleration_seconds: None,
        }
    }

    #[test]
    fn toleration_matching_table() {
        // v1 helper ToleratesTaint semantics.
        let cases = [
            (
                tol(Some("gpu"), None, Some("true"), Some("NoSchedule")),
                ("gpu", Some("true"), "NoSchedule"),
                true,
            ),
            (
                tol(Some("gpu"), None, Some("false"), Some("NoSchedule")),
                ("gpu", Some("true"), "NoSchedule"),
                false,
            ),
            (
                tol(Some("gpu"), Some("Exists"), None, None),
                ("gpu", Some("x"), "NoExecute"),
                true,
            ),
            (
                tol(None, Some("Exists"), None, None),
                ("anything", None, "NoSchedule"),
                true,
            ),
            (
                tol(Some("gpu"), Some("Exists"), None, Some("NoExecute")),
                ("gpu", None, "NoSchedule"),
                false,
            ),
            (
                tol(Some("other"), Some("Exists"), None, None),
                ("gpu", None, "NoSchedule"),
                false,
            ),
        ];
        for (t, (k, v, e), want) in cases {
            assert_eq!(tolerates(std::slice::from_ref(&t), k, v, e), want, "{t:?}");
        }
    }
}
