//! One CronJob `sync` against a prepared store, case by case from
//! upstream's `TestControllerV2SyncCronJob`
//! (pkg/controller/cronjob/cronjob_controllerv2_test.go): schedule "0 * * *
//! *", the CronJob created just before the prior hour (08:59), a previous
//! run for the 09:00 slot created at 09:01, and the sync at 09:59 ("not
//! time"), 10:01 ("is time") or a week later ("long overdue").

use jobsim::clock::Duration;
use jobsim::job::CondType;
use jobsim::World;

#[derive(Clone, Copy, PartialEq)]
enum Ran {
    Never,
    Done,
    StillActive,
}

#[derive(Clone, Copy)]
enum Now {
    BeforeTheHour,
    AfterTheHour,
    /// 10:02:01, past a 60 s starting deadline.
    PastShortDeadline,
    WeekAfterTheHour,
}

struct Case {
    name: &'static str,
    policy: &'static str,
    suspend: bool,
    deadline: Option<u32>,
    ran: Ran,
    now: Now,
    created: usize,
    deleted: usize,
    active: usize,
    warnings: &'static [&'static str],
    /// Requeue after this many ms (None: no requeue).
    requeue_ms: Option<u64>,
}

const MIN: u64 = 60_000;
/// `nextScheduleDelta`: the controller wakes 100 ms after a slot.
const DELTA: u64 = 100;

const BASE: Case = Case {
    name: "",
    policy: "Allow",
    suspend: false,
    deadline: None,
    ran: Ran::Never,
    now: Now::BeforeTheHour,
    created: 0,
    deleted: 0,
    active: 0,
    warnings: &[],
    requeue_ms: Some(MIN + DELTA),
};

/// The world of a case, at the case's `now`, and the CronJob.
fn prepare(c: &Case) -> (World, u32) {
    let deadline = c.deadline.map_or(String::new(), |d| {
        format!("  startingDeadlineSeconds: {d}\n")
    });
    let text = format!(
        "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: cj\nspec:\n  schedule: \"0 * * * *\"\n  concurrencyPolicy: {}\n  suspend: {}\n{deadline}  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n          - name: c\n            image: busybox\n---\napiVersion: jobsim/v1alpha1\nkind: Scenario\nmetadata:\n  name: t\nspec:\n  startTime: \"{}\"\n",
        c.policy,
        c.suspend,
        // Upstream's creationTimestamp: just before the prior hour when it
        // ran before, else just before the hour.
        if c.ran == Ran::Never { "2016-05-19T09:59:00Z" } else { "2016-05-19T08:59:00Z" }
    );
    let mut w = World::prepared(&text).unwrap_or_else(|e| panic!("{}: {e}", c.name));
    let cj = w.cronjob_by_name("cj").unwrap();
    // Unix seconds of 2016-05-19T09:00:00Z.
    let nine = jobsim::clock::parse_rfc3339("2016-05-19T09:00:00Z").unwrap();
    let clock = |w: &World| w.origin_unix() + w.now().ms() as i64 / 1000;
    if c.ran != Ran::Never {
        // 09:01: the previous run, for the 09:00 slot.
        w.prepared_advance(Duration::from_secs((nine + 60 - clock(&w)) as u64));
        let done = (c.ran == Ran::Done).then_some(CondType::Complete);
        w.put_cronjob_job(cj, nine, done, c.ran == Ran::StillActive);
    }
    let at = nine
        + match c.now {
            Now::BeforeTheHour => 59 * 60,
            Now::AfterTheHour => 61 * 60,
            Now::PastShortDeadline => 62 * 60 + 1,
            Now::WeekAfterTheHour => 7 * 24 * 3600 + 60 * 60,
        };
    w.prepared_advance(Duration::from_secs((at - clock(&w)) as u64));
    (w, cj)
}

fn run(c: &Case) {
    let (mut w, cj) = prepare(c);
    let r = w.sync_cronjob_once(cj);
    let got = (
        r.created,
        r.deleted,
        r.active,
        r.warnings.clone(),
        r.requeue_after.map(|d| d.as_millis()),
    );
    let want = (
        c.created,
        c.deleted,
        c.active,
        c.warnings.to_vec(),
        c.requeue_ms,
    );
    assert_eq!(
        got, want,
        "{}: (created, deleted, active, warnings, requeue ms)",
        c.name
    );
}

