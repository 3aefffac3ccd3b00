//! Schedule evaluation as robfig/cron v3 `SpecSchedule.Next` does it. Cases
//! come from robfig's own tables (v3 spec_test.go `TestActivation`,
//! `TestNext`, five-field forms) and from DST transitions in several zones,
//! with expected times as robfig computes them.

use jobsim::clock::{parse_rfc3339, rfc3339_offset};
use jobsim::cron::{parse_standard, Schedule};
use jobsim::timezone::{Zone, ZoneDb};
use proptest::prelude::*;
use std::sync::OnceLock;

fn zones() -> &'static ZoneDb {
    static DB: OnceLock<ZoneDb> = OnceLock::new();
    DB.get_or_init(|| {
        ZoneDb::parse(include_str!("../data/zones.txt")).expect("bundled zones parse")
    })
}

fn next_in(spec: &str, zone: &str, from: &str) -> Option<String> {
    let z = zones().load(zone).unwrap();
    let s = parse_standard(spec).unwrap();
    let t = parse_rfc3339(from).unwrap();
    s.next(t, &z).map(|n| rfc3339_offset(n, z.offset_at(n)))
}

#[test]
fn robfig_test_activation_five_field_cases() {
    // (time UTC, spec, fires at exactly that time): Next(time - 1s) == time.
    let cases = [
        ("2012-07-09T15:00:00Z", "0/15 * * * *", true),
        ("2012-07-09T15:45:00Z", "0/15 * * * *", true),
        ("2012-07-09T15:40:00Z", "0/15 * * * *", false),
        ("2012-07-09T15:05:00Z", "5/15 * * * *", true),
        ("2012-07-09T15:20:00Z", "5/15 * * * *", true),
        ("2012-07-09T15:50:00Z", "5/15 * * * *", true),
        ("2012-07-15T15:00:00Z", "0/15 * * Jul *", true),
        ("2012-07-15T15:00:00Z", "0/15 * * Jun *", false),
        ("2012-07-15T08:30:00Z", "30 08 ? Jul Sun", true),
        ("2012-07-15T08:30:00Z", "30 08 15 Jul ?", true),
        ("2012-07-16T08:30:00Z", "30 08 ? Jul Sun", false),
        ("2012-07-16T08:30:00Z", "30 08 15 Jul ?", false),
        ("2012-07-09T15:00:00Z", "@hourly", true),
        ("2012-07-09T15:04:00Z", "@hourly", false),
        ("2012-07-09T15:00:00Z", "@daily", false),
        ("2012-07-09T00:00:00Z", "@daily", true),
        ("2012-07-09T00:00:00Z", "@weekly", false),
        ("2012-07-08T00:00:00Z", "@weekly", true),
        ("2012-07-08T01:00:00Z", "@weekly", false),
        ("2012-07-08T00:00:00Z", "@monthly", false),
        ("2012-07-01T00:00:00Z", "@monthly", true),
        // Both day fields restricted: either may match (OR).
        ("2012-07-15T00:00:00Z", "* * 1,15 * Sun", true),
        ("2012-06-15T00:00:00Z", "* * 1,15 * Sun", true),
        ("2012-08-01T00:00:00Z", "* * 1,15 * Sun", true),
        // A step clears the star bit, so */10 is "restricted" (robfig #70).
        ("2012-07-15T00:00:00Z", "* * */10 * Sun", true),
        // One has the star bit: both must match (AND).
        ("2012-07-15T00:00:00Z", "* * * * Mon", false),
        ("2012-07-09T00:00:00Z", "* * 1,15 * *", false),
        ("2012-07-15T00:00:00Z", "* * 1,15 * *", true),
        ("2012-07-15T00:00:00Z", "* * */2 * Sun", true),
    ];
    for (time, spec, fires) in cases {
        let t = parse_rfc3339(time).unwrap();
        let got = parse_standard(spec).unwrap().next(t - 1, &Zone::utc());
        assert_eq!(got == Some(t), fires, "{spec} at {time}: got {got:?}");
    }
}

