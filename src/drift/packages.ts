/**
 * Packages installed, upgraded or removed inside a running container. The image's package DB is
 * not at hand (reading it would mean streaming the whole image), but dpkg leaves a trace per
 * package: its file list var/lib/dpkg/info/NAME[:ARCH].list. The engine's change list says which
 * of those appeared (installed), were rewritten (upgraded or reinstalled) or vanished (removed);
 * the container's current status file gives each package's version, source and architecture,
 * status-old (dpkg's copy from before its last run) the version of a removed one.
 */
import { analyzersFor } from '../analyze/registry.js';
import { parseDpkgStatus } from '../analyze/dpkg/index.js';
import { RELEASE_FILES } from '../analyze/os/release-files.js';
import type { OSInfo, Package, ScanWarning } from '../core/types.js';
import { buildInventory } from '../scan/inventory.js';
import { mergeLayers } from '../scan/merge.js';
import type { EngineClient } from '../source/engine/client.js';
import type { LayerResult } from '../source/layer-walk.js';
import { runAnalyzers } from '../source/run-analyzers.js';
import type { Change } from './classify.js';
import { readContainerPath } from './container-files.js';

const LIST = /^\/var\/lib\/dpkg\/info\/([^/]+?)(?::([a-z0-9-]+))?\.list$/;
const MAX_DB = 64 * 1024 * 1024;

export interface PackageChange {
  change: Change;
  package: Package;
  /** The dpkg file whose change says so. */
  evidence: string;
}

export interface RuntimePackages {
  os?: OSInfo;
  changes: PackageChange[];
  warnings: ScanWarning[];
}

/** dpkg packages whose file list the container added, rewrote or deleted. */
export async function runtimePackages(client: EngineClient, id: string, changed: { path: string; change: Change }[]): Promise<RuntimePackages> {
  const lists = changed.map((c) => ({ ...c, m: LIST.exec(c.path) })).filter((c) => c.m);
  const warnings: ScanWarning[] = [];
  for (const db of ['/lib/apk/db/installed', '/var/lib/rpm/rpmdb.sqlite', '/var/lib/rpm/Packages', '/usr/lib/sysimage/rpm/rpmdb.sqlite']) {
    if (changed.some((c) => c.path === db)) warnings.push({ what: 'package database changed at run time; packages are named for dpkg only (apk and rpm keep no per-package trace to compare)', where: db });
  }
  if (!lists.length) return { changes: [], warnings };
  // The inventory pipeline itself, on the few files that matter, so packages get the same
  // ecosystem, PURL and source package as in an image scan.
  const analyzers = analyzersFor(['os', 'os-pkg'], 'image');
  const layer: LayerResult = { diffID: 'container', compression: 'none', paths: [], whiteouts: [], opaqueDirs: [], analyses: [], observed: [], bytes: 0, files: 0 };
  for (const path of [...Object.keys(RELEASE_FILES), 'var/lib/dpkg/status']) {
    const f = await readContainerPath(client, id, `/${path}`, MAX_DB);
    if (!f || f.type !== 'file' || !f.complete) continue;
    const info = { size: f.size, mode: f.mode };
    const wanted = analyzers.filter((a) => a.wants(path, info));
    layer.paths.push(path);
    await runAnalyzers(wanted, { path, ...info, content: f.head }, layer.analyses);
  }
  const inv = buildInventory(mergeLayers([layer]));
  warnings.push(...inv.warnings);
  const current = new Map(inv.packages.map((p) => [`${p.name}:${p.arch ?? ''}`, p]));
  const byName = new Map(inv.packages.map((p) => [p.name, p]));
  let old: Map<string, { version: string; arch?: string }> | undefined;
  const changes: PackageChange[] = [];
  for (const l of lists) {
    const [, name, arch] = l.m!;
    if (l.change !== 'deleted') {
      const p = (arch ? current.get(`${name}:${arch}`) : undefined) ?? byName.get(name);
      if (p) changes.push({ change: l.change, package: p, evidence: l.path });
      else warnings.push({ what: `dpkg file list of "${name}" changed but the package is not installed now`, where: l.path });
      continue;
    }
    if (byName.has(name)) continue; // list gone but package present: a rename (multi-arch), not a removal
    old ??= await previousVersions(client, id);
    const prev = old.get(name);
    const ecosystem = inv.packages.find((p) => p.ecosystem !== 'dpkg')?.ecosystem ?? (inv.os ? capitalise(inv.os.family) : 'dpkg');
    changes.push({
      change: 'deleted',
      package: { name, version: prev?.version ?? '', ecosystem, purl: '', locations: [{ path: 'var/lib/dpkg/status' }], licenses: [], ...(prev?.arch ? { arch: prev.arch } : {}) },
      evidence: l.path,
    });
  }
  return { os: inv.os, changes, warnings };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

async function previousVersions(client: EngineClient, id: string): Promise<Map<string, { version: string; arch?: string }>> {
  const f = await readContainerPath(client, id, '/var/lib/dpkg/status-old', MAX_DB);
  const out = new Map<string, { version: string; arch?: string }>();
  if (!f || !f.complete) return out;
  for (const e of parseDpkgStatus(f.head.toString('utf8'))) if (e.version) out.set(e.package, { version: e.version, arch: e.architecture });
  return out;
}
