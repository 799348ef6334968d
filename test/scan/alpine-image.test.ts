import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import type { ScanResult } from '../../src/core/types.js';
import { fixture, tempDir } from '../helpers.js';

/**
 * The reference answer for an Alpine image comes from its own package DB, read with plain
 * tar + awk (no Coastguard code): name, version and origin of every installed package.
 */
function apkOracle(imageTar: string, layerPath: string, work: string): string[] {
  execFileSync('tar', ['xf', imageTar, '-C', work, layerPath]);
  const installed = execFileSync('sh', ['-c', `tar xOf '${join(work, layerPath)}' lib/apk/db/installed | awk -F: '/^P:/{p=$2} /^V:/{v=$2} /^o:/{o=$2} /^$/{if(p) print p" "v" "o; p=""} END{if(p) print p" "v" "o}'`], { encoding: 'utf8' });
  return installed.trim().split('\n').sort();
}

async function scan(input: string, work: string): Promise<ScanResult> {
  const out = join(work, 'r.json');
  const { code, stderr } = await runCli(['image', '--input', input, '--format', 'json', '--output', out, '--cache-dir', join(work, 'cache'), '--scanners', 'misconfig']);
  assert.equal(code, 0, stderr);
  return JSON.parse(readFileSync(out, 'utf8'));
}

test('alpine 3.14 (containerd export: docker-archive + OCI layout in one tar): apk packages equal the DB', async () => {
  const work = tempDir();
  const input = fixture('images/snyk/alpine-3.14.tar');
  const manifest = JSON.parse(execFileSync('tar', ['xOf', input, 'manifest.json'], { encoding: 'utf8' }));
  const expected = apkOracle(input, manifest[0].Layers[0], work);
  const r = await scan(input, work);
  assert.deepEqual(r.packages.map((p) => `${p.name} ${p.version} ${p.source?.name}`).sort(), expected);
  assert.equal(r.artifact.os?.family, 'alpine');
  assert.equal(r.artifact.os?.version, '3.14.9'); // etc/alpine-release
  assert.ok(r.packages.every((p) => p.ecosystem === 'Alpine' && p.purl.startsWith('pkg:apk/alpine/') && p.purl.includes('distro=3.14.9')));
  const ssl = r.packages.find((p) => p.name === 'libssl1.1')!;
  assert.deepEqual(ssl.source, { name: 'openssl', version: ssl.version });
});

test('alpine 3.10 from a gzip-compressed docker save: apk packages equal the DB', async () => {
  const work = tempDir();
  const input = fixture('images/trivy/alpine-310.tar.gz');
  execFileSync('sh', ['-c', `zcat '${input}' > '${join(work, 'img.tar')}'`]);
  const manifest = JSON.parse(execFileSync('tar', ['xOf', join(work, 'img.tar'), 'manifest.json'], { encoding: 'utf8' }));
  const expected = apkOracle(join(work, 'img.tar'), manifest[0].Layers[0], work);
  const r = await scan(input, work);
  assert.deepEqual(r.packages.map((p) => `${p.name} ${p.version} ${p.source?.name}`).sort(), expected);
  assert.equal(r.artifact.os?.version, '3.10.4');
  assert.equal(r.packages.length, 14);
});
