//! Table-driven checks of Job controller rules; each case names the
//! upstream behaviour it pins down by the upstream function or docs page.

mod common;
use common::*;
use jobsim::job::CondType;
use jobsim::pod::Phase;
use jobsim::scenario::Verb;
use jobsim::{Input, Time, World};

fn cond(w: &World, kind: CondType) -> Option<(&'static str, f64)> {
    w.jobs()[0]
        .condition(kind)
        .map(|c| (c.reason, secs(c.time)))
}

#[test]
fn backoff_limit_counting_table() {
    // (name, spec lines, restartPolicy, script, want failed, want pods)
    let cases = [
        // job_controller.go exceedsBackoffLimit: failed > backoffLimit: 0 fails on the first failure.
        (
            "backoff-limit-zero",
            "  backoffLimit: 0",
            "Never",
            "exit 1",
            1,
            1,
        ),
        // exceedsBackoffLimit with SetDefaults_Job's backoffLimit 6: fails on the 7th failure.
        (
            "default-six",
            "  completions: 1",
            "Never",
            "sleep 1; exit 2",
            7,
            7,
        ),
        // pastBackoffLimitOnFailure: summed restarts >= backoffLimit; the pod is deleted and counted.
        (
            "on-failure",
            "  backoffLimit: 2",
            "OnFailure",
            "exit 1",
            1,
            1,
        ),
        // pastBackoffLimitOnFailure with backoffLimit 0: any restart fails the Job.
        (
            "on-failure-zero",
            "  backoffLimit: 0",
            "OnFailure",
            "exit 1",
            1,
            1,
        ),
    ];
    for (name, spec, restart, script, failed, pods) in cases {
        let w = finished(&job(name, spec, restart, script));
        let j = &w.jobs()[0];
        assert_eq!(j.status.failed, failed, "{name}");
        assert_eq!(w.pods().len(), pods, "{name}");
        let (reason, _) =
            cond(&w, CondType::Failed).unwrap_or_else(|| panic!("{name}: not failed"));
        assert_eq!(reason, "BackoffLimitExceeded", "{name}");
        assert!(w.pods().iter().all(|p| p.phase.is_terminal()), "{name}");
    }
}

#[test]
fn on_failure_restarts_in_place_with_crashloop_backoff() {
    // kubelet container restart back-off (flowcontrol.Backoff): first restart immediate, then 10 s, 20 s ...; restartCount grows.
    let mut w = world(&job(
        "crash",
        "  backoffLimit: 4",
        "OnFailure",
        "sleep 1; exit 1",
    ));
    w.run_until(Time(20_000));
    let p = &w.pods()[0];
    assert_eq!(w.pods().len(), 1, "restarts stay in the same pod");
    assert!(p.restarts() >= 2, "{}", p.restarts());
    let table = kubectl(&w, "get pods");
    assert!(
        table.contains("CrashLoopBackOff") || table.contains("Running"),
        "{table}"
    );
    let described = kubectl(&w, &format!("describe pod {}", w.pod_name(0)));
    assert!(
        described.contains("Back-off restarting failed container main in pod crash-"),
        "{described}"
    );
    w.run_to_end();
    assert_eq!(
        cond(&w, CondType::Failed).unwrap().0,
        "BackoffLimitExceeded"
    );
    assert_eq!(w.jobs()[0].status.failed, 1);
}

