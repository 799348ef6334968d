import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { configError } from '../core/errors.js';
import type { LoadedIgnore } from './load.js';

/** Looked for in the working directory when `--ignorefile` is not given: ours first, then Trivy's. */
export const DEFAULT_IGNORE_FILES = ['.coastguardignore', '.trivyignore'];

/**
 * Trivy's ignore file, so migrating users keep theirs: one finding id (or alias: CVE, GHSA, AVD-…,
 * a rule id) per line, `#` comments, and an optional `exp:YYYY-MM-DD` after the id. Each line
 * becomes an ignore entry like the policy file's, with the file:line as its reason and place, so
 * expiry warnings and `suppressed` point back at it.
 */
export function loadIgnoreFile(path: string): LoadedIgnore[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw configError(`cannot read ignore file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, path);
  }
  const out: LoadedIgnore[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line) return;
    const [id, ...rest] = line.split(/\s+/);
    const where = `${path}:${i + 1}`;
    let expires: string | undefined;
    for (const word of rest) {
      const m = /^exp:(.*)$/.exec(word);
      if (!m || !/^\d{4}-\d{2}-\d{2}$/.test(m[1]) || Number.isNaN(Date.parse(m[1]))) {
        throw configError(`invalid ignore file: "${word}" after ${id} (expected exp:YYYY-MM-DD)`, where);
      }
      expires = m[1];
    }
    out.push({ id, reason: `listed in ${where}`, expires, where });
  });
  return out;
}

/** `--ignorefile FILE`, else the first default file present in `cwd`, else nothing. */
export function findIgnoreFile(flag: string | undefined, cwd: string): string | undefined {
  if (flag) return resolve(cwd, flag);
  return DEFAULT_IGNORE_FILES.map((f) => join(cwd, f)).find((f) => existsSync(f));
}
