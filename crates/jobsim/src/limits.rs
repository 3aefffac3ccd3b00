//! Hard bounds on what a run may do, so no input can make it run away (a
//! leaf: validation checks a Scenario against them, the world enforces
//! them).

use crate::clock::Duration;

/// The longest `until` a Scenario may ask for: a year, so a year of a
/// CronJob can be simulated.
pub const MAX_UNTIL: Duration = Duration::from_secs(8760 * 3600);

/// Hard bounds so that no input can make the simulation run away.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_pods: usize,
    pub horizon: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_pods: 2_000_000,
            horizon: Duration::from_secs(24 * 3600),
        }
    }
}