#[test]
fn completions_and_parallelism_table() {
    // (spec, want succeeded, want pods, want completedIndexes)
    let cases: [(&str, u64, usize, Option<&str>); 4] = [
        // [1] fixed completion count, NonIndexed.
        ("  completions: 5\n  parallelism: 2", 5, 5, None),
        // [1] work queue: completions unset; after the first success no new pods.
        ("  parallelism: 3", 3, 3, None),
        // indexed_job_utils.go calculateSucceededIndexes / orderedIntervals.String: every index once; completedIndexes as intervals.
        (
            "  completions: 5\n  parallelism: 3\n  completionMode: Indexed",
            5,
            5,
            Some("0-4"),
        ),
        // parallelism 0 runs nothing and never completes.
        ("  completions: 2\n  parallelism: 0", 0, 0, None),
    ];
    for (spec, succeeded, pods, indexes) in cases {
        let mut w = world(&job("work", spec, "Never", "sleep 3"));
        let mut max_active = 0;
        while w.step().is_some() {
            let active = w.pods().iter().filter(|p| p.is_active()).count();
            max_active = max_active.max(active);
        }
        let j = &w.jobs()[0];
        assert!(
            max_active as u32 <= j.parallelism,
            "{spec}: {max_active} active"
        );
        assert_eq!(j.status.succeeded, succeeded, "{spec}");
        assert_eq!(w.pods().len(), pods, "{spec}");
        if let Some(ix) = indexes {
            assert_eq!(j.status.completed_indexes.to_string(), ix);
            for (i, p) in w.pods().iter().enumerate() {
                assert!(
                    w.pod_name(i as u32)
                        .starts_with(&format!("work-{}-", p.index.get().unwrap())),
                    "{}",
                    w.pod_name(i as u32)
                );
                let _ = i;
            }
        }
        if succeeded > 0 {
            assert_eq!(
                cond(&w, CondType::Complete).unwrap().0,
                "CompletionsReached",
                "{spec}"
            );
        } else {
            assert!(j.terminal_condition().is_none());
        }
    }
}

#[test]
fn job_completion_index_reaches_the_container() {
    // addCompletionIndexEnvVariable: JOB_COMPLETION_INDEX env from the completion-index label.
    let text = job(
        "idx",
        "  completions: 3\n  parallelism: 3\n  completionMode: Indexed",
        "Never",
        "echo item $JOB_COMPLETION_INDEX; exit $JOB_COMPLETION_INDEX",
    );
    let w = finished(&text);
    let p0 = w.pods().iter().position(|p| p.index == Some(0)).unwrap();
    assert_eq!(
        kubectl(&w, &format!("logs {}", w.pod_name(p0 as u32))),
        "item 0\n"
    );
    // index 1 and 2 exit non-zero and are retried; index 0 succeeds once.
    assert!(w.jobs()[0].status.completed_indexes.contains(0));
    assert!(!w.jobs()[0].status.completed_indexes.contains(1));
}

#[test]
fn pod_creation_backoff_resets_after_success() {
    // backoff_utils.go newBackoffRecord: a success resets failuresAfterLastSuccess.
    let text = format!(
        "{}---\napiVersion: jobsim/v1alpha1\nkind: Scenario\nspec:\n  behaviors:\n  - match: {{attempt: 1}}\n    exitCode: 1\n  - match: {{attempt: 2}}\n    exitCode: 1\n",
        job("reset", "  completions: 2\n  parallelism: 1\n  completionMode: Indexed", "Never", "sleep 1")
    );
    let w = finished(&text);
    // index 0: fail, fail (gap 10 then 20), success; index 1: fail -> 10 s again.
    let pods: Vec<_> = w.pods().iter().cloned().collect();
    let gaps: Vec<f64> = pods
        .windows(2)
        .map(|p| secs(p[1].created) - secs(p[0].finished_at.get().unwrap()))
        .collect();
    assert_eq!(gaps.len(), 5, "{gaps:?}");
    assert_eq!(&gaps[..2], &[10.0, 20.0]);
    assert!(gaps[2] < 10.0, "after a success no back-off: {gaps:?}");
    assert_eq!(gaps[3], 10.0, "back-off starts over: {gaps:?}");
    assert_eq!(
        cond(&w, CondType::Complete).unwrap().0,
        "CompletionsReached"
    );
}

#[test]
fn active_deadline_fails_the_job_and_counts_active_pods() {
    // pastActiveDeadline: now - startTime >= ADS -> DeadlineExceeded; active pods deleted and counted.
    let w = finished(&job(
        "deadline",
        "  activeDeadlineSeconds: 10",
        "Never",
        "sleep 100",
    ));
    let (reason, t) = cond(&w, CondType::Failed).unwrap();
    assert_eq!(reason, "DeadlineExceeded");
    assert!((10.0..=13.0).contains(&t), "{t}");
    assert_eq!(w.jobs()[0].status.failed, 1);
    let ev = kubectl(&w, "get events");
    assert!(
        ev.contains("Job was active longer than specified deadline"),
        "{ev}"
    );
    assert!(ev.contains("SuccessfulDelete"), "{ev}");
}

