import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apkAnalyzer } from './analyzer.js';
import type { Package } from '../../core/types.js';
import { finalizeOsPackages } from '../os/finalize.js';

const td = join(dirname(fileURLToPath(import.meta.url)), 'testdata');
const PATH = 'lib/apk/db/installed';

function analyze(file: string, layer?: string) {
  const content = readFileSync(join(td, file));
  assert.ok(apkAnalyzer.wants(PATH, { size: content.length, mode: 0o644 }));
  const r = apkAnalyzer.analyze({ path: PATH, size: content.length, mode: 0o644, content, layer });
  assert.ok(r && !(r instanceof Promise));
  return r;
}

const row = (p: Package) => [p.name, p.version, p.arch ?? '', p.source?.name ?? '', p.licenses.join(' '), String(p.files?.length ?? 0)].join('\t');
const tsv = (file: string) => readFileSync(join(td, file), 'utf8').split('\n').filter(Boolean).sort();

test('every fixture: exact package set (name, version, arch, origin, licence, file count)', () => {
  for (const dir of ['snyk-alpine_2_6_6', 'snyk-alpine_3_7_0', 'syft-multiple-1', 'syft-multiple-2', 'trivy']) {
    const r = analyze(`${dir}/installed`);
    assert.deepEqual(r.packages!.map(row).sort(), tsv(`${dir}/installed.awk.tsv`), dir);
    if (dir !== 'trivy') assert.equal(r.warnings, undefined, dir);
  }
  // Trivy's fixture holds one entry without V: skipped, with a warning naming file and line.
  const line = readFileSync(join(td, 'trivy/installed'), 'utf8').split('\n').findIndex((l) => l === 'P:invalidPackageWithoutAVersion');
  assert.deepEqual(analyze('trivy/installed').warnings, [
    { what: 'apk package "invalidPackageWithoutAVersion" has no version', where: `${PATH}:${line + 1}` },
  ]);
});

test("Alpine 2.6: names, versions and origins match snyk-docker-plugin's expected analysis", () => {
  const expect = JSON.parse(readFileSync(join(td, 'snyk-alpine_2_6_6/analyzer-expect.json'), 'utf8'));
  const apk = expect.results.find((r: { AnalyzeType: string }) => r.AnalyzeType === 'Apk').Analysis as { Name: string; Version: string; Source: string }[];
  const r = analyze('snyk-alpine_2_6_6/installed');
  assert.deepEqual(
    r.packages!.map((p) => [p.name, p.version, p.source!.name]).sort(),
    apk.map((a) => [a.Name, a.Version, a.Source]).sort(),
  );
});

test('files: F directory joined with each R file, relative paths', () => {
  const r = analyze('snyk-alpine_2_6_6/installed', 'sha256:l1');
  const busybox = r.packages!.find((p) => p.name === 'busybox')!;
  assert.deepEqual(busybox.files, ['bin/bbsuid', 'bin/busybox', 'bin/sh']);
  assert.deepEqual(busybox.licenses, ['GPL-2']);
  assert.deepEqual(busybox.locations, [{ path: PATH, line: busybox.locations[0].line, layer: 'sha256:l1' }]);
  const libc = r.packages!.find((p) => p.name === 'libc')!;
  assert.deepEqual(libc.source, { name: 'libc0.9.32', version: '0.9.33.2-r22' });
  assert.equal(libc.files!.length, 16);
  assert.ok(libc.files!.every((f) => f.startsWith('lib/') && !f.startsWith('/')));
});

test('a corrupt database keeps the well-formed entries and warns with file and line', () => {
  const r = analyze('syft-corrupt/installed');
  assert.deepEqual(r.packages!.map(row).sort(), tsv('syft-corrupt/installed.awk.tsv'));
  assert.deepEqual(r.warnings, [{ what: 'apk installed database has lines that are not "X:value"', where: 'lib/apk/db/installed:1' }]);
  const empty = apkAnalyzer.analyze({ path: PATH, size: 0, mode: 0o644, content: Buffer.from('garbage\x00\x01') }) as { packages: Package[]; warnings: unknown[] };
  assert.deepEqual(empty.packages, []);
  assert.equal(empty.warnings.length, 2);
});

test('wants the DB at lib/apk/db and, for usr-merged Wolfi/Chainguard, at usr/lib/apk/db', () => {
  assert.ok(apkAnalyzer.wants('usr/lib/apk/db/installed', { size: 1, mode: 0o644 }));
  assert.equal(apkAnalyzer.wants('lib/apk/db/installed.new', { size: 1, mode: 0o644 }), false);
  assert.equal(apkAnalyzer.wants('var/lib/apk/db/installed', { size: 1, mode: 0o644 }), false);
});

test('finalizeOsPackages: Alpine ecosystem, apk PURL with arch and bare distro version', () => {
  const r = analyze('trivy/installed');
  const fin = finalizeOsPackages(r.packages!, { family: 'alpine', version: '3.19.1' });
  const musl = fin.find((p) => p.name === 'musl')!;
  assert.equal(musl.ecosystem, 'Alpine');
  assert.equal(musl.purl, `pkg:apk/alpine/musl@${musl.version}?arch=x86_64&distro=3.19.1`);
  const wolfi = finalizeOsPackages(r.packages!.slice(0, 1), { family: 'wolfi', version: '20230201' });
  assert.equal(wolfi[0].ecosystem, 'Wolfi');
  assert.match(wolfi[0].purl, /^pkg:apk\/wolfi\//);
});
