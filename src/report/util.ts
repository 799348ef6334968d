import { createHash } from 'node:crypto';
import { SEVERITIES, severityRank, type Finding, type Package, type ScanResult, type Severity } from '../core/index.js';

/** Options every writer accepts; each writer ignores what it does not need. */
export interface ReportOptions {
  /** ANSI colours (table only). The CLI sets it when the output is a TTY and NO_COLOR is unset. */
  color?: boolean;
  /** Fixed clock for reproducible timestamps (tests, reproducible builds). */
  now?: Date;
  /** Tool version written into SARIF / CycloneDX / SPDX metadata. */
  toolVersion?: string;
  /** Markdown: maximum rows listed before "… and N more" (default 50). */
  maxRows?: number;
}

export type ReportWriter = (result: ScanResult, opts?: ReportOptions) => string;

export { TOOL_NAME, TOOL_VERSION } from '../core/version.js';
export const TOOL_URI = 'https://github.com/coastguard-dev/coastguard';

/** The package a vulnerability finding is about, as the matcher writes it (issue 4). */
export interface FindingPackage {
  name: string;
  version?: string;
  ecosystem?: string;
  purl?: string;
}

export function findingPackage(f: Finding): FindingPackage | undefined {
  const p = f.package;
  if (p && typeof p === 'object' && typeof (p as FindingPackage).name === 'string') return p as FindingPackage;
  if (typeof p === 'string') return { name: p, version: str(f.installedVersion), purl: str(f.purl) };
  if (typeof f.pkgName === 'string') return { name: f.pkgName, version: str(f.installedVersion), purl: str(f.purl) };
  return undefined;
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export const fixedVersion = (f: Finding): string | undefined => str(f.fixedVersion);

/** "Why it matters": misconfig rules carry `why`; vulnerabilities a description. */
export const whyText = (f: Finding): string | undefined => str(f.why) ?? str(f.description);

/** "How to fix": the rule's fix, or for a vulnerability the upgrade that removes it. */
export function fixText(f: Finding): string | undefined {
  const fix = str(f.fix);
  if (fix) return fix;
  const fv = fixedVersion(f);
  const p = findingPackage(f);
  if (fv && p) return `Upgrade ${p.name} from ${p.version ?? 'the installed version'} to ${fv} or later.`;
  if (f.kind === 'vulnerability') return 'No fixed version is published yet; consider removing the package or mitigating.';
  return undefined;
}

export function severityCounts(findings: Finding[]): Record<Severity, number> {
  const c = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) c[f.severity] = (c[f.severity] ?? 0) + 1;
  return c;
}

export function kindCounts(findings: Finding[]): Record<string, number> {
  const c: Record<string, number> = {};
  for (const f of findings) c[f.kind] = (c[f.kind] ?? 0) + 1;
  return c;
}

/** Most severe first, then by id, then location: every writer lists findings in this order. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      a.target.localeCompare(b.target) ||
      a.id.localeCompare(b.id) ||
      (findingPackage(a)?.name ?? '').localeCompare(findingPackage(b)?.name ?? '') ||
      a.location.path.localeCompare(b.location.path) ||
      (a.location.line ?? 0) - (b.location.line ?? 0),
  );
}

/** Groups in first-seen order (targets keep the scanner's order). */
export function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

export function packageKey(p: Package): string {
  return p.purl || `${p.ecosystem}/${p.name}@${p.version}`;
}

/** The artifact's display name with its OS, as headers show it. */
export function artifactTitle(result: ScanResult): string {
  const os = result.artifact.os;
  return os ? `${result.artifact.name} (${os.family} ${os.version})` : result.artifact.name;
}

export function isoNow(opts?: ReportOptions): string {
  return (opts?.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function escapeXml(s: string): string {
  // Characters XML 1.0 forbids are dropped; the five specials escaped.
  return s
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export const escapeHtml = escapeXml;

/** Deterministic v4-shaped UUID from text, so the same scan gives the same serial number. */
export function stableUuid(text: string): string {
  return uuidFromHex(createHash('sha256').update(text).digest('hex'));
}

export function uuidFromHex(h: string): string {
  const v = h.slice(0, 32).split('');
  v[12] = '4';
  v[16] = ((parseInt(v[16], 16) & 0x3) | 0x8).toString(16);
  const s = v.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

/** "KEV · EPSS 0.944 (p99)": what is known about exploitation of a vulnerability finding, or ''. */
export function riskLabel(f: Finding): string {
  const parts: string[] = [];
  if (f.kev) parts.push('KEV');
  const e = f.epss as { score?: number; percentile?: number } | undefined;
  if (typeof e?.score === 'number') parts.push(`EPSS ${e.score.toFixed(3)}${typeof e.percentile === 'number' ? ` (p${Math.floor(e.percentile * 100)})` : ''}`);
  return parts.join(' · ');
}
