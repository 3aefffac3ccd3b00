//! One `syncJob` against a prepared store, case by case from upstream's
//! `TestControllerSyncJob` (pkg/controller/job/job_controller_test.go;
//! 1.34 feature defaults: JobPodReplacementPolicy and JobSuccessPolicy on).
//! Pods put in the store ran and ended well before the sync (ten minutes),
//! so a failure's back-off is over, except where a case says otherwise.

use jobsim::clock::Duration;
use jobsim::job::CondType;
use jobsim::prepared::PodSetup::{self, *};
use jobsim::World;

struct Case {
    name: &'static str,
    parallelism: u32,
    /// None: a work queue (no completions).
    completions: Option<u32>,
    backoff_limit: u32,
    indexed: bool,
    /// Pods in the store: (state, completion index).
    pods: &'static [(PodSetup, Option<u32>)],
    /// A pod failed at the moment of the sync (its back-off is running).
    fails_now: bool,
    // Expectations.
    created: usize,
    deleted: usize,
    created_indexes: &'static [u32],
    active: u32,
    ready: u32,
    succeeded: u64,
    failed: u64,
    terminating: u32,
    /// (condition, reason) that must be True after the sync.
    condition: Option<(CondType, &'static str)>,
}

const BASE: Case = Case {
    name: "",
    parallelism: 2,
    completions: Some(5),
    backoff_limit: 6,
    indexed: false,
    pods: &[],
    fails_now: false,
    created: 0,
    deleted: 0,
    created_indexes: &[],
    active: 0,
    ready: 0,
    succeeded: 0,
    failed: 0,
    terminating: 0,
    condition: None,
};

fn manifest(c: &Case) -> String {
    let completions = c
        .completions
        .map_or(String::new(), |n| format!("  completions: {n}\n"));
    let mode = if c.indexed {
        "  completionMode: Indexed\n"
    } else {
        ""
    };
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  parallelism: {}\n{completions}{mode}  backoffLimit: {}\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n",
        c.parallelism, c.backoff_limit
    )
}

fn run(c: &Case) {
    let mut w = World::prepared(&manifest(c)).unwrap_or_else(|e| panic!("{}: {e}", c.name));
    let j = w.job_by_name("j").unwrap();
    for &(setup, index) in c.pods {
        w.put_job_pod(j, setup, index);
    }
    w.prepared_advance(Duration::from_secs(600));
    if c.fails_now {
        w.put_job_pod(j, Failed, None);
    }
    let r = w.sync_job_once(j);
    let job = &w.jobs()[j as usize];
    let s = &job.status;
    let got = (
        r.created,
        r.deleted,
        s.active,
        s.ready,
        s.succeeded,
        s.failed,
        s.terminating,
    );
    let want = (
        c.created,
        c.deleted,
        c.active,
        c.ready,
        c.succeeded,
        c.failed,
        c.terminating,
    );
    assert_eq!(
        got, want,
        "{}: (created, deleted, active, ready, succeeded, failed, terminating)",
        c.name
    );
    if c.indexed {
        assert_eq!(
            r.created_indexes, c.created_indexes,
            "{}: created indexes",
            c.name
        );
    }
    match c.condition {
        Some((kind, reason)) => {
            let cond = job.condition(kind);
            assert!(
                cond.is_some_and(|x| x.status && x.reason == reason),
                "{}: want {kind:?}/{reason}, have {:?}",
                c.name,
                s.conditions
            );
        }
        None => assert!(
            job.terminal_condition().is_none(),
            "{}: {:?}",
            c.name,
            s.conditions
        ),
    }
}

