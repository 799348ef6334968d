// Real-world manifests (test/fixtures/misconfig/corpus, see its NOTICE.md): no crash on any file,
// every file recognised, and a few exact findings we checked by hand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { scanConfigPaths } from './index.js';

const CORPUS = join(import.meta.dirname, '../../test/fixtures/misconfig/corpus');

test('real-world corpus: every file scanned, no rule crashes, findings are well-formed', async () => {
  const r = await scanConfigPaths([CORPUS], { relativeTo: CORPUS });
  assert.deepEqual(r.warnings.filter((w) => /rule .* failed/.test(w.what)), []);
  // 109 candidate names; 2 are plain YAML config (no apiVersion/kind, no services:), not manifests.
  assert.equal(r.files, 107);
  for (const f of r.findings) {
    assert.equal(f.kind, 'misconfig');
    assert.match(f.id, /^CG-(DF|K8S|DC)-\d{3}$/);
    assert.ok(f.location.line === undefined || f.location.line >= 1, `${f.id} ${f.location.path}`);
    assert.match(f.fingerprint, /^sha256:/);
  }
  // Hand-checked: ingress-nginx's controller Deployment (deploy.yaml) allows NET_BIND_SERVICE and
  // runs as 101 with allowPrivilegeEscalation false, and the admission Jobs have no TTL set.
  const ing = r.findings.filter((f) => f.location.path === 'ingress-nginx/deploy.yaml');
  const at = (id: string) => ing.filter((f) => f.id === id).map((f) => `${f.object}@${f.location.line}`);
  assert.deepEqual(at('CG-K8S-019'), []);
  assert.deepEqual(at('CG-K8S-002'), []);
  assert.deepEqual(at('CG-K8S-001'), []);
  assert.deepEqual(at('CG-K8S-051').length, 0);
  // Official images keep root on purpose (no USER): flagged on the final FROM line.
  const py = r.findings.filter((f) => f.location.path === 'python/3.13/slim-bookworm/Dockerfile' && f.id === 'CG-DF-004');
  assert.deepEqual(py.map((f) => f.location.line), [7]);
});

test('stdin: "-" is detected by content (Kubernetes here), reported as "-"', async () => {
  const r = await scanConfigPaths(['-'], { stdin: 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  hostPID: true\n  containers: [{ name: c, image: "a:1" }]\n' });
  assert.equal(r.files, 1);
  assert.deepEqual(r.findings.filter((f) => f.id === 'CG-K8S-004').map((f) => `${f.location.path}:${f.location.line}`), ['-:5']);
  const d = await scanConfigPaths(['-'], { stdin: '# syntax=docker/dockerfile:1\nFROM alpine\n' });
  assert.ok(d.findings.some((f) => f.id === 'CG-DF-001' && f.location.line === 2));
});

test('a missing path is a clear input error', async () => {
  await assert.rejects(scanConfigPaths(['/nonexistent/x.yaml']), { name: 'CoastguardError', message: 'no such file or directory: /nonexistent/x.yaml' });
});

// The whole shared corpus (9 MB) when the checkout sits next to it; skipped on a fresh clone.
const SHARED = join(import.meta.dirname, '../../../shared/data/manifests-corpus');
test('whole shared manifests corpus: no warning, no rule failure', { skip: !existsSync(SHARED) && 'shared/data not present' }, async () => {
  const r = await scanConfigPaths([SHARED], { relativeTo: SHARED });
  assert.deepEqual(r.warnings, []);
  assert.ok(r.files > 400, `${r.files} files`);
  assert.ok(r.findings.every((f) => f.kind === 'misconfig' && (f.location.line === undefined || f.location.line >= 1)));
});
