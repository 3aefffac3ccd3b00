//! Node loss as upstream plays it (nodelifecycle `monitorNodeHealth`,
//! taint eviction, DefaultTolerationSeconds, the Job's
//! `podReplacementPolicy`, PodGC), with the default timings and with the
//! shortened ones a teacher can turn on.

mod common;
use common::*;
use jobsim::job::CondType;
use jobsim::pod::Phase;
use jobsim::{Time, World};

const CRASH_AT: u64 = 20;

/// Three pods on three nodes; node-1 crashes at 20 s. `timings` and
/// `extra` are Scenario lines (timings block, further actions).
fn scenario(spec: &str, timings: &str, actions: &str) -> String {
    format!(
        "{}---\napiVersion: jobsim/v1alpha1\nkind: Scenario\nspec:\n{timings}  actions:\n  - {{at: {CRASH_AT}s, crashNode: node-1}}\n{actions}",
        job(
            "render",
            &format!("  completions: 3\n  parallelism: 3\n{spec}"),
            "Never",
            "sleep 60"
        )
    )
}

fn on_node_1(w: &World) -> Vec<u32> {
    (0..w.pods().len() as u32)
        .filter(|&p| w.pods()[p as usize].node == Some(0))
        .collect()
}

fn at(w: &mut World, secs: u64) {
    w.run_until(Time(secs * 1000));
}

/// (label, timings block, grace period s, toleration s)
const TIMINGS: [(&str, &str, u64, u64); 3] = [
    // Kubernetes 1.32+ --node-monitor-grace-period 50 s; DefaultTolerationSeconds 300 s.
    ("upstream defaults", "", 50, 300),
    // fastNodeLoss: the shortened model (5 s, 10 s).
    ("fastNodeLoss", "  timings: {fastNodeLoss: true}\n", 5, 10),
    // Explicit values win over fastNodeLoss.
    (
        "explicit",
        "  timings: {fastNodeLoss: true, nodeMonitorGracePeriod: 20s, unreachableTolerationSeconds: 30}\n",
        20,
        30,
    ),
];

