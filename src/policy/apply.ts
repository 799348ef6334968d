import { isMap, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import { fingerprint, type Finding, type ScanResult, type ScanWarning, type Severity } from '../core/index.js';
import { withClock, toCel } from './cel.js';
import { checkBaseImage, imageFacts } from './base-image.js';
import { ignoreMatcher, isExpired } from './ignore.js';
import type { CompiledPolicy, Policy } from './load.js';
import { decidingStatement, type VexStatement } from './vex.js';

/** A Kubernetes object for `on: kubernetes` policies, with where it was written. */
export interface KubernetesObject {
  path: string;
  line?: number;
  object: Record<string, unknown>;
}

export interface ApplyFlags {
  /** Keep only these severities (`--severity`); policy findings are kept whatever their severity. */
  severities?: Severity[];
  /** Returned when findings remain (`--exit-code`); default 0. */
  exitCode?: number;
  /** Drop vulnerabilities with no fixed version (`--ignore-unfixed`). */
  ignoreUnfixed?: boolean;
  /** Keep only vulnerabilities whose EPSS score is at least this (`--min-epss 0.1`). */
  minEpss?: number;
  /** Keep only vulnerabilities CISA lists as known exploited (`--kev`). */
  kev?: boolean;
  /** Statements from `loadVex`. */
  vex?: VexStatement[];
  /** Objects `on: kubernetes` policies evaluate (the config scanner passes what it parsed). */
  kubernetes?: KubernetesObject[];
  /** The run's clock (expiry, ages, daysSince). */
  now?: Date;
}

export interface ApplyOutcome {
  result: ScanResult;
  exitCode: number;
  warnings: ScanWarning[];
}

const hasFix = (f: Finding) =>
  (typeof f.fixedVersion === 'string' && f.fixedVersion !== '') || f.status === 'fixed';

/**
 * The policy stage: ignores (with expiry) and VEX hide findings and record why in
 * `result.suppressed`; `--ignore-unfixed` and the severity threshold filter; CEL and base-image
 * policies add `kind: "policy"` findings; the gate returns `exitCode` only when findings remain.
 * Order: ignores/VEX → policies (over what is left) → ignores on policy findings → filters → gate.
 */
export function applyPolicy(result: ScanResult, policy: Policy, flags: ApplyFlags = {}): ApplyOutcome {
  const now = flags.now ?? new Date();
  const warnings: ScanWarning[] = [];
  const suppressed = [...(result.suppressed ?? [])];

  const active = policy.ignores.filter((e) => {
    if (!isExpired(e, now)) return true;
    warnings.push({ what: `ignore entry for ${e.id ?? e.rules?.join(', ')} expired on ${e.expires}: it no longer hides findings`, where: e.where });
    return false;
  });
  const matchers = active.map(ignoreMatcher);
  const vex = flags.vex ?? [];

  const hide = (list: Finding[], withVex: boolean): Finding[] =>
    list.filter((f) => {
      const m = matchers.find((x) => x.matches(f));
      if (m) {
        suppressed.push({ finding: f, reason: m.entry.reason + (m.entry.expires ? ` (until ${m.entry.expires})` : ''), by: `ignore ${m.entry.where}` });
        return false;
      }
      if (!withVex || f.kind !== 'vulnerability' || vex.length === 0) return true;
      const s = decidingStatement(vex, f, result.artifact);
      if (s && (s.status === 'not_affected' || s.status === 'fixed')) {
        const why = [s.status, s.justification, s.statement].filter(Boolean).join(': ');
        suppressed.push({
          finding: { ...f, vex: { status: s.status, justification: s.justification, statement: s.statement, document: s.file } },
          reason: why,
          by: `vex ${s.where}`,
        });
        return false;
      }
      return true;
    });

  let findings = hide(result.findings, true);
  if (flags.ignoreUnfixed ?? policy.settings['ignore-unfixed']) {
    findings = findings.filter((f) => f.kind !== 'vulnerability' || hasFix(f));
  }

  const policyFindings = withClock(now, () => evaluatePolicies(result, findings, policy, flags.kubernetes ?? [], now, warnings));
  const keptPolicy = hide(policyFindings, false);

  const severities = flags.severities ?? policy.settings.severity;
  if (severities?.length) {
    const allowed = new Set(severities);
    findings = findings.filter((f) => allowed.has(f.severity));
  }
  // Risk filters narrow vulnerabilities only (and combine with --severity: both must hold).
  const minEpss = flags.minEpss ?? policy.settings['min-epss'];
  if (minEpss !== undefined) findings = findings.filter((f) => f.kind !== 'vulnerability' || ((f.epss as { score?: number } | undefined)?.score ?? -1) >= minEpss);
  if (flags.kev ?? policy.settings.kev) findings = findings.filter((f) => f.kind !== 'vulnerability' || f.kev !== undefined);
  findings = [...findings, ...keptPolicy];

  const exitCode = findings.length > 0 ? (flags.exitCode ?? policy.settings['exit-code'] ?? 0) : 0;
  return {
    result: {
      ...result,
      findings,
      suppressed,
      warnings: [...(result.warnings ?? []), ...warnings],
    },
    exitCode,
    warnings,
  };
}

function evaluatePolicies(
  result: ScanResult,
  findings: Finding[],
  policy: Policy,
  kubernetes: KubernetesObject[],
  now: Date,
  warnings: ScanWarning[],
): Finding[] {
  const out: Finding[] = [];
  if (policy.baseImage) out.push(...checkBaseImage(result.artifact, policy.baseImage, now, policy.file ?? ''));
  if (policy.policies.length === 0) return out;
  const artifact = toCel(result.artifact);
  const image = imageFacts(result.artifact, now);
  const nowText = now.toISOString();
  const failed = new Set<string>();
  const fire = (p: CompiledPolicy, vars: Record<string, unknown>, make: (message: string) => { target: string; location: Finding['location']; fingerprint: string; [k: string]: unknown }) => {
    const r = p.program(vars);
    if (r.error) {
      if (!failed.has(p.id)) warnings.push({ what: `policy ${p.id}: ${r.error} (counted as not matching; use has() for optional fields)`, where: p.where });
      failed.add(p.id);
      return;
    }
    if (r.value !== true) {
      if (typeof r.value !== 'boolean' && !failed.has(p.id)) {
        warnings.push({ what: `policy ${p.id}: "deny" gave ${typeof r.value}, not a boolean`, where: p.where });
        failed.add(p.id);
      }
      return;
    }
    const message = p.render(vars);
    const extra = make(message);
    const finding: Finding = {
      ...extra,
      kind: 'policy',
      id: p.id,
      aliases: [],
      severity: p.severity,
      title: p.title ? `${p.title}: ${message}` : message,
      description: message,
      ...(p.fix ? { fix: p.fix } : {}),
      target: extra.target,
      location: extra.location,
      fingerprint: extra.fingerprint,
      policy: { file: p.where },
    };
    out.push(finding);
  };
  for (const p of policy.policies) {
    if (p.on === 'finding') {
      for (const f of findings) {
        fire(p, { finding: toCel(f), artifact, image, now: nowText }, () => ({
          target: f.target,
          location: f.location,
          fingerprint: fingerprint('policy', p.id, f.fingerprint),
          about: { kind: f.kind, id: f.id, fingerprint: f.fingerprint },
          ...(f.package ? { package: f.package } : {}),
        }));
      }
    } else if (p.on === 'image') {
      if (result.artifact.type !== 'container_image') continue;
      fire(p, { image, artifact, now: nowText }, () => ({
        target: result.artifact.name,
        location: { path: result.artifact.name },
        fingerprint: fingerprint('policy', p.id, result.artifact.name),
      }));
    } else {
      for (const k of kubernetes) {
        const obj = toCel(k.object) as Record<string, unknown>;
        fire(p, { object: obj, path: k.path, artifact, now: nowText }, () => {
          const meta = (k.object.metadata ?? {}) as { name?: string; namespace?: string };
          return {
            target: k.path,
            location: { path: k.path, ...(k.line ? { line: k.line } : {}) },
            fingerprint: fingerprint('policy', p.id, k.path, String(k.object.kind ?? ''), meta.namespace ?? '', meta.name ?? ''),
            resource: `${k.object.kind ?? 'object'}/${meta.name ?? ''}`,
          };
        });
      }
    }
  }
  return out;
}

/** Every Kubernetes object (documents with apiVersion and kind) in a YAML stream, with its line. */
export function kubernetesObjects(text: string, path: string): KubernetesObject[] {
  const lines = new LineCounter();
  const out: KubernetesObject[] = [];
  const lineAt = (node: unknown) => {
    const r = (node as { range?: number[] } | null)?.range;
    return r ? lines.linePos(r[0]).line : undefined;
  };
  const isObject = (o: unknown): o is Record<string, unknown> => !!o && typeof o === 'object' && 'apiVersion' in o && 'kind' in o;
  for (const doc of parseAllDocuments(text, { lineCounter: lines })) {
    if (!('contents' in doc) || doc.errors.length) continue;
    const v = doc.toJS() as unknown;
    if (isObject(v) && v.kind === 'List' && Array.isArray(v.items)) {
      const seq = isMap(doc.contents) ? doc.contents.get('items', true) : undefined;
      v.items.forEach((item, i) => {
        if (isObject(item)) out.push({ path, line: lineAt(isSeq(seq) ? seq.items[i] : undefined) ?? lineAt(doc.contents), object: item });
      });
    } else if (isObject(v)) {
      out.push({ path, line: lineAt(doc.contents), object: v });
    }
  }
  return out;
}
