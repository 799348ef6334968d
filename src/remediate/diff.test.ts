import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../test/helpers.js';
import { runCli } from '../../test/support/cli.js';
import { testImage } from '../../test/support/test-images.js';
import type { ScanResult } from '../core/types.js';
import { diffScans, type ImageDiff } from './diff.js';

// Two real images built by scripts/build-test-images.sh: debian-layers, and the same four layers
// plus one that installs, removes and upgrades packages. Ground truth: dpkg-query inside each.
const oldDir = testImage('debian-layers');
// One layer cache for the file: each test reads the same layers.
const cache = join(tempDir('cg-diff-cache-'), 'cache');
const newDir = testImage('debian-layers-next');

interface Row {
  name: string;
  version: string;
  source: string;
  sourceVersion: string;
}
const dpkg = (dir: string): Map<string, Row> =>
  new Map(
    readFileSync(join(dir, 'expected-dpkg.tsv'), 'utf8').trim().split('\n').map((l) => {
      const [name, version, , source, sourceVersion] = l.split('\t');
      return [name, { name, version, source: source || name, sourceVersion: sourceVersion || version }];
    }),
  );
const before = dpkg(oldDir);
const after = dpkg(newDir);
const truth = {
  added: [...after.keys()].filter((n) => !before.has(n)).sort(),
  removed: [...before.keys()].filter((n) => !after.has(n)).sort(),
  changed: [...after.values()].filter((p) => before.has(p.name) && before.get(p.name)!.version !== p.version)
    .map((p) => ({ name: p.name, from: before.get(p.name)!.version, to: p.version })).sort((a, b) => a.name.localeCompare(b.name)),
};

/** Sum of the layer blob sizes the OCI layout's manifest records. */
function layoutSize(dir: string): number {
  const layout = join(dir, 'oci-layout');
  const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8'));
  const blob = (d: string) => JSON.parse(readFileSync(join(layout, 'blobs', 'sha256', d.slice('sha256:'.length)), 'utf8'));
  return blob(index.manifests[0].digest).layers.reduce((n: number, l: { size: number }) => n + l.size, 0);
}

/**
 * A tracker-format feed made from the ground truth: every source whose version changed gets an
 * advisory fixed at its new version (fixed by the upgrade), every added package an open one.
 */
function feedFromTruth(): { file: string; fixed: string[]; introduced: string[] } {
  const feed: Record<string, Record<string, unknown>> = {};
  const fixed: string[] = [];
  const introduced: string[] = [];
  let n = 0;
  const cve = () => `CVE-2099-${String(++n).padStart(4, '0')}`;
  for (const c of truth.changed) {
    const p = after.get(c.name)!;
    const id = cve();
    feed[p.source] = { [id]: { description: '', scope: 'local', releases: { bookworm: { status: 'resolved', fixed_version: p.sourceVersion, urgency: 'high', repositories: {} } } } };
    for (const b of after.values()) if (b.source === p.source) fixed.push(`${id} ${b.name}`);
  }
  for (const name of truth.added) {
    const p = after.get(name)!;
    const id = cve();
    feed[p.source] = { [id]: { description: '', scope: 'local', releases: { bookworm: { status: 'open', urgency: 'medium', repositories: {} } } } };
    for (const b of after.values()) if (b.source === p.source) introduced.push(`${id} ${b.name}`);
  }
  const file = join(tempDir('cg-diff-feed-'), 'feed.json');
  writeFileSync(file, JSON.stringify(feed));
  return { file, fixed: fixed.sort(), introduced: introduced.sort() };
}

test('the fixture really differs: packages added, removed and upgraded between the two builds', () => {
  assert.ok(truth.added.length > 0 && truth.removed.length > 0 && truth.changed.length > 0, JSON.stringify(truth));
});

