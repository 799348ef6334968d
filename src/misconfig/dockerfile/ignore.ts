import type { DockerfileCtx } from './parse.js';

/**
 * Inline suppressions: `# coastguard:ignore=ID[,ID…]` on the comment lines just above an
 * instruction ignores those rules for that instruction; `# coastguard:ignore-file=ID` (or
 * hadolint's `# hadolint global ignore=`) for the whole file. hadolint's `# hadolint ignore=DL3008`
 * works too, matched against aliases, so migrating users keep their pragmas.
 */
export interface DfIgnores {
  file: string[];
  /** line of an instruction → tokens that suppress rules on it */
  byLine: Map<number, string[]>;
}

const INLINE = /^#\s*(?:coastguard:\s*ignore|hadolint\s+ignore)\s*=\s*([\w\-/.,\s]+)/i;
const GLOBAL = /^#\s*(?:coastguard:\s*ignore-file|hadolint\s+global\s+ignore)\s*=\s*([\w\-/.,\s]+)/i;

export function collectIgnores(ctx: DockerfileCtx): DfIgnores {
  const file: string[] = [];
  const byLine = new Map<number, string[]>();
  const starts = new Map(ctx.instructions.map((i) => [i.line, i] as const));
  let pending: string[] = [];
  for (let n = 1; n <= ctx.lines.length; n++) {
    const text = ctx.lines[n - 1].trim();
    const ins = starts.get(n);
    if (ins) {
      if (pending.length) {
        for (let l = ins.line; l <= ins.endLine; l++) byLine.set(l, [...(byLine.get(l) ?? []), ...pending]);
      }
      pending = [];
      n = ins.endLine;
      continue;
    }
    const g = GLOBAL.exec(text);
    if (g) { file.push(...split(g[1])); continue; }
    const m = INLINE.exec(text);
    if (m) pending.push(...split(m[1]));
  }
  return { file, byLine };
}

const split = (s: string) => s.split(/[,\s]+/).map((x) => x.trim()).filter(Boolean);
