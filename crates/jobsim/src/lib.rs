//! jobsim: a deterministic, sans-IO simulator of the Kubernetes Job and
//! CronJob controllers on a simulated node pool. See ARCHITECTURE.md.

pub mod api;
pub mod arena;
pub mod clock;
pub mod cron;
pub mod cronjob;
pub mod decode;
pub mod defaults;
pub mod events;
pub mod gc;
pub mod job;
pub mod kubectl;
pub mod kubelet;
pub mod lesson;
pub mod link;
pub mod loader;
pub mod manifest;
pub mod node;
pub mod nodelifecycle;
pub mod pod;
pub mod quantity;
pub(crate) mod queue;
pub mod scenario;
pub mod scheduler;
pub mod shell;
pub mod sort;
pub mod timezone;
pub mod uid;
pub mod validation;
pub mod world;

pub use clock::{Duration, Time};
pub use world::{Input, World};
pub mod bench;
pub mod fuzzing;
pub mod snapshot;
