import { parseSeverity } from '../../core/severity.js';
import { distroNamespace } from '../names.js';
import type { FeedSink, RangeSpec, VulnStatus } from '../types.js';
import { FeedError } from './errors.js';
import type { Feed } from './feed.js';

/**
 * vunnel's normalized OS records (schema vulnerability/os 1.x), the one shape its distro
 * providers write (Ubuntu, RHEL, Amazon, SLES, Oracle, Photon, Mariner/Azure Linux, Wolfi,
 * Chainguard, Debian…): `{identifier, item: {Vulnerability: {Name, NamespaceName, Severity,
 * FixedIn: [{Name, Version, VersionFormat, NamespaceName, Module, VendorAdvisory,
 * VulnerableRange}], Link, Description, CVSS, Metadata}}}`. One record per file under
 * `results/<namespace>/`, or the bare `{Vulnerability}` item.
 *
 * - `Version: "None"` (or empty) is unfixed: `will_not_fix` when the vendor says there will be no
 *   advisory (`VendorAdvisory.NoAdvisory`), `affected` otherwise. `Version: "0"` is "never
 *   affected" (Wolfi, Alpine-style) and adds no row.
 * - `Severity` is the vendor's rating for that release, kept on the row (one CVE has different
 *   ratings per distribution). "Unknown" leaves it to CVSS / NVD.
 * - `VulnerableRange` (Mariner, Chainguard) bounds the vulnerable versions from below as well.
 * - `Module` (RHEL) restricts the row to packages of that module stream.
 */
export const id = 'vunnel-os';

interface FixedIn {
  Name?: unknown;
  Version?: unknown;
  VersionFormat?: unknown;
  NamespaceName?: unknown;
  Module?: unknown;
  VendorAdvisory?: { NoAdvisory?: unknown; AdvisorySummary?: { ID?: unknown }[] | null } | null;
  VulnerableRange?: unknown;
}

interface Vulnerability {
  Name?: unknown;
  NamespaceName?: unknown;
  Severity?: unknown;
  Description?: unknown;
  Link?: unknown;
  CVSS?: { vector_string?: unknown }[] | null;
  FixedIn?: FixedIn[] | null;
  Metadata?: { CVE?: { Name?: unknown; Link?: unknown }[]; Issued?: unknown; Updated?: unknown } | null;
}

/** `{Vulnerability: {...}}`, bare or inside vunnel's `{identifier, item}` envelope. */
export function looksLikeVunnelOs(doc: unknown): boolean {
  const d = doc as { item?: unknown; Vulnerability?: unknown } | null;
  if (!d || typeof d !== 'object') return false;
  const inner = (d.item ?? d) as { Vulnerability?: { NamespaceName?: unknown; FixedIn?: unknown }; Advisory?: unknown };
  // vunnel's GitHub records carry an (empty) Vulnerability beside their Advisory: not OS records.
  if (!inner || typeof inner !== 'object' || inner.Advisory !== undefined) return false;
  const v = inner.Vulnerability;
  return !!v && typeof v === 'object' && (typeof v.NamespaceName === 'string' || Array.isArray(v.FixedIn));
}

/** vunnel namespace prefixes → os family (src/analyze/os/families.ts). */
const VUNNEL_FAMILY: Record<string, string> = {
  ubuntu: 'ubuntu', debian: 'debian', alpine: 'alpine', wolfi: 'wolfi', chainguard: 'chainguard',
  rhel: 'redhat', redhat: 'redhat', centos: 'centos', ol: 'oracle', oracle: 'oracle', amzn: 'amazon', amazon: 'amazon',
  almalinux: 'alma', alma: 'alma', rockylinux: 'rocky', rocky: 'rocky', sles: 'sles', suse: 'sles',
  minimos: 'minimos', photon: 'photon', mariner: 'cbl-mariner', 'cbl-mariner': 'cbl-mariner', azurelinux: 'azurelinux', fedora: 'fedora',
};

