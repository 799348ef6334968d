import { readFileSync, statSync } from 'node:fs';
import { writeFileAtomic } from '../core/temp-files.js';
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

/** `name:tag` of a pinned reference's name part; undefined for `name@digest` (no tag to follow). */
function taggedPart(name: string): string | undefined {
  return name.lastIndexOf(':') > name.lastIndexOf('/') ? name : undefined;
}

/** Returns the index digest a reference's tag points to now. */
export type DigestResolver = (ref: string) => Promise<string>;

/**
 * Rewrites image references to `ref@sha256:…` in place. The digest is the one the tag points to
 * (for multi-platform images the index, so every platform keeps working). Only the digest is
 * added: formatting, quotes and comments stay byte for byte. Already-pinned references are left,
 * unless `update` (Renovate's digest updates): then `name:tag@old` becomes `name:tag@current`.
 */
export async function pinFiles(files: string[], resolve: DigestResolver, opts: { dryRun?: boolean; update?: boolean } = {}): Promise<PinReport> {
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
      const at = r.ref.indexOf('@');
      // Already pinned: left alone, or with `update` moved to where its tag points now.
      const follow = at < 0 ? r.ref : opts.update ? taggedPart(r.ref.slice(0, at)) : undefined;
      if (!follow || (at >= 0 && text.slice(r.start, r.end) !== r.ref)) continue; // an escaped YAML scalar: not rewritten
      let digest: string;
      try {
        if (!memo.has(follow)) memo.set(follow, resolve(follow));
        digest = await memo.get(follow)!;
      } catch (e) {
        report.skipped.push({ file, line: r.line, ref: r.ref, reason: (e as Error).message });
        continue;
      }
      if (at >= 0 && r.ref.slice(at + 1) === digest) continue; // up to date
      const to = `${follow}@${digest}`;
      out += at < 0 ? text.slice(last, r.end) + `@${digest}` : text.slice(last, r.start + at + 1) + digest;
      last = r.end;
      report.changes.push({ file, line: r.line, from: r.ref, to });
    }
    out += text.slice(last);
    if (out !== text && !opts.dryRun) {
      // Exclusive random temp name: a symlink planted beside the file is never written through.
      writeFileAtomic(file, out, statSync(file).mode & 0o7777);
    }
  }
  return report;
}
