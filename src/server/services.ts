/**
 * Optional parts the routes may use: the job queue for server-side scans. Absent parts answer
 * 503 from the routes that need them.
 */
export interface ServerServices {
  queue?: import('./queue/types.js').ScanQueue;
}