/** "amzn:2" → "Amazon Linux:2", "rhel:8" → "Red Hat:8", "mariner:3.0" (Azure Linux 3) → "Azure Linux:3.0". */
export function vunnelNamespace(ns: string): string {
  const i = ns.indexOf(':');
  const prefix = (i < 0 ? ns : ns.slice(0, i)).toLowerCase();
  const version = i < 0 ? '' : ns.slice(i + 1);
  let family = VUNNEL_FAMILY[prefix];
  if (!family) return ns; // an unknown distribution keeps vunnel's spelling
  // vunnel files Azure Linux 3.0 under mariner:3.0 (the product was renamed at 3.0).
  if (family === 'cbl-mariner' && Number(/^(\d+)/.exec(version)?.[1]) >= 3) family = 'azurelinux';
  return distroNamespace(family, version);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

export function parseVunnelOs(doc: unknown, where: string, sink: FeedSink): number {
  const d = doc as { item?: { Vulnerability?: Vulnerability }; Vulnerability?: Vulnerability };
  const v = (d.item ?? d).Vulnerability as Vulnerability;
  const name = str(v.Name);
  if (!name) throw new FeedError('vunnel record without Vulnerability.Name', where);
  if (v.FixedIn != null && !Array.isArray(v.FixedIn)) throw new FeedError(`vunnel record ${name}: FixedIn is not a list`, where);
  const recordNs = str(v.NamespaceName);
  const severity = str(v.Severity) ? parseSeverity(str(v.Severity)) : undefined;
  const cves = (v.Metadata?.CVE ?? []).map((c) => str(c?.Name)).filter((c): c is string => !!c && c !== name);
  const description = str(v.Description);
  const cvss = (v.CVSS ?? []).map((c) => str(c?.vector_string)).filter((x): x is string => !!x).map((vector) => ({ vector }));
  const link = str(v.Link);
  sink.vuln(
    {
      id: name,
      aliases: [...new Set(cves)],
      description,
      cvss,
      references: link ? [link] : [],
      published: str(v.Metadata?.Issued),
      modified: str(v.Metadata?.Updated),
    },
    // A CVE recurs in every release and distribution; an empty one may be completed later.
    { shared: true, minimal: !description && cvss.length === 0 },
  );
  let rows = 0;
  for (const [i, f] of (v.FixedIn ?? []).entries()) {
    const pkg = str(f?.Name);
    const ns = str(f?.NamespaceName) ?? recordNs;
    if (!pkg || !ns) throw new FeedError(`vunnel record ${name}: FixedIn[${i}] has no Name or NamespaceName`, where);
    const version = typeof f.Version === 'string' ? f.Version.trim() : '';
    if (version === '0') continue; // never affected
    const unfixed = version === '' || version === 'None';
    const range = str(f.VulnerableRange);
    const ranges: RangeSpec[] = range
      ? [{ type: 'native', affected: [range] }]
      : [{ type: 'ECOSYSTEM', events: unfixed ? [{ introduced: '0' }] : [{ introduced: '0' }, { fixed: version }] }];
    const status: VulnStatus = !unfixed ? 'fixed' : f.VendorAdvisory?.NoAdvisory === true ? 'will_not_fix' : 'affected';
    const advisories = (f.VendorAdvisory?.AdvisorySummary ?? []).map((a) => str(a?.ID)).filter((a): a is string => !!a);
    sink.affected({
      vulnId: name,
      namespace: vunnelNamespace(ns),
      package: pkg,
      ranges,
      status,
      fixed: unfixed ? [] : [version],
      severity,
      advisories: advisories.length ? [...new Set(advisories)] : undefined,
      module: str(f.Module),
    });
    rows++;
  }
  return 1;
}

export const feed: Feed = {
  id,
  parseDocument: (doc, where, sink) => {
    // A list of records: grype's transformer inputs keep several in one file.
    if (Array.isArray(doc) && doc.length > 0 && doc.every(looksLikeVunnelOs)) return doc.reduce((n: number, d) => n + parseVunnelOs(d, where, sink), 0);
    return looksLikeVunnelOs(doc) ? parseVunnelOs(doc, where, sink) : undefined;
  },
};
