#!/usr/bin/env node
// Regenerates dpkg-pairs.tsv: real Debian/Ubuntu version pairs and dpkg's own verdict on each.
// Run from the repository root with the shared data beside it: node src/versions/testdata/generate-dpkg-pairs.mjs [DATA_DIR]
// Sources (see NOTICE.md): dpkg status databases and Debian security tracker data in ../shared/data.
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const data = process.argv[2] ?? '../shared/data';
const byPkg = new Map(); // package name -> Set(version)
const add = (pkg, v) => {
  if (!v || /\s/.test(v)) return;
  if (!byPkg.has(pkg)) byPkg.set(pkg, new Set());
  byPkg.get(pkg).add(v);
};

const statusFiles = [
  'advisories/debian/derived-trixie/rootfs/var/lib/dpkg/status',
  'images/snyk-docker-plugin/test/fixtures/os/ubuntu_10_04/fs/var/lib/dpkg/status',
  'pkgdb/generated-debian-bookworm-minbase/rootfs-metadata/var/lib/dpkg/status',
  'pkgdb/syft/syft/pkg/cataloger/debian/testdata/image-dpkg/var/lib/dpkg/status',
  'pkgdb/syft/cmd/syft/internal/test/integration/testdata/image-pkg-coverage/pkgs/var/lib/dpkg/status',
  'pkgdb/grype/test/integration/testdata/image-debian-match-coverage/var/lib/dpkg/status',
];
for (const f of statusFiles) {
  for (const para of readFileSync(join(data, f), 'utf8').split(/\n\n+/)) {
    const name = /^Package: (\S+)/m.exec(para)?.[1];
    const version = /^Version: (\S+)/m.exec(para)?.[1];
    if (!name || !version) continue;
    add(name, version);
    const src = /^Source: (\S+)(?: \((\S+)\))?/m.exec(para);
    if (src) add(src[1], src[2] ?? version);
  }
}
// Security tracker records: fixed versions and the versions in each release's repositories.
const walkJson = (node, pkg) => {
  if (Array.isArray(node)) return node.forEach((x) => walkJson(x, pkg));
  if (!node || typeof node !== 'object') return;
  const p = node.Package ?? node.package ?? pkg;
  for (const [k, v] of Object.entries(node)) {
    if (typeof v === 'string' && /^(fixed_version|Version)$/.test(k) && /^\d/.test(v)) add(p ?? '?', v);
    else if (k === 'repositories' && v && typeof v === 'object') for (const r of Object.values(v)) add(p ?? '?', r);
    else walkJson(v, p);
  }
};
const trackerFiles = [];
const walk = (d) => {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p);
    else if (n.endsWith('.json')) trackerFiles.push(p);
  }
};
walk(join(data, 'advisories/debian/vuln-list-debian-subset/tracker'));
for (const f of trackerFiles) walkJson(JSON.parse(readFileSync(f, 'utf8')));
const tracker = JSON.parse(readFileSync(join(data, 'advisories/debian/derived-trixie/debian-security-tracker.json'), 'utf8'));
for (const [pkg, cves] of Object.entries(tracker)) walkJson(cves, pkg);
const vunnel = JSON.parse(readFileSync(join(data, 'advisories/vunnel-fixtures/tests/unit/providers/debian/test-fixtures/input/debian.json'), 'utf8'));
for (const [pkg, cves] of Object.entries(vunnel)) walkJson(cves, pkg);

// dpkg's verdict; versions dpkg warns about (or rejects) are left out.
const dpkgOk = new Map();
const valid = (v) => {
  if (!dpkgOk.has(v)) {
    const r = spawnSync('dpkg', ['--compare-versions', v, 'eq', v], { encoding: 'utf8' });
    dpkgOk.set(v, r.status === 0 && r.stderr === '');
  }
  return dpkgOk.get(v);
};
const verdict = (a, b) => {
  if (spawnSync('dpkg', ['--compare-versions', a, 'lt', b]).status === 0) return -1;
  return spawnSync('dpkg', ['--compare-versions', a, 'eq', b]).status === 0 ? 0 : 1;
};

const seen = new Set();
const pairs = [];
const push = (a, b) => {
  const k = a + '\t' + b;
  if (a === b || seen.has(k) || seen.has(b + '\t' + a) || !valid(a) || !valid(b)) return;
  seen.add(k);
  pairs.push([a, b]);
};
// 1. Versions of the same package across releases and advisories: the comparisons a scanner makes.
for (const set of byPkg.values()) {
  const vs = [...set];
  for (let i = 0; i < vs.length; i++) for (let j = i + 1; j < vs.length; j++) push(vs[i], vs[j]);
}
// 2. Neighbours in byte order: near-identical strings (suffixes, tildes, epochs) side by side.
const all = [...new Set([...byPkg.values()].flatMap((s) => [...s]))].sort();
for (let i = 0; i + 1 < all.length; i++) push(all[i], all[i + 1]);
// 3. Deterministic pseudo-random pairs (a fixed LCG) over everything.
let seed = 20261125;
const rnd = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
while (pairs.length < 4000) push(all[rnd(all.length)], all[rnd(all.length)]);

const lines = pairs.map(([a, b]) => `${a}\t${b}\t${verdict(a, b)}`);
writeFileSync(new URL('./dpkg-pairs.tsv', import.meta.url), lines.join('\n') + '\n');
console.log(`${all.length} distinct versions, ${pairs.length} pairs written`);
