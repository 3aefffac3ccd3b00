//! Notes for the user about simplifications or limits that applied to a
//! run, as data (a leaf: controllers and the loader add them, drivers word
//! them).

use crate::clock::{Duration, Time};

/// A note for the user about a simplification or limit that applied.
#[derive(Debug, Clone, PartialEq)]
pub enum Note {
    /// A Job with `spec.managedBy` set elsewhere: no pods here.
    ManagedElsewhere {
        job: String,
        manager: String,
    },
    /// CronJobs without `spec.timeZone` run in UTC here.
    CronJobUtc,
    /// Node loss runs on shortened timings.
    ShortenedNodeLoss {
        grace: Duration,
        toleration: u32,
    },
    Stopped(StopReason),
}

/// Why a run stopped before its work was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopReason {
    /// The 24 h horizon (or a Scenario's `until`) came first.
    Horizon(Time),
    /// The pod cap was reached.
    PodLimit(usize),
}
