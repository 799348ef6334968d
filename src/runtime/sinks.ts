/**
 * Where alerts go: a stream (stdout), a file (appended), or a webhook URL (one JSON POST per
 * alert, through a bounded queue so a slow receiver never slows event intake).
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Alert } from './engine.js';
import { alertJsonLine, alertTextLine, type AlertFormat } from './format.js';

export interface AlertSink {
  name: string;
  write(a: Alert): void;
  close(): Promise<void>;
  /** sent / failed / dropped counters, for /metrics. */
  stats(): Record<string, number>;
}

const line = (a: Alert, f: AlertFormat) => (f === 'json' ? alertJsonLine(a) : alertTextLine(a));

/**
 * Collects lines and writes them once per event-loop turn: one write per webhook batch instead
 * of one per alert.
 */
function batcher(write: (text: string) => void): { push(s: string): void; flush(): void } {
  let buf: string[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    if (!buf.length) return;
    const text = buf.join('');
    buf = [];
    write(text);
  };
  return {
    push(s) {
      buf.push(s);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    flush,
  };
}

/** Bytes an output may hold unwritten (a stalled reader): past this, alerts are dropped and counted. */
export const MAX_PENDING_OUTPUT = 16 * 1024 * 1024;

/**
 * Alerts to a stream (stdout). A reader that goes away (EPIPE) stops the output, not the process;
 * a reader that stalls gets at most MAX_PENDING_OUTPUT bytes queued, the rest is dropped. Both are
 * counted, so /healthz says what was really written.
 */
export function streamSink(stream: NodeJS.WritableStream, format: AlertFormat, name = 'stdout'): AlertSink {
  let written = 0;
  let dropped = 0;
  let failed = 0;
  let broken = false;
  const pending = () => (stream as { writableLength?: number }).writableLength ?? 0;
  stream.on?.('error', () => {
    broken = true;
  });
  const b = batcher((t) => {
    if (broken) return;
    try {
      stream.write(t);
    } catch {
      broken = true;
    }
  });
  return {
    name,
    write(a) {
      if (broken) {
        failed++;
        return;
      }
      if (pending() > MAX_PENDING_OUTPUT) {
        dropped++;
        return;
      }
      b.push(line(a, format));
      written++;
    },
    async close() {
      b.flush();
    },
    stats: () => ({ sent: written, dropped, failed }),
  };
}

export function fileSink(path: string, format: AlertFormat): AlertSink {
  const ws: WriteStream = createWriteStream(path, { flags: 'a' });
  let written = 0;
  let failed = 0;
  ws.on('error', () => {
    failed++;
  });
  const b = batcher((t) => ws.write(t));
  return {
    name: `file:${path}`,
    write(a) {
      b.push(line(a, format));
      written++;
    },
    close: () =>
      new Promise<void>((res) => {
        b.flush();
        ws.end(() => res());
      }),
    stats: () => ({ sent: written, failed }),
  };
}

export interface WebhookOptions {
  maxQueue?: number;
  concurrency?: number;
  timeoutMs?: number;
}

export function webhookSink(url: string, opts: WebhookOptions = {}): AlertSink {
  const maxQueue = opts.maxQueue ?? 10_000;
  const concurrency = opts.concurrency ?? 4;
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const queue: string[] = [];
  let inflight = 0;
  let sent = 0;
  let failed = 0;
  let dropped = 0;
  let idle: (() => void) | undefined;
  const pump = () => {
    while (inflight < concurrency && queue.length) {
      const body = queue.shift() as string;
      inflight++;
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(timeoutMs) })
        .then(async (r) => {
          await r.arrayBuffer().catch(() => undefined);
          if (r.ok) sent++;
          else failed++;
        })
        .catch(() => {
          failed++;
        })
        .finally(() => {
          inflight--;
          pump();
          if (!inflight && !queue.length && idle) idle();
        });
    }
  };
  return {
    name: `webhook:${url}`,
    write(a) {
      if (queue.length >= maxQueue) {
        dropped++;
        return;
      }
      queue.push(JSON.stringify(a));
      pump();
    },
    close: () =>
      new Promise<void>((res) => {
        if (!inflight && !queue.length) return res();
        idle = res;
      }),
    stats: () => ({ sent, failed, dropped, queued: queue.length }),
  };
}
