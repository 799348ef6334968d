import { PackageURL } from 'packageurl-js';
import { parseSeverity } from '../../core/severity.js';
import { distroNamespace } from '../names.js';
import type { FeedSink, RangeSpec, VulnStatus } from '../types.js';
import { FeedError } from './errors.js';
import type { Feed } from './feed.js';

/**
 * Red Hat's CSAF VEX documents (https://security.access.redhat.com/data/csaf/v2/vex/, one per CVE).
 * The product tree names products: RHEL streams by CPE (`cpe:/o:redhat:enterprise_linux:9::baseos`)
 * and rpms by purl (`pkg:rpm/redhat/pam@1.5.1-21.el9_5?arch=x86_64&epoch=1`, modular ones with
 * `rpmmod=nodejs:18:…`); relationships put an rpm into a stream ("STREAM:RPM"). Per product:
 *
 * - `vendor_fix` remediation (or `product_status.fixed`) → fixed in the purl's version;
 * - `no_fix_planned` ("Will not fix", "Out of support scope") → `will_not_fix`;
 * - `none_available` ("Affected", "Deferred") → `affected` / `fix_deferred`;
 * - `known_not_affected` → `not_affected` (masks the release);
 * - the `impact` threat is the severity for that product.
 * Products that are not rpms of Red Hat Enterprise Linux (images, other products) are skipped.
 */
export const id = 'csaf-vex';

interface Branch {
  category?: string;
  name?: string;
  product?: { product_id?: string; product_identification_helper?: { cpe?: string; purl?: string } };
  branches?: Branch[];
}
interface Relationship {
  full_product_name?: { product_id?: string };
  product_reference?: string;
  relates_to_product_reference?: string;
}
interface Vulnerability {
  cve?: string;
  notes?: { category?: string; text?: string }[];
  product_status?: Record<string, string[] | undefined>;
  remediations?: { category?: string; details?: string; url?: string; product_ids?: string[] }[];
  threats?: { category?: string; details?: string; product_ids?: string[] }[];
  scores?: { cvss_v3?: { vectorString?: string }; cvss_v4?: { vectorString?: string }; products?: string[] }[];
  references?: { url?: string }[];
  release_date?: string;
}

export function looksLikeCsafVex(doc: unknown): boolean {
  const d = doc as { document?: { category?: unknown }; vulnerabilities?: unknown } | null;
  return !!d && typeof d === 'object' && d.document?.category === 'csaf_vex' && Array.isArray(d.vulnerabilities);
}

interface Rpm { name: string; version?: string; module?: string }

