import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { repoRoot, tempDir } from '../helpers.js';

// The bundled sample (Debian 13 package set) against its bundled tracker feed: 72 findings.
const work = tempDir('cg-ignore-');
const db = join(work, 'sample.db');

const run = runCli;

test('a Trivy-style ignore file hides its ids, an expired line stops hiding and warns, a bad line is file:line', async () => {
  assert.equal((await run(['db', 'build', '--output', db, join(repoRoot, 'samples/debian-security-tracker.json')])).code, 0);
  const scan = async (ignorefile: string) => {
    const out = join(work, 'r.json');
    const r = await run(['image', '--input', join(repoRoot, 'samples/debian13-sample.tar'), '--db', db, '--scanners', 'vuln', '--format', 'json', '--output', out, '--ignorefile', ignorefile, '--exit-code', '9', '--cache-dir', join(work, 'cache')]);
    return { ...r, result: r.code === 5 ? undefined : JSON.parse(readFileSync(out, 'utf8')) };
  };
  const all = await scan('/dev/null');
  assert.equal(all.result.findings.length, 72);
  const krb = all.result.findings.filter((f: { id: string }) => f.id === 'CVE-2026-107364').length;
  assert.ok(krb > 0);

  const file = join(work, '.trivyignore');
  writeFileSync(file, '# accepted until the krb5 update\nCVE-2026-107364 exp:2999-01-01\n\nCVE-2026-107884 exp:2001-01-01\n');
  const some = await scan(file);
  assert.equal(some.result.findings.length, 72 - krb);
  assert.ok(some.result.suppressed.every((s: { by: string }) => s.by === `ignore ${file}:2`));
  assert.match(some.stderr, new RegExp(`ignore entry for CVE-2026-107884 expired on 2001-01-01: it no longer hides findings: ${file}:4`));
  assert.equal(some.code, 9);

  writeFileSync(file, 'CVE-2026-107364 until:2999-01-01\n');
  const bad = await scan(file);
  assert.equal(bad.code, 5);
  assert.equal(bad.stderr.trim(), `coastguard: invalid ignore file: "until:2999-01-01" after CVE-2026-107364 (expected exp:YYYY-MM-DD): ${file}:1`);
});