#[test]
fn robfig_test_next_five_field_cases() {
    let cases = [
        (
            "2012-07-09T14:45:00Z",
            "0/15 * * * *",
            Some("2012-07-09T15:00:00Z"),
        ),
        (
            "2012-07-09T14:59:00Z",
            "0/15 * * * *",
            Some("2012-07-09T15:00:00Z"),
        ),
        (
            "2012-07-09T14:59:59Z",
            "0/15 * * * *",
            Some("2012-07-09T15:00:00Z"),
        ),
        (
            "2012-07-09T15:45:00Z",
            "20-35/15 * * * *",
            Some("2012-07-09T16:20:00Z"),
        ),
        (
            "2012-07-09T23:46:00Z",
            "*/15 * * * *",
            Some("2012-07-10T00:00:00Z"),
        ),
        (
            "2012-07-09T23:45:00Z",
            "20-35/15 * * * *",
            Some("2012-07-10T00:20:00Z"),
        ),
        (
            "2012-07-09T23:35:00Z",
            "0 0 9 Apr-Oct ?",
            Some("2012-08-09T00:00:00Z"),
        ),
        // v3: */5 and Mon are both restricted, so Aug 1 (dom) matches.
        (
            "2012-07-09T23:35:00Z",
            "0 0 */5 Apr,Aug,Oct Mon",
            Some("2012-08-01T00:00:00Z"),
        ),
        (
            "2012-07-09T23:35:00Z",
            "0 0 */5 Oct Mon",
            Some("2012-10-01T00:00:00Z"),
        ),
        (
            "2012-07-09T23:35:00Z",
            "0 0 * Feb Mon",
            Some("2013-02-04T00:00:00Z"),
        ),
        (
            "2012-07-09T23:35:00Z",
            "0 0 * Feb Mon/2",
            Some("2013-02-01T00:00:00Z"),
        ),
        (
            "2012-12-31T23:59:45Z",
            "* * * * *",
            Some("2013-01-01T00:00:00Z"),
        ),
        (
            "2012-07-09T23:35:00Z",
            "0 0 29 Feb ?",
            Some("2016-02-29T00:00:00Z"),
        ),
        // Unsatisfiable: robfig gives up after five years (zero time).
        ("2012-07-09T23:35:00Z", "0 0 30 Feb ?", None),
        ("2012-07-09T23:35:00Z", "0 0 31 Apr ?", None),
    ];
    for (from, spec, want) in cases {
        assert_eq!(
            next_in(spec, "UTC", from).as_deref(),
            want,
            "{spec} from {from}"
        );
    }
}