#[test]
fn node_loss_timeline_table() {
    for (label, timings, grace, toleration) in TIMINGS {
        let mut w = world(&scenario("", timings, ""));
        at(&mut w, CRASH_AT);
        let lost = on_node_1(&w);
        assert_eq!(lost.len(), 1, "{label}: one pod per node");
        let p = lost[0];
        let name = w.pod_name(p);

        // Silent but not yet noticed: the API still says Ready and Running.
        at(&mut w, CRASH_AT + grace - 1);
        let nodes = kubectl(&w, "get nodes");
        assert!(
            nodes
                .lines()
                .any(|l| l.starts_with("node-1") && l.contains(" Ready ")),
            "{label}: Ready during the grace period\n{nodes}"
        );
        assert!(w.pods()[p as usize].ready, "{label}");
        let ready_before = w.jobs()[0].status.ready;

        // monitorNodeHealth: NotReady, unreachable taints, pods not ready.
        at(&mut w, CRASH_AT + grace);
        let nodes = kubectl(&w, "get nodes");
        assert!(
            nodes
                .lines()
                .any(|l| l.starts_with("node-1") && l.contains("NotReady")),
            "{label}: NotReady at the grace period\n{nodes}"
        );
        let node_yaml = kubectl(&w, "get node node-1 -o yaml");
        assert!(
            node_yaml.contains("node.kubernetes.io/unreachable") && node_yaml.contains("NoExecute"),
            "{label}: unreachable taint\n{node_yaml}"
        );
        assert!(!w.pods()[p as usize].ready, "{label}: MarkPodsNotReady");
        at(&mut w, CRASH_AT + grace + 1);
        // status.ready follows at the Job's next sync (1 s batch period).
        assert_eq!(
            w.jobs()[0].status.ready,
            ready_before - 1,
            "{label}: Job ready drops"
        );
        let described = kubectl(&w, &format!("describe pod {name}"));
        assert!(
            described.contains("Node is not ready"),
            "{label}\n{described}"
        );
        assert!(
            described.contains(&format!(
                "node.kubernetes.io/unreachable:NoExecute op=Exists for {toleration}s"
            )),
            "{label}: DefaultTolerationSeconds\n{described}"
        );
        assert_eq!(w.pods().len(), 3, "{label}: no replacement before eviction");

        // Taint eviction at grace + tolerationSeconds.
        at(&mut w, CRASH_AT + grace + toleration - 1);
        assert!(
            w.pods()[p as usize].deletion.is_none(),
            "{label}: tolerated"
        );
        at(&mut w, CRASH_AT + grace + toleration);
        let pods = kubectl(&w, "get pods");
        assert!(
            pods.lines()
                .any(|l| l.starts_with(&name) && l.contains("Terminating")),
            "{label}: Terminating on the unreachable node\n{pods}"
        );
        let yaml = kubectl(&w, &format!("get pod {name} -o yaml"));
        assert!(
            yaml.contains("reason: DeletionByTaintManager"),
            "{label}\n{yaml}"
        );
        assert!(
            yaml.contains("deletionGracePeriodSeconds: 30"),
            "{label}\n{yaml}"
        );
        // deletionTimestamp = the deletion request + the grace period.
        let stamp = |s: u64| {
            jobsim::clock::rfc3339(jobsim::clock::unix_secs(w.origin_unix(), Time(s * 1000)))
        };
        let evicted = CRASH_AT + grace + toleration;
        assert!(
            yaml.contains(&format!("deletionTimestamp: \"{}\"", stamp(evicted + 30))),
            "{label}: deletionTimestamp\n{yaml}"
        );
        // Ready=False got its transition time when the node turned NotReady.
        let ready_at = format!("lastTransitionTime: \"{}\"", stamp(CRASH_AT + grace));
        assert!(
            yaml.contains(&ready_at),
            "{label}: Ready transition\n{yaml}"
        );
        // TerminatingOrFailed: counted failed and replaced at the next sync
        // (the back-off counts from the Ready=False time, long past).
        at(&mut w, CRASH_AT + grace + toleration + 1);
        assert_eq!(w.jobs()[0].status.failed, 1, "{label}");
        assert_eq!(w.jobs()[0].status.terminating, 1, "{label}");
        assert_eq!(
            w.pods().len(),
            4,
            "{label}: replacement created at eviction"
        );
        assert_eq!(
            w.pods()[3].created,
            Time((CRASH_AT + grace + toleration + 1) * 1000),
            "{label}"
        );
        assert_ne!(w.pods()[3].node, Some(0), "{label}: not on the lost node");

        // The replacement succeeds, but Complete waits for the lost pod.
        w.run_to_end();
        assert_eq!(w.jobs()[0].status.succeeded, 3, "{label}");
        assert!(
            w.jobs()[0].condition(CondType::Complete).is_none(),
            "{label}"
        );
        assert!(
            w.jobs()[0]
                .condition(CondType::SuccessCriteriaMet)
                .is_some(),
            "{label}"
        );
        assert_eq!(
            w.pods()[p as usize].phase,
            Phase::Running,
            "{label}: still Terminating"
        );
    }
}

#[test]
fn recovered_node_finishes_the_termination_and_the_job_completes() {
    // The kubelet comes back, kills the deleted pod (its container is gone:
    // ContainerStatusUnknown, exit 137), and the Job gets Complete.
    let mut w = world(&scenario(
        "",
        "  timings: {fastNodeLoss: true}\n",
        "  - {at: 2m, recoverNode: node-1}\n",
    ));
    at(&mut w, CRASH_AT);
    let p = on_node_1(&w)[0];
    w.run_to_end();
    let pod = &w.pods()[p as usize];
    assert_eq!(pod.phase, Phase::Failed);
    assert!(pod.gone.is_some(), "removed once terminated");
    assert_eq!(
        secs(
            w.jobs()[0]
                .condition(CondType::Complete)
                .expect("Complete")
                .time
        ),
        // The pod is gone at 2m; the Job syncs after its 1 s batch period.
        121.0,
        "Complete when the last terminating pod is gone"
    );
    let nodes = kubectl(&w, "get nodes");
    assert!(
        nodes
            .lines()
            .any(|l| l.starts_with("node-1") && l.contains(" Ready ")),
        "{nodes}"
    );
}

