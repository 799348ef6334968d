import type { Finding, Package, ScanResult } from '../core/types.js';
import { isOsPackage } from '../detect/namespace.js';
import { schemeFor } from '../versions/index.js';

export interface DiffPackage {
  ecosystem: string;
  name: string;
  version: string;
  arch?: string;
  /** Language packages: the file that declares it (the same module can sit in many places). */
  path?: string;
}

export interface ChangedPackage {
  ecosystem: string;
  name: string;
  from: string;
  to: string;
  /** In the ecosystem's own ordering; `changed` when the versions cannot be compared. */
  direction: 'upgrade' | 'downgrade' | 'changed';
  arch?: string;
  path?: string;
}

export interface DiffFinding {
  id: string;
  kind: string;
  severity: string;
  title: string;
  package?: string;
  version?: string;
  fixedVersion?: string;
  location?: string;
}

export interface ImageDiff {
  old: { name: string; digest?: string; os?: string };
  new: { name: string; digest?: string; os?: string };
  layers: { shared: string[]; new: string[]; removed: string[] };
  size: { old: number; new: number; change: number };
  packages: { added: DiffPackage[]; removed: DiffPackage[]; changed: ChangedPackage[] };
  findings: { fixed: DiffFinding[]; introduced: DiffFinding[] };
}

const osLabel = (r: ScanResult) => (r.artifact.os ? `${r.artifact.os.family} ${r.artifact.os.version}` : undefined);

/**
 * OS packages by their package manager (the purl type: deb, apk, rpm), so an image whose release
 * was not recognised (ecosystem "dpkg") still pairs with one that was ("Debian").
 */
