import type { ScanRequest } from '../types.js';

/** Server-side scans go through a queue: in-process by default, graphile-worker on PostgreSQL for scale-out. */
export interface ScanQueue {
  readonly kind: 'in-process' | 'postgres';
  /** Records the request and queues it; answers the stored request (status queued). */
  enqueue(ref: string, origin: ScanRequest['origin']): Promise<ScanRequest>;
  close(): Promise<void>;
}
