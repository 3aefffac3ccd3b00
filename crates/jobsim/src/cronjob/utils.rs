//! Schedule arithmetic and Job construction of the CronJob controller
//! (upstream `pkg/controller/cronjob/utils.go`). Schedule times are unix
//! seconds; "now" is unix milliseconds, since the controller's clock has
//! sub-second precision (requeues land 100 ms after a slot).

use crate::api::{CronJob, Job};
use crate::timezone::Zone;

/// `nextScheduleDelta`: requeue this long after the next slot.
pub const NEXT_SCHEDULE_DELTA_MS: i64 = 100;
/// More missed slots than this gives `TooManyMissedTimes`.
pub const MANY_MISSED: i64 = 100;
/// Annotation with the slot a Job was created for (1.32+,
/// `CronJobsScheduledAnnotation`).
pub const SCHEDULED_TIMESTAMP_ANNOTATION: &str = "batch.kubernetes.io/cronjob-scheduled-timestamp";
/// `kubectl create job --from=cronjob/...` marks its Job with this.
pub const INSTANTIATE_ANNOTATION: &str = "cronjob.kubernetes.io/instantiate";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Missed {
    None,
    Few,
    /// More than 100.
    Many,
}

/// `Schedule.Next` as the controller calls it: a schedule in a zone.
pub type NextFn<'a> = &'a dyn Fn(i64) -> Option<i64>;

/// `mostRecentScheduleTime`: the earliest time considered, the most recent
/// slot in (earliest, now] if any, and how many were missed (estimated
/// from the gap between the first two slots, as upstream does).
pub fn most_recent_schedule_time(
    earliest_ms: i64,
    now_ms: i64,
    next: NextFn,
) -> Result<(i64, Option<i64>, Missed), String> {
    const TOO_CLOSE: &str = "time difference between two schedules is less than 1 second";
    let floor = |ms: i64| ms.div_euclid(1000);
    let Some(t1) = next(floor(earliest_ms)) else {
        return Err(TOO_CLOSE.into());
    };
    if now_ms < t1 * 1000 {
        return Ok((earliest_ms, None, Missed::None));
    }
    let Some(t2) = next(t1) else {
        return Err(TOO_CLOSE.into());
    };
    if now_ms < t2 * 1000 {
        return Ok((earliest_ms, Some(t1), Missed::None));
    }
    let interval = t2 - t1;
    if interval < 1 {
        return Err(TOO_CLOSE.into());
    }
    let elapsed = (now_ms - t1 * 1000) / 1000;
    let missed = elapsed / interval + 1;
    // Back one interval more and let Next find the real slots, which
    // matters for irregular schedules such as `30 6-16/4 * * 1-5`.
    let potential_earliest = t1 + (missed - 2) * interval;
    let mut most_recent = None;
    let mut t = next(potential_earliest);
    while let Some(x) = t.filter(|&x| x * 1000 <= now_ms) {
        most_recent = Some(x);
        t = next(x);
    }
    let missed = if missed > MANY_MISSED {
        Missed::Many
    } else {
        Missed::Few
    };
    Ok((earliest_ms, most_recent, missed))
}

/// `nextScheduleTimeDuration`: when to sync again, in ms from now; None
/// when the schedule never fires again.
pub fn next_schedule_time_duration(earliest_ms: i64, now_ms: i64, next: NextFn) -> Option<i64> {
    let base_ms = match most_recent_schedule_time(earliest_ms, now_ms, next) {
        Err(_) => now_ms,
        Ok((_, Some(t), _)) => t * 1000,
        Ok((earliest, None, Missed::None)) => earliest,
        Ok((_, None, _)) => now_ms,
    };
    let t = next(base_ms.div_euclid(1000))?;
    Some(t * 1000 + NEXT_SCHEDULE_DELTA_MS - now_ms)
}

/// `getJobName`: `<cronjob>-<scheduled time in minutes since the epoch>`.
pub fn job_name(cronjob: &str, scheduled: i64) -> String {
    format!("{cronjob}-{}", scheduled.div_euclid(60))
}

/// `getJobFromTemplate2`: the Job for one slot, with the template's labels
/// and annotations, the scheduled-timestamp annotation (in the CronJob's
/// zone) and a controller owner reference.
pub fn job_from_template(cj: &CronJob, scheduled: i64, zone: &Zone) -> Job {
    let name = cj.metadata.name.clone().unwrap_or_default();
    let mut job = template_job(cj);
    job.metadata.name = Some(job_name(&name, scheduled));
    job.metadata
        .annotations
        .get_or_insert_with(Default::default)
        .insert(
            SCHEDULED_TIMESTAMP_ANNOTATION.into(),
            zone.rfc3339(scheduled),
        );
    job
}

/// `kubectl create job NAME --from=cronjob/CJ`: the template's spec,
/// labels and annotations plus `cronjob.kubernetes.io/instantiate:
/// manual` (a template annotation of that key wins, as kubectl copies
/// them over it); its owner reference is a controller reference
/// (`JobOwner`).
pub fn job_from_cronjob_manual(cj: &CronJob, name: &str) -> Job {
    let mut job = template_job(cj);
    job.metadata.name = Some(name.to_string());
    job.metadata
        .annotations
        .get_or_insert_with(Default::default)
        .entry(INSTANTIATE_ANNOTATION.into())
        .or_insert_with(|| "manual".into());
    job
}

/// The owner reference itself is kept as `JobState::owner` (kubectl
/// renders it from there).
fn template_job(cj: &CronJob) -> Job {
    let t = &cj.spec.job_template;
    // Built field by field: a defaulted JobSpec would allocate a pod spec
    // only to drop it.
    Job {
        api_version: "batch/v1".into(),
        kind: "Job".into(),
        metadata: crate::api::ObjectMeta {
            namespace: cj.metadata.namespace.clone(),
            labels: t.metadata.labels.clone(),
            annotations: t.metadata.annotations.clone(),
            ..Default::default()
        },
        spec: t.spec.clone(),
        status: None,
    }
}