#[test]
fn deleted_pod_counts_as_failed_and_is_replaced() {
    // isPodFailed with podReplacementPolicy TerminatingOrFailed: a deleted running pod is a failure at once.
    let mut w = world(&job("del", "  completions: 1", "Never", "sleep 60"));
    w.apply(Time(10_000), Input::Action(Verb::DeletePod("del-".into())));
    w.run_until(Time(12_000));
    assert_eq!(w.jobs()[0].status.failed, 1);
    w.run_to_end();
    assert_eq!(w.pods().len(), 2);
    assert!(
        w.pods()[1].created >= Time(20_000),
        "replacement waits for the pod back-off"
    );
    assert_eq!(
        cond(&w, CondType::Complete).unwrap().0,
        "CompletionsReached"
    );
}

#[test]
fn crashed_node_pods_are_replaced_elsewhere() {
    // Seed claim 5: a node failure re-runs the pods on another node.
    let text = format!(
        "{}---\napiVersion: jobsim/v1alpha1\nkind: Scenario\nspec:\n  timings: {{fastNodeLoss: true}}\n  actions:\n  - {{at: 20s, crashNode: node-1}}\n",
        job("crash", "  completions: 3\n  parallelism: 3", "Never", "sleep 60")
    );
    let mut w = world(&text);
    w.run_until(Time(19_000));
    let on_1: Vec<String> = w
        .pods()
        .iter()
        .enumerate()
        .filter(|(_, p)| p.node == Some(0))
        .map(|(i, _)| w.pod_name(i as u32))
        .collect();
    assert!(!on_1.is_empty());
    // fastNodeLoss: NotReady 5 s after the crash, evicted 10 s later.
    w.run_until(Time(35_000));
    let table = kubectl(&w, "get pods -o wide");
    assert!(table.contains("Terminating"), "{table}");
    w.run_to_end();
    let replacements: Vec<_> = w.pods().iter().skip(3).collect();
    assert_eq!(replacements.len(), on_1.len());
    assert!(replacements.iter().all(|p| p.node != Some(0)));
    assert_eq!(w.jobs()[0].status.succeeded, 3);
    assert_eq!(w.jobs()[0].status.failed, on_1.len() as u64);
}

#[test]
fn suspend_deletes_pods_without_counting_and_resume_restarts() {
    // syncJob on suspend (job.md "Suspending a Job"): suspended pods are neither succeeded nor failed.
    let mut w = world(&job(
        "sus",
        "  completions: 2\n  parallelism: 2",
        "Never",
        "sleep 30",
    ));
    w.apply(Time(10_000), Input::Action(Verb::SuspendJob("sus".into())));
    w.apply(Time(40_000), Input::Action(Verb::ResumeJob("sus".into())));
    w.run_until(Time(20_000));
    assert_eq!(w.jobs()[0].status.failed, 0);
    assert_eq!(w.jobs()[0].status.active, 0);
    assert_eq!(
        kubectl(&w, "get jobs")
            .lines()
            .nth(1)
            .unwrap()
            .split_whitespace()
            .nth(1),
        Some("Suspended")
    );
    w.run_to_end();
    assert_eq!(w.pods().len(), 4);
    assert_eq!(w.jobs()[0].status.succeeded, 2);
    let ev = kubectl(&w, "get events");
    assert!(
        ev.contains("Job suspended") && ev.contains("Job resumed"),
        "{ev}"
    );
}

#[test]
fn deleting_the_job_deletes_its_pods() {
    // Seed claim 6.
    let mut w = world(&job(
        "gone",
        "  completions: 3\n  parallelism: 3",
        "Never",
        "sleep 5",
    ));
    w.run_to_end();
    assert_eq!(kubectl(&w, "get pods").lines().count(), 4);
    w.apply(w.now(), Input::Action(Verb::DeleteJob("gone".into())));
    w.run_to_end();
    assert_eq!(
        kubectl(&w, "get pods"),
        "No resources found in default namespace.\n"
    );
    assert_eq!(
        kubectl(&w, "get jobs"),
        "No resources found in default namespace.\n"
    );
}

