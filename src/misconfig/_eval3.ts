import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseK8s, scanK8sObjects } from './kubernetes/index.js';
import { kubernetesRules } from './kubernetes/rules.js';
const root = '/work/shared/data/misconfig/checkov/';
const exp = JSON.parse(readFileSync(root + 'checkov-expectations.json', 'utf8'));
let ok = 0, bad = 0; const unc = new Set<string>();
const seen = new Set<string>();
for (const e of exp.filter((x: any) => x.kind === 'k8s' && x.check_id)) {
  if (!kubernetesRules.some((r) => r.aliases.includes(e.check_id))) { unc.add(e.check_id + ':' + e.check_module); continue; }
  const dir = e.fixture_dir ? root + e.fixture_dir : root + 'tests/kubernetes/checks/example_' + e.check_module;
  let files: string[]; try { files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)); } catch { console.log('nodir', dir); continue; }
  const key = e.check_id + dir; if (seen.has(key)) continue; seen.add(key);
  let failed = 0; const detail: string[] = [];
  for (const f of files) {
    const { objects } = parseK8s(readFileSync(join(dir, f), 'utf8'), f);
    const r = scanK8sObjects(objects);
    const flagged = new Set(r.findings.filter((x) => x.aliases.includes(e.check_id)).map((x) => x.object));
    failed += flagged.size;
    detail.push(`${f}:${flagged.size}`);
  }
  const want = e.expected_summary.failed;
  if (want === undefined) continue;
  if (failed === want) ok++; else { bad++; console.log('WRONG', e.check_id, e.check_module, 'want', want, 'got', failed, detail.join(' ')); }
}
console.log('checkov k8s', { ok, bad }, 'uncovered', [...unc].join(' '));
