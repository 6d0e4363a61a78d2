#!/usr/bin/env python3
"""Catches a pass over a document that is not linear in its size.

Usage: linearity.py PMLINT [--only NAME]

For each shape of pathological postmortem (one construct repeated), writes a
1 MB and an 8 MB file, lints each with the release binary and compares the
CPU time (user + system, the best of a few runs): 8 times the size should
cost about 8 times the time. A ratio above the limit fails (exit 1): a
quadratic pass makes it about 64. CPU time, not wall time, so that other
work on the machine does not count; a ratio, so that a slow machine does
not matter.
"""
import os
import resource
import subprocess
import sys
import tempfile

# 1 MB and 8 MB: a quadratic pass shows as plainly as at 2 and 16, in half
# the time (the slowest shape took a minute at 16 MB).
SMALL, LARGE = 1_000_000, 8_000_000
# Linear is 8; n log n about 9. Start-up time only lowers the ratio.
LIMIT = 16

# name -> (header, piece repeated until the size is reached, footer)
SHAPES = {
    "action-items sections, one item each": ("# T\n\n", "## Action items\n\n- [ ] Fix it (@kim, due 2026-12-01)\n\n", ""),
    "one action-items section, many items": ("# T\n\n## Action items\n\n", "- [ ] Fix it @kim 2026-12-01 soon\n", ""),
    "action items in table rows": ("# T\n\n## Action items\n\n| Action | Owner | Due |\n|---|---|---|\n", "| Fix it | @kim | 2026-12-01 |\n", ""),
    "action-items sections with a table and a labelled item each": ("# T\n\n", "## Action items\n\n| Action | Priority | Owner |\n|---|---|---|\n| Fix | P1 | @kim |\n\n- P1: fix it (@kim, due 2026-12-01)\n\n", ""),
    "labelled items before a table": ("# T\n\n## Action items\n\n", "- P1 - fix it (@kim)\n", "\n| Action | Priority | Owner |\n|---|---|---|\n| Fix | P1 | @kim |\n"),
    "timestamped items, each nested under one": ("# T\n\n## What\n\n", "- item\n  - 10:04 nested\n", ""),
    "action tables under a heading that names no section": ("# T\n\n## Other\n\n", "| Task | Owner |\n|---|---|\n| Fix | @kim |\n\n", ""),
    "items nested under one item": ("# T\n\n## Action items\n\n- Process:\n", "  - [ ] Fix it (Owner: @kim)\n", ""),
    "suppression comments": ("# T\n\n", "<!-- pmlint-disable-next-line blame-wording -->\nIt was human error.\n\n", ""),
    "one long line of blame wording": ("# T\n\n", "It was human error and careless. ", "\n"),
    "one long heading": ("# T\n\n## ", "action items impact ", "\n"),
    "many headings": ("# T\n\n", "## Impact\n", ""),
    "bold labels": ("# T\n\n", "**Impact:** it broke.\n\n", ""),
    "links to tickets": ("# T\n\n## Action items\n\n- ", "[fix](https://x.org/issues/1) ", "\n"),
    "one long sentence of blame wording": ("# T\n\n", "human error and careless and ", "\n"),
    "one long sentence of hindsight": ("# T\n\n", "we should have known and ", "\n"),
    "emphasised placeholders on one line": ("# T\n\n## Impact\n\n", "**TODO** x ", "\n"),
    "quoted speech": ("# T\n\n", "\"human error\" they said, 'careless' ", "\n"),
    "inline code and emphasis": ("# T\n\n", "`a` *b* **c** _d_ ", "\n"),
    "unclosed emphasis and brackets": ("# T\n\n", "*a [b (c _d ", "\n"),
    "nested block quotes": ("# T\n\n", "> ", "x\n"),
    "nested list markers": ("# T\n\n", "- ", "x\n"),
    "html comments": ("# T\n\n", "<!-- a comment --> text ", "\n"),
    "an unclosed html comment": ("# T\n\n<!--", " still a comment", "\n"),
    "yaml front matter keys": ("---\n", "key: value\n", "---\n# T\n"),
    "toml front matter keys": ("+++\n", "key = \"value\"\n", "+++\n# T\n"),
    "yaml flow sequence": ("---\nk: [", "a, ", "b]\n---\n# T\n"),
    "footnotes": ("# T\n\n", "text[^1] ", "\n\n[^1]: note\n"),
    "bare carriage returns": ("# T\r\r", "It was human error.\r", ""),
    "placeholders": ("# T\n\n## Impact\n\n", "TODO TBD <describe it> [insert x] ", "\n"),
    "a name repeated inside one long word": ("# T\n\nBecause Mateus forgot to renew it.\n\n", "mateus", "\n"),
    "a name repeated in one long identifier": ("# T\n\nBecause Mateus forgot to renew it.\n\n", "xmateus-", "\n"),
}
# Shapes also rendered as snippets (--format human), whose source lines
# must be cut to a window: the whole line for every diagnostic is quadratic.
HUMAN = ["one long line of blame wording", "action-items sections, one item each"]


def write(path, shape, size):
    head, piece, tail = shape
    count = max(1, (size - len(head) - len(tail)) // len(piece))
    with open(path, "w") as f:
        f.write(head + piece * count + tail)


def cpu_seconds(cmd, cwd, runs):
    best = None
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = t if best is None else min(best, t)
    return best


def main():
    # Absolute: each run happens in a scratch folder.
    pmlint = os.path.abspath(sys.argv[1])
    only = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--only" else None
    failed = []
    print(f"CPU time (best of 3 runs, and 1 run, or 3 if over the limit): {SMALL // 10**6} MB vs {LARGE // 10**6} MB (limit: {LIMIT}x)\n")
    print(f"| shape | {SMALL // 10**6} MB | {LARGE // 10**6} MB | ratio |")
    print("|---|---|---|---|")
    runs = [(name, "json") for name in SHAPES] + [(name, "human") for name in HUMAN]
    with tempfile.TemporaryDirectory() as work:
        with open(os.path.join(work, "pmlint.toml"), "w") as f:
            f.write('max-file-size = "64MiB"\n')
        for name, fmt in runs:
            if only and only not in name:
                continue
            shape = SHAPES[name]
            if fmt != "json":
                name = f"{name} (--format {fmt})"
            cmds = []
            for size in (SMALL, LARGE):
                path = os.path.join(work, f"postmortem-{size}.md")
                write(path, shape, size)
                cmds.append([pmlint, "check", "--today", "2026-06-01", "--format", fmt, path])
            # Noise matters on the short run; the long one is measured once,
            # and again only if the ratio is over the limit: a slow page fault
            # on a busy machine can double one run, a quadratic pass is slow
            # every time.
            times = [cpu_seconds(cmds[0], work, 3), cpu_seconds(cmds[1], work, 1)]
            ratio = times[1] / max(times[0], 1e-3)
            flag = ""
            if ratio > LIMIT:
                times[1] = min(times[1], cpu_seconds(cmds[1], work, 2))
                ratio = times[1] / max(times[0], 1e-3)
                flag = " (measured again)"
            if ratio > LIMIT:
                flag = " **not linear**"
            print(f"| {name} | {times[0] * 1000:.0f} ms | {times[1] * 1000:.0f} ms | {ratio:.1f}{flag} |", flush=True)
            if ratio > LIMIT:
                failed.append(name)
    if failed:
        print(f"\nnot linear: {', '.join(failed)}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
