#!/usr/bin/env python3
"""Writes N synthetic postmortems (deterministic) for the benchmark.

Usage: gen.py OUT_DIR N

Each file looks like a real postmortem of 80-200 lines: front matter, the
default template's sections, a timeline table, prose with the occasional
blame or hindsight phrase, and action items in lists and tables, some
without owners or dates.
"""
import os
import random
import sys

WORDS = ("queue consumer database replica shard cache config deploy rollout alert "
         "dashboard latency error rate region pool connection timeout retry "
         "service gateway certificate disk memory cpu node cluster index").split()
PHRASES = ["", "", "", "", "", "It was human error.", "The operator should have known.",
           "The engineer failed to notice the alert.", "TODO: add graphs.",
           "Renata skipped the canary step.", "The page was left unanswered by the secondary.",
           "We do not think the responder was negligent.", "The health check failed to connect."]


def sentence(rng):
    n = rng.randint(8, 20)
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def paragraph(rng):
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 5))) + " " + rng.choice(PHRASES)


def postmortem(i, rng):
    lines = [
        "---",
        f"title: Incident {i}",
        f"date: 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "---",
        "",
        f"# Incident {i}: {rng.choice(WORDS)} {rng.choice(WORDS)}",
        "",
        "## Summary",
        "",
        paragraph(rng),
        "",
        "## Impact",
        "",
        paragraph(rng),
        "",
        "## Timeline (UTC)",
        "",
        "| Time | Event |",
        "|------|-------|",
    ]
    for h in range(rng.randint(5, 30)):
        lines.append(f"| {h % 24:02d}:{rng.randint(0, 59):02d} | {sentence(rng)} |")
    lines += ["", "## Contributing factors", ""]
    for _ in range(rng.randint(2, 6)):
        lines += [paragraph(rng), ""]
    lines += ["## Resolution", "", paragraph(rng), "", "```sh", "kubectl rollout undo deploy/x", "```", "",
              "## Action items", ""]
    for j in range(rng.randint(2, 8)):
        owner = f" (Owner: @team-{j}" if rng.random() < 0.7 else " ("
        due = f", due 2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d})" if rng.random() < 0.6 else ")"
        lines.append(f"- [ ] {sentence(rng)}{owner}{due}")
    return "\n".join(lines) + "\n"


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(42)
    for i in range(n):
        folder = os.path.join(out, "postmortems", f"{2016 + i % 10}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"{i:05d}-incident.md"), "w") as f:
            f.write(postmortem(i, rng))


if __name__ == "__main__":
    main()