#[test]
fn unschedulable_pod_waits_for_capacity() {
    // FailedScheduling wording of the default scheduler.
    let text = "apiVersion: batch/v1
kind: Job
metadata: {name: train}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: t
        image: pytorch/pytorch:2.3.0
        command: [sh, -c, sleep 30]
        resources:
          limits: {nvidia.com/gpu: 1}
---
apiVersion: jobsim/v1alpha1
kind: Scenario
spec:
  actions:
  - {at: 1m, addNode: {name: gpu-1, cpu: '8', memory: 32Gi, gpu: 1}}
";
    let mut w = world(text);
    w.run_until(Time(30_000));
    assert_eq!(w.pods()[0].status_text(), "Pending");
    let d = kubectl(&w, &format!("describe pod {}", w.pod_name(0)));
    assert!(
        d.contains("0/3 nodes are available: 3 Insufficient nvidia.com/gpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."),
        "{d}"
    );
    w.run_to_end();
    assert_eq!(
        w.nodes()[w.pods()[0].node.get().unwrap() as usize].name,
        "gpu-1"
    );
    assert!(w.jobs()[0].is_finished());
}

#[test]
fn scheduler_filters_table() {
    // Per-node reasons, counted and sorted as FitError.Error() does.
    let text = "apiVersion: jobsim/v1alpha1
kind: Scenario
spec:
  nodes:
  - {name: a, labels: {disk: hdd}}
  - {name: b, taints: [{key: dedicated, value: ml, effect: NoSchedule}]}
  - {name: c, unschedulable: true}
---
apiVersion: batch/v1
kind: Job
metadata: {name: sel}
spec:
  template:
    spec:
      restartPolicy: Never
      nodeSelector: {disk: ssd}
      containers: [{name: m, image: busybox:1.36}]
";
    let mut w = world(text);
    w.run_until(Time(5_000));
    let msg = &w.events().messages[w.pods()[0].unschedulable.get().unwrap() as usize];
    assert_eq!(
        msg,
        "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint {dedicated: ml}, 1 node(s) were unschedulable. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling."
    );
}

#[test]
fn ttl_after_finished_deletes_the_job() {
    let mut w = world(&job(
        "ttl",
        "  ttlSecondsAfterFinished: 30",
        "Never",
        "true",
    ));
    w.run_to_end();
    assert!(w.jobs()[0].deleted.is_some());
    // ttlSecondsAfterFinished counts from the Job's finish time.
    let done = w.jobs()[0].status.completion_time.unwrap();
    assert_eq!(
        w.jobs()[0].deleted,
        Some(done.after(jobsim::Duration::from_secs(30)))
    );
    assert_eq!(
        kubectl(&w, "get pods"),
        "No resources found in default namespace.\n"
    );
}

#[test]
fn ttl_timer_spares_a_new_job_of_the_same_name() {
    // The TTL controller re-reads the Job by key at expiry: a Job deleted
    // early and created again under its name is not the one that expired.
    let text = job("ttl", "  ttlSecondsAfterFinished: 60", "Never", "true");
    let mut w = world(&text);
    w.run_until(Time(20_000));
    let done = w.jobs()[0].status.completion_time.expect("finished");
    w.apply(
        Time(21_000),
        jobsim::world::Input::Action(jobsim::scenario::Verb::DeleteJob("ttl".into())),
    );
    let doc = jobsim::manifest::parse(&job("ttl", "  completions: 1", "Never", "sleep 600"))
        .unwrap()
        .remove(0);
    let jobsim::manifest::Object::Job(again) = doc.object else {
        panic!("a Job")
    };
    w.apply(Time(22_000), jobsim::world::Input::CreateJob(again));
    w.run_until(done.after(jobsim::Duration::from_secs(61)));
    let live: Vec<_> = w.jobs().iter().filter(|j| j.deleted.is_none()).collect();
    assert_eq!(live.len(), 1, "the new ttl Job lives on");
    assert!(live[0].status.completion_time.is_none());
}

