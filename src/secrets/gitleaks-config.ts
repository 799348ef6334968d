import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { configError } from '../core/errors.js';
import { token } from './rules/define.js';
import { goRegex } from './trivy-config.js';
import type { SecretRule, SecretScanOptions } from './types.js';

type Table = Record<string, unknown>;

const strings = (v: unknown, what: string, where: string): string[] => {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw configError(`${what} must be a list of strings`, where);
  return v as string[];
};
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** RE2 → JavaScript for what gitleaks configs use: POSIX classes and \z, on top of goRegex. */
function re2(src: string, where: string): RegExp {
  const posix: Record<string, string> = { alnum: 'A-Za-z0-9', alpha: 'A-Za-z', digit: '0-9', lower: 'a-z', upper: 'A-Z', space: '\\s', xdigit: '0-9A-Fa-f', word: '\\w', punct: '!-\\/:-@[-`{-~' };
  const s = src.replace(/\[:(\w+):\]/g, (all, name: string) => posix[name] ?? all).replace(/\\z/g, '$');
  return goRegex(s, where);
}

interface Allowlist {
  regexes: RegExp[];
  paths: RegExp[];
  stopwords: string[];
  target: 'secret' | 'match' | 'line';
  and: boolean;
}

function allowlists(v: unknown, where: string): Allowlist[] {
  const list = v === undefined ? [] : Array.isArray(v) ? v : [v];
  return (list as Table[]).map((a) => ({
    regexes: strings(a.regexes, 'allowlist regexes', where).map((r) => re2(r, where)),
    paths: strings(a.paths, 'allowlist paths', where).map((r) => re2(r, where)),
    stopwords: strings(a.stopwords, 'allowlist stopwords', where).map((w) => w.toLowerCase()),
    target: a.regexTarget === 'match' || a.regexTarget === 'line' ? a.regexTarget : 'secret',
    and: String(a.condition ?? 'OR').toUpperCase() === 'AND',
  }));
}

/**
 * Reads a gitleaks config (`.gitleaks.toml`, gitleaks v8's documented format) so gitleaks users
 * keep their rules: `[[rules]]` (id, description, regex, secretGroup, entropy, keywords, path,
 * allowlist / allowlists with regexes, paths, stopwords, regexTarget, condition), the global
 * `[allowlist]` / `[[allowlists]]`, and `[extend] useDefault / disabledRules`. Without
 * `[extend] useDefault = true`, as in gitleaks, a file with rules replaces the built-in set.
 * `commits` allow-lists are ignored (no commit filter in this scanner).
 */
export function parseGitleaksConfig(text: string, file: string): SecretScanOptions {
  let data: Table;
  try {
    data = parse(text) as Table;
  } catch (e) {
    const m = /line (\d+)/.exec((e as Error).message);
    throw configError(`invalid TOML (${(e as Error).message.split('\n')[0]})`, m ? `${file}:${m[1]}` : file);
  }
  const opts: SecretScanOptions = { extraRules: [], allowSecrets: [], allowPaths: [], disableRules: [] };
  const extend = (data.extend ?? {}) as Table;
  opts.disableRules!.push(...strings(extend.disabledRules, 'extend.disabledRules', file));
  const rules = (data.rules ?? []) as Table[];
  if (!Array.isArray(rules)) throw configError('rules must be an array of tables ([[rules]])', file);
  if (rules.length && extend.useDefault !== true && extend.path === undefined) opts.onlyBuiltinRules = [];

  for (const g of allowlists(data.allowlists ?? data.allowlist, `${file} [allowlist]`)) {
    opts.allowSecrets!.push(...g.regexes, ...g.stopwords.map((w) => new RegExp(escape(w), 'i')));
    opts.allowPaths!.push(...g.paths);
  }

  rules.forEach((r, i) => {
    const where = `${file} [[rules]] #${i + 1}${typeof r.id === 'string' ? ` (${r.id})` : ''}`;
    if (typeof r.id !== 'string' || !r.id) throw configError('a rule needs an id', where);
    if (r.regex === undefined && r.path === undefined) throw configError(`rule ${r.id} needs a regex or a path`, where);
    const regex = typeof r.regex === 'string' ? re2(r.regex, where) : /^[\s\S]+/;
    const onlyPath = typeof r.path === 'string' ? re2(r.path, where) : undefined;
    const lists = allowlists(r.allowlists ?? r.allowlist, where);
    const group = r.secretGroup === undefined ? undefined : Number(r.secretGroup);
    if (group !== undefined && (!Number.isInteger(group) || group < 0)) throw configError(`rule ${r.id}: secretGroup must be a group number`, where);
    const rule: SecretRule = {
      ...token({
        id: r.id,
        title: typeof r.description === 'string' ? r.description : r.id,
        service: 'the service it belongs to',
        category: 'custom',
        severity: 'HIGH',
        keywords: strings(r.keywords, 'keywords', where).map((k) => k.toLowerCase()),
        regex,
        entropy: typeof r.entropy === 'number' ? r.entropy : undefined,
        why: `Custom rule ${r.id} from ${file}.`,
        fix: 'Rotate the credential and load it at run time instead of storing it in the file.',
        validate: lists.length
          ? (secret, _g, match, _before, line) => {
              return !lists.some((a) => {
                const target = a.target === 'match' ? match : a.target === 'line' ? line : secret;
                const checks = [
                  a.regexes.length ? a.regexes.some((re) => re.test(target)) : undefined,
                  a.stopwords.length ? a.stopwords.some((w) => secret.toLowerCase().includes(w)) : undefined,
                ].filter((x) => x !== undefined) as boolean[];
                return checks.length > 0 && (a.and ? checks.every(Boolean) : checks.some(Boolean));
              });
            }
          : undefined,
      }),
      secretGroup: group,
      pathFilter: (p: string) => (!onlyPath || onlyPath.test(p)) && !lists.some((a) => a.paths.some((re) => re.test(p))),
    };
    opts.extraRules!.push(rule);
  });
  return opts;
}

export function loadGitleaksConfig(file: string): SecretScanOptions {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw configError(`cannot read gitleaks config (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, file);
  }
  return parseGitleaksConfig(text, file);
}
