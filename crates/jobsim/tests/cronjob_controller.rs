//! Table tests of the CronJob controller, one per upstream rule, citing
//! `pkg/controller/cronjob` (`cronjob_controllerv2.go` `syncCronJob`,
//! `cleanupFinishedJobs`; `utils.go` `mostRecentScheduleTime`,
//! `getJobFromTemplate2`) and the CronJob docs page.

mod common;
use common::*;
use jobsim::job::CondType;
use jobsim::{Time, World};

/// A CronJob whose pods run `script`, plus a Scenario with `until` and
/// extra lines (actions, startTime).
fn cronjob(spec_extra: &str, schedule: &str, script: &str, until: &str, scenario: &str) -> String {
    format!(
        "apiVersion: batch/v1
kind: CronJob
metadata:
  name: cj
spec:
  schedule: \"{schedule}\"
{spec_extra}
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: c
            image: busybox:1.36
            command: [sh, -c, '{script}']
---
apiVersion: jobsim/v1alpha1
kind: Scenario
spec:
  until: {until}
{scenario}
"
    )
}

fn run(text: &str) -> World {
    let mut w = world(text);
    w.run_to_end();
    w
}

/// (reason, message) of the CronJob's events, oldest first.
fn cj_events(w: &World) -> Vec<(String, String)> {
    let out = kubectl(w, "get events");
    out.lines()
        .skip(1)
        .filter(|l| l.contains("cronjob/"))
        .map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            // LAST SEEN  TYPE  REASON  OBJECT  MESSAGE...
            (cols[2].to_string(), cols[4..].join(" "))
        })
        .collect()
}

fn count(ev: &[(String, String)], reason: &str) -> usize {
    ev.iter().filter(|(r, _)| r == reason).count()
}

fn unix(w: &World, t: Time) -> i64 {
    w.origin_unix() + (t.ms() / 1000) as i64
}

#[test]
fn docs_hello_ten_minutes_keeps_three_successful_jobs() {
    // cron-jobs.md: hello runs every minute; successfulJobsHistoryLimit 3.
    let mut w = world(&fixture("hello-cronjob.yaml"));
    w.run_until(Time(600_000));
    let created: Vec<&str> = w.jobs().iter().map(|j| j.name.as_str()).collect();
    assert_eq!(created.len(), 10, "{created:?}");
    // getJobName: <cronjob>-<scheduled time in minutes since the epoch>;
    // 2024-07-06T12:22:00Z is minute 28671142.
    let want: Vec<String> = (28_671_142..28_671_152)
        .map(|m| format!("hello-{m}"))
        .collect();
    assert_eq!(created, want);
    let kept: Vec<&str> = w
        .jobs()
        .iter()
        .filter(|j| j.deleted.is_none())
        .map(|j| j.name.as_str())
        .collect();
    assert_eq!(kept, ["hello-28671149", "hello-28671150", "hello-28671151"]);
    let ev = cj_events(&w);
    assert_eq!(count(&ev, "SuccessfulCreate"), 10);
    assert_eq!(count(&ev, "SuccessfulDelete"), 7);
    assert!(ev.contains(&(
        "SuccessfulDelete".into(),
        "Deleted job hello-28671142".into()
    )));
    assert!(ev.contains(&(
        "SawCompletedJob".into(),
        "Saw completed job: hello-28671142, condition: Complete".into()
    )));
    // Cascading deletion took the deleted Jobs' pods with them.
    assert_eq!(w.pods().iter().filter(|p| p.exists()).count(), 3);
    let cj = &w.cronjobs()[0];
    assert_eq!(cj.status.last_schedule_time, Some(28_671_151 * 60));
    assert!(cj.status.active.is_empty());
}

#[test]
fn created_job_carries_annotation_owner_and_template() {
    // getJobFromTemplate2 (1.32+ CronJobsScheduledAnnotation).
    let text = cronjob(
        "  timeZone: Europe/Berlin",
        "0 9 * * *",
        "exit 0",
        "30h",
        "",
    );
    let objs = jobsim::manifest::parse(&text).unwrap();
    let zones = std::sync::Arc::new(
        jobsim::timezone::ZoneDb::parse(include_str!("../data/zones.txt")).unwrap(),
    );
    let mut w = World::build_with_zones(&objs, None, zones).unwrap();
    w.run_to_end();
    let job = &w.jobs()[0];
    let ann = job.manifest.metadata.annotations.as_ref().unwrap();
    // 09:00 in Berlin (CEST) on 2024-07-07 = 07:00Z.
    assert_eq!(
        ann["batch.kubernetes.io/cronjob-scheduled-timestamp"],
        "2024-07-07T09:00:00+02:00"
    );
    assert_eq!(job.name, format!("cj-{}", 1_720_335_600 / 60));
    let yaml = kubectl(&w, &format!("get job {} -o yaml", job.name));
    assert!(yaml.contains("    controller: true\n"), "{yaml}");
    assert!(yaml.contains("    kind: CronJob\n    name: cj\n"), "{yaml}");
}

