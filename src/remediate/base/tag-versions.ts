/**
 * Which tags of a base image's repository are newer versions of the same flavour, with Renovate's
 * Docker versioning rules: a tag is a release (dotted numbers) plus a suffix naming its flavour
 * ("12.5-slim", "3.19", "20-alpine3.19"); only tags with the same suffix and as many release parts
 * are comparable, and a major upgrade is offered only when asked. Debian and Ubuntu codename tags
 * ("bookworm-slim", "bookworm-20240110-slim", "jammy-20240111") are read as their release number
 * plus an optional date.
 */
import { DEBIAN_CODENAMES } from '../../vulndb/names.js';

const UBUNTU_CODENAMES: Record<string, string> = {
  xenial: '16.04', bionic: '18.04', focal: '20.04', jammy: '22.04', mantic: '23.10', noble: '24.04', oracular: '24.10', plucky: '25.04', questing: '25.10',
};

export interface TagVersion {
  tag: string;
  /** Release numbers ([12, 5]; a codename tag: the distribution version, then its date if any). */
  release: number[];
  /** How many parts the tag itself writes: 12.5 has 2; bookworm 0, bookworm-20240110 1. */
  precision: number;
  /** The flavour: everything after the version ("-slim", "-alpine3.19", ""). */
  suffix: string;
  codename?: string;
}

const CODENAMES: Record<string, string> = {
  ...Object.fromEntries(Object.entries(DEBIAN_CODENAMES).filter(([, v]) => /^\d/.test(v))),
  ...UBUNTU_CODENAMES,
};

const numbers = (s: string) => s.split('.').map(Number);

/** Reads a tag; undefined for tags that are no version (latest, stable, sha-…). */
export function parseTag(tag: string): TagVersion | undefined {
  const code = /^([a-z]+)(?:-(\d{8}))?((?:-[A-Za-z0-9._]+)*)$/.exec(tag);
  if (code && CODENAMES[code[1]]) {
    return { tag, release: [...numbers(CODENAMES[code[1]]), ...(code[2] ? [Number(code[2])] : [])], precision: code[2] ? 1 : 0, suffix: code[3], codename: code[1] };
  }
  const m = /^v?(\d+(?:\.\d+)*)((?:[-_][A-Za-z0-9._-]*)?)$/.exec(tag);
  if (!m) return undefined;
  return { tag, release: numbers(m[1]), precision: m[1].split('.').length, suffix: m[2] };
}

function compareRelease(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** The distribution release a codename tag names (12 for bookworm, 22.04 for jammy). */
const codenameRelease = (t: TagVersion) => (t.codename ? numbers(CODENAMES[t.codename]) : undefined);

/** Same flavour, same shape: the only tags Renovate would move `current` to. */
export function isCompatible(current: TagVersion, other: TagVersion): boolean {
  return current.suffix === other.suffix && current.precision === other.precision && !!current.codename === !!other.codename;
}

/** Whether moving from `current` to `other` crosses a major release (or a distribution codename). */
export function isMajorChange(current: TagVersion, other: TagVersion): boolean {
  if (current.codename) return current.codename !== other.codename;
  return current.release[0] !== other.release[0];
}

export function compareTags(a: TagVersion, b: TagVersion): number {
  const ca = codenameRelease(a);
  const cb = codenameRelease(b);
  if (ca && cb) return compareRelease(ca, cb) || compareRelease(a.release.slice(ca.length), b.release.slice(cb.length));
  return compareRelease(a.release, b.release);
}

/**
 * Tags worth trying instead of `currentTag`: the same tag (it may have been rebuilt) and the
 * newer tags of the same flavour, newest first; other majors only with `allowMajor`.
 */
export function candidateTags(currentTag: string, tags: string[], opts: { allowMajor?: boolean; limit?: number } = {}): string[] {
  const current = parseTag(currentTag);
  if (!current) return tags.includes(currentTag) ? [currentTag] : [];
  const newer = tags
    .map(parseTag)
    .filter((t): t is TagVersion => !!t && t.tag !== currentTag && isCompatible(current, t) && compareTags(t, current) > 0)
    .filter((t) => opts.allowMajor || !isMajorChange(current, t))
    .sort((a, b) => compareTags(b, a));
  const limit = opts.limit ?? 5;
  return [...(tags.includes(currentTag) ? [currentTag] : []), ...newer.slice(0, limit).map((t) => t.tag)];
}
