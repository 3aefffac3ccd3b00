#!/usr/bin/env python3
"""The core's module import graph: files, circles (strongly connected
components) and the edges inside them. A file imports another when it
names `crate::a::b` (or `super::x` inside a folder module).
  scripts/modgraph.py            summary
  scripts/modgraph.py --edges    every edge inside a circle
"""
import os, re, sys

ROOT = os.path.join(os.path.dirname(__file__), "..", "crates", "jobsim", "src")

def modules():
    mods = {}
    for dirpath, _, files in os.walk(ROOT):
        for f in files:
            if not f.endswith(".rs") or f in ("main.rs",):
                continue
            rel = os.path.relpath(os.path.join(dirpath, f), ROOT)[:-3]
            parts = rel.split(os.sep)
            if parts[-1] == "mod":
                parts = parts[:-1]
            if parts == ["lib"]:
                continue
            mods["::".join(parts)] = open(os.path.join(dirpath, f)).read()
    return mods

def strip_tests(src):
    i = src.find("#[cfg(test)]")
    return src if i < 0 else src[:i]

def edges(mods):
    names = set(mods)
    out = {m: set() for m in mods}
    for m, src in mods.items():
        src = strip_tests(src)
        refs = re.findall(r"crate::([a-z_]+(?:::[a-z_]+)*)", src)
        parent = m.rsplit("::", 1)[0] if "::" in m else ""
        for s in re.findall(r"super::([a-z_]+(?:::[a-z_]+)*)", src):
            refs.append((parent + "::" + s) if parent else s)
        # `use super::{a, b}` and `use crate::{a, b}` lists
        for base, lst in re.findall(r"use (crate|super)::\{([^}]*)\}", src):
            for item in lst.split(","):
                item = item.strip().split(" ")[0]
                if not re.match(r"^[a-z_]", item):
                    continue
                if base == "super" and parent:
                    refs.append(parent + "::" + item)
                else:
                    refs.append(item)
        for r in refs:
            parts = r.split("::")
            # longest module prefix
            for k in range(len(parts), 0, -1):
                cand = "::".join(parts[:k])
                if cand in names:
                    if cand != m:
                        out[m].add(cand)
                    break
    return out

def sccs(g):
    index, low, on, stack, res, i = {}, {}, set(), [], [], [0]
    sys.setrecursionlimit(10000)
    def visit(v):
        index[v] = low[v] = i[0]; i[0] += 1
        stack.append(v); on.add(v)
        for w in g[v]:
            if w not in index:
                visit(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v: break
            res.append(sorted(comp))
    for v in sorted(g):
        if v not in index:
            visit(v)
    return res

def main():
    mods = modules()
    g = edges(mods)
    comps = [c for c in sccs(g) if len(c) > 1]
    n_edges = sum(len(v) for v in g.values())
    print(f"{len(mods)} modules, {n_edges} imports")
    for c in sorted(comps, key=len, reverse=True):
        inner = sum(1 for a in c for b in g[a] if b in c)
        print(f"circle of {len(c)} ({inner} imports inside): {' '.join(c)}")
        if "--edges" in sys.argv:
            for a in c:
                for b in sorted(g[a]):
                    if b in c:
                        print(f"  {a} -> {b}")
    if not comps:
        print("no circles")

main()
