import { debianNamespace } from '../names.js';
import type { AffectedEntry, FeedSink, VulnStatus } from '../types.js';
import type { Severity } from '../../core/severity.js';
import { FeedError } from './errors.js';
import { trackerUrl, unfixedStatus, urgencySeverity } from './debian-common.js';
import type { Feed } from './feed.js';

/**
 * The security tracker's own text lists, as the tracker writes them (`data/CVE/list`,
 * `data/DSA/list`, `data/DLA/list`) or parsed one entry per file into JSON (vuln-list-debian:
 * `{Header, Annotations}`). A CVE's lines without `[release]` speak for sid; a release without a
 * line of its own inherits them (stored under "Debian:*", which any release-specific row —
 * including `<not-affected>` — overrides at match time). DSA/DLA entries give the release fix
 * for the CVEs they name.
 */
export const id = 'debian-list';

interface Annotation {
  Type?: string;
  Release?: string;
  Package?: string;
  Kind?: string;
  Version?: string;
  Severity?: string;
  Description?: string;
  Bugs?: string[];
}
interface ListEntry {
  Header?: { ID?: string; Description?: string };
  Annotations?: Annotation[];
}

export function looksLikeListJson(doc: unknown): boolean {
  const d = doc as ListEntry | null;
  return !!d && typeof d === 'object' && typeof d.Header?.ID === 'string' && Array.isArray(d.Annotations);
}

/** "[03 Oct 2023] DSA-5514-1 glibc - security update" starts a DSA/DLA list. */
export function looksLikeAdvisoryListText(text: string): boolean {
  return /^\[\d{1,2} \w{3} \d{4}\] D[SL]A-\d+/.test(text.trimStart());
}

/** "CVE-2023-1234 (description …)" starts a CVE list. */
export function looksLikeCveListText(text: string): boolean {
  return /^CVE-\d{4}-(\d+|XXXX)\b/.test(text.trimStart()) && /\n\s+(- |\[\w+\] - |NOTE:|\{)/.test(text.slice(0, 4000));
}

export function parseListJson(doc: unknown, where: string, sink: FeedSink): number {
  const e = doc as ListEntry;
  const id = e.Header!.ID!;
  if (/^D[SL]A-/.test(id)) return addAdvisory(id, e.Annotations ?? [], sink);
  if (/^(CVE|TEMP)-/.test(id)) return addCve(id, e.Header?.Description, e.Annotations ?? [], sink);
  throw new FeedError(`Debian tracker entry with unknown id "${id}"`, where);
}

/** DSA/DLA: every `[release] - package version` line fixes every CVE in the `{…}` cross-reference. */
function addAdvisory(advisory: string, anns: Annotation[], sink: FeedSink): number {
  const cves = anns.filter((a) => a.Type === 'xref').flatMap((a) => a.Bugs ?? []).filter((b) => /^CVE-/.test(b));
  let n = 0;
  for (const a of anns) {
    if (a.Type !== 'package' || !a.Release || !a.Package || a.Kind !== 'fixed' || !a.Version) continue;
    for (const cve of cves) {
      sink.vuln({ id: cve, aliases: [], cvss: [], references: [trackerUrl(cve)] }, { shared: true, minimal: true });
      sink.affected({
        vulnId: cve,
        namespace: debianNamespace(a.Release),
        package: a.Package,
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: a.Version }] }],
        status: 'fixed',
        fixed: [a.Version],
        advisories: [advisory],
      });
      n++;
    }
  }
  return n;
}

