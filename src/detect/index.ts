import type { Finding, OSInfo, Package, ScanWarning } from '../core/types.js';
import { fingerprint } from '../core/fingerprint.js';
import type { Severity } from '../core/severity.js';
import { schemeFor } from '../versions/index.js';
import type { VersionScheme } from '../versions/types.js';
import type { CvssScore } from '../vulndb/cvss.js';
import { preferredScore } from '../vulndb/cvss.js';
import { baseEcosystem, isRpmNamespace } from '../vulndb/names.js';
import type { AffectedRow, EpssScore, KevDetails, VulnDb } from '../vulndb/store.js';
import { dbAgeWarning } from '../vulndb/age.js';
import { matchDistro, matchLanguage, type MatchResult, type RangeErrors } from './match.js';
import { distroLookupNames, distroVersion, isOsPackage, languageKey, osNamespace } from './namespace.js';
import { epochTolerant, moduleStream } from './rpm-rules.js';
import { enrich, type SeveritySource } from './enrich.js';
import { memoScheme } from './memo-scheme.js';
import { append } from '../core/arrays.js';

export { isOsPackage, languageKey, osNamespace, goVersion } from './namespace.js';
export { scanVulnerabilities, type VulnScanOptions } from './scanner.js';

export interface DetectOptions {
  /** Drop findings with no fixed version (Trivy's --ignore-unfixed). */
  ignoreUnfixed?: boolean;
  /** Warn when the DB was built longer ago than this (ms; default 7 days, 0 = never). */
  maxDbAgeMs?: number;
  now?: Date;
  /** Matches and version schemes kept across calls with the same DB and options (the server re-matching thousands of images). */
  memo?: DetectMemo;
}

/** Opaque to callers: create with `{}` and pass it to every call against one DB. */
export interface DetectMemo {
  schemes?: Map<string, VersionScheme | null>;
  matched?: Map<string, { vulnId: string; m: MatchResult }[]>;
}

/** The fields a vulnerability finding adds to the common Finding shape. */
export interface VulnerabilityFinding extends Finding {
  kind: 'vulnerability';
  package: { name: string; version: string; ecosystem: string; purl: string; source?: { name: string; version: string } };
  installedVersion: string;
  fixedVersion?: string;
  status: MatchResult['status'];
  cvss: CvssScore[];
  /** The DB namespace matched: "npm", "Debian:12", "Alpine:v3.19". */
  namespace: string;
  /** Vendor words worth showing: "unimportant", "no-dsa: Minor issue", "fixed in sid in 1.2-3". */
  note?: string;
  /** Distro advisories that shipped the fix (DSA-…, DLA-…). */
  advisories?: string[];
  published?: string;
  /** What decided `severity`: the vendor's rating, the record's CVSS, NVD, or CVE JSON 5. */
  severitySource?: SeveritySource;
  /** FIRST EPSS score of the CVE (the highest among the CVEs the record names). */
  epss?: EpssScore;
  /** Present when CISA lists the CVE as known exploited. */
  kev?: KevDetails;
}

/**
 * Matches an inventory against the DB. OS packages go to their distro release's rows by source
 * package; language packages by ecosystem and normalised name; packages an OS package owns are
 * skipped (the distro feed covers them). Versions the scheme cannot read become a warning, never
 * a match.
 */
