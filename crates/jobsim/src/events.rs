//! core/v1 Events, stored compactly (ids, not strings) and rendered on
//! demand. Identical consecutive events on one object are aggregated into
//! `count` / `lastTimestamp`, as the client-go event correlator does.

use crate::clock::Time;
use crate::timing::EVENT_TTL;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ObjRef {
    Job(u32),
    Pod(u32),
    Node(u32),
    CronJob(u32),
}

/// What happened, with ids of whatever the message names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
    /// The taint went before the toleration ran out (`cancelWorkWithEvent`).
    TaintManagerEvictionCancelled,
}

/// 28 bytes: the log holds several events per pod, so the object is
/// packed into a u32, the first time is two u32 halves of milliseconds and
/// the last a u32 offset in seconds (kubectl shows seconds), which covers
/// a year-long CronJob run.
#[derive(Debug, Clone, Copy)]
pub struct EventRecord {
    /// Kind in the top two bits, `COMBINED`, then the arena id.
    obj: u32,
    pub reason: Reason,
    /// Milliseconds, split so the record keeps 4-byte alignment.
    first_ms: [u32; 2],
    /// Seconds after `first` (what kubectl shows), enough for a year.
    last_after_s: u32,
    pub count: u32,
}

/// The record stands for similar events combined by the aggregator.
const COMBINED: u32 = 1 << 29;
const ID_MASK: u32 = COMBINED - 1;

fn pack(o: ObjRef) -> u32 {
    let (kind, id) = match o {
        ObjRef::Job(i) => (0, i),
        ObjRef::Pod(i) => (1, i),
        ObjRef::Node(i) => (2, i),
        ObjRef::CronJob(i) => (3, i),
    };
    (kind << 30) | (id & ID_MASK)
}

fn split(t: Time) -> [u32; 2] {
    [(t.ms() >> 32) as u32, t.ms() as u32]
}

impl EventRecord {
    pub fn object(&self) -> ObjRef {
        let id = self.obj & ID_MASK;
        match self.obj >> 30 {
            0 => ObjRef::Job(id),
            1 => ObjRef::Pod(id),
            2 => ObjRef::Node(id),
            _ => ObjRef::CronJob(id),
        }
    }

    /// client-go's EventAggregator combined similar events into this one;
    /// its message starts with "(combined from similar events): ".
    pub fn combined(&self) -> bool {
        self.obj & COMBINED != 0
    }

    pub fn first(&self) -> Time {
        Time(((self.first_ms[0] as u64) << 32) | self.first_ms[1] as u64)
    }
    fn set_last(&mut self, now: Time) {
        let first_s = self.first().ms() / 1000;
        self.last_after_s = u32::try_from(now.ms() / 1000 - first_s).unwrap_or(u32::MAX);
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
            Reason::TaintManagerEviction | Reason::TaintManagerEvictionCancelled => {
                "TaintManagerEviction"
            }
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
            Reason::TaintManagerEviction | Reason::TaintManagerEvictionCancelled => {
                "taint-eviction-controller"
            }
            _ => "kubelet",
        }
    }
}

/// client-go's EventAggregator (`maxEvents`, `maxIntervalInSeconds`):
/// once an object has had this many events of one reason with different
/// messages, each 10 minutes or less after the previous, further ones are
/// combined into one event.
const AGGREGATE_MAX_EVENTS: usize = 10;
const AGGREGATE_INTERVAL: crate::clock::Duration = crate::clock::Duration::from_secs(600);

/// The aggregator's record for one (object, reason).
#[derive(Debug, Clone)]
struct Similar {
    /// Distinct messages seen (as the reason's payload, which decides the
    /// message), oldest first, each with its hash: a busy Job's new pod is
    /// checked against nine small numbers, not nine reasons.
    keys: std::collections::VecDeque<(u64, Reason)>,
    last: Time,
    /// The combined event, once there is one.
    combined: u32,
}

/// The event log, ordered by last-seen time so expiry works from the front
/// (combined events excepted: see `expire`).
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
    /// Aggregator state for Job and CronJob objects (the controllers'
    /// events; a pod's events never get ten different messages of one
    /// reason in this model), keyed by packed object and reason.
    similar: std::collections::HashMap<
        (u32, std::mem::Discriminant<Reason>),
        Similar,
        crate::uid::FxBuild,
    >,
}

pub const NONE: u32 = u32::MAX;

impl EventLog {
    /// Records an event; `last` is the object's last-event slot, updated.
    /// An identical repeat of the object's last event is aggregated
    /// (`count`, last seen) and moves to the back of the log, keeping the
    /// log ordered by last-seen time. Controllers' events go through the
    /// EventAggregator first (`aggregate`).
    pub fn record(&mut self, now: Time, object: ObjRef, reason: Reason, last: &mut u32) {
        self.expire(now);
        let obj = pack(object);
        if matches!(object, ObjRef::Job(_) | ObjRef::CronJob(_))
            && self.aggregate(now, obj, reason, last)
        {
            return;
        }
        let mut rec = EventRecord {
            obj,
            reason,
            first_ms: split(now),
            last_after_s: 0,
            count: 1,
        };
        if let Some(old) = self.get_mut(*last) {
            if old.reason == reason && !old.combined() {
                rec = *old;
                rec.count += 1;
                rec.set_last(now);
                // The superseded copy stays as a tombstone until it expires.
                old.count = 0;
            }
        }
        *last = self.push(rec);
    }

