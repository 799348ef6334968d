import type { RuleOptions } from '../types.js';
import type { Finding, ScanWarning } from '../../core/types.js';
import { toFinding, ruleMatches } from '../finding.js';
import { parseYamlDocs } from '../yaml-docs.js';
import { objectsOf, podOf, isObj, type K8sObject } from './objects.js';
import { kubernetesRules } from './rules.js';

export { kubernetesRules };
export type { K8sObject };

/** Parses one YAML/JSON file into Kubernetes objects (documents without apiVersion+kind are skipped). */
export function parseK8s(text: string, path: string): { objects: K8sObject[]; warnings: ScanWarning[]; docs: number } {
  const { docs, warnings } = parseYamlDocs(text, path);
  return { objects: docs.flatMap((d) => objectsOf(d, path)), warnings, docs: docs.length };
}

/**
 * Suppressions written on the object (or its pod template): ours, `coastguard.io/ignore: "ID,ID"`,
 * and the other tools' own, so migrating users keep them: `checkov.io/skipN: CKV_K8S_11=reason` (also bridgecrew.io/, cortex.io/),
 * `ignore-check.kube-linter.io/<check>`, `polaris.fairwinds.com/<check>-exempt: "true"`,
 * `kube-score/ignore: a,b`.
 */
export function ignoreTokens(o: K8sObject): string[] {
  const ann: Record<string, unknown> = { ...(podOf(o)?.meta?.annotations ?? {}), ...(isObj(o.value.metadata?.annotations) ? o.value.metadata.annotations : {}) };
  const out: string[] = [];
  for (const [k, v] of Object.entries(ann)) {
    const val = String(v ?? '');
    if (k === 'coastguard.io/ignore' || k === 'kube-score/ignore') out.push(...val.split(/[,\s]+/).filter(Boolean));
    else if (/^(checkov|bridgecrew|cortex)\.io\/skip/.test(k)) out.push(val.split('=')[0].trim());
    else if (k.startsWith('ignore-check.kube-linter.io/')) out.push('kube-linter/' + k.slice('ignore-check.kube-linter.io/'.length));
    else if (k === 'polaris.fairwinds.com/exempt' && val === 'true') out.push('polaris/*');
    else if (/^polaris\.fairwinds\.com\/.+-exempt$/.test(k) && val === 'true') out.push('polaris/' + k.slice('polaris.fairwinds.com/'.length, -'-exempt'.length));
  }
  return out;
}

/** Runs every Kubernetes rule over a set of objects (from one or many files: coverage rules look across all). */
export function scanK8sObjects(objects: K8sObject[], skip: string[] = [], options: RuleOptions = {}): { findings: Finding[]; warnings: ScanWarning[] } {
  const findings: Finding[] = [];
  const warnings: ScanWarning[] = [];
  const rules = kubernetesRules.filter((r) => !skip.some((t) => ruleMatches(r, t)));
  for (const obj of objects) {
    const tokens = ignoreTokens(obj);
    const ctx = { obj, all: objects, options };
    for (const r of rules) {
      if (tokens.some((t) => ruleMatches(r, t) || (t === 'polaris/*' && r.aliases.some((a) => a.startsWith('polaris/'))))) continue;
      let issues;
      try {
        issues = r.check(ctx);
      } catch (e) {
        warnings.push({ what: `rule ${r.id} failed on ${obj.kind}/${obj.name}: ${(e as Error).message}`, where: `${obj.path}:${obj.doc.line}` });
        continue;
      }
      for (const is of issues) findings.push(toFinding(r, is, obj.path, obj.path));
    }
  }
  return { findings, warnings };
}
