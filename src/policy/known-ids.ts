import { configError, usageError } from '../core/errors.js';

/**
 * Vulnerability ids cannot be checked against a list (a CVE may be newer than the DB), so they are
 * recognised by shape: CVE-2024-1234, GHSA-xxxx-xxxx-xxxx, GO-2024-1, RHSA-2024:1234, DSA-5000-1,
 * USN-6000-1, TEMP-0000000-ABCDEF, NSWG-ECO-1, CGA-… Anything else must be a rule we have.
 */
const VULN_ID = /^(GHSA(-[0-9a-z]{4}){3}|[A-Z][A-Z0-9]*(-[A-Z]+)*-\d{4}[-:][\w.:-]+|(DSA|DLA|DTSA|USN|NSWG-ECO)-\d+(-\d+)?|TEMP-\d+-\w+|CGA(-[0-9a-z]{4}){3})$/i;

export const looksLikeVulnerabilityId = (id: string) => VULN_ID.test(id.trim());

/**
 * Every rule id, slug and alias a finding can carry: misconfiguration and image rules, secret
 * rules, base-image and signature checks, plus the policy file's own CEL policy ids. Loaded only
 * when there is something to check (the rule modules are not small).
 */
export async function knownRuleNames(extra: string[] = []): Promise<Set<string>> {
  const [{ allRuleMeta }, { builtinRules }, { BASE_IMAGE_RULES }] = await Promise.all([
    import('../misconfig/index.js'),
    import('../secrets/rules/index.js'),
    import('./base-image.js'),
  ]);
  const names = new Set<string>(['*', 'all', 'CG-BASE-005', 'CG-BASE-006', ...Object.values(BASE_IMAGE_RULES).map((r) => r.id), ...extra].map((s) => s.toLowerCase()));
  for (const r of [...allRuleMeta(), ...builtinRules]) {
    for (const n of [r.id, r.slug, ...r.aliases]) {
      const l = n.toLowerCase();
      names.add(l);
      // kube-linter/privileged-container is also written as a bare "privileged-container".
      if (l.includes('/')) names.add(l.split('/').pop()!);
      // Trivy's AVD-DS-0026 is also written DS-0026 and DS026 (.trivyignore).
      const avd = /^avd-([a-z]+)-0*(\d+)$/.exec(l);
      if (avd) names.add(`${avd[1]}-${avd[2].padStart(4, '0')}`).add(`${avd[1]}${avd[2].padStart(3, '0')}`);
    }
  }
  return names;
}

/** The ids in `ids` that name neither a known rule nor a vulnerability. */
export async function unknownIds(ids: string[], extra: string[] = []): Promise<string[]> {
  const candidates = ids.map((s) => s.trim()).filter((s) => s && !looksLikeVulnerabilityId(s));
  if (candidates.length === 0) return [];
  const known = await knownRuleNames(extra);
  return [...new Set(candidates.filter((s) => !known.has(s.toLowerCase())))];
}

/** `--skip-rules X,Y`: an id we do not have is a usage error, not a silent no-op. */
export async function checkSkipRules(ids: string[], flag: string): Promise<void> {
  const bad = await unknownIds(ids);
  if (bad.length) throw usageError(`unknown rule id${bad.length > 1 ? 's' : ''} ${bad.join(', ')} (see docs/rules)`, flag);
}

/** Ignore entries (policy file or ignore file) naming rules we do not have: a config error at the first one's line. */
export async function checkIgnoreIds(entries: { id?: string; rules?: string[]; where: string }[], policyIds: string[]): Promise<void> {
  const all = entries.flatMap((e) => [...(e.id ? [e.id] : []), ...(e.rules ?? [])]);
  const bad = await unknownIds(all, policyIds);
  if (bad.length === 0) return;
  const first = entries.find((e) => [e.id, ...(e.rules ?? [])].some((x) => x && bad.includes(x.trim())))!;
  throw configError(`unknown rule or vulnerability id${bad.length > 1 ? 's' : ''} ${bad.join(', ')} in ignores`, first.where);
}
