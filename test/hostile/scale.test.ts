import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { tempDir } from '../helpers.js';
import { assertOneLineError } from './expect.js';

// Big but normal inputs (a rendered chart of a big cluster) and hostile policy files.
const dir = tempDir('cg-hostile-scale-');

test('config over 5,000 privileged pods: every finding reported, no stack overflow', async () => {
  const pod = (i: number) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n  - name: c\n    image: nginx:latest\n    securityContext:\n      privileged: true\n`;
  const one = join(dir, 'one.yaml');
  writeFileSync(one, pod(0));
  const many = join(dir, 'pods.yaml');
  writeFileSync(many, Array.from({ length: 5000 }, (_, i) => pod(i)).join('---\n'));
  const r1 = await runCli(['config', one, '--format', 'json', '--quiet']);
  const r = await runCli(['config', many, '--format', 'json', '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /internal error|call stack/);
  const perPod = (JSON.parse(r1.stdout) as { findings: unknown[] }).findings.length;
  assert.ok(perPod > 10, `${perPod} findings for one pod`);
  // Every pod's findings, plus the namespace's one (CG-K8S-061, no default-deny policy) once.
  const findings = (JSON.parse(r.stdout) as { findings: { id: string }[] }).findings;
  assert.equal(findings.filter((f) => f.id === 'CG-K8S-061').length, 1);
  assert.equal(findings.length, (perPod - 1) * 5000 + 1);
});

test('policy files: an alias bomb and nested comprehensions are config errors (exit 5), found at load', async () => {
  const src = join(dir, 'src');
  mkdirSync(src);
  writeFileSync(join(src, 'package.json'), '{"dependencies":{}}');
  const levels = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i <= 12; i++) levels.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(',')}]`);
  const bomb = join(dir, 'bomb.yaml');
  writeFileSync(bomb, levels.join('\n') + '\nignore: *a12\n');
  assertOneLineError(await runCli(['fs', src, '--config', bomb, '--skip-db', '--quiet']), 5, /^coastguard: invalid policy file: too many YAML alias expansions \(more than 100; an alias bomb\?\): .*bomb\.yaml:1$/, 'alias bomb');
  const nested = join(dir, 'nested.yaml');
  writeFileSync(nested, [
    'policies:',
    '  - id: ORG-NESTED',
    '    on: kubernetes',
    '    deny: object.spec.containers.all(a, object.spec.containers.all(b, object.spec.containers.all(c, a == b)))',
    '    message: nested',
    '    severity: LOW',
  ].join('\n') + '\n');
  assertOneLineError(await runCli(['fs', src, '--config', nested, '--skip-db', '--quiet']), 5, /^coastguard: invalid policy file: policies\[0\]\.deny: CEL: comprehensions \(all, exists, map, filter…\) nested 3 deep; the limit is 2: .*nested\.yaml:\d+$/, 'nested comprehensions');
});
