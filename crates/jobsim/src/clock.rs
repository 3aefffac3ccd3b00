//! Virtual time. The core never reads a real clock: drivers feed it
//! `Time` values, and wall-clock strings are derived from the scenario's
//! `startTime` origin.

use std::fmt;

/// Virtual time in integer milliseconds since the scenario origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Time(pub u64);

impl Time {
    pub const ZERO: Time = Time(0);
    pub fn ms(self) -> u64 {
        self.0
    }
    pub fn secs(self) -> u64 {
        self.0 / 1000
    }
    pub fn after(self, d: Duration) -> Time {
        Time(self.0.saturating_add(d.0))
    }
    /// Elapsed time since `earlier` (zero if `earlier` is later).
    pub fn since(self, earlier: Time) -> Duration {
        Duration(self.0.saturating_sub(earlier.0))
    }
}

/// A span of virtual time in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Duration(pub u64);

impl Duration {
    pub const ZERO: Duration = Duration(0);
    pub const fn from_secs(s: u64) -> Duration {
        Duration(s * 1000)
    }
    pub const fn from_millis(ms: u64) -> Duration {
        Duration(ms)
    }
    pub fn as_millis(self) -> u64 {
        self.0
    }
    pub fn as_secs(self) -> u64 {
        self.0 / 1000
    }
}

impl fmt::Display for Duration {
    /// Compact Go-like rendering: `10s`, `1m30s`, `1h`, `500ms`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ms = self.0;
        if ms == 0 {
            return write!(f, "0s");
        }
        if ms < 1000 {
            return write!(f, "{ms}ms");
        }
        let total = ms / 1000;
        let (h, m, s) = (total / 3600, (total / 60) % 60, total % 60);
        let frac = ms % 1000;
        let mut out = String::new();
        if h > 0 {
            out.push_str(&format!("{h}h"));
        }
        if m > 0 {
            out.push_str(&format!("{m}m"));
        }
        if s > 0 || frac > 0 {
            if frac > 0 {
                let f = format!("{:03}", frac);
                out.push_str(&format!("{s}.{}s", f.trim_end_matches('0')));
            } else {
                out.push_str(&format!("{s}s"));
            }
        }
        f.write_str(&out)
    }
}

/// Parses durations such as `30m`, `2s`, `1h30m`, `500ms`, `1.5s`, or a
/// bare number of seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    if t.is_empty() {
        return Err("empty duration".into());
    }
    if let Ok(n) = t.parse::<u64>() {
        return n
            .checked_mul(1000)
            .map(Duration)
            .ok_or_else(|| format!("duration {t:?} is too large"));
    }
    if let Ok(f) = t.parse::<f64>() {
        if f.is_finite() && (0.0..3.2e10).contains(&f) {
            return Ok(Duration((f * 1000.0).round() as u64));
        }
        return Err(format!("invalid duration {t:?}"));
    }
    let bytes = t.as_bytes();
    let mut i = 0;
    let mut total: f64 = 0.0;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
            i += 1;
        }
        if start == i {
            return Err(format!("invalid duration {t:?}"));
        }
        let num: f64 = t[start..i]
            .parse()
            .map_err(|_| format!("invalid duration {t:?}"))?;
        let ustart = i;
        while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
            i += 1;
        }
        let factor = match &t[ustart..i] {
            "ms" => 1.0,
            "s" => 1000.0,
            "m" => 60_000.0,
            "h" => 3_600_000.0,
            "d" => 86_400_000.0,
            "" => return Err(format!("missing unit in duration {t:?}")),
            u => return Err(format!("unknown unit {u:?} in duration {t:?}")),
        };
        total += num * factor;
    }
    // Cap far beyond any sensible scenario (about 1,000 years) so callers
    // never overflow when adding to a Time.
    if !total.is_finite() || total > 3.2e13 {
        return Err(format!("duration {t:?} is too large"));
    }
    Ok(Duration(total.round() as u64))
}

/// Unix seconds of a wall-clock origin plus a virtual time.
pub fn unix_secs(origin_unix: i64, t: Time) -> i64 {
    origin_unix + (t.0 / 1000) as i64
}

