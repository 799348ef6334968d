import type { Finding } from '../core/index.js';
import { objectsOf, type K8sObject } from '../misconfig/kubernetes/objects.js';
import type { ImagePolicy } from './image-policy.js';
import { modeOf, type Mode, type ModeTable } from './modes.js';
import { admissionPath, CLUSTER_SCOPED, configVerdict, jsonDoc, type ConfigVerdict, type ConfigVerdictOptions } from './verdict.js';

/** Everything a review is judged by, fixed when the webhook starts. */
export interface ReviewOptions extends ConfigVerdictOptions {
  modes: ModeTable;
  images?: ImagePolicy;
  /** Namespaces never judged (the webhook's own, kube-system …), besides the label selector in its configuration. */
  excludeNamespaces?: string[];
}

export interface AdmissionResponse {
  uid: string;
  allowed: boolean;
  status?: { code: number; reason?: string; message: string };
  warnings?: string[];
  auditAnnotations?: Record<string, string>;
}

/** What `review` returns: the HTTP status and body to send, plus facts for metrics and the audit log. */
export type ReviewOutcome =
  | { ok: false; error: string }
  | {
      ok: true;
      apiVersion: string;
      response: AdmissionResponse;
      dryRun: boolean;
      /** Rule ids by what they did. */
      denied: string[];
      warned: string[];
      audited: string[];
      object: string;
    };

const API_VERSIONS = new Set(['admission.k8s.io/v1', 'admission.k8s.io/v1beta1']);
/** Kubernetes shows at most this many characters of a warning (it truncates longer ones). */
export const WARNING_MAX = 120;
const MAX_WARNINGS = 20;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const clip = (s: string, n = WARNING_MAX) => (s.length <= n ? s : s.slice(0, n - 1) + '…');
const ids = (fs: Finding[]) => [...new Set(fs.map((f) => f.id))];

/** One line per rule id: id, title, how many times, and the fix (status.message names them all). */
function denialMessage(object: string, fs: Finding[]): string {
  const lines = ids(fs).map((id) => {
    const of = fs.filter((f) => f.id === id);
    const f = of[0];
    const detail = of.length > 1 ? ` (${of.length} times)` : f.description && f.description !== f.title ? ` — ${f.description}` : '';
    return `${id} [${f.severity}] ${f.title}${detail}. Fix: ${(f.fix ?? 'see the rule documentation').split('\n')[0]}`;
  });
  return `coastguard denied ${object}: ${lines.join(' | ')}`;
}

/** A review that passed the envelope checks and has an object to judge. */
export interface PreparedReview {
  apiVersion: string;
  uid: string;
  dryRun: boolean;
  path: string;
  /** The object as received, and as the misconfig pack reads it. */
  object: Record<string, unknown>;
  objects: K8sObject[];
}

/**
 * The envelope of one AdmissionReview (already JSON-parsed): malformed reviews (not an object,
 * not an AdmissionReview, no request or uid) are `ok: false` (HTTP 400); requests with nothing to
 * judge are answered at once; the rest come back as a PreparedReview for `decide`.
 */
export function prepare(body: unknown, opts: Pick<ReviewOptions, 'excludeNamespaces'>): ReviewOutcome | PreparedReview {
  if (!isObj(body)) return { ok: false, error: 'body is not a JSON object' };
  if (body.kind !== 'AdmissionReview') return { ok: false, error: `kind is ${JSON.stringify(body.kind ?? null)}, not "AdmissionReview"` };
  const apiVersion = String(body.apiVersion ?? '');
  if (!API_VERSIONS.has(apiVersion)) return { ok: false, error: `apiVersion ${JSON.stringify(body.apiVersion ?? null)} is not admission.k8s.io/v1` };
  const req = body.request;
  if (!isObj(req)) return { ok: false, error: 'AdmissionReview has no request' };
  if (typeof req.uid !== 'string' || req.uid === '') return { ok: false, error: 'request has no uid' };
  const uid = req.uid;
  const dryRun = req.dryRun === true;
  const namespace = typeof req.namespace === 'string' ? req.namespace : undefined;
  const allow = (why: string): ReviewOutcome => ({
    ok: true, apiVersion, dryRun, denied: [], warned: [], audited: [], object: why,
    response: { uid, allowed: true, auditAnnotations: { verdict: 'allowed', reason: why } },
  });

  if (req.operation === 'DELETE' || req.operation === 'CONNECT') return allow(`${req.operation} is not checked`);
  const object = req.object;
  if (!isObj(object)) return allow('no object to check');
  if (namespace && opts.excludeNamespaces?.includes(namespace)) return allow(`namespace ${namespace} is excluded`);
  const path = admissionPath(object, namespace);
  return { apiVersion, uid, dryRun, path, object, objects: objectsOf(jsonDoc(object), path) };
}

