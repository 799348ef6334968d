#!/usr/bin/env node
// Regenerates rpm-pairs.tsv: real rpm EVRs (from `rpm -qa` listings of real images) paired, with
// rpm's own verdict from rpm.vercmp (one `rpm --eval` run for all pairs).
// Run from the repository root: node src/versions/testdata/generate-rpm-pairs.mjs [DATA_DIR]
import { readFileSync, writeFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';

const data = process.argv[2] ?? '../shared/data';
const root = join(data, 'pkgdb/go-rpmdb/pkg/testdata');
const byName = new Map();
for (const dir of readdirSync(root)) {
  let text;
  try { text = readFileSync(join(root, dir, 'packages.csv'), 'utf8'); } catch { continue; }
  for (const line of text.split('\n')) {
    const [epoch, name, version, release] = line.split('¶');
    if (!name || !version || !release) continue;
    const evr = `${epoch ? epoch + ':' : ''}${version}-${release}`;
    if (!byName.has(name)) byName.set(name, new Set());
    byName.get(name).add(evr);
  }
}
const all = [...new Set([...byName.values()].flatMap((s) => [...s]))].sort();
const seen = new Set();
const pairs = [];
const push = (a, b) => {
  if (a === b || seen.has(a + '\t' + b) || seen.has(b + '\t' + a)) return;
  seen.add(a + '\t' + b);
  pairs.push([a, b]);
};
for (const set of byName.values()) {
  const vs = [...set];
  for (let i = 0; i < vs.length; i++) for (let j = i + 1; j < vs.length; j++) push(vs[i], vs[j]);
}
for (let i = 0; i + 1 < all.length; i++) push(all[i], all[i + 1]);
let seed = 20261125;
const rnd = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
while (pairs.length < 3000) push(all[rnd(all.length)], all[rnd(all.length)]);

const dir = mkdtempSync(join(tmpdir(), 'rpm-pairs-'));
const input = join(dir, 'pairs.tsv');
writeFileSync(input, pairs.map((p) => p.join('\t')).join('\n') + '\n');
// Tabs and newlines are written with string.char so that no escape passes through macro expansion.
const lua = `%{lua: local T, N = string.char(9), string.char(10); local out = {}; for line in io.lines("${input}") do local a, b = line:match("([^" .. T .. "]+)" .. T .. "(.+)"); out[#out + 1] = a .. T .. b .. T .. rpm.vercmp(a, b) end; print(table.concat(out, N))}`;
const r = spawnSync('rpm', ['--eval', lua], { encoding: 'utf8', maxBuffer: 1 << 26 });
if (r.status !== 0) throw new Error(r.stderr);
writeFileSync(new URL('./rpm-pairs.tsv', import.meta.url), r.stdout.trimEnd() + '\n');
console.log(`${all.length} distinct EVRs, ${pairs.length} pairs written`);
