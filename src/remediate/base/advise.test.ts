import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, tempDir } from '../../../test/helpers.js';
import { runCli, runCliAs } from '../../../test/support/cli.js';
import { startRegistry, type TestRegistry } from '../../../test/support/registry.js';
import { testImage } from '../../../test/support/test-images.js';
import { resolveRemote } from '../../source/registry/pull.js';
import type { BaseAdvice } from '../../core/types.js';

// A real registry holding the project's images under several tags of one repository:
//   cg/debian:12.5-slim, 12-slim  = debian-layers (the stale base)
//   cg/debian:12.6-slim, 12.7     = debian-layers-next (bookworm-security upgrades, less added)
//   cg/debian:13.0-slim           = the bundled Debian 13 sample (another major)
// and cg/app:1.0 = debian-layers plus one layer, built here with umoci; cg/app:1.1 the same with
// the OCI base-image labels.
const oldDir = testImage('debian-layers');
const newDir = testImage('debian-layers-next');
const amd64 = { os: 'linux', architecture: 'amd64' };
let reg: TestRegistry;
let work: string;
let H: string;
let db: string;
let feed: { fixed: string[]; introduced: string[] };

const dpkgRows = (dir: string) =>
  readFileSync(join(dir, 'expected-dpkg.tsv'), 'utf8').trim().split('\n').map((l) => l.split('\t')).map(([name, version, , source, sv]) => ({ name, version, source: source || name, sv: sv || version }));

before(async () => {
  work = tempDir('cg-base-');
  reg = await startRegistry(join(work, 'registry'));
  H = reg.host;
  await reg.push(`oci:${join(oldDir, 'oci-layout')}:debian-layers`, 'cg/debian:12.5-slim');
  await reg.push(`oci:${join(oldDir, 'oci-layout')}:debian-layers`, 'cg/debian:12-slim');
  await reg.push(`oci:${join(newDir, 'oci-layout')}:debian-layers-next`, 'cg/debian:12.6-slim');
  await reg.push(`oci:${join(newDir, 'oci-layout')}:debian-layers-next`, 'cg/debian:12.7');
  await reg.push(`docker-archive:${join(repoRoot, 'samples', 'debian13-sample.tar')}`, 'cg/debian:13.0-slim');

  // The application image: FROM debian-layers + one layer of its own.
  const layout = join(work, 'app');
  execFileSync('skopeo', ['copy', '--quiet', `oci:${join(oldDir, 'oci-layout')}:debian-layers`, `oci:${layout}:app`]);
  mkdirSync(join(work, 'layer', 'app'), { recursive: true });
  writeFileSync(join(work, 'layer', 'app', 'hello.txt'), 'hello\n');
  execFileSync('tar', ['-C', join(work, 'layer'), '-cf', join(work, 'layer.tar'), 'app']);
  execFileSync('umoci', ['raw', 'add-layer', '--image', `${layout}:app`, join(work, 'layer.tar')]);
  await reg.push(`oci:${layout}:app`, 'cg/app:1.0');
  const baseDigest = (await resolveRemote(`${H}/cg/debian:12.5-slim`, { platform: amd64, credentials: { username: reg.user, password: reg.password } })).topDigest;
  execFileSync('umoci', ['config', '--image', `${layout}:app`, '--tag', 'app2',
    '--config.label', `org.opencontainers.image.base.name=${H}/cg/debian:12.5-slim`, '--config.label', `org.opencontainers.image.base.digest=${baseDigest}`]);
  await reg.push(`oci:${layout}:app2`, 'cg/app:1.1');

  // A tracker-format feed from dpkg's ground truth: each upgraded source is fixed at its new
  // version; the package the new base adds has an open advisory.
  const before_ = new Map(dpkgRows(oldDir).map((r) => [r.name, r]));
  const json: Record<string, Record<string, unknown>> = {};
  feed = { fixed: [], introduced: [] };
  let n = 0;
  for (const r of dpkgRows(newDir)) {
    const was = before_.get(r.name);
    if (json[r.source]) continue;
    if (was && was.version !== r.version) {
      const id = `CVE-2099-${String(++n).padStart(4, '0')}`;
      json[r.source] = { [id]: { description: '', scope: 'local', releases: { bookworm: { status: 'resolved', fixed_version: r.sv, urgency: 'high', repositories: {} } } } };
      feed.fixed.push(id);
    } else if (!was) {
      const id = `CVE-2099-${String(++n).padStart(4, '0')}`;
      json[r.source] = { [id]: { description: '', scope: 'local', releases: { bookworm: { status: 'open', urgency: 'medium', repositories: {} } } } };
      feed.introduced.push(id);
    }
  }
  writeFileSync(join(work, 'feed.json'), JSON.stringify(json));
  db = join(work, 'vuln.db');
  assert.equal((await runCli(['db', 'build', '--output', db, join(work, 'feed.json')])).code, 0);
});
after(async () => reg?.stop());

