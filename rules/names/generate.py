#!/usr/bin/env python3
"""Writes given-names-faker-py.txt: the Latin-script first names of the
Python `faker` package (MIT) that given-names.txt (faker-js) lacks, minus
every name that is also a lowercase English word in Debian's `wamerican`.

  pip download --no-deps faker==40.63.0 && unzip -q faker-40.63.0-*.whl -d faker-py
  apt-get install wamerican
  python3 rules/names/generate.py faker-py > rules/names/given-names-faker-py.txt

Lines are sorted by their folded key (see `fold`, the same as pmlint's
`names::fold`): lower case, without diacritics. A name whose folded key is
an English word ("Léa", "Désiré") is marked `<TAB>exact`: only its own
spelling counts.
"""
import importlib
import os
import re
import sys
import unicodedata

SPECIAL = {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe",
           "ß": "ss", "ı": "i", "ə": "e", "ħ": "h", "ŧ": "t", "ŋ": "n", "’": "'"}


def fold(s):
    s = unicodedata.normalize("NFD", s.lower())
    return "".join(SPECIAL.get(c, c) for c in s if not unicodedata.combining(c))


def latin(s):
    return all(c in "'’-" or ("LATIN" in unicodedata.name(c, "") and c.isalpha()) for c in s) and s[0].isalpha()


def main():
    root = sys.argv[1]
    sys.path.insert(0, root)
    words = {w for w in open("/usr/share/dict/american-english", encoding="utf-8").read().split("\n")
             if w and w == w.lower()}
    here = os.path.dirname(os.path.abspath(__file__))
    known = {fold(line.rstrip("\n").split("\t")[0]) for line in open(os.path.join(here, "given-names.txt"), encoding="utf-8")
             if line.strip() and not line.startswith("#")}
    names, locales = {}, []
    person = os.path.join(root, "faker", "providers", "person")
    for loc in sorted(os.listdir(person)):
        if loc.startswith("_") or not os.path.isdir(os.path.join(person, loc)):
            continue
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        n = 0
        for attr in sorted(a for a in vars(provider) if re.fullmatch(r"first_(romanized_)?names?(_\w+)?", a)):
            value = getattr(provider, attr)
            if not isinstance(value, (list, tuple, dict)):
                continue  # a method: first_name_male()
            for entry in value:
                if not isinstance(entry, str):
                    continue
                for part in entry.split():
                    if part.isupper() and len(part) > 1:  # zh_TW: "CHIA-HAO"
                        part = "-".join(p.capitalize() for p in part.split("-"))
                    key = fold(part)
                    if len(part) < 2 or not latin(part) or part.lower() in words or key in known:
                        continue
                    names[part] = key
                    n += 1
        if n:
            locales.append(loc)
    lines = []
    for name, key in sorted(names.items(), key=lambda kv: (kv[1], kv[0])):
        exact = key != name.lower() and key in words
        lines.append(name + ("\texact" if exact else ""))
    wrapped, line = [], "#"
    for i, loc in enumerate(locales):
        item = loc + ("," if i + 1 < len(locales) else ".")
        if len(line) + 1 + len(item) > 78:
            wrapped.append(line)
            line = "#"
        line += " " + item
    wrapped.append(line)
    sys.stdout.write(HEADER.format(locales="\n".join(wrapped)) + "\n".join(lines) + "\n")


HEADER = """\
# More common given names, one per line: those of the Python faker package
# that rules/names/given-names.txt (faker-js) does not hold.
#
# Source: the first-name lists (`first_names*`, `first_romanized_names*`) of
# faker 40.63.0 (PyPI), locales
{locales}
# Kept: Latin-script names (romanized ones too; "CHIA-HAO" as "Chia-Hao");
# left out: names that are also lowercase English words in Debian's
# wamerican 2020.12.07 list. Sorted by the folded key (lower case, no
# diacritics); `exact` marks a name whose folded key is an English word.
# Made by rules/names/generate.py.
#
# Faker - Copyright (c) 2012 Daniele Faraglia. MIT licence:
#
# Permission is hereby granted, free of charge, to any person obtaining a copy
# of this software and associated documentation files (the "Software"), to
# deal in the Software without restriction, including without limitation the
# rights to use, copy, modify, merge, publish, distribute, sublicense, and/or
# sell copies of the Software, and to permit persons to whom the Software is
# furnished to do so, subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in
# all copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
# FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
# AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
# LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING
# FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
# IN THE SOFTWARE.
"""

if __name__ == "__main__":
    main()
