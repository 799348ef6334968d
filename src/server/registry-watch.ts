import type { Store } from './store/index.js';
import type { ScanQueue } from './queue/types.js';

/**
 * `--watch REF`: polls each repository tag for its manifest digest and queues a server-side scan
 * when the digest is new. The last digest seen is kept in the store, so a restart neither misses
 * a push nor scans the same digest twice.
 */
export class RegistryWatch {
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(
    private readonly refs: string[],
    private readonly store: Store,
    private readonly queue: ScanQueue,
    private readonly o: { insecure?: boolean; log: (line: string) => void },
  ) {}

  start(everyMs: number): void {
    void this.poll();
    this.timer = setInterval(() => void this.poll(), everyMs);
    this.timer.unref();
  }

  async poll(): Promise<number> {
    if (this.busy) return 0;
    this.busy = true;
    let queued = 0;
    try {
      const { resolveRemote } = await import('../source/registry/index.js');
      const { hostPlatform } = await import('../source/platform.js');
      for (const ref of this.refs) {
        try {
          const { topDigest } = await resolveRemote(ref, { platform: hostPlatform(), insecure: this.o.insecure });
          const key = `watch:${ref}`;
          if ((await this.store.getMeta(key)) === topDigest) continue;
          await this.queue.enqueue(`${ref.replace(/@sha256:[0-9a-f]+$/, '')}@${topDigest}`, 'watch');
          await this.store.setMeta(key, topDigest);
          queued++;
        } catch (e) {
          this.o.log(`coastguard server: warning: registry watch: ${(e as Error).message}`);
        }
      }
    } finally {
      this.busy = false;
    }
    return queued;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