async function advice(...extra: string[]): Promise<BaseAdvice> {
  const r = await runCliAs(reg.user, reg.password, ['image', ...extra, '--check-base', '--scanners', 'vuln', '--db', db, '--format', 'json', '--cache-dir', join(work, 'cache'), '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const a = JSON.parse(r.stdout).baseAdvice as BaseAdvice;
  assert.ok(a, r.stdout.slice(0, 2000));
  return a;
}

const digest = async (tag: string) => (await resolveRemote(`${H}/cg/debian:${tag}`, { platform: amd64, credentials: { username: reg.user, password: reg.password } })).topDigest;

test('base found by its layers; same flavour and major only; FROM line of the tag that fixes most', async () => {
  assert.ok(feed.fixed.length > 0 && feed.introduced.length > 0);
  const a = await advice(`${H}/cg/app:1.0`, '--base', `${H}/cg/debian`);
  assert.equal(a.base.name, `${H}/cg/debian:12.5-slim`);
  assert.equal(a.base.foundBy, 'layers');
  assert.equal(a.base.digest, await digest('12.5-slim'));
  assert.equal(a.base.findings, feed.fixed.length);
  // 12.7 is another flavour, 13.0-slim another major, 12-slim another precision.
  assert.deepEqual(a.candidates.map((c) => c.tag), ['12.6-slim']);
  const c = a.candidates[0];
  assert.deepEqual(c.fixed, feed.fixed.sort());
  assert.deepEqual(c.introduced, feed.introduced.sort());
  assert.equal(c.score, feed.fixed.length - feed.introduced.length);
  assert.deepEqual(a.recommended, { from: `FROM ${H}/cg/debian:12.6-slim@${await digest('12.6-slim')}`, tag: '12.6-slim', fixes: feed.fixed.sort() });
});

test('--base-major: the next major is offered and ranks first when it fixes more; table shows the FROM line', async () => {
  const a = await advice(`${H}/cg/app:1.0`, '--base', `${H}/cg/debian`, '--base-major');
  assert.deepEqual(a.candidates.map((c) => c.tag), ['13.0-slim', '12.6-slim']);
  assert.equal(a.candidates[0].introduced.length, 0);
  assert.equal(a.recommended?.from, `FROM ${H}/cg/debian:13.0-slim@${await digest('13.0-slim')}`);
  const table = await runCliAs(reg.user, reg.password, ['image', `${H}/cg/app:1.0`, '--check-base', '--base', `${H}/cg/debian`, '--scanners', 'vuln', '--db', db, '--cache-dir', join(work, 'cache'), '--quiet']);
  assert.match(table.stdout, new RegExp(`Base image: ${H}/cg/debian:12\\.5-slim \\(found by its layers`));
  assert.match(table.stdout, new RegExp(`Recommended: FROM ${H}/cg/debian:12\\.6-slim@sha256:[0-9a-f]{64}`));
});

test('base found by the OCI base-image labels', async () => {
  const a = await advice(`${H}/cg/app:1.1`);
  assert.equal(a.base.foundBy, 'annotation');
  assert.equal(a.base.name, `${H}/cg/debian:12.5-slim`);
  assert.equal(a.recommended?.tag, '12.6-slim');
});

test('an image that records no base and no --base: one warning line saying how to find it', async () => {
  const r = await runCli(['image', '--input', join(repoRoot, 'samples', 'debian13-sample.tar'), '--check-base', '--scanners', 'vuln', '--db', db, '--format', 'json', '--cache-dir', join(work, 'cache')]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr.split('\n').filter((l) => l.includes('does not record its base')).length, 1);
  assert.match(r.stderr, /give --base REPO to find the base by its layers/);
  assert.equal(JSON.parse(r.stdout).baseAdvice, undefined);
});
