import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { unpinned } from './_pm.js';

export default rule<DockerfileCtx>({
  id: 'CG-DF-063', slug: 'go-install-pin', type: 'dockerfile', severity: 'LOW',
  title: 'go install without a fixed version',
  why: 'go install pkg@latest (or no version) builds whatever is newest.',
  fix: 'Pin: `go install golang.org/x/tools/cmd/goimports@v0.20.0`.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3062'],
  aliases: ['DL3062'],
  check: unpinned({
    progs: ['go'], install: ['install'], flagsWithValue: ['-o', '-tags', '-ldflags', '-gcflags', '-mod', '-p'],
    pinned: (p) => /@/.test(p) && !/@(latest|master|main|HEAD)$/.test(p) || p.startsWith('.'),
    label: (ps) => `go install without a fixed version: ${ps.join(', ')}`,
  }),
});
