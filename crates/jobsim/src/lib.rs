//! jobsim: a deterministic, sans-IO simulator of the Kubernetes Job and
//! CronJob controllers on a simulated node pool. See ARCHITECTURE.md.

pub mod api;
pub mod clock;
pub mod manifest;
pub mod quantity;
pub mod scenario;
pub mod shell;
