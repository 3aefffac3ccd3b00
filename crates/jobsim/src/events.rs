//! core/v1 Events, stored compactly (ids, not strings) and rendered on
//! demand. Identical consecutive events on one object are aggregated into
//! `count` / `lastTimestamp`, as the client-go event correlator does.

use crate::clock::Time;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ObjRef {
    Job(u32),
    Pod(u32),
    Node(u32),
    CronJob(u32),
}

/// What happened, with ids of whatever the message names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    // job-controller
    SuccessfulCreate {
        pod: u32,
    },
    SuccessfulDelete {
        pod: u32,
    },
    BackoffLimitExceeded,
    DeadlineExceeded,
    PodFailurePolicy,
    MaxFailedIndexesExceeded,
    FailedIndexes,
    Completed,
    Suspended,
    Resumed,
    // cronjob-controller (`job` is a Job id)
    CronJobCreated {
        job: u32,
    },
    SawCompletedJob {
        job: u32,
    },
    CronJobDeleted {
        job: u32,
    },
    UnexpectedJob {
        job: u32,
    },
    MissingJob {
        job: u32,
    },
    JobAlreadyActive,
    /// `at`: the missed slot, seconds after the world's origin.
    MissSchedule {
        at: u32,
    },
    TooManyMissedTimes,
    InvalidSchedule,
    UnparseableSchedule,
    UnknownTimeZone,
    // default-scheduler
    Scheduled {
        node: u32,
    },
    FailedScheduling {
        msg: u32,
    },
    // kubelet (container = slot in the pod's container list)
    Pulling {
        c: u8,
    },
    Pulled {
        c: u8,
        took_ms: u32,
    },
    AlreadyPresent {
        c: u8,
    },
    PullFailed {
        c: u8,
    },
    ErrImagePull {
        c: u8,
    },
    PullBackOff {
        c: u8,
    },
    Created {
        c: u8,
    },
    Started {
        c: u8,
    },
    Killing {
        c: u8,
    },
    BackOff {
        c: u8,
    },
    // node lifecycle
    NodeNotReady,
    NodeReady,
    NodeNotSchedulable,
    NodeSchedulable,
    PodNodeNotReady,
    TaintManagerEviction,
}

/// 36 bytes: the log holds several events per pod, so the first time is
/// two u32 halves of milliseconds and the last a u32 offset in seconds
/// (kubectl shows seconds), which covers a year-long CronJob run.
#[derive(Debug, Clone, Copy)]
pub struct EventRecord {
    pub object: ObjRef,
    pub reason: Reason,
    /// Milliseconds, split so the record keeps 4-byte alignment.
    first_ms: [u32; 2],
    /// Seconds after `first` (what kubectl shows), enough for a year.
    last_after_s: u32,
    pub count: u32,
    /// Previous event of the same object (u32::MAX: none), so describe can
    /// walk one object's events without scanning the whole log.
    pub prev: u32,
}

fn split(t: Time) -> [u32; 2] {
    [(t.ms() >> 32) as u32, t.ms() as u32]
}

impl EventRecord {
    pub fn first(&self) -> Time {
        Time(((self.first_ms[0] as u64) << 32) | self.first_ms[1] as u64)
    }
    pub fn last(&self) -> Time {
        let first = self.first();
        if self.last_after_s == 0 {
            first
        } else {
            Time(first.ms() / 1000 * 1000 + self.last_after_s as u64 * 1000)
        }
    }
}

