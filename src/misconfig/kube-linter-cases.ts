// Scores the Kubernetes rules on kube-linter's own check fixtures (test/fixtures/kube-linter/
// <check>.yaml, from its tests/checks/, with the objects its e2e tests expect reported in
// expected.json): every object of a fixture is one case — reported by a rule aliased
// kube-linter/<check> when kube-linter reports it, not reported otherwise. A fixture whose check
// takes parameters names them in a header comment (`# accepted-priority-classes: a b`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseK8s, scanK8sObjects } from './kubernetes/index.js';
import { acceptedPriorityClasses } from './kubernetes/rules/priority-class-name.js';

export const KUBE_LINTER_CASES_DIR = join(import.meta.dirname, '../../test/fixtures/kube-linter');

export interface KubeLinterScores {
  checks: number;
  cases: number;
  right: number;
  /** `<check>: <Kind/name> (reported|missed)` for every case we get wrong. */
  wrong: string[];
}

export function scoreKubeLinterCases(dir = KUBE_LINTER_CASES_DIR): KubeLinterScores {
  const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, string[]>;
  const wrong: string[] = [];
  let cases = 0;
  for (const [check, want] of Object.entries(expected)) {
    const text = readFileSync(join(dir, `${check}.yaml`), 'utf8');
    acceptedPriorityClasses.splice(0, acceptedPriorityClasses.length, ...(/^# accepted-priority-classes: (.*)$/m.exec(text)?.[1].trim().split(/\s+/) ?? []));
    const { objects } = parseK8s(text, `${check}.yaml`);
    const findings = scanK8sObjects(objects).findings.filter((f) => f.aliases.includes(`kube-linter/${check}`));
    acceptedPriorityClasses.splice(0);
    const flagged = new Set(findings.map((f) => { const p = String(f.object ?? '').split('/'); return `${p[0]}/${p[p.length - 1]}`; }));
    const seen = new Set<string>();
    for (const o of objects) {
      const key = `${o.kind}/${o.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      cases++;
      const should = want.includes(key);
      if (flagged.has(key) !== should) wrong.push(`${check}: ${key} ${should ? 'missed' : 'reported'}`);
    }
  }
  return { checks: Object.keys(expected).length, cases, right: cases - wrong.length, wrong };
}

export function formatKubeLinterScores(s: KubeLinterScores, verbose = false): string {
  const lines = [`kube-linter fixtures: ${s.right} of ${s.cases} objects right (${((100 * s.right) / s.cases).toFixed(1)} %) over ${s.checks} checks`];
  if (verbose) for (const w of s.wrong) lines.push(`  wrong ${w}`);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(formatKubeLinterScores(scoreKubeLinterCases(), process.argv.includes('--verbose')));
}
