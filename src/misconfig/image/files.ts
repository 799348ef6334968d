import { fingerprint } from '../../core/fingerprint.js';
import type { Finding } from '../../core/types.js';
import type { Analyzer, EntryInfo } from '../../analyze/types.js';
import type { RuleMeta } from '../types.js';

/** Rules over image files; their checks live in the analyzer below (they see entries, not a context). */
export const setuidRule: RuleMeta = {
  id: 'CG-IMG-008', slug: 'image-setuid', type: 'image', severity: 'LOW',
  title: 'setuid or setgid file in the image',
  why: 'setuid/setgid binaries run with their owner\'s rights; each one is a privilege-escalation path if it has a bug.',
  fix: 'Strip the bits you do not need: `RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} +`.',
  references: ['https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md#cis-di-0008'],
  aliases: ['CIS-DI-0008'],
};

export const worldWritableRule: RuleMeta = {
  id: 'CG-IMG-009', slug: 'image-world-writable', type: 'image', severity: 'MEDIUM',
  title: 'World-writable file or directory in the image',
  why: 'Any user in the container can change it: replacing a binary or a config another process trusts.',
  fix: 'Fix permissions in the build: `chmod o-w <path>` (keep the sticky bit on shared temp dirs).',
  references: ['https://www.cisecurity.org/benchmark/docker'],
  aliases: [],
};

export const packageCacheRule: RuleMeta = {
  id: 'CG-IMG-010', slug: 'image-package-cache', type: 'image', severity: 'LOW',
  title: 'Package manager cache left in the image',
  why: 'apt/apk/yum/dnf caches add size and stale package indexes to every pull and every node.',
  fix: 'Clean in the same RUN: `rm -rf /var/lib/apt/lists/*`, `apk add --no-cache`, `dnf clean all`.',
  references: ['https://docs.docker.com/build/building/best-practices/#apt-get'],
  aliases: ['DKL-DI-0005', 'DL3009', 'DL3019', 'DL3032', 'DL3040'],
};

/**
 * One marker file per cache (not every .deb) so a dirty cache gives one finding per repository,
 * and the walk reads only small files: apt's pkgcache.bin and Release files, apk's APKINDEX,
 * yum/dnf repomd.xml.
 */
const CACHE_MARKERS: [RegExp, string][] = [
  [/^var\/cache\/apt\/(src)?pkgcache\.bin$/, 'var/cache/apt'],
  [/^var\/lib\/apt\/lists\/[^/]+_(In)?Release$/, 'var/lib/apt/lists'],
  [/^var\/cache\/apk\/APKINDEX\.[^/]+\.tar\.gz$/, 'var/cache/apk'],
  [/^var\/cache\/(yum|dnf)\/.*repomd\.xml$/, 'var/cache/yum|dnf'],
  [/^var\/cache\/zypp\/raw\/[^/]+\/repodata\/repomd\.xml$/, 'var/cache/zypp'],
];

export const cacheRootOf = (path: string) => CACHE_MARKERS.find(([re]) => re.test(path))?.[1];

function fileFinding(meta: RuleMeta, path: string, message: string, layer?: string): Finding {
  return {
    kind: 'misconfig', id: meta.id, aliases: meta.aliases, severity: meta.severity, title: meta.title,
    target: '/' + path,
    location: { path: '/' + path, ...(layer ? { layer } : {}) },
    fingerprint: fingerprint('misconfig', meta.id, path),
    description: message, fix: meta.fix, references: meta.references, configType: 'image', slug: meta.slug,
  };
}

/** Directories where world-writable is expected (with the sticky bit they are fine anyway). */
const WRITABLE_OK = /^(tmp|var\/tmp|dev\/shm|run\/lock|var\/lock)\/?$/;

/**
 * Image-file checks run by the layer walk: setuid/setgid and world-writable entries from the tar
 * headers (observe: no body read), package caches from small marker files (wants + analyze).
 */
export const imageFileAnalyzer: Analyzer = {
  id: 'misconfig-image-files',
  version: 1,
  kind: 'config',
  wants(path, info) {
    return info.size <= 4 * 1024 * 1024 && cacheRootOf(path) !== undefined;
  },
  analyze(file) {
    const root = cacheRootOf(file.path);
    if (!root || file.size === 0) return undefined;
    return { findings: [fileFinding(packageCacheRule, file.path, `package cache left behind in /${root} (/${file.path})`, file.layer)] };
  },
  observe(entry: EntryInfo) {
    const findings: Finding[] = [];
    const perm = entry.mode & 0o7777;
    if (entry.type === 'file' || entry.type === 'hardlink') {
      if (perm & 0o6000) {
        const bits = [perm & 0o4000 ? 'setuid' : '', perm & 0o2000 ? 'setgid' : ''].filter(Boolean).join('+');
        findings.push(fileFinding(setuidRule, entry.path, `/${entry.path} is ${bits} (mode ${perm.toString(8)})`, entry.layer));
      }
    }
    if ((entry.type === 'file' || entry.type === 'directory') && perm & 0o002) {
      const stickyDir = entry.type === 'directory' && perm & 0o1000;
      if (!stickyDir && !WRITABLE_OK.test(entry.path)) {
        findings.push(fileFinding(worldWritableRule, entry.path, `/${entry.path} is world-writable (mode ${perm.toString(8)})`, entry.layer));
      }
    }
    return findings.length ? { findings } : undefined;
  },
};