function addCve(cve: string, description: string | undefined, anns: Annotation[], sink: FeedSink): number {
  const pkgs = anns.filter((a) => a.Type === 'package' && a.Package);
  if (pkgs.length === 0) return 0;
  // The sid line's urgency is the CVE's urgency for releases whose line names none.
  const sidSeverity = new Map<string, { sev?: Severity; raw?: string }>();
  for (const a of pkgs) if (!a.Release) sidSeverity.set(a.Package!, { sev: urgencySeverity(a.Severity), raw: a.Severity });
  const rows: AffectedEntry[] = [];
  for (const a of pkgs) {
    const pkg = a.Package!;
    const inherited = sidSeverity.get(pkg);
    const severity = urgencySeverity(a.Severity) ?? inherited?.sev;
    const unimportant = (a.Severity ?? inherited?.raw) === 'unimportant';
    const kind = String(a.Kind ?? '');
    const targets = a.Release ? [debianNamespace(a.Release)] : ['Debian:sid', 'Debian:*'];
    for (const namespace of targets) {
      const wildcard = namespace === 'Debian:*';
      const base = { vulnId: cve, namespace, package: pkg, severity };
      if (kind === 'fixed' && a.Version) {
        if (a.Version === '0') {
          rows.push({ ...base, ranges: [], status: 'not_affected', fixed: [] });
        } else if (wildcard) {
          // Fixed in sid: a release without its own line is affected below that version, with no release fix known.
          rows.push({ ...base, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: a.Version }] }], status: 'affected', fixed: [], note: `fixed in sid in ${a.Version}` });
        } else {
          rows.push({ ...base, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: a.Version }] }], status: 'fixed', fixed: [a.Version] });
        }
      } else if (kind === 'not-affected') {
        rows.push({ ...base, ranges: [], status: 'not_affected', fixed: [] });
      } else if (['unfixed', 'no-dsa', 'postponed', 'ignored', 'end-of-life', 'undetermined'].includes(kind)) {
        const status: VulnStatus = unfixedStatus(kind);
        const notes = [unimportant ? 'unimportant' : '', kind !== 'unfixed' ? `${kind}${a.Description ? `: ${a.Description}` : ''}` : ''].filter(Boolean);
        rows.push({ ...base, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }] }], status, fixed: [], note: notes.join('; ') || undefined });
      }
      // <removed>, <itp>: the package is not in the archive; nothing to match.
    }
  }
  if (rows.length === 0) return 0;
  sink.vuln({ id: cve, aliases: [], title: cleanTitle(description), cvss: [], references: [trackerUrl(cve)] }, { shared: true, minimal: true });
  for (const r of rows) sink.affected(r);
  return 1;
}

/** "(It was found that apt-key … ...)" → "It was found that apt-key …" */
function cleanTitle(d: string | undefined): string | undefined {
  const t = String(d ?? '').trim().replace(/^[([]|[)\]]$/g, '').replace(/\s*\.\.\.$/, '…').trim();
  return t || undefined;
}

/** Parses the tracker's text form (DSA/DLA list or CVE list) into the same annotations. */
export function parseListText(text: string, where: string, sink: FeedSink): number {
  let n = 0;
  let header: { id: string; description?: string } | undefined;
  let anns: Annotation[] = [];
  const flush = () => {
    if (!header) return;
    n += /^D[SL]A-/.test(header.id) ? addAdvisory(header.id, anns, sink) : addCve(header.id, header.description, anns, sink);
  };
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    if (!line.trim()) continue;
    if (!/^\s/.test(line)) {
      flush();
      anns = [];
      const adv = /^\[[^\]]+\]\s+(D[SL]A-[\d-]+)\s*(.*)$/.exec(line);
      const cve = /^((?:CVE|TEMP)-[\w-]+)\s*(.*)$/.exec(line);
      if (adv) header = { id: adv[1], description: adv[2] };
      else if (cve) header = { id: cve[1], description: cve[2] };
      else throw new FeedError(`Debian tracker list: unexpected line "${line.slice(0, 60)}"`, `${where}:${i + 1}`);
      continue;
    }
    const t = line.trim();
    const xref = /^\{(.*)\}$/.exec(t);
    if (xref) {
      anns.push({ Type: 'xref', Bugs: xref[1].split(/\s+/).filter(Boolean) });
      continue;
    }
    // "[bookworm] - curl 7.88.1-10+deb12u4", "- apt <unfixed> (unimportant; bug #642480)", "[buster] - x <no-dsa> (Minor issue)"
    const m = /^(?:\[(\w[\w-]*)\]\s+)?- (\S+)(?:\s+(<[\w-]+>|\S+))?(?:\s+\((.*)\))?\s*$/.exec(t);
    if (m) {
      const [, release, pkg, what, paren] = m;
      const a: Annotation = { Type: 'package', Release: release, Package: pkg };
      if (!what) continue; // "- pkg" alone (undetermined), ignored
      if (what.startsWith('<')) a.Kind = what.slice(1, -1);
      else {
        a.Kind = 'fixed';
        a.Version = what;
      }
      const parts = String(paren ?? '').split(';').map((s) => s.trim());
      const sev = parts.find((p) => /^(unimportant|low|medium|high)$/.test(p));
      if (sev) a.Severity = sev;
      if (a.Kind !== 'fixed' && paren && !sev) a.Description = paren;
      anns.push(a);
    }
    // NOTE:, TODO:, RESERVED and the like carry no matching data.
  }
  flush();
  return n;
}

export const feed: Feed = {
  id,
  parseDocument: (doc, where, sink) => (looksLikeListJson(doc) ? parseListJson(doc, where, sink) : undefined),
  parseText: (text, where, sink) => (looksLikeAdvisoryListText(text) || looksLikeCveListText(text) ? parseListText(text, where, sink) : undefined),
};
