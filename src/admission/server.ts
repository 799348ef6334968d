/**
 * `admission serve`: a ValidatingAdmissionWebhook over TLS only. POST /validate takes an
 * AdmissionReview (v1) and answers with the verdict; GET /healthz and GET /metrics (Prometheus
 * text). Bad bodies get a 400 with a JSON error, never a crash; a body over the limit is cut off
 * as it arrives, so a huge or endless upload cannot hold memory or the event loop.
 */
import { listen } from '../core/listen.js';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decide, isPrepared, prepare, review, type ReviewOutcome, type ReviewOptions } from './review.js';
import type { VerdictPool } from './verdict-pool.js';

/**
 * The API server accepts request bodies up to 3 MiB, so an AdmissionReview (object + oldObject)
 * stays under 8 MiB. Anything bigger did not come from an API server and is refused before it is
 * parsed: judging is linear in the object, and a huge one would hold the event loop for seconds.
 */
export const DEFAULT_MAX_BODY = 8 * 1024 * 1024;
/** Bodies above this are judged in the verdict worker, within a deadline (typical objects are a few KiB). */
export const LARGE_BODY = 512 * 1024;
const BUCKETS_MS = [1, 2.5, 5, 10, 25, 50, 100, 250, 1000];

export interface AdmissionServerOptions extends ReviewOptions {
  host: string;
  port: number;
  cert: string | Buffer;
  key: string | Buffer;
  maxBodyBytes?: number;
  /** Judges objects in bodies over LARGE_BODY off the event loop, within a deadline. */
  largeObjects?: VerdictPool;
  /** One JSON line per judged review that was not a dry run (the audit log), e.g. to stderr. */
  onAudit?: (entry: Record<string, unknown>) => void;
}

export interface AdmissionCounters {
  reviews: { allowed: number; denied: number; bad_request: number };
  dry_run: number;
  tls_errors: number;
  denials_by_rule: Record<string, number>;
  warnings_by_rule: Record<string, number>;
  audits_by_rule: Record<string, number>;
  latency_buckets: number[];
  latency_sum_ms: number;
  latency_count: number;
}

export interface AdmissionServer {
  server: Server;
  url: string;
  counters: AdmissionCounters;
  close(): Promise<void>;
}

function prometheus(c: AdmissionCounters, opts: AdmissionServerOptions): string {
  const out: string[] = [];
  const metric = (name: string, type: string, help: string, rows: [string, number][]) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...rows.map(([l, v]) => `${name}${l} ${v}`));
  };
  metric('coastguard_admission_reviews_total', 'counter', 'AdmissionReviews answered, by result.', Object.entries(c.reviews).map(([k, v]) => [`{result="${k}"}`, v]));
  metric('coastguard_admission_dry_run_total', 'counter', 'Reviews of dry-run requests (judged, not audit-logged).', [['', c.dry_run]]);
  metric('coastguard_admission_tls_errors_total', 'counter', 'Connections refused at the TLS handshake (plain HTTP included).', [['', c.tls_errors]]);
  for (const [name, rec] of [['denials', c.denials_by_rule], ['warnings', c.warnings_by_rule], ['audits', c.audits_by_rule]] as const) {
    metric(`coastguard_admission_rule_${name}_total`, 'counter', `Reviews in which a rule's findings became ${name}.`, Object.entries(rec).map(([k, v]) => [`{rule="${k}"}`, v]));
  }
  out.push('# HELP coastguard_admission_review_duration_seconds Time from body received to answer written.', '# TYPE coastguard_admission_review_duration_seconds histogram');
  BUCKETS_MS.forEach((b, i) => out.push(`coastguard_admission_review_duration_seconds_bucket{le="${b / 1000}"} ${c.latency_buckets[i]}`));
  out.push(`coastguard_admission_review_duration_seconds_bucket{le="+Inf"} ${c.latency_count}`);
  out.push(`coastguard_admission_review_duration_seconds_sum ${(c.latency_sum_ms / 1000).toFixed(6)}`, `coastguard_admission_review_duration_seconds_count ${c.latency_count}`);
  for (const [name, cache] of [['signature', opts.images?.signatures], ['scan', opts.images?.scans]] as const) {
    if (!cache) continue;
    metric(`coastguard_admission_${name}_cache_total`, 'counter', `${name} verdict cache reads and background lookups.`, Object.entries(cache.stats).map(([k, v]) => [`{event="${k}"}`, v]));
  }
  if (opts.largeObjects) {
    metric('coastguard_admission_large_objects_total', 'counter', 'Large objects judged in the verdict worker, and those answered CG-ADM-005.', Object.entries(opts.largeObjects.stats).map(([k, v]) => [`{event="${k}"}`, v]));
  }
  const cpu = process.cpuUsage();
  metric('process_cpu_seconds_total', 'counter', 'User and system CPU time of the webhook process.', [['', (cpu.user + cpu.system) / 1e6]]);
  metric('process_resident_memory_bytes', 'gauge', 'Resident memory of the webhook process.', [['', process.memoryUsage.rss()]]);
  return out.join('\n') + '\n';
}

