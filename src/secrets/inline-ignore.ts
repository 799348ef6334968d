/**
 * Inline suppressions, ours and the ones users of other scanners already have in their code:
 *   coastguard:ignore [rule,…]          on the line of the secret
 *   coastguard:ignore-next-line [rule,…]
 *   gitleaks:allow, pragma: allowlist secret (detect-secrets)      on the line
 *   secretlint-disable-line / -next-line / secretlint-disable … secretlint-enable (blocks)
 * A rule list, when given, limits the suppression to those rules (ids or aliases).
 */
export interface IgnoreMap {
  /** Whether a finding of `ruleNames` starting on 1-based `line` is suppressed. */
  ignored(line: number, ruleNames: string[]): boolean;
}

const NONE: IgnoreMap = { ignored: () => false };
const QUICK = /coastguard:ignore|gitleaks:allow|allowlist secret|secretlint-(?:disable|enable)/;

type Scope = 'all' | Set<string>;

function parseRules(rest: string): Scope {
  const words = rest.split(/--/)[0].split(/[\s,]+/).map((w) => w.trim().toLowerCase()).filter((w) => w && !/^(?:\*\/|-->|#)$/.test(w));
  const ids = words.map((w) => w.replace(/^@secretlint\/secretlint-rule-/, 'secretlint/')).filter((w) => /^[\w@/.-]+$/.test(w));
  return ids.length ? new Set(ids) : 'all';
}

const covers = (scope: Scope, names: string[]) => scope === 'all' || names.some((n) => scope.has(n.toLowerCase()) || scope.has(n.toLowerCase().split('/').pop()!));

export function buildIgnoreMap(text: string): IgnoreMap {
  if (!QUICK.test(text)) return NONE;
  const lines = text.split('\n');
  const perLine = new Map<number, Scope[]>();
  const blocks: { from: number; to: number; scope: Scope }[] = [];
  const add = (line: number, scope: Scope) => {
    const l = perLine.get(line) ?? [];
    l.push(scope);
    perLine.set(line, l);
  };
  let open: { from: number; scope: Scope }[] = [];
  lines.forEach((raw, i) => {
    const n = i + 1;
    let m: RegExpExecArray | null;
    if ((m = /coastguard:ignore-next-line\b(.*)$/.exec(raw))) add(n + 1, parseRules(m[1]));
    else if ((m = /coastguard:ignore\b(.*)$/.exec(raw))) add(n, parseRules(m[1]));
    if (/gitleaks:allow|pragma:\s*allowlist secret/.test(raw)) add(n, 'all');
    if ((m = /secretlint-disable-next-line\b(.*)$/.exec(raw))) add(n + 1, parseRules(m[1]));
    else if ((m = /secretlint-disable-line\b(.*)$/.exec(raw))) add(n, parseRules(m[1]));
    else if ((m = /secretlint-disable\b(.*)$/.exec(raw))) open.push({ from: n, scope: parseRules(m[1]) });
    else if ((m = /secretlint-enable\b(.*)$/.exec(raw))) {
      const scope = parseRules(m[1]);
      const keep: typeof open = [];
      for (const o of open) {
        const same = scope === 'all' || (o.scope !== 'all' && [...scope].every((s) => (o.scope as Set<string>).has(s)));
        if (same) blocks.push({ from: o.from, to: n, scope: o.scope });
        else keep.push(o);
      }
      open = keep;
    }
  });
  for (const o of open) blocks.push({ from: o.from, to: Number.MAX_SAFE_INTEGER, scope: o.scope });
  return {
    ignored(line, names) {
      for (const s of perLine.get(line) ?? []) if (covers(s, names)) return true;
      for (const b of blocks) if (line >= b.from && line <= b.to && covers(b.scope, names)) return true;
      return false;
    },
  };
}
