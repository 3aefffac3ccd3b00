//! Time zones as the CronJob controller needs them: the UTC offset in
//! effect at an instant, from a table of transitions. The core holds no
//! zone database of its own; drivers pass one in (`ZoneDb::parse` over the
//! bundled `zones.bin`), so the core stays sans-IO and deterministic.

use std::collections::BTreeMap;

/// One zone: offsets (seconds east of UTC) and the instants they start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zone {
    pub name: String,
    initial: i32,
    /// (unix seconds, offset from then on), sorted.
    transitions: Vec<(i64, i32)>,
}

impl Zone {
    pub fn utc() -> Zone {
        Zone::fixed("UTC", 0)
    }

    pub fn fixed(name: &str, offset: i32) -> Zone {
        Zone {
            name: name.to_string(),
            initial: offset,
            transitions: Vec::new(),
        }
    }

    /// The offset in effect at `unix` (Go's `Location.lookup`).
    pub fn offset_at(&self, unix: i64) -> i64 {
        let i = self.transitions.partition_point(|&(t, _)| t <= unix);
        if i == 0 {
            self.initial as i64
        } else {
            self.transitions[i - 1].1 as i64
        }
    }

    /// Go's `time.Date` for a wall time: the wall clock read as UTC, then
    /// the offset found there, re-checked at the resulting instant (this
    /// picks Go's side of a gap or an overlap).
    pub fn from_wall(&self, wall: i64) -> i64 {
        let off = self.offset_at(wall);
        let utc = wall - off;
        let off2 = self.offset_at(utc);
        if off2 != off {
            wall - off2
        } else {
            utc
        }
    }

    /// `t` as Go's `time.RFC3339` prints it in this zone.
    pub fn rfc3339(&self, t: i64) -> String {
        crate::clock::rfc3339_offset(t, self.offset_at(t))
    }

    pub fn has_transitions(&self) -> bool {
        !self.transitions.is_empty()
    }
}

/// Zones by IANA name.
#[derive(Debug, Clone, Default)]
pub struct ZoneDb {
    zones: BTreeMap<String, Zone>,
}

impl ZoneDb {
    /// The text format of `zones.bin`: one zone a line,
    /// `NAME INITIAL [T:OFF ...]` with T in unix seconds (base 36 deltas
    /// from the previous transition) and offsets in seconds; `=NAME` lines
    /// are links to the zone above.
    pub fn parse(text: &str) -> Result<ZoneDb, String> {
        let mut zones = BTreeMap::new();
        let mut last: Option<Zone> = None;
        for (n, line) in text.lines().enumerate() {
            let bad = || format!("zones line {}: malformed", n + 1);
            if let Some(alias) = line.strip_prefix('=') {
                let z = last.as_ref().ok_or_else(bad)?;
                let mut z = z.clone();
                z.name = alias.to_string();
                zones.insert(alias.to_string(), z);
                continue;
            }
            let mut parts = line.split(' ');
            let name = parts.next().filter(|s| !s.is_empty()).ok_or_else(bad)?;
            let initial: i32 = parts.next().and_then(|s| s.parse().ok()).ok_or_else(bad)?;
            let mut transitions = Vec::new();
            let mut t = 0i64;
            for p in parts {
                let (d, off) = p.split_once(':').ok_or_else(bad)?;
                t += i64::from_str_radix(d, 36).map_err(|_| bad())?;
                transitions.push((t, off.parse().map_err(|_| bad())?));
            }
            let z = Zone {
                name: name.to_string(),
                initial,
                transitions,
            };
            zones.insert(name.to_string(), z.clone());
            last = Some(z);
        }
        Ok(ZoneDb { zones })
    }

    /// `time.LoadLocation`: `UTC` (and the empty name) are built in.
    pub fn load(&self, name: &str) -> Result<Zone, String> {
        if name == "UTC" || name.is_empty() {
            return Ok(Zone::utc());
        }
        self.zones
            .get(name)
            .cloned()
            .ok_or_else(|| format!("unknown time zone {name}"))
    }

    pub fn is_empty(&self) -> bool {
        self.zones.is_empty()
    }
}
