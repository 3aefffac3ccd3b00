//! The view models the page shows when a run is too big for pod cards:
//! counts per board column, pods by phase over time, the index map, and
//! finding one pod by name.

mod common;
use common::*;
use jobsim::pod::Phase;
use jobsim::snapshot::{self, IndexCell};
use jobsim::Time;

fn bench(completions: u32) -> jobsim::World {
    let mut w = jobsim::bench::world(completions, 50, 5, 0.1);
    w.run_until(Time(90_000));
    w
}

#[test]
fn board_counts_every_pod_and_drops_cards_above_the_limit() {
    let w = bench(2000);
    let live = w.pods().iter().filter(|p| p.exists()).count();
    let big = snapshot::board(&w, 100);
    assert_eq!(big.total(), live);
    assert!(big.cards.is_none(), "{} pods: no cards", live);
    let small = snapshot::board(&w, usize::MAX);
    assert_eq!(
        small.counts, big.counts,
        "counting skips STATUS text only where the phase decides it"
    );
    let cards = small.cards.expect("cards under the limit");
    for (i, col) in cards.iter().enumerate() {
        assert_eq!(col.len(), small.counts[i]);
        assert!(col.iter().all(|p| p.column == snapshot::Column::ALL[i]));
    }
}

#[test]
fn phase_series_matches_a_direct_count_at_every_sample() {
    let w = bench(2000);
    let s = snapshot::phase_series(&w, 50);
    assert_eq!(s.samples.len(), 50);
    for (k, sample) in s.samples.iter().enumerate() {
        let t = Time(k as u64 * s.step.as_millis());
        let mut want = [0u32; 4];
        for p in w.pods().iter() {
            let before = |x: Option<Time>| x.is_some_and(|x| x <= t);
            if p.created > t || before(p.gone.get()) {
                continue;
            }
            let state = if before(p.finished_at.get()) {
                if p.phase == Phase::Succeeded {
                    2
                } else {
                    3
                }
            } else if before(p.running_at.get()) {
                1
            } else {
                0
            };
            want[state] += 1;
        }
        assert_eq!(*sample, want, "sample {k} at {t:?}");
    }
    let last = s.samples.last().unwrap();
    assert!(
        last[2] > 0 && last[3] > 0,
        "both outcomes by the end: {last:?}"
    );
}

#[test]
fn index_map_shows_running_retried_and_done_indexes() {
    let w = bench(500);
    let cells = snapshot::index_map(&w, 0).expect("an Indexed Job");
    assert_eq!(cells.len(), 500);
    let job = &w.jobs()[0];
    let count = |c: IndexCell| cells.iter().filter(|&&x| x == c).count() as u64;
    assert_eq!(
        count(IndexCell::Succeeded) + count(IndexCell::SucceededAfterRetry),
        job.status.completed_indexes.len()
    );
    let active = w
        .pods()
        .iter()
        .filter(|p| p.exists() && p.is_active())
        .count() as u64;
    assert_eq!(
        count(IndexCell::Pending) + count(IndexCell::Running) + count(IndexCell::Retrying),
        active
    );
    // An index with a failed pod that later succeeded is marked so.
    let retried_done = w
        .pods()
        .iter()
        .filter(|p| p.phase == Phase::Succeeded && p.attempt > 1)
        .count() as u64;
    assert_eq!(count(IndexCell::SucceededAfterRetry), retried_done);
    assert!(retried_done > 0);
    assert!(snapshot::index_map(&finished(&fixture("pi.yaml")), 0).is_none());
}

#[test]
fn find_pods_by_exact_name_or_prefix() {
    let w = bench(500);
    let name = w.pod_name(7);
    let exact = snapshot::find_pods(&w, &name, 10);
    assert_eq!(exact.len(), 1);
    assert_eq!(exact[0].name, name);
    let some = snapshot::find_pods(&w, "bench-1", 5);
    assert_eq!(some.len(), 5);
    assert!(some.iter().all(|p| p.name.starts_with("bench-1")));
    assert!(snapshot::find_pods(&w, "nothing-like-it", 5).is_empty());
}
