import type { Analyzer } from '../types.js';
import { basename, dirname, langAnalyzer } from '../lang-common/index.js';
import { parseMetadata } from './metadata.js';
import { parseRecord } from './record.js';
import { parsePoetryLock, parseUvLock } from './poetry-lock.js';
import { parsePipfileLock } from './pipfile-lock.js';
import { parseRequirements } from './requirements.js';

const MB = 1024 * 1024;

/** `x.dist-info/METADATA`, `x.egg-info/PKG-INFO`, `EGG-INFO/PKG-INFO` (any case), or a file `x.egg-info`. */
export function isInstalledMetadata(path: string): boolean {
  const base = basename(path);
  const dir = basename(dirname(path)).toLowerCase();
  if (base === 'METADATA') return dir.endsWith('.dist-info') || dir === 'dist-info';
  if (base === 'PKG-INFO') return dir.endsWith('.egg-info') || dir === 'egg-info';
  return base.toLowerCase().endsWith('.egg-info');
}

export function isRequirementsFile(path: string): boolean {
  const base = basename(path).toLowerCase();
  return base.endsWith('.txt') && base.includes('requirements');
}

export const pythonAnalyzers: Analyzer[] = [
  langAnalyzer('python-metadata', 2, (p, { size }) => size < 16 * MB && isInstalledMetadata(p), parseMetadata, 'invalid Python package metadata'),
  langAnalyzer('poetry-lock', 3, (p, { size }) => size < 64 * MB && basename(p) === 'poetry.lock', parsePoetryLock, 'invalid poetry.lock'),
  langAnalyzer('uv-lock', 3, (p, { size }) => size < 64 * MB && basename(p) === 'uv.lock', parseUvLock, 'invalid uv.lock'),
  langAnalyzer('pipfile-lock', 3, (p, { size }) => size < 64 * MB && basename(p) === 'Pipfile.lock', parsePipfileLock, 'invalid Pipfile.lock'),
  langAnalyzer('pip-requirements', 3, (p, { size }) => size < 8 * MB && isRequirementsFile(p), parseRequirements, 'invalid requirements file'),
];

/**
 * RECORD file lists come out as marker entries that `mergeFileLists` (lang.ts) must fold into their
 * METADATA package; until the inventory step calls it, this analyzer stays out of the default list
 * (otherwise every wheel would be counted twice). `langAnalyzersWithFileLists` includes it.
 */
export const pythonRecordAnalyzer: Analyzer = langAnalyzer(
  'python-record',
  1,
  (p, { size }) => size < 64 * MB && basename(p) === 'RECORD' && /\.dist-info$/i.test(dirname(p)),
  parseRecord,
  'invalid RECORD',
);
