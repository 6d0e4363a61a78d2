#!/usr/bin/env python3
"""Times the short cases again with hyperfine (used by bench/run).

Usage: short.py CASES.json OUT.json

compare.py starts every command from Python, between other tools' runs:
a run of a few milliseconds reads longer there than it is (the fork, cold
caches). hyperfine -N runs each command many times in a row without a
shell. For every group of CASES.json but the first (the whole corpus),
each row whose command is an argv list is timed; prints a Markdown table
and writes {case: {pmlint build: median seconds}} to OUT.json for the
targets. hyperfine's user and sys times are means.
"""
import json
import shlex
import subprocess
import sys
import tempfile

from compare import fmt_time as fmt


def main():
    groups = json.load(open(sys.argv[1]))[1:]
    medians = {}
    print("| case | tool | median | mean ± σ | user (mean) | sys (mean) | median vs pmlint |")
    print("|---|---|---|---|---|---|---|")
    for group in groups:
        case, first = None, None
        for row in group:
            case = row.get("case") or case
            if isinstance(row["cmd"], str):
                continue
            with tempfile.NamedTemporaryFile("r", suffix=".json") as out:
                # -i: pmlint exits 1 when it finds something; the codes are
                # checked below against the row's.
                done = subprocess.run(
                    ["hyperfine", "-N", "-i", "--style", "none", "-w", "10", "-m", "100",
                     "--export-json", out.name, shlex.join(row["cmd"])],
                    cwd=row["cwd"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                )
                if done.returncode != 0:
                    sys.exit(f"{row['name']}: hyperfine failed: {done.stderr.strip()}")
                r = json.load(out)["results"][0]
            codes = set(r.get("exit_codes") or [])
            if not codes <= set(row.get("ok", [0, 1])):
                sys.exit(f"{row['name']}: exit codes {sorted(codes)}: {row['cmd']}")
            first = first or r["median"]
            if row["name"].startswith("pmlint"):
                medians.setdefault(case, {})[row["name"]] = r["median"]
            print(
                f"| {row.get('case', '')} | {row['name']} | {fmt(r['median'])} | "
                f"{fmt(r['mean'])} ± {r['stddev'] * 1000:.1f} | {fmt(r['user'])} | {fmt(r['system'])} | "
                f"{r['median'] / first:.2f}x |"
            )
    json.dump(medians, open(sys.argv[2], "w"))


if __name__ == "__main__":
    main()