/// Unix milliseconds of virtual time `t` (the CronJob controller's clock).
pub fn unix_millis(origin_unix: i64, t: Time) -> i64 {
    origin_unix * 1000 + t.0 as i64
}

/// Days since 1970-01-01 for a civil date (proleptic Gregorian).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Civil date for days since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `2024-07-06T12:21:46Z`
pub fn rfc3339(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let rem = unix.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    if !(0..=9999).contains(&y) {
        return format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            rem / 3600,
            (rem / 60) % 60,
            rem % 60
        );
    }
    // Digit by digit: every created object gets timestamps, and padded
    // `format!` costs several times more.
    let mut out = String::with_capacity(20);
    let two = |out: &mut String, v: i64| {
        out.push((b'0' + (v / 10) as u8) as char);
        out.push((b'0' + (v % 10) as u8) as char);
    };
    two(&mut out, y / 100);
    two(&mut out, y % 100);
    out.push('-');
    two(&mut out, m as i64);
    out.push('-');
    two(&mut out, d as i64);
    out.push('T');
    two(&mut out, rem / 3600);
    out.push(':');
    two(&mut out, (rem / 60) % 60);
    out.push(':');
    two(&mut out, rem % 60);
    out.push('Z');
    out
}

/// RFC 3339 in a zone, as Go's `time.RFC3339` prints it: `Z` for UTC,
/// else the offset (`2016-05-19T12:00:00+02:00`).
pub fn rfc3339_offset(unix: i64, offset: i64) -> String {
    if offset == 0 {
        return rfc3339(unix);
    }
    let local = rfc3339(unix + offset);
    let sign = if offset < 0 { '-' } else { '+' };
    let o = offset.abs();
    format!(
        "{}{sign}{:02}:{:02}",
        &local[..local.len() - 1],
        o / 3600,
        o / 60 % 60
    )
}

