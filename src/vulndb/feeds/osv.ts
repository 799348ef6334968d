import { parseSeverity } from '../../core/severity.js';
import { canonicalEcosystem, normalizePackageName } from '../names.js';
import type { FeedSink, OsvEvent, RangeSpec, VulnRecord } from '../types.js';
import { FeedError } from './errors.js';
import type { Feed } from './feed.js';

/** OSV schema (https://ossf.github.io/osv-schema/): JSON or YAML, one record per file or inside all.zip. */
export const id = 'osv';

interface OsvAffected {
  package?: { ecosystem?: string; name?: string; purl?: string };
  ranges?: { type?: string; events?: OsvEvent[] }[];
  versions?: string[];
  severity?: { type?: string; score?: string }[];
  ecosystem_specific?: { severity?: string };
  database_specific?: { severity?: string; informational?: string | null };
}

interface OsvRecord {
  id?: string;
  modified?: string;
  published?: string;
  withdrawn?: string;
  aliases?: string[];
  upstream?: string[];
  related?: string[];
  summary?: string;
  details?: string;
  severity?: { type?: string; score?: string }[];
  affected?: OsvAffected[];
  references?: { type?: string; url?: string }[];
  database_specific?: { severity?: string };
}

/** True for anything shaped like an OSV record (an id plus affected or modified). */
export function looksLikeOsv(doc: unknown): boolean {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return false;
  const d = doc as Record<string, unknown>;
  return typeof d.id === 'string' && ('affected' in d || typeof d.modified === 'string' || 'schema_version' in d);
}

const SCORE_TYPES = new Set(['CVSS_V2', 'CVSS_V3', 'CVSS_V4']);

/** Adds one OSV record; returns false if it was withdrawn or a duplicate of an id already loaded. */
export function parseOsv(doc: unknown, where: string, sink: FeedSink): boolean {
  const rec = doc as OsvRecord;
  if (typeof rec?.id !== 'string' || !rec.id) throw new FeedError('OSV record without an "id"', where);
  if (rec.affected !== undefined && !Array.isArray(rec.affected)) throw new FeedError(`OSV record ${rec.id}: "affected" is not a list`, where);
  if (rec.withdrawn) return false;
  // RustSec's "unmaintained" / "notice" advisories flag every version of a crate without a flaw
  // to fix (cargo-audit shows them as warnings); the native RustSec feed skips them the same way.
  const informational = (a: OsvAffected) => {
    const kind = (a.database_specific as { informational?: unknown } | undefined)?.informational;
    return typeof kind === 'string' && kind !== 'unsound';
  };
  if (rec.affected?.length && rec.affected.every(informational)) return false;
  const severities = [...(rec.severity ?? [])];
  for (const a of rec.affected ?? []) severities.push(...(a.severity ?? []));
  // Vendor words: GHSA's database_specific.severity, or a non-CVSS severity entry (Ubuntu's
  // {"type": "Ubuntu", "score": "medium"}).
  const vendor =
    rec.database_specific?.severity ??
    rec.affected?.find((a) => a.database_specific?.severity)?.database_specific?.severity ??
    severities.find((s) => !SCORE_TYPES.has(String(s.type)) && typeof s.score === 'string' && !s.score.includes('/'))?.score;
  const vuln: VulnRecord = {
    id: rec.id,
    // `upstream` (OSV 1.7: Ubuntu's UBUNTU-CVE-… → CVE-…) names the same flaw for EPSS, KEV and NVD.
    aliases: [...new Set([...(rec.aliases ?? []), ...(Array.isArray(rec.upstream) ? rec.upstream : []).filter((u) => typeof u === 'string' && /^CVE-\d+-\d+$/.test(u))])].filter((a) => a !== rec.id),
    title: rec.summary?.trim() || undefined,
    description: rec.details?.trim() || undefined,
    vendorSeverity: vendor ? parseSeverity(vendor) : undefined,
    cvss: severities
      .filter((s) => SCORE_TYPES.has(String(s.type)) && typeof s.score === 'string')
      .map((s) => ({ vector: s.score as string })),
    references: (rec.references ?? []).map((r) => r.url).filter((u): u is string => typeof u === 'string'),
    published: rec.published,
    modified: rec.modified,
  };
  if (!sink.vuln(vuln)) return false;
  for (const a of rec.affected ?? []) {
    const eco = a.package?.ecosystem;
    const name = a.package?.name;
    if (!eco || !name) continue; // affected entries without a package name only carry git ranges
    const namespace = canonicalEcosystem(eco);
    const ranges: RangeSpec[] = [];
    const fixed: string[] = [];
    for (const r of a.ranges ?? []) {
      if (r.type !== 'ECOSYSTEM' && r.type !== 'SEMVER') continue; // GIT ranges need commits, not versions
      if (!Array.isArray(r.events) || r.events.length === 0) continue;
      ranges.push({ type: r.type, events: r.events });
      for (const e of r.events) if (e.fixed) fixed.push(e.fixed);
    }
    if (Array.isArray(a.versions) && a.versions.length) ranges.push({ type: 'versions', versions: a.versions.map(String) });
    if (ranges.length === 0) continue;
    const sev = a.ecosystem_specific?.severity ?? a.database_specific?.severity;
    sink.affected({
      vulnId: rec.id,
      namespace,
      package: normalizePackageName(namespace, name),
      ranges,
      fixed: [...new Set(fixed)],
      severity: sev ? parseSeverity(sev) : undefined,
    });
  }
  return true;
}

/** An OSV record, bare or in vunnel's result envelope `{identifier, item, schema}` (its Ubuntu, AlmaLinux output). */
function osvOf(doc: unknown): unknown {
  if (looksLikeOsv(doc)) return doc;
  const d = doc as { item?: unknown; identifier?: unknown } | null;
  return typeof d?.identifier === 'string' && looksLikeOsv(d.item) ? d.item : undefined;
}

export const feed: Feed = {
  id,
  parseDocument: (doc, where, sink) => {
    const rec = osvOf(doc);
    return rec === undefined ? undefined : parseOsv(rec, where, sink) ? 1 : 0;
  },
};