export function parseCsafVex(doc: unknown, where: string, sink: FeedSink): number {
  const d = doc as { document?: { title?: string }; product_tree?: { branches?: Branch[]; relationships?: Relationship[] }; vulnerabilities: Vulnerability[] };
  const streams = new Map<string, string>(); // product id → namespace
  const rpms = new Map<string, Rpm>();
  const walk = (list: Branch[] | undefined) => {
    for (const b of list ?? []) {
      const pid = b.product?.product_id;
      const helper = b.product?.product_identification_helper;
      if (pid && helper?.cpe) {
        const m = /^cpe:\/[ao]:redhat:enterprise_linux:(\d+)/.exec(helper.cpe);
        if (m) streams.set(pid, distroNamespace('redhat', m[1]));
      } else if (pid && helper?.purl?.startsWith('pkg:rpm/')) {
        const rpm = rpmOf(helper.purl);
        if (rpm) rpms.set(pid, rpm);
      }
      walk(b.branches);
    }
  };
  walk(d.product_tree?.branches);
  const products = new Map<string, { namespace: string; rpm: Rpm }>();
  for (const r of d.product_tree?.relationships ?? []) {
    const full = r.full_product_name?.product_id;
    const ns = streams.get(r.relates_to_product_reference ?? '');
    const rpm = rpms.get(r.product_reference ?? '');
    if (full && ns && rpm) products.set(full, { namespace: ns, rpm });
  }
  let n = 0;
  for (const [i, v] of d.vulnerabilities.entries()) {
    if (!v || typeof v !== 'object') throw new FeedError(`CSAF vulnerabilities[${i}] is not an object`, where);
    if (!v.cve) continue; // a document about no CVE (Red Hat publishes a few placeholders)
    const description = v.notes?.find((x) => x.category === 'description')?.text?.trim();
    const cvss = (v.scores ?? []).flatMap((s) => [s.cvss_v3?.vectorString, s.cvss_v4?.vectorString]).filter((x): x is string => !!x).map((vector) => ({ vector }));
    sink.vuln(
      { id: v.cve, aliases: [], title: d.document?.title?.trim() || undefined, description, cvss: [...new Map(cvss.map((c) => [c.vector, c])).values()], references: (v.references ?? []).map((r) => r.url).filter((u): u is string => !!u), published: v.release_date },
      { shared: true },
    );
    const severity = new Map<string, string>();
    for (const t of v.threats ?? []) if (t.category === 'impact' && t.details) for (const p of t.product_ids ?? []) severity.set(p, t.details);
    const state = new Map<string, { status: VulnStatus; advisory?: string }>();
    const set = (ids: string[] | undefined, status: VulnStatus, advisory?: string) => {
      for (const p of ids ?? []) if (!state.has(p)) state.set(p, { status, advisory });
    };
    for (const r of v.remediations ?? []) {
      const advisory = /\/errata\/(RH[SBE]A-\d{4}:\d+)/.exec(r.url ?? '')?.[1];
      if (r.category === 'vendor_fix') set(r.product_ids, 'fixed', advisory);
      else if (r.category === 'no_fix_planned') set(r.product_ids, 'will_not_fix');
      else if (r.category === 'none_available') set(r.product_ids, /defer/i.test(r.details ?? '') ? 'fix_deferred' : 'affected');
    }
    set(v.product_status?.fixed, 'fixed');
    set(v.product_status?.known_not_affected, 'not_affected');
    set(v.product_status?.known_affected, 'affected');
    set(v.product_status?.under_investigation, 'under_investigation');
    for (const [pid, st] of state) {
      const p = products.get(pid);
      if (!p) continue;
      const fixed = st.status === 'fixed' ? p.rpm.version : undefined;
      if (st.status === 'fixed' && !fixed) continue; // a fix names a version; a bare source entry adds nothing
      const ranges: RangeSpec[] = [{ type: 'ECOSYSTEM', events: fixed ? [{ introduced: '0' }, { fixed }] : [{ introduced: '0' }] }];
      const sev = severity.get(pid);
      sink.affected({
        vulnId: v.cve,
        namespace: p.namespace,
        package: p.rpm.name,
        ranges,
        status: st.status,
        fixed: fixed ? [fixed] : [],
        severity: sev ? parseSeverity(sev) : undefined,
        advisories: st.advisory ? [st.advisory] : undefined,
        module: p.rpm.module,
      });
    }
    n++;
  }
  return n;
}

/** "pkg:rpm/redhat/pam@1.5.1-21.el9_5?arch=x86_64&epoch=1&rpmmod=nodejs:18:…" → name, "1:1.5.1-21.el9_5", "nodejs:18". */
function rpmOf(purl: string): Rpm | undefined {
  let p: PackageURL;
  try {
    p = PackageURL.fromString(purl);
  } catch {
    return undefined;
  }
  const q = (p.qualifiers ?? {}) as Record<string, string>;
  const version = p.version ? (q.epoch !== undefined ? `${q.epoch}:${p.version}` : p.version) : undefined;
  const module = q.rpmmod ? q.rpmmod.split(':').slice(0, 2).join(':') : undefined;
  return { name: p.name, ...(version ? { version } : {}), ...(module ? { module } : {}) };
}

export const feed: Feed = { id, parseDocument: (doc, where, sink) => (looksLikeCsafVex(doc) ? parseCsafVex(doc, where, sink) : undefined) };