#[test]
fn forbid_skips_while_active_then_runs_the_missed_slot_late() {
    // syncCronJob: Forbid + active Job -> JobAlreadyActive, lastScheduleTime
    // not advanced, so the slot runs when the Job finishes.
    let w = run(&cronjob(
        "  concurrencyPolicy: Forbid",
        "* * * * *",
        "sleep 90",
        "4m",
        "",
    ));
    let ev = cj_events(&w);
    assert!(count(&ev, "JobAlreadyActive") >= 1, "{ev:?}");
    let jobs = w.jobs();
    assert!(jobs.len() >= 2);
    // The second Job is for 12:23:00 but starts when the first finished.
    let second = &jobs[1];
    let scheduled = second
        .name
        .rsplit('-')
        .next()
        .unwrap()
        .parse::<i64>()
        .unwrap()
        * 60;
    let created = unix(&w, second.created);
    assert_eq!(scheduled, 28_671_143 * 60);
    assert!(created - scheduled > 30, "late by {}", created - scheduled);
    // Never two at once.
    for (a, b) in jobs.iter().zip(jobs.iter().skip(1)) {
        let a_end = a.status.completion_time.unwrap_or(w.now());
        assert!(b.created >= a_end, "{} overlaps {}", b.name, a.name);
    }
}

#[test]
fn forbid_with_starting_deadline_drops_the_late_slot() {
    // mostRecentScheduleTime(includeSDS): slots older than now - SDS are not
    // considered, so the late 12:23 run never happens.
    let w = run(&cronjob(
        "  concurrencyPolicy: Forbid\n  startingDeadlineSeconds: 10",
        "* * * * *",
        "sleep 90",
        "4m",
        "",
    ));
    let names: Vec<&str> = w.jobs().iter().map(|j| j.name.as_str()).collect();
    assert!(!names.contains(&"cj-28671143"), "{names:?}");
    assert!(names.contains(&"cj-28671144"), "{names:?}");
}

#[test]
fn replace_deletes_the_running_job_first() {
    let w = run(&cronjob(
        "  concurrencyPolicy: Replace",
        "* * * * *",
        "sleep 90",
        "3m",
        "",
    ));
    let ev = cj_events(&w);
    let del = ev
        .iter()
        .position(|e| {
            e == &(
                "SuccessfulDelete".to_string(),
                "Deleted job cj-28671142".to_string(),
            )
        })
        .expect("the first Job is replaced");
    let create = ev
        .iter()
        .position(|e| e.1 == "Created job cj-28671143")
        .unwrap();
    assert!(del < create);
    assert!(w.jobs()[0].deleted.is_some());
    assert!(w.jobs()[0].condition(CondType::Complete).is_none());
}

#[test]
fn allow_runs_jobs_side_by_side() {
    let w = run(&cronjob("", "* * * * *", "sleep 150", "4m", ""));
    let cj = &w.cronjobs()[0];
    assert!(cj.status.active.len() >= 2, "{:?}", cj.status.active);
}

#[test]
fn outage_without_deadline_warns_and_runs_only_the_latest_slot() {
    // v2 nextScheduleTime: > 100 missed -> TooManyMissedTimes, and the most
    // recent slot still runs (the docs describe the old controller).
    let w = run(&cronjob(
        "",
        "* * * * *",
        "exit 0",
        "2h",
        "  actions:\n  - {at: 1m, controllerDown: 110m}",
    ));
    let ev = cj_events(&w);
    assert_eq!(count(&ev, "TooManyMissedTimes"), 1, "{ev:?}");
    assert!(ev.iter().any(|e| e.1
        == "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew"));
    // Up at 12:22:46 + 110 min = 14:12:46: one Job, for 14:12:00 (the
    // 12:22:00 slot is minute 28671142), none for the 109 slots before.
    let after: Vec<&jobsim::job::JobState> = w
        .jobs()
        .iter()
        .filter(|j| j.created > Time(60_000))
        .collect();
    assert_eq!(after[0].name, format!("cj-{}", 28_671_142 + 110));
    assert_eq!(after[0].created, Time(6_660_000));
    assert_eq!(after[1].name, format!("cj-{}", 28_671_142 + 111));
}

#[test]
fn outage_with_starting_deadline_200_has_no_warning() {
    let w = run(&cronjob(
        "  startingDeadlineSeconds: 200",
        "* * * * *",
        "exit 0",
        "2h",
        "  actions:\n  - {at: 1m, controllerDown: 110m}",
    ));
    let ev = cj_events(&w);
    assert_eq!(count(&ev, "TooManyMissedTimes"), 0, "{ev:?}");
    assert!(w.jobs().iter().any(|j| j.created == Time(6_660_000)));
}