#[test]
fn kubelet_failure_modes_table() {
    // (behavior, expected STATUS while it applies)
    let cases = [
        ("oomKill: true", "OOMKilled"),
        ("imagePull: fail", "ImagePullBackOff"),
        ("exitCode: 3", "Error"),
    ];
    for (b, status) in cases {
        let text = format!(
            "{}---\napiVersion: jobsim/v1alpha1\nkind: Scenario\nspec:\n  until: 2m\n  behaviors:\n  - match: {{job: f}}\n    {b}\n",
            job("f", "  backoffLimit: 0", "Never", "sleep 5")
        );
        let mut w = world(&text);
        w.run_until(Time(30_000));
        assert_eq!(w.pods()[0].status_text(), status, "{b}");
        if status == "ImagePullBackOff" {
            assert_eq!(w.pods()[0].phase, Phase::Pending);
        }
    }
}

#[test]
fn init_containers_run_in_order() {
    let text = "apiVersion: batch/v1
kind: Job
metadata: {name: init}
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - {name: fetch, image: busybox:1.36, command: [sh, -c, sleep 10]}
      containers:
      - {name: work, image: busybox:1.36, command: [sh, -c, echo done]}
";
    let mut w = world(text);
    w.run_until(Time(5_000));
    assert_eq!(w.pods()[0].status_text(), "Init:0/1");
    w.run_to_end();
    assert_eq!(w.pods()[0].status_text(), "Completed");
    assert_eq!(kubectl(&w, &format!("logs {}", w.pod_name(0))), "done\n");
}

#[test]
fn pod_failure_policy_table() {
    // pod_failure_policy.go matchPodFailurePolicy: FailJob on exit code 42 fails the Job at once with reason PodFailurePolicy.
    let w = finished(&fixture("pod-failure-policy.yaml"));
    let c = w.jobs()[0].condition(CondType::Failed).expect("Failed");
    assert_eq!(c.reason, "PodFailurePolicy");
    assert!(
        c.message
            .starts_with("Container main for pod default/job-pod-failure-policy-example-")
            && c.message
                .ends_with(" failed with exit code 42 matching FailJob rule at index 0"),
        "{}",
        c.message
    );
    assert_eq!(w.pods().len(), 3, "no retries after FailJob");
    assert!(kubectl(&w, "get events").contains("Warning   PodFailurePolicy"));
    // Other exit codes count toward backoffLimit as usual.
    let other = fixture("pod-failure-policy.yaml")
        .replace("exit 42", "exit 1")
        .replace("backoffLimit: 6", "backoffLimit: 1");
    let w = finished(&other);
    assert_eq!(
        w.jobs()[0].condition(CondType::Failed).unwrap().reason,
        "BackoffLimitExceeded"
    );
    // Ignore on DisruptionTarget: a pod lost with its node is not counted, and
    // (podReplacementPolicy Failed) is replaced only once it is Failed.
    let text = format!(
        "{}---\napiVersion: jobsim/v1alpha1\nkind: Scenario\nspec:\n  timings: {{fastNodeLoss: true}}\n  actions:\n  - {{at: 4s, crashNode: node-1}}\n  - {{at: 2m, recoverNode: node-1}}\n",
        fixture("pod-failure-policy.yaml").replace("&& exit 42", "&& exit 0").replace("completions: 12", "completions: 3")
    );
    let mut w = world(&text);
    w.run_until(Time(60_000));
    let lost = w.pods().iter().filter(|p| p.node == Some(0)).count();
    assert!(lost > 0);
    assert_eq!(
        w.pods().len(),
        3,
        "no replacement while the lost pod is still terminating"
    );
    w.run_to_end();
    assert_eq!(w.jobs()[0].status.failed, 0, "disruptions are ignored");
    assert_eq!(w.pods().len(), 3 + lost);
    assert!(w.jobs()[0].condition(CondType::Complete).is_some());
}

#[test]
fn success_policy_declares_success_and_stops_lingering_pods() {
    // success_policy.go matchSuccessPolicy: SuccessCriteriaMet (SuccessPolicy, "Matched rules at index 0"), lingering pods deleted, then Complete.
    let w = finished(&fixture("success-policy.yaml"));
    let job = &w.jobs()[0];
    let met = job
        .condition(CondType::SuccessCriteriaMet)
        .expect("SuccessCriteriaMet");
    assert_eq!(
        (met.reason, met.message.as_str()),
        ("SuccessPolicy", "Matched rules at index 0")
    );
    let c = job.condition(CondType::Complete).expect("Complete");
    assert_eq!(c.reason, "SuccessPolicy");
    assert!(job.status.completion_time.is_some());
    assert_eq!(job.status.completed_indexes.to_string(), "2");
    assert_eq!(w.pods().len(), 10, "no retries once the policy matched");
    assert_eq!(
        job.status.failed, 0,
        "lingering pods were deleted, not failed"
    );
    assert!(kubectl(&w, "get events").contains("SuccessfulDelete"));
}

