#!/usr/bin/env python3
"""bench/memory.py - the table of `make bench-memory` (bench/memory.sh).

    python3 bench/memory.py BINARY COUNTS N [TOP]

reads COUNTS, what the counting build BINARY (bench/alloc_count.c) wrote for
a stack of N components, and prints, for each arena that took more than
1 KiB in all, its bytes per component and its TOP sites (default 25).  A
site inside src/util.c (a string, a vector, a map) is named by the first
caller outside util.c, as `function@file:line`, so that a vector's growth is
charged to the code that pushes.  The arenas are unnamed in the counts; the
sites tell them apart: the compilation's (the source, the IR), the syntax
tree's items (freed after the lowering), the scratch arenas (reset after
each use) and the object trees' (reset after each object).
"""
import collections
import subprocess
import sys


def symbolize(binary, addresses):
    """function@file:line of each return address (one before it: the call)."""
    if not addresses:
        return {}
    args = ["addr2line", "-f", "-s", "-e", binary] + [hex(a - 1) for a in addresses]
    out = subprocess.run(args, capture_output=True, text=True, check=True).stdout.split("\n")
    return {a: f"{out[2 * i]}@{out[2 * i + 1].split(' ')[0]}" for i, a in enumerate(addresses)}


def main():
    binary, counts, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    top = int(sys.argv[4]) if len(sys.argv) > 4 else 25
    sites, peak = [], 0
    for line in open(counts):
        f = line.rstrip("\n").split("\t")
        if f[0] == "peak_rss_kib":
            peak = int(f[1])
        elif f[0] == "site":
            sites.append((f[1], f[2], int(f[3]), int(f[4]), [int(x, 16) for x in f[5:]]))
    names = symbolize(binary, sorted({a for s in sites for a in s[4]}))
    by_arena = collections.defaultdict(collections.Counter)
    counts_by = collections.defaultdict(collections.Counter)
    for arena, where, size, count, frames in sites:
        site = where.split("/")[-1]
        if frames:
            callers = [names[a] for a in frames if "@util.c:" not in names[a]]
            inner = next((names[a] for a in frames if "@util.c:" in names[a]), site)
            site = f"{callers[0] if callers else '?'} ({inner.split('@')[0]})"
        by_arena[arena][site] += size
        counts_by[arena][site] += count
    print(f"N = {n}: peak RSS {peak / 1024:.1f} MiB, {peak * 1024 / n:.0f} bytes per component")
    arenas = sorted(by_arena, key=lambda a: -sum(by_arena[a].values()))
    for i, arena in enumerate(arenas):
        total = sum(by_arena[arena].values())
        if total < 1024:
            continue
        print(f"-- arena {i + 1}: {total / n:.0f} bytes per component in all "
              f"({total / 1048576:.1f} MiB)")
        print(f"{'bytes/comp':>10} {'allocs/comp':>11}  site")
        for site, size in by_arena[arena].most_common(top):
            print(f"{size / n:10.1f} {counts_by[arena][site] / n:11.2f}  {site}")


if __name__ == "__main__":
    main()
