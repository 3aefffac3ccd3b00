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
            w.run_to_end();
            // Exercise the views too: they must hold for any world.
            let _ = crate::kubectl::objects::list(&w);
            let _ = crate::kubectl::get::pods_table(&w, true, "");
            let _ = crate::snapshot::gantt(&w, 50);
            for j in 0..w.jobs.len() as u32 {
                let _ = crate::job::explain::explain(&w, j);
            }
            w.pods.len()
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
