import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, tempDir } from '../../test/helpers.js';
import { runCli } from '../../test/support/cli.js';
import { api, startServerProcess, type TestServer } from '../../test/support/server.js';
import { testImage } from '../../test/support/test-images.js';
import type { ImageDiff } from './diff.js';

// A real `coastguard server` process holding the sample's uploaded scan; `diff sha256:…` reads it back.
const SAMPLE = join(repoRoot, 'samples', 'debian13-sample.tar');
const OTHER = join(testImage('debian-layers'), 'image.oci.tar');
let server: TestServer;
let dir: string;
let db: string;
let token: string;
let digest: string;

before(async () => {
  dir = tempDir('cg-stored-diff-');
  db = join(dir, 'vuln.db');
  assert.equal((await runCli(['db', 'build', '--quiet', '--output', db, join(repoRoot, 'samples', 'debian-security-tracker.json')])).code, 0);
  copyFileSync(db, join(dir, 'server.db'));
  server = await startServerProcess(['--store', join(dir, 'store.db'), '--db', join(dir, 'server.db'), '--admin-token-file', join(dir, 'admin')]);
  const admin = readFileSync(join(dir, 'admin'), 'utf8').trim();
  token = (await api(server.url, '/api/v1/tokens', admin, { body: { name: 'ci', scopes: ['upload', 'read'] } })).body.token;
  const up = await runCli(['image', '--input', SAMPLE, '--db', db, '--scanners', 'vuln', '--format', 'json', '--quiet', '--server', server.url, '--token', token]);
  assert.equal(up.code, 0, up.stderr);
  digest = JSON.parse(up.stdout).artifact.digest;
});
after(async () => server?.stop());

const diff = async (a: string, b: string, extra: string[] = []) => {
  const r = await runCli(['diff', a, b, '--db', db, '--format', 'json', '--cache-dir', join(dir, 'cache'), '--quiet', ...extra]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as ImageDiff;
};

test('diff against a stored scan: the same image shows no change; another image the same change as two archives', async () => {
  const withServer = ['--server', server.url, '--token', token];
  const same = await diff(digest, SAMPLE, withServer);
  assert.deepEqual(same.packages, { added: [], removed: [], changed: [] });
  assert.deepEqual(same.findings, { fixed: [], introduced: [] });
  assert.equal(same.layers.new.length, 0);
  assert.equal(same.old.digest, digest);

  const stored = await diff(digest, OTHER, withServer);
  const local = await diff(SAMPLE, OTHER);
  assert.deepEqual(stored.packages, local.packages);
  assert.deepEqual(stored.findings, local.findings);
  assert.equal(local.findings.fixed.length, 72);
});

test('a stored scan needs a server; a wrong token is exit 7, an unknown digest exit 3', async () => {
  const none = await runCli(['diff', digest, SAMPLE, '--quiet']);
  assert.equal(none.code, 2);
  const wrong = await runCli(['diff', digest, SAMPLE, '--quiet', '--server', server.url, '--token', 'cgt_wrong']);
  assert.equal(wrong.code, 7, wrong.stderr);
  const unknown = await runCli(['diff', `sha256:${'0'.repeat(64)}`, SAMPLE, '--quiet', '--server', server.url, '--token', token]);
  assert.equal(unknown.code, 3, unknown.stderr);
  assert.match(unknown.stderr, /^coastguard: no stored scan of sha256:0{64}: http/);
});
