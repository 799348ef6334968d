import { readFile, stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { skipMatcher } from '../source/skip.js';
import { walkTree } from '../source/walk-tree.js';
import type { Finding, ScanWarning } from '../core/types.js';
import { inputError } from '../core/errors.js';
import { typeFromContent, typeFromName, type DetectedType } from './detect.js';
import { scanDockerfile, byLine } from './dockerfile/index.js';
import { parseK8s, scanK8sObjects, type K8sObject } from './kubernetes/index.js';
import { scanCompose } from './compose/index.js';
import { setLabelSchema, type LabelType } from './dockerfile/rules/_labels.js';
import { acceptedPriorityClasses } from './kubernetes/rules/priority-class-name.js';
import { append } from '../core/arrays.js';
import type { RuleOptions } from './types.js';

export interface ConfigScanOptions {
  /** Rule ids, slugs or aliases not to run. */
  skipRules?: string[];
  /** `--skip-dirs` / `--skip-files` (src/source/skip.ts); node_modules, vendor and .git are always skipped. */
  skipDirs?: string[];
  skipFiles?: string[];
  /** Registries FROM may use (hadolint DL3026); empty means any. */
  trustedRegistries?: string[];
  /** hadolint's label schema: label name → value type (text, url, rfc3339, spdx, hash, semver, email); DL3049–DL3058. */
  labelSchema?: Record<string, LabelType>;
  /** With a label schema: report labels outside it (DL3050). */
  strictLabels?: boolean;
  /** kube-linter's acceptedPriorityClassNames: pods must use one of these classes (empty: not checked). */
  acceptedPriorityClasses?: string[];
  /** Content of `-` (stdin), when a path is '-'. */
  stdin?: string;
  /** Report paths relative to this directory (default: as given). */
  relativeTo?: string;
}

export interface ConfigScanResult {
  findings: Finding[];
  warnings: ScanWarning[];
  /** Number of configuration files recognised and scanned. */
  files: number;
  /** The Kubernetes objects read, for CEL policies over manifests (policy stage). */
  kubernetes?: { path: string; line?: number; object: Record<string, unknown> }[];
}

const MAX_BYTES = 16 * 1024 * 1024;
const ALWAYS_SKIP = new Set(['node_modules', '.git', '.hg', '.svn', 'vendor']);

/** One file's text with its detected type, ready to scan. */
interface Source { path: string; text: string; type: DetectedType }

/**
 * Scans files and directories for Dockerfiles, Kubernetes manifests and docker-compose files.
 * Type comes from the name, then the content. Kubernetes objects from all files are checked
 * together, so NetworkPolicy coverage and bindings work across files. Malformed files become
 * warnings naming file:line; the scan goes on.
 */
export async function scanConfigPaths(paths: string[], opts: ConfigScanOptions = {}): Promise<ConfigScanResult> {
  const sources: Source[] = [];
  const warnings: ScanWarning[] = [];
  for (const p of paths) {
    if (p === '-') {
      const text = opts.stdin ?? '';
      sources.push({ path: '-', text, type: typeFromContent(text) ?? 'yaml' });
      continue;
    }
    let st;
    try {
      st = await stat(p);
    } catch {
      throw inputError('no such file or directory', p);
    }
    if (st.isDirectory()) await walk(p, sources, warnings, opts);
    else {
      const text = await readText(p, st.size, warnings);
      if (text === undefined) continue;
      const type = typeFromName(p) ?? typeFromContent(text);
      if (type) sources.push({ path: p, text, type });
      else warnings.push({ what: 'not a Dockerfile, Kubernetes manifest or compose file', where: p, notChecked: 'file' });
    }
  }
  const shown = (p: string) => (opts.relativeTo && p !== '-' ? relative(opts.relativeTo, p) || p : p);
  return scanSources(sources.map((s) => ({ ...s, path: shown(s.path) })), warnings, opts);
}

/** Scans texts already in memory (the fs/image pipeline hands files over this way). */
export function scanConfigTexts(files: { path: string; text: string }[], opts: ConfigScanOptions = {}): ConfigScanResult {
  const sources: Source[] = [];
  for (const f of files) {
    const type = typeFromName(f.path) ?? typeFromContent(f.text);
    if (type) sources.push({ path: f.path, text: f.text, type });
  }
  return scanSources(sources, [], opts);
}

function scanSources(sources: Source[], warnings: ScanWarning[], opts: ConfigScanOptions): ConfigScanResult {
  const skip = opts.skipRules ?? [];
  const ruleOptions: RuleOptions = { trustedRegistries: opts.trustedRegistries ?? [] };
  setLabelSchema(opts.labelSchema, opts.strictLabels);
  acceptedPriorityClasses.splice(0, acceptedPriorityClasses.length, ...(opts.acceptedPriorityClasses ?? []));
  const findings: Finding[] = [];
  const objects: K8sObject[] = [];
  let files = 0;
  for (const s of sources) {
    if (s.type === 'dockerfile') {
      const r = scanDockerfile(s.text, s.path, skip, ruleOptions);
      append(findings, r.findings);
      append(warnings, r.warnings);
      files++;
    } else if (s.type === 'compose') {
      const r = scanCompose(s.text, s.path, skip);
      append(findings, r.findings);
      append(warnings, r.warnings);
      files++;
    } else {
      const r = parseK8s(s.text, s.path);
      // A YAML file with no Kubernetes objects may still be a compose file with an unusual name.
      if (r.objects.length === 0 && r.warnings.length === 0 && /^services\s*:/m.test(s.text)) {
        const c = scanCompose(s.text, s.path, skip);
        append(findings, c.findings);
        append(warnings, c.warnings);
        files++;
        continue;
      }
      if (r.objects.length || r.warnings.length) files++;
      append(objects, r.objects);
      append(warnings, r.warnings);
    }
  }
  const k = scanK8sObjects(objects, skip, ruleOptions);
  append(findings, k.findings);
  append(warnings, k.warnings);
  const kubernetes = objects.map((o) => ({ path: o.path, line: o.doc.lineOf(o.root), object: o.value as Record<string, unknown> }));
  return { findings: findings.sort(byLine), warnings, files, kubernetes };
}

/**
 * Whether a file (path relative to the scanned root) is one the config scanner reads: a name it
 * recognises, outside dependency folders. Directory walks (`config DIR`, and `fs` on its one walk)
 * keep exactly these.
 */
export function configFileWanted(rel: string, size: number, warnings?: ScanWarning[]): boolean {
  const parts = rel.split('/');
  if (parts.slice(0, -1).some((d) => ALWAYS_SKIP.has(d)) || !typeFromName(rel)) return false;
  if (size > MAX_BYTES) {
    warnings?.push({ what: `skipped: larger than ${MAX_BYTES / 1024 / 1024} MiB`, where: rel, notChecked: 'file' });
    return false;
  }
  return true;
}

/** Scans config files already read by a directory walk (paths as they should be reported). */
export function scanConfigFiles(files: { path: string; text: string }[], warnings: ScanWarning[], opts: ConfigScanOptions = {}): ConfigScanResult {
  const sources: Source[] = [];
  for (const f of files) {
    // .json files are only manifests when they say so; skip package.json and friends quietly.
    if (/\.json$/i.test(f.path) && !/"apiVersion"\s*:/.test(f.text.slice(0, 4096))) continue;
    const type = typeFromName(f.path);
    if (type) sources.push({ path: f.path, text: f.text, type });
  }
  return scanSources(sources, warnings, opts);
}

async function walk(dir: string, out: Source[], warnings: ScanWarning[], opts: ConfigScanOptions): Promise<void> {
  const skip = skipMatcher(opts.skipDirs, opts.skipFiles);
  const onError = (what: string, where: string) => warnings.push({ what, where, notChecked: 'file' });
  for await (const e of walkTree(dir, { skip, skipNames: [...ALWAYS_SKIP], onError })) {
    if (e.type !== 'file' || !configFileWanted(e.rel, 0)) continue; // readText warns about size, naming the path as given
    const text = await readText(e.abs, e.size, warnings);
    if (text === undefined) continue;
    // .json files are only manifests when they say so; skip package.json and friends quietly.
    if (/\.json$/i.test(e.abs) && !/"apiVersion"\s*:/.test(text.slice(0, 4096))) continue;
    out.push({ path: e.abs, text, type: typeFromName(e.abs)! });
  }
}

async function readText(p: string, size: number, warnings: ScanWarning[]): Promise<string | undefined> {
  if (size > MAX_BYTES) {
    warnings.push({ what: `skipped: larger than ${MAX_BYTES / 1024 / 1024} MiB`, where: p, notChecked: 'file' });
    return undefined;
  }
  try {
    return await readFile(p, 'utf8');
  } catch (e) {
    warnings.push({ what: `cannot read file (${(e as NodeJS.ErrnoException).code ?? 'error'})`, where: p, notChecked: 'file' });
    return undefined;
  }
}
