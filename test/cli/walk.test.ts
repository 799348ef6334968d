import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { tempDir } from '../helpers.js';

// One directory walker and one meaning of --skip-dirs / --skip-files for every consumer: the
// analyzers, the secret scanner and the misconfiguration scanner of `fs`, `config`, and `pin`.
let tree: string;

before(() => {
  tree = tempDir('cg-walk-');
  mkdirSync(join(tree, 'a', 'b'), { recursive: true });
  mkdirSync(join(tree, '.git'));
  writeFileSync(join(tree, 'a', 'b', 'Dockerfile'), 'FROM debian:latest\nRUN apt-get install -y curl\n');
  writeFileSync(join(tree, 'a', 'b', 'config.ini'), 'token = "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"\n');
  // VCS metadata is never walked.
  writeFileSync(join(tree, '.git', 'config'), 'token = "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"\n');
});

async function fs(...flags: string[]): Promise<string[]> {
  const r = await runCli(['fs', tree, '--skip-db', '-q', '-f', 'json', ...flags]);
  assert.equal(r.code, 0, r.stderr);
  return (JSON.parse(r.stdout).findings as { id: string; location: { path: string } }[]).map((f) => `${f.id} ${f.location.path}`).sort();
}

const DOCKERFILE = ['CG-DF-002', 'CG-DF-004', 'CG-DF-027', 'CG-DF-029', 'CG-DF-032', 'CG-DF-033'].map((id) => `${id} a/b/Dockerfile`);

test('fs: secrets and Dockerfile findings come from one walk', async () => {
  assert.deepEqual(await fs(), [...DOCKERFILE, 'github-pat a/b/config.ini'].sort());
});

test('fs: --skip-dirs hides the secret and the Dockerfile finding alike (anchored glob or bare name)', async () => {
  assert.deepEqual(await fs('--skip-dirs', 'a/b'), []);
  assert.deepEqual(await fs('--skip-dirs', './a/b/'), []);
  assert.deepEqual(await fs('--skip-dirs', 'b'), []);
  assert.deepEqual(await fs('--skip-dirs', 'a/*'), []);
  assert.deepEqual(await fs('--skip-dirs', 'b/a'), [...DOCKERFILE, 'github-pat a/b/config.ini'].sort()); // anchored: no such dir
});

test('fs: --skip-files applies to misconfiguration too', async () => {
  assert.deepEqual(await fs('--skip-files', 'a/b/Dockerfile'), ['github-pat a/b/config.ini']);
  assert.deepEqual(await fs('--skip-files', 'Dockerfile'), ['github-pat a/b/config.ini']);
  assert.deepEqual(await fs('--skip-files', '*.ini'), DOCKERFILE);
  assert.deepEqual(await fs('--skip-files', '**/*.ini,Dockerfile'), []);
});

test('config and pin walk the same way', async () => {
  const c = await runCli(['config', tree, '-q', '-f', 'json', '--skip-files', 'Dockerfile']);
  assert.equal(c.code, 0, c.stderr);
  assert.deepEqual(JSON.parse(c.stdout).findings, []);
  const all = await runCli(['config', tree, '-q', '-f', 'json']);
  assert.equal(JSON.parse(all.stdout).findings.length, DOCKERFILE.length);
  // pin: a reference in a skipped directory is not even looked up (port 1 refuses: it would fail).
  const pinDir = join(tree, 'pin');
  mkdirSync(join(pinDir, 'vendor-images'), { recursive: true });
  writeFileSync(join(pinDir, 'vendor-images', 'Dockerfile'), 'FROM 127.0.0.1:1/app:1\n');
  const skipped = await runCli(['pin', pinDir, '--dry-run', '--skip-dirs', 'vendor-images']);
  assert.equal(skipped.code, 0, skipped.stderr);
  assert.equal(skipped.stdout, '');
  const tried = await runCli(['pin', pinDir, '--dry-run']);
  assert.equal(tried.code, 1);
  assert.match(tried.stderr, /^coastguard: could not pin 127\.0\.0\.1:1\/app:1 \(.*\): .*vendor-images\/Dockerfile:1\n$/);
});

test('repo: the table shows the commit and author where a secret first appeared', async () => {
  const { execFileSync } = await import('node:child_process');
  const repo = tempDir('cg-repo-table-');
  const git = (...a: string[]) => execFileSync('git', a, { cwd: repo, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'Ada Lovelace', GIT_AUTHOR_EMAIL: 'ada@example.org', GIT_COMMITTER_NAME: 'Ada Lovelace', GIT_COMMITTER_EMAIL: 'ada@example.org' } });
  git('init', '-q');
  writeFileSync(join(repo, 'config.ini'), 'token = "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"\n');
  git('add', '.');
  git('commit', '-qm', 'add config');
  const commit = git('rev-parse', 'HEAD').trim();
  const r = await runCli(['repo', repo, '-q']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /│ ID +│ Severity │ Title +│ Location +│ Commit +│ Author +│ Fix +│/);
  assert.match(r.stdout, new RegExp(`│ github-pat │ CRITICAL │ [^│]+│ config\\.ini:1 +│ ${commit.slice(0, 12)} │ Ada Lovelace │ [^│]+│`));
  assert.match(r.stdout, /\nGrand total: 1 \(CRITICAL: 1, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0\) in 1 target\n/);
});
