import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';

export const isUrl = (s: string) => /^(https?|ftp):\/\//i.test(s);
export const isArchive = (s: string) => /\.(tar|tar\.(gz|bz2|xz|zst)|tgz|tbz2?|txz|gz|bz2|xz)$/i.test(s);

export default rule<DockerfileCtx>({
  id: 'CG-DF-006', slug: 'add-instead-of-copy', type: 'dockerfile', severity: 'LOW',
  title: 'ADD used where COPY does',
  why: 'ADD silently extracts archives and fetches URLs; COPY does only what it says, so surprises (zip-slip, unexpected extraction) cannot happen.',
  fix: 'Use `COPY src/ /app/`; keep ADD only to extract a local tar archive.',
  references: ['https://docs.docker.com/develop/develop-images/dockerfile_best-practices/#add-or-copy'],
  aliases: ['DL3020', 'AVD-DS-0005', 'CKV_DOCKER_4', 'CIS-DI-0009'],
  check(ctx) {
    return ctx.instructions.filter((i) => i.keyword === 'ADD').flatMap((i) => {
      const parts = i.args.startsWith('[') ? safeJson(i.args) : i.args.split(/\s+/);
      const srcs = parts.slice(0, -1).map((s) => s.replace(/^["']|["']$/g, ''));
      if (srcs.length === 0 || srcs.some((s) => isUrl(s) || isArchive(s))) return [];
      return [{ message: `ADD ${srcs.join(' ')}: use COPY`, line: i.line }];
    });
  },
});

function safeJson(s: string): string[] {
  try { const v = JSON.parse(s); return Array.isArray(v) ? v.map(String) : []; } catch { return s.split(/\s+/); }
}
