import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { repoRoot, tempDir } from '../helpers.js';

const work = tempDir('cg-sbom-');
const run = runCli;
const ids = (file: string) =>
  (JSON.parse(readFileSync(file, 'utf8')).findings as { id: string; package: { name: string; version: string } }[])
    .map((f) => `${f.package.name}@${f.package.version} ${f.id}`)
    .sort();

test('an SBOM written by the image scan (CycloneDX and SPDX) gives the same vulnerabilities as the image', async () => {
  const db = join(work, 'sample.db');
  const image = join(repoRoot, 'samples/debian13-sample.tar');
  assert.equal((await run(['db', 'build', '--output', db, join(repoRoot, 'samples/debian-security-tracker.json')])).code, 0);
  const direct = join(work, 'direct.json');
  assert.equal((await run(['image', '--input', image, '--db', db, '--scanners', 'vuln', '--format', 'json', '--output', direct, '--format', 'cyclonedx', '--output', join(work, 'bom.cdx.json'), '--format', 'spdx-json', '--output', join(work, 'bom.spdx.json')])).code, 0);
  const expected = ids(direct);
  assert.equal(expected.length, 72);
  for (const bom of ['bom.cdx.json', 'bom.spdx.json']) {
    const out = join(work, `${bom}.result.json`);
    const r = await run(['sbom', join(work, bom), '--db', db, '--format', 'json', '--output', out]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(ids(out), expected, bom);
    const res = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(res.artifact.type, 'sbom');
    assert.equal(res.artifact.os.family, 'debian');
  }
});

test('a file that is not an SBOM, or no DB, is a clear error', async () => {
  const junk = join(work, 'junk.json');
  writeFileSync(junk, '{"hello": 1}');
  let r = await run(['sbom', junk, '--db', join(work, 'sample.db')]);
  assert.equal(r.code, 3);
  assert.equal(r.stderr.trim(), `coastguard: not a CycloneDX or SPDX JSON document: ${junk}`);
  r = await run(['sbom', join(work, 'bom.cdx.json'), '--db', join(work, 'absent.db')]);
  assert.equal(r.code, 4);
});

test("a Trivy-written CycloneDX SBOM: every purl'd component, Trivy's source-package properties, the OS", async () => {
  const { readSbom } = await import('../../src/source/sbom.js');
  const { fixture } = await import('../helpers.js');
  const r = readSbom(fixture('sbom/trivy-bom.json'));
  assert.deepEqual(r.os, { family: 'alpine', version: '3.16.0' });
  assert.deepEqual(r.packages.map((p) => `${p.ecosystem} ${p.name}@${p.version}${p.source ? ` src=${p.source.name}@${p.source.version}` : ''}`), [
    'Alpine musl@1.2.3-r0 src=musl@1.2.3-r0',
    'Maven org.codehaus.mojo:child-project@1.0',
    'npm bootstrap@5.0.2',
    'Packagist pear/log@1.13.1',
    'Packagist pear/pear_exception@v1.0.0',
    'Go github.com/package-url/packageurl-go@v0.1.1-0.20220203205134-d70459300c8a',
  ]);
});
