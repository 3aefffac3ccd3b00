//! Property tests: invariants that must hold at every step of any run.

mod common;
use common::*;
use jobsim::job::CondType;
use jobsim::World;
use proptest::prelude::*;

fn scenario(
    completions: Option<u32>,
    parallelism: u32,
    backoff: u32,
    indexed: bool,
    on_failure: bool,
    rate: f64,
    seed: u64,
) -> String {
    let mut spec = format!("  parallelism: {parallelism}\n  backoffLimit: {backoff}\n");
    if let Some(c) = completions {
        spec.push_str(&format!("  completions: {c}\n"));
        if indexed {
            spec.push_str("  completionMode: Indexed\n");
        }
    }
    let restart = if on_failure { "OnFailure" } else { "Never" };
    format!(
        "{}---\napiVersion: jobsim/v1alpha1\nkind: Scenario\nspec:\n  seed: {seed}\n  until: 6h\n  behaviors:\n  - match: {{job: p}}\n    failureRate: {rate}\n",
        job("p", spec.trim_end(), restart, "sleep 3")
    )
}

fn check_run(mut w: World) -> Result<(), TestCaseError> {
    let mut terminal: Option<CondType> = None;
    let mut steps = 0;
    while w.step().is_some() {
        steps += 1;
        let j = &w.jobs()[0];
        let active = w.pods().iter().filter(|p| p.is_active()).count() as u32;
        prop_assert!(
            active <= j.parallelism,
            "active {} > parallelism {}",
            active,
            j.parallelism
        );
        if j.terminal_condition().is_none() {
            // Failures are counted per batched sync, so a sync may see up to
            // `parallelism` new failures at once.
            let bound = j.backoff_limit as u64 + j.parallelism.max(1) as u64;
            prop_assert!(
                j.status.failed <= bound,
                "failed {} > {}",
                j.status.failed,
                bound
            );
            if j.parallelism == 1 && !j.on_failure {
                prop_assert!(j.status.failed <= j.backoff_limit as u64 + 1);
            }
        }
        if let Some(c) = j.completions {
            prop_assert!(j.status.succeeded <= c as u64);
        }
        // Ready counts active pods only (countReadyPods(FilterActivePods)).
        prop_assert!(
            j.status.ready <= j.status.active,
            "ready {} > active {}",
            j.status.ready,
            j.status.active
        );
        match (terminal, j.terminal_condition().map(|c| c.kind)) {
            (Some(a), Some(b)) => prop_assert_eq!(a, b, "terminal condition changed"),
            (Some(_), None) => prop_assert!(false, "terminal condition reverted"),
            (None, b) => terminal = b,
        }
        prop_assert!(steps < 200_000, "runaway simulation");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn controller_invariants_hold(
        completions in proptest::option::of(1u32..6),
        parallelism in 1u32..4,
        backoff in 0u32..4,
        indexed in any::<bool>(),
        on_failure in any::<bool>(),
        rate in 0.0f64..1.0,
        seed in 0u64..1000,
    ) {
        let text = scenario(completions, parallelism, backoff, indexed, on_failure, rate, seed);
        check_run(world(&text))?;
    }

    #[test]
    fn same_seed_same_timeline(seed in 0u64..500, rate in 0.0f64..0.8) {
        let text = scenario(Some(4), 2, 3, true, false, rate, seed);
        let a = jobsim::kubectl::objects::list(&finished(&text));
        let b = jobsim::kubectl::objects::list(&finished(&text));
        prop_assert_eq!(a, b);
    }
}

#[test]
fn different_seeds_give_different_names() {
    let text = fixture("abnormal-end.yaml");
    let mut a = World::from_text(&text, Some(1)).unwrap();
    let mut b = World::from_text(&text, Some(2)).unwrap();
    a.run_to_end();
    b.run_to_end();
    assert_ne!(a.pod_name(0), b.pod_name(0));
    // ...but the same shape of timeline.
    let times = |w: &World| w.pods().iter().map(|p| p.created).collect::<Vec<_>>();
    assert_eq!(times(&a), times(&b));
}

#[test]
fn parse_never_panics_on_mangled_manifests() {
    // A cheap stand-in for the fuzz target: every prefix and some byte
    // flips of a real manifest must give Ok or a clean error.
    let text = fixture("abnormal-end.yaml");
    for cut in (0..text.len()).step_by(7) {
        let _ = World::from_text(&text[..cut], None);
    }
    let bytes = text.as_bytes();
    for i in (0..bytes.len()).step_by(5) {
        for b in [b'{', b'-', b':', b'\t', b'"', b'&', b'*', b'9'] {
            let mut v = bytes.to_vec();
            v[i] = b;
            if let Ok(s) = String::from_utf8(v) {
                if let Ok(mut w) = World::from_text(&s, None) {
                    w.set_limits(jobsim::world::Limits {
                        max_pods: 2_000,
                        ..w.limits()
                    });
                    w.run_to_end();
                }
            }
        }
    }
}
