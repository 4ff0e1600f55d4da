#!/usr/bin/env python3
"""End-to-end timings of issue 3's two qi spc batches: medians of repeated runs, wall and CPU.

Usage: python3 scripts/time-spc-batches.py MILLION_ROW_CSV [QI]
MILLION_ROW_CSV is the benchmark's ProportionSeriesFile (practice,metric,period,numerator,
denominator; `make bench` writes it under $TMPDIR/qikit-benchmarks/). QI defaults to the
release build. Report the load average printed beside the figures.

Each run writes a new output file: the previous run's output is deleted before the clock
starts. Replacing an existing file instead makes `qi`'s final rename free the old one, and on
ext4 freeing the 266 MB of the million-row output takes 0.3 s inside that rename; that is the
filesystem's cost of discarding an old result, not of writing this one.
"""
import os, resource, statistics, subprocess, sys, time

def timed(command, runs):
    walls, cpus = [], []
    output = command[command.index("--output") + 1]
    for _ in range(runs):
        if os.path.exists(output):
            os.remove(output)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(walls), min(walls), max(walls), statistics.median(cpus)

def main():
    million = sys.argv[1]
    qi = sys.argv[2] if len(sys.argv) > 2 else ".build/release/qi"
    ae = [qi, "spc", "datasets/ae_attendances.csv", "--chart", "p", "--y", "breaches", "--n", "attendances",
          "--x", "period", "--by", "org_code,type", "--rules", "mdc", "--output", "/tmp/qikit-ae.json"]
    batch = [qi, "spc", million, "--chart", "p", "--y", "numerator", "--n", "denominator", "--x", "period",
             "--by", "practice,metric", "--output", "/tmp/qikit-1m.json"]
    print("load average:", open("/proc/loadavg").read().split()[:3])
    print("A&E, 428 series: median %.1f ms (min %.1f, max %.1f), CPU %.1f ms" % tuple(1000 * x for x in timed(ae, 21)))
    print("1,000,000 rows:  median %.3f s (min %.3f, max %.3f), CPU %.3f s" % timed(batch, 7))
    print("load average:", open("/proc/loadavg").read().split()[:3])

if __name__ == "__main__":
    main()