    fn push(&mut self, rec: EventRecord) -> u32 {
        let idx = self.base + self.records.len() as u32;
        self.records.push_back(rec);
        idx
    }

    /// `EventAggregator.EventAggregate` then the logger's dedup of the
    /// combined event: true when the event went into the combined one.
    fn aggregate(&mut self, now: Time, obj: u32, reason: Reason, last: &mut u32) -> bool {
        let key = (obj, std::mem::discriminant(&reason));
        let sim = self.similar.entry(key).or_insert_with(|| Similar {
            keys: Default::default(),
            last: now,
            combined: NONE,
        });
        if now.since(sim.last) > AGGREGATE_INTERVAL {
            sim.keys.clear();
            sim.combined = NONE;
        }
        sim.last = now;
        let h = std::hash::BuildHasher::hash_one(&crate::uid::FxBuild, reason);
        if !sim.keys.iter().any(|&(kh, k)| kh == h && k == reason) {
            sim.keys.push_back((h, reason));
        }
        if sim.keys.len() < AGGREGATE_MAX_EVENTS {
            return false;
        }
        // PopAny keeps the set below the limit; the oldest goes here.
        sim.keys.pop_front();
        let prior = sim.combined;
        // The combined event is updated where it is (a busy Job updates it
        // for every pod; moving it would leave a tombstone per pod);
        // `expire` moves it to the back before it could block expiry.
        if let Some(old) = self.get_mut(prior).filter(|o| o.count > 0) {
            old.reason = reason;
            old.count += 1;
            old.set_last(now);
            *last = prior;
            return true;
        }
        let idx = self.push(EventRecord {
            obj: obj | COMBINED,
            reason,
            first_ms: split(now),
            last_after_s: 0,
            count: 1,
        });
        *last = idx;
        if let Some(sim) = self.similar.get_mut(&key) {
            sim.combined = idx;
        }
        true
    }

    /// Drops records last seen more than `EVENT_TTL` before `now`.
    fn expire(&mut self, now: Time) {
        let Some(cutoff) = now.ms().checked_sub(EVENT_TTL.as_millis()) else {
            return;
        };
        while let Some(&front) = self.records.front() {
            let live_combined = front.combined() && front.count > 0;
            if front.last().ms() >= cutoff && !live_combined {
                break;
            }
            self.records.pop_front();
            self.base += 1;
            if front.last().ms() < cutoff {
                self.expired += 1;
                continue;
            }
            // A combined event updated in place since: it moves to the back
            // (the aggregator follows it), so it never blocks expiry.
            let idx = self.push(front);
            let key = (front.obj & !COMBINED, std::mem::discriminant(&front.reason));
            if let Some(sim) = self.similar.get_mut(&key) {
                sim.combined = idx;
            }
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

    /// Ids of the combined events, which are updated in place (so the
    /// newest events are the log's tail plus these), in id order (not the
    /// map's hash order).
    pub fn combined_ids(&self) -> Vec<usize> {
        // hash-order: sorted below.
        let mut ids: Vec<usize> = (self.similar.values())
            .filter(|s| s.combined != NONE)
            .map(|s| s.combined as usize)
            .collect();
        crate::sort::sort_by_key(&mut ids, |i| i);
        ids
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
}

#[cfg(test)]
mod aggregator_tests {
    use super::*;

    fn live(log: &EventLog) -> Vec<(Reason, u32, bool)> {
        log.ids()
            .filter_map(|i| log.get(i))
            .map(|e| (e.reason, e.count, e.combined()))
            .collect()
    }

    #[test]
    fn similar_events_combine_from_the_tenth_message() {
        // client-go EventAggregator: maxEvents 10, maxIntervalInSeconds 600.
        let mut log = EventLog::default();
        let mut last = NONE;
        for pod in 0..12 {
            let t = Time(pod as u64 * 1000);
            log.record(
                t,
                ObjRef::Job(0),
                Reason::SuccessfulCreate { pod },
                &mut last,
            );
        }
        let events = live(&log);
        assert_eq!(events.len(), 10, "{events:?}");
        assert!(events[..9].iter().all(|&(_, n, c)| n == 1 && !c));
        assert_eq!(
            events[9],
            (Reason::SuccessfulCreate { pod: 11 }, 3, true),
            "one combined event, counting the 10th to 12th, naming the latest"
        );
    }

    #[test]
    fn identical_messages_are_counted_not_combined() {
        let mut log = EventLog::default();
        let mut last = NONE;
        for s in 0..15 {
            log.record(
                Time(s * 60_000),
                ObjRef::CronJob(0),
                Reason::JobAlreadyActive,
                &mut last,
            );
        }
        assert_eq!(live(&log), vec![(Reason::JobAlreadyActive, 15, false)]);
    }

    #[test]
    fn a_quiet_interval_starts_the_aggregator_over() {
        let mut log = EventLog::default();
        let mut last = NONE;
        for pod in 0..9 {
            log.record(
                Time(pod as u64),
                ObjRef::Job(0),
                Reason::SuccessfulCreate { pod },
                &mut last,
            );
        }
        // More than 600 s after the previous event: a fresh record.
        let later = Time(601_000 + 9);
        log.record(
            later,
            ObjRef::Job(0),
            Reason::SuccessfulCreate { pod: 9 },
            &mut last,
        );
        assert!(live(&log).iter().all(|&(_, _, c)| !c));
    }
}
