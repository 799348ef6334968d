import type { Finding, Package, ScanResult, Upgrade } from '../core/types.js';
import { isOsPackage } from '../detect/namespace.js';
import { schemeFor, type VersionScheme } from '../versions/index.js';
import { installCommand } from './install-commands.js';

interface FindingPackage {
  name: string;
  version: string;
  ecosystem: string;
  purl?: string;
  source?: { name: string; version: string };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function packageOf(f: Finding): FindingPackage | undefined {
  const p = f.package as FindingPackage | undefined;
  return p && typeof p === 'object' && typeof p.name === 'string' && typeof p.ecosystem === 'string' ? p : undefined;
}

function schemeOf(f: Finding, p: FindingPackage): VersionScheme | undefined {
  for (const name of [str(f.namespace), p.ecosystem]) {
    if (!name) continue;
    try {
      return schemeFor(name);
    } catch {
      /* try the next name */
    }
  }
  return undefined;
}

/** The highest of `versions` in the scheme's order; undefined when they cannot be ordered. */
function highest(scheme: VersionScheme | undefined, versions: string[]): string | undefined {
  const distinct = [...new Set(versions)];
  if (distinct.length === 1) return distinct[0];
  if (!scheme) return undefined;
  let best: string | undefined;
  for (const v of distinct) {
    try {
      if (best === undefined || scheme.compare(v, best) > 0) best = v;
    } catch {
      /* a version the scheme cannot read cannot be the answer */
    }
  }
  return best;
}

interface Group {
  pkg: FindingPackage;
  os: boolean;
  scheme?: VersionScheme;
  /** The version the findings were matched on (source version for OS packages). */
  matchedVersion: string;
  fixed: string[];
  ids: Set<string>;
}

/**
 * The minimal upgrade set: one entry per installed package with fixable findings, moving it to the
 * highest fixed version among them (the smallest version that fixes them all, when each fix stays
 * fixed upward). OS packages are the binary packages as listed in packages[]; binaries built from
 * one source package share one install line.
 */
export function planUpgrades(result: Pick<ScanResult, 'findings' | 'artifact'>): Upgrade[] {
  const groups = new Map<string, Group>();
  for (const f of result.findings) {
    if (f.kind !== 'vulnerability') continue;
    const fixed = str(f.fixedVersion);
    const pkg = packageOf(f);
    if (!fixed || !pkg) continue;
    const key = `${pkg.ecosystem}\0${pkg.name}\0${pkg.version}`;
    let g = groups.get(key);
    if (!g) {
      const os = isOsPackage({ ecosystem: pkg.ecosystem, purl: pkg.purl ?? '' } as Package);
      g = { pkg, os, scheme: schemeOf(f, pkg), matchedVersion: str(f.installedVersion) ?? pkg.version, fixed: [], ids: new Set() };
      groups.set(key, g);
    }
    g.fixed.push(fixed);
    g.ids.add(f.id);
  }

  const planned: (Upgrade & { purl?: string })[] = [];
  for (const g of groups.values()) {
    const to = highest(g.scheme, g.fixed);
    if (!to || !isAbove(g.scheme, to, g.matchedVersion) || to === g.pkg.version) continue;
    planned.push({
      ecosystem: g.pkg.ecosystem,
      name: g.pkg.name,
      ...(g.os ? { source: g.pkg.source?.name || g.pkg.name } : {}),
      from: g.pkg.version,
      to,
      fixes: [...g.ids].sort(),
      command: '',
      purl: g.pkg.purl,
    });
  }
  planned.sort((a, b) => a.ecosystem.localeCompare(b.ecosystem) || (a.source ?? a.name).localeCompare(b.source ?? b.name) || a.name.localeCompare(b.name));

  // Binaries of one source package: one line for all of them.
  const lines = new Map<string, (Upgrade & { purl?: string })[]>();
  for (const u of planned) {
    const key = u.source !== undefined ? `${u.ecosystem}\0${u.source}` : `${u.ecosystem}\0${u.name}\0${u.from}`;
    const list = lines.get(key);
    if (list) list.push(u);
    else lines.set(key, [u]);
  }
  const osVersion = result.artifact.os?.version;
  for (const list of lines.values()) {
    const command = installCommand(list[0].ecosystem, list.map((u) => ({ name: u.name, to: binaryVersion(u), purl: u.purl })), osVersion);
    for (const u of list) u.command = command;
  }
  return planned.map(({ purl: _purl, ...u }) => u);
}

/**
 * The version to ask the package manager for: a binary with an epoch its source version lacks
 * (Debian's bsdutils 1:2.41 from util-linux 2.41) is published with that epoch.
 */
function binaryVersion(u: Upgrade): string {
  const epoch = /^(\d+):/.exec(u.from)?.[1];
  if (u.source === undefined || !epoch || /^\d+:/.test(u.to)) return u.to;
  return `${epoch}:${u.to}`;
}

function isAbove(scheme: VersionScheme | undefined, to: string, installed: string): boolean {
  if (!scheme) return to !== installed;
  try {
    return scheme.compare(to, installed) > 0;
  } catch {
    return to !== installed;
  }
}
