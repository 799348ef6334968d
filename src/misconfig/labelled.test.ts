// Labelled corpora from other tools, scored through our rules' aliases (fixtures and licences in
// test/fixtures/misconfig/NOTICE.md): Trivy's good/bad examples, Polaris success/failure fixtures,
// Checkov PASSED/FAILED fixtures with the expected counts extracted from its tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { scanDockerfile } from './dockerfile/index.js';
import { parseK8s, scanK8sObjects, kubernetesRules } from './kubernetes/index.js';
import { dockerfileRules } from './dockerfile/rules.js';

const FIX = join(import.meta.dirname, '../../test/fixtures/misconfig');
const k8sScan = (text: string, name: string) => scanK8sObjects(parseK8s(text, name).objects).findings;

test('Trivy checks: every good example passes and every bad example fails, through AVD aliases', () => {
  const meta = JSON.parse(readFileSync(join(FIX, 'trivy-checks/checks-metadata.json'), 'utf8')) as { custom: { id: string; examples?: string }; source_file: string }[];
  const wrong: string[] = [];
  const counts = { docker: 0, kubernetes: 0 };
  for (const kind of ['docker', 'kubernetes'] as const) {
    for (const f of readdirSync(join(FIX, 'trivy-checks/checks', kind)).filter((x) => x.endsWith('.yaml')).sort()) {
      const rel = `checks/${kind}/${f}`;
      const m = meta.find((x) => x.custom.examples === rel || x.source_file === rel.replace(/\.yaml$/, '.rego'));
      assert.ok(m, `metadata for ${rel}`);
      const alias = 'AVD-' + m.custom.id;
      const examples = parse(readFileSync(join(FIX, 'trivy-checks', rel), 'utf8'));
      const section = kind === 'docker' ? examples.dockerfile : examples.kubernetes;
      for (const [label, list] of Object.entries(section) as [string, string[]][]) {
        list.forEach((src, i) => {
          const findings = kind === 'docker' ? scanDockerfile(src, 'Dockerfile').findings : k8sScan(src, f);
          const hit = findings.some((x) => x.aliases.includes(alias));
          counts[kind]++;
          if (hit !== (label === 'bad')) wrong.push(`${alias} ${f} ${label}[${i}]`);
        });
      }
    }
  }
  assert.deepEqual(wrong, []);
  assert.deepEqual(counts, { docker: 45, kubernetes: 75 });
});

test('Polaris fixtures: success files raise nothing and failure files raise the check, for every check we alias', () => {
  const root = join(FIX, 'polaris/test/checks');
  const wrong: string[] = [];
  const covered: string[] = [];
  let cases = 0;
  for (const check of readdirSync(root).sort()) {
    const alias = `polaris/${check}`;
    if (!kubernetesRules.some((r) => r.aliases.includes(alias))) continue;
    covered.push(check);
    for (const f of readdirSync(join(root, check)).sort()) {
      const label = f.startsWith('success') ? 'pass' : f.startsWith('failure') ? 'fail' : undefined;
      if (!label) continue;
      cases++;
      const hit = k8sScan(readFileSync(join(root, check, f), 'utf8'), f).some((x) => x.aliases.includes(alias));
      if (hit !== (label === 'fail')) wrong.push(`${alias} ${f}`);
    }
  }
  assert.deepEqual(wrong, []);
  assert.equal(cases, 166);
  assert.equal(covered.length, 31);
});

interface Expectation { kind: string; check_id: string | null; check_module: string; fixture_dir: string | null; expected_summary: { failed?: number } }
const expectations = (): Expectation[] => JSON.parse(readFileSync(join(FIX, 'checkov/checkov-expectations.json'), 'utf8'));
const fixtureDir = (e: Expectation, kind: string) => join(FIX, 'checkov', e.fixture_dir ?? `tests/${kind}/checks/example_${e.check_module}`);

test('Checkov Dockerfile fixtures: FAILED folders fail and PASSED folders pass, at exact lines', () => {
  const got: Record<string, number[]> = {};
  for (const e of expectations().filter((x) => x.kind === 'dockerfile' && x.check_id)) {
    assert.ok(dockerfileRules.some((r) => r.aliases.includes(e.check_id!)), `${e.check_id} is aliased`);
    const dir = fixtureDir(e, 'dockerfile');
    for (const sub of readdirSync(dir).sort()) {
      for (const f of readdirSync(join(dir, sub)).sort()) {
        const p = join(dir, sub, f);
        const lines = scanDockerfile(readFileSync(p, 'utf8'), p).findings.filter((x) => x.aliases.includes(e.check_id!)).map((x) => x.location.line!);
        got[`${e.check_id} ${sub}/${f}`] = lines;
      }
    }
  }
  const failing = Object.entries(got).filter(([k]) => / fail/.test(k));
  const passing = Object.entries(got).filter(([k]) => / success/.test(k));
  assert.deepEqual(failing.filter(([, l]) => l.length === 0), []);
  assert.deepEqual(passing.filter(([, l]) => l.length > 0), []);
  assert.equal(failing.length + passing.length, 34);
  assert.deepEqual(got['CKV_DOCKER_5 failure/Dockerfile'], [3, 5, 6]);
  assert.deepEqual(got['CKV_DOCKER_10 failure/Dockerfile'], [5, 6, 9]);
  assert.deepEqual(got['CKV_DOCKER_11 failure/Dockerfile'], [7]);
});

test("Checkov Kubernetes fixtures: failed-resource counts equal Checkov's own expectations", () => {
  const wrong: string[] = [];
  let compared = 0;
  const seen = new Set<string>();
  for (const e of expectations().filter((x) => x.kind === 'k8s' && x.check_id && x.expected_summary.failed !== undefined)) {
    if (!kubernetesRules.some((r) => r.aliases.includes(e.check_id!))) continue;
    const dir = fixtureDir(e, 'kubernetes');
    if (seen.has(e.check_id + dir)) continue;
    seen.add(e.check_id + dir);
    let failed = 0;
    for (const f of readdirSync(dir).filter((x) => /\.(ya?ml|json)$/.test(x))) {
      const findings = k8sScan(readFileSync(join(dir, f), 'utf8'), f).filter((x) => x.aliases.includes(e.check_id!));
      failed += new Set(findings.map((x) => x.object)).size;
    }
    compared++;
    if (failed !== e.expected_summary.failed) wrong.push(`${e.check_id} ${e.check_module}: ${failed} != ${e.expected_summary.failed}`);
  }
  // Known, deliberate differences: Checkov fails a Pod whose `spec` is a YAML list (we cannot read
  // it, so we stay silent), and counts two objects with the same kind/namespace/name in one List twice.
  assert.deepEqual(wrong, [
    'CKV_K8S_29 PodSecurityContext: 2 != 3',
    'CKV_K8S_23 RootContainers: 5 != 7',
    'CKV_K8S_44 TillerService: 1 != 2',
  ]);
  assert.equal(compared, 40);
});
