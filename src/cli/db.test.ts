import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main, reportError } from './main.js';
import { fixture, tempDir } from '../vulndb/testing.js';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    streams: {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
    } as unknown as { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream },
  };
}
async function run(argv: string[]) {
  const o = io();
  let code: number;
  try {
    code = await main(argv, o.streams);
  } catch (e) {
    code = reportError(e, false, o.streams.stderr);
  }
  return { code, out: o.out.join(''), err: o.err.join('') };
}

test('coastguard db build / info; errors are one line with exit codes 2, 3, 4', async () => {
  const dir = tempDir('cg-cli-db-');
  const db = join(dir, 'x.db');
  const b = await run(['db', 'build', '--output', db, fixture('ghsa'), fixture('alpine', '3.19')]);
  assert.equal(b.code, 0, b.err);
  assert.match(b.out, /ghsa: osv; 4 files, 4 records\n/);
  assert.match(b.out, /alpine\/3\.19: alpine-secdb; 5 files, 103 records\n/);
  assert.match(b.out, /^built .*x\.db: 107 vulnerabilities, 113 affected rows, 3 namespaces, 0\.\d MB in \d+\.\d s\n$/m);

  const i = await run(['db', 'info', '--db', db]);
  assert.equal(i.code, 0);
  assert.match(i.out, /^schema: +1$/m);
  assert.match(i.out, /^ {2}Alpine:v3\.19 +5 packages +103 rows$/m);
  assert.match(i.out, /sha256 [0-9a-f]{64}/);
  assert.equal(i.err, '');
  const j = JSON.parse((await run(['db', 'info', '--db', db, '--format', 'json'])).out);
  assert.deepEqual(j.namespaces.map((n: { namespace: string }) => n.namespace), ['Alpine:v3.19', 'Maven', 'npm']);
  // An old DB warns (age is configurable).
  const old = await run(['db', 'info', '--db', db, '--max-age', '0.000001s']);
  assert.match(old.err, /^coastguard: warning: vulnerability database is \d+ hours old \(built .*\); run 'coastguard db update'\n$/);

  // The default path lives under --cache-dir.
  const c = await run(['db', 'build', '--cache-dir', dir, fixture('ghsa')]);
  assert.equal(c.code, 0);
  assert.ok(existsSync(join(dir, 'db', 'coastguard.db')));
  assert.equal((await run(['db', 'info', '--cache-dir', dir])).code, 0);

  const missing = await run(['db', 'info', '--db', join(dir, 'nope.db')]);
  assert.deepEqual([missing.code, missing.err], [4, `coastguard: vulnerability database not found (run 'coastguard db update' or 'coastguard db build'): ${join(dir, 'nope.db')}\n`]);
  writeFileSync(join(dir, 'junk.db'), 'junk'.repeat(100));
  assert.deepEqual(await run(['db', 'info', '--db', join(dir, 'junk.db')]), { code: 4, out: '', err: `coastguard: not a vulnerability database (no SQLite header): ${join(dir, 'junk.db')}\n` });
  const usage = await run(['db', 'build', '--output', db]);
  assert.deepEqual([usage.code, usage.err], [2, 'coastguard: no feed source given: coastguard db build SOURCE…\n']);
  const noFeed = await run(['db', 'build', '--output', db, fixture('NOTICE.md')]);
  assert.deepEqual([noFeed.code, noFeed.err], [3, `coastguard: no vulnerability feed recognised in source: ${fixture('NOTICE.md')}\n`]);
  assert.equal((await run(['db', 'info', '--db', db])).code, 0); // the failed build did not touch it
  assert.equal((await run(['db', 'frobnicate'])).code, 2);
});