#[test]
fn backoff_limit_per_index_table() {
    // indexed_job_utils.go getNewIndexFailureCounts / isIndexFailed: each index gets backoffLimitPerIndex + 1 attempts; the Job fails with
    // FailedIndexes once every index settled and at least one failed.
    let w = finished(&fixture("backoff-limit-per-index.yaml"));
    let job = &w.jobs()[0];
    assert_eq!(job.status.failed_indexes.to_string(), "0,2,4,6,8");
    assert_eq!(job.status.completed_indexes.to_string(), "1,3,5,7,9");
    assert_eq!((job.status.failed, job.status.succeeded), (10, 5));
    let c = job.condition(CondType::Failed).unwrap();
    assert_eq!(
        (c.reason, c.message.as_str()),
        ("FailedIndexes", "Job has failed indexes")
    );
    assert_eq!(w.pods().len(), 15);
    let yaml = kubectl(&w, "get job job-backoff-limit-per-index-example -o yaml");
    assert!(yaml.contains("failedIndexes: 0,2,4,6,8"), "{yaml}");
    // The retry of an index carries its failure count and waits 10 s.
    let retry = w
        .pods()
        .iter()
        .find(|p| p.index == Some(0) && p.attempt == 2)
        .unwrap();
    let first = w
        .pods()
        .iter()
        .find(|p| p.index == Some(0) && p.attempt == 1)
        .unwrap();
    assert_eq!(retry.index_failure_count, 1);
    assert_eq!(
        secs(retry.created) - secs(first.finished_at.get().unwrap()),
        10.0
    );

    // maxFailedIndexes exceeded fails the Job early.
    let early = fixture("backoff-limit-per-index.yaml")
        .replace("maxFailedIndexes: 5", "maxFailedIndexes: 1");
    let w = finished(&early);
    assert_eq!(
        w.jobs()[0].condition(CondType::Failed).unwrap().reason,
        "MaxFailedIndexesExceeded"
    );
    assert!(w.jobs()[0].status.failed_indexes.len() >= 2);

    // FailIndex (docs job-backoff-limit-per-index-failindex): exit 42 fails index 1 without a retry.
    let text = "apiVersion: batch/v1
kind: Job
metadata: {name: job-backoff-limit-per-index-failindex}
spec:
  completions: 4
  parallelism: 2
  completionMode: Indexed
  backoffLimitPerIndex: 1
  backoffLimit: 6
  podFailurePolicy:
    rules:
    - action: FailIndex
      onExitCodes: {containerName: main, operator: In, values: [42]}
  template:
    spec:
      restartPolicy: Never
      containers:
      - {name: main, image: docker.io/library/python:3, command: [sh, -c, 'sleep 2; exit 0']}
---
apiVersion: jobsim/v1alpha1
kind: Scenario
spec:
  behaviors:
  - {match: {index: 0}, exitCode: 1}
  - {match: {index: 1}, exitCode: 42}
";
    let w = finished(text);
    let job = &w.jobs()[0];
    assert_eq!(job.status.failed_indexes.to_string(), "0,1");
    assert_eq!(job.status.completed_indexes.to_string(), "2,3");
    assert_eq!(job.status.failed, 3, "index 0 twice, index 1 once");
    assert_eq!(
        job.condition(CondType::Failed).unwrap().reason,
        "FailedIndexes"
    );
}

