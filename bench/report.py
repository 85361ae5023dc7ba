#!/usr/bin/env python3
"""bench/report.py RESULTS.tsv - the tables of docs/benchmarks.md, and each
target of the benchmark issue met or not, from bench/run.sh's results."""
import sys


def parse(path):
    rows = []
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            kind, fields = parts[0], {}
            if kind == "skip":
                rows.append((kind, {"text": "\t".join(parts[1:])}))
                continue
            for p in parts[1:]:
                if "=" in p:
                    k, v = p.split("=", 1)
                    fields[k] = v
                elif p:
                    fields.setdefault("text", p)
            rows.append((kind, fields))
    return rows


def num(d, k):
    try:
        return float(d[k])
    except (KeyError, ValueError):
        return None


def ms(s):
    if s is None:
        return "-"
    if s < 0.01:
        return "%.2f ms" % (s * 1e3)
    if s < 1:
        return "%.1f ms" % (s * 1e3)
    return "%.2f s" % s


def mib(kb):
    return "-" if kb is None else "%.1f MiB" % (kb / 1024)


def size(b):
    if b is None:
        return "-"
    if b < 1 << 20:
        return "%.1f KiB" % (b / 1024)
    return "%.1f MiB" % (b / (1 << 20))


def ratio(a, b):
    return "-" if a is None or not b else "%.2fx" % (a / b)


def paired(d, kind):
    """todokc over the floor, wall or cpu: the median of the ratios of runs
    made in turn (timeit --vs), else the ratio of the medians."""
    p = num(d, "pair_%s_med" % kind)
    if p is not None:
        return p
    t, f = num(d, "todokc_%s_med" % kind), num(d, "floor_%s_med" % kind)
    return t / f if t is not None and f else None


def times(x):
    return "-" if x is None else "%.2fx" % x


def verdict(ok):
    return "**met**" if ok else "**not met**"


