/**
 * `runtime watch`: follows a container engine's event stream, enriches each container event with
 * the container's inspect document (and the scan counts of its image, when given), runs the
 * container_engine rules over it and writes alerts to the sinks, as `runtime serve` does for
 * audit events. A cut stream is reconnected with exponential back-off, from the time of the
 * last event seen (`since`), skipping events already handled.
 */
import type { Finding, ScanResult } from '../core/types.js';
import { CoastguardError, ExitCode } from '../core/errors.js';
import { EngineNotFound, type ContainerInspect, type EngineClient } from '../source/engine/client.js';
import { engineEvents, type EngineEvent } from '../source/engine/events.js';
import type { RuntimeEngine } from './engine.js';
import type { ContainerEventObj } from './fields/container.js';
import type { JsonEvent } from './fields/types.js';
import { RuleRateLimiter, type RateLimitOptions } from './ratelimit.js';
import type { AlertSink } from './sinks.js';

export interface WatchOptions {
  client: EngineClient;
  engine: RuntimeEngine;
  sinks: AlertSink[];
  rateLimit?: RateLimitOptions;
  /** Scan results (image or drift JSON) whose counts become coastguard.image.* fields. */
  imageResults?: ScanResult[];
  /** Stop after this many container events (tests, one-shot checks). */
  maxEvents?: number;
  signal?: AbortSignal;
  /** First and longest wait between reconnects, ms. */
  backoffMs?: { min: number; max: number };
  /** Status lines (connected, stream cut, reconnecting) for stderr. */
  onStatus?: (msg: string) => void;
}

export interface WatchCounters {
  events: number;
  alerts: number;
  dropped: number;
  reconnects: number;
  malformed: number;
}

/** Severity counts (and drift findings) of the results, by every name the image goes by. */
export function imageCounts(results: ScanResult[]): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const r of results) {
    const a = r.artifact;
    const keys = [a.digest, a.image?.configDigest, a.image?.manifestDigest, ...(a.image?.repoTags ?? []), ...(a.image?.repoDigests ?? []), a.type === 'container_image' ? a.name : undefined].filter(
      (k): k is string => Boolean(k),
    );
    const counts: Record<string, number> = {};
    for (const f of r.findings as Finding[]) {
      const key = f.kind === 'drift' ? 'DRIFT' : f.severity;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    for (const k of keys) {
      const prev = out.get(k);
      if (!prev) out.set(k, { ...counts });
      else for (const [s, n] of Object.entries(counts)) prev[s] = (prev[s] ?? 0) + n;
    }
  }
  return out;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

export async function watchEngine(opts: WatchOptions): Promise<WatchCounters> {
  const { client, engine, sinks, signal } = opts;
  const counters: WatchCounters = { events: 0, alerts: 0, dropped: 0, reconnects: 0, malformed: 0 };
  const limiter = new RuleRateLimiter(opts.rateLimit ?? {});
  const counts = opts.imageResults ? imageCounts(opts.imageResults) : undefined;
  const backoff = opts.backoffMs ?? { min: 500, max: 30_000 };
  // The last container seen per id: a destroyed container can no longer be inspected.
  const known = new Map<string, ContainerInspect>();
  const seen = new Set<string>();
  let since: number | undefined;
  let lastNano: bigint | undefined;
  let wait = backoff.min;
  let connectedOnce = false;
  const status = opts.onStatus ?? (() => {});

  const enrich = async (ev: EngineEvent): Promise<ContainerInspect | undefined> => {
    if (ev.action === 'destroy') return known.get(ev.id);
    try {
      const c = await client.inspectContainer(ev.id);
      known.set(ev.id, c);
      return c;
    } catch (e) {
      if (e instanceof EngineNotFound) return known.get(ev.id);
      throw e;
    }
  };

  const handle = async (ev: EngineEvent): Promise<boolean> => {
    if (ev.type !== 'container' || !ev.id) return false;
    // A reconnect replays from the last event's second: an event older than the last one handled
    // was never ours (the stream is in time order), e.g. a start from before the watch connected.
    if (lastNano !== undefined && ev.timeNano < lastNano) return false;
    const key = `${ev.timeNano}|${ev.id}|${ev.action}|${ev.detail ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    if (seen.size > 10_000) seen.delete(seen.values().next().value as string);
    const container = await enrich(ev);
    const image = container?.Config?.Image ?? ev.image;
    const scan = counts ? (counts.get(container?.Image ?? '') ?? counts.get(image ?? '') ?? counts.get(`docker.io/${image}`) ?? {}) : undefined;
    const obj: ContainerEventObj = { engine: client.endpoint.kind, event: { ...ev, timeNano: String(ev.timeNano) }, ...(container ? { container } : {}), ...(scan ? { scan } : {}) };
    counters.events++;
    const je: JsonEvent = { obj: obj as unknown as Record<string, unknown>, tsNs: ev.timeNano, num: counters.events };
    for (const a of engine.process(je)) {
      if (!limiter.allow(a.rule)) {
        counters.dropped++;
        continue;
      }
      counters.alerts++;
      for (const s of sinks) s.write(a);
    }
    if (ev.action === 'destroy') known.delete(ev.id);
    lastNano = ev.timeNano;
    since = Number(ev.timeNano / 1_000_000_000n);
    return opts.maxEvents !== undefined && counters.events >= opts.maxEvents;
  };

  while (!signal?.aborted) {
    let res;
    try {
      res = await client.events(since);
    } catch (e) {
      if (!connectedOnce) throw e; // nothing to resume: the caller reports it (exit 6)
      status(`event stream unavailable (${(e as CoastguardError).what ?? (e as Error).message}); retrying in ${(wait / 1000).toFixed(1)}s`);
      await sleep(wait, signal);
      wait = Math.min(backoff.max, wait * 2);
      continue;
    }
    if (connectedOnce) status(`event stream reconnected (${client.where})`);
    else status(`watching ${client.endpoint.kind} events at ${client.where}`);
    connectedOnce = true;
    wait = backoff.min;
    const stop = () => res.destroy();
    signal?.addEventListener('abort', stop, { once: true });
    let done = false;
    let why = 'the engine closed it';
    try {
      for await (const item of engineEvents(res)) {
        if (item.bad !== undefined) {
          counters.malformed++;
          continue;
        }
        if (await handle(item.event!)) {
          done = true;
          break;
        }
      }
    } catch (e) {
      if (e instanceof CoastguardError && e.exitCode !== ExitCode.NETWORK) throw e;
      why = (e as Error).message;
    } finally {
      signal?.removeEventListener('abort', stop);
      res.destroy();
    }
    if (done || signal?.aborted) break;
    counters.reconnects++;
    status(`event stream cut (${why}); reconnecting in ${(wait / 1000).toFixed(1)}s`);
    await sleep(wait, signal);
    wait = Math.min(backoff.max, wait * 2);
  }
  await Promise.all(sinks.map((s) => s.close()));
  return counters;
}
