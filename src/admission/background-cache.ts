/**
 * Answers that are too slow for an admission request (a registry round trip for cosign
 * signatures, the server's last scan): the request path only reads this cache; a miss starts
 * the lookup in the background and the request goes on with "unknown". Lookups are deduplicated
 * and bounded in concurrency; a failed lookup is retried after `retryMs`, not on every request.
 */
export interface CacheOptions {
  /** How long a known answer stays fresh; after that it is served once more while refreshed. */
  ttlMs: number;
  /** Wait before a failed lookup is tried again. */
  retryMs?: number;
  concurrency?: number;
  maxEntries?: number;
}

type Entry<V> = { value: V; at: number } | { failed: string; at: number };

export type Lookup<V> = { state: 'known'; value: V } | { state: 'unknown'; why: string };

export class BackgroundCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly pending = new Set<string>();
  private readonly queue: string[] = [];
  private running = 0;
  readonly stats = { hits: 0, misses: 0, lookups: 0, failures: 0 };

  constructor(
    private readonly fetch: (key: string) => Promise<V>,
    private readonly opts: CacheOptions,
  ) {}

  /** The cached answer, or "unknown" (and a background lookup queued). Never waits. */
  get(key: string, now = Date.now()): Lookup<V> {
    const e = this.entries.get(key);
    if (e && 'value' in e) {
      this.stats.hits++;
      // A stale answer is still served while a fresh one is fetched: no request waits for it.
      if (now - e.at >= this.opts.ttlMs) this.enqueue(key);
      return { state: 'known', value: e.value };
    }
    this.stats.misses++;
    const retryIn = this.opts.retryMs ?? 30_000;
    if (!(e && 'failed' in e && now - e.at < retryIn)) this.enqueue(key);
    if (e && 'failed' in e) return { state: 'unknown', why: e.failed };
    return { state: 'unknown', why: this.pending.has(key) ? 'lookup in progress' : 'not looked up yet' };
  }

  /** Resolves when every queued lookup has finished (tests, and warming at start-up). */
  async settle(): Promise<void> {
    while (this.running > 0 || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
  }

  private enqueue(key: string): void {
    if (this.pending.has(key)) return;
    this.pending.add(key);
    this.queue.push(key);
    this.pump();
  }

  private pump(): void {
    while (this.running < (this.opts.concurrency ?? 4) && this.queue.length > 0) {
      const key = this.queue.shift()!;
      this.running++;
      this.stats.lookups++;
      this.fetch(key)
        .then(
          (value) => this.store(key, { value, at: Date.now() }),
          (e: unknown) => {
            this.stats.failures++;
            this.store(key, { failed: (e as Error)?.message ?? String(e), at: Date.now() });
          },
        )
        .finally(() => {
          this.pending.delete(key);
          this.running--;
          this.pump();
        });
    }
  }

  private store(key: string, e: Entry<V>): void {
    this.entries.delete(key);
    this.entries.set(key, e);
    const max = this.opts.maxEntries ?? 10_000;
    // Oldest first out: Map keeps insertion order and store() re-inserts.
    while (this.entries.size > max) this.entries.delete(this.entries.keys().next().value as string);
  }
}
