import type { VersionScheme } from '../versions/types.js';

/**
 * A per-scan memo around a version scheme. OSV range evaluation validates and compares the same
 * event versions many times (sorting, then walking the events) and the same advisory versions
 * recur across packages; parsing PEP 440, semver or Cargo text dominates matching otherwise.
 */
export function memoScheme(s: VersionScheme): VersionScheme {
  const valid = new Map<string, Error | null>();
  const cmp = new Map<string, number | Error>();
  const sat = new Map<string, boolean | Error>();
  return {
    id: s.id,
    validate(v) {
      let r = valid.get(v);
      if (r === undefined) {
        try {
          s.validate(v);
          r = null;
        } catch (e) {
          r = e as Error;
        }
        valid.set(v, r);
      }
      if (r) throw r;
    },
    compare(a, b) {
      const key = `${a}\0${b}`;
      let r = cmp.get(key);
      if (r === undefined) {
        try {
          r = s.compare(a, b);
        } catch (e) {
          r = e as Error;
        }
        cmp.set(key, r);
      }
      if (r instanceof Error) throw r;
      return r;
    },
    satisfies(v, range) {
      const key = `${v}\0${range}`;
      let r = sat.get(key);
      if (r === undefined) {
        try {
          r = s.satisfies(v, range);
        } catch (e) {
          r = e as Error;
        }
        sat.set(key, r);
      }
      if (r instanceof Error) throw r;
      return r;
    },
  };
}
