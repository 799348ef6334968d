import { debianNamespace } from '../names.js';
import type { AffectedEntry, FeedSink } from '../types.js';
import { FeedError } from './errors.js';
import { trackerUrl, unfixedStatus, urgencySeverity } from './debian-common.js';
import type { Feed } from './feed.js';

/**
 * The Debian security tracker's JSON (https://security-tracker.debian.org/tracker/data/json):
 * source package → CVE → releases → codename → {status, fixed_version, urgency, nodsa,
 * nodsa_reason, repositories}. Every release the tracker follows is stated explicitly.
 */
export const id = 'debian-tracker';

interface ReleaseState {
  status?: string;
  fixed_version?: string;
  urgency?: string;
  nodsa?: string;
  nodsa_reason?: string;
}

/** Package → { "CVE-…" | "TEMP-…": { releases: {…} } } */
export function looksLikeTracker(doc: unknown): boolean {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return false;
  for (const cves of Object.values(doc as Record<string, unknown>).slice(0, 5)) {
    if (!cves || typeof cves !== 'object') return false;
    for (const [k, v] of Object.entries(cves as Record<string, unknown>).slice(0, 3)) {
      if (/^(CVE|TEMP)-/.test(k) && v && typeof v === 'object' && 'releases' in v) return true;
    }
  }
  return false;
}

export function parseTracker(doc: unknown, where: string, sink: FeedSink): number {
  let n = 0;
  for (const [pkg, cves] of Object.entries(doc as Record<string, Record<string, unknown>>)) {
    if (!cves || typeof cves !== 'object') throw new FeedError(`Debian tracker: package "${pkg}" is not a map of CVEs`, where);
    for (const [cve, entryRaw] of Object.entries(cves)) {
      const entry = entryRaw as { description?: string; releases?: Record<string, ReleaseState> | unknown[] };
      if (!entry || typeof entry !== 'object') throw new FeedError(`Debian tracker: ${pkg}/${cve} is not an object`, where);
      const releases = entry.releases && !Array.isArray(entry.releases) ? entry.releases : {};
      const rows: AffectedEntry[] = [];
      for (const [codename, st] of Object.entries(releases)) {
        const row = releaseRow(cve, pkg, codename, st);
        if (row) rows.push(row);
      }
      if (rows.length === 0) continue;
      sink.vuln(
        { id: cve, aliases: [], title: entry.description?.trim() || undefined, cvss: [], references: [trackerUrl(cve)] },
        { shared: true, minimal: true },
      );
      for (const r of rows) sink.affected(r);
      n++;
    }
  }
  return n;
}

function releaseRow(cve: string, pkg: string, codename: string, st: ReleaseState): AffectedEntry | undefined {
  const base = { vulnId: cve, namespace: debianNamespace(codename), package: pkg, severity: urgencySeverity(st.urgency) };
  const urgency = String(st.urgency ?? '').replace(/\*+$/, '');
  if (st.status === 'resolved') {
    const v = st.fixed_version;
    if (!v || v === '0') return { ...base, ranges: [], status: 'not_affected', fixed: [] };
    return { ...base, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: v }] }], status: 'fixed', fixed: [v] };
  }
  if (st.status === 'open' || st.status === 'undetermined') {
    let status = unfixedStatus(st.status);
    let note: string | undefined;
    if (urgency === 'end-of-life') status = 'end_of_life';
    else if (st.nodsa !== undefined) {
      status = unfixedStatus(st.nodsa_reason || 'no-dsa');
      note = `${st.nodsa_reason || 'no-dsa'}${st.nodsa ? `: ${st.nodsa}` : ''}`;
    }
    if (urgency === 'unimportant') note = note ? `unimportant; ${note}` : 'unimportant';
    return { ...base, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }], status, fixed: [], note };
  }
  return undefined;
}

export const feed: Feed = { id, parseDocument: (doc, where, sink) => (looksLikeTracker(doc) ? parseTracker(doc, where, sink) : undefined) };
