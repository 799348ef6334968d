import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { configError } from '../core/index.js';
import { compileCel, compileTemplate, type CelProgram } from './cel.js';
import { policyFile, type BaseImagePolicy, type CelPolicySpec, type IgnoreEntry, type PolicyFile } from './schema.js';
import { lineOf, readSource, validate } from './source-map.js';

export const DEFAULT_POLICY_FILES = ['.coastguard.yaml', '.coastguard.yml'];

export interface LoadedIgnore extends IgnoreEntry {
  /** Where the entry is written, for warnings ("…/.coastguard.yaml:14"). */
  where: string;
}

export interface CompiledPolicy extends CelPolicySpec {
  where: string;
  program: CelProgram;
  render: (vars: Record<string, unknown>) => string;
}

export interface Policy {
  /** The file it came from; undefined when no policy file exists (the built-in defaults). */
  file?: string;
  settings: PolicyFile;
  ignores: LoadedIgnore[];
  policies: CompiledPolicy[];
  baseImage?: BaseImagePolicy;
  /** VEX files named in the policy, resolved against the policy file's folder. */
  vexFiles: string[];
  /** file:line of each `outputs:` entry, for errors about them. */
  outputsWhere?: string[];
}

export const emptyPolicy = (): Policy => ({ settings: {}, ignores: [], policies: [], vexFiles: [] });

/**
 * Loads `.coastguard.yaml`: `path` when given (it must exist), otherwise the first of
 * DEFAULT_POLICY_FILES in `cwd`, otherwise the defaults. Any problem is a CONFIG error naming
 * file:line and what is wrong; CEL expressions are compiled here so a typo fails before scanning.
 */
export function loadPolicy(path?: string, cwd: string = process.cwd()): Policy {
  let file: string | undefined;
  if (path) file = resolve(cwd, path);
  else file = DEFAULT_POLICY_FILES.map((f) => resolve(cwd, f)).find((f) => existsSync(f));
  if (!file) return emptyPolicy();
  const src = readSource(file, 'policy file');
  if (src.value === null || src.value === undefined) src.value = {};
  const settings = validate(src, policyFile, 'policy file');
  const at = (p: PropertyKey[]) => `${file}:${lineOf(src, p)}`;

  const policies: CompiledPolicy[] = [];
  const ids = new Set<string>();
  (settings.policies ?? []).forEach((p, i) => {
    if (ids.has(p.id)) throw configError(`invalid policy file: policies[${i}].id: duplicate id "${p.id}"`, at(['policies', i, 'id']));
    ids.add(p.id);
    let program: CelProgram;
    let render: CompiledPolicy['render'];
    try {
      program = compileCel(p.deny);
    } catch (e) {
      throw configError(`invalid policy file: policies[${i}].deny: CEL: ${celMessage(e)}`, at(['policies', i, 'deny']), e);
    }
    try {
      render = compileTemplate(p.message);
    } catch (e) {
      throw configError(`invalid policy file: policies[${i}].message: CEL in {{ }}: ${celMessage(e)}`, at(['policies', i, 'message']), e);
    }
    policies.push({ ...p, where: at(['policies', i]), program, render });
  });

  const dir = dirname(file);
  return {
    file,
    settings,
    ignores: (settings.ignore ?? []).map((e, i) => ({ ...e, where: at(['ignore', i]) })),
    policies,
    baseImage: settings['base-image'],
    vexFiles: (settings.vex ?? []).map((v) => resolve(dir, v)),
    outputsWhere: (settings.outputs ?? []).map((_o, i) => at(['outputs', i, 'format'])),
  };
}

/** CEL's "<input>:1:18: found …" as "column 18: found …" (expressions in the file are one logical line). */
function celMessage(e: unknown): string {
  return String((e as Error).message ?? e).split('\n')[0].replace(/^<input>:(\d+):(\d+): /, (_m, l, c) => (l === '1' ? `column ${c}: ` : `line ${l} column ${c}: `));
}
