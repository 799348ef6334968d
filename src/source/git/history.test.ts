import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blobSizes, listHistoryBlobs, readBlobs } from './history.js';
import { scanGitHistory } from '../../secrets/index.js';
import { main } from '../../cli/main.js';

const GHP = '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';
const STRIPE = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';

/** A real repository built with the git binary: commits by two authors, a branch, a deletion. */
function makeRepo(): { dir: string; commits: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'cg-git-'));
  const g = (args: string[], env: Record<string, string> = {}) =>
    execFileSync('git', ['-C', dir, ...args], { env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', ...env }, encoding: 'utf8' }).trim();
  const commit = (msg: string, who: string, date: string) => {
    g(['add', '-A']);
    g(['commit', '-q', '-m', msg], { GIT_AUTHOR_NAME: who, GIT_AUTHOR_EMAIL: `${who.toLowerCase()}@example.org`, GIT_COMMITTER_NAME: who, GIT_COMMITTER_EMAIL: `${who.toLowerCase()}@example.org`, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date });
    return g(['rev-parse', 'HEAD']);
  };
  g(['init', '-q', '-b', 'main']);
  const commits: Record<string, string> = {};
  writeFileSync(join(dir, 'README.md'), '# demo\n');
  mkdirSync(join(dir, 'config'));
  writeFileSync(join(dir, 'config', 'app.env'), `# settings\nGITHUB_TOKEN=${GHP}\n`);
  commits.c1 = commit('add config', 'Alice', '2023-01-10T10:00:00Z');
  // Bob edits the file: a new blob, the same secret on a new line, and a copy of the README.
  writeFileSync(join(dir, 'config', 'app.env'), `# settings\nDEBUG=1\nGITHUB_TOKEN=${GHP}\n`);
  writeFileSync(join(dir, 'docs.md'), '# demo\n');
  commits.c2 = commit('debug flag', 'Bob', '2023-06-01T10:00:00Z');
  // The secret is removed: the history still holds it.
  writeFileSync(join(dir, 'config', 'app.env'), '# settings\nDEBUG=1\nGITHUB_TOKEN=${GITHUB_TOKEN}\n');
  commits.c3 = commit('remove token', 'Alice', '2024-02-01T10:00:00Z');
  // A branch that was never merged.
  g(['checkout', '-q', '-b', 'feature']);
  writeFileSync(join(dir, 'pay.py'), `stripe.api_key = "${STRIPE}"\n`);
  commits.c4 = commit('payments', 'Carol', '2024-05-01T10:00:00Z');
  g(['checkout', '-q', 'main']);
  return { dir, commits };
}

test('history walk: each blob once, with the commit and author of its first appearance', async () => {
  const { dir, commits } = makeRepo();
  try {
    const blobs = await listHistoryBlobs(dir);
    const readme = blobs.filter((b) => b.path === 'README.md' || b.path === 'docs.md');
    assert.deepEqual(readme.map((b) => [b.path, b.commit, b.author]), [['README.md', commits.c1, 'Alice']], 'docs.md is the same blob: listed once');
    assert.deepEqual(blobs.filter((b) => b.path === 'config/app.env').map((b) => [b.commit, b.author]), [[commits.c1, 'Alice'], [commits.c2, 'Bob'], [commits.c3, 'Alice']]);
    assert.equal(blobs.length, 5);
    const sizes = await blobSizes(dir, blobs.map((b) => b.blob));
    assert.equal(sizes.get(readme[0].blob), 7);
    const bodies = new Map<string, string>();
    await readBlobs(dir, blobs.map((b) => b.blob), (id, body) => bodies.set(id, body.toString()));
    assert.equal(bodies.get(readme[0].blob), '# demo\n');
    assert.equal(bodies.size, 5);
    const recent = await listHistoryBlobs(dir, { since: '2024-01-01' });
    assert.deepEqual(recent.map((b) => b.commit).sort(), [commits.c3, commits.c4].sort());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('scanGitHistory: a deleted secret and an unmerged branch are found, once each, with who added them', async () => {
  const { dir, commits } = makeRepo();
  try {
    const r = await scanGitHistory(dir);
    assert.deepEqual(
      r.findings.map((f) => [f.id, f.location.path, f.location.line, f.commit, f.author, f.date, f.match]),
      [
        ['github-pat', 'config/app.env', 2, commits.c1, 'Alice', '2023-01-10T10:00:00+00:00', 'ghp_****************'],
        // Bob's version moved the same secret to line 3: a new location, reported with Bob's commit.
        ['github-pat', 'config/app.env', 3, commits.c2, 'Bob', '2023-06-01T10:00:00+00:00', 'ghp_****************'],
        ['stripe-secret-key', 'pay.py', 1, commits.c4, 'Carol', '2024-05-01T10:00:00+00:00', 'sk_l****************'],
      ],
    );
    assert.deepEqual([r.blobs, r.scanned], [5, 5]);
    const since = await scanGitHistory(dir, { since: '2024-01-01' });
    assert.deepEqual(since.findings.map((f) => f.id), ['stripe-secret-key']);
    const mainOnly = await scanGitHistory(dir, { refs: ['main'] });
    assert.deepEqual(mainOnly.findings.map((f) => f.location.line), [2, 3]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function capture() {
  let text = '';
  return { stream: { write: (s: string) => ((text += s), true) } as unknown as NodeJS.WritableStream, text: () => text };
}

test('coastguard repo: JSON native shape, exit code gate, clear errors', async () => {
  const { dir, commits } = makeRepo();
  const cwd = process.cwd();
  process.chdir(tmpdir()); // no .coastguard.yaml from the project
  try {
    const out = capture();
    const err = capture();
    const rc = await main(['repo', dir, '--format', 'json', '--exit-code', '9', '--quiet'], { stdout: out.stream as NodeJS.WriteStream, stderr: err.stream as NodeJS.WriteStream });
    assert.equal(rc, 9);
    const doc = JSON.parse(out.text());
    assert.equal(doc.schemaVersion, 1);
    assert.deepEqual(doc.artifact, { name: dir, type: 'repository' });
    assert.deepEqual(doc.packages, []);
    assert.deepEqual(doc.findings.map((f: { id: string; commit: string }) => [f.id, f.commit]), [['github-pat', commits.c1], ['github-pat', commits.c2], ['stripe-secret-key', commits.c4]]);
    assert.ok(!out.text().includes(GHP) && !out.text().includes(STRIPE), 'secrets are redacted in the report');
    const table = capture();
    assert.equal(await main(['repo', dir, '--since', '2024-01-01', '--quiet'], { stdout: table.stream as NodeJS.WriteStream, stderr: err.stream as NodeJS.WriteStream }), 0);
    assert.match(table.text(), /stripe-secret-key/);
    assert.doesNotMatch(table.text(), /github-pat/);
    // Trivy-format custom rules and disable-rules apply to the history scan too.
    const cfg = join(dir, '..', `cg-secret-config-${process.pid}.yaml`);
    writeFileSync(cfg, 'rules:\n  - id: debug-flag\n    title: Debug flag\n    severity: LOW\n    regex: DEBUG=(?P<secret>\\d)\n    secret-group-name: secret\ndisable-rules:\n  - github-pat\n  - generic-api-key\n');
    const custom = capture();
    await main(['repo', dir, '--format', 'json', '--quiet', '--secret-config', cfg], { stdout: custom.stream as NodeJS.WriteStream, stderr: err.stream as NodeJS.WriteStream });
    rmSync(cfg);
    assert.deepEqual(JSON.parse(custom.text()).findings.map((f: { id: string; commit: string }) => [f.id, f.commit]), [['debug-flag', commits.c2], ['stripe-secret-key', commits.c4]]);
    const notRepo = mkdtempSync(join(tmpdir(), 'cg-norepo-'));
    await assert.rejects(main(['repo', notRepo], { stdout: out.stream as NodeJS.WriteStream, stderr: err.stream as NodeJS.WriteStream }), /not a git repository: /);
    rmSync(notRepo, { recursive: true, force: true });
    await assert.rejects(main(['repo'], { stdout: out.stream as NodeJS.WriteStream, stderr: err.stream as NodeJS.WriteStream }), /give the path of a git repository/);
  } finally {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  }
});
