import type { Finding, ScanWarning } from '../core/types.js';
import { blobSizes, listHistoryBlobs, readBlobs, type HistoryOptions } from '../source/git/history.js';
import { isTextCandidate } from './analyzer.js';
import { DEFAULT_MAX_FILE_SIZE } from './scanner.js';
import { scannerFor } from './text.js';
import type { SecretScanOptions } from './types.js';

export interface HistoryScanOptions extends SecretScanOptions, HistoryOptions {}

export interface HistoryScanResult {
  findings: Finding[];
  warnings: ScanWarning[];
  /** Distinct blobs in the walked history, and how many were read (text candidates under the cap). */
  blobs: number;
  scanned: number;
}

/**
 * `coastguard repo`: every blob of the git history scanned once. A finding names the commit,
 * author and date where the blob first appeared, so a secret removed since is still reported,
 * with who introduced it. Findings are ordered by first appearance.
 */
export async function scanGitHistory(repo: string, opts: HistoryScanOptions = {}): Promise<HistoryScanResult> {
  const origins = await listHistoryBlobs(repo, opts);
  const sizes = await blobSizes(repo, origins.map((o) => o.blob));
  const max = opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const wanted = origins.filter((o) => isTextCandidate(o.path, sizes.get(o.blob) ?? 0, max));
  const byBlob = new Map(wanted.map((o) => [o.blob, o]));
  const scanner = scannerFor(opts);
  const order = new Map(origins.map((o, i) => [o.blob, i]));
  const hits: { at: number; f: Finding }[] = [];
  await readBlobs(repo, wanted.map((o) => o.blob), (id, body) => {
    const o = byBlob.get(id);
    if (!o) return;
    for (const f of scanner.scan(o.path, body, { target: opts.target ?? repo })) {
      f.commit = o.commit;
      f.author = o.author;
      f.authorEmail = o.email;
      f.date = o.date;
      f.blob = o.blob;
      hits.push({ at: order.get(id) ?? 0, f });
    }
  });
  hits.sort((a, b) => a.at - b.at || (a.f.location.line ?? 0) - (b.f.location.line ?? 0));
  // A later version of the file that still holds the same secret at the same place is the same
  // finding (same fingerprint): keep its first appearance only.
  const seen = new Set<string>();
  const findings = hits.map((h) => h.f).filter((f) => (seen.has(f.fingerprint) ? false : (seen.add(f.fingerprint), true)));
  return { findings, warnings: [], blobs: origins.length, scanned: wanted.length };
}