export const isPrepared = (r: ReviewOutcome | PreparedReview): r is PreparedReview => 'objects' in r;

/**
 * The answer to a prepared review, given the config verdict on its object. An object is denied
 * exactly when `coastguard config` would report a finding on it (modes permitting), or when an
 * enabled image rule fires.
 */
export function decide(p: PreparedReview, v: ConfigVerdict, opts: ReviewOptions): ReviewOutcome {
  const { apiVersion, uid, dryRun, path, objects } = p;
  const reported = [...v.reported];
  const pending: string[] = [];
  if (opts.images) {
    for (const o of objects) {
      const r = opts.images.check(o, path);
      reported.push(...r.findings);
      pending.push(...r.pending);
    }
  }
  const by: Record<Mode, Finding[]> = { enforce: [], warn: [], audit: [] };
  for (const f of reported) by[modeOf(f, opts.modes)].push(f);
  // Shown as the misconfig pack names objects: Kind/namespace/name.
  const [ns, kind, ...rest] = path.slice('admission/'.length).split('/');
  const name = ns === CLUSTER_SCOPED ? `${kind}/${rest.join('/')}` : `${kind}/${ns}/${rest.join('/')}`;

  const warnings = [
    ...by.warn.map((f) => `${f.id} [${f.severity}] ${f.title}`),
    ...pending.map((p) => `pending: ${p}`),
    ...v.belowThreshold.map((f) => `${f.id} [${f.severity}] ${f.title} (below threshold)`),
  ];
  const uniqueWarnings = [...new Set(warnings.map((w) => clip(w)))];
  const shown = uniqueWarnings.length > MAX_WARNINGS
    ? [...uniqueWarnings.slice(0, MAX_WARNINGS - 1), `… and ${uniqueWarnings.length - MAX_WARNINGS + 1} more coastguard warnings`]
    : uniqueWarnings;

  const denied = by.enforce.length > 0;
  const auditAnnotations: Record<string, string> = { verdict: denied ? 'denied' : 'allowed' };
  if (by.enforce.length) auditAnnotations.denied = ids(by.enforce).join(',');
  if (by.warn.length) auditAnnotations.warned = ids(by.warn).join(',');
  if (by.audit.length) auditAnnotations.audited = ids(by.audit).join(',');
  if (v.belowThreshold.length) auditAnnotations['below-threshold'] = ids(v.belowThreshold).join(',');
  if (v.suppressed) auditAnnotations.suppressed = String(v.suppressed);

  const response: AdmissionResponse = { uid, allowed: !denied, auditAnnotations };
  if (denied) response.status = { code: 403, reason: 'Forbidden', message: denialMessage(name, by.enforce) };
  if (shown.length) response.warnings = shown;
  return { ok: true, apiVersion, response, dryRun, denied: ids(by.enforce), warned: ids(by.warn), audited: ids(by.audit), object: name };
}

/** Judges one AdmissionReview in this thread: prepare, the config verdict, decide. */
export function review(body: unknown, opts: ReviewOptions, now = new Date()): ReviewOutcome {
  const p = prepare(body, opts);
  if (!isPrepared(p)) return p;
  return decide(p, configVerdict(p.objects, p.path, opts, now), opts);
}
