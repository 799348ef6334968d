/**
 * `runtime serve`: an HTTP endpoint for the Kubernetes API server's audit webhook backend.
 * POST an Event or EventList (JSON) to /k8s-audit (or /); every event runs through the rules and
 * alerts go to the sinks. Bad payloads (not JSON, truncated, too big, unknown kinds, events
 * without stageTimestamp) are counted and skipped, never fatal. GET /healthz (JSON) and
 * GET /metrics (Prometheus text) expose the counters.
 */
import { listen } from '../core/listen.js';
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { RuntimeEngine } from './engine.js';
import { decodePayload, DEFAULT_MAX_EVENT_SIZE, type SkipReason } from './events.js';
import { RuleRateLimiter, type RateLimitOptions } from './ratelimit.js';
import type { AlertSink } from './sinks.js';

/** Largest accepted body, as the k8saudit plugin's default webhookMaxBatchSize (12 MiB). */
export const DEFAULT_MAX_BODY = 12 * 1024 * 1024;
/** Request bodies held at once over all connections: past this, new bodies get 503 (counted). */
export const DEFAULT_MAX_BUFFERED = 128 * 1024 * 1024;
/** Open connections at once; more are refused by the kernel queue, not by running out of fds. */
export const DEFAULT_MAX_CONNECTIONS = 512;
/** A connection with no bytes in either direction for this long is closed. */
export const IDLE_SOCKET_MS = 60_000;

export interface ServeOptions {
  host: string;
  port: number;
  engine: RuntimeEngine;
  sinks: AlertSink[];
  rateLimit?: RateLimitOptions;
  maxBodyBytes?: number;
  maxEventSize?: number;
  /** Total request-body bytes buffered over all connections (default DEFAULT_MAX_BUFFERED). */
  maxBufferedBytes?: number;
  maxConnections?: number;
  /** Bearer token every POST and /metrics must carry (`Authorization: Bearer …`); /healthz stays open. */
  token?: string;
  /** PEM certificate and key: serve HTTPS. */
  tls?: { cert: Buffer; key: Buffer };
  /** Called for every skipped payload/event (e.g. to log a line on stderr). */
  onSkip?: (reason: SkipReason | 'body_too_large' | 'truncated' | 'bad_method' | 'overloaded' | 'unauthorized', detail: string) => void;
}

export interface Counters {
  requests: number;
  bodies_accepted: number;
  events_received: number;
  events_processed: number;
  alerts_emitted: number;
  alerts_rate_limited: number;
  skipped: Record<'malformed' | 'unknown_kind' | 'bad_event' | 'too_large' | 'body_too_large' | 'truncated' | 'bad_method' | 'overloaded' | 'unauthorized', number>;
  alerts_by_rule: Record<string, number>;
  rate_limited_by_rule: Record<string, number>;
  latency_ms_max: number;
}

export interface RuntimeServer {
  server: Server;
  url: string;
  counters: Counters;
  close(): Promise<void>;
}

/** The webhook endpoint without its own listener, for mounting in another HTTP server. */
export interface RuntimeHandler {
  /** Handles POST /k8s-audit (and /), GET /healthz, GET /metrics; anything else gets 404. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Counts an HTTP-level parse error (for the host server's clientError). */
  countBadRequest(detail: string): void;
  counters: Counters;
}

/**
 * Builds the audit webhook handler: what `startServer` listens with, and what another HTTP
 * server (e.g. `coastguard server`) can mount: `http.createServer((q, s) => h.handle(q, s))`.
 */
