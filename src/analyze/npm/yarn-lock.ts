import { parse as parseYaml } from 'yaml';
import type { Package } from '../../core/types.js';
import type { AnalyzerInput } from '../types.js';
import { text } from '../lang-common/index.js';
import { npmPackage, splitNameSpec } from './purl.js';

/** Protocols that point at the project's own folders, not at published packages. */
const LOCAL = /^(workspace|link|portal|file):/;

export function parseYarnLock(file: AnalyzerInput): Package[] {
  const src = text(file.content);
  return /^__metadata:/m.test(src) ? parseBerry(src, file) : parseClassic(src, file);
}

/**
 * Yarn 2+ ("berry") lockfiles are YAML. The `resolution` field names the package and the protocol
 * it came from ("name@npm:1.2.3", "name@patch:…", "name@workspace:."); the `version` field is exact.
 */
function parseBerry(src: string, file: AnalyzerInput): Package[] {
  const doc = parseYaml(src, { uniqueKeys: false }) as Record<string, { version?: unknown; resolution?: unknown }>;
  if (!doc || typeof doc !== 'object') throw new Error('not a YAML mapping');
  const out: Package[] = [];
  const seen = new Set<string>();
  for (const [key, e] of Object.entries(doc)) {
    if (key === '__metadata' || !e || typeof e !== 'object') continue;
    const resolution = typeof e.resolution === 'string' ? e.resolution : key.split(',')[0].trim();
    const [name, ref] = splitNameSpec(resolution);
    if (LOCAL.test(ref) || e.version === undefined) continue;
    const version = String(e.version);
    if (version === '0.0.0-use.local') continue;
    const k = `${name}@${version}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(npmPackage(name, version, file));
  }
  return out;
}

/**
 * Yarn 1 ("classic") lockfiles are not YAML nor JSON but yarn's own indented format, and no
 * maintained npm library parses it without pulling in all of yarn (the `@yarnpkg/lockfile`
 * package is unmaintained since 2018), so it is read here: a header line lists the specs
 * ("a@^1", "a@~1.2":), the indented `version "x"` line gives the exact version.
 */
function parseClassic(src: string, file: AnalyzerInput): Package[] {
  const out: Package[] = [];
  const seen = new Set<string>();
  let header: string | undefined;
  let lineNo = 0;
  for (const raw of src.split(/\r?\n/)) {
    lineNo++;
    if (!raw.trim() || raw.trimStart().startsWith('#')) continue;
    if (!/^\s/.test(raw)) {
      if (!raw.trimEnd().endsWith(':')) throw new Error(`unexpected line ${lineNo}: ${raw.slice(0, 60)}`);
      header = raw.trimEnd().slice(0, -1);
      continue;
    }
    const m = /^ {2}"?version"?:?\s+"?([^"\s]+)"?\s*$/.exec(raw);
    if (!m || header === undefined) continue;
    const first = header.split(',')[0].trim().replace(/^"|"$/g, '');
    let [name, spec] = splitNameSpec(first);
    // "alias@npm:real-name@^1.0.0": the installed package is the real one.
    if (spec.startsWith('npm:')) {
      const [real] = splitNameSpec(spec.slice(4));
      if (real && !/^[\d^~<>=*]/.test(real)) name = real;
    }
    header = undefined;
    if (LOCAL.test(spec)) continue;
    const version = m[1];
    const k = `${name}@${version}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(npmPackage(name, version, file));
  }
  return out;
}
