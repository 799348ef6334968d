import { RELEASE_FILE_RANK } from '../analyze/os/release-files.js';
import type { AnalysisResult } from '../analyze/types.js';
import type { Finding, OSInfo, Package, ScanWarning } from '../core/types.js';
import type { FileAnalysis, LayerResult } from '../source/layer-walk.js';

/** The image's filesystem as the top layer sees it, with what the analyzers found in it. */
export interface MergedInventory {
  os?: OSInfo;
  /** Where the OS came from (for reports and debugging). */
  osPath?: string;
  packages: Package[];
  findings: Finding[];
  warnings: ScanWarning[];
  /** Final path → index of the layer that last wrote it. */
  files: Map<string, number>;
  /** File (no leading slash) → the OS package that installed it, from separate file lists. */
  owners: Map<string, string>;
  /** Debian maven-repo POMs still present (see analyze/java/maven-repo.ts). */
  mavenPoms: NonNullable<AnalysisResult['mavenPoms']>;
}

interface Version {
  layer: number;
  analyses: FileAnalysis[];
}

function removeTree(files: Map<string, number>, history: Map<string, Version[]>, dir: string, keepSelf: boolean) {
  const prefix = dir === '' ? '' : dir + '/';
  for (const p of [...files.keys()]) {
    if ((!keepSelf && p === dir) || p.startsWith(prefix)) {
      files.delete(p);
      history.get(p)?.push({ layer: -1, analyses: [] }); // a tombstone: the file is gone from here on
    }
  }
}

const osRank = (path: string) => {
  const i = RELEASE_FILE_RANK.indexOf(path);
  return i === -1 ? RELEASE_FILE_RANK.length : i;
};

/**
 * os-release says "12", debian_version "12.5"; alpine-release gives the patch level too. Take the
 * family from the best-ranked file, and a longer version of the same release from any other.
 */
function mergeOs(found: { path: string; os: OSInfo }[]): { os?: OSInfo; path?: string } {
  if (found.length === 0) return {};
  found.sort((a, b) => osRank(a.path) - osRank(b.path));
  const best = { ...found[0].os };
  for (const f of found.slice(1)) {
    if (f.os.family !== best.family) continue;
    if (f.os.version.startsWith(best.version + '.') || (!best.version && f.os.version)) best.version = f.os.version;
    best.codename ??= f.os.codename;
    best.eol ??= f.os.eol;
    best.eolSource ??= f.os.eolSource;
  }
  return { os: best, path: found[0].path };
}

const pkgKey = (p: Package) => `${p.ecosystem}\0${p.name}\0${p.version}\0${p.arch ?? ''}`;

/**
 * Applies layers bottom-up (whiteouts and opaque directories delete what lies below), then reads
 * the analysis results of the files that survive. A package's layer is the earliest layer from
 * which every later version of its DB file still lists it at the same version: the layer that
 * introduced or last changed it. Secrets are kept from every layer, since a file deleted later is
 * still in the image; they say so.
 */
export function mergeLayers(layers: LayerResult[]): MergedInventory {
  const files = new Map<string, number>();
  const history = new Map<string, Version[]>();
  const byPaths = layers.map((layer) => {
    const byPath = new Map<string, FileAnalysis[]>();
    for (const a of layer.analyses) {
      const list = byPath.get(a.path);
      if (list) list.push(a);
      else byPath.set(a.path, [a]);
    }
    return byPath;
  });
  // Only paths some layer analysed need their history (most of an image's files have none).
  const analysed = new Set<string>();
  for (const byPath of byPaths) for (const p of byPath.keys()) analysed.add(p);
  layers.forEach((layer, i) => {
    for (const d of layer.opaqueDirs) removeTree(files, history, d, true);
    for (const w of layer.whiteouts) removeTree(files, history, w, false);
    const byPath = byPaths[i];
    for (const p of layer.paths) {
      files.set(p, i);
      if (!analysed.has(p)) continue;
      const v: Version = { layer: i, analyses: byPath.get(p) ?? [] };
      const h = history.get(p);
      if (h) h.push(v);
      else history.set(p, [v]);
    }
  });

  const warnings: ScanWarning[] = [];
  const findings: Finding[] = [];
  const packages: Package[] = [];
  const osFound: { path: string; os: OSInfo }[] = [];
  const owners = new Map<string, string>();
  const mavenPoms: MergedInventory['mavenPoms'] = [];

  for (const [path, versions] of history) {
    const top = versions[versions.length - 1];
    const alive = files.has(path) && top.layer >= 0;
    // Secrets: every version of the file, in every layer, alive or not.
    for (const v of versions) {
      for (const a of v.analyses) {
        for (const f of a.result.findings ?? []) {
          if (f.kind !== 'secret') continue;
          const removed = !alive || v !== top;
          findings.push(removed ? { ...f, removedInLaterLayer: true, title: `${f.title} (removed in a later layer)` } : f);
        }
      }
    }
    if (!alive) continue;
    for (const a of top.analyses) {
      const r: AnalysisResult = a.result;
      if (r.os) osFound.push({ path, os: r.os });
      for (const o of r.ownedFiles ?? []) for (const f of o.files) owners.set(f, o.package);
      mavenPoms.push(...(r.mavenPoms ?? []));
      for (const w of r.warnings ?? []) warnings.push(w);
      for (const f of r.findings ?? []) if (f.kind !== 'secret') findings.push(f);
      for (const p of r.packages ?? []) {
        packages.push(attributeLayer(p, path, a.analyzer, versions, layers));
      }
    }
  }
  // Header-only observations (setuid files…) count only for files still present.
  layers.forEach((layer, i) => {
    for (const w of layer.warnings ?? []) warnings.push(w);
    for (const o of layer.observed) {
      if (files.get(o.path) !== i) continue;
      for (const f of o.result.findings ?? []) findings.push(f);
      for (const w of o.result.warnings ?? []) warnings.push(w);
    }
  });
  const { os, path: osPath } = mergeOs(osFound);
  return { os, osPath, packages, findings, warnings, files, owners, mavenPoms };
}

function attributeLayer(p: Package, path: string, analyzer: string, versions: Version[], layers: LayerResult[]): Package {
  const key = pkgKey(p);
  let earliest = versions.length - 1;
  for (let j = versions.length - 2; j >= 0; j--) {
    const v = versions[j];
    if (v.layer < 0) break;
    const listed = v.analyses.some((a) => a.analyzer === analyzer && (a.result.packages ?? []).some((q) => pkgKey(q) === key));
    if (!listed) break;
    earliest = j;
  }
  const layerID = layers[versions[earliest].layer].diffID || undefined; // '' for a directory scan
  const at = (l: Package['locations'][number]) => (layerID ? { ...l, layer: layerID } : l);
  const locations = p.locations.length ? p.locations.map((l, i) => (i === 0 ? at(l) : l)) : [at({ path })];
  return { ...p, locations };
}