/// The controller decides from the store alone and hands back its writes
/// as data, in order, as upstream's fake job control records them
/// (`DeleteJobName`, then `CreatedJobs`): the same store gives the same
/// writes, and nothing changes until the loop applies them.
#[test]
fn sync_returns_its_writes_in_order_without_writing() {
    use jobsim::cronjob::CronJobWrite;
    let case = Case {
        policy: "Replace",
        ran: Ran::StillActive,
        now: Now::AfterTheHour,
        ..BASE
    };
    let (mut w, cj) = prepare(&case);
    let old = w.cronjobs()[cj as usize].status.active[0];
    let events = w.events().ids().end;
    let plan = w.plan_cronjob_sync(cj);
    assert_eq!(
        plan,
        w.plan_cronjob_sync(cj),
        "the same store, the same writes"
    );
    assert_eq!(w.events().ids().end, events, "planning records nothing");
    assert!(w.jobs()[old as usize].deleted.is_none());
    match &plan.writes[..] {
        [CronJobWrite::DeleteJob(d), CronJobWrite::CreateJob(job)] => {
            assert_eq!(*d, old);
            // The slot's Job: named after the 10:00 slot in minutes.
            let ten = jobsim::clock::parse_rfc3339("2016-05-19T10:00:00Z").unwrap();
            assert_eq!(
                job.metadata.name.as_deref(),
                Some(format!("cj-{}", ten / 60).as_str())
            );
        }
        other => panic!("want delete then create, got {other:?}"),
    }
    // The status it returns: the old Job out, the new one joins when
    // the creation is applied.
    assert!(plan.status.active.is_empty());
    let r = w.sync_cronjob_once(cj);
    assert_eq!((r.created, r.deleted, r.active), (1, 1, 1));
    assert!(w.jobs()[old as usize].deleted.is_some());
}

