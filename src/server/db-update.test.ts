import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot, tempDir } from '../../test/helpers.js';
import { runCli } from '../../test/support/cli.js';
import { startServer } from './index.js';

// --db-update-interval: the server runs `db update` itself with the URL sources its DB records;
// the rebuilt file is then picked up and re-matched like any other replacement.
test('--db-update-interval: a feed that changes upstream reaches the stored images without any call', async () => {
  const full = readFileSync(join(repoRoot, 'samples', 'debian-security-tracker.json'), 'utf8');
  const doc = JSON.parse(full) as Record<string, unknown>;
  // First the feed knows one advisory, for a package the image does not have.
  let body = JSON.stringify({ 'not-installed': doc.krb5 });
  const feed = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body));
  await new Promise<void>((r) => feed.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(feed.address() as { port: number }).port}/tracker.json`;
  const dir = tempDir('cg-dbupdate-');
  const db = join(dir, 'vuln.db');
  assert.equal((await runCli(['db', 'build', '--quiet', '--output', db, url])).code, 0);
  const scan = await runCli(['image', '--input', join(repoRoot, 'samples', 'debian13-sample.tar'), '--db', db, '--quiet', '--format', 'json', '--scanners', 'vuln']);
  const s = await startServer({ host: '127.0.0.1', port: 0, store: join(dir, 'store.db'), db, adminTokenFile: join(dir, 'admin'), dbUpdateIntervalMs: 300, dbPollMs: 100, cacheDir: join(dir, 'cache'), log: () => undefined });
  try {
    const saved = await s.core.saveScan(JSON.parse(scan.stdout));
    const vulns = async () => (await s.core.store.findingsOf((await s.store.imageSummary(saved.image.digest))!.id)).filter((f) => f.finding.kind === 'vulnerability').length;
    assert.equal(await vulns(), 0);
    body = full;
    const deadline = Date.now() + 60_000;
    while ((await vulns()) !== 72) {
      assert.ok(Date.now() < deadline, 'the updated feed never reached the stored image');
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    await s.close();
    feed.close();
  }
});