#[test]
fn dst_transitions_as_robfig_handles_them() {
    let cases = [
        // robfig TestNext: EST -> EDT, 02:30 does not exist on 2012-03-11.
        (
            "America/New_York",
            "2012-03-11T05:00:00Z",
            "30 2 11 Mar ?",
            "2013-03-11T02:30:00-04:00",
        ),
        // EDT -> EST: 02:30 happens once, after the change.
        (
            "America/New_York",
            "2012-11-04T04:00:00Z",
            "30 2 04 Nov ?",
            "2012-11-04T02:30:00-05:00",
        ),
        // The repeated 01:30 fires again in the second pass.
        (
            "America/New_York",
            "2012-11-04T05:45:00Z",
            "30 1 04 Nov ?",
            "2012-11-04T01:30:00-05:00",
        ),
        // Spring forward: the skipped wall time is not caught up.
        (
            "America/New_York",
            "2026-03-08T05:00:00Z",
            "30 2 * * *",
            "2026-03-09T02:30:00-04:00",
        ),
        (
            "America/New_York",
            "2026-03-08T06:00:00Z",
            "0 * * * *",
            "2026-03-08T03:00:00-04:00",
        ),
        // Fall back: 01:00 fires at EDT and again at EST.
        (
            "America/New_York",
            "2026-11-01T05:00:00Z",
            "0 1 * * *",
            "2026-11-01T01:00:00-05:00",
        ),
        (
            "Europe/Berlin",
            "2026-03-29T00:30:00Z",
            "30 2 * * *",
            "2026-03-30T02:30:00+02:00",
        ),
        (
            "Europe/Berlin",
            "2026-10-25T00:30:00Z",
            "30 2 * * *",
            "2026-10-25T02:30:00+01:00",
        ),
        // A midnight-less day: the daily run is skipped (Sao Paulo 2018).
        (
            "America/Sao_Paulo",
            "2018-11-03T12:00:00Z",
            "0 0 * * *",
            "2018-11-05T00:00:00-02:00",
        ),
        // robfig's hour fix-up lands on Sunday for a Saturday schedule.
        (
            "America/Havana",
            "2025-03-09T02:24:59Z",
            "10 4 * * 6",
            "2025-03-09T04:10:00-04:00",
        ),
        // A 30-minute DST shift (Lord Howe): @daily skips two days.
        (
            "Australia/Lord_Howe",
            "2024-10-05T14:09:00Z",
            "@daily",
            "2024-10-08T00:00:00+11:00",
        ),
        (
            "Asia/Kolkata",
            "2026-01-01T00:00:00Z",
            "0 9 * * *",
            "2026-01-01T09:00:00+05:30",
        ),
    ];
    for (zone, from, spec, want) in cases {
        assert_eq!(
            next_in(spec, zone, from).as_deref(),
            Some(want),
            "{spec} in {zone} from {from}"
        );
    }
}

#[test]
fn every_is_relative_to_the_given_time() {
    // ConstantDelaySchedule: t + d, no calendar.
    let s = parse_standard("@every 1h30m").unwrap();
    assert_eq!(s, Schedule::Every(5400));
    let t = parse_rfc3339("2026-01-01T00:07:13Z").unwrap();
    assert_eq!(s.next(t, &Zone::utc()), Some(t + 5400));
}

/// Minute-by-minute search with robfig's day rule, UTC.
fn brute_force(s: &Schedule, from: i64) -> Option<i64> {
    let Schedule::Spec(spec) = s else {
        unreachable!()
    };
    let mut t = (from.div_euclid(60) + 1) * 60;
    for _ in 0..(366 * 24 * 60 * 5) {
        let days = t.div_euclid(86_400);
        let (_, m, d) = jobsim::clock::civil_from_days(days);
        let wd = (days + 4).rem_euclid(7) as u32;
        let rem = t.rem_euclid(86_400);
        if spec.matches(m, d, wd, (rem / 3600) as u32, (rem / 60 % 60) as u32) {
            return Some(t);
        }
        t += 60;
    }
    None
}

fn field(max: u32, lo: u32) -> impl Strategy<Value = String> {
    prop_oneof![
        Just("*".to_string()),
        (lo..=max).prop_map(|v| v.to_string()),
        (lo..=max, 1..=max.max(2)).prop_map(|(a, s)| format!("{a}/{s}")),
        (lo..=max, lo..=max).prop_map(|(a, b)| format!("{},{}", a.min(b), a.max(b))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn next_is_increasing_and_matches_brute_force(
        m in field(59, 0), h in field(23, 0), d in field(28, 1), mo in field(12, 1),
        w in field(6, 0),
        from in 1_500_000_000i64..1_900_000_000,
    ) {
        let spec = format!("{m} {h} {d} {mo} {w}");
        let s = parse_standard(&spec).unwrap();
        let n1 = s.next(from, &Zone::utc());
        prop_assert_eq!(n1, brute_force(&s, from), "{}", spec);
        if let Some(n1) = n1 {
            prop_assert!(n1 > from);
            if let Some(n2) = s.next(n1, &Zone::utc()) {
                prop_assert!(n2 > n1);
                prop_assert_eq!(Some(n2), brute_force(&s, n1), "{}", spec);
            }
        }
    }
}