#[test]
fn controller_sync_job_cases() {
    let cases = [
        Case {
            name: "job start",
            created: 2,
            active: 2,
            ..BASE
        },
        Case {
            name: "WQ job start",
            completions: None,
            created: 2,
            active: 2,
            ..BASE
        },
        Case {
            name: "pending pods",
            pods: &[(Pending, None), (Pending, None)],
            active: 2,
            ..BASE
        },
        Case {
            name: "correct # of pods",
            parallelism: 3,
            pods: &[(Ready, None), (Ready, None), (Running, None)],
            active: 3,
            ready: 2,
            ..BASE
        },
        Case {
            name: "WQ job: correct # of pods",
            completions: None,
            pods: &[(Running, None), (Running, None)],
            active: 2,
            ..BASE
        },
        Case {
            name: "too few active pods",
            pods: &[(Running, None), (Succeeded, None)],
            created: 1,
            active: 2,
            succeeded: 1,
            ..BASE
        },
        Case {
            name: "too few active pods and active back-off",
            parallelism: 1,
            completions: Some(1),
            fails_now: true,
            failed: 1,
            ..BASE
        },
        Case {
            name: "too few active pods with a dynamic job",
            completions: None,
            pods: &[(Running, None)],
            created: 1,
            active: 2,
            ..BASE
        },
        Case {
            // PodReplacementPolicy on: the deleted pod counts as terminating.
            name: "too many active pods; PodReplacementPolicy enabled",
            pods: &[(Running, None), (Running, None), (Running, None)],
            deleted: 1,
            active: 2,
            terminating: 1,
            ..BASE
        },
        Case {
            name: "count ready pods when too many active pods",
            pods: &[(Ready, None), (Ready, None), (Ready, None)],
            deleted: 1,
            active: 2,
            ready: 2,
            terminating: 1,
            ..BASE
        },
        Case {
            // countReadyPods(FilterActivePods): a pod with a
            // deletionTimestamp is not active, so not ready for the Job,
            // though its silent node still shows it Ready. It is counted
            // terminating and (default replacement policy) failed, and
            // replaced at once.
            name: "terminating pods are not counted ready",
            pods: &[(Ready, None), (TerminatingReady, None), (Terminating, None)],
            created: 1,
            active: 2,
            ready: 1,
            failed: 2,
            terminating: 2,
            ..BASE
        },
        Case {
            name: "failed + succeed pods: reset backoff delay",
            pods: &[(Running, None), (Succeeded, None), (Failed, None)],
            created: 1,
            active: 2,
            succeeded: 1,
            failed: 1,
            ..BASE
        },
        Case {
            name: "new failed pod",
            pods: &[(Running, None), (Failed, None)],
            created: 1,
            active: 2,
            failed: 1,
            ..BASE
        },
        Case {
            // 1.31+: SuccessCriteriaMet and Complete in the same sync when
            // nothing runs any more.
            name: "job finish",
            pods: &[(Succeeded, None); 5],
            succeeded: 5,
            condition: Some((CondType::Complete, "CompletionsReached")),
            ..BASE
        },
        Case {
            name: "WQ job finishing",
            completions: None,
            pods: &[(Running, None), (Succeeded, None)],
            active: 1,
            succeeded: 1,
            ..BASE
        },
        Case {
            name: "WQ job all finished",
            completions: None,
            pods: &[(Succeeded, None), (Succeeded, None)],
            succeeded: 2,
            condition: Some((CondType::Complete, "CompletionsReached")),
            ..BASE
        },
        Case {
            name: "WQ job all finished despite one failure",
            completions: None,
            pods: &[(Succeeded, None), (Failed, None)],
            succeeded: 1,
            failed: 1,
            condition: Some((CondType::Complete, "CompletionsReached")),
            ..BASE
        },
        Case {
            name: "more active pods than parallelism",
            pods: &[(Running, None); 10],
            deleted: 8,
            active: 2,
            terminating: 8,
            ..BASE
        },
        Case {
            name: "more active pods than remaining completions",
            parallelism: 3,
            completions: Some(4),
            pods: &[
                (Running, None),
                (Running, None),
                (Running, None),
                (Succeeded, None),
                (Succeeded, None),
            ],
            deleted: 1,
            active: 2,
            succeeded: 2,
            terminating: 1,
            ..BASE
        },
        Case {
            name: "status change",
            pods: &[
                (Running, None),
                (Running, None),
                (Succeeded, None),
                (Succeeded, None),
            ],
            active: 2,
            succeeded: 2,
            ..BASE
        },
        Case {
            // Failed > backoffLimit 0; nothing runs, so Failed at once.
            name: "too many job failures",
            backoff_limit: 0,
            pods: &[(Failed, None)],
            failed: 1,
            condition: Some((CondType::Failed, "BackoffLimitExceeded")),
            ..BASE
        },
        Case {
            name: "indexed job start",
            indexed: true,
            created: 2,
            created_indexes: &[0, 1],
            active: 2,
            ..BASE
        },
        Case {
            name: "indexed job completed",
            completions: Some(3),
            indexed: true,
            pods: &[
                (Succeeded, Some(0)),
                (Failed, Some(1)),
                (Succeeded, Some(1)),
                (Succeeded, Some(2)),
            ],
            succeeded: 3,
            failed: 1,
            condition: Some((CondType::Complete, "CompletionsReached")),
            ..BASE
        },
        Case {
            // With PodReplacementPolicy: FailureTarget first, the running
            // pod deleted and counted as terminating.
            name: "count terminating pods when indexed job fails and PodReplacementPolicy enabled",
            completions: Some(3),
            backoff_limit: 0,
            indexed: true,
            pods: &[(Succeeded, Some(0)), (Failed, Some(1)), (Running, Some(2))],
            deleted: 1,
            succeeded: 1,
            // The pod deleted for the failure counts as failed at once.
            failed: 2,
            terminating: 1,
            condition: Some((CondType::FailureTarget, "BackoffLimitExceeded")),
            ..BASE
        },
        Case {
            name: "count ready pods when job fails",
            completions: Some(3),
            backoff_limit: 0,
            pods: &[(Ready, None), (Ready, None), (Failed, None)],
            deleted: 2,
            failed: 3,
            terminating: 2,
            condition: Some((CondType::FailureTarget, "BackoffLimitExceeded")),
            ..BASE
        },
    ];
    for c in &cases {
        run(c);
    }
}

#[test]
fn the_prepared_store_is_only_what_the_test_put() {
    // No controller ran: the Job has no pods and no status until the sync.
    let mut w = World::prepared(&manifest(&BASE)).unwrap();
    let j = w.job_by_name("j").unwrap();
    assert!(w.jobs()[j as usize].pods.is_empty());
    assert_eq!(w.jobs()[j as usize].status.start_time, None);
    w.put_job_pod(j, Running, None);
    assert_eq!(
        w.jobs()[j as usize].status.active,
        0,
        "counted at the sync, not before"
    );
    let r = w.sync_job_once(j);
    assert_eq!((r.created, w.jobs()[j as usize].status.active), (1, 2));
    assert!(w.jobs()[j as usize].status.start_time.is_some());
}
