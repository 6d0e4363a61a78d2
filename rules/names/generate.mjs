// Writes given-names.txt: the first-name lists of @faker-js/faker (MIT) for
// every locale, Latin script only, minus every name that is also a lowercase
// English word in Debian's `wamerican` list (so "Will", "Mark", "Page" are
// left out: a word like that is no evidence of a person). Sorted by the
// folded key (`fold`, the same as pmlint's `names::fold`); a name whose key
// is an English word ("Léa") is marked `<TAB>exact`.
//
//   npm pack @faker-js/faker@10.6.0 && tar xzf faker-js-faker-10.6.0.tgz
//   apt-get install wamerican
//   node rules/names/generate.mjs package/dist/index.js > rules/names/given-names.txt
import * as fs from 'node:fs';

const faker = await import(process.argv[2]);
const words = new Set(
  fs.readFileSync('/usr/share/dict/american-english', 'utf8').split('\n').filter((w) => w && w === w.toLowerCase()),
);
const SPECIAL = { ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', æ: 'ae', œ: 'oe', ß: 'ss', ı: 'i', ə: 'e', ħ: 'h', ŧ: 't', ŋ: 'n', '’': "'" };
const fold = (s) => [...s.toLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '')].map((c) => SPECIAL[c] ?? c).join('');
const latin = /^\p{Script=Latin}[\p{Script=Latin}'’-]*$/u;
const names = new Set();
const locales = [];
for (const key of Object.keys(faker).filter((k) => /^[a-z]{2,3}(_[A-Za-z_]+)?$/.test(k)).sort()) {
  const first = faker[key]?.person?.first_name;
  if (!first) continue;
  const lists = Array.isArray(first) ? [first] : Object.values(first);
  let n = 0;
  for (const list of lists) {
    for (const entry of list) {
      for (const part of entry.split(/\s+/)) {
        if (part.length < 2 || !latin.test(part) || words.has(part.toLowerCase())) continue;
        names.add(part);
        n++;
      }
    }
  }
  if (n > 0) locales.push(key);
}
const wrap = (items) => {
  const lines = [];
  let line = '#';
  for (const item of items) {
    if ((line + ' ' + item).length > 78) {
      lines.push(line);
      line = '#';
    }
    line += ' ' + item;
  }
  return [...lines, line].join('\n');
};
const header = `# Common given names in many languages, one per line: evidence that a
# capitalized word in a sentence names a person ("Renata skipped the canary").
#
# Source: the first-name lists of @faker-js/faker 10.6.0 (npm), locales
${wrap(locales.map((l, i) => l + (i + 1 < locales.length ? ',' : '.')))}
# Kept: Latin-script names; left out: names that are also lowercase English
# words in Debian's wamerican 2020.12.07 list ("Will", "Mark", "Page").
# Sorted by the folded key (lower case, no diacritics); \`exact\` marks a
# name whose folded key is an English word. Made by rules/names/generate.mjs.
#
# Faker - Copyright (c) 2022-2025 (faker-js contributors); faker.js -
# Copyright (c) 2011-2020 Marak Squires. MIT licence:
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
`;
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
const lines = [...names]
  .map((n) => [fold(n), n])
  .sort((a, b) => cmp(a[0], b[0]) || cmp(a[1], b[1]))
  .map(([k, n]) => (k !== n.toLowerCase() && words.has(k) ? `${n}\texact` : n));
process.stdout.write(header + lines.join('\n') + '\n');
