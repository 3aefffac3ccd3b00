#!/usr/bin/env python3
"""Regenerates crates/jobsim/data/zones.txt from the system tz database
(Debian's tzdata): for every zone, its UTC offset on 1970-01-01 and each
change until 2100, in the format `timezone::ZoneDb::parse` reads. Zones
with identical rules are written once, the others as `=NAME` links."""
import os, sys
from datetime import datetime, timezone, timedelta
from zoneinfo import ZoneInfo

ROOT = "/usr/share/zoneinfo"
START = int(datetime(1970, 1, 1, tzinfo=timezone.utc).timestamp())
END = int(datetime(2100, 1, 1, tzinfo=timezone.utc).timestamp())

def names():
    out = []
    for d, dirs, files in os.walk(ROOT):
        rel = os.path.relpath(d, ROOT)
        if rel.split(os.sep)[0] in ("posix", "right", "Etc") and rel != "Etc":
            continue
        for f in files:
            p = os.path.join(d, f)
            with open(p, "rb") as fh:
                if fh.read(4) != b"TZif":
                    continue
            n = os.path.normpath(os.path.join(rel, f)) if rel != "." else f
            if n.startswith(("posix/", "right/")) or n in ("localtime", "posixrules", "Factory"):
                continue
            out.append(n)
    return sorted(out)

def off(z, t):
    return int(datetime.fromtimestamp(t, timezone.utc).astimezone(z).utcoffset().total_seconds())

def b36(n):
    s = ""
    while True:
        n, r = divmod(n, 36)
        s = "0123456789abcdefghijklmnopqrstuvwxyz"[r] + s
        if n == 0:
            return s

def transitions(name):
    z = ZoneInfo(name)
    init = off(z, START)
    trans = []
    cur = init
    t = START
    step = 86400 // 4
    while t < END:
        nt = min(t + step, END)
        o = off(z, nt)
        if o != cur:
            lo, hi = t, nt  # off(lo) == cur, off(hi) != cur
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if off(z, mid) == cur:
                    lo = mid
                else:
                    hi = mid
            o = off(z, hi)
            trans.append((hi, o))
            cur = o
            t = hi
        else:
            t = nt
    return init, trans

def main():
    seen = {}
    lines = []
    for n in names():
        init, trans = transitions(n)
        key = (init, tuple(trans))
        if key in seen:
            seen[key].append(n)
            continue
        prev = 0
        parts = [n, str(init)]
        for t, o in trans:
            parts.append(f"{b36(t - prev)}:{o}")
            prev = t
        seen[key] = [n]
        lines.append((key, " ".join(parts)))
    out = []
    for key, line in lines:
        out.append(line)
        out.extend("=" + a for a in seen[key][1:])
    sys.stdout.write("\n".join(out) + "\n")

main()
