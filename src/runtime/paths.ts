import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { configError } from '../core/errors.js';

/** Rules paths as Falco takes them: files as given, directories as their *.yaml/*.yml files in name order. */
export function expandRulesPaths(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw configError('rules file not found', p);
    }
    if (st.isDirectory()) {
      const files = readdirSync(p)
        .filter((f) => /\.ya?ml$/.test(f))
        .sort()
        .map((f) => join(p, f));
      if (!files.length) throw configError('rules directory has no .yaml files', p);
      out.push(...files);
    } else out.push(p);
  }
  return out;
}