const bump = (rec: Record<string, number>, keys: string[]) => keys.forEach((k) => (rec[k] = (rec[k] ?? 0) + 1));

/** Starts the webhook; resolves once it listens (port 0 picks a free one, see `url`). */
export async function startAdmissionServer(opts: AdmissionServerOptions): Promise<AdmissionServer> {
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const counters: AdmissionCounters = {
    reviews: { allowed: 0, denied: 0, bad_request: 0 },
    dry_run: 0,
    tls_errors: 0,
    denials_by_rule: {},
    warnings_by_rule: {},
    audits_by_rule: {},
    latency_buckets: BUCKETS_MS.map(() => 0),
    latency_sum_ms: 0,
    latency_count: 0,
  };
  const reply = (res: ServerResponse, code: number, body: unknown, type = 'application/json') => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(code, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const bad = (res: ServerResponse, error: string, close = false) => {
    counters.reviews.bad_request++;
    if (close) res.setHeader('connection', 'close');
    reply(res, 400, { error });
  };

  const judge = (res: ServerResponse, text: string, t0: number) => {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (e) {
      return bad(res, `body is not JSON (${(e as Error).message})`);
    }
    const pool = opts.largeObjects;
    if (pool && text.length > LARGE_BODY) {
      const p = prepare(body, opts);
      if (!isPrepared(p)) return answer(res, p, t0);
      pool.judge({ object: p.object, path: p.path, now: Date.now() })
        .then((v) => answer(res, decide(p, v, opts), t0))
        .catch((e: Error) => reply(res, 500, { error: `internal error: ${e.message}` }));
      return;
    }
    let out;
    try {
      out = review(body, opts);
    } catch (e) {
      // A rule bug must not take the webhook down: answer 500 and let failurePolicy decide.
      return reply(res, 500, { error: `internal error: ${(e as Error).message}` });
    }
    answer(res, out, t0);
  };

  const answer = (res: ServerResponse, out: ReviewOutcome, t0: number) => {
    if (!out.ok) return bad(res, out.error);
    counters.reviews[out.response.allowed ? 'allowed' : 'denied']++;
    bump(counters.denials_by_rule, out.denied);
    bump(counters.warnings_by_rule, out.warned);
    bump(counters.audits_by_rule, out.audited);
    if (out.dryRun) counters.dry_run++;
    else if (opts.onAudit && (out.denied.length || out.warned.length || out.audited.length)) {
      opts.onAudit({ time: new Date().toISOString(), uid: out.response.uid, object: out.object, allowed: out.response.allowed, denied: out.denied, warned: out.warned, audited: out.audited });
    }
    reply(res, 200, { apiVersion: out.apiVersion, kind: 'AdmissionReview', response: out.response });
    const ms = performance.now() - t0;
    counters.latency_count++;
    counters.latency_sum_ms += ms;
    BUCKETS_MS.forEach((b, i) => { if (ms <= b) counters.latency_buckets[i]++; });
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') return reply(res, 200, { status: 'ok' });
    if (req.method === 'GET' && path === '/metrics') return reply(res, 200, prometheus(counters, opts), 'text/plain; version=0.0.4');
    if (path !== '/validate') return reply(res, 404, { error: 'not found; POST AdmissionReviews to /validate' });
    if (req.method !== 'POST') return reply(res, 405, { error: `${req.method} not allowed; POST an AdmissionReview` });
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > maxBody) {
      bad(res, `body larger than ${maxBody} bytes`, true);
      req.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > maxBody) {
        done = true;
        bad(res, `body larger than ${maxBody} bytes`, true);
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('error', () => { done = true; });
    req.on('end', () => {
      if (done) return;
      done = true;
      judge(res, Buffer.concat(chunks).toString('utf8'), performance.now());
    });
  };

  const server = createServer({ cert: opts.cert, key: opts.key, minVersion: 'TLSv1.2' }, onRequest);
  // Keep-alive for the API server's connection pool; slow or stalled uploads are cut off.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  server.on('tlsClientError', (_e, socket) => {
    counters.tls_errors++;
    socket.destroy();
  });
  const { host, port } = await listen(server, opts.port, opts.host);
  return {
    server,
    url: `https://${host}:${port}`,
    counters,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await opts.largeObjects?.close();
    },
  };
}
