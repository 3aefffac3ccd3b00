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

/// `count` nodes (`node-1`...) with the given extra labels per node, a
/// Job with one pod per node, and `actions`.
fn pool(labels: &[&str], actions: &str) -> String {
    let n = labels.len();
    let nodes: String = labels
        .iter()
        .enumerate()
        .map(|(i, l)| format!("  - {{name: node-{}, labels: {{{l}}}}}\n", i + 1))
        .collect();
    format!(
        "{}---\napiVersion: jobsim/v1alpha1\nkind: Scenario\nspec:\n  nodes:\n{nodes}  actions:\n{actions}",
        job(
            "render",
            &format!("  completions: {n}\n  parallelism: {n}"),
            "Never",
            "sleep 3600"
        )
    )
}

fn events_of(w: &World, reason: &str) -> Vec<String> {
    kubectl(w, "get events")
        .lines()
        .filter(|l| l.split_whitespace().nth(2) == Some(reason))
        .map(String::from)
        .collect()
}

#[test]
fn full_disruption_stops_evictions() {
    // handleDisruption: every zone fully disrupted (ComputeZoneState: no
    // Ready node) -> "Entering master disruption mode": markNodeAsReachable
    // on every node and the NoExecute tainter's limiter at 0. A one-node
    // cluster whose node crashes keeps its pod, Running and not ready.
    let mut w = world(&pool(
        &[""],
        &format!("  - {{at: {CRASH_AT}s, crashNode: node-1}}\n"),
    ));
    at(&mut w, CRASH_AT + 50 + 300 + 60);
    let p = on_node_1(&w)[0];
    assert!(w.pods()[p as usize].deletion.is_none(), "never evicted");
    assert!(events_of(&w, "TaintManagerEviction").is_empty());
    let node = kubectl(&w, "get node node-1 -o yaml");
    assert!(node.contains("effect: NoSchedule"), "{node}");
    assert!(!node.contains("NoExecute"), "no NoExecute taint\n{node}");
    // MarkPodsNotReady still ran; kubectl's READY counts ready containers,
    // which nobody changed: 1/1 Running.
    let pods = kubectl(&w, "get pods");
    let row = pods.lines().nth(1).unwrap();
    assert!(row.contains(" 1/1 ") && row.contains(" Running "), "{pods}");
    let yaml = kubectl(&w, &format!("get pod {} -o yaml", w.pod_name(p)));
    let cond = |t: &str| {
        let i = yaml.find(&format!("type: {t}\n")).unwrap();
        let block = &yaml[..i];
        block[block.rfind("- lastProbeTime").unwrap()..].to_string()
    };
    assert!(cond("Ready").contains("status: \"False\""), "{yaml}");
    assert!(
        cond("ContainersReady").contains("status: \"True\""),
        "{yaml}"
    );
    let note = w.node_loss_note(0).expect("a note");
    assert!(
        matches!(
            note,
            jobsim::nodelifecycle::NodeLossNote::EvictionsHeld { full: true, .. }
        ),
        "{note:?}"
    );
}

#[test]
fn last_ready_node_lost_cancels_pending_evictions() {
    // Two of three nodes lost: Normal, both tainted and their pods'
    // deletions scheduled. The third goes too: master disruption mode takes
    // the taints off and the taint manager cancels each pending deletion
    // (cancelWorkWithEvent: "Cancelling deletion of Pod default/NAME").
    let mut w = world(&pool(
        &["", "", ""],
        "  - {at: 10s, crashNode: node-1}\n  - {at: 20s, crashNode: node-2}\n  - {at: 100s, crashNode: node-3}\n",
    ));
    at(&mut w, 71);
    assert!(kubectl(&w, "get node node-2 -o yaml").contains("NoExecute"));
    at(&mut w, 151);
    let cancelled = events_of(&w, "TaintManagerEviction");
    assert_eq!(cancelled.len(), 2, "{cancelled:?}");
    for row in &cancelled {
        assert!(row.contains(" Normal "), "{row}");
        assert!(
            row.contains("Cancelling deletion of Pod default/render-"),
            "{row}"
        );
    }
    at(&mut w, 1000);
    assert!(
        w.pods().iter().all(|p| p.deletion.is_none()),
        "nothing evicted"
    );
    // One node back: master disruption mode ends, the two still NotReady
    // are tainted again and their pods evicted a full toleration later.
    w.apply(
        Time(1_000_000),
        jobsim::world::Input::Action(jobsim::scenario::Verb::RecoverNode("node-3".into())),
    );
    at(&mut w, 1000 + 299);
    assert!(w.pods().iter().all(|p| p.deletion.is_none()));
    at(&mut w, 1000 + 300);
    let evicted = w.pods().iter().filter(|p| p.deletion.is_some()).count();
    assert_eq!(evicted, 2, "evicted 300 s after the taints came back");
}