def main():
    rows = parse(sys.argv[1])
    machine = {}
    for kind, d in rows:
        if kind == "machine":
            machine.update(d)
    out = []
    p = out.append
    p("- Machine: %s (`lscpu` model name), %s cores (`nproc`), %s of memory; %s" % (
        machine.get("cpu", "?"), machine.get("nproc", "?"), machine.get("memory", "?"),
        machine.get("kernel", "?")))
    p("- Tools: %s; libyaml %s; todokc %s" % (
        machine.get("cc", "?"), machine.get("libyaml", "?"), machine.get("todokc", "?")))
    p("- Run: %s" % machine.get("date", "?"))
    p("- `uptime` before: %s" % machine.get("uptime", "?"))
    if "uptime_after" in machine:
        p("- `uptime` after: %s" % machine["uptime_after"])
    p("")

    std = [d for k, d in rows if k == "stdout"]
    if std:
        p("### Standard output (one YAML stream)")
        p("")
        p("Wall: median of the timed runs after one warm-up; CPU: median user+system "
          "time; todokc/floor: the median of the ratios of runs made in turn (todokc, "
          "the floor, todokc, ...); load: the 1-minute load average before and after the row.")
        p("")
        p("| N | input | todokc wall | µs/component | todokc CPU | peak RSS | bytes out | "
          "floor wall | floor CPU | floor RSS | todokc/floor wall | todokc/floor CPU | load | identical |")
        p("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|")
        for d in std:
            n = num(d, "N")
            tw, tc = num(d, "todokc_wall_med"), num(d, "todokc_cpu_med")
            fw, fc = num(d, "floor_wall_med"), num(d, "floor_cpu_med")
            p("| %d | %s | %s | %.1f | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s |" % (
                n, size(num(d, "in_bytes")), ms(tw), tw / n * 1e6, ms(tc),
                mib(num(d, "todokc_rss_kb")), size(num(d, "todokc_bytes")), ms(fw), ms(fc),
                mib(num(d, "floor_rss_kb")), times(paired(d, "wall")), times(paired(d, "cpu")),
                d.get("load", "?"), d.get("load_after", "?"), d.get("identical", "?")))
        p("")

    dirs = [d for k, d in rows if k == "dir"]
    if dirs:
        p("### -o DIR (one file per object, and the Kustomization)")
        p("")
        p("| N | file system | files | bytes | todokc wall | todokc CPU | peak RSS | floor wall | "
          "floor CPU | todokc/floor wall | todokc/floor CPU | load | identical |")
        p("|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|")
        for d in dirs:
            tw, tc = num(d, "todokc_wall_med"), num(d, "todokc_cpu_med")
            fw, fc = num(d, "floor_wall_med"), num(d, "floor_cpu_med")
            p("| %d | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s |" % (
                num(d, "N"), d.get("fs"), num(d, "todokc_files") or 0, size(num(d, "todokc_bytes")),
                ms(tw), ms(tc), mib(num(d, "todokc_rss_kb")), ms(fw), ms(fc),
                times(paired(d, "wall")), times(paired(d, "cpu")), d.get("load", "?"),
                d.get("load_after", "?"),
                d.get("identical", "?")))
        p("")

    peers = [d for k, d in rows if k == "peer"]
    if peers:
        p("### Peers (the same stack)")
        p("")
        p("jsonnet: the generated program with strings built by `+`; jsonnet (%): the same "
          "program with `std.format`.  Same objects: the two YAML streams hold equal documents "
          "(bench/same_objects.py).")
        p("")
        p("| N | todokc wall | jsonnet wall | jsonnet RSS | jsonnet/todokc | same objects | "
          "jsonnet (%) wall | jsonnet (%)/todokc | cdk8s-plus wall | cdk8s-plus RSS | "
          "cdk8s-plus bytes | cdk8s-plus/todokc | load |")
        p("|---:|---:|---:|---:|---:|:---:|---:|---:|---:|---:|---:|---:|---:|")
        for d in peers:
            tw = num(d, "todokc_wall_med")
            jw, fw, cw = num(d, "jsonnet_wall_med"), num(d, "jsonnet_fmt_wall_med"), num(d, "cdk8s_wall_med")
            p("| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s |" % (
                num(d, "N"), ms(tw), ms(jw), mib(num(d, "jsonnet_rss_kb")), ratio(jw, tw),
                d.get("jsonnet_same_objects", "-"), ms(fw), ratio(fw, tw), ms(cw),
                mib(num(d, "cdk8s_rss_kb")), size(num(d, "cdk8s_bytes")), ratio(cw, tw),
                d.get("load", "?"), d.get("load_after", "?")))
        p("")
    for k, d in rows:
        if k == "skip":
            p("Skipped: %s" % d.get("text", "?"))
    seed = [d for k, d in rows if k == "seed"]
    if seed:
        d = seed[0]
        p("### The seed example (examples/todo-chatbot.todok)")
        p("")
        p("| mode | wall median | wall min | wall max | CPU | peak RSS | load |")
        p("|---|---:|---:|---:|---:|---:|---:|")
        for mode, pre in (("standard output", "todokc"), ("-o DIR (tmpfs)", "todokc_dir")):
            p("| %s | %s | %s | %s | %s | %s | %s |" % (
                mode, ms(num(d, pre + "_wall_med")), ms(num(d, pre + "_wall_min")),
                ms(num(d, pre + "_wall_max")), ms(num(d, pre + "_cpu_med")),
                mib(num(d, pre + "_rss_kb")), d.get("load", "?")))
        p("")

    # Targets
    p("### Targets")
    p("")
    by_n = {int(num(d, "N")): d for d in std}
    if 1000 in by_n and 100000 in by_n:
        a, b = by_n[1000], by_n[100000]
        w = (num(b, "todokc_wall_med") / 1e5) / (num(a, "todokc_wall_med") / 1e3)
        c = (num(b, "todokc_cpu_med") / 1e5) / (num(a, "todokc_cpu_med") / 1e3)
        p("- Time per component at N=100,000 within 1.2x of N=1,000: %.2fx wall, %.2fx CPU: %s."
          % (w, c, verdict(w <= 1.2)))
    if std:
        lines = []
        for d in std:
            if num(d, "N") < 1000:
                continue
            rss = num(d, "todokc_rss_kb") * 1024
            i, o = num(d, "in_bytes"), num(d, "todokc_bytes")
            bound = 10 * i + 16 * (1 << 20)
            lines.append("N=%d: %s = %.1f x input, %.2f of 10 x input + 16 MiB, %.1f KiB per "
                         "component" % (num(d, "N"), mib(rss / 1024), rss / i, rss / bound,
                                        rss / 1024 / num(d, "N")))
        if 100000 in by_n:
            d = by_n[100000]
            rss = num(d, "todokc_rss_kb") * 1024
            bound = 10 * num(d, "in_bytes") + 16 * (1 << 20)
            p("- Peak RSS at N=100,000 at most 10 x input + 16 MiB (%s): %s, %.2f of it: %s."
              % (mib(bound / 1024), mib(rss / 1024), rss / bound, verdict(rss <= bound)))
        p("- Peak RSS: %s." % "; ".join(lines))
        big = sorted((num(d, "N"), num(d, "todokc_rss_kb")) for d in std if num(d, "N") >= 1000)
        if len(big) >= 2:
            slopes = ["%.1f KiB per component from N=%d to %d" % ((r2 - r1) / (n2 - n1), n1, n2)
                      for (n1, r1), (n2, r2) in zip(big, big[1:])]
            p("- Peak RSS growth: %s (linear when these agree)." % "; ".join(slopes))
    # todokc and the floor write the same bytes: the ratio per output byte
    # is the ratio of the times.
    judged = [(d, "standard output") for d in std] + \
             [(d, "-o DIR on " + d.get("fs", "?")) for d in dirs if d.get("fs") == "tmpfs"]
    for d, mode in judged:
        if int(num(d, "N")) not in (10000, 100000):
            continue
        r, rc = paired(d, "wall"), paired(d, "cpu")
        p("- todokc / floor per output byte at most 1.3x, N=%d, %s: %.2fx wall, %.2fx CPU: "
          "%s (wall), %s (CPU)." % (num(d, "N"), mode, r, rc, verdict(r <= 1.3),
                                    verdict(rc <= 1.3)))
    for d in peers:
        tw, jw, cw = num(d, "todokc_wall_med"), num(d, "jsonnet_wall_med"), num(d, "cdk8s_wall_med")
        fw = num(d, "jsonnet_fmt_wall_med")
        if jw and int(num(d, "N")) == 1000:
            p("- At least 100x faster than jsonnet at N=1,000: %.0fx%s: %s." % (
                jw / tw, " (%.0fx against the std.format program)" % (fw / tw) if fw else "",
                verdict(jw / tw >= 100)))
        if cw:
            p("- At least 20x faster than cdk8s-plus at N=%d: %.0fx: %s."
              % (num(d, "N"), cw / tw, verdict(cw / tw >= 20)))
    if seed:
        w = num(seed[0], "todokc_wall_med")
        wd = num(seed[0], "todokc_dir_wall_med")
        p("- The seed example in under 2 ms wall: %s (standard output), %s (-o DIR): %s." % (
            ms(w), ms(wd), verdict(w < 0.002 and wd < 0.002)))
    print("\n".join(out))


if __name__ == "__main__":
    main()
