/** String predicates behind Falco's comparison operators, built once per check. */
import type { CmpOp } from './parser.js';

export type StrPred = (v: string) => boolean;

/**
 * fnmatch(3) without FNM_PATHNAME (as libsinsp's `glob`): `*` and `?` also match "/".
 * Hand-written because picomatch treats "/" as a segment separator, which changes results.
 */
export function globToRegExp(glob: string, ignoreCase = false): RegExp {
  let re = '^';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        let body = glob.slice(i + 1, end);
        if (body.startsWith('!')) body = '^' + body.slice(1);
        re += '[' + body.replace(/\\/g, '\\\\') + ']';
        i = end;
      }
    } else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(re + '$', ignoreCase ? 'is' : 's');
}

/** Path-prefix match (pmatch): the value is one of the paths or lies under one. */
export function pathPrefixPredicate(paths: string[]): StrPred {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const p of paths) {
    const trimmed = p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p;
    exact.add(trimmed);
    prefixes.push(trimmed === '/' ? '/' : trimmed + '/');
  }
  return (v) => {
    if (exact.has(v)) return true;
    for (const p of prefixes) if (v.startsWith(p)) return true;
    return false;
  };
}

/** A predicate for one scalar operator and a constant right-hand side. */
export function scalarPredicate(op: CmpOp, rhs: string): StrPred {
  switch (op) {
    case '=':
      return (v) => v === rhs;
    case '!=':
      return (v) => v !== rhs;
    // Falco compares string-typed fields (all k8s_audit fields) as strings.
    case '<':
      return (v) => v < rhs;
    case '<=':
      return (v) => v <= rhs;
    case '>':
      return (v) => v > rhs;
    case '>=':
      return (v) => v >= rhs;
    case 'contains':
    case 'bcontains':
      return (v) => v.includes(rhs);
    case 'icontains': {
      const l = rhs.toLowerCase();
      return (v) => v.toLowerCase().includes(l);
    }
    case 'startswith':
    case 'bstartswith':
      return (v) => v.startsWith(rhs);
    case 'endswith':
      return (v) => v.endsWith(rhs);
    case 'glob': {
      const re = globToRegExp(rhs);
      return (v) => re.test(v);
    }
    case 'iglob': {
      const re = globToRegExp(rhs, true);
      return (v) => re.test(v);
    }
    case 'regex': {
      const re = new RegExp(`^(?:${rhs})$`, 's');
      return (v) => re.test(v);
    }
    case 'in':
    case 'intersects':
      return (v) => v === rhs;
    case 'pmatch':
      return pathPrefixPredicate([rhs]);
    default:
      throw new Error(`operator ${op} needs no value`);
  }
}

/** Two extracted values compared by an operator (the `val(field)` right-hand side). */
export function compareValues(op: CmpOp, v: string, rhs: string): boolean {
  return scalarPredicate(op, rhs)(v);
}