impl Reason {
    pub fn name(self) -> &'static str {
        match self {
            Reason::SuccessfulCreate { .. } => "SuccessfulCreate",
            Reason::SuccessfulDelete { .. } => "SuccessfulDelete",
            Reason::BackoffLimitExceeded => "BackoffLimitExceeded",
            Reason::DeadlineExceeded => "DeadlineExceeded",
            Reason::PodFailurePolicy => "PodFailurePolicy",
            Reason::MaxFailedIndexesExceeded => "MaxFailedIndexesExceeded",
            Reason::FailedIndexes => "FailedIndexes",
            Reason::Completed => "Completed",
            Reason::Suspended => "Suspended",
            Reason::Resumed => "Resumed",
            Reason::CronJobCreated { .. } => "SuccessfulCreate",
            Reason::SawCompletedJob { .. } => "SawCompletedJob",
            Reason::CronJobDeleted { .. } => "SuccessfulDelete",
            Reason::UnexpectedJob { .. } => "UnexpectedJob",
            Reason::MissingJob { .. } => "MissingJob",
            Reason::JobAlreadyActive => "JobAlreadyActive",
            Reason::MissSchedule { .. } => "MissSchedule",
            Reason::TooManyMissedTimes => "TooManyMissedTimes",
            Reason::InvalidSchedule => "InvalidSchedule",
            Reason::UnparseableSchedule => "UnparseableSchedule",
            Reason::UnknownTimeZone => "UnknownTimeZone",
            Reason::Scheduled { .. } => "Scheduled",
            Reason::FailedScheduling { .. } => "FailedScheduling",
            Reason::Pulling { .. } => "Pulling",
            Reason::Pulled { .. } | Reason::AlreadyPresent { .. } => "Pulled",
            Reason::PullFailed { .. } | Reason::ErrImagePull { .. } => "Failed",
            Reason::PullBackOff { .. } | Reason::BackOff { .. } => "BackOff",
            Reason::Created { .. } => "Created",
            Reason::Started { .. } => "Started",
            Reason::Killing { .. } => "Killing",
            Reason::NodeNotReady | Reason::PodNodeNotReady => "NodeNotReady",
            Reason::NodeReady => "NodeReady",
            Reason::NodeNotSchedulable => "NodeNotSchedulable",
            Reason::NodeSchedulable => "NodeSchedulable",
            Reason::TaintManagerEviction => "TaintManagerEviction",
        }
    }
    pub fn is_warning(self) -> bool {
        matches!(
            self,
            Reason::BackoffLimitExceeded
                | Reason::DeadlineExceeded
                | Reason::PodFailurePolicy
                | Reason::MaxFailedIndexesExceeded
                | Reason::FailedIndexes
                | Reason::FailedScheduling { .. }
                | Reason::PullFailed { .. }
                | Reason::ErrImagePull { .. }
                | Reason::PullBackOff { .. }
                | Reason::BackOff { .. }
                | Reason::PodNodeNotReady
                | Reason::UnexpectedJob { .. }
                | Reason::MissSchedule { .. }
                | Reason::TooManyMissedTimes
                | Reason::InvalidSchedule
                | Reason::UnparseableSchedule
                | Reason::UnknownTimeZone
        )
    }
    pub fn component(self) -> &'static str {
        match self {
            Reason::SuccessfulCreate { .. }
            | Reason::SuccessfulDelete { .. }
            | Reason::BackoffLimitExceeded
            | Reason::DeadlineExceeded
            | Reason::PodFailurePolicy
            | Reason::MaxFailedIndexesExceeded
            | Reason::FailedIndexes
            | Reason::Completed
            | Reason::Suspended
            | Reason::Resumed => "job-controller",
            Reason::CronJobCreated { .. }
            | Reason::SawCompletedJob { .. }
            | Reason::CronJobDeleted { .. }
            | Reason::UnexpectedJob { .. }
            | Reason::MissingJob { .. }
            | Reason::JobAlreadyActive
            | Reason::MissSchedule { .. }
            | Reason::TooManyMissedTimes
            | Reason::InvalidSchedule
            | Reason::UnparseableSchedule
            | Reason::UnknownTimeZone => "cronjob-controller",
            Reason::Scheduled { .. } | Reason::FailedScheduling { .. } => "default-scheduler",
            Reason::NodeNotReady | Reason::PodNodeNotReady => "node-controller",
            Reason::TaintManagerEviction => "taint-eviction-controller",
            _ => "kubelet",
        }
    }
}

/// `kube-apiserver --event-ttl` default: events expire an hour after
/// they were last seen.
pub const EVENT_TTL: crate::clock::Duration = crate::clock::Duration::from_secs(3600);