#[test]
fn partial_disruption_in_a_small_zone_holds_evictions() {
    // ComputeZoneState: more than two NotReady and at least 55 % ->
    // PartialDisruption; ReducedQPSFunc gives a zone of at most 50 nodes
    // rate 0. Zones come from topology.kubernetes.io/zone (GetZoneKey):
    // zone b, healthy, keeps its own state.
    let a = "topology.kubernetes.io/zone: a";
    let b = "topology.kubernetes.io/zone: b";
    let crash = |n: u32| format!("  - {{at: 10s, crashNode: node-{n}}}\n");
    let mut w = world(&pool(
        &[a, a, a, a, b],
        &(1..=3).map(crash).collect::<String>(),
    ));
    at(&mut w, 10 + 50 + 300 + 10);
    assert!(
        w.pods().iter().all(|p| p.deletion.is_none()),
        "held in zone a"
    );
    let note = w.node_loss_note(0).expect("a note");
    assert!(
        matches!(
            note,
            jobsim::nodelifecycle::NodeLossNote::EvictionsHeld { full: false, .. }
        ),
        "{note:?}"
    );
    // Two of four NotReady in zone a is Normal: evictions go ahead.
    let mut w = world(&pool(
        &[a, a, a, a, b],
        &(1..=2).map(crash).collect::<String>(),
    ));
    at(&mut w, 10 + 50 + 300);
    assert_eq!(w.pods().iter().filter(|p| p.deletion.is_some()).count(), 2);
}

#[test]
fn compute_zone_state_table() {
    use jobsim::nodelifecycle::{compute_zone_state, zone_evicts, ZoneState::*};
    // (ready, not ready, state) as ComputeZoneState decides.
    for (ready, not_ready, want) in [
        (0, 1, FullDisruption),
        (3, 0, Normal),
        (0, 0, Normal),
        (2, 2, Normal), // not more than two NotReady
        (1, 3, PartialDisruption),
        (3, 3, Normal),            // 50 % < 55 %
        (2, 3, PartialDisruption), // 60 %
        (100, 100, Normal),
        (40, 60, PartialDisruption),
    ] {
        assert_eq!(
            compute_zone_state(ready, not_ready),
            want,
            "{ready}/{not_ready}"
        );
    }
    // setLimiterInZone: only a partial disruption in a small zone stops.
    assert!(zone_evicts(Normal, 3));
    assert!(
        zone_evicts(FullDisruption, 3),
        "one zone down, others fine: healthy rate"
    );
    assert!(!zone_evicts(PartialDisruption, 50));
    assert!(
        zone_evicts(PartialDisruption, 51),
        "secondary rate 0.01 qps"
    );
}