test('diff OLD.tar NEW.tar: exactly the Debian packages dpkg says were added, removed and changed; layers and size', async () => {
  const dir = tempDir('cg-diff-');
  const feed = feedFromTruth();
  const db = join(dir, 'vuln.db');
  assert.equal((await runCli(['db', 'build', '--output', db, feed.file])).code, 0);
  const r = await runCli(['diff', join(oldDir, 'image.docker.tar'), join(newDir, 'oci-layout'), '--db', db, '--format', 'json', '--cache-dir', cache, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const d = JSON.parse(r.stdout) as ImageDiff;
  assert.deepEqual(d.packages.added.map((p) => p.name), truth.added);
  assert.deepEqual(d.packages.added.map((p) => p.version), truth.added.map((n) => after.get(n)!.version));
  assert.deepEqual(d.packages.removed.map((p) => p.name), truth.removed);
  assert.deepEqual(d.packages.removed.map((p) => p.version), truth.removed.map((n) => before.get(n)!.version));
  assert.deepEqual(d.packages.changed.map(({ name, from, to }) => ({ name, from, to })), truth.changed);
  assert.ok(d.packages.changed.every((c) => c.direction === 'upgrade'));
  assert.deepEqual(d.findings.fixed.map((f) => `${f.id} ${f.package}`).sort(), feed.fixed);
  assert.deepEqual(d.findings.introduced.map((f) => `${f.id} ${f.package}`).sort(), feed.introduced);
  // docker-archive and OCI layout of the same image content share diffIDs.
  assert.equal(d.layers.shared.length, 4);
  assert.equal(d.layers.new.length, 1);
  assert.equal(d.layers.removed.length, 0);

  // Both sides as OCI archives: sizes are the compressed layer blobs the manifests list.
  const oci = await runCli(['diff', join(oldDir, 'image.oci.tar'), join(newDir, 'image.oci.tar'), '--db', db, '--format', 'json', '--cache-dir', cache, '--quiet']);
  const od = JSON.parse(oci.stdout) as ImageDiff;
  assert.deepEqual(od.size, { old: layoutSize(oldDir), new: layoutSize(newDir), change: layoutSize(newDir) - layoutSize(oldDir) });

  // Gate on introduced findings; nothing introduced at the severities asked for: exit 0.
  const gated = await runCli(['diff', join(oldDir, 'image.oci.tar'), join(newDir, 'image.oci.tar'), '--db', db, '--exit-code', '9', '--cache-dir', cache, '--quiet']);
  assert.equal(gated.code, 9);
  assert.match(gated.stdout, new RegExp(`Packages: ${truth.added.length} added, ${truth.removed.length} removed, ${truth.changed.length} changed`));
  assert.match(gated.stdout, /^ {2}\+ less /m);
  const high = await runCli(['diff', join(oldDir, 'image.oci.tar'), join(newDir, 'image.oci.tar'), '--db', db, '--exit-code', '9', '--severity', 'HIGH,CRITICAL', '--cache-dir', cache, '--quiet']);
  assert.equal(high.code, 0, high.stdout);
});

test('diff: bad input is one line and exit 3; wrong arguments exit 2', async () => {
  const missing = await runCli(['diff', '/nonexistent/old.tar', join(newDir, 'image.oci.tar'), '--quiet']);
  assert.equal(missing.code, 3, missing.stderr);
  assert.equal(missing.stderr.trim().split('\n').length, 1);
  assert.match(missing.stderr, /^coastguard: /);
  assert.equal((await runCli(['diff', join(newDir, 'image.oci.tar')])).code, 2);
});

test('the same image in two forms (docker-archive, OCI layout): nothing added, removed or changed, every layer shared', async () => {
  const r = await runCli(['diff', join(oldDir, 'image.docker.tar'), join(oldDir, 'oci-layout'), '--format', 'json', '--cache-dir', cache, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const d = JSON.parse(r.stdout) as ImageDiff;
  assert.deepEqual(d.packages, { added: [], removed: [], changed: [] });
  assert.deepEqual(d.findings, { fixed: [], introduced: [] });
  assert.equal(d.layers.shared.length, 4);
  assert.deepEqual([d.layers.new, d.layers.removed], [[], []]);
});

test('multi-arch: a second architecture of one package dropped is one removal, the other arch unchanged', async () => {
  const r = await runCli(['image', '--input', join(oldDir, 'oci-layout'), '--scanners', 'misconfig', '--format', 'json', '--cache-dir', cache, '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const scan = JSON.parse(r.stdout) as ScanResult;
  const libc = scan.packages.find((p) => p.name === 'libc6')!;
  const i386 = { ...libc, arch: 'i386', purl: libc.purl.replace('arch=amd64', 'arch=i386') };
  const withI386 = { ...scan, packages: [...scan.packages, i386] };
  const d = diffScans(withI386, scan);
  assert.deepEqual(d.packages.removed.map((p) => `${p.name}:${p.arch}`), ['libc6:i386']);
  assert.deepEqual([d.packages.added, d.packages.changed], [[], []]);
  assert.deepEqual(diffScans(scan, withI386).packages.added.map((p) => `${p.name}:${p.arch}`), ['libc6:i386']);
});