#[test]
fn managed_by_another_controller_is_left_alone() {
    // [1] a non-default spec.managedBy makes the built-in controller skip the Job.
    let w = finished(&job(
        "ext",
        "  managedBy: example.com/my-controller",
        "Never",
        "true",
    ));
    assert!(w.pods().is_empty());
    assert!(w.jobs()[0].status.start_time.is_none());
    assert!(w.notes().iter().any(|n| n.contains("spec.managedBy")));
    // Nothing syncs it, so its status stays as the API server created it.
    let yaml = kubectl(&w, "get job ext -o yaml");
    assert!(yaml.trim_end().ends_with("status: {}"), "{yaml}");
    let w = finished(&job(
        "own",
        "  managedBy: kubernetes.io/job-controller",
        "Never",
        "true",
    ));
    assert_eq!(w.pods().len(), 1);
}

#[test]
fn failure_budget_follows_the_rule_in_effect() {
    // backoffLimitPerIndex: failures count per index (job.md "Backoff limit
    // per index"), not against backoffLimit.
    let w = finished(&fixture("backoff-limit-per-index.yaml"));
    let b = w.jobs()[0].failure_budget();
    assert_eq!(
        jobsim::words::budget(jobsim::words::Lang::En, &b),
        "5 failed index(es) (0,2,4,6,8) / maxFailedIndexes 5 · backoffLimitPerIndex 1 · 10 failed pod(s)"
    );
    // 5 of the 6 failed indexes that would trip maxFailedIndexes.
    assert!((b.fraction() - 5.0 / 6.0).abs() < 1e-9);
    // restartPolicy Never: failed pods against backoffLimit + 1.
    let w = finished(&fixture("abnormal-end.yaml"));
    let b = w.jobs()[0].failure_budget();
    assert_eq!(
        jobsim::words::budget(jobsim::words::Lang::En, &b),
        "7 failed / backoffLimit 6 (fails at 7)"
    );
    assert_eq!(b.fraction(), 1.0);
}

#[test]
fn docs_pi_job_logs_pi_and_unmodelled_commands_say_so() {
    // The docs' pi Job: `kubectl logs` prints π to 2,000 digits.
    let w = finished(&fixture("pi.yaml"));
    let logs = kubectl(&w, &format!("logs {}", w.pod_name(0)));
    assert_eq!(logs, format!("{}\n", jobsim::shell::pi_string(2000)));
    assert!(logs.starts_with("3.14159265358979323846"));
    assert_eq!(
        kubectl(&w, "logs job/pi"),
        logs,
        "kubectl logs job/NAME: its first pod"
    );
    // A command outside the model: its log says it was not run.
    let text = job("other", "", "Never", "exit 0").replace(
        "command: [sh, -c, 'exit 0']",
        "command: [python3, -c, 'print(1)']",
    );
    assert!(text.contains("python3"), "{text}");
    let w = finished(&text);
    let logs = kubectl(&w, &format!("logs {}", w.pod_name(0)));
    assert!(
        logs.contains("`python3 -c print(1)` is not run here"),
        "{logs}"
    );
}

#[test]
fn resume_creates_pods_before_it_records_resumed() {
    // syncJob: manageJob (SuccessfulCreate) runs before the Suspended
    // condition turns False and "Resumed" is recorded.
    let text = format!(
        "{}---\napiVersion: jobsim/v1alpha1\nkind: Scenario\nspec:\n  actions:\n  - {{at: 5s, suspendJob: sr}}\n  - {{at: 30s, resumeJob: sr}}\n",
        job("sr", "  parallelism: 2\n  completions: 2", "Never", "sleep 60")
    );
    let mut w = world(&text);
    w.run_until(Time(31_000));
    let events = kubectl(&w, "get events");
    let reasons: Vec<&str> = events
        .lines()
        .filter(|l| l.contains("job/sr"))
        .filter_map(|l| l.split_whitespace().nth(2))
        .collect();
    let resumed = reasons
        .iter()
        .position(|r| *r == "Resumed")
        .expect("Resumed");
    let suspended = reasons
        .iter()
        .position(|r| *r == "Suspended")
        .expect("Suspended");
    let creates_after_suspend: Vec<usize> = reasons
        .iter()
        .enumerate()
        .filter(|(i, r)| *i > suspended && **r == "SuccessfulCreate")
        .map(|(i, _)| i)
        .collect();
    assert!(!creates_after_suspend.is_empty(), "{events}");
    assert!(
        creates_after_suspend.iter().all(|&i| i < resumed),
        "{events}"
    );
}

