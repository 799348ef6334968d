import type { Package } from '../../core/types.js';
import type { AnalyzerInput } from '../types.js';
import { basename, dirname, text } from '../lang-common/index.js';
import { normalizeName, pypiPackage } from './purl.js';

/**
 * `<name>-<version>.dist-info/RECORD`: the files an installed distribution owns, one CSV row each
 * (path, hash, size), paths relative to the site-packages folder holding the .dist-info directory.
 * An analyzer sees one file at a time, so this yields a file-list-only package (`meta.fileListOf`
 * = the METADATA path beside it); `mergeFileLists` in lang.ts folds it into that package.
 */
export function parseRecord(file: AnalyzerInput): Package[] {
  const distInfo = dirname(file.path);
  const m = /^(.+?)-([^-]+?)\.dist-info$/i.exec(basename(distInfo));
  if (!m) return [];
  const sitePackages = dirname(distInfo);
  const files: string[] = [];
  for (const line of text(file.content).split(/\r?\n/)) {
    if (!line.trim()) continue;
    const path = csvFirst(line);
    files.push(joinPath(sitePackages, path));
  }
  return [pypiPackage(normalizeName(m[1]), m[2], file, { meta: { fileListOf: `${distInfo}/METADATA`, installedFiles: files } })];
}

/** First CSV column (paths with commas are quoted, with "" for a quote). */
function csvFirst(line: string): string {
  if (!line.startsWith('"')) return line.split(',')[0];
  let out = '';
  for (let i = 1; i < line.length; i++) {
    if (line[i] === '"') {
      if (line[i + 1] === '"') {
        out += '"';
        i++;
      } else break;
    } else out += line[i];
  }
  return out;
}

/** Resolves "../../../bin/x" against the site-packages folder; the result is relative, no leading "/". */
function joinPath(base: string, rel: string): string {
  if (rel.startsWith('/')) return rel.replace(/^\/+/, '');
  const parts = base ? base.split('/') : [];
  for (const seg of rel.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}
