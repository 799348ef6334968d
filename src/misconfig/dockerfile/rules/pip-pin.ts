import { rule } from '../../types.js';
import type { DockerfileCtx } from '../parse.js';
import { commandsOf, prog } from '../helpers.js';

const VALUE_FLAGS = ['-b', '--build', '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--trusted-host', '--platform', '--python-version', '--implementation', '--abi', '--src', '--progress-bar', '--cache-dir', '--log'];

export default rule<DockerfileCtx>({
  id: 'CG-DF-035', slug: 'pip-pin', type: 'dockerfile', severity: 'LOW',
  title: 'pip install without pinned versions',
  why: 'Unpinned Python packages make builds unreproducible and open the door to a malicious new release.',
  fix: 'Pin versions (`pip install requests==2.31.0`) or install from a locked requirements file with hashes.',
  references: ['https://github.com/hadolint/hadolint/wiki/DL3013'],
  aliases: ['DL3013'],
  check(ctx) {
    const out = [];
    for (const i of ctx.instructions) {
      if (i.keyword !== 'RUN') continue;
      const bad: string[] = [];
      for (const c of commandsOf(i)) {
        const p = prog(c);
        let ws = c.words;
        if (/^python[0-9.]*$/.test(p) && ws[1] === '-m' && /^pip[0-9.]*$/.test(ws[2] ?? '')) ws = ws.slice(2);
        else if (!/^pip[0-9.]*$/.test(p)) continue;
        const args = ws.slice(1);
        if (args.find((w) => !w.startsWith('-')) !== 'install') continue;
        // A constraints file pins whatever it lists.
        if (args.some((w) => w === '-c' || w === '--constraint' || w.startsWith('--constraint='))) continue;
        let seen = false;
        for (let k = 0; k < args.length; k++) {
          const w = args[k];
          if (w.startsWith('-')) { if (VALUE_FLAGS.includes(w)) k++; continue; }
          if (!seen) { seen = true; continue; }
          // VCS URLs are pinned by @ref after the repository path; other URLs and paths are files.
          if (/^(git|hg|svn|bzr)\+/.test(w)) { if (!/@[^/]+$/.test(w.replace(/#.*$/, '').split('/').slice(3).join('/'))) bad.push(w); continue; }
          if (/[=<>~!@]/.test(w) || w.includes('/') || w === '.' || /\.(whl|tar\.gz|zip)$/.test(w) || w.includes('$')) continue;
          bad.push(w);
        }
      }
      if (bad.length) out.push({ message: `pip install of unpinned ${bad.join(', ')}`, line: i.line, endLine: i.endLine });
    }
    return out;
  },
});
