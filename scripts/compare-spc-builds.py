#!/usr/bin/env python3
"""Interleaved end-to-end timings of two or more `qi` builds on issue 3's A&E batch.

Usage: python3 scripts/compare-spc-builds.py RUNS QI_A QI_B [QI_C ...]

Runs the builds in turn, RUNS times each (A, B, A, B, ...), so that this virtual machine's
drift, which changes the speed of one binary by 30-40 % between minutes, falls on all of them
alike; prints the median and fastest wall time and the median CPU of each. Copy a build out
of .build/release before rebuilding to compare it with the next one. The output file is
deleted before every run (see scripts/time-spc-batches.py for why).
"""
import os, resource, statistics, subprocess, sys, time

def main():
    runs, builds = int(sys.argv[1]), sys.argv[2:]
    output = "/tmp/qikit-compare-ae.json"
    arguments = ["spc", "datasets/ae_attendances.csv", "--chart", "p", "--y", "breaches", "--n", "attendances",
                 "--x", "period", "--by", "org_code,type", "--rules", "mdc", "--output", output]
    walls = {build: [] for build in builds}
    cpus = {build: [] for build in builds}
    for _ in range(runs):
        for build in builds:
            if os.path.exists(output):
                os.remove(output)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run([build] + arguments, check=True)
            walls[build].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[build].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    print("load average:", open("/proc/loadavg").read().split()[:3])
    for build in builds:
        print("%-40s median %.1f ms, fastest %.1f ms, CPU %.1f ms" % (
            build, 1000 * statistics.median(walls[build]), 1000 * min(walls[build]), 1000 * statistics.median(cpus[build])))

if __name__ == "__main__":
    main()
