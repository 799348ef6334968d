import type { ScanRequest } from '../types.js';

/** How to pull one request's image when the server's own settings do not do (Harbor sends robot credentials per scan). */
export interface PullAuth {
  credentials?: { username: string; password: string };
  insecure?: boolean;
}

/** Server-side scans go through a queue: in-process by default, graphile-worker on PostgreSQL for scale-out. */
export interface ScanQueue {
  readonly kind: 'in-process' | 'postgres';
  /** Records the request and queues it; answers the stored request (status queued). */
  enqueue(ref: string, origin: ScanRequest['origin'], pull?: PullAuth): Promise<ScanRequest>;
  close(): Promise<void>;
}
