import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { perRun, prog } from '../helpers.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-063', slug: 'go-install-pin', type: 'dockerfile', severity: 'LOW',
  title: 'go install/get/run without a fixed version',
  why: 'go install pkg@latest (or no version) builds whatever is newest.',
  fix: 'Pin: `go install golang.org/x/tools/cmd/goimports@v0.20.0`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3062'],
  aliases: ['DL3062'],
  check: (ctx) => perRun(ctx, (cmds) => {
    const bad: string[] = [];
    for (const c of cmds) {
      if (prog(c) !== 'go') continue;
      const args = c.words.slice(1);
      const sub = args.find((w) => !w.startsWith('-'));
      if (sub !== 'install' && sub !== 'get' && sub !== 'run') continue;
      let pkgs: string[] = [];
      for (let k = args.indexOf(sub) + 1; k < args.length; k++) {
        const w = args[k];
        if (w.startsWith('-')) { if (FLAGS_WITH_VALUE.includes(w)) k++; continue; }
        pkgs.push(w);
      }
      if (sub === 'install' && pkgs[0] === 'tool') pkgs = pkgs.slice(1); // go install tool NAME
      if (sub === 'run') pkgs = pkgs.slice(0, 1); // the rest are the program's arguments
      for (const p of pkgs) if (!p.includes('$') && !pinned(p)) bad.push(p);
    }
    return bad.length > 0 && `go install/get/run without a fixed version: ${bad.join(', ')}`;
  }),
});

const FLAGS_WITH_VALUE = ['-o', '-tags', '-ldflags', '-gcflags', '-mod', '-p', '-C', '-modfile', '-exec'];

/** A module path at a fixed version (not @latest/branch), or a local package (a path). */
const pinned = (p: string) => (/@/.test(p) && !/@(latest|master|main|HEAD|upgrade|patch)$/.test(p)) || /^(?:\.{1,2}(?:\/|$)|\/)/.test(p);
