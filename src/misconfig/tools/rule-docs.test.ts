import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { allRuleMeta } from '../index.js';
import { ruleDocs, aliasTool } from './rule-docs.js';

const DOCS = join(import.meta.dirname, '../../../docs/rules');
const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));

test('docs/rules is generated from the metadata and up to date (run src/misconfig/tools/gen-rule-docs.ts)', () => {
  const want = ruleDocs(allRuleMeta());
  const have = walk(DOCS).map((p) => relative(DOCS, p)).sort();
  assert.deepEqual(have, [...want.keys()].sort());
  for (const [rel, text] of want) assert.equal(readFileSync(join(DOCS, rel), 'utf8'), text, rel);
});

test('alias tools are recognised', () => {
  assert.deepEqual(['DL3007', 'AVD-KSV-0017', 'KSV017', 'CKV_K8S_16', 'kube-linter/ssh-port', 'polaris/hostPIDSet', 'kube-score/container-image-tag', 'CIS-DI-0001', 'DKL-DI-0006'].map(aliasTool),
    ['hadolint', 'Trivy', 'Trivy', 'Checkov', 'kube-linter', 'Polaris', 'kube-score', 'Dockle', 'Dockle']);
});