/// RFC 1123 with numeric zone as kubectl describe prints it:
/// `Sat, 06 Jul 2024 12:21:46 +0000`.
pub fn rfc1123z(unix: i64) -> String {
    const WD: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MON: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = unix.div_euclid(86_400);
    let rem = unix.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{}, {d:02} {} {y:04} {:02}:{:02}:{:02} +0000",
        WD[days.rem_euclid(7) as usize],
        MON[(m - 1) as usize],
        rem / 3600,
        (rem / 60) % 60,
        rem % 60
    )
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)` into Unix seconds.
pub fn parse_rfc3339(s: &str) -> Result<i64, String> {
    let err = || format!("invalid RFC 3339 time {s:?} (want e.g. \"2024-07-06T12:21:46Z\")");
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || (b[10] != b'T' && b[10] != b't') {
        return Err(err());
    }
    let num = |r: std::ops::Range<usize>| -> Result<i64, String> {
        s.get(r).and_then(|x| x.parse::<i64>().ok()).ok_or_else(err)
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || se > 60 {
        return Err(err());
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    let offset = match b.get(i) {
        Some(b'Z') | Some(b'z') if i + 1 == b.len() => 0,
        Some(c @ (b'+' | b'-')) if i + 6 == b.len() && b[i + 3] == b':' => {
            let oh = num(i + 1..i + 3)?;
            let om = num(i + 4..i + 6)?;
            let o = oh * 3600 + om * 60;
            if *c == b'+' {
                o
            } else {
                -o
            }
        }
        _ => return Err(err()),
    };
    Ok(days_from_civil(y, mo as u32, d as u32) * 86_400 + h * 3600 + mi * 60 + se - offset)
}

/// kubectl's `HumanDuration` (apimachinery `util/duration`), used for AGE
/// columns and event ages.
pub fn human_duration(d: Duration) -> String {
    let seconds = d.0 / 1000;
    if seconds < 120 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        return if s == 0 {
            format!("{minutes}m")
        } else {
            format!("{minutes}m{s}s")
        };
    }
    if minutes < 180 {
        return format!("{minutes}m");
    }
    let hours = seconds / 3600;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 {
            format!("{hours}h")
        } else {
            format!("{hours}h{m}m")
        };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        return if h == 0 {
            format!("{}d", hours / 24)
        } else {
            format!("{}d{h}h", hours / 24)
        };
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        return if dy == 0 {
            format!("{}y", hours / 24 / 365)
        } else {
            format!("{}y{dy}d", hours / 24 / 365)
        };
    }
    format!("{}y", hours / 24 / 365)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_scenario_durations() {
        for (s, ms) in [
            ("30m", 1_800_000),
            ("2s", 2000),
            ("1h30m", 5_400_000),
            ("500ms", 500),
            ("1.5s", 1500),
            ("45", 45_000),
        ] {
            assert_eq!(parse_duration(s), Ok(Duration(ms)), "{s}");
        }
        assert!(parse_duration("5x").is_err());
        assert!(parse_duration("").is_err());
        assert!(parse_duration("99999999999999999h").is_err());
    }

    #[test]
    fn rfc3339_round_trip_of_seed_start() {
        let t = parse_rfc3339("2024-07-06T12:21:46Z").unwrap();
        assert_eq!(rfc3339(t), "2024-07-06T12:21:46Z");
        assert_eq!(rfc1123z(t), "Sat, 06 Jul 2024 12:21:46 +0000");
        // The seed's describe output shows the same instant in +0900.
        assert_eq!(parse_rfc3339("2024-07-06T21:21:46+09:00"), Ok(t));
    }

    #[test]
    fn human_duration_matches_kubectl_ages_in_seed() {
        // Ages from the seed's `kubectl get pod` / `describe job` output.
        for (secs, want) in [
            (69, "69s"),
            (218, "3m38s"),
            (567, "9m27s"),
            (720, "12m"),
            (119, "119s"),
            (600, "10m"),
            (3 * 3600 + 120, "3h2m"),
            (50 * 3600, "2d2h"),
        ] {
            assert_eq!(human_duration(Duration::from_secs(secs)), want);
        }
    }
}

#[cfg(test)]
mod fast_format_tests {
    use super::*;

    #[test]
    fn rfc3339_matches_the_padded_format() {
        let mut t: i64 = -86_400 * 365;
        while t < 4_102_444_800 {
            let days = t.div_euclid(86_400);
            let rem = t.rem_euclid(86_400);
            let (y, m, d) = civil_from_days(days);
            let want = format!(
                "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
                rem / 3600,
                (rem / 60) % 60,
                rem % 60
            );
            assert_eq!(rfc3339(t), want);
            t += 7_919_977; // about three months, odd seconds
        }
    }
}

/// An optional time in 8 bytes (an `Option<Time>` takes 16): pod records
/// hold six of them. `u64::MAX` is "none", a time no run reaches.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Stamp(u64);

impl Stamp {
    pub const NONE: Stamp = Stamp(u64::MAX);

    pub fn at(t: Time) -> Stamp {
        debug_assert!(t.0 != u64::MAX);
        Stamp(t.0)
    }
    pub fn get(self) -> Option<Time> {
        (self.0 != u64::MAX).then_some(Time(self.0))
    }
    pub fn is_some(self) -> bool {
        self.0 != u64::MAX
    }
    pub fn is_none(self) -> bool {
        self.0 == u64::MAX
    }
    pub fn or(self, other: Option<Time>) -> Option<Time> {
        self.get().or(other)
    }
    pub fn unwrap_or(self, t: Time) -> Time {
        self.get().unwrap_or(t)
    }
    pub fn map<R>(self, f: impl FnOnce(Time) -> R) -> Option<R> {
        self.get().map(f)
    }
    pub fn is_some_and(self, f: impl FnOnce(Time) -> bool) -> bool {
        self.get().is_some_and(f)
    }
    pub fn is_none_or(self, f: impl FnOnce(Time) -> bool) -> bool {
        self.get().is_none_or(f)
    }
}

impl Default for Stamp {
    fn default() -> Self {
        Stamp::NONE
    }
}

impl From<Option<Time>> for Stamp {
    fn from(t: Option<Time>) -> Stamp {
        t.map_or(Stamp::NONE, Stamp::at)
    }
}

impl std::fmt::Debug for Stamp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.get().fmt(f)
    }
}