/// The event log, ordered by last-seen time so expiry works from the front.
/// Ids are absolute (`base` is the id of the oldest record kept); an id
/// below `base` has expired.
#[derive(Debug, Clone, Default)]
pub struct EventLog {
    records: crate::arena::ChunkDeque<EventRecord>,
    base: u32,
    /// Records dropped by the TTL so far.
    pub expired: u64,
    /// Interned long messages (scheduler failures), each stored once.
    pub messages: Vec<String>,
    message_ids: std::collections::HashMap<String, u32>,
}

pub const NONE: u32 = u32::MAX;

impl EventLog {
    /// Records an event; `last` is the object's last-event slot, updated.
    /// An identical repeat of the object's last event is aggregated
    /// (`count`, last seen) and moves to the back of the log, keeping the
    /// log ordered by last-seen time.
    pub fn record(&mut self, now: Time, object: ObjRef, reason: Reason, last: &mut u32) {
        self.expire(now);
        let mut rec = EventRecord {
            object,
            reason,
            first_ms: split(now),
            last_after_s: 0,
            count: 1,
            prev: if *last >= self.base { *last } else { NONE },
        };
        if let Some(old) = self.get_mut(*last) {
            if old.reason == reason {
                rec = *old;
                rec.count += 1;
                let first_s = rec.first().ms() / 1000;
                rec.last_after_s = u32::try_from(now.ms() / 1000 - first_s).unwrap_or(u32::MAX);
                // The superseded copy stays as a tombstone until it expires.
                old.count = 0;
                if rec.prev < self.base {
                    rec.prev = NONE;
                }
            }
        }
        let idx = self.base + self.records.len() as u32;
        self.records.push_back(rec);
        *last = idx;
    }

    /// Drops records last seen more than `EVENT_TTL` before `now`.
    fn expire(&mut self, now: Time) {
        let Some(cutoff) = now.ms().checked_sub(EVENT_TTL.as_millis()) else {
            return;
        };
        while self.records.front().is_some_and(|r| r.last().ms() < cutoff) {
            self.records.pop_front();
            self.base += 1;
            self.expired += 1;
        }
    }

    fn get_mut(&mut self, id: u32) -> Option<&mut EventRecord> {
        if id == NONE || id < self.base {
            return None;
        }
        self.records.get_mut((id - self.base) as usize)
    }

    /// A live record by id (None when expired or superseded).
    pub fn get(&self, id: usize) -> Option<&EventRecord> {
        let id = u32::try_from(id).ok()?;
        if id < self.base {
            return None;
        }
        self.records
            .get((id - self.base) as usize)
            .filter(|r| r.count > 0)
    }

    /// The events a client would list at `now`, oldest first: live
    /// records (not superseded) last seen within the TTL. Expiry itself is
    /// lazy (on the next record), so this is where it is exact.
    pub fn visible(&self, now: Time) -> impl Iterator<Item = (usize, &EventRecord)> {
        self.ids()
            .filter_map(move |i| self.visible_at(i, now).map(|e| (i, e)))
    }

    /// Record `id` if a client would list it at `now`.
    pub fn visible_at(&self, id: usize, now: Time) -> Option<&EventRecord> {
        self.get(id).filter(|e| now.since(e.last()) <= EVENT_TTL)
    }

    /// Ids of every record kept, oldest first (some may be superseded).
    pub fn ids(&self) -> std::ops::Range<usize> {
        self.base as usize..self.base as usize + self.records.len()
    }

    /// The id of a message, storing it the first time: the table holds
    /// each distinct text once, so it is bounded by the distinct texts a
    /// run can produce, not by the number of events.
    pub fn intern(&mut self, msg: String) -> u32 {
        if let Some(&i) = self.message_ids.get(&msg) {
            return i;
        }
        let i = self.messages.len() as u32;
        self.message_ids.insert(msg.clone(), i);
        self.messages.push(msg);
        i
    }

    /// Events of one object, oldest first.
    pub fn of_object(&self, mut last: u32) -> Vec<&EventRecord> {
        let mut out = Vec::new();
        while let Some(r) = self.get(last as usize) {
            out.push(r);
            last = r.prev;
        }
        out.reverse();
        out
    }
}
