import { basename, isAbsolute, relative, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { severityRank, type Finding, type ScanResult, type ScanWarning, type Severity } from '../core/index.js';
import {
  TOOL_NAME, TOOL_URI, TOOL_VERSION, findingPackage, fixText, fixedVersion, sortFindings, whyText,
  type ReportOptions,
} from './util.js';
import { cvssEntries } from './cvss.js';

/** GitHub code scanning's upload limits (docs: "SARIF support for code scanning"). */
export const SARIF_LIMITS = {
  resultsPerRun: 25_000,
  rulesPerRun: 25_000,
  tagsPerRule: 20,
  messageChars: 1000,
  /** The upload limit is 10 MB of gzip-compressed SARIF. */
  gzipBytes: 10 * 1024 * 1024,
};
export type SarifLimits = typeof SARIF_LIMITS;

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  CRITICAL: 'error',
  HIGH: 'error',
  MEDIUM: 'warning',
  LOW: 'note',
  UNKNOWN: 'note',
};
/** GitHub maps security-severity > 9 critical, ≥ 7 high, ≥ 4 medium, else low. */
const SECURITY_SEVERITY: Record<Severity, string> = { CRITICAL: '9.5', HIGH: '8.0', MEDIUM: '5.5', LOW: '2.0', UNKNOWN: '0.0' };

function cvssScore(f: Finding): number | undefined {
  const scores = cvssEntries(f.cvss).map((e) => e.score).filter((x): x is number => typeof x === 'number');
  return scores.length ? Math.max(...scores) : undefined;
}

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

/**
 * GitHub resolves `artifactLocation.uri` against the checkout (uriBaseId SRCROOT), so it must be
 * relative, and no host path may leak into a report that is uploaded: absolute paths become
 * relative to the scanned directory (or the working directory), else keep only their last part.
 */
export function portablePath(p: string, root: string): string {
  if (!isAbsolute(p)) return p.replace(/^\.\//, '');
  const r = relative(root, p);
  return r && !r.startsWith('..') && !isAbsolute(r) ? r.split(sep).join('/') : basename(p);
}

const encodeUri = (p: string) => p.replace(/^\/+/, '').split('/').map(encodeURIComponent).join('/');

function helpMarkdown(f: Finding): string {
  const parts = [`**${f.title}**`];
  const why = whyText(f);
  if (why) parts.push(why);
  const fix = fixText(f);
  if (fix) parts.push(`Fix: ${fix}`);
  if (f.references?.length) parts.push(f.references.slice(0, 10).map((r) => `- ${r}`).join('\n'));
  return parts.join('\n\n');
}

function rule(f: Finding, severity: Severity) {
  const tags = [f.kind, 'security', ...f.aliases].slice(0, SARIF_LIMITS.tagsPerRule);
  const score = cvssScore(f);
  const help = helpMarkdown(f);
  return {
    id: f.id,
    name: f.id.replace(/[^A-Za-z0-9]+/g, ''),
    shortDescription: { text: clip(f.title || f.id, SARIF_LIMITS.messageChars) },
    fullDescription: { text: clip(whyText(f) ?? f.title ?? f.id, 4000) },
    ...(f.references?.[0] ? { helpUri: f.references[0] } : {}),
    help: { text: help.replace(/\*\*/g, ''), markdown: help },
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      tags,
      precision: 'very-high',
      'security-severity': score !== undefined ? score.toFixed(1) : SECURITY_SEVERITY[severity],
    },
  };
}

function message(f: Finding): string {
  const p = findingPackage(f);
  if (f.kind === 'vulnerability' && p) {
    const fv = fixedVersion(f);
    return clip(
      `${f.id} (${f.severity}) in ${p.name} ${p.version ?? ''}${fv ? `, fixed in ${fv}` : ', no fix yet'}: ${f.title}`,
      SARIF_LIMITS.messageChars,
    );
  }
  return clip(`${f.id} (${f.severity}): ${f.title}`, SARIF_LIMITS.messageChars);
}

