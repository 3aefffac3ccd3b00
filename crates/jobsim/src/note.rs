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

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Note::ManagedElsewhere { job, manager } => write!(
                f,
                "Job {job:?} has spec.managedBy: {manager:?}, so the built-in Job controller leaves it alone: no pods are created for it."
            ),
            Note::CronJobUtc => f.write_str("CronJobs without spec.timeZone run in UTC here; a real cluster uses the kube-controller-manager's local time zone (usually UTC)."),
            Note::ShortenedNodeLoss { grace, toleration } => write!(
                f,
                "Node loss runs on shortened timings: a crashed node turns NotReady after {grace} (upstream's nodeMonitorGracePeriod is {}) and its pods tolerate the unreachable taint for {toleration}s (upstream's default is {}s).",
                crate::timing::NODE_MONITOR_GRACE_PERIOD,
                crate::timing::DEFAULT_UNREACHABLE_TOLERATION_SECONDS,
            ),
            Note::Stopped(StopReason::PodLimit(n)) => write!(
                f,
                "Simulation stopped: the playground simulates at most {n} pods; Jobs still running here would go on in a real cluster."
            ),
            Note::Stopped(StopReason::Horizon(t)) => write!(
                f,
                "Simulation stopped at the {} horizon with work left; Jobs still running here would go on in a real cluster.",
                t.since(Time::ZERO)
            ),
        }
    }
}

/// Why a run stopped before its work was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopReason {
    /// The 24 h horizon (or a Scenario's `until`) came first.
    Horizon(Time),
    /// The pod cap was reached.
    PodLimit(usize),
}
