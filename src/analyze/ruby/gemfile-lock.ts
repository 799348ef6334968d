import type { Package } from '../../core/types.js';
import type { AnalyzerInput } from '../types.js';
import { text } from '../lang-common/index.js';
import { gemPackage } from './purl.js';

/**
 * Gemfile.lock: in the GEM and GIT sections, `specs:` lists every locked gem at four spaces of indent,
 * `name (version)`; six spaces are that gem's own requirements. A platform-specific gem carries its
 * platform after the version ("nokogiri (1.13.6-x86_64-linux)"): the version is the part before it.
 * PATH gems are the project's own folders and are not reported.
 */
export function parseGemfileLock(file: AnalyzerInput): Package[] {
  const out: Package[] = [];
  const seen = new Set<string>();
  let section = '';
  let inSpecs = false;
  let sawSection = false;
  for (const line of text(file.content).split(/\r?\n/)) {
    if (/^[A-Z][A-Z_ -]*$/.test(line)) {
      section = line.trim();
      inSpecs = false;
      sawSection = true;
      continue;
    }
    if (line === '  specs:') {
      inSpecs = true;
      continue;
    }
    if (!inSpecs || (section !== 'GEM' && section !== 'GIT')) continue;
    const m = /^ {4}([^ (]+) \(([^)]+)\)$/.exec(line);
    if (!m) continue;
    const version = m[2].replace(/-(x86|x64|arm|aarch64|universal|java|jruby|mswin|mingw|darwin|linux|musl|ruby).*$/, '');
    const key = `${m[1]}@${version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(gemPackage(m[1], version, file, [], section === 'GIT' ? { source: 'git' } : undefined));
  }
  if (!sawSection) throw new Error('no Gemfile.lock sections');
  return out;
}