#[test]
fn recovery_before_the_toleration_ends_cancels_the_eviction() {
    // Taint eviction's handleNodeUpdate: the taint is gone, so the
    // scheduled deletion is cancelled with the taint manager's own event.
    let mut w = world(&scenario("", "", "  - {at: 200s, recoverNode: node-1}\n"));
    at(&mut w, CRASH_AT);
    let name = w.pod_name(on_node_1(&w)[0]);
    at(&mut w, 200);
    let cancelled = events_of(&w, "TaintManagerEviction");
    assert_eq!(cancelled.len(), 1, "{cancelled:?}");
    assert!(
        cancelled[0].contains(&format!("pod/{name}")),
        "{cancelled:?}"
    );
    assert!(cancelled[0].ends_with(&format!("Cancelling deletion of Pod default/{name}")));
    // Back after the eviction: nothing pending, nothing to cancel.
    let mut w = world(&scenario("", "", "  - {at: 400s, recoverNode: node-1}\n"));
    at(&mut w, 400);
    let rows = events_of(&w, "TaintManagerEviction");
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert!(rows[0].contains("Marking for deletion Pod"), "{rows:?}");
}

#[test]
fn default_toleration_seconds_table() {
    // The DefaultTolerationSeconds admission plugin: a toleration with the
    // taint's key (or no key) and effect NoExecute (or none) counts as the
    // pod's own; otherwise Exists/NoExecute/300 s is added for each of
    // not-ready and unreachable.
    use jobsim::api::Toleration;
    use jobsim::nodelifecycle::default_toleration_seconds;
    let t = |key: Option<&str>, effect: Option<&str>, secs: Option<i64>| Toleration {
        key: key.map(String::from),
        operator: Some("Exists".into()),
        value: None,
        effect: effect.map(String::from),
        toleration_seconds: secs,
    };
    let unreachable = "node.kubernetes.io/unreachable";
    let not_ready = "node.kubernetes.io/not-ready";
    // (own tolerations, default keys added)
    let cases: Vec<(Vec<Toleration>, Vec<&str>)> = vec![
        (vec![], vec![not_ready, unreachable]),
        (
            vec![t(Some(unreachable), Some("NoExecute"), Some(60))],
            vec![not_ready],
        ),
        (vec![t(Some(unreachable), None, None)], vec![not_ready]),
        (vec![t(None, None, None)], vec![]),
        (vec![t(Some(""), Some("NoExecute"), None)], vec![]),
        (
            vec![t(Some(unreachable), Some("NoSchedule"), None)],
            vec![not_ready, unreachable],
        ),
        (
            vec![t(Some("gpu"), Some("NoExecute"), None)],
            vec![not_ready, unreachable],
        ),
    ];
    for (own, added) in cases {
        let out = default_toleration_seconds(&own, 300);
        assert_eq!(&out[..own.len()], &own[..], "own first");
        let extra: Vec<&str> = out[own.len()..]
            .iter()
            .map(|t| t.key.as_deref().unwrap())
            .collect();
        assert_eq!(extra, added, "{own:?}");
        assert!(out[own.len()..]
            .iter()
            .all(|t| t.toleration_seconds == Some(300)
                && t.effect.as_deref() == Some("NoExecute")
                && t.operator.as_deref() == Some("Exists")));
    }
}

#[test]
fn events_outlive_deleted_pods_and_nodes() {
    // The API server keeps an Event until --event-ttl (1 h), whatever
    // became of its object: after the crashed node is deleted and PodGC
    // removed its pod, the NotReady and eviction events are still listed.
    let mut w = world(&scenario("", "", "  - {at: 7m, removeNode: node-1}\n"));
    at(&mut w, CRASH_AT);
    let name = w.pod_name(on_node_1(&w)[0]);
    at(&mut w, 30 * 60);
    assert!(!kubectl(&w, "get pods").contains(&name), "pod gone");
    let events = kubectl(&w, "get events");
    assert!(events.contains("node/node-1"), "{events}");
    assert!(
        events.contains(&format!("Marking for deletion Pod default/{name}")),
        "{events}"
    );
    let list = jobsim::kubectl::objects::list_json(&w);
    for want in [
        "\"reason\": \"NodeNotReady\"".to_string(),
        "\"reason\": \"TaintManagerEviction\"".to_string(),
        format!("\"name\": \"{name}\""),
    ] {
        assert!(list.contains(&want), "{want}");
    }
    // An hour after they were last seen they are gone.
    at(&mut w, 2 * 3600);
    assert!(!kubectl(&w, "get events").contains(&name));
}