const family = (p: Package) => (isOsPackage(p) ? /^pkg:([a-z]+)\//.exec(p.purl ?? '')?.[1] ?? p.ecosystem : p.ecosystem);

/**
 * Identity of a package across two images. OS packages by name (a package may move between
 * Architecture: all and amd64 between releases and is still the same package); multi-arch copies
 * of one name by name and arch. Language packages by name and declaring file.
 */
function keyed(packages: Package[], multiArch: Set<string>): Map<string, Package> {
  const out = new Map<string, Package>();
  for (const p of packages) {
    const base = `${family(p)}\0${p.name}`;
    const key = isOsPackage(p) ? (multiArch.has(base) ? `${base}\0${p.arch ?? ''}` : base) : `${base}\0${p.locations[0]?.path ?? ''}\0${p.version}`;
    if (!out.has(key)) out.set(key, p);
  }
  return out;
}

function describe(p: Package): DiffPackage {
  return {
    ecosystem: p.ecosystem,
    name: p.name,
    version: p.version,
    ...(p.arch ? { arch: p.arch } : {}),
    ...(!isOsPackage(p) && p.locations[0] ? { path: p.locations[0].path } : {}),
  };
}

function direction(ecosystem: string, from: string, to: string): ChangedPackage['direction'] {
  try {
    return schemeFor(ecosystem).compare(to, from) > 0 ? 'upgrade' : 'downgrade';
  } catch {
    return 'changed';
  }
}

function diffPackages(oldPkgs: Package[], newPkgs: Package[]): ImageDiff['packages'] {
  // A name installed for several architectures in either image is keyed with its arch in both.
  const multiArch = new Set<string>();
  for (const list of [oldPkgs, newPkgs]) {
    const arches = new Map<string, Set<string>>();
    for (const p of list.filter(isOsPackage)) {
      const k = `${family(p)}\0${p.name}`;
      if (!arches.has(k)) arches.set(k, new Set());
      arches.get(k)!.add(p.arch ?? '');
    }
    for (const [k, a] of arches) if (a.size > 1) multiArch.add(k);
  }
  const before = keyed(oldPkgs, multiArch);
  const after = keyed(newPkgs, multiArch);
  // Language packages are keyed with their version: a version change at the same path is a change.
  const langSlot = (key: string) => key.split('\0').slice(0, 3).join('\0');
  const removedLang = new Map<string, Package>();
  const added: DiffPackage[] = [];
  const removed: DiffPackage[] = [];
  const changed: ChangedPackage[] = [];
  for (const [k, p] of before) {
    if (after.has(k)) continue;
    if (!isOsPackage(p)) removedLang.set(langSlot(k), p);
    else removed.push(describe(p));
  }
  for (const [k, p] of after) {
    const was = before.get(k);
    if (was) {
      if (was.version !== p.version) changed.push(change(was, p));
      continue;
    }
    const slot = isOsPackage(p) ? undefined : removedLang.get(langSlot(k));
    if (slot) {
      removedLang.delete(langSlot(k));
      changed.push(change(slot, p));
    } else added.push(describe(p));
  }
  removed.push(...[...removedLang.values()].map(describe));
  const order = (a: { ecosystem: string; name: string; path?: string }, b: typeof a) =>
    a.ecosystem.localeCompare(b.ecosystem) || a.name.localeCompare(b.name) || (a.path ?? '').localeCompare(b.path ?? '');
  return { added: added.sort(order), removed: removed.sort(order), changed: changed.sort(order) };
}

function change(was: Package, now: Package): ChangedPackage {
  const d = describe(now);
  return {
    ecosystem: now.ecosystem,
    name: now.name,
    from: was.version,
    to: now.version,
    direction: direction(now.ecosystem, was.version, now.version),
    ...(d.arch ? { arch: d.arch } : {}),
    ...(d.path ? { path: d.path } : {}),
  };
}

const pkgName = (f: Finding) => (f.package && typeof f.package === 'object' ? (f.package as { name?: string }).name : undefined);
const pkgVersion = (f: Finding) => (f.package && typeof f.package === 'object' ? (f.package as { version?: string }).version : undefined);

/** Same finding in both images: same id on the same package (any version) or the same file. */
const findingKey = (f: Finding) => `${f.kind}\0${f.id}\0${pkgName(f) ?? f.location.path}`;

function describeFinding(f: Finding): DiffFinding {
  return {
    id: f.id,
    kind: f.kind,
    severity: f.severity,
    title: f.title,
    ...(pkgName(f) ? { package: pkgName(f), version: pkgVersion(f) } : { location: f.location.line ? `${f.location.path}:${f.location.line}` : f.location.path }),
    ...(typeof f.fixedVersion === 'string' ? { fixedVersion: f.fixedVersion } : {}),
  };
}

function diffFindings(oldF: Finding[], newF: Finding[]): ImageDiff['findings'] {
  const before = new Map(oldF.map((f) => [findingKey(f), f]));
  const after = new Map(newF.map((f) => [findingKey(f), f]));
  const order = (a: DiffFinding, b: DiffFinding) => a.id.localeCompare(b.id) || (a.package ?? a.location ?? '').localeCompare(b.package ?? b.location ?? '');
  return {
    fixed: [...before].filter(([k]) => !after.has(k)).map(([, f]) => describeFinding(f)).sort(order),
    introduced: [...after].filter(([k]) => !before.has(k)).map(([, f]) => describeFinding(f)).sort(order),
  };
}

function layerIds(r: ScanResult): string[] {
  return (r.artifact.image?.layers ?? []).map((l) => l.diffID);
}

const totalSize = (r: ScanResult) => (r.artifact.image?.layers ?? []).reduce((n, l) => n + (l.size ?? 0), 0);

/** What changed from one image (or any scan) to another: packages, findings, layers and size. */
export function diffScans(oldScan: ScanResult, newScan: ScanResult): ImageDiff {
  const oldLayers = layerIds(oldScan);
  const newLayers = layerIds(newScan);
  const o = new Set(oldLayers);
  const n = new Set(newLayers);
  return {
    old: { name: oldScan.artifact.name, ...(oldScan.artifact.digest ? { digest: oldScan.artifact.digest } : {}), ...(osLabel(oldScan) ? { os: osLabel(oldScan) } : {}) },
    new: { name: newScan.artifact.name, ...(newScan.artifact.digest ? { digest: newScan.artifact.digest } : {}), ...(osLabel(newScan) ? { os: osLabel(newScan) } : {}) },
    layers: { shared: newLayers.filter((l) => o.has(l)), new: newLayers.filter((l) => !o.has(l)), removed: oldLayers.filter((l) => !n.has(l)) },
    size: { old: totalSize(oldScan), new: totalSize(newScan), change: totalSize(newScan) - totalSize(oldScan) },
    packages: diffPackages(oldScan.packages, newScan.packages),
    findings: diffFindings(oldScan.findings, newScan.findings),
  };
}
