//! The page moves its clock by replaying from a copy of the world: a copy
//! must replay exactly the timeline the original would have, and nothing
//! one of them does may show in the other (their chunks are shared until
//! written).

use jobsim::kubectl::objects::list_json;
use jobsim::Time;

#[test]
fn a_copy_replays_the_same_timeline_and_stays_apart() {
    let mut w = jobsim::bench::world(800, 50, 5, 0.1);
    w.run_until(Time(45_000));
    let copy = w.clone();
    let at_copy = list_json(&copy);
    w.run_to_end();
    let done = list_json(&w);
    assert_eq!(
        list_json(&copy),
        at_copy,
        "running the original left the copy as it was"
    );
    let mut replay = copy.clone();
    replay.run_to_end();
    assert_eq!(list_json(&replay), done, "the copy replays to the same end");
    assert_eq!(replay.pods_created(), w.pods_created());
    assert_eq!(replay.processed(), w.processed());
}
