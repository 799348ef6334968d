import type { Analyzer } from '../types.js';

const LIST = /^var\/lib\/dpkg\/info\/([^/]+?)(?::[a-z0-9-]+)?\.list$/;

/**
 * dpkg keeps each package's files in var/lib/dpkg/info/<pkg>[:<arch>].list, not in the status
 * file. Reading them lets the merge mark a jar, wheel or Go binary that a Debian package
 * installed as owned by it, so it is not matched twice against language feeds.
 */
export const dpkgFileListAnalyzer: Analyzer = {
  id: 'dpkg-file-lists',
  version: 1,
  kind: 'os-pkg',
  wants(path, info) {
    return info.size < 16 * 1024 * 1024 && LIST.test(path);
  },
  analyze(file) {
    const pkg = LIST.exec(file.path)![1];
    const files: string[] = [];
    for (const line of file.content.toString('utf8').split('\n')) {
      // Directories are listed too; only paths below them matter, and "/." is the root.
      if (line.length > 2 && line[0] === '/') files.push(line.slice(1));
    }
    return { ownedFiles: [{ package: pkg, files }] };
  },
};
