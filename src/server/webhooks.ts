import { createHash } from 'node:crypto';
import type { Finding } from '../core/types.js';
import type { ImageChange } from './core.js';

export type WebhookFormat = 'native' | 'slack';

export interface WebhookOptions {
  urls: string[];
  format: WebhookFormat;
  /** Attempts per delivery (first try included). */
  attempts?: number;
  /** First back-off (ms); doubles each retry. */
  backoffMs?: number;
  timeoutMs?: number;
  log?: (line: string) => void;
}

/** The native body: one image, one kind of change, the native finding objects. */
export function nativeBody(c: ImageChange) {
  return { event: c.type, cause: c.cause, image: c.image, findings: c.findings };
}

/** Slack's incoming-webhook body: `text` (mrkdwn), one line per finding, capped. */
export function slackBody(c: ImageChange) {
  const what = c.type === 'findings.new' ? 'new' : 'resolved';
  const shown = c.findings.slice(0, 20).map((f) => `• ${f.id} (${f.severity})${pkgText(f)}`);
  const more = c.findings.length > shown.length ? [`…and ${c.findings.length - shown.length} more`] : [];
  return { text: [`*${c.findings.length} ${what} finding${c.findings.length === 1 ? '' : 's'}* in \`${c.image.name}\` (${c.image.digest.slice(0, 19)})`, ...shown, ...more].join('\n') };
}

function pkgText(f: Finding): string {
  const p = f.package as { name?: string; version?: string } | undefined;
  if (!p?.name) return '';
  return ` in ${p.name} ${p.version ?? ''}${f.fixedVersion ? ` → ${String(f.fixedVersion)}` : ''}`;
}

const DEDUPE_MS = 24 * 3600_000;

/**
 * Sends each image change to every webhook URL: one POST per image and kind of change, retried
 * with doubling back-off on network errors, 429 and 5xx; the same change (same image, kind and
 * finding set) is sent once per URL per day, so a DB flapping between two versions does not page
 * twice. Deliveries to one URL go in order, one at a time.
 */
export class Webhooks {
  private readonly queues = new Map<string, Promise<void>>();
  private readonly sent = new Map<string, number>();
  private closed = false;
  delivered = 0;
  failed = 0;

  constructor(private readonly o: WebhookOptions) {}

  onChange = (c: ImageChange): void => {
    for (const url of this.o.urls) {
      const key = createHash('sha256')
        .update([url, c.type, c.image.digest, ...c.findings.map((f) => f.fingerprint).sort()].join('\0'))
        .digest('hex');
      const at = this.sent.get(key);
      if (at !== undefined && Date.now() - at < DEDUPE_MS) continue;
      this.sent.set(key, Date.now());
      const body = JSON.stringify(this.o.format === 'slack' ? slackBody(c) : nativeBody(c));
      const prev = this.queues.get(url) ?? Promise.resolve();
      const next = prev.then(() => this.deliver(url, body, key));
      this.queues.set(url, next);
    }
  };

  private async deliver(url: string, body: string, key: string): Promise<void> {
    const attempts = this.o.attempts ?? 6;
    let wait = this.o.backoffMs ?? 1000;
    for (let i = 1; i <= attempts && !this.closed; i++) {
      let why: string;
      try {
        const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'coastguard-server' }, body, signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000) });
        await r.arrayBuffer().catch(() => undefined);
        if (r.ok) {
          this.delivered++;
          return;
        }
        why = `HTTP ${r.status}`;
        // A 4xx other than 429 will not get better by retrying.
        if (r.status < 500 && r.status !== 429) i = attempts;
      } catch (e) {
        why = (e as Error).message;
      }
      if (i >= attempts) {
        this.failed++;
        this.sent.delete(key);
        this.o.log?.(`coastguard server: warning: webhook delivery failed after ${i} attempts (${why}): ${url}`);
        return;
      }
      await new Promise((r) => setTimeout(r, wait).unref());
      wait *= 2;
    }
  }

  /** Waits for deliveries in flight (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.queues.values()]);
  }

  close(): void {
    this.closed = true;
  }
}