#[test]
fn controller_v2_sync_cronjob_cases() {
    let hour_less_a_minute = 59 * MIN + DELTA;
    let cases = [
        Case {
            name: "never ran, not time, A",
            ..BASE
        },
        Case {
            name: "never ran, not time, F",
            policy: "Forbid",
            ..BASE
        },
        Case {
            name: "never ran, not time, R",
            policy: "Replace",
            ..BASE
        },
        Case {
            name: "never ran, is time, A",
            now: Now::AfterTheHour,
            created: 1,
            active: 1,
            requeue_ms: Some(hour_less_a_minute),
            ..BASE
        },
        Case {
            name: "never ran, is time, F",
            policy: "Forbid",
            now: Now::AfterTheHour,
            created: 1,
            active: 1,
            requeue_ms: Some(hour_less_a_minute),
            ..BASE
        },
        Case {
            name: "never ran, is time, R",
            policy: "Replace",
            now: Now::AfterTheHour,
            created: 1,
            active: 1,
            requeue_ms: Some(hour_less_a_minute),
            ..BASE
        },
        Case {
            // Suspended: no requeue (woken by the next CronJob update).
            name: "never ran, is time, suspended",
            suspend: true,
            now: Now::AfterTheHour,
            requeue_ms: None,
            ..BASE
        },
        Case {
            // The 10:00 slot is older than now - 60 s: no slot to start.
            name: "never ran, is time, past deadline",
            deadline: Some(60),
            now: Now::PastShortDeadline,
            requeue_ms: Some(57 * MIN + 59_000 + DELTA),
            ..BASE
        },
        Case {
            name: "never ran, is time, not past deadline",
            deadline: Some(10 * 24 * 3600),
            now: Now::AfterTheHour,
            created: 1,
            active: 1,
            requeue_ms: Some(hour_less_a_minute),
            ..BASE
        },
        Case {
            name: "prev ran but done, not time, A",
            ran: Ran::Done,
            ..BASE
        },
        Case {
            name: "prev ran but done, not time, F",
            ran: Ran::Done,
            policy: "Forbid",
            ..BASE
        },
        Case {
            name: "prev ran but done, not time, R",
            ran: Ran::Done,
            policy: "Replace",
            ..BASE
        },
        Case {
            name: "prev ran but done, is time, A",
            ran: Ran::Done,
            now: Now::AfterTheHour,
            created: 1,
            active: 1,
            requeue_ms: Some(hour_less_a_minute),
            ..BASE
        },
        Case {
            name: "prev ran but done, is time, F",
            ran: Ran::Done,
            policy: "Forbid",
            now: Now::AfterTheHour,
            created: 1,
            active: 1,
            requeue_ms: Some(hour_less_a_minute),
            ..BASE
        },
        Case {
            name: "prev ran but done, is time, R",
            ran: Ran::Done,
            policy: "Replace",
            now: Now::AfterTheHour,
            created: 1,
            active: 1,
            requeue_ms: Some(hour_less_a_minute),
            ..BASE
        },
        Case {
            name: "prev ran but done, is time, suspended",
            ran: Ran::Done,
            suspend: true,
            now: Now::AfterTheHour,
            requeue_ms: None,
            ..BASE
        },
        Case {
            name: "still active, not time, A",
            ran: Ran::StillActive,
            active: 1,
            ..BASE
        },
        Case {
            name: "still active, not time, F",
            ran: Ran::StillActive,
            policy: "Forbid",
            active: 1,
            ..BASE
        },
        Case {
            name: "still active, not time, R",
            ran: Ran::StillActive,
            policy: "Replace",
            active: 1,
            ..BASE
        },
        Case {
            name: "still active, is time, A",
            ran: Ran::StillActive,
            now: Now::AfterTheHour,
            created: 1,
            active: 2,
            requeue_ms: Some(hour_less_a_minute),
            ..BASE
        },
        Case {
            // JobAlreadyActive is a Normal event: no warning.
            name: "still active, is time, F",
            ran: Ran::StillActive,
            policy: "Forbid",
            now: Now::AfterTheHour,
            active: 1,
            requeue_ms: Some(hour_less_a_minute),
            ..BASE
        },
        Case {
            name: "still active, is time, R",
            ran: Ran::StillActive,
            policy: "Replace",
            now: Now::AfterTheHour,
            created: 1,
            deleted: 1,
            active: 1,
            requeue_ms: Some(hour_less_a_minute),
            ..BASE
        },
        Case {
            name: "still active, is time, suspended",
            ran: Ran::StillActive,
            suspend: true,
            now: Now::AfterTheHour,
            active: 1,
            requeue_ms: None,
            ..BASE
        },
        Case {
            // More than 100 missed slots: a warning, the most recent starts.
            name: "prev ran but done, long overdue, no deadline, A",
            ran: Ran::Done,
            now: Now::WeekAfterTheHour,
            created: 1,
            active: 1,
            warnings: &["TooManyMissedTimes"],
            requeue_ms: Some(60 * MIN + DELTA),
            ..BASE
        },
        Case {
            name: "prev ran but done, long overdue, no deadline, F",
            ran: Ran::Done,
            policy: "Forbid",
            now: Now::WeekAfterTheHour,
            created: 1,
            active: 1,
            warnings: &["TooManyMissedTimes"],
            requeue_ms: Some(60 * MIN + DELTA),
            ..BASE
        },
        Case {
            // The deadline bounds the slots looked at: 2 h, no warning.
            name: "prev ran but done, long overdue, past medium deadline, A",
            ran: Ran::Done,
            deadline: Some(2 * 3600),
            now: Now::WeekAfterTheHour,
            created: 1,
            active: 1,
            requeue_ms: Some(60 * MIN + DELTA),
            ..BASE
        },
        Case {
            name: "prev ran but done, long overdue, past short deadline, R",
            ran: Ran::Done,
            policy: "Replace",
            deadline: Some(60),
            now: Now::WeekAfterTheHour,
            created: 1,
            active: 1,
            requeue_ms: Some(60 * MIN + DELTA),
            ..BASE
        },
    ];
    for c in &cases {
        run(c);
    }
}
