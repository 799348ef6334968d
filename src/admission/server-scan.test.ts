// `--server`: the image's last stored scan, read from a real `coastguard server` (SQLite store)
// that received a real upload (`coastguard image --input samples/debian13-sample.tar --server`).
// The sample's 72 fixable vulnerabilities are all HIGH, so the default (CRITICAL) admits it and
// `--vuln-severity HIGH` denies it; a digest the server never saw follows --unknown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { emptyPolicy } from '../policy/index.js';
import { startServer, type RunningServer } from '../server/index.js';
import { repoRoot, tempDir } from '../../test/helpers.js';
import { runCli } from '../../test/support/cli.js';
import { admissionReview } from '../../test/support/admission.js';
import { ImagePolicy, parseModes, review, type ImagePolicyOptions } from './index.js';

const DIGEST = 'sha256:d9e9582c9dff790d55ee366c594aaabc258e3b76f9efbb97228f94d1d426492a';
const NEVER_SEEN = 'sha256:' + '0'.repeat(64);
const work = tempDir('cg-admission-srv-');
let server: RunningServer;

before(async () => {
  const db = join(work, 'vuln.db');
  const built = await runCli(['db', 'build', '--output', db, join(repoRoot, 'samples', 'debian-security-tracker.json')]);
  assert.equal(built.code, 0, built.stderr);
  server = await startServer({ host: '127.0.0.1', port: 0, store: join(work, 'store.db'), adminTokenFile: join(work, 'admin-token'), log: () => {} });
  const up = await runCli(['image', '--input', join(repoRoot, 'samples', 'debian13-sample.tar'), '--db', db, '--quiet', '--format', 'json', '--server', server.url, '--token', server.adminToken]);
  assert.equal(up.code, 0, up.stderr);
  assert.equal(JSON.parse(up.stdout).artifact.digest, DIGEST);
});
after(async () => server?.close());

const pod = (digest: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'app', namespace: 'shop' }, spec: { containers: [{ name: 'app', image: `docker.io/coastguard/sample@${digest}` }] } });
const judge = (images: ImagePolicy, digest: string) =>
  review(admissionReview(pod(digest), 'u'), { policy: emptyPolicy(), severities: ['CRITICAL'], modes: parseModes([]), images }) as Extract<ReturnType<typeof review>, { ok: true }>;
const settled = async (o: ImagePolicyOptions, digest: string) => {
  const images = new ImagePolicy(o);
  const first = judge(images, digest);
  await images.scans!.settle();
  return { first, then: judge(images, digest), images };
};

test('a stored scan with fixable vulnerabilities of a denied severity denies, naming CG-ADM-004 and the CVEs; below it admits', async () => {
  const high = await settled({ server: { url: server.url, token: server.adminToken }, vulnSeverities: ['HIGH'] }, DIGEST);
  assert.equal(high.first.response.allowed, true);
  assert.match(high.first.response.warnings!.join('\n'), /^pending: docker\.io\/coastguard\/sample@sha256:d9e9582c\S* last scan unknown/m);
  assert.equal(high.then.response.allowed, false);
  assert.deepEqual(high.then.denied, ['CG-ADM-004']);
  assert.match(high.then.response.status!.message, /has 18 fixable HIGH vulnerabilities in its last scan: CVE-2026-\d+, CVE-2026-\d+, CVE-2026-\d+, CVE-2026-\d+, CVE-2026-\d+, …\. Fix: Rebuild the image/);
  const critical = await settled({ server: { url: server.url, token: server.adminToken } }, DIGEST);
  assert.equal(critical.then.response.allowed, true);
  assert.deepEqual(critical.images.scans!.stats, { hits: 1, misses: 1, lookups: 1, failures: 0 });
});

test('a digest the server never scanned follows --unknown; a refused token leaves the verdict unknown, never a crash', async () => {
  const allow = await settled({ server: { url: server.url, token: server.adminToken } }, NEVER_SEEN);
  assert.equal(allow.then.response.allowed, true);
  assert.equal(allow.then.response.warnings![0], 'pending: docker.io/coastguard/sample@sha256:000000000000…: never scanned by the server');
  const deny = await settled({ server: { url: server.url, token: server.adminToken }, unknown: 'deny' }, NEVER_SEEN);
  assert.deepEqual(deny.then.denied, ['CG-ADM-004']);
  assert.match(deny.then.response.status!.message, /was never scanned by the server; unknown images are denied/);
  const badToken = await settled({ server: { url: server.url, token: 'cgt_wrong' } }, DIGEST);
  assert.equal(badToken.then.response.allowed, true);
  assert.match(badToken.then.response.warnings!.join('\n'), /last scan unknown \(server answered HTTP 401/);
});
