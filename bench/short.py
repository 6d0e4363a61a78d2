#!/usr/bin/env python3
"""Times the short cases again with hyperfine (used by bench/run).

Usage: short.py CASES.json OUT.json

compare.py starts every command from Python, between other tools' runs:
a run of a few milliseconds reads longer there than it is (the fork, cold
caches). hyperfine -N runs each command many times in a row without a
shell. For every group of CASES.json but the first (the whole corpus),
each row whose command is an argv list is timed; prints a Markdown table
and writes {case: {tool: median seconds}} to OUT.json for the targets.
"""
import json
import shlex
import subprocess
import sys
import tempfile


def fmt(s):
    return f"{s * 1000:.1f} ms"


def main():
    groups = json.load(open(sys.argv[1]))[1:]
    medians = {}
    print("| case | tool | median | mean ± σ | user | sys | median vs pmlint |")
    print("|---|---|---|---|---|---|---|")
    for group in groups:
        case, first = None, None
        for row in group:
            case = row.get("case") or case
            if isinstance(row["cmd"], str):
                continue
            with tempfile.NamedTemporaryFile("r", suffix=".json") as out:
                subprocess.run(
                    ["hyperfine", "-N", "-i", "--style", "none", "-w", "10", "-m", "100",
                     "--export-json", out.name, shlex.join(row["cmd"])],
                    cwd=row["cwd"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
                )
                r = json.load(out)["results"][0]
            first = first or r["median"]
            medians.setdefault(case, {})[row["name"]] = r["median"]
            print(
                f"| {row.get('case', '')} | {row['name']} | {fmt(r['median'])} | "
                f"{fmt(r['mean'])} ± {r['stddev'] * 1000:.1f} | {fmt(r['user'])} | {fmt(r['system'])} | "
                f"{r['median'] / first:.2f}x |"
            )
    json.dump(medians, open(sys.argv[2], "w"))


if __name__ == "__main__":
    main()