#[test]
fn suspend_stops_new_jobs_and_resume_runs_the_latest_missed_slot() {
    let w = run(&cronjob(
        "",
        "*/10 * * * *",
        "exit 0",
        "1h",
        "  actions:\n  - {at: 10m, suspendCronJob: cj}\n  - {at: 37m, resumeCronJob: cj}",
    ));
    let created: Vec<(String, u64)> = w
        .jobs()
        .iter()
        .map(|j| (j.name.clone(), j.created.ms() / 1000))
        .collect();
    // 12:30 (before suspend at 12:31:46); 12:40 and 12:50 fall in the
    // suspension; at resume (12:58:46) only the 12:50 slot runs, at once;
    // then 13:00, 13:10 and 13:20 on time.
    let at: Vec<u64> = created.iter().map(|c| c.1).collect();
    assert_eq!(at, [494, 37 * 60, 2294, 2894, 3494], "{created:?}");
    assert_eq!(
        created[1].0,
        format!("cj-{}", 28_671_142 + 28),
        "{created:?}"
    );
}

#[test]
fn manual_job_from_cronjob_is_controlled_but_never_active() {
    // kubectl create job --from=cronjob/cj (createJobFromCronJob): the
    // owner reference has controller: true and no blockOwnerDeletion, plus
    // the annotation cronjob.kubernetes.io/instantiate: manual. The
    // CronJob controller lists it (controllerRef) and syncCronJob warns
    // UnexpectedJob while it runs outside status.active; once it succeeds
    // it sets lastSuccessfulTime but gets no SawCompletedJob (not found in
    // the active list).
    let w = run(&cronjob(
        "",
        "0 0 * * *",
        "sleep 30",
        "10m",
        "  actions:\n  - {at: 2m, createJobFrom: cronjob/cj}",
    ));
    assert_eq!(w.jobs().len(), 1);
    let job = &w.jobs()[0];
    assert!(job.name.starts_with("cj-manual-"));
    let ann = job.manifest.metadata.annotations.as_ref().unwrap();
    assert_eq!(ann["cronjob.kubernetes.io/instantiate"], "manual");
    let yaml = kubectl(&w, &format!("get job {} -o yaml", job.name));
    let refs = &yaml[yaml.find("ownerReferences:").unwrap()..];
    let refs = &refs[..refs.find("  uid:").unwrap()];
    assert!(refs.contains("controller: true"), "{refs}");
    assert!(!refs.contains("blockOwnerDeletion"), "{refs}");
    let cj = &w.cronjobs()[0];
    assert!(cj.status.active.is_empty());
    assert!(cj.status.last_successful_time.is_some());
    assert!(job.condition(CondType::Complete).is_some());
    let events = cj_events(&w);
    let unexpected: Vec<_> = events.iter().filter(|e| e.0 == "UnexpectedJob").collect();
    assert_eq!(unexpected.len(), 1, "{events:?}");
    assert_eq!(
        unexpected[0].1,
        format!(
            "Saw a job that the controller did not create or forgot: {}",
            job.name
        )
    );
    assert!(
        events.iter().all(|e| e.0 != "SawCompletedJob"),
        "{events:?}"
    );
    let described = kubectl(&w, "describe cronjob cj");
    assert!(described.contains("Warning  UnexpectedJob"), "{described}");
}

#[test]
fn saw_completed_job_names_the_condition_type() {
    // syncCronJob (1.34): "Saw completed job: %s, condition: %v" with
    // jobutil.FinishedCondition's type, Complete or Failed.
    for (script, cond) in [("exit 0", "Complete"), ("exit 1", "Failed")] {
        let text = cronjob("", "*/5 * * * *", script, "4m", "").replace(
            "    spec:\n      template:",
            "    spec:\n      backoffLimit: 0\n      template:",
        );
        let w = run(&text);
        let name = &w.jobs()[0].name;
        let events = cj_events(&w);
        assert!(
            events.contains(&(
                "SawCompletedJob".into(),
                format!("Saw completed job: {name}, condition: {cond}")
            )),
            "{events:?}"
        );
    }
}

#[test]
fn failed_jobs_history_limit_keeps_one() {
    // backoffLimit 0 so each Job fails with its first pod.
    let text = cronjob("", "* * * * *", "exit 1", "6m", "").replace(
        "    spec:\n      template:",
        "    spec:\n      backoffLimit: 0\n      template:",
    );
    let w = run(&text);
    let failed_all = w
        .jobs()
        .iter()
        .filter(|j| j.condition(CondType::Failed).is_some())
        .count();
    assert!(failed_all >= 5, "{failed_all}");
    let failed_kept = w
        .jobs()
        .iter()
        .filter(|j| j.deleted.is_none() && j.condition(CondType::Failed).is_some())
        .count();
    assert_eq!(failed_kept, 1);
}

