import type { Analyzer, AnalysisResult, AnalyzerInput } from '../types.js';
import { RELEASE_FILES } from './release-files.js';
import { withEol } from './eol.js';
import { distrolessOsFromBaseFiles } from './distroless.js';

/** Release files are a few hundred bytes; anything bigger is not one. */
const MAX_RELEASE_FILE = 64 * 1024;
const DISTROLESS_BASE_FILES = 'var/lib/dpkg/status.d/base-files';

/** Reads os-release, alpine-release, debian_version, lsb-release, redhat-release & co, SuSE-release. */
export const osReleaseAnalyzer: Analyzer = {
  id: 'os-release',
  version: 2,
  kind: 'os',
  wants(path, info) {
    return info.size <= MAX_RELEASE_FILE && (Object.hasOwn(RELEASE_FILES, path) || path === DISTROLESS_BASE_FILES);
  },
  analyze(file: AnalyzerInput): AnalysisResult | undefined {
    const text = file.content.toString('utf8');
    if (file.path === DISTROLESS_BASE_FILES) {
      const os = distrolessOsFromBaseFiles(text);
      return os ? { os: withEol(os) } : undefined;
    }
    const parse = Object.hasOwn(RELEASE_FILES, file.path) ? RELEASE_FILES[file.path] : undefined;
    const os = parse?.(text);
    if (!os) {
      if (text.trim() === '') return undefined;
      return { warnings: [{ what: 'release file does not name a known release', where: file.path }] };
    }
    return { os: withEol(os) };
  },
};
