//! core/v1 Events, stored compactly (ids, not strings) and rendered on
//! demand. Identical consecutive events on one object are aggregated into
//! `count` / `lastTimestamp`, as the client-go event correlator does.

use crate::clock::Time;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ObjRef {
    Job(u32),
    Pod(u32),
    Node(u32),
}

/// What happened, with ids of whatever the message names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    // job-controller
    SuccessfulCreate { pod: u32 },
    SuccessfulDelete { pod: u32 },
    BackoffLimitExceeded,
    DeadlineExceeded,
    PodFailurePolicy,
    MaxFailedIndexesExceeded,
    FailedIndexes,
    Completed,
    Suspended,
    Resumed,
    // default-scheduler
    Scheduled { node: u32 },
    FailedScheduling { msg: u32 },
    // kubelet (container = slot in the pod's container list)
    Pulling { c: u8 },
    Pulled { c: u8, took_ms: u32 },
    AlreadyPresent { c: u8 },
    PullFailed { c: u8 },
    ErrImagePull { c: u8 },
    PullBackOff { c: u8 },
    Created { c: u8 },
    Started { c: u8 },
    Killing { c: u8 },
    BackOff { c: u8 },
    // node lifecycle
    NodeNotReady,
    NodeReady,
    NodeNotSchedulable,
    NodeSchedulable,
    PodNodeNotReady,
    TaintManagerEviction,
}

/// 32 bytes: times are stored as u32 milliseconds, enough for the 24 h
/// horizon (runs never go past it), because the log holds several events
/// per pod.
#[derive(Debug, Clone, Copy)]
pub struct EventRecord {
    pub object: ObjRef,
    pub reason: Reason,
    first_ms: u32,
    last_ms: u32,
    pub count: u32,
    /// Previous event of the same object (u32::MAX: none), so describe can
    /// walk one object's events without scanning the whole log.
    pub prev: u32,
}

fn ms32(t: Time) -> u32 {
    u32::try_from(t.ms()).unwrap_or(u32::MAX)
}

impl EventRecord {
    pub fn first(&self) -> Time {
        Time(self.first_ms as u64)
    }
    pub fn last(&self) -> Time {
        Time(self.last_ms as u64)
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
            Reason::Scheduled { .. } | Reason::FailedScheduling { .. } => "default-scheduler",
            Reason::NodeNotReady | Reason::PodNodeNotReady => "node-controller",
            Reason::TaintManagerEviction => "taint-eviction-controller",
            _ => "kubelet",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct EventLog {
    pub records: Vec<EventRecord>,
    /// Interned long messages (scheduler failures).
    pub messages: Vec<String>,
}

pub const NONE: u32 = u32::MAX;

impl EventLog {
    /// Records an event; `last` is the object's last-event slot, updated.
    pub fn record(&mut self, now: Time, object: ObjRef, reason: Reason, last: &mut u32) {
        if *last != NONE {
            let r = &mut self.records[*last as usize];
            if r.reason == reason {
                r.count += 1;
                r.last_ms = ms32(now);
                return;
            }
        }
        let idx = self.records.len() as u32;
        self.records.push(EventRecord {
            object,
            reason,
            first_ms: ms32(now),
            last_ms: ms32(now),
            count: 1,
            prev: *last,
        });
        *last = idx;
    }

    pub fn intern(&mut self, msg: String) -> u32 {
        // Scheduler messages repeat; reuse the previous one when equal.
        if let Some(i) = self.messages.iter().rev().take(8).position(|m| *m == msg) {
            return (self.messages.len() - 1 - i) as u32;
        }
        self.messages.push(msg);
        (self.messages.len() - 1) as u32
    }

    /// Events of one object, oldest first.
    pub fn of_object(&self, mut last: u32) -> Vec<&EventRecord> {
        let mut out = Vec::new();
        while last != NONE {
            let r = &self.records[last as usize];
            out.push(r);
            last = r.prev;
        }
        out.reverse();
        out
    }
}
