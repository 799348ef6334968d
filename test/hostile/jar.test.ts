import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { tempDir } from '../helpers.js';

// A jar whose MANIFEST.MF is huge: the manifest is not read (metadata is capped at 1 MiB): the jar is
// named from its file name, as when it has no manifest, and the scan ends normally.
test('a jar with a 4 MiB MANIFEST.MF: the manifest is not read', async () => {
  const dir = tempDir('cg-hostile-jar-');
  const src = join(dir, 'jar-src');
  mkdirSync(join(src, 'META-INF'), { recursive: true });
  const padding = Array.from({ length: 64 * 1024 }, (_, i) => `X-Padding-${i}: ${'x'.repeat(50)}`).join('\n');
  writeFileSync(join(src, 'META-INF/MANIFEST.MF'), `Manifest-Version: 1.0\nImplementation-Vendor-Id: org.big\nImplementation-Title: big\nImplementation-Version: 9.9.9\n${padding}\n`);
  const root = join(dir, 'root');
  mkdirSync(join(root, 'opt'), { recursive: true });
  execFileSync('zip', ['-q', '-r', join(root, 'opt', 'app-1.0.0.jar'), 'META-INF'], { cwd: src });
  const r = await runCli(['fs', root, '--format', 'cyclonedx', '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const purls = (JSON.parse(r.stdout) as { components: { purl?: string }[] }).components.map((c) => c.purl);
  assert.equal(purls.length, 1);
  assert.match(purls[0] ?? '', /app@1\.0\.0$/);
});
