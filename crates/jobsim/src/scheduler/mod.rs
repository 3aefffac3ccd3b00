//! The default scheduler, reduced to what Jobs need: filters (cordon,
//! taints/tolerations, nodeSelector, resource fit) in upstream plugin
//! order, least-allocated scoring with a deterministic tie-break (lowest
//! node), and upstream's `FailedScheduling` wording.

pub mod plugins;

use crate::events::{ObjRef, Reason};
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

    pub(crate) fn scheduler_run(&mut self) {
        self.scheduler.queued = false;
        // All pods of a Job have identical scheduling constraints, so once
        // one fails in this run the rest of that Job fails the same way;
        // this keeps retries linear in the number of pods.
        let mut failed_jobs: Vec<(u32, u32)> = Vec::new();
        while let Some(p) = self.scheduler.pending.pop_front() {
            let pod = &self.store.pods[p as usize];
            if !pod.exists()
                || pod.deletion.is_some()
                || pod.node.is_some()
                || pod.phase.is_terminal()
            {
                continue;
            }
            let j = pod.job;
            if let Some(&(_, msg)) = failed_jobs.iter().find(|(fj, _)| *fj == j) {
                self.mark_unschedulable(p, msg);
                continue;
            }
            match self.place(p) {
                Ok(n) => self.bind(p, n),
                Err(msg) => {
                    let id = self.store.events.intern(msg);
                    failed_jobs.push((j, id));
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

    fn fit(&self, ctx: &PodCtx, n: u32) -> Fit {
        let node = &self.store.nodes[n as usize];
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

    fn pod_ctx(&self, j: u32) -> PodCtx<'_> {
        let job = &self.store.jobs[j as usize];
        let spec = &job.manifest.spec.template.spec;
        PodCtx {
            requests: job.requests,
            nonzero: nonzero(&job.requests),
            tolerations: spec.tolerations.as_deref().unwrap_or(&[]),
            selector: spec.node_selector.as_ref(),
        }
    }

    /// Node `n`'s score for pods of this context (`NEG_INFINITY`: no fit).
    fn node_score(&self, ctx: &PodCtx, n: u32) -> f64 {
        let node = &self.store.nodes[n as usize];
        if !node.exists() {
            return f64::NEG_INFINITY;
        }
        match self.fit(ctx, n) {
            Fit::Ok(s) => s,
            Fit::No(..) => f64::NEG_INFINITY,
        }
    }

    /// Picks the node for pod `p` through the score cache, (re)building it
    /// for the pod's Job; the full filter pass runs only to word a failure.
    fn place(&mut self, p: u32) -> Result<u32, String> {
        let j = self.store.pods[p as usize].job;
        let uid = self.store.jobs[j as usize].uid;
        if !self
            .scheduler
            .cache
            .as_ref()
            .is_some_and(|c| c.job == j && c.uid == uid)
        {
            let ctx = self.pod_ctx(j);
            let scores = (0..self.store.nodes.len() as u32)
                .map(|n| self.node_score(&ctx, n))
                .collect();
            let plain = ctx.selector.is_none().then_some(ctx.requests);
            self.scheduler.cache = Some(ScoreCache::new(j, uid, plain, scores));
        }
        match self.scheduler.cache.as_ref().and_then(ScoreCache::best) {
            Some(n) => {
                // Every test run checks the cache against the full pass.
                debug_assert_eq!(self.find_node(p), Ok(n), "score cache out of date");
                Ok(n)
            }
            None => self.find_node(p),
        }
    }

    /// Re-scores node `n` in the cache after its requests changed.
    fn rescore(&mut self, n: u32) {
        let Some((j, plain)) = self.scheduler.cache.as_ref().map(|c| (c.job, c.plain)) else {
            return;
        };
        // On a plain node only the requests matter: no need to look up the
        // Job's template (the common case, twice per pod).
        let node = &self.store.nodes[n as usize];
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
            _ => self.node_score(&self.pod_ctx(j), n),
        };
        if let Some(c) = self.scheduler.cache.as_mut() {
            c.set(n, score);
        }
    }

    fn find_node(&self, p: u32) -> Result<u32, String> {
        let mut best: Option<(f64, u32)> = None;
        let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
        let (mut preempt_useless, mut no_victims) = (0usize, 0usize);
        let mut total = 0;
        let ctx = self.pod_ctx(self.store.pods[p as usize].job);
        for (i, node) in self.store.nodes.iter().enumerate() {
            if !node.exists() {
                continue;
            }
            total += 1;
            match self.fit(&ctx, i as u32) {
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
        self.rescore(n);
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
        self.rescore(n);
        self.scheduler_capacity_changed();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Toleration;

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
