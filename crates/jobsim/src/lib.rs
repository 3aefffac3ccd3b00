//! jobsim: a deterministic, sans-IO simulator of the Kubernetes Job and
//! CronJob controllers on a simulated node pool. See ARCHITECTURE.md.

pub mod api;
pub mod clock;
pub mod manifest;
pub mod quantity;
pub mod scenario;
pub mod shell;
pub mod defaults;
pub mod validation;
pub mod events;
pub mod job;
pub mod kubectl;
pub mod kubelet;
pub mod node;
pub mod pod;
pub mod scheduler;
pub mod world;

pub use clock::{Duration, Time};
pub use world::{Input, World};
pub mod bench;