#[test]
fn recovery_before_eviction_reports_lost_containers() {
    // Back before the taint manager acted: nothing was deleted, and the
    // restarted kubelet reports the running container as not found
    // (ContainerStatusUnknown, exit 137): a Never pod fails, the Job
    // replaces it after the 10 s back-off.
    let mut w = world(&scenario("", "", "  - {at: 40s, recoverNode: node-1}\n"));
    at(&mut w, CRASH_AT);
    let p = on_node_1(&w)[0];
    let name = w.pod_name(p);
    at(&mut w, 40);
    assert_eq!(w.pods()[p as usize].phase, Phase::Failed);
    let yaml = kubectl(&w, &format!("get pod {name} -o yaml"));
    assert!(yaml.contains("reason: ContainerStatusUnknown"), "{yaml}");
    assert!(
        yaml.contains("message: The container could not be located when the pod was terminated"),
        "{yaml}"
    );
    assert!(yaml.contains("exitCode: 137"), "{yaml}");
    w.run_to_end();
    assert_eq!(w.jobs()[0].status.failed, 1);
    assert_eq!(
        w.pods()[3].created,
        Time(50_000),
        "10 s back-off after the failure"
    );
    assert!(w.jobs()[0].condition(CondType::Complete).is_some());
}

#[test]
fn replacement_policy_failed_waits_for_the_terminating_pod() {
    // podReplacementPolicy: Failed: no replacement while the evicted pod is
    // Terminating; it comes once the recovered kubelet marks it Failed.
    let mut w = world(&scenario(
        "  podReplacementPolicy: Failed\n",
        "  timings: {fastNodeLoss: true}\n",
        "  - {at: 3m, recoverNode: node-1}\n",
    ));
    at(&mut w, 179);
    assert_eq!(w.pods().len(), 3, "no replacement while terminating");
    assert_eq!(w.jobs()[0].status.terminating, 1);
    w.run_to_end();
    assert_eq!(w.pods().len(), 4);
    // Failed at 3m; the next pod waits out the 10 s back-off from then.
    assert_eq!(w.pods()[3].created, Time(190_000), "replaced once Failed");
    assert!(w.jobs()[0].condition(CondType::Complete).is_some());
}

#[test]
fn removed_node_pods_are_failed_by_podgc_after_the_quarantine() {
    // gcOrphaned: 40 s after the Node object is deleted its pods are Failed
    // with DisruptionTarget DeletionByPodGC and force-deleted.
    let mut w = world(&scenario("", "", "  - {at: 30s, removeNode: node-1}\n"));
    at(&mut w, CRASH_AT);
    let p = on_node_1(&w)[0];
    at(&mut w, 69);
    assert!(w.pods()[p as usize].gone.is_none(), "quarantine");
    assert!(
        !kubectl(&w, "get nodes").contains("node-1"),
        "Node object gone"
    );
    at(&mut w, 70);
    let pod = &w.pods()[p as usize];
    assert_eq!(pod.phase, Phase::Failed);
    assert!(pod.gone.is_some());
    assert_eq!(pod.reason, Some(jobsim::pod::PodReason::PodGc));
    w.run_to_end();
    assert!(w.jobs()[0].condition(CondType::Complete).is_some());
}

#[test]
fn own_toleration_without_seconds_is_never_evicted() {
    // DefaultTolerationSeconds adds nothing when the pod already tolerates
    // the taint; getMinTolerationTime: no tolerationSeconds = forever.
    let text = scenario("", "  timings: {fastNodeLoss: true}\n", "").replace(
        "      containers:",
        "      tolerations:\n      - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute}\n      containers:",
    );
    let mut w = world(&text);
    at(&mut w, CRASH_AT);
    let p = on_node_1(&w)[0];
    at(&mut w, 3600);
    assert!(w.pods()[p as usize].deletion.is_none(), "tolerates forever");
    let yaml = kubectl(&w, &format!("get pod {} -o yaml", w.pod_name(p)));
    assert!(
        yaml.contains("node.kubernetes.io/not-ready"),
        "the other default is added\n{yaml}"
    );
    assert_eq!(
        yaml.matches("node.kubernetes.io/unreachable").count(),
        1,
        "{yaml}"
    );
}
