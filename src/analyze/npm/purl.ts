import type { Package } from '../../core/types.js';
import { langPackage } from '../lang-common/index.js';

/** An npm package: "@scope/name" becomes PURL namespace "@scope" and name "name". */
export function npmPackage(
  name: string,
  version: string,
  file: { path: string; layer?: string },
  extra: { licenses?: string[]; meta?: Record<string, unknown> } = {},
): Package {
  const slash = name.startsWith('@') ? name.indexOf('/') : -1;
  return langPackage(
    {
      ecosystem: 'npm',
      purlType: 'npm',
      name,
      version,
      purlNamespace: slash > 0 ? name.slice(0, slash) : undefined,
      purlName: slash > 0 ? name.slice(slash + 1) : name,
      licenses: extra.licenses,
      meta: extra.meta,
    },
    file,
  );
}

/** Splits "name@range" / "@scope/name@range" at the "@" that ends the name. */
export function splitNameSpec(s: string): [string, string] {
  const at = s.indexOf('@', s.startsWith('@') ? 1 : 0);
  return at < 0 ? [s, ''] : [s.slice(0, at), s.slice(at + 1)];
}

/** package.json licence fields: "MIT", {type: "MIT"}, ["MIT"], [{type: "MIT"}] (old `licenses` too). */
export function npmLicenses(pkg: Record<string, unknown>): string[] {
  const out: string[] = [];
  const take = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(take);
    else if (v && typeof v === 'object' && typeof (v as { type?: unknown }).type === 'string') out.push((v as { type: string }).type);
  };
  take(pkg.license);
  take(pkg.licenses);
  return out;
}
