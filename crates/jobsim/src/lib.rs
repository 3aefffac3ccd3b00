//! jobsim: a deterministic, sans-IO simulator of the Kubernetes Job and
//! CronJob controllers on a simulated node pool. See ARCHITECTURE.md.

// Hash maps serve lookups only: iterating one would make output depend on
// hash order (`tests/determinism_lint.rs` also catches `.keys()`,
// `.values()` and `.iter()` on them).
#![deny(clippy::iter_over_hash_type)]

pub mod api;
pub mod arena;
pub mod clock;
pub mod compare;
pub mod cron;
pub mod cronjob;
pub mod decode;
pub mod defaults;
pub mod events;
pub mod exercise;
pub mod field;
pub mod gc;
pub mod job;
pub mod kubectl;
pub mod kubelet;
pub mod kwok;
pub mod lesson;
pub mod lesson_form;
pub mod limits;
pub mod link;
pub mod loader;
pub mod manifest;
pub mod node;
pub mod nodelifecycle;
pub mod note;
pub mod owner;
pub mod pod;
pub mod prepared;
pub mod quantity;
pub(crate) mod queue;
pub mod recording;
pub mod scenario;
pub mod scheduler;
pub mod shell;
pub mod sort;
pub mod store;
pub mod text;
pub mod timezone;
pub mod timing;
pub mod uid;
pub mod validation;
pub mod words;
pub mod world;

pub use clock::{Duration, Time};
pub use world::{Input, World};
pub mod bench;
pub mod fuzzing;
pub mod snapshot;
