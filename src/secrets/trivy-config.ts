import { readFileSync } from 'node:fs';
import { LineCounter, isMap, isSeq, parseDocument, type Node } from 'yaml';
import { configError } from '../core/errors.js';
import { SEVERITIES, type Severity } from '../core/severity.js';
import { token } from './rules/define.js';
import type { SecretRule, SecretScanOptions } from './types.js';

/**
 * Reads Trivy's secret-scanning config (`trivy-secret.yaml`, its documented format) so Trivy users
 * keep their custom rules and allow-lists: `rules` (id, category, title, severity, regex, keywords,
 * path, secret-group-name, allow-rules, exclude-block), top-level `allow-rules`, `exclude-block`,
 * `enable-builtin-rules`, `disable-rules`, `disable-allow-rules`. Go's regex syntax is translated
 * where JavaScript differs: `(?P<name>…)` groups and leading `(?i)`/`(?m)`/`(?s)` flags.
 * `disable-allow-rules` is accepted and has nothing to disable: we ship no path-based allow rules
 * (test fixtures are scanned unless `skipTestPaths` is set).
 */
export function loadTrivySecretConfig(file: string): SecretScanOptions {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw configError(`cannot read secret config (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, file);
  }
  return parseTrivySecretConfig(text, file);
}

export function goRegex(src: string, where: string): RegExp {
  let flags = '';
  let s = src;
  for (;;) {
    const m = /^\(\?([ims]+)\)/.exec(s);
    if (!m) break;
    flags += m[1];
    s = s.slice(m[0].length);
  }
  s = s.replace(/\(\?P</g, '(?<');
  if (/\(\?[imsU-]+[:)]/.test(s)) throw configError('inline regex flags are only supported at the start of a pattern', where);
  // Go allows the same group name twice; JavaScript does not: later ones are renamed.
  const seen = new Map<string, number>();
  s = s.replace(/\(\?<([A-Za-z_]\w*)>/g, (all, name: string) => {
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    return n === 0 ? all : `(?<${name}__${n}>`;
  });
  try {
    return new RegExp(s, [...new Set(flags.split(''))].join(''));
  } catch (e) {
    throw configError(`invalid regex (${(e as Error).message.replace(/^Invalid regular expression: /, '')})`, where);
  }
}

export function parseTrivySecretConfig(text: string, file: string): SecretScanOptions {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw configError(`invalid YAML (${e.message.split('\n')[0]})`, `${file}:${e.linePos?.[0].line ?? 1}`);
  }
  const at = (n: Node | null | undefined) => `${file}:${n?.range ? lc.linePos(n.range[0]).line : 1}`;
  const root = doc.contents;
  const data = (doc.toJS() ?? {}) as Record<string, unknown>;
  if (root && !isMap(root)) throw configError('a secret config is a mapping (rules:, allow-rules: …)', at(root as Node));
  const nodeOf = (key: string) => (isMap(root) ? (root.get(key, true) as Node | undefined) : undefined);
  const list = (v: unknown, key: string): string[] => {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw configError(`${key} must be a list of strings`, at(nodeOf(key)));
    return v as string[];
  };
  const opts: SecretScanOptions = { extraRules: [], allowSecrets: [], allowPaths: [], disableRules: [], excludeBlocks: [] };
  const allowRules = (v: unknown, where: string) => {
    const secrets: RegExp[] = [];
    const paths: RegExp[] = [];
    if (v === undefined || v === null) return { secrets, paths };
    if (!Array.isArray(v)) throw configError('allow-rules must be a list', where);
    for (const a of v as Record<string, unknown>[]) {
      if (typeof a?.regex === 'string') secrets.push(goRegex(a.regex, where));
      if (typeof a?.path === 'string') paths.push(goRegex(a.path, where));
    }
    return { secrets, paths };
  };
  const blocks = (v: unknown, where: string): RegExp[] => {
    if (v === undefined || v === null) return [];
    const regexes = (v as { regexes?: unknown }).regexes;
    if (!Array.isArray(regexes)) throw configError('exclude-block needs regexes: [...]', where);
    return regexes.map((r) => goRegex(String(r), where));
  };

  const global = allowRules(data['allow-rules'], at(nodeOf('allow-rules')));
  opts.allowSecrets!.push(...global.secrets);
  opts.allowPaths!.push(...global.paths);
  opts.excludeBlocks!.push(...blocks(data['exclude-block'], at(nodeOf('exclude-block'))));
  opts.disableRules!.push(...list(data['disable-rules'], 'disable-rules'));
  list(data['disable-allow-rules'], 'disable-allow-rules');
  const enable = list(data['enable-builtin-rules'], 'enable-builtin-rules');
  if (enable.length) opts.onlyBuiltinRules = enable;

  const rulesNode = nodeOf('rules');
  const rules = data.rules;
  if (rules !== undefined && rules !== null && !Array.isArray(rules)) throw configError('rules must be a list', at(rulesNode));
  ((rules as Record<string, unknown>[] | undefined) ?? []).forEach((r, i) => {
    const node = isSeq(rulesNode) ? (rulesNode.items[i] as Node) : undefined;
    const where = at(node);
    if (typeof r?.id !== 'string' || !r.id) throw configError('a rule needs an id', where);
    if (typeof r.regex !== 'string' || !r.regex) throw configError(`rule ${r.id} needs a regex`, where);
    let severity: Severity = 'UNKNOWN';
    if (r.severity !== undefined) {
      const up = String(r.severity).toUpperCase();
      if (!(SEVERITIES as readonly string[]).includes(up)) throw configError(`rule ${r.id}: unknown severity "${r.severity}" (one of ${SEVERITIES.join(', ')})`, where);
      severity = up as Severity;
    }
    const regex = goRegex(r.regex, where);
    const group = typeof r['secret-group-name'] === 'string' ? r['secret-group-name'] : undefined;
    const allow = allowRules(r['allow-rules'], where);
    const onlyPath = typeof r.path === 'string' ? goRegex(r.path, where) : undefined;
    const keywords = list(r.keywords, `rules[${i}].keywords`).map((k) => k.toLowerCase());
    const rule: SecretRule = {
      ...token({
        id: r.id, title: typeof r.title === 'string' ? r.title : r.id, service: 'the service it belongs to', category: typeof r.category === 'string' ? r.category : 'custom',
        severity, keywords, regex, allowSecrets: allow.secrets,
        why: `Custom rule ${r.id} from ${file}.`, fix: 'Rotate the credential and load it at run time instead of storing it in the file.',
      }),
      secretGroup: group,
      excludeBlocks: blocks(r['exclude-block'], where),
      pathFilter: (p: string) => (!onlyPath || onlyPath.test(p)) && !allow.paths.some((re) => re.test(p)),
    };
    opts.extraRules!.push(rule);
  });
  return opts;
}
