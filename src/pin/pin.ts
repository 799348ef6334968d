import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { findImageRefs, kindOf, type FoundRef } from './find-refs.js';

export interface PinChange {
  file: string;
  line: number;
  from: string;
  to: string;
}

export interface PinReport {
  changes: PinChange[];
  skipped: { file: string; line: number; ref: string; reason: string }[];
}

/** Returns the index digest a reference's tag points to now. */
export type DigestResolver = (ref: string) => Promise<string>;

/**
 * Rewrites image references to `ref@sha256:…` in place. The digest is the one the tag points to
 * (for multi-platform images the index, so every platform keeps working). Only the digest is
 * added: formatting, quotes and comments stay byte for byte. Already-pinned references are left.
 */
export async function pinFiles(files: string[], resolve: DigestResolver, opts: { dryRun?: boolean } = {}): Promise<PinReport> {
  const report: PinReport = { changes: [], skipped: [] };
  const memo = new Map<string, Promise<string>>();
  for (const file of files) {
    const kind = kindOf(file);
    if (!kind) continue;
    const text = readFileSync(file, 'utf8');
    const refs: FoundRef[] = findImageRefs(file, text, kind);
    let out = '';
    let last = 0;
    for (const r of refs) {
      if (r.ref.includes('@')) continue; // already pinned
      let digest: string;
      try {
        if (!memo.has(r.ref)) memo.set(r.ref, resolve(r.ref));
        digest = await memo.get(r.ref)!;
      } catch (e) {
        report.skipped.push({ file, line: r.line, ref: r.ref, reason: (e as Error).message });
        continue;
      }
      const to = `${r.ref}@${digest}`;
      out += text.slice(last, r.end) + `@${digest}`;
      last = r.end;
      report.changes.push({ file, line: r.line, from: r.ref, to });
    }
    out += text.slice(last);
    if (out !== text && !opts.dryRun) {
      const tmp = `${file}.coastguard-pin.tmp`;
      writeFileSync(tmp, out, { mode: statSync(file).mode & 0o7777 });
      renameSync(tmp, file);
    }
  }
  return report;
}
