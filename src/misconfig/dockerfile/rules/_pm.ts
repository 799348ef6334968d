import type { Rule, Issue } from '../../types.js';
import type { DockerfileCtx, DfInstruction } from '../parse.js';
import { commandsOf, isSub, packageArgs, cacheMount, hasFlag, stageUsed, type ShellCommand } from '../helpers.js';

/** Shared shape of the "install without cleaning the cache" rules (yum, dnf, zypper, microdnf, apt, yarn). */
export function missingCleanup(opts: {
  progs: string[];
  install: string[];
  cleaned: (cmds: ShellCommand[], script: string) => boolean;
  cacheDir?: RegExp;
  finalStageOnly?: boolean;
  /** Only stages whose files end up in the image (the final one and those it builds on). */
  usedStagesOnly?: boolean;
  label: string;
}): Rule<DockerfileCtx>['check'] {
  return (ctx) => {
    const out: Issue[] = [];
    const last = ctx.stages.length - 1;
    for (const i of ctx.instructions) {
      if (i.keyword !== 'RUN') continue;
      if (opts.finalStageOnly && i.stage !== last) continue;
      if (opts.usedStagesOnly && !stageUsed(ctx, i.stage)) continue;
      if (opts.cacheDir && cacheMount(i, opts.cacheDir)) continue;
      const cmds = commandsOf(i);
      if (!cmds.some((c) => isSub(c, opts.progs, opts.install))) continue;
      if (!opts.cleaned(cmds, i.script ?? '')) out.push({ message: opts.label, line: i.line, endLine: i.endLine });
    }
    return out;
  };
}

/** Shared shape of the "install without pinning versions" rules. */
export function unpinned(opts: {
  progs: string[];
  install: string[];
  flagsWithValue?: string[];
  pinned: (pkg: string, c: ShellCommand) => boolean;
  skip?: (c: ShellCommand) => boolean;
  label: (pkgs: string[]) => string;
}): Rule<DockerfileCtx>['check'] {
  return (ctx) => {
    const out: Issue[] = [];
    for (const i of ctx.instructions) {
      if (i.keyword !== 'RUN') continue;
      const bad: string[] = [];
      for (const c of commandsOf(i)) {
        if (!isSub(c, opts.progs, opts.install) || opts.skip?.(c)) continue;
        for (const p of packageArgs(c, opts.install, opts.flagsWithValue)) if (!p.includes('$') && !opts.pinned(p, c)) bad.push(p);
      }
      if (bad.length) out.push({ message: opts.label(bad), line: i.line, endLine: i.endLine });
    }
    return out;
  };
}

/** Shared shape of "install without the non-interactive flag" rules. */
export function missingYes(progs: string[], subs: string[], long: string[], short: string, label: string): Rule<DockerfileCtx>['check'] {
  // apt-get: -qq (or -q=2 / --quiet=2) implies -y; a single -q does not.
  const quietYes = (c: ShellCommand) => c.words.some((w) => /^-[a-z]*q[a-z]*q/.test(w) || /^(-q|--quiet)=2$/.test(w));
  return (ctx) => {
    const out: Issue[] = [];
    for (const i of ctx.instructions) {
      if (i.keyword !== 'RUN') continue;
      if (commandsOf(i).some((c) => isSub(c, progs, subs) && !hasFlag(c, long, short) && !(progs.includes('apt-get') && quietYes(c)))) out.push({ message: label, line: i.line, endLine: i.endLine });
    }
    return out;
  };
}

export const localFile = (p: string) => p.includes('/') || /\.(deb|rpm|apk|whl|tgz|tar\.gz|gem|zip)$/.test(p) || p === '.';
export type { DfInstruction };
