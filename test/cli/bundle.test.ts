import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { dockerArchive, tar } from '../hostile/craft.js';
import { repoRoot, tempDir } from '../helpers.js';

// `npm run build` bundles the CLI and its worker threads (scripts/bundle.mjs); the suite runs the
// sources, so this runs the bundle itself on inputs big enough to start worker threads and
// compares its findings with the sources'. Written two levels below the repository, like dist/cli.
const out = join(repoRoot, '.bundle-test', 'cli');
const bin = join(out, 'bin.js');
after(() => rmSync(join(repoRoot, '.bundle-test'), { recursive: true, force: true }));
execFileSync(process.execPath, [join(repoRoot, 'scripts/bundle.mjs'), out]);

const dir = tempDir('cg-bundle-');
const GHP = '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';
// 20 MB of text: over the size where layers and directories go to worker threads.
const filler = (i: number) => Buffer.alloc(1_000_000, `line ${i} of some log output\n`);
const files = [...Array.from({ length: 20 }, (_, i) => ({ name: `var/log/app/${i}.log`, body: filler(i) })), { name: 'app/.env', body: `A=1\nGITHUB_TOKEN=${GHP}\n` }];
const run = (args: string[]) => execFileSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
const secrets = (json: string) => (JSON.parse(json) as { findings: { id: string; location: { path: string; line: number } }[] }).findings.filter((f) => f.id === 'github-pat').map((f) => `${f.location.path}:${f.location.line}`);

test('the bundled CLI reports its version from package.json', () => {
  const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
  assert.match(run(['version']), new RegExp(`^coastguard ${version.replace(/\./g, '\\.')}\\n`));
});

test('bundled image scan with worker threads: the findings of the sources', async () => {
  const input = dockerArchive(dir, { layers: [tar(files)] }, 'big.tar');
  const args = ['image', '--input', input, '--scanners', 'secret', '--skip-db', '--format', 'json', '--no-cache', '--quiet'];
  const bundled = secrets(run(args));
  const sources = await runCli(args);
  assert.equal(sources.code, 0, sources.stderr);
  assert.deepEqual(bundled, ['app/.env:2']);
  assert.deepEqual(bundled, secrets(sources.stdout));
});

test('bundled directory scan with worker threads: the findings of the sources', async () => {
  const root = join(dir, 'tree');
  for (const f of files) {
    mkdirSync(join(root, f.name, '..'), { recursive: true });
    writeFileSync(join(root, f.name), f.body);
  }
  const args = ['fs', root, '--scanners', 'secret', '--skip-db', '--format', 'json', '--quiet'];
  const bundled = secrets(run(args));
  const sources = await runCli(args);
  assert.equal(sources.code, 0, sources.stderr);
  assert.deepEqual(bundled, ['app/.env:2']);
  assert.deepEqual(bundled, secrets(sources.stdout));
});
