//! What the CronJob controller keeps: each stored CronJob (spec parsed,
//! status, its Jobs and history, the last decision for the "why" line)
//! and the controller's own state (down or syncing).

use super::utils::Missed;
use crate::api::CronJob;
use crate::clock::Time;
use crate::cron::Schedule;
use crate::timezone::Zone;
use std::collections::VecDeque;

/// How many of a CronJob's past Jobs the card's history keeps.
pub const HISTORY_KEPT: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConcurrencyPolicy {
    Allow,
    Forbid,
    Replace,
}

impl ConcurrencyPolicy {
    pub(crate) fn from_spec(s: Option<&str>) -> ConcurrencyPolicy {
        match s {
            Some("Forbid") => ConcurrencyPolicy::Forbid,
            Some("Replace") => ConcurrencyPolicy::Replace,
            _ => ConcurrencyPolicy::Allow,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            ConcurrencyPolicy::Allow => "Allow",
            ConcurrencyPolicy::Forbid => "Forbid",
            ConcurrencyPolicy::Replace => "Replace",
        }
    }
}

/// `status` of a CronJob; times in unix seconds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CronJobStatus {
    /// Jobs (arena ids) in `status.active`, in the order added.
    pub active: Vec<u32>,
    pub last_schedule_time: Option<i64>,
    pub last_successful_time: Option<i64>,
}

/// What the last sync decided, for the "why" line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Nothing due yet.
    Waiting,
    Created {
        job: String,
        scheduled: i64,
        /// Jobs deleted first under `Replace`.
        replaced: Vec<String>,
        /// Slots missed before this one (more than one: only the most
        /// recent runs).
        missed: Missed,
    },
    /// `Forbid` and a Job still active.
    SkippedForbid {
        scheduled: i64,
        active: String,
    },
    /// Older than `startingDeadlineSeconds`.
    MissedDeadline {
        scheduled: i64,
    },
    Suspended,
    ControllerDown {
        until: Time,
    },
    InvalidSchedule(String),
    UnknownTimeZone(String),
    /// The Job name for the slot belongs to a Job this CronJob does not
    /// control (AlreadyExists): nothing is created, and no requeue.
    NameTaken {
        scheduled: i64,
        job: String,
    },
}

#[derive(Debug, Clone)]
pub struct CronJobState {
    pub name: String,
    pub uid: u64,
    /// The CronJob as stored after defaulting (`spec.suspend` kept current).
    pub manifest: CronJob,
    pub created: Time,
    pub schedule: Result<Schedule, String>,
    pub zone: Result<std::sync::Arc<Zone>, String>,
    pub concurrency: ConcurrencyPolicy,
    pub suspend: bool,
    pub starting_deadline: Option<i64>,
    pub successful_history: Option<u32>,
    pub failed_history: Option<u32>,
    pub status: CronJobStatus,
    /// Jobs controlled by this CronJob that still exist.
    pub jobs: Vec<u32>,
    /// The most recent Jobs it created (kept and deleted), oldest first.
    pub history: VecDeque<HistoryEntry>,
    /// Jobs it created in all.
    pub created_jobs: u64,
    /// The most Jobs in `status.active` at once, and the slots it did not
    /// run (Forbid, or past `startingDeadlineSeconds`), for exercises.
    pub max_active: u32,
    pub skipped: u64,
    /// The last slot counted in `skipped` (a slot is seen by many syncs).
    pub(crate) last_skipped: Option<i64>,
    pub decision: Decision,
    /// The last few `Next` answers for this schedule and zone.
    pub(crate) next_memo: [(i64, Option<i64>); 4],
    /// The job template's containers, derived once for all its Jobs.
    pub(crate) containers: Option<std::sync::Arc<[crate::job::state::ContainerSpec]>>,
    pub(crate) next_sync: Option<Time>,
    pub last_event: u32,
}

impl CronJobState {
    pub(crate) fn count_skip(&mut self, scheduled: i64) {
        if self.last_skipped != Some(scheduled) {
            self.last_skipped = Some(scheduled);
            self.skipped += 1;
        }
    }

    pub fn time_zone(&self) -> Option<&str> {
        self.manifest.spec.time_zone.as_deref()
    }
}

#[derive(Debug, Clone, Default)]
pub struct CronJobControllerState {
    /// The controller is down (a Scenario's `controllerDown`) until then.
    pub down_until: Option<Time>,
    /// The CronJob whose sync is running.
    pub(crate) syncing: Option<u32>,
}

/// A Job in a CronJob's history. Its arena slot may be reused once the
/// Job is long gone, so the uid tells whether `job` is still it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub job: u32,
    pub uid: u64,
    pub name: String,
}
