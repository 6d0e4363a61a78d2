#!/usr/bin/env python3
"""Times commands side by side and prints a Markdown table (used by bench/run).

Usage: compare.py CASES.json RUNS

CASES.json holds a list of groups; each group is a list of rows
{"name", "cmd" (argv list, or a string for sh -c), "cwd", "files", "bytes",
optionally "runs" (fewer, for a slow tool) and "ok" (exit codes)},
and its first row is the one the others are compared with (pmlint).
Runs are interleaved (A B C A B C ...) so that load from elsewhere on the
machine falls on every tool alike. For each row: median wall time, median
CPU time (user+sys, the steadier figure on a shared machine), peak resident
memory (GNU time, in an untimed first run), files/s and MB/s, and
the wall-time ratio to the group's first row.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def run_once(row):
    cmd = row["cmd"]
    argv = ["sh", "-c", cmd] if isinstance(cmd, str) else cmd
    with open(os.devnull, "wb") as null:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=row["cwd"], stdout=null, stderr=null)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in row.get("ok", [0, 1]):
        sys.exit(f"{row['name']}: exit {proc.returncode}: {cmd}")
    return wall, usage.ru_utime + usage.ru_stime


def peak_memory(row):
    """Peak resident memory in bytes, read by GNU time in a run of its own
    (a child forked from Python would count Python's pages)."""
    cmd = row["cmd"]
    argv = ["sh", "-c", cmd] if isinstance(cmd, str) else cmd
    with tempfile.NamedTemporaryFile("r") as out, open(os.devnull, "wb") as null:
        subprocess.run(["/usr/bin/time", "-o", out.name, "-f", "%M", *argv],
                       cwd=row["cwd"], stdout=null, stderr=null)
        return int(out.read().split()[-1]) * 1024


def fmt_time(s):
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def main():
    groups = json.load(open(sys.argv[1]))
    runs = int(sys.argv[2])
    print("| case | tool | wall (median) | CPU user+sys | peak memory | files/s | MB/s | wall vs pmlint |")
    print("|---|---|---|---|---|---|---|---|")
    for group in groups:
        # The first run warms the page cache; it is not counted.
        memory = [peak_memory(row) for row in group]
        samples = {i: [] for i in range(len(group))}
        for n in range(runs):
            for i, row in enumerate(group):
                if n < row.get("runs", runs):
                    samples[i].append(run_once(row))
        first_wall = statistics.median(w for w, _ in samples[0])
        for i, row in enumerate(group):
            wall = statistics.median(w for w, _ in samples[i])
            cpu = statistics.median(c for _, c in samples[i])
            rss = memory[i]
            files = row.get("files", 1)
            size = row.get("bytes", 0)
            ratio = "1.0x" if i == 0 else f"{wall / first_wall:.2f}x"
            print(
                f"| {row.get('case', '')} | {row['name']} | {fmt_time(wall)} | {fmt_time(cpu)} | "
                f"{rss / 1e6:.0f} MB | {files / wall:,.0f} | {size / 1e6 / wall:,.0f} | {ratio} |"
            )


if __name__ == "__main__":
    main()
