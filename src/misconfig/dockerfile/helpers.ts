import type { DfInstruction, DfStage, DockerfileCtx } from './parse.js';
import { prog, splitShell, unsudo, hasFlag, type ShellCommand } from './shell.js';
import type { Issue } from '../types.js';

/** Simple commands of a RUN (sudo unwrapped), cached per instruction. */
const cache = new WeakMap<DfInstruction, ShellCommand[]>();
export function commandsOf(ins: DfInstruction): ShellCommand[] {
  let c = cache.get(ins);
  if (!c) {
    c = ins.script ? splitShell(ins.script).map(unsudo) : [];
    cache.set(ins, c);
  }
  return c;
}

export const runs = (ctx: DockerfileCtx) => ctx.instructions.filter((i) => i.keyword === 'RUN');
export const finalStage = (ctx: DockerfileCtx): DfStage | undefined => ctx.stages[ctx.stages.length - 1];

/** The earlier stage a stage's FROM builds on (FROM builder), if any. */
export const parentStage = (ctx: DockerfileCtx, s: DfStage): DfStage | undefined =>
  ctx.stages.find((p) => p.index < s.index && p.name !== undefined && p.name === s.image.toLowerCase());

/** The final stage and every stage it builds on, nearest first: what ends up in the image. */
export function finalChain(ctx: DockerfileCtx): DfStage[] {
  const out: DfStage[] = [];
  for (let s = finalStage(ctx); s; s = parentStage(ctx, s)) out.push(s);
  return out;
}

/** Stages whose filesystem ends up in the image: the final one and any a later FROM builds on. */
export const stageUsed = (ctx: DockerfileCtx, index: number): boolean =>
  index === ctx.stages.length - 1 || ctx.stages.some((s) => s.index > index && parentStage(ctx, s)?.index === index);

/** `apt-get install …`-style: program in `progs` and sub-command in `subs` (any position after flags). */
export function isSub(c: ShellCommand, progs: string[], subs: string[]): boolean {
  if (!progs.includes(prog(c))) return false;
  const first = c.words.slice(1).find((w) => !w.startsWith('-'));
  return first !== undefined && subs.includes(first);
}

/** Package arguments of an install sub-command: positional words after the sub-command. */
export function packageArgs(c: ShellCommand, sub: string[], flagsWithValue: string[] = []): string[] {
  const ws = c.words.slice(1);
  const out: string[] = [];
  let seenSub = false;
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i];
    if (w.startsWith('-')) {
      if (flagsWithValue.includes(w)) i++;
      continue;
    }
    if (!seenSub) { if (sub.includes(w)) seenSub = true; continue; }
    out.push(w);
  }
  return out;
}

/** One issue per instruction matching `pred`, at the instruction's lines. */
export function perInstruction(ctx: DockerfileCtx, keyword: string | null, pred: (i: DfInstruction) => string | false | undefined): Issue[] {
  const out: Issue[] = [];
  for (const i of ctx.instructions) {
    if (keyword && i.keyword !== keyword) continue;
    const msg = pred(i);
    if (msg) out.push({ message: msg, line: i.line, endLine: i.endLine });
  }
  return out;
}

/** One issue per RUN in which some simple command matches. */
export function perRun(ctx: DockerfileCtx, pred: (cmds: ShellCommand[], i: DfInstruction) => string | false | undefined): Issue[] {
  return perInstruction(ctx, 'RUN', (i) => pred(commandsOf(i), i));
}

/** Whether a RUN mounts a BuildKit cache at `dir` (then leaving caches behind is fine). */
export function cacheMount(i: DfInstruction, dir: RegExp): boolean {
  return cacheTargets(i).some((t) => dir.test(t));
}

/** Targets of the RUN's BuildKit cache mounts (`--mount=type=cache,target=/var/cache/apt`). */
export function cacheTargets(i: DfInstruction): string[] {
  return i.mounts.filter((m) => /(^|,)type=cache(,|$)/.test(m)).map((m) => /(?:^|,)(?:target|dst|destination)=([^,]+)/.exec(m)?.[1]?.replace(/\/+$/, '') ?? '');
}

export { prog, hasFlag };
export type { ShellCommand };
