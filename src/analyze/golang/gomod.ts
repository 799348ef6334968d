import type { Package } from '../../core/types.js';
import type { AnalyzerInput } from '../types.js';
import { text } from '../lang-common/index.js';
import { goPackage } from './purl.js';

const KNOWN = new Set(['module', 'go', 'toolchain', 'godebug', 'require', 'replace', 'exclude', 'retract', 'tool', 'ignore']);

interface Directive {
  verb: string;
  args: string[];
  comment: string;
}

/** go.mod's line syntax: `verb args` or `verb ( … )` blocks, `//` comments, quoted or bare tokens. */
function directives(src: string): Directive[] {
  const out: Directive[] = [];
  let block: string | undefined;
  for (const raw of src.split(/\r?\n/)) {
    const ci = raw.indexOf('//');
    const comment = ci >= 0 ? raw.slice(ci + 2).trim() : '';
    const line = (ci >= 0 ? raw.slice(0, ci) : raw).trim();
    if (!line) continue;
    if (block) {
      if (line === ')') block = undefined;
      else out.push({ verb: block, args: tokens(line), comment });
      continue;
    }
    const t = tokens(line);
    if (t[1] === '(' && t.length === 2) block = t[0];
    else out.push({ verb: t[0], args: t.slice(1), comment });
  }
  return out;
}

function tokens(line: string): string[] {
  return (line.match(/"(?:[^"\\]|\\.)*"|`[^`]*`|=>|\(|\)|[^\s()]+/g) ?? []).map((t) => (/^["`]/.test(t) ? t.slice(1, -1) : t));
}

/**
 * go.mod in a source tree: every `require`d module (Go ≥ 1.17 lists the whole build list there,
 * `// indirect` ones included and kept with `meta.indirect`), with `replace` directives applied the way
 * the go command does: a replacement by another module version is reported as that module; one by a
 * local directory keeps the required name and version with `meta.replacedBy`. The project's own module is
 * not a dependency and is not reported. `exclude`, `retract`, `tool` change nothing here.
 */
export function parseGoMod(file: AnalyzerInput): Package[] {
  const ds = directives(text(file.content));
  if (!ds.some((d) => d.verb === 'module')) throw new Error('no module directive');
  const unknown = ds.find((d) => !KNOWN.has(d.verb));
  if (unknown) throw new Error(`unknown directive: ${unknown.verb}`);
  const replaces = new Map<string, { path: string; version?: string }>();
  for (const d of ds.filter((x) => x.verb === 'replace')) {
    const arrow = d.args.indexOf('=>');
    if (arrow < 1) continue;
    const [from, fromVersion] = d.args.slice(0, arrow);
    const [to, toVersion] = d.args.slice(arrow + 1);
    if (!to) continue;
    replaces.set(fromVersion ? `${from}@${fromVersion}` : from, { path: to, version: toVersion });
  }
  const out: Package[] = [];
  for (const d of ds.filter((x) => x.verb === 'require')) {
    const [path, version] = d.args;
    if (!path || !version) continue;
    const indirect = /(^|;)\s*indirect\b/.test(d.comment);
    const r = replaces.get(`${path}@${version}`) ?? replaces.get(path);
    const meta: Record<string, unknown> = indirect ? { indirect: true } : {};
    if (r && r.version) out.push(goPackage(r.path, r.version, file, { ...meta, replaces: `${path}@${version}` }));
    else out.push(goPackage(path, version, file, r ? { ...meta, replacedBy: r.path } : meta));
  }
  return out;
}

/**
 * go.sum lists every module version the go command checked — more than the build uses (MVS picks the
 * highest required), so it is not registered as an analyzer: go.mod is the source. Exported for
 * old (< 1.17) modules whose go.mod omits indirect deps: it returns the highest version per module.
 */
export function parseGoSum(file: AnalyzerInput): Package[] {
  const best = new Map<string, string>();
  for (const line of text(file.content).split(/\r?\n/)) {
    const [path, v] = line.trim().split(/\s+/);
    if (!path || !v) continue;
    const version = v.replace(/\/go\.mod$/, '');
    const cur = best.get(path);
    if (!cur || compareGoVersions(version, cur) > 0) best.set(path, version);
  }
  return [...best].map(([path, version]) => goPackage(path, version, file, { fromGoSum: true }));
}

/** Semver order for Go module versions (vMAJOR.MINOR.PATCH[-pre][+meta]); enough to pick a maximum. */
function compareGoVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const m = /^v(\d+)\.(\d+)\.(\d+)(?:-([^+]*))?/.exec(v);
    return m ? { n: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] } : { n: [0, 0, 0], pre: v };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if (x.n[i] !== y.n[i]) return x.n[i] - y.n[i];
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  const xs = x.pre.split('.');
  const ys = y.pre.split('.');
  for (let i = 0; i < Math.max(xs.length, ys.length); i++) {
    if (xs[i] === undefined) return -1;
    if (ys[i] === undefined) return 1;
    const xn = /^\d+$/.test(xs[i]);
    const yn = /^\d+$/.test(ys[i]);
    if (xn && yn && Number(xs[i]) !== Number(ys[i])) return Number(xs[i]) - Number(ys[i]);
    if (xn !== yn) return xn ? -1 : 1;
    if (xs[i] !== ys[i]) return xs[i] < ys[i] ? -1 : 1;
  }
  return 0;
}