#[test]
fn every_schedule_counts_from_the_last_run() {
    // ConstantDelaySchedule through mostRecentScheduleTime.
    let w = run(&cronjob("", "@every 90s", "exit 0", "5m", ""));
    let at: Vec<u64> = w.jobs().iter().map(|j| j.created.ms() / 1000).collect();
    assert_eq!(at, [90, 180, 270]);
}

#[test]
fn unsatisfiable_schedule_is_an_invalid_schedule_at_run_time() {
    // Passes validation; utils.go reports the two slots closer than 1 s.
    let w = run(&cronjob("", "59 23 31 2 *", "exit 0", "5m", ""));
    let ev = cj_events(&w);
    assert!(
        ev.iter().any(|e| e.0 == "InvalidSchedule"
            && e.1
                .contains("time difference between two schedules is less than 1 second")),
        "{ev:?}"
    );
    assert!(w.jobs().is_empty());
}

#[test]
fn explain_names_the_forbid_skip_and_the_running_job() {
    let text = fixture("cronjob-forbid.yaml").replace("until: 10m", "until: 2m20s");
    let w = run(&text);
    let line = jobsim::cronjob::explain::explain(&w, 0);
    assert!(
        line.starts_with("2024-07-06T12:24:00Z was skipped: concurrencyPolicy Forbid and slow-forbid-28671143 is still running."),
        "{line}"
    );
    assert!(line.contains("Next: 2024-07-06T12:25:00Z"), "{line}");
}

#[test]
fn describe_schedule_in_words() {
    use jobsim::cronjob::explain::describe_schedule;
    let cases = [
        ("* * * * *", "every minute"),
        ("*/15 * * * *", "every 15 minutes"),
        ("30 2 * * 1", "at 02:30 on Monday"),
        ("0 9 1 * *", "at 09:00 on day 1 of the month"),
        (
            "0 0 1,15 * Sun",
            "at 00:00 on day 1 and 15 of the month or on Sunday",
        ),
        ("@hourly", "at minute 0 of every hour"),
        ("@every 90s", "every 1m30s (counted from the previous run)"),
    ];
    for (spec, want) in cases {
        let s = jobsim::cron::parse_standard(spec).unwrap();
        assert_eq!(describe_schedule(&s), want, "{spec}");
    }
}

#[test]
fn long_runs_reuse_arena_slots_and_expire_events() {
    // Events expire an hour after they were last seen (kube-apiserver
    // --event-ttl=1h); slots of Jobs deleted before that are reused.
    let mut w = world(&fixture("hello-cronjob.yaml"));
    w.run_until(Time(6 * 3600 * 1000));
    let cj = &w.cronjobs()[0];
    assert_eq!(cj.created_jobs, 360);
    assert!(w.jobs().len() < 80, "job arena {}", w.jobs().len());
    assert!(w.pods().len() < 80, "pod arena {}", w.pods().len());
    assert!(w.events().expired > 0);
    let oldest = w
        .events()
        .ids()
        .filter_map(|i| w.events().get(i))
        .map(|e| e.last())
        .min()
        .unwrap();
    // Expiry is lazy (on the next record), so within a minute of the TTL.
    let ttl = jobsim::timing::EVENT_TTL.as_millis();
    assert!(w.now().since(oldest).as_millis() <= ttl + 60_000);
    // Kept Jobs and the history still name the right objects.
    let jobs = kubectl(&w, "get jobs");
    assert_eq!(jobs.lines().count(), 4, "{jobs}");
    let last = 28_671_142 + 359;
    assert!(jobs.contains(&format!("hello-{last}")), "{jobs}");
    let v = jobsim::snapshot::cronjobs(&w);
    assert_eq!(v[0].history.len(), jobsim::cronjob::HISTORY_KEPT);
    assert_eq!(v[0].history[0].job, format!("hello-{last}"));
    assert!(v[0].history[0..3].iter().all(|h| !h.deleted));
    assert!(v[0].history[3..].iter().all(|h| h.deleted));
}

#[test]
fn hourly_history_outlives_reused_slots() {
    let w = run(&cronjob("", "0 * * * *", "exit 0", "72h", ""));
    let v = jobsim::snapshot::cronjobs(&w);
    let h = &v[0].history;
    assert_eq!(h.len(), jobsim::cronjob::HISTORY_KEPT);
    // Names stay distinct and newest first even where slots were reused.
    for pair in h.windows(2) {
        assert!(
            pair[0].job > pair[1].job,
            "{} then {}",
            pair[0].job,
            pair[1].job
        );
    }
    assert_eq!(h.iter().filter(|r| !r.deleted).count(), 3);
    assert!(h[10..].iter().all(|r| r.status == "Deleted"));
}