export function createRuntimeHandler(opts: Omit<ServeOptions, 'host' | 'port'>): RuntimeHandler {
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const maxBuffered = opts.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED;
  // Bytes of unfinished bodies held right now, over every connection.
  let buffered = 0;
  const expected = opts.token ? Buffer.from(`Bearer ${opts.token}`) : undefined;
  const authorized = (req: IncomingMessage) => {
    if (!expected) return true;
    const got = Buffer.from(String(req.headers.authorization ?? ''));
    return got.length === expected.length && timingSafeEqual(got, expected);
  };
  const limiter = new RuleRateLimiter(opts.rateLimit ?? {});
  const counters: Counters = {
    requests: 0,
    bodies_accepted: 0,
    events_received: 0,
    events_processed: 0,
    alerts_emitted: 0,
    alerts_rate_limited: 0,
    skipped: { malformed: 0, unknown_kind: 0, bad_event: 0, too_large: 0, body_too_large: 0, truncated: 0, bad_method: 0, overloaded: 0, unauthorized: 0 },
    alerts_by_rule: {},
    rate_limited_by_rule: {},
    latency_ms_max: 0,
  };
  let evtNum = 1;
  const skip = (reason: keyof Counters['skipped'], detail: string) => {
    counters.skipped[reason]++;
    opts.onSkip?.(reason, detail);
  };

  const reply = (res: ServerResponse, code: number, body: unknown, type = 'application/json') => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(code, { 'content-type': type, 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  const handleBody = (text: string): { accepted: number; skipped: number } => {
    const dec = decodePayload(text, { maxEventSize: opts.maxEventSize ?? DEFAULT_MAX_EVENT_SIZE, firstNum: evtNum });
    evtNum += dec.events.length;
    counters.events_received += dec.events.length;
    for (const s of dec.skipped) skip(s.reason, s.detail);
    for (const e of dec.events) {
      const alerts = opts.engine.process(e);
      counters.events_processed++;
      for (const a of alerts) {
        if (!limiter.allow(a.rule)) {
          counters.alerts_rate_limited++;
          counters.rate_limited_by_rule[a.rule] = (counters.rate_limited_by_rule[a.rule] ?? 0) + 1;
          continue;
        }
        counters.alerts_emitted++;
        counters.alerts_by_rule[a.rule] = (counters.alerts_by_rule[a.rule] ?? 0) + 1;
        for (const s of opts.sinks) s.write(a);
      }
    }
    return { accepted: dec.events.length, skipped: dec.skipped.length };
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const t0 = performance.now();
    counters.requests++;
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') {
      return reply(res, 200, { status: 'ok', rules: opts.engine.activeRules, counters, sinks: Object.fromEntries(opts.sinks.map((s) => [s.name, s.stats()])) });
    }
    if (!authorized(req) && (path === '/metrics' || path === '/k8s-audit' || path === '/')) {
      skip('unauthorized', `${req.method} ${path} without a valid bearer token`);
      res.setHeader('www-authenticate', 'Bearer');
      res.setHeader('connection', 'close');
      reply(res, 401, { error: 'bearer token required' });
      req.resume();
      return;
    }
    if (req.method === 'GET' && path === '/metrics') return reply(res, 200, prometheus(counters, opts.sinks), 'text/plain; version=0.0.4');
    if (path !== '/k8s-audit' && path !== '/') return reply(res, 404, { error: 'not found; POST audit events to /k8s-audit' });
    if (req.method !== 'POST') {
      skip('bad_method', `${req.method} ${path}`);
      return reply(res, 405, { error: `${req.method} not allowed; POST audit events` });
    }
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > maxBody) {
      skip('body_too_large', `content-length ${declared} > ${maxBody}`);
      res.setHeader('connection', 'close');
      reply(res, 413, { error: `body larger than ${maxBody} bytes` });
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const releaseBuffer = () => {
      buffered -= size;
      chunks.length = 0;
    };
    req.on('data', (c: Buffer) => {
      if (done) return;
      if (buffered + c.length > maxBuffered) {
        // Many slow or unfinished bodies at once: refuse this one rather than hold them all.
        done = true;
        releaseBuffer();
        size = 0;
        skip('overloaded', `${maxBuffered} bytes of request bodies already held`);
        res.setHeader('connection', 'close');
        reply(res, 503, { error: 'too many request bodies in flight; retry' });
        req.resume();
        return;
      }
      size += c.length;
      buffered += c.length;
      if (size > maxBody) {
        done = true;
        releaseBuffer();
        size = 0;
        skip('body_too_large', `body over ${maxBody} bytes`);
        res.setHeader('connection', 'close');
        reply(res, 413, { error: `body larger than ${maxBody} bytes` });
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('close', () => {
      if (done || req.complete) return;
      done = true;
      releaseBuffer();
      skip('truncated', `client closed the connection after ${size} bytes`);
    });
    req.on('error', () => {
      if (done) return;
      done = true;
      releaseBuffer();
      skip('truncated', `request error after ${size} bytes`);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      counters.bodies_accepted++;
      const text = Buffer.concat(chunks).toString('utf8');
      releaseBuffer();
      let r: { accepted: number; skipped: number };
      try {
        r = handleBody(text);
      } catch (e) {
        // A bug in a rule or extractor must not take the endpoint down: count and answer.
        skip('bad_event', `internal error: ${(e as Error).message}`);
        r = { accepted: 0, skipped: 1 };
      }
      reply(res, 200, r);
      const ms = performance.now() - t0;
      if (ms > counters.latency_ms_max) counters.latency_ms_max = ms;
    });
  };

  return { handle: onRequest, countBadRequest: (detail) => skip('malformed', detail), counters };
}

export async function startServer(opts: ServeOptions): Promise<RuntimeServer> {
  const handler = createRuntimeHandler(opts);
  const counters = handler.counters;
  const server = opts.tls ? createTlsServer({ cert: opts.tls.cert, key: opts.tls.key }, handler.handle) : createServer(handler.handle);
  server.maxConnections = opts.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  // Idle sockets (connected, silent) are closed; slow requests are cut by requestTimeout below.
  server.timeout = IDLE_SOCKET_MS;
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    // A connection reset mid-request is already counted as truncated by the request handler;
    // anything else here is HTTP the parser could not read.
    if (err.code === 'ECONNRESET' || err.code === 'HPE_INVALID_EOF_STATE') return socket.destroy();
    handler.countBadRequest(`bad HTTP request (${err.code ?? err.message})`);
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  server.keepAliveTimeout = 5_000;
  // A client that stalls mid-request is cut off (and counted as truncated) after 30 s.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  // An empty host (`--listen :PORT`) listens on every interface, as Falco and Go do.
  const { host, port } = await listen(server, opts.port, opts.host || undefined);
  return {
    server,
    url: `${opts.tls ? 'https' : 'http'}://${host === '[::]' || host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    counters,
    async close() {
      await new Promise<void>((res) => {
        server.close(() => res());
        server.closeAllConnections?.();
      });
      for (const s of opts.sinks) await s.close();
    },
  };
}

/** Counters in the Prometheus text exposition format. */
export function prometheus(c: Counters, sinks: AlertSink[]): string {
  const lines: string[] = [];
  const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  const counter = (name: string, help: string, v: number, labels = '') => {
    lines.push(`# HELP coastguard_runtime_${name} ${help}`, `# TYPE coastguard_runtime_${name} counter`, `coastguard_runtime_${name}${labels} ${v}`);
  };
  counter('requests_total', 'HTTP requests received', c.requests);
  counter('events_received_total', 'audit events decoded from webhook bodies', c.events_received);
  counter('events_processed_total', 'audit events evaluated against the rules', c.events_processed);
  counter('alerts_emitted_total', 'alerts written to the outputs', c.alerts_emitted);
  counter('alerts_rate_limited_total', 'alerts dropped by per-rule rate limiting', c.alerts_rate_limited);
  lines.push('# HELP coastguard_runtime_skipped_total payloads or events skipped, by reason', '# TYPE coastguard_runtime_skipped_total counter');
  for (const [k, v] of Object.entries(c.skipped)) lines.push(`coastguard_runtime_skipped_total{reason="${k}"} ${v}`);
  lines.push('# HELP coastguard_runtime_alerts_by_rule_total alerts emitted per rule', '# TYPE coastguard_runtime_alerts_by_rule_total counter');
  for (const [k, v] of Object.entries(c.alerts_by_rule)) lines.push(`coastguard_runtime_alerts_by_rule_total{rule="${esc(k)}"} ${v}`);
  lines.push('# HELP coastguard_runtime_sink_total alert deliveries per output and outcome', '# TYPE coastguard_runtime_sink_total counter');
  for (const s of sinks) for (const [k, v] of Object.entries(s.stats())) lines.push(`coastguard_runtime_sink_total{sink="${esc(s.name)}",outcome="${k}"} ${v}`);
  return lines.join('\n') + '\n';
}