export function detectVulnerabilities(
  packages: Package[],
  os: OSInfo | undefined,
  db: VulnDb,
  opts: DetectOptions = {},
): { findings: VulnerabilityFinding[]; warnings: ScanWarning[] } {
  const warnings: ScanWarning[] = [];
  const age = dbAgeWarning(db, opts.maxDbAgeMs, opts.now);
  if (age) warnings.push(age);
  if (os?.eol && /^\d{4}-\d{2}-\d{2}/.test(os.eol) && new Date(os.eol).getTime() < (opts.now ?? new Date()).getTime()) {
    // Trivy says the same: distros stop publishing fixes, so "no finding" means less after this date.
    warnings.push({ what: `${os.family} ${os.version} reached end of life on ${os.eol.slice(0, 10)}: it gets no more security fixes and its vulnerability data may be incomplete` });
  }
  const findings: VulnerabilityFinding[] = [];
  const schemes: Map<string, VersionScheme | null> = opts.memo ? (opts.memo.schemes ??= new Map()) : new Map();
  const errors: RangeErrors = { count: 0 };
  const osNs = os ? osNamespace(os) : undefined;
  const wildcardNs = osNs ? `${baseEcosystem(osNs)}:*` : undefined;
  let osSkipped = 0;
  const noScheme = new Set<string>();
  const matched: Map<string, { vulnId: string; m: MatchResult }[]> = opts.memo ? (opts.memo.matched ??= new Map()) : new Map();

  const scheme = (eco: string): VersionScheme | undefined => {
    if (!schemes.has(eco)) {
      let s: VersionScheme | null = null;
      try {
        const found = schemeFor(eco);
        s = found ? memoScheme(found.id === 'rpm' && osNs && isRpmNamespace(osNs) ? epochTolerant(found) : found) : null;
      } catch {
        s = null;
      }
      schemes.set(eco, s);
    }
    return schemes.get(eco) ?? undefined;
  };

  for (const p of packages) {
    if (p.ownedBy) continue;
    const where = p.locations[0]?.path ?? p.purl;
    let namespace: string;
    let name: string;
    let version: string;
    let rows: AffectedRow[];
    const os_ = isOsPackage(p);
    if (os_) {
      if (!osNs || !(db.hasNamespace(osNs) || (wildcardNs !== undefined && db.hasNamespace(wildcardNs)))) {
        osSkipped++;
        continue;
      }
      namespace = osNs;
      const names = distroLookupNames(osNs, p);
      name = names.join('\0');
      version = distroVersion(osNs, p);
      rows = names.flatMap((n) => [...db.affected(osNs, n), ...(wildcardNs ? db.affected(wildcardNs, n) : [])]);
      const stream = moduleStream(p);
      if (stream !== undefined) {
        rows = rows.filter((r) => !r.module || r.module === stream);
        name += `\0${stream}`;
      }
    } else {
      ({ namespace, name, version } = languageKey(p));
      rows = db.affected(namespace, name);
    }
    const eco = baseEcosystem(namespace);
    const s = scheme(eco);
    if (!s) {
      if (rows.length) noScheme.add(eco);
      continue;
    }
    // Nothing is known about this package: its version does not matter (a Go main module built
    // from a checkout has none), so no warning either.
    if (rows.length === 0) continue;
    try {
      s.validate(version);
    } catch (e) {
      warnings.push({ what: `unknown version "${version}" of ${p.name} (${p.ecosystem}): not matched`, where });
      continue;
    }
    // Images repeat packages (the same npm module in many node_modules): match each distinct
    // (namespace, name, version) once.
    const key = `${namespace}\0${name}\0${version}`;
    let matches = matched.get(key);
    if (!matches) {
      matches = [];
      const byVuln = new Map<string, AffectedRow[]>();
      for (const r of rows) {
        const list = byVuln.get(r.vulnId);
        if (list) list.push(r);
        else byVuln.set(r.vulnId, [r]);
      }
      for (const [vulnId, group] of byVuln) {
        const m = os_ ? matchDistro(s, version, group, errors) : matchLanguage(s, version, group, errors);
        if (m && !(opts.ignoreUnfixed && !m.fixedVersion)) matches.push({ vulnId, m });
      }
      matched.set(key, matches);
    }
    if (matches.length === 0) continue;
    append(findings, dedupeAliases(matches.map(({ vulnId, m }) => toFinding(p, namespace, vulnId, m, db)), os_));
  }

  if (osSkipped && os) {
    warnings.push({
      what: `no vulnerability data for ${os.family} ${os.version}${os.codename ? ` (${os.codename})` : ''} in the DB (namespace ${osNs}); ${osSkipped} OS packages not checked`,
    });
  } else if (osSkipped) {
    warnings.push({ what: `OS release unknown; ${osSkipped} OS packages not checked for vulnerabilities` });
  }
  for (const eco of noScheme) warnings.push({ what: `no version scheme for ecosystem ${eco}; its packages were not matched` });
  if (errors.count) {
    warnings.push({ what: `${errors.count} advisory ranges could not be read by their version scheme and were skipped (e.g. ${errors.example})` });
  }
  findings.sort((a, b) => a.package.name.localeCompare(b.package.name) || a.package.version.localeCompare(b.package.version) || a.id.localeCompare(b.id));
  return { findings, warnings };
}