function run(result: ScanResult, category: string, opts: ReportOptions, cap: number) {
  const sorted = sortFindings(result.findings);
  // A running container's paths are absolute inside it: relative to its /, never to our cwd.
  const root = result.artifact.type === 'filesystem' || result.artifact.type === 'repository' ? resolve(result.artifact.name) : result.artifact.type === 'container' ? '/' : process.cwd();
  const unchecked = (result.warnings ?? []).filter((w) => w.notChecked);
  const notifications: { level: string; message: { text: string } }[] = [];
  const shown = (w: ScanWarning) => `${w.what}${w.where ? `: ${portablePath(w.where, root)}` : ''}`;
  // A scanner that could not run, or files that could not be parsed: the run did not check everything.
  for (const w of unchecked) notifications.push({ level: 'error', message: { text: shown(w) } });
  let kept = sorted;
  if (kept.length > cap) {
    notifications.push({
      level: 'warning',
      message: { text: `${kept.length - cap} lower-severity results left out to stay within GitHub's upload limits` },
    });
    kept = kept.slice(0, cap);
  }
  // One rule per id, at the most severe level any of its results has: no duplicate rule ids.
  const worst = new Map<string, Finding>();
  for (const f of kept) {
    const w = worst.get(f.id);
    if (!w || severityRank(f.severity) > severityRank(w.severity)) worst.set(f.id, f);
  }
  const ids = [...worst.keys()].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const artifactName = stableName(result);
  // Findings about the image config have no file: they point at the image, named without its tag.
  const uriFor = (f: Finding) => {
    const p = f.location.path || f.target;
    if (result.artifact.type === 'container_image' && (p === 'image config' || p === result.artifact.name)) return encodeUri(artifactName);
    return encodeUri(portablePath(p, root));
  };
  return {
    tool: {
      driver: {
        name: TOOL_NAME,
        version: opts.toolVersion ?? TOOL_VERSION,
        semanticVersion: opts.toolVersion ?? TOOL_VERSION,
        informationUri: TOOL_URI,
        rules: ids.map((id) => rule(worst.get(id)!, worst.get(id)!.severity)),
      },
    },
    automationDetails: { id: category },
    invocations: [{ executionSuccessful: unchecked.length === 0, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
    results: kept.map((f) => {
      const region: Record<string, number> = { startLine: Math.max(1, f.location.line ?? 1) };
      if (f.location.endLine && f.location.endLine >= region.startLine) region.endLine = f.location.endLine;
      const target = stableTarget(f.target, result, root);
      const props: Record<string, unknown> = { kind: f.kind, severity: f.severity, target };
      const p = findingPackage(f);
      if (p?.purl) props.purl = p.purl;
      if (f.location.layer) props.layer = f.location.layer;
      return {
        ruleId: f.id,
        ruleIndex: index.get(f.id)!,
        level: LEVEL[f.severity],
        message: { text: message(f) },
        locations: [
          {
            physicalLocation: { artifactLocation: { uri: uriFor(f), uriBaseId: URI_BASE }, region },
            message: { text: target },
          },
        ],
        partialFingerprints: { 'coastguardFingerprint/v1': f.fingerprint },
        properties: props,
      };
    }),
    properties: { target: artifactName },
  };
}

/** GitHub code scanning resolves this base to the repository checkout. */
const URI_BASE = 'SRCROOT';

/**
 * SARIF 2.1.0 for GitHub code scanning: one run per scan, its `automationDetails.id` (GitHub's
 * "category") stable between builds and free of host paths, rule ids unique. Past 25,000 results
 * or 10 MB gzipped, the least severe results are left out and a tool notification says how many.
 * Scanners that could not run and files that could not be parsed are error notifications, and
 * the invocation is marked `executionSuccessful: false`.
 */
export function writeSarif(result: ScanResult, opts: ReportOptions = {}, limits: SarifLimits = SARIF_LIMITS): string {
  // Most scans fit at once; a huge one is cut from the least severe end until it fits.
  let cap = Math.min(limits.resultsPerRun, Math.max(1, result.findings.length));
  for (;;) {
    const text = sarifText(result, opts, limits, cap);
    if (cap <= 1 || Buffer.byteLength(text) <= limits.gzipBytes || gzipSync(text).length <= limits.gzipBytes) return text;
    // Halving from the total converges in a handful of passes even for 100,000 findings.
    cap = Math.floor(cap / 2);
  }
}

/**
 * GitHub closes an alert when a later upload in the same category no longer has it, so the
 * category must not change between builds: no image tag or digest, no host path (a directory is
 * named by its last part, a `config` scan just "config").
 */
function stableName(result: ScanResult): string {
  const name = result.artifact.name;
  switch (result.artifact.type) {
    case 'container_image':
      return name.replace(/@sha256:[0-9a-f]+$/, '').replace(/:[^/:]+$/, '');
    case 'config':
      return 'config';
    default:
      return basename(resolve(name)) || 'root';
  }
}

/** A finding's target without the image tag, OS point release or host path. */
function stableTarget(target: string, result: ScanResult, root: string): string {
  const name = result.artifact.name;
  let t = target.startsWith(name) ? target.slice(name.length).trim() : target;
  const os = /^\((\S+) [^)]*\)$/.exec(t);
  if (os) t = `os-packages-${os[1]}`;
  return t ? portablePath(t, root) : stableName(result);
}

function sarifText(result: ScanResult, opts: ReportOptions, _limits: SarifLimits, cap: number): string {
  const runs = [run(result, `${TOOL_NAME}/${stableName(result)}/`, opts, cap)];
  return JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs }, null, 2) + '\n';
}
