import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { commandsOf, isSub } from '../helpers.js';

const MANAGERS: [string[], string[], string[]][] = [
  [['apt-get', 'apt'], ['update'], ['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'source', 'build-dep']],
  [['apk'], ['update'], ['add', 'upgrade']],
  [['yum'], ['update', 'makecache'], ['install', 'groupinstall', 'localinstall', 'upgrade']],
  [['dnf'], ['makecache', 'check-update'], ['install', 'upgrade']],
  [['zypper'], ['refresh', 'ref'], ['install', 'in', 'update', 'up', 'patch']],
];

export default rule<DockerfileCtx>({
  id: 'CG-DF-019', slug: 'update-alone', type: 'dockerfile', severity: 'MEDIUM',
  title: "Package index update in a RUN of its own",
  why: 'A cached "apt-get update" layer makes later installs use stale indexes: old, vulnerable packages.',
  fix: 'Update and install in one RUN: `RUN apt-get update && apt-get install -y pkg=1.2`.',
  references: ['https://docs.docker.com/develop/develop-images/dockerfile_best-practices/#apt-get'],
  aliases: ['AVD-DS-0017', 'CKV_DOCKER_5', 'CIS-DI-0007'],
  check(ctx) {
    const out = [];
    for (const i of ctx.instructions) {
      if (i.keyword !== 'RUN') continue;
      const cs = commandsOf(i);
      for (const [progs, upd, inst] of MANAGERS) {
        // The update must be followed by an install in the same RUN; an install before it does not count.
        const u = cs.findIndex((c) => isSub(c, progs, upd));
        if (u >= 0 && !cs.slice(u + 1).some((c) => isSub(c, progs, inst))) {
          out.push({ message: `'${progs[0]} ${upd[0]}' without an install in the same RUN`, line: i.line, endLine: i.endLine });
          break;
        }
      }
    }
    return out;
  },
});