function toFinding(p: Package, namespace: string, vulnId: string, m: MatchResult, db: VulnDb): VulnerabilityFinding {
  const v = db.vuln(vulnId);
  // Records without scores of their own already carry their aliases' (borrowed at build time).
  const e = enrich(db, vulnId, v, m.severity);
  const location = p.locations[0] ?? { path: p.purl };
  // A feed without titles (Debian's tracker) borrows one from an alias (the GHSA or OSV record).
  const aliasTitle = () => (v?.aliases ?? []).map((a) => db.vuln(a)?.title).find((t) => t);
  const title = e.title || aliasTitle() || firstLine(e.description) || vulnId;
  const f: VulnerabilityFinding = {
    kind: 'vulnerability',
    id: vulnId,
    aliases: v?.aliases ?? [],
    severity: e.severity,
    title,
    target: location.path,
    location,
    fingerprint: fingerprint('vulnerability', vulnId, p.purl || `${p.ecosystem}/${p.name}@${p.version}`, location.path),
    description: e.description,
    references: v?.references ?? [],
    package: { name: p.name, version: p.version, ecosystem: p.ecosystem, purl: p.purl, ...(p.source ? { source: p.source } : {}) },
    installedVersion: isOsPackage(p) ? distroVersion(namespace, p) : p.version,
    status: m.status,
    cvss: e.cvss,
    namespace,
  };
  if (e.severitySource) f.severitySource = e.severitySource;
  if (e.epss) f.epss = e.epss;
  if (e.kev) f.kev = e.kev;
  if (m.fixedVersion) {
    f.fixedVersion = m.fixedVersion;
    f.fix = `upgrade ${p.name} to ${m.fixedVersion}`;
  }
  if (m.note) f.note = m.note;
  if (m.advisories.length) f.advisories = m.advisories;
  if (v?.published) f.published = v.published;
  return f;
}

function firstLine(s: string | undefined): string | undefined {
  const line = s?.split('\n').find((l) => l.trim())?.trim();
  return line && line.length > 160 ? line.slice(0, 157) + '…' : line;
}

/** Ecosystem databases first (Go, PyPA, RustSec…), then GHSA, then the rest. */
function idRank(id: string): number {
  if (/^(GO|PYSEC|RUSTSEC|OSV|DEBIAN|DSA|DLA|ALSA|RLSA|USN|UBUNTU)-/.test(id)) return 0;
  if (id.startsWith('GHSA-')) return 1;
  if (id.startsWith('CVE-')) return 2;
  if (id.startsWith('NSWG-')) return 3; // the legacy npm advisories GitHub migrated into GHSA
  return 4;
}

/** The npm advisory a record points at ("https://www.npmjs.com/advisories/1523"): the same flaw. */
function npmAdvisoryKeys(refs: string[] | undefined): string[] {
  const out: string[] = [];
  for (const r of refs ?? []) {
    const m = /npmjs\.com\/advisories\/(\d+)/.exec(r);
    if (m) out.push(`npm-advisory:${m[1]}`);
  }
  return out;
}

/**
 * One finding per vulnerability per package: records that name each other (GO-… with alias
 * GHSA-…, two records sharing a CVE, a GHSA and a Node.js WG advisory pointing at the same npm
 * advisory) collapse into the higher-ranked one, aliases merged.
 */
export function dedupeAliases(list: VulnerabilityFinding[], distro = false): VulnerabilityFinding[] {
  if (list.length < 2) return list;
  // Distro advisories (ALAS-…, ELSA-…) each ship their own fix and often share CVEs: they merge
  // only with a record that names them directly, never through a shared CVE.
  const linked = (f: VulnerabilityFinding, names: Set<string>, k: { f: VulnerabilityFinding; names: Set<string> }) =>
    distro ? names.has(k.f.id) || k.f.aliases.includes(f.id) : [...names].some((n) => k.names.has(n));
  const sorted = [...list].sort((a, b) => idRank(a.id) - idRank(b.id) || a.id.localeCompare(b.id));
  const kept: { f: VulnerabilityFinding; names: Set<string> }[] = [];
  for (const f of sorted) {
    const names = new Set([f.id, ...f.aliases, ...npmAdvisoryKeys(f.references)]);
    const into = kept.find((k) => linked(f, names, k));
    if (into) {
      for (const n of names) into.names.add(n);
      into.f.aliases = [...new Set([...into.f.aliases, ...names])].filter((a) => a !== into.f.id && !a.startsWith('npm-advisory:')).sort();
      if (into.f.severity === 'UNKNOWN' && f.severity !== 'UNKNOWN') {
        into.f.severity = f.severity;
        if (f.severitySource) into.f.severitySource = f.severitySource;
      }
      if (f.kev && !into.f.kev) into.f.kev = f.kev;
      if (f.epss && (!into.f.epss || f.epss.score > into.f.epss.score)) into.f.epss = f.epss;
      if (into.f.cvss.length === 0) into.f.cvss = f.cvss;
    } else {
      kept.push({ f: { ...f, aliases: [...f.aliases].sort() }, names });
    }
  }
  return kept.map((k) => k.f);
}
