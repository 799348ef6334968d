import { randomUUID } from 'node:crypto';
import type { Store } from '../store/index.js';
import type { ScanRequest } from '../types.js';
import type { PullAuth, ScanQueue } from './types.js';

const MAX_ATTEMPTS = 3;

/**
 * The embedded queue: requests are rows in the store (so a restart loses none: queued and
 * interrupted ones run again at start), worked one at a time in this process.
 */
export class InProcessQueue implements ScanQueue {
  readonly kind = 'in-process' as const;
  private readonly pending: string[] = [];
  // Per-request pull credentials live in memory only: never written to the store.
  private readonly auth = new Map<string, PullAuth>();
  private running: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly work: (id: string, finalAttempt: boolean, pull?: PullAuth) => Promise<unknown>,
    private readonly log: (line: string) => void,
  ) {}

  async start(): Promise<void> {
    for (const r of await this.store.scanRequests()) if (r.status === 'queued' || r.status === 'running') this.push(r.id);
  }

  async enqueue(ref: string, origin: ScanRequest['origin'], pull?: PullAuth): Promise<ScanRequest> {
    const req = await this.store.insertScanRequest({ id: randomUUID(), ref, origin });
    if (pull) this.auth.set(req.id, pull);
    this.push(req.id);
    return req;
  }

  private push(id: string) {
    this.pending.push(id);
    this.running ??= this.drain().finally(() => (this.running = undefined));
  }

  private async drain(): Promise<void> {
    for (let id = this.pending.shift(); id && !this.closed; id = this.pending.shift()) {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS && !this.closed; attempt++) {
        try {
          await this.work(id, attempt === MAX_ATTEMPTS, this.auth.get(id));
          break;
        } catch (e) {
          this.log(`coastguard server: warning: scan request ${id} failed (attempt ${attempt}/${MAX_ATTEMPTS}): ${(e as Error).message}`);
          if (attempt < MAX_ATTEMPTS) await new Promise((r) => setTimeout(r, 1000 * 2 ** attempt).unref());
        }
      }
      this.auth.delete(id);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.running;
  }
}
