//! The input-robustness harness shared by the `cargo fuzz` target
//! (`crates/jobsim/fuzz`, nightly) and the stable `fuzz` example: any bytes
//! go through parse → validate → simulate under tight limits, and must
//! come back as a world or a clean error, never a panic or a hang.

use crate::clock::Duration;
use crate::world::World;

/// Runs one input; returns the number of pods simulated (0 on an error).
pub fn run_one(data: &[u8]) -> usize {
    let Ok(text) = std::str::from_utf8(data) else {
        return 0;
    };
    match World::from_text(text, None) {
        Ok(mut w) => {
            w.limits.max_pods = 5_000;
            w.limits.horizon = Duration::from_secs(6 * 3600);
            // A Scenario's `until` may ask for a year; the harness keeps
            // every input to six hours.
            let cap = crate::Time::ZERO.after(w.limits.horizon);
            w.until = Some(w.until.map_or(cap, |u| u.min(cap)));
            w.run_to_end();
            // Exercise the views too: they must hold for any world.
            let _ = crate::kubectl::objects::list(&w);
            let _ = crate::kubectl::get::pods_table(&w, true, "");
            let _ = crate::snapshot::gantt(&w, 50);
            for j in 0..w.store.jobs.len() as u32 {
                let _ = crate::job::explain::explain(&w, j);
            }
            for c in 0..w.store.cronjobs.len() as u32 {
                let _ = crate::cronjob::explain::explain(&w, c);
                let _ = crate::kubectl::describe::cronjob(&w, c);
            }
            w.store.pods.len()
        }
        Err(errs) => {
            assert!(
                !errs.is_empty(),
                "an error result carries at least one error"
            );
            0
        }
    }
}