#[test]
fn on_failure_restart_count_grows_when_the_container_restarts() {
    // The kubelet sets restartCount when it starts the new container, so
    // pastBackoffLimitOnFailure trips when the backoffLimit-th restart
    // starts: one back-off (10 s for the 2nd restart) after the last crash.
    let text = job("crash", "  backoffLimit: 2", "OnFailure", "exit 1");
    let mut w = world(&text);
    // Step until the second crash is waiting out its back-off.
    let mut seen_waiting_with = None;
    while w.step().is_some() {
        let Some(p) = w.pods().first() else { continue };
        let c = &p.containers[0];
        if c.last.is_some() && p.status_text() == "CrashLoopBackOff" {
            seen_waiting_with = Some(c.restart_count);
            break;
        }
    }
    assert_eq!(
        seen_waiting_with,
        Some(1),
        "in back-off after the 2nd crash: 1 restart done"
    );
    let yaml = kubectl(&w, &format!("get pod {} -o yaml", w.pod_name(0)));
    assert!(
        yaml.contains("message: back-off 10s restarting failed container=main pod=crash-"),
        "{yaml}"
    );
    w.run_to_end();
    let job = &w.jobs()[0];
    let failed = job
        .status
        .conditions
        .iter()
        .find(|c| c.reason == "BackoffLimitExceeded")
        .expect("Failed");
    let last_crash = w.pods()[0].containers[0].last.as_ref().unwrap().finished;
    let after = secs(failed.time) - secs(last_crash);
    assert!(
        (10.0..12.0).contains(&after),
        "failed {after} s after the last crash"
    );
}

#[test]
fn ignored_failures_feed_the_per_index_back_off_and_annotation() {
    // getNewIndexFailureCounts / getRemainingTimePerIndex: with
    // backoffLimitPerIndex, a failure an Ignore rule leaves uncounted still
    // raises the replacement's job-index-ignored-failure-count annotation
    // and the index's back-off (10 s, then 20 s), and never fails the index.
    let text = format!(
        "{}---\napiVersion: jobsim/v1alpha1\nkind: Scenario\nspec:\n  behaviors:\n  - {{match: {{index: 0, attempt: 1}}, exitCode: 42}}\n  - {{match: {{index: 0, attempt: 2}}, exitCode: 42}}\n",
        job(
            "ign",
            "  completions: 1\n  completionMode: Indexed\n  backoffLimitPerIndex: 0\n  podFailurePolicy:\n    rules:\n    - action: Ignore\n      onExitCodes: {operator: In, values: [42]}",
            "Never",
            "sleep 5"
        )
    );
    let w = finished(&text);
    let pods = w.pods();
    assert_eq!(pods.len(), 3, "two ignored failures, then success");
    let yaml = |p: u32| kubectl(&w, &format!("get pod {} -o yaml", w.pod_name(p)));
    // (pod, ignored-failure-count annotation, failure-count)
    let cases = [(0, None, "0"), (1, Some("1"), "0"), (2, Some("2"), "0")];
    for (p, ignored, counted) in cases {
        let y = yaml(p);
        assert!(
            y.contains(&format!(
                "batch.kubernetes.io/job-index-failure-count: '{counted}'"
            )) || y.contains(&format!(
                "batch.kubernetes.io/job-index-failure-count: \"{counted}\""
            )),
            "pod {p}\n{y}"
        );
        match ignored {
            Some(n) => assert!(
                y.contains(&format!("job-index-ignored-failure-count: '{n}'"))
                    || y.contains(&format!("job-index-ignored-failure-count: \"{n}\"")),
                "pod {p}\n{y}"
            ),
            None => assert!(!y.contains("ignored-failure-count"), "pod {p}\n{y}"),
        }
    }
    // Back-off from the last failure's finish: 10 s after the first, 20 s
    // after the second (absolute count 2).
    let finished_at = |p: usize| pods[p].finished_at.get().expect("finished");
    assert_eq!(pods[1].created.since(finished_at(0)).as_secs(), 10);
    assert_eq!(pods[2].created.since(finished_at(1)).as_secs(), 20);
    let job = &w.jobs()[0];
    assert_eq!(job.status.failed, 0);
    assert!(job.status.failed_indexes.is_empty());
    assert!(job.condition(CondType::Complete).is_some());
}
